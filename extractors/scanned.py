"""The OCR path: image-only pages → the internal table model (extractors/model.py).

Per page (extractors/raster.py → extractors/grid.py → extractors/ocr.py):
render at 300 dpi, flatten the light, binarise, turn a sideways page, deskew,
drop speckles; find the ruled tables; paint the rules white and read the
page's words with one tesseract call; correct words against the domain
lexicon (extractors/ocr_correction.py); hand the words to the cells of each
ruled table, or — for a table drawn without rules — build the table from the
word positions under a header line (extractors/borderless.py, the same code
the text-layer path uses).

The tables come out exactly like the text-layer extractor's: `Table` of
`Cell` with bbox in PDF points (top-left origin) of the upright page, page
number, `engine="ocr"`, `confidence` = mean word confidence (0..1), the
corrections made, plus the table's context lines and page-edge flags. The
normalizers do the rest, as for a digital PDF.

Pages are independent: `submit_pages` runs them on a process pool the caller
makes with `make_pool` (OcrSettings.workers), tesseract single-threaded in each.
"""
from __future__ import annotations

import dataclasses
import multiprocessing
import re
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Iterable, Optional

import cv2
import numpy as np

from iku.extractors.model import Cell, Engine, PageInfo, PageKind, Span, Table
from iku.extractors import grid as gridmod
from iku.extractors import ocr, raster, rectify
from iku.extractors.borderless import (BorderlessTable, ColumnLayout, Stroke, find_borderless_tables,
                                       row_has_header_words)
from iku.extractors.header_band import attach_header_bands
from iku.extractors.geometry import bar_inside, centre_inside, contains_point, lines_by_centre, word_box, xywh_box
from iku.extractors.geometry import overlaps as _overlap  # the name extract_page calls it by
from iku.extractors.geometry import overlaps_any as _overlap_any
from iku.extractors.ocr_correction import correct_words, rejoin_broken_words, restore_label_colons
from iku.extractors.ocr_engine import component_boxes, make_engine, orientation_engine
from iku.extractors.pdf_text import mark_page_edges
from iku.extractors.settings import OcrSettings

ENGINE = Engine.OCR


@dataclass
class PageResult:
    info: PageInfo
    tables: list[Table] = field(default_factory=list)
    rotation: int = 0
    skew: float = 0.0
    engine: str = ""  # the OCR engine that read the page (for "auto", the one it chose)
    # the columns of a table drawn without rules that runs off the page's foot (in the frame the
    # words were read in), for its continuation on the next page (`continue_tables`)
    carry: Optional[ColumnLayout] = None
    # what that continuation is read from, on this page (`continue_tables`); None when the page
    # holds a ruled table with a header row of its own (the text-layer path's rule)
    flow: Optional["_Flow"] = None
    # the text lines under the page's last table when the table does not run to the page's foot
    # (the block naming the table on the next page, "Jabatan : …"): `continue_tables`
    tail: list[str] = field(default_factory=list)


@dataclass
class _Flow:
    """A page's words as read (points, in the deskewed frame) and what the borderless reader
    needs besides: the page may go on with the table of the page before under no header."""
    words: list[dict]
    strokes: list[tuple[float, float, float, float]]
    avoid: list[tuple[float, float, float, float]]  # the page's tables, same frame
    back: Optional[list] = None  # 3x3: pixels of that frame → the upright page (`_boxes_on_upright_page`)
    scale: float = 1.0


def clean_image(page: raster.PageImage, rules: gridmod.Rules) -> tuple[np.ndarray, list]:
    """What tesseract reads: the page's gray levels on its ink (anti-aliased edges
    help it), white paper elsewhere (no speckles, no shading), no rules and no
    crumbs of rules (a row of dots over a text line makes tesseract read it twice).
    Returns (image, the dash marks left on it)."""
    ink, comps, alive = gridmod.without_rules(page.ink, rules)
    without = ink.copy()  # (the page's ink less its rules)
    ink = raster.remove_screen(ink, comps, alive)
    # (before the speckles go: a list dash a soft scan rounded off is small and round enough
    # to be taken for one)
    soft = soft_dash_marks(comps.stats, alive)
    ink = raster.remove_speckles(ink, comps=comps, alive=alive)
    keep = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    # (the OCR reads black ink: a faint copy's grey strokes darkened, `reading_contrast`)
    image = raster.reading_contrast(page.gray, page.ink, page.dpi)
    if page.faint or image is not page.gray:
        # (and all of their grey, READ_LOOSE: the ink mask holds only parts of them; not the
        # grey around the rules taken out)
        ruled = cv2.dilate(cv2.subtract(page.ink, without), np.ones((5, 5), np.uint8))
        grey = ((image < raster.READ_LOOSE) & (ruled == 0)).astype(np.uint8) * 255
        keep = cv2.bitwise_or(keep, cv2.dilate(grey, np.ones((3, 3), np.uint8)))
    image = image.copy()
    image[keep == 0] = 255
    return image, dash_marks(comps.stats, alive) + soft


