"""Score extracted IKU JSON against gold JSON (the "Scoring" section of FORMAT.md).

Records of one document are paired by their `indikator` text with a one-to-one
assignment (Hungarian method over `rapidfuzz.fuzz.ratio` of normalised texts);
a pair whose indikator similarity reaches `SIMILARITY_THRESHOLD` is a matched
record. Over matched records every scored field is compared the same way:

    gold filled, pred filled, similar   -> TP
    pred filled, gold empty / different -> FP
    gold filled, pred empty / different -> FN   (a wrong value is FP and FN)

The filled fields of unmatched gold records are FNs, those of unmatched
predicted records FPs. `group` (context) and `extra` (leftover columns) are
reported on their own and stay out of the micro figure. Document fields
(agency, period, decree, signatory) are scored as accuracy.

Usage:
    report = evaluate("gold/", "output/")      # directories, or single files
    print(format_report(report))
    json.dumps(report.to_dict())

    python -m pipeline.evaluate GOLD PRED [--json OUT] [--mismatches]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, NamedTuple, Optional, Union

import numpy as np
from rapidfuzz import fuzz, process
from scipy.optimize import linear_sum_assignment

from iku.normalizers.schema import CELL_FIELDS, DOCUMENT_FIELDS, INTEGER_DOCUMENT_FIELDS

# Two normalised texts are "the same" from this fuzz.ratio on (0..100).
SIMILARITY_THRESHOLD = 90.0

# Indicator fields scored field by field (and summed into the micro figure): CELL_FIELDS.
FIELDS = CELL_FIELDS
# Context of a record: reported as accuracy over matched pairs, not in micro.
GROUP_FIELD = "group"
EXTRA_FIELD = "extra"

# Compared for exact equality after normalisation (not fuzzily).
EXACT_DOCUMENT_FIELDS = frozenset({"decree_date", "signatory_nip"})
# Compared as numbers.
NUMERIC_DOCUMENT_FIELDS = INTEGER_DOCUMENT_FIELDS

# Record pairing weights (see `pair_records`): a matched pair is worth
# bonus + similarity + _CONTEXT_WEIGHT * context similarity, an unmatched one 0.
_CONTEXT_WEIGHT = 0.01

_WORD = re.compile(r"[^\W_]+")  # runs of Unicode letters / digits


# --------------------------------------------------------------------------- text


def comparable_text(text: Any) -> str:
    """The text values are compared by: lower case, Unicode letters and digits only,
    single spaces, stripped.

    None gives "". Non-strings are turned into text (a list is joined with
    spaces). NFKC folding first, so ligatures (U+FB01 "fi") and full-width forms
    read as their plain letters; "é" stays one letter.
    """
    if text is None:
        return ""
    if isinstance(text, (list, tuple)):
        text = " ".join(str(t) for t in text if t is not None)
    elif not isinstance(text, str):
        text = str(text)
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(_WORD.findall(text))


# the old name, still imported by tests/test_evaluate.py
normalise = comparable_text


def similarity(a: str, b: str) -> float:
    """fuzz.ratio of two already normalised texts; two empty texts are identical."""
    if not a and not b:
        return 100.0
    if not a or not b:
        return 0.0
    return float(fuzz.ratio(a, b))


def is_similar(a: str, b: str) -> bool:
    return similarity(a, b) >= SIMILARITY_THRESHOLD


# --------------------------------------------------------------------------- counts


@dataclass
class PRF:
    """True positives, false positives, false negatives and the ratios from them.

    With nothing expected and nothing produced every ratio is 1.0; a ratio whose
    denominator is 0 otherwise is 0.0 (nothing produced, or only wrong output).
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def add(self, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


@dataclass
class Tally:
    """Correct out of total; accuracy is None when there was nothing to judge."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(self.correct + other.correct, self.total + other.total)

    @property
    def accuracy(self) -> Optional[float]:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


def _record_dict(counts: PRF) -> dict:
    d = counts.to_dict()
    d.update(gold=counts.tp + counts.fn, pred=counts.tp + counts.fp, matched=counts.tp)
    return d


@dataclass
class DocumentScore:
    """The scores of one gold document against its prediction (if any)."""

    name: str
    gold_path: Optional[str] = None
    pred_path: Optional[str] = None
    missing: bool = False  # no prediction for this gold document
    n_gold: int = 0
    n_pred: int = 0
    # matched record pairs: (gold index, predicted index, indikator similarity)
    pairs: list[tuple[int, int, float]] = field(default_factory=list)
    # tp = matched, fp = predicted - matched, fn = gold - matched
    records: PRF = field(default_factory=PRF)
    fields: dict[str, PRF] = field(default_factory=lambda: {f: PRF() for f in FIELDS})
    group: Tally = field(default_factory=Tally)
    extra: PRF = field(default_factory=PRF)
    document_fields: dict[str, bool] = field(default_factory=dict)

    @property
    def micro(self) -> PRF:
        return sum(self.fields.values(), PRF())

    @property
    def document_accuracy(self) -> Tally:
        return Tally(sum(self.document_fields.values()), len(self.document_fields))

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "gold_path": self.gold_path,
            "pred_path": self.pred_path,
            "missing": self.missing,
            "records": _record_dict(self.records),
            "fields": {f: c.to_dict() for f, c in self.fields.items()},
            "micro": self.micro.to_dict(),
            "group": self.group.to_dict(),
            "extra": self.extra.to_dict(),
            "document_fields": {"per_field": dict(self.document_fields),
                                "overall": self.document_accuracy.to_dict()},
            "pairs": [list(p) for p in self.pairs],
        }


@dataclass
class Report:
    """Per-document scores; the totals are sums of counts over all documents."""

    documents: list[DocumentScore] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # gold documents without prediction
    unpaired_predictions: list[str] = field(default_factory=list)  # predictions without gold
    ignored_files: list[str] = field(default_factory=list)  # JSON that is not FORMAT.md shaped

    @property
    def records(self) -> PRF:
        return sum((d.records for d in self.documents), PRF())

    @property
    def fields(self) -> dict[str, PRF]:
        return {f: sum((d.fields[f] for d in self.documents), PRF()) for f in FIELDS}

    @property
    def micro(self) -> PRF:
        return sum((d.micro for d in self.documents), PRF())

    @property
    def group(self) -> Tally:
        return sum((d.group for d in self.documents), Tally())

    @property
    def extra(self) -> PRF:
        return sum((d.extra for d in self.documents), PRF())

    @property
    def document_fields(self) -> dict[str, Tally]:
        out = {f: Tally() for f in DOCUMENT_FIELDS}
        for d in self.documents:
            for f, ok in d.document_fields.items():
                out[f] = out[f] + Tally(int(ok), 1)
        return out

    @property
    def document_accuracy(self) -> Tally:
        return sum(self.document_fields.values(), Tally())

    def to_dict(self) -> dict:
        return {
            "totals": {
                "documents": len(self.documents),
                "records": _record_dict(self.records),
                "fields": {f: c.to_dict() for f, c in self.fields.items()},
                "micro": self.micro.to_dict(),
                "group": self.group.to_dict(),
                "extra": self.extra.to_dict(),
                "document_fields": {
                    "per_field": {f: t.to_dict() for f, t in self.document_fields.items()},
                    "overall": self.document_accuracy.to_dict(),
                },
            },
            "missing_documents": list(self.missing),
            "unpaired_predictions": list(self.unpaired_predictions),
            "ignored_files": list(self.ignored_files),
            "documents": [d.to_dict() for d in self.documents],
        }


# --------------------------------------------------------------------------- records


def _records(doc: Optional[dict]) -> list[dict]:
    if not doc:
        return []
    recs = doc.get("indicators") or []
    return [r if isinstance(r, dict) else {} for r in recs]


def _extra_map(record: dict) -> dict[str, str]:
    """Normalised key -> normalised value, filled values only (colliding keys joined)."""
    extra = record.get(EXTRA_FIELD)
    out: dict[str, str] = {}
    if not isinstance(extra, dict):
        return out
    for key, value in extra.items():
        v = comparable_text(value)
        if v:
            k = comparable_text(key)
            out[k] = f"{out[k]} {v}" if k in out else v
    return out


def _context_key(record: dict, name: str) -> str:
    if name == EXTRA_FIELD:
        # \x1e / \x1f cannot occur in normalised text, so equal keys mean equal maps
        return "\x1e".join(f"{k}\x1f{v}" for k, v in sorted(_extra_map(record).items()))
    return comparable_text(record.get(name))


_CONTEXT_FIELDS = tuple(f for f in FIELDS if f != "indikator") + (GROUP_FIELD, EXTRA_FIELD)


def _similarity_matrix(a: list[str], b: list[str]) -> np.ndarray:
    """`similarity` of every normalised a against every b, as a float64 matrix."""
    sim = process.cdist(a, b, scorer=fuzz.ratio, processor=None, dtype=np.float64)
    a_empty = np.array([not s for s in a], dtype=bool)[:, None]
    b_empty = np.array([not s for s in b], dtype=bool)[None, :]
    return np.where(a_empty & b_empty, 100.0, np.where(a_empty | b_empty, 0.0, sim))


def _context_matrix(gold_records: list[dict], pred_records: list[dict]) -> np.ndarray:
    """Mean similarity (0..100) of the fields other than indikator that either side fills."""
    total = np.zeros((len(gold_records), len(pred_records)))
    count = np.zeros_like(total)
    for name in _CONTEXT_FIELDS:
        g = [_context_key(r, name) for r in gold_records]
        p = [_context_key(r, name) for r in pred_records]
        filled = np.array([bool(s) for s in g])[:, None] | np.array([bool(s) for s in p])[None, :]
        if filled.any():
            total += np.where(filled, _similarity_matrix(g, p), 0.0)
            count += filled
    return np.where(count > 0, total / np.maximum(count, 1), 100.0)


def pair_records(gold_records: list[dict], pred_records: list[dict]) -> list[tuple[int, int, float]]:
    """One-to-one pairing of records by indikator; returns matched (gold i, pred j, similarity).

    The assignment maximises, in this order: the number of pairs whose
    indikator similarity reaches SIMILARITY_THRESHOLD, their summed similarity,
    and (to tell apart records with the same indikator text, e.g. one indicator
    listed in two tables) the similarity of their other fields.
    """
    n, m = len(gold_records), len(pred_records)
    if not n or not m:
        return []
    sim = _similarity_matrix([comparable_text(r.get("indikator")) for r in gold_records],
                             [comparable_text(r.get("indikator")) for r in pred_records])
    candidate = sim >= SIMILARITY_THRESHOLD
    if not candidate.any():
        return []
    # A matched pair outweighs any gain in similarity among fewer pairs: k + 1
    # pairs weigh at least (k+1)(bonus+90) > k(bonus+100+1) when bonus > 11k.
    bonus = 11.0 * (min(n, m) + 1)
    weight = np.where(candidate, bonus + sim, 0.0)
    # Context only matters for records with more than one candidate partner.
    amb_rows = candidate.sum(axis=1) > 1
    amb_cols = candidate.sum(axis=0) > 1
    rows = np.nonzero(amb_rows | candidate[:, amb_cols].any(axis=1))[0]
    cols = np.nonzero(amb_cols | candidate[amb_rows, :].any(axis=0))[0]
    if len(rows) and len(cols):
        ctx = _context_matrix([gold_records[i] for i in rows], [pred_records[j] for j in cols])
        sub = np.ix_(rows, cols)
        weight[sub] += np.where(candidate[sub], _CONTEXT_WEIGHT * ctx, 0.0)
    r_idx, c_idx = linear_sum_assignment(weight, maximize=True)
    return [(int(i), int(j), float(sim[i, j])) for i, j in zip(r_idx, c_idx) if candidate[i, j]]


def _outcome(g: str, p: str) -> tuple[int, int, int]:
    """(tp, fp, fn) of one normalised gold / predicted value."""
    if g and p:
        return (1, 0, 0) if is_similar(g, p) else (0, 1, 1)
    if p:
        return (0, 1, 0)
    if g:
        return (0, 0, 1)
    return (0, 0, 0)


def _score_extra(gold: dict, pred: dict) -> PRF:
    gm, pm = _extra_map(gold), _extra_map(pred)
    c = PRF()
    for k in set(gm) | set(pm):
        c.add(*_outcome(gm.get(k, ""), pm.get(k, "")))
    return c


# --------------------------------------------------------------------------- document fields


def _as_number(value: Any) -> Optional[float]:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+(\.\d+)?\s*", value):
        return float(value)
    return None


def document_field_correct(name: str, gold_value: Any, pred_value: Any) -> bool:
    """Whether a predicted document field equals the gold one (both empty counts as equal)."""
    g, p = comparable_text(gold_value), comparable_text(pred_value)
    if not g and not p:
        return True
    if not g or not p:
        return False
    if name in NUMERIC_DOCUMENT_FIELDS or isinstance(gold_value, (int, float)) and not isinstance(gold_value, bool):
        gn, pn = _as_number(gold_value), _as_number(pred_value)
        return gn is not None and gn == pn
    if name in EXACT_DOCUMENT_FIELDS:
        return g == p
    return is_similar(g, p)


# --------------------------------------------------------------------------- one document


def score_document(gold_doc: dict, pred_doc: Optional[dict], name: str = "document",
                   gold_path: Optional[str] = None, pred_path: Optional[str] = None) -> DocumentScore:
    """Score one gold document against its prediction; `pred_doc=None` means missing."""
    gold_recs, pred_recs = _records(gold_doc), _records(pred_doc)
    score = DocumentScore(name=name, gold_path=gold_path, pred_path=pred_path,
                          missing=pred_doc is None, n_gold=len(gold_recs), n_pred=len(pred_recs))
    score.pairs = pair_records(gold_recs, pred_recs)
    matched = len(score.pairs)
    score.records = PRF(matched, len(pred_recs) - matched, len(gold_recs) - matched)

    gold_paired = {i for i, _, _ in score.pairs}
    pred_paired = {j for _, j, _ in score.pairs}
    for i, j, _ in score.pairs:
        g, p = gold_recs[i], pred_recs[j]
        for f in FIELDS:
            score.fields[f].add(*_outcome(comparable_text(g.get(f)), comparable_text(p.get(f))))
        score.group.total += 1
        score.group.correct += is_similar(comparable_text(g.get(GROUP_FIELD)), comparable_text(p.get(GROUP_FIELD)))
        score.extra = score.extra + _score_extra(g, p)
    for i, g in enumerate(gold_recs):
        if i not in gold_paired:
            for f in FIELDS:
                score.fields[f].add(*_outcome(comparable_text(g.get(f)), ""))
            score.extra = score.extra + _score_extra(g, {})
    for j, p in enumerate(pred_recs):
        if j not in pred_paired:
            for f in FIELDS:
                score.fields[f].add(*_outcome("", comparable_text(p.get(f))))
            score.extra = score.extra + _score_extra({}, p)

    gold_meta = (gold_doc or {}).get("document") or {}
    pred_meta = None if pred_doc is None else (pred_doc.get("document") or {})
    for f in DOCUMENT_FIELDS:
        if pred_meta is None:
            score.document_fields[f] = False
        else:
            score.document_fields[f] = document_field_correct(f, gold_meta.get(f), pred_meta.get(f))
    return score


class Mismatch(NamedTuple):
    gold_index: Optional[int]  # None for a predicted record that no gold record matched
    field: str
    gold: Any
    pred: Any


def iter_field_mismatches(gold_doc: Union[dict, str, Path], pred_doc: Union[dict, str, Path],
                          include_group: bool = False,
                          include_extra: bool = False) -> Iterator[Mismatch]:
    """Yield (gold_record_index, field, gold_value, pred_value) for every field error.

    Matched pairs: each scored field that is not a TP though either side fills
    it. Unmatched gold records: each filled field, with pred_value None.
    Unmatched predicted records (last): each filled field, gold_record_index None.
    `include_group` adds group disagreements of matched pairs; `include_extra`
    adds extra columns as field "extra[<header>]".
    """
    gold_doc = _as_document(gold_doc)
    pred_doc = _as_document(pred_doc)
    gold_recs, pred_recs = _records(gold_doc), _records(pred_doc)
    pairs = {i: j for i, j, _ in pair_records(gold_recs, pred_recs)}
    fields = FIELDS + ((GROUP_FIELD,) if include_group else ())

    def extra_items(rec: dict) -> dict[str, tuple[str, Any]]:
        ex = rec.get(EXTRA_FIELD)
        return {comparable_text(k): (k, v) for k, v in ex.items()} if isinstance(ex, dict) else {}

    for i, g in enumerate(gold_recs):
        p = pred_recs[pairs[i]] if i in pairs else {}
        for f in fields:
            gv, pv = g.get(f), p.get(f)
            gn, pn = comparable_text(gv), comparable_text(pv)
            if f == GROUP_FIELD:
                if i in pairs and not is_similar(gn, pn):
                    yield Mismatch(i, f, gv, pv)
            elif _outcome(gn, pn)[0] == 0 and (gn or pn):
                yield Mismatch(i, f, gv, pv)
        if include_extra:
            ge, pe = extra_items(g), extra_items(p)
            for k in sorted(set(ge) | set(pe)):
                label = (ge.get(k) or pe.get(k))[0]
                gv, pv = ge.get(k, (None, None))[1], pe.get(k, (None, None))[1]
                gn, pn = comparable_text(gv), comparable_text(pv)
                if _outcome(gn, pn)[0] == 0 and (gn or pn):
                    yield Mismatch(i, f"{EXTRA_FIELD}[{label}]", gv, pv)
    paired = set(pairs.values())
    for j, p in enumerate(pred_recs):
        if j in paired:
            continue
        for f in FIELDS:
            if comparable_text(p.get(f)):
                yield Mismatch(None, f, None, p.get(f))
        if include_extra:
            for k, (label, v) in sorted(extra_items(p).items()):
                if comparable_text(v):
                    yield Mismatch(None, f"{EXTRA_FIELD}[{label}]", None, v)


# --------------------------------------------------------------------------- calibration


def record_labels(gold_doc: dict, pred_doc: dict) -> list[dict]:
    """For every predicted record, in order: {"matched", "exact", "fields": {field: right}}.

    "exact": paired with a gold record and every scored field right (both empty counts as
    right); a field of an unpaired record is right only when it is empty."""
    gold_recs, pred_recs = _records(gold_doc), _records(pred_doc)
    pairs = {j: i for i, j, _ in pair_records(gold_recs, pred_recs)}
    out = []
    for j, p in enumerate(pred_recs):
        g = gold_recs[pairs[j]] if j in pairs else {}
        right = {f: _outcome(comparable_text(g.get(f)), comparable_text(p.get(f)))[1:] == (0, 0)
                 for f in FIELDS}
        out.append({"matched": j in pairs, "exact": j in pairs and all(right.values()), "fields": right})
    return out


# confidence buckets of the reliability table (lower bounds)
CALIBRATION_BUCKETS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95)
ECE_BINS = 10


@dataclass
class Calibration:
    """How far the records' confidences are right: per predicted record (confidence, exact),
    per document (whether it failed or came out partial, and its verdict)."""

    threshold: float = 0.9
    points: list[tuple[float, bool]] = field(default_factory=list)
    documents: list[tuple[str, bool, str]] = field(default_factory=list)  # (name, failed/partial, status)
    # per point, how its record was read: "ocr" (a cell read by OCR) or "text" (a text layer); a scan's
    # records and a digital document's are calibrated apart when this is filled (one entry per point)
    sources: list[str] = field(default_factory=list)

    def add(self, gold_doc: dict, pred_doc: Optional[dict], name: str = "document") -> None:
        gold_n = len(_records(gold_doc))
        if pred_doc is None:
            self.documents.append((name, gold_n > 0, "failed"))
            return
        labels = record_labels(gold_doc, pred_doc)
        for rec, lab in zip(_records(pred_doc), labels):
            conf = rec.get("confidence")
            self.points.append((float(conf) if isinstance(conf, (int, float)) else 1.0, lab["exact"]))
            self.sources.append(record_source(rec))
        matched = sum(1 for lab in labels if lab["matched"])
        partial = gold_n > 0 and matched < 0.5 * gold_n
        status = (((pred_doc.get("extraction") or {}).get("verdict") or {}).get("status")) or "ok"
        self.documents.append((name, partial, status))

    def buckets(self) -> list[dict]:
        out = []
        edges = list(CALIBRATION_BUCKETS) + [1.0000001]
        for lo, hi in zip(edges, edges[1:]):
            pts = [(c, e) for c, e in self.points if lo <= c < hi]
            out.append({"from": lo, "to": min(hi, 1.0), "records": len(pts),
                        "predicted": sum(c for c, _ in pts) / len(pts) if pts else None,
                        "observed": sum(e for _, e in pts) / len(pts) if pts else None})
        return out

    @property
    def ece(self) -> Optional[float]:
        """Expected calibration error over ECE_BINS equal-width bins."""
        if not self.points:
            return None
        total = 0.0
        for b in range(ECE_BINS):
            lo, hi = b / ECE_BINS, (b + 1) / ECE_BINS
            pts = [(c, e) for c, e in self.points if lo <= c < hi or (b == ECE_BINS - 1 and c >= hi)]
            if pts:
                total += len(pts) * abs(sum(c for c, _ in pts) / len(pts) - sum(e for _, e in pts) / len(pts))
        return total / len(self.points)

    def by_source(self) -> dict[str, dict]:
        """The record figures per source ("ocr", "text"), when every point has one."""
        if len(self.sources) != len(self.points):
            return {}
        out = {}
        for src in sorted(set(self.sources)):
            part = Calibration(threshold=self.threshold,
                               points=[p for p, s in zip(self.points, self.sources) if s == src]).summary()
            out[src] = {k: part[k] for k in ("records", "exact", "high_records", "high_exact_share",
                                             "wrong_records", "wrong_flagged_share", "ece")}
        return out

    def summary(self) -> dict:
        high = [e for c, e in self.points if c >= self.threshold]
        wrong = [c for c, e in self.points if not e]
        bad_docs = [s for _, bad, s in self.documents if bad]
        good_docs = [s for _, bad, s in self.documents if not bad]
        return {
            "records": len(self.points),
            "exact": sum(e for _, e in self.points),
            "threshold": self.threshold,
            "high_records": len(high),
            "high_exact_share": sum(high) / len(high) if high else None,
            "wrong_records": len(wrong),
            "wrong_flagged_share": sum(1 for c in wrong if c < self.threshold) / len(wrong) if wrong else None,
            "ece": self.ece,
            "documents": len(self.documents),
            "failed_or_partial_documents": len(bad_docs),
            "failed_or_partial_flagged_share":
                sum(1 for s in bad_docs if s in ("review", "failed")) / len(bad_docs) if bad_docs else None,
            "other_documents_flagged": sum(1 for s in good_docs if s in ("review", "failed")),
            "buckets": self.buckets(),
            "by_source": self.by_source(),
        }


def record_source(rec: dict) -> str:
    """"ocr" when a cell of the record was read by OCR, else "text"."""
    fields = ((rec.get("provenance") or {}).get("fields") or {}) if isinstance(rec, dict) else {}
    return "ocr" if any(isinstance(e, dict) and e.get("method") == "ocr"
                        for es in fields.values() for e in es or []) else "text"


def calibration(gold: Union[str, Path, dict], pred: Union[str, Path, dict], threshold: float = 0.9) -> Calibration:
    """The calibration of predictions against gold (paired as `evaluate` pairs them)."""
    cal = Calibration(threshold=threshold)
    ignored: list[str] = []
    gold_docs, gold_single = _load(gold, ignored)
    pred_docs, pred_single = _load(pred, ignored)
    pairs = [(gold_docs[0], pred_docs[0])] if gold_single and pred_single else _pair_documents(gold_docs, pred_docs)
    for g, p in pairs:
        cal.add(g.data, p.data if p else None, g.name)
    return cal


def format_calibration(cal: Calibration) -> str:
    s = cal.summary()
    lines = [f"calibration: {s['records']} records ({s['exact']} exactly right), {s['documents']} documents", "",
             f"{'confidence':<12} {'records':>7} {'predicted':>9} {'observed':>8}"]
    for b in s["buckets"]:
        lines.append(f"{b['from']:.2f}-{b['to']:.2f}  {b['records']:>7} {_f(b['predicted']):>9} {_f(b['observed']):>8}")
    lines += ["",
              f"ECE ({ECE_BINS} bins)                         {_f(s['ece'])}",
              f"records >= {s['threshold']:.2f} exactly right          {_f(s['high_exact_share'])}"
              f"   ({s['high_records']} records)",
              f"wrong records below {s['threshold']:.2f}              {_f(s['wrong_flagged_share'])}"
              f"   ({s['wrong_records']} wrong)",
              f"failed/partial documents flagged       {_f(s['failed_or_partial_flagged_share'])}"
              f"   ({s['failed_or_partial_documents']} documents; {s['other_documents_flagged']} others flagged)"]
    if len(s["by_source"]) > 1:
        lines += ["", f"{'read by':<8} {'records':>7} {'exact':>6} {'ECE':>6} {'>=' + format(s['threshold'], '.2f'):>7}"
                      f" {'exact':>6} {'wrong':>6} {'flagged':>7}"]
        for src, b in s["by_source"].items():
            lines.append(f"{src:<8} {b['records']:>7} {b['exact']:>6} {_f(b['ece']):>6} {b['high_records']:>7} "
                         f"{_f(b['high_exact_share']):>6} {b['wrong_records']:>6} {_f(b['wrong_flagged_share']):>7}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- files


@dataclass
class _Loaded:
    name: str  # file stem, or source_file stem for an in-memory document
    path: Optional[str]
    data: dict

    @property
    def source_stem(self) -> Optional[str]:
        src = (self.data.get("document") or {}).get("source_file")
        return Path(str(src)).stem if src else None


def _is_format_document(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("indicators"), list)


def _as_document(doc: Union[dict, str, Path]) -> dict:
    if isinstance(doc, dict):
        return doc
    data = json.loads(Path(doc).read_text(encoding="utf-8"))
    if not _is_format_document(data):
        raise ValueError(f"{doc}: not an IKU document (no 'indicators' list)")
    return data


def _load(source: Union[dict, str, Path], ignored: list[str]) -> tuple[list[_Loaded], bool]:
    """Documents of a path / dict, and whether the source was a single document."""
    if isinstance(source, dict):
        if not _is_format_document(source):
            raise ValueError("not an IKU document (no 'indicators' list)")
        src = (source.get("document") or {}).get("source_file")
        return [_Loaded(Path(str(src)).stem if src else "document", None, source)], True
    path = Path(source)
    if path.is_dir():
        docs = []
        for f in sorted(path.glob("*.json")):
            try:
                data = json.loads(f.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                data = None
            if _is_format_document(data):
                docs.append(_Loaded(f.stem, str(f), data))
            else:
                ignored.append(str(f))
        return docs, False
    if not path.exists():
        raise FileNotFoundError(path)
    return [_Loaded(path.stem, str(path), _as_document(path))], True


def _pair_documents(gold: list[_Loaded], pred: list[_Loaded]) -> list[tuple[_Loaded, Optional[_Loaded]]]:
    """Pair by file stem first, then by document.source_file stem (either side)."""
    free = list(pred)
    out: list[tuple[_Loaded, Optional[_Loaded]]] = [(g, None) for g in gold]

    def take(key) -> None:
        for k, (g, p) in enumerate(out):
            if p is not None:
                continue
            for cand in free:
                if key(g, cand):
                    out[k] = (g, cand)
                    free.remove(cand)
                    break

    take(lambda g, p: g.name == p.name)
    take(lambda g, p: g.source_stem is not None and g.source_stem == p.name)
    take(lambda g, p: p.source_stem is not None and p.source_stem == g.name)
    take(lambda g, p: p.source_stem is not None and p.source_stem == g.source_stem)
    return out


class EvalInputError(ValueError):
    """Inputs `iku eval` cannot score meaningfully (the one-line reason naming the path)."""


def _extracted(docs: list[_Loaded]) -> bool:
    """Every document carries the `extraction` block iku writes and gold files never have."""
    return bool(docs) and all(isinstance(d.data.get("extraction"), dict) for d in docs)


def check_inputs(gold: Union[str, Path], pred: Union[str, Path]) -> None:
    """Refuse, in one line, what would score silently wrong: a side that does not exist or holds
    no IKU document (every score would be 0.000), folders none of whose documents pair, and gold
    and prediction given the other way round (iku output on the gold side, none on the other)."""
    loaded = []
    for label, source in (("gold", gold), ("prediction", pred)):
        if not Path(source).exists():
            raise EvalInputError(f"{source}: no such file or folder")
        try:
            docs, single = _load(source, [])
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise EvalInputError(f"{source}: not an IKU JSON document ({exc})") from None
        if not docs:
            raise EvalInputError(f"{source}: no IKU JSON documents found (the {label} side)")
        loaded.append((docs, single))
    (gold_docs, gold_single), (pred_docs, pred_single) = loaded
    if _extracted(gold_docs) and not any(isinstance(d.data.get("extraction"), dict) for d in pred_docs):
        raise EvalInputError(f"{gold} holds iku output and {pred} gold-like documents: gold and prediction "
                             f"look swapped (the order is GOLD PRED)")
    if not (gold_single and pred_single) and all(p is None for _, p in _pair_documents(gold_docs, pred_docs)):
        raise EvalInputError(f"no document of {pred} pairs with one of {gold} (paired by file name or "
                             f"document.source_file)")


def evaluate(gold: Union[str, Path, dict], pred: Union[str, Path, dict]) -> Report:
    """Score predictions against gold; each side a FORMAT.md JSON file, a document dict,
    or a directory of JSON files (files that are not IKU documents are ignored).

    Two single documents are scored against each other; otherwise documents
    are paired by file stem, falling back to the stem of `document.source_file`.
    """
    report = Report()
    gold_docs, gold_single = _load(gold, report.ignored_files)
    pred_docs, pred_single = _load(pred, report.ignored_files)
    if gold_single and pred_single:
        pairs = [(gold_docs[0], pred_docs[0])]
    else:
        pairs = _pair_documents(gold_docs, pred_docs)
    used = set()
    for g, p in pairs:
        if p is None:
            report.missing.append(g.name)
        else:
            used.add(id(p))
        report.documents.append(score_document(
            g.data, p.data if p else None, name=g.name, gold_path=g.path, pred_path=p.path if p else None))
    report.unpaired_predictions = [p.name for p in pred_docs if id(p) not in used]
    return report


# --------------------------------------------------------------------------- text report


def _f(x: Optional[float]) -> str:
    return "    -" if x is None else f"{x:.3f}"


def format_report(report: Report) -> str:
    """A plain-text summary: totals, per-field and document-field tables, one line per document."""
    lines: list[str] = []
    rec, micro, grp, ext, dacc = (report.records, report.micro, report.group, report.extra,
                                  report.document_accuracy)
    head = f"IKU evaluation: {len(report.documents)} gold document(s)"
    if report.missing:
        head += f", {len(report.missing)} without prediction"
    if report.unpaired_predictions:
        head += f", {len(report.unpaired_predictions)} prediction(s) without gold"
    lines += [head, ""]
    lines.append(f"records          P {_f(rec.precision)}  R {_f(rec.recall)}  F1 {_f(rec.f1)}"
                 f"   matched {rec.tp} / pred {rec.tp + rec.fp} / gold {rec.tp + rec.fn}")
    lines.append(f"fields (micro)   P {_f(micro.precision)}  R {_f(micro.recall)}  F1 {_f(micro.f1)}"
                 f"   tp {micro.tp} fp {micro.fp} fn {micro.fn}")
    lines.append(f"group            accuracy {_f(grp.accuracy)}   {grp.correct} / {grp.total} matched records")
    lines.append(f"extra            P {_f(ext.precision)}  R {_f(ext.recall)}  F1 {_f(ext.f1)}"
                 f"   tp {ext.tp} fp {ext.fp} fn {ext.fn}")
    lines.append(f"document fields  accuracy {_f(dacc.accuracy)}   {dacc.correct} / {dacc.total}")
    lines.append("")

    w = max(len(f) for f in FIELDS + DOCUMENT_FIELDS)
    lines.append(f"{'field':<{w}}  {'tp':>5} {'fp':>5} {'fn':>5}  {'P':>5}  {'R':>5}  {'F1':>5}")
    for f, c in report.fields.items():
        lines.append(f"{f:<{w}}  {c.tp:>5} {c.fp:>5} {c.fn:>5}  {_f(c.precision)}  {_f(c.recall)}  {_f(c.f1)}")
    lines.append("")
    lines.append(f"{'document field':<{w}}  {'ok':>5} {'of':>5}  {'acc':>5}")
    for f, t in report.document_fields.items():
        lines.append(f"{f:<{w}}  {t.correct:>5} {t.total:>5}  {_f(t.accuracy)}")
    lines.append("")

    nw = max([len("document")] + [len(d.name) for d in report.documents])
    lines.append(f"{'document':<{nw}}  {'gold':>4} {'pred':>4} {'match':>5}  {'rec P':>5}  {'rec R':>5}"
                 f"  {'recF1':>5}  {'fldF1':>5}  {'group':>5}  {'docf':>5}")
    for d in report.documents:
        r = d.records
        line = (f"{d.name:<{nw}}  {d.n_gold:>4} {d.n_pred:>4} {r.tp:>5}  {_f(r.precision)}  {_f(r.recall)}"
                f"  {_f(r.f1)}  {_f(d.micro.f1)}  {_f(d.group.accuracy)}  {_f(d.document_accuracy.accuracy)}")
        if d.missing:
            line += "  MISSING"
        lines.append(line)
    if report.unpaired_predictions:
        lines += ["", "predictions without gold: " + ", ".join(report.unpaired_predictions)]
    if report.ignored_files:
        lines += ["", "ignored (not IKU documents): " + ", ".join(report.ignored_files)]
    return "\n".join(lines)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("gold", help="gold JSON file or directory")
    ap.add_argument("pred", help="predicted JSON file or directory")
    ap.add_argument("--json", metavar="OUT", help="also write the report as JSON ('-' for stdout)")
    ap.add_argument("--mismatches", action="store_true", help="list every field error per document")
    ap.add_argument("--calibration", action="store_true", help="the confidences' calibration instead of the scores")
    args = ap.parse_args(argv)
    if args.calibration:
        cal = calibration(args.gold, args.pred)
        print(json.dumps(cal.summary(), indent=2) if args.json == "-" else format_calibration(cal))
        return 0

    report = evaluate(args.gold, args.pred)
    if args.json == "-":
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_report(report))
        if args.json:
            Path(args.json).write_text(json.dumps(report.to_dict(), ensure_ascii=False, indent=2),
                                       encoding="utf-8")
    if args.mismatches:
        for d in report.documents:
            if d.missing or not d.gold_path or not d.pred_path:
                continue
            print(f"\n== {d.name}")
            for i, f, g, p in iter_field_mismatches(d.gold_path, d.pred_path, include_group=True,
                                                    include_extra=True):
                print(f"  [{'-' if i is None else i}] {f}: gold={g!r}  pred={p!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
