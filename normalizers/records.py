"""Table fragments → indicator records, by the rules of the output contract.

Stages, in order: stitch fragments continued over pages (repeated headers
dropped), find section rows, join rows cut by a page break, fill merged cells
down, split cells that list several indicators, split labelled parts, and
write every cell's text into a field or into `extra`.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field as dfield, replace
from fnmatch import fnmatch
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz

from iku.extractors.model import Cell, Engine, ExtractedDocument, Span, Table
from iku.normalizers.cells import (BULLET, SYMBOL_BULLET, collapse, split_lost_first_bullet, is_code, linearise_formula, looks_like_formula,
                               split_by_leads, split_code, split_enumeration, split_items, split_joined_names, split_labelled,
                               split_labelled_blocks, split_lost_later_bullets, strip_marker, strip_numbering)
from iku.normalizers.headers import (COMBINED, DEFINITIONAL, FIELDS, Column, clean_header, header_rows,
                                 is_indicator_table, is_numbering_row, map_columns, match_header, vocabulary)
from iku.normalizers.grouping import group_from_context, unit_named
from iku.normalizers.schema import Reason, Record

# Filled down through empty cells (a merged cell as drawn by some offices is
# an empty cell under a filled one). Any cell merged from above is filled too.
FILL_DOWN = ("sasaran", "penanggung_jawab", "sumber_data", "sasaran_daerah", "indikator_daerah")
# Fields whose text is shared by the indicators of a row unless it is a list of one item each
SHARED = FILL_DOWN + ("program", "keterangan")


@dataclass
class Row:
    cells: list[Cell]
    first_on_page: bool = False  # first body row of a fragment continued from the previous page
    joined: bool = False  # a page break cut this row; its continuation was joined to it
    # column → the cells each sub-row merged into this row gave it (a page break's leftover
    # goes on the sub-row it finishes); a column no sub-row was merged into is absent
    blocks: dict[int, list[list[Cell]]] = dfield(default_factory=dict)


@dataclass
class LogicalTable:
    columns: list[Column]
    context: list[str]
    rows: list[Row] = dfield(default_factory=list)
    last_page: int = 0
    ncols: int = 0
    pages: set = dfield(default_factory=set)
    # its first fragment is the first table of its page (its title may end the page before)
    first_of_page: bool = False
    below: list[str] = dfield(default_factory=list)  # the lines under its last fragment (Table.below)
    # the grid column its first fragment's row numbers were split from (`_row_number_column_read_into_the_next`)
    number_split: Optional[int] = None

    @property
    def signature(self) -> tuple:
        return tuple(c.field for c in self.columns)


def _fragment_lines(t: Table) -> list[str]:
    return [" ".join(c.text.replace("\n", " ") for c in row if not c.empty) for row in t.rows]


def stitch(tables: list[Table]) -> list[LogicalTable]:
    """Indicator tables of a document, each stitched from its page fragments."""
    out: list[LogicalTable] = []
    current: Optional[LogicalTable] = None
    pending: list[str] = []  # text seen since the last indicator table (titles, key-value blocks)
    pages_seen: set[int] = set()  # pages of the fragments before this one
    head: Optional[tuple[Table, int]] = None  # a table's header alone at the foot of its page
    for t in tables:
        if not t.rows:
            continue
        first_here = t.page not in pages_seen
        pages_seen.add(t.page)
        t = _title_rows_to_context(t)
        n = header_rows(t.rows)
        split_at = None
        if n:
            t, split_at = _row_number_column_read_into_the_next(t, n)
        elif current is not None and current.number_split is not None and len(t.rows[0]) == current.ncols - 1 \
                and t.page == current.last_page + 1 and t.starts_page:
            # a continuation read on the grid of the table's first page, its two columns as one
            t = _split_row_number_column(t, current.number_split, 0)
        next_page = current is not None and t.page == current.last_page + 1 and t.starts_page
        if next_page and _unit_between(t, current.below):
            # the block naming the next unit ("Nama Unit : …") is set under the table at the foot
            # of its page: the table on the next page is that unit's, however like the header (the
            # block is that table's context; a scan's is in the fragment's context already)
            next_page = False
            pending += [ln for ln in current.below if ln not in t.context]
        cut_head, head = head, None
        if cut_head is not None and next_page and not current.rows \
                and not (n and is_indicator_table(map_columns(t.rows, n))):
            # the page break cut the table's header: its first level ends the page before, the rest
            # opens this page (a second level, "2022 | 2023" under "Target"), with the body under it
            joined = _header_cut_by_the_break(cut_head[0], cut_head[1], t)
            if joined is not None:
                rows, m = joined
                current.columns, current.ncols = map_columns(rows, m), len(rows[0])
                _append(current, Table(rows=rows, page=t.page, bbox=t.bbox, engine=t.engine, below=t.below), m,
                        continued=False)
                continue
        if n:
            columns = map_columns(t.rows, n)
            if not is_indicator_table(columns, section_rows=_has_section_rows(t.rows[n:])):
                pending += t.context + _fragment_lines(t)
                current = None
                continue
            same = current is not None and tuple(c.field for c in columns) == current.signature
            read_apart = None
            if not same and next_page and not t.context:
                # two of the table's columns read as one under a repeated header: the fragment
                # with that column's cells split back in two (before the reading apart below,
                # which would leave one of the two columns empty)
                t, read_apart = _two_columns_read_as_one(current, columns, t, n) or (t, None)
                read_apart = read_apart or _header_read_apart(current, columns) \
                    or _header_repeated_as_read(current, columns)
            if (same and next_page) or read_apart is not None:
                if read_apart is not None:
                    _fields_named_by_the_repeat(current, columns)
                    _widen(current, read_apart[len(current.columns):])
                # (the repeated header's column numbers, "(1) (2) (3)", are no row: the row under
                # them is the one that may finish the row the page break cut)
                while n < len(t.rows) - 1 and is_numbering_row(t.rows[n]):
                    n += 1
                _append(current, t, n, continued=True, columns=read_apart)
                continue
            current = LogicalTable(columns=columns, context=pending + t.context, ncols=len(t.rows[0]),
                                   first_of_page=first_here, number_split=split_at)
            pending = []
            out.append(current)
            _append(current, t, n, continued=False)
            if n == len(t.rows):
                # (the lines under it may be the rest of its labels, under the page's cut: no
                # `ends_page` asked; the next page's first fragment tells whether it goes on there)
                head = (t, n)
        elif current is not None and len(t.rows[0]) == current.ncols and (
                next_page or (t.page == current.last_page and not t.context)):
            # the column numbers ("(1) (2) (3)") of a header the page break left on the page before
            skip = 0
            while skip < len(t.rows) - 1 and is_numbering_row(t.rows[skip]):
                skip += 1
            _append(current, t, skip, continued=t.page != current.last_page)
        else:
            pending += t.context + _fragment_lines(t)
            current = None
    return out


_ROW_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,2})*\.?)\s+(\S.*)$", re.S)


def _row_number_column_read_into_the_next(t: Table, n: int) -> tuple[Table, Optional[int]]:
    """A header label that opens with the row number's label and goes on with another field's
    ("NMR INDIKATOR KINERJA"), in a table whose header has no row-number column of its own, over
    cells that open with a row number ("1. Indeks …"): the narrow number column and the one beside
    it read as one (the gap or rule between them lost on a scan). The column is split back in
    two: the label's first word and the rest, a numbering row's "(1) (2)" in its two numbers,
    each body cell's leading number and the rest; a cell without a number goes to the second
    column, or stays in the first where nothing stands right of the pair (a sasaran's heading
    row). Returns the table and the grid column split; the table as read and None where no
    column is so."""
    top = t.rows[0]
    for j, c in enumerate(top):
        words = c.text.split()
        if len(words) < 2 or match_header(words[0]) != ("no", 100.0):
            continue
        # (the label read whole may name the row number itself, its second label cut short:
        # "NMR INDIKATOR KINER.")
        if any(match_header(o.text)[0] == "no" for k, o in enumerate(top) if k != j and not o.empty):
            return t, None
        rest = " ".join(words[1:])
        if match_header(rest)[0] in (None, "no"):
            continue
        body = [r for r in t.rows[n:] if j < len(r) and not r[j].empty]
        numbered = [r for r in body if _ROW_NUMBER.match(r[j].text.strip())]
        if not numbered or any(j + 1 >= len(r) or all(x.empty for x in r[j + 1:]) for r in numbered):
            continue
        break
    else:
        return t, None
    return _split_row_number_column(t, j, n), j


def _split_row_number_column(t: Table, j: int, n: int) -> Table:
    """The grid column j of a table (`n` header rows) split in two: the row number's and the next
    column's (`_row_number_column_read_into_the_next`)."""
    blank = lambda cell, text="": replace(cell, text=text, corrections=[])
    rows = []
    for r, row in enumerate(t.rows):
        cell = row[j]
        if cell.spanned or cell.empty:
            left, right = cell, replace(cell, text="")
        elif r == 0 and n:
            words = cell.text.split()
            left, right = blank(cell, words[0]), blank(cell, " ".join(words[1:]))
        elif r < n or is_numbering_row(row):
            parts = cell.text.split()
            left, right = (blank(cell, parts[0]), blank(cell, " ".join(parts[1:]))) if len(parts) == 2 else \
                (cell, blank(cell))
        else:
            m = _ROW_NUMBER.match(cell.text.strip())
            if m:
                left, right = blank(cell, m.group(1)), blank(cell, m.group(2))
            elif any(not x.empty for x in row[j + 2:]):
                left, right = blank(cell), cell
            elif j + 1 < len(row) and row[j + 1].text.strip()[:1].islower():
                # a heading across the row whose line a lost stretch of the scan cut in two
                # ("Meningkatnya cakupan ke" | "milikan dokumen …"): one heading, over the row
                heading = blank(cell, f"{cell.text.strip()} {row[j + 1].text.strip()}")
                over = [replace(x, text="", spanned=Span.LEFT, corrections=[]) for x in row[j + 1:]]
                rows.append(list(row[:j]) + [heading, replace(over[0])] + over)
                continue
            else:
                left, right = cell, blank(cell)
        rows.append(list(row[:j]) + [left, right] + list(row[j + 1:]))
    return replace(t, rows=rows)


