"""The confidence stage: each record's confidence (0..1) and the reasons that lowered it."""
from __future__ import annotations

from dataclasses import dataclass, field

from normalizers.schema import Reason, Record


@dataclass(frozen=True)
class ConfidenceSettings:
    # what one reason takes off a record's confidence; a reason not listed takes `default_penalty`
    penalties: dict[Reason, float] = field(default_factory=lambda: {Reason.SPLIT: 0.05, Reason.JOINED: 0.05})
    default_penalty: float = 0.1
    # a field read by OCR below this mean word confidence is a reason of its own
    low_ocr: float = 0.8

    def __post_init__(self):
        if not 0 <= self.low_ocr <= 1:
            raise ValueError(f"low_ocr must be within 0..1, not {self.low_ocr}")
        if any(not 0 <= v <= 1 for v in self.penalties.values()) or not 0 <= self.default_penalty <= 1:
            raise ValueError("confidence penalties must be within 0..1")


def _ocr_confidences(rec: Record) -> list[float]:
    return [p["confidence"] for ps in rec.provenance.values() for p in ps if "confidence" in p]


def score(rec: Record, settings: ConfidenceSettings) -> float:
    conf = 1.0
    for r in rec.reasons:
        conf -= settings.penalties.get(r, settings.default_penalty)
    ocr = _ocr_confidences(rec)
    if ocr:
        conf *= min(ocr)
    return round(max(conf, 0.0), 3)


def rate_records(records: list[Record], settings: ConfidenceSettings) -> list[Record]:
    """Set every record's confidence; a field read by OCR below `low_ocr` adds Reason.LOW_OCR
    (after the score: the OCR confidence itself already lowers it)."""
    for rec in records:
        rec.confidence = score(rec, settings)
        if Reason.LOW_OCR not in rec.reasons and any(c < settings.low_ocr for c in _ocr_confidences(rec)):
            rec.reasons.append(Reason.LOW_OCR)
    return records
