"""OCR of a page image: one engine call per page region, word boxes with confidences.

Words are read once per page (never one process per cell) and then handed
out to table cells by their position; text lines inside a cell are rebuilt
from the word boxes.

Tesseract's languages: `eng+ind`, in that order (OcrSettings.languages). Measured (tests/test_ocr.py reads a
degraded synthetic page three times; benchmarks/bench_ocr.py on the samples):
with `ind` alone "95,5%" comes out "95,56" or "95,546" and "x 100%" as
"x 10076"; `ind+eng` fixes "100%" and "(%)" but still reads "95,5%" as
"95,56"; `eng+ind` reads all of them right, and scores the same on
Indonesian words (token precision and recall equal on the scanned samples).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median
from typing import TYPE_CHECKING, Optional

import cv2
import numpy as np

from iku.extractors.components import label
from iku.extractors.fractions import linearise_words, opens_with_label
from iku.extractors.geometry import contains_point, lines_by_centre, lines_text
from iku.extractors.ocr_correction import lexicon
from iku.extractors.settings import OcrSettings

if TYPE_CHECKING:  # the engines read images into this module's Word
    from iku.extractors.ocr_engine import OcrEngine


class OcrError(Exception):
    """The OCR engine missing or failing."""


@dataclass
class Word:
    text: str
    conf: float  # 0..100
    x0: float
    top: float
    x1: float
    bottom: float
    block: int = 0
    par: int = 0
    line: int = 0
    original: Optional[str] = None  # the text as read, when post-correction changed it
    extra: dict = field(default_factory=dict)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


# --------------------------------------------------------------------------
# one call per page: the page with its tables blanked, and beside it every
# table cell on a sheet of its own (cells stacked with wide gaps), so that
# tesseract never joins text lines across cells (a two-line header next to
# one-line ones, a fraction's "x 100%" next to the following column)

GAP = 48  # px between stacked cells
GUTTER = 160  # px between the page and a stack, and between stacks
PAD = 10  # px of white around a cell's ink
SMALL_H, SMALL_W = 80, 160  # a cell this small holds a number or a mark: set in a row with others
SMALL_GAP, SMALL_ROW = 90, 1400


@dataclass
class Placed:
    key: object
    sx: int  # where the crop sits on the sheet
    sy: int
    ox: int  # where the crop comes from on the page
    oy: int
    w: int
    h: int


def _strip(image: np.ndarray, *groups: list) -> tuple[np.ndarray, list[Placed]]:
    """Crops (key, x, y, w, h) in rows on a white strip, bottoms aligned in a row;
    each group starts a row of its own (tesseract reads a row as one text line,
    and marks from elsewhere on the page must not join a cell's number)."""
    crops = [c for g in groups for c in g]
    width = max([SMALL_ROW] + [c[3] for c in crops])
    rows: list[list] = [[]]
    x = GAP
    for g in groups:
        if rows[-1]:
            rows.append([])
            x = GAP
        for c in g:
            if rows[-1] and x + c[3] > width:
                rows.append([])
                x = GAP
            rows[-1].append(c)
            x += c[3] + SMALL_GAP
    placed: list[Placed] = []
    y = GAP
    for row in rows:
        row_h = max([SMALL_H] + [c[4] for c in row])
        x = GAP
        for key, ox, oy, cw, ch in row:
            placed.append(Placed(key, x, y + row_h - ch, ox, oy, cw, ch))
            x += cw + SMALL_GAP
        y += row_h + GAP
    strip = np.full((y, width + SMALL_W + 2 * GAP), 255, dtype=np.uint8)
    for p in placed:
        strip[p.sy:p.sy + p.h, p.sx:p.sx + p.w] = image[p.oy:p.oy + p.h, p.ox:p.ox + p.w]
    return strip, placed


# what an unread mark may be: a row or list number ("1.", "2)", "(3)", "a."), "No."
_NUMBERING = re.compile(r"\(?\d{1,2}[.):]?\)?|\(?[a-z][.)]\)?|No\.?", re.I)


def _join_lines(words: list[Word], extra: list[Word]) -> None:
    """Put each extra word into the text line it sits on, before the word right of
    it (in place); a word with nothing to its right on its line, or inside a
    sentence, is dropped."""
    for wd in extra:
        right = [w for w in words if w.top <= wd.cy <= w.bottom and w.x0 >= wd.x1]
        left = [w for w in words if w.top <= wd.cy <= w.bottom and w.x1 <= wd.x0 + 1]
        # a number opens its line, or follows a label ("Menimbang : a."): a speck
        # between two words of a sentence reads as a number or a letter too
        if not right or (left and not max(left, key=lambda w: w.x1).text.endswith(":")):
            continue
        nxt = min(right, key=lambda w: w.x0)
        wd.block, wd.par, wd.line = nxt.block, nxt.par, nxt.line
        words.insert(words.index(nxt), wd)


def _unread_tokens(page: np.ndarray, words: list[Word], max_orphans: int,
                   ink_level: int = 160) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h) of short text-sized marks on the page that no word
    covers: the "1." "2." of a No column in a table without rules, which the
    page layout drops as too small to be a text line. A mark is measured on the grey
    half-way from `ink_level` to the paper, where it holds ink darker than `ink_level`:
    a soft glyph (a 150 dpi scan) is lighter at its thin strokes, and at the ink level
    alone a "2" came apart at its neck into an arc too low for a token and a flat bar,
    which then passed for a list dash."""
    if not words:
        return []
    ink = (page < ink_level).astype(np.uint8) * 255
    soft = (page < (ink_level + 255) / 2).astype(np.uint8) * 255
    for wd in words:
        ink[max(int(wd.top) - 3, 0):int(wd.bottom) + 4, max(int(wd.x0) - 3, 0):int(wd.x1) + 4] = 0
        soft[max(int(wd.top) - 3, 0):int(wd.bottom) + 4, max(int(wd.x0) - 3, 0):int(wd.x1) + 4] = 0
    line_h = median(wd.height for wd in words)
    # glyphs of one token joined; tokens side by side stay apart
    joined = cv2.dilate(soft, cv2.getStructuringElement(cv2.MORPH_RECT, (max(int(line_h * 0.5), 3), 3)))
    comps = label(joined)
    out = []
    for i in range(1, comps.n):
        x, y, w, h = (int(v) for v in comps.stats[i, :4])
        inked = int(np.count_nonzero(ink[y:y + h, x:x + w]))
        if inked and any(wd.x1 <= x + 0.5 * line_h and wd.x1 >= x - line_h
                         and min(wd.bottom, y + h) - max(wd.top, y) >= 0.5 * min(wd.height, h) for wd in words):
            # (a word ends just left of it on its line: a piece of that line, not a number opening
            # it — the glyph edges a word's box cut short, joined on the lighter grey, read as "10"
            # inside a date; only row and list numbers are taken from these marks)
            continue
        if 0.5 * line_h <= h <= 1.6 * line_h and w <= 4 * line_h and inked >= 0.04 * w * h and inked >= 40:
            x0, y0 = max(x - PAD, 0), max(y - PAD, 0)
            x1, y1 = min(x + w + PAD, page.shape[1]), min(y + h + PAD, page.shape[0])
            out.append((x0, y0, x1 - x0, y1 - y0))
    return out[:max_orphans]


# a cell is cropped to its ink darker than INK_LEVEL, or than the page's own median ink grey
# when that is lighter and its ink reaches past the crop's pad (`cell_ink_level`): a coarse
# copy's thin strokes are light grey all over (a 150 dpi photocopy: a body cell's darkest dot at
# 184, the kept ink's median at 200), and a fixed black level cropped such a cell to its darkest
# crumbs or left it off the sheet unread
INK_LEVEL = 160


def cell_ink_level(image: np.ndarray) -> float:
    """The grey below which a cell's pixels are its ink, from the page the OCR reads (paper 255:
    all that is not ink and its rim was whitened): INK_LEVEL, or the median of the page's
    non-paper grey when that is lighter."""
    kept = image[image < 255]
    return max(float(INK_LEVEL), float(np.median(kept))) if kept.size else float(INK_LEVEL)


def _ink_box(crop: np.ndarray, ink_level: float = INK_LEVEL) -> Optional[tuple[int, int, int, int]]:
    dark = crop < ink_level
    if int(dark.sum()) < 12:
        return None
    ys = np.flatnonzero(dark.any(axis=1))
    xs = np.flatnonzero(dark.any(axis=0))
    return int(xs[0]), int(ys[0]), int(xs[-1]) + 1, int(ys[-1]) + 1


def _hand_back(wd: Word, placed: list[Placed], cell_words: dict) -> None:
    """A word read on a sheet goes to the cell it was placed from, in page pixels."""
    for p in placed:
        if contains_point((p.sx, p.sy, p.sx + p.w, p.sy + p.h), wd.cx, wd.cy, half_open=True):
            dx, dy = p.ox - p.sx, p.oy - p.sy
            wd.x0, wd.x1, wd.top, wd.bottom = wd.x0 + dx, wd.x1 + dx, wd.top + dy, wd.bottom + dy
            cell_words.setdefault(p.key, []).append(wd)
            return


def _crops_under(wd: Word, placed: list[Placed]) -> list[Placed]:
    """The crops on a sheet that a word read there overlaps."""
    return [p for p in placed if wd.x0 < p.sx + p.w and p.sx < wd.x1 and wd.top < p.sy + p.h and p.sy < wd.bottom]


def read_page_and_cells(image: np.ndarray, cells: dict, engine: "OcrEngine", settings: OcrSettings,
                        blank: list[tuple[float, float, float, float]] = (),
                        inset: int = 4) -> tuple[list[Word], dict]:
    """Words of the page outside `blank` boxes and words of every cell (key → box
    in px), from one engine call (two when some cells hold a lone number).
    All boxes come back in page pixels."""
    h, w = image.shape
    page = image.copy()
    for x0, y0, x1, y1 in blank:
        page[max(int(y0), 0):int(y1) + 1, max(int(x0), 0):int(x1) + 1] = 255
    crops = []
    level = cell_ink_level(image) if cells else INK_LEVEL
    for key, (x0, y0, x1, y1) in cells.items():
        x0, y0 = max(int(x0) + inset, 0), max(int(y0) + inset, 0)
        x1, y1 = min(int(x1) - inset, w), min(int(y1) - inset, h)
        if x1 - x0 < 4 or y1 - y0 < 4:
            continue
        box = _ink_box(image[y0:y1, x0:x1])
        wide = _ink_box(image[y0:y1, x0:x1], level) if level > INK_LEVEL else None
        # (the lighter ink's box only where it reaches past the crop's pad: elsewhere the crop
        # holds that ink already, and a crop moved a few pixels reads a little otherwise)
        if wide is not None and (box is None or any(abs(a - b) > PAD for a, b in zip(wide, box))):
            box = wide
        if box is None:
            continue
        bx0, by0, bx1, by1 = box
        ox, oy = max(x0 + bx0 - PAD, x0), max(y0 + by0 - PAD, y0)
        ex, ey = min(x0 + bx1 + PAD, x1), min(y0 + by1 + PAD, y1)
        crops.append((key, ox, oy, ex - ox, ey - oy))
    # stacks to the right of the page, each as tall as the page (or the tallest cell)
    small = [c for c in crops if c[4] <= SMALL_H and c[3] <= SMALL_W]
    large = [c for c in crops if not (c[4] <= SMALL_H and c[3] <= SMALL_W)]
    placed: list[Placed] = []
    height = max([h] + [c[4] + 2 * GAP for c in large])
    x, y, stack_w = w + GUTTER, GAP, 0
    for key, ox, oy, cw, ch in large:
        if y + ch + GAP > height and y > GAP:
            x, y, stack_w = x + stack_w + GUTTER, GAP, 0
        placed.append(Placed(key, x, y, ox, oy, cw, ch))
        y += ch + GAP
        stack_w = max(stack_w, cw)
    width = (x + stack_w + GUTTER) if placed else w
    sheet = np.full((height, width), 255, dtype=np.uint8)
    sheet[:h, :w] = page
    for p in placed:
        sheet[p.sy:p.sy + p.h, p.sx:p.sx + p.w] = image[p.oy:p.oy + p.h, p.ox:p.ox + p.w]
    page_words: list[Word] = []
    cell_words: dict = {}
    read = engine.read(sheet, settings.psm)
    recovered = recover_passed_over(sheet, read, engine)  # (drops the unsure words it reads again)
    for wd in read + recovered:
        if wd.cx < w and wd.cy < h:
            page_words.append(wd)
        else:
            _hand_back(wd, placed, cell_words)
    # a lone number or mark ("1.", "%") is no text line to tesseract's page layout,
    # and the page layout may also pass over a cell it takes for a picture (a line
    # printed over a screened band): those cells go side by side, bottoms aligned,
    # on a strip read as one block of text (psm 6): a second call, only for pages
    # that have them
    missed = [c for c in large if c[0] not in cell_words]
    orphans = [(("page", i), *box) for i, box in enumerate(_unread_tokens(page, page_words, settings.max_orphans))]
    if small or missed or orphans:
        strip, strip_placed = _strip(image, small + missed, orphans)
        doubtful = {c[0] for c in missed + orphans}
        read = engine.read(strip, 6)
        recovered = recover_passed_over(strip, read, engine)
        # a word over two cells of the strip or more: tesseract ran their tokens into one
        # ("Nmr" and "1." as "Nm.", its centre in neither cell, so both came back empty);
        # those cells are read again each on a strip of its own
        again = {p.key for wd in read + recovered for under in [_crops_under(wd, strip_placed)]
                 if len(under) >= 2 for p in under}
        for wd in read + recovered:
            if not any(p.key in again for p in _crops_under(wd, strip_placed)):
                _hand_back(wd, strip_placed, cell_words)
        for crop in [c for c in small + missed + orphans if c[0] in again]:
            alone, alone_placed = _strip(image, [crop])
            for wd in engine.read(alone, 6):
                _hand_back(wd, alone_placed, cell_words)
        # a region the page layout saw no text in needs surer words: specks in an
        # empty merged cell otherwise come back as "Pa" or "|"
        for key in doubtful & cell_words.keys():
            cell_words[key] = [wd for wd in cell_words[key] if wd.conf >= settings.missed_conf]
            if not cell_words[key]:
                del cell_words[key]
        found = [wd for key in [c[0] for c in orphans if c[0] in cell_words] for wd in cell_words.pop(key)]
        _join_lines(page_words, [wd for wd in found if _NUMBERING.fullmatch(wd.text)])
    return page_words, cell_words


# --------------------------------------------------------------------------
# text lines the page read passed over: tesseract drops whole lines of soft print (a
# 150 dpi scan rendered at 300, a blurred copy) with no word and no doubt, so the page's
# confidence stays high; each band of text-sized ink no word covers is read again, line
# by line, by the other engine's recogniser

# the recogniser's least score (0..1) for a line the first read did not have
RECOVER_SCORE = 0.9
# a word of the first read beside a passed-over band this unsure (0..100) is read again with it
RECOVER_UNSURE = 70.0
# bands of a line this many text heights apart or less are read as one
RECOVER_JOIN = 1.5
# blocks of recovered lines: after any the engines number
RECOVER_BLOCK = 20000
# a band at most this many text heights wide (as `uncovered` gives it: its ink widened by
# 0.6 of a text height) is a glyph or two
RECOVER_PIECE_W = 2.0
# ... and lies inside a read line when a word of the line ends, and another begins, within
# this many text heights of it on either side
RECOVER_PIECE_GAP = 0.5


def _piece_of_read_line(band: tuple, words: list[Word], text_h: float) -> bool:
    """A passed-over band that is no passed-over text: a glyph or two wide (RECOVER_PIECE_W)
    between two words of the read on its line, a word space or less from each
    (RECOVER_PIECE_GAP) — the edge of a glyph a word's box cut short, a speck in a word
    space. The text passed over is a line or a word the read has not (a list number "1."
    opening its line has no word before it); read again, such a piece gives a letter or
    nothing, and on a clean page it alone would load the recogniser (~1.2 s a process)."""
    x0, y0, x1, y1 = band
    if x1 - x0 > RECOVER_PIECE_W * text_h:
        return False
    gap = RECOVER_PIECE_GAP * text_h
    line = [wd for wd in words if min(wd.bottom, y1) - max(wd.top, y0) >= 0.5 * min(wd.height, y1 - y0)]
    left = any(x0 - gap <= wd.x1 and wd.x0 < x0 for wd in line)
    right = any(wd.x0 <= x1 + gap and wd.x1 > x1 for wd in line)
    return left and right


def _second_reader(engine: "OcrEngine"):
    """The recogniser that reads the passed-over bands again: RapidOCR's, after a read by
    tesseract (engine "auto") and after RapidOCR's own read too — its detector now and
    then passes over a whole clear line (a short line set close under a long one), which
    its recogniser, given the line's band, reads surely. None when tesseract alone was
    asked for."""
    second = getattr(engine, "accurate", None)
    if second is None and callable(getattr(engine, "recognise", None)):
        second = engine  # engine "rapidocr"
    return second


def _bands_in_lines(boxes: list[tuple], text_h: float) -> list[tuple]:
    """Bands of ink (x0, y0, x1, y1) on one text line joined when less than RECOVER_JOIN
    text heights apart (the words of a line, parted at a wide word space), in reading
    order: the recogniser reads a line whole better than its pieces."""
    out: list[list] = []
    for b in sorted(boxes, key=lambda b: b[0]):
        for o in out:
            if min(o[3], b[3]) - max(o[1], b[1]) >= 0.5 * min(o[3] - o[1], b[3] - b[1]) \
                    and b[0] - o[2] <= RECOVER_JOIN * text_h:
                o[:] = [o[0], min(o[1], b[1]), max(o[2], b[2]), max(o[3], b[3])]
                break
        else:
            out.append(list(b))
    return [tuple(b) for b in sorted(out, key=lambda b: (b[1], b[0]))]


def _bare(text: str) -> str:
    return re.sub(r"\W", "", text).lower()


def _first_reading_kept(new: list[Word], first: list[Word]) -> list[Word]:
    """The recogniser's words of a band, with the first engine's reading of the same place
    (the band read again alone) where that one is surer of the words:

    * a word the lexicon does not know takes the first engine's word over it when that one
      is a lexicon word (`ocr_engine.lexicon_word_for`, the rule of the per-region mode):
      the recogniser drops or swaps letters tesseract reads right ("vang" for "yang"); one
      word against one, each covering most of the other;
    * a word that is the first engine's words over it run together ("DinasSosial" for
      "Dinas" "Sosial": the recogniser loses narrow word spaces) becomes those words."""
    # ocr_engine imports this module's Word: its helpers are imported where used
    from iku.extractors.ocr_engine import lexicon_word_for, same_place

    out: list[Word] = []
    for wd in new:
        match = sorted((f for f in first if same_place(f, wd) and f.conf >= 50), key=lambda f: f.x0)
        if len(match) > 1 and _bare("".join(f.text for f in match)) == _bare(wd.text):
            parts = [Word(text=f.text, conf=wd.conf, x0=f.x0, top=wd.top, x1=f.x1, bottom=wd.bottom) for f in match]
            if wd.text[-1].isalnum():  # a speck the first engine read as a last mark
                parts[-1].text = parts[-1].text.rstrip(".,:;") or parts[-1].text
            out += parts
            continue
        out.append(wd)
        if len(match) != 1 or [n for n in new if same_place(match[0], n)] != [wd]:
            continue
        if lexicon_word_for(match[0], wd):
            a, b = (w.text.strip(".,:;()[]\"'!?-") for w in (match[0], wd))
            wd.original = wd.original or wd.text
            wd.text = wd.text.replace(b, a)
    return out


def recover_passed_over(image: np.ndarray, words: list[Word], engine: "OcrEngine") -> list[Word]:
    """Words of the text lines the read (`words`, of `image`) passed over, read again by
    the other engine's recogniser: each band of text-sized ink no word covers
    (`ocr_engine.uncovered`: specks, rules and pictures left out), with the unsure words
    of the read right beside it on its line (they leave the read when the band is read:
    "iski" for "miskin", whose "m" lay uncovered), cut into its lines when taller than
    one; a band read surely (RECOVER_SCORE) gives its words, placed on the band's ink.
    A clean page's read covers its text, and gives none."""
    second = _second_reader(engine)
    heights = [w.height for w in words if any(ch.isalnum() for ch in w.text)]
    if second is None or not heights:
        return []
    # ocr_engine imports this module's Word: the region helpers are imported where used
    from iku.extractors import ocr_engine as oe

    text_h = median(heights)
    h, w = image.shape[:2]
    quads, beside = [], []
    for x0, y0, x1, y1 in _bands_in_lines(oe.uncovered(image, words, text_h), text_h):
        near = [wd for wd in words if wd.conf < RECOVER_UNSURE
                and min(wd.bottom, y1) - max(wd.top, y0) >= 0.5 * min(wd.height, y1 - y0)
                and wd.x0 - 0.5 * text_h <= x1 and x0 <= wd.x1 + 0.5 * text_h]
        if not near and _piece_of_read_line((x0, y0, x1, y1), words, text_h):
            continue
        if near:
            x0, x1 = min([x0] + [wd.x0 for wd in near]), max([x1] + [wd.x1 for wd in near])
        # lines set close: cut where the ink thins out between them; each part with a margin
        parts = [(int(p[:, 1].min()), int(p[:, 1].max())) for p in oe.split_lines(
            image, np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float32), [], text_h)]
        px, py = 0.3 * text_h, 0.2 * text_h
        for top, bottom in parts:
            bx0, by0, bx1, by1 = max(x0 - px, 0), max(top - py, 0), min(x1 + px, w), min(bottom + py, h)
            quads.append(np.array([[bx0, by0], [bx1, by0], [bx1, by1], [bx0, by1]], dtype=np.float32))
            beside.append(near)
    if not quads:
        return []
    out: list[Word] = []
    gone: set[int] = set()
    read = second.recognise(image, quads)
    boxes = [tuple(int(v) for v in (*q.min(axis=0), *(q.max(axis=0) - q.min(axis=0)))) for q in quads]
    strip, placed = _strip(image, *[[(k, *b)] for k, b in enumerate(boxes)])
    own: dict = {}
    first = getattr(engine, "chosen", engine)
    if first is not second:  # (the same engine's first reading of a band is no second opinion)
        for wd in first.read(strip, 6):
            _hand_back(wd, placed, own)
    for k, (quad, near, (score, new)) in enumerate(zip(quads, beside, read)):
        new = [wd for wd in new if wd.text.strip()]
        if score < RECOVER_SCORE or not any(ch.isalnum() for wd in new for ch in wd.text):
            continue
        new = _first_reading_kept(new, own.get(k, []))
        # (with the first engine's reading: a point the recogniser read from a speck at a
        # word's end, where that reading has none, is dropped)
        new = oe.fit_reading(image, new, own.get(k, []), (*quad.min(axis=0), *quad.max(axis=0)), text_h)
        # a word over one the read has (the band's margin reached into it) is no new word
        left = {id(o) for o in near}
        new = [wd for wd in new if not any(min(o.bottom, wd.bottom) > max(o.top, wd.top) and min(o.x1, wd.x1)
                                           - max(o.x0, wd.x0) >= 0.5 * (wd.x1 - wd.x0)
                                           for o in words if id(o) not in left)]
        for wd in new:
            wd.block, wd.par, wd.line = RECOVER_BLOCK + k, 1, 1
        out += new
        gone |= {id(wd) for wd in near}
    if gone:
        words[:] = [wd for wd in words if id(wd) not in gone]
    out.sort(key=lambda wd: (wd.block, wd.x0))
    oe.fix_separators(out, words)
    return out


