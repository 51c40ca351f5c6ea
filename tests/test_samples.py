"""The bundled digital samples (samples/digital): readable PDFs, well-formed gold, reproducible build."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pdfplumber
import pytest

from conftest import DIGITAL, SAMPLES, page_texts
from iku.normalizers.schema import DOCUMENT_KEYS, INDICATOR_FIELDS

PDFS = sorted(DIGITAL.glob("*.pdf"))
FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
         Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")]

SEEDS = ["000_eb4ee2063c343ebc", "001_65d427c19d83d0f8", "002_d69aff022b735e67",
         "003_b12329ee375d4a48"]


def _generator():
    spec = importlib.util.spec_from_file_location("samples_generate", SAMPLES / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_sample_is_there():
    names = {p.stem for p in PDFS}
    assert set(SEEDS) <= names
    assert len([n for n in names if n.startswith("1")]) >= 3
    for pdf in PDFS:
        assert pdf.with_suffix(".json").exists(), pdf.name


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_pdf_has_a_text_layer_on_every_page(pdf):
    texts = page_texts(pdf)
    assert len(texts) >= 2
    for number, text in enumerate(texts, 1):
        assert text.strip(), f"{pdf.name} page {number} has no text"


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_gold_has_the_format_keys(pdf):
    gold = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    assert set(gold) == {"document", "indicators"}
    assert set(gold["document"]) == set(DOCUMENT_KEYS)
    assert gold["document"]["source_file"] == pdf.name
    assert gold["indicators"]
    for rec in gold["indicators"]:
        assert set(rec) == set(INDICATOR_FIELDS)
        assert rec["indikator"]
        assert isinstance(rec["extra"], dict)
        for key, value in rec.items():
            assert value != "", f"{pdf.name}: empty string in {key} (null when empty)"


@pytest.mark.parametrize("stem", SEEDS)
def test_seed_gold_is_the_reference_gold(stem):
    ours = json.loads((DIGITAL / f"{stem}.json").read_text(encoding="utf-8"))
    ref = json.loads((SAMPLES / "seeds" / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    ref["document"]["source_file"] = f"{stem}.pdf"
    assert ours == ref


def test_ruled_tables_repeat_their_header():
    with pdfplumber.open(DIGITAL / "100_dinkes_sleman.pdf") as doc:
        table_pages = [t for page in doc.pages for t in page.extract_tables()]
    assert len(table_pages) >= 3
    assert all(t[0][0] == "No" and t[0][1] == "Tujuan/Sasaran" for t in table_pages)


@pytest.mark.skipif(not all(f.exists() for f in FONTS), reason="DejaVu fonts not installed")
def test_regenerating_gives_the_same_bytes(tmp_path):
    summary = _generator().build(tmp_path)
    assert sorted(summary) == [p.stem for p in PDFS]
    assert sum(info["cut_rows"] for info in summary.values()) >= 1
    for pdf in PDFS:
        assert (tmp_path / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name
        json_name = pdf.with_suffix(".json").name
        assert (tmp_path / json_name).read_bytes() == pdf.with_suffix(".json").read_bytes()
