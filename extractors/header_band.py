"""A ruled table body whose header is printed above its grid.

Designed documents (plans, reports, slide decks) often draw the header of a
table as a shaded band without rules, or as a grid of its own whose column
lines do not match the body's; the text layer then gives a ruled body with no
header row, and the header words as loose text (or as a header-only table)
above it. A reader takes the band for the body's header: every header word
belongs to the body column under it.

The band is the block of tightly packed text lines right above the body that
names at least two header words (data/headers.toml, [header_line]); lines
between the band and the body that run from the body's left edge as one text
(a "Misi 1 ..." line) are a section row of the table. Header labels are cut
along the body's column edges:

- a label inside one column is that column's header;
- a label wider than its column with labels of one lower line under it is a
  parent over those columns ("Target Kinerja" over "2021 … 2025"): the parent
  row spans them, the lower labels are the second header row;
- a label wider than its column with nothing under it spans the columns it
  covers and the unlabelled columns beside it (one header over code columns
  and a text column).
"""
from __future__ import annotations

import re
from functools import lru_cache
from statistics import median
from typing import Optional

from iku.extractors.geometry import lines_by_top, words_box
from iku.extractors.model import Cell, Engine, Span, Table
from iku.extractors.vocabulary import vocabulary

BAND_GAP = 1.5  # line heights: lines of one header band are at most this far apart
TITLE_EDGES = 3  # a line that is one run of words over this many column edges is a title, not a label
SECTION_LINES = 2  # lines between the band and the body that may form a section row
LABEL_GAP = 0.9  # line heights: words of one label on a line are at most this far apart


@lru_cache(maxsize=1)
def _header_word() -> re.Pattern:
    words = vocabulary().header_line_words
    return re.compile(r"^(" + "|".join(re.escape(w) for w in words) + r")$", re.I)


def _header_hits(words: list[dict]) -> int:
    rx = _header_word()
    return sum(1 for w in words if rx.match(w["text"].strip(":.,()/")))


def _has_header_row(t: Table) -> bool:
    rx = _header_word()
    for row in t.rows[:2]:
        hits = sum(1 for c in row if any(rx.match(w.strip(":.,()/")) for w in c.text.split()[:3]))
        if hits >= 2:
            return True
    return False


def column_edges(t: Table) -> Optional[list[float]]:
    """Left edge of every grid column and the table's right edge, from the cells' boxes."""
    ncols = t.ncols
    lefts: list[Optional[float]] = []
    for k in range(ncols):
        xs = [row[k].bbox[0] for row in t.rows if k < len(row) and row[k].bbox and not row[k].spanned]
        lefts.append(min(xs) if xs else None)
    if lefts[0] is None:
        lefts[0] = t.bbox[0]
    for k in range(1, ncols):
        if lefts[k] is None or lefts[k] <= lefts[k - 1]:
            return None
    return lefts + [t.bbox[2]]


def _column_of(x: float, edges: list[float]) -> int:
    for k in range(len(edges) - 2, -1, -1):
        if x >= edges[k]:
            return k
    return 0


def _labels(lines: list[list[dict]], h: float) -> list[list[dict]]:
    """Words of a line in labels: runs of words closer than LABEL_GAP line heights."""
    out = []
    for ln in lines:
        run = [ln[0]]
        for w in ln[1:]:
            if w["x0"] - run[-1]["x1"] < LABEL_GAP * h:
                run.append(w)
            else:
                out.append(run)
                run = [w]
        out.append(run)
    return out


def _text(words: list[dict], h: float) -> str:
    return "\n".join(" ".join(w["text"] for w in ln) for ln in lines_by_top(words, tol=0.4 * h))


def header_from_band(band: list[dict], edges: list[float], number: int) -> Optional[list[list[Cell]]]:
    """The header row(s) of a body with these column edges, from the band's words."""
    h = median(w["bottom"] - w["top"] for w in band) or 10.0
    ncols = len(edges) - 1
    labels = _labels(lines_by_top(band, tol=0.4 * h), h)
    box = [words_box(lb) for lb in labels]

    def cols_of(b) -> list[int]:
        return [k for k in range(ncols) if min(b[2], edges[k + 1]) - max(b[0], edges[k]) >= 2]

    pieces: dict[int, list[int]] = {k: [] for k in range(ncols)}  # column → labels inside it
    wide = []
    for i, b in enumerate(box):
        cols = cols_of(b)
        if len(cols) > 1:
            wide.append((i, cols))
        elif cols:
            pieces[cols[0]].append(i)
    owner: dict[int, tuple[int, bool]] = {}  # column → (wide label, it has children)
    for i, cols in sorted(wide, key=lambda ic: box[ic[0]][1]):
        if any(k in owner for k in cols):
            continue
        bottom = box[i][3]
        below = [j for k in cols for j in pieces[k] if box[j][1] >= bottom - 1]
        span = list(cols)
        if below:
            level = min(box[j][1] for j in below)

            def joins(k: int) -> bool:
                return bool(pieces[k]) and k not in owner and abs(min(box[j][1] for j in pieces[k]) - level) <= 0.6 * h
        else:
            def joins(k: int) -> bool:
                return not pieces[k] and k not in owner
        k = span[0] - 1
        while k >= 0 and joins(k):
            span.insert(0, k)
            k -= 1
        k = span[-1] + 1
        while k < ncols and joins(k):
            span.append(k)
            k += 1
        for k in span:
            owner[k] = (i, bool(below))

    def cell(ids: list[int]) -> Cell:
        words = [w for j in ids for w in labels[j]]
        if not words:
            return Cell(text="", page=number)
        return Cell(text=_text(words, h), bbox=words_box(words), page=number)

    top: list[Cell] = []
    second: list[Cell] = []
    for k in range(ncols):
        if k in owner:
            i, parent = owner[k]
            first = min(c for c, (j, _) in owner.items() if j == i)
            if k == first:
                above = [j for c in owner if owner[c][0] == i for j in pieces[c] if box[j][3] <= box[i][1] + 1]
                top.append(cell(above + [i]))
            else:
                top.append(Cell(text="", page=number, spanned=Span.LEFT))
            if parent:
                second.append(cell([j for j in pieces[k] if box[j][1] >= box[i][3] - 1]))
            else:
                second.append(Cell(text="", page=number, spanned=Span.UP))
        else:
            top.append(cell(pieces[k]))
            second.append(Cell(text="", page=number, spanned=Span.UP))
    rows = [top]
    if any(parent for _, parent in owner.values()):
        rows.append(second)
    return rows


