"""What changed between two extraction outputs (or an output and a gold set).

Documents are paired like `iku eval` does (file stem, then `source_file`
stem). Records of a document are aligned by content, not by position: first
within each group (same normalised `group` text), then the rest across
groups, each time with `pipeline.evaluate.pair_records` (one-to-one, by
indikator similarity). So an inserted row is one added record and a reordered
table is no change at all. A paired record whose compared fields differ is
"changed", with a word-level diff (difflib) per changed field.

Compared: the document fields, and per record `group`, the FORMAT.md
indicator fields, every `extra` column, and, when both sides carry them, the
typed `targets` ("targets[COLUMN]": a changed kind, year, value or unit is a
changed field even when the printed text is the same). Provenance, confidence and the
extraction block are not compared. Values are equal when their texts are
equal after collapsing whitespace, or with `normalised=True` after
`pipeline.evaluate.comparable_text` (case, punctuation and spacing ignored).

    result = diff_sources("output/v1", "output/v2")
    result.identical, result.summary(), result.to_dict()
"""
from __future__ import annotations

import difflib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from iku.pipeline.evaluate import DOCUMENT_FIELDS, EXTRA_FIELD, FIELDS, GROUP_FIELD, comparable_text, pair_records
from iku.pipeline.qa.sources import load_documents, pair_sources

RECORD_FIELDS: tuple[str, ...] = (GROUP_FIELD,) + FIELDS
# shown with an added / removed record (what a reader needs to recognise it)
SUMMARY_FIELDS: tuple[str, ...] = ("group", "no", "sasaran", "indikator")


def as_text(value: Any) -> str:
    """A field value as one line of text (None → "")."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(as_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return " ".join(str(value).split())


def word_diff(a: Any, b: Any) -> list[tuple[str, str]]:
    """Word-level diff of two values: ("=", same words), ("-", words only in a), ("+", words only in b)."""
    aw, bw = as_text(a).split(), as_text(b).split()
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, aw, bw, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append(("=", " ".join(aw[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", " ".join(aw[i1:i2])))
        if j2 > j1:
            ops.append(("+", " ".join(bw[j1:j2])))
    return ops


@dataclass
class FieldChange:
    field: str  # "agency", "sasaran", "extra[HEADER]"
    a: Any
    b: Any

    @property
    def words(self) -> list[tuple[str, str]]:
        return word_diff(self.a, self.b)

    def to_dict(self) -> dict:
        return {"field": self.field, "a": self.a, "b": self.b, "words": [list(w) for w in self.words]}


@dataclass
class RecordChange:
    a_index: int
    b_index: int
    similarity: float  # of the indikator texts, 0..100
    indikator: Any  # as in a
    fields: list[FieldChange]

    def to_dict(self) -> dict:
        return {"a_index": self.a_index, "b_index": self.b_index, "similarity": round(self.similarity, 1),
                "indikator": self.indikator, "fields": [f.to_dict() for f in self.fields]}


def _summary(rec: dict) -> dict:
    return {f: rec.get(f) for f in SUMMARY_FIELDS}


@dataclass
class DocumentDiff:
    name: str
    a_path: Optional[str]
    b_path: Optional[str]
    status: str  # identical / changed / added (only in b) / removed (only in a)
    document_fields: list[FieldChange] = field(default_factory=list)
    added: list[tuple[int, dict]] = field(default_factory=list)  # (index in b, record)
    removed: list[tuple[int, dict]] = field(default_factory=list)  # (index in a, record)
    changed: list[RecordChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def counts(self) -> dict[str, int]:
        return {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed),
                "unchanged": self.unchanged, "document_fields": len(self.document_fields)}

    def to_dict(self) -> dict:
        return {"name": self.name, "a_path": self.a_path, "b_path": self.b_path, "status": self.status,
                "counts": self.counts,
                "document_fields": [f.to_dict() for f in self.document_fields],
                "added": [{"b_index": j, **_summary(r)} for j, r in self.added],
                "removed": [{"a_index": i, **_summary(r)} for i, r in self.removed],
                "changed": [c.to_dict() for c in self.changed]}


@dataclass
class DiffResult:
    a: str
    b: str
    documents: list[DocumentDiff] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return all(d.status == "identical" for d in self.documents)

    def summary(self) -> dict[str, int]:
        out = {"documents": len(self.documents)}
        for status in ("identical", "changed", "added", "removed"):
            out[f"documents_{status}"] = sum(d.status == status for d in self.documents)
        for key in ("added", "removed", "changed", "unchanged", "document_fields"):
            out[f"records_{key}" if key != "document_fields" else "document_fields_changed"] = \
                sum(d.counts[key] for d in self.documents)
        out["fields_changed"] = sum(len(c.fields) for d in self.documents for c in d.changed)
        return out

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "identical": self.identical, "summary": self.summary(),
                "documents": [d.to_dict() for d in self.documents]}


# --------------------------------------------------------------------------- comparison


def _key(value: Any, normalised: bool) -> str:
    return comparable_text(value) if normalised else as_text(value)


def _extra(rec: dict) -> dict:
    ex = rec.get(EXTRA_FIELD)
    return ex if isinstance(ex, dict) else {}


def record_changes(a: dict, b: dict, normalised: bool = False) -> list[FieldChange]:
    """The compared fields of two records that differ (extra columns as "extra[HEADER]")."""
    out = [FieldChange(f, a.get(f), b.get(f)) for f in RECORD_FIELDS
           if _key(a.get(f), normalised) != _key(b.get(f), normalised)]
    ea, eb = _extra(a), _extra(b)
    # headers matched on their text as compared (so a re-spaced header is the same column)
    ka = {_key(k, normalised): k for k in ea}
    kb = {_key(k, normalised): k for k in eb}
    for k in list(ka) + [k for k in kb if k not in ka]:
        va, vb = ea.get(ka[k]) if k in ka else None, eb.get(kb[k]) if k in kb else None
        if _key(va, normalised) != _key(vb, normalised):
            out.append(FieldChange(f"{EXTRA_FIELD}[{ka.get(k) or kb.get(k)}]", va, vb))
    if isinstance(a.get("targets"), list) and isinstance(b.get("targets"), list):
        changed_extra = {c.field for c in out}
        ta, tb = _targets(a), _targets(b)
        for col in list(ta) + [c for c in tb if c not in ta]:
            if f"{EXTRA_FIELD}[{col}]" in changed_extra:
                continue  # the printed text changed: shown once, as the extra column
            if ta.get(col) != tb.get(col):
                out.append(FieldChange(f"targets[{col}]", ta.get(col), tb.get(col)))
    return out


def _target_text(t: dict) -> str:
    """A typed target as one comparable line: "target 2024: 76,50 = 76.5 %"."""
    when = f"{t.get('year') or '?'}" + (f" TW{t['quarter']}" if t.get("quarter") else "")
    value = "" if t.get("value") is None else f" = {t['value']:g}"
    unit = f" {t['unit']}" if t.get("unit") else ""
    return f"{t.get('kind')} {when}: {as_text(t.get('value_text'))}{value}{unit}"


def _targets(rec: dict) -> dict[str, str]:
    """A record's typed targets by column (the compared form of its `targets`)."""
    out: dict[str, str] = {}
    for t in rec.get("targets") or []:
        if isinstance(t, dict):
            col = as_text(t.get("column"))
            out[col] = (out[col] + " | " if col in out else "") + _target_text(t)
    return out


