"""Table grids of a page image, from its ruling lines (morphology).

Long thin runs of ink are rules: a horizontal opening keeps the horizontal
ones, a vertical opening the vertical ones. A table is a cluster of rules with
at least two of each direction. Its column and row boundaries are the rules
whose ends meet the other direction's rules (a border runs from one rule to
the next); a short horizontal stroke floating inside a cell is no border but a
fraction bar (kept for the cell's text) or an underline.

Where the rule between two neighbouring grid positions is missing, the two
are one merged cell. Positions covered by a merged cell are marked as in the
text-layer extractor: "left" on the merged cell's first row, "up" below it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import cv2
import numpy as np

from iku.extractors.components import Components, erase, label, paint
from iku.extractors.geometry import cluster_values, contains_point

# at 300 dpi: a horizontal rule is at least this long (px); glyph strokes are shorter
MIN_HLINE = 60
# a vertical rule piece at least this long; a one-line table row is ~65 px high
MIN_VLINE = 40
# a last row under this height (px) is a sliver a stroke across the bottom rule made (_strokes_at_foot):
# a row of one text line in small type is taller (a 300 dpi scan's 8 pt line and its padding ~38 px,
# where a signature's sliver was 18-20 px)
FOOT_SLIVER = 26
# boundaries closer than this (px) are one
MERGE_TOL = 12
# share of a boundary stretch that must be inked for two positions to be separate cells
COVERAGE = 0.6
# row rules running on together this far (px) past the outer column rule: a column beyond it
OPEN_SIDE = 80
# two boundaries closer than this (px) whose rules never part the same cells are one rule:
# no cell lies between two such rules (a merged column drawn on its own, its rules a line or
# two off the rows' rules); columns: a slanted rule's pieces, a narrow column is ~100 px wide
THIN_ROW = 200
THIN_COLUMN = 40
# a boundary's rule is looked for this far (px) off it
LOCAL = MERGE_TOL + 2
# two cells' common edge is measured on its own only when at least this long (px): shorter,
# a crumb of a rule decides it
COMMON_EDGE = 20


@dataclass
class Segment:
    pos: float  # y of a horizontal segment, x of a vertical one
    start: float  # x0 / y0
    end: float  # x1 / y1

    @property
    def length(self) -> float:
        return self.end - self.start


@dataclass
class Grid:
    xs: list[float]  # column boundaries, px, left to right
    ys: list[float]  # row boundaries, px, top to bottom
    # owner[r][c] = (r0, c0): the grid position whose cell covers (r, c)
    owner: list[list[tuple[int, int]]]
    bars: list[tuple[float, float, float, float]] = field(default_factory=list)  # x0, y0, x1, y1 px
    # where one boundary's rule lies off its line in some columns (rows): a rule that jogs, a
    # slanted rule's pieces. (row boundary index, column) → y; (column boundary index, row) → x
    y_at: dict[tuple[int, int], float] = field(default_factory=dict)
    x_at: dict[tuple[int, int], float] = field(default_factory=dict)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def cell_box(self, r: int, c: int) -> tuple[float, float, float, float]:
        """The box of the (merged) cell that owns position (r, c)."""
        r0, c0 = self.owner[r][c]
        r1, c1 = r0, c0
        while r1 + 1 < len(self.ys) - 1 and self.owner[r1 + 1][c0] == (r0, c0):
            r1 += 1
        while c1 + 1 < len(self.xs) - 1 and self.owner[r0][c1 + 1] == (r0, c0):
            c1 += 1
        return (self.x_at.get((c0, r0), self.xs[c0]), self.y_at.get((r0, c0), self.ys[r0]),
                self.x_at.get((c1 + 1, r0), self.xs[c1 + 1]), self.y_at.get((r1 + 1, c0), self.ys[r1 + 1]))


@dataclass
class Rules:
    horizontal: np.ndarray  # masks, 255 = rule ink
    vertical: np.ndarray
    hsegs: list[Segment]
    vsegs: list[Segment]
    # each mask's components as first labelled, and which of them the mask still
    # holds: later steps read them instead of labelling the page again
    hcomps: Optional[Components] = None
    hlive: Optional[np.ndarray] = None
    vcomps: Optional[Components] = None
    vlive: Optional[np.ndarray] = None

    @property
    def mask(self) -> np.ndarray:
        return cv2.bitwise_or(self.horizontal, self.vertical)

    def components(self, horizontal: bool) -> tuple[Components, np.ndarray]:
        """(components, which are in the mask) of the horizontal or vertical rules."""
        comps, live = (self.hcomps, self.hlive) if horizontal else (self.vcomps, self.vlive)
        if comps is None:
            comps = label(self.horizontal if horizontal else self.vertical)
            live = np.ones(comps.n, dtype=bool)
            live[0] = False
        return comps, live


def _segments(comps: Components, live: np.ndarray, horizontal: bool, min_len: int) -> list[Segment]:
    stats = comps.stats
    segs = []
    for i in np.flatnonzero(live):
        x, y, w, h = stats[i, :4]
        if horizontal and w >= min_len:
            segs.append(Segment(y + h / 2.0, float(x), float(x + w)))
        elif not horizontal and h >= min_len:
            segs.append(Segment(x + w / 2.0, float(y), float(y + h)))
    # pieces of one rule broken by a faint stretch (a slightly slanted rule drifts
    # a few pixels across its length)
    segs.sort(key=lambda s: s.start)
    out: list[Segment] = []
    for s in segs:
        for o in out:
            if abs(o.pos - s.pos) <= 8 and s.start - o.end <= 30:
                o.start, o.end = min(o.start, s.start), max(o.end, s.end)
                o.pos = (o.pos + s.pos) / 2
                break
        else:
            out.append(Segment(s.pos, s.start, s.end))
    return out


def find_rules(ink: np.ndarray) -> Rules:
    """Horizontal and vertical rules of an ink mask (255 = ink)."""
    h = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (MIN_HLINE, 1)))
    v = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, MIN_VLINE)))
    # a rule is thin and has paper on both sides; a run through bold glyphs has ink there
    h, hcomps, hlive = _thin_only(h, horizontal=True, ink=ink)
    v, vcomps, vlive = _thin_only(v, horizontal=False, ink=ink)
    return Rules(h, v, _segments(hcomps, hlive, True, MIN_HLINE), _segments(vcomps, vlive, False, MIN_VLINE),
                 hcomps, hlive, vcomps, vlive)


def _thin_only(mask: np.ndarray, horizontal: bool, ink: np.ndarray, max_thickness: int = 14,
               side: int = 6) -> tuple[np.ndarray, Components, np.ndarray]:
    """Components of an opened mask that are rules: thin strokes with paper on at
    least one side over most of their length. A run through bold glyphs set close
    together has ink on both sides. Returns the mask, its components, which of
    them are kept."""
    comps = label(mask)
    n, stats = comps.n, comps.stats
    if n <= 1:
        return mask, comps, np.zeros(n, dtype=bool)
    long = stats[:, cv2.CC_STAT_WIDTH if horizontal else cv2.CC_STAT_HEIGHT]
    area = stats[:, cv2.CC_STAT_AREA]
    # mean thickness of the stroke, not of its (possibly slanted) bounding box
    bad = area / np.maximum(long, 1) > max_thickness
    img = ink if horizontal else ink.T
    st = stats if horizontal else stats[:, [1, 0, 3, 2, 4]]
    rows = img.shape[0]
    for i in range(1, n):
        x, y, w, h = st[i, :4]
        if bad[i] or w > 400:  # long rules cross text in places only
            continue
        above = img[max(y - side, 0):max(y - 1, 0), x:x + w]
        below = img[min(y + h + 1, rows):min(y + h + side, rows), x:x + w]
        if not above.size or not below.size:
            continue
        both = (above.max(axis=0) > 0) & (below.max(axis=0) > 0)
        if float(np.mean(both)) > 0.5:
            bad[i] = True
    bad[0] = False
    live = ~bad
    live[0] = False
    if not bad.any():
        return mask, comps, live
    return erase(mask, comps, bad), comps, live


# a rule may run this far past the rule it ends at (px): a blot, a stroke of a signature or a
# stamp across the corner, a scan's smear join it and lengthen it
OVERSHOOT = 40


def _closed_at_foot(h: Segment, vs: list[Segment], tol: float = 14) -> list[Segment]:
    """The column rules that end on row rule `h` (within `tol` px) and run up from it."""
    return [v for v in vs if abs(v.end - h.pos) <= tol and h.start - tol <= v.pos <= h.end + tol
            and v.start < h.pos - 40]


def _touches(seg_end: float, seg_pos: float, others: list[Segment], tol: float = 14,
             inward: float = 0.0) -> bool:
    """A segment end at `seg_end` (along its own axis), at `seg_pos` across, meets a
    perpendicular rule. `inward`: the direction back into the segment (+1 at its start,
    -1 at its end); the perpendicular rule may then also lie up to OVERSHOOT inside it
    (the segment runs on past it)."""
    def near(o: Segment) -> bool:
        if abs(o.pos - seg_end) <= tol:
            return True
        return bool(inward) and 0 <= (o.pos - seg_end) * inward <= OVERSHOOT
    return any(near(o) and o.start - tol <= seg_pos <= o.end + tol for o in others)


def _side_ruled(vmask: np.ndarray, x: float, y0: float, y1: float) -> bool:
    """A column rule runs down beside the stretch y0..y1 at x (COVERAGE of its rows)."""
    band = vmask[int(y0) + 4:max(int(y1) - 4, int(y0) + 5), max(int(x) - LOCAL, 0):int(x) + LOCAL + 1]
    return band.size > 0 and float(np.mean(band.max(axis=1) > 0)) >= COVERAGE


def _split_stacked(grid: Optional[Grid], hs: list[Segment], vs: list[Segment], rules: Rules) -> list[Grid]:
    """Two tables printed one under the other, a title between them, are one grid when a pen
    stroke (a signature, initials) runs across the gap from one to the other: its straight
    stretches are column rules to the rule finder. A table's outer border does not break
    for a row: a row with neither side rule between rows bordered on both sides is the gap
    between two tables, and each side of it is a grid of its own (the strokes across the
    gap belong to neither)."""
    if grid is None:
        return []
    xs, ys = grid.xs, grid.ys
    sided = [_side_ruled(rules.vertical, xs[0], ys[r], ys[r + 1]) and
             _side_ruled(rules.vertical, xs[-1], ys[r], ys[r + 1]) for r in range(len(ys) - 1)]
    for r in range(1, len(ys) - 2):
        if sided[r - 1] and sided[r + 1] and not (_side_ruled(rules.vertical, xs[0], ys[r], ys[r + 1])
                                                  or _side_ruled(rules.vertical, xs[-1], ys[r], ys[r + 1])):
            top, bottom = ys[r] + MERGE_TOL, ys[r + 1] - MERGE_TOL
            parts = (([s for s in hs if s.pos <= top], [s for s in vs if s.end <= top]),
                     ([s for s in hs if s.pos >= bottom], [s for s in vs if s.start >= bottom]))
            return [g for h_, v_ in parts for g in _split_stacked(_grid(h_, v_, rules), h_, v_, rules)]
    return [grid]


def find_grids(rules: Rules, shape: tuple[int, int]) -> list[Grid]:
    """Every ruled table on the page, top to bottom."""
    h, w = shape
    mask = rules.mask
    if not rules.hsegs or not rules.vsegs:
        return []
    # rules of one table touch; the dashes of a broken rule lie in a row
    n, labels, stats, _ = label(cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (61, 9))))
    found = []
    for i in range(1, n):
        x, y, bw, bh = stats[i, :4]
        if bw < 150 or bh < 60:
            continue
        hs = _clipped(rules.hsegs, (x - 5, x + bw + 5), (y - 5, y + bh + 5), MIN_HLINE)
        vs = _clipped(rules.vsegs, (y - 5, y + bh + 5), (x - 5, x + bw + 5), MIN_VLINE)
        for grid in _split_stacked(_grid(hs, vs, rules), hs, vs, rules):
            found.append((grid, _outline(i, labels, hs, vs)))
    # a photographed sheet's edges against the desk (or a border drawn round the page) ink an
    # outline round the table; its box takes in the table's rules, and the outline with them
    # would be the table again, wider by a column and a row of bare paper
    grids = [g for g, out in found if out is None or not any(
        _well_inside(other.bbox, out) for other, _ in found if other is not g)]
    grids = _one_grid_a_region(grids)
    grids.sort(key=lambda g: g.ys[0])
    return grids


def _clipped(segs: list[Segment], along: tuple[float, float], across: tuple[float, float],
             min_len: float) -> list[Segment]:
    """The segments of one cluster of rules (its box: `along` the segments' own axis, `across`
    it), each cut to the box. A segment's own ink lies in one cluster; one reaching out of the
    box is two rules `_segments` joined over the paper between two clusters: two tables set a
    few lines apart whose column rules fall at the same x (rows at the same y, side by side).
    Left out whole, that column boundary was lost in both tables; its piece in the box is this
    table's rule."""
    out = []
    for s in segs:
        if not across[0] <= s.pos <= across[1] or s.end <= along[0] or s.start >= along[1]:
            continue
        if along[0] <= s.start and s.end <= along[1]:
            out.append(s)
        elif min(s.end, along[1]) - max(s.start, along[0]) >= min_len:
            out.append(Segment(s.pos, max(s.start, along[0]), min(s.end, along[1])))
    return out


