"""Targets as typed data: every value printed in a target-like column of a record.

A record's `extra` keeps each unmapped column's text as printed ("Target / 2024":
"76,50"). This stage reads the target-like ones among them — baselines ("Kondisi
Awal 2021"), yearly targets ("Target / 2024", "Tahun 2027", "TW I"), the
end-of-period target ("Target Akhir Periode (2026)") and realisations
("Realisasi 2023") — into a list of entries on the record:

    {"kind": "baseline" | "target" | "final_target" | "realisation",
     "year": 2024 | None, "quarter": 1..4 | None, "value": 76.5 | None,
     "value_text": "76,50", "unit": "%" | None, "column": "Target / 2024", "page": 3}

Rules (the words are in data/targets.toml):

- the kind is the first kind word of the header read from its head, then "awal" /
  "akhir" anywhere make it the baseline / the end-of-period target; a header naming
  money, a weight, the unit, or another level's target ("Program / Target") is not
  the record's target;
- the year is the header's ("Target / 2024", "Kondisi Awal (2021)"); a header that
  names none takes it from the document's period when that is unambiguous: the
  end-of-period target is the period's last year, any other target or realisation
  the period's year when the period is one year; a baseline without a year has none;
- values are read as Indonesian numbers ("71,24", "1.234,5", "61.79", "95,5%"); a
  bound ("≥ 80"), a range ("80-85"), a word ("WTP", "Baik", "Level 3") keeps its
  text with value null; "Rp 1,2 M" is 1.2e9 in "Rp";
- the unit is the cell's own ("95,5%", "5 hari"), else the header's ("Target (%)"),
  else the record's satuan; spellings of one unit are written one way ("Persen" →
  "%"), nothing is converted;
- a row split into several indicators gives each record its own part of a target
  cell when the cell lists one part per indicator; a cell with one value for all of
  them is every record's.

Every non-empty target-like cell gives exactly one entry per record that carries
it: its text (bullet marks and spacing aside) is in `value_text`, never dropped and
never split over two entries.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Optional

from iku.normalizers.cells import collapse, split_items, strip_marker
from iku.normalizers.schema import Record

YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
YEAR_WORDS = ("tahun", "th", "thn")  # target words that need a year beside them
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# a number as printed: digits with "." / "," separators
NUMBER = r"[+-]?\d[\d.,]*\d|[+-]?\d"


@dataclass(frozen=True)
class TargetVocabulary:
    kinds: dict[str, tuple[str, ...]]
    modifiers: dict[str, tuple[str, ...]]
    not_targets: tuple[str, ...]
    quarter_words: tuple[str, ...]
    units: dict[str, str]  # spelling (lower case) → the unit as written
    currency: tuple[str, ...]
    scales: dict[str, float]
    comparators: tuple[str, ...]


@lru_cache(maxsize=1)
def target_vocabulary() -> TargetVocabulary:
    data = tomllib.loads((resources.files("iku.normalizers") / "data" / "targets.toml").read_text("utf-8"))
    units = {}
    for name, spellings in data["units"].items():
        for s in spellings:
            units[s.lower()] = name
    return TargetVocabulary(
        kinds={k: tuple(v) for k, v in data["kinds"].items()},
        modifiers={k: tuple(v) for k, v in data["modifiers"].items()},
        not_targets=tuple(data["not_targets"]["words"]),
        quarter_words=tuple(data["quarters"]["words"]),
        units=units,
        currency=tuple(data["money"]["currency"]),
        scales={k.lower(): float(v) for k, v in data["money"]["scales"].items()},
        comparators=tuple(sorted(data["comparators"]["words"], key=len, reverse=True)),
    )


def _words(text: str) -> str:
    """Lower case, words separated by single spaces, "%" kept; padded for phrase search."""
    return " " + " ".join(re.sub(r"[^\w%]+", " ", text.lower()).split()) + " "


def _find(norm: str, phrase: str) -> int:
    return norm.find(" " + " ".join(_words(phrase).split()) + " ")


# --------------------------------------------------------------------------- headers

@dataclass(frozen=True)
class Column:
    """What a target-like column's header says."""
    kind: str
    year: Optional[int]
    quarter: Optional[int]
    unit: Optional[str]
    year_from_header: bool


