"""The one internal table model shared by every extractor and every normalizer.

Extractors (text layer, OCR) produce an `ExtractedDocument`; normalizers read
only this model, never a PDF library's objects. Coordinates are PDF points with
the origin at the top-left of the page (pdfplumber's convention).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Optional

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom


class PageKind(StrEnum):
    TEXT = "text"  # a usable text layer
    IMAGE = "image"  # a scan: needs OCR


class Engine(StrEnum):
    """What read a cell. String values: they are written into provenance."""
    RULED = "pdfplumber"  # a ruled table of a text layer (pdfplumber's lattice)
    WORDS = "pdfplumber-text"  # a table without rules, built from text-layer word positions
    OCR = "ocr"

    @property
    def is_ocr(self) -> bool:
        return self is Engine.OCR


class Span(StrEnum):
    """Whether a grid position is a cell of its own or covered by a merged cell."""
    NONE = ""
    UP = "up"  # a merged cell above covers it
    LEFT = "left"  # a merged cell to the left covers it


@dataclass
class Cell:
    text: str  # as read, line breaks kept
    bbox: Optional[BBox] = None
    page: int = 0  # 1-based page number
    engine: Engine = Engine.RULED
    confidence: float = 1.0  # 0..1; 1 for a text layer, mean word confidence for OCR
    # covered by a merged cell above / to the left (its text then lives in that cell)
    spanned: Span = Span.NONE
    # the cells a joined cell was made of (a row cut by a page break), for provenance
    pieces: tuple["Cell", ...] = ()
    # OCR post-correction of words in this cell: [{"original": ..., "corrected": ...}]
    corrections: list[dict] = field(default_factory=list)

    def __post_init__(self):
        # plain strings from callers and tests become the enum members
        self.engine = Engine(self.engine)
        self.spanned = Span(self.spanned)

    @property
    def empty(self) -> bool:
        return not self.text.strip()


@dataclass
class Table:
    rows: list[list[Cell]]  # a rectangular grid: every row has the same number of cells
    page: int  # page the table (fragment) is on
    bbox: Optional[BBox] = None
    engine: Engine = Engine.RULED
    # text lines above the table on its page, top to bottom (titles, "Jabatan : ...")
    context: list[str] = field(default_factory=list)
    # True when the fragment starts at the top of its page (a candidate continuation)
    starts_page: bool = False
    # True when the fragment runs to the bottom of its page (may continue on the next)
    ends_page: bool = False
    # the text lines under the page's last table, top to bottom (a unit's block set under the
    # table before that unit's own table on the next page); empty for the page's other tables
    below: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.engine = Engine(self.engine)

    @property
    def ncols(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class PageInfo:
    number: int  # 1-based
    width: float
    height: float
    kind: PageKind
    text: str = ""  # reading-order text of the page

    def __post_init__(self):
        self.kind = PageKind(self.kind)


@dataclass
class ExtractedDocument:
    path: str
    pages: list[PageInfo] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    # text-layer pages printed sideways: page number → turn (degrees) that makes them upright
    sideways: dict[int, int] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    @property
    def method(self) -> str:
        kinds = {p.kind for p in self.pages}
        if kinds == {PageKind.TEXT} or not kinds:
            return "text"
        if kinds == {PageKind.IMAGE}:
            return "ocr"
        return "mixed"