def _unit_between(t: Table, under_before: list[str]) -> bool:
    """The lines between the table on the page before and this fragment (under that table, or,
    a scan's, carried into the fragment's context) name a unit: the fragment opens that unit's table."""
    ocr = any(c.engine.is_ocr for c in t.rows[0])
    return unit_named(under_before + t.context, ocr) is not None


def _header_cut_by_the_break(head: Table, n_head: int, t: Table) -> Optional[tuple[list[list[Cell]], int]]:
    """The rows of a table whose header the page break cut after its first level (`head`: the
    header alone at the foot of the page before), with the number of header rows: `head`'s rows
    laid over the grid of the fragment `t` that goes on on the next page (a label over several of
    its columns spans them), then `t`'s rows, its first row a second header level where its
    labels stand under such spanning labels only (its blank cells are the labels above, cut).
    None when the two do not make an indicator table's header."""
    ncols = len(t.rows[0])
    spans = []
    for k in range(ncols):
        boxes = [r[k].bbox for r in t.rows[:3] if k < len(r) and r[k].bbox and not r[k].spanned]
        if not boxes:
            return None
        spans.append(((min(b[0] for b in boxes) + max(b[2] for b in boxes)) / 2))
    laid: list[list[Cell]] = []
    wide: set[int] = set()  # columns under a label that spans several
    for row in head.rows[:n_head]:
        if len(row) == ncols:  # one grid: a label's span is as read
            owners = []
            for j, c in enumerate(row):
                owners.append(owners[-1] if c.spanned == Span.LEFT and owners else j)
        else:  # each grid column's cell of the head row, by the middle of the column
            owners = [next((j for j, c in enumerate(row) if c.bbox and c.bbox[0] <= x <= c.bbox[2]), None)
                      for x in spans]
        cells = []
        for k, owner in enumerate(owners):
            if owner is None:
                cells.append(Cell(text="", page=t.page, engine=t.engine))
            elif k > 0 and owners[k - 1] == owner:
                cells.append(Cell(text="", page=t.page, engine=t.engine, spanned=Span.LEFT))
                wide.update((k - 1, k))
            else:
                cells.append(row[owner])
        laid.append(cells)
    first = t.rows[0]
    if wide and all(k in wide for k, c in enumerate(first) if not c.empty) \
            and any(not c.empty for c in first) and all(len(c.text.strip()) < 45 for c in first):
        first = [replace(c, spanned=Span.UP) if c.empty and k not in wide else c for k, c in enumerate(first)]
    rows = laid + [first] + t.rows[1:]
    m = header_rows(rows)
    if m < n_head or m >= len(rows) or not is_indicator_table(map_columns(rows, m)):
        return None
    return rows, m


def _logical_cells(columns: list[Column], cells: list[Cell]) -> list[Cell]:
    out = []
    for c in columns:
        parts = [cells[k] for k in c.sources if k < len(cells)]
        real = [p for p in parts if not p.empty]
        if not parts:
            # a row shorter than the table it joins (a continuation read with fewer columns):
            # the column has no cell in it, which reads as an empty cell, never as an error
            out.append(Cell(text="", page=cells[0].page if cells else 0,
                            engine=cells[0].engine if cells else Engine.RULED))
        elif len(real) <= 1:
            out.append(real[0] if real else parts[0])
        else:
            boxes = [p.bbox for p in real if p.bbox]
            bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                    max(b[3] for b in boxes)) if boxes else None
            out.append(Cell(text=" ".join(p.text.strip() for p in real), bbox=bbox, page=real[0].page,
                            engine=real[0].engine, confidence=min(p.confidence for p in real)))
    return out


def _title_rows_to_context(t: Table) -> Table:
    """Rows above the header inside the grid (a spreadsheet's title rows) are context, not data."""
    for k in range(1, min(4, len(t.rows) - 1)):
        # a title row holds one text (the rest of a row a page break cut holds several)
        if any(sum(not c.empty for c in row) > 1 for row in t.rows[:k]):
            break
        if header_rows(t.rows[k:]) and not header_rows(t.rows[k - 1:]):
            lines = _fragment_lines(Table(rows=t.rows[:k], page=t.page))
            return Table(rows=t.rows[k:], page=t.page, bbox=t.bbox, engine=t.engine, context=t.context + lines,
                         starts_page=t.starts_page and not any(lines), ends_page=t.ends_page,
                         below=t.below)
    return t


def _header_read_apart(lt: LogicalTable, columns: list[Column]) -> Optional[list[Column]]:
    """The table's columns in a fragment at the top of the next page (nothing above it) whose
    repeated header was read a little differently: a scan's header word misread so that its
    column names no field ("RO" for "NO"), a rule lost so that two columns read as one, a mark
    read as a rule so that one column reads as two. The fields the header names are the
    table's, in its order; at most two columns differ, each one naming no field on one side.
    Returns the table's columns with the fragment's grid columns as sources (a column the
    fragment lost has none: an empty cell; a column only the fragment has goes into the one
    on its left), or None when the fragment is another table. A column lost or gained at
    either edge may name a field (the row number's, cut with the page's edge), one only: the
    indicator column's never; a field's column gained at the right edge is one more column of
    the table's (after the table's own), at the left edge it is left out."""
    old, new = list(lt.signature), [c.field for c in columns]
    if "indikator" not in old or sum(f is not None for f in old) < 3:
        return None
    ops = [op for op in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if op[0] != "equal"]

    def at_edge(tag, i0, i1, j0, j1) -> bool:
        # one column lost or gained at the table's left or right edge (a scan's capture cut the
        # page's edge, or lost the outer rule): the fields it names may be any but the indicator's
        return tag in ("delete", "insert") and max(i1 - i0, j1 - j0) == 1 \
            and ((i0 == 0 and j0 == 0) or (i1 == len(old) and j1 == len(new))) \
            and "indikator" not in old[i0:i1] + new[j0:j1]
    for tag, i0, i1, j0, j1 in ops:
        if tag == "replace" and (i1 - i0 != j1 - j0 or any(None not in pair for pair in zip(old[i0:i1], new[j0:j1]))):
            return None
        if tag != "replace" and any(f is not None for f in old[i0:i1] + new[j0:j1]) and not at_edge(tag, i0, i1, j0, j1):
            return None
    if not 0 < sum(max(i1 - i0, j1 - j0) for _, i0, i1, j0, j1 in ops) <= 2:
        return None
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    sources: list[list[int]] = [[] for _ in old]
    added: list[Column] = []
    for tag, i0, i1, j0, j1 in ops:
        if tag in ("equal", "replace"):
            for i, j in zip(range(i0, i1), range(j0, j1)):
                sources[i] += columns[j].sources
        elif tag == "insert":
            if any(f is not None for f in new[j0:j1]):
                # a field's column at the edge the table lacks: at the right edge the table's
                # last column (`_widen`), at the left one left out (the rows before hold
                # nothing of it)
                added = [replace(columns[j], index=len(old)) for j in range(j0, j1)] if i0 == len(old) else []
                continue
            for j in range(j0, j1):
                sources[max(i0 - 1, 0)] += columns[j].sources
    return [replace(c, sources=tuple(sorted(src))) for c, src in zip(lt.columns, sources)] + added


# a word of a repeated header's label and one of the table's label this alike (rapidfuzz ratio) are
# one printed word, however misread
_SAME_WORD = 75


@lru_cache(maxsize=1)
def _naming_words() -> frozenset[str]:
    """The words that name a column or its level: the header vocabulary's and the levels' ("RPJMD")."""
    voc = vocabulary()
    return frozenset(w for group in (voc.phrases, voc.keywords) for terms in group.values() for t in terms
                     for w in clean_header(t).split()) \
        | frozenset(w for _, words, _, _ in voc.levels for t in words for w in clean_header(t).split())