def _is_title(line: list[dict], edges: list[float], h: float) -> bool:
    """One run of words at word spacing over several column edges: a title or a sentence."""
    gaps = [b["x0"] - a["x1"] for a, b in zip(line, line[1:])]
    if any(g >= LABEL_GAP * h for g in gaps):
        return False
    x0, x1 = line[0]["x0"], line[-1]["x1"]
    return sum(1 for e in edges[1:-1] if x0 < e < x1) >= TITLE_EDGES


def _band_above(words: list[dict], body: Table, edges: list[float]) -> Optional[tuple[list[dict], list[list[dict]]]]:
    """(header band words, section lines) right above `body`, or None: the band is the
    block of lines packed at most BAND_GAP line heights apart, up to a title line."""
    if not words:
        return None
    h = median(w["bottom"] - w["top"] for w in words) or 10.0
    lines = lines_by_top(words, tol=0.4 * h)
    x0, top = body.bbox[0], body.bbox[1]
    lines = [ln for ln in lines if max(w["bottom"] for w in ln) <= top + 1]
    i = len(lines) - 1
    sections: list[list[dict]] = []
    # a section line: one run of text from the body's left edge, just above the body
    while i >= 0 and len(sections) < SECTION_LINES and _header_hits(lines[i]) < 2:
        ln = lines[i]
        run_gaps = [b["x0"] - a["x1"] for a, b in zip(ln, ln[1:])]
        if ln[0]["x0"] - x0 > 3 * h or any(g > 1.5 * h for g in run_gaps):
            break
        sections.insert(0, ln)
        i -= 1
    band: list[list[dict]] = []
    while i >= 0:
        ln = lines[i]
        if band and min(w["top"] for w in band[0]) - max(w["bottom"] for w in ln) > BAND_GAP * h:
            break
        if _is_title(ln, edges, h):
            break
        if not band:
            below = sections[0] if sections else None
            limit = min(w["top"] for w in below) if below else top
            if limit - max(w["bottom"] for w in ln) > BAND_GAP * h:
                return None
        band.insert(0, ln)
        i -= 1
    if sum(_header_hits(ln) for ln in band) < 2:
        return None
    return [w for ln in band for w in ln], sections


def attach_header_bands(page, tables: list[Table], number: int,
                        ruled: tuple[Engine, ...] = (Engine.RULED,)) -> tuple[list[Table], bool]:
    """Ruled bodies without a header row get the header band printed above them (and the
    section line under it as their first row); header-only fragments inside the band are
    dropped. Returns the tables and whether anything changed. `page`: what gives the words
    in a box (`crop(bbox, strict=False).extract_words()`, a pdfplumber page's API; a scan's
    OCR words: extractors/scanned.py); `ruled`: the engines of the tables read from rules."""
    changed = False
    out = list(tables)
    for t in sorted(tables, key=lambda t: t.bbox[1] if t.bbox else 0):
        if t not in out or t.engine not in ruled or not t.bbox or t.ncols < 3 or _has_header_row(t):
            continue
        edges = column_edges(t)
        if edges is None:
            continue
        above = [o for o in out if o is not t and o.bbox and o.bbox[3] <= t.bbox[1] + 1]
        floor = max((o.bbox[3] for o in above if not _header_only(o)), default=0.0)
        if t.bbox[1] - floor < 4:
            continue
        words = page.crop((edges[0] - 2, floor, edges[-1] + 2, t.bbox[1] + 1), strict=False) \
            .extract_words(x_tolerance=2, y_tolerance=3)
        found = _band_above(words, t, edges)
        if found is None:
            continue
        band, sections = found
        rows = header_from_band(band, edges, number)
        if not rows or sum(1 for c in rows[0] if not c.empty) < 2:
            continue
        new_rows = rows
        if sections:
            sw = [w for ln in sections for w in ln]
            text = " ".join(" ".join(w["text"] for w in ln) for ln in sections)
            new_rows = new_rows + [[Cell(text=text, bbox=words_box(sw), page=number)]
                                   + [Cell(text="", page=number, spanned=Span.LEFT) for _ in range(t.ncols - 1)]]
        band_top = min(w["top"] for w in band)
        inside = [o for o in above if o.bbox[1] >= band_top - 2]
        merged = Table(rows=new_rows + t.rows, page=t.page,
                       bbox=(min(t.bbox[0], min(w["x0"] for w in band)), band_top, t.bbox[2], t.bbox[3]),
                       engine=t.engine, ends_page=t.ends_page, below=t.below)
        out = [merged if o is t else o for o in out if o not in inside]
        changed = True
    return out, changed


def _header_only(t: Table) -> bool:
    """A fragment that is nothing but a header (at most two rows, its first naming columns)."""
    return len(t.rows) <= 2 and _has_header_row(t)