def dash_marks(stats: np.ndarray, alive: np.ndarray) -> list[tuple[int, int, int, int]]:
    """List marks among the page's ink components (x, y, w, h): short flat strokes
    (list dashes, minus signs) and small solid round dots (bullets: a filled disc
    covers about π/4 of its box, a letter's ring or bowl much less)."""
    w, h = stats[:, 2], stats[:, 3]
    keep = (2 * w >= 3 * h) & (h <= 8) & (w >= 7) & (w <= 45) & alive
    fill = stats[:, 4] / np.maximum(w * h, 1)
    side = np.maximum(w, h)
    # (a dot under 9 px is as wide as tall within a pixel: a soft dash that small is wider)
    round_ = np.abs(w - h) <= np.where(side < 9, 1, np.maximum(2, 0.2 * side))
    dots = round_ & (side >= BULLET_MIN) & (side <= BULLET_MAX) & (fill >= BULLET_FILL) & alive
    keep |= dots
    keep[0] = False
    return [tuple(int(v) for v in stats[i, :4]) for i in np.flatnonzero(keep)]


class SoftMark(tuple):
    """A mark (x, y, w, h) that may be a list dash a soft scan rounded off: a dash only where
    it lines up with the list's other dashes (`recover_dashes`)."""


def soft_dash_marks(stats: np.ndarray, alive: np.ndarray) -> list[SoftMark]:
    """Short solid strokes a little wider than tall that `dash_marks` does not take: a list
    dash blurred by a 150 dpi scan is 7 x 5 px at 300 dpi, or a ragged 10 x 9, where its
    neighbours are 9 x 5; alone such a blob may be a speck, so it is only a candidate."""
    w, h = stats[:, 2], stats[:, 3]
    fill = stats[:, 4] / np.maximum(w * h, 1)
    soft = (w > h) & (2 * w < 3 * h) & (h <= SOFT_DASH_H) & (w >= 6) & (w <= 45) & (fill >= SOFT_DASH_FILL) & alive
    soft[0] = False
    sure = set(dash_marks(stats, alive))  # (a solid round one is a bullet dot there)
    marks = (tuple(int(v) for v in stats[i, :4]) for i in np.flatnonzero(soft))
    return [SoftMark(m) for m in marks if m not in sure]


# a soft dash candidate at most this tall (px, at 300 dpi) and this solid; ... and this close
# (px) to the left edge of a dash of the same cell, and as wide as it within this share, to be
# one of its list's dashes
SOFT_DASH_H, SOFT_DASH_FILL, SOFT_DASH_ALIGN, SOFT_DASH_WIDTH = 10, 0.55, 4, 0.4

# a bullet dot at 300 dpi: this many px across (a full stop is smaller), this solid. (A list
# set in 7.5 pt and copied at 200 dpi keeps bullets 8 px across: at 9 they were left out and two
# indicators of a cell read as one; the size against the line's height below tells them from a
# full stop, which in a type that small is a speck of 3-5 px.)
BULLET_MIN, BULLET_MAX, BULLET_FILL = 8, 24, 0.74
# ... and its size against the height of the line it opens (a full stop sits lower and is smaller)
BULLET_SIZE = (0.25, 0.6)


def _is_dot(w: int, h: int) -> bool:
    return 2 * w < 3 * h


def recover_dashes(marks, words: list[ocr.Word], box=None) -> list[ocr.Word]:
    """List dashes and bullets the OCR skipped: a short flat stroke or a solid dot right
    before the first word of a line, covered by no word. Without it "- A ... - B" and
    "• A ... • B" read as one item."""
    found = []
    # sure marks first: a soft one is a dash only in line with a dash found
    for mark in sorted(marks, key=lambda m: isinstance(m, SoftMark)):
        x, y, w, h = mark
        if isinstance(mark, SoftMark) and not any(
                f.text == "-" and abs(f.x0 - x) <= SOFT_DASH_ALIGN
                and abs(w - (f.x1 - f.x0)) <= SOFT_DASH_WIDTH * (f.x1 - f.x0) for f in found):
            continue
        cx, cy = x + w / 2, y + h / 2
        if box is not None and not contains_point(box, cx, cy):
            continue
        if any(wd.x0 - 2 <= cx <= wd.x1 + 2 and wd.top - 2 <= cy <= wd.bottom + 2 for wd in words):
            continue
        # the word it introduces: on the same line, starting a little to the right
        nxt = [wd for wd in words if wd.top <= cy <= wd.bottom and 0 < wd.x0 - (x + w) <= 3.5 * wd.height]
        if not nxt:
            continue
        first = min(nxt, key=lambda wd: wd.x0)
        # a dash opens its line: no word right before it (but in a table the word of the column
        # before, a row's number, can stand that close: a mark in line with another mark of its
        # list, its text at the same indent, opens its line all the same)
        if any(wd.top <= cy <= wd.bottom and x - 1.5 * first.height <= wd.x1 <= x for wd in words) \
                and not _in_a_list(mark, first, marks, words):
            continue
        if isinstance(mark, SoftMark) and not first.top + 0.3 * first.height <= cy <= first.top + 0.78 * first.height:
            continue  # (a dash sits at the middle of the letters, a speck anywhere)
        dot = _is_dot(w, h) and not isinstance(mark, SoftMark)
        if dot:
            # a bullet is a fraction of the line's height and sits about its middle, not on the baseline
            lo, hi = BULLET_SIZE
            if not (lo * first.height <= max(w, h) <= hi * first.height):
                continue
            if not (first.top + 0.3 * first.height <= cy <= first.top + 0.78 * first.height):
                continue
            if max(w, h) < 9 and not any(ch.isalpha() for ch in first.text):
                continue  # (a dot that small opens a list's words: before a figure, "(3)", it is a speck)
        found.append(ocr.Word(text="•" if dot else "-", conf=50.0, x0=float(x), top=first.top, x1=float(x + w),
                              bottom=first.bottom, block=first.block, par=first.par, line=first.line))
    return found