_JUNK = re.compile(r"^[^\w%()/:;.,\-–—•]+$")


_LIST_MARKS = ("-", "–", "—", "•")
SURE_GLYPH = 85.0
# a list's bullets and the text after them line up within this many line heights
BULLET_ALIGN = 0.45
# marks a faded bullet dot is read as that are also text (`mark_bullets`)
_BULLET_STOPS = (":", ";")


def mark_bullets(words: list[Word]) -> int:
    """Bullets the OCR read as stray marks ("»", "“", "*", "«"): a mark with no letter
    or digit that opens its line, small beside the line's first word, is a bullet when
    at least one other line opens the same way, its mark at the same x and its text at
    the same indent (a list's column of bullets). Read as noise it would be dropped,
    and the list's items run together. Such marks become "•" (a dash stays a dash) and
    are kept by `is_junk`; returns how many changed. Run on one cell's words, or on a
    page's: the alignment, not the block, ties a list together."""
    cands, stops = [], []
    for w in words:
        text = w.text.strip()
        if not text or len(text) > 2 or any(ch.isalnum() for ch in text):
            continue
        # a colon or semicolon opening a line is a bullet only under a bullet read as one
        # (below): a faded dot read as ":" runs two indicators of one cell together
        stop = text in _BULLET_STOPS
        if text[0] in "%()/:;.," and not stop:
            continue
        cy = w.cy
        line = [o for o in words if o is not w and o.top <= cy <= o.bottom]
        after = [o for o in line if o.x0 >= w.x1 - 1 and any(ch.isalnum() for ch in o.text)]
        if not after:
            continue
        nxt = min(after, key=lambda o: o.x0)
        h = max(nxt.height, 1.0)
        if w.x1 - w.x0 > 1.2 * h or w.height > 1.3 * h or nxt.x0 - w.x1 > 2.5 * h:
            continue
        # a bullet is a mark of some size about the middle of its line (a speck, a full
        # stop on the baseline or a quote at the top is not)
        if max(w.x1 - w.x0, w.height) < 0.2 * h or not (nxt.top + 0.2 * h <= cy <= nxt.bottom - 0.2 * h):
            continue
        # it opens its line: nothing right before it
        if any(o.x1 <= w.x0 + 1 and w.x0 - o.x1 <= 3 * h for o in line):
            continue
        (stops if stop else cands).append((w, nxt, h))
    changed = 0
    for w, nxt, h in cands:
        tol = BULLET_ALIGN * h
        mates = [o for o, n, _ in cands if o is not w and abs(o.cx - w.cx) <= tol and abs(n.x0 - nxt.x0) <= tol
                 and abs(o.cy - w.cy) > 0.5 * h]
        # (a mark read surely as another glyph is that glyph: a sum sign "∑" read as ">";
        # a dash stays as read, kept or dropped by its own confidence)
        if not mates or w.conf >= SURE_GLYPH or w.text.strip() in _LIST_MARKS:
            continue
        w.text = "•"  # a mark, not a word: no correction to report
        w.conf = max(w.conf, 50.0)
        changed += 1
    for w, nxt, h in stops:
        # however surely read: its text at a bullet's indent, its mark at that bullet's x
        tol = BULLET_ALIGN * h
        if any(o.text == "•" and abs(o.cx - w.cx) <= tol and abs(n.x0 - nxt.x0) <= tol and abs(o.cy - w.cy) > 0.5 * h
               for o, n, _ in cands):
            w.text = "•"
            changed += 1
    return changed


