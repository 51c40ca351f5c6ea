"""Tables and page text from PDFs that have a text layer.

Where the time goes: pdfium reads a page's text in a few milliseconds, while
pdfminer (under pdfplumber) spends tens to hundreds of milliseconds interpreting
a page in Python. So every page is read once with pdfium (classification,
metadata text, a cheap test for table headers) and only the pages that can hold
an IKU table — plus the pages that follow a table running off the bottom — are
handed to pdfplumber for ruling-line table finding; and those pages' characters
and drawings are read by pdfium too (`pdfium_page.PdfiumPage`, in pdfminer's
geometry), so that a document whose every page holds a table costs less than
pdfplumber's own extract_tables(). Text printed twice to fake bold is read once,
and a ruled body whose header is printed above its grid gets that header
(`header_band.py`).
"""
from __future__ import annotations

import math
import os
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median
from typing import Iterable, Optional

import pdfplumber
import pypdfium2 as pdfium

from iku.extractors.model import Cell, ExtractedDocument, PageInfo, PageKind, Span, Table
from iku.extractors.settings import TextLayerSettings
from iku.extractors.borderless import BorderlessTable, find_borderless_tables, row_has_header_words
from iku.extractors.fractions import linearise_cell
from iku.extractors.header_band import attach_header_bands
from iku.extractors.pdfium_page import pdfium_page_for, quiet_font_warnings
from iku.extractors.geometry import (bar_inside, centre, contains_point, lines_by_top, lines_text, overlaps, word_box,
                                 words_box)
from iku.extractors.vocabulary import table_hints

DEFAULT = TextLayerSettings()


class PdfError(Exception):
    """A PDF that cannot be read (corrupt, encrypted, not a PDF)."""


def read_page_texts(path: str, settings: TextLayerSettings = DEFAULT) -> list[PageInfo]:
    """Every page's text via pdfium, and whether it has a usable text layer."""
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:  # corrupt, encrypted or not a PDF
        raise PdfError(_pdfium_reason(exc, path)) from exc
    try:
        pages = []
        for i in range(len(pdf)):
            try:
                page = pdf[i]
            except pdfium.PdfiumError as exc:  # a page tree that loops or points at no page
                raise PdfError(f"damaged page tree: page {i + 1} of {len(pdf)} cannot be loaded") from exc
            width, height = page.get_size()
            textpage = page.get_textpage()
            text = textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n")
            textpage.close()
            page.close()
            kind = PageKind.TEXT if len(re.sub(r"\s", "", text)) >= settings.min_text_chars else PageKind.IMAGE
            pages.append(PageInfo(number=i + 1, width=width, height=height, kind=kind, text=text))
        _unglue(path, pages)
        return pages
    finally:
        pdf.close()


def _unglue(path: str, pages: list[PageInfo]) -> None:
    """Pages whose pdfium text runs words together (some producers' letter-spaced text, its
    characters' boxes overlapping: "Contoh,1Januari", "Ir.H.NAMAPENANDA") take pdfminer's
    text, which parts words by their gaps (its doubled characters, a fake bold's, read once)."""
    least, share = table_hints().glued_run, table_hints().glued_run_share
    glued = [p for p in pages if p.kind == PageKind.TEXT and _long_run_share(p.text, least) > share]
    if not glued:
        return
    try:
        with pdfplumber.open(path) as pdf, quiet_font_warnings():
            for p in glued:
                text = pdf.pages[p.number - 1].dedupe_chars(tolerance=1).extract_text() or ""
                if _long_run_share(text, least) < _long_run_share(p.text, least):
                    p.text = text
    except MemoryError:
        raise
    except Exception:  # pdfminer fails on some damaged files pdfium reads: pdfium's text stands
        pass


def _long_run_share(text: str, least: int) -> float:
    """The share of the text's letters in runs of `least` letters or more (no word is that long)."""
    runs = re.findall(r"[^\W\d_]+", text)
    total = sum(map(len, runs))
    return sum(len(r) for r in runs if len(r) >= least) / total if total else 0.0


