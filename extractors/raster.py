"""Page images of a scanned PDF: render, turn, deskew, flatten the light, binarise.

Everything here works on one page at 300 dpi (`RENDER_DPI`) whatever the scan's
own resolution: pdfium resamples the page's image(s), so a 150 dpi scan and a
600 dpi 1-bit scan come out at the same scale and the thresholds below (in
pixels) mean the same thing for all of them.

The steps, in order:

1. render grayscale (pypdfium2);
2. flatten uneven light: divide by a blurred estimate of the paper;
3. binarise (Otsu on the flattened page);
4. turn a page scanned sideways (text lines running vertically) upright;
   which way (90° or 270°) is decided by tesseract's orientation detection;
5. deskew: the angle that makes the rows of ink sharpest (projection profile).

`remove_speckles` (specks of a few pixels with no other ink nearby) runs once
the rules are out (extractors/scanned.py): the dot of a colon sitting on an
underline is a dot of its own only then.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import cv2
import numpy as np
import pypdfium2 as pdfium

from iku.extractors.components import Components, erase, label

if TYPE_CHECKING:
    from iku.extractors.ocr_engine import OcrEngine

RENDER_DPI = 300
# small rotation searched by the deskew (degrees)
MAX_SKEW = 4.0
# ink components up to this area (pixels at 300 dpi) are speckle candidates
SPECK_AREA = 40
# a speckle candidate with other ink closer than this (pixels) is kept: an i-dot,
# a full stop, a comma
SPECK_REACH = 5
# screened shading: dots up to this area (px), counted in blocks of this size (px);
# three blocks side by side holding this many are shading. Measured: screened
# header cells and bands 80-130 per window; text pages (samples, real scans)
# at most 11, a grey (unscreened) header row 34.
SCREEN_DOT = 20
SCREEN_CLUMP = 60
SCREEN_BLOCK = 32
SCREEN_DENSITY = 60


@dataclass
class PageImage:
    gray: np.ndarray  # uint8, flattened (paper ≈ 255), upright and deskewed
    ink: np.ndarray  # uint8 0/255, 255 = ink (speckles still in: see remove_speckles); same frame as gray
    width: float  # page size in PDF points in this (upright) frame
    height: float
    rotation: int = 0  # degrees the page was turned clockwise to be upright
    skew: float = 0.0  # degrees of small rotation corrected
    perspective: Optional[np.ndarray] = None  # 3x3 homography undone (a photographed page)
    dpi: Optional[float] = None  # the scan's own resolution (`scan_resolution`), for `binarise`
    faint: bool = False  # its ink was light all over and was darkened (`deepen_faint_ink`)

    @property
    def scale(self) -> float:
        """Pixels per PDF point."""
        return self.gray.shape[1] / self.width

    def to_upright(self) -> np.ndarray:
        """3x3 matrix: pixels of this (deskewed, flattened) image → pixels of the page
        as rendered and turned upright, before deskew and perspective. Boxes handed
        to a reviewer are drawn on that page."""
        h, w = self.gray.shape
        m = np.eye(3)
        if self.skew:
            m[:2] = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), self.skew, 1.0)
        if self.perspective is not None:
            m = self.perspective @ m
        return np.linalg.inv(m)


def render(path: str, index: int, dpi: int = RENDER_DPI) -> tuple[np.ndarray, float, float]:
    """Grayscale image of one page (0-based index) and its size in points."""
    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[index]
        width, height = page.get_size()
        bitmap = page.render(scale=dpi / 72.0, grayscale=True)
        img = bitmap.to_numpy()
        img = (img[:, :, 0] if img.ndim == 3 else img).copy()
        page.close()
    finally:
        pdf.close()
    return img, width, height


# a page image covering at least this share of the page is the page's scan
SCAN_COVER = 0.5


def scan_resolution(path: str, index: int) -> Optional[float]:
    """The resolution (dots per inch, the coarser axis) of the scan a page (0-based index)
    holds: the image placed over the most of the page, when it covers SCAN_COVER of it or
    more. None for a page without one (drawn text, a scan in strips, a logo on paper).
    The page is rendered at RENDER_DPI whatever this is; it tells how much a 300 dpi
    rendering of it can hold (a 150 dpi scan's strokes come out soft, two pixels a dot)."""
    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[index]
        width, height = page.get_size()
        best, cover = None, 0.0
        for obj in page.get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
            left, bottom, right, top = obj.get_bounds()
            share = (right - left) * (top - bottom) / max(width * height, 1e-6)
            if share > cover:
                meta = obj.get_metadata()
                best, cover = min(meta.horizontal_dpi, meta.vertical_dpi), share
        page.close()
    finally:
        pdf.close()
    return float(best) if best and cover >= SCAN_COVER else None


# a page printed light on a dark fill (a slide's cover, a dark theme): where the paper around the
# print (a running median DARK_REACH px wide) is darker than DARK_FILL, its gray levels are turned
# over, so that its print is dark on light as everywhere else (flattened, the fill read as the
# page's ink and the print as paper); only on a page mostly such a fill (DARK_SHARE of it): a dark
# title bar over a light slide stays as it is (its edge, turned over, would leave a band of ink);
# a light island inside the fill, under DARK_ISLAND of the page, is print on it (a large title's
# strokes set close outweigh the fill in the median) and is turned over with it
DARK_FILL, DARK_SHARE, DARK_REACH, DARK_ISLAND = 128, 0.5, 120, 0.01
# ... and only where more of the print on it is lighter than the fill around it (by DARK_CONTRAST
# gray levels) than darker: light print on a fill, not dark print on paper in a dim light
DARK_CONTRAST = 40


def lighten_dark_fill(gray: np.ndarray) -> np.ndarray:
    """The page with its dark fill's gray levels turned over (light print on it made dark), or
    the page itself when it is not mostly printed on a dark fill."""
    small = cv2.resize(gray, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    paper = cv2.medianBlur(small, max(3, DARK_REACH // 8 | 1))
    dark = paper < DARK_FILL
    if dark.mean() < DARK_SHARE:
        return gray
    # paper a dim room or a phone's shadow made as dark as a fill is no fill: on a fill the print
    # stands out lighter than the fill around it, on dim paper darker (a dark border or the desk
    # around the page holds no print either way: its own level is the running median's)
    inside = cv2.resize(dark.astype(np.uint8), (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_NEAREST) > 0
    local = cv2.resize(paper, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    off = gray.astype(np.int16)[inside] - local[inside]
    if (off > DARK_CONTRAST).sum() <= (off < -DARK_CONTRAST).sum():
        return gray
    n, labels, stats, _ = cv2.connectedComponentsWithStats((~dark).astype(np.uint8), connectivity=4)
    rows, cols = dark.shape
    for k in range(1, n):
        x, y, w, h, area = stats[k]
        if area < DARK_ISLAND * dark.size and x > 0 and y > 0 and x + w < cols and y + h < rows:
            dark[labels == k] = True
    mask = cv2.resize(dark.astype(np.uint8), (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_NEAREST) > 0
    out = gray.copy()
    out[mask] = 255 - gray[mask]
    return out


def flatten(gray: np.ndarray) -> np.ndarray:
    """Divide by the paper's brightness (a large closing, then a blur): uneven light,
    a phone capture's shadow and a tinted paper all become white."""
    small = cv2.resize(gray, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    # the closing removes the dark ink so that only the paper is left
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (7, 7)))
    paper = cv2.GaussianBlur(paper, (0, 0), 4)
    paper = cv2.resize(paper, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    out = cv2.divide(gray, np.maximum(paper, 1), scale=255)
    return out


# a faint page (`deepen_faint_ink`): Otsu's ink class at least FAINT_SHARE_MIN of the page, its
# core (as `binarise` measures it) lighter than CUT_CORE_MAX, and FAINT_APART times the paper's
# grain darker than the paper: ink, not grain. The grain: the median difference of pixels
# FAINT_STEP px apart along a row (a scan's blur makes neighbours alike), as a standard deviation.
# Its darkness is scaled so that the core comes to FAINT_CORE, under CUT_CORE_MIN: `binarise`
# then takes Otsu's cut, which the scaling does not move, and the OCR reads black ink
FAINT_SHARE_MIN, FAINT_APART, FAINT_CORE, FAINT_STEP = 0.005, 8.0, 64.0, 3


def deepen_faint_ink(flat: np.ndarray, gray: Optional[np.ndarray] = None) -> np.ndarray:
    """A flattened page whose every stroke is light grey (a faint copy, print on tinted paper
    whose ink is barely darker than it) with its darkness scaled up; any other page itself.
    `binarise` reads a core that light as a blank page's grain and cuts under it: the page came
    out with no ink at all, its tables and text unread. What tells faint ink from grain is the
    page's own measure: ink lies many times the paper's noise below the paper, grain within a
    few. `gray`: the page before `flatten` (whose division lifts the paper to white and cuts
    its grain off at 255), where the grain is measured; `flat` itself when None. Only the
    histogram is read unless the page's ink is that light (a few ms a page)."""
    hist = cv2.calcHist([flat], [0], None, [256], [0, 256]).ravel()
    t, _ = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    cum = np.cumsum(hist)
    below = float(cum[int(t) - 1]) if t >= 1 else 0.0
    if below < FAINT_SHARE_MIN * cum[-1]:
        return flat
    core = float(np.searchsorted(cum, 0.1 * below))  # (`binarise`'s core, off the histogram)
    if core <= CUT_CORE_MAX:
        return flat
    median = float(np.searchsorted(cum, 0.5 * cum[-1]))
    src = flat if gray is None else gray
    rows = src[::4].astype(np.int16)
    step = np.abs(rows[:, FAINT_STEP:] - rows[:, :-FAINT_STEP])
    # (the median |a - b| of two independent samples of a normal grain is 0.954 of its sigma;
    # in the flattened page's levels: the division scaled it by the paper's level)
    noise = float(np.median(step)) / 0.954
    if gray is not None:
        noise *= 255.0 / max(float(np.median(gray[::4, ::4])), 1.0)
    if median - core < FAINT_APART * max(noise, 1.0):
        return flat
    gain = (255.0 - FAINT_CORE) / max(255.0 - core, 1.0)
    return (255.0 - np.clip((255.0 - flat.astype(np.float32)) * gain, 0, 255)).astype(np.uint8)


# toner streaks (`even_toner`): a line of the page whose darkest ink is below STREAK_FADE of
# the page's usual darkest ink is faded, if it holds ink at all (above STREAK_FLOOR of it); a
# streak is STREAK_MIN..STREAK_MAX px (300 dpi) of such lines between lines of full ink
STREAK_FADE, STREAK_FLOOR, STREAK_FULL = 0.7, 0.3, 0.85
STREAK_MIN, STREAK_MAX, STREAK_GAIN = 18, 300, 3.5
# ... its lines' ink within STREAK_EVEN (std / mean) of each other, at most STREAK_LIGHT of the page's
STREAK_EVEN, STREAK_LIGHT = 0.15, 0.6
# ... measured over a running median this many lines wide: a rule across the streak (narrower)
# is left out of it; and leaving out this many lines at each end of the run (its soft edges)
STREAK_RULE, STREAK_SOFT = 15, 6
# ... and its ink this many times the level of the page's emptiest lines
STREAK_EMPTY = 2.5
# ... most of its area paper: darkness under this share of the page's darkest ink
STREAK_PAPER = 0.1
# a band across the sheet: its own faded lines this far (px) from the full lines around it
BAND_EDGE = 15
# ... its lines' ink within BAND_EVEN (std / mean) of each other (a row crosses a text line's
# x-height or only its ascenders: rows vary more than columns)
BAND_EVEN = 0.25
# ... and its paper (the median) at most BAND_PAPER of the page's darkest ink greyer than the
# paper beside it (thin toner lightens the ink only: a greyer band is a shading or a shadow)
BAND_PAPER = 0.03
# ... a band about one text line high: its middle third's ink at least this share of the
# ink near its ends (`_own_ink`: no valley, as the haze between two blurred lines has)
BAND_VALLEY = 0.85


def running_median(values: np.ndarray, size: int) -> np.ndarray:
    """Each value's median over the `size` (odd) values centred on it, the ends repeated
    beyond the edges: scipy.ndimage's median_filter(mode="nearest") on a line, in numpy
    (scipy's import, ~0.3 s CPU and its memory in every worker, was for this alone)."""
    half = size // 2
    padded = np.pad(values, half, mode="edge")
    return np.median(np.lib.stride_tricks.sliding_window_view(padded, size), axis=1).astype(values.dtype)


def even_toner(flat: np.ndarray, across: bool = True) -> np.ndarray:
    """A photocopy's toner streaks evened out: a band down the page or across it (a few to
    a hundred pixels wide) where the toner ran thin leaves every glyph
    and rule in it light grey, and the ink cut, set by the rest of the page, drops them (a
    column rule lost, a cell's words cut off at the band). Along each axis, each line's
    darkest ink (a high percentile: text strokes and rules are a small share of a line) is
    measured against the page's; a run of lines whose ink is clearly there but clearly
    lighter, with full ink on both sides of it, has its darkness scaled up to the page's.
    Lines with no ink (gaps between text lines, margins) are left as they are; so is a run
    in the page's outer twentieths (a margin, a lid shadow) and one too wide for a streak. For a
    deskewed scan or copy (a streak runs along the sheet's edges), not a photograph (its
    blur greys the gaps between text lines evenly): a band across must also hold light ink
    of its own away from the full lines around it and in every part of the text block's
    width, and rows are measured over the text block only (not a desk beside the sheet).
    `across`: False looks for streaks down the sheet only."""
    # the page's darkness (255 - gray, float) made only when a streak is tested or evened: until
    # one is, each line's darkest ink is read off the gray levels (the k-th largest of 255 - g is
    # 255 less the mirrored order statistic of g, the same number), sparing a float copy of the
    # page and a float partition (~0.01 s of a 150 dpi page)
    dark: Optional[np.ndarray] = None

    def darkness() -> np.ndarray:
        nonlocal dark
        if dark is None:
            dark = 255.0 - flat.astype(np.float32)
        return dark

    changed = False
    # each column's darkest ink (axis 0: streaks down the sheet), then each row's (axis 1: a
    # band across it). A photographed page's blur and desk texture lift the gaps between its
    # text lines about as evenly as a band: a band across must hold ink away from its edges
    # (`_own_ink`), not only the haze of the full lines beside it, and rows are measured only
    # across the columns of the page's full ink (the text block: a desk beside it is textured).
    span = (0, flat.shape[1])
    for axis in (0, 1) if across else (0,):
        n = flat.shape[1 - axis]
        # every third line across (enough for a percentile), the page's outer tenths left out
        # (a lid shadow, the desk and the sheet's edges round a photographed page)
        m = flat.shape[axis] // 10
        a, b = (m, flat.shape[axis] - m) if axis == 0 else (max(m, span[0]), min(flat.shape[axis] - m, span[1]))
        if b - a < 2 * m:
            continue
        source = darkness() if changed else flat
        sample = source[a:b:3] if axis == 0 else source[:, a:b:3]
        k = int(sample.shape[axis] * 0.995)
        if changed:
            peak = np.partition(sample, k, axis=axis).take(k, axis=axis)
        else:
            lo = sample.shape[axis] - 1 - k
            peak = 255.0 - np.partition(sample, lo, axis=axis).take(lo, axis=axis).astype(np.float32)
        peak = cv2.blur(peak.reshape(1, -1).astype(np.float32), (5, 1)).ravel()
        inked = peak[peak > 0.5 * peak.max()] if peak.max() > 0 else peak
        if not inked.size:
            continue
        ref = float(np.median(inked))
        full = peak >= STREAK_FULL * ref
        if axis == 0:
            cols = np.nonzero(full)[0]
            span = (int(cols[0]), int(cols[-1]) + 1) if cols.size else span
        # no ink: the level of the page's emptiest lines (paper; a phone capture's desk
        # around the sheet lifts it for every line). The tenth percentile, or the outer
        # twentieths' median when that is emptier (no streak is looked for there): a table
        # across a landscape page leaves under a tenth of its columns empty, and its tenth
        # percentile falls in the streak itself, which then seems to hold no ink
        edge = n // 20
        # (each twentieth on its own: a lid shadow or a desk greys one edge, and the median
        # of both together then falls in the shadow's level)
        empty = min(float(np.percentile(peak, 10)),
                    min(float(np.median(peak[:edge])), float(np.median(peak[n - edge:]))) if edge else np.inf)
        floor = max(STREAK_FLOOR * ref, STREAK_EMPTY * empty)
        # a streak down the sheet may have lost more of its toner than STREAK_FLOOR (a copier's
        # dropout: a fifth of the ink or less). The page's own levels then set the floor: its
        # empty lines' (STREAK_EMPTY) and the darkest paper a streak may have (STREAK_PAPER);
        # such a run is taken only when its ink continues the lines beside it (`_continues`),
        # as a faded slice of the same text lines and rules does and a back page's bleed-through
        # in a gutter does not. (Not across: a band across as faint is bleed-through between a
        # signature's lines as often as toner.)
        deep = max(STREAK_EMPTY * empty, STREAK_PAPER * ref)
        floors = (floor, deep) if axis == 0 and deep < floor else (floor,)
        # (a band across: its grain lifts a line over the fade here and there; any line short of
        # full ink stays in the run)
        low = peak < (STREAK_FADE if axis == 0 else STREAK_FULL) * ref
        # a rule down the streak is faded too but keeps more of its ink than the letters'
        # strokes beside it (a line of unbroken toner): a narrow spike in an even run. (Not
        # across: a band's text lines alternate with the gaps between them, which a running
        # median would mix into its level)
        smooth = running_median(peak, STREAK_RULE) if axis == 0 else peak
        i = 0
        while i < n:
            if not low[i]:
                i += 1
                continue
            j = i
            while j < n and low[j]:
                j += 1
            # a run [i, j) of lines lighter than full ink
            # (a deeper dropout inside a lighter streak, STREAK_MIN lines or more under the first
            # floor: the deep floor first, to even both levels together (`_nested_streaks`); the
            # first floor would even the lighter one alone and leave the deep one as it was)
            order = floors
            if len(floors) == 2 and longest_run((peak[i:j] < floors[0]) & (peak[i:j] >= floors[1])) >= STREAK_MIN:
                order = floors[::-1]
            for fl in order:
                faded = (peak[i:j] >= fl)
                level = peak[i:j][faded]
                # the toner ran thin evenly across the streak: its lines' ink is about equally light
                # (lines crossing only a few thin strokes of sparse text vary from line to line)
                # (over the run's inside: its first and last STREAK_SOFT lines ramp from the streak's
                # level up to full ink, blurred by the scan and the deskew's resampling, and a
                # degree's hundredth more or less of deskew made them the run's unevenness)
                inside = faded.copy()
                inside[:STREAK_SOFT], inside[max(j - i - STREAK_SOFT, 0):] = False, False
                steady = smooth[i:j][inside if np.count_nonzero(inside) >= STREAK_MIN else faded]
                # (down the sheet, two streaks laid over each other are even too: a deeper one inside
                # a lighter one, each level in itself, `_nested_streaks`)
                even = level.size >= STREAK_MIN \
                    and ((_even_bulk(steady) if axis == 0 else float(np.std(steady)) <= BAND_EVEN * float(np.mean(steady)))
                         or axis == 0 and _nested_streaks(steady)) \
                    and float(np.median(level)) <= (STREAK_LIGHT if axis == 0 else STREAK_FADE) * ref
                if (n // 20 <= i and j <= n - n // 20 and full[max(i - 12, 0):i].any() and full[j:j + 12].any()
                        and j - i <= STREAK_MAX and even and _along(darkness(), axis, i, j, ref, (a, b), fl)
                        and (axis == 0 or _own_ink(faded, peak[i:j]))
                        and (fl == floor or _continues(darkness(), i, j, float(np.median(level)), ref, (a, b)))):
                    gain = np.where(faded, np.minimum(ref / np.maximum(peak[i:j], 1.0), STREAK_GAIN), 1.0)
                    gain = cv2.blur(gain.reshape(1, -1).astype(np.float32), (7, 1)).ravel()
                    if axis == 0:
                        darkness()[:, i:j] *= gain[None, :]
                    else:
                        darkness()[i:j, :] *= gain[:, None]
                    changed = True
                    break
            i = j
    if not changed:
        return flat
    return (255.0 - np.clip(dark, 0, 255)).astype(np.uint8)


def longest_run(mask: np.ndarray) -> int:
    """The length of the longest stretch of True in a line of booleans."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return int((edges[1::2] - edges[::2]).max()) if edges.size else 0


def _nested_streaks(steady: np.ndarray) -> bool:
    """A run of faded lines down the sheet (`steady`: each line's darkest ink, in order) is two
    streaks laid over each other: the lines darker than midway between the run's lighter and
    darker ink (its 90th and 10th percentiles) lie in one stretch, and that stretch and the lines
    beside it are each even (STREAK_EVEN), their STREAK_SOFT lines next to the step left out (the
    scan's blur ramps from one level to the other). A copier's dropouts overlap: a deep one inside
    a lighter one left the run's two levels too far apart to be one even streak, and the deep one,
    its neighbours not full ink, was never a run of its own; its text was lost (a column of words
    cut in two, read as two columns). The lines of sparse print vary from line to line, not in
    two level stretches."""
    lo, hi = (float(v) for v in np.percentile(steady, (10, 90)))
    deep = np.flatnonzero(steady < 0.5 * (lo + hi))
    if deep.size < STREAK_MIN or deep[-1] - deep[0] + 1 != deep.size:
        return False
    inner = steady[deep[0] + STREAK_SOFT:deep[-1] + 1 - STREAK_SOFT]
    outer = np.concatenate([steady[:max(deep[0] - STREAK_SOFT, 0)], steady[deep[-1] + 1 + STREAK_SOFT:]])
    return inner.size > 0 and outer.size >= STREAK_SOFT and _even_bulk(inner) and _even_bulk(outer)


# a streak's lines are even in their bulk: the STREAK_OUTLIERS share of them farthest out at each end
# of their levels left out of the measure
STREAK_OUTLIERS = 0.05


def _even_bulk(steady: np.ndarray) -> bool:
    """The lines of a run down the sheet (`steady`: each line's darkest ink) are even
    (STREAK_EVEN, std / mean) once their few lightest and darkest (STREAK_OUTLIERS each) are left
    out: a dropout running beside a column rule takes in the cell's padding, where only the row
    rules cross it (a few lines far lighter than the streak, past its soft edge), and those lines
    alone made an even streak of a copy's deep dropout uneven (its column of words left cut).
    The lines of sparse print vary all over, not in a few lines."""
    ordered = np.sort(steady)
    k = int(ordered.size * STREAK_OUTLIERS)
    bulk = ordered[k:ordered.size - k]
    return bulk.size > 0 and float(np.std(bulk)) <= STREAK_EVEN * float(np.mean(bulk))


def _own_ink(inked: np.ndarray, level: Optional[np.ndarray] = None) -> bool:
    """A band across the sheet holds a text line of its own light ink: STREAK_MIN faded
    lines in a row, more than BAND_EDGE px from both its ends (full lines). The gap between
    two text lines of a blurred photograph is grey only near the lines beside it; a light
    thin rule and the descenders of the line above are a few lines each.
    A band about one text line high (a table's shaded header row whose first line the toner
    missed, between the table's top rule and the row's second line) has too few lines that far
    from its ends: it holds its own line when every line of it is faded ink and its `level`
    (each line's darkest ink) keeps up in its middle. The haze beside two lines of a blurred
    photograph fades towards the gap's middle: a valley."""
    inner = inked[BAND_EDGE:inked.size - BAND_EDGE].astype(np.int8)
    if inner.any():
        edges = np.flatnonzero(np.diff(np.concatenate(([0], inner, [0]))))
        if int((edges[1::2] - edges[::2]).max()) >= STREAK_MIN:
            return True
    if level is None or inked.size < 2 * STREAK_MIN or not inked.all():
        return False
    third = inked.size // 3
    sides = np.concatenate([level[STREAK_SOFT:third], level[inked.size - third:inked.size - STREAK_SOFT]])
    return float(np.median(level[third:inked.size - third])) >= BAND_VALLEY * float(np.median(sides))


def _along(dark: np.ndarray, axis: int, i: int, j: int, ref: float, span: tuple[int, int],
           floor: Optional[float] = None, parts: int = 4) -> bool:
    """A streak runs the page's length: in each part of it (a quarter of the page) where the
    lines beside it hold full ink, its own lines are light too. Light lines that are only a
    sparse region's few thin strokes have dark ink in some part."""
    band = dark[:, i:j] if axis == 0 else dark[i:j, :].T
    lo, hi = max(i - 12, 0), j + 12
    side = np.concatenate([dark[:, lo:i], dark[:, j:hi]], axis=1) if axis == 0 \
        else np.concatenate([dark[lo:i, :], dark[j:hi, :]], axis=0).T
    band, side = band[span[0]:span[1]], side[span[0]:span[1]]  # as measured in `even_toner`
    edges = np.linspace(0, band.shape[0], parts + 1).astype(int)
    seen = inked = 0
    for a, b in zip(edges[:-1], edges[1:]):
        if float(np.percentile(side[a:b], 99.5)) < STREAK_FULL * ref:
            continue  # no full ink beside the streak here
        seen += 1
        level, paper = (float(v) for v in np.percentile(band[a:b], (99.5, 50)))
        if level > STREAK_FADE * ref or paper > STREAK_PAPER * ref:
            return False  # full ink in the streak here, or no paper (a desk's texture, a shading)
        if axis == 1 and paper > float(np.percentile(side[a:b], 50)) + BAND_PAPER * ref:
            return False  # a band's paper greyer than the paper beside it: a shaded row, a shadow
        inked += level >= (STREAK_FLOOR * ref if floor is None else floor)
    # (light ink in it, not mere paper: the gaps between text lines beside a phone capture's
    # desk are lifted all along)
    # (a band across the sheet: full ink beside it and light ink in it over (nearly) the whole
    # width, as a band of print has, not a stamp, a line of bleed-through or a stray mark in
    # part of the gap between two centred lines)
    return seen > 0 and (2 * inked >= seen if axis == 0 else inked == seen >= parts - 1)


# a streak under STREAK_FLOOR continues the lines beside it: of its ink, at least this share lies
# in the page's lines (rows, for a streak down the sheet) that hold full ink beside it too
# (within CONTINUE_REACH px across, CONTINUE_SLACK px along: a glyph's height and the deskew)
STREAK_CONTINUES, CONTINUE_REACH, CONTINUE_SLACK = 0.8, 24, 3


def _continues(dark: np.ndarray, i: int, j: int, level: float, ref: float, span: tuple[int, int]) -> bool:
    """A faint streak down the sheet (columns [i, j), ink `level`) is a faded slice of the page
    itself: its ink (half its level, in rows where it holds two pixels or more) lies in rows
    where the columns beside it hold full ink (half the page's `ref`): the text lines and rules
    that run through it. A back page's bleed-through in a gutter is as faint and even, but its
    lines lie where the front's are not."""
    a, b = span
    band = dark[a:b, i:j] >= 0.5 * level
    side = np.concatenate([dark[a:b, max(i - CONTINUE_REACH, 0):i], dark[a:b, j:j + CONTINUE_REACH]], axis=1) >= 0.5 * ref
    # (a column rule down the streak or beside it has ink in every row: left out of both)
    band = band[:, np.count_nonzero(band, axis=0) < 0.5 * band.shape[0]]
    side = side[:, np.count_nonzero(side, axis=0) < 0.5 * side.shape[0]]
    # (counted in the streak's ink, not its rows: a copy's dust lies in the streak as faded as its
    # text, a few rows a speck with nothing beside them, and a dusty page's specks held a fifth of
    # the rows but a twentieth of the ink)
    held = np.count_nonzero(band, axis=1)
    held[held < 2] = 0
    beside = np.count_nonzero(side, axis=1) >= 2
    beside = cv2.dilate(beside.astype(np.uint8).reshape(-1, 1), np.ones((2 * CONTINUE_SLACK + 1, 1), np.uint8)).ravel() > 0
    total = int(held.sum())
    return total > 0 and int(held[beside].sum()) >= STREAK_CONTINUES * total


# the ink cut: at most CUT_CAP, or CUT_SHARE of the way from the ink's core (the 10th percentile
# of the pixels under Otsu's cut) to the paper when that is higher, if the core is ink at all
# (darker than CUT_CORE_MAX: a blank page's Otsu cut splits the paper's own noise) and light
# itself (CUT_CORE_MIN, mid-grey: a phone capture's black ink under a shadow or a blurred 250 dpi
# photograph has a darker core, and raising its cut there joined letters and rows)
CUT_CAP, CUT_SHARE, CUT_CORE_MIN, CUT_CORE_MAX = 200, 0.65, 128, 190
# ... on a coarse scan (its own resolution, `scan_resolution`, COARSE_DPI or less) from a darker
# core, CUT_COARSE_CORE_MIN: at 150 dpi a stroke is a dot or two wide, the blur greys even a black
# stroke's middle and the fixed cut keeps only crumbs of it; a finer scan with that core holds
# black ink under a shadow or blur, whose strokes the fixed cut keeps whole
COARSE_DPI, CUT_COARSE_CORE_MIN = 175, 81

# the OCR's image (`reading_contrast`): ink whose core (the 10th percentile of the page's grey
# under its ink mask) is lighter than READ_CORE_MAX is scaled to FAINT_CORE, as `deepen_faint_ink`
# does for a page lighter still: the engines' detectors miss and break words of a light grey
# stroke that they read whole in black (a faint copy whose ink core is mid-grey: 0.26 of its
# records read, before)
READ_CORE_MAX = CUT_CORE_MIN
# ... on a coarse scan (COARSE_DPI or less) READ_COARSE_CORE_MAX: the blur alone greys a black
# stroke a dot or two wide to a core of 130-140 there (the holdout's 150 dpi scans), and
# darkening that blur made the OCR read worse
READ_COARSE_CORE_MAX = 160
# ... and on such a page (or one `deepen_faint_ink` darkened) the OCR sees every grey darker
# than READ_LOOSE (in the darkened image), not only the ink mask's: a faint copy's strokes are
# broken and grey, the ink cut keeps parts of them and leaves whole letters out (bag-of-words F1
# of four faint table pages against their text layer: 0.525 with the mask's grey only, 0.651)
READ_LOOSE = 235


def reading_contrast(gray: np.ndarray, ink: np.ndarray, dpi: Optional[float] = None) -> np.ndarray:
    """`gray` (the page the OCR reads: paper 255) with its ink darkened when the page's ink
    (`ink`, 255 = ink) is light all over; `gray` itself otherwise. Only the darkness is scaled
    (paper stays white, the order of grey levels is kept): the ink mask is not changed.
    `dpi`: the scan's own resolution (None when unknown)."""
    vals = gray[ink > 0]
    if vals.size == 0:
        return gray
    core = float(np.percentile(vals, 10))
    if core <= (READ_COARSE_CORE_MAX if dpi is not None and dpi <= COARSE_DPI else READ_CORE_MAX):
        return gray
    gain = (255.0 - FAINT_CORE) / max(255.0 - core, 1.0)
    return (255.0 - np.clip((255.0 - gray.astype(np.float32)) * gain, 0, 255)).astype(np.uint8)


def binarise(flat: np.ndarray, dpi: Optional[float] = None, faint: bool = False) -> np.ndarray:
    """Ink mask (255 = ink) of a flattened page, with the faint stretches of its rules
    (`faint_rules`). `dpi`: the scan's own resolution (`scan_resolution`; None when unknown).
    `faint`: the page's ink was light all over and `deepen_faint_ink` darkened it."""
    t, _ = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Otsu on a mostly white page can set the cut too close to the paper; but a copy whose
    # toner is light all over (its strokes' cores grey, not black) and a coarse scan's thin
    # strokes blurred to grey have most of their ink above that cap: the strokes break into
    # crumbs that go as speckles and the words read as garbage. The cap rises then, to
    # CUT_SHARE of the way from the ink's core to the paper.
    below = flat[flat < t]
    core = float(np.percentile(below, 10)) if below.size else 255.0
    lowest = CUT_COARSE_CORE_MIN if dpi is not None and dpi <= COARSE_DPI else CUT_CORE_MIN
    light = lowest <= core <= CUT_CORE_MAX
    cap = max(CUT_CAP, core + (255.0 - core) * CUT_SHARE) if light else CUT_CAP
    t = min(t, cap)
    # ink where flat < t
    ink = cv2.threshold(flat, t - 1, 255, cv2.THRESH_BINARY_INV)[1]
    # (rules traced on a faint copy only: deepened, or its ink's core light as `reading_contrast`
    # takes it, past the grey a coarse scan's blur alone gives a black stroke)
    thin = light and (dpi is None or dpi > COARSE_DPI or core > READ_COARSE_CORE_MAX)
    return cv2.bitwise_or(ink, faint_rules(flat, t, ink, trace=faint or thin))


# faint rules: grey levels down to this share of the way from the ink cut to the paper
FAINT_SHARE = 0.5
# the pieces of a rule the ink cut found: this long (px at 300 dpi, as grid.py's MIN_HLINE /
# MIN_VLINE); a faint stretch up to FAINT_GAP long between two of them is bridged
STRONG_HLINE, STRONG_VLINE, FAINT_GAP = 60, 40, 150
# ... pieces of ink this thick (px) are bands, not rules; and no grey lighter than FAINT_MAX
# (paper noise of a page whose ink cut is already high) is ever taken
FAINT_THICK, FAINT_MAX = 10, 215
# ... and a stretch between two pieces is rule where its line, on average over TRACE_RUN px along
# it, is darker than the paper TRACE_SIDE px either side of it by TRACE_SHARE of the darkness the
# rule's own pieces have there (`_traced`): a faint copy breaks a rule into dashes shorter than a
# piece, paper between them (no grey to take, and each dash too short to be found), or fades it
# lighter than FAINT_MAX, and the table came apart where its column rules broke at one height.
# A gap with no rule (a merged cell) is on average as light as the paper beside it; a word
# across the line is as dark beside it as on it
TRACE_RUN, TRACE_SIDE, TRACE_SHARE = 41, 7, 0.35


def faint_rules(flat: np.ndarray, cut: float, ink: np.ndarray, trace: bool = False) -> np.ndarray:
    """The stretches of table rules lighter than the ink cut: a photocopy's toner runs
    thin in streaks, a scan's blur greys a hairline, and Otsu's cut, set by the text,
    leaves them out, so a rule breaks into pieces and two cells read as one. Light grey
    lying on the line between two pieces of a rule, in its rows (columns), is that rule;
    nothing off the line is added (text touching an underline stays as it was), and a
    gap with no grey in it (a rule left out: a merged cell) stays a gap."""
    level = int(min(cut + (255 - cut) * FAINT_SHARE, FAINT_MAX))
    out = np.zeros_like(ink)
    for axis, strong, gap, thick in ((0, (STRONG_HLINE, 1), (FAINT_GAP, 1), (1, FAINT_THICK)),
                                     (1, (1, STRONG_VLINE), (1, FAINT_GAP), (FAINT_THICK, 1))):
        found = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, strong))
        # only rules: a dark band (a slide's title bar, a shaded header, a lid shadow) is no rule,
        # and bridging its rows would fill the light letters printed on it. (Opened within the
        # rules' bounding box and a margin of a kernel: the same mask, the page's paper skipped)
        x, y, w, h = cv2.boundingRect(found)
        if not w:
            continue
        m = max(thick) + 1
        y0, y1, x0, x1 = max(y - m, 0), min(y + h + m, found.shape[0]), max(x - m, 0), min(x + w + m, found.shape[1])
        bands = cv2.morphologyEx(found[y0:y1, x0:x1], cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, thick))
        if cv2.countNonZero(bands):
            found[y0:y1, x0:x1][cv2.dilate(bands, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 9))) > 0] = 0
            if not cv2.countNonZero(found):
                continue
        # the gaps bridged along the rules' own rows (columns) only: the kernel is one line
        # thick, so each line closes on its own and a line without a rule stays empty (the
        # whole page's close cost ~0.05 s CPU a 150 dpi page's mask, for a few dozen lines)
        lines = _rule_lines(found, axis)
        part = found[lines] if axis == 0 else found[:, lines]
        bridged = cv2.morphologyEx(part, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, gap))
        light = cv2.threshold(flat[lines] if axis == 0 else flat[:, lines], level, 255, cv2.THRESH_BINARY_INV)[1]
        if trace:  # (`_traced`: on a page of light ink only; a black rule breaks only where it
            # is not drawn, and a bold heading's stem across the line there was taken for rule)
            traced = _traced(flat, lines, part) if axis == 0 else _traced(flat.T, lines, part.T).T
            light = cv2.bitwise_or(light, traced)
        if axis == 0:
            out[lines] |= cv2.bitwise_and(bridged, light)
        else:
            out[:, lines] |= cv2.bitwise_and(bridged, light)
    return out


def _traced(flat: np.ndarray, lines: np.ndarray, part: np.ndarray) -> np.ndarray:
    """Where the rows `lines` of `flat` (each a line a rule runs along; `part`: the rule ink
    found in them, 255) are rule on average (TRACE_RUN, TRACE_SIDE, TRACE_SHARE): 255 there.
    The measure is the page's own: the darkness of its rules' found pieces over the paper
    beside them."""
    if not part.any():
        return np.zeros_like(part)
    n = flat.shape[0]
    f = flat.astype(np.float32)
    beside = 0.5 * (f[np.clip(lines - TRACE_SIDE, 0, n - 1)] + f[np.clip(lines + TRACE_SIDE, 0, n - 1)])
    dark = beside - f[lines]
    ref = float(np.median(dark[part > 0]))
    if ref <= 0:
        return np.zeros_like(part)
    mean = cv2.blur(dark, (TRACE_RUN, 1), borderType=cv2.BORDER_REPLICATE)
    return ((mean >= TRACE_SHARE * ref) * 255).astype(np.uint8)


def _rule_lines(found: np.ndarray, axis: int) -> np.ndarray:
    """Indices of the rows (axis 0) or columns (axis 1) of a mask holding any of its ink."""
    return np.flatnonzero(found.max(axis=1 - axis))  # (numpy's max: cv2.reduce's is ~40 ms a page)


def remove_screen(ink: np.ndarray, comps: Components, alive: np.ndarray) -> np.ndarray:
    """Drop the dots of a screened (dithered) shading: a header row printed grey
    and scanned in 1 bit is a carpet of dots that touch one another, so no dot
    is lonely enough for `remove_speckles`, and tesseract reads nothing through
    it. Where tiny components are packed far denser than i-dots and full stops
    ever are, the tiny ones go; glyphs are larger and stay. `alive` is updated."""
    small = alive & (comps.stats[:, cv2.CC_STAT_AREA] <= SCREEN_DOT)
    small[0] = False
    if small.sum() < SCREEN_DENSITY:
        return ink
    h, w = ink.shape
    cx = (comps.centroids[small, 0] // SCREEN_BLOCK).astype(np.int64)
    cy = (comps.centroids[small, 1] // SCREEN_BLOCK).astype(np.int64)
    counts = np.zeros((h // SCREEN_BLOCK + 1, w // SCREEN_BLOCK + 1), dtype=np.float32)
    np.add.at(counts, (cy, cx), 1)
    # a run of three blocks along the row: a shaded band may be one text line high
    dense = cv2.boxFilter(counts, -1, (3, 1), normalize=False, borderType=cv2.BORDER_CONSTANT) >= SCREEN_DENSITY
    if not dense.any():
        return ink
    dense = cv2.dilate(dense.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    # there, clumps of a few dots go too: worm-like crumbs that tesseract reads as letters
    crumbs = alive & (comps.stats[:, cv2.CC_STAT_AREA] <= SCREEN_CLUMP)
    crumbs[0] = False
    ids = np.flatnonzero(crumbs)
    bx = (comps.centroids[ids, 0] // SCREEN_BLOCK).astype(np.int64)
    by = (comps.centroids[ids, 1] // SCREEN_BLOCK).astype(np.int64)
    drop = np.zeros(comps.n, dtype=bool)
    drop[ids[dense[by, bx]]] = True
    alive &= ~drop
    return erase(ink, comps, drop)


def remove_speckles(ink: np.ndarray, max_area: Optional[int] = None, reach: Optional[int] = None,
                    comps: Optional[Components] = None, alive: Optional[np.ndarray] = None) -> np.ndarray:
    """Drop dust and toner dots: small round components with no ink right beside
    them. Kept: dots that touch or nearly touch a glyph (i-dots), dots just after
    a glyph at its baseline (full stops, decimal commas), dashes (list bullets),
    and two dots one above the other (a colon set off by spaces).

    `comps`/`alive`: the mask's components when already labelled (some of them
    since erased, `alive` False), which saves labelling the page again; `alive`
    is updated in place."""
    max_area = SPECK_AREA if max_area is None else max_area
    reach = SPECK_REACH if reach is None else reach
    comps = comps if comps is not None else label(ink)
    n, stats, centroids = comps.n, comps.stats, comps.centroids
    if n <= 1:
        return ink
    area = stats[:, cv2.CC_STAT_AREA]
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    # dust is round; a dash (a list bullet, a minus) is long and flat
    dash = (2 * w >= 3 * h) & (w >= 6)
    small = np.flatnonzero((area <= max_area) & ~dash & (alive if alive is not None else True))
    small = small[small != 0]
    if not len(small):
        return ink
    integral = cv2.integral((ink > 0).astype(np.uint8))
    hh, ww = ink.shape
    x0 = np.clip(stats[small, 0] - reach, 0, ww)
    y0 = np.clip(stats[small, 1] - reach, 0, hh)
    x1 = np.clip(stats[small, 0] + stats[small, 2] + reach, 0, ww)
    y1 = np.clip(stats[small, 1] + stats[small, 3] + reach, 0, hh)
    around = integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0]
    lonely = small[around - area[small] <= 0]
    if not len(lonely):
        return ink
    # a full stop or comma after a glyph ("95,5", "1.000", "NIP."): ink close on its left
    # at the height of its bottom (the baseline of the glyph before it)
    lx, ly = stats[lonely, 0], stats[lonely, 1]
    lb = ly + stats[lonely, 3]
    bx0, bx1 = np.clip(lx - 3 * reach, 0, ww), np.clip(lx, 0, ww)
    by0, by1 = np.clip(lb - 4 * reach, 0, hh), np.clip(lb, 0, hh)
    left = integral[by1, bx1] - integral[by0, bx1] - integral[by1, bx0] + integral[by0, bx0]
    lonely = lonely[left < 6]
    if not len(lonely):
        return ink
    # a colon: two lonely dots stacked
    cx, cy = centroids[lonely, 0], centroids[lonely, 1]
    order = np.argsort(cx)
    colon = np.zeros(len(lonely), dtype=bool)
    for i in range(len(order)):
        a_ = order[i]
        for j in range(i + 1, len(order)):
            b_ = order[j]
            if cx[b_] - cx[a_] > 4:
                break
            dy = abs(cy[b_] - cy[a_])
            if 6 <= dy <= 26 and max(area[lonely[a_]], area[lonely[b_]]) <= 3 * min(area[lonely[a_]], area[lonely[b_]]):
                colon[a_] = colon[b_] = True
    lonely = lonely[~colon]
    drop = np.zeros(n, dtype=bool)
    drop[lonely] = True
    if alive is not None:
        alive &= ~drop
    return erase(ink, comps, drop)


def _profile_score(ys: np.ndarray, size: int) -> float:
    hist = np.bincount(np.clip(ys, 0, size - 1), minlength=size).astype(np.float64)
    return float(np.sum(np.diff(hist) ** 2))


def skew_angle(ink: np.ndarray, max_angle: float = MAX_SKEW) -> float:
    """Degrees to rotate the page (counter-clockwise positive, as cv2) to level its rows.

    Ink joined to the image's edge is left out: a scanner lid's shadow or the bed's dark
    border lies level with the scanner, not with the sheet, and on a page of a few lines
    its long straight edge outweighs the text (a half-empty page read as level)."""
    small = (cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA) > 64).astype(np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(small, connectivity=8)
    x0, y0 = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    rim = (x0 == 0) | (y0 == 0) | (x0 + stats[:, cv2.CC_STAT_WIDTH] >= small.shape[1]) \
        | (y0 + stats[:, cv2.CC_STAT_HEIGHT] >= small.shape[0])
    rim[0] = False  # (the background)
    small[rim[labels]] = 0
    ys, xs = np.nonzero(small)
    if len(xs) < 200:
        return 0.0
    if len(xs) > 60000:
        pick = np.random.default_rng(0).choice(len(xs), 60000, replace=False)
        xs, ys = xs[pick], ys[pick]
    h, w = small.shape
    cx, cy = w / 2.0, h / 2.0
    xs = xs.astype(np.float64) - cx
    ys = ys.astype(np.float64) - cy
    size = int(np.hypot(w, h)) + 4

    def score(angle: float) -> float:
        a = np.deg2rad(angle)
        # row of each ink pixel after rotating the page by `angle` (cv2 convention)
        yr = -xs * np.sin(a) + ys * np.cos(a) + size / 2
        return _profile_score(yr.astype(np.int64), size)

    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.25)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    return float(max(fine, key=score))


def rotate(img: np.ndarray, angle: float, fill: int) -> np.ndarray:
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    return cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=fill)


def looks_sideways(ink: np.ndarray) -> bool:
    """Text lines run vertically: ink smeared along y forms long vertical strokes
    more than ink smeared along x forms horizontal ones."""
    small = cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    small = (small > 64).astype(np.uint8) * 255
    if cv2.countNonZero(small) < 500:
        return False
    # long rules are no text: take them out first
    lines_h = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (40, 1)))
    lines_v = cv2.morphologyEx(small, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 40)))
    text = cv2.subtract(small, cv2.bitwise_or(lines_h, lines_v))

    def elongated(kernel: tuple[int, int], along_x: bool) -> int:
        smeared = cv2.dilate(text, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        n, _, stats, _ = cv2.connectedComponentsWithStats(smeared)
        w, h = stats[1:, 2], stats[1:, 3]
        long = (w > 4 * h) if along_x else (h > 4 * w)
        return int(np.sum(np.where(long, np.maximum(w, h), 0)))

    horizontal = elongated((7, 1), True)
    vertical = elongated((1, 7), False)
    return vertical > 1.5 * horizontal and vertical > 0


def sideways_rotation(ink: np.ndarray, engine: "OcrEngine") -> int:
    """90 or 270: the clockwise turn that makes a sideways page upright.

    A patch of the page dense with text, turned both ways, goes on one sheet;
    tesseract reads the sheet once, and the way it reads with more confidence
    wins. (Tesseract's own orientation detection needs the whole page at full
    resolution to be sure, several times the cost.)
    """
    turned = cv2.rotate(ink, cv2.ROTATE_90_CLOCKWISE)
    h, w = turned.shape
    ph, pw = min(450, h // 3), min(1000, int(w * 0.6))
    integral = cv2.integral((turned > 0).astype(np.uint8))
    best, best_xy = -1, (0, 0)
    for y in range(0, max(h - ph, 0) + 1, max(ph // 3, 1)):
        for x in range(0, max(w - pw, 0) + 1, max(pw // 3, 1)):
            n = integral[y + ph, x + pw] - integral[y, x + pw] - integral[y + ph, x] + integral[y, x]
            if n > best:
                best, best_xy = n, (x, y)
    x, y = best_xy
    patch = 255 - turned[y:y + ph, x:x + pw]
    sheet = np.full((2 * ph + 120, pw + 80), 255, dtype=np.uint8)
    sheet[40:40 + ph, 40:40 + pw] = patch
    sheet[80 + ph:80 + 2 * ph, 40:40 + pw] = cv2.rotate(patch, cv2.ROTATE_180)
    words = [wd for wd in engine.read(sheet, 3) if len(wd.text) >= 2]

    def score(half: int) -> float:
        ws = [wd for wd in words if (wd.cy > 60 + ph) == bool(half)]
        return sum(wd.conf * len(wd.text) for wd in ws) / max(sum(len(wd.text) for wd in ws), 1)

    return 90 if score(0) >= score(1) else 270


def _turn(img: np.ndarray, clockwise: int) -> np.ndarray:
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(img, codes[clockwise]) if clockwise in codes else img


def prepare(gray: np.ndarray, width: float, height: float, engine: "OcrEngine",
            dpi: Optional[float] = None) -> PageImage:
    """A rendered page → upright, deskewed, flattened, with a clean ink mask. `dpi`: the
    scan's own resolution, when known (the page is rendered at RENDER_DPI whatever it is)."""
    gray = lighten_dark_fill(gray)
    flattened = flatten(gray)
    flat = deepen_faint_ink(flattened, gray)
    faint = flat is not flattened
    ink = binarise(flat, dpi, faint)
    rotation = 0
    if looks_sideways(ink):
        rotation = sideways_rotation(ink, engine)
        flat, ink = _turn(flat, rotation), _turn(ink, rotation)
        width, height = height, width
    angle = skew_angle(ink)
    if abs(angle) >= 0.05:
        flat = rotate(flat, angle, 255)
        ink = binarise(flat, dpi, faint)
    return PageImage(gray=flat, ink=ink, width=width, height=height, rotation=rotation, skew=angle, dpi=dpi,
                     faint=faint)


def load_page(path: str, index: int, engine: "OcrEngine") -> PageImage:
    """One page rendered and prepared; the engine decides which way a sideways page turns."""
    gray, width, height = render(path, index)
    return prepare(gray, width, height, engine, scan_resolution(path, index))


def single_threaded() -> None:
    """One thread per process: tesseract (OpenMP) and OpenCV; parallelism is across pages."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    cv2.setNumThreads(1)