def _in_a_list(mark, first: ocr.Word, marks, words: list[ocr.Word]) -> bool:
    """Another bullet dot opens another line of the same list: at
    the same x within BULLET_ALIGN of the line's height, a word starting right after it at
    `first`'s indent. A list's first item in a table often stands beside a row's number or the
    column before, which `recover_dashes` takes for a word before the mark; its second item,
    the OCR read or no word before, tells it for a list."""
    x, y, w, h = mark
    cx, cy, tol = x + w / 2, y + h / 2, ocr.BULLET_ALIGN * first.height
    # (dots only: a flat stroke after a word is a formula's minus or a stroke of its "=" as
    # often as a list dash, and one in line with a dash below it is no list)
    if not _is_dot(w, h) or isinstance(mark, SoftMark):
        return False
    others = [(o.cx, o.cy, o.x1) for o in words if o.text.strip() == "•"]
    others += [(m[0] + m[2] / 2, m[1] + m[3] / 2, m[0] + m[2]) for m in marks
               if tuple(m) != tuple(mark) and _is_dot(m[2], m[3]) and not isinstance(m, SoftMark)]
    for ox, oy, ox1 in others:
        if abs(ox - cx) > tol or abs(oy - cy) <= 0.5 * first.height:
            continue
        if any(wd.top <= oy <= wd.bottom and 0 < wd.x0 - ox1 <= 3.5 * wd.height and abs(wd.x0 - first.x0) <= tol
               for wd in words):
            return True
    return False


def _usable(words: list[ocr.Word]) -> list[ocr.Word]:
    ocr.mark_bullets(words)  # before the junk goes: a list's bullets read as stray marks
    words = ocr.drop_read_twice(ocr.tidy([w for w in words if not ocr.is_junk(w)]))
    ocr.level(words)
    return words


def flattened(page: raster.PageImage, engine: Optional[object] = None) -> tuple[raster.PageImage, gridmod.Rules]:
    """A prepared page made flat (its perspective or lean taken out, from its rules or, on a
    photograph of a rule-less table, from the sheet's outline) and, when it is a scan or a copy,
    its toner streaks evened out; with its rules found again on the result. `engine`: told when
    the page is a photograph (it reads such pages otherwise)."""
    rules = gridmod.find_rules(page.ink)
    matrix = rectify.homography(rules)
    # a copy flattened from its rules (no photograph's perspective): its streaks down the sheet
    # evened first and the homography read again. A dropout breaks every row rule where it runs;
    # the broken ends, scattered a few px along the faded stretch, line up leaning several degrees,
    # and a table ruled between its rows only takes its rules' ends for its vertical lines: the
    # page came out sheared (its columns leaning 2°, a code read into the next column)
    if matrix is not None and not rectify.photographed(matrix, page.ink.shape):
        even = raster.even_toner(page.gray, across=False)
        if even is not page.gray:
            page.gray, page.ink = even, raster.binarise(even, page.dpi, page.faint)
            rules = gridmod.find_rules(page.ink)
            matrix = rectify.homography(rules)
    ruled_flat = matrix is not None  # (its rules lean: a flatbed copy's skew, or a photograph's perspective)
    if matrix is None:
        # no rules to read the perspective from (a table without rules): a photographed sheet's
        # outline stands for them, taken only when it is a photograph's perspective (the far
        # side shrunk, or the sheet's sides leaning against its top: rectify.sheet_sheared)
        paper = rectify.paper_homography(page.gray)
        matrix = paper if paper is not None and (rectify.photographed(paper, page.ink.shape)
                                                 or rectify.sheet_sheared(page.gray)) else None
    photo = matrix is not None and rectify.photographed(matrix, page.ink.shape)
    if matrix is not None:
        if engine is not None and hasattr(engine, "photographed") and photo:
            engine.photographed()
        page = rectify.rectified(page, matrix)
        rules = gridmod.find_rules(page.ink)
    # a scan or a copy, not a photograph: its toner streaks evened out. (A copy whose rules lean a
    # little, flattened from them, is still a copy: a table ruled between its rows only is always
    # flattened from its rules' ends, and its streaks were left as they were. Down the sheet only:
    # on a 150 dpi page turned 2° and resampled flat, the gaps between text lines read as six
    # faded bands across, and evening them lost a formula's slashes.)
    if matrix is None or (ruled_flat and not photo):
        even = raster.even_toner(page.gray, across=matrix is None)
        if even is not page.gray:
            page.gray, page.ink = even, raster.binarise(even, page.dpi, page.faint)
            rules = gridmod.find_rules(page.ink)
    return page, rules


