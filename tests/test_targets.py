"""Targets as typed data (normalizers/targets.py): header forms, Indonesian number forms, the
document period, units, per-indicator lists, and that no target cell's text is lost or duplicated."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from iku.extractors.model import Cell, ExtractedDocument, PageInfo, Table
from iku.normalizers.cells import collapse
from iku.normalizers.records import build_records
from iku.normalizers.schema import TARGET_KEYS, TARGET_KINDS
from iku.normalizers.targets import classify, parse_number, parse_value, record_targets, set_target, type_targets

PERIOD = {"period_start": 2021, "period_end": 2026}
ONE_YEAR = {"period_start": 2025, "period_end": 2025}


@pytest.mark.parametrize("header, kind, year, quarter", [
    ("Target / 2024", "target", 2024, None),            # two-level "Target" over years
    ("Target 2024", "target", 2024, None),
    ("TARGET TAHUN 2025", "target", 2025, None),
    ("Target Kinerja / 2023", "target", 2023, None),
    ("Target Capaian / 2022", "target", 2022, None),    # head first: a target, not a realisation
    ("Tahun / 2027", "target", 2027, None),
    ("Tahun 2027", "target", 2027, None),
    ("2025", "target", 2025, None),                      # a year alone under a parent that was not kept
    ("Kondisi Awal 2021", "baseline", 2021, None),
    ("Kondisi Awal (2020)", "baseline", 2020, None),
    ("Baseline 2020", "baseline", 2020, None),
    ("Kondisi Target Kinerja pada Awal Periode RPJMD / 2016", "baseline", 2016, None),
    ("Target Akhir Periode (2026)", "final_target", 2026, None),
    ("Kondisi Kinerja Akhir Periode", "final_target", None, None),
    ("Target Akhir", "final_target", None, None),
    ("Target Renstra 2021-2026", "final_target", 2026, None),
    ("Capaian 2023", "realisation", 2023, None),
    ("Realisasi", "realisation", None, None),
    ("Target / TW I", "target", None, 1),
    ("Target Triwulan / TW III", "target", None, 3),
    ("Triwulan / IV", "target", None, 4),
    ("Target TW 2", "target", None, 2),
    ("Th. 2025", "target", 2025, None),
    ("Kondisi Eksisting 2023", "baseline", 2023, None),
    ("Tahun Dasar 2020", "baseline", 2020, None),
    ("Awal (2020)", "baseline", 2020, None),            # "Kondisi" over it not kept by the reader
    ("Akhir Periode", "final_target", None, None),
])
def test_header_forms(header, kind, year, quarter):
    c = classify(header)
    assert c is not None and (c.kind, c.year, c.quarter) == (kind, year, quarter)


@pytest.mark.parametrize("header", [
    "Program/Kegiatan / Target", "Indikator Program / Target", "Anggaran (Rp)", "Pagu Indikatif", "Bobot",
    "Tahun", "SUMBER DATA / BIDANG PENDAMPING", "Sasaran Strategis (kode)", "Indikator (induk)", "Polaritas",
    "TARGET PENANGGUNG / JAWAB", "Kondisi",
])
def test_headers_that_are_no_target_of_the_record(header):
    assert classify(header) is None


def test_unit_named_by_the_header():
    assert classify("Target (%)").unit == "%"
    assert classify("Target 2024 (persen)").unit == "%"


@pytest.mark.parametrize("text, value, unit", [
    ("71,24", 71.24, None),
    ("0,09", 0.09, None),
    ("1.234,5", 1234.5, None),
    ("1.234", 1234.0, None),          # a group of three after the point: thousands
    ("175.000 SBM", 175000.0, "SBM"),
    ("61.79", 61.79, None),           # a decimal point (not a group of three)
    ("95,5%", 95.5, "%"),
    ("100 %", 100.0, "%"),
    ("3 hari", 3.0, "hari"),
    ("Rp 1,2 M", 1.2e9, "Rp"),
    ("Rp. 350 juta", 3.5e8, "Rp"),
    ("Rp 1.200.000,-", 1.2e6, "Rp"),
    ("85 (Baik)", 85.0, None),
    ("76.50%", 76.5, "%"),
    ("80 persen", 80.0, "%"),
    ("WTP", None, None),
    ("A", None, None),
    ("Baik", None, None),
    ("Level 3", None, None),
    ("≥ 80", None, None),
    ("min 80%", None, "%"),
    ("80-85", None, None),
    ("80 s.d. 85 %", None, "%"),
    ("< 5 hari", None, "hari"),
    ("n.a", None, None),
    ("-", None, None),
    ("27 Kab/Kota 1 Provinsi", None, None),
])
def test_number_forms(text, value, unit):
    v, u, _ = parse_value(text)
    assert (v, u) == (pytest.approx(value) if value is not None else None, unit)


@given(st.integers(0, 9_999_999), st.integers(0, 99))
def test_indonesian_numbers_read_back(whole, cents):
    printed = f"{whole:,}".replace(",", ".") + f",{cents:02d}"
    assert parse_number(printed) == pytest.approx(whole + cents / 100)


def _typed(extra: dict, document: dict = PERIOD, satuan=None) -> list[dict]:
    return record_targets({"extra": extra, "satuan": satuan, "provenance": {"pages": [4]}}, document)


def test_years_from_the_period_when_the_header_names_none():
    assert [t["year"] for t in _typed({"Target": "90"}, ONE_YEAR)] == [2025]     # a one-year agreement
    assert [t["year"] for t in _typed({"Realisasi": "88"}, ONE_YEAR)] == [2025]
    assert [t["year"] for t in _typed({"Target": "90"}, PERIOD)] == [None]      # which of six years: unknown
    assert [t["year"] for t in _typed({"Target Akhir": "95"}, PERIOD)] == [2026]
    assert [t["year"] for t in _typed({"Kondisi Awal": "70"}, PERIOD)] == [None]
    assert [t["year"] for t in _typed({"Target": "90"}, {})] == [None]


def test_a_cell_listing_a_value_per_year_gives_one_entry_per_year():
    t = _typed({"Target": "2024: 80\n2025: 85 %"}, satuan="Persen")
    assert [(e["year"], e["value"], e["value_text"], e["unit"]) for e in t] == [
        (2024, 80.0, "2024: 80", "%"), (2025, 85.0, "2025: 85 %", "%")]
    t = _typed({"Target": "Th. 2024 = 1.200; Th. 2025 = 1.300"})
    assert [(e["year"], e["value"]) for e in t] == [(2024, 1200.0), (2025, 1300.0)]
    assert [e["value_text"] for e in _typed({"Target 2024": "2024: 80 2025: 85"})] == ["2024: 80 2025: 85"]
    rec = {"extra": {"Target": "2024: 80 2025: 85"}, "satuan": None, "targets": _typed({"Target": "2024: 80 2025: 85"})}
    set_target(rec, "Target", "2024: 81 2025: 86", PERIOD)  # the review page corrects the column's text
    assert [(e["year"], e["value"]) for e in rec["targets"]] == [(2024, 81.0), (2025, 86.0)]


def test_unit_from_the_cell_else_the_header_else_the_satuan():
    t = _typed({"Target 2024": "95,5%", "Target (jiwa) 2025": "12", "Target 2026": "14"}, satuan="Persen")
    assert [x["unit"] for x in t] == ["%", "orang", "%"]
    assert _typed({"Target 2024": "45,00"}, satuan="per 100.000 KH")[0]["unit"] == "per 100.000 KH"


def test_entries_have_the_documented_keys_and_kinds():
    t = _typed({"Kondisi Awal 2021": "71,24", "Target / 2024": "76,50", "Keterangan": "x"})
    assert [list(e) for e in t] == [list(TARGET_KEYS)] * 2
    assert {e["kind"] for e in t} <= set(TARGET_KINDS) and t[1]["page"] == 4


def test_a_reviewers_correction_changes_text_and_entry():
    rec = {"extra": {"Target / 2024": "76,50"}, "satuan": "%", "targets": _typed({"Target / 2024": "76,50"})}
    set_target(rec, "Target / 2024", "77,25", PERIOD)
    assert rec["extra"]["Target / 2024"] == "77,25"
    assert [(t["value"], t["value_text"], t["page"]) for t in rec["targets"]] == [(77.25, "77,25", 4)]
    set_target(rec, "Target / 2024", None, PERIOD)
    assert rec["targets"] == []


# --------------------------------------------------------------------------- nothing lost, nothing twice

def _doc(rows: list[list[str]]) -> ExtractedDocument:
    cells = [[Cell(text=t, bbox=(c * 100.0, r * 20.0, c * 100.0 + 100, r * 20.0 + 20), page=1)
              for c, t in enumerate(row)] for r, row in enumerate(rows)]
    table = Table(rows=cells, page=1, bbox=(0, 0, 100.0 * len(rows[0]), 20.0 * len(rows)))
    return ExtractedDocument(path="t.pdf", pages=[PageInfo(1, 842, 595, "text")], tables=[table])


VALUE = st.one_of(
    st.builds(lambda a, b: f"{a},{b:02d}", st.integers(0, 999), st.integers(0, 99)),
    st.builds(lambda a: f"{a:,}".replace(",", "."), st.integers(1000, 9_999_999)),
    st.builds(lambda a, u: f"{a}{u}", st.integers(0, 100), st.sampled_from(["%", " %", " orang", " hari"])),
    st.sampled_from(["WTP", "A", "BB", "Level 3", "≥ 80", "80-85", "< 5 hari", "Rp 1,2 M", "n.a", "Baik"]),
)
NAMES = ["Persentase a", "Jumlah b", "Indeks c", "Rasio d"]


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 4), values=st.lists(VALUE, min_size=4, max_size=4), shared=st.booleans(),
       bullets=st.booleans())
def test_no_target_cell_text_lost_or_duplicated(n, values, shared, bullets):
    mark = "- " if bullets or n > 1 else ""
    indicators = "\n".join(f"{mark}{NAMES[i]}" for i in range(n))
    per = values[:n]
    target = values[0] if shared else "\n".join(f"{'- ' if bullets else ''}{v}" for v in per)
    rows = [["No", "Sasaran Strategis", "Indikator Kinerja", "Kondisi Awal 2021", "Target / 2024"],
            ["1", "Meningkatnya x", indicators, values[3], target],
            ["2", "Meningkatnya y", "Indeks kepuasan z", "70", "80"]]
    records = type_targets(build_records(_doc(rows)), PERIOD)[:-1]
    assert len(records) == n
    for i, r in enumerate(records):
        cols = [t["column"] for t in r.targets]
        assert cols == ["Kondisi Awal 2021", "Target / 2024"]  # one entry per cell, in column order
        assert r.targets[0]["value_text"] == collapse(values[3])  # one value for all: each record's
        want = values[0] if shared or n == 1 else per[i]
        assert r.targets[1]["value_text"] == collapse(want)
    if not shared and n > 1:  # the cell's parts, each in exactly one record, in order
        assert [r.targets[1]["value_text"] for r in records] == [collapse(v) for v in per]


# --------------------------------------------------------------------------- where the data goes

def _doc_with_targets(agency: str, region: str, province: str, target_2025: str, satuan: str = "%") -> dict:
    rec = {"group": None, "no": "1", "sasaran": "S", "indikator": "Indeks Kepuasan Masyarakat", "satuan": satuan,
           "extra": {"Kondisi Awal 2021": "71,24", "Target / 2025": target_2025}, "provenance": {"pages": [2]}}
    document = {"source_file": f"{agency}.pdf", "agency": agency, "region": region,
                "region_level": region.split()[0].lower(), "province": province, "period_start": 2021,
                "period_end": 2026}
    rec["targets"] = record_targets(rec, document)
    rec.update(confidence=1.0, confidence_reasons=[])
    return {"document": document, "indicators": [rec], "extraction": {"method": "text", "pages": 3}}


def test_targets_parquet_of_iku_extract(tmp_path):
    import pyarrow.parquet as pq
    from iku.pipeline.writers import TARGETS_SCHEMA, write_dataset
    write_dataset(tmp_path, [_doc_with_targets("Dinas Kesehatan Kota Depok", "Kota Depok", "Jawa Barat", "80,5")])
    table = pq.read_table(tmp_path / "targets.parquet")
    assert table.schema.equals(TARGETS_SCHEMA, check_metadata=False)
    rows = table.to_pylist()
    assert [(r["record_index"], r["kind"], r["value_year"], r["value"], r["unit"]) for r in rows] == [
        (0, "baseline", 2021, 71.24, "%"), (0, "target", 2025, 80.5, "%")]


def test_a_changed_target_is_a_changed_field():
    from iku.pipeline.qa.diff import record_changes
    a = _doc_with_targets("Dinas A", "Kota Depok", "Jawa Barat", "80,5")["indicators"][0]
    b = _doc_with_targets("Dinas A", "Kota Depok", "Jawa Barat", "81")["indicators"][0]
    assert [c.field for c in record_changes(a, b)] == ["extra[Target / 2025]"]  # the printed text: shown once
    c = {**a, "targets": [dict(t, unit="orang") if t["kind"] == "target" else t for t in a["targets"]]}
    changes = record_changes(a, c)
    assert [ch.field for ch in changes] == ["targets[Target / 2025]"]  # same text, typed differently
    assert "80.5 %" in changes[0].a and "80.5 orang" in changes[0].b
    gold = {k: v for k, v in a.items() if k != "targets"}  # a gold file has no targets: nothing to compare
    assert record_changes(gold, a) == []


def test_a_reviewed_target_is_applied():
    from iku.pipeline.qa.corrections import CorrectionError, apply_corrections
    doc = _doc_with_targets("Dinas A", "Kota Depok", "Jawa Barat", "80,5")
    fix = {"target": "record", "record": 0, "indikator": "Indeks Kepuasan Masyarakat", "field": "targets",
           "column": "Target / 2025", "old": "80,5", "new": "85,25"}
    out, n = apply_corrections(doc, [fix])
    rec = out["indicators"][0]
    assert n == 1 and rec["extra"]["Target / 2025"] == "85,25"
    assert [(t["kind"], t["value"]) for t in rec["targets"]] == [("baseline", 71.24), ("target", 85.25)]
    with pytest.raises(CorrectionError):
        apply_corrections(doc, [dict(fix, old="79")])
    with pytest.raises(CorrectionError):
        apply_corrections(doc, [dict(fix, column="Keterangan")])


def test_review_page_keeps_targets_and_does_not_flag_them():
    from iku.pipeline.qa.review import record_flags, review_data
    doc = _doc_with_targets("Dinas A", "Kota Depok", "Jawa Barat", "80,5")
    doc["indicators"][0]["extra"]["Polaritas"] = "Maximize"
    flagged = {**doc["indicators"][0], "sasaran": None}  # flagged for another reason: its unmapped cells listed
    assert [f.get("header") for f in record_flags(flagged) if f["kind"] == "unmapped"] == ["Polaritas"]
    data = review_data(doc, [], "x")
    assert [t["column"] for t in data["records"][0]["targets"]] == ["Kondisi Awal 2021", "Target / 2025"]


def test_catalog_compares_one_familys_targets_across_offices(tmp_path):
    import hashlib
    import json

    from iku.pipeline.batch.dataset import Dataset, render
    from iku.pipeline.catalog.build import build, connect
    from iku.pipeline.catalog.commands import family_targets
    docs = [_doc_with_targets("Dinas Kesehatan Kota Depok", "Kota Depok", "Jawa Barat", "80,5"),
            _doc_with_targets("Dinas Kesehatan Kabupaten Sleman", "Kabupaten Sleman", "Daerah Istimewa Yogyakarta",
                              "82"),
            _doc_with_targets("Dinas Kesehatan Provinsi Riau", "Provinsi Riau", "Riau", "3,9 indeks")]
    ds = Dataset(tmp_path / "ds")
    ds.open()
    try:
        for d in docs:
            sha = hashlib.sha256(json.dumps(d, sort_keys=True).encode()).hexdigest()
            ds.write(sha, render(d, sha))
    finally:
        ds.close()
    build([tmp_path / "ds"], tmp_path / "c.duckdb")
    con = connect(tmp_path / "c.duckdb", read_only=True)
    try:
        family = con.execute("SELECT DISTINCT family_id FROM indicators").fetchall()
        assert len(family) == 1
        rows = family_targets(con, family[0][0], year=2025)
        view = con.execute("SELECT targets FROM catalog LIMIT 1").fetchall()[0][0]
    finally:
        con.close()
    got = sorted((r["nama_wilayah"], r["value"], r["unit"], r["unit_mismatch"]) for r in rows)
    assert got == [("Kabupaten Sleman", 82.0, "%", False), ("Kota Depok", 80.5, "%", False),
                   ("Provinsi Riau", 3.9, "indeks", True)]  # shown, never converted
    assert {t["kind"] for t in view} == {"baseline", "target"}


def test_catalog_types_the_targets_of_a_version_1_dataset(tmp_path):
    import hashlib
    import json
    import shutil

    from iku.pipeline.batch.dataset import Dataset, render
    from iku.pipeline.catalog.build import build, connect
    doc = _doc_with_targets("Dinas Kesehatan Kota Depok", "Kota Depok", "Jawa Barat", "80,5")
    ds = Dataset(tmp_path / "ds")
    ds.open()
    try:
        sha = hashlib.sha256(b"x").hexdigest()
        ds.write(sha, render(doc, sha))
    finally:
        ds.close()
    shutil.rmtree(tmp_path / "ds" / "targets")  # as a version 1 dataset was written
    info = json.loads((tmp_path / "ds" / "_dataset.json").read_text())
    (tmp_path / "ds" / "_dataset.json").write_text(json.dumps(dict(info, schema_version=1)))
    build([tmp_path / "ds"], tmp_path / "c.duckdb")
    con = connect(tmp_path / "c.duckdb", read_only=True)
    try:
        rows = con.execute("SELECT kind, year, value, unit FROM targets ORDER BY kind").fetchall()
    finally:
        con.close()
    assert rows == [("baseline", 2021, 71.24, "%"), ("target", 2025, 80.5, "%")]
