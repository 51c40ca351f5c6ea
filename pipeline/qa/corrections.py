"""A reviewer's corrections (exported from the review page) applied to an extraction output.

Corrections file (version 1):

    {"iku_corrections": 1, "source_file": "002_x.pdf", "created": "2024-05-01T10:00:00Z",
     "corrections": [
       {"target": "record", "record": 3, "indikator": "Angka PMKS", "field": "sasaran",
        "old": "Menurunnya PMKS", "new": "Menurunnya Penyandang Masalah Kesejahteraan Sosial"},
       {"target": "record", "record": 7, "indikator": "Jumlah X", "delete": true},
       {"target": "document", "field": "agency", "old": null, "new": "Dinas Sosial Kota Depok"}]}

`record` is the record's index in the reviewed output and `indikator` its
indikator as reviewed; when the index no longer points at that record (the
output was re-extracted) the record is found by its indikator. `old` is the
value the reviewer saw: a correction whose field no longer holds it is a
conflict (reported, nothing written) unless forced. An empty `new` clears the
field. Corrected records get `review_corrections` ([{field, old}]); `gold=True`
writes the bare FORMAT.md shape instead.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from pipeline.evaluate import DOCUMENT_FIELDS, comparable_text
from normalizers.schema import INDICATOR_FIELDS
from pipeline.qa.diff import as_text
from pipeline.qa.sources import load_documents, read_document
from pipeline.writers import atomic_write_bytes

CORRECTIONS_VERSION = 1
EDITABLE_FIELDS = tuple(f for f in INDICATOR_FIELDS if f != "extra")
INTEGER_FIELDS = ("period_start", "period_end")


class CorrectionError(Exception):
    """Corrections that cannot be applied (the reasons, one per line)."""


def read_corrections(path: Union[str, Path]) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorrectionError(f"{path}: not readable JSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("corrections"), list):
        raise CorrectionError(f"{path}: not an iku corrections file (no 'corrections' list)")
    if data.get("iku_corrections", CORRECTIONS_VERSION) != CORRECTIONS_VERSION:
        raise CorrectionError(f"{path}: corrections version {data.get('iku_corrections')} is not supported")
    return data


def _value(field: str, new: Any) -> Any:
    if new is None:
        return None
    text = str(new).strip()
    if not text:
        return None
    if field in INTEGER_FIELDS and text.isdigit():
        return int(text)
    return text


def _same(a: Any, b: Any) -> bool:
    return as_text(a) == as_text(b)


def _find_record(records: list[dict], c: dict) -> Optional[int]:
    """The index of the record a correction means: its index if the indikator still agrees,
    else the one record with that indikator."""
    i, ind = c.get("record"), c.get("indikator", ...)
    if isinstance(i, int) and 0 <= i < len(records):
        if ind is ... or comparable_text(records[i].get("indikator")) == comparable_text(ind):
            return i
    if ind is ...:
        return None
    hits = [k for k, r in enumerate(records) if comparable_text(r.get("indikator")) == comparable_text(ind)]
    if len(hits) > 1 and c.get("field") and "old" in c:
        hits = [k for k in hits if _same(records[k].get(c["field"]), c["old"])]
    return hits[0] if len(hits) == 1 else None


def apply_corrections(doc: dict, corrections: Iterable[dict], force: bool = False,
                      gold: bool = False) -> tuple[dict, int]:
    """(corrected copy of doc, number of corrections applied); CorrectionError lists every conflict."""
    out = copy.deepcopy(doc)
    records = out.get("indicators") or []
    meta = out.setdefault("document", {})
    problems: list[str] = []
    deletes: set[int] = set()
    applied = 0
    for n, c in enumerate(corrections, 1):
        where = f"correction {n}"
        if not isinstance(c, dict):
            problems.append(f"{where}: not an object")
            continue
        target, field = c.get("target", "record"), c.get("field")
        if target == "document":
            if field not in DOCUMENT_FIELDS or field == "source_file":
                problems.append(f"{where}: unknown document field {field!r}")
                continue
            if "old" in c and not _same(meta.get(field), c["old"]) and not force:
                problems.append(f"{where}: document.{field} is {meta.get(field)!r}, the review saw {c['old']!r}")
                continue
            meta[field] = _value(field, c.get("new"))
            applied += 1
            continue
        if target != "record":
            problems.append(f"{where}: unknown target {target!r}")
            continue
        i = _find_record(records, c)
        if i is None:
            problems.append(f"{where}: no record #{c.get('record')} with indikator {c.get('indikator')!r}")
            continue
        if c.get("delete"):
            deletes.add(i)
            applied += 1
            continue
        if field not in EDITABLE_FIELDS:
            problems.append(f"{where}: unknown record field {field!r}")
            continue
        rec = records[i]
        if "old" in c and not _same(rec.get(field), c["old"]) and not force:
            problems.append(f"{where}: record #{i} {field} is {rec.get(field)!r}, the review saw {c['old']!r}")
            continue
        rec.setdefault("review_corrections", []).append({"field": field, "old": rec.get(field)})
        rec[field] = _value(field, c.get("new"))
        applied += 1
    if problems:
        raise CorrectionError("\n".join(problems))
    out["indicators"] = [r for k, r in enumerate(records) if k not in deletes]
    if gold:
        out = {"document": {k: v for k, v in meta.items()},
               "indicators": [{f: r.get(f, {} if f == "extra" else None) for f in INDICATOR_FIELDS}
                              for r in out["indicators"]]}
    return out, applied


def apply_to_path(output: Union[str, Path], correction_files: list[Path], dest: Union[str, Path],
                  gold: bool = False, force: bool = False) -> tuple[list[Path], int]:
    """Apply corrections files to an output file (→ dest file) or folder (→ dest folder, every document,
    each corrections file applied to the document of its `source_file`)."""
    output, dest = Path(output), Path(dest)
    sets = [(p, read_corrections(p)) for p in correction_files]
    if output.is_file():
        doc = read_document(output)
        items = [c for _, data in sets for c in data["corrections"]]
        corrected, applied = apply_corrections(doc, items, force=force, gold=gold)
        _write(dest, corrected)
        return [dest], applied
    docs, _ = load_documents(output)
    by_source = {str((d.data.get("document") or {}).get("source_file")): d for d in docs}
    todo: dict[str, list[dict]] = {}
    for p, data in sets:
        src = str(data.get("source_file"))
        if src not in by_source:
            raise CorrectionError(f"{p}: no document with source_file {src!r} in {output}")
        todo.setdefault(src, []).extend(data["corrections"])
    results, problems, total = [], [], 0
    for d in docs:  # everything checked before anything is written
        src = str((d.data.get("document") or {}).get("source_file"))
        try:
            corrected, applied = apply_corrections(d.data, todo.get(src, []), force=force, gold=gold)
        except CorrectionError as exc:
            problems += [f"{d.name}: {line}" for line in str(exc).splitlines()]
            continue
        total += applied
        results.append((dest / f"{d.name}.json", corrected))
    if problems:
        raise CorrectionError("\n".join(problems))
    for path, corrected in results:
        _write(path, corrected)
    return [p for p, _ in results], total


def _write(path: Path, doc: dict) -> None:
    atomic_write_bytes(path, (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
