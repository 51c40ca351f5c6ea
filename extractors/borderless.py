"""Tables drawn without ruling lines: columns from whitespace, rows from spacing.

The header line is found by its words (at least two table header words on one
line); columns are the x-intervals that no word crosses, each owning at least
one header word group; a row starts after a blank gap or where the first
column (usually "No") has text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from statistics import median

from extractors.geometry import densest_start, lines_by_top, lines_text, overlaps_any, spans_overlap, words_box
from extractors.model import Cell, Engine, Table
from extractors.vocabulary import vocabulary


@lru_cache(maxsize=1)
def _header_word() -> re.Pattern:
    """One word of a table's header line (data/headers.toml, [header_line])."""
    words = vocabulary().header_line_words
    return re.compile(r"^(" + "|".join(re.escape(w) for w in words) + r")$", re.I)


# The signature block under a table: "Pontianak, 5 Januari 2023", "KEPALA DINAS ...", "Ditetapkan di ..."
_SIGNATURE = re.compile(
    r"^([A-Z][\w.' -]+,\s*\d{1,2}\s+[A-Za-z]+\s+\d{4}|kepala\b|ditetapkan\b|mengetahui\b|a\.?\s?n\.?\s)", re.I)


def row_has_header_words(row) -> bool:
    """At least two cells of a row read as table header words."""
    hits = 0
    for cell in row:
        words = cell.text.split()
        if words and any(_header_word().match(w.strip(":.,()/")) for w in words[:3]):
            hits += 1
    return hits >= 2


def find_borderless_tables(page, words, number: int, avoid=()) -> list[Table]:
    if not words:
        return []
    lines = lines_by_top(words)
    h = median(w["bottom"] - w["top"] for w in words) or 10.0
    header_word = _header_word()
    tables = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        hits = sum(1 for w in ln if header_word.match(w["text"].strip(":.,")))
        # a header line is mostly header words, and not inside a ruled table
        if hits < 2 or hits < 0.3 * len(ln) or overlaps_any(
                (ln[0]["x0"], ln[0]["top"], ln[-1]["x1"], ln[0]["bottom"]), avoid):
            i += 1
            continue
        table, end = _table_from(lines, i, h, number)
        if table is not None:
            tables.append(table)
            i = end
        else:
            i += 1
    return tables


def _table_from(lines, start, h, number):
    # header block: the hit line, the lines packed tightly above it (a label's
    # first line, "Tipe" over "Penghitungan") and under it
    first = start
    while first > 0 and lines[start][0]["top"] - lines[first - 1][0]["bottom"] < 0.6 * h \
            and len(lines[first - 1]) <= len(lines[start]):
        first -= 1
    header = list(lines[first:start + 1])
    j = start + 1
    while j < len(lines) and lines[j][0]["top"] - header[-1][0]["bottom"] < 0.45 * h \
            and not re.fullmatch(r"\d+\.?", lines[j][0]["text"]):
        header.append(lines[j])
        j += 1
    header_words = [w for ln in header for w in ln]
    groups = _header_groups(header, h)
    if len(groups) < 3:
        return None, j
    body = []
    while j < len(lines):
        ln = lines[j]
        gap = ln[0]["top"] - (body[-1] if body else header[-1])[0]["bottom"]
        if gap > 3 * h or _SIGNATURE.match(" ".join(w["text"] for w in ln)) or \
                _runs_across_columns(ln, groups, header_words + [w for b in body for w in b], h):
            break
        body.append(ln)
        j += 1
    if not body:
        return None, j
    bounds = _column_bounds(groups, header_words + [w for ln in body for w in ln])
    ncols = len(bounds)

    def col_of(w):
        cx = (w["x0"] + w["x1"]) / 2
        for k, (a, b) in enumerate(bounds):
            if cx < b:
                return k
        return ncols - 1

    def make_row(row_lines):
        cells_words = [[] for _ in range(ncols)]
        for ln in row_lines:
            for w in ln:
                cells_words[col_of(w)].append(w)
        row = []
        for k, ws in enumerate(cells_words):
            text = lines_text(lines_by_top(ws)) if ws else ""
            bbox = words_box(ws) if ws else None
            row.append(Cell(text=text, bbox=bbox, page=number, engine=Engine.WORDS))
        return row

    rows = [make_row(header)]
    current: list = []
    first_col_numbered = re.match(r"no\b", groups[0][0]["text"], re.I) is not None
    prev_bottom = header[-1][0]["bottom"]
    for ln in body:
        gap = ln[0]["top"] - prev_bottom
        starts_no = first_col_numbered and col_of(ln[0]) == 0
        if current and (gap > 0.6 * h or starts_no):
            rows.append(make_row(current))
            current = []
        current.append(ln)
        prev_bottom = max(w["bottom"] for w in ln)
    if current:
        rows.append(make_row(current))
    bbox = words_box(header_words + [w for ln in body for w in ln])
    return Table(rows=rows, page=number, bbox=bbox, engine=Engine.WORDS), j


