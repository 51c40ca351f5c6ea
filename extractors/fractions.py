"""Stacked fractions (an equation editor's numerator / bar / denominator) back to one line.

Word and LibreOffice export an equation as text lines above and below a drawn
stroke. Read as plain text the numerator and denominator become two unrelated
lines; a reader writes `A / B`. This is done here, where the geometry is still
known, so normalizers only ever see linear text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from statistics import median

from iku.extractors.geometry import lines_by_top, spans_overlap
from iku.extractors.vocabulary import vocabulary


def _lines(words: list[dict]) -> list[list[dict]]:
    """Text lines of a cell's words; a word may join any line opened before it, not only the last."""
    return lines_by_top(words, rounded=True, any_line=True)


def _text(words: list[dict]) -> str:
    return " ".join(w["text"] for w in sorted(words, key=lambda w: w["x0"]))


def _within(line: list[dict], x0: float, x1: float, slack: float) -> bool:
    return all(w["x0"] >= x0 - slack and w["x1"] <= x1 + slack for w in line)


@lru_cache(maxsize=1)
def _label_start() -> re.Pattern:
    """A line opening with a part label (headers.toml [labels]): "Tipe Perhitungan : …",
    "Tipe Perhitungan Non Kumulatif" (colon lost on a scan), "Alasan : …"."""
    labels = sorted({lab for labs in vocabulary().labels.values() for lab in labs}, key=len, reverse=True)
    multi = "|".join(r"\s+".join(map(re.escape, lab.split())) for lab in labels if " " in lab)
    single = "|".join(re.escape(lab) for lab in labels if " " not in lab)
    return re.compile(r"^(?:(?:" + multi + r")(?:\s|:|$)|(?:" + single + r")\s*:)", re.I)


def opens_with_label(line: list[dict]) -> bool:
    """Whether a line of words (left to right) opens with a part label."""
    return _labelled(line)


def _labelled(line: list[dict]) -> bool:
    """A labelled part's first line: never a numerator or denominator line (the next
    part of the cell, printed under a fraction, is not more of its denominator)."""
    return bool(_label_start().match(_text(line)))


def _centred(line: list[dict], x0: float, x1: float) -> bool:
    """An equation editor centres numerator and denominator lines on the bar."""
    mid = (line[0]["x0"] + line[-1]["x1"]) / 2
    return abs(mid - (x0 + x1) / 2) <= 0.12 * (x1 - x0) + 2 and not any(w["text"].endswith(":") for w in line)


_BAR_BITS = "-–—_=~"


def _bar_read_as_text(word: dict, bar, h: float) -> bool:
    """A word OCR read off a fraction bar: centred on the stroke's line, lying over the bar
    for most of its width, and flat (the engine's box of a stroke, not of letters) or with no
    letter or digit in it. Words of a text layer are never flat."""
    bx0, btop, bx1, bbottom = bar
    if abs((word["top"] + word["bottom"]) / 2 - (btop + bbottom) / 2) > 0.35 * h:
        return False
    width = word["x1"] - word["x0"]
    if width <= 0 or min(word["x1"], bx1) - max(word["x0"], bx0) < 0.5 * width:
        return False
    flat = word["bottom"] - word["top"] <= 0.7 * h
    return flat or not any(ch.isalnum() for ch in word["text"])


def _without_bar_bits(word: dict, bar, h: float) -> dict:
    """A word at the bar's height that OCR read together with the bar's end ("-X" for the
    side term's "X" after a bar): the dashes of the bar taken off it."""
    bx0, btop, bx1, bbottom = bar
    if abs((word["top"] + word["bottom"]) / 2 - (btop + bbottom) / 2) > 0.35 * h:
        return word
    text = word["text"]
    if word["x0"] < bx1 - 1 < word["x1"] and word["x0"] >= bx0:  # over the bar's right end
        cut = text.lstrip(_BAR_BITS)
        if cut and cut != text:
            return {**word, "text": cut, "x0": bx1}
    if word["x0"] < bx0 + 1 < word["x1"] and word["x1"] <= bx1:  # over its left end
        cut = text.rstrip(_BAR_BITS)
        if cut and cut != text:
            return {**word, "text": cut, "x1": bx0}
    return word


def linearise_cell(page, cell_bbox, bars) -> str | None:
    """The cell's text with each stacked fraction written as `left num / den right`."""
    words = page.crop(cell_bbox, strict=False).extract_words(x_tolerance=1.5, y_tolerance=2.5)
    return linearise_words(words, bars)