# px (300 dpi) an outline keeps clear of the table inside it on every side (a table's own
# border drawn apart from its inner rules lies a stroke's width off them, not this far)
OUTLINE_CLEAR = 40


def _outline(i: int, labels: np.ndarray, hs: list[Segment], vs: list[Segment]) -> Optional[tuple]:
    """The box (x0, y0, x1, y1, px) of component i's own rules when they only draw an outline
    (every horizontal one at its top or its bottom, every vertical one at its left or its
    right, three sides or four) and other rules lie inside it; None otherwise."""
    own_h = [s for s in hs if _label_of(s, True, labels) == i]
    own_v = [s for s in vs if _label_of(s, False, labels) == i]
    if not own_h or not own_v or len(own_h) + len(own_v) == len(hs) + len(vs):
        return None
    x0 = min([s.start for s in own_h] + [s.pos for s in own_v])
    x1 = max([s.end for s in own_h] + [s.pos for s in own_v])
    y0 = min([s.start for s in own_v] + [s.pos for s in own_h])
    y1 = max([s.end for s in own_v] + [s.pos for s in own_h])
    tol = MERGE_TOL
    if all(min(abs(s.pos - y0), abs(s.pos - y1)) <= tol for s in own_h) and \
            all(min(abs(s.pos - x0), abs(s.pos - x1)) <= tol for s in own_v):
        return x0, y0, x1, y1
    return None