def _header_repeated_as_read(lt: LogicalTable, columns: list[Column]) -> Optional[list[Column]]:
    """The table's columns in a fragment at the top of the next page (nothing above it) under
    its own header repeated and misread, where the fields the misreading names differ from the
    table's in more columns than `_header_read_apart` allows: a parent label misread ("1:P}" for
    "RPJMD") takes the level from its children, so that the region's "Indikator Sasaran" reads
    as the agency's. The labels tell, not the fields: as many columns, each label nearer the
    table's label of its own column than any other, and every word a differing column's label
    has that its table label lacks names nothing (a misread word, not another table's wording:
    "Indikator Program" under "Indikator Kinerja" is another table). Returns the table's columns
    with the fragment's grid columns as sources, or None."""
    if len(columns) != len(lt.columns):
        return None
    old = [clean_header(c.label) for c in lt.columns]
    new = [clean_header(c.label) for c in columns]
    if not all(old) or not all(new):
        return None
    naming = _naming_words()
    for j, (a, b) in enumerate(zip(old, new)):
        own = fuzz.ratio(a, b)
        if any(fuzz.ratio(o, b) > own for o in old if o != a):
            return None
        if lt.columns[j].field == columns[j].field:
            continue
        for w in b.split():
            if w in naming and not any(fuzz.ratio(w, v) >= _SAME_WORD for v in a.split()):
                return None
    return [replace(c, sources=n.sources) for c, n in zip(lt.columns, columns)]


def _widen(lt: LogicalTable, added: list[Column]) -> None:
    """Columns a continuation adds at the table's right edge (`_header_read_apart`) appended to
    the table, its rows so far with an empty cell in each. In place."""
    for c in added:
        lt.columns.append(c)
        for row in lt.rows:
            page = row.cells[0].page if row.cells else 0
            row.cells.append(Cell(text="", page=page, engine=row.cells[0].engine if row.cells else Engine.RULED))


def _fields_named_by_the_repeat(lt: LogicalTable, columns: list[Column]) -> None:
    """A column whose header on the table's first page names no field, where the header repeated
    on the next page names one that no column of the table has ("N-IR" read where the repeat
    reads "NMR", a toner streak over the first page's header): the first reading was the misread
    one (a misread rarely makes a field's name of a word that names none), and the column takes
    the field for the whole table. A column that only gave its field up to another (`claimed`)
    stays as it is. In place."""
    old, new = list(lt.signature), [c.field for c in columns]
    for tag, i0, i1, j0, j1 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "replace" or i1 - i0 != j1 - j0:
            continue
        for i, j in zip(range(i0, i1), range(j0, j1)):
            f = new[j]
            if old[i] is None and f is not None and f not in old and lt.columns[i].claimed is None:
                lt.columns[i] = replace(lt.columns[i], label=columns[j].label, field=f, score=columns[j].score)
                old[i] = f


def _label_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _holds_both_labels(merged: str, left: str, right: str) -> bool:
    """A header label read over two neighbouring columns ("TARGET Satuan : 2020" for
    "Satuan" beside "TARGET 2020": the OCR reads the lines of both labels as one cell,
    in the order of their heights): every word of the two labels is one of its words, an
    OCR slip allowed, and at most one short word of it is neither label's (a stray mark)."""
    if " / " in left and left.split(" / ")[0] == right.split(" / ")[0]:
        # children of one parent ("TARGET / 2022", "TARGET / 2023"): the parent is read once
        right = right.split(" / ", 1)[1]
    want, have = _label_words(left) + _label_words(right), _label_words(merged)
    if not _label_words(left) or not _label_words(right) or len(have) > len(want) + 1:
        return False
    free = list(have)
    for w in want:
        best = max(free, key=lambda h: fuzz.ratio(w, h), default=None)
        if best is None or fuzz.ratio(w, best) < 75:
            return False
        free.remove(best)
    return all(len(w) <= 2 for w in free)


def _two_columns_read_as_one(lt: LogicalTable, columns: list[Column], t: Table,
                             n_header: int) -> Optional[tuple[Table, list[Column]]]:
    """A repeated header at the next page's top that reads two neighbouring columns of the
    table as one (the rule or the gap between them lost on the scan), the column's label
    holding both labels: the table goes on. Each body cell of that column is split back in
    two (`_split_merged_cell`), its second part as one more grid column of the fragment.
    Returns the fragment so widened and the table's columns with its grid columns as
    sources, or None when the header is not the table's read so."""
    old, new = list(lt.signature), [c.field for c in columns]
    if "indikator" not in old or sum(f is not None for f in old) < 3 or len(new) != len(old) - 1:
        return None
    # the merged column: the one where the rest of the columns line up and whose label holds both
    for j in range(len(new)):
        if new[:j] != old[:j] or new[j + 1:] != old[j + 2:]:
            continue
        if _holds_both_labels(columns[j].label, lt.columns[j].label, lt.columns[j + 1].label):
            break
    else:
        return None
    width = len(t.rows[0])
    src = columns[j].sources
    rows = []
    for r, cells in enumerate(t.rows):
        cells = list(cells)
        right = Cell(text="", page=t.page, engine=t.engine)
        if r >= n_header and src:
            k = next((s for s in src if s < len(cells) and not cells[s].empty), src[0])
            if k < len(cells) and not cells[k].empty:
                a, b = _split_merged_cell(lt, j, cells[k].text)
                right = replace(cells[k], text=b)
                cells[k] = replace(cells[k], text=a)
        rows.append(cells + [right])
    out = [replace(c, sources=columns[i].sources) for i, c in enumerate(lt.columns[:j + 1])]
    out.append(replace(lt.columns[j + 1], sources=(width,)))
    out += [replace(c, sources=columns[i].sources) for i, c in enumerate(lt.columns[j + 2:], start=j + 1)]
    return replace(t, rows=rows), out


def _split_merged_cell(lt: LogicalTable, j: int, text: str) -> tuple[str, str]:
    """A body cell read over the table's columns j and j+1 cut in two, line by line, each
    line between two of its words: where the words on the left are most like those the
    column j held on the pages before and the words on the right most like column j+1's
    (the same words, else the same kind: figures or letters); between words alike, where
    both sides get the count of words their columns held on one line in nearly every row
    (two columns of figures, "85 90"). Without a clear cut to go by, the line stays whole in
    column j."""
    def norm(w: str) -> str:
        return "".join(ch for ch in w.lower() if ch.isalnum()) or w.lower()

    seen: tuple[list[str], list[str]] = ([], [])
    counts: tuple[list[int], list[int]] = ([], [])
    for row in lt.rows:
        for side in (0, 1):
            if j + side < len(row.cells) and not row.cells[j + side].empty:
                lines = row.cells[j + side].text.strip().split("\n")
                seen[side].extend(norm(w) for w in " ".join(lines).split())
                counts[side].append(len(lines[0].split()) if len(lines) == 1 else 0)

    def usual(c: list[int]) -> Optional[int]:
        # the words of a one-line cell, when nearly all the column's cells hold that many
        top = max(set(c), key=c.count, default=0)
        return top if top and c.count(top) >= 0.8 * len(c) else None

    usual_counts = (usual(counts[0]), usual(counts[1]))

    def kind(w: str) -> str:
        return "figure" if any(ch.isdigit() for ch in w) else "letters"

    def leans_left(w: str) -> float:
        lw = norm(w)
        inside = [lw in s for s in seen]
        if inside[0] != inside[1]:
            return 2.0 if inside[0] else -2.0
        share = [sum(kind(x) == kind(lw) for x in s) / len(s) if s else 0.0 for s in seen]
        return share[0] - share[1]

    lefts, rights = [], []
    for line in text.split("\n"):
        words = line.split()
        lean = [leans_left(w) for w in words]
        # a cut leaves no word leaning right on its left nor one leaning left on its right (a
        # line of prose both columns' words are found in is no such line: it stays whole)
        best_k, best = len(words), None
        for k in range(len(words), -1, -1):
            if min(lean[:k], default=0.0) < 0 or max(lean[k:], default=0.0) > 0:
                continue
            score = sum(lean[:k]) - sum(lean[k:]) + 0.5 * ((k, len(words) - k) == usual_counts)
            if best is None or score > best + 1e-9:
                best_k, best = k, score
        if words[:best_k]:
            lefts.append(" ".join(words[:best_k]))
        if words[best_k:]:
            rights.append(" ".join(words[best_k:]))
    return "\n".join(lefts), "\n".join(rights)


def _append(lt: LogicalTable, t: Table, n_header: int, continued: bool,
            columns: Optional[list[Column]] = None) -> None:
    """The fragment's body rows as rows of the table (`columns`: the table's columns with this
    fragment's grid columns as sources, when its header was read apart from the table's)."""
    for i, cells in enumerate(t.rows[n_header:]):
        lt.rows.append(Row(cells=_logical_cells(columns or lt.columns, cells), first_on_page=continued and i == 0))
    lt.last_page = t.page
    lt.pages.add(t.page)
    lt.below = t.below