def extract_page(path: str, number: int, settings: OcrSettings = OcrSettings()) -> PageResult:
    """One image page (1-based number) → page text and tables."""
    engine = make_engine(settings)  # one a page: "auto" chooses per page
    page = raster.load_page(path, number - 1, orientation_engine(settings))
    if hasattr(engine, "coarse") and settings.auto_coarse_dpi and page.dpi is not None \
            and page.dpi <= settings.auto_coarse_dpi:
        engine.coarse()  # (a coarse scan: rapidocr without tesseract's deciding read)
    page, rules = flattened(page, engine)
    grids = gridmod.find_grids(rules, page.ink.shape)
    boxes = {(k, r, c): g.cell_box(r, c) for k, g in enumerate(grids)
             for r in range(len(g.ys) - 1) for c in range(len(g.xs) - 1) if g.owner[r][c] == (r, c)}
    image, marks = clean_image(page, gridmod.table_rules(rules, grids))
    page_words, cell_words = ocr.read_page_and_cells(image, boxes, engine, settings,
                                                     blank=[g.bbox for g in grids])
    page_words = _usable(page_words)
    cell_words = {k: _usable(ws) for k, ws in cell_words.items()}
    ocr.drop_pen_marks([page_words, *cell_words.values()])
    page_words = ocr.drop_long_strokes(page_words, image)
    for key, ws in cell_words.items():
        ws.extend(recover_dashes(marks, ws, boxes[key]))
    outside = [m for m in marks if not any(_inside_px(m, g.bbox) for g in grids)]
    page_words.extend(recover_dashes(outside, page_words))
    page_words = ocr.drop_edge_marks(page_words, page.ink.shape)  # (a dash found at the sheet's rim too)
    correct_words(page_words)
    for ws in cell_words.values():
        correct_words(ws)
    scale = page.scale
    pts = ocr.to_points(page_words, scale)
    cell_pts = {k: ocr.to_points(ws, scale) for k, ws in cell_words.items()}
    tables = [_ruled_table(k, g, cell_pts, scale, number) for k, g in enumerate(grids)]
    tables = [t for t in tables if t is not None]
    # (as on a text layer: a ruled body without a header row takes the header printed above
    # it, a grid of its own whose column rules do not meet the body's, or none; a faint copy's
    # broken rules part a header from its body, a section row between them)
    tables, _ = attach_header_bands(_WordsPage(pts + [w for ws in cell_pts.values() for w in ws]), tables,
                                    number, ruled=(ENGINE,))
    # a table without rules is looked for outside the ruled ones on every page: a borderless
    # indicator table often sits above a ruled program / budget table
    headed = [t for t in tables if row_has_header_words(t.rows[0])]
    strokes = _strokes(rules, scale)
    # (as on a text layer: the body of a table without rules ends where a ruled table with a
    # header of its own begins; without it, a line run into that table's box hides the table)
    found = find_borderless_tables(None, pts, number, avoid=[t.bbox for t in tables], strokes=strokes,
                                   stop_at=[t.bbox for t in headed],
                                   blots=[tuple(v / scale for v in b) for b in unread_ink(image, page_words)])
    for b in found:
        covered = [t for t in tables if _overlap(t.bbox, b.bbox)]
        if any(t in headed for t in covered):
            continue
        _as_ocr(b, pts)
        if all(len(b.rows[0]) >= len(t.rows[0]) for t in covered):
            tables = [t for t in tables if t not in covered] + [b]
    tables.sort(key=lambda t: t.bbox[1])
    _attach_context(tables, pts)
    tail = _lines_between(pts, tables[-1].bbox[3] + 0.5, float("inf")) if tables and not tables[-1].ends_page else []
    info = PageInfo(number=number, width=page.width, height=page.height, kind=PageKind.IMAGE,
                    text=_page_text(page_words, tables, scale))
    carry = _carry_out(tables)
    back = page.to_upright().tolist() if (page.skew or page.perspective is not None) else None
    flow = _page_flow(pts, strokes, tables, headed, back, scale)
    _boxes_on_upright_page(tables, page)
    return PageResult(info=info, tables=tables, rotation=page.rotation, skew=page.skew,
                      engine=getattr(getattr(engine, "chosen", None), "name", engine.name), carry=carry, flow=flow,
                      tail=tail)


# ink a read word leaves uncovered counts as text-sized when at least this many text heights tall
UNREAD_LEAST_H = 1.0


class _WordsPage:
    """A scan's words (in points) with the page API `attach_header_bands` reads them through."""

    def __init__(self, words: list[dict]):
        self.words = words

    def crop(self, bbox, strict: bool = False) -> "_WordsPage":
        x0, top, x1, bottom = bbox
        return _WordsPage([w for w in self.words if x0 <= (w["x0"] + w["x1"]) / 2 <= x1
                           and top <= (w["top"] + w["bottom"]) / 2 <= bottom])

    def extract_words(self, **_) -> list[dict]:
        return sorted(self.words, key=lambda w: (round(w["top"]), w["x0"]))