def _quarter(label: str) -> Optional[int]:
    voc = target_vocabulary()
    parts = [_words(p) for p in label.split("/")]
    for norm in parts:
        for w in voc.quarter_words:
            m = re.search(r" " + re.escape(" ".join(_words(w).split())) + r" ?(iv|iii|ii|i|[1-4]) ", norm)
            if m:
                return ROMAN[m.group(1)]
    # "Triwulan / I": the quarter word in one part, the numeral alone in another
    if any(_find(p, w) >= 0 for p in parts for w in voc.quarter_words):
        for norm in parts:
            if norm.strip() in ROMAN:
                return ROMAN[norm.strip()]
    return None


def _header_unit(label: str) -> Optional[str]:
    """The unit a header names in brackets: "Target (%)", "Capaian (persen)"."""
    for inner in re.findall(r"\(([^()]*)\)", label):
        inner = inner.strip()
        if not inner or YEAR.search(inner) or re.fullmatch(r"\d+", inner):
            continue
        if len(inner.split()) <= 2:
            return unit_name(inner)
    return None


@lru_cache(maxsize=8192)
def classify(label: str) -> Optional[Column]:
    """The meaning of an `extra` column header, or None when it is no target-like column."""
    voc = target_vocabulary()
    norm = _words(label)
    if any(_find(norm, w) >= 0 for w in voc.not_targets):
        return None
    years = [int(y) for y in YEAR.findall(label)]
    best: Optional[tuple[int, int, str, str]] = None  # (position, -length, kind, phrase)
    for kind, phrases in voc.kinds.items():
        for p in phrases:
            pos = _find(norm, p)
            if pos >= 0:
                cand = (pos, -len(p), kind, p)
                if best is None or cand < best:
                    best = cand
    quarter = _quarter(label)
    if best is None:
        bare = _words(YEAR.sub(" ", re.sub(r"\([^()]*\)", " ", label))).split()
        if years and not bare:
            best = (0, 0, "target", "")  # a header that is only a year ("2024", "2025 (%)")
        elif quarter is not None:
            best = (0, 0, "target", "")
        elif bare and all(w in voc.modifiers["baseline"] for w in bare):
            best = (0, 0, "baseline", "")  # "Awal (2020)": a baseline whose parent ("Kondisi") was not kept
        elif bare and all(w in voc.modifiers["final_target"] for w in bare):
            best = (0, 0, "final_target", "")
        else:
            return None
    kind, phrase = best[2], best[3]
    if phrase in YEAR_WORDS and not years and quarter is None:
        return None  # "Tahun" without a year is no target column
    if kind in ("target", "final_target") and any(_find(norm, w) >= 0 for w in voc.modifiers["baseline"]):
        kind = "baseline"
    elif kind == "target" and any(_find(norm, w) >= 0 for w in voc.modifiers["final_target"]):
        kind = "final_target"
    year: Optional[int] = None
    if len(set(years)) == 1:
        year = years[0]
    elif len(set(years)) > 1:  # "Target 2021-2026": the period's target
        if kind == "target":
            kind = "final_target"
        year = max(years) if kind == "final_target" else min(years) if kind == "baseline" else None
    return Column(kind=kind, year=year, quarter=quarter, unit=_header_unit(label), year_from_header=year is not None)


# --------------------------------------------------------------------------- values

@lru_cache(maxsize=8192)
def unit_name(text: Optional[str]) -> Optional[str]:
    """A unit as written in `unit`: one spelling per unit ("Persen" → "%"), others as printed but
    for the case of capitalised words ("Nilai" → "nilai"; "SBM", "per 100.000 KH" kept)."""
    if not text:
        return None
    t = collapse(text).strip(" .:;,")
    if not t:
        return None
    known = target_vocabulary().units.get(t.lower())
    if known:
        return known
    return " ".join(w.lower() if w[:1].isupper() and w[1:].islower() and w.isalpha() else w
                    for w in t.split())


def parse_number(text: str) -> Optional[float]:
    """An Indonesian number: "71,24", "1.234,5", "1.234" (thousands), "61.79" (a decimal point
    when the digits after it are not a group of three)."""
    t = text.strip().rstrip(".,")
    if not re.fullmatch(NUMBER, t):
        return None
    sign = -1.0 if t.startswith("-") else 1.0
    t = t.lstrip("+-")
    if "." in t and "," in t:
        dec = "," if t.rfind(",") > t.rfind(".") else "."
        th = "." if dec == "," else ","
        if t.count(dec) > 1:
            return None
        t = t.replace(th, "").replace(dec, ".")
    elif "," in t:
        if t.count(",") > 1:
            if not re.fullmatch(r"\d{1,3}(,\d{3})+", t):
                return None
            t = t.replace(",", "")
        else:
            t = t.replace(",", ".")
    elif "." in t:
        if t.count(".") > 1:
            if not re.fullmatch(r"\d{1,3}(\.\d{3})+", t):
                return None
            t = t.replace(".", "")
        elif re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", t):
            t = t.replace(".", "")  # "1.237", "175.000": a thousands group
    try:
        return sign * float(t)
    except ValueError:
        return None


