"""Tests of pipeline.evaluate (the FORMAT.md scoring)."""
from __future__ import annotations

import copy
import json
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iku.normalizers.schema import CELL_FIELDS as FIELDS, DOCUMENT_FIELDS
from iku.pipeline.evaluate import (
    SIMILARITY_THRESHOLD,
    Report,
    document_field_correct,
    evaluate,
    format_report,
    iter_field_mismatches,
    normalise,
    pair_records,
    score_document,
)
from conftest import SAMPLES

_GOLD_DIR_CANDIDATES = [os.environ.get("IKU_GOLD_DIR"), SAMPLES / "seeds" / "gold"]
GOLD_DIR = next((Path(p) for p in _GOLD_DIR_CANDIDATES if p and any(Path(p).glob("*.json"))), None)
REAL_GOLD = sorted(GOLD_DIR.glob("*.json")) if GOLD_DIR else []


def _record(**kw) -> dict:
    rec = {"group": None, **{f: None for f in FIELDS}, "extra": {}}
    rec.update(kw)
    return rec


def make_doc() -> dict:
    return {
        "document": {
            "source_file": "900_test.pdf",
            "agency": "Dinas Sosial Kabupaten Barito Kuala",
            "region": "Kabupaten Barito Kuala",
            "region_level": "kabupaten",
            "province": "Kalimantan Selatan",
            "period_start": 2017,
            "period_end": 2022,
            "decree_number": "460/044/DISSOS/2021",
            "decree_date": "2021-09-14",
            "signatory_name": "H. FUAD SYEKH, S. Sos, M. AP",
            "signatory_nip": "197010221991011001",
        },
        "indicators": [
            _record(group="Kepala Dinas", no="1", sasaran="Meningkatnya pemberdayaan keluarga miskin",
                    indikator="Persentase keluarga miskin yang berhasil mengembangkan usaha",
                    alasan="Mengidentifikasi keluarga miskin yang berhasil mengembangkan usaha",
                    formulasi="Jumlah Keluarga Miskin yang Berhasil Mengembangkan Usaha / Jumlah keluarga "
                              "miskin x 100%",
                    penanggung_jawab="Kepala Bidang Kelembagaan dan Pemberdayaan Sosial"),
            _record(group="Kepala Dinas", no="2", sasaran="Meningkatnya pemberdayaan keluarga miskin",
                    indikator="Jumlah PSKS yang aktif dalam penanganan PMKS",
                    formulasi="Jumlah PSKS aktif", satuan="orang",
                    penanggung_jawab="Kepala Bidang Kelembagaan dan Pemberdayaan Sosial",
                    extra={"SUMBER DATA / BIDANG PENDAMPING": "Bidang Rehabsos"}),
            _record(group="Kepala Bidang Rehabilitasi Sosial", no="1",
                    sasaran="Meningkatnya pelayanan rehabilitasi sosial",
                    indikator="Persentase penyandang disabilitas terlantar yang terpenuhi kebutuhan dasarnya",
                    penjelasan="Kebutuhan dasar meliputi sandang, pangan dan papan",
                    sumber_data="Bidang Rehabilitasi Sosial", tipe_perhitungan="Non Kumulatif"),
            _record(group="Kepala Bidang Rehabilitasi Sosial", no="2",
                    sasaran="Meningkatnya pelayanan rehabilitasi sosial",
                    indikator="Persentase anak terlantar yang mendapat pelayanan dalam panti",
                    sumber_data="Bidang Rehabilitasi Sosial", program="Program Rehabilitasi Sosial"),
        ],
    }


def _all_perfect(report: Report) -> None:
    assert report.records.f1 == 1.0 and report.records.precision == 1.0 and report.records.recall == 1.0
    for name, c in report.fields.items():
        assert (c.precision, c.recall, c.f1) == (1.0, 1.0, 1.0), name
    assert report.micro.f1 == 1.0
    assert report.group.accuracy == 1.0
    assert report.extra.f1 == 1.0
    assert report.document_accuracy.accuracy == 1.0
    assert all(t.accuracy == 1.0 for t in report.document_fields.values())
    assert report.missing == []