def _label_of(s: Segment, horizontal: bool, labels: np.ndarray) -> int:
    """The component (of the dilated rule mask) a segment's ink lies in."""
    h, w = labels.shape
    at = int(round(s.pos))
    for t in (0.5, 0.25, 0.75):
        along = int(round(s.start + t * (s.end - s.start)))
        r, c = (at, along) if horizontal else (along, at)
        if 0 <= r < h and 0 <= c < w and labels[r, c]:
            return int(labels[r, c])
    return 0


def _well_inside(box, outline, clear: float = OUTLINE_CLEAR) -> bool:
    return (box[0] - outline[0] >= clear and box[1] - outline[1] >= clear
            and outline[2] - box[2] >= clear and outline[3] - box[3] >= clear)


def _one_grid_a_region(grids: list[Grid], share: float = 0.8) -> list[Grid]:
    """One grid for one stretch of page: two grids over the same region (one's box mostly
    inside the other's) are the same table found from two clusters of its rules, and read
    twice it would give every record twice. The larger is kept: its rules hold the other's."""
    def area(b) -> float:
        return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])

    kept: list[Grid] = []
    for g in sorted(grids, key=lambda g: -area(g.bbox)):
        b = g.bbox
        if not any(area((max(b[0], k.bbox[0]), max(b[1], k.bbox[1]), min(b[2], k.bbox[2]), min(b[3], k.bbox[3])))
                   >= share * area(b) for k in kept):
            kept.append(g)
    return kept