def _unit_part(rest: str) -> Optional[str]:
    """The unit after a number ("%", "hari", "SBM", "Kab/Kota"): no digits, a few words; a remark
    in brackets ("85 (Baik)") is no unit."""
    rest = re.sub(r"\([^()]*\)", " ", rest).strip()
    if not rest:
        return None
    if re.search(r"\d", rest) or len(rest.split()) > 3:
        return None
    return unit_name(rest)


def parse_value(text: str) -> tuple[Optional[float], Optional[str], bool]:
    """(value, unit of the cell, whether the text is understood as a number with a unit)."""
    voc = target_vocabulary()
    t = re.sub(r"(?<=\d)[.,]-$", "", collapse(text))  # "Rp 1.200.000,-"
    if not t:
        return None, None, False
    low = t.lower()
    for c in voc.comparators:  # a bound: "≥ 80", "< 5 hari", "min 80%"
        if low.startswith(c) and (not c[0].isalpha() or re.match(re.escape(c) + r"[\s\d.]", low)):
            m = re.match(r"\s*(" + NUMBER + r")\s*(.*)$", t[len(c):])
            return None, (_unit_part(m.group(2)) if m else None), False
    # a range: "80-85", "80 – 85 %", "80 s.d. 85"
    m = re.fullmatch(r"(" + NUMBER + r")\s*(?:[-–—]|s\.?\s?d\.?|s/d|sampai)\s*(" + NUMBER + r")\s*(.*)", t, re.I)
    if m and parse_number(m.group(1)) is not None and parse_number(m.group(2)) is not None:
        return None, _unit_part(m.group(3)), False
    # money with a scale: "Rp 1,2 M", "Rp. 350 juta", "Rp 1.500.000"
    cur = "|".join(re.escape(c) for c in sorted(voc.currency, key=len, reverse=True))
    m = re.fullmatch(r"(?:" + cur + r")\s*(" + NUMBER + r")\s*([a-z]+\.?)?", low)
    if m:
        number = parse_number(m.group(1))
        scale = 1.0
        if m.group(2):
            scale = voc.scales.get(m.group(2).rstrip("."))
        if number is not None and scale is not None:
            return number * scale, "Rp", True
        return None, "Rp", False
    m = re.fullmatch(r"(" + NUMBER + r")\s*(.*)", t)
    if m:
        number = parse_number(m.group(1))
        unit = _unit_part(m.group(2))
        if number is not None and (unit is not None or not re.sub(r"\([^()]*\)", "", m.group(2)).strip()):
            return number, unit, True
        return None, None, False
    return None, None, False


# --------------------------------------------------------------------------- records

def _parts(text: str, part: tuple[int, int]) -> str:
    """This record's part of a cell of a row split into `part[1]` indicators: the i-th list
    item or line when the cell has one per indicator, else the whole cell (shared)."""
    i, n = part
    if n <= 1:
        return text
    items = split_items(text)
    if len(items) == n:
        return strip_marker(items[i])
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    # n short lines of values ("90" / "86,1"); a text wrapped over lines is one shared value
    if len(lines) == n and all(len(ln.split()) <= 3 and not ln.endswith((",", "-", "/")) for ln in lines):
        return lines[i]
    return text


def _period(document: dict) -> tuple[Optional[int], Optional[int]]:
    start, end = document.get("period_start"), document.get("period_end")
    start = start if isinstance(start, int) else None
    end = end if isinstance(end, int) else None
    return start or end, end or start


def entry(column: str, text: str, page: Optional[int], meaning: Column, satuan: Optional[str],
          document: dict) -> Optional[dict]:
    """One typed entry of a target cell's text (None when the text is empty)."""
    value_text = collapse(text)
    if not value_text:
        return None
    value, unit, _ = parse_value(value_text)
    start, end = _period(document)
    year = meaning.year
    if year is None:
        if meaning.kind == "final_target":
            year = end
        elif meaning.kind in ("target", "realisation") and start is not None and start == end:
            year = start
    return {"kind": meaning.kind, "year": year, "quarter": meaning.quarter, "value": value,
            "value_text": value_text, "unit": unit or meaning.unit or unit_name(satuan),
            "column": column, "page": page}