# --------------------------------------------------------------------------- normalise


def test_normalise():
    assert normalise(None) == ""
    assert normalise("  Jumlah  PMKS / Tahun (n-1) x 100% ") == "jumlah pmks tahun n 1 x 100"
    assert normalise("Bahtiar Mabé, S. Sos") == "bahtiar mabé s sos"
    assert normalise("Bahtiar Mabe\u0301") == "bahtiar mabé"  # decomposed accent composes
    assert normalise("snake_case\tand\nlines") == "snake case and lines"
    assert normalise(2017) == "2017"
    assert normalise("—•-") == ""


# --------------------------------------------------------------------------- records


def test_identical_gold_is_perfect():
    doc = make_doc()
    _all_perfect(evaluate(doc, copy.deepcopy(doc)))


@pytest.mark.skipif(not REAL_GOLD, reason="no gold directory")
def test_gold_directory_against_itself_is_perfect():
    report = evaluate(GOLD_DIR, GOLD_DIR)
    assert len(report.documents) == len(REAL_GOLD)
    _all_perfect(report)


def test_dropped_record_lowers_recall_only():
    gold = make_doc()
    pred = copy.deepcopy(gold)
    del pred["indicators"][1]
    r = evaluate(gold, pred)
    assert (r.records.tp, r.records.fp, r.records.fn) == (3, 0, 1)
    assert r.records.precision == 1.0 and r.records.recall == 0.75
    assert r.micro.precision == 1.0 and r.micro.recall < 1.0
    assert r.micro.fn == sum(1 for f in FIELDS if gold["indicators"][1][f])
    assert r.extra.fn == 1 and r.extra.fp == 0
    assert r.group.accuracy == 1.0


def test_extra_record_lowers_precision_only():
    gold = make_doc()
    pred = copy.deepcopy(gold)
    pred["indicators"].append(_record(no="9", indikator="Jumlah lansia terlantar yang mendapat bantuan",
                                      sasaran="Meningkatnya pelayanan lansia"))
    r = evaluate(gold, pred)
    assert (r.records.tp, r.records.fp, r.records.fn) == (4, 1, 0)
    assert r.records.recall == 1.0 and r.records.precision == 0.8
    assert r.micro.recall == 1.0 and r.micro.precision < 1.0
    assert r.micro.fp == 3


def test_misspelled_indikator_still_pairs():
    gold = make_doc()
    pred = copy.deepcopy(gold)
    # OCR-like: "rn" for "m", "1" for "l"
    pred["indicators"][0]["indikator"] = "Persentase keluarga rniskin yang berhasi1 mengembangkan usaha"
    pred["indicators"][3]["indikator"] = "Persentase anak ter1antar yang mendapat pelayanan dalam panti"
    r = evaluate(gold, pred)
    assert r.records.f1 == 1.0
    assert r.fields["indikator"].tp == 4 and r.micro.f1 == 1.0


def test_reordered_records_still_pair():
    gold = make_doc()
    pred = copy.deepcopy(gold)
    pred["indicators"].reverse()
    r = evaluate(gold, pred)
    assert sorted(r.documents[0].pairs) == [(0, 3, 100.0), (1, 2, 100.0), (2, 1, 100.0), (3, 0, 100.0)]
    _all_perfect(r)


def test_wrong_field_counts_fp_and_fn():
    gold = make_doc()
    pred = copy.deepcopy(gold)
    pred["indicators"][2]["sumber_data"] = "Sekretariat"
    r = evaluate(gold, pred)
    c = r.fields["sumber_data"]
    assert (c.tp, c.fp, c.fn) == (1, 1, 1)
    assert all(r.fields[f].fp == r.fields[f].fn == 0 for f in FIELDS if f != "sumber_data")
    assert (r.micro.fp, r.micro.fn) == (1, 1)
    assert r.records.f1 == 1.0
    assert list(iter_field_mismatches(gold, pred)) == [
        (2, "sumber_data", "Bidang Rehabilitasi Sosial", "Sekretariat")]