def is_junk(w: Word) -> bool:
    """Marks left by noise: no letter or digit, or unsure and tiny."""
    alnum = sum(ch.isalnum() for ch in w.text)
    if alnum == 0 and (w.conf < 60 or _JUNK.match(w.text)):
        # a lone bullet or dash at a line start is kept by the caller's judgement
        return not (w.text in ("-", "–", "—", "•", "%", ":", "/") and w.conf >= 30)
    if alnum <= 2 and w.conf < 25:
        return True
    return False


# a pen stroke read as a word: this many times as tall as the page's words, few letters, unsure
PEN_TALL, PEN_LETTERS, PEN_CONF = 1.6, 3, 80.0


def drop_pen_marks(groups: list[list[Word]]) -> None:
    """Words that are a pen's stroke, not print: a tick, a signature's flourish or a stray
    line across a table reads as a short unsure "word" ("Wt", "TV") much taller than the
    print around it. Left in, it opens a column of its own in a header drawn without rules,
    and the lines under it then cross that column and end the table. The page's print is
    the median height of its words of several letters; `groups` (the page's words, each
    cell's words) are thinned in place. A word of the domain lexicon ("IKU", "No") is print
    whatever its box, and so is the only word of a cell (a header label set large)."""
    heights = [w.height for ws in groups for w in ws if sum(ch.isalnum() for ch in w.text) >= 4]
    if len(heights) < 20:
        return
    tall = PEN_TALL * median(heights)
    known = lexicon()[0]

    def pen(w: Word) -> bool:
        core = "".join(ch for ch in w.text if ch.isalnum())
        return w.height >= tall and w.conf < PEN_CONF and len(core) <= PEN_LETTERS and core.lower() not in known

    for ws in groups:
        if len(ws) > 1:
            ws[:] = [w for w in ws if not pen(w)]