def unread_ink(image: np.ndarray, words: list[ocr.Word], ink_level: int = 160) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1, px) of the ink on the page as read (`image`, rules painted out)
    that no word covers, a text line tall or more: a signature or a stamp over a table, with the
    lines under it that the read passed over. Specks and dust are smaller than a line; the
    page's own text height (its words' median) is the measure. The borderless reader takes a
    wide gap that such ink fills for no table end (`borderless._bridged`)."""
    heights = [w.height for w in words if sum(ch.isalnum() for ch in w.text) >= 2]
    if len(heights) < 10:
        return []
    text_h = float(np.median(heights))
    ink = (image < ink_level).astype(np.uint8)
    for w in words:
        ink[max(int(w.top) - 3, 0):int(w.bottom) + 4, max(int(w.x0) - 3, 0):int(w.x1) + 4] = 0
    # (a glyph's strokes and a line's letters are joined: a word is one box, not a row of specks)
    joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (max(int(text_h * 0.6), 3), 3)))
    out = []
    for x, y, w, h in component_boxes(joined):  # (contours: a page is mostly paper)
        if h < UNREAD_LEAST_H * text_h or w < text_h:
            continue
        if int(ink[y:y + h, x:x + w].sum()) >= 0.15 * text_h * text_h:
            out.append((int(x), int(y), int(x + w), int(y + h)))
    return out


def _page_flow(pts: list[dict], strokes: list, tables: list[Table], headed: list[Table],
               back: Optional[list], scale: float) -> Optional[_Flow]:
    """What the rest of the table before is read from at the page's top (`continue_tables`).
    A ruled table with a header of its own starts a table of the page's own: the table before
    goes on only in the lines above it (a last row the page break carried over, with that
    table's title under it), none when it opens the page. (Dropping the flow on every page with
    such a table lost the carried-over row: a record.)"""
    if headed:
        first = min(t.bbox[1] for t in headed)
        pts = [w for w in pts if w["bottom"] <= first]
        if not pts:
            return None
    return _Flow(words=pts, strokes=strokes, avoid=[t.bbox for t in tables], back=back, scale=scale)


def _carry_out(tables: list[Table]) -> Optional[ColumnLayout]:
    """The columns of the page's last table when it is drawn without rules and runs to the
    page's foot: the next page may go on with it under no header."""
    last = tables[-1] if tables else None
    if isinstance(last, BorderlessTable) and last.ends_page and last.layout is not None:
        return last.layout
    return None


# how far the carried columns may lie from where the next page's words stand (points, and the
# scale either way): a phone photographs each page apart, and each page is flattened in its own
# frame, so the same table stands a little shifted and a little larger or smaller page to page
REGISTER_SHIFT = 40.0
REGISTER_SCALE = 0.04
# ... moved only when the edges as carried cut this share of the words at least (a row's words
# keep to their columns, bar a few a paragraph or a block under the rows holds), the move leaves
# at most this share of those cuts, and the page has this many words above its own tables
REGISTER_CUT, REGISTER_LEFT, REGISTER_WORDS = 0.2, 0.25, 30


def _straddles(x0: np.ndarray, x1: np.ndarray, cuts: np.ndarray) -> int:
    """How many words a column edge passes through (an edge inside a word, not at its ends)."""
    c = cuts[:, None]
    return int(((x0[None, :] + 1.0 < c) & (c < x1[None, :] - 1.0)).sum())


def _registered(carry: ColumnLayout, words: list[dict]) -> ColumnLayout:
    """The carried columns moved onto the next page's frame. Read from the page before, they
    hold on a scan of the same sheet, but a page photographed on its own (or laid on the glass
    a little apart) shows the table shifted and scaled a little: edges that stood in the gaps
    between cells then pass through the words of every row, and the continuation reads as one
    paragraph. The shift and scale that leave the fewest words cut by an edge are taken (the
    middle of the widest such range: the edges in the gaps' middles), only when the columns as
    carried cut a fifth of the words and the move few of those; columns cut again from their
    labels on the page are left."""
    if carry.labels is not None or not carry.cuts:
        return carry
    ws = [w for w in words if carry.x0 - REGISTER_SHIFT <= w["x0"] and w["x1"] <= carry.x1 + REGISTER_SHIFT]
    if len(ws) < REGISTER_WORDS:
        return carry  # (a line or two: too few words to tell a shift from a block under the rows)
    x0 = np.array([w["x0"] for w in ws], float)
    x1 = np.array([w["x1"] for w in ws], float)
    cuts = np.asarray(carry.cuts, float)
    now = _straddles(x0, x1, cuts)
    if now < REGISTER_CUT * len(ws):
        return carry  # (the page is in the same frame: the columns hold as they are)
    mid = (carry.x0 + carry.x1) / 2
    shifts = np.arange(-REGISTER_SHIFT, REGISTER_SHIFT + 0.01, 0.5)
    best = None  # (fewest cut, -widest run, distance from 1) → scale, shift
    for s in np.arange(1 - REGISTER_SCALE, 1 + REGISTER_SCALE + 1e-6, 0.005):
        cut = np.array([_straddles(x0, x1, mid + s * (cuts - mid) + dx) for dx in shifts])
        low = cut.min()
        at = np.flatnonzero(cut == low)
        runs = np.split(at, np.flatnonzero(np.diff(at) > 1) + 1)
        run = max(runs, key=len)
        key = (int(low), -len(run), abs(s - 1))
        if best is None or key < best[0]:
            best = (key, s, float(shifts[run].mean()))
    (low, _, _), s, dx = best
    if low > REGISTER_LEFT * now:
        return carry  # (no placement reads the lines as rows: no table going on, or not this one)

    def moved(x: float) -> float:
        return float(mid + s * (x - mid) + dx)

    return dataclasses.replace(carry, cuts=[moved(c) for c in carry.cuts], x0=moved(carry.x0), x1=moved(carry.x1))