def test_filled_versus_empty_field():
    gold = make_doc()
    pred = copy.deepcopy(gold)
    pred["indicators"][0]["alasan"] = None  # gold filled, pred empty -> FN only
    pred["indicators"][0]["satuan"] = "persen"  # gold empty, pred filled -> FP only
    pred["indicators"][1]["formulasi"] = "Jumlah  PSKS aktif."  # same after normalisation -> TP
    r = evaluate(gold, pred)
    assert (r.fields["alasan"].fp, r.fields["alasan"].fn) == (0, 1)
    assert (r.fields["satuan"].fp, r.fields["satuan"].fn) == (1, 0)
    assert r.fields["formulasi"].fp == r.fields["formulasi"].fn == 0
    mism = {(i, f) for i, f, _, _ in iter_field_mismatches(gold, pred)}
    assert mism == {(0, "alasan"), (0, "satuan")}


def test_group_and_extra_stay_out_of_micro():
    gold = make_doc()
    pred = copy.deepcopy(gold)
    pred["indicators"][0]["group"] = "Sekretariat"
    pred["indicators"][1]["extra"] = {"sumber data  bidang pendamping": "Bidang  Rehabsos"}  # same key, normalised
    pred["indicators"][2]["extra"] = {"CATATAN": "baru"}
    r = evaluate(gold, pred)
    assert r.micro.f1 == 1.0
    assert (r.group.correct, r.group.total) == (3, 4)
    assert (r.extra.tp, r.extra.fp, r.extra.fn) == (1, 1, 0)
    mism = list(iter_field_mismatches(gold, pred, include_group=True, include_extra=True))
    assert (0, "group", "Kepala Dinas", "Sekretariat") in mism
    assert (2, "extra[CATATAN]", None, "baru") in mism
    assert len(mism) == 2


def test_unmatched_records_in_mismatches():
    gold = make_doc()
    pred = copy.deepcopy(gold)
    pred["indicators"][3]["indikator"] = "Sesuatu yang lain sama sekali"
    mism = list(iter_field_mismatches(gold, pred))
    assert {(i, f) for i, f, _, p in mism if i == 3 and p is None} == {
        (3, f) for f in FIELDS if gold["indicators"][3][f]}
    assert (None, "indikator", None, "Sesuatu yang lain sama sekali") in mism
    r = evaluate(gold, pred)
    # every mismatch tuple is one FP and/or FN
    assert len(mism) <= r.micro.fp + r.micro.fn


def test_pairing_maximises_matches_before_similarity():
    # A plain maximum-similarity assignment would pair g0-p1 and g1-p0 (both < 90)
    # and lose the one good pair g0-p0.
    g = ["abcdefghijklmnopqrst", "abcdefghijklmnop"]
    p = ["abcdefghijklmnopqrsx", "abcdefghijklmnopqrst uvwxyz"]
    gold = [_record(indikator=t) for t in g]
    pred = [_record(indikator=t) for t in p]
    pairs = pair_records(gold, pred)
    assert [(i, j) for i, j, _ in pairs] == [(0, 0)]
    assert all(s >= SIMILARITY_THRESHOLD for _, _, s in pairs)


def test_duplicate_indikator_paired_by_context():
    ind = "Persentase PMKS yang mengalami perubahan perilaku"
    gold = [_record(group="IKU 2019", indikator=ind, sumber_data="Bidang Perlindungan dan Jaminan Sosial"),
            _record(group="IKU 2020 Misi II", indikator=ind, sumber_data="Bidang Pemberdayaan Sosial",
                    alasan="Keberadaan PMKS jalan mengganggu ketertiban")]
    pred = [copy.deepcopy(gold[1]), copy.deepcopy(gold[0])]
    pred[0]["alasan"] = "Keberadaan PMKS jalan bisa mengganggu ketertiban"
    assert sorted((i, j) for i, j, _ in pair_records(gold, pred)) == [(0, 1), (1, 0)]


