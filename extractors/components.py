"""Connected components of a page-sized mask, at the speed a page pipeline needs.

A 300 dpi page is 9–10 million pixels. OpenCV's labelling with 32-bit labels
and `labels[...]` lookups over the whole page cost ~50 ms and ~25 ms each; a
scanned page needs a dozen of them (rules, cells, crumbs, specks, dashes).
Here labels are 16-bit whenever the mask provably has fewer components than
that holds (a contour count is an upper bound and costs ~4 ms), and masks
of chosen components are painted inside their bounding boxes only.
"""
from __future__ import annotations

from typing import NamedTuple

import cv2
import numpy as np

_MAX_16U = 65535


class Components(NamedTuple):
    n: int  # components + 1 (label 0 is the background)
    labels: np.ndarray
    stats: np.ndarray  # x, y, w, h, area per label (cv2.CC_STAT_*)
    centroids: np.ndarray


def label(mask: np.ndarray) -> Components:
    """8-connected components of a 0/255 mask."""
    # every component has an outer contour, and holes add more: an upper bound
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    ltype = cv2.CV_16U if len(contours) < _MAX_16U else cv2.CV_32S
    n, labels, stats, centroids = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=ltype)
    return Components(n, labels, stats, centroids)


def _ids(chosen: np.ndarray) -> np.ndarray:
    ids = np.flatnonzero(chosen)
    return ids[ids != 0]


def _lut(comps: Components, ids: np.ndarray) -> np.ndarray:
    lut = np.zeros(comps.n, dtype=np.uint8)
    lut[ids] = 255
    return lut


# above this many components, one lookup over the whole page beats box-by-box painting
_BOXWISE = 2000


def _set(out: np.ndarray, comps: Components, chosen: np.ndarray, value: int) -> np.ndarray:
    """`out` with the pixels of the chosen components set to `value` (in place)."""
    ids = _ids(chosen)
    if len(ids) > _BOXWISE:
        out[_lut(comps, ids)[comps.labels] > 0] = value
        return out
    for i in ids:
        x, y, w, h = (int(v) for v in comps.stats[i, :4])
        out[y:y + h, x:x + w][comps.labels[y:y + h, x:x + w] == i] = value
    return out


def paint(comps: Components, chosen: np.ndarray) -> np.ndarray:
    """A 0/255 mask of the chosen components (boolean per label; label 0 ignored)."""
    return _set(np.zeros(comps.labels.shape, dtype=np.uint8), comps, chosen, 255)


def erase(mask: np.ndarray, comps: Components, chosen: np.ndarray) -> np.ndarray:
    """A copy of `mask` without the chosen components (boolean per label)."""
    return _set(mask.copy(), comps, chosen, 0)