def _col(lt: LogicalTable, fieldname: str) -> Optional[int]:
    for c in lt.columns:
        if c.field == fieldname:
            return c.index
    return None


def _is_section_row(cells: list[Cell]) -> Optional[str]:
    """One text merged across most of the row ("Misi 1 …", "2. CAKUPAN …"): a section, not a record."""
    filled = [k for k, c in enumerate(cells) if not c.empty]
    if len(filled) != 1:
        return None
    k = filled[0]
    covered = 0
    for c in cells[k + 1:]:
        if c.spanned != Span.LEFT:
            break
        covered += 1
    return collapse(cells[k].text) if covered + 1 > len(cells) / 2 else None


def _has_section_rows(rows: list[list[Cell]]) -> bool:
    """Rows of one text across the table (sasaran printed as headings) between rows of several
    cells (the indicators under them)."""
    sections = [_is_section_row(r) is not None for r in rows]
    return any(sections) and sum(not s for s in sections) >= 1


def _is_continuation(row: Row, prev: Row, lt: LogicalTable) -> bool:
    """The leftover of a row cut by a page break: no number of its own, and text that
    finishes the previous row (no indicator, or cells that go on mid-sentence or
    go on numbering the previous row's list)."""
    if not row.first_on_page:
        return False
    no_col, ind_col, sas_col = _col(lt, "no"), _col(lt, "indikator"), _col(lt, "sasaran")
    if no_col is not None and not row.cells[no_col].empty:
        return False
    if ind_col is None:
        return False
    ind = row.cells[ind_col]
    if ind.empty:
        return any(not c.empty for c in row.cells)
    # an indicator that opens with its own printed code, as the one above does ("IKU-02 …"),
    # is a new row (its merged sasaran cell may still go on from the page before: see
    # _finish_cut_merged_cells)
    if split_code(ind.text)[0] is not None and split_code(prev.cells[ind_col].text)[0] is not None:
        return False

    def goes_on(cell: Cell) -> bool:
        return not cell.empty and strip_marker(cell.text)[:1].islower()

    # the first item of a parent row ("… meliputi:") that carries values the parent has not
    # (a target, a unit): a row of its own under the parent, not the parent's leftover
    before = prev.cells[ind_col]
    if SYMBOL_BULLET.match(ind.text) and not before.empty and re.search(r":\s*$", before.text) \
            and any(not c.empty and prev.cells[k].empty for k, c in enumerate(row.cells) if k != ind_col):
        return False

    if goes_on(ind) or (sas_col is not None and goes_on(row.cells[sas_col]) and not _fills_row(row, prev, lt)):
        return True
    if sum(goes_on(c) for c in row.cells) >= 2:
        return True
    if _unnumbered_rest(row, lt, no_col):
        return True
    # the row above stops unfinished: a part label with nothing after it ("Rumus Perhitungan :"),
    # a word broken at a hyphen, a list going on after a comma
    if any(re.search(r"[:,]\s*$|\w-\s*$", c.text) for c in prev.cells if not c.empty):
        return True
    m = re.match(r"\s*(\d{1,2})[.)]\s", ind.text)
    before = prev.cells[ind_col].text
    return bool(m) and re.search(rf"(?m)^\s*{int(m.group(1)) - 1}[.)]\s", before) is not None


def _labelled_block_to_its_row(rows: list[Row], lt: LogicalTable) -> None:
    """A cell of labelled parts that holds its first label twice ("Makna : … Alasan : … Makna :
    … Alasan : Menjadi ukuran") over a row of one indicator, the same column of the next row
    opening mid-sentence ("mewujudkan sasaran …"): the boundary between the two rows was set in
    the next row's block (a scan's rows told apart by the gaps between their lines, a tall cell
    of parts beside short ones). The second block goes to the next row's cell, before its text.
    In place."""
    ind_col = _col(lt, "indikator")
    if ind_col is None:
        return
    for a, b in zip(rows, rows[1:]):
        if not a.cells or not b.cells or a.cells[ind_col].empty or b.cells[ind_col].empty \
                or len(split_items(a.cells[ind_col].text)) != 1:
            continue
        for c in lt.columns:
            if c.field not in (COMBINED, None) or c.index == ind_col:
                continue
            here, there = a.cells[c.index], b.cells[c.index]
            if here.empty or there.empty or not strip_marker(there.text)[:1].islower() \
                    or c.index in a.blocks or c.index in b.blocks:
                continue
            blocks = split_labelled_blocks(here.text)
            if len(blocks) != 2 or split_labelled(there.text)[0] == "":
                continue
            a.cells[c.index] = replace(here, text=blocks[0].rstrip())
            b.cells[c.index] = replace(there, text=blocks[1].rstrip() + "\n" + there.text)


def _sasaran_tail_to_the_row_above(rows: list[Row], lt: LogicalTable) -> None:
    """A scanned sasaran cell merged over two rows whose last line went to the lower row, read
    apart by the gaps between the lines: the lower row's sasaran opens mid-sentence ("perangkat
    daerah") under a sasaran that opens with a capital and ends with no stop. The tail goes back
    to the cell above, and the lower row shares its sasaran (filled down, as a merged cell's
    rows do). A text layer's cells are left as printed (a document may write its sasaran in
    lower case). In place."""
    sas_col, ind_col = _col(lt, "sasaran"), _col(lt, "indikator")
    if sas_col is None or ind_col is None:
        return
    for a, b in zip(rows, rows[1:]):
        if not a.cells or not b.cells or b.cells[ind_col].empty:
            continue
        here, there = a.cells[sas_col], b.cells[sas_col]
        if here.empty or there.empty or not (here.engine.is_ocr and there.engine.is_ocr):
            continue
        if not here.text.strip()[:1].isupper() or here.text.rstrip().endswith(".") \
                or not there.text.strip()[:1].islower():
            continue
        a.cells[sas_col] = replace(here, text=here.text.rstrip() + "\n" + there.text.strip())
        b.cells[sas_col] = replace(there, text="")


# a heading's text: an enumerator ("B.", "IV.") and three words or more, every letter a capital
_HEADING_TEXT = re.compile(r"^(?:[A-Z]|[IVX]{1,4})\.\s+(?:[^\sa-z]+\s+){2,}[^\sa-z]+$")


def _heading_under_the_rows(row: Row, lt: LogicalTable) -> bool:
    """The table's last row, with no number nor indicator, reads as a heading in capitals
    ("B. INDIKATOR KINERJA BIDANG …"): the title of the next table, read under this one's rows
    (on a scan its words spread over the columns; a text layer tells it by its bold). No row's
    leftover: it is left out, not joined to the last record's cells."""
    no_col, ind_col = _col(lt, "no"), _col(lt, "indikator")
    if ind_col is None or not row.cells[ind_col].empty or (no_col is not None and not row.cells[no_col].empty):
        return False
    text = collapse(" ".join(c.text for c in row.cells if not c.empty))
    return bool(text) and _HEADING_TEXT.match(text) is not None


def _fills_row(row: Row, prev: Row, lt: LogicalTable) -> bool:
    """The row fills every cell of its own that the row above fills (three at least; the
    merged cells filled down left out): a new row beside a merged sasaran cell the page break
    cut, whose text goes on in lower case. The rest of a cut row leaves empty the cells whose
    text ended before the break (a target, a type)."""
    own = [c.index for c in lt.columns if c.field not in FILL_DOWN and c.field != "no"]
    filled = [k for k in own if not prev.cells[k].empty]
    ind_col = _col(lt, "indikator")
    # (an indicator opening with a list's later item, "b. …", "2. …", goes on with the list above)
    m = re.match(r"\s*([a-z]|\d{1,2})[.)]\s", row.cells[ind_col].text) if ind_col is not None else None
    if m and m.group(1) not in ("a", "1"):
        return False
    return len(filled) >= 3 and all(not row.cells[k].empty for k in filled)


def _unnumbered_rest(row: Row, lt: LogicalTable, no_col: Optional[int]) -> bool:
    """A row without a number in a table that numbers every row above it (none merged or
    left empty), which leaves empty a cell every row above fills (the targets, the unit):
    the rest of the row the page break cut, not an indicator of its own."""
    ind_col = _col(lt, "indikator")
    above = []
    for r in lt.rows:
        if r is row:
            break
        # (the leftover of a row an earlier page break cut has no number of its own either:
        # it does not make the table one that leaves numbers out)
        if no_col is not None and r.first_on_page and r.cells and r.cells[no_col].empty:
            continue
        if r.cells and not _is_section_row(r.cells) and _has_text(r, lt):
            above.append(r)
    if not above:
        return False
    if no_col is None:
        # a table numbering its rows by a code printed at the head of every indicator ("IK 1.3
        # Nilai SAKIP"): a row whose indicator has none is as unnumbered
        if ind_col is None or split_code(row.cells[ind_col].text)[0] is not None \
                or any(split_code(r.cells[ind_col].text)[0] is None for r in above):
            return False
    elif any(r.cells[no_col].empty for r in above):
        return False
    skip = {no_col} | {c.index for c in lt.columns if c.field in FILL_DOWN}
    return any(k not in skip and cell.empty and all(not r.cells[k].empty for r in above)
               for k, cell in enumerate(row.cells))