def drop_long_strokes(words: list[Word], image: np.ndarray, reach: float = 1.0) -> list[Word]:
    """The words that are no long stroke read as a glyph: a photographed sheet's edge against
    the desk (a thick dark band down the page's side, too thick for a rule), a fold or a
    margin line reads as "1", "l" or "|" at a few heights along it, and beside a table drawn
    without rules that "1" opens a row of its own. A printed glyph's ink ends within its
    line; a stroke's runs on unbroken in one column past the word's box above and below
    (`reach`: by the word's height each way). `image`: the page as read, paper white."""
    H, W = image.shape[:2]

    def stroke(w: Word) -> bool:
        if sum(ch.isalnum() or ch in "|!" for ch in w.text) != len(w.text.strip()) or len(w.text.strip()) > 2:
            return False
        h = w.bottom - w.top
        x0, x1 = int(max(w.x0, 0)), int(min(w.x1, W))
        top, bottom = int(w.top - reach * h), int(w.bottom + reach * h) + 1
        if x1 <= x0 or h <= 0 or top < 0 or bottom > H:
            return False
        band = image[top:bottom, x0:x1] < 230  # (the edge of a shadowed sheet is a light grey)
        return bool((band.mean(axis=0) >= 0.95).any())

    return [w for w in words if not stroke(w)]