def align_records(a: list[dict], b: list[dict]) -> list[tuple[int, int, float]]:
    """(i in a, j in b, indikator similarity) of the records that are the same record:
    paired within each group first, then across groups (a renamed group)."""
    ga: dict[str, list[int]] = defaultdict(list)
    gb: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(a):
        ga[comparable_text(r.get(GROUP_FIELD))].append(i)
    for j, r in enumerate(b):
        gb[comparable_text(r.get(GROUP_FIELD))].append(j)
    pairs: list[tuple[int, int, float]] = []
    for g in ga.keys() & gb.keys():
        ia, ib = ga[g], gb[g]
        pairs += [(ia[i], ib[j], s) for i, j, s in pair_records([a[k] for k in ia], [b[k] for k in ib])]
    done_a, done_b = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
    ra = [i for i in range(len(a)) if i not in done_a]
    rb = [j for j in range(len(b)) if j not in done_b]
    pairs += [(ra[i], rb[j], s) for i, j, s in pair_records([a[k] for k in ra], [b[k] for k in rb])]
    return sorted(pairs)


def _records(doc: Optional[dict]) -> list[dict]:
    return [r if isinstance(r, dict) else {} for r in ((doc or {}).get("indicators") or [])]


def diff_documents(a: Optional[dict], b: Optional[dict], name: str = "document", a_path: Optional[str] = None,
                   b_path: Optional[str] = None, normalised: bool = False) -> DocumentDiff:
    """The diff of one document (a None side: the document exists only on the other side)."""
    ra, rb = _records(a), _records(b)
    if a is None or b is None:
        d = DocumentDiff(name, a_path, b_path, "added" if a is None else "removed")
        d.added = list(enumerate(rb))
        d.removed = list(enumerate(ra))
        return d
    d = DocumentDiff(name, a_path, b_path, "identical")
    ma, mb = a.get("document") or {}, b.get("document") or {}
    d.document_fields = [FieldChange(f, ma.get(f), mb.get(f)) for f in DOCUMENT_FIELDS
                         if _key(ma.get(f), normalised) != _key(mb.get(f), normalised)]
    pairs = align_records(ra, rb)
    for i, j, s in pairs:
        changes = record_changes(ra[i], rb[j], normalised)
        if changes:
            d.changed.append(RecordChange(i, j, s, ra[i].get("indikator"), changes))
        else:
            d.unchanged += 1
    pa, pb = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
    d.removed = [(i, r) for i, r in enumerate(ra) if i not in pa]
    d.added = [(j, r) for j, r in enumerate(rb) if j not in pb]
    if d.document_fields or d.changed or d.added or d.removed:
        d.status = "changed"
    return d


def diff_sources(a: Union[str, Path], b: Union[str, Path], normalised: bool = False) -> DiffResult:
    """Diff two sources (file, folder, dataset); raises SourceError for an unreadable one."""
    docs_a, single_a = load_documents(a)
    docs_b, single_b = load_documents(b)
    result = DiffResult(str(a), str(b))
    pairs = pair_sources(docs_a, docs_b, single=single_a and single_b)
    # one file against a folder: that document only, not the rest of the folder
    pairs = [(x, y) for x, y in pairs if not (single_a and x is None or single_b and y is None)]
    for x, y in pairs:
        name = (x or y).name
        result.documents.append(diff_documents(x.data if x else None, y.data if y else None, name=name,
                                               a_path=x.path if x else None, b_path=y.path if y else None,
                                               normalised=normalised))
    return result