def _finish_cut_merged_cells(row: Row, prev: Row, lt: LogicalTable) -> None:
    """A new row at the top of a page whose filled-down cells (sasaran, penanggung jawab)
    open in lower case: a merged cell the page break cut goes on there beside the new row.
    Its text finishes the cell of the row above; the new row has it by filling down."""
    for c in lt.columns:
        if c.field not in FILL_DOWN:
            continue
        cell, p = row.cells[c.index], prev.cells[c.index]
        if cell.empty or p.empty or not strip_marker(cell.text)[:1].islower():
            continue
        prev.cells[c.index] = Cell(text=p.text.rstrip() + "\n" + cell.text.lstrip(), bbox=p.bbox, page=p.page,
                                   engine=p.engine, confidence=min(p.confidence, cell.confidence),
                                   pieces=(p.pieces or (p,)) + (cell.pieces or (cell,)))
        row.cells[c.index] = Cell(text="", page=cell.page, engine=cell.engine, spanned=Span.UP)


def _merge_into(prev: Row, row: Row, page_break: bool = True) -> None:
    for k, cell in enumerate(row.cells):
        if cell.empty:
            continue
        p = prev.cells[k]
        blocks = prev.blocks.setdefault(k, [[p]] if not p.empty else [])
        if page_break and blocks:
            blocks[-1].append(cell)
        else:
            blocks.append([cell])
        if p.empty:
            prev.cells[k] = cell
        else:
            prev.cells[k] = Cell(text=p.text.rstrip() + "\n" + cell.text.lstrip(), bbox=p.bbox, page=p.page,
                                 engine=p.engine, confidence=min(p.confidence, cell.confidence),
                                 pieces=(p.pieces or (p,)) + (cell.pieces or (cell,)))
    prev.joined = prev.joined or page_break


def _prov(cell: Cell, method: str = "text") -> list[dict]:
    parts = cell.pieces or (cell,)
    return [{"page": c.page, "bbox": [round(v, 1) for v in c.bbox] if c.bbox else None,
             "method": "ocr" if c.engine.is_ocr else "text",
             **({"confidence": round(c.confidence, 3)} if c.engine.is_ocr else {}),
             **({"corrections": list(c.corrections)} if c.corrections else {})} for c in parts]


def table_records(lt: LogicalTable, base_group: Optional[str]) -> list[Record]:
    rows: list[Row] = []
    section: Optional[Cell] = None
    sections: list[Optional[Cell]] = []
    for n, row in enumerate(lt.rows):
        sec = _is_section_row(row.cells)
        if sec is None and _first_column_heading(row, lt.rows[n + 1] if n + 1 < len(lt.rows) else None, lt):
            sec = collapse(row.cells[0].text)
        split = _section_split_in_cells(row, lt) if sec is None else None
        if split is not None:
            sec = split.text
        if sec is not None and _section_opens_list(row, lt.rows[n + 1] if n + 1 < len(lt.rows) else None, lt):
            sec = None  # a parent row printed across the row: its items are the records under it
        if sec is not None:
            section = split or next(c for c in row.cells if not c.empty)
            rows.append(Row(cells=[], first_on_page=False))  # marker: fill-down stops here
            sections.append(section)
            continue
        if n == len(lt.rows) - 1 and rows and _heading_under_the_rows(row, lt):
            continue
        if rows and rows[-1].cells and _is_continuation(row, rows[-1], lt):
            _merge_into(rows[-1], row)
            continue
        if _lone_number_row(row, lt):  # (after the continuation test: a wrapped name's last line stays)
            continue
        if rows and rows[-1].cells and row.first_on_page:
            _finish_cut_merged_cells(row, rows[-1], lt)
        rows.append(row)
        sections.append(section)

    # a row without an indicator of its own continues the one above: a cell merged
    # over sub-rows (criteria, yearly targets) or an unruled wrap
    ind_col = _col(lt, "indikator")
    merged_rows: list[Row] = []
    merged_secs: list[Optional[Cell]] = []
    for row, sec in zip(rows, sections):
        if row.cells and merged_rows and merged_rows[-1].cells and ind_col is not None \
                and row.cells[ind_col].empty and _has_text(row, lt):
            _merge_into(merged_rows[-1], row, page_break=False)
            continue
        merged_rows.append(row)
        merged_secs.append(sec)
    _labelled_block_to_its_row(merged_rows, lt)
    _sasaran_tail_to_the_row_above(merged_rows, lt)

    no_col, sas_col = _col(lt, "no"), _col(lt, "sasaran")
    sasaran_of = _section_sasaran(lt, merged_rows, merged_secs, sas_col)
    parents = _parent_rows(merged_rows, ind_col)
    parent_key = str(vocabulary().rows.get("parent_key", "Indikator (induk)"))
    code_col = _code_column(lt)
    records: list[Record] = []
    above: dict[int, Cell] = {}
    # a table whose No cells are merged over the rows of one sasaran
    merges_no = no_col is not None and any(r.cells and r.cells[no_col].spanned == Span.UP for r in lt.rows)
    prev: Optional[list[Cell]] = None
    parent: Optional[tuple[int, Cell]] = None  # (index of the parent row, its indicator cell)
    for i, (row, sec) in enumerate(zip(merged_rows, merged_secs)):
        if not row.cells:
            above = {}
            continue
        if not _has_text(row, lt):
            continue
        cells = list(row.cells)
        for c in lt.columns:
            cell = cells[c.index]
            if cell.empty and c.index in above and (
                    cell.spanned == Span.UP or c.field in FILL_DOWN or _cut_merged_cell(row, prev, c.index, no_col,
                                                                                    sas_col, merges_no,
                                                                                    above[c.index])
                    # a parent row's items share its cells, not its printed number: an item's
                    # own empty No cell on the parent's page is "no" null (FORMAT.md: null when
                    # the cell is empty); on a later page it is the rest of the parent's No cell,
                    # merged down and cut by the page break
                    or (parent is not None and parents.get(i) == parent[0]
                        and (c.index != no_col or cell.page > parent[1].page))):
                cells[c.index] = above[c.index]
            elif not cell.empty:
                above[c.index] = cell
        prev = row.cells
        if i in parents and parents[i] is None:  # a parent row: its items are the records
            parent = (i, cells[ind_col])
            continue
        extra: dict[str, str] = {}
        if parent is not None and parents.get(i) == parent[0]:
            extra[parent_key] = collapse(parent[1].text)
        else:
            parent = None
        sasaran = sasaran_of.get(id(sec)) if sec is not None else None
        if sasaran is not None and sas_col is not None and cells[sas_col].empty:
            cells[sas_col] = sasaran
        group = _group(base_group, collapse(sec.text) if sec is not None and sasaran is None else None)
        records.extend(_row_records(lt, cells, group, row.joined, row.blocks, extra,
                                    sasaran if sas_col is None else None, code_col))
    return _restore_lost_levels(records)


_LEVELS = re.compile(r"(?P<head>.*?)(?P<nums>\d{1,2}(?:[.,]\d{1,2})*)")


def _levels(code: Optional[str]) -> Optional[tuple[str, list[int], str]]:
    """(text before the number, the number's levels, the separator) of a printed code."""
    m = _LEVELS.fullmatch(code or "")
    if not m:
        return None
    sep = next((ch for ch in m["nums"] if ch in ".,"), ".")
    return m["head"], [int(x) for x in re.split(r"[.,]", m["nums"])], sep


def _restore_lost_levels(records: list[Record]) -> list[Record]:
    """A code one level short among its neighbours' ("IKU 1" between "IKU 1.1" and "IKU 1.3":
    a blurred scan's last digit lost into the point after it) is the step between them: the
    codes around it under the same parent number it, one before and one after. Left as read
    when its neighbours do not agree on the step or the code is taken, and a bare number
    ("1" over "1.2" in a No column: as often a parent's number as a short one)."""
    codes = [_levels(r.values.get("no")) for r in records]
    taken = {r.values.get("no") for r in records}
    for k, here in enumerate(codes):
        if here is None:
            continue
        head, nums, _ = here
        if not head.strip():
            continue
        steps = []
        for j, step in ((k - 1, 1), (k + 1, -1)):
            near = codes[j] if 0 <= j < len(codes) else None
            if near is not None and near[0] == head and len(near[1]) == len(nums) + 1 and near[1][:-1] == nums:
                steps.append((near[1][-1] + step, near[2]))
        if not steps or len({n for n, _ in steps}) > 1 or steps[0][0] < 1:
            continue
        code = head + steps[0][1].join(str(n) for n in nums + [steps[0][0]])
        if code not in taken:
            records[k].values["no"] = code
            codes[k] = _levels(code)
            taken.add(code)
    return records


