"""Undo the perspective of a page photographed at an angle (a phone capture).

A flatbed scan is at worst rotated, and the deskew in extractors/raster.py
levels it. A photo of a page lying on a desk is a perspective view: the rules
of a table that are parallel on paper converge, the left border leans one way
and the right border another, and a grid read column by column at fixed x
merges cells across a leaning rule.

The page is a plane, so one homography makes it flat again. It is found from
the long rules: each is fitted with a straight line; the lines that should be
vertical meet (nearly) in one vanishing point and the horizontal ones in
another. Sending both points to infinity makes each family parallel (the line
through them becomes the line at infinity), and an affine step then turns the
two directions back to x and y. Pages whose rules are already parallel are
left alone: when no long rule's bounding box leans enough to matter, not even
the lines are fitted, so a flatbed scan costs next to nothing here.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

import cv2
import numpy as np

from iku.extractors.raster import binarise


# a rule this long (px at 300 dpi) is used for the fit
LONG_RULE = 300
# px of a rule's bounding box across its length that are its thickness, not its lean
RULE_THICKNESS = 6
# rules of one direction spread over more than this many degrees: a perspective view
# (flatbed scans measured at most 0.34, the phone capture in the real corpus 2.9)
MIN_SPREAD = 0.6
# a homography that needs the page shrunk more than this to keep it in the frame
# is not believed (a bad fit, a drawing, not a table)
MIN_FIT = 0.8
# a page whose homography changes the scale across it by this much or more (the far side of
# a photographed page shrinks) is a photograph; a flatbed page whose long rules lean apart
# a little (a bent sheet, a drawn decoration) fits a homography too, but one that keeps the
# scale within a few per cent (measured: clean and flatbed pages 1.006-1.036, phone
# captures with perspective 1.052-1.28; benchmarks/results/ocr.txt)
PHOTO_SCALE_CHANGE = 1.045
# px within which the ends of horizontal rules are taken to line up on one vertical line,
# and the most that line may lean from square to the rules (degrees): see _end_lines
END_TOL = 8
MAX_END_LEAN = 8.0


def _long_rules(rules, vertical: bool) -> tuple:
    """(components, ids of the long rules) of a direction (`rules`: extractors/grid.py Rules)."""
    comps, live = rules.components(horizontal=not vertical)
    length = comps.stats[:, cv2.CC_STAT_HEIGHT if vertical else cv2.CC_STAT_WIDTH]
    return comps, np.flatnonzero(live & (length >= LONG_RULE))


def _max_lean(rules, vertical: bool) -> float:
    """Degrees the most leaning long rule leans at most (from its bounding box:
    a rule a few pixels thick, leaning, is a box wider than its thickness)."""
    comps, ids = _long_rules(rules, vertical)
    if not len(ids):
        return 0.0
    st = comps.stats[ids]
    across, along = (st[:, 2], st[:, 3]) if vertical else (st[:, 3], st[:, 2])
    return float(np.degrees(np.arctan(np.maximum(across - RULE_THICKNESS, 0) / along)).max())


def _fitted(comps, i) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A long rule's pixels (at most ~4000 of them) and the line fitted through them:
    (pixels, point, unit direction), in pixels."""
    x, y, w, h = (int(v) for v in comps.stats[i, :4])
    ys, xs = np.nonzero(comps.labels[y:y + h, x:x + w] == i)
    pts = np.column_stack([xs + x, ys + y]).astype(np.float64)
    if len(pts) > 4000:
        pts = pts[:: len(pts) // 4000 + 1]
    vx, vy, px, py = cv2.fitLine(pts.astype(np.float32), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
    return pts, np.array([px, py], dtype=np.float64), np.array([vx, vy], dtype=np.float64)


def _lines(rules, vertical: bool) -> list[tuple[np.ndarray, np.ndarray]]:
    """(point, unit direction) of each long rule, in pixels."""
    comps, ids = _long_rules(rules, vertical)
    out = []
    for i in ids:
        _, p, d = _fitted(comps, i)
        if (vertical and d[1] < 0) or (not vertical and d[0] < 0):
            d = -d
        out.append((p, d))
    return out


def _rule_ends(rules) -> list[np.ndarray]:
    """The two ends (px) of each long horizontal rule: the extreme pixels along its fitted
    line."""
    comps, ids = _long_rules(rules, vertical=False)
    ends = []
    for i in ids:
        pts, p, d = _fitted(comps, i)
        t = (pts - p) @ d
        ends += [p + t.min() * d, p + t.max() * d]
    return ends


def _end_lines(rules, hs) -> list[tuple[np.ndarray, np.ndarray]]:
    """Lines that are vertical on paper, read from where the horizontal rules end: a table
    ruled between its rows only (or a page whose column rules are too short or broken) still
    starts and ends its rules at its edges and at the columns a merged cell leaves unruled,
    so the ends of three rules or more line up across the rules. (point, unit direction) of
    each line through at least three ends (within END_TOL px) spanning LONG_RULE px or more,
    across the rules within MAX_END_LEAN degrees; the best lines first, each end used once."""
    ends = _rule_ends(rules)
    if len(ends) < 6 or len(hs) < 3:
        return []
    across = np.mean([d if d[0] >= 0 else -d for _, d in hs], axis=0)
    across = np.array([-across[1], across[0]]) / np.linalg.norm(across)  # perpendicular to the rules
    if across[1] < 0:
        across = -across
    pts = np.array(ends)
    free = np.ones(len(pts), dtype=bool)
    out = []
    while free.sum() >= 3:
        best = None
        idx = np.flatnonzero(free)
        for a in range(len(idx)):
            for b in range(a + 1, len(idx)):
                p, q = pts[idx[a]], pts[idx[b]]
                d = q - p
                n = np.linalg.norm(d)
                if n < LONG_RULE / 2:
                    continue
                d = d / n
                if d[1] < 0:
                    d = -d
                if abs(d @ across) < np.cos(np.radians(MAX_END_LEAN)):
                    continue
                normal = np.array([-d[1], d[0]])
                dist = np.abs((pts[idx] - p) @ normal)
                inl = idx[dist <= END_TOL]
                if best is None or len(inl) > len(best):
                    best = inl
        if best is None or len(best) < 3:
            break
        along = pts[best] @ across
        if along.max() - along.min() < LONG_RULE:
            free[best] = False
            continue
        vx, vy, px, py = cv2.fitLine(pts[best].astype(np.float32), cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        d = np.array([vx, vy], dtype=np.float64)
        out.append((np.array([px, py], dtype=np.float64), d if d[1] >= 0 else -d))
        free[best] = False
    return out


def _spread(lines) -> float:
    """Degrees between the most different directions of a family of lines."""
    if len(lines) < 2:
        return 0.0
    angles = [np.degrees(np.arctan2(d[0], d[1])) if abs(d[1]) > abs(d[0]) else np.degrees(np.arctan2(d[1], d[0]))
              for _, d in lines]
    return float(max(angles) - min(angles))


def _shear(vs, hs) -> float:
    """Degrees by which the two families' mean directions miss a right angle. A page
    photographed at an angle may come out with its rules parallel in each family but the
    column rules leaning against the row rules the deskew levelled (the rows' rules flat,
    every column rule leaning the same way): a rotation keeps the right angle, a scan
    cannot lean one family alone."""
    def mean(lines, vertical: bool) -> np.ndarray:
        d = np.mean([dd if (dd[1] if vertical else dd[0]) >= 0 else -dd for _, dd in lines], axis=0)
        return d / np.linalg.norm(d)
    cos = abs(float(mean(vs, True) @ mean(hs, False)))
    return float(np.degrees(np.arcsin(min(cos, 1.0))))


def _vanishing_point(lines, norm: np.ndarray) -> np.ndarray:
    """The homogeneous point nearest to all lines (least squares), normalised coordinates."""
    rows = []
    for p, d in lines:
        a = norm @ np.array([p[0], p[1], 1.0])
        b = norm @ np.array([p[0] + 1000 * d[0], p[1] + 1000 * d[1], 1.0])
        ln = np.cross(a, b)
        rows.append(ln / np.linalg.norm(ln[:2]))
    _, _, vt = np.linalg.svd(np.array(rows))
    return vt[-1]


def scale_change(matrix: np.ndarray, shape: tuple[int, int]) -> float:
    """How much the homography's scale differs between the page's corners (the ratio of
    the largest to the smallest projective divisor): 1.0 for an affine map."""
    h, w = shape[:2]
    corners = np.array([[0, 0, 1], [w, 0, 1], [0, h, 1], [w, h, 1]], dtype=np.float64).T
    z = np.abs(matrix[2] @ corners)
    return float(z.max() / max(z.min(), 1e-12))


def photographed(matrix: Optional[np.ndarray], shape: tuple[int, int]) -> bool:
    """A homography that is a photograph's perspective, not a flatbed page's slight lean."""
    return matrix is not None and scale_change(matrix, shape) >= PHOTO_SCALE_CHANGE


def homography(rules) -> Optional[np.ndarray]:
    """3x3 matrix (page pixels → flattened page pixels) from the rules of a page
    (extractors/grid.py Rules), or None when the page needs none (rules
    parallel, too few long rules, or an implausible fit)."""
    # no rule leans half the spread that would matter: no line fits needed (a table ruled
    # between its rows only has no column rule to lean: its rules' ends stand for them)
    few_columns = len(_long_rules(rules, vertical=True)[1]) < 2
    if not few_columns and max(_max_lean(rules, True), _max_lean(rules, False)) < MIN_SPREAD / 2:
        return None
    vs = _lines(rules, vertical=True)
    hs = _lines(rules, vertical=False)
    if len(vs) < 2 and len(hs) >= 3:
        vs = _end_lines(rules, hs)
    if len(vs) < 2 or len(hs) < 2:
        return None
    return _flattening(vs, hs, rules.vertical.shape)


def _flattening(vs, hs, shape: tuple[int, int]) -> Optional[np.ndarray]:
    """The homography that makes the lines `vs` (vertical on paper) and `hs` (horizontal)
    parallel and square again, the page kept in its frame (`shape`); None when they are
    parallel already or the fit is implausible."""
    if _spread(vs) < MIN_SPREAD and _spread(hs) < MIN_SPREAD and _shear(vs, hs) < MIN_SPREAD:
        return None
    h, w = shape[:2]
    s = float(max(h, w))
    norm = np.array([[1 / s, 0, -w / (2 * s)], [0, 1 / s, -h / (2 * s)], [0, 0, 1]])
    vv = _vanishing_point(vs, norm)
    vh = _vanishing_point(hs, norm)
    horizon = np.cross(vv, vh)
    if abs(horizon[2]) < 1e-9:
        return None
    horizon = horizon / horizon[2]
    proj = np.array([[1, 0, 0], [0, 1, 0], [horizon[0], horizon[1], 1.0]])
    # directions of the two families once they are parallel
    dv = (proj @ vv)[:2]
    dh = (proj @ vh)[:2]
    if np.linalg.norm(dv) < 1e-12 or np.linalg.norm(dh) < 1e-12:
        return None
    dv, dh = dv / np.linalg.norm(dv), dh / np.linalg.norm(dh)
    if dv[1] < 0:
        dv = -dv
    if dh[0] < 0:
        dh = -dh
    basis = np.column_stack([dh, dv])
    if abs(np.linalg.det(basis)) < 0.5:  # the families are far from perpendicular: no table
        return None
    affine = np.eye(3)
    affine[:2, :2] = np.linalg.inv(basis)
    flat = np.linalg.inv(norm) @ affine @ proj @ norm
    # the whole page stays in the frame: a uniform scale down (the far edge of a
    # photographed page comes out larger than it was) and a shift to the corner
    corners = np.array([[0, 0, 1], [w, 0, 1], [0, h, 1], [w, h, 1]], dtype=np.float64).T
    mapped = flat @ corners
    mapped = mapped[:2] / mapped[2]
    lo, hi = mapped.min(axis=1), mapped.max(axis=1)
    fit = min(w / (hi[0] - lo[0]), h / (hi[1] - lo[1]), 1.0)
    if fit < MIN_FIT:
        return None
    pad = (np.array([w, h]) - fit * (hi - lo)) / 2
    place = np.array([[fit, 0, pad[0] - fit * lo[0]], [0, fit, pad[1] - fit * lo[1]], [0, 0, 1]])
    flat = place @ flat
    return flat / flat[2, 2]


# the paper's outline (paper_homography), found at 1/PAPER_SCALE of the page: paper is cells of
# PAPER_SMOOTH grey levels of spread at most over PAPER_CELL px, at least PAPER_WHITE light once
# flattened (a desk, a cloth or a dark ground is textured or dark); the sheet holds at least
# PAPER_AREA of the frame and its corners stand PAPER_MARGIN of the frame inside it
PAPER_SCALE, PAPER_CELL, PAPER_SMOOTH, PAPER_WHITE = 8, 5, 6.0, 235
PAPER_AREA, PAPER_MARGIN = 0.25, 0.01


def paper_corners(gray: np.ndarray) -> Optional[np.ndarray]:
    """The four corners (px; top-left, top-right, bottom-right, bottom-left) of the sheet of
    paper in a photograph of it lying on a ground, or None when the page shows no such sheet
    (a scan fills its frame with paper). The flattened page (raster.flatten) is even white
    over the paper, margins and the blank round the text alike, and noisy or dark off it."""
    k = PAPER_SCALE
    small = cv2.resize(gray, None, fx=1 / k, fy=1 / k, interpolation=cv2.INTER_AREA).astype(np.float32)
    mean = cv2.blur(small, (PAPER_CELL, PAPER_CELL))
    spread = np.sqrt(np.maximum(cv2.blur(small * small, (PAPER_CELL, PAPER_CELL)) - mean * mean, 0))
    smooth = ((spread < PAPER_SMOOTH) & (mean > PAPER_WHITE)).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(smooth, connectivity=4)
    if n < 2:
        return None
    i = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    contours, _ = cv2.findContours((labels == i).astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    hull = cv2.convexHull(max(contours, key=cv2.contourArea))
    sh, sw = small.shape
    if cv2.contourArea(hull) < PAPER_AREA * sh * sw:
        return None
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True).reshape(-1, 2).astype(np.float64)
    if len(quad) != 4:
        return None
    m = PAPER_MARGIN * max(sh, sw)
    if (quad[:, 0] < m).any() or (quad[:, 1] < m).any() or (quad[:, 0] > sw - m).any() or (quad[:, 1] > sh - m).any():
        return None  # the sheet runs out of the frame: its outline there is the frame's
    s, d = quad.sum(axis=1), quad[:, 1] - quad[:, 0]
    order = [int(np.argmin(s)), int(np.argmin(d)), int(np.argmax(s)), int(np.argmax(d))]
    if len(set(order)) != 4:
        return None
    return quad[order] * k


def _sheet_edges(corners: np.ndarray) -> tuple[list, list]:
    """(sides, top and bottom) of a sheet's outline as lines (point, direction)."""
    tl, tr, br, bl = corners

    def line(p: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        d = q - p
        return p, d / np.linalg.norm(d)

    return [line(tl, bl), line(tr, br)], [line(tl, tr), line(bl, br)]


def paper_homography(gray: np.ndarray) -> Optional[np.ndarray]:
    """3x3 matrix (page pixels → flattened page pixels) from the outline of the sheet in a
    photograph (`paper_corners`), for a page whose rules give none: a table without rules
    photographed at an angle has text lines that slope and converge, and its rows cannot be
    read at fixed heights. The sheet's edges are straight and square on paper, so they stand
    for the rules. None when no sheet is seen or its edges are parallel already."""
    corners = paper_corners(gray)
    if corners is None:
        return None
    return _flattening(*_sheet_edges(corners), gray.shape)


def sheet_sheared(gray: np.ndarray) -> bool:
    """The sheet's sides lean against its top and bottom edge by more than its outline can be
    measured to (`_shear`): a photograph taken from one side, its far edge hardly shorter, so
    the scale hardly changes across it (`photographed` misses it), yet its columns lean and a
    table without rules drifts a column's width across its rows. A scan is at most rotated
    and shows no outline. The outline's corners are found to PAPER_SCALE px: the two mean
    directions are each off by at most atan(2 PAPER_SCALE / the shortest edge), and a lean
    under twice that (or under MIN_SPREAD, the rules' own floor) is not believed."""
    corners = paper_corners(gray)
    if corners is None:
        return False
    shortest = min(np.linalg.norm(corners[i] - corners[(i + 1) % 4]) for i in range(4))
    floor = max(MIN_SPREAD, 2 * float(np.degrees(np.arctan(2 * PAPER_SCALE / max(shortest, 1.0)))))
    return _shear(*_sheet_edges(corners)) >= floor


def warp(img: np.ndarray, matrix: np.ndarray, fill: int) -> np.ndarray:
    h, w = img.shape
    return cv2.warpPerspective(img, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                               borderValue=fill)


def rectified(page, matrix: np.ndarray):
    """The PageImage (extractors/raster.py) seen through `matrix`: gray warped, ink
    binarised again."""
    gray = warp(page.gray, matrix, 255)
    return replace(page, gray=gray, ink=binarise(gray, page.dpi), perspective=matrix)