_YEAR_LABEL = r"(?:(?:tahun|thn|th)\.?\s*)?(?:19[5-9]\d|20\d\d)\s*[:=]"
_YEAR_SEGMENT = re.compile(r"(" + _YEAR_LABEL + r"\s*.+?)(?=\s*[;,]?\s*" + _YEAR_LABEL + r"|\s*$)", re.I)


def year_labelled(text: str) -> list[tuple[int, str]]:
    """The parts of a cell that lists a value per year ("2024: 80; 2025: 85", one per line):
    [(year, "2024: 80"), ...]; [] when the cell is no such list (the parts cover all its text)."""
    t = collapse(text)
    parts = [m.group(1).strip() for m in _YEAR_SEGMENT.finditer(t)]
    if len(parts) < 2 or re.sub(r"[\s;,]", "", "".join(parts)) != re.sub(r"[\s;,]", "", t):
        return []
    return [(int(YEAR.search(p).group(1)), p) for p in parts]


def _entries(column: str, text: str, page: Optional[int], meaning: Column, satuan: Optional[str],
             document: dict) -> list[dict]:
    """The entries of one cell: one, or one per year when the cell lists a value per year."""
    listed = year_labelled(text) if meaning.year is None else []
    if not listed:
        e = entry(column, text, page, meaning, satuan, document)
        return [e] if e is not None else []
    out = []
    for year, part in listed:
        value = re.sub(r"^" + _YEAR_LABEL + r"\s*", "", part, flags=re.I).rstrip(" ;,")
        e = entry(column, value, page, Column(meaning.kind, year, meaning.quarter, meaning.unit, True), satuan,
                  document)
        if e is not None:
            e["value_text"] = part.rstrip(" ;,")  # as printed, with its year
            out.append(e)
    return out


def targets_of(extra: dict[str, Any], satuan: Optional[str], document: dict,
               cells: Optional[dict[str, tuple[str, int]]] = None, part: tuple[int, int] = (0, 1),
               default_page: Optional[int] = None) -> list[dict]:
    """The typed entries of one record's `extra`, in column order. `cells`: the extra columns'
    cells as printed (text with its line breaks, page), when the record comes from a table;
    `part`: (i, n) — the record is the i-th of the n indicators one row was split into."""
    out = []
    for column, text in extra.items():
        if not text or not isinstance(text, str):
            continue
        meaning = classify(column)
        if meaning is None:
            continue
        page = default_page
        if cells and column in cells:
            raw, page = cells[column]
            # `extra` holds the whole cell (not this record's part, nor an edited value): the part
            if collapse(raw) == collapse(text):
                text = _parts(raw, part)
        out.extend(_entries(column, text, page, meaning, satuan, document))
    return out


def type_targets(records: list[Record], document: dict) -> list[Record]:
    """The stage: each record's `targets` from its target-like `extra` columns."""
    for r in records:
        pages = r.pages
        r.targets = targets_of(r.extra, r.values.get("satuan"), document, r.extra_cells, r.part,
                               pages[0] if pages else None)
    return records


def record_targets(record: dict, document: dict) -> list[dict]:
    """The entries of a record in the FORMAT.md shape (a JSON file, an edited record)."""
    pages = (record.get("provenance") or {}).get("pages") or []
    return targets_of(record.get("extra") or {}, record.get("satuan"), document,
                      default_page=pages[0] if pages else None)


def set_target(record: dict, column: str, text: Optional[str], document: dict) -> None:
    """A corrected value of one target column (a reviewer's edit): `extra` and the column's entries
    in `targets` (in place, their page kept; removed when the text is cleared)."""
    meaning = classify(column)
    if meaning is None:
        raise ValueError(f"{column!r} is no target-like column")
    record.setdefault("extra", {})[column] = text
    old = [k for k, t in enumerate(record.get("targets") or []) if t.get("column") == column]
    page = record["targets"][old[0]].get("page") if old else None
    new = _entries(column, text or "", page, meaning, record.get("satuan"), document)
    targets = [t for t in record.get("targets") or [] if t.get("column") != column]
    at = old[0] if old else len(targets)
    record["targets"] = targets[:at] + new + targets[at:]


def column_text(record: dict, column: str) -> Optional[str]:
    """What a record's typed entries of one column say, as one text (the review page shows and
    corrects a column at a time); the `extra` text when it has none."""
    texts = [t.get("value_text") or "" for t in record.get("targets") or [] if t.get("column") == column]
    return " ".join(texts) if texts else (record.get("extra") or {}).get(column)


def target_like(columns: Iterable[str]) -> list[str]:
    """The target-like ones among extra column headers."""
    return [c for c in columns if classify(c) is not None]