def _first_column_heading(row: Row, nxt: Optional[Row], lt: LogicalTable) -> bool:
    """A row whose only text stands in the first column (not the indicator's), over a row
    with an indicator that fills its own first cell with text of its own (not going on in
    lower case): a heading printed in the first column (a group's "Misi 1. …" in a table
    without rules, its type not read), not a record without an indicator."""
    ind_col = _col(lt, "indikator")
    if row.first_on_page or nxt is None or not row.cells or not nxt.cells or ind_col in (None, 0):
        return False
    if [k for k, c in enumerate(row.cells) if not c.empty] != [0] or row.cells[0].spanned \
            or len(re.findall(r"[^\W\d_]{2,}", row.cells[0].text)) < 2:
        return False  # (words, not a number or a code standing on a line of its own)
    first, ind = nxt.cells[0], nxt.cells[ind_col]
    return not first.empty and not first.spanned and not ind.empty \
        and not strip_marker(first.text)[:1].islower() and not strip_marker(row.cells[0].text)[:1].islower()


def _section_split_in_cells(row: Row, lt: LogicalTable) -> Optional[Cell]:
    """A section row whose one line of text a gap parted into two neighbouring cells (a scan's
    dropout stripe or a lost letter leaves a gap as wide as a column's: "Meningkatnya
    akuntabilit" | "kinerja satuan kerja"), in a table whose sasaran are section rows (no
    sasaran column): one line in each cell, the first opening as an outcome (headers.toml
    [rows] `outcome`), the second going on in lower case, and nothing in a column further
    right that most of the table's rows fill (the target every indicator has). The joined
    cell, else None."""
    if not row.cells or row.first_on_page or _col(lt, "sasaran") is not None:
        return None  # (a page's first row may be the rest of a row the page break cut)
    filled = [k for k, c in enumerate(row.cells) if not c.empty]
    # (neighbouring but for cells the first one's merge covers: a false rule, a stamp's edge,
    # cut the merged section cell short of its end)
    if len(filled) != 2 or any(row.cells[k].spanned != Span.LEFT for k in range(filled[0] + 1, filled[1])):
        return None
    a, b = row.cells[filled[0]], row.cells[filled[1]]
    if "\n" in a.text.strip() or "\n" in b.text.strip() or not b.text.strip()[:1].islower():
        return None
    words = clean_header(collapse(a.text)).split()
    if not words or not any(fnmatch(words[0], f) for f in vocabulary().rows.get("outcome", ())):
        return None
    others = [r for r in lt.rows if r is not row and r.cells and len(r.cells) == len(row.cells)
              and _is_section_row(r.cells) is None]
    if not any(sum(1 for r in others if not r.cells[k].empty) > len(others) / 2
               for k in range(filled[1] + 1, len(row.cells))):
        return None
    box = (min(a.bbox[0], b.bbox[0]), min(a.bbox[1], b.bbox[1]), max(a.bbox[2], b.bbox[2]),
           max(a.bbox[3], b.bbox[3])) if a.bbox and b.bbox else a.bbox
    return Cell(text=f"{collapse(a.text)} {collapse(b.text)}", bbox=box, page=a.page, engine=a.engine,
                confidence=min(a.confidence, b.confidence), pieces=(a, b))


def _section_sasaran(lt: LogicalTable, rows: list[Row], secs: list[Optional[Cell]],
                     sas_col: Optional[int]) -> dict[int, Cell]:
    """Section rows that are the sasaran of the rows under them (id of the section cell →
    a cell holding the sasaran's text): labelled as a sasaran, or unlabelled above rows
    that have no sasaran of their own (headers.toml [rows])."""
    labels = vocabulary().rows
    out: dict[int, Cell] = {}
    for sec in {id(s): s for s in secs if s is not None}.values():
        text = collapse(sec.text)
        words = clean_header(text).split()
        own = _label_rest(text, labels.get("sasaran", ()))
        if own is None:
            if any(words[:len(g.split())] == g.split() for g in labels.get("group", ())):
                continue
            if not words or not any(fnmatch(words[0], f) for f in labels.get("outcome", ())):
                continue
            under = [r for r, s in zip(rows, secs) if s is sec and r.cells]
            if sas_col is not None and any(not r.cells[sas_col].empty for r in under):
                continue
            own = text
        out[id(sec)] = Cell(text=own, bbox=sec.bbox, page=sec.page, engine=sec.engine, confidence=sec.confidence,
                            pieces=sec.pieces)
    return out


def _label_rest(text: str, labels) -> Optional[str]:
    """The text after a leading label ("Sasaran 1 : Meningkatnya …" → "Meningkatnya …"); None
    when the text opens with none of the labels."""
    for lab in sorted(labels, key=len, reverse=True):
        body = r"\s+".join(map(re.escape, lab.split()))
        m = re.match(rf"(?i)\s*{body}\b\s*(?:\d+(?:\.\d+)*|[IVX]+\b)?\s*[:.)\-–]?\s*(?=\S)", text)
        if m:
            return text[m.end():]
    return None


def _parent_end() -> re.Pattern:
    """The end of an indicator that introduces a list ("…, meliputi:", "… terdiri dari:", ":")."""
    words = vocabulary().rows.get("parent", ())
    return re.compile(r"(?i)(?:\b(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
                      + r")\s*:?|:)\s*$") if words else re.compile(r":\s*$")


def _section_opens_list(row: Row, nxt: Optional[Row], lt: LogicalTable) -> bool:
    """A row of one text across the table that introduces a list ("Indikator keberhasilan …,
    terdiri dari:") whose first item, a bulleted indicator, is the next row: a parent row
    (its text moved to the indicator column), not a section. The sasaran section above it
    stays the section of its items."""
    ind_col = _col(lt, "indikator")
    if ind_col is None or nxt is None or not nxt.cells or nxt.cells[ind_col].empty \
            or not BULLET.match(nxt.cells[ind_col].text):
        return False
    k, cell = next((k, c) for k, c in enumerate(row.cells) if not c.empty)
    if not _parent_end().search(cell.text) or k > ind_col:
        return False
    if k != ind_col:
        row.cells[ind_col], row.cells[k] = cell, Cell(text="", page=cell.page, engine=cell.engine)
    for j in range(ind_col + 1, len(row.cells)):
        if row.cells[j].spanned == Span.LEFT:
            row.cells[j] = Cell(text="", page=cell.page, engine=cell.engine)
    return True


def _parent_rows(rows: list[Row], ind_col: Optional[int]) -> dict[int, Optional[int]]:
    """Rows whose indicator introduces a list ("Jumlah produksi, meliputi:") that the rows under it
    carry, one item each: {parent row: None, item row: its parent row}."""
    out: dict[int, Optional[int]] = {}
    if ind_col is None:
        return out
    ends = _parent_end()
    i = 0
    while i < len(rows):
        cell = rows[i].cells[ind_col] if rows[i].cells else None
        if cell is None or cell.empty or not ends.search(cell.text) or BULLET.match(cell.text):
            i += 1
            continue
        j = i + 1
        while j < len(rows) and rows[j].cells and not rows[j].cells[ind_col].empty \
                and BULLET.match(rows[j].cells[ind_col].text) and len(split_items(rows[j].cells[ind_col].text)) == 1:
            out[j] = i
            j += 1
        # the parent carries no value of its own where its items do (a target, a unit)
        own = [k for k, c in enumerate(rows[i].cells) if k != ind_col and not c.empty]
        if j > i + 1 and any(k not in own and any(not rows[x].cells[k].empty for x in range(i + 1, j))
                             for k in range(len(rows[i].cells)) if k != ind_col):
            out[i] = None
        else:
            for x in range(i + 1, j):
                out.pop(x, None)
        i = j
    return out


def _cut_merged_cell(row: Row, prev: Optional[list[Cell]], k: int, no_col: Optional[int], sas_col: Optional[int],
                     merges_no: bool, above: Optional[Cell] = None) -> bool:
    """An empty cell at the top of a continued page that is the rest of a merged cell a page
    break cut: the merged cell above reached the page's bottom, or it is a No cell of a table
    that merges its No cells over a sasaran whose cell is cut here too. Under the rest of a
    cut row too: a No cell of such a table, its number printed on an earlier page, beside a
    sasaran cell merged on from above (the sasaran, and so its number, goes on past the break)."""
    cell = row.cells[k]
    if not cell.empty or cell.spanned or prev is None:
        return False
    if not row.first_on_page:
        return k == no_col and merges_no and sas_col is not None and row.cells[sas_col].spanned == Span.UP \
            and above is not None and 0 < above.page < cell.page
    if prev[k].spanned == Span.UP:
        return True
    return k == no_col and merges_no and sas_col is not None and row.cells[sas_col].empty \
        and not row.cells[sas_col].spanned