def _grid(hs: list[Segment], vs: list[Segment], rules: Rules):
    # (one row rule is a table too where three column rules or more end on it and start
    # together above it: the rest of a row a page break cut, at the next page's top, printed
    # under no rule; its top boundary is put where the column rules start, below)
    if len(hs) < 2 and not (len(hs) == 1 and len(_closed_at_foot(hs[0], vs)) >= 3):
        return None
    if len(vs) < 2:
        return None
    # borders: horizontal rules meeting vertical rules at both ends (or running
    # the table's full width), vertical rules meeting horizontal rules at both ends
    x_min, x_max = min(s.pos for s in vs), max(s.pos for s in vs)
    y_min, y_max = min(s.pos for s in hs), max(s.pos for s in hs)
    width, height = x_max - x_min, y_max - y_min
    # a rule broken into dashes (a shaded header row, a faint scan) still runs the
    # table's width: the pieces on one line add up
    dashed = set()
    for y in cluster_values([s.pos for s in hs], tol=4):
        pieces = [s for s in hs if abs(s.pos - y) <= 4]
        if len(pieces) > 1 and sum(s.length for s in pieces) >= 0.45 * width:
            dashed.update(id(s) for s in pieces)
    borders_h, bars = [], []
    for s in hs:
        full = s.length >= 0.9 * width or id(s) in dashed
        over = 1 if s.length >= 3 * OVERSHOOT else 0  # a short stroke across one rule meets no two
        if full or (_touches(s.start, s.pos, vs, inward=over) and _touches(s.end, s.pos, vs, inward=-over)):
            borders_h.append(s)
        else:
            bars.append(s)
    dashed_v = set()
    for x in cluster_values([s.pos for s in vs], tol=8):
        pieces = [s for s in vs if abs(s.pos - x) <= 8]
        if len(pieces) > 1 and sum(s.length for s in pieces) >= 0.6 * height:
            dashed_v.update(id(s) for s in pieces)
    borders_v = [s for s in vs if s.length >= 0.9 * height or id(s) in dashed_v
                 or (_touches(s.start, s.pos, borders_h, inward=int(s.length >= 3 * OVERSHOOT))
                     and _touches(s.end, s.pos, borders_h, inward=-int(s.length >= 3 * OVERSHOOT)))]
    ys = cluster_values([s.pos for s in borders_h], MERGE_TOL)
    xs = cluster_values([s.pos for s in borders_v], MERGE_TOL)
    # a bottom rule too faint to be found: the column rules run on below the last row
    tall = [s for s in borders_v if s.length >= 0.5 * height]
    feet = _column_feet(borders_v, height, ys[-1]) if ys else []
    if len(feet) >= 2:
        end = float(np.median(feet))
        if end - ys[-1] > 40:
            ys.append(end)
    # a top rule not drawn (the rest of a row a page break cut, printed from the next page's
    # top margin under no rule) or too faint to be found: most column rules start together
    # well above the first row rule, and the table's top is where they start
    if len(tall) >= 3 and ys:
        starts = [s.start for s in tall]
        top = float(np.median(starts))
        if ys[0] - top > 40 and 4 * sum(abs(v - top) <= MERGE_TOL for v in starts) >= 3 * len(starts):
            ys.insert(0, top)
    # an outer column rule not found (a table printed open at its sides, a side rule faded in a
    # copy or cut off by the scan): the row rules run on together past the last column rule, and
    # the table's edge is where they end
    fulls = [s for s in borders_h if s.length >= 0.9 * width]
    # (the row rules on that side: each line's outermost piece that runs on past the outer
    # column rule found; a line broken where cells merged down over some rows leave it out
    # counts by that piece, which runs on to the edge with the others; no column rule meets
    # that end, so such a piece is no border yet)
    lines = [[s for s in hs if abs(s.pos - y) <= 4] for y in cluster_values([s.pos for s in hs], tol=4)]
    if xs:
        for ends, inner, right in (([max(s.end for s in ln) for ln in lines], xs[-1], True),
                                   ([min(s.start for s in ln) for ln in lines], xs[0], False)):
            ends = [e for e in ends if (e > inner + MERGE_TOL if right else e < inner - MERGE_TOL)]
            if len(ends) < 3:
                continue
            edge = float(np.median(ends))
            agree = sum(abs(e - edge) <= MERGE_TOL for e in ends)
            if 4 * agree >= 3 * len(ends) and (edge - inner if right else inner - edge) >= OPEN_SIDE:
                xs = xs + [edge] if right else [edge] + xs
                ys = _open_side_rules(bars, borders_h, borders_v, edge, right, ys)
    xs, ys = _strokes_at_foot(xs, ys, borders_v, borders_h)
    if len(xs) < 3 or len(ys) < 2:  # one column is no table
        return None
    if _strokes_on_rules(fulls, xs):
        return None
    hmask, vmask = rules.horizontal, rules.vertical

    # a rule is looked for where it lies beside this stretch: a rule still slanted a little (a
    # page rotated a fraction of a degree more than the deskew found) lies some px off the
    # boundary, the position of its middle, near the table's sides
    # (`local`: the rule is looked for where it lies beside this stretch, up to LOCAL px off
    # the boundary: a rule still slanted a little, the page rotated a fraction of a degree more
    # than the deskew found, lies some px off the position of its middle near the table's sides)
    def v_present(x: float, y0: float, y1: float, local: bool = True) -> bool:
        ys0, ys1 = int(y0) + 4, max(int(y1) - 4, int(y0) + 5)
        x = int(x)
        if local:
            lo = max(x - LOCAL, 0)
            x = lo + _local(vmask[ys0:ys1, lo:x + LOCAL + 1].sum(axis=0, dtype=np.int64), x - lo)
        band = vmask[ys0:ys1, max(x - 6, 0):x + 7]
        return band.size > 0 and float(np.mean(band.max(axis=1) > 0)) >= COVERAGE

    def h_present(y: float, x0: float, x1: float, local: bool = True) -> bool:
        xs0, xs1 = int(x0) + 4, max(int(x1) - 4, int(x0) + 5)
        y = int(y)
        if local:
            lo = max(y - LOCAL, 0)
            y = lo + _local(hmask[lo:y + LOCAL + 1, xs0:xs1].sum(axis=1, dtype=np.int64), y - lo)
        band = hmask[max(y - 6, 0):y + 7, xs0:xs1]
        return band.size > 0 and float(np.mean(band.max(axis=0) > 0)) >= COVERAGE

    # (which of two close boundaries a stretch has its rule at: each looked for at its place)
    xs, x_at = _one_boundary(xs, ys, lambda x, a, b: v_present(x, a, b, local=False), THIN_COLUMN)
    rows_before = ys
    ys, y_at = _one_boundary(ys, xs, lambda y, a, b: h_present(y, a, b, local=False), THIN_ROW)
    if x_at and ys != rows_before:  # the rows x_at names, in the rows left
        x_at = {(k, _stretch(ys, (rows_before[r] + rows_before[r + 1]) / 2)): x for (k, r), x in x_at.items()}
    if len(xs) < 3:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1

    # the rule between two cells is there when it runs along the row (column), or along the
    # two cells' common edge: where a row rule jogs in one column (the rest of a merged cell a
    # page break cut, drawn shorter than the row beside it) the column rule beside it ends at
    # the jog, and measured over the whole row it would read as missing and join the two cells
    # (one box, cut at the jog, its words read in half). (Along the common edge alone, an empty
    # strip a jog leaves under merged cells, open at its sides, would join the cell beside it.)
    def v_between(k: int, r: int) -> bool:  # the rule of column boundary k beside row r
        x = x_at.get((k, r), xs[k])
        if v_present(x, ys[r], ys[r + 1]):
            return True
        top = max(y_at.get((r, c), ys[r]) for c in (k - 1, k))
        bottom = min(y_at.get((r + 1, c), ys[r + 1]) for c in (k - 1, k))
        return bottom - top >= COMMON_EDGE and (top, bottom) != (ys[r], ys[r + 1]) and v_present(x, top, bottom)

    def h_between(k: int, c: int) -> bool:  # the rule of row boundary k over column c
        y = y_at.get((k, c), ys[k])
        if h_present(y, xs[c], xs[c + 1]):
            return True
        left = max(x_at.get((c, r), xs[c]) for r in (k - 1, k))
        right = min(x_at.get((c + 1, r), xs[c + 1]) for r in (k - 1, k))
        return right - left >= COMMON_EDGE and (left, right) != (xs[c], xs[c + 1]) and h_present(y, left, right)

    parent = {(r, c): (r, c) for r in range(nr) for c in range(nc)}

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    joined: set[tuple[tuple[int, int], tuple[int, int]]] = set()  # neighbours with no rule between
    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not v_between(c + 1, r):
                union((r, c), (r, c + 1))
                joined.add(((r, c), (r, c + 1)))
            if r + 1 < nr and not h_between(r + 1, c):
                union((r, c), (r + 1, c))
                joined.add(((r, c), (r + 1, c)))
    owner = [[find((r, c)) for c in range(nc)] for r in range(nr)]
    owner = _rectangles(owner, joined)
    bar_boxes = [(s.start, s.pos - 2, s.end, s.pos + 2) for s in bars
                 if xs[0] < s.start and s.end < xs[-1] and ys[0] < s.pos < ys[-1]]
    return Grid(xs=xs, ys=ys, owner=owner, bars=bar_boxes, y_at=y_at, x_at=x_at)