# punctuation that a speck becomes: dropped when it stands alone
_NOISE_MARKS = set(".,'`‘’\"“”_~^*°·;|!¦")
_QUOTES = "'\"‘’“”`"


# a middle dot is no mark of print in these documents: one glued to a word's edge or to a list
# marker is a speck read with it ("jalan·", "b.·Level" hides the item "b." from the splitter)
_GLUED_DOT = re.compile(r"^[·∙]+|[·∙]+$|(?<=^[a-zA-Z][.)])[·∙]+|(?<=^\d[.)])[·∙]+|(?<=^\d\d[.)])[·∙]+")


def tidy(words: list[Word]) -> list[Word]:
    """Words without the marks noise leaves: lone dots and commas, quote marks on a
    word's edges (a speck before "pemenuhan" would hide that a cell goes on in
    lower case), middle dots glued to a word or a list marker, empty words."""
    out = []
    for w in words:
        text = w.text.strip(_QUOTES) if len(w.text) > 1 else w.text
        if len(text) > 1 and not all(ch in _NOISE_MARKS for ch in text):
            text = _GLUED_DOT.sub("", text)
        if not text or all(ch in _NOISE_MARKS for ch in text):
            continue
        if text != w.text:
            w.text = text
        out.append(w)
    return out


# a word whose box lies this much (share of its area) over another word's box of another line
READ_TWICE_OVERLAP = 0.7


