"""`iku diff`: content alignment of records, word diffs, exit codes, JSON and HTML output."""
from __future__ import annotations

import copy
import json
from pathlib import Path

from typer.testing import CliRunner

from iku.normalizers.schema import INDICATOR_FIELDS
from iku.pipeline.cli import app
from iku.pipeline.qa.diff import align_records, diff_documents, diff_sources, word_diff
from conftest import DIGITAL as SAMPLES

GOLD = SAMPLES / "002_d69aff022b735e67.json"
runner = CliRunner()


def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def write(path: Path, doc: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def new_record(**kw) -> dict:
    rec = {f: None for f in INDICATOR_FIELDS}
    rec.update(extra={}, **kw)
    return rec


# --------------------------------------------------------------------------- alignment


def test_identical_documents():
    d = diff_documents(gold(), gold())
    assert d.status == "identical" and d.unchanged == len(gold()["indicators"])
    assert not (d.added or d.removed or d.changed or d.document_fields)


def test_inserted_record_is_one_addition_not_a_shift():
    a, b = gold(), gold()
    b["indicators"].insert(3, new_record(no="9", indikator="Persentase rumah singgah yang memenuhi standar"))
    d = diff_documents(a, b)
    assert [j for j, _ in d.added] == [3]
    assert not d.removed and not d.changed
    assert d.unchanged == len(a["indicators"])


def test_removed_record():
    a, b = gold(), gold()
    gone = b["indicators"].pop(10)
    d = diff_documents(a, b)
    assert [(i, r["indikator"]) for i, r in d.removed] == [(10, gone["indikator"])]
    assert not d.added and not d.changed


def test_reordered_records_are_no_change():
    a, b = gold(), gold()
    b["indicators"].reverse()
    d = diff_documents(a, b)
    assert d.status == "identical"
    n = len(a["indicators"])
    assert all(i == n - 1 - j for i, j, _ in align_records(a["indicators"], b["indicators"]))


def test_edited_record_lists_each_changed_field_with_a_word_diff():
    a, b = gold(), gold()
    rec = b["indicators"][4]
    rec["indikator"] = rec["indikator"] + " Daerah"  # a small edit keeps the pairing
    rec["sumber_data"] = "Badan Pusat Statistik"
    rec["extra"] = {"TARGET 2024": "80%"}
    b["indicators"].reverse()
    d = diff_documents(a, b)
    assert len(d.changed) == 1 and not d.added and not d.removed
    ch = d.changed[0]
    assert (ch.a_index, ch.b_index) == (4, len(b["indicators"]) - 1 - 4)
    fields = {f.field: f for f in ch.fields}
    assert set(fields) == {"indikator", "sumber_data", "extra[TARGET 2024]"}
    assert fields["indikator"].words[-1] == ("+", "Daerah")
    assert fields["extra[TARGET 2024]"].words == [("+", "80%")]


def test_inserted_removed_reordered_and_edited_together():
    a, b = gold(), gold()
    recs = b["indicators"]
    removed = recs.pop(20)
    recs[0]["formulasi"] = "A / B x 100%"
    recs.insert(0, new_record(indikator="Indeks kepuasan masyarakat terhadap layanan rehabilitasi"))
    recs[30], recs[31] = recs[31], recs[30]
    d = diff_documents(a, b)
    assert [r["indikator"] for _, r in d.removed] == [removed["indikator"]]
    assert [j for j, _ in d.added] == [0]
    assert [(c.a_index, [f.field for f in c.fields]) for c in d.changed] == [(0, ["formulasi"])]
    assert d.unchanged == len(a["indicators"]) - 2


def test_same_indikator_in_two_groups_pairs_within_its_group():
    x = new_record(group="Kepala Bidang A", indikator="Persentase laporan tepat waktu", sumber_data="Bidang A")
    y = new_record(group="Kepala Bidang B", indikator="Persentase laporan tepat waktu", sumber_data="Bidang B")
    a = {"document": {}, "indicators": [x, y]}
    b = {"document": {}, "indicators": [copy.deepcopy(y), dict(x, sumber_data="Bidang A dan B")]}
    d = diff_documents(a, b)
    assert [(c.a_index, c.b_index, [f.field for f in c.fields]) for c in d.changed] == [(0, 1, ["sumber_data"])]


def test_renamed_group_is_a_changed_field():
    a = gold()
    b = gold()
    for r in b["indicators"]:
        if r.get("group") == "Eselon III":
            r["group"] = "Eselon III (Sekretariat)"
    d = diff_documents(a, b)
    assert not d.added and not d.removed
    assert d.changed and all([f.field for f in c.fields] == ["group"] for c in d.changed)


def test_document_fields_and_normalised_mode():
    a, b = gold(), gold()
    b["document"]["agency"] = a["document"]["agency"].upper()
    assert [f.field for f in diff_documents(a, b).document_fields] == ["agency"]
    assert diff_documents(a, b, normalised=True).status == "identical"


def test_word_diff():
    assert word_diff("Dinas Sosial Provinsi", "Dinas Kesehatan Provinsi") == [
        ("=", "Dinas"), ("-", "Sosial"), ("+", "Kesehatan"), ("=", "Provinsi")]
    assert word_diff(None, "baru") == [("+", "baru")]
    assert word_diff("a  b\nc", "a b c") == [("=", "a b c")]


# --------------------------------------------------------------------------- sources


def test_folders_pair_documents_and_report_missing_ones(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write(a / "x.json", gold())
    write(a / "only_a.json", {"document": {"source_file": "only_a.pdf"}, "indicators": [new_record(indikator="q")]})
    write(b / "x.json", gold())
    write(b / "only_b.json", {"document": {"source_file": "only_b.pdf"}, "indicators": []})
    (b / "notes.json").write_text("{}", encoding="utf-8")  # not an IKU document: skipped
    result = diff_sources(a, b)
    status = {d.name: d.status for d in result.documents}
    assert status == {"x": "identical", "only_a": "removed", "only_b": "added"}
    assert not result.identical
    s = result.summary()
    assert (s["documents_removed"], s["documents_added"], s["records_removed"]) == (1, 1, 1)


def test_dataset_folder_is_a_source(tmp_path):
    doc = gold()
    write(tmp_path / "ds" / "json" / "ab" / ("ab" + "0" * 62 + ".json"), doc)
    (tmp_path / "ds" / "_dataset.json").write_text('{"format": "iku-dataset"}', encoding="utf-8")
    result = diff_sources(tmp_path / "ds", SAMPLES)
    by_name = {d.name: d for d in result.documents}
    assert by_name["002_d69aff022b735e67"].status == "identical"
    assert by_name["002_d69aff022b735e67"].a_path.endswith(".json")


def test_one_file_against_a_folder_compares_that_document_only():
    result = diff_sources(GOLD, SAMPLES)
    assert [(d.name, d.status) for d in result.documents] == [("002_d69aff022b735e67", "identical")]


# --------------------------------------------------------------------------- CLI


def test_cli_exit_codes(tmp_path):
    same = write(tmp_path / "same.json", gold())
    edited = gold()
    edited["indicators"][0]["sasaran"] = "Menurunnya jumlah PMKS"
    other = write(tmp_path / "other.json", edited)
    assert runner.invoke(app, ["diff", str(GOLD), str(same)]).exit_code == 0
    r = runner.invoke(app, ["diff", str(GOLD), str(other)])
    assert r.exit_code == 1
    assert "sasaran" in r.stdout and "[-" in r.stdout and "{+" in r.stdout
    assert runner.invoke(app, ["diff", str(GOLD), str(tmp_path / "missing.json")]).exit_code == 2
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert runner.invoke(app, ["diff", str(GOLD), str(tmp_path / "bad.json")]).exit_code == 2
    (tmp_path / "empty").mkdir()
    assert runner.invoke(app, ["diff", str(GOLD), str(tmp_path / "empty")]).exit_code == 2


def test_cli_json_and_html(tmp_path):
    b = gold()
    b["indicators"].insert(0, new_record(indikator="Indikator baru"))
    b["indicators"][5]["alasan"] = "Alasan yang diperbaiki"
    other = write(tmp_path / "002_d69aff022b735e67.json", b)
    html_path = tmp_path / "diff.html"
    r = runner.invoke(app, ["diff", str(GOLD), str(other), "--json", "--html", str(html_path)])
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert data["identical"] is False
    assert data["summary"]["records_added"] == 1 and data["summary"]["records_changed"] == 1
    doc = data["documents"][0]
    assert doc["added"][0]["indikator"] == "Indikator baru" and doc["added"][0]["b_index"] == 0
    change = doc["changed"][0]
    assert (change["a_index"], change["b_index"]) == (4, 5)
    assert change["fields"][0]["field"] == "alasan"
    assert change["fields"][0]["b"] == "Alasan yang diperbaiki"
    assert {op for op, _ in change["fields"][0]["words"]} <= {"=", "-", "+"}
    page = html_path.read_text(encoding="utf-8")
    assert "<ins>" in page and "Indikator baru" in page and "http://" not in page and "https://" not in page