def _strokes_at_foot(xs: list[float], ys: list[float], borders_v: list[Segment],
                     borders_h: list[Segment]) -> tuple[list[float], list[float]]:
    """The column and row lines left when strokes of ink across the table's bottom rule (a
    signature or a stamp set over the table's foot) are dropped; such a stroke meets two
    rules and reads as one. The table's bottom rule runs its width, so a last row line under
    a row thinner than a text line whose rule pieces cover less than a quarter of the width
    is a stroke (its sliver of a row reads as one more record; a row of one text line is
    taller, FOOT_SLIVER, and may keep only a stretch of a faded bottom rule). A column rule runs down the
    body, so a column line beside the last row alone, in a table of four rows or more, is a
    stroke too: as a column it would part the last row's cells from the rest of their column
    (a trailing column the next page's continuation does not have)."""
    if len(ys) < 5 or len(xs) < 4:
        return xs, ys
    pieces = [s for s in borders_h if abs(s.pos - ys[-1]) <= MERGE_TOL]
    if pieces and ys[-1] - ys[-2] < FOOT_SLIVER and sum(s.length for s in pieces) < 0.25 * (xs[-1] - xs[0]):
        ys = ys[:-1]
    low = ys[-2] - MERGE_TOL
    kept = [xs[0]]
    for x in xs[1:-1]:
        pieces = [s for s in borders_v if abs(s.pos - x) <= MERGE_TOL]
        if pieces and all(s.start >= low for s in pieces):
            continue
        kept.append(x)
    return kept + [xs[-1]], ys