def continue_tables(results: dict[int, PageResult]) -> None:
    """Tables drawn without rules that go on over the next page without repeating their
    header: pages are read one by one (in a pool), so the top of a page is read again in
    the columns of the table that ran off the page before, as the text-layer path reads it
    (extractors/borderless.py, `carry`). The continuation joins the page's tables; one that
    runs to that page's foot carries its columns on. In place; every page's `flow` is
    dropped afterwards (it only serves here)."""
    for n in sorted(results):
        prev, res = results.get(n - 1), results[n]
        flow, carry = res.flow, prev.carry if prev is not None else None
        if flow is None or carry is None:
            continue
        # (the page may stand in a frame of its own, photographed apart: the columns moved onto
        # it, as read from the lines above the page's own tables, where the continuation stands)
        first = min((b[1] for b in flow.avoid), default=float("inf"))
        carry = _registered(carry, [w for w in flow.words if w["bottom"] <= first])
        tables = find_borderless_tables(None, flow.words, n, avoid=flow.avoid, carry=carry, strokes=flow.strokes)
        # the page's own tables are in `avoid`, so they are not read again: the re-read holds the
        # continuation alone, at the top (one more table means the carried columns read the page
        # differently, and the first reading stands)
        if len(tables) != 1 or _overlap_any(tables[0].bbox, flow.avoid):
            continue
        cont = tables[0]
        _as_ocr(cont, flow.words)
        _attach_context([cont], flow.words)
        below = bool(res.tables)  # the page's own tables lie under the lines the continuation is read from
        if below:
            # the page's first own table was given the lines above it from the page's top, which
            # the continuation now holds (its rows would read as the table's title): its context
            # is the lines between the two. (`flow.avoid`: the own tables' boxes as read, in the
            # words' frame; the tables' own boxes may be on the upright page by now.)
            own = [Table(rows=[], page=n, bbox=b) for b in flow.avoid]
            _attach_context([cont, *own], flow.words)
            res.tables[0].context = own[0].context
        if flow.back is not None:
            _move_boxes([cont], np.array(flow.back), flow.scale)
        cont.ends_page = cont.ends_page and not below
        res.tables.insert(0, cont)
        if not below and cont.ends_page:
            res.carry = _carry_out([cont])
    for n in sorted(results):
        # the lines under the last table of the page before (a table that stops short of the
        # page's foot) go on above this page's first table: the block naming that table ("Jabatan
        # : …", "Tugas : …") set under the table before it. A text layer's page text holds them
        # in reading order (normalizers.records reads them there); a scan's page text is read in
        # the OCR's blocks, which part a form's labels from their values.
        prev, res = results.get(n - 1), results[n]
        if prev is not None and prev.tail and res.tables:
            res.tables[0].context = prev.tail + res.tables[0].context
    for res in results.values():
        res.flow = None


def _strokes(rules: gridmod.Rules, scale: float) -> list[tuple[float, float, float, float]]:
    """The page's thin horizontal strokes in points (x0, top, x1, bottom): the rules
    between the rows of a table ruled across only (with underlines and the like). The
    borderless reader takes its rows from them as from a text layer's drawn lines. Each
    carries its course, measured along its ink: a photographed page keeps its curl after
    flattening, and a rule bowing beside a row's text is no straight line at its mean height."""
    comps, live = rules.components(True)
    step = max(1, int(round(COURSE_STEP * scale)))
    pieces = [(comps.stats[i], _course(comps, int(i), step)) for i in np.flatnonzero(live)
              if comps.stats[i, 2] >= gridmod.MIN_HLINE]
    out = []
    for s in rules.hsegs:
        # (a segment may be pieces of one rule a faint stretch broke, a few px apart in height)
        course = sorted(p for (x, y, w, h, _), pts in pieces
                        if x >= s.start - 1 and x + w <= s.end + 1 and y - COURSE_REACH <= s.pos <= y + h + COURSE_REACH
                        for p in pts)
        out.append(Stroke((s.start / scale, s.pos / scale - 0.5, s.end / scale, s.pos / scale + 0.5),
                          [(px / scale, py / scale) for px, py in course]))
    return out


