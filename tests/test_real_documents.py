"""Real published documents (tests/corpus/real/, sources in its SOURCES.md).

Gold files in tests/corpus/real/gold/ were written by reading the pages.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.evaluate import evaluate
from pipeline.process import process_pdf

CORPUS = Path(__file__).parent / "corpus" / "real"
GOLD = sorted((CORPUS / "gold").glob("*.json"))
SHARED_REAL = Path(__file__).resolve().parents[2] / "shared" / "real"


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.stem)
def test_real_document_matches_gold(gold, tmp_path):
    doc = process_pdf(str(CORPUS / f"{gold.stem}.pdf"))
    report = evaluate(gold, doc).to_dict()["totals"]
    assert report["records"]["f1"] >= 0.95, report["records"]
    assert report["micro"]["f1"] >= 0.9, report["micro"]


@pytest.mark.parametrize("pdf", sorted(CORPUS.glob("*.pdf")), ids=lambda p: p.stem)
def test_every_real_document_runs(pdf):
    doc = process_pdf(str(pdf))
    assert doc["indicators"], "an IKU table should be found"
    for rec in doc["indicators"]:
        assert rec["indikator"], rec
        assert rec["provenance"]["pages"]


def test_iku_tables_found_in_a_long_report():
    """The 110-page LKIP carries the same IKU 2017 table as the 2-page decree, and
    none of its many target/realisation tables is taken for an indicator table."""
    report = process_pdf(str(CORPUS / "dinkes-jabar-lkip-2016.pdf"))
    decree = process_pdf(str(CORPUS / "dinkes-jabar-iku-2017.pdf"))
    assert [r["indikator"] for r in report["indicators"]] == [r["indikator"] for r in decree["indicators"]]
    assert {p for r in report["indicators"] for p in r["provenance"]["pages"]} <= {108, 109, 110}


@pytest.mark.skipif(not SHARED_REAL.is_dir(), reason="shared/real not beside the repo")
@pytest.mark.parametrize("pdf", sorted(SHARED_REAL.glob("*scan*.pdf")) if SHARED_REAL.is_dir() else [],
                         ids=lambda p: p.stem)
def test_scanned_documents_are_recognised_as_image_pages(pdf):
    doc = process_pdf(str(pdf))
    assert doc["extraction"]["method"] in ("ocr", "mixed")