def _column_feet(borders_v: list[Segment], height: float, last: float) -> list[float]:
    """Where the table's column rules end, one a column line: its lowest piece's end. A
    column rule broken at a section row (a row merged over the table's width) is pieces, the
    longest of them above the last row rule; its lowest piece is the one that runs on past
    that rule into a row a page break left open at its foot (no bottom rule). A line counts
    when its pieces add up to half the table's height and the lowest one starts above the
    last row rule (a stroke below the table starts under it)."""
    feet = []
    for x in cluster_values([s.pos for s in borders_v], tol=8):
        pieces = [s for s in borders_v if abs(s.pos - x) <= 8]
        low = max(pieces, key=lambda s: s.end)
        if sum(s.length for s in pieces) >= 0.5 * height and low.start < last:
            feet.append(low.end)
    return feet


def _strokes_on_rules(fulls: list[Segment], xs: list[float]) -> bool:
    """Upright strokes on the rules of a table ruled between its rows only (a stamp's ring, a
    signature, pen marks) are no columns: most of the rules the strokes would stand between
    run on past both the outermost strokes (by OPEN_SIDE px or more), where a table's own
    rules end at its sides (or agree on an open side's edge: _grid adds that edge first)."""
    past = sum(s.start <= xs[0] - OPEN_SIDE and s.end >= xs[-1] + OPEN_SIDE for s in fulls)
    return 2 * past > len(fulls)


