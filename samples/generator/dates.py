"""Dates as an Indonesian office prints them, and as the gold writes them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .random_source import Draw
from .vocabulary import phrases


@dataclass
class Date:
    year: int
    month: int
    day: Optional[int]  # None: printed without a day ("Januari 2024")
    zero_pad: bool = False

    @property
    def printed(self) -> str:
        month = phrases()["months"][self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        day = f"{self.day:02d}" if self.zero_pad else str(self.day)
        return f"{day} {month} {self.year}"

    @property
    def gold(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + ("" if self.day is None else f"-{self.day:02d}")


def draw_date(draw: Draw, year: int, months: tuple[int, int] = (1, 12), dayless: float = 0.0) -> Date:
    month = draw.integer(*months)
    day = None if draw.chance(dayless) else draw.integer(1, 28)
    return Date(year, month, day, zero_pad=draw.chance(0.3))


def period_printed(draw: Draw, start: int, end: int, style: Optional[str] = None) -> str:
    """"2021-2026", "2021 - 2026", "2021–2026", "2021 s.d. 2026"; a single year as itself."""
    if start == end:
        return str(start)
    style = style or draw.pick(["hyphen", "spaced", "dash", "sd"])
    return {"hyphen": f"{start}-{end}", "spaced": f"{start} - {end}", "dash": f"{start}\u2013{end}",
            "sd": f"{start} s.d. {end}"}[style]
