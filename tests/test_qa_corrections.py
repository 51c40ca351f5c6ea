"""`iku apply-corrections`: a review's corrections turned into a corrected output."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from iku.pipeline.cli import app
from iku.normalizers.schema import INDICATOR_FIELDS
from iku.pipeline.qa.corrections import CorrectionError, apply_corrections
from conftest import DIGITAL as SAMPLES

GOLD = SAMPLES / "002_d69aff022b735e67.json"
runner = CliRunner()


def doc() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def fix(i: int, field: str, new, d: dict = None, **kw) -> dict:
    d = d or doc()
    rec = d["indicators"][i]
    return {"target": "record", "record": i, "indikator": rec["indikator"], "field": field, "old": rec.get(field),
            "new": new, **kw}


def test_field_document_and_delete_corrections():
    d = doc()
    n = len(d["indicators"])
    out, applied = apply_corrections(d, [
        fix(1, "sasaran", "Meningkatnya kualitas layanan panti sosial"),
        fix(2, "satuan", "  %  "),
        fix(3, "penjelasan", ""),
        {"target": "record", "record": 5, "indikator": d["indicators"][5]["indikator"], "delete": True},
        {"target": "document", "field": "decree_number", "old": None, "new": "060/123/DINSOS/2017"},
        {"target": "document", "field": "period_end", "old": 2017, "new": "2021"},
    ])
    assert applied == 6
    recs = out["indicators"]
    assert len(recs) == n - 1
    assert recs[1]["sasaran"] == "Meningkatnya kualitas layanan panti sosial"
    assert recs[1]["review_corrections"] == [{"field": "sasaran", "old": d["indicators"][1]["sasaran"]}]
    assert recs[2]["satuan"] == "%"
    assert recs[3]["penjelasan"] is None
    assert [r["indikator"] for r in recs] == [r["indikator"] for k, r in enumerate(d["indicators"]) if k != 5]
    assert out["document"]["decree_number"] == "060/123/DINSOS/2017"
    assert out["document"]["period_end"] == 2021
    assert d["indicators"][1]["sasaran"] != recs[1]["sasaran"]  # the input is left alone


def test_record_found_by_indikator_when_the_output_moved():
    d = doc()
    c = fix(7, "alasan", "Alasan baru")
    moved = doc()
    moved["indicators"].insert(0, moved["indicators"].pop(7))
    out, _ = apply_corrections(moved, [c])
    assert out["indicators"][0]["alasan"] == "Alasan baru"
    assert out["indicators"][0]["indikator"] == d["indicators"][7]["indikator"]


def test_conflicts_are_reported_and_nothing_applied():
    d = doc()
    stale = fix(1, "sasaran", "x")
    stale["old"] = "a value the reviewer saw that is no longer there"
    lost = {"target": "record", "record": 999, "indikator": "no such indicator", "field": "sasaran", "new": "x"}
    with pytest.raises(CorrectionError) as exc:
        apply_corrections(d, [stale, lost, fix(2, "not_a_field", "x")])
    lines = str(exc.value).splitlines()
    assert len(lines) == 3 and "the review saw" in lines[0] and "no record #999" in lines[1]
    out, applied = apply_corrections(d, [stale], force=True)
    assert applied == 1 and out["indicators"][1]["sasaran"] == "x"


def test_gold_mode_writes_the_bare_contract_shape():
    d = doc()
    d["indicators"][0]["provenance"] = {"pages": [2], "fields": {}}
    d["indicators"][0]["confidence"] = 0.9
    d["extraction"] = {"tool": "iku"}
    out, _ = apply_corrections(d, [fix(0, "no", "1")], gold=True)
    assert set(out) == {"document", "indicators"}
    assert all(list(r) == list(INDICATOR_FIELDS) for r in out["indicators"])


def test_cli_file_and_folder(tmp_path):
    c = {"iku_corrections": 1, "source_file": "002_d69aff022b735e67.pdf",
         "corrections": [fix(4, "formulasi", "A / B x 100%")]}
    cfile = tmp_path / "c.json"
    cfile.write_text(json.dumps(c), encoding="utf-8")
    out = tmp_path / "corrected.json"
    r = runner.invoke(app, ["apply-corrections", str(GOLD), str(cfile), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text())["indicators"][4]["formulasi"] == "A / B x 100%"

    outdir = tmp_path / "corrected"
    r = runner.invoke(app, ["apply-corrections", str(SAMPLES), str(cfile), "-o", str(outdir), "--gold"])
    assert r.exit_code == 0, r.output
    assert len(list(outdir.glob("*.json"))) == len(list(SAMPLES.glob("*.json")))
    assert json.loads((outdir / GOLD.name).read_text())["indicators"][4]["formulasi"] == "A / B x 100%"

    c["corrections"][0]["old"] = "stale"
    cfile.write_text(json.dumps(c), encoding="utf-8")
    r = runner.invoke(app, ["apply-corrections", str(GOLD), str(cfile), "-o", str(tmp_path / "x.json")])
    assert r.exit_code == 2 and not (tmp_path / "x.json").exists()
    cfile.write_text("[]", encoding="utf-8")
    assert runner.invoke(app, ["apply-corrections", str(GOLD), str(cfile), "-o", str(out)]).exit_code == 2