def _open_side_rules(bars: list[Segment], borders_h: list[Segment], borders_v: list[Segment], edge: float,
                     right: bool, ys: list[float]) -> list[float]:
    """Row boundaries of the column on a table's open side: a rule running from that column's
    inner rule to the table's edge (where the full row rules end) borders its cells there,
    though no column rule meets its outer end. (The open column's own rules may lie off the
    rows of the rest of the table: its cells merged down over other rows.)"""
    out = list(ys)
    for s in list(bars):
        outer, inner = (s.end, s.start) if right else (s.start, s.end)
        if abs(outer - edge) > 2 * MERGE_TOL or not ys[0] + MERGE_TOL < s.pos < ys[-1] - MERGE_TOL:
            continue
        if not _touches(inner, s.pos, borders_v, inward=1 if right else -1):
            continue
        bars.remove(s)
        borders_h.append(s)
        if all(abs(s.pos - y) > MERGE_TOL for y in out):
            out.append(s.pos)
    return sorted(out)


def _rectangle(group: set[tuple[int, int]], r0: int, c0: int, down: bool) -> set[tuple[int, int]]:
    """The rectangle of `group` from its top-left position (r0, c0): as far down its first
    column as it goes, then right as far as every row of it reaches (`down`), or the other
    way round."""
    r1, c1 = r0, c0
    if down:
        while (r1 + 1, c0) in group:
            r1 += 1
        while all((r, c1 + 1) in group for r in range(r0, r1 + 1)):
            c1 += 1
    else:
        while (r0, c1 + 1) in group:
            c1 += 1
        while all((r1 + 1, c) in group for c in range(c0, c1 + 1)):
            r1 += 1
    return {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}


def _local(profile: np.ndarray, at: int) -> int:
    """Where a rule near `at` lies: the index of `profile` (ink per row or column around it)
    that holds most ink; `at` itself when none is inked."""
    if not profile.size or not profile.any():
        return at
    return int(np.argmax(profile))


def _stretch(bounds: list[float], v: float) -> int:
    """The index of the stretch between `bounds` that holds v."""
    return max(0, min(len(bounds) - 2, int(np.searchsorted(bounds, v)) - 1))


def _one_boundary(bounds: list[float], across: list[float], present, thin: float
                  ) -> tuple[list[float], dict[tuple[int, int], float]]:
    """Two neighbouring boundaries closer than `thin` whose rules never lie beside the same
    cell (each stretch between the rules `across` has its rule at one of them, never at both)
    are one rule: a rule drawn at another height over some columns (a merged column drawn on
    its own), a slanted rule's pieces on a page that was not rectified. The pair would make a
    phantom row or column whose gaps join cells left and right of it. They become one
    boundary, where most of the rule lies; the stretches whose rule lies at the other get
    that position (returned as (boundary index, stretch) → position)."""
    out = list(bounds)
    moved: dict[int, list[tuple[int, float]]] = {}  # index in out → [(stretch, position)]
    seen: set[tuple[float, float]] = set()  # pairs found to be two rules
    while True:  # the closest pair first: a rule's partner is the nearest boundary it completes
        pairs = sorted((out[k + 1] - out[k], k) for k in range(1, len(out) - 2)  # the outer border stays
                       if out[k + 1] - out[k] < thin and (out[k], out[k + 1]) not in seen)
        if not pairs:
            break
        k = pairs[0][1]
        a, b = out[k], out[k + 1]
        at_a = [present(a, across[j], across[j + 1]) for j in range(len(across) - 1)]
        at_b = [present(b, across[j], across[j + 1]) for j in range(len(across) - 1)]
        if any(p and q for p, q in zip(at_a, at_b)) or not any(at_a) or not any(at_b):
            seen.add((a, b))
            continue
        span = [across[j + 1] - across[j] for j in range(len(across) - 1)]
        keep_a = sum(w for w, p in zip(span, at_a) if p) > sum(w for w, q in zip(span, at_b) if q)
        other, flags = (b, at_b) if keep_a else (a, at_a)
        merged = [(j, other) for j, f in enumerate(flags) if f]
        merged += [m for m in moved.pop(k, []) + moved.pop(k + 1, [])]
        out[k:k + 2] = [a if keep_a else b]
        moved = {(i if i < k else i - 1 if i > k + 1 else k): v for i, v in moved.items()}
        moved[k] = merged
    at = {(i, j): pos for i, v in moved.items() for j, pos in v}
    return out, at