# a rule's course is sampled every this many points (a short word's width), and its pieces are
# those lying this close (px) to its height (as `grid._segments` joins them)
COURSE_STEP = 8.0
COURSE_REACH = 8


def _course(comps, i: int, step: int) -> list[tuple[float, float]]:
    """(x, y) px along a rule component: its ink's mean height, `step` px at a time."""
    x, y, w, h = (int(v) for v in comps.stats[i, :4])
    own = comps.labels[y:y + h, x:x + w] == i
    count = own.sum(axis=0)
    rows = (own * np.arange(h)[:, None]).sum(axis=0)
    out = []
    for a in range(0, w, step):
        n = int(count[a:a + step].sum())
        if n:
            out.append((x + a + min(step, w - a) / 2.0, y + rows[a:a + step].sum() / n + 0.5))
    return out


def _boxes_on_upright_page(tables: list[Table], page: raster.PageImage) -> None:
    """Cell and table boxes (points) moved from the deskewed, flattened image the
    words were read on back onto the page as it is shown upright: the box around
    each box's corners taken back through the deskew and perspective."""
    if not page.skew and page.perspective is None:
        return
    _move_boxes(tables, page.to_upright(), page.scale)


def _move_boxes(tables: list[Table], back: np.ndarray, scale: float) -> None:
    """Cell and table boxes (points) taken through `back` (3x3, pixels → pixels)."""

    def moved(bbox):
        x0, y0, x1, y1 = (v * scale for v in bbox)
        corners = back @ np.array([[x0, x1, x0, x1], [y0, y0, y1, y1], [1, 1, 1, 1]], dtype=np.float64)
        xs, ys = corners[0] / corners[2] / scale, corners[1] / corners[2] / scale
        return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())

    for t in tables:
        if t.bbox:
            t.bbox = moved(t.bbox)
        for row in t.rows:
            for cell in row:
                if cell.bbox:
                    cell.bbox = moved(cell.bbox)


def _inside_px(mark, box) -> bool:
    """The centre of a mark (x, y, w, h px) lies in the box."""
    return centre_inside(xywh_box(mark), box)


def _blocks_in_order(words: list[ocr.Word]) -> list[ocr.Word]:
    """The words with each text block of the engine moved up before the first block found
    before it that lies wholly below it: tesseract may hand a block from the page's top (the
    "TAHUN 2019" under a title, a form's values beside their labels) after the blocks under
    it. Blocks side by side (overlapping in height) keep the engine's order; so do the words
    of a block."""
    blocks: dict[int, list[ocr.Word]] = {}
    for w in words:
        blocks.setdefault(w.block, []).append(w)
    placed: list[tuple[float, float, list[ocr.Word]]] = []  # (top, bottom, words)
    for ws in blocks.values():
        top, bottom = min(w.top for w in ws), max(w.bottom for w in ws)
        pos = next((i for i, (t, _, _) in enumerate(placed) if t > bottom), len(placed))
        placed.insert(pos, (top, bottom, ws))
    return [w for _, _, ws in placed for w in ws]


def _page_text(words: list[ocr.Word], tables: list[Table], scale: float) -> str:
    """The page's text in reading order, each ruled table's rows where the table stands."""
    # each text line with its top, to slot the tables in
    out_lines = [(top / scale, text) for top, text in ocr.text_lines(_blocks_in_order(words))]
    for t in tables:
        if t.engine != ENGINE or not t.rows:
            continue
        rows = [" ".join(c.text.replace("\n", " ") for c in row if not c.empty) for row in t.rows]
        block = "\n".join(r for r in rows if r.strip())
        pos = next((i for i, (top, _) in enumerate(out_lines) if top > t.bbox[1]), len(out_lines))
        out_lines.insert(pos, (t.bbox[1], block))
    return "\n".join(ln for _, ln in out_lines).strip()


_SPECKS_ONLY = re.compile(r"[\s.,:;'`\"·∙]+")  # no "-": a dash alone is a printed "none"
_READABLE = re.compile(r"\d|[^\W\d_]{3}")  # a figure, or a word of three letters