def test_empty_documents():
    empty = {"document": {}, "indicators": []}
    r = evaluate(empty, copy.deepcopy(empty))
    assert r.records.f1 == 1.0 and r.micro.f1 == 1.0 and r.group.accuracy is None
    r = evaluate(make_doc(), empty)
    assert r.records.recall == 0.0 and r.records.f1 == 0.0


# --------------------------------------------------------------------------- document fields


def test_document_fields():
    assert document_field_correct("decree_number", None, None)
    assert document_field_correct("decree_number", None, "")
    assert not document_field_correct("decree_number", None, "460/1")
    assert not document_field_correct("decree_number", "460/1", None)
    assert document_field_correct("period_start", 2017, 2017)
    assert document_field_correct("period_start", 2017, "2017")
    assert not document_field_correct("period_start", 2017, 2018)
    assert not document_field_correct("period_start", 2017, "tahun 2017")
    assert document_field_correct("decree_date", "2021-09-14", "2021 09 14")
    assert not document_field_correct("decree_date", "2021-09-14", "2021-09-15")
    assert not document_field_correct("signatory_nip", "197010221991011001", "197010221991011002")
    assert document_field_correct("signatory_name", "H. FUAD SYEKH, S. Sos, M. AP", "H. FUAD SYEKH, S.Sos, M.AP")
    assert document_field_correct("agency", "Dinas Sosial Kabupaten Barito Kuala", "Dinas Sosia1 Kabupaten Barito Kuala")
    assert not document_field_correct("region_level", "kabupaten", "kota")


def test_null_document_fields_scored_correct():
    gold = make_doc()
    gold["document"].update(decree_number=None, period_start=None, period_end=None)
    pred = copy.deepcopy(gold)
    pred["document"]["province"] = None
    d = evaluate(gold, pred).documents[0]
    assert d.document_fields["decree_number"] and d.document_fields["period_start"]
    assert not d.document_fields["province"]
    assert d.document_accuracy.correct == len(DOCUMENT_FIELDS) - 1


# --------------------------------------------------------------------------- files


def _write(path: Path, doc) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _doc_named(stem: str) -> dict:
    doc = make_doc()
    doc["document"]["source_file"] = f"{stem}.pdf"
    return doc


def test_directory_pairing_by_stem(tmp_path):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir(), pred_dir.mkdir()
    for stem in ("001_a", "002_b", "003_c"):
        _write(gold_dir / f"{stem}.json", _doc_named(stem))
    wrong = _doc_named("002_b")
    wrong["indicators"] = wrong["indicators"][:2]
    _write(pred_dir / "002_b.json", wrong)
    _write(pred_dir / "001_a.json", _doc_named("001_a"))
    _write(pred_dir / "run_003.json", _doc_named("003_c"))  # found through source_file
    _write(pred_dir / "999_z.json", _doc_named("999_z"))  # no gold
    _write(pred_dir / "summary.json", {"documents": 3})  # not an IKU document
    (pred_dir / "broken.json").write_text("{", encoding="utf-8")

    r = evaluate(gold_dir, pred_dir)
    by_name = {d.name: d for d in r.documents}
    assert list(by_name) == ["001_a", "002_b", "003_c"]
    assert by_name["001_a"].records.f1 == 1.0
    assert by_name["002_b"].records.recall == 0.5
    assert by_name["003_c"].pred_path.endswith("run_003.json") and by_name["003_c"].records.f1 == 1.0
    assert r.missing == [] and r.unpaired_predictions == ["999_z"]
    assert sorted(Path(p).name for p in r.ignored_files) == ["broken.json", "summary.json"]
    assert (r.records.tp, r.records.fn) == (10, 2)

    # a single predicted file against the gold directory pairs by stem too
    single = evaluate(gold_dir, pred_dir / "001_a.json")
    assert single.missing == ["002_b", "003_c"] and single.documents[0].records.f1 == 1.0