def _rectangles(owner: list[list[tuple[int, int]]],
                joined: set[tuple[tuple[int, int], tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """Each union of positions made into rectangles. A union that is no rectangle (a rule
    missing in the middle of a table; two row rules a few px apart, each drawn across some
    columns only, leaving a thin row whose gaps join cells left and right of each other) keeps
    the larger rectangle from its top-left position (down its first column, then right as far
    as every row of it reaches; or right along its first row, then down); the positions left over are joined again by the same missing rules,
    and so on: a merged cell beside the rectangle, on either side of it, stays one cell."""
    nr, nc = len(owner), len(owner[0]) if owner else 0
    groups: dict[tuple[int, int], set[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(owner[r][c], set()).add((r, c))
    out = [row[:] for row in owner]
    todo = [g for g in groups.values() if len(g) > 1]
    while todo:
        group = todo.pop()
        r0, c0 = min(group)
        rect = max(_rectangle(group, r0, c0, down=True), _rectangle(group, r0, c0, down=False), key=len)
        for p in rect:
            out[p[0]][p[1]] = (r0, c0)
        rest = group - rect
        while rest:  # the leftovers, by the missing rules that join them
            seed = min(rest)
            part, stack = {seed}, [seed]
            while stack:
                r, c = stack.pop()
                for q in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                    if q in rest and q not in part and (min((r, c), q), max((r, c), q)) in joined:
                        part.add(q)
                        stack.append(q)
            rest -= part
            for r, c in part:
                out[r][c] = min(part)
            if len(part) > 1:
                todo.append(part)
    return out


def table_rules(rules: Rules, grids: list[Grid], long_h: int = 300, long_v: int = 150) -> Rules:
    """The rules worth painting out: those of a table, and long free-standing ones.
    A short vertical "rule" outside any table is a stem of a large bold letter."""
    boxes = [(g.xs[0] - 12, g.ys[0] - 12, g.xs[-1] + 12, g.ys[-1] + 12) for g in grids]

    def keep(horizontal: bool, long: int) -> tuple[np.ndarray, Components, np.ndarray]:
        comps, live = rules.components(horizontal)
        size = comps.stats[:, cv2.CC_STAT_WIDTH if horizontal else cv2.CC_STAT_HEIGHT]
        ok = size >= long
        cx, cy = comps.centroids[:, 0], comps.centroids[:, 1]
        for b in boxes:
            ok |= (b[0] <= cx) & (cx <= b[2]) & (b[1] <= cy) & (cy <= b[3])
        ok &= live
        ok[0] = False
        return paint(comps, ok), comps, ok

    h, hcomps, hlive = keep(True, long_h)
    v, vcomps, vlive = keep(False, long_v)
    return Rules(h, v, [s for s in rules.hsegs if s.length >= long_h or _in_any(s, True, boxes)],
                 [s for s in rules.vsegs if s.length >= long_v or _in_any(s, False, boxes)],
                 hcomps, hlive, vcomps, vlive)


def _in_any(s: Segment, horizontal: bool, boxes) -> bool:
    mid = (s.start + s.end) / 2
    x, y = (mid, s.pos) if horizontal else (s.pos, mid)
    return any(contains_point(b, x, y) for b in boxes)


def without_rules(ink: np.ndarray, rules: Rules, reach: int = 3,
                  long: int = 700) -> tuple[np.ndarray, Components, np.ndarray]:
    """The ink mask without its rules and without the crumbs a cell border leaves
    (bits of its ragged edge lying wholly within `reach` px of it); glyphs touching
    a rule keep everything off the rule. Short strokes (an underline, a fraction
    bar) are taken out exactly: the dot of a colon may sit right on an underline.

    Returns the mask, its components as labelled before the crumbs went, and
    which of those components are left (so that later steps need not label
    the page again)."""
    hcomps, hlive = rules.components(horizontal=True)
    borders_h = paint(hcomps, (hcomps.stats[:, cv2.CC_STAT_WIDTH] > long) & hlive)
    borders = cv2.bitwise_or(borders_h, rules.vertical)
    rule = cv2.bitwise_or(cv2.dilate(borders, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))), rules.mask)
    rest = cv2.bitwise_and(ink, cv2.bitwise_not(rule))
    band = cv2.bitwise_or(
        cv2.dilate(borders_h, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 2 * reach + 1))),
        cv2.dilate(rules.vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * reach + 1, 3))))
    comps = label(rest)
    alive = np.ones(comps.n, dtype=bool)
    alive[0] = False
    if comps.n <= 1:
        return rest, comps, alive
    inside = np.bincount(comps.labels[band > 0].ravel(), minlength=comps.n)
    crumbs = inside >= comps.stats[:, cv2.CC_STAT_AREA]
    crumbs[0] = False
    if crumbs.any():
        rest = erase(rest, comps, crumbs)
        alive &= ~crumbs
    return rest, comps, alive