def _ruled_table(key: int, g: gridmod.Grid, cell_words: dict, scale: float, number: int) -> Optional[Table]:
    nr, nc = len(g.ys) - 1, len(g.xs) - 1
    xs = [x / scale for x in g.xs]
    ys = [y / scale for y in g.ys]
    bars = [(x0 / scale, y0 / scale, x1 / scale, y1 / scale) for x0, y0, x1, y1 in g.bars]
    rows: list[list[Cell]] = []
    for r in range(nr):
        row = []
        for c in range(nc):
            r0, c0 = g.owner[r][c]
            if (r0, c0) != (r, c):
                row.append(Cell(text="", page=number, engine=ENGINE, spanned=Span.LEFT if r0 == r else Span.UP))
                continue
            bx0, by0, bx1, by1 = (v / scale for v in g.cell_box(r, c))
            ws = cell_words.get((key, r, c), [])
            inner = [b for b in bars if bar_inside(b, (bx0, by0, bx1, by1))]
            text = ocr.cell_text(ws, inner)
            if _SPECKS_ONLY.fullmatch(text):
                # dust read as points and colons in a blank cell (one a merged cell's text stands
                # over): blank, as printed, so that the cell above fills it
                text, ws = "", []
            cell = Cell(text=text, bbox=(bx0, by0, bx1, by1), page=number,
                        engine=ENGINE, confidence=ocr.confidence(ws))
            _set_corrections(cell, ws)
            row.append(cell)
        rows.append(row)
    if not rows:
        return None
    if nr == 1 and not any(_READABLE.search(c.text) for c in rows[0]):
        # a lone row of cells reading no word and no figure is no table row: the strokes of a
        # title's large letters, light on a dark band, boxed a few glyphs that read as letters
        # ("K | F | er"), and at a page's top it would pass for the table's next row
        return None
    return Table(rows=rows, page=number, bbox=(xs[0], ys[0], xs[-1], ys[-1]), engine=ENGINE)


def _set_corrections(cell: Cell, words: list[dict]) -> None:
    """Word corrections of the cell's words, part labels whose colon was lost, and words
    broken in two at a space read inside them."""
    fixes = ocr.corrections(words)
    cell.text, label_fixes = restore_label_colons(cell.text)
    fixes += label_fixes
    cell.text, joined = rejoin_broken_words(cell.text)
    fixes += joined
    if fixes:
        cell.corrections = fixes


def _as_ocr(table: Table, words: list[dict]) -> None:
    """A borderless table built from OCR words: engine, confidences, corrections."""
    table.engine = ENGINE
    for row in table.rows:
        for cell in row:
            cell.engine = ENGINE
            if cell.bbox:
                ws = [w for w in words if centre_inside(word_box(w), cell.bbox)]
                cell.confidence = ocr.confidence(ws)
                _set_corrections(cell, ws)


def _lines_between(words: list[dict], top: float, bottom: float) -> list[str]:
    """The text lines whose words' centres lie between two heights, top to bottom."""
    inside = [w for w in words if top <= (w["top"] + w["bottom"]) / 2 < bottom]
    return [s for s in (" ".join(w["text"] for w in ln).strip() for ln in lines_by_centre(inside)) if s]


def _attach_context(tables: list[Table], words: list[dict]) -> None:
    """Text lines between a table and the one above it; whether a table starts /
    ends the page's content (so it may continue across pages), as the text-layer
    extractor decides it."""

    def lines_in(top: float, bottom: float) -> list[str]:
        inside = [w for w in words if top <= (w["top"] + w["bottom"]) / 2 < bottom]
        return [s for s in (" ".join(w["text"] for w in ln).strip() for ln in lines_by_centre(inside)) if s]

    mark_page_edges(tables, lines_in, float("inf"))
    if tables and not tables[-1].ends_page:
        # a signature's scribble over the table's foot reads as a short unsure "word" under it
        # ("AYP"): no text of the page's, so the table still runs to the page's foot (and on
        # over the next page)
        under = [w for w in words if (w["top"] + w["bottom"]) / 2 >= tables[-1].bbox[3] + 0.5]
        tables[-1].ends_page = all(_unsure_mark(w) for w in under)


def _unsure_mark(word: dict) -> bool:
    """A word read from a pen's stroke or a speck rather than print: a few letters at most, not a
    lexicon word, and read unsure (or no letter at all), as `ocr.drop_pen_marks` tells them."""
    core = "".join(ch for ch in word["text"] if ch.isalnum())
    return len(core) <= ocr.PEN_LETTERS and core.lower() not in ocr.lexicon()[0] \
        and (not core or word.get("conf", 100.0) < ocr.PEN_CONF)


# --------------------------------------------------------------------------
# many pages: a process pool made by the caller, tesseract single-threaded in each worker


def make_pool(settings: OcrSettings) -> ProcessPoolExecutor:
    """A pool for `submit_pages`; the caller owns it (and shuts it down)."""
    # not "fork": a process with threads (OpenCV, Arrow, BLAS pools) may be
    # forked while one of them holds a lock, and the child waits forever.
    # The fork server is a fresh process with the OCR modules loaded once.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["iku.extractors.scanned"])
    return ProcessPoolExecutor(max_workers=settings.workers, mp_context=ctx, initializer=raster.single_threaded)


def submit_pages(path: str, numbers: Iterable[int], settings: OcrSettings,
                 executor: Optional[Executor] = None) -> dict[int, Future]:
    """Start OCR of the given pages on the executor (without one: here, one after another);
    {page number: future of PageResult}."""
    numbers = list(numbers)
    if executor is None:
        raster.single_threaded()
        out = {}
        for n in numbers:
            f: Future = Future()
            try:
                f.set_result(extract_page(path, n, settings))
            except Exception as exc:  # handed to the caller like a worker's error
                f.set_exception(exc)
            out[n] = f
        return out
    return {n: executor.submit(extract_page, path, n, settings) for n in numbers}