def _runs_across_columns(line, groups, table_words, h) -> bool:
    """Running text (a sentence with ordinary word spacing) over two or more column
    gaps of the table so far: prose under the table, not a row."""
    cuts = [c for c, _ in _column_bounds(groups, table_words)[1:]]
    run = [line[0]]
    for w in line[1:]:
        if w["x0"] - run[-1]["x1"] < 0.6 * h:
            run.append(w)
            continue
        if _crossed(run, cuts) >= 2:
            return True
        run = [w]
    return _crossed(run, cuts) >= 2


def _crossed(run, cuts) -> int:
    x0, x1 = run[0]["x0"], run[-1]["x1"]
    return sum(1 for c in cuts if x0 < c < x1)


def _header_groups(header, h):
    """Header words clustered into column labels (x-overlap across lines, small gaps on a line)."""
    spans = []
    for ln in header:
        cur = [ln[0]]
        for w in ln[1:]:
            if w["x0"] - cur[-1]["x1"] < 0.9 * h:
                cur.append(w)
            else:
                spans.append(cur)
                cur = [w]
        spans.append(cur)
    groups: list[list[dict]] = []
    for span in sorted(spans, key=lambda s: s[0]["x0"]):
        x0, x1 = span[0]["x0"], span[-1]["x1"]
        for g in groups:
            gx0, gx1 = min(w["x0"] for w in g), max(w["x1"] for w in g)
            if spans_overlap(x0, x1, gx0, gx1):
                g.extend(span)
                break
        else:
            groups.append(list(span))
    groups.sort(key=lambda g: min(w["x0"] for w in g))
    return groups


def _column_bounds(groups, words):
    """Split the x-axis at whitespace gaps so that every header group owns one column."""
    centers = [(min(w["x0"] for w in g) + max(w["x1"] for w in g)) / 2 for g in groups]
    spans = sorted((w["x0"], w["x1"]) for w in words)
    gaps = []
    cur_end = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 > cur_end + 3:
            gaps.append((cur_end + x0) / 2)
        cur_end = max(cur_end, x1)
    cuts = []
    for left, right in zip(centers, centers[1:]):
        between = [g for g in gaps if left < g < right]
        if len(between) == 1:
            cuts.append(between[0])
        elif between:
            cuts.append(min(between, key=lambda g: abs(g - (left + right) / 2)))
        else:
            edge = _left_edge(words, left, right)
            cuts.append(edge - 1.0 if edge is not None else (left + right) / 2)
    edges = [float("-inf")] + cuts + [float("inf")]
    return list(zip(edges, edges[1:]))


def _left_edge(words, left: float, right: float, tol: float = 2.5, least: int = 4):
    """Where many words between two column labels start at one x: the left edge of
    the right-hand column's text. Used when no whitespace parts the columns (an
    OCR box a little too wide closes the gutter)."""
    best, count = densest_start((w["x0"] for w in words if left < w["x0"] < right), tol)
    return best if count >= least else None
