"""Real published documents (tests/corpus/real/, sources in its SOURCES.md).

Gold files in tests/corpus/real/gold/ were written by reading the pages. Every
document is extracted once per run (the `extracted` cache of conftest.py); of the
scans, only the representative one (REAL_SCAN) is OCR'd in the default run, the
others in `make test-slow` (their OCR gold is checked in test_ocr.py), with the
110-page LKIP (LONG_REPORT).
"""
from __future__ import annotations

import pytest

from conftest import CORPUS, LONG_REPORT, REAL_SCAN, SHARED_REAL, needs_shared
from iku.pipeline.evaluate import evaluate
from iku.pipeline.options import Options
from iku.pipeline.process import classify

GOLD = sorted((CORPUS / "gold").glob("*.json"))


def _slow(pdf) -> bool:
    return pdf.stem == LONG_REPORT or ("scan" in pdf.stem and pdf.stem != REAL_SCAN)


def _with_slow_marks(pdfs) -> list:
    return [pytest.param(p, id=p.stem, marks=[pytest.mark.slow] if _slow(p) else []) for p in pdfs]


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.stem)
def test_real_document_matches_gold(gold, extracted):
    doc = extracted(CORPUS / f"{gold.stem}.pdf")
    report = evaluate(gold, doc).to_dict()["totals"]
    assert report["records"]["f1"] >= 0.95, report["records"]
    assert report["micro"]["f1"] >= 0.9, report["micro"]


@pytest.mark.parametrize("pdf", _with_slow_marks(sorted(CORPUS.glob("*.pdf"))))
def test_every_real_document_runs(pdf, extracted):
    doc = extracted(pdf)
    assert doc["indicators"], "an IKU table should be found"
    for rec in doc["indicators"]:
        assert rec["indikator"], rec
        assert rec["provenance"]["pages"]


@pytest.mark.slow
def test_iku_tables_found_in_a_long_report(extracted):
    """The 110-page LKIP carries the same IKU 2017 table as the 2-page decree, and
    none of its many target/realisation tables is taken for an indicator table."""
    report = extracted(CORPUS / f"{LONG_REPORT}.pdf")
    decree = extracted(CORPUS / "dinkes-jabar-iku-2017.pdf")
    assert [r["indikator"] for r in report["indicators"]] == [r["indikator"] for r in decree["indicators"]]
    assert {p for r in report["indicators"] for p in r["provenance"]["pages"]} <= {108, 109, 110}


@needs_shared
@pytest.mark.parametrize("pdf", sorted(SHARED_REAL.glob("*scan*.pdf")), ids=lambda p: p.stem)
def test_scanned_documents_are_recognised_as_image_pages(pdf):
    """Every page of a real scan is classified as an image page, so that it goes to OCR
    (the whole OCR'd output, method included, is in the scans' golden files, slow)."""
    pages = classify(str(pdf), Options())
    assert pages and all(p.kind == "image" for p in pages), [(p.number, str(p.kind)) for p in pages]
