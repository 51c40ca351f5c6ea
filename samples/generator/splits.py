"""The fixed seed splits. Never change them: the test split measures iku after the
work on it is done, the dev split is the one to develop against.

    dev  = seeds 0 .. 199
    test = seeds 10000 .. 10099
"""
from __future__ import annotations

SPLITS: dict[str, range] = {"dev": range(0, 200), "test": range(10000, 10100)}


def seeds(split: str, count: int | None = None) -> list[int]:
    rng = SPLITS[split]
    return list(rng)[: count if count is not None else len(rng)]

# the scanned splits: the first N documents of each split, scanned (samples/generator/scan.py);
# OCR is slow on 2 cores, so they are small
SCANNED_COUNTS: dict[str, int] = {"dev": 40, "test": 30}
