"""The output model and the one definition of the output schema.

Every list of indicator or document fields in the project comes from here: the
normalizers fill them, the writers (JSON, Parquet, batch dataset), the scorer,
the review page, the catalog, the sample generators and the tests read them.
The FORMAT.md shape (docs/FORMAT.md) is `Document.to_dict()`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Optional

# Fields a table column can feed (the canonical header vocabulary's targets).
CELL_FIELDS: tuple[str, ...] = (
    "no", "sasaran", "indikator", "penjelasan", "alasan", "formulasi", "satuan",
    "tipe_perhitungan", "penanggung_jawab", "sumber_data", "program", "keterangan",
    "sasaran_daerah", "indikator_daerah",
)
# Text fields of an indicator record: its group (title / section) and the cell fields.
TEXT_FIELDS: tuple[str, ...] = ("group",) + CELL_FIELDS
# The keys of an indicator record in the FORMAT.md shape, in order.
INDICATOR_FIELDS: tuple[str, ...] = TEXT_FIELDS + ("extra",)

# Keys a record carries beside the FORMAT.md fields (docs/FORMAT.md "targets"): `targets`, the
# typed values of its target-like `extra` columns (normalizers/targets.py), one entry per value.
RECORD_EXTRA_KEYS: tuple[str, ...] = ("targets",)
# The keys of one `targets` entry, in order, and its kinds.
TARGET_KEYS: tuple[str, ...] = ("kind", "year", "quarter", "value", "value_text", "unit", "column", "page")
TARGET_KINDS: tuple[str, ...] = ("baseline", "target", "final_target", "realisation")

# The document's own facts (FORMAT.md "document"), without source_file.
DOCUMENT_FIELDS: tuple[str, ...] = (
    "agency", "region", "region_level", "province", "period_start", "period_end",
    "decree_number", "decree_date", "signatory_name", "signatory_nip",
)
# Document fields that are integers; every other one is a string (or null).
INTEGER_DOCUMENT_FIELDS = frozenset({"period_start", "period_end"})
# The keys of "document" in the FORMAT.md shape, in order.
DOCUMENT_KEYS: tuple[str, ...] = ("source_file",) + DOCUMENT_FIELDS

# Indicator fields that get a confidence of their own (`field_confidence`): the ones that fail most.
CONFIDENCE_FIELDS: tuple[str, ...] = (
    "sasaran", "indikator", "penjelasan", "formulasi", "satuan", "penanggung_jawab", "sumber_data",
)


class Reason(StrEnum):
    """Why a record's confidence is below 1 (written as these strings)."""
    SPLIT = "split multi-indicator cell"
    JOINED = "joined page-break row"
    FUZZY_HEADER = "fuzzy header match"
    LOW_OCR = "low OCR confidence"
    # evidence the confidence stage found (normalizers/confidence.py)
    MISALIGNED = "cell off the indicator's row"
    NEIGHBOUR_TEXT = "text equal to a neighbour's"
    FIELDS_MISSING = "fields empty that the table fills"
    NO_SEQUENCE = "number out of sequence"
    CUT_TEXT = "text cut mid-phrase"
    OCR_CORRECTED = "OCR words corrected"
    NUMBERING_GAP = "printed numbering skips rows"
    MERGED_ROWS = "two rows' text in one cell"
    CAPS_INSIDE = "heading text inside a cell"
    HEADER_TEXT = "header text as a value"
    LONGER_THAN_COLUMN = "text much longer than its column's"
    UNMAPPED_TEXT = "field text left in an unmapped column"
    ABSORBED = "a cell's text read into another"
    TARGETS_SHORT = "fewer targets than the table's rows"
    ODD_FIELDS = "fields unlike the table's other rows"
    WEAK_DOCUMENT = "many of the document's records show faults"
    OCR_TEXT = "text read by OCR"


class Method(StrEnum):
    """How a document's pages were read."""
    TEXT = "text"
    OCR = "ocr"
    MIXED = "mixed"


@dataclass
class Record:
    """One indicator as the normalizers rebuilt it."""
    values: dict[str, Optional[str]]  # CELL_FIELDS → text
    extra: dict[str, Optional[str]]  # header text of an unmapped column → cell text
    group: Optional[str]
    provenance: dict[str, list[dict]]  # field → the cells it came from
    reasons: list[Reason] = field(default_factory=list)
    confidence: float = 1.0  # set by the confidence stage
    targets: list[dict] = field(default_factory=list)  # TARGET_KEYS entries, set by the targets stage
    # the extra columns' cells as printed (header → (text with its line breaks, page)) and which of
    # the n indicators of its row the record is (i, n): what the targets stage splits per indicator
    extra_cells: dict[str, tuple[str, int]] = field(default_factory=dict, repr=False)
    part: tuple[int, int] = (0, 1)
    field_confidence: dict[str, float] = field(default_factory=dict)  # CONFIDENCE_FIELDS → 0..1

    @property
    def pages(self) -> list[int]:
        return sorted({p["page"] for ps in self.provenance.values() for p in ps})

    def fields(self) -> dict[str, Any]:
        """The FORMAT.md record: INDICATOR_FIELDS in order."""
        item = {"group": self.group, **self.values, "extra": self.extra}
        return {f: item.get(f) for f in INDICATOR_FIELDS}

    def to_dict(self) -> dict[str, Any]:
        return {**self.fields(),
                "targets": [{k: t.get(k) for k in TARGET_KEYS} for t in self.targets],
                "provenance": {"pages": self.pages, "fields": self.provenance},
                "confidence": self.confidence,
                "confidence_reasons": [str(r) for r in self.reasons],
                "field_confidence": dict(self.field_confidence)}


@dataclass
class Extraction:
    """How the document was read (the JSON's "extraction")."""
    version: str
    method: Method
    pages: int
    ocr_pages: list[int] = field(default_factory=list)
    # page → clockwise turn (degrees) the page was read in: its bboxes are in that frame
    turned_pages: dict[int, int] = field(default_factory=dict)
    # the document's verdict: {"status": "ok" | "review" | "failed", "reasons": [...]} (normalizers/verdict.py)
    verdict: dict[str, Any] = field(default_factory=lambda: {"status": "ok", "reasons": []})

    def to_dict(self) -> dict[str, Any]:
        return {"tool": "iku", "version": self.version, "method": str(self.method), "pages": self.pages,
                "ocr_pages": list(self.ocr_pages),
                "turned_pages": {str(n): a for n, a in sorted(self.turned_pages.items())},
                "verdict": {"status": self.verdict.get("status"), "reasons": list(self.verdict.get("reasons") or [])}}


@dataclass
class Document:
    """One input document: its facts, its indicator records, how it was read."""
    source_file: str
    fields: dict[str, Any]  # DOCUMENT_FIELDS → value
    records: list[Record]
    extraction: Extraction

    def to_dict(self) -> dict[str, Any]:
        """The FORMAT.md shape, with provenance, confidence and extraction beside it."""
        document = {"source_file": self.source_file, **{f: self.fields.get(f) for f in DOCUMENT_FIELDS}}
        return {"document": document,
                "indicators": [r.to_dict() for r in self.records],
                "extraction": self.extraction.to_dict()}

    def to_pandas(self):
        """One row per indicator: source_file, the FORMAT.md record fields, confidence and pages."""
        import pandas as pd  # only when asked for: nothing else in the model needs pandas

        rows = [{"source_file": self.source_file, **r.fields(), "confidence": r.confidence, "pages": r.pages}
                for r in self.records]
        return pd.DataFrame(rows, columns=["source_file", *INDICATOR_FIELDS, "confidence", "pages"])