# no printer puts ink this close (mm) to the sheet's edge
EDGE_MARGIN_MM = 4.0


def drop_edge_marks(words: list[Word], shape: tuple[int, int], dpi: float = 300.0) -> list[Word]:
    """Words without the marks read at the sheet's very edge: the rim of a lid shadow, a
    punch hole or the copy's edge comes out as a lone "-" or "." there, and beside a table's
    first column it opens that cell's text ("- Meningkatnya …"), as a list mark would. Print
    never lies there; a word of letters or digits is left as read."""
    h, w = shape
    m = EDGE_MARGIN_MM / 25.4 * dpi
    return [wd for wd in words if any(ch.isalnum() for ch in wd.text)
            or not (wd.x1 <= m or wd.x0 >= w - m or wd.bottom <= m or wd.top >= h - m)]


def drop_read_twice(words: list[Word]) -> list[Word]:
    """Words without the second readings tesseract now and then gives of one piece of ink:
    a word of another text line (of its block) whose box lies mostly over a word's box and
    whose letters are part of that word's ("00%" over "100%"). Print never overlaps itself,
    so the shorter reading is dropped; the longer keeps the glyph the other lost."""
    def area(a: Word) -> float:
        return max(a.x1 - a.x0, 0) * max(a.bottom - a.top, 0)

    bare = {id(w): _bare(w.text) for w in words}
    gone: set[int] = set()
    # the overlaps of a word with every word at once (numpy, the same float arithmetic): word
    # by word in Python this pairwise test cost 4x more (~0.02 s CPU a 150 dpi page)
    box = np.array([(w.x0, w.top, w.x1, w.bottom) for w in words], dtype=np.float64).reshape(-1, 4)
    keys: dict = {}
    line = np.array([keys.setdefault((w.block, w.par, w.line), len(keys)) for w in words], dtype=np.int64)
    same: dict[int, list[int]] = {}  # (one Word object listed twice is one word)
    for k, w in enumerate(words):
        same.setdefault(id(w), []).append(k)
    alive = np.ones(len(words), dtype=bool)
    for i, w in enumerate(words):
        core = bare[id(w)]
        if not core or area(w) <= 0:
            continue
        ix = np.minimum(box[i, 2], box[:, 2]) - np.maximum(box[i, 0], box[:, 0])
        iy = np.minimum(box[i, 3], box[:, 3]) - np.maximum(box[i, 1], box[:, 1])
        over = (ix > 0) & (iy > 0) & ~(ix * iy < READ_TWICE_OVERLAP * area(w)) & alive & (line != line[i])
        over[same[id(w)]] = False
        for j in np.flatnonzero(over):
            other = bare[id(words[j])]
            if len(other) > len(core) and core in other:
                gone.add(id(w))
                alive[same[id(w)]] = False
                break
    return [w for w in words if id(w) not in gone] if gone else words


