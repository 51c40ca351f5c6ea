"""One PDF through the stages: extract → normalize → assemble the output document."""
from __future__ import annotations

import os
from pathlib import Path

from pipeline import __version__
from pipeline.model import ExtractedDocument
from extractors.pdf_text import extract as extract_text_layer
from normalizers.records import Record, build_records
from normalizers.metadata import extract_metadata

DOCUMENT_FIELDS = ("source_file", "agency", "region", "region_level", "province", "period_start",
                   "period_end", "decree_number", "decree_date", "signatory_name", "signatory_nip")
INDICATOR_FIELDS = ("group", "no", "sasaran", "indikator", "penjelasan", "alasan", "formulasi", "satuan",
                    "tipe_perhitungan", "penanggung_jawab", "sumber_data", "program", "keterangan",
                    "sasaran_daerah", "indikator_daerah", "extra")


class InputError(Exception):
    """An input that cannot be processed; the message is the one-line reason."""


def check_input(path: str) -> None:
    p = Path(path)
    if not p.is_file():
        raise InputError("not a file")
    if p.stat().st_size == 0:
        raise InputError("empty file")
    with open(p, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise InputError("not a PDF (no %PDF header)")


def extract(path: str) -> ExtractedDocument:
    """Text-layer pages through extractors/pdf_text.py, image pages (scans) through
    the OCR path (extractors/scanned.py); tables in page order."""
    from extractors.pdf_text import PdfError
    from extractors.ocr import OcrError
    from extractors.scanned import add_ocr_pages
    try:
        doc = extract_text_layer(path)
        add_ocr_pages(doc)
        return doc
    except (PdfError, OcrError) as exc:
        raise InputError(str(exc)) from exc


def prefetch(path: str) -> None:
    """Let the OCR of a file's scanned pages start before its turn (call it for the
    next file of a batch while the current one is processed)."""
    from extractors.scanned import prefetch as prefetch_scans
    prefetch_scans(path)


def record_confidence(rec: Record) -> float:
    penalty = {"split multi-indicator cell": 0.05, "joined page-break row": 0.05}
    conf = 1.0
    for r in rec.reasons:
        conf -= penalty.get(r, 0.1)
    ocr = [p["confidence"] for ps in rec.provenance.values() for p in ps if "confidence" in p]
    if ocr:
        conf *= min(ocr)
    return round(max(conf, 0.0), 3)


LOW_OCR_CONFIDENCE = 0.8  # a field read by OCR below this is a reason of its own


def confidence_reasons(rec: Record) -> list[str]:
    """The record's reasons, plus "low OCR confidence" when a field's source reads below LOW_OCR_CONFIDENCE."""
    low = any(p.get("confidence", 1.0) < LOW_OCR_CONFIDENCE for ps in rec.provenance.values() for p in ps)
    return list(rec.reasons) + (["low OCR confidence"] if low and "low OCR confidence" not in rec.reasons else [])


def assemble(path: str, doc: ExtractedDocument, records: list[Record]) -> dict:
    meta = extract_metadata([p.text for p in doc.pages])
    document = {"source_file": os.path.basename(path)}
    for f in DOCUMENT_FIELDS[1:]:
        document[f] = meta.get(f)
    indicators = []
    for rec in records:
        item = {"group": rec.group, **rec.values, "extra": rec.extra}
        item = {f: item.get(f) for f in INDICATOR_FIELDS}
        pages = sorted({p["page"] for ps in rec.provenance.values() for p in ps})
        item["provenance"] = {"pages": pages, "fields": rec.provenance}
        item["confidence"] = record_confidence(rec)
        item["confidence_reasons"] = confidence_reasons(rec)
        indicators.append(item)
    return {
        "document": document,
        "indicators": indicators,
        "extraction": {"tool": "iku", "version": __version__, "method": doc.method, "pages": len(doc.pages),
                       "ocr_pages": [p.number for p in doc.pages if p.kind == "image"],
                       # page → clockwise turn (degrees) the page was read in: its bboxes are in that frame
                       "turned_pages": {str(n): a for n, a in sorted(doc.sideways.items())}},
    }


def process_pdf(path: str) -> dict:
    """The FORMAT.md document for one PDF; raises InputError with a one-line reason."""
    check_input(path)
    doc = extract(path)
    records = build_records(doc)
    return assemble(path, doc, records)
