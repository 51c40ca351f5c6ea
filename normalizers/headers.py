"""Header rows of a table and the canonical field each column feeds."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from rapidfuzz import fuzz

from extractors.model import Cell, Span

from extractors.vocabulary import vocabulary
from normalizers.schema import CELL_FIELDS as FIELDS
COMBINED = "penjelasan_formulasi"


def clean_header(text: str) -> str:
    text = re.sub(r"\(\s*\d+\s*\)", " ", text)  # "(1)" column numbers
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def match_header(text: str) -> tuple[Optional[str], float]:
    """(field, score 0..100) for one header text; (None, 0) when nothing fits."""
    h = clean_header(text)
    if not h:
        return None, 0.0
    voc = vocabulary()
    best, best_score = None, 0.0
    for field, phrases in voc.phrases.items():
        for p in phrases:
            s = fuzz.ratio(h, p)
            if s > best_score:
                best, best_score = field, s
    if best_score >= voc.min_score:
        return best, best_score
    words = set(h.split())
    for field, kws in voc.keywords.items():
        if any(k in words for k in kws):
            return field, 70.0
    return None, 0.0


@dataclass
class Column:
    index: int  # position in a logical row
    label: str  # header text as printed, "PARENT / CHILD" under a two-level header
    field: Optional[str]  # canonical field, COMBINED, or None (→ extra)
    score: float
    # grid columns read into this one: a header merged over several columns with
    # no sub-headers (e.g. "Indikator Kinerja" over a "1.1" column and a text column)
    sources: tuple[int, ...] = ()


_COLUMN_NUMBER = re.compile(r"\(?(\d{1,2})\)?\.?")


def _is_numbering_row(row: list[Cell]) -> bool:
    """The "1 2 3 4" / "(1) (2) (3)" row some offices print under the header.

    Read by OCR, a number or two of it may come out as marks ("(3)" → "BD",
    "(4)" → "(4"): the row still counts when most cells are column numbers in
    increasing order and the rest are as short as a misread one."""
    texts = [c.text.strip() for c in row if not c.empty]
    if len(texts) < 2 or any(len(t) > 4 for t in texts):
        return False
    numbers = [int(m.group(1)) for m in map(_COLUMN_NUMBER.fullmatch, texts) if m]
    if len(numbers) == len(texts):
        return True
    return (len(numbers) >= 3 and len(numbers) >= 0.6 * len(texts)
            and all(a < b for a, b in zip(numbers, numbers[1:])))


def header_rows(rows: list[list[Cell]]) -> int:
    """How many leading rows of a table fragment are header (0 when it has none)."""
    if not rows:
        return 0
    first = rows[0]
    filled = [c.text.strip() for c in first if not c.empty]
    if any(len(t) > 120 for t in filled):  # header labels are short; data cells run long
        return 0
    hits = 0
    for t in filled:
        field, score = match_header(t)
        # a keyword inside a longer text is how data cells read too ("Rumus Perhitungan : ...")
        if field is not None and (score >= vocabulary().min_score or len(t) <= 40):
            hits += 1
    if hits < 2 or hits < 0.5 * len(filled):
        return 0
    n = 1
    # a second header level: under a label merged across columns, or beside
    # labels merged down into it ("Indikator" | "Target" over "2016" | "Penjelasan")
    has_colspan = any(c.spanned == Span.LEFT for c in first[1:])
    if len(rows) > 1 and (has_colspan or any(c.spanned == Span.UP for c in rows[1])):
        second = rows[1]
        texts = [c.text.strip() for c in second if not c.empty]
        if any(c.spanned for c in second) and texts and all(len(t) < 45 for t in texts):
            n = 2
    while n < len(rows) and _is_numbering_row(rows[n]):
        n += 1
    return n


def map_columns(rows: list[list[Cell]], n_header: int) -> list[Column]:
    """Canonical field of every column, two-level headers included."""
    ncols = len(rows[0])
    parents = [""] * ncols
    children = [""] * ncols
    levels = [r for r in rows[:n_header] if not _is_numbering_row(r)]
    for k in range(ncols):
        top = levels[0]
        if top[k].spanned == "left":  # the parent label spans this column
            j = k
            while j > 0 and top[j].spanned == Span.LEFT:
                j -= 1
            parents[k] = top[j].text
        else:
            parents[k] = top[k].text
        if len(levels) > 1 and not levels[1][k].spanned:
            children[k] = levels[1][k].text
    norm = lambda s: re.sub(r"\s+", " ", s).strip()
    # grid columns under one merged header cell with no sub-headers are one column
    spans: list[list[int]] = []
    for k in range(ncols):
        if k and levels[0][k].spanned == Span.LEFT and not children[k] and not children[spans[-1][0]]:
            spans[-1].append(k)
        else:
            spans.append([k])
    columns: list[Column] = []
    taken: dict[str, int] = {}
    for pos, span in enumerate(spans):
        k = span[0]
        parent, child = norm(parents[k]), norm(children[k])
        label = f"{parent} / {child}" if child and child != parent else parent
        field, score = match_header(child) if child else match_header(parent)
        if child and field is None:
            pf, ps = match_header(parent)
            if pf is not None and pf not in taken:
                field, score = pf, ps
        if field is not None and field in taken:
            other = columns[taken[field]]
            if other.score >= score:
                field, score = None, 0.0
            else:
                other.field, other.score = None, 0.0
        if field is not None:
            taken[field] = pos
        columns.append(Column(index=pos, label=label, field=field, score=score, sources=tuple(span)))
    return columns


DEFINITIONAL = {"formulasi", "penjelasan", COMBINED, "alasan", "sumber_data", "penanggung_jawab",
                "tipe_perhitungan"}


def is_indicator_table(columns: list[Column]) -> bool:
    """A table that defines indicators (not a results report, not a key-value block)."""
    fields = {c.field for c in columns}
    if "indikator" not in fields:
        return False
    if fields & DEFINITIONAL:
        return True
    report = vocabulary().report_words
    if any(w in clean_header(c.label).split() for c in columns if c.field is None for w in report):
        return False
    return bool(fields & {"sasaran", "indikator_daerah", "satuan", "program"})