@lru_cache(maxsize=1)
def _hints():
    hints = table_hints()

    def phrase(w: str) -> str:  # words of a phrase may be set on two lines
        return r"\s+".join(re.escape(part) for part in w.split())

    fields = {f: re.compile(r"\b(?:" + "|".join(phrase(w) for w in ws) + r")", re.I)
              for f, ws in hints.fields.items()}
    report = re.compile("|".join(phrase(w) for w in hints.report_words), re.I)
    return (fields, report, hints.window, hints.min_fields, [set(p) for p in hints.pairs],
            frozenset(hints.pair_only))


def could_hold_indicator_table(text: str) -> bool:
    """Some stretch of the page reads like an indicator table's header row."""
    fields, report, window, min_fields, pairs, pair_only = _hints()
    hits = sorted((m.start(), f) for f, rx in fields.items() for m in rx.finditer(text))
    for i, (start, _) in enumerate(hits):
        names = {f for pos, f in hits[i:] if pos - start <= window}
        if len(names - pair_only) >= min_fields:
            return True
        for pair in (p for p in pairs if p <= names):
            # a results table's report word sits in its header: the line(s) up to the one that
            # completes the pair, not the rows under it (an indicator "Nilai realisasi investasi")
            seen, end = set(), start
            for pos, f in hits[i:]:
                seen.add(f)
                if pair <= seen:
                    end = pos
                    break
            stop = text.find("\n", end)
            if not report.search(text[start:stop if stop >= 0 else len(text)]):
                return True
    return False


