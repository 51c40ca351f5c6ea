"""Record and field confidence, the document verdict, the calibration report and where they are written."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from iku.normalizers.confidence import (EVIDENCE_REASONS, MODEL_PATH, ConfidenceSettings, all_record_features,
                                    load_model, rate_documents_records, rate_records)
from iku.normalizers.schema import CONFIDENCE_FIELDS, Reason, Record
from iku.normalizers.verdict import FAILED, OK, REVIEW, document_verdict
from iku.pipeline.evaluate import Calibration, calibration, format_calibration, record_labels

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "digital" / "101_bappeda_pontianak.pdf"  # a borderless table of 10 rows


def _rec(no, indikator, sasaran="Meningkatnya kualitas layanan", formulasi="A / B x 100%", page=1, top=100.0,
         **more) -> dict:
    box = lambda x0, x1: [{"page": page, "bbox": [x0, top, x1, top + 20], "method": "text"}]  # noqa: E731
    fields = {"no": no, "sasaran": sasaran, "indikator": indikator, "formulasi": formulasi, **more}
    prov = {f: box(10 * k, 10 * k + 9) for k, f in enumerate(fields) if fields[f]}
    return {**fields, "extra": {}, "provenance": {"pages": [page], "fields": prov}, "confidence": 1.0,
            "confidence_reasons": []}


def _table(n: int) -> list[dict]:
    return [_rec(str(i + 1), f"Persentase capaian layanan nomor {i + 1}", top=100.0 + 30 * i) for i in range(n)]


# --------------------------------------------------------------------------- the model


def test_the_bundled_model_says_how_and_on_what_it_was_fitted():
    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert "bias" in model["record"]["coefficients"]
    assert set(model["fields"]) == set(CONFIDENCE_FIELDS)
    fitted = model["fitted"]
    assert fitted["by"] == "benchmarks/fit_confidence.py" and fitted["fitted_on"] and fitted["checked_on"]


def test_confidences_are_probabilities_with_a_field_confidence_per_field():
    rated = rate_documents_records(_table(6), load_model(), ConfidenceSettings())
    for r in rated:
        assert 0 <= r["confidence"] <= 1
        assert set(r["field_confidence"]) == set(CONFIDENCE_FIELDS)
        assert all(0 <= c <= 1 for c in r["field_confidence"].values())


def test_evidence_of_a_misread_row_lowers_the_confidence_and_is_a_reason():
    clean = _table(6)
    bad = [dict(r) for r in clean]
    # two rows' texts in one record: two printed numbers, a formula with text after it, a cut phrase
    bad[3] = _rec("4 5", "Persentase capaian layanan nomor 4 Persentase capaian layanan nomor 5 dan",
                  formulasi="A / B x 100% Jenis Kumulatif yang", top=190.0)
    model, settings = load_model(), ConfidenceSettings()
    before = rate_documents_records(clean, model, settings)[3]["confidence"]
    after = rate_documents_records(bad, model, settings)[3]
    assert after["confidence"] < before
    assert after["confidence"] < settings.threshold
    assert after["evidence"], "the evidence that lowered it is named"
    assert set(after["evidence"]) <= set(EVIDENCE_REASONS)


def test_rate_records_sets_confidence_field_confidence_and_low_ocr():
    prov = {"indikator": [{"page": 1, "bbox": [0, 0, 1, 1], "method": "ocr", "confidence": 0.62}]}
    rec = Record(values={"indikator": "Persentase A"}, extra={}, group=None, provenance=prov, reasons=[Reason.JOINED])
    out = rate_records([rec], ConfidenceSettings())[0]
    assert 0 <= out.confidence <= 1 and set(out.field_confidence) == set(CONFIDENCE_FIELDS)
    assert out.reasons[0] == Reason.JOINED and Reason.LOW_OCR in out.reasons
    d = out.to_dict()
    assert d["field_confidence"] == out.field_confidence and d["confidence"] == out.confidence


def test_features_keep_the_same_names_for_every_record():
    feats = all_record_features(_table(5))
    assert len({tuple(sorted(f)) for f in feats}) == 1


def test_fields_packed_in_an_unmapped_column_are_evidence():
    recs = _table(5)
    recs[2]["extra"] = {"KETERANGAN INDIKATOR": "Definisi : Perbandingan antara A dan B pada tahun berjalan. "
                                                "Alasan : Mengukur capaian. Sumber Data : Laporan Bidang"}
    feats = all_record_features(recs)
    assert feats[2]["extra_prose"] == 1.0 and feats[2]["extra_labelled"] == 1.0
    assert feats[0]["extra_prose"] == 0.0 and feats[0]["doc_share_extra_labelled"] == 0.2


def test_a_neighbour_cells_text_glued_to_another_cell_is_evidence():
    recs = [_rec(str(i + 1), f"Persentase capaian layanan nomor {i + 1}", top=100.0 + 30 * i, satuan="Persen",
                 sumber_data=f"Laporan Bidang {i + 1}") for i in range(5)]
    recs[3]["satuan"] = None
    recs[3]["sumber_data"] = "Persen Laporan Bidang 4"  # the satuan cell read into the next column's
    recs[1]["indikator"] = "Program Dukungan Manajemen Rp 4.210.815.000"  # a budget cell in the indicator
    feats = all_record_features(recs)
    assert feats[3]["absorbed_cell"] == 1.0 and feats[0]["absorbed_cell"] == 0.0
    assert feats[1]["amount_in_text"] == 1.0 and feats[0]["amount_in_text"] == 0.0
    assert feats[3]["faults"] >= 1.0 and feats[1]["faults"] >= 1.0


def test_fewer_targets_and_another_set_of_fields_than_the_table_are_evidence():
    recs = _table(6)
    for r in recs:
        r["targets"] = [{"kind": "target", "year": y, "value": 1.0} for y in (2024, 2025, 2026)]
    recs[4]["targets"] = recs[4]["targets"][:1]
    recs[5]["formulasi"] = None
    feats = all_record_features(recs)
    assert feats[4]["targets_short"] == 1.0 and feats[0]["targets_short"] == 0.0
    assert feats[5]["pattern_odd"] == 1.0 and feats[0]["pattern_odd"] == 0.0


def test_two_tables_of_different_columns_half_the_records_each_make_no_record_odd():
    recs = _table(4) + _table(4)
    for r in recs[4:]:
        r["formulasi"] = None
    feats = all_record_features(recs)
    assert [f["pattern_odd"] for f in feats] == [0.0] * 8
    recs[3]["formulasi"] = None  # five of eight now share a set of fields: the other three are odd
    feats = all_record_features(recs)
    assert [f["pattern_odd"] for f in feats] == [1.0, 1.0, 1.0] + [0.0] * 5


def test_the_reasons_of_one_kind_lower_the_record_together():
    from iku.normalizers.confidence import _lowered
    coefs = {"extra_prose": -0.3, "extra_labelled": -0.3, "cut_text": -0.2, "faults": -0.1}
    feats = {"extra_prose": 1.0, "extra_labelled": 1.0, "cut_text": 1.0, "faults": 3.0}
    # together the unmapped-column evidence takes 0.8 off (with its share of the fault count): named;
    # the cut text alone takes 0.3: not
    assert _lowered(coefs, feats, 0.5) == ["extra_prose", "extra_labelled"]


def test_the_fit_bounds_evidence_and_calibrates_through_an_isotonic_map():
    import sys
    import numpy as np
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from fit_confidence import fit_logistic, isotonic
    from iku.normalizers.confidence import _calibrated
    rng = np.random.default_rng(1)
    X = rng.integers(0, 2, size=(400, 2)).astype(float)
    y = (rng.random(400) < np.where(X[:, 0] > 0, 0.3, 0.9)).astype(float)
    X[:, 1] = 1.0 - X[:, 0]  # a feature that says "no fault": bounded to <= 0, it cannot raise the odds
    w = fit_logistic(X, y, bounds=[(None, 0.0), (None, 0.0)])
    assert w[1] < -1.0 and w[2] <= 0.0
    p = 1 / (1 + np.exp(-(w[0] + X @ w[1:])))
    knots = isotonic(p, y)
    assert knots["x"] == sorted(knots["x"]) and knots["y"] == sorted(knots["y"])
    low = _calibrated({"calibration": knots}, float(np.log(p.min() / (1 - p.min()))))
    high = _calibrated({"calibration": knots}, float(np.log(p.max() / (1 - p.max()))))
    assert abs(low - 0.3) < 0.1 and abs(high - 0.9) < 0.1


def _scanned(recs: list[dict], confidence: float) -> list[dict]:
    """The records as OCR read them, every word at `confidence`."""
    out = json.loads(json.dumps(recs))
    for r in out:
        for es in r["provenance"]["fields"].values():
            for e in es:
                e.update(method="ocr", confidence=confidence)
    return out


def test_a_scan_read_well_is_not_lowered_for_being_a_scan():
    # the evidence is how doubtful the OCR's words were, weighed by the text they carry, not that a
    # page was scanned: a clean scan is rated near its text layer, a doubtful one lower
    text = _table(6)
    model, settings = load_model(), ConfidenceSettings()
    feats = all_record_features(text)
    assert feats[0]["ocr_misread"] == 0.0 and feats[0]["doc_ocr_misread"] == 0.0 and "ocr_text" not in feats[0]
    clean, doubtful = _scanned(text, 0.99), _scanned(text, 0.7)
    f_clean, f_doubt = all_record_features(clean)[0], all_record_features(doubtful)[0]
    assert 0 < f_clean["ocr_misread"] < f_doubt["ocr_misread"]
    assert f_doubt["doc_ocr_poor_share"] == 0.0 and all_record_features(_scanned(text, 0.5))[0]["doc_ocr_poor_share"] == 1.0
    c_text, c_clean, c_doubt = (rate_documents_records(r, model, settings)[2]["confidence"]
                                for r in (text, clean, doubtful))
    assert c_doubt < c_clean <= c_text and c_text - c_clean < 0.1


def test_a_dotted_code_number_is_one_number_not_two_rows():
    recs = _table(5)
    recs[1]["no"], recs[2]["no"] = "IKU 1.1", "3 4"
    feats = all_record_features(recs)
    assert feats[1]["merged_rows"] == 0.0 and feats[2]["merged_rows"] == 1.0


def test_the_versions_of_one_document_weigh_together_as_one_document():
    import sys
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from fit_confidence import doc_weights, identity
    assert identity("holdout x/scan150") == identity("holdout x/scan300 @earlier0") == "holdout x/scan"
    assert identity("holdout x/digital") != identity("holdout x/scan150")
    names = ["holdout x/scan150"] * 10 + ["holdout x/scan300"] * 10 + ["dev 00001-sk"] * 4
    w = doc_weights(names, 5.0)
    assert sum(w[:20]) == pytest.approx(5.0) and sum(w[20:]) == pytest.approx(4.0)


# --------------------------------------------------------------------------- the verdict


def test_no_records_under_a_header_is_failed_with_the_reason():
    v = document_verdict([], {1: "SASARAN INDIKATOR FORMULASI"}, header_pages=[1])
    assert v["status"] == FAILED and "header seen (page 1)" in v["reasons"][0]
    v = document_verdict([], {1: "PENETAPAN INDIKATOR KINERJA UTAMA"}, header_pages=[])
    assert v["status"] == FAILED and "title seen" in v["reasons"][0]


def test_a_table_whose_numbering_goes_on_past_the_last_record_needs_review():
    text = "\n".join(f"{i} Persentase capaian layanan nomor {i}" for i in range(1, 13))
    v = document_verdict(_table(3), {1: text}, header_pages=[1])
    assert v["status"] == REVIEW
    assert any("rows 4-12" in r for r in v["reasons"])
    assert document_verdict(_table(12), {1: text}, header_pages=[1])["status"] == OK


def test_numbers_skipped_between_records_need_review():
    recs = [r for r in _table(10) if r["no"] in ("1", "2", "9", "10")]
    v = document_verdict(recs, {1: ""}, header_pages=[1])
    assert v["status"] == REVIEW and "printed numbering" in v["reasons"][0]


def test_two_numbers_in_one_record_and_mostly_low_confidence_need_review():
    recs = _table(4)
    recs[1]["no"] = "2 3"
    assert any("two printed numbers" in r for r in document_verdict(recs, {}, [])["reasons"])
    recs = _table(4)
    for r in recs[:3]:
        r["confidence"] = 0.5
    assert any("most records are low confidence" in r for r in document_verdict(recs, {}, [])["reasons"])


def test_a_header_that_mapped_only_the_indicator_needs_review():
    recs = [{"no": str(i), "indikator": f"Indikator {i}", "extra": {"Target": "1"}, "confidence": 1.0}
            for i in range(1, 4)]
    v = document_verdict(recs, {}, [])
    assert v["status"] == REVIEW and "too few fields" in v["reasons"][0]


def test_a_numbered_list_after_tables_that_each_number_from_one_is_no_lost_row():
    """Per-unit tables numbered from 1 each leave only "1" on their records; a list of the unit's
    tasks ("2. … 3. … 4. …") after the row is no sign of rows lost."""
    recs = [{"no": "1", "sasaran": f"Sasaran {i}", "indikator": f"Indikator kinerja {i}", "satuan": "%",
             "provenance": {"pages": [1]}, "confidence": 1.0} for i in range(1, 4)]
    text = "1. Indikator kinerja 1 % 80\n2. pelaksanaan pembangunan jalan\n3. pengelolaan air\n4. administrasi dinas"
    v = document_verdict(recs, {1: text}, [1])
    assert not any("past the last record" in r for r in v["reasons"])


def test_a_clean_digital_decree_is_ok_and_the_same_table_cut_short_is_review():
    # local: the pipeline (and pdfium) only for the tests that read a PDF
    from iku.extractors.pdf_text import could_hold_indicator_table, read_page_texts
    from iku.pipeline.options import Options
    from iku.pipeline.process import process_document
    doc = process_document(str(SAMPLE), Options().with_(**{"ocr.workers": 1}))
    assert doc.extraction.verdict == {"status": OK, "reasons": []}
    assert doc.to_dict()["extraction"]["verdict"]["status"] == OK
    pages = read_page_texts(str(SAMPLE), Options().text_layer)
    texts = {p.number: p.text for p in pages}
    header = [p.number for p in pages if could_hold_indicator_table(p.text)]
    recs = [r.to_dict() for r in doc.records]
    cut = document_verdict(recs[:3], texts, header)  # a borderless table that lost its last rows
    assert cut["status"] == REVIEW and any("past the last record" in r for r in cut["reasons"])
    assert document_verdict([], texts, header)["status"] == FAILED


# --------------------------------------------------------------------------- calibration


def test_record_labels_say_which_records_are_exactly_right():
    gold = {"indicators": [{"indikator": "Persentase A", "sasaran": "S"}, {"indikator": "Persentase B", "sasaran": "S"}]}
    pred = {"indicators": [{"indikator": "Persentase A", "sasaran": "S"}, {"indikator": "Persentase B", "sasaran": "T"},
                           {"indikator": "Tabel"}]}
    labels = record_labels(gold, pred)
    assert [(x["matched"], x["exact"]) for x in labels] == [(True, True), (True, False), (False, False)]
    assert labels[1]["fields"]["sasaran"] is False and labels[1]["fields"]["indikator"] is True


def test_calibration_figures():
    cal = Calibration(threshold=0.9, points=[(0.95, True)] * 19 + [(0.95, False)] + [(0.5, False), (0.5, True)])
    s = cal.summary()
    assert s["high_exact_share"] == pytest.approx(0.95) and s["wrong_flagged_share"] == pytest.approx(0.5)
    assert s["ece"] == pytest.approx(0.0)
    cal.documents = [("a", True, "review"), ("b", True, "ok"), ("c", False, "ok")]
    assert cal.summary()["failed_or_partial_flagged_share"] == pytest.approx(0.5)
    assert "ECE" in format_calibration(cal)
    # scanned records and a text layer's are reported apart when the points say how they were read
    cal.sources = ["text"] * 20 + ["ocr"] * 2
    by = cal.summary()["by_source"]
    assert by["ocr"]["records"] == 2 and by["text"]["high_exact_share"] == pytest.approx(0.95)
    assert "read by" in format_calibration(cal)


def test_calibration_of_files(tmp_path):
    gold = {"document": {"source_file": "x.pdf"}, "indicators": [{"indikator": "Persentase A"}, {"indikator": "B"}]}
    pred = {"document": {"source_file": "x.pdf"}, "indicators": [{"indikator": "Persentase A", "confidence": 0.97}],
            "extraction": {"verdict": {"status": "ok", "reasons": []}}}
    (tmp_path / "g").mkdir(), (tmp_path / "p").mkdir()
    (tmp_path / "g" / "x.json").write_text(json.dumps(gold)), (tmp_path / "p" / "x.json").write_text(json.dumps(pred))
    s = calibration(tmp_path / "g", tmp_path / "p").summary()
    assert s["records"] == 1 and s["high_exact_share"] == 1.0 and s["failed_or_partial_documents"] == 0


# --------------------------------------------------------------------------- where they are written


def _doc(status="review", reasons=("most records are low confidence: 2 of 3 below 0.9",)) -> dict:
    rec = {**_rec("1", "Persentase A"), "confidence": 0.42, "confidence_reasons": [str(Reason.CUT_TEXT)],
           "field_confidence": {"sasaran": 0.97, "formulasi": 0.4}}
    return {"document": {"source_file": "x.pdf"}, "indicators": [rec],
            "extraction": {"pages": 1, "method": "text", "verdict": {"status": status, "reasons": list(reasons)}}}


def test_parquet_tables_carry_the_verdict_and_field_confidence(tmp_path):
    from iku.pipeline.writers import write_dataset
    write_dataset(tmp_path, [_doc()])
    doc = pq.read_table(tmp_path / "documents.parquet").to_pylist()[0]
    assert doc["verdict"] == "review" and doc["verdict_reasons"][0].startswith("most records")
    rec = pq.read_table(tmp_path / "indicators.parquet").to_pylist()[0]
    assert dict(rec["field_confidence"])["formulasi"] == pytest.approx(0.4)


def test_batch_summary_counts_documents_to_review_by_reason():
    from iku.pipeline.batch.inputs import Entry
    from iku.pipeline.batch.progress import Reporter
    rep = Reporter("quiet")
    entry = Entry("a.pdf", size=1)
    rep.done(entry, "0" * 64, {"pages": 1, "verdict": "review",
                               "verdict_reasons": ["most records are low confidence: 2 of 3 below 0.9"]})
    rep.done(entry, "1" * 64, {"pages": 1, "verdict": "review",
                               "verdict_reasons": ["most records are low confidence: 5 of 7 below 0.9"]})
    rep.done(entry, "2" * 64, {"pages": 1, "verdict": "ok", "verdict_reasons": []})
    s = rep.summary.to_dict()
    assert s["verdicts"] == {"review": 2, "ok": 1}
    assert s["review_reasons"] == {"most records are low confidence: N of N below N": 2}


def test_review_order_puts_the_worst_documents_first():
    from iku.pipeline.qa.review import record_flags, review_rank
    docs = [_doc("ok", ()), _doc("failed", ("no indicator table found",)), _doc("review")]
    docs[0]["indicators"][0]["confidence"] = 0.99
    assert [d["extraction"]["verdict"]["status"] for d in sorted(docs, key=review_rank)] == \
        ["failed", "review", "ok"]
    kinds = [f["kind"] for f in record_flags(docs[2]["indicators"][0])]
    assert "low_confidence" in kinds and "low_field" in kinds


def test_the_catalog_filter_leaves_out_low_confidence_records():
    from iku.pipeline.catalog.search import Filters, SearchError, where
    conds, params = where(Filters(min_confidence=0.9))
    assert conds == ["(confidence IS NULL OR confidence >= ?)"] and params == [0.9]
    with pytest.raises(SearchError):
        where(Filters(min_confidence=2))


def test_iku_eval_calibration(tmp_path):
    from typer.testing import CliRunner
    from iku.pipeline.cli import app
    gold = {"document": {"source_file": "x.pdf"}, "indicators": [{"indikator": "Persentase A"}]}
    pred = {"document": {"source_file": "x.pdf"}, "indicators": [{"indikator": "Persentase A", "confidence": 0.97}]}
    (tmp_path / "g.json").write_text(json.dumps(gold)), (tmp_path / "p.json").write_text(json.dumps(pred))
    out = CliRunner().invoke(app, ["eval", "--calibration", str(tmp_path / "g.json"), str(tmp_path / "p.json")])
    assert out.exit_code == 0, out.output
    assert "ECE" in out.output and "records >= 0.90 exactly right" in out.output
    out = CliRunner().invoke(app, ["eval", "--calibration", "--json", str(tmp_path / "g.json"), str(tmp_path / "p.json")])
    assert json.loads(out.output)["high_exact_share"] == 1.0
