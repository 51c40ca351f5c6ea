"""End to end on the bundled samples: the CLI, the outputs, the scores, bad inputs.

The samples' outputs come from the run's extractions (conftest.py); `iku extract`
itself runs on two of them (CLI_SAMPLES), whose files must be those outputs."""
from __future__ import annotations

import json
from hashlib import sha256
import os
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from conftest import DIGITAL as SAMPLES, ROOT
from iku.normalizers.schema import DOCUMENT_KEYS, INDICATOR_FIELDS
from iku.pipeline.evaluate import evaluate
from iku.pipeline.process import InputError, process_pdf
from iku.pipeline.writers import DOCUMENTS_SCHEMA, INDICATORS_SCHEMA, TARGETS_SCHEMA


def iku(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "iku.pipeline.cli", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


CLI_SAMPLES = [SAMPLES / "003_b12329ee375d4a48.pdf", SAMPLES / "101_bappeda_pontianak.pdf"]


@pytest.fixture(scope="module")
def cli_out(tmp_path_factory):
    """`iku extract` on two samples: their JSON, indicators.parquet and documents.parquet."""
    out = tmp_path_factory.mktemp("out")
    res = iku("extract", *CLI_SAMPLES, "-o", out)
    assert res.returncode == 0, res.stderr
    return out


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, extracted):
    """Every digital sample's output, written as `iku extract` writes it (<stem>.json)."""
    out = tmp_path_factory.mktemp("outputs")
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        (out / f"{pdf.stem}.json").write_text(json.dumps(extracted(pdf), ensure_ascii=False), "utf-8")
    return out


def test_cli_writes_the_pipeline_output(cli_out, extracted):
    for pdf in CLI_SAMPLES:
        written = json.loads((cli_out / f"{pdf.stem}.json").read_text("utf-8"))
        # the CLI records which input it read (identity by content): path and SHA-256
        assert written["extraction"].pop("input") == {"path": str(pdf), "sha256": sha256(pdf.read_bytes()).hexdigest()}
        assert written == extracted(pdf), pdf.name


def test_outputs_have_the_contract_shape(outputs):
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    for pdf in pdfs:
        doc = json.loads((outputs / f"{pdf.stem}.json").read_text("utf-8"))
        assert set(doc["document"]) == set(DOCUMENT_KEYS)
        assert doc["document"]["source_file"] == pdf.name
        for rec in doc["indicators"]:
            assert set(INDICATOR_FIELDS) <= set(rec)
            assert rec["provenance"]["pages"], rec
            for field, places in rec["provenance"]["fields"].items():
                assert all(p["page"] >= 1 and len(p["bbox"]) == 4 for p in places), field


def test_parquet_outputs_are_typed_and_complete(cli_out):
    ind = pq.read_table(cli_out / "indicators.parquet")
    docs = pq.read_table(cli_out / "documents.parquet")
    assert ind.schema.equals(INDICATORS_SCHEMA, check_metadata=False)
    assert docs.schema.equals(DOCUMENTS_SCHEMA, check_metadata=False)
    n_json = sum(len(json.loads(p.read_text("utf-8"))["indicators"]) for p in cli_out.glob("*.json"))
    assert ind.num_rows == n_json
    assert docs.num_rows == len(CLI_SAMPLES)
    # typed targets: one row per entry of the records' `targets`
    tgt = pq.read_table(cli_out / "targets.parquet")
    assert tgt.schema.equals(TARGETS_SCHEMA, check_metadata=False)
    n_targets = sum(len(r["targets"]) for p in cli_out.glob("*.json")
                    for r in json.loads(p.read_text("utf-8"))["indicators"])
    assert tgt.num_rows == n_targets


def test_samples_score_at_the_targets(outputs):
    totals = evaluate(SAMPLES, outputs).to_dict()["totals"]
    assert totals["records"]["f1"] >= 0.98
    assert totals["micro"]["f1"] >= 0.95
    assert totals["document_fields"]["overall"]["accuracy"] >= 0.9


def test_eval_cli_json(outputs):
    res = iku("eval", SAMPLES, outputs, "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["totals"]["records"]["f1"] >= 0.98


def test_same_input_gives_identical_output(extracted):
    pdf = SAMPLES / "003_b12329ee375d4a48.pdf"
    assert process_pdf(str(pdf)) == extracted(pdf)


@pytest.mark.parametrize("name,content,reason", [
    ("empty.pdf", b"", "empty file"),
    ("text.pdf", b"hello, I am not a PDF\n" * 10, "not a PDF"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj <<>> endobj\ngarbage", "PDF"),
])
def test_bad_inputs_get_a_one_line_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason):
        process_pdf(str(path))


def test_encrypted_pdf_is_reported(tmp_path):
    import pypdfium2  # noqa: F401  (the reader)
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas
    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    c.drawString(100, 700, "INDIKATOR KINERJA UTAMA")
    c.save()
    with pytest.raises(InputError, match="encrypted|password"):
        process_pdf(str(path))


def test_one_bad_file_never_stops_a_batch(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "bad.pdf").write_bytes(b"not a pdf")
    good = SAMPLES / "101_bappeda_pontianak.pdf"
    (inputs / good.name).write_bytes(good.read_bytes())
    out = tmp_path / "out"
    res = iku("extract", inputs, "-o", out)
    assert res.returncode == 1
    errors = [ln for ln in res.stderr.splitlines() if "error:" in ln]
    assert len(errors) == 1 and "bad.pdf" in errors[0] and "not a PDF" in errors[0]
    assert (out / "101_bappeda_pontianak.json").exists()
    assert not (out / "bad.json").exists()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_missing_input_is_an_error(tmp_path):
    res = iku("extract", tmp_path / "nope.pdf", "-o", tmp_path / "out")
    assert res.returncode != 0
    assert "nope.pdf" in res.stderr


@pytest.mark.parametrize("rotation", [90, 270])
def test_pages_printed_sideways_are_turned(tmp_path, rotation):
    """A text-layer page whose /Rotate shows it sideways reads as well as an upright one."""
    import pypdfium2 as pdfium
    src = SAMPLES / "000_eb4ee2063c343ebc.pdf"
    pdf = pdfium.PdfDocument(str(src))
    for i in range(len(pdf)):
        pdf[i].set_rotation(rotation)
    turned = tmp_path / src.name
    pdf.save(str(turned))
    pdf.close()
    totals = evaluate(SAMPLES / "000_eb4ee2063c343ebc.json", process_pdf(str(turned))).to_dict()["totals"]
    assert totals["records"]["f1"] == 1.0
    assert totals["micro"]["f1"] >= 0.99
