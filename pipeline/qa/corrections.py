"""A reviewer's corrections (exported from the review page) applied to an extraction output.

Corrections file (version 1):

    {"iku_corrections": 1, "source_file": "002_x.pdf", "created": "2024-05-01T10:00:00Z",
     "corrections": [
       {"target": "record", "record": 3, "indikator": "Angka PMKS", "field": "sasaran",
        "old": "Menurunnya PMKS", "new": "Menurunnya Penyandang Masalah Kesejahteraan Sosial"},
       {"target": "record", "record": 7, "indikator": "Jumlah X", "delete": true},
       {"target": "record", "record": 2, "indikator": "Nilai SAKIP", "field": "targets",
        "column": "Target / 2024", "old": "76,50", "new": "76,60"},
       {"target": "document", "field": "agency", "old": null, "new": "Dinas Sosial Kota Depok"}]}

`record` is the record's index in the reviewed output and `indikator` its
indikator as reviewed; when the index no longer points at that record (the
output was re-extracted) the record is found by its indikator. `old` is the
value the reviewer saw: a correction whose field no longer holds it is a
conflict (reported, nothing written) unless forced. An empty `new` clears the
field. A `targets` correction names the target column (`column`): the column's text in
`extra` and its typed entry change together. Corrected records get `review_corrections` ([{field, old}]); `gold=True`
writes the bare FORMAT.md shape instead.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from iku.pipeline.evaluate import DOCUMENT_FIELDS, comparable_text
from iku.normalizers.schema import INDICATOR_FIELDS
from iku.normalizers.targets import classify as classify_target_column, column_text, set_target
from iku.pipeline.qa.diff import as_text
from iku.pipeline.qa.sources import document_digest, known_sha256, load_documents, read_document
from iku.pipeline.writers import atomic_write_bytes

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
        if field == "targets":  # one typed target value: its column's text and entry
            rec, column = records[i], c.get("column")
            if not isinstance(column, str) or classify_target_column(column) is None:
                problems.append(f"{where}: {column!r} is no target column")
                continue
            seen = column_text(rec, column)
            if "old" in c and not _same(seen, c["old"]) and not force:
                problems.append(f"{where}: record #{i} {column} is {seen!r}, the review saw {c['old']!r}")
                continue
            rec.setdefault("review_corrections", []).append({"field": "targets", "column": column, "old": seen})
            set_target(rec, column, _value(field, c.get("new")), meta)
            applied += 1
            continue
        if field == "extra":  # a column mapped to no field: its text in `extra` under its header
            rec, column = records[i], c.get("column")
            extra = rec.get("extra") if isinstance(rec.get("extra"), dict) else {}
            if not isinstance(column, str) or not column:
                problems.append(f"{where}: an extra correction names no column")
                continue
            if "old" in c and not _same(extra.get(column), c["old"]) and not force:
                problems.append(f"{where}: record #{i + 1} extra {column!r} is {extra.get(column)!r}, "
                                f"the review saw {c['old']!r}")
                continue
            rec.setdefault("review_corrections", []).append({"field": "extra", "column": column,
                                                             "old": extra.get(column)})
            value = _value(field, c.get("new"))
            rec["extra"] = {k: v for k, v in extra.items() if k != column or value is not None}
            if value is not None:
                rec["extra"][column] = value
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


def check_identity(doc: dict, corrections: dict, doc_name: str, corrections_name: str, force: bool = False,
                   doc_sha256: Optional[str] = None) -> None:
    """Corrections belong to the extraction they were made on: the same source file, the same PDF
    (SHA-256, where both sides know it) and the same reviewed extraction (its digest; --force accepts a
    re-extraction of the same document, each correction then checked against the value the review saw).
    CorrectionError, one line, on a mismatch."""
    src = (doc.get("document") or {}).get("source_file")
    theirs = corrections.get("source_file")
    if theirs and src and str(theirs) != str(src):
        raise CorrectionError(f"{corrections_name}: corrections for {theirs!r}, but {doc_name} is the extraction "
                              f"of {src!r}: not applied")
    sha = corrections.get("document_sha256")
    if sha and doc_sha256 and sha != doc_sha256:
        raise CorrectionError(f"{corrections_name}: corrections for the PDF with SHA-256 {sha[:12]}…, but "
                              f"{doc_name} comes from {doc_sha256[:12]}…: not applied")
    reviewed = corrections.get("reviewed")
    if reviewed and reviewed != document_digest(doc) and not force:
        raise CorrectionError(f"{corrections_name}: made on another extraction (digest {reviewed}) than {doc_name} "
                              f"({document_digest(doc)}): apply them to the reviewed JSON the review wrote, or "
                              f"--force to apply them to this one")


def apply_to_path(output: Union[str, Path], correction_files: list[Path], dest: Union[str, Path],
                  gold: bool = False, force: bool = False) -> tuple[list[Path], int]:
    """Apply corrections files to an output file (→ dest file) or folder (→ dest folder, every document,
    each corrections file applied to the document it was made on: its reviewed digest, else its PDF's
    SHA-256, else its `source_file` when one document has it). Every corrections file is checked
    against its document first (`check_identity`)."""
    output, dest = Path(output), Path(dest)
    sets = [(p, read_corrections(p)) for p in correction_files]
    if output.is_file():
        doc = read_document(output)
        for p, data in sets:
            check_identity(doc, data, str(output), str(p), force=force, doc_sha256=known_sha256(output, doc))
        items = [c for _, data in sets for c in data["corrections"]]
        corrected, applied = apply_corrections(doc, items, force=force, gold=gold)
        _write(dest, corrected)
        return [dest], applied
    docs, _ = load_documents(output)
    todo: dict[int, list[dict]] = {}
    for p, data in sets:
        src = str(data.get("source_file"))
        hits = [d for d in docs if data.get("reviewed") and document_digest(d.data) == data.get("reviewed")]
        if not hits and data.get("document_sha256"):
            hits = [d for d in docs if known_sha256(d.path, d.data) == data["document_sha256"]]
        if not hits:
            hits = [d for d in docs if str((d.data.get("document") or {}).get("source_file")) == src]
        if not hits:
            raise CorrectionError(f"{p}: no document with source_file {src!r} in {output}")
        if len(hits) > 1:
            raise CorrectionError(f"{p}: {len(hits)} documents in {output} could be the one reviewed "
                                  f"(source_file {src!r}); apply the corrections to its JSON file alone")
        check_identity(hits[0].data, data, str(hits[0].path), str(p), force=force,
                       doc_sha256=known_sha256(hits[0].path, hits[0].data))
        todo.setdefault(id(hits[0]), []).extend(data["corrections"])
    results, problems, total = [], [], 0
    for d in docs:  # everything checked before anything is written
        try:
            corrected, applied = apply_corrections(d.data, todo.get(id(d), []), force=force, gold=gold)
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
