"""The confidence stage: each record's confidence, its field confidences and the reasons that lowered them.

A record's `confidence` is a fitted probability that the record is exactly right (every
field as a careful reader would write it). It comes from evidence the record and its
document carry — the structural reasons the record builder gave (split cell, page-break
join, fuzzy header), OCR word confidence and corrections, fields missing where the rest
of the table fills them, cells that do not sit on the indicator's row, text equal to a
neighbour's, a printed numbering that skips, text cut mid-phrase — through a small
logistic model whose coefficients live in `normalizers/data/confidence_model.json`
(fitted by `benchmarks/fit_confidence.py`, which writes down on what). Field confidences
(`CONFIDENCE_FIELDS`) come the same way, one model per field.

The features are computed from the record dicts of one document (the JSON shape, so the
fit script reads saved outputs and the pipeline its own records alike). Each keeps its
meaning whatever the extractors do: a count or a share of something observable.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from rapidfuzz import fuzz, process

from iku.extractors.vocabulary import vocabulary
from iku.normalizers.records import FILL_DOWN
from iku.normalizers.schema import CELL_FIELDS, CONFIDENCE_FIELDS, Reason, Record

MODEL_PATH = Path(__file__).parent / "data" / "confidence_model.json"

# fields a record may share with its neighbour by design (filled down, a row's shared cell)
_SHARED = frozenset(FILL_DOWN) | {"no", "program", "keterangan", "satuan", "tipe_perhitungan"}
# fields compared with the neighbours' (text equal to a neighbour's is a misplaced cell)
_OWN = tuple(f for f in CELL_FIELDS if f not in _SHARED)
# a text cut mid-phrase: ends in a hyphen, a comma or a word that cannot end a phrase
_CUT_END = re.compile(r"(?:[-–,/(]|\b(?:dan|atau|yang|dengan|di|ke|dari|untuk|pada|oleh|dalam|terhadap|x))\s*$",
                      re.IGNORECASE)
# fields whose text starts with a capital letter (a name, a sentence): a lower-case start is a cut
_CAPITALISED = frozenset({"sasaran", "indikator", "penanggung_jawab", "sumber_data", "penjelasan", "alasan",
                          "sasaran_daerah", "indikator_daerah", "program"})
_REPEATED_WORD = re.compile(r"\b(\w{4,})\s+\1\b", re.IGNORECASE)
_INT = re.compile(r"^\s*(\d{1,3})(?:[.)]\s*)?(?:\d.*)?$")
_NUMBER = re.compile(r"\b\d{1,3}\b")
_CAPS_RUN = re.compile(r"\b[A-Z]{3,}(?:\s+[A-Z]{2,}){1,}\b")
_FORMULA_END = re.compile(r"(?:100\s*%|x\s*100|%)\s+(\S.*)$", re.IGNORECASE)
_WORDS = re.compile(r"[^\W_]+")
# an amount (thousands grouped twice or more: 4.210.815.000): a budget or target cell's number
_AMOUNT = re.compile(r"\b\d{1,3}(?:[.,]\d{3}){2,}\b")
# fields whose text is a name or a phrase, never an amount
_NO_AMOUNT = ("sasaran", "indikator", "satuan", "penanggung_jawab", "sumber_data", "sasaran_daerah",
              "indikator_daerah")


@lru_cache(maxsize=1)
def _header_phrases() -> tuple[str, ...]:
    """Every header wording of the vocabulary, normalised (a cell holding one is a header's)."""
    v = vocabulary()
    out = {" ".join(_WORDS.findall(p.lower())) for ps in v.phrases.values() for p in ps}
    return tuple(sorted(p for p in out if p))


def _is_header_text(text: str) -> bool:
    t = " ".join(_WORDS.findall(text.lower()))
    if not t or len(t) > 60:
        return False
    hit = process.extractOne(t, _header_phrases(), scorer=fuzz.ratio, score_cutoff=88)
    return hit is not None


def _doubled(text: str, field_name: str) -> bool:
    """Two rows' texts in one cell: a No with two numbers, or a text that is one phrase twice."""
    if field_name == "no":
        # a code's dotted number ("1.1", "IKU 2.3") is one number, as the verdict counts it
        return len(_NUMBER.findall(text)) >= 2 and not re.search(r"\d\.\d", text)
    words = text.split()
    h = len(words) // 2
    return len(words) >= 2 and len(words) % 2 == 0 and words[:h] == words[h:]


def _caps_inside(text: str) -> bool:
    """A run of capitals inside mixed-case text: a heading or signature line read into the cell."""
    if not text or text.upper() == text:
        return False
    return bool(_CAPS_RUN.search(text))

# the record reasons an evidence feature gives when it lowers the confidence enough (the features of
# one reason lower it together)
EVIDENCE_REASONS: dict[str, Reason] = {
    "misaligned": Reason.MISALIGNED,
    "neighbour_text": Reason.NEIGHBOUR_TEXT,
    "fields_missing": Reason.FIELDS_MISSING,
    "sasaran_missing": Reason.FIELDS_MISSING,
    "no_sequence": Reason.NO_SEQUENCE,
    "cut_text": Reason.CUT_TEXT,
    "ocr_corrected": Reason.OCR_CORRECTED,
    "merged_rows": Reason.MERGED_ROWS,
    "repeated_word": Reason.MERGED_ROWS,
    "caps_inside": Reason.CAPS_INSIDE,
    "header_text": Reason.HEADER_TEXT,
    "longer_than_column": Reason.LONGER_THAN_COLUMN,
    "formula_tail": Reason.LONGER_THAN_COLUMN,
    "doc_numbering_gap": Reason.NUMBERING_GAP,
    "extra_prose": Reason.UNMAPPED_TEXT,
    "extra_labelled": Reason.UNMAPPED_TEXT,
    "absorbed_cell": Reason.ABSORBED,
    "amount_in_text": Reason.ABSORBED,
    "targets_short": Reason.TARGETS_SHORT,
    "pattern_odd": Reason.ODD_FIELDS,
    "fields_surplus": Reason.ODD_FIELDS,
    "ocr_deficit": Reason.LOW_OCR,
    "ocr_mean_deficit": Reason.LOW_OCR,
    "doc_ocr_mean_deficit": Reason.LOW_OCR,
    "doc_ocr_weak_share": Reason.LOW_OCR,
    "doc_ocr_poor_share": Reason.LOW_OCR,
    "ocr_misread": Reason.OCR_TEXT,
    "doc_ocr_misread": Reason.OCR_TEXT,
}


@dataclass(frozen=True)
class ConfidenceSettings:
    # a field read by OCR below this mean word confidence is a reason of its own
    low_ocr: float = 0.8
    # records below this are "low confidence" (the verdict, the review order, the catalog filter)
    threshold: float = 0.9
    # an evidence feature that takes at least this much off the log-odds of a low-confidence record
    # is written as one of its reasons
    reason_logit: float = 0.5
    # the fitted model (None: the bundled normalizers/data/confidence_model.json)
    model_path: Optional[str] = None

    def __post_init__(self):
        if not 0 <= self.low_ocr <= 1:
            raise ValueError(f"low_ocr must be within 0..1, not {self.low_ocr}")
        if not 0 < self.threshold < 1:
            raise ValueError(f"threshold must be within 0..1, not {self.threshold}")


# --------------------------------------------------------------------------- features

def _text(rec: dict, f: str) -> str:
    v = rec.get(f)
    return " ".join(str(v).split()) if v else ""


def _entries(rec: dict, f: Optional[str] = None) -> list[dict]:
    fields = ((rec.get("provenance") or {}).get("fields") or {})
    if f is not None:
        return [e for e in fields.get(f) or [] if isinstance(e, dict)]
    return [e for es in fields.values() for e in es or [] if isinstance(e, dict)]


def _ocr_confs(entries: list[dict]) -> list[float]:
    return [float(e["confidence"]) for e in entries if isinstance(e.get("confidence"), (int, float))]


def _top_number(no: str) -> Optional[int]:
    m = _INT.match(no or "")
    return int(m.group(1)) if m else None


def _rows_overlap(a: list[dict], b: list[dict]) -> bool:
    """Whether any box of `a` shares vertical extent with a box of `b` on the same page."""
    for x in a:
        for y in b:
            if x.get("page") == y.get("page") and x.get("bbox") and y.get("bbox"):
                top, bottom = max(x["bbox"][1], y["bbox"][1]), min(x["bbox"][3], y["bbox"][3])
                if bottom - top > 0.5:
                    return True
    return False


def _same_pages(a: list[dict], b: list[dict]) -> bool:
    return bool({e.get("page") for e in a} & {e.get("page") for e in b})


def _is_cut(text: str, field_name: str) -> bool:
    if not text:
        return False
    if _CUT_END.search(text) and field_name != "formulasi":
        return True
    # a sentence's continuation: a lower-case start where names and sentences start with a capital
    return field_name in _CAPITALISED and text[0].islower()


def _siblings(a: dict, b: dict) -> bool:
    """Two records of one split cell (they share the indicator cell)."""
    ea, eb = _entries(a, "indikator"), _entries(b, "indikator")
    return bool(ea) and [(e.get("page"), tuple(e.get("bbox") or ())) for e in ea] == \
        [(e.get("page"), tuple(e.get("bbox") or ())) for e in eb]


def _targets(rec: dict) -> int:
    """How many target values the record carries (FORMAT.md `targets`)."""
    t = rec.get("targets")
    return sum(1 for x in t if isinstance(x, dict) and x.get("value") is not None) if isinstance(t, list) else 0


def _pattern(rec: dict) -> frozenset:
    """The fields the record fills (besides the No)."""
    return frozenset(f for f in CELL_FIELDS if f != "no" and _text(rec, f))


def _misread(rec: dict) -> float:
    """log(1 + the characters of the record's OCR'd cells weighed by how doubtful their words were):
    the expected misread characters, 0 for a record read from a text layer."""
    total = 0.0
    for f in CELL_FIELDS:
        confs = _ocr_confs(_entries(rec, f))
        if confs and _text(rec, f):
            total += len(_text(rec, f)) * (1.0 - sum(confs) / len(confs))
    return round(math.log1p(total) / 3, 4)


def document_features(records: list[dict]) -> dict[str, Any]:
    """Features of the document every record shares."""
    n = len(records)
    nums = [_top_number(_text(r, "no")) for r in records]
    ints = sorted({x for x in nums if x is not None})
    gap = 0.0
    if len(ints) >= 2 and ints[0] <= 2:
        # numbers a table printed but no record carries (rows lost between the first and last)
        gap = 1.0 - len(ints) / (ints[-1] - ints[0] + 1)
    # (whether a page was read by OCR at all is no feature: OCR engines change, and a clean scan
    # read well is as good as a text layer; what the OCR says of its words is)
    # how well the OCR read the document's cells: the mean word confidence, and the share of weak cells
    confs = [c for r in records for c in _ocr_confs(_entries(r))]
    indikators = Counter(_text(r, "indikator").lower() for r in records if _text(r, "indikator"))
    counts = sorted(_targets(r) for r in records)
    patterns = Counter(_pattern(r) for r in records)
    pattern, top = patterns.most_common(1)[0] if patterns else (None, 0)
    return {"_targets_median": float(counts[len(counts) // 2]) if counts else 0.0,
            "_columns": _column_values(records), "_indikators": indikators,
            "_pattern": pattern, "_pattern_share": top / n if n else 0.0,
            "doc_numbering_gap": round(gap, 4),
            "doc_ocr_mean_deficit": round(1.0 - sum(confs) / len(confs), 4) if confs else 0.0,
            "doc_ocr_weak_share": round(sum(1 for c in confs if c < 0.8) / len(confs), 4) if confs else 0.0,
            # cells the OCR could hardly read (a page too faint, too coarse or too skewed for it)
            "doc_ocr_poor_share": round(sum(1 for c in confs if c < 0.6) / len(confs), 4) if confs else 0.0,
            # the characters the OCR likely misread per record (text length times word doubt, summed over
            # the cells): a clean scan's long records read well, a poor scan's short ones do not
            "doc_ocr_misread": round(sum(_misread(r) for r in records) / n, 4) if n else 0.0,
            "doc_small": 1.0 if n <= 3 else 0.0}


def record_features(records: list[dict], i: int, doc: Optional[dict[str, float]] = None) -> dict[str, float]:
    """The evidence about record i of a document (its neighbours and the document included)."""
    rec = records[i]
    doc = doc if doc is not None else document_features(records)
    reasons = set(rec.get("confidence_reasons") or [])
    n = len(records)
    entries = _entries(rec)
    confs = _ocr_confs(entries)
    filled = {f for f in CELL_FIELDS if _text(rec, f)}
    # how often the other records of the document fill each field
    columns = doc.get("_columns") or _column_values(records)
    share = {f: ((columns[f][0] - (f in filled)) / (n - 1) if n > 1 else 0.0) for f in CELL_FIELDS}
    # what the rest of the table does says something only when there is a rest (three other records)
    enough = n >= 4
    missing = sum(1 for f in CELL_FIELDS if f not in filled and share[f] >= 0.8 and f != "no") if enough else 0
    surplus = sum(1 for f in filled if share[f] <= 0.2 and n >= 4 and f != "no")
    ind = _entries(rec, "indikator")
    misaligned = sum(1 for f in _OWN if f != "indikator" and _entries(rec, f) and ind
                     and _same_pages(_entries(rec, f), ind) and not _rows_overlap(_entries(rec, f), ind))
    neighbour = 0
    for j in (i - 1, i + 1):
        if 0 <= j < n and not _siblings(rec, records[j]):
            neighbour += sum(1 for f in _OWN if _text(rec, f) and len(_text(rec, f)) > 12
                             and _text(rec, f) == _text(records[j], f))
    no = _top_number(_text(rec, "no"))
    prev = _top_number(_text(records[i - 1], "no")) if i > 0 else None
    seq = 0.0
    if no is not None and prev is not None and no not in (prev, prev + 1, 1):
        seq = 1.0
    if no is not None and prev is not None and no == prev and not _siblings(rec, records[i - 1]) \
            and _text(rec, "sasaran") == _text(records[i - 1], "sasaran"):
        seq = max(seq, 0.5)
    no_missing = 1.0 if enough and not _text(rec, "no") and share["no"] >= 0.5 else 0.0
    corrected = sum(len(e.get("corrections") or []) for e in entries)
    indikator = _text(rec, "indikator")
    # fields much longer than the same column elsewhere in the document (text from another cell)
    longer = 0
    for f in filled:
        others = list(columns[f][2])
        others.remove(len(_text(rec, f)))  # the other records' lengths
        if len(others) >= 3 and len(_text(rec, f)) > 40 and len(_text(rec, f)) > 2.5 * others[len(others) // 2]:
            longer += 1
    formula_tail = _FORMULA_END.search(_text(rec, "formulasi"))
    extra = rec.get("extra") if isinstance(rec.get("extra"), dict) else {}
    extra_filled = sum(1 for v in extra.values() if v)
    return {
        "split": 1.0 if str(Reason.SPLIT) in reasons else 0.0,
        "joined": 1.0 if str(Reason.JOINED) in reasons else 0.0,
        "fuzzy_header": 1.0 if str(Reason.FUZZY_HEADER) in reasons else 0.0,
        "ocr_deficit": round(1.0 - min(confs), 4) if confs else 0.0,
        "ocr_mean_deficit": round(1.0 - sum(confs) / len(confs), 4) if confs else 0.0,
        "ocr_corrected": float(min(corrected, 3)),
        "ocr_misread": _misread(rec),
        # (how much text the OCR read is no feature by itself: it only says the page was scanned, and a
        # scan read well is as good as a text layer; `ocr_misread` weighs the text by the OCR's doubt)
        "fields_missing": float(min(missing, 3)),
        "fields_surplus": float(min(surplus, 3)),
        "sasaran_missing": 1.0 if enough and "sasaran" not in filled and share["sasaran"] >= 0.5 else 0.0,
        "misaligned": float(min(misaligned, 3)),
        "neighbour_text": float(min(neighbour, 3)),
        "no_sequence": seq,
        "no_missing": no_missing,
        "cut_text": float(min(sum(1 for f in filled if _is_cut(_text(rec, f), f)), 3)),
        "indikator_lines": float(min(str(rec.get("indikator") or "").count("\n"), 3)),
        "indikator_long": 1.0 if len(indikator) > 220 else 0.0,
        "indikator_short": 1.0 if 0 < len(indikator) < 12 else 0.0,
        "indikator_empty": 0.0 if indikator else 1.0,
        "multi_page": 1.0 if len({e.get("page") for e in entries}) > 1 else 0.0,
        "merged_rows": float(min(sum(1 for f in filled if _doubled(_text(rec, f), f)), 3)),
        "caps_inside": float(min(sum(1 for f in filled if _caps_inside(_text(rec, f))), 3)),
        "header_text": float(min(sum(1 for f in filled if f != "no" and _is_header_text(_text(rec, f))), 3)),
        "longer_than_column": float(min(longer, 3)),
        "repeated_word": float(min(sum(1 for f in filled if _REPEATED_WORD.search(_text(rec, f))), 3)),
        "indikator_colon": 1.0 if ":" in indikator else 0.0,
        "indikator_few_words": 1.0 if indikator and len([w for w in _WORDS.findall(indikator) if len(w) >= 3
                                                         and not w.isdigit()]) < 2 else 0.0,
        "no_not_number": 1.0 if _text(rec, "no") and not re.search(r"\d", _text(rec, "no")) else 0.0,
        "formula_tail": 1.0 if formula_tail and len(formula_tail.group(1)) > 3 else 0.0,
        "extra_share": round(extra_filled / (extra_filled + len(filled)), 4) if extra_filled + len(filled) else 0.0,
        "extra_prose": float(min(_extra_prose(rec), 3)),
        # fewer target values than the document's records carry (a row's number cells lost or shifted)
        "targets_short": 1.0 if _targets(rec) < doc.get("_targets_median", 0.0) else 0.0,
        # the record fills another set of fields than most of the document's records do; "most" is a strict
        # majority: a document of two tables of different columns, half the records each, has no set of
        # fields of its own, and which half a tie named odd would be an accident of the order
        "pattern_odd": 1.0 if enough and doc.get("_pattern_share", 0.0) > 0.5
        and _pattern(rec) != doc.get("_pattern") else 0.0,
        "extra_labelled": float(min(_extra_labelled(rec), 3)),
        "absorbed_cell": float(min(_absorbed(records, i, doc.get("_columns")), 3)),
        # the same indicator text on another record of the document (a row read twice, or a heading's)
        "indikator_repeated": 1.0 if indikator and (doc.get("_indikators") or {}).get(indikator.lower(), 0) > 1
        else 0.0,
        "amount_in_text": float(min(sum(1 for f in _NO_AMOUNT if _AMOUNT.search(_text(rec, f))), 3)),
        "fields_filled": float(len(filled)),
        **{k: v for k, v in doc.items() if not k.startswith("_")},
    }


def _column_values(records: list[dict]) -> dict[str, tuple[int, tuple[str, ...], tuple[int, ...]]]:
    """Per field: how many records fill it, its short values (lower case) in the document, and the
    lengths of its texts (sorted)."""
    out = {}
    for g in CELL_FIELDS:
        texts = [t for t in (_text(r, g) for r in records) if t]
        out[g] = (len(texts), tuple(sorted({t.lower() for t in texts if 2 <= len(t) <= 40})),
                  tuple(sorted(len(t) for t in texts)))
    return out


def _absorbed(records: list[dict], i: int, columns: Optional[dict] = None) -> int:
    """Cells of record i that are empty while their text sits glued to another of its cells: a field
    the other records fill, one of whose values in this document starts or ends another field's text
    (a neighbour column's cell read into this one)."""
    rec = records[i]
    n = len(records)
    if n < 4:
        return 0
    columns = columns if columns is not None else _column_values(records)
    texts = [t for t in (_text(rec, f).lower() for f in CELL_FIELDS) if t]
    found = 0
    for g in CELL_FIELDS:
        filled, values, _ = columns[g]
        if g == "no" or _text(rec, g) or filled < 0.5 * (n - 1):
            continue
        if any(t != v and (t.startswith(v + " ") or t.endswith(" " + v)) for t in texts for v in values):
            found += 1
    return found


def _extra_prose(rec: dict) -> int:
    """Values of unmapped columns that read as prose (a column whose header was not understood
    holding a field's text, not a target's number)."""
    extra = rec.get("extra") if isinstance(rec.get("extra"), dict) else {}
    return sum(1 for v in extra.values()
               if v and len(str(v)) >= 40 and len([w for w in _WORDS.findall(str(v)) if not w.isdigit()]) >= 6)


_LABEL = re.compile(r"([^\W\d_][^:;.\n]{0,40}?)\s*:")


def _extra_labelled(rec: dict) -> int:
    """Values of unmapped columns that pack several fields behind their labels ("Definisi : …
    Rumus : …"): a composite column the reader did not split into the fields it holds."""
    phrases = set(_header_phrases())
    out = 0
    extra = rec.get("extra") if isinstance(rec.get("extra"), dict) else {}
    for v in extra.values():
        hits = 0
        for m in _LABEL.finditer(str(v or "")):
            words = _WORDS.findall(m.group(1).lower())
            if any(" ".join(words[-k:]) in phrases for k in range(1, min(4, len(words)) + 1)):
                hits += 1
        out += hits >= 2
    return out


def _longer(records: list[dict], i: int, f: str) -> bool:
    text = _text(records[i], f)
    others = sorted(len(_text(r, f)) for j, r in enumerate(records) if j != i and _text(r, f))
    return len(others) >= 3 and len(text) > 40 and len(text) > 2.5 * others[len(others) // 2]


# record evidence whose share over the document is a document feature of its own (errors come in
# documents: one header misread, one layout misjudged, shows in many of its records)
_DOC_SHARES = ("fields_missing", "misaligned", "cut_text", "longer_than_column", "merged_rows", "caps_inside",
               "neighbour_text", "no_sequence", "formula_tail", "repeated_word", "extra_share", "extra_prose",
               "extra_labelled", "absorbed_cell", "targets_short", "pattern_odd",
               "amount_in_text", "faults", "fuzzy_header", "no_missing", "no_not_number", "indikator_few_words",
               "sasaran_missing", "ocr_corrected")


# evidence of a fault in the record's own cells: their count is a feature of its own, so that a kind
# of fault too rare to learn a weight for still counts (an unseen document's faults are often new)
_FAULTS = ("misaligned", "neighbour_text", "fields_missing", "no_sequence", "cut_text", "merged_rows",
           "repeated_word", "caps_inside", "header_text", "longer_than_column", "formula_tail", "extra_prose",
           "extra_labelled", "absorbed_cell", "amount_in_text", "targets_short", "pattern_odd", "no_not_number",
           "indikator_few_words", "indikator_short", "indikator_empty", "sasaran_missing", "fields_surplus")


# the shares over the document: many faulty records make every record of the document doubtful
# (the share of unmapped columns is none: a table's target columns are unmapped by design)
EVIDENCE_REASONS.update({f"doc_share_{k}": Reason.WEAK_DOCUMENT for k in _DOC_SHARES if k != "extra_share"})


def all_record_features(records: list[dict]) -> list[dict[str, float]]:
    """record_features of every record, plus the shares over the document of its evidence."""
    doc = document_features(records)
    feats = [record_features(records, i, doc) for i in range(len(records))]
    n = len(feats)
    for f in feats:
        f["faults"] = float(min(sum(1 for k in _FAULTS if f.get(k, 0.0) > 0), 4))
    for k in _DOC_SHARES:
        share = round(sum(1 for f in feats if f.get(k, 0.0) > 0) / n, 4) if n else 0.0
        for f in feats:
            f[f"doc_share_{k}"] = share
    return feats


def field_features(records: list[dict], i: int, f: str, base: dict[str, float]) -> dict[str, float]:
    """The evidence about one field of record i: the record's own, plus the field's."""
    rec = records[i]
    n = len(records)
    es = _entries(rec, f)
    confs = _ocr_confs(es)
    text = _text(rec, f)
    share = sum(1 for j, r in enumerate(records) if j != i and _text(r, f)) / (n - 1) if n > 1 else 0.0
    ind = _entries(rec, "indikator")
    same_prev = 1.0 if i > 0 and text and text == _text(records[i - 1], f) else 0.0
    return {
        **base,
        "f_empty_where_filled": 1.0 if not text and share >= 0.5 and n >= 4 else 0.0,
        "f_filled_where_empty": 1.0 if text and share <= 0.2 and n >= 4 else 0.0,
        "f_ocr_deficit": round(1.0 - min(confs), 4) if confs else 0.0,
        "f_corrected": float(min(sum(len(e.get("corrections") or []) for e in es), 3)),
        "f_cut": 1.0 if _is_cut(text, f) else 0.0,
        "f_misaligned": 1.0 if es and ind and f != "indikator" and f not in FILL_DOWN and _same_pages(es, ind)
        and not _rows_overlap(es, ind) else 0.0,
        "f_same_as_previous": same_prev,
        "f_boxes": float(min(len(es), 4)),
        "f_long": 1.0 if len(text) > 300 else 0.0,
        "f_repeated_word": 1.0 if _REPEATED_WORD.search(text) else 0.0,
        "f_doubled": 1.0 if text and _doubled(text, f) else 0.0,
        "f_caps_inside": 1.0 if _caps_inside(text) else 0.0,
        "f_header_text": 1.0 if text and _is_header_text(text) else 0.0,
        "f_longer_than_column": 1.0 if text and _longer(records, i, f) else 0.0,
    }


# --------------------------------------------------------------------------- the model

@lru_cache(maxsize=4)
def load_model(path: Optional[str] = None) -> dict:
    p = Path(path) if path else MODEL_PATH
    return json.loads(p.read_text(encoding="utf-8"))


def logit(coefs: dict[str, float], features: dict[str, float]) -> float:
    return coefs.get("bias", 0.0) + sum(coefs.get(k, 0.0) * v for k, v in features.items())


def probability(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def _calibrated(model_part: dict, z: float) -> float:
    """The model's probability, through its isotonic map (knots) when it has one."""
    p = probability(z)
    knots = model_part.get("calibration")
    if not knots:
        return p
    xs, ys = knots["x"], knots["y"]
    if p <= xs[0]:
        return ys[0]
    for k in range(1, len(xs)):
        if p <= xs[k]:
            t = (p - xs[k - 1]) / (xs[k] - xs[k - 1]) if xs[k] > xs[k - 1] else 1.0
            return ys[k - 1] + t * (ys[k] - ys[k - 1])
    return ys[-1]


def _lowered(coefs: dict[str, float], feats: dict[str, float], reason_logit: float) -> list[str]:
    """The evidence features that lowered the log-odds: those of a reason whose features took at
    least `reason_logit` off together (a fault counted in `faults` takes its share of that count's)."""
    contrib = {k: coefs.get(k, 0.0) * feats.get(k, 0.0)
               + (min(coefs.get("faults", 0.0), 0.0) if k in _FAULTS and feats.get(k, 0.0) > 0 else 0.0)
               for k in EVIDENCE_REASONS}
    total: dict[Reason, float] = {}
    for k, c in contrib.items():
        total[EVIDENCE_REASONS[k]] = total.get(EVIDENCE_REASONS[k], 0.0) + c
    return [k for k, c in contrib.items() if c < 0 and total[EVIDENCE_REASONS[k]] <= -reason_logit]


def rate_documents_records(records: list[dict], model: dict, settings: ConfidenceSettings) -> list[dict[str, Any]]:
    """For each record dict: {"confidence", "field_confidence", "evidence"} (evidence: the feature
    names that lowered the log-odds by at least `reason_logit`)."""
    out = []
    rec_model = model["record"]
    for i, feats in enumerate(all_record_features(records)):
        z = logit(rec_model["coefficients"], feats)
        conf = _calibrated(rec_model, z)
        # the evidence is named on a low-confidence record only (on the others it changed nothing that matters)
        lowered = _lowered(rec_model["coefficients"], feats, settings.reason_logit) if conf < settings.threshold \
            else []
        fconf = {}
        for f in CONFIDENCE_FIELDS:
            part = model.get("fields", {}).get(f)
            if part is None:
                continue
            fz = logit(part["coefficients"], field_features(records, i, f, feats))
            fconf[f] = round(_calibrated(part, fz), 3)
        out.append({"confidence": round(conf, 3), "field_confidence": fconf,
                    "evidence": lowered})
    return out


def rate_records(records: list[Record], settings: ConfidenceSettings) -> list[Record]:
    """Set every record's confidence and field confidences; the evidence that lowered a record's
    confidence is added to its reasons, and a field read by OCR below `low_ocr` adds Reason.LOW_OCR."""
    if not records:
        return records
    model = load_model(settings.model_path)
    dicts = [r.to_dict() for r in records]
    for rec, rated in zip(records, rate_documents_records(dicts, model, settings)):
        rec.confidence = rated["confidence"]
        rec.field_confidence = rated["field_confidence"]
        for k in rated["evidence"]:
            if EVIDENCE_REASONS[k] not in rec.reasons:
                rec.reasons.append(EVIDENCE_REASONS[k])
        if Reason.LOW_OCR not in rec.reasons and any(
                c < settings.low_ocr for c in _ocr_confs([e for es in rec.provenance.values() for e in es])):
            rec.reasons.append(Reason.LOW_OCR)
    return records