def level(words: list[Word]) -> None:
    """One top and bottom for the words of a tesseract text line (in place).

    OCR boxes hug the glyphs: "yang" starts lower than "Jumlah", a list dash is
    a few pixels high. Code that groups words into lines by their tops (the
    borderless table reader, the fraction reader) needs the line's box. Words
    whose middle is far from the line's (a fraction's "x 100%") keep their own.
    """
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        lines.setdefault((w.block, w.par, w.line), []).append(w)
    for ln in lines.values():
        if len(ln) < 2:
            continue
        top, bottom = median(w.top for w in ln), median(w.bottom for w in ln)
        mid, h = (top + bottom) / 2, bottom - top
        for w in ln:
            if abs(w.cy - mid) <= 0.4 * h:
                w.top, w.bottom = top, bottom


# a gap this many line heights wide inside a tesseract line parts two columns
COLUMN_GAP = 8


def text_lines(words: list[Word]) -> list[tuple[float, str]]:
    """Reading-order lines as (top px, text): tesseract's lines. A line with a gap
    as wide as a column gutter is two lines: tesseract joins the two names of a
    two-column signature block ("PIHAK KEDUA … PIHAK PERTAMA") into one line,
    and the metadata reader needs each name alone."""
    lines: list[tuple[float, list[str]]] = []
    key = prev = None
    for w in words:
        k = (w.block, w.par, w.line)
        if k != key:
            lines.append((w.top, [w.text]))
            key = k
        elif w.x0 - prev.x1 > COLUMN_GAP * max(min(w.height, prev.height), 1.0):
            lines.append((w.top, [w.text]))
        else:
            lines[-1][1].append(w.text)
        prev = w
    return [(top, " ".join(ws)) for top, ws in lines]