def _group(base: Optional[str], section: Optional[str]) -> Optional[str]:
    """The group of the rows under a section row ("Misi 1 …", "Tujuan 2 : …", "2. CAKUPAN …") is
    that section (FORMAT.md: a section row is a group, as the table's title or unit is); rows
    under none keep the table's title or unit."""
    return section or base


def _has_text(row: Row, lt: LogicalTable) -> bool:
    return any(not row.cells[c.index].empty for c in lt.columns if c.field != "no")


def _row_records(lt: LogicalTable, cells: list[Cell], group: Optional[str], joined: bool,
                 blocks: Optional[dict[int, list[list[Cell]]]] = None, extra: Optional[dict[str, str]] = None,
                 sasaran: Optional[Cell] = None, code_col: Optional[int] = None) -> list[Record]:
    """The records of one row: one per indicator its indicator cell lists. `extra`: keys every
    record gets (a parent row's text); `sasaran`: the sasaran of a table without a sasaran
    column (a section row above)."""
    ind_col = _col(lt, "indikator")
    ind_cell = cells[ind_col]
    items = split_items(ind_cell.text) if not ind_cell.empty else []
    # content of each column, per field, as (text, cell) before distribution
    n = max(len(items), 1)
    if len(items) == 1:
        # several indicators on plain lines: trust it only when another column agrees on the count
        lead_items = split_by_leads(ind_cell.text)
        joined_names = split_joined_names(items[0])
        lost_first = split_lost_first_bullet(ind_cell.text)
        if len(lead_items) > 1 and _another_column_has(lt, cells, len(lead_items)):
            items, n = lead_items, len(lead_items)
        elif len(lost_first) > 1 and _another_column_has(lt, cells, len(lost_first)):
            items, n = lost_first, len(lost_first)
        elif len(joined_names) > 1:
            items, n = joined_names, len(joined_names)
    reasons = [Reason.SPLIT] if n > 1 else []
    if joined:
        reasons.append(Reason.JOINED)
    # a filled cell under a header matched below the vocabulary's min_score (or by keyword fallback)
    if any(c.field is not None and c.score < vocabulary().min_score and not cells[c.index].empty
           for c in lt.columns):
        reasons.append(Reason.FUZZY_HEADER)
    # a printed code opening an indicator ("1.1.", "IKU 2") is its number
    codes: list[Optional[str]] = [None] * n
    for i, it in enumerate(items):
        codes[i], items[i] = split_code(strip_marker(it))
    items = [strip_numbering(i) for i in items]
    values = [dict.fromkeys(FIELDS) for _ in range(n)]
    provs: list[dict[str, list]] = [{} for _ in range(n)]
    extras: list[dict[str, Optional[str]]] = [dict(extra or {}) for _ in range(n)]
    printed: list[dict[str, tuple[str, int]]] = [{} for _ in range(n)]  # extra cells as printed (targets)
    put_texts: list[dict[str, list[str]]] = [{} for _ in range(n)]  # the texts put into each field
    for i in range(n):
        values[i]["indikator"] = collapse(items[i]) if items else None
        if not ind_cell.empty:
            provs[i]["indikator"] = _prov(ind_cell)

    def put(i: int, fieldname: str, text: str, cell: Cell) -> None:
        text = text.strip()
        if not text:
            return
        if fieldname == "formulasi":
            text = linearise_formula(text)
        old = values[i].get(fieldname)
        if old and any(collapse(part).casefold() == collapse(text).casefold() for part in put_texts[i].get(fieldname, ())):
            # the same text from a second place of the row (a labelled part "Sumber : X" beside a
            # column the same field claims, holding X): one value, not X X
            return
        put_texts[i].setdefault(fieldname, []).append(text)
        values[i][fieldname] = text if not old else old + "\n" + text
        provs[i].setdefault(fieldname, []).extend(_prov(cell))

    for c in lt.columns:
        if c.index == ind_col:
            continue
        cell = cells[c.index]
        if c.field is None and c.index == code_col and code_col is not None and is_code(cell.text):
            for i in range(n):  # a column of printed codes ("IKU 1.1") numbers the indicators
                codes[i] = codes[i] or collapse(cell.text).rstrip(".")
                provs[i]["indikator_code"] = _prov(cell)
            continue
        lead, parts = split_labelled(cell.text) if c.field is None else ("", [])
        if parts and not lead:
            # a column left to extra (another column took its header's field) whose text is
            # labelled parts ("Rasionalisasi : … Cara Perhitungan : …"): read by their labels
            for i, fieldname, text in _distribute(COMBINED, cell.text, n):
                put(i, fieldname, text, cell)
            continue
        if c.field is None:
            own = _one_part_each(cell.text, n)
            for i in range(n):
                extras[i][c.label] = (own[i] if own else collapse(cell.text)) or None
                if not cell.empty:
                    provs[i].setdefault("extra", []).extend(_prov(cell))
                    printed[i][c.label] = (cell.text, cell.page)
            continue
        if cell.empty:
            continue
        subs = (blocks or {}).get(c.index, [])
        if c.field == COMBINED and n == 1 and len(subs) > 1:
            # a combined cell merged over sub-rows: each sub-row's part is a formula or an explanation
            for sub in subs:
                part = Cell(text="\n".join(p.text.strip() for p in sub), bbox=sub[0].bbox, page=sub[0].page,
                            engine=sub[0].engine, confidence=min(p.confidence for p in sub),
                            pieces=tuple(q for p in sub for q in (p.pieces or (p,))))
                for i, fieldname, text in _distribute(c.field, part.text, n):
                    put(i, fieldname, text, part)
            continue
        for i, fieldname, text in _distribute(c.field, cell.text, n, cell.engine.is_ocr):
            put(i, fieldname, text, cell)

    no_col, sas_col = _col(lt, "no"), _col(lt, "sasaran")
    for i in range(n):
        if sasaran is not None and not values[i].get("sasaran"):
            put(i, "sasaran", sasaran.text, sasaran)
        if codes[i]:  # the code numbers the indicator; a No column's number beside it goes to extra
            number = collapse(values[i].get("no"))
            if number and number.rstrip(".") != codes[i]:
                extras[i][lt.columns[no_col].label] = number
                provs[i].setdefault("extra", []).extend(provs[i].get("no", []))
            values[i]["no"] = codes[i]
            provs[i]["no"] = provs[i].pop("indikator_code", None) or provs[i].get("indikator", [])
        if values[i].get("sasaran"):  # a sasaran's code ("SS1.") is taken off it, into extra
            code, rest = split_code(values[i]["sasaran"], "sasaran")
            if code and rest.strip():
                values[i]["sasaran"] = rest
                if re.fullmatch(r"[A-Z]{1,3}\d{1,2}(?:[ .]+[A-Z]{1,3}\d{1,2})+", code) and not values[i].get("no"):
                    # a chain of level codes ("M1 T1 S1": misi, tujuan, sasaran) is the row's only number
                    values[i]["no"] = code
                    provs[i]["no"] = provs[i].get("sasaran", [])
                else:
                    extras[i][f"{lt.columns[sas_col].label} (kode)"] = code

    records = []
    for i in range(n):
        vals = {}
        for f in FIELDS:
            v = values[i].get(f)
            v = collapse(v) if v else None
            if f == "no" and v:
                v = v.rstrip(".").strip() or None
                if v and _ONE_AS_L.match(v):
                    # a scan's "1" read as a lower-case "l" ("l", "l.2", "2.l"): no document
                    # numbers its rows with a lower-case l (a roman one is "I" or "i")
                    v = v.replace("l", "1")
            if f == "satuan" and v and any(q.get("method") == "ocr" for q in provs[i].get("satuan", ())):
                v = _unit_without_stray_marks(v)
            vals[f] = v or None
        records.append(Record(values=vals, extra=extras[i], group=group, provenance=provs[i],
                              reasons=list(reasons), extra_cells=printed[i], part=(i, n)))
    return records


# a row number in which a "1" was read as "l": digits and points with at least one "l"
_ONE_AS_L = re.compile(r"^(?=.*l)[l\d]+(?:\.[l\d]+)*$")

# a scanned unit cell: the unit ("%" or one word) with a lone character read beside it, a speck,
# the edge of a stamp or the sheet's back showing through ("% 4", "0. Opini", "i %", "Opini C").
# No unit is written so: before the unit a digit or a small letter (with its point), after it a
# capital letter, or a digit after "%" only (a word with a number after it may be a unit of its
# own; a short word, "m 2", "Rp M", is left as read)
_STRAY_BESIDE_UNIT = re.compile(r"^(?:[a-z0-9][.,]?\s+)?(%|[A-Za-z]{3,})(?:\s+(?:[A-Z]|(?<=%\s)\d)[.,]?)?$")


def _unit_without_stray_marks(text: str) -> str:
    """A scanned unit cell's text less a lone stray character beside the unit."""
    m = _STRAY_BESIDE_UNIT.match(text)
    return m.group(1) if m else text