def _names_encryption(path: str, span: int = 1 << 20) -> bool:
    """The file's first or last MiB (where trailers are) names an /Encrypt dictionary."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(span)
            fh.seek(max(fh.seek(0, 2) - span, 0))
            return b"/Encrypt" in head or b"/Encrypt" in fh.read(span)
    except OSError:
        return True  # cannot tell: trust pdfium


def _pdfium_reason(exc: Exception, path: Optional[str] = None) -> str:
    """One reason, whatever was read before: pdfium reports its *last* error, which a failure
    that sets none (a PDF without pages) leaves from the previous document ("Success", or a
    previous file's "Incorrect password")."""
    msg = str(exc).lower()
    if ("password" in msg or "security" in msg) and (path is None or _names_encryption(path)):
        return "encrypted PDF (password required)"
    return "not a PDF or damaged file (no readable page)"


def text_angle(page) -> int:
    """The dominant writing direction of a page's characters as displayed (0 = upright)."""
    counts: dict[int, int] = {}
    for ch in page.chars:
        a, b = ch["matrix"][0], ch["matrix"][1]
        angle = int(round(math.degrees(math.atan2(b, a)) / 90.0)) * 90 % 360
        counts[angle] = counts.get(angle, 0) + 1
    return max(counts, key=counts.get) if counts else 0


def upright_copy(path: str, turns: dict[int, int], out: str) -> None:
    """A copy of the PDF with the given pages turned so that their text reads upright."""
    pdf = pdfium.PdfDocument(path)
    try:
        for number, angle in turns.items():
            page = pdf[number - 1]
            page.set_rotation((page.get_rotation() + angle) % 360)
        pdf.save(out)
    finally:
        pdf.close()


@dataclass
class TextLayerResult:
    tables: list[Table] = field(default_factory=list)
    # pages printed sideways: page number → turn (degrees) that makes them upright
    sideways: dict[int, int] = field(default_factory=dict)


def extract(path: str, settings: TextLayerSettings = DEFAULT) -> ExtractedDocument:
    """Pages, their text, and the tables of their text layer (image pages are left to the OCR path)."""
    pages = read_page_texts(path, settings)
    found = text_layer_tables(path, pages, settings)
    return ExtractedDocument(path=path, pages=pages, tables=found.tables, sideways=found.sideways)


def text_layer_tables(path: str, pages: list[PageInfo], settings: TextLayerSettings = DEFAULT) -> TextLayerResult:
    """The tables of the text pages that can hold an indicator table (every text page
    without the page filter). Pages whose text is printed sideways are turned first
    (on a temporary copy)."""
    found = _tables(path, pages, settings)
    if found.sideways:
        with tempfile.TemporaryDirectory() as tmp:
            fixed = os.path.join(tmp, "upright.pdf")
            upright_copy(path, found.sideways, fixed)
            turned = _tables(fixed, pages, settings, only=set(found.sideways))
        keep = [t for t in found.tables if t.page not in found.sideways]
        found.tables = sorted(keep + turned.tables, key=lambda t: (t.page, t.bbox[1] if t.bbox else 0))
    return found


def _tables(path: str, pages: list[PageInfo], settings: TextLayerSettings,
            only: Optional[set[int]] = None) -> TextLayerResult:
    doc = TextLayerResult()
    wanted = {p.number for p in pages
              if p.kind == PageKind.TEXT and (not settings.page_filter or could_hold_indicator_table(p.text))}
    if only is not None:
        wanted &= only
    if not wanted:
        return doc
    running = running_lines(pages)
    pdfium_text = {p.number: p.text for p in pages}
    try:
        # (pdfminer's warnings of fonts it reads all the same are no news to a caller: quiet_font_warnings)
        with pdfplumber.open(path) as pdf, _pdfium_document(path, settings.pdfium_objects) as fast, \
                quiet_font_warnings():
            number = min(wanted)
            carry = None  # the columns of an unruled table that ran off the page before
            while number <= len(pdf.pages):
                if number in wanted:
                    page = pdf.pages[number - 1]
                    page = pdfium_page_for(page, fast) or page  # its objects read by pdfium (pdfium_page.py)
                    angle = text_angle(page)
                    if angle and only is None:
                        doc.sideways[number] = angle
                        carry = None
                        number += 1
                        continue
                    page = without_doubled_text(page, pdfium_text.get(number, ""))
                    tables = tables_on_page(page, number, running, settings, carry=carry)
                    tables, banded = attach_header_bands(page, tables, number)
                    if banded:  # the bodies grew upwards: their context is the text above the band
                        _attach_context(page, tables, running)
                    doc.tables.extend(tables)
                    last = tables[-1] if tables else None
                    carry = last.layout if isinstance(last, BorderlessTable) and last.ends_page else None
                    # a table running off the page may continue without repeating its header
                    if tables and tables[-1].ends_page and number + 1 <= len(pdf.pages):
                        wanted.add(number + 1)
                    pdf.pages[number - 1].flush_cache()
                else:
                    carry = None
                number += 1
                if number > max(wanted):
                    break
    except MemoryError:  # the document outgrew its memory limit: its caller says so, not "damaged"
        raise
    except Exception as exc:  # pdfminer raises many types on damaged files
        raise PdfError(f"cannot read tables: {exc}") from exc
    return doc


@contextmanager
def _pdfium_document(path: str, wanted: bool):
    """pdfium's copy of the document for PdfiumPage, or None (pdfminer reads every page)."""
    doc = None
    if wanted:
        try:
            doc = pdfium.PdfDocument(path)
        except pdfium.PdfiumError:
            doc = None
    try:
        yield doc
    finally:
        if doc is not None:
            doc.close()


def without_doubled_text(page, pdfium_text: str):
    """The page with text printed twice in (nearly) the same place read once.

    Some producers fake bold by printing a run twice, a fraction of a point apart.
    pdfium's text reads such a run once, pdfminer's characters twice
    ("SSaassaarraann"), so a header would match no word. When the page has more
    characters than pdfium reads, the doubles are dropped (pdfplumber's
    dedupe_chars: same character, font and size within a point)."""
    seen = sum(1 for ch in page.chars if not ch["text"].isspace())
    read = len(re.sub(r"\s", "", pdfium_text))
    if seen <= read + max(5, read // 50):
        return page
    return page.dedupe_chars(tolerance=1)


def ruling_objects(page) -> list[dict]:
    """Lines and border rects; filled shading rects (a header's background) are not rulings."""
    objs = list(page.lines)
    for r in page.rects:
        w, h = r["x1"] - r["x0"], r["bottom"] - r["top"]
        if min(w, h) <= 2.5 or (r.get("stroke") and not r.get("fill")):
            objs.append(r)
    return objs


def closing_rules(rulings: list[dict], shades: Iterable[tuple] = (), tol: float = 2.0) -> list[dict]:
    """The rules a page break left undrawn: where two or more column rules of a grid run on
    past its last (or start before its first) horizontal rule, a row cut by the page edge
    has no border there; a rule across those column rules closes it, so that the row is read
    (without it the row's cells are not cells, and its text is lost). A shaded band above the
    first rule (`shades`: filled boxes x0, top, x1, bottom) is a header band drawn without
    rules, read as such (header_band.py): no rule is put over it."""
    vs = [o for o in rulings if o["x1"] - o["x0"] <= 2.5 and o["bottom"] - o["top"] > 3]
    hs = [o for o in rulings if o["bottom"] - o["top"] <= 2.5 and o["x1"] - o["x0"] > 3]
    if len(vs) < 2 or not hs:
        return []
    out: list[dict] = []
    for end in ("bottom", "top"):
        edge = max(o["bottom"] for o in vs) if end == "bottom" else min(o["top"] for o in vs)
        at = [o for o in vs if abs(o[end] - edge) <= tol]
        if len(at) < 2:
            continue
        x0, x1 = min(o["x0"] for o in at), max(o["x1"] for o in at)
        # the grid's row rules over these columns (drawn per cell or across): each ends on column
        # rules (a word's underline inside a cell does not)
        xs = [o["x0"] for o in vs] + [o["x1"] for o in vs]
        across = [h for h in hs if h["x1"] > x0 + tol and h["x0"] < x1 - tol
                  and any(abs(h["x0"] - x) <= tol for x in xs) and any(abs(h["x1"] - x) <= tol for x in xs)]
        if not across or any(abs(h["top"] - edge) <= tol or abs(h["bottom"] - edge) <= tol for h in across):
            continue  # closed already (or no grid of rules across these columns at all)
        last = max(h["bottom"] for h in across) if end == "bottom" else min(h["top"] for h in across)
        if (edge - last if end == "bottom" else last - edge) < 6:
            continue
        if end == "top" and any(b[1] < last - tol and b[3] > edge + tol and b[2] > x0 and b[0] < x1 for b in shades):
            continue
        out.append({"x0": x0, "x1": x1, "top": edge, "bottom": edge, "width": x1 - x0, "height": 0.0,
                    "object_type": "line", "doctop": edge})
    return out


def running_lines(pages: list[PageInfo]) -> frozenset[str]:
    """Running heads and feet: lines printed on most pages of a document ("LKIP TAHUN 2016")."""
    if len(pages) < 3:
        return frozenset()
    counts: dict[str, int] = {}
    for p in pages:
        for ln in {re.sub(r"\s+", " ", x).strip() for x in p.text.splitlines()}:
            if ln:
                counts[ln] = counts.get(ln, 0) + 1
    need = max(3, len(pages) // 2)
    return frozenset(ln for ln, n in counts.items() if n >= need)


def tables_on_page(page, number: int, running: frozenset[str] = frozenset(),
                   settings: TextLayerSettings = DEFAULT, carry=None) -> list[Table]:
    """The tables of one page: ruled ones from pdfplumber's rulings, else (or when
    a ruled table has no header row) the tables drawn without rules; `carry`: the
    columns of an unruled table that ran off the page before (a continuation
    without a repeated header)."""
    rulings = ruling_objects(page)
    shades = [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects
              if r.get("fill") and min(r["x1"] - r["x0"], r["bottom"] - r["top"]) > 2.5]
    rulings = rulings + closing_rules(rulings, shades)
    found = page.find_tables(settings.table_settings(rulings)) if len(rulings) >= 2 else []
    tables: list[Table] = []
    for ft in sorted(found, key=lambda t: t.bbox[1]):
        grid = _grid_from_found(page, ft, number)
        if not grid or len(grid[0]) < 2 or len(grid) < 1:
            continue
        tables.append(Table(rows=grid, page=number, bbox=_with_overflow(page, tuple(ft.bbox))))
    # the tables drawn without rules, and ruled bodies under an unruled header, wherever
    # the ruled tables with a header of their own leave room (a page may hold a ruled
    # program table and an unruled indicator table); with their font: a bold header
    # line is not continued by plain body lines
    headed = [t for t in tables if row_has_header_words(t.rows[0])]
    if not headed or _text_outside(page, [t.bbox for t in headed]):
        # (a line's characters share their top: a looser tolerance chains header labels centred
        # a few points apart into one line and interleaves their letters, "T i p e")
        words = page.extract_words(keep_blank_chars=False, use_text_flow=False, y_tolerance=1.5,
                                   extra_attrs=["fontname"])
        # (a page that opens a ruled table of its own goes on with the table before only above
        # it, in lines of cells: find_borderless_tables)
        for b in find_borderless_tables(page, words, number, avoid=[t.bbox for t in tables],
                                        carry=carry, stop_at=[t.bbox for t in headed]):
            # (a ruled table without a header of its own is this table's body; tables found
            # without rules are tables of their own)
            covered = [t for t in tables if overlaps(t.bbox, b.bbox) and not isinstance(t, BorderlessTable)]
            if all(t not in headed and len(b.rows[0]) >= len(t.rows[0]) for t in covered):
                tables = [t for t in tables if t not in covered] + [b]
        tables.sort(key=lambda t: t.bbox[1])
    _attach_context(page, tables, running)
    return tables


def _with_overflow(page, bbox):
    """The box of a ruled table grown down over the text its last row runs on with past its
    bottom rule (a cell cut by the page break, drawn on over the rule): that text is the
    table's, and the table still runs to the foot of the page. Likewise up over the text
    its first row starts with above its top edge (the rest of that cell at the next page's
    top, its rules starting below the line's cap height): the table still starts the page."""
    x0, top, x1, bottom = bbox
    inside = [ch for ch in page.chars if ch["x0"] >= x0 - 1 and ch["x1"] <= x1 + 1 and not ch["text"].isspace()]
    over = [ch["bottom"] for ch in inside if ch["top"] < bottom - 0.5 < bottom + 0.5 < ch["bottom"]]
    above = [ch["top"] for ch in inside if ch["top"] < top - 0.5 < top + 0.5 < ch["bottom"]]
    return (x0, min(above) if above else top, x1, max(over) if over else bottom)


def _text_outside(page, boxes, least: int = 80) -> bool:
    """The page prints more than a title's worth of characters outside the boxes
    (room for another table); a page that is one ruled table is not read twice."""
    n = 0
    for ch in page.chars:
        if ch["text"].isspace():
            continue
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if not any(contains_point(b, cx, cy) for b in boxes):
            n += 1
            if n >= least:
                return True
    return False


def _grid_from_found(page, found, number: int) -> list[list[Cell]]:
    texts = found.extract(x_tolerance=2, y_tolerance=3)
    bars = _horizontal_bars(page, found.bbox)
    col_x = sorted({round(b[0], 1) for row in found.rows for b in row.cells if b is not None})
    grid: list[list[Cell]] = []
    for row_obj, row_texts in zip(found.rows, texts):
        row: list[Cell] = []
        owner = None  # the last real cell of this row, left of the current position
        for k, (bbox, text) in enumerate(zip(row_obj.cells, row_texts)):
            if bbox is None:
                # covered by a merged cell: from the left when the row's previous
                # real cell reaches over this column, else from above
                x_here = col_x[k] if k < len(col_x) else None
                left = owner is not None and x_here is not None and owner[2] > x_here + 1
                row.append(Cell(text="", page=number, spanned=Span.LEFT if left else Span.UP))
                continue
            owner = bbox
            text = text or ""
            # strictly inside: a cell's own border touches its edges
            inner = [b for b in bars if bar_inside(b, bbox, margin_x=1, margin_y=2, room=4)]
            if inner:
                text = linearise_cell(page, bbox, inner) or text
            row.append(Cell(text=text, bbox=tuple(bbox), page=number))
        grid.append(row)
    width = max(len(r) for r in grid) if grid else 0
    for r in grid:
        r.extend(Cell(text="", page=number, spanned=Span.LEFT) for _ in range(width - len(r)))
    if any(c.spanned for r in grid for c in r):
        _split_unruled_merges(page, found, grid, number)
        _recover_orphan_words(page, found, grid, col_x, number)
    return grid


def _split_unruled_merges(page, found, grid, number) -> None:
    """A cell that reaches down over rows with its text in separate blocks, a later block
    opening at the top of a row it covers while the block before ends above that row, is
    one cell per block: the rule between them was left undrawn, the cells are not merged."""
    row_tops = [min((b[1] for b in row.cells if b), default=None) for row in found.rows]
    for r, row in enumerate(grid[:-1]):
        for k, cell in enumerate(row):
            if cell.spanned or cell.bbox is None or grid[r + 1][k].spanned != Span.UP:
                continue
            end = r + 1
            while end < len(grid) and grid[end][k].spanned == Span.UP:
                end += 1
            words = page.crop(cell.bbox, strict=False).extract_words(x_tolerance=2, y_tolerance=3)
            lines = lines_by_top(words, tol=3, rounded=True)
            if lines_text(lines).split() != cell.text.split():
                continue  # a cell rewritten from its words (a stacked fraction) is left as it is
            cuts: list[tuple[int, int]] = []  # (the row a block opens, its first line)
            for i in range(1, len(lines)):
                for rr in range((cuts[-1][0] + 1) if cuts else r + 1, end):
                    if row_tops[rr] is not None and _opens_row(lines[i - 1], lines[i], row_tops[rr]):
                        cuts.append((rr, i))
                        break
            if not cuts:
                continue
            x0, _, x1, _ = cell.bbox
            bounds = [(r, 0)] + cuts + [(end, len(lines))]
            for (ra, ia), (rb, ib) in zip(bounds, bounds[1:]):
                top = cell.bbox[1] if ra == r else row_tops[ra]
                bottom = row_tops[rb] if rb < end else cell.bbox[3]
                grid[ra][k] = Cell(text=lines_text(lines[ia:ib]), bbox=(x0, top, x1, bottom), page=number)


def _recover_orphan_words(page, found, grid, col_x, number) -> None:
    """Words inside the table that no detected cell holds (a merged cell with a
    broken border is not found as a cell) go to the grid position they sit in."""
    cells = [c.bbox for r in grid for c in r if c.bbox]
    row_tops = [min(b[1] for b in row.cells if b) for row in found.rows]
    x0, top, x1, bottom = found.bbox
    orphans: dict[tuple[int, int], list[dict]] = {}
    for w in page.crop(found.bbox, strict=False).extract_words(x_tolerance=2, y_tolerance=3):
        cx, cy = centre(word_box(w))
        if any(contains_point(b, cx, cy) for b in cells):
            continue
        r = max((i for i, t in enumerate(row_tops) if t <= cy), default=0)
        c = max((i for i, x in enumerate(col_x) if x <= cx), default=0)
        if r < len(grid) and c < len(grid[r]):
            orphans.setdefault((r, c), []).append(w)
    # a merged cell's text may run over several grid rows: keep it in its first row, unless
    # a block of it opens at the top of a later row after a gap (a rule left undrawn)
    for (r, c) in sorted(orphans, key=lambda rc: (rc[1], rc[0])):
        if (r, c) not in orphans:
            continue
        nxt = r + 1
        while nxt < len(grid) and grid[nxt][c].spanned == Span.UP:
            if (nxt, c) in orphans:
                if _opens_row(orphans[(r, c)], orphans[(nxt, c)], row_tops[nxt]):
                    break
                orphans[(r, c)].extend(orphans.pop((nxt, c)))
            nxt += 1
    for (r, c), ws in orphans.items():
        text = lines_text(lines_by_top(ws, tol=3, rounded=True))
        bbox = words_box(ws)
        old = grid[r][c]
        grid[r][c] = Cell(text=(old.text + "\n" + text).strip(), bbox=old.bbox or bbox, page=number)


def _opens_row(before: list[dict], words: list[dict], row_top: float) -> bool:
    """Words that start a cell of their own in a row: their first line opens at the row's top,
    after a gap of a line or more below the text before them (which ends above the row)."""
    h = median(w["bottom"] - w["top"] for w in before + words)
    top, above = min(w["top"] for w in words), max(w["bottom"] for w in before)
    return top - above >= 0.8 * h and above < row_top <= top + 0.5 and top - row_top < 1.5 * h


def _horizontal_bars(page, bbox) -> list[tuple[float, float, float, float]]:
    """Short horizontal strokes inside a table: fraction bars, not cell borders."""
    x0, top, x1, bottom = bbox
    bars = []
    for obj in list(page.lines) + list(page.rects):
        h = abs(obj["bottom"] - obj["top"])
        w = obj["x1"] - obj["x0"]
        if h <= 1.5 and w > 8 and x0 <= obj["x0"] and obj["x1"] <= x1 and top < obj["top"] < bottom:
            bars.append((obj["x0"], obj["top"], obj["x1"], obj["bottom"]))
    return bars


def _attach_context(page, tables: list[Table], running: frozenset[str] = frozenset()) -> None:
    """Text lines between a table and the one above it (titles, 'Jabatan : ...'), and
    whether a table starts / ends the page's content (so it may continue across pages)."""

    def lines_in(top: float, bottom: float) -> list[str]:
        if bottom - top <= 2:
            return []
        text = page.crop((0, top, page.width, bottom), strict=False).extract_text() or ""
        return [ln.strip() for ln in text.splitlines()
                if ln.strip() and re.sub(r"\s+", " ", ln).strip() not in running]

    mark_page_edges(tables, lines_in, float(page.height))


def mark_page_edges(tables: list[Table], lines_in, page_bottom: float) -> None:
    """Give each table the text lines above it (`lines_in(top, bottom)` reads a band of
    the page) and whether it starts / ends the page's content, so that it may continue
    from / onto a neighbouring page. Shared by the text-layer and OCR extractors."""
    prev_bottom = 0.0
    for i, t in enumerate(tables):
        top, bottom = t.bbox[1], t.bbox[3]
        t.context = lines_in(prev_bottom, top - 0.5)
        t.starts_page = i == 0 and not _meaningful(t.context)
        prev_bottom = bottom
    if tables:
        last = tables[-1]
        last.below = lines_in(last.bbox[3] + 0.5, page_bottom)
        last.ends_page = not _meaningful(last.below)


def _meaningful(lines: Iterable[str]) -> bool:
    """Context lines other than page numbers and running heads."""
    for ln in lines:
        if re.fullmatch(r"[-\s\d/.ivxlIVXL()]*(halaman|hal\.?)?[\s\d/.]*", ln, re.I):
            continue
        return True
    return False