def test_document_missing_in_prediction(tmp_path):
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir(), pred_dir.mkdir()
    _write(gold_dir / "001_a.json", _doc_named("001_a"))
    _write(gold_dir / "002_b.json", _doc_named("002_b"))
    _write(pred_dir / "001_a.json", _doc_named("001_a"))
    r = evaluate(gold_dir, pred_dir)
    assert r.missing == ["002_b"]
    miss = next(d for d in r.documents if d.name == "002_b")
    assert miss.missing and miss.n_pred == 0
    assert (miss.records.tp, miss.records.fp, miss.records.fn) == (0, 0, 4)
    assert miss.micro.tp == 0 and miss.micro.fn > 0
    assert not any(miss.document_fields.values())
    assert r.records.recall == 0.5 and r.records.precision == 1.0
    assert r.document_accuracy.accuracy == 0.5
    assert "MISSING" in format_report(r)


def test_single_files_pair_whatever_their_names(tmp_path):
    g = _write(tmp_path / "gold.json", make_doc())
    p = _write(tmp_path / "output_x.json", make_doc())
    r = evaluate(g, p)
    assert r.missing == [] and r.records.f1 == 1.0
    with pytest.raises(ValueError):
        evaluate(g, _write(tmp_path / "other.json", {"foo": 1}))


def test_report_rendering_and_dict():
    gold = make_doc()
    pred = copy.deepcopy(gold)
    pred["indicators"][0]["alasan"] = "lain"
    r = evaluate(gold, pred)
    d = json.loads(json.dumps(r.to_dict()))
    assert d["totals"]["records"]["matched"] == 4
    assert d["totals"]["fields"]["alasan"]["fp"] == 1
    assert set(d["totals"]["document_fields"]["per_field"]) == set(DOCUMENT_FIELDS)
    assert d["documents"][0]["name"] == "900_test"
    text = format_report(r)
    lines = text.splitlines()
    assert lines[0].startswith("IKU evaluation")
    assert any(l.startswith("records") for l in lines[:4])
    assert any(l.startswith("alasan") and " 1 " in l for l in lines)
    assert lines[-1].startswith("900_test")


# --------------------------------------------------------------------------- properties


def _shuffled_perfect(doc: dict, seed: int) -> None:
    pred = copy.deepcopy(doc)
    random.Random(seed).shuffle(pred["indicators"])
    r = evaluate(doc, pred)
    assert r.records.f1 == 1.0
    assert r.micro.f1 == 1.0
    assert r.extra.f1 == 1.0
    assert r.group.accuracy in (1.0, None)


_GOLD_DOCS = [json.loads(p.read_text(encoding="utf-8")) for p in REAL_GOLD] or [make_doc()]


@settings(max_examples=40, deadline=None)
@given(doc=st.sampled_from(_GOLD_DOCS), seed=st.integers(0, 2**32 - 1))
def test_property_shuffled_gold_scores_perfect(doc, seed):
    _shuffled_perfect(doc, seed)


_text = st.one_of(st.none(), st.text(alphabet="ab ác1-/", max_size=8))
_records = st.lists(
    st.fixed_dictionaries({
        "group": _text, **{f: _text for f in FIELDS},
        "extra": st.dictionaries(st.text(alphabet="ab -", max_size=3), _text, max_size=2),
    }),
    max_size=8,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=_records, seed=st.integers(0, 2**32 - 1))
def test_property_shuffled_synthetic_scores_perfect(records, seed):
    """Short texts from a tiny alphabet: many near-duplicate and empty indikator."""
    doc = {"document": {}, "indicators": records}
    _shuffled_perfect(doc, seed)
    d = score_document(doc, copy.deepcopy(doc))
    assert len(d.pairs) == len(records)
