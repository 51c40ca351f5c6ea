"""Decree numbers in the forms offices print them, and the gold form (FORMAT.md:
whitespace removed around "/" and "-"; null when left blank)."""
from __future__ import annotations

import re
from typing import Optional

from .random_source import Draw
from .vocabulary import phrases


def gold_form(printed: str) -> str:
    return re.sub(r"\s*([/-])\s*", r"\1", " ".join(printed.split()))


def _spaced(draw: Draw, number: str) -> str:
    """Print the slashes the way a typist does: tight, spaced, or spaced around the serial."""
    style = draw.pick(["tight", "tight", "spaced", "serial", "hyphen_spaced"])
    if style == "spaced":
        return number.replace("/", " / ")
    if style == "serial":
        parts = number.split("/")
        if len(parts) >= 3:
            parts[1] = f" {parts[1]} "
        return "/".join(parts)
    if style == "hyphen_spaced" and "-" in number:
        return number.replace("-", " - ", 1)
    return number


def draw_number(draw: Draw, templates: list[str], code: str, year: int, month: int,
                fill: dict, blank: float = 0.05) -> tuple[str, Optional[str], str]:
    """(printed, gold, form) of a decree number; form is the recorded choice."""
    if draw.chance(blank):
        return "\u2026" * draw.integer(12, 20), None, "blank"
    serial = str(draw.integer(1, 999)).zfill(draw.pick([1, 2, 3, 4]))
    template = draw.pick(templates)
    head = template.format(n=serial, **fill)
    if "{n}" not in template:  # a filing code only: the serial and the office's code follow
        form = draw.pick(["code", "code", "kpts", "roman"])
        if form == "code":
            number = f"{head}/{serial}/{code}/{year}"
        elif form == "kpts":
            number = f"{head}/{serial}/Kpts/{code}/{year}"
        else:
            number = f"{head}/{serial}/{code}/{phrases()['roman'][month - 1]}/{year}"
    else:
        form = "central"
        number = f"{head}/{year}"
    printed = _spaced(draw, number)
    return printed, gold_form(printed), form