def page_text(words: list[Word]) -> str:
    """Reading-order text, a line per text line (see text_lines)."""
    return "\n".join(text for _, text in text_lines(words)).strip()


# --------------------------------------------------------------------------
# word boxes in PDF points, as dicts (the shape extractors/borderless.py and
# extractors/fractions.py read)

def to_points(words: list[Word], scale: float) -> list[dict]:
    """Words in points; a word read in a detector's padded line box carries its line's ink
    top and bottom too ("ink_top", "ink_bottom"; `extra["ink"]`: their insets in the box)."""
    out = []
    for w in words:
        pt = {"text": w.text, "x0": w.x0 / scale, "x1": w.x1 / scale, "top": w.top / scale,
              "bottom": w.bottom / scale, "conf": w.conf, "original": w.original}
        if "ink" in w.extra and w.extra["ink"][0] + w.extra["ink"][1] < w.bottom - w.top:
            pt["ink_top"] = (w.top + max(w.extra["ink"][0], 0.0)) / scale
            pt["ink_bottom"] = (w.bottom - max(w.extra["ink"][1], 0.0)) / scale
        out.append(pt)
    return out


def level_lines(words: list[dict]) -> list[dict]:
    """Copies of the words with one top/bottom for their whole line: OCR boxes hug
    the glyphs ("yang" sits lower than "Jumlah"), the fraction rules compare tops."""
    out = []
    for ln in lines_by_centre(words):
        # the median word: descenders and a bar or rule glued to a glyph do not count
        top, bottom = median(w["top"] for w in ln), median(w["bottom"] for w in ln)
        out.extend(dict(w, top=top, bottom=bottom) for w in ln)
    return out


_TIMES = ("x", "X", "×")
_BAR_BITS = ("-", "–", "—", "_", "=")


def _at_bar_height(line: list[dict], side: list[dict], below: list[dict], h: float) -> bool:
    """A side term set lower than the line it was grouped with, towards the line under
    it, and the two lines centred on each other: a numerator over its denominator."""
    def cy(ws):
        return sum((w["top"] + w["bottom"]) / 2 for w in ws) / len(ws)

    def cx(ws):
        return (min(w["x0"] for w in ws) + max(w["x1"] for w in ws)) / 2

    width = max(max(w["x1"] for w in ws) - min(w["x0"] for w in ws) for ws in (line, below))
    return cy(line) + 0.25 * h <= cy(side) < cy(below) and abs(cx(line) - cx(below)) <= 0.1 * width


def side_terms_last(lines: list[list[dict]]) -> list[list[dict]]:
    """A stacked fraction whose bar was not found (a thin bar lost on a low-resolution
    scan, or read as dashes): its side term ("x 100%", "x 1.000") stands at the bar's
    height, far right of the line it was grouped with, and beside the lines under it
    (the denominator's). Read in line order it would split the fraction ("A B x 100% C");
    it is moved after the last of those lines, where a reader writes it. Dashes between
    it and its line (the bar, read as marks) are dropped. Lines in order, words left to right."""
    out = [list(ln) for ln in lines]
    for i in range(len(out) - 1):
        ln = out[i]
        h = median(w["bottom"] - w["top"] for w in ln) or 1.0
        k = next((k for k in range(1, len(ln) - 1) if ln[k]["text"] in _TIMES), None)
        if k is None:
            continue
        j = k
        while j > 0 and ln[j - 1]["text"] in _BAR_BITS:
            j -= 1
        if j == 0 or any("/" in w["text"] for w in ln[:j]):
            continue
        side = ln[k:]
        nxt = out[i + 1]
        if ln[k]["x0"] - ln[j - 1]["x1"] < 1.2 * h and not _at_bar_height(ln[:j], side, nxt, h):
            continue  # a linear "A x 100%": the times sign follows at a word's space
        last = i
        while last + 1 < len(out) and out[last + 1] and max(w["x1"] for w in out[last + 1]) < side[0]["x0"] \
                and not opens_with_label(out[last + 1]):
            last += 1
        if last == i:
            continue
        out[i] = ln[:j]
        out[last] = out[last] + side
    return out


def cell_text(words: list[dict], bars: list[tuple[float, float, float, float]] = ()) -> str:
    """A cell's text, a stacked fraction written `num / den` when the cell has a bar
    (without one: its side term put after it, `side_terms_last`)."""
    if not words:
        return ""
    if bars:
        text = linearise_words(level_lines(words), bars, scanned=True)
        if text:
            return text
    return lines_text(side_terms_last(lines_by_centre(words)))


def confidence(words: list[dict]) -> float:
    """Mean word confidence, 0..1."""
    if not words:
        return 1.0
    return round(sum(w["conf"] for w in words) / len(words) / 100.0, 3)


def corrections(words: list[dict]) -> list[dict]:
    return [{"original": w["original"], "corrected": w["text"]} for w in words if w.get("original")]
