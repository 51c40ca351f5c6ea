"""Tables drawn without ruling lines, read from word positions alone: one method for
text-layer words and OCR words (in points), for every such table, whatever its
fonts, widths, padding or orientation.

1. **Header.** A line that is mostly table header words (data/headers.toml,
   `[header_line]`), two different ones in two labels at least (a sentence naming
   "Indikator Kinerja Utama" is one run of words, a paragraph line has even gaps),
   and the lines packed tightly around it are the header block; a bold header
   stops at plain type, and a second header level under a padded first one is
   taken in when its short labels stand beside or under a label of the first.
2. **Columns.** The body is every line under the header down to the table's end.
   Its column gaps are the x-runs that its lines leave open all the way down.
   Header words are cut into labels at word-spacing gaps and where they stand
   over a column gap; labels standing over one another stack. A label standing
   over two labels side by side, over a column gap with labels under it on both
   sides, or parted by a blank line from the one label under it is a parent over
   children (a two-level header: "Target" over "2024 2025 2026"); the children
   printed beside the parent's own, at their height, go to the nearest parent.
   A label sits inside its column, so the edge between two neighbouring columns is
   the emptiest, widest gap between their labels' words.
3. **Lines across columns.** A line whose words run over a column edge at word
   spacing, with nothing else on the line, is not a row of cells: at the table's
   left, short and followed by rows it is a section row ("Tujuan 1 : …", a sasaran
   over its indicators: one cell merged across the table); otherwise (running
   text, a signature block) the table ends there. A line of a paragraph (even
   gaps, words over two column edges) ends it too, and a row numbering the
   columns ("(1) (2) …") is a row of its own.
4. **Rows.** In each column, lines at the column's line pitch make a block (a
   cell's paragraph). The anchor column (a No / code column: the first column,
   when its label is the `no` field's or its text is short codes) starts a row at
   each of its items: right above the item when the other columns start their
   lines level with the items (top-aligned cells), else where the cut crosses the
   fewest blocks and then lines (centred cells). A row no item starts begins where
   two or more columns end a block and start one together and fewer blocks run on
   across (rows without a number); one column starting a paragraph alone beside
   text that runs on is inside a row. A block that a cut crosses is a merged cell:
   it stays with the row it starts in and covers the rows below, unless it starts
   at its row's top and a line of it starts at the next row's top, or its lines
   are wider apart at the cut (cells that touch). A cell centred down several
   rows whose cells in that column are empty belongs to the first of them.
   A table ruled between its rows only (horizontal rules, no vertical ones: no grid
   for the ruled finder) takes its rows from the rules instead: each band between
   two rules is a row (or the rows its numbering column starts, for rules that part
   groups), a column a rule leaves out holds a cell merged across it, and a band with
   text in its first column alone is a section row.
5. **The end.** A vertical gap of several lines, the signature block ("Kota, 5
   Januari 2023", "Ditetapkan di", "a.n."), running text, a new header line, a ruled
   table with a header of its own, text well below the bottom rule of a table ruled
   between its rows. Words that a wide empty gap parts from the header's columns (a
   slide's side panel) are not the table's.

A header whose labels are centred at different heights (no one text line holds two
of them) is found from the lines that overlap in height, read together.

A table set in smaller type than the page's prose is read in its own type: its lines
grouped and its gaps measured with its own words' height, not the page's (_table_type).

A table that runs off a page and goes on without repeating its header is read
with the columns of the page before (`carry`, the `ColumnLayout` of the
`BorderlessTable` that ran off it). Stacked fractions in a cell (text-layer pages)
are written `numerator / denominator` (extractors/fractions.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from statistics import median
from typing import Optional, Sequence

import numpy as np

from iku.extractors.fractions import linearise_words
from iku.extractors.geometry import (lines_by_centre, lines_by_top, lines_text, overlaps_any, spans_overlap,
                                 words_box)
from iku.extractors.model import Cell, Engine, Span, Table
from iku.extractors.ocr_correction import lexicon
from iku.extractors.vocabulary import table_hints, vocabulary


@lru_cache(maxsize=1)
def _header_word() -> re.Pattern:
    """One word of a table's header line (data/headers.toml: the [header_line] words and
    the first word of every field's keywords, so that a wording the vocabulary maps is
    also found as a header: "Nmr", "Kode", "Sat.", "Ket.")."""
    voc = vocabulary()
    words = sorted(set(voc.header_line_words) | {kw.split()[0] for kws in voc.keywords.values() for kw in kws
                                                  if len(kw.split()[0]) >= 2})
    return re.compile(r"^(" + "|".join(re.escape(w) for w in words) + r")$", re.I)


@lru_cache(maxsize=1)
def _program_word() -> re.Pattern:
    """One word of a program / kegiatan / budget table's header (data/table_hints.toml
    [programs]: "Kegiatan", "Pagu", "Anggaran", "Dana", "Rp")."""
    words = sorted(set(table_hints().program_words))
    return re.compile(r"^(" + "|".join(re.escape(w) for w in words) + r")$", re.I)


def _budget_header(line, h: float) -> bool:
    """A program / budget table's header line: three labels or more, nearly every word a
    header word or a program / budget word, one of these at least ("No  Program/Kegiatan
    Pagu Anggaran (Rp)  Sumber Dana"). The table under it is another table."""
    if len(_phrases(line, 0.6 * h)) < 3:
        return False
    parts = [part.strip(":.,()") for w in line for part in w["text"].split("/")]
    parts = [p for p in parts if p]
    budget = sum(1 for p in parts if _program_word().match(p))
    known = sum(1 for p in parts if _program_word().match(p) or _header_word().match(p))
    return budget >= 1 and len(parts) >= 3 and known >= 0.8 * len(parts)


def _height_band(lines, i: int) -> list[dict]:
    """The words of lines i.. that overlap one another in height, left to right: a header
    row whose labels are centred at different heights read as one line (_is_header_band)."""
    j, reach = i + 1, _bottom(lines[i])
    while j < len(lines) and _top(lines[j]) < reach - 0.5:
        reach = max(reach, _bottom(lines[j]))
        j += 1
    return sorted((w for ln in lines[i:j] for w in ln), key=lambda w: w["x0"])


def _is_number_label(text: str) -> bool:
    """The label of the numbering column: the `no` field's words (data/headers.toml)."""
    words = re.sub(r"[^\w\s]", " ", text.lower()).split()
    if not words:
        return False
    voc = vocabulary()
    return " ".join(words) in voc.phrases.get("no", ()) or words[0] in voc.keywords.get("no", ())


# The signature block under a table: "Pontianak, 5 Januari 2023", "Ditetapkan di ...", "Mengetahui,",
# "a.n. KEPALA ...", "Plt. KEPALA ..." (capitalised: a cell's wrapped line "ditetapkan berdasarkan …" is no signature)
_SIGNATURE = re.compile(
    r"^([A-Z][\w.' -]+,\s*\d{1,2}\s+[A-Za-z]+\s+\d{4}\s*$|(?-i:D)itetapkan\s+(di|pada)\b|(?-i:M)engetahui\s*[,:]?\s*$"
    r"|a\.\s?n\.?\s|(?-i:P)l[th]\.\s)", re.I)
# A signatory's title on a line of its own: capitals ending in a comma ("KEPALA,", "BUPATI NAMA,")
_SIGNATURE_TITLE = re.compile(r"[A-Z][A-Z .'/&-]{2,},\s*")
# The marker that opens an item of a list ("a.", "b)", "(3)", "2.", "-"): a list above a table
# (a unit's functions) is prose, not the first line of a header label
_LIST_MARK = re.compile(r"\(?[A-Za-z]\)|[A-Za-z]\.|\(?\d{1,2}\)|\d{1,2}\.|[-•▪◦*]")
# A page number or running foot line ("Halaman 2", "- 3 -", "ii")
_PAGE_FOOT = re.compile(r"[-\s\d/.ivxlIVXL()]*(halaman|hal\.?|page)?[\s\d/.of-]*", re.I)
# A figure: a number, a year, a column number ("2024", "(3)", "12,5%")
_FIGURE = re.compile(r"[(\[]?[\d.,%/-]+[)\]]?")
# a stray mark (see _stray_mark): this many letters at most, read less sure than this (as ocr.py's pen marks)
_MARK_LETTERS, _MARK_CONF = 3, 80.0
# ... and one glued to a cell's line over a column edge: this many letters or digits at most
_GLUED_LETTERS = 2
# a figure with a decimal comma ("73,7", "1.250,50 %"): a cell's value, never a header's label
_DECIMAL_VALUE = re.compile(r"\d{1,3}(?:\.\d{3})*,\d+\s?%?")
# A year as a column label: "2024", "(2024)"
_YEAR = re.compile(r"\(?(19|20)\d\d\)?")
# A column number in a row that numbers the columns: "(1)", "1", "[3]"
_NUMBERING = re.compile(r"[(\[]?\d{1,2}[)\]]?")
# A short code in a numbering column: "1", "2.", "IKU 1.1", "a.", "(3)", "SS1"
# (a prefixed code's point read as a comma on a scan, "IKU 1,1", is still a code; a bare
# "85,78" is a number)
_CODE = re.compile(r"^((\(?[A-Za-z]{0,5}[\s.]?\d{1,3}([.\-]\d{1,3}|[.\-]?[a-z])*[.)]?"
                   r"|[A-Za-z]{1,5}[\s.]?\d{1,3}(,\d{1,3})+\.?|\(?[a-zA-Z][.)])\s*){1,3}$")


def row_has_header_words(row) -> bool:
    """At least two cells of a row read as table header words."""
    hits = 0
    for cell in row:
        words = cell.text.split()
        if words and any(_header_word().match(w.strip(":.,()/")) for w in words[:3]):
            hits += 1
    return hits >= 2


# --------------------------------------------------------------------------- the model of one table

@dataclass
class _Label:
    words: list[dict]
    parent: Optional["_Label"] = None

    @property
    def x0(self) -> float:
        return min(w["x0"] for w in self.words)

    @property
    def x1(self) -> float:
        return max(w["x1"] for w in self.words)

    @property
    def top(self) -> float:
        return min(w["top"] for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w["bottom"] for w in self.words)

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    def text(self) -> str:
        return lines_text(lines_by_top(self.words, tol=2.5, rounded=True))


@dataclass
class ColumnLayout:
    """The columns of a table, for its continuation on the next page when that does
    not repeat the header."""
    cuts: list[float]  # x of the edges between neighbouring columns
    x0: float  # the table's left and right
    x1: float
    anchored: bool  # the first column numbers the rows
    # the header's labels when the cuts come from them alone (a header with no body under it
    # on its page): the continuation cuts its columns again from its own lines
    labels: Optional[list] = None
    # the header's words, sorted: a header repeated on the next page is the same table's
    header: tuple = ()
    # the x where the body's columns start their text, on a scan: a copier places and scales
    # each page anew, so a continuation maps the cuts onto its own page through them
    starts: tuple = ()


@dataclass
class BorderlessTable(Table):
    """A table read from word positions; `layout` carries its columns to a continuation."""
    layout: Optional[ColumnLayout] = None


@dataclass
class _Block:
    col: int
    lines: list[list[dict]]
    top: float = 0.0
    bottom: float = 0.0

    def __post_init__(self):
        self.top = min(w["top"] for ln in self.lines for w in ln)
        self.bottom = max(w["bottom"] for ln in self.lines for w in ln)


@dataclass
class _Ctx:
    """Measures of the page's print that every step reads."""
    h: float  # median word height
    space: float  # median space between words of a line
    ocr: bool
    bars: list = field(default_factory=list)  # short horizontal strokes: fraction bars
    rules: list = field(default_factory=list)  # thin horizontal strokes of any length (row rules among them)
    ink_h: float = 0.0  # median height of the words' ink (OCR words read in padded line boxes); h otherwise
    own_type: bool = False  # the measures of a table's own type, not the page's (_table_type)
    blots: list = field(default_factory=list)  # ink no word covers (x0, top, x1, bottom, points): _bridged

    def lines(self, words) -> list[list[dict]]:
        return lines_by_centre(words) if self.ocr else lines_by_top(words)


# --------------------------------------------------------------------------- entry point

def find_borderless_tables(page, words, number: int, avoid=(), carry: Optional[ColumnLayout] = None,
                           stop_at=(), strokes: Optional[list] = None, blots: Sequence = ()) -> list[Table]:
    """The tables of a page drawn without rules. `page` is a pdfplumber page (for its
    fraction bars) or None (OCR words); `words` in points; `avoid`: boxes of ruled
    tables already found; `carry`: the columns of a table that ran off the page
    before, for a continuation without a header; `stop_at`: boxes of ruled tables with a
    header of their own, where a body above them ends; `strokes`: without a page (OCR),
    the thin horizontal strokes found on the page image (x0, top, x1, bottom, points),
    taken for row rules as a page's drawn lines are (not for fraction bars: a stroke
    under a scanned line of text is as often an underline or a pen's line); `blots`: without a
    page, the boxes of ink the read turned into no word (points; `_bridged`)."""
    if not words:
        return []
    ctx = _context(page, words, strokes)
    if blots:
        ctx = replace(ctx, blots=list(blots))
    lines = ctx.lines(words)
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if not (_is_header_line(lines[i], avoid, ctx) or _is_header_band(lines, i, avoid, ctx)):
            i += 1
            continue
        if carry is not None and not tables and _in_carried_rows(lines, i, ctx, carry):
            i += 1
            continue
        tctx, tlines, k = _table_type(lines, i, avoid, ctx)
        if tctx is not ctx:
            # read in the table's own type: its lines grouped anew, the header found again in them
            table, end = _table_from(tlines, k, tctx, number, stop_at, carry)
            if table is not None:
                lines = tlines
        if tctx is ctx or table is None:
            table, end = _table_from(lines, i, ctx, number, stop_at, carry)
        if table is not None:
            tables.append(table)
            i = max(end, i + 1)
        else:
            i += 1
    if carry is not None:
        # the table of the page before goes on above this page's first header (and above a
        # ruled table with a header of its own: there only in lines of cells, three at least,
        # not the ruled table's title)
        first = min(([tables[0].bbox[1]] if tables else []) + [b[1] for b in stop_at], default=float("inf"))
        top = [ln for ln in lines if _bottom(ln) < first]
        table = _continuation(top, ctx, number, carry, avoid)
        if table is not None and (not stop_at or any(sum(1 for c in r if c.text.strip()) >= 3 for r in table.rows)):
            tables.insert(0, table)
    return tables


def _in_carried_rows(lines, i: int, ctx: _Ctx, carry: ColumnLayout) -> bool:
    """Line i, read as a header, stands in the rows that go on with the table of the page
    before (a line in the carried columns runs into it, with no gap a table's end leaves) and
    does not read as a new header by the test that ends a table's body (_table_from): it is a
    row whose cells happen to hold header words ("Menjadi ukuran" beside "Nilai Indikator")."""
    h = ctx.h
    above = [ln for ln in lines[:i] if carry.x0 - 2 * h <= ln[0]["x0"] and ln[-1]["x1"] <= carry.x1 + 2 * h]
    if not above or _top(lines[i]) - max(_bottom(ln) for ln in above) > 3 * h:
        return False
    # (the rows went on no further than a wide gap, a signature or the block that names the
    # next table, as _continuation reads them: a header under those is the next table's)
    if any(_top(b) - _bottom(a) > 3 * h for a, b in zip(above, above[1:])) \
            or any(_SIGNATURE.match(" ".join(w["text"] for w in ln)) for ln in above) \
            or any(_key_value_block(lines[k:k + 6], carry.x0, h) for k in range(i)):
        return False
    # (a header repeated at the page's top is the table's own, whatever its first lines hold)
    first, end = _header_block(list(lines), i, ctx)
    if not any(_hits(ln) == 0 for ln in above) or (carry.header and carry.header == _header_key(
            [w for ln in lines[first:end] for w in ln])):
        return False
    j, reach = i + 1, _bottom(lines[i])
    while j < len(lines) and _top(lines[j]) < reach - 0.5:  # its band: labels centred at several heights
        reach = max(reach, _bottom(lines[j]))
        j += 1
    band = sorted((w for ln in lines[i:j] for w in ln), key=lambda w: w["x0"])
    return not (_hits(_fresh_labels(band, above, ctx)) >= max(3, 0.5 * len(band))
                and len(_phrases(band, 0.6 * h)) >= 3 and not _opens_with_code(band, ctx))


def _context(page, words, strokes: Optional[list] = None) -> _Ctx:
    h = median(w["bottom"] - w["top"] for w in words) or 10.0
    ocr = page is None
    gaps = []
    for ln in (lines_by_centre(words) if ocr else lines_by_top(words)):
        gaps += [b["x0"] - a["x1"] for a, b in zip(ln, ln[1:]) if 0 < b["x0"] - a["x1"] < 0.8 * h]
    bars = _page_bars(page) if page is not None else []
    rules = _page_bars(page, thickest=2.5) if page is not None else list(strokes or [])
    return _Ctx(h=h, space=min(max(_mode(gaps, 0.25) if gaps else 0.3 * h, 0.15 * h), 0.5 * h), ocr=ocr, bars=bars,
                rules=rules, ink_h=median(_ink_bottom([w]) - _ink_top([w]) for w in words) or h)


SMALL_TYPE = 0.8  # a table whose words are under this share of the page's median word height: set in its own type
TYPE_LEAST = 8  # words a table's first lines hold at least for their heights to tell its type


def _table_type(lines, i: int, avoid, ctx: _Ctx) -> tuple[_Ctx, list, int]:
    """The page's measures and lines for reading the table whose header is line i, in the
    table's own type: a table set in smaller type than the page's prose (a plan's chapter over a
    table at 7.5 pt) has its lines far closer than the prose's median word height, which groups
    OCR words into lines and scales every gap the reading tests (a row's first line ran into the
    row of column numbers over it). The table's region is the header line and the lines under
    it at less than a table's ending gap, each of words under SMALL_TYPE of the page's height
    (prose in the page's type under the table is no part of it); its words' median height, when
    under SMALL_TYPE of the page's, stands for the page's in the table's reading, and the
    region's words are grouped into lines anew. Returns (ctx, lines, index of the header line
    in them), or (ctx, lines, i) unchanged (no such region, or no header line found in it)."""
    def size(ln) -> float:
        return median(w["bottom"] - w["top"] for w in ln)

    # (OCR words only: a text layer's lines come grouped by the PDF's own baselines, and read in
    # the table's type a digital table's columns had their fields named otherwise)
    if not ctx.ocr:
        return ctx, lines, i
    j = i
    while j < len(lines) and size(lines[j]) < SMALL_TYPE * ctx.h \
            and (j == i or _top(lines[j]) - _bottom(lines[j - 1]) <= 3 * ctx.h):
        j += 1
    words = [w for ln in lines[i:j] for w in ln]
    if j - i < 2 or len(words) < TYPE_LEAST:
        return ctx, lines, i
    h = median(w["bottom"] - w["top"] for w in words)
    if h >= SMALL_TYPE * ctx.h:
        return ctx, lines, i
    # (word spaces scale with the type; the table's own gaps, mostly between its tight columns,
    # do not tell its word space)
    tctx = replace(ctx, h=h, ink_h=median(_ink_bottom([w]) - _ink_top([w]) for w in words) or h,
                   space=ctx.space * h / ctx.h, own_type=True)
    region = _type_lines(words) if ctx.ocr else tctx.lines(words)
    tlines = list(lines[:i]) + region + list(lines[j:])
    k = next((k for k in range(i, i + len(region))
              if _is_header_line(tlines[k], avoid, tctx) or _is_header_band(tlines, k, avoid, tctx)), None)
    if k is None:
        return ctx, lines, i
    return tctx, tlines, k


def _type_lines(words) -> list[list[dict]]:
    """OCR words in text lines by their centres (geometry.lines_by_centre), save that a word
    standing over or under a word the line holds already starts a line of its own: a label
    stacked in three or four lines in small type has its lines closer than half a padded
    OCR box apart ("KONDISI" over "KINERJA" read as one line), and one text line holds no
    two words at one place."""
    return lines_by_centre(words, apart=True)


def _table_spacing(ctx: _Ctx, lines, least: int = 10) -> _Ctx:
    """The page's measures with the space between words of the table's own lines: a table
    set in smaller type than the page's prose (a preamble, a unit's Tugas / Fungsi) parts
    its labels by less than the prose's word space."""
    gaps = [b["x0"] - a["x1"] for ln in lines for a, b in zip(ln, ln[1:]) if 0 < b["x0"] - a["x1"] < 0.8 * ctx.h]
    if len(gaps) < least:
        return ctx
    return replace(ctx, space=min(max(_mode(gaps, 0.25), 0.15 * ctx.h), 0.5 * ctx.h))


def _mode(values: list[float], step: float) -> float:
    """The most frequent value (in bins of `step`, counted with their neighbours): the
    space between words, which column gaps (each of its own width) do not outnumber."""
    counts: dict[int, int] = {}
    for v in values:
        counts[round(v / step)] = counts.get(round(v / step), 0) + 1
    best = max(counts, key=lambda b: (counts[b] + 0.5 * (counts.get(b - 1, 0) + counts.get(b + 1, 0)), -b))
    return best * step


def _page_bars(page, thickest: float = 1.5) -> list[tuple[float, float, float, float]]:
    """Thin horizontal strokes of a page (fraction bars, underlines, row rules)."""
    bars = []
    for obj in list(page.lines) + list(page.rects):
        if abs(obj["bottom"] - obj["top"]) <= thickest and obj["x1"] - obj["x0"] > 8:
            bars.append((obj["x0"], obj["top"], obj["x1"], obj["bottom"]))
    return bars


def _hits(line) -> int:
    """Header words of a line, each counted once ("Kinerja … Kinerja" in prose is one)."""
    # words joined by a slash are read one by one ("Tujuan/Sasaran", "Program/Kegiatan")
    return len({part.lower() for w in line for part in w["text"].strip(":.,()").split("/")
                if _header_word().match(part.strip(":.,()"))})


def _header_share(lines, gap: float) -> int:
    """Header words of some lines, each counted where it stands in a label (a phrase at least
    half header words): a header whose labels repeat under two parents ("Indikator  Sasaran"
    under "RPJMD" and again under the unit) is mostly header words though it holds only two
    different ones; a row's line whose cells each hold one header word among others
    ("terhadap sasaran", "akuntabilitas kinerja oleh") counts each word once."""
    def header(w) -> bool:
        return any(_header_word().match(part.strip(":.,()")) for part in w["text"].strip(":.,()").split("/"))

    n = 0
    for ln in lines:
        for p in _phrases(ln, gap):
            k = sum(1 for w in p if header(w))
            if 2 * k >= sum(1 for w in p if not _FIGURE.fullmatch(w["text"])):
                n += k
    return max(n, _hits([w for ln in lines for w in ln]))


TITLE_TYPE = 1.4  # a line's words this many times the page's median word height: a title's type


def _is_header_line(line, avoid=(), ctx: Optional["_Ctx"] = None) -> bool:
    """Mostly header words (two different ones at least) in two or more labels (a
    sentence naming "Indikator Kinerja Utama (IKU)" is one run of words), not a line
    of running text, no line holding a run of a cell's text (a row's line whose cells
    happen to start "… kinerja", "Tipe Perhitungan:"), and not inside a ruled table."""
    share = _header_share([line], 2.5 * ctx.space) if ctx is not None else _hits(line)
    if _hits(line) < 2 or share < 0.3 * sum(1 for w in line if not _FIGURE.fullmatch(w["text"])):
        return False  # (years and column numbers under a parent label are header words too)
    if ctx is not None:
        # word spaces grow with the type: a line set well above the page's type size (a slide's
        # title over its table, "Sasaran dan Indikator Kinerja") parts its words by more than
        # the page's gap between labels, and is one label
        size = median(w["bottom"] - w["top"] for w in line) / ctx.h
        gap = max(2.5 * ctx.space, 0.6 * ctx.h) * (size if size >= TITLE_TYPE else 1.0)
        labelled = [p for p in _phrases(line, gap) if _hits(p)]
        if len(labelled) < 2 or _running_text(line, ctx):
            return False
        if any(_text_run(p) for p in _phrases(line, 2.5 * ctx.space)):
            return False
        if _opens_with_code(line, ctx):
            return False  # a row opening with its number ("12  akuntabilitas kinerja  terhadap sasaran …")
    return not overlaps_any((line[0]["x0"], line[0]["top"], line[-1]["x1"], line[0]["bottom"]), avoid)


def _is_header_band(lines, i: int, avoid, ctx: "_Ctx") -> bool:
    """Lines i.. that overlap one another in height (labels centred at different
    heights in their cells: "Sasaran" beside a two-line "Indikator / Kinerja" beside a
    three-line one) read together as a header line: two different header words in
    two labels at least, standing side by side."""
    j = i + 1
    reach = _bottom(lines[i])
    while j < len(lines) and _top(lines[j]) < reach - 0.5:
        reach = max(reach, _bottom(lines[j]))
        j += 1
    if j - i < 2:
        return False
    words = sorted((w for ln in lines[i:j] for w in ln), key=lambda w: w["x0"])
    if _hits(words) < 2 or _header_share(lines[i:j], 2.5 * ctx.space) < 0.3 * sum(1 for w in words if not _FIGURE.fullmatch(w["text"])):
        return False
    if any(_running_text(ln, ctx) for ln in lines[i:j]):
        return False
    gap = max(2.5 * ctx.space, 0.6 * ctx.h)
    labels = [comp for comp in _stacks([p for ln in lines[i:j] for p in _phrases(ln, gap)])
              if any(_hits(p) for p in comp)]
    if len(labels) < 2:
        return False
    return not overlaps_any(words_box(words), avoid)


def _running_text(line, ctx: "_Ctx") -> bool:
    """A line of a paragraph: words (not figures) at one even spacing, ragged or
    justified, where a table row has column gaps wider than its word gaps."""
    if len(line) < 6 or sum(any(ch.isalpha() for ch in w["text"]) for w in line) < 0.7 * len(line):
        return False
    gaps = [b["x0"] - a["x1"] for a, b in zip(line, line[1:])]
    return max(gaps) - min(gaps) <= max(1.0, 0.5 * ctx.space, 0.15 * sum(gaps) / len(gaps))


def _bottom(line) -> float:
    return max(w["bottom"] for w in line)


def _ink_top(line) -> float:
    """The top of a line's ink: an OCR detector pads its line boxes by about a third of a
    line, which closes the gaps between printed lines (`ink_top` where the reader gave it)."""
    return min(w.get("ink_top", w["top"]) for w in line)


def _ink_bottom(line) -> float:
    return max(w.get("ink_bottom", w["bottom"]) for w in line)


def _top(line) -> float:
    return min(w["top"] for w in line)


def _phrases(line, gap: float) -> list[list[dict]]:
    """A line's words in runs at word spacing."""
    out = [[line[0]]]
    for w in line[1:]:
        if w["x0"] - out[-1][-1]["x1"] < gap:
            out[-1].append(w)
        else:
            out.append([w])
    return out


# --------------------------------------------------------------------------- header

def _text_run(phrase) -> bool:
    """A run of more than four words, most of them no header words: a cell's text, not a
    label (a label may be long when it is header words: "Uraian Indikator dan Cara
    Perhitungan")."""
    if len(phrase) <= 4:
        return False
    words = [w for w in phrase if not _FIGURE.fullmatch(w["text"])]
    if _year_labels(phrase):
        return False
    return _hits(phrase) < 0.5 * len(words)


_YEAR = re.compile(r"[(\[]?(?:19|20)\d\d[)\]]?")


def _year_labels(phrase) -> bool:
    """Labels of year columns set close together ("Capaian 2023 Target Tahun 2024 Target
    Tahun 2025"): the years cut the run into pieces of a few words, most of them opening
    with a header word. A header word repeated is one hit to `_hits`, so such a run reads as a
    cell's text though every piece of it is a label."""
    pieces, piece = [], []
    for w in phrase:
        piece.append(w)
        if _YEAR.fullmatch(w["text"]):
            pieces.append(piece)
            piece = []
    if piece or len(pieces) < 2:
        return False
    headed = sum(1 for p in pieces if _header_word().match(p[0]["text"].strip(":.,()")))
    return all(len(p) <= 4 for p in pieces) and 2 * headed > len(pieces)


def _same_type_size(a, b, tol: float = 0.12) -> bool:
    """Two text-layer lines set in one type size (their words' median heights within
    `tol`): the prose above a table (a unit's tasks, a numbered list) is often larger."""
    ha, hb = median(w["bottom"] - w["top"] for w in a), median(w["bottom"] - w["top"] for w in b)
    return abs(ha - hb) <= tol * max(ha, hb)


def _header_block(lines, start: int, ctx: _Ctx) -> tuple[int, int]:
    """The header's lines: the hit line and the lines packed tightly above it (a
    label's first line) and under it (a label's last line, a second header level)."""
    h = ctx.h
    bold = _bold(lines[start])
    # the words of the hit line, with the lines overlapping it in height (labels centred at
    # several heights): a parent level above may have more words than the first of them
    band, reach = len(lines[start]), _bottom(lines[start])
    for ln in lines[start + 1:]:
        if _top(ln) >= reach - 0.5:
            break
        band, reach = band + len(ln), max(reach, _bottom(ln))
    # (the gaps between lines measured on their ink, in the ink's height: a padded OCR line box
    # reaches into the title above a header and the section row right under it)
    ink_h = ctx.ink_h or h
    first = start
    while first > 0 and _ink_top(lines[first]) - _ink_bottom(lines[first - 1]) < 0.6 * ink_h \
            and len(lines[first - 1]) <= band + 1 \
            and not any(_text_run(p) for p in _phrases(lines[first - 1], 2.5 * ctx.space)) \
            and not (bold and _bold(lines[first - 1]) is False) \
            and (ctx.ocr or _same_type_size(lines[first - 1], lines[start])) \
            and not (len(lines[first - 1]) > 1 and _LIST_MARK.fullmatch(lines[first - 1][0]["text"])):
        first -= 1
    end = start + 1
    rx0, rx1 = _table_region(lines, start, h, first)
    # a header set in capitals: a phrase opening in lower case under it is a row's text
    caps = all(_capitals(ln) is not False for ln in lines[first:end])
    aside = None  # a line wholly beside the header, put after the line that came under it
    while end < len(lines):
        # words far beside the header (a slide's side panel at the same height) are not its own
        line = [w for w in lines[end] if w["x1"] > rx0 and w["x0"] < rx1]
        if not line:
            # (a line of the panel alone, level with the header's last line: the header's next
            # line under it may be its own, "2021  2022" under "TARGET KINERJA")
            if aside is None and end + 1 < len(lines) and any(w["x1"] > rx0 and w["x0"] < rx1 for w in lines[end + 1]):
                lines[end], lines[end + 1] = lines[end + 1], lines[end]
                aside = end
                continue
            break
        gap = _ink_top(line) - max(_ink_bottom(ln) for ln in lines[first:end])
        lead = _phrases(line, 1.8 * ctx.space)[0]
        if re.fullmatch(r"\(?\d{1,3}[.)]?", line[0]["text"]) or \
                (len(lead) > 1 and _LIST_MARK.fullmatch(lead[0]["text"])) or \
                _opens_with_code(line, ctx) or \
                any(_text_run(p) for p in _phrases(line, 2.5 * ctx.space)) or \
                (bold and _bold(line) is False) or \
                (caps and _row_text_under_capitals(_phrases(line, 2.5 * ctx.space),
                                                   all(_capitals(ln) is not False for ln in lines[first:end]))) or \
                (gap >= 0 and _under_two_labels(line, lines[first:end], ctx)) or \
                _under_no_label(line, lines[first:end], ctx) or \
                (caps and all(_capitals(ln) is not False for ln in lines[first:end])
                 and _mixed_run_past_capitals(line, lines[first:end], ctx)):
            break  # a row number, a list item opening a cell ("a. Level …", "- …": a label's line
            # opens with no list marker), a run of text, plain type under a bold header, lower case
            # under capitals, a section row reaching under two labels or under none, or running
            # in mixed case out from under the capitals' labels (a line whose ink reaches up
            # beside the header's last line is no row under two labels: it is a label's last
            # line, centred lower than its neighbours', where an OCR may read a word in two
            # pieces at two heights, "Bid" / "ang Pendamping", one piece under no label)
        if _ruled_off(lines[first:end], line, ctx) and not _second_level(lines[first:end], line, ctx):
            break  # a rule across the whole header under its lines closes the header row: the
            # line under it is a row's, however close it is set (a first row's text right under
            # the rule; a label spanning two levels leaves the rule between them short)
        if gap < 0.45 * ink_h or (gap < 2 * ink_h and _second_level(lines[first:end], line, ctx)) \
                or (ctx.ocr and _at_label_pitch(line, lines[first:end], ink_h)):
            lines[end] = line
            end += 1
            continue
        break
    if aside is not None and aside == end:  # the line under the panel's was not the header's
        lines[end], lines[end + 1] = lines[end + 1], lines[end]
    # (the same over the hit line: a label in capitals standing higher than the rest, its first
    # line alone over the hit line, stands farther above it than the ink-gap test above allows)
    while ctx.ocr and first > 0 and _at_label_pitch(lines[first - 1], lines[first:end], ink_h, above=True) \
            and not any(_text_run(p) for p in _phrases(lines[first - 1], 2.5 * ctx.space)):
        first -= 1
    return first, end


HEADER_RULE_ACROSS = 0.9  # of the header's width: a rule this long under it runs across the header row


def _ruled_off(header, line, ctx: _Ctx) -> bool:
    """A drawn rule runs between the header's lines and the line under them, across (nearly) the
    whole header: the header row's bottom rule. A rule between two header levels runs only under
    the parent labels that have children (the labels spanning both levels leave it out)."""
    if not ctx.rules:
        return False
    x0, x1 = min(w["x0"] for ln in header for w in ln), max(w["x1"] for ln in header for w in ln)
    above, below = max(_ink_bottom(ln) for ln in header), _ink_top(line)
    bars = [b for b in ctx.rules if above - 0.5 < (b[1] + b[3]) / 2 < below + 0.5]
    return bool(bars) and _covered(bars, x0, x1) >= HEADER_RULE_ACROSS * (x1 - x0)


def _at_label_pitch(line, header, ink_h: float, above: bool = False) -> bool:
    """An OCR line under the header that is the next line of the label stacked over it: its
    words lie under that label, which stands on two or more lines at one pitch, and it comes
    at that pitch. A label set in capitals has no descenders, so on a scan the ink of its lines
    stands farther apart than a mixed-case line's (the ink-gap test above misses its last
    line, "STRATEGIS" under "INDIKATOR / KINERJA / SASARAN"); a row under the header is
    set farther down, by the cells' padding. `above`: the label's first line, over the header."""
    x0, x1 = min(w["x0"] for w in line), max(w["x1"] for w in line)
    stack = [[w for w in ln if w["x0"] < x1 and w["x1"] > x0] for ln in header]
    stack = [ws for ws in stack if ws]
    if len(stack) < 2 or len(line) > 3:
        return False
    if any(w["x0"] < min(q["x0"] for ws in stack for q in ws) - ink_h
           or w["x1"] > max(q["x1"] for ws in stack for q in ws) + ink_h for w in line):
        return False
    tops = [_ink_top(ws) for ws in stack]
    steps = [b - a for a, b in zip(tops, tops[1:])]
    if min(steps) <= 0 or max(steps) - min(steps) > 0.1 * ink_h:
        return False
    pitch = median(steps)
    step = tops[0] - _ink_top(line) if above else _ink_top(line) - tops[-1]
    return abs(step - pitch) <= 0.1 * ink_h


def _row_text_under_capitals(phrases, every_line: bool) -> bool:
    """Under a header set in capitals, a line that is a row's text: a phrase opening in
    lower case, or (`every_line`: all the header's lines so far are capitals, not only its
    first: "PIC" over "No.  Sasaran Strategis") two or more phrases in mixed case holding no
    header word, more than the phrases that hold one (cells opening with a capital, "Indeks
    Meningkatnya  Persentase data sektoral"; child labels in title case, "Sasaran
    Indikator", are header words)."""
    if any(p[0]["text"][:1].islower() for p in phrases):
        return True
    if not every_line:
        return False
    mixed = [p for p in phrases if not _hits(p) and _capitals(p) is False]
    return len(mixed) >= 2 and len(mixed) > sum(1 for p in phrases if _hits(p))


def _mixed_run_past_capitals(line, header, ctx: _Ctx) -> bool:
    """Under a header set in capitals on every line: a line that is one phrase of three words
    or more in mixed case, no header word among them, running on out from under the labels
    above (a word of it centred under none): a section row set close under the header (a
    sasaran from the table's left, under a narrow "NO." label the OCR read in one line with
    the label beside it, so no two labels stand apart over it). A label's last line is in
    capitals like its first, and stands under its label."""
    gap = 2.5 * ctx.space
    phrases = _phrases(line, gap)
    if len(phrases) != 1 or _hits(phrases[0]) or _capitals(line) is not False \
            or sum(sum(ch.isalpha() for ch in w["text"]) >= 2 for w in line) < 3:
        return False
    above = [p for ln in header for p in _phrases(ln, gap)]
    return any(all(not q[0]["x0"] <= (w["x0"] + w["x1"]) / 2 <= q[-1]["x1"] for q in above) for w in line)


def _under_two_labels(line, header, ctx: _Ctx) -> bool:
    """A phrase of words (no header word among them) that reaches under two labels of the
    header above and runs on through the gap between them (a word centred under no label): a row
    across the columns (a sasaran printed as a section row right under the header), not a
    label's last line nor a child label (each stands under one label; two labels' last
    lines set close together, "URUT STRATEGIS", each stand under their own)."""
    gap = 2.5 * ctx.space
    above = [p for ln in header for p in _phrases(ln, gap)]

    def under(a0: float, a1: float, q) -> float:
        return min(a1, q[-1]["x1"]) - max(a0, q[0]["x0"])

    for p in _phrases(line, gap):
        if _hits(p) or sum(any(ch.isalpha() for ch in w["text"]) for w in p) < 2:
            continue
        x0, x1 = p[0]["x0"], p[-1]["x1"]
        if sum(1 for q in above if under(x0, x1, q) > 0.5 * ctx.h) >= 2 \
                and any(all(not q[0]["x0"] <= (w["x0"] + w["x1"]) / 2 <= q[-1]["x1"] for q in above) for w in p):
            return True
    return False


def _under_no_label(line, header, ctx: _Ctx) -> bool:
    """A line that is one phrase of three words or more, no header word among them, standing
    under no label of the header above: a row's text set close under the header (a section
    row from the table's left under a label centred over a wide column, bold like the
    header), not a label's last line (under its label) nor a child label (short, beside
    others)."""
    gap = 2.5 * ctx.space
    phrases = _phrases(line, gap)
    if len(phrases) != 1 or _hits(phrases[0]) or sum(any(ch.isalpha() for ch in w["text"]) for w in line) < 3:
        return False
    x0, x1 = line[0]["x0"], line[-1]["x1"]
    return not any(spans_overlap(q[0]["x0"], q[-1]["x1"], x0, x1) for ln in header for q in _phrases(ln, gap))


def _table_region(lines, start: int, h: float, first: Optional[int] = None) -> tuple[float, float]:
    """The x-extent of the table whose header line is lines[start]: the words of the
    lines from there down to a gap of several lines, in groups that gaps of several
    line heights part (a slide's side panel, a margin note), from the first to the last
    group that the header's words stand in (`first`: the header's first line, above the
    hit line: a parent label over columns that a wide gap parts from the others)."""
    spans = []
    bottom = _bottom(lines[start])
    for ln in lines[start:]:
        if _top(ln) - bottom > 3 * h:
            break
        spans += [(w["x0"], w["x1"]) for w in ln]
        bottom = max(bottom, _bottom(ln))
    groups: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if groups and x0 <= groups[-1][1] + 4 * h:
            groups[-1][1] = max(groups[-1][1], x1)
        else:
            groups.append([x0, x1])
    # the header's own words: header words of the lines packed around the hit line
    seeds = [w for ln in lines[first if first is not None else start:start + 1] for w in ln]
    k = start + 1
    while k < len(lines) and k < start + 6 and _top(lines[k]) - _bottom(lines[k - 1]) < 0.6 * h:
        seeds += lines[k]
        k += 1
    seeds = [w for w in seeds if _hits([w])] or list(lines[start])
    own = [g for g in groups if any(g[0] <= w["x0"] and w["x1"] <= g[1] for w in seeds)]
    if not own:  # (a label above the hit line standing over no word under it)
        own = [g for g in groups if any(g[0] <= w["x0"] and w["x1"] <= g[1] for w in lines[start])] or groups
    return min(g[0] for g in own), max(g[1] for g in own)


def _capitals(line) -> Optional[bool]:
    """The line's letters are capitals (a header set in upper case); None without letters."""
    letters = [ch for w in line for ch in w["text"] if ch.isalpha()]
    if not letters:
        return None
    return sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b$", re.I)


def _bold(line) -> Optional[bool]:
    """Most words of the line are set in a bold face; None when the words carry no font."""
    fonts = [w.get("fontname") for w in line if w.get("fontname")]
    if not fonts:
        return None
    return sum(bool(_BOLD.search(f)) for f in fonts) > 0.5 * len(fonts)


def _second_level(header, line, ctx: _Ctx) -> bool:
    """A line under a padded header row that is its second level: short labels, two or
    more under a label that spans them or beside it under no label (children
    printed beside their parent's own)."""
    gap = max(2.5 * ctx.space, 0.6 * ctx.h)
    if not any(len(_phrases(ln, gap)) >= 3 for ln in header):
        return False  # a title above, not a header row
    below = _phrases(line, gap)
    if len(below) < 2 or any(len(p) > 3 or sum(len(w["text"]) for w in p) > 30 for p in below):
        return False
    if any(_DECIMAL_VALUE.fullmatch(w["text"]) for w in line):
        return False  # a value ("73,7"): no label is one; a row set close under the header
    above = [p for ln in header for p in _phrases(ln, gap)]

    def over(q, p):
        return spans_overlap(q[0]["x0"], q[-1]["x1"], p[0]["x0"], p[-1]["x1"])

    if any(sum(over(q, p) for p in below) >= 2 for q in above):
        return True
    orphans = [p for p in below if not any(over(q, p) for q in above)]
    if len(orphans) < 2:
        return False
    if len(orphans) < len(below):
        return True
    lo, hi = min(p[0]["x0"] for p in orphans), max(p[-1]["x1"] for p in orphans)
    return any(lo < (q[0]["x0"] + q[-1]["x1"]) / 2 < hi for q in above)


def _labels(header_lines, ctx: _Ctx, rivers: Sequence[tuple[float, float]] = ()) -> list[_Label]:
    """The header's leaf labels, left to right, each with its parent label (if any).
    `rivers`: x-runs the body leaves empty all the way down (column gaps)."""
    phrases = []
    for ln in header_lines:
        phrases += _split_at_rivers(_phrases(ln, max(2.5 * ctx.space, 0.6 * ctx.h)), rivers, 1.3 * ctx.space)
    # years side by side ("2022 2023 2024" under "Target") are one column each, however close
    phrases = [q for p in phrases for q in ([[w] for w in p] if len(p) >= 2 and all(_YEAR.fullmatch(w["text"]) for w in p)
                                             else [p])]
    comps = _stacks(phrases, rivers)
    leaves: list[_Label] = []
    parents: list[tuple[_Label, list[_Label]]] = []
    for comp in comps:
        _split_stack(comp, ctx, leaves, parents)
    leaves.sort(key=lambda lb: lb.centre)
    # a speck beside a label (one character an OCR read off a stroke) is part of that label
    k = 0
    while k < len(leaves) and len(leaves) > 1:
        lb = leaves[k]
        if sum(ch.isalnum() for w in lb.words for ch in w["text"]) < 2 and lb.parent is None:
            near = [j for j in (k - 1, k + 1) if 0 <= j < len(leaves)
                    and min(abs(lb.x0 - leaves[j].x1), abs(leaves[j].x0 - lb.x1)) < 0.5 * ctx.h]
            if near:
                leaves[near[0]].words.extend(lb.words)
                del leaves[k]
                continue
        k += 1
    # a pen's stroke or a rule's crumb read as a dash far from every label ("-" between two
    # labels) names no column: taken for one, the cut beside it splits the column under it
    kids = [kid for _, ks in parents for kid in ks]
    leaves = [lb for lb in leaves if lb.parent is not None or any(lb is kid for kid in kids)
              or not _STROKE_MARK.fullmatch("".join(w["text"] for w in lb.words))] or leaves
    block = (min(_top(ln) for ln in header_lines), max(_bottom(ln) for ln in header_lines))
    _parents_over_a_lower_line(leaves, parents, ctx)
    # children printed beside a parent's own, with nothing above them, go under the
    # nearest parent (leaves at the children's height, next to them)
    for parent, kids in parents:
        if not kids:
            continue
        band = (min(k.top for k in kids), max(k.bottom for k in kids))
        idx = sorted(leaves.index(k) for k in kids)
        for step, j in ((-1, idx[0] - 1), (1, idx[-1] + 1)):
            while 0 <= j < len(leaves) and leaves[j].parent is None \
                    and (_adoptable(leaves[j], parent, band, ctx, block)
                         or _centres_its_parent(leaves[j], parent, [lb for lb in leaves if lb.parent is parent]
                                                or kids, band, ctx)) \
                    and min(abs(leaves[j].centre - p.centre) for p, _ in parents) >= abs(leaves[j].centre - parent.centre):
                leaves[j].parent = parent
                j += step
    _adopt_under_rules(leaves, parents, ctx)
    return leaves


def _parents_over_a_lower_line(leaves: list[_Label], parents, ctx: _Ctx) -> None:
    """A label of two lines or more whose last line (or last lines, centred) stands level
    with one-line labels on both sides of it, lower than the header's one-level labels, is a
    parent over a child: a second header level ("Program/Kegiatan" over "Uraian  Indikator
    Outcome  Satuan"), the parent set at line pitch over the child under it, no blank line
    between. A one-line label printed lower than the header's one-line labels is no label of
    the first level (those are all printed at the top, or all centred down the header, or all
    at its foot): it is a child, and so is the part level with it under the label above. The
    siblings beside it go under the parent by _adoptable."""
    def lines_of(lb: _Label):
        return ctx.lines(lb.words)

    def mid(o) -> float:
        return (_top(o) + _bottom(o)) / 2 if isinstance(o, list) else (o.top + o.bottom) / 2

    one_line = [lb for lb in leaves if lb.parent is None and len(lines_of(lb)) == 1]
    for lb in list(leaves):
        lns = lines_of(lb)
        if lb.parent is not None or len(lns) < 2:
            continue
        # the child: the label's last line, or its last lines (a child of two lines centred
        # beside one-line siblings)
        for cut in range(len(lns) - 1, 0, -1):
            low_mid = (_top(lns[cut]) + max(_bottom(ln) for ln in lns[cut:])) / 2
            pitch = mid(lns[cut]) - mid(lns[cut - 1])
            # the one-line labels next to it, level with the child (a one-level label centred
            # beside a label of two lines stands half a pitch higher), on both sides: a parent
            # centred over its children stands over a middle one; a label of two lines beside
            # another parent's children has them on one side only
            j = leaves.index(lb)
            run = [lb]
            sides = 0
            for step in (-1, 1):
                i = j + step
                while 0 <= i < len(leaves) and leaves[i].parent is None and len(lines_of(leaves[i])) == 1 \
                        and abs(mid(leaves[i]) - low_mid) < 0.25 * pitch:
                    run.append(leaves[i])
                    i += step
                sides += i != j + step
            if sides < 2:
                continue
            # one-line labels of the first level: higher than the child, no higher than the
            # label's own top (not a title above the header)
            if not any(all(o is not r for r in run) and mid(o) < low_mid - 0.35 * pitch
                       and o.top >= lb.top - 0.5 * ctx.h for o in one_line):
                continue
            parent = _Label([w for ln in lns[:cut] for w in ln])
            lb.words = [w for ln in lns[cut:] for w in ln]
            lb.parent = parent
            parents.append((parent, [lb]))
            break


def _adopt_under_rules(leaves: list[_Label], parents, ctx: _Ctx) -> None:
    """A rule drawn under a parent label, across part of the header, spans its children: a
    label with no parent of its own standing under that rule, within its reach, is the
    parent's child (a child label of two lines, "Target / 2020", reaches lower than its
    one-line siblings; the rule, not the height, tells it is under the parent)."""
    if not ctx.rules:
        return
    for parent, _ in parents:
        p_bottom = _ink_bottom(parent.words)
        below = [lb for lb in leaves if lb.parent is parent]
        if not below:
            continue
        k_top = min(_ink_top(lb.words) for lb in below)
        for r in ctx.rules:
            y = (r[1] + r[3]) / 2
            if not (p_bottom - 1 <= y <= k_top + 1) or r[0] > parent.x0 + 1 or r[2] < parent.x1 - 1:
                continue
            for lb in leaves:
                if lb.parent is None and lb is not parent and _ink_top(lb.words) >= y - 1 \
                        and lb.x0 >= r[0] - 0.5 * ctx.h and lb.x1 <= r[2] + 0.5 * ctx.h:
                    lb.parent = parent
            break


def _centres_its_parent(leaf: _Label, parent: _Label, kids: list[_Label], band: tuple[float, float],
                        ctx: _Ctx) -> bool:
    """A label of two lines or more centred level with the children beside it (its middle
    in their band, its top under the parent's line) reaches over their band at both ends, so
    _adoptable's ends test turns it away ("Unit / Utama" beside "Unit Pendukung" under
    "PIC"). It is a child when taking it in sets the children's span nearer under the
    parent's centre: a parent is centred over all its children, and a one-level label
    beside them moves their span off it."""
    mid = (leaf.top + leaf.bottom) / 2
    if leaf.top < parent.bottom - 1 or not band[0] - 0.5 * ctx.h <= mid <= band[1] + 0.5 * ctx.h:
        return False
    x0, x1 = min(k.x0 for k in kids), max(k.x1 for k in kids)
    return abs((min(x0, leaf.x0) + max(x1, leaf.x1)) / 2 - parent.centre) < abs((x0 + x1) / 2 - parent.centre)


def _adoptable(leaf: _Label, parent: _Label, band: tuple[float, float], ctx: _Ctx,
               block: tuple[float, float]) -> bool:
    """A leaf at the children's height, under the parent's line, and nearer the
    children's middle than the header's middle (a one-level label centred down the
    whole header stands in the middle)."""
    if leaf.top < parent.bottom - 1 or leaf.top < band[0] - 0.5 * ctx.h or leaf.bottom > band[1] + 0.5 * ctx.h:
        return False
    mid = (leaf.top + leaf.bottom) / 2
    return abs(mid - (band[0] + band[1]) / 2) < abs(mid - (block[0] + block[1]) / 2)


_STROKE_MARK = re.compile(r"[-–—~_=.,'`·|]+")  # a dash, tilde or rule crumb: no letter, no figure
_QUALIFIER = re.compile(r"\([^\d\s)]")  # "(Outcome)", "(Rp)", "(%)": no column number "(2)", no "(2024)"


def _split_at_rivers(phrases, rivers, least: float) -> list[list[dict]]:
    """Phrases cut where words wider apart than word spacing stand over a column gap of
    the body (a tight table's labels are closer than a header's word gaps). A gap before a
    parenthesised word ("Program (Outcome)", "Pagu (Rp)"; not a column number "(2)") is none:
    a label's qualifier stays with it. A river under both words (but for `least`, an OCR
    box's slack: a centred "Target 2026" over values set from its column's left) is a column
    under the label, no gap in it."""
    out = []
    for p in phrases:
        if len(p) > 1 and _over_its_one_run(p, rivers, least):
            out.append(p)
            continue
        cur = [p[0]]
        for a, b in zip(p, p[1:]):
            if b["x0"] - a["x1"] >= least and not _QUALIFIER.match(b["text"]) \
                    and any(lo < b["x0"] and hi > a["x1"] and not (lo <= a["x0"] + least and hi >= b["x1"] - least)
                            for lo, hi in rivers):
                out.append(cur)
                cur = []
            cur.append(b)
        out.append(cur)
    return out


def _over_its_one_run(p, rivers, least: float) -> bool:
    """The body's ink under the phrase is one run between two rivers, centred under the phrase:
    one column's values centred under its label (a short body, one or two rows, leaves river
    edges wherever its few values end, "Satuan | Pengukuran" over a centred "Indeks", and an
    OCR's word gaps pass for a tight table's label gaps). Split there, the label's other words
    would name columns nothing stands under. `least`: an OCR box's slack."""
    merged: list[list[float]] = []
    for lo, hi in sorted(rivers):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    x0, x1 = p[0]["x0"], p[-1]["x1"]
    if not any(lo < x1 and hi > x0 for lo, hi in merged):
        return False  # no river under the phrase: nothing to split it at
    edges = [float("-inf")] + [v for r in merged for v in r] + [float("inf")]
    runs = [(a, b) for a, b in zip(edges[::2], edges[1::2]) if a < x1 and b > x0]
    if len(runs) != 1 or not all(abs(v) < float("inf") for v in runs[0]):
        return False
    return abs((runs[0][0] + runs[0][1]) / 2 - (x0 + x1) / 2) <= least + 0.04 * (x1 - x0)


# a phrase reaching over a gap's middle by a sliver is still a parent when the labels under it
# either side stand within this many of its line heights of its ends
SHORT_PARENT_NEAR = 2.5


def _stacks(phrases, rivers: Sequence[tuple[float, float]] = ()) -> list[list[list[dict]]]:
    """Phrases standing over one another (x-overlap), as connected groups. A phrase
    standing over a column gap, with phrases under it on both sides of the gap, stands
    over those (a parent label centred over two columns)."""
    n = len(phrases)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    spans = [(p[0]["x0"], p[-1]["x1"]) for p in phrases]
    tops = [min(w["top"] for w in p) for p in phrases]
    bottoms = [max(w["bottom"] for w in p) for p in phrases]
    for i in range(n):
        for j in range(i + 1, n):
            if spans_overlap(*spans[i], *spans[j]):
                parent[find(i)] = find(j)
    for i in range(n):
        width = spans[i][1] - spans[i][0]
        for lo, hi in rivers:
            mid = (lo + hi) / 2
            # (reaching over the gap's middle by a sliver, less than half a character, is a
            # column's own label running into the gap beside it, "Formula Perhitungan" ending
            # past the middle of a wide gap: a parent over two columns reaches well over it)
            # ... unless the labels either side stand right beside it (a short parent, "PIC",
            # over a gap its children's labels leave off-centre: SHORT_PARENT_NEAR, below)
            reach = 0.5 * (bottoms[i] - tops[i])
            if not spans[i][0] < mid < spans[i][1]:
                continue
            sliver = not spans[i][0] + reach < mid < spans[i][1] - reach
            # the nearest phrases on both sides of the gap, on one line under this one
            under = sorted((j for j in range(n) if tops[j] >= bottoms[i] - 1), key=lambda j: tops[j])
            # (a phrase already standing over labels on both sides of the gap is their parent by
            # its overlap: reaching further would tie it to another parent's child, a label of
            # one line centred lower than its two-line sibling)
            if any(spans_overlap(*spans[j], *spans[i]) and spans[j][1] <= mid for j in under) \
                    and any(spans_overlap(*spans[j], *spans[i]) and spans[j][0] >= mid for j in under):
                continue
            for j0 in under:
                tier = [j for j in under if abs(tops[j] - tops[j0]) < 0.5 * (bottoms[j0] - tops[j0])]
                if any(spans[j][0] < mid < spans[j][1] for j in tier):
                    break  # a label on that line stands over the gap: not a column gap there
                # the labels either side: near the phrase, or in the column right beside the
                # gap (a short parent, "Bappeda", centred over two wide columns whose labels
                # are centred in them stands more than its own width from either)
                mids = [(a + b) / 2 for a, b in rivers if (a + b) / 2 != mid]
                left = [j for j in tier if spans[j][1] <= mid and (spans[i][0] - width <= spans[j][1]
                        or not any(spans[j][1] < m < mid for m in mids))]
                right = [j for j in tier if mid <= spans[j][0] and (spans[j][0] <= spans[i][1] + width
                         or not any(mid < m < spans[j][0] for m in mids))]
                # centred on one label under it: that column's first line, which only
                # reaches over the gap beside it (a narrow column's wide word)
                centre = (spans[i][0] + spans[i][1]) / 2
                if any(abs(centre - (spans[j][0] + spans[j][1]) / 2) < 0.5 + 0.04 * width
                       for j in tier if spans_overlap(*spans[j], *spans[i])):
                    break
                if left and right:
                    if sliver:
                        near = SHORT_PARENT_NEAR * (bottoms[i] - tops[i])
                        if spans[i][0] - spans[max(left, key=lambda j: spans[j][1])][1] > near \
                                or spans[min(right, key=lambda j: spans[j][0])][0] - spans[i][1] > near:
                            break
                    if not any(spans_overlap(*spans[j], *spans[i]) for j in tier) and any(
                            spans_overlap(*spans[j], *spans[i]) for j in under if tops[j] > tops[j0] + 1):
                        continue  # labels of the columns beside it; its own are on a lower line
                    parent[find(i)] = find(max(left, key=lambda j: spans[j][1]))
                    parent[find(i)] = find(min(right, key=lambda j: spans[j][0]))
                    break
    _join_short_parents(spans, tops, bottoms, rivers, find, parent)
    groups: dict[int, list] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(phrases[i])
    return list(groups.values())


def _join_short_parents(spans, tops, bottoms, rivers, find, parent) -> None:
    """A short parent centred over two columns of unequal width ("OPD" over "Uraian
    Sasaran" | "Indikator Kinerja") may reach over neither the column gap nor either
    child's label. A phrase with nothing under it, whose nearest labels either side stand
    wholly below it with nothing above them, one body column gap between them, and
    whose middle is the middle of the two labels' reach, is their parent (a column of
    its own would leave a gap either side of it)."""
    n = len(spans)
    for i in range(n):
        if any(find(j) == find(i) for j in range(n) if j != i):
            continue
        below = [j for j in range(n) if tops[j] >= bottoms[i] - 1]
        if any(spans_overlap(*spans[j], *spans[i]) for j in below):
            continue
        left = [j for j in below if spans[j][1] <= spans[i][0]]
        right = [j for j in below if spans[j][0] >= spans[i][1]]
        if not left or not right:
            continue
        a = max(left, key=lambda j: spans[j][1])
        b = min(right, key=lambda j: spans[j][0])
        line = bottoms[i] - tops[i]
        if max(tops[a], tops[b]) - bottoms[i] > 3 * line or abs(tops[a] - tops[b]) > 0.5 * line:
            continue  # not the next line of labels down
        if any(spans_overlap(*spans[k], *spans[j]) and bottoms[k] <= tops[j] + 1
               for j in (a, b) for k in range(n) if k != j):
            continue  # a label already stands over one of them
        # (rivers that overlap are one gap: a carried column edge may add one inside a gap)
        gaps: list[list[float]] = []
        for lo, hi in sorted(r for r in rivers if spans[a][1] < (r[0] + r[1]) / 2 < spans[b][0]):
            if gaps and lo <= gaps[-1][1]:
                gaps[-1][1] = max(gaps[-1][1], hi)
            else:
                gaps.append([lo, hi])
        if len(gaps) != 1:
            continue
        width = spans[i][1] - spans[i][0]
        if abs((spans[i][0] + spans[i][1]) / 2 - (spans[a][0] + spans[b][1]) / 2) > 0.5 * width + line:
            continue
        parent[find(i)] = find(a)
        parent[find(i)] = find(b)


def _wrapped_lines(upper, rest, ctx: _Ctx) -> list:
    """The phrases of `rest` that are the upper phrases' own next lines: a parent label
    wrapped over two lines ("Pemerintah Kota Banda" / "Aceh"), its next line set at line
    pitch right under it, inside its reach, centred under it or level with its start, and
    alone at its height under it (children stand side by side; a short last line centred
    over the children's column gap would else be taken for one child's parent), with child
    labels under it."""
    out: list = []
    above = list(upper)
    grown = True
    while grown:
        grown = False
        for q in rest:
            if any(q is r for r in out):
                continue
            q0, q1 = q[0]["x0"], q[-1]["x1"]
            qt = min(w["top"] for w in q)
            for p in above:
                p0, p1 = p[0]["x0"], p[-1]["x1"]
                pb = max(w["bottom"] for w in p)
                if not (0 <= qt - pb + 1 < 0.45 * ctx.h and p0 - 1 <= q0 and q1 <= p1 + 1 and q1 - q0 < p1 - p0):
                    continue
                if not (abs((q0 + q1) - (p0 + p1)) / 2 < 0.05 * (p1 - p0) + 1 or abs(q0 - p0) < 1):
                    continue
                if any(r is not q and abs(min(w["top"] for w in r) - qt) < 0.5 * ctx.h
                       and spans_overlap(r[0]["x0"], r[-1]["x1"], p0, p1) for r in rest):
                    continue
                # (only a parent's: other labels stand under it, its children; the wrapped
                # lines of a one-level label beside a parent stay that label's own)
                if not any(r is not q and not any(r is o for o in out) and min(w["top"] for w in r) > qt
                           and spans_overlap(r[0]["x0"], r[-1]["x1"], p0, p1) for r in rest):
                    continue
                out.append(q)
                above.append(q)
                grown = True
                break
    return out


def _tallest_word(phrase) -> float:
    """The height of a phrase's tallest word box (OCR: the box, not the ink of _ink_top / _ink_bottom)."""
    return max(w["bottom"] - w["top"] for w in phrase)


def _split_stack(comp, ctx: _Ctx, leaves: list, parents: list) -> None:
    """One stack of phrases as a label, or as a parent over child labels: the phrases
    at its top under which the rest falls apart into stacks side by side (a parent
    over its children), or that a blank line parts from the one phrase under them."""
    comp = sorted(comp, key=lambda p: (min(w["top"] for w in p), p[0]["x0"]))
    for k in range(1, len(comp)):
        upper, rest = comp[:k], comp[k:]
        if max(w["bottom"] for p in upper for w in p) > min(w["top"] for p in rest for w in p) + 1:
            continue
        wrapped = _wrapped_lines(upper, rest, ctx)
        subs = _stacks([p for p in rest if not any(p is q for q in wrapped)]) if wrapped else []
        if len(subs) >= 2:
            upper = upper + wrapped
        else:
            subs = _stacks(rest)
        if len(subs) < 2:
            continue
        parent = _Label([w for p in upper for w in p])
        kids: list[_Label] = []
        for sub in subs:
            before = len(leaves)
            _split_stack(sub, ctx, leaves, parents)
            kids.extend(leaves[before:])
        for kid in kids:
            if kid.parent is None:
                kid.parent = parent
        parents.append((parent, [kid for kid in kids if kid.parent is parent]))
        return
    if len(comp) >= 2:
        # a blank line inside the stack: the part above is a parent over the part below
        gaps = [(min(w["top"] for w in comp[k + 1]) - max(w["bottom"] for p in comp[:k + 1] for w in p), k)
                for k in range(len(comp) - 1)]
        gap, k = max(gaps)
        # (OCR words are boxes of their ink: two lines of capitals at their own pitch leave
        # more than half a word's height between them, "KODE" / "INDIKATOR"; a blank line
        # leaves more than the lines' own height. A reader that pads its line boxes, and gives
        # each word its line's ink, is measured on that ink: its boxes close the blank line up)
        blank = gap > 0.6 * ctx.h and not (ctx.ocr and gap <= _tallest_word(comp[k]) and gap <= _tallest_word(comp[k + 1]))
        if not blank and ctx.ocr and all("ink_top" in w for p in comp[k:k + 2] for w in p):
            ink_gap = _ink_top(comp[k + 1]) - max(_ink_bottom(p) for p in comp[:k + 1])
            blank = ink_gap > max(_ink_bottom(comp[k]) - _ink_top(comp[k]), _ink_bottom(comp[k + 1]) - _ink_top(comp[k + 1]),
                                  0.6 * ctx.h)
        if blank:
            parent = _Label([w for p in comp[:k + 1] for w in p])
            child = _Label([w for p in comp[k + 1:] for w in p], parent=parent)
            leaves.append(child)
            parents.append((parent, [child]))
            return
    leaves.append(_Label([w for p in comp for w in p]))


# --------------------------------------------------------------------------- columns

class _Coverage:
    """How many body lines have a word over each x (1/2 point steps)."""

    def __init__(self, lines, x1: float):
        self.n = np.zeros(int(2 * x1) + 4, dtype=np.int32)
        for ln in lines:
            seen = np.zeros_like(self.n, dtype=bool)
            for w in ln:
                seen[max(int(2 * w["x0"]), 0):int(2 * w["x1"]) + 1] = True
            self.n += seen

    def rivers(self, x0: float, x1: float, most: int = 0) -> list[tuple[float, float]]:
        """The x-runs between x0 and x1 that at most `most` lines cover."""
        out = []
        start = None
        lo, hi = max(int(2 * x0), 0), min(int(2 * x1) + 1, len(self.n))
        for k in range(lo, hi + 1):
            empty = k < hi and self.n[k] <= most
            if empty and start is None:
                start = k
            elif not empty and start is not None:
                if k - start >= 2:
                    out.append((start / 2, k / 2))
                start = None
        return out

    def edge(self, a: float, b: float) -> float:
        """The edge between x = a and x = b: the middle of the widest run of the
        emptiest positions."""
        if b - a < 1.0:
            return (a + b) / 2
        lo, hi = max(int(2 * a), 0), min(int(2 * b) + 1, len(self.n))
        seg = self.n[lo:hi]
        if not len(seg):
            return (a + b) / 2
        least = seg.min()
        best, run_start, best_len = None, None, 0
        for k, v in enumerate(list(seg) + [least + 1]):
            if v == least:
                if run_start is None:
                    run_start = k
            elif run_start is not None:
                if k - run_start > best_len:
                    best_len, best = k - run_start, (run_start + k - 1) / 2
                run_start = None
        return (lo + best) / 2


def _cuts(leaves: list[_Label], lines, x1: float, loose=(), least: float = 0.0) -> list[float]:
    """The edges between neighbouring labels' columns, in the gaps the body's lines leave.
    `loose`: lines that may be section rows (one run from the table's left), left out of an
    edge their words would block, counted where the lines leave a gap all the same (a
    sasaran cell's widest line is no section row: the edge stays right of it); a gap that wide
    at least (`least`: wider than a word space, which section rows opening with the same word
    leave at one x)."""
    cov = _Coverage(lines, x1)
    full = _Coverage(list(lines) + list(loose), x1) if loose else None
    out = []
    for a, b in zip(leaves, leaves[1:]):
        if a.x1 >= b.x0:
            out.append((a.x1 + b.x0) / 2)
        elif full is not None and any(hi - lo >= least for lo, hi in full.rivers(a.x1, b.x0)):
            out.append(full.edge(a.x1, b.x0))
        else:
            out.append(cov.edge(a.x1, b.x0))
    return out


def _col_of(x: float, cuts: Sequence[float]) -> int:
    for k, c in enumerate(cuts):
        if x < c:
            return k
    return len(cuts)


def _centre_col(w: dict, cuts) -> int:
    return _col_of((w["x0"] + w["x1"]) / 2, cuts)


def _crossing_runs(line, cuts, ctx: _Ctx, starts: Sequence[float] = ()) -> list[list[dict]]:
    """The runs of a line (words at word spacing) that cross a column edge. `starts`: the x
    where the body's columns start their lines; a run parts where a word starts a column
    there past an edge (a cell's line that ends close to the next column's text)."""
    gap = max(1.8 * ctx.space, 0.35 * ctx.h)
    out = []
    for whole in _phrases(line, gap):
        runs = [[whole[0]]]
        gaps = [b["x0"] - a["x1"] for a, b in zip(whole, whole[1:])]
        for k, (a, b) in enumerate(zip(whole, whole[1:])):
            # wider than the run's own word spacing (a section row's words are evenly spaced)
            others = gaps[:k] + gaps[k + 1:]
            # (the part before the split must then stay in its column: a part that crosses an
            # edge itself is no cell's line, and the whole is one text across the columns, as
            # a section row whose word happens to start where a column's text starts: on a
            # photographed page a column's starts drift a few points down the page)
            # (no tighter than the page's word space: OCR glues a short word to the next, "A." to
            # a section's first word, and a run of three words then seems spaced at nothing)
            if gaps[k] > 1.4 * max(median(others) if others else 0.0, ctx.space) \
                    and any(abs(b["x0"] - x) < 0.5 for x in starts) \
                    and any(a["x1"] - 1.5 < c < b["x0"] + 1.5 for c in cuts) \
                    and not any(runs[-1][0]["x0"] + 1.5 < c < a["x1"] - 1.5 for c in cuts):
                runs.append([])
            runs[-1].append(b)
        for run in runs:
            x0, x1 = run[0]["x0"], run[-1]["x1"]
            if any(x0 + 1.5 < c < x1 - 1.5 for c in cuts):
                out.append(run)
    return out


def _column_starts(body) -> list[float]:
    """The x where three lines or more start a word just as far left: the left edges of
    the columns' text."""
    seen: dict[float, int] = {}
    for ln in body:
        for x in {round(w["x0"] * 2) / 2 for w in ln}:
            seen[x] = seen.get(x, 0) + 1
    return [x for x, n in seen.items() if n >= 3]


# --------------------------------------------------------------------------- one table

def _header_key(words) -> tuple:
    return tuple(sorted(w["text"].lower() for w in words))


def _table_from(lines, start: int, ctx: _Ctx, number: int, stop_at=(), carry: Optional[ColumnLayout] = None):
    h = ctx.h
    first, end = _header_block(lines, start, ctx)
    header = lines[first:end]
    header_words = [w for ln in header for w in ln]
    # (two phrases may hold three labels: a tight table's labels stand closer than the
    # header's word gaps, "SATUAN TARGET"; the body's column gaps part them, see _labels)
    if len(_phrases(sorted(header_words, key=lambda w: w["x0"]), 0.6 * h)) < 2:
        return None, end
    # candidate body: down to a wide gap, a signature line or a new header line
    body = []
    bottom = max(_bottom(ln) for ln in header)
    j = end
    while j < len(lines):
        ln = lines[j]
        if (_top(ln) - bottom > 3 * h and not _bridged(bottom, _top(ln), header_words, ctx)) \
                or _SIGNATURE.match(" ".join(w["text"] for w in ln)):
            break
        if body and _top(ln) - bottom > 0.8 * h and _SIGNATURE_TITLE.fullmatch(" ".join(w["text"] for w in ln)):
            break  # a signatory's title under the table ("KEPALA,", "BUPATI NAMA,"), past a row gap
        if overlaps_any(words_box(ln), stop_at):
            break  # a ruled table of its own under it
        if body and _hits(_fresh_labels(ln, body, ctx)) >= max(3, 0.5 * len(ln)) and len(_phrases(ln, 0.6 * h)) >= 3 \
                and not _opens_with_code(ln, ctx):
            break  # a new header line (a row opening with its code, "IK 1.1 … Kumulatif … Outcome",
            # is a row whose values happen to be header words; so is a line whose header words
            # go on cells begun above it: "SAKIP Satuan" under "IKU.2.1 Predikat")
        if body and (_budget_header(ln, h) or _budget_header(_height_band(lines, j), h)):
            break  # a program / budget table under the indicator table (its labels may be centred
            # at several heights: "NO  PROGRAM/KEGIATAN" beside a two-line "PAGU ANGGARAN / (RP)")
        if body and not ctx.ocr and _larger_heading(ln, body, h):
            break  # the next section's heading under the table
        if body and _key_value_block(lines[j:j + 6], min(w["x0"] for w in header_words), h):
            break  # "Jabatan : …", "Tugas : …": the block that names the next table
        if body and ctx.ocr and _colonless_block(lines[j:j + 6], _header_starts(header_words, h),
                                                 min(w["x0"] for w in header_words), h):
            break  # the same block with every colon lost to the scan (its labels' starts stand for columns)
        body.append(ln)
        bottom = max(bottom, _bottom(ln))
        j += 1
    stop = _below_the_last_rule(header, body, ctx)
    if stop < len(body):
        body, j = body[:stop], end + stop
    body, at = _beside_the_table(header, body, list(range(end, j)), h)
    if not body:
        return _header_at_page_foot(lines, header, end, ctx, number), end
    if not ctx.own_type:  # (a table's own type gives its word space already: scaled from the page's)
        ctx = _table_spacing(ctx, header + body)
    x_right = max([w["x1"] for w in header_words] + [w["x1"] for ln in body for w in ln])
    x_left = min(w["x0"] for w in header_words)
    # the body's column gaps (lines of one long run, a section row or prose, left out)
    # (a section row is one run from the table's left edge, often shorter than half the table)
    ruled_out = [ln for ln in body if len(_phrases(ln, max(1.8 * ctx.space, 0.35 * h))) == 1
                 and (ln[-1]["x1"] - ln[0]["x0"] > 0.45 * (x_right - x_left)
                      or (ln[0]["x0"] < x_left + h and len(ln) >= 2))]
    cov = _Coverage([ln for ln in body if not any(ln is r for r in ruled_out)], x_right)
    rivers = cov.rivers(x_left, x_right, most=int(0.03 * len(body)))
    rivers = [rv for rv in rivers if not _word_gap_river(rv, body, ctx)]
    if carry is not None and carry.header and carry.header == _header_key(header_words):
        # the header of the table the page before ran off, repeated: its columns part the labels
        # too (a cut row's rest under it, in one column, leaves no gap between two close labels)
        rivers = sorted(rivers + [(c - 0.5, c + 0.5) for c in carry.cuts])
    leaves = _labels(header, ctx, rivers)
    if not _enough_labels(leaves):
        return None, end
    # (the edges from the lines that are not one run from the table's left: a short section
    # row would hide the gap between a numbering column and the text beside it)
    loose = [ln for ln in body if any(ln is r and ln[0]["x0"] < x_left + h for r in ruled_out)]
    cuts = _cuts(leaves, [ln for ln in body if not any(ln is r for r in loose)] or body, x_right, loose, 0.6 * h)
    # a speck or a pen's stroke read as a letter on a line of its own between two rows, over a
    # column edge, would pass for text under the table and end it there: it is no line of it
    kept = [i for i, ln in enumerate(body) if not _stray_mark(ln, cuts, ctx)
            and not _squeezed_mark(ln, body[i - 1] if i else header[-1], body[i + 1] if i + 1 < len(body) else None, ctx)]
    if len(kept) < len(body):
        body, at = [body[i] for i in kept], [at[i] for i in kept] + at[len(body):]
    body = [_figures_apart(_without_glued_mark(ln, cuts, ctx), cuts, ctx) for ln in body]
    kinds = _line_kinds(body, cuts, min(lb.x0 for lb in leaves), ctx, opens_rows=carry is None)
    # the table ends at the first line that is neither a row's nor a section's
    stop = next((k for k, kind in enumerate(kinds) if kind == "end"), len(body))
    stop = _paragraph_over_the_end(body, kinds, stop, ctx)
    stop = _heading_over_the_end(body, kinds, stop, cuts, ctx)
    while len(body) > stop > 0 and kinds[stop - 1] == "section":
        stop -= 1  # a section row opens rows: one with text, no row, under it is that text's heading
        # (at the page's foot it may open the rows of the page after: kept)
    body, kinds = body[:stop], kinds[:stop]
    # a page number under the table is not a row
    while body and kinds[-1] == "row" and _PAGE_FOOT.fullmatch(" ".join(w["text"] for w in body[-1])) \
            and len(body) > 1 and _top(body[-1]) - _bottom(body[-2]) > 1.5 * h:
        body, kinds = body[:-1], kinds[:-1]
    if not any(k == "row" for k in kinds):
        if kinds and all(k == "own" for k in kinds) and len(at) >= len(body):
            # a header and its row of column numbers at the page's foot: the body goes on
            # on the next page (its columns carried there)
            past = at[len(body) - 1] + 1
            table = _header_at_page_foot(lines, header, past, ctx, number)
            if table is not None:
                return table, past
        return None, first + 1
    columnar = [ln for ln, k in zip(body, kinds) if k in ("row", "own")]
    cuts = _cuts(leaves, columnar, x_right, [ln for ln, k in zip(body, kinds) if k == "section"], 0.6 * h)
    layout = ColumnLayout(cuts=cuts, x0=min(w["x0"] for w in header_words), x1=x_right,
                          anchored=_anchored(leaves, columnar, cuts), header=_header_key(header_words),
                          starts=_text_starts(columnar, ctx) if ctx.ocr else ())
    rows = _header_rows(leaves, number) + _body_rows(body, kinds, cuts, layout.anchored, ctx, number)
    all_words = header_words + [w for ln in body for w in ln]
    table = BorderlessTable(rows=rows, page=number, bbox=words_box(all_words), engine=Engine.WORDS, layout=layout)
    return table, (at[stop] if stop < len(at) else j)


def _bridged(bottom: float, top: float, header_words, ctx: _Ctx) -> bool:
    """A wide gap in a scanned table's body (bottom..top, points) that is no gap: ink the read
    turned into no word fills it (`ctx.blots`), inside the header's span — a signature or a
    stamp over the rows hides the lines under it from the OCR, and the rows below it are
    still the table's. The gap's stretch that no such ink covers must be under the ending
    gap (3 line heights) on its own."""
    if not ctx.blots:
        return False
    x0, x1 = min(w["x0"] for w in header_words), max(w["x1"] for w in header_words)
    spans = sorted((max(b[1], bottom), min(b[3], top)) for b in ctx.blots
                   if b[0] < x1 and b[2] > x0 and b[1] < top and b[3] > bottom)
    covered, reach = 0.0, bottom
    for a, b in spans:
        a = max(a, reach)
        if b > a:
            covered, reach = covered + b - a, b
    return (top - bottom) - covered <= 3 * ctx.h


def _stray_mark(line, cuts, ctx: _Ctx) -> bool:
    """An OCR line of one word that is no print: a few letters at most, none of the domain
    lexicon, read unsure (or no letter at all), set over a column edge (print in a cell keeps
    to its column). A speck or a pen's stroke read as "A" or "~". So is a flat one of no letter
    or digit read unsure, lower than half a line ("—_"): alone on its line it would open a row
    of its own."""
    if not ctx.ocr or len(line) != 1:
        return False
    w = line[0]
    core = "".join(ch for ch in w["text"] if ch.isalnum())
    if len(core) > _MARK_LETTERS or core.lower() in lexicon()[0] or (core and w.get("conf", 100.0) >= _MARK_CONF):
        return False
    if not core and w.get("conf", 100.0) < _MARK_CONF and w["bottom"] - w["top"] < 0.5 * ctx.h:
        return True
    return any(w["x0"] + 1.0 < c < w["x1"] - 1.0 for c in cuts)


def _squeezed_mark(line, above, below, ctx: _Ctx) -> bool:
    """An OCR line of one short unsure word (as `_stray_mark`'s) whose box runs into the boxes of
    the lines above and below it: those two lines stand a line's pitch apart, and no printed line
    fits between them. A sheet's back showing through or a shading's edge in the leading between
    two lines, read as "w-4": a line of its own over a row's first line, it moved the row's top up,
    and the cells beside that started level with the row's text no longer did (two rows read as
    one)."""
    if not ctx.ocr or len(line) != 1 or above is None or below is None:
        return False
    w = line[0]
    core = "".join(ch for ch in w["text"] if ch.isalnum())
    if len(core) > _MARK_LETTERS or core.lower() in lexicon()[0] or w.get("conf", 100.0) >= _MARK_CONF:
        return False
    return w["top"] < max(x["bottom"] for x in above) and w["bottom"] > min(x["top"] for x in below)


def _without_glued_mark(line, cuts, ctx: _Ctx):
    """An OCR line without the mark at either end of it that is no print: a pen's stroke or a
    speck over a column edge read, however surely, as a few letters or digits none of the
    domain lexicon ("5L"), beside a cell's text. With it the cell's line reads as one text
    across the columns, and the table ended there (its last rows lost); without it every word
    of the line keeps to its column. A number, a mark of no letter or digit ("%") and a line
    that crosses an edge without it are left as they are."""
    if not ctx.ocr or len(line) < 2 or not _full_span(line, cuts, ctx):
        return line
    for k in (len(line) - 1, 0):
        w = line[k]
        core = "".join(ch for ch in w["text"] if ch.isalnum())
        if not core or core.isdigit() or len(core) > _GLUED_LETTERS or core.lower() in lexicon()[0]:
            continue
        rest = line[:k] + line[k + 1:]
        if any(w["x0"] + 1.0 < c < w["x1"] - 1.0 for c in cuts) and not _crossing_runs(rest, cuts, ctx):
            return rest
    return line


# a figure as printed in a value cell: "1.042", "77,62", "1.433,07", "100%"
_FIGURE_PART = re.compile(r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?%?")


def _figures_apart(line, cuts, ctx: _Ctx):
    """An OCR line with each word that is two figures read as one across a column edge put back
    as the two: the values of two narrow columns side by side ("1.042 | 1.105", the years under
    one "Target") stand closer than the recogniser's word gap and come out as one word,
    "1.0421.105" or, a gap read as a point, "78,6.79,8". That word crosses the edge, the line
    passed for one text across the columns and the row broke there. The word is parted where
    its text is two figures (and at most one point or comma between them), at the place whose
    share of the word's width lies nearest the edge, within a character's width of it."""
    if not ctx.ocr:
        return line
    out = []
    for w in line:
        t = w["text"]
        inside = [c for c in cuts if w["x0"] + 1.0 < c < w["x1"] - 1.0]
        if len(inside) != 1 or not t[:1].isdigit() or not t[-1:].isalnum() and t[-1:] != "%" \
                or _FIGURE_PART.fullmatch(t):  # (one figure, "77,62", wider than its column)
            out.append(w)
            continue
        step = (w["x1"] - w["x0"]) / len(t)
        best = None
        for i in range(1, len(t)):
            for sep in (0, 1):
                left, right = t[:i], t[i + sep:]
                if sep and t[i] not in ".,;:" or not right:
                    continue
                if _FIGURE_PART.fullmatch(left) and _FIGURE_PART.fullmatch(right):
                    at = w["x0"] + (i + 0.5 * sep) * step
                    if abs(at - inside[0]) <= step and (best is None or abs(at - inside[0]) < abs(best[0] - inside[0])):
                        best = (at, i, sep)
        if best is None:
            out.append(w)
            continue
        _, i, sep = best
        out.append(dict(w, text=t[:i], x1=w["x0"] + i * step))
        out.append(dict(w, text=t[i + sep:], x0=w["x0"] + (i + sep) * step))
    return out


def _paragraph_over_the_end(body, kinds, stop: int, ctx: _Ctx) -> int:
    """Where the table ends at a paragraph's line (`stop`), the line over it at line pitch, as
    long, from the same left margin to the same right one, words most of it, is that
    paragraph's first line: its word gaps, counted in the body's column gaps, made it pass for
    a row. The table ends above it."""
    while 0 < stop < len(body) and kinds[stop - 1] == "row":
        above, para = body[stop - 1], body[stop]
        if len(above) < 8 or sum(any(ch.isalpha() for ch in w["text"]) for w in above) < 0.7 * len(above) \
                or _top(para) - _bottom(above) >= 0.6 * ctx.h or len(para) < 6 \
                or abs(above[0]["x0"] - para[0]["x0"]) > ctx.h or abs(above[-1]["x1"] - para[-1]["x1"]) > 2 * ctx.h:
            break
        stop -= 1
    return stop


def _heading_over_the_end(body, kinds, stop: int, cuts, ctx: _Ctx) -> int:
    """Where the table ends (`stop`: text that is no row follows), the line or two before it that
    sit in the first column alone (or one line of one text across the columns) and are set off
    from the rows above by a wider gap than any
    between the table's lines are a heading over what follows (a chapter's "V.2 …" over its
    paragraph), not the last row's first cell going on: the table ends above them. (A text
    layer tells such a heading by its bold, _bold_heading; OCR words have no weight, only the
    gap tells it.)"""
    if stop >= len(body) or not cuts:
        return stop
    for j in (stop - 1, stop - 2):
        block = body[j:stop]
        if j < 2 or any(kinds[i] != "row" for i in range(j, stop)):
            break
        if (any(_centre_col(w, cuts) != 0 or w["x1"] > cuts[0] for ln in block for w in ln)
                and not (len(block) == 1 and len(block[0]) >= 2 and _one_text(block[0], ctx))) \
                or any(_top(b) - _bottom(a) >= 0.6 * ctx.h for a, b in zip(block, block[1:])):
            break  # (or one line, one text at its type's word spacing over the column edges: "IV.2 Rencana …")
        above = _top(body[j]) - _bottom(body[j - 1])
        gaps = [_top(b) - _bottom(a) for a, b in zip(body[:j], body[1:j])]
        if above > max(1.5 * max(gaps), 0.6 * ctx.h):
            return j
    return stop


def _one_text(line, ctx: _Ctx) -> bool:
    """The line's words stand at word spacing for their own type (a heading's type is larger)."""
    return len(_phrases(line, 0.6 * max(ctx.h, median(_bottom([w]) - _top([w]) for w in line)))) == 1


def _word_gap_river(river: tuple[float, float], body, ctx: _Ctx) -> bool:
    """A river of the body that is one word gap repeated: every line with words on both of its
    sides has them at word spacing (a sasaran printed again on each of its rows, "Meningkatnya
    kesetaraan" over "Meningkatnya kesetaraan", leaves its word gap at one x down the table).
    The same with one row: its cell's longest line runs under a label's word gap ("kekerasan
    terhadap" under "Kinerja Sasaran"), the lines under it shorter. A column gap parts two
    cells by their padding, wider than a word gap, in some row at least; where it is taken for
    one, it splits the label over it ("Sasaran | Organisasi")."""
    lo, hi = river
    gaps = []
    for ln in body:
        for a, b in zip(ln, ln[1:]):
            if a["x1"] <= lo + 0.5 and b["x0"] >= hi - 0.5 and a["x1"] > lo - ctx.h and b["x0"] < hi + ctx.h:
                gaps.append(b["x0"] - a["x1"])
    # (an OCR reader places each word's box on its own, a point or two off the print: the gaps of
    # one line's words, all one space in print, then read 1.9 to 4.1 points; the page's mode
    # of them is the narrow end, so a gap a little over it is still a word gap there)
    return bool(gaps) and max(gaps) < max(1.3 * ctx.space, OCR_WORD_GAP * ctx.h if ctx.ocr else 0.0)


OCR_WORD_GAP = 0.3  # of the line height: the widest gap OCR boxes leave between two words of a line


def _opens_with_code(line, ctx: _Ctx) -> bool:
    """The line opens with a row's number or code ("1.", "IK 1.1", "IKU 2"; not a year): a row,
    as no header label is ("No", "Kode")."""
    lead = _phrases(line, 1.8 * ctx.space)[0]
    text = " ".join(w["text"] for w in lead)
    return len(lead) <= 3 and any(ch.isdigit() for ch in text) and not any(_YEAR.fullmatch(w["text"]) for w in lead) \
        and bool(_CODE.match(text))


def _enough_labels(leaves: list[_Label]) -> bool:
    """Three labels make a table's header; two do when one names the indicator and the
    other its target (data/table_hints.toml [fields]; a year under "Target" counts): a
    slide's or a short agreement's "Indikator Sasaran | Target 2022", whose sasaran are
    section rows."""
    if len(leaves) >= 3:
        return True
    if len(leaves) != 2:
        return False
    fields = table_hints().fields

    def names(lb: _Label, field: str) -> bool:
        text = " ".join(w["text"] for w in lb.words).lower()
        if lb.parent is not None:
            text = " ".join(w["text"] for w in lb.parent.words).lower() + " " + text
        return any(re.search(r"\b" + re.escape(k), text) for k in fields.get(field, ()))

    first, second = leaves
    return names(first, "indikator") and names(second, "target")


def _fresh_labels(line, body, ctx: _Ctx) -> list[dict]:
    """The line's unlabelled phrases that begin a block of their own: a phrase standing at a
    line's lead under a body word it overlaps is the next line of that cell, not a label (a
    header's labels stand clear of the rows above them, past a rule and its padding)."""
    h = ctx.h
    above = [w for ln in body[-8:] for w in ln]

    def continues(p) -> bool:
        x0, x1, top = p[0]["x0"], p[-1]["x1"], min(w["top"] for w in p)
        return any(-0.2 * h <= top - w["bottom"] <= 0.5 * h and w["x0"] < x1 and w["x1"] > x0 for w in above)

    rest = _unlabelled(line, ctx)
    return [w for p in (_phrases(rest, 2.5 * ctx.space) if rest else []) if not continues(p) for w in p]


def _unlabelled(line, ctx: _Ctx) -> list[dict]:
    """The line without its cells' labelled parts: a phrase with a label before a colon and
    its value after it ("Tipe Perhitungan: Kumulatif", "Sumber: …") is a cell's text, whose
    header words make no header line."""
    return [w for p in _phrases(line, 2.5 * ctx.space)
            if not any(w["text"].endswith(":") for w in p[:-1]) for w in p]


def _larger_heading(ln, body, h: float) -> bool:
    """A text-layer line of one run of words (no column gaps) set in clearly larger type
    than the table's body, parted from the line above by more than the body's line
    spacing: a heading under the table, not a row."""
    if len(_phrases(ln, 0.6 * h)) > 1:
        return False
    size = median(w["bottom"] - w["top"] for w in ln)
    usual = median(w["bottom"] - w["top"] for x in body for w in x)
    return size > 1.2 * usual and _top(ln) - _bottom(body[-1]) > 0.5 * usual


def _header_at_page_foot(lines, header, end: int, ctx: _Ctx, number: int) -> Optional[Table]:
    """A header that ends its page with nothing under it but a page number: a table whose
    body goes on at the top of the next page (its columns carried there)."""
    if any(not _PAGE_FOOT.fullmatch(" ".join(w["text"] for w in ln)) for ln in lines[end:]):
        return None
    leaves = _labels(header, ctx)
    if not _enough_labels(leaves):
        return None
    header_words = [w for ln in header for w in ln]
    # the body's last column may run past its label: the table reaches the page's text edge
    x_right = max(w["x1"] for ln in lines for w in ln)
    cuts = _cuts(leaves, [], x_right)
    # a label centred in the first column stands as far from its left edge as from its right
    x_left = max(min(w["x0"] for ln in lines for w in ln), leaves[0].x0 - max(0.0, cuts[0] - leaves[0].x1))
    layout = ColumnLayout(cuts=cuts, x0=x_left, x1=x_right,
                          anchored=_is_number_label(leaves[0].text()), labels=leaves,
                          header=_header_key(header_words))
    return BorderlessTable(rows=_header_rows(leaves, number), page=number, bbox=words_box(header_words),
                           engine=Engine.WORDS, layout=layout)


def _key_value_line(line, left: float, h: float) -> Optional[float]:
    """A line "Label : value" from the table's left edge: a few words without digits, then a
    colon standing apart from them (its x), then the value."""
    if not line or line[0]["x0"] > left + 2 * h:
        return None
    for k, w in enumerate(line[:5]):
        if w["text"] in (":", "：") or (w["text"].startswith(":") and k > 0):
            label = line[:k]
            if label and k <= 4 and all(x["text"][:1].isupper() or not x["text"][:1].isalpha() for x in label[:1]) \
                    and not any(ch.isdigit() for x in label for ch in x["text"]) and w["x0"] - label[-1]["x1"] > 0.5 * h:
                return w["x0"]
            return None
    return None


def _colon_lost(line, below, left: float, h: float) -> bool:
    """A "Label : value" line whose colon the scan lost or read as a full stop ("Jabatan. Kepala
    Bagian …"), right over a key-value line: a few words without digits from the table's left,
    ending before the colon below, then a gap wider than a word's, then the value where the
    value below starts."""
    colon = _key_value_line(below, left, h)
    if colon is None or not line or line[0]["x0"] > left + 2 * h or _top(below) - _bottom(line) > h:
        return False
    k = next(i for i, w in enumerate(below) if w["x0"] >= colon)
    if k + 1 >= len(below):
        return False
    start = below[k + 1]["x0"]
    words = [w for w in line if w["text"].strip(".:;,·")]
    label = [w for w in words if w["x1"] <= colon + 0.3 * h]
    value = words[len(label):]
    return 0 < len(label) <= 4 and bool(value) and value[0]["x0"] >= colon \
        and label[0]["text"][:1].isupper() and not any(ch.isdigit() for w in label for ch in w["text"]) \
        and value[0]["x0"] - label[-1]["x1"] > 1.5 * h and abs(value[0]["x0"] - start) <= h


def _colonless_block(lines, cuts, left: float, h: float) -> bool:
    """Lines that start with two or more "Label   value" lines whose colons a coarse scan lost
    every one of (a unit's Nama / Tugas / Fungsi block at a page's top): from the table's left, a
    label of a few words without digits, a gap wider than two words', then the value in one run,
    the labels' and the values' starts one under the other, and a value running across two of
    the carried columns' edges at least, as no cell of a row does (its text wraps in its column)."""
    pairs = []
    for ln in lines:
        if not ln or ln[0]["x0"] > left + 2 * h or (pairs and _top(ln) - _bottom(pairs[-1][2]) > h):
            break
        runs = _phrases(ln, 2 * h)
        label = runs[0]
        if len(runs) != 2 or len(label) > 4 or not label[0]["text"][:1].isupper() \
                or any(ch.isdigit() for w in label for ch in w["text"]):
            break
        pairs.append((ln[0]["x0"], runs[1], ln))
    if len(pairs) < 2 or any(abs(a[0] - b[0]) > h or abs(a[1][0]["x0"] - b[1][0]["x0"]) > h
                             for a, b in zip(pairs, pairs[1:])):
        return False
    return any(sum(1 for c in cuts if v[0]["x0"] < c < v[-1]["x1"]) >= 2 for _, v, _ln in pairs)


def _header_starts(header_words, h: float) -> list[float]:
    """Where the header's labels start, the first aside: the columns' edges, near enough, before
    the labels are read (for a colonless key-value block's value running across them)."""
    return [p[0]["x0"] for p in _phrases(sorted(header_words, key=lambda w: w["x0"]), 0.6 * h)][1:]


def _key_value_block(lines, left: float, h: float) -> bool:
    """Lines that start with two or more "Label : value" lines whose colons stand one
    under the other (a unit's Nama / Tugas / Fungsi under a table, before the next one),
    or with one such line that only a page number follows (the block goes on overleaf)."""
    if not lines:
        return False
    first = _key_value_line(lines[0], left, h)
    if first is None:
        # (a scan may lose the first line's colon, or read it as a full stop: the block is the
        # lines under it, and the first line's label and value stand where theirs do)
        return len(lines) > 2 and _colon_lost(lines[0], lines[1], left, h) and _key_value_block(lines[1:], left, h)
    # (the label may wrap under itself, "Nama Unit : …" over "Organisasi": words left of the colon)
    if all(_PAGE_FOOT.fullmatch(" ".join(w["text"] for w in ln)) or ln[-1]["x1"] < first for ln in lines[1:]):
        return True
    return any(x is not None and abs(x - first) < 0.3 * h for x in (_key_value_line(ln, left, h) for ln in lines[1:]))


def _below_the_last_rule(header, body, ctx: _Ctx, span: Optional[tuple[float, float]] = None) -> int:
    """Where a table ruled between its rows ends: at a rule across the table (two rules
    across at least, the one under the header among them) after which the next line
    starts well below it, as a row never does (its text sits right under its top rule):
    text after the table's bottom rule (a unit's key-value block, a paragraph) is no row.
    Without a header (a continuation at a page's top), `span` is the table's x-extent and
    the rule over its first row is one of the rules across."""
    if not ctx.rules or not body or not (header or span):
        return len(body)
    x0, x1 = span or (min(w["x0"] for ln in header for w in ln), max(w["x1"] for ln in header for w in ln))
    top = _bottom(header[-1]) if header else _top(body[0]) - ctx.h
    bottom = _bottom(body[-1])
    ys = sorted({round((b[1] + b[3]) / 2, 1) for b in ctx.rules if top - ctx.h < (b[1] + b[3]) / 2 < bottom})
    across = [y for y in ys if _covered([b for b in ctx.rules if abs((b[1] + b[3]) / 2 - y) <= 1.0], x0, x1)
              >= 0.6 * (x1 - x0)]
    if len(across) < 2:
        return len(body)
    # (how far a row's text sits under its top rule, in the table's own type: a page whose
    # prose is set larger than the table would let a heading close under the table pass)
    # (measured on the lines' ink: an OCR detector's padded line box starts above the rule its
    # text sits under)
    pads = [_ink_top(ln) - above[-1] for k, ln in enumerate(body)
            for above in [[y for y in across if y < _ink_top(ln)]]
            if above and above[-1] > (_ink_bottom(body[k - 1]) if k else _ink_bottom(header[-1]) if header else top)]
    if header:
        # the header's line sits under the table's top rule as a row's under its own: with it,
        # a table of one or two rows has pads enough to tell the unit block set under it (a
        # scan or a phone photograph loses that block's colons, _key_value_block)
        over = [b for b in ctx.rules if _ink_top(header[0]) - ctx.h < (b[1] + b[3]) / 2 < _ink_top(header[0])]
        if over and _covered(over, x0, x1) >= 0.6 * (x1 - x0):
            pads.append(_ink_top(header[0]) - max((b[1] + b[3]) / 2 for b in over))
    size = median(w["bottom"] - w["top"] for ln in list(header) + body for w in ln)
    reach = min(1.2 * ctx.h, sorted(pads)[len(pads) // 2] + 0.5 * size) if len(pads) >= 3 else 1.2 * ctx.h
    for k, ln in enumerate(body):
        above = [y for y in across if y < _ink_top(ln)]
        prev = _ink_bottom(body[k - 1]) if k else top
        if k and above and above[-1] > prev and _ink_top(ln) - above[-1] > reach:
            return k
    return len(body)


def _beside_the_table(header, body, at: list[int], h: float) -> tuple[list, list[int]]:
    """The body without what is printed beside the table (a slide's side panel, a
    margin note): words that a gap of several line heights, empty in every line, parts
    from the header's columns. Lines left empty are dropped, and the body ends at a
    gap of several lines that opens then. `at`: the lines' indices, kept in step."""
    spans = sorted((w["x0"], w["x1"]) for ln in list(header) + body for w in ln)
    groups: list[list[float]] = []
    for x0, x1 in spans:
        if groups and x0 <= groups[-1][1] + 4 * h:
            groups[-1][1] = max(groups[-1][1], x1)
        else:
            groups.append([x0, x1])
    hx0 = min(w["x0"] for ln in header for w in ln)
    hx1 = max(w["x1"] for ln in header for w in ln)
    keep = [g for g in groups if g[0] < hx1 and g[1] > hx0]
    if len(keep) == len(groups):
        return body, at
    out, out_at = [], []
    bottom = max(_bottom(ln) for ln in header)
    for ln, k in zip(body, at):
        ln = [w for w in ln if any(g[0] <= w["x0"] and w["x1"] <= g[1] for g in keep)]
        if not ln:
            continue
        if _top(ln) - bottom > 3 * h:
            break
        out.append(ln)
        out_at.append(k)
        bottom = max(bottom, _bottom(ln))
    return out, out_at


def _anchored(leaves: list[_Label], lines, cuts) -> bool:
    """The first column numbers the rows: its label says so, or its text is short codes."""
    if _is_number_label(leaves[0].text()):
        return True
    first = [" ".join(w["text"] for w in ln if _centre_col(w, cuts) == 0) for ln in lines]
    first = [t for t in first if t]
    return len(first) >= 2 and sum(bool(_CODE.match(t)) for t in first) >= 0.8 * len(first)


def _full_span(line, cuts, ctx: _Ctx, starts: Sequence[float] = ()) -> bool:
    """Every word of the line is in a run that crosses a column edge (on OCR words, or goes
    on such a run inside the column it reaches into: _run_on)."""
    runs = _crossing_runs(line, cuts, ctx, starts)
    if not runs:
        return False
    inside = {id(w) for r in runs for w in r}
    return len(inside) == len(line) or (ctx.ocr and (len(_run_on(line, inside, cuts, ctx, starts)) == len(line)
                                                     or _one_text_over_an_edge(line, starts, ctx)))


def _one_text_over_an_edge(line, starts: Sequence[float], ctx: _Ctx) -> bool:
    """OCR words: a line (with a word across a column edge) whose every gap is a word gap of
    its type (_run_on's measure) and none of whose words after the first stands at a column's
    text start: one text, though one of its gaps, which an OCR reads wider than the page's
    word space, falls on a column edge ("… kualitas" | "pelayanan administrasi …" of a
    section row). A row's cells stand apart by the columns' gaps, each at its column's start."""
    gap = 0.6 * max(ctx.h, median(_bottom([w]) - _top([w]) for w in line))
    return all(b["x0"] - a["x1"] < gap for a, b in zip(line, line[1:])) \
        and not any(abs(w["x0"] - x) < 0.5 for w in line[1:] for x in starts)


def _run_on(line, inside: set, cuts, ctx: _Ctx, starts: Sequence[float] = ()) -> set:
    """The words (ids) of the runs `inside`, with the words beside them, at a word gap of
    the line's type (_one_text), in the column the run reaches into: a column holds one cell
    of a row, so a word there next to the run's end is the run's text going on (a word at a
    column's text start opens that column's own cell). OCR words only: a recogniser places
    the words of one line box by its own estimate, and one gap in a section row's line
    ("… satuan  kerja") comes out wider than the page's word space; the run then stopped
    short of the line's end, the line passed for a row, and the section ran into the row
    over it."""
    gap = 0.6 * max(ctx.h, median(_bottom([w]) - _top([w]) for w in line))
    took = set(inside)
    grew = True
    while grew:
        grew = False
        for a, b in zip(line, line[1:]):
            if b["x0"] - a["x1"] >= gap or (id(a) in took) == (id(b) in took):
                continue
            if id(a) in took and _centre_col(b, cuts) == _col_of(a["x1"], cuts) \
                    and not any(abs(b["x0"] - x) < 0.5 for x in starts):
                took.add(id(b))
                grew = True
            elif id(b) in took and _centre_col(a, cuts) == _col_of(b["x0"], cuts):
                took.add(id(a))
                grew = True
    return took


def _numbering_line(line, cuts) -> bool:
    """A row that numbers the columns ("(1) (2) (3) …"): one small number in each of
    most columns. It is a row of its own, never part of the row above or below. Columns
    the header left as one (the years under one "Target" label) hold several of its
    numbers, in order: "(8) (9) (10)"."""
    if not all(_NUMBERING.fullmatch(w["text"]) for w in line):
        return False
    cols = {_centre_col(w, cuts) for w in line}
    most = max(3, 0.5 * (len(cuts) + 1))
    if len(cols) == len(line):
        return len(line) >= most
    numbers = [int(re.sub(r"\D", "", w["text"])) for w in sorted(line, key=lambda w: w["x0"])]
    return len(cols) >= most and all(a < b for a, b in zip(numbers, numbers[1:]))


def _line_kinds(body, cuts, table_left: float, ctx: _Ctx, opens_rows: bool = False) -> list[str]:
    """Each body line: "row" (its words sit in the columns), "section" (one text
    across the columns at the table's left, followed by rows) or "end". `opens_rows`: the
    body's first line starts a row (no table ran off the page before: it is no rest of a
    row cut by the page break)."""
    kinds = []
    left_limit = cuts[1] if len(cuts) > 1 else cuts[0]
    starts = _column_starts(body)
    # (a label centred in a wide first column stands right of where its rows' text starts)
    table_left = min([table_left] + [ln[0]["x0"] for ln in body if ln[0]["x0"] < cuts[0] and not _full_span(ln, cuts, ctx, starts)])
    n = len(body)
    k = 0
    while k < n:
        ln = body[k]
        if _numbering_line(ln, cuts):
            kinds.append("own")
            k += 1
            continue
        if _bold_heading(body, k, cuts):
            kinds.append("section")  # (a sasaran's row short enough to fit in the first column)
            k += 1
            continue
        if opens_rows and all(x == "own" for x in kinds) and _lone_first_line(body, k, cuts, ctx):
            kinds.append("section")  # (the same, where the print's weight is unknown: a scan)
            k += 1
            continue
        if not _full_span(ln, cuts, ctx, starts) and not _alone_in_its_band(body, k, cuts, ctx):
            if (_running_text(ln, ctx) or _straddles_edges(ln, cuts)) \
                    and sum(1 for c in cuts if ln[0]["x0"] < c < ln[-1]["x1"]) >= 2:
                kinds.extend(["end"] * (n - k))  # a paragraph under the table (justified: no run crosses)
                break
            kinds.append("row")
            k += 1
            continue
        if k and kinds[-1] == "row" and _goes_on_cell(body[k - 1], ln, cuts, ctx):
            kinds.append("row")  # a cell's line too long for its column, under its row's first line
            k += 1
            continue
        # a group of such lines at line pitch
        g = k + 1
        while g < n and _top(body[g]) - _bottom(body[g - 1]) < 0.6 * ctx.h and _full_span(body[g], cuts, ctx, starts):
            g += 1
        starts_left = table_left - 4 * ctx.h < ln[0]["x0"] < left_limit
        followed = g >= n or not _full_span(body[g], cuts, ctx, starts)
        words = sum(len(x) for x in body[k:g])
        if starts_left and g - k <= 2 and followed and words <= 40:
            kinds.extend(["section"] * (g - k))
            k = g
            continue
        kinds.append("end")
        kinds.extend(["end"] * (n - k - 1))
        break
    return kinds


def _straddles_edges(line, cuts) -> bool:
    """A line of words, most of them words, set across the table's column edges: its words
    stand over half the edges at least (three or more), each edge inside a word. A row's
    words keep to their columns (the edges are the gaps its lines leave); a paragraph under
    the table runs over them, though OCR reads a justified line's word gaps so unevenly that
    it does not pass for running text (_running_text)."""
    if len(line) < 6 or sum(any(ch.isalpha() for ch in w["text"]) for w in line) < 0.7 * len(line):
        return False
    over = sum(1 for c in cuts if any(w["x0"] + 1.0 < c < w["x1"] - 1.0 for w in line))
    return over >= 3 and over >= 0.5 * len(cuts)


def _lone_first_line(body, k: int, cuts, ctx: _Ctx) -> bool:
    """The body's first line (under the header and its column numbers) holds words in the
    first column only, set without a weight to tell (a scan), and the line under it, at line
    pitch, starts cells in the first column and two others level with one another, as does
    the line under that: a section row short enough to fit in the first column over rows
    printed from their tops. Nothing above it for it to go on from; a first-column cell
    centred down its row would have a line of its own under its row's other cells too, and
    cells beside a taller one centred would not start level with its lines."""
    ln = body[k]
    if len(ln) < 2 or _bold(ln) is not None or not cuts or any(_centre_col(w, cuts) != 0 for w in ln):
        return False
    for j in (k + 1, k + 2):
        if j >= len(body):
            return j == k + 2
        if _top(body[j]) - _bottom(body[j - 1]) >= 0.6 * ctx.h or _numbering_line(body[j], cuts):
            return False
        cols = {_centre_col(w, cuts) for w in body[j]}
        if 0 not in cols or len(cols) < 3:
            return False
    return True


def _alone_in_its_band(body, k: int, cuts, ctx: _Ctx) -> bool:
    """Line k of a table ruled between its rows (three columns at least) is one text across a
    column edge, its words no further apart than a label's (an OCR's word gaps vary: one of
    them may pass for the gap between two cells, "… pelayanan" | "publik"), the only line
    between the rules across the table above and under it: a row of its own holding one text
    across the columns, a section row. A row of cells holds more (its values stand in the
    columns further right, apart)."""
    ln = body[k]
    if not ctx.rules or len(cuts) < 2 or len(ln) < 2:
        return False
    if any(b["x0"] - a["x1"] > 2.5 * ctx.space for a, b in zip(ln, ln[1:])) \
            or not any(ln[0]["x0"] + 1.5 < c < ln[-1]["x1"] - 1.5 for c in cuts):
        return False
    x0 = min(w["x0"] for line in body for w in line)
    x1 = max(w["x1"] for line in body for w in line)
    ys = sorted({round((b[1] + b[3]) / 2, 1) for b in ctx.rules})
    across = [y for y in ys if _covered([b for b in ctx.rules if abs((b[1] + b[3]) / 2 - y) <= 1.0], x0, x1)
              >= 0.9 * (x1 - x0)]
    mid = (_top(ln) + _bottom(ln)) / 2
    above = [y for y in across if y < mid]
    below = [y for y in across if y > mid]
    if not above or not below:
        return False
    lo, hi = above[-1], below[0]
    return not any(j != k and lo < (_top(o) + _bottom(o)) / 2 < hi for j, o in enumerate(body))


def _overrun(lines, cuts, ctx: _Ctx) -> set[int]:
    """The words (ids) of first-column cell lines too long for their column: a run from the
    first column, mostly in it, over its edge, ending before the second column's own edge,
    with no other word of its line in either column. They stay in the first column (see _goes_on_cell)."""
    if not cuts:
        return set()
    starts = _column_starts(lines)
    return {id(w) for ln in lines for run in _crossing_runs(ln, cuts, ctx, starts)
            if _mostly_first(run, cuts) and (len(cuts) < 2 or run[-1]["x1"] < cuts[1])
            and not any(_centre_col(o, cuts) <= 1 for o in ln if o not in run) for w in run}


def _mostly_first(run, cuts) -> bool:
    """A run from the first column that only its tail takes over the edge, into less than half
    the second column (a code beside its indicator at word spacing, "IKU 6 Opini BPK …", is a
    run mostly in the second column; a sasaran's line beside its indicator's fills it)."""
    tail = run[-1]["x1"] - cuts[0]
    return run[0]["x0"] < cuts[0] and cuts[0] - run[0]["x0"] > tail \
        and (len(cuts) < 2 or tail < 0.5 * (cuts[1] - cuts[0]))


def _goes_on_cell(above, line, cuts, ctx: _Ctx) -> bool:
    """`line`, one run across a column edge, is the next line of the first-column cell of the
    row line above it: at line pitch under it, starting where that cell's word starts, in the
    same weight (a section row is set off: bold, or a row gap above it), under none of that
    line's other words."""
    if _top(line) - _bottom(above) >= 0.6 * ctx.h or _bold(line) != _bold(above) or _bold(line) is None:
        return False
    first = [w for w in above if _centre_col(w, cuts) == 0]
    if not first or abs(first[0]["x0"] - line[0]["x0"]) >= 0.5 * ctx.h or len(first) == len(above) \
            or not _mostly_first(line, cuts):
        return False
    # (it runs on into room the row leaves free: under no other cell's word of that line; a
    # sasaran under a row at line pitch runs on under the indicator beside the code)
    return not any(w["x0"] < line[-1]["x1"] and w["x1"] > line[0]["x0"] for w in above if _centre_col(w, cuts) != 0)


def _bold_heading(body, k: int, cuts) -> bool:
    """Line k is a section row though it crosses no column edge: set in bold over plain
    lines, in the first column alone, with a plain line under it that starts in that
    column (a sasaran over its indicators, short enough to fit in the first column: a
    two-column "Indikator | Target" table, a wide code-and-indicator column)."""
    ln = body[k]
    if not cuts or k + 1 >= len(body) or not _bold(ln) or _bold(body[k + 1]) is not False:
        return False
    if any((w["x0"] + w["x1"]) / 2 > cuts[0] or w["x0"] > cuts[0] for w in ln) or body[k + 1][0]["x0"] >= cuts[0]:
        return False
    return sum(1 for x in body if _bold(x) is False) >= 0.5 * len(body)


def _header_rows(leaves: list[_Label], number: int) -> list[list[Cell]]:
    """One header row, or two under parent labels: the parent's cell spans its
    children (Span.LEFT), a one-level label covers the second row (Span.UP)."""
    if not any(lb.parent is not None for lb in leaves):
        return [[Cell(text=lb.text(), bbox=words_box(lb.words), page=number, engine=Engine.WORDS) for lb in leaves]]
    top: list[Cell] = []
    low: list[Cell] = []
    for k, lb in enumerate(leaves):
        if lb.parent is None:
            top.append(Cell(text=lb.text(), bbox=words_box(lb.words), page=number, engine=Engine.WORDS))
            low.append(Cell(text="", page=number, engine=Engine.WORDS, spanned=Span.UP))
            continue
        if k > 0 and leaves[k - 1].parent is lb.parent:
            top.append(Cell(text="", page=number, engine=Engine.WORDS, spanned=Span.LEFT))
        else:
            p = lb.parent
            top.append(Cell(text=p.text(), bbox=words_box(p.words), page=number, engine=Engine.WORDS))
        low.append(Cell(text=lb.text(), bbox=words_box(lb.words), page=number, engine=Engine.WORDS))
    return [top, low]


# --------------------------------------------------------------------------- rows

def _body_rows(body, kinds, cuts, anchored: bool, ctx: _Ctx, number: int) -> list[list[Cell]]:
    """Body lines → rows of cells (section rows as one cell merged across)."""
    ncols = len(cuts) + 1
    out: list[list[Cell]] = []
    k = 0
    while k < len(body):
        if kinds[k] == "section":
            g = k
            while g < len(body) and kinds[g] == "section":
                g += 1
            ws = [w for ln in body[k:g] for w in ln]
            out.append([_cell(ws, ctx, number)] + [
                Cell(text="", page=number, engine=Engine.WORDS, spanned=Span.LEFT) for _ in range(ncols - 1)])
            k = g
            continue
        if kinds[k] == "own":
            out.append([_cell(ln, ctx, number) if ln else Cell(text="", page=number, engine=Engine.WORDS)
                        for ln in _by_column(body[k], cuts)])
            k += 1
            continue
        g = k
        while g < len(body) and kinds[g] == "row":
            g += 1
        out.extend(_rows_of(body[k:g], cuts, anchored, ctx, number))
        k = g
    return out


def _by_column(words, cuts) -> list[list[dict]]:
    out: list[list[dict]] = [[] for _ in range(len(cuts) + 1)]
    for w in words:
        out[_centre_col(w, cuts)].append(w)
    return out


def _row_rules(lines, cuts, ctx: _Ctx) -> list[tuple[float, set[int], list]]:
    """The rules printed between the rows of a stretch of body lines (a table ruled
    by horizontal lines only): (y, the columns the rule runs over, its pieces). A rule runs over
    a column when it covers most of the column's text width; it parts rows when it
    runs over two columns or more (a fraction bar or an underline stays in one) and
    through no word. A column a rule leaves out holds a cell merged across it."""
    if not ctx.rules or len(lines) < 2:
        return []
    words = [w for ln in lines for w in ln]
    top, bottom = min(w["top"] for w in words), max(w["bottom"] for w in words)
    x0, x1 = min(w["x0"] for w in words), max(w["x1"] for w in words)
    spans: dict[int, tuple[float, float]] = {}
    for w in words:
        c = _centre_col(w, cuts)
        a, b = spans.get(c, (w["x0"], w["x1"]))
        spans[c] = (min(a, w["x0"]), max(b, w["x1"]))
    at: list[tuple[float, list]] = []  # rules one above the other within a point are one
    # (longest pieces first, each later piece joining the rule nearest it in height: a short piece
    # under a narrow column, taken in order of height, joined an underline a few points above the
    # row's rule (the last line of a labelled cell) and was lost with it, so the column seemed
    # unruled and its numbers read as one merged cell)
    for bar in sorted(ctx.rules, key=lambda b: (b[0] - b[2], (b[1] + b[3]) / 2)):
        y = (bar[1] + bar[3]) / 2
        if not (top - 2 * ctx.h < y < bottom + 2 * ctx.h) or bar[2] < x0 - ctx.h or bar[0] > x1 + ctx.h:
            continue  # (the rules over and under the stretch tell which columns are ruled)
        # (on an OCR page the pieces of one rule drawn column by column, side by side, may lie
        # a few points apart in height: a photographed page flattened from its long rules
        # leaves a short piece a little off; rules of two rows stand a line or more apart)
        near = [g for g in at if abs(y - g[0]) <= 1.0 or ctx.ocr and abs(y - g[0]) <= 0.5 * ctx.h
                and not any(bar[0] < b[2] and bar[2] > b[0] for b in g[1])]
        if near:
            min(near, key=lambda g: abs(y - g[0]))[1].append(bar)
        else:
            at.append((y, [bar]))
    at.sort(key=lambda g: g[0])
    out = []
    for y, bars in at:
        # (where the rule runs beside the word: a photographed page's rule bows)
        if any(any(b[0] < w["x1"] and b[2] > w["x0"] and w["top"] + _edge(w, ctx)
                   < _rule_y(b, (w["x0"] + w["x1"]) / 2, y) < w["bottom"] - _edge(w, ctx) for b in bars)
               for w in words):
            continue  # through a word: struck text, not a rule between rows
        over = set()
        for c, (a, b) in spans.items():
            if b - a < 1:
                continue
            covered = _covered(bars, a, b)
            if covered >= 0.8 * (b - a):
                over.add(c)
        if len(over) >= max(2, 0.3 * len(spans)):
            out.append((y, over, bars))
    inside = [(y, over, bars) for y, over, bars in out if top < y < bottom]
    if not inside:
        return []
    # a column no rule runs over, above, inside or under the stretch is not ruled
    ruled = set().union(*(over for _, over, _ in out))
    return [(y, over | (set(range(len(cuts) + 1)) - ruled), bars) for y, over, bars in inside]


def _edge(w: dict, ctx: _Ctx) -> float:
    """How far a rule may reach into a word's box and still pass by it, not through it. An
    OCR word's box is the glyphs' ink, and on a row set at line pitch it takes in bits of the
    rule it touches (a blurred or bitonal scan): a rule within a quarter of the word's height
    from its top or bottom edge runs along the row; struck text is crossed near its middle."""
    return max(1.0, 0.25 * (w["bottom"] - w["top"])) if ctx.ocr else 1.0


def _covered(bars, a: float, b: float) -> float:
    """How much of [a, b] the bars' x-spans cover."""
    ivs = sorted((max(a, bar[0]), min(b, bar[2])) for bar in bars if bar[0] < b and bar[2] > a)
    total, reach = 0.0, a
    for lo, hi in ivs:
        lo = max(lo, reach)
        if hi > lo:
            total += hi - lo
            reach = hi
    return total


class Stroke(tuple):
    """A thin horizontal stroke found on a page image, (x0, top, x1, bottom) in points, with
    its course: (x, y) points along it, left to right. One homography flattens a photographed
    page's perspective but not its curl: a rule across a table bows a point or two above and
    below the straight line through it, as far as a row's text stands off its rules, so where
    a rule runs is read along it, not from its box."""
    course: tuple = ()

    def __new__(cls, box, course=()):
        self = super().__new__(cls, box)
        self.course = tuple(course)
        return self


def _rule_y(bar, x: float, straight: float) -> float:
    """The height of a rule at x: along its course when it has one (clamped to its ends),
    else `straight` (a drawn line is straight)."""
    course = getattr(bar, "course", ())
    if not course:
        return straight
    return float(np.interp(x, [p[0] for p in course], [p[1] for p in course]))


def _rule_y_among(bars, x: float, straight: float) -> float:
    """The height at x of a rule drawn in one or more pieces: the piece over x, or the
    nearest one."""
    bar = min(bars, key=lambda b: max(b[0] - x, x - b[2], 0.0))
    return _rule_y(bar, x, straight)


def _ruled_rows(lines, cuts, rules, anchored: bool, ctx: _Ctx, number: int) -> list[list[Cell]]:
    """A stretch whose rows are parted by rules: each band between two rules is a
    row (or the rows its numbering column starts, for rules that part groups of
    rows); a column that a rule leaves out holds one cell merged across it."""
    ncols = len(cuts) + 1
    bands: list[list[list[dict]]] = [[] for _ in range(len(rules) + 1)]
    for ln in lines:
        for w in ln:
            cy, cx = (w["top"] + w["bottom"]) / 2, (w["x0"] + w["x1"]) / 2
            # (each rule's height beside the word: a photographed page's rule bows)
            bands[sum(1 for y, _, bars in rules if _rule_y_among(bars, cx, y) < cy)].append(w)
    plain = replace(ctx, rules=[])
    rows: list[list[Cell]] = []
    firsts: list[Optional[int]] = []  # per band: the index of its first row
    for ws in bands:
        if not ws:
            firsts.append(None)
            continue
        band_lines = ctx.lines(ws)
        firsts.append(len(rows))
        codes = [ln for ln in ctx.lines([w for w in ws if _centre_col(w, cuts) == 0])
                 if _CODE.match(" ".join(w["text"] for w in ln))]
        if anchored and len(codes) >= 2:
            rows.extend(_rows_of(band_lines, cuts, anchored, plain, number))
            continue
        percol = _by_column(ws, cuts)
        if ncols >= 3 and percol[0] and not any(percol[1:]):
            # text in the first column alone, between rules: a section row ("Misi 1 …")
            # printed in a cell merged across the table
            rows.append([_cell(percol[0], ctx, number)] + [
                Cell(text="", page=number, engine=Engine.WORDS, spanned=Span.LEFT) for _ in range(ncols - 1)])
            continue
        rows.append([_cell(cw, ctx, number) if cw else Cell(text="", page=number, engine=Engine.WORDS)
                     for cw in percol])
    for k, (y, over, _) in enumerate(rules):
        below = firsts[k + 1]
        above = next((firsts[j] for j in range(k, -1, -1) if firsts[j] is not None), None)
        if below is None or above is None:
            continue
        for c in range(ncols):
            if c in over:
                continue
            # the rule leaves the column out: its cell goes on across
            src = below - 1
            while src > 0 and rows[src][c].spanned == Span.UP:
                src -= 1
            if any(x.spanned == Span.LEFT for x in rows[below] + rows[src]):
                continue  # a section row is a row of its own
            cell, top_cell = rows[below][c], rows[src][c]
            if cell.text.strip():
                box = cell.bbox if top_cell.bbox is None else (
                    tuple(min(p, q) for p, q in zip(top_cell.bbox[:2], cell.bbox[:2])) +
                    tuple(max(p, q) for p, q in zip(top_cell.bbox[2:], cell.bbox[2:])))
                rows[src][c] = Cell(text=(top_cell.text + "\n" + cell.text).strip(), bbox=box, page=number,
                                    engine=Engine.WORDS)
            rows[below][c] = Cell(text="", page=number, engine=Engine.WORDS, spanned=Span.UP)
    return rows


def _rows_of(lines, cuts, anchored: bool, ctx: _Ctx, number: int) -> list[list[Cell]]:
    """One stretch of body lines between section rows → rows."""
    rules = _row_rules(lines, cuts, ctx)
    if rules:
        return _ruled_rows(lines, cuts, rules, anchored, ctx, number)
    h = ctx.h
    ncols = len(cuts) + 1
    words = [w for ln in lines for w in ln]
    percol: list[list[dict]] = [[] for _ in range(ncols)]
    overrun = _overrun(lines, cuts, ctx)
    for w in words:
        percol[0 if id(w) in overrun else _centre_col(w, cuts)].append(w)
    col_lines = [ctx.lines(ws) if ws else [] for ws in percol]
    gaps = [_top(b) - _bottom(a) for cl in col_lines for a, b in zip(cl, cl[1:])]
    small = [g for g in gaps if g < 0.8 * h]
    lead = (_ocr_line_lead(small, h) if ctx.ocr else _line_lead(small)) if small else 0.15 * h
    block_gap = max(lead, 0.0) + max(0.3 * h, 1.5)
    blocks: list[_Block] = []
    for c, cl in enumerate(col_lines):
        cur: list = []
        for ln in cl:
            if cur and _top(ln) - _bottom(cur[-1]) > block_gap:
                blocks.append(_Block(c, cur))
                cur = []
            cur.append(ln)
        if cur:
            blocks.append(_Block(c, cur))
    # free bands: gaps in the union of the words' vertical extents
    spans = sorted((w["top"], w["bottom"]) for w in words)
    free: list[tuple[float, float]] = []
    reach = spans[0][1]
    for t, b in spans[1:]:
        if t > reach:
            free.append((reach, t))
        reach = max(reach, b)

    def cost(y: float) -> int:
        return sum(1 for bl in blocks if bl.top < y - 0.5 and bl.bottom > y + 0.5)

    tol = max(2.0, 0.3 * h) if ctx.ocr else max(1.0, 0.12 * h)  # OCR boxes hug the glyphs: tops vary

    # row starts: the anchor column's items, then where columns turn over together
    cut_ys: list[float] = []
    starts: dict[float, float] = {}  # cut → the top of the line that starts the row under it
    if anchored:
        items = _anchor_items([bl for bl in blocks if bl.col == 0], cuts[0] if cuts else None, ctx.space)
        item_bottoms = {_top(ln): _bottom(ln) for bl in blocks if bl.col == 0 for ln in bl.lines}
        line_spans = [(_top(ln), _bottom(ln)) for bl in blocks for ln in bl.lines]

        mids = [t + 0.5 * h for t in items]

        def cut_cost(y: float) -> tuple[int, int]:
            # blocks a cut at y runs through (merged cells), then lines it runs through; a
            # block centred level with an item is that item's cell (centred beside it) and
            # weighs more than one centred between items (a cell merged down their rows)
            crossed = [bl for bl in blocks if bl.top < y - 0.5 and bl.bottom > y + 0.5]
            own = sum(1 for bl in crossed if any(abs((bl.top + bl.bottom) / 2 - m) <= 0.5 * h for m in mids))
            return len(crossed) + own, sum(1 for t, b in line_spans if t + 0.5 < y < b - 0.5)

        # rows printed from their tops (another column starts a line level with most
        # items): a row starts right above its item
        level = []
        # (only cells of several lines tell: a one-line cell beside a one-line item is level with
        # it whether the rows are printed from their tops or centred)
        tall = [bl for bl in blocks if bl.col > 0 and len(bl.lines) >= 2]
        line_tops = [(bl.col, _top(ln)) for bl in tall for ln in bl.lines]
        for prev, t, nxt in zip(items, items[1:], items[2:] + [float("inf")]):
            # a block that starts below the item before and runs on past this item's top is a
            # cell centred beside it (its middle line may be level with the item): not top-aligned
            centred = {bl.col for bl in tall if prev + tol < bl.top < t - tol and bl.bottom > t + tol}
            near = {c for c, v in line_tops if t - 0.5 * h <= v < nxt - 0.5} | centred
            if near:
                # a cell printed from the row's top starts level with the item (a line of a block
                # that began above, at the line pitch, is a cell centred down the rows)
                at = {bl.col for bl in tall if abs(bl.top - t) <= tol} - centred
                level.append(len(near & at) / len(near))
        tops_level = len(level) >= 2 and median(level) >= 0.75
        lo = spans[0][0]
        for k, item_top in enumerate(items):
            if k == 0:
                # above the first item only a clear band parts a row of its own (the
                # leftover of a row cut by the page break) from the item's row
                bands = [(a + b) / 2 for a, b in free if b <= item_top + 0.5 and cost((a + b) / 2) == 0]
                if bands:
                    cut_ys.append(max(bands))
                    starts[cut_ys[-1]] = item_top
            elif tops_level:
                ends = [b for _, b in line_spans if lo < b < item_top - 0.25]
                y = (item_top + max(ends)) / 2 if ends else item_top - 0.5
                if not cut_ys or y > cut_ys[-1] + 0.5:
                    cut_ys.append(y)
                    starts[y] = item_top
            elif item_top - lo > 1.0:
                steps = np.arange(lo + 0.25, item_top - 0.2, 0.25)
                y = float(min(steps, key=lambda v: (*cut_cost(v), -v)))
                if not cut_ys or y > cut_ys[-1] + 0.5:
                    cut_ys.append(y)
                    starts[y] = item_top
            # the next cut lies under this item's own line (a cut through it would put the item
            # in the row above): OCR boxes of lines set at a tight pitch reach into each other,
            # and a cut just under the line's top crosses fewer blocks than one between the lines
            lo = max(item_top + 0.5, min(item_bottoms.get(item_top, item_top) - 0.25 * h,
                                         items[k + 1] - 1.5 if k + 1 < len(items) else float("inf")))
    for y, t in _start_cuts(blocks, cut_ys, h, cuts, ctx.space, tol):
        cut_ys.append(y)
        starts[y] = t
    for y, t in _figure_cuts(blocks, cut_ys, tol, h, least=1 if ncols == 2 else 2):
        cut_ys.append(y)
        starts[y] = t
    for y, t in _level_line_cuts(blocks, cut_ys, cuts, tol, ctx):
        cut_ys.append(y)
        starts[y] = t
    for y, t in _code_line_cuts(blocks, cut_ys, cuts, tol, ctx):
        if y not in starts:
            cut_ys.append(y)
        starts[y] = t  # (or a cut already there: its row starts at the code's line)
    cut_ys.sort()
    bounds = [float("-inf")] + cut_ys + [float("inf")]
    nrows = len(bounds) - 1

    def row_of(y: float) -> int:
        for r in range(nrows):
            if y < bounds[r + 1]:
                return r
        return nrows - 1

    def item_mids(r: int) -> list[float]:
        return [t + 0.5 * h for t in (items if anchored else ()) if bounds[r] <= t < bounds[r + 1]]

    # the top of each row's first line, for cells that touch without padding
    row_top = []
    for r in range(nrows):
        firsts = [bl.top for bl in blocks if bounds[r] <= bl.top < bounds[r + 1]]
        if r > 0 and bounds[r] in starts:
            firsts.append(starts[bounds[r]])
        row_top.append(min(firsts, default=None))
    cells_words: list[list[list[dict]]] = [[[] for _ in range(ncols)] for _ in range(nrows)]
    covered: set[tuple[int, int]] = set()
    whole: list[tuple[_Block, int, int]] = []  # blocks kept in one cell: (block, first row, last row)
    for bl in blocks:
        rows_in = sorted({row_of((_top(ln) + _bottom(ln)) / 2) for ln in bl.lines})
        if len(rows_in) == 1:
            cells_words[rows_in[0]][bl.col].extend(w for ln in bl.lines for w in ln)
            whole.append((bl, rows_in[0], rows_in[0]))
            continue
        parts = _centred_parts(bl, [item_mids(r) for r in range(nrows)], h, tol) if anchored and bl.col > 0 else None
        if parts is not None:
            for r, part in parts:
                cells_words[r][bl.col].extend(w for ln in part for w in ln)
            continue
        # a block across a cut: cells that touch (a line starts at the next row's top, or
        # the lines are wider apart there than elsewhere in the block), or one merged cell
        # (it stays in the row it starts in and covers the rows below)
        gaps = [_top(b) - _bottom(a) for a, b in zip(bl.lines, bl.lines[1:])]
        usual = median(gaps) if len(gaps) >= 2 else lead
        owner = rows_in[0]
        split = False
        # only a block that starts at its row's top may be cells that touch (a merged
        # cell centred down its rows starts lower, wherever its lines fall)
        from_top = row_top[owner] is not None and abs(bl.top - row_top[owner]) <= tol
        for k, ln in enumerate(bl.lines):
            r = row_of((_top(ln) + _bottom(ln)) / 2)
            if r != owner and ((from_top and row_top[r] is not None and abs(_top(ln) - row_top[r]) <= tol)
                               or (k > 0 and gaps[k - 1] > min(usual, lead) + max(1.0, 0.1 * h))):
                owner = r
                split = True
            cells_words[owner][bl.col].extend(ln)
            covered.update((q, bl.col) for q in range(owner + 1, r + 1))
        if not split:
            whole.append((bl, rows_in[0], rows_in[-1]))
    _centre_merged(whole, cells_words, covered, bounds, row_top, words, tol)
    rows = []
    for r in range(nrows):
        if not any(cells_words[r]):
            continue
        row = []
        for c in range(ncols):
            ws = cells_words[r][c]
            if ws:
                row.append(_cell(ws, ctx, number))
            elif (r, c) in covered:
                row.append(Cell(text="", page=number, engine=Engine.WORDS, spanned=Span.UP))
            else:
                row.append(Cell(text="", page=number, engine=Engine.WORDS))
        rows.append(row)
    return rows


def _centred_parts(bl: _Block, mids: list[list[float]], h: float, tol: float) -> Optional[list[tuple[int, list]]]:
    """A block of lines that runs on at line pitch over the rows of consecutive items,
    split into one part per row, each centred level with its row's item (cells centred
    down rows that touch: no gap parts one row's text from the next); None when no such
    split is found (a cell merged down the rows, centred between their items). `tol`: how
    far a part's middle may stand from its item's."""
    rows = [r for r, m in enumerate(mids) if m and bl.top - h < max(m) and min(m) < bl.bottom + h]
    if len(rows) < 2 or rows != list(range(rows[0], rows[-1] + 1)) or any(len(mids[r]) != 1 for r in rows):
        return None
    # a line of the block starts level with every item: cells printed from their tops that
    # touch (split where the rows start), not centred ones
    if all(any(abs(_top(ln) - (mids[r][0] - 0.5 * h)) <= tol for ln in bl.lines) for r in rows):
        return None
    out: list[tuple[int, list]] = []
    i = 0
    for n, r in enumerate(rows):
        m = mids[r][0]
        ends = [len(bl.lines)] if n == len(rows) - 1 else range(i + 1, len(bl.lines))
        k = next((k for k in ends if abs((_top(bl.lines[i]) + _bottom(bl.lines[k - 1])) / 2 - m) <= tol), None)
        if k is None:
            return None
        out.append((r, bl.lines[i:k]))
        i = k
        if i >= len(bl.lines):
            return None if n < len(rows) - 1 else out
    return out


def _line_lead(gaps: list[float]) -> float:
    """The space between the lines of one cell: the smallest gap that recurs (a table of
    mostly one-line rows has more gaps between rows than inside cells, and their median is
    the gap between rows: a wrapped cell of a row would join the row above)."""
    ordered = sorted(g for g in gaps if g >= 0)
    for g in ordered:
        near = [x for x in ordered if abs(x - g) <= 0.5]
        if len(near) >= max(2, 0.15 * len(ordered)):
            return median(near)
    return median(gaps)


def _ocr_line_lead(gaps: list[float], h: float) -> float:
    """`_line_lead` for OCR words, whose boxes hug the glyphs: gaps vary by a point or two
    and the boxes of lines set at their pitch touch or overlap. When the gaps fall in two
    groups apart by more than a third of a line (wrapped cells' lines, rows set at the
    line pitch in a table of mostly one-line rows), the lower group is the pitch inside a
    cell; otherwise (one spread of gaps) their median is."""
    ordered = sorted(gaps)
    jumps = [(b - a, k) for k, (a, b) in enumerate(zip(ordered, ordered[1:]), start=1)]
    if jumps:
        jump, k = max(jumps)
        if jump >= 0.3 * h and k >= 2:
            return median(ordered[:k])
    return median(gaps)


def _centre_merged(whole, cells_words, covered, bounds, row_top, words, tol: float) -> None:
    """A cell centred down several rows (a merged cell, its neighbours in the column
    empty) belongs to the first of them and covers the others: the rows it is centred
    on, unless it starts at its own row's top (top-aligned) or is centred in its rows."""
    nrows = len(cells_words)
    if nrows < 2:
        return
    tops = [min((w["top"] for w in words if bounds[r] < (w["top"] + w["bottom"]) / 2 < bounds[r + 1]),
                default=None) for r in range(nrows)]
    bottoms = [max((w["bottom"] for w in words if bounds[r] < (w["top"] + w["bottom"]) / 2 < bounds[r + 1]),
                   default=None) for r in range(nrows)]
    # cells printed at their rows' tops: a block that is not is centred down several rows
    at_top = [row_top[r0] is not None and abs(bl.top - row_top[r0]) <= tol for bl, r0, r1 in whole if bl.col > 0]
    top_aligned = len(at_top) >= 3 and sum(at_top) >= 0.7 * len(at_top)
    # two passes: the cells that can only be merged ones first; then, in a column that holds
    # merged cells, a cell centred both in its own row and down the rows around it (rows of
    # equal height) is merged too, as the column's others are
    moved: set[int] = set()
    merged_cols: set[int] = set()
    for second in (False, True):
        for bl, r0, r1 in whole:
            if id(bl) in moved or (second and bl.col not in merged_cols):
                continue
            if _place_centred(bl, r0, r1, second, cells_words, covered, whole, row_top, tops, bottoms,
                              top_aligned, tol):
                moved.add(id(bl))
                merged_cols.add(bl.col)


def _place_centred(bl, r0: int, r1: int, tied: bool, cells_words, covered, whole, row_top, tops, bottoms,
                   top_aligned: bool, tol: float) -> bool:
    """Move one block centred down several rows to the first of them (covering the others);
    `tied`: take the longer span where the block is centred in its own rows as well. Whether
    it moved."""
    nrows = len(cells_words)
    c = bl.col
    # the row's top by its other cells (a merged cell may open the row it was cut into)
    others = [o.top for o, q0, _ in whole if q0 == r0 and o is not bl and o.col != c]
    top = min(others) if others else row_top[r0]
    own = {id(w) for ln in bl.lines for w in ln}
    if any(id(w) not in own for q in range(r0, r1 + 1) for w in cells_words[q][c]):
        return False  # one of several blocks of its cell (a paragraph, a fraction's part)

    def empty(q):
        return all(id(w) in own for w in cells_words[q][c]) and (q, c) not in covered

    a, b = r0, r1
    while a > 0 and empty(a - 1) and tops[a - 1] is not None:
        a -= 1
    while b < nrows - 1 and empty(b + 1) and tops[b + 1] is not None:
        b += 1
    if a == r0 and b == r1:
        return False
    # level with its row's other cells: top-aligned; in a centred table it may be as tall as
    # they are (then it is merged only where the column gives a reason, below)
    level = top is not None and abs(bl.top - top) <= tol
    if level and (top_aligned or not (tied or a == 0 < r0)):
        return False

    # a row's edges: the middle of the gaps between its words and its neighbours' (where
    # a rule would be; a cut may lie anywhere in the gap)
    # (the first and last rows: half such a gap beyond their words)
    gaps = [tops[q + 1] - bottoms[q] for q in range(nrows - 1) if tops[q + 1] is not None and bottoms[q] is not None]
    pad = median(gaps) / 2 if gaps else 0.0

    def top_of(q):
        return (bottoms[q - 1] + tops[q]) / 2 if q > 0 and bottoms[q - 1] is not None else tops[q] - pad

    def bottom_of(q):
        return (bottoms[q] + tops[q + 1]) / 2 if q < nrows - 1 and tops[q + 1] is not None else bottoms[q] + pad

    mid = (bl.top + bl.bottom) / 2
    spans = [(s, e) for s in range(a, r0 + 1) for e in range(r1, b + 1)
             if not (top_aligned and r0 == r1 and (s, e) == (r0, r1))]
    off = {se: abs((top_of(se[0]) + bottom_of(se[1])) / 2 - mid) for se in spans}
    near = max(2.0, 0.5 * (bl.bottom - bl.top) / len(bl.lines))
    # (in a table whose cells are centred, a block level with its row's top by chance, centred
    # down the rows around it, is the merged cell of those rows)
    if level and off.get((r0, r1), 0.0) > near and (top_aligned or not any(
            v <= 0.5 * near for se, v in off.items() if se != (r0, r1))):
        return False  # printed from its row's top, not centred in it
    best = min(spans, key=lambda se: (round(off[se], 1), se[1] - se[0]))
    # rows of equal height leave a cell centred in its own row also centred down the rows
    # around it; when the column is empty from the first row down to it, those rows have
    # no cell above to go on from: the cell is merged down from the first row
    # (as well centred as in its own rows: a block in its own row of a continued table, under
    # rows that go on with a cell of the page before, is centred there, not down from the top)
    fit = min(near, off[(r0, r1)] + 1.0) if (r0, r1) in off else near
    opening = [se for se in spans if se[0] == 0 < r0 and off[se] <= fit]
    if a == 0 and opening:
        best = min(opening, key=lambda se: (round(off[se], 1), se[1] - se[0]))
    longer = [se for se in spans if se != (r0, r1) and off[se] <= fit]
    if tied and best == (r0, r1) and longer:
        best = min(longer, key=lambda se: (round(off[se], 1), se[1] - se[0]))
    if best == (r0, r1) or off[best] > near:
        return False  # not centred down those rows either: a cell of its own row
    s, e = best
    ws = [w for ln in bl.lines for w in ln]
    for q in range(r0, r1 + 1):
        cells_words[q][c] = [w for w in cells_words[q][c] if id(w) not in own]
    cells_words[s][c] = ws
    covered.update((q, c) for q in range(s + 1, e + 1))
    return True


def _marker_kind(bl: _Block) -> Optional[str]:
    """The kind of list marker a block opens with ("•", "-", "a.", "1)" …), or None."""
    return _marker_of(bl.lines[0][0]["text"] if bl.lines and bl.lines[0] else "")


def _marker_of(first: str) -> Optional[str]:
    """The kind of list marker a line's first word is, or None."""
    if re.fullmatch(r"[-–•●▪◦·*]", first):
        return first
    m = re.fullmatch(r"\(?([a-z]|[A-Z]|\d{1,2})([.)])", first)
    if m:
        return ("a" if m.group(1).islower() else "A" if m.group(1).isalpha() else "1") + m.group(2)
    return None


def _start_cuts(blocks: list[_Block], cut_ys: list[float], h: float, cuts: Sequence[float] = (),
                space: float = 0.0, tol: float = 1.0) -> list[tuple[float, float]]:
    """Rows that no anchor item starts. A block's start is a row's start when the
    columns turn over there together: two or more columns end a block above it and
    start one beside it (before the proposing block ends: cells are top-aligned or
    centred), and fewer blocks run on across it (merged cells) than turn over. A
    column that starts a paragraph alone, beside text that runs on, is inside a row.
    Rows printed from their tops with no padding between them run their cells on at the
    line pitch: a block that opens a line at will level with the proposing block's top
    turns over there too (_opens_at_will), when every block running on across it does."""
    edges = {}
    for bl in blocks:  # each column's right edge (the last column's: its widest line)
        edges[bl.col] = cuts[bl.col] if bl.col < len(cuts) else max(
            [edges.get(bl.col, float("-inf"))] + [ln[-1]["x1"] for ln in bl.lines])
    out: list[float] = []
    found: list[tuple[float, float]] = []  # (cut, top of the row's first line)
    for prop in sorted(blocks, key=lambda b: b.top):
        t = prop.top
        ended = [bl.bottom for bl in blocks if bl.bottom < t]
        if not ended:
            continue
        y = (max(ended) + t) / 2
        if any(abs(y - c) < 0.5 * h for c in cut_ys + out) or any(y < c <= prop.bottom for c in cut_ys):
            continue  # a row already starts there (an anchor item under the proposing block)
        prev = max([c for c in cut_ys + out if c < y], default=float("-inf"))
        ending = {bl.col for bl in blocks if prev < bl.bottom < y}
        starting = {bl.col for bl in blocks if y < bl.top <= prop.bottom}
        turning = ending & starting
        # every turning column opens the next item of the list its block above opened (the
        # same marker): lists in the cells of one row (bulleted indicators and their
        # reasons), no new row
        items = {bl.col for bl in blocks if y < bl.top <= prop.bottom and _marker_kind(bl) is not None
                 and any(o.col == bl.col and prev < o.bottom < y and _marker_kind(o) == _marker_kind(bl)
                         for o in blocks)}
        if turning and turning <= items:
            continue
        running_on = [bl for bl in blocks if bl.top < y < bl.bottom]
        if running_on and (turning or starting - {bl.col for bl in blocks if bl.bottom > prev and bl.top < y}) \
                and all(_opens_at_will(bl, t, edges[bl.col], space, tol) for bl in running_on):
            turning = turning | {bl.col for bl in running_on}
            running_on = []
        # columns empty in the row above that start beside it turn over too, where no cell runs
        # on across (a parent row "…, terdiri dari:" fills two or three columns; its first
        # child fills the others as well)
        fresh = starting - {bl.col for bl in blocks if bl.bottom > prev and bl.top < y} if not running_on else set()
        if (len(turning) >= 2 and len(running_on) < len(turning)) or (turning and len(turning | fresh) >= 2):
            out.append(y)
            found.append((y, t))
    return found


def _opens_at_will(bl: _Block, t: float, right: float, space: float, tol: float) -> bool:
    """The block has a line level with `t` that opens a cell's text of its own: not in lower
    case (a wrapped word goes on a sentence), and its first word would have fitted on the
    line above, left of `right` (the column's edge), so that line was not wrapped there. A line
    that opens an item of the cell's own list ("• Sumber data : …", "b. …") or a labelled part
    ("Tipe : …") goes on the cell: its line above ends early because the item does."""
    for a, b in zip(bl.lines, bl.lines[1:]):
        if abs(_top(b) - t) <= tol:
            if _marker_of(b[0]["text"]) is not None \
                    or any(w["text"].endswith(":") or w["text"] == ":" for w in b[:5]):
                return False
            return not b[0]["text"][:1].islower() and a[-1]["x1"] + space + (b[0]["x1"] - b[0]["x0"]) < right
    return False


def _figure_line(ln) -> bool:
    """A line that is one figure ("68,6 %", "1.250", "(3)"): a value, not a wrapped text."""
    texts = [w["text"] for w in ln]
    return bool(texts) and len(texts) <= 3 and any(any(ch.isdigit() for ch in t) for t in texts) \
        and all(_FIGURE.fullmatch(t) or t in ("%", "‰") for t in texts)


def _figure_cuts(blocks: list[_Block], cut_ys: list[float], tol: float, h: float,
                 least: int = 2) -> list[tuple[float, float]]:
    """Rows set one line each with no padding between them (every column one block): a
    value cell holds one figure, so where two or more columns hold a figure on every line
    of a block (a target per year; or a target and its unit, one short word a line), each
    of their lines that those columns start level with one another starts a row. `least`:
    the columns that must agree (one in a two-column "Indikator | Target" table, where no
    other cell could be shared by the lines of one row)."""
    tops: list[tuple[float, float, int, bool]] = []  # (top, bottom of the line above, column, figures)
    for bl in blocks:
        figures = all(_figure_line(ln) for ln in bl.lines)
        # (beside a figure column: a unit column, one short word a line: "%", "Indeks")
        if len(bl.lines) >= 2 and (figures or all(len(ln) == 1 and len(ln[0]["text"]) <= 8 for ln in bl.lines)):
            tops += [(_top(b), _bottom(a), bl.col, figures) for a, b in zip(bl.lines, bl.lines[1:])]
    # a cell listing bulleted / numbered items (past the first column) makes its row one row:
    # a value per listed indicator, one a line, is the row's (FORMAT.md), not a row per line
    lists = [bl for bl in blocks if bl.col > 0 and len(bl.lines) >= 2 and _marker_kind(bl) is not None]
    found: list[tuple[float, float]] = []
    done: list[float] = list(cut_ys)
    for t, above, _, _ in sorted(tops):
        if any(bl.top < t - tol and bl.bottom > t for bl in lists):
            continue
        level = [x for x in tops if abs(x[0] - t) <= tol]
        cols = {x[2] for x in level}
        if len(cols) < least or not any(x[3] for x in level) or any(abs(t - c) < 0.5 * h or abs(above - c) < 0.5 * h or above <= c <= t for c in done):
            continue
        ends = [x[1] for x in level]
        y = (max(ends) + t) / 2
        done.append(y)
        found.append((y, t))
    return found


def _value_line(ln) -> bool:
    """A line that is one short value: a figure, or a word or two ("WTP", "Level 3", "Rp
    Miliar", "Predikat"), no text that would wrap."""
    texts = [w["text"] for w in ln]
    return _figure_line(ln) or (0 < len(texts) <= 3 and sum(len(t) for t in texts) <= 14)


def _broken_at_will(bl: _Block, right: float, space: float) -> bool:
    """Every line of the block after the first opens a line of its own: its first word
    would have fitted on the line above, left of `right` (the column's edge), so the line
    above was not wrapped there."""
    return all(a[-1]["x1"] + space + (b[0]["x1"] - b[0]["x0"]) < right
               for a, b in zip(bl.lines, bl.lines[1:]))


def _level_line_cuts(blocks: list[_Block], cut_ys: list[float], cuts: Sequence[float], tol: float,
                     ctx: _Ctx) -> list[tuple[float, float]]:
    """Rows set one line each with no padding between them and no figures to tell them
    (targets "WTP", "Level 3", "A"; a unit "Rp Miliar"): a column of short values, one a
    line, beside another column whose lines stand level with them one for one, each of
    those lines opened at will (its first word would have fitted on the line above), holds
    one row a line: each line starts a row. Not where any line of the stretch opens in
    lower case (a cell's wrapped text: its lines are no rows)."""
    found: list[tuple[float, float]] = []
    done: list[float] = list(cut_ys)
    if any(ln[0]["text"][:1].islower() for bl in blocks for ln in bl.lines[1:]):
        return found  # a line opening in lower case goes on with the line above: wrapped text
    # (a cell listing numbered / bulleted items, one a line, keeps its row whole: _figure_cuts)
    lists = [bl for bl in blocks if len(bl.lines) >= 2 and _marker_kind(bl) is not None]
    values = [bl for bl in blocks if len(bl.lines) >= 2 and all(_value_line(ln) for ln in bl.lines)
              and not any(o.top < bl.bottom and o.bottom > bl.top for o in lists)]
    # (one value column at least holds a figure: short words alone, "Indikator" / "SPM", may be
    # one cell's wrapped label)
    if not any(ch.isdigit() for bl in values for ln in bl.lines for w in ln for ch in w["text"]):
        return found
    for v in values:
        for bl in blocks:
            if bl.col == v.col or len(bl.lines) != len(v.lines) \
                    or any(abs(_top(a) - _top(b)) > tol for a, b in zip(v.lines, bl.lines)):
                continue
            right = cuts[bl.col] if bl.col < len(cuts) else max(w["x1"] for ln in bl.lines for w in ln)
            if not _broken_at_will(bl, right, ctx.space):
                continue
            for k in range(1, len(v.lines)):
                t = min(_top(v.lines[k]), _top(bl.lines[k]))
                above = max(_bottom(v.lines[k - 1]), _bottom(bl.lines[k - 1]))
                if any(abs(t - c) < 0.5 * ctx.h or abs(above - c) < 0.5 * ctx.h or above <= c <= t for c in done):
                    continue
                y = (above + t) / 2
                done.append(y)
                found.append((y, t))
    return found


# a printed code opening a cell's text: a prefix of capitals and its number ("IKU 2.1", "IK-03",
# "SS1.", "IKU 1,2" read on a scan)
_PREFIXED_CODE = re.compile(r"([A-Z]{1,5})[\s.\-]?\d{1,3}(?:[.,]\d{1,3})*\.?")


def _code_prefix(line) -> Optional[str]:
    """The prefix of the printed code a line opens with, when words follow it ("IKU 2.1
    Persentase …" → "IKU"); None otherwise."""
    for n in (1, 2):
        if len(line) > n:
            m = _PREFIXED_CODE.fullmatch(" ".join(w["text"] for w in line[:n]))
            if m and any(ch.isdigit() for ch in m.group(0)):
                return m.group(1)
    return None


def _code_line_cuts(blocks: list[_Block], cut_ys: list[float], cuts: Sequence[float], tol: float,
                    ctx: _Ctx) -> list[tuple[float, float]]:
    """Rows set at the line pitch with no padding between them, whose codes open the
    indicator's text ("IKU 2.1 Persentase …" under "IKU 1.1 Jumlah …"): no gap parts the
    blocks, and a row's wrapped line runs on into the next row's first. A line inside a block
    that opens with a code of the prefix the column's other lines open with starts a row,
    when another column opens a text of its own level with it: a block starts there, or a
    line that would have fitted on the line above it (`_opens_at_will`). A cell listing
    coded items in one row has no other column turning over beside each item."""
    found: list[tuple[float, float]] = []
    done: list[float] = list(cut_ys)
    edges = {}
    for bl in blocks:
        edges[bl.col] = cuts[bl.col] if bl.col < len(cuts) else max(
            [edges.get(bl.col, float("-inf"))] + [ln[-1]["x1"] for ln in bl.lines])
    for bl in blocks:
        prefixes = [_code_prefix(ln) for ln in bl.lines]
        # (the column's code lines: two at least, of one prefix, this block's first among them)
        column = [p for o in blocks if o.col == bl.col for p in ([_code_prefix(o.lines[0])] if o is not bl else prefixes)]
        for k in range(1, len(bl.lines)):
            p = prefixes[k]
            if p is None or prefixes[0] != p or sum(q == p for q in column) < 2:
                continue
            t, above = _top(bl.lines[k]), _bottom(bl.lines[k - 1])
            mid = (t + _bottom(bl.lines[k])) / 2
            # a cut placed already between the line above and this line's middle (from where a
            # merged cell beside ended, far above) parts the rows there: the row under it starts
            # at this line, not at the next block below it
            at = [c for c in cut_ys if above - tol <= c < mid]
            if at:
                found.append((max(at), t))
                continue
            if any(abs(t - c) < 0.5 * ctx.h or above <= c <= t for c in done):
                continue
            beside = [o for o in blocks if o.col != bl.col and o.top <= t + tol and o.bottom > t]
            if not any(abs(o.top - t) <= tol or _opens_at_will(o, t, edges[o.col], ctx.space, tol) for o in beside):
                continue
            y = (above + t) / 2
            done.append(y)
            found.append((y, t))
    return found


def _anchor_items(blocks: list[_Block], right: Optional[float] = None, space: float = 0.0) -> list[float]:
    """Tops of the numbering column's items: its blocks, a block of codes one line each.
    A code wrapped in a narrow column ("M1 T1" over "S1": a line of another shape that
    would not have fitted beside the line above, left of `right`, the column's edge) goes
    on with the item above."""
    tops = []
    left = min((w["x0"] for bl in blocks for ln in bl.lines for w in ln), default=0.0)

    def shape(text: str) -> str:
        return re.sub(r"\d+", "9", text)

    for bl in sorted(blocks, key=lambda b: b.top):
        texts = [" ".join(w["text"] for w in ln) for ln in bl.lines]
        if len(texts) > 1 and all(_CODE.match(t) for t in texts):
            first = None
            for ln, t in zip(bl.lines, texts):
                if first is not None and right is not None and shape(t) != shape(first[1]) \
                        and (first[0][-1]["x1"] - first[0][0]["x0"]) + space + (ln[-1]["x1"] - ln[0]["x0"]) > right - left \
                        and _CODE.match(first[1] + " " + t):
                    continue  # the item's code wrapped onto this line
                tops.append(_top(ln))
                first = (ln, t)
        else:
            tops.append(bl.top)
    return tops


def _cell(ws: list[dict], ctx: _Ctx, number: int) -> Cell:
    bbox = words_box(ws)
    text = None
    # fraction bars: a text layer's thin strokes; on an OCR page (no drawings) the thin
    # strokes the raster reader found, which hold a stacked fraction's bar too
    bars = ctx.bars or (ctx.rules if ctx.ocr else [])
    if bars:
        inside = [b for b in bars if b[0] >= bbox[0] - 3 and b[2] <= bbox[2] + 3 and bbox[1] < b[1] < bbox[3]]
        if not inside and not ctx.bars:
            # (an OCR word's box is placed from the recogniser's character steps and may stop a
            # few points short of its ink, and a bar may be drawn past its terms: a stroke lying
            # mostly over the cell's words, with words over it and under it, is its bar; a row
            # rule runs far past them, and a padded box reaching over its row's rule has no
            # word above that rule)
            def between(b) -> bool:
                mids = [(w["top"] + w["bottom"]) / 2 for w in ws]
                return any(m < b[1] for m in mids) and any(m > b[3] for m in mids)
            inside = [b for b in bars if bbox[1] < b[1] < bbox[3] and b[2] - b[0] > 0 and between(b)
                      and min(b[2], bbox[2]) - max(b[0], bbox[0]) >= 0.75 * (b[2] - b[0])]
        if inside:
            text = linearise_words(ws, inside, scanned=not ctx.bars)
    if text is None:
        text = lines_text(ctx.lines(ws))
    return Cell(text=text, bbox=bbox, page=number, engine=Engine.WORDS)


# --------------------------------------------------------------------------- continuation without a header

def _one_column_rest(body, cuts, h: float) -> int:
    """How many lines at the top of a continuation stand in one column, not the first, each
    starting at that column's left edge (a cell's wrapped text): the rest of a cell the page
    break cut; 0 when the first line does not (a title, a paragraph start at the margin)."""
    if not body or not cuts:
        return 0
    col = _col_of(body[0][0]["x0"], cuts)
    if col == 0:
        return 0
    left = cuts[col - 1]
    right = cuts[col] if col < len(cuts) else float("inf")
    # (a cut stands in the gap between columns: the column's text starts a little right of it)
    reach = left + max(1.5 * h, 0.15 * (right - left)) if right < float("inf") else left + 1.5 * h
    n = 0
    for ln in body:
        if not (left - 0.5 * h <= ln[0]["x0"] <= reach and ln[-1]["x1"] <= right + 0.5 * h):
            break
        n += 1
    return n


def _opens_signatory_title(lines, k: int, ctx: _Ctx) -> bool:
    """Line k opens a signatory's title: it and the lines under it at line pitch are in
    capitals, down to one ending in a comma ("KEPALA DINAS PERTANIAN DAN" / "KETAHANAN PANGAN
    PROVINSI X,"). At the top of the page after a table that ran to its page's foot it is the
    signature under that table, no row of it (its words fall in the carried columns as cells)."""
    for j in range(k, min(k + 3, len(lines))):
        text = " ".join(w["text"] for w in lines[j])
        if j > k and _top(lines[j]) - _bottom(lines[j - 1]) > 0.8 * ctx.h:
            return False
        if not any(ch.isalpha() for ch in text) or text != text.upper():
            return False
        if _SIGNATURE_TITLE.fullmatch(text):
            return True
    return False


def _continuation(lines, ctx: _Ctx, number: int, carry: ColumnLayout, avoid, moved: bool = False) -> Optional[Table]:
    """The top of a page that goes on with the table of the page before, under no
    header: its lines down to the table's end, in the carried columns (on a scan, moved
    onto this page by its columns' text starts: `moved` once they are)."""
    cuts = carry.cuts
    body = []
    bottom = None
    for k, ln in enumerate(lines):
        if overlaps_any(words_box(ln), avoid):
            break
        if _key_value_block(lines[k:k + 6], carry.x0, ctx.h) \
                or _colonless_block(lines[k:k + 6], cuts, carry.x0, ctx.h):
            break  # the block that names the next table (at the page's top: no continuation)
        inside = [w for w in ln if carry.x0 - 2 * ctx.h <= w["x0"] and w["x1"] <= carry.x1 + 2 * ctx.h]
        # a line of cells (phrases in three columns or more, from the table's left) is a row even
        # when its last cell runs past the right edge the page before showed (its label's)
        cells = ln[0]["x0"] >= carry.x0 - 2 * ctx.h and len(
            {_col_of(p[0]["x0"], cuts) for p in _phrases(ln, max(2.5 * ctx.space, 0.6 * ctx.h))}) >= 3
        if not body and ((len(inside) < len(ln) and not cells) or _PAGE_FOOT.fullmatch(" ".join(w["text"] for w in ln))):
            continue  # a running head above the table
        if bottom is not None and _top(ln) - bottom > 3 * ctx.h:
            break
        if _SIGNATURE.match(" ".join(w["text"] for w in ln)) or _opens_signatory_title(lines, k, ctx):
            break
        body.append(ln)
        bottom = _bottom(ln) if bottom is None else max(bottom, _bottom(ln))
    # (a table ruled between its rows ends at its bottom rule: a unit's "Nama / Tugas / Fungsi"
    # block under it, whose colons a scan may lose, is no row)
    body = body[:_below_the_last_rule([], body, ctx, (carry.x0, carry.x1))]
    if not body:
        return None
    if ctx.ocr and not moved and carry.starts:
        onto = _moved_layout(carry, _text_starts(body, ctx), ctx.h)
        if onto is not None:
            return _continuation(lines, ctx, number, onto, avoid, moved=True)
    if carry.labels:
        cuts = _cuts(carry.labels, body, carry.x1)
    kinds = _line_kinds(body, cuts, carry.x0, ctx)
    stop = next((k for k, kind in enumerate(kinds) if kind == "end"), len(body))
    body, kinds = body[:stop], kinds[:stop]
    while body and kinds[-1] == "row" and _PAGE_FOOT.fullmatch(" ".join(w["text"] for w in body[-1])):
        body, kinds = body[:-1], kinds[:-1]
    columnar = [ln for ln, k in zip(body, kinds) if k in ("row", "own")]
    # a continuation has a line of cells: words in two columns at least (a title or a
    # lone section line at the top of the page is not one)
    if not any(len({_centre_col(w, cuts) for w in ln}) >= 2 for ln in columnar):
        # unless its lines stand in one column (not the first) from that column's left edge:
        # the rest of a cell the page break cut (a labelled cell's last parts)
        rest = _one_column_rest(body, cuts, ctx.h)
        if not rest:
            return None
        body, kinds = body[:rest], kinds[:rest]
    rows = _body_rows(body, kinds, cuts, carry.anchored, ctx, number)
    if not rows:
        return None
    words = [w for ln in body for w in ln]
    return BorderlessTable(rows=rows, page=number, bbox=words_box(words), engine=Engine.WORDS,
                           layout=ColumnLayout(cuts=cuts, x0=carry.x0, x1=carry.x1, anchored=carry.anchored,
                                               labels=carry.labels, header=carry.header,
                                               starts=_text_starts(columnar, ctx) if ctx.ocr else ()))


def _text_starts(lines, ctx: _Ctx) -> tuple:
    """The x where three lines or more start a cell's text (a phrase's first word), within a
    quarter of a line height of one another (a scan's words drift a point or two): the left
    edges of the columns' text, left to right."""
    xs = sorted(p[0]["x0"] for ln in lines if ln for p in _phrases(ln, max(2.5 * ctx.space, 0.6 * ctx.h)))
    groups: list[list[float]] = []
    for x in xs:
        if groups and x - groups[-1][-1] <= 0.25 * ctx.h:
            groups[-1].append(x)
        else:
            groups.append([x])
    return tuple(median(g) for g in groups if len(g) >= 3)


def _moved_layout(carry: ColumnLayout, starts: Sequence[float], h: float) -> Optional[ColumnLayout]:
    """The carried columns moved onto a scanned page whose columns' text starts (`starts`)
    stand shifted or scaled against those of the page before (a copier places and scales each
    page anew: a page's columns a few points left of the last page's put the next column's
    first words in the column before). The map x → a·x + b that takes most of the old starts
    onto new ones (within a third of a line height; two pairs of starts at least five line
    heights apart, each start moved by three line heights at most, fix it, and it must hold for
    three starts and half of them at least); None when none does, or when it moves no cut by
    half a point."""
    old, tol = list(carry.starts), 0.3 * h
    new = list(starts)
    near = [[j for j, y in enumerate(new) if abs(y - x) <= 3 * h] for x in old]
    best = None
    for i in range(len(old)):
        for k in range(i + 1, len(old)):
            if old[k] - old[i] < 5 * h:
                continue
            for j in near[i]:
                for m in near[k]:
                    if m <= j:
                        continue
                    a = (new[m] - new[j]) / (old[k] - old[i])
                    if not 0.9 < a < 1.1:
                        continue
                    b = new[j] - a * old[i]
                    off = [min(abs(a * x + b - y) for y in new) for x in old]
                    key = (sum(d <= tol for d in off), -sum(d for d in off if d <= tol))
                    if best is None or key > best[0]:
                        best = (key, a, b)
    if best is None or best[0][0] < max(3, 0.5 * min(len(old), len(new))):
        return None
    _, a, b = best
    if all(abs(a * c + b - c) < 0.5 for c in carry.cuts):
        return None
    return replace(carry, cuts=[a * c + b for c in carry.cuts], x0=a * carry.x0 + b, x1=a * carry.x1 + b,
                   starts=tuple(starts))