def linearise_words(words: list[dict], bars, scanned: bool = False) -> str | None:
    """Same as `linearise_cell` for words already taken out of one cell (dicts with
    text, x0, x1, top, bottom in points), e.g. OCR words; None when no bar is a fraction.
    `scanned`: OCR words and bars found on the raster (words read off the bar, word boxes
    reaching into it)."""
    if not words:
        return None
    h = median(w["bottom"] - w["top"] for w in words)
    used: set[int] = set()
    units: list[tuple[float, str]] = []
    for bar in sorted(bars, key=lambda b: b[1]):
        bx0, btop, bx1, bbottom = bar
        # a scan's bar read as text by OCR ("HP", "—", "-X" at the bar's height): the bar
        # itself, not text it runs through nor a line of the fraction
        if scanned:
            read_bar = {id(w) for w in words if _bar_read_as_text(w, bar, h)}
            words = [_without_bar_bits(w, bar, h) for w in words if id(w) not in read_bar]
        # (a denominator right under the bar, centred on it: a fraction whose numerator happens
        # to sit close on its bar; an underlined paragraph's next line starts at its left)
        below_bar = [w for w in words if btop - 1 <= w["top"] <= btop + 0.8 * h]
        first_below = [ln for ln in _lines(below_bar)][:1]
        under = bool(first_below) and _within(first_below[0], bx0, bx1, h) and _centred(first_below[0], bx0, bx1)
        marked = [w for w in words if w["top"] < btop < w["bottom"] + 1.0 and spans_overlap(w["x0"], w["x1"], bx0, bx1)
                  and sum(ch.isalnum() for ch in w["text"]) >= 2]
        # (on a scan the numerator of a fraction set close on its bar, centred over the
        # denominator, may reach into the stroke from above, and the denominator from below:
        # glyph boxes take in the bar's pixels a descender or a capital touches; text an
        # underline runs through reaches past the stroke on both sides; a part's label is
        # underlined, never a numerator)
        tol = 0.1 * h
        close = scanned and under and not (marked and _labelled(sorted(marked, key=lambda w: w["x0"])))
        through = (lambda w: w["top"] < btop - tol and w["bottom"] > bbottom + tol) if close \
            else (lambda w: btop < w["bottom"])
        if any(through(w) for w in marked) or (marked and not under):
            continue  # an underline runs through or hugs the text it marks; a fraction bar has space around it
        free = [w for w in words if id(w) not in used]
        # words beside the bar at its height ("x 100%") are the fraction's sides, never part of
        # its numerator or denominator lines even when they sit a little high or low
        band = [w for w in free if abs((w["top"] + w["bottom"]) / 2 - btop) < 0.9 * h
                and (w["x1"] <= bx0 + 1 or w["x0"] >= bx1 - 1)]
        sides = {id(w) for w in band}
        parts = [w for w in free if id(w) not in sides]
        # (on a scan a line's box may reach into the stroke, as above)
        reach = tol if close else 0.0
        above = [ln for ln in _lines([w for w in parts if w["bottom"] <= max(btop + 1, bbottom + reach)])]
        below = [ln for ln in _lines([w for w in parts if w["top"] >= btop - 1 - reach])]
        # (the space between a fraction's lines: OCR boxes hug the glyphs, a line's box is
        # shorter than its type, and the space between two boxes wider than a text layer's)
        gap = (1.0 if scanned else 0.8) * h
        num: list[list[dict]] = []
        edge = btop
        for ln in reversed(above):
            bottom = max(w["bottom"] for w in ln)
            if edge - bottom > gap or not _within(ln, bx0, bx1, h) or (num and not _centred(ln, bx0, bx1)) \
                    or (num and _labelled(ln)):
                break
            num.insert(0, ln)
            edge = min(w["top"] for w in ln)
        den: list[list[dict]] = []
        edge = btop
        for ln in below:
            top = min(w["top"] for w in ln)
            if top - edge > gap or not _within(ln, bx0, bx1, h) or (den and not _centred(ln, bx0, bx1)) \
                    or (den and _labelled(ln)):
                break
            den.append(ln)
            edge = max(w["bottom"] for w in ln)
        if not num or not den:
            continue
        left = [w for w in band if w["x1"] <= bx0 + 1]
        right = [w for w in band if w["x0"] >= bx1 - 1]
        if _labelled(sorted(num[-1] + right, key=lambda w: w["x0"])):
            # a part's label underlined ("Rumus : …"), the stroke its underline, over the cell's
            # next line: no fraction (on a scan the label's box may stop short of its underline,
            # which `marked` above then misses)
            continue
        for part in num + den:
            used.update(id(w) for w in part)
        used.update(id(w) for w in band)
        numerator = " ".join(_text(ln) for ln in num)
        denominator = " ".join(_text(ln) for ln in den)
        text = " ".join(s for s in (_text(left), f"{numerator} / {denominator}", _text(right)) if s)
        units.append((min(w["top"] for w in num[0]), text))
    if not units:
        return None
    rest = [w for w in words if id(w) not in used]
    units.extend((ln[0]["top"], _text(ln)) for ln in _lines(rest))
    units.sort(key=lambda u: u[0])
    return "\n".join(t for _, t in units)
