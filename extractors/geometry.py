"""Geometry and clustering of boxes and words: the one copy of each helper the
extractors share (in the manner of pdfplumber's utils/geometry.py and
utils/clustering.py).

Boxes are `(x0, top, x1, bottom)` with the origin at the top-left (PDF points
in the table model, pixels on a page image). Words are dicts with "text",
"x0", "x1", "top", "bottom": pdfplumber's `extract_words` shape, which OCR
words take too once in points (extractors/ocr.py `to_points`).

Where two extractors used to test a little differently (a tolerance, a
margin, which line a word may join) the difference is a parameter here, so
that each caller keeps its own rule.
"""
from __future__ import annotations

from statistics import median
from typing import Iterable, Optional, Sequence

import numpy as np

BBox = tuple[float, float, float, float]


# --------------------------------------------------------------------------- boxes

def overlaps(a: Sequence[float], b: Sequence[float]) -> bool:
    """Two boxes share at least one point (boxes that only touch count)."""
    return not (a[2] < b[0] or a[0] > b[2] or a[3] < b[1] or a[1] > b[3])


def overlaps_any(box: Sequence[float], others: Iterable[Sequence[float]]) -> bool:
    return any(overlaps(box, other) for other in others)


def spans_overlap(a0: float, a1: float, b0: float, b1: float) -> bool:
    """Two intervals (x-spans, say) share more than a point."""
    return a0 < b1 and a1 > b0


def contains_point(box: Sequence[float], x: float, y: float, *, half_open: bool = False) -> bool:
    """The point lies in the box, edges included; `half_open`: the right and bottom edges excluded
    (a box of pixels `x0 <= x < x0 + w`)."""
    if half_open:
        return box[0] <= x < box[2] and box[1] <= y < box[3]
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def centre(box: Sequence[float]) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def centre_inside(box: Sequence[float], container: Sequence[float]) -> bool:
    """The box's centre lies in `container` (edges included): which cell a word belongs to."""
    return contains_point(container, *centre(box))


def bar_inside(bar: Sequence[float], box: Sequence[float], *, margin_x: float = 0.0, margin_y: float = 0.0,
               room: Optional[float] = None) -> bool:
    """A horizontal stroke (a fraction bar) lies strictly inside `box`: its ends more than `margin_x`
    inside the sides, its top more than `margin_y` inside the top and bottom, and (with `room`) it is
    shorter than the box's width less `room` (a cell's own border touches its edges)."""
    bx0, btop, bx1, _ = bar
    x0, top, x1, bottom = box
    inside = x0 + margin_x < bx0 and bx1 < x1 - margin_x and top + margin_y < btop < bottom - margin_y
    return inside and (room is None or (bx1 - bx0) < (x1 - x0) - room)


def xywh_box(mark: Sequence[float]) -> BBox:
    """(x, y, w, h), OpenCV's component stats, as a box."""
    x, y, w, h = mark
    return x, y, x + w, y + h


def word_box(word: dict) -> BBox:
    return word["x0"], word["top"], word["x1"], word["bottom"]


def words_box(words: Sequence[dict]) -> BBox:
    """The box around some words."""
    return (min(w["x0"] for w in words), min(w["top"] for w in words),
            max(w["x1"] for w in words), max(w["bottom"] for w in words))


# --------------------------------------------------------------------------- text lines

def lines_by_top(words: Iterable[dict], tol: float = 2.5, *, rounded: bool = False,
                 any_line: bool = False) -> list[list[dict]]:
    """Text-layer words in text lines, each left to right, top to bottom.

    A text layer gives the words of a line (nearly) one top: a word joins the
    line whose first word's top is within `tol` of its own. Words are taken by
    top, then x0 (`rounded`: by the top rounded to a point, so that words a
    fraction of a point apart on one line come left to right). A word may join
    only the last line opened, or (`any_line`) the first line that fits, the
    lines then ordered by their leftmost word's top.
    """
    if rounded:
        order = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    else:
        order = sorted(words, key=lambda w: (w["top"], w["x0"]))
    lines: list[list[dict]] = []
    for w in order:
        if any_line:
            for line in lines:
                if abs(line[0]["top"] - w["top"]) <= tol:
                    line.append(w)
                    break
            else:
                lines.append([w])
        elif lines and abs(lines[-1][0]["top"] - w["top"]) <= tol:
            lines[-1].append(w)
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    if any_line:
        lines.sort(key=lambda ln: ln[0]["top"])
    return lines


def lines_by_centre(words: Sequence[dict], share: float = 0.5, apart: bool = False) -> list[list[dict]]:
    """OCR words (in points) in text lines, each left to right, top to bottom.

    OCR boxes hug the glyphs ("yang" starts lower than "Jumlah"), so tops do
    not tell a line: a word joins the last line when its vertical centre is
    within `share` of the median word height of the line's mean centre (and,
    with `apart`, when it stands over or under none of the line's words by more
    than half the narrower one: one text line holds no two words at one place)."""
    if not words:
        return []
    h = median(w["bottom"] - w["top"] for w in words) or 1.0
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"])):
        cy = (w["top"] + w["bottom"]) / 2
        if lines:
            ln = lines[-1]
            lcy = sum((v["top"] + v["bottom"]) / 2 for v in ln) / len(ln)
            if abs(cy - lcy) <= share * h and not (apart and any(
                    min(w["x1"], v["x1"]) - max(w["x0"], v["x0"]) > 0.5 * min(w["x1"] - w["x0"], v["x1"] - v["x0"])
                    for v in ln)):
                ln.append(w)
                continue
        lines.append([w])
    for ln in lines:
        ln.sort(key=lambda w: w["x0"])
    return lines


def lines_text(lines: Iterable[Sequence[dict]]) -> str:
    """Words in lines as text: a space between words, a line break between lines."""
    return "\n".join(" ".join(w["text"] for w in ln) for ln in lines)


# --------------------------------------------------------------------------- 1-D clustering

def cluster_values(values: Iterable[float], tol: float) -> list[float]:
    """Values in clusters (sorted; a value within `tol` of the previous one joins its cluster),
    each cluster as its mean: rule positions found several times become one."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [float(np.mean(c)) for c in out]


def densest_start(values: Iterable[float], tol: float) -> tuple[Optional[float], int]:
    """(x, n): the value that most values lie at or up to `tol` above (the first such on a tie),
    and how many they are; (None, 0) for no values. A column's left edge is where many words start."""
    xs = sorted(values)
    best, count = None, 0
    for i, x in enumerate(xs):
        n = 0
        while i + n < len(xs) and xs[i + n] <= x + tol:
            n += 1
        if n > count:
            best, count = x, n
    return best, count