def _one_part_each(text: str, n: int) -> Optional[list[str]]:
    """A cell beside n indicators of one row that holds one part per indicator: n list items,
    or n short lines of values ("90" / "86,1": a target per indicator); None when the cell is
    one value shared by all (a text wrapped over lines is no list)."""
    if n < 2 or not text.strip():
        return None
    items = split_items(text)
    if len(items) == n:
        return [collapse(strip_marker(it)) for it in items]
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    opening = {w.lower() for w in vocabulary().rows.get("open_words", ())}
    # values, not a wrapped text: a number ("86,1", "Level 3") or a word or two each ("WTP",
    # "Maximize"), none going on in lower case or cut after a comma, none only a word that
    # opens a value ("Non" / "Kumulatif": one value wrapped)
    if len(lines) == n and not any(ln.lower().rstrip("-") in opening for ln in lines[:-1]) and all((re.search(r"\d", ln) and len(ln.split()) <= 3 or len(ln.split()) <= 2)
                               and not ln[:1].islower() and not ln.endswith((",", "-", "/")) for ln in lines):
        return [collapse(ln) for ln in lines]
    return None


def _code_column(lt: LogicalTable) -> Optional[int]:
    """A column no field takes whose cells are printed codes of the indicators ("Kode": "IKU 1.1",
    "1.2", "M1 T1 S1"): at least two, and no other text. A row with one text only is left out:
    a section row's label ("Misi 1. …") sits in the first column, the codes' column."""
    for c in lt.columns:
        if c.field is not None:
            continue
        texts = [r.cells[c.index].text for r in lt.rows if r.cells and not r.cells[c.index].empty
                 and sum(not x.empty for x in r.cells) > 1]
        if len(texts) >= 2 and all(is_code(t) for t in texts):
            return c.index
    return None


def _another_column_has(lt: LogicalTable, cells: list[Cell], k: int) -> bool:
    for c in lt.columns:
        if c.field in (None, "indikator", "no") or cells[c.index].empty:
            continue
        if len(split_labelled_blocks(cells[c.index].text)) == k or len(split_items(cells[c.index].text)) == k:
            return True
    return False


def _distribute(column_field: str, text: str, n: int, ocr: bool = False):
    """(record index, field, text) for one cell of a row that yields n records (`ocr`: a
    scanned cell, whose list may have lost its later bullets)."""
    blocks = split_labelled_blocks(text) if n > 1 else [text]
    if len(blocks) == n and n > 1:
        for i, block in enumerate(blocks):
            for fieldname, part in _parts(column_field, block):
                yield i, fieldname, part
        return
    if n > 1 and column_field not in ("no",):
        items = split_items(text)
        # (a guess: not for the sasaran, one goal the row's indicators share, whose sentences
        # are no items of a list)
        if ocr and len(items) != n and column_field != "sasaran":
            items = split_lost_later_bullets(text)
        if len(items) == n and not split_labelled(text)[1]:
            for i, it in enumerate(items):
                for fieldname, part in _parts(column_field, strip_marker(it)):
                    yield i, fieldname, part
            return
    for fieldname, part in _parts(column_field, text):
        sub = split_items(part) if n > 1 else []
        if n > 1 and len(sub) != n and fieldname not in SHARED:
            sub = _one_part_each(part, n) or sub  # one short value per line ("Indeks" / "Persen")
        # "Jumlah A, jumlah B dan jumlah C" lists one part per indicator; a source or a unit
        # named twice ("Dinas Sosial Prov dan Dinas Sosial Kab/kota") is shared
        enum = split_enumeration(part, n) if n > 1 and len(sub) != n and fieldname not in SHARED else None
        if len(sub) == n and n > 1:
            for i, it in enumerate(sub):
                yield i, fieldname, strip_marker(it)
        elif enum:
            for i, it in enumerate(enum):
                yield i, fieldname, it
        else:
            for i in range(n):
                yield i, fieldname, part


def _parts(column_field: str, text: str):
    """(field, text) pieces of one cell: labelled parts to their fields, the rest to the column's."""
    if column_field in ("no", "indikator"):
        yield column_field, text
        return
    lead, parts = split_labelled(text)
    if lead:
        target = column_field
        if column_field == COMBINED:
            target = "formulasi" if looks_like_formula(lead) else "penjelasan"
        yield target, lead
    for fieldname, part in parts:
        yield fieldname, part


def _lone_number_row(row: Row, lt: LogicalTable) -> bool:
    """A row holding nothing but a short bare number in its indicator cell: no indicator and no
    count of indicators (a count stands beside its sasaran) but a stray (a page number, a digit of
    the back page's print showing through a scan, dust read as a digit)."""
    ind = _col(lt, "indikator")
    if ind is None or not row.cells or row.cells[ind].empty:
        return False
    return bool(re.fullmatch(r"\d{1,3}", row.cells[ind].text.strip())) \
        and all(c.empty for k, c in enumerate(row.cells) if k != ind)


def _names_indicators(lt: LogicalTable) -> bool:
    """Indicator cells hold names, not counts (a summary table "Jumlah Indikator: 4" is no IKU table)."""
    ind = _col(lt, "indikator")
    values = [r.cells[ind].text.strip() for r in lt.rows
              if r.cells and not r.cells[ind].empty and not _lone_number_row(r, lt)]
    if not values:
        return False
    numeric = sum(1 for v in values if re.fullmatch(r"[\d.,%\s]+", v))
    return numeric < 0.5 * len(values)


def _defines_indicators(lt: LogicalTable) -> bool:
    """A column names a definitional field (formula, explanation, source ...), or a column's
    cells hold such fields as labelled parts ("Makna : …", "Metode Pengukuran : …") under a
    header that names none ("Keterangan Indikator", "Uraian"): the table defines its indicators."""
    if {c.field for c in lt.columns} & DEFINITIONAL:
        return True
    return any(field in DEFINITIONAL for c in lt.columns if c.field not in ("indikator", "no")
               for r in lt.rows if r.cells and c.index < len(r.cells) and not r.cells[c.index].empty
               for field, _ in split_labelled(r.cells[c.index].text)[1])


def build_records(doc: ExtractedDocument) -> list[Record]:
    """Records of every indicator table. Where a document defines its indicators
    (formulas, explanations, sources), tables that only list them again with
    targets (a report's work plan) are not taken; a performance agreement that
    has nothing but target tables keeps them."""
    records: list[Record] = []
    tables = [lt for lt in stitch(doc.tables) if _names_indicators(lt)]
    if any(_defines_indicators(lt) for lt in tables):
        tables = [lt for lt in tables if _defines_indicators(lt)]
    for lt in tables:
        ocr = any(c.engine.is_ocr for r in lt.rows[:1] for c in r.cells)
        group = group_from_context(lt.context, ocr)
        if group is None and lt.first_of_page and lt.pages:
            # the first table of its page is named above it by a line printed on every page (a
            # slide's title, left out of its context as a running head), or else at the end of
            # the page before
            group = group_from_context(_text_before_tables(doc, min(lt.pages)), ocr)
            if group is None and min(lt.pages) > 1:
                group = group_from_context(_text_after_tables(doc, min(lt.pages) - 1)[-12:], ocr)
        records.extend(table_records(lt, group))
    return records


def _text_before_tables(doc: ExtractedDocument, number: int) -> list[str]:
    """The text lines of a page above its first table (none on a page without a table)."""
    lines = _page_lines(doc, number)
    tables = [t for t in doc.tables if t.page == number and t.rows]
    # the table starts at the line that opens with its first cell ("No." …)
    head = next((c.text.strip().splitlines()[0] for c in tables[0].rows[0] if not c.empty), "") if tables else ""
    first = next((i for i, ln in enumerate(lines) if head and ln.startswith(head)), None)
    if first is None:
        of_table = _table_line_test(doc, number)
        first = min((i for i, ln in enumerate(lines) if of_table(ln)), default=0)
    return lines[:first]


def _table_line_test(doc: ExtractedDocument, number: int):
    """Whether a line of a page's text is a table's (most of its words are words of the
    page's table cells: the page's text runs a row's cells into one line)."""
    words = {w for t in doc.tables if t.page == number for row in t.rows for c in row
             for w in re.findall(r"\w+", c.text.lower())}

    def test(line: str) -> bool:
        ws = re.findall(r"\w+", line.lower())
        return bool(ws) and sum(w in words for w in ws) >= 0.8 * len(ws)
    return test


def _page_lines(doc: ExtractedDocument, number: int) -> list[str]:
    """A page's non-empty text lines, stripped (none for a page without text)."""
    page = next((p for p in doc.pages if p.number == number), None)
    return [ln.strip() for ln in page.text.splitlines() if ln.strip()] if page is not None and page.text else []


def _text_after_tables(doc: ExtractedDocument, number: int) -> list[str]:
    """The text lines of a page after its last table (all of them on a page without one)."""
    lines = _page_lines(doc, number)
    of_table = _table_line_test(doc, number)
    last = max((i for i, ln in enumerate(lines) if of_table(ln)), default=-1)
    return lines[last + 1:]
