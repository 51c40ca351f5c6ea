"""Normalizer rules, one by one, and properties: no rule loses or duplicates a cell's text."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from extractors.model import Cell, Table
from normalizers.cells import (collapse, linearise_formula, looks_like_formula, split_by_leads, split_items,
                               split_labelled, strip_numbering)
from normalizers.headers import header_rows, is_indicator_table, map_columns, match_header
from normalizers.records import stitch, table_records
from normalizers.grouping import group_from_context


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text or "")


# --- header vocabulary -----------------------------------------------------

@pytest.mark.parametrize("header,field", [
    ("No.", "no"),
    ("SASARAN STRATEGIS", "sasaran"),
    ("Tujuan/Sasaran", "sasaran"),
    ("Kinerja Utama/ Outcome/ Tujuan/Sasaran", "sasaran"),
    ("SASARAN STRATEGIS DAERAH", "sasaran_daerah"),
    ("INDIKATOR KINERJA UTAMA DAERAH", "indikator_daerah"),
    ("INDIKATOR SASARAN PERANGKAT DAERAH", "indikator"),
    ("Indikator Kinerja Utama (IKU)", "indikator"),
    ("Uraian", "indikator"),
    ("FORMULASI PERHITUNGAN", "formulasi"),
    ("Cara Perhitungan", "formulasi"),
    ("Form Perhitungan", "formulasi"),
    ("Penjelasan / Formulasi", "penjelasan_formulasi"),
    ("Formulasi perhitungan/penjelasan", "penjelasan_formulasi"),
    ("Penjelasan/Form Perhitungan", "penjelasan_formulasi"),
    ("ALASAN MEMILIH INDIKATOR", "alasan"),
    ("Dasar Pertimbangan", "alasan"),
    ("Penanggungjawab", "penanggung_jawab"),
    ("PIC", "penanggung_jawab"),
    ("SUMBER DATA", "sumber_data"),
    ("PROGRAM/ KEGIATAN", "program"),
    ("Tipe Penghitungan", "tipe_perhitungan"),
    ("Definisi Operasional", "penjelasan"),
    ("Satuan", "satuan"),
])
def test_header_vocabulary(header, field):
    assert match_header(header)[0] == field


@pytest.mark.parametrize("header", ["Target 2024", "Kondisi Target Kinerja pada Awal Periode RPJMD (2016)",
                                    "Realisasi", "Anggaran", ""])
def test_unknown_headers_map_to_nothing(header):
    assert match_header(header)[0] is None


def grid(*rows, spans=None):
    """Cells from strings; '<' marks a cell merged from the left, '^' from above."""
    out = []
    for r in rows:
        row = []
        for t in r:
            if t == "<":
                row.append(Cell(text="", spanned="left", page=1))
            elif t == "^":
                row.append(Cell(text="", spanned="up", page=1))
            else:
                row.append(Cell(text=t, bbox=(0, 0, 1, 1), page=1))
        out.append(row)
    return out


def test_two_level_header_takes_parent_meaning_and_keeps_the_rest_in_extra():
    rows = grid(["No.", "SASARAN", "INDIKATOR KINERJA SASARAN", "PENJELASAN", "<", "SUMBER DATA", "<"],
                ["^", "^", "^", "ALASAN", "FORMULASI/ RUMUS PERHITUNGAN", "BIDANG UTAMA", "BIDANG PENDAMPING"],
                ["1", "S", "I", "a", "f", "u", "p"])
    n = header_rows(rows)
    assert n == 2
    cols = map_columns(rows, n)
    assert [c.field for c in cols] == ["no", "sasaran", "indikator", "alasan", "formulasi", "sumber_data", None]
    assert cols[-1].label == "SUMBER DATA / BIDANG PENDAMPING"


def test_numbering_row_under_header_is_header():
    rows = grid(["No", "Sasaran", "Indikator", "Sumber Data"], ["1", "2", "3", "4"], ["1", "s", "i", "d"])
    assert header_rows(rows) == 2


@pytest.mark.parametrize("numbers", [["(1)", "(2)", "BD", "(4", "(5)"], ["1", "2", "", "4", "5"],
                                     ["(1)", "(2)", "(3)", "(4)", "(5)"]])
def test_numbering_row_read_with_a_misread_number_is_still_header(numbers):
    rows = grid(["No.", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN", "TARGET"], numbers,
                ["1", "Terwujudnya x", "Persentase y", "Persen", "88"])
    assert header_rows(rows) == 2


@pytest.mark.parametrize("row", [["1", "2", "Persentase y", "Persen", "88"], ["2", "1", "4", "Ya", "5"],
                                 ["1", "S", "I", "%", "88"]])
def test_data_rows_are_no_numbering_rows(row):
    rows = grid(["No.", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "SATUAN", "TARGET"], row)
    assert header_rows(rows) == 1


def test_second_header_level_beside_labels_merged_down():
    """"Kondisi Target" over "2016", beside "Indikator" and "Penjelasan" that span both rows."""
    rows = grid(["Indikator", "Kondisi Target Kinerja pada Awal Periode RPJMD", "Penjelasan"],
                ["^", "2016", "^"], ["1", "2", "3"], ["Jumlah x", "100%", "y"])
    n = header_rows(rows)
    assert n == 3
    cols = map_columns(rows, n)
    assert [c.field for c in cols] == ["indikator", None, "penjelasan"]
    assert cols[1].label == "Kondisi Target Kinerja pada Awal Periode RPJMD / 2016"


def test_key_value_block_is_not_an_indicator_table():
    rows = grid(["Nama Organisasi", ":", "Dinas X"], ["Tugas", ":", "y"])
    assert header_rows(rows) == 0


def test_results_report_is_not_an_indicator_table():
    rows = grid(["NO", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN"], ["1", "x", "1", "1", "100"])
    assert not is_indicator_table(map_columns(rows, 1))


# --- cell rules ------------------------------------------------------------

def test_split_items_on_bullets_and_lead_in_kept_whole():
    assert split_items("- a b\n- c\nd") == ["- a b", "- c\nd"]
    assert split_items("Program X:\n- a\n- b") == ["Program X:\n- a\n- b"]
    assert split_items("plain\ntext") == ["plain\ntext"]


def test_labelled_parts():
    lead, parts = split_labelled("Makna Indikator : m1\nm2\nAlasan Pemilihan : a\nRumus Perhitungan :\nx / y")
    assert lead == ""
    assert parts == [("penjelasan", "m1\nm2"), ("alasan", "a"), ("formulasi", "x / y")]
    lead, parts = split_labelled("• Formulasi Penghitungan: f\n• Tipe Penghitungan : Non Kumulatif\n• Sumber data : B")
    assert parts == [("formulasi", "f"), ("tipe_perhitungan", "Non Kumulatif"), ("sumber_data", "B")]


def test_unknown_label_stays_text():
    lead, parts = split_labelled("Kriteria berfungsi sosial : x\nRumus Perhitungan : y")
    assert lead == "Kriteria berfungsi sosial : x" and parts == [("formulasi", "y")]


def test_formula_linearisation():
    assert linearise_formula(r"\frac{\sum \text{A}}{\sum \text{B}} \times 100\%") == "∑ A / ∑ B x 100%"
    assert looks_like_formula("Jumlah A dibagi jumlah B")
    assert looks_like_formula("A / B x 100%")
    assert not looks_like_formula("Desa/Kelurahan siaga disebut UCI")


def test_strip_numbering():
    assert strip_numbering("1.1. Jumlah Produksi") == "Jumlah Produksi"
    assert strip_numbering("- Persentase x") == "Persentase x"
    assert strip_numbering("2. Indeks Kepuasan") == "Indeks Kepuasan"


def test_group_from_context():
    assert group_from_context(["Nama Organisasi : Dinas Sosial", "Jabatan : Kepala Bidang X", "Tugas :"]) == \
        "Kepala Bidang X"
    assert group_from_context(["Instansi : Dinas", "Tugas : Eselon III"]) == "Eselon III"
    assert group_from_context(["LAMPIRAN", "IKU DINAS SOSIAL TAHUN 2020"]) == "IKU DINAS SOSIAL TAHUN 2020"


# --- properties ------------------------------------------------------------

word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", min_size=1, max_size=8)
phrase = st.lists(word, min_size=1, max_size=6).map(" ".join)


@given(st.lists(phrase, min_size=1, max_size=6), st.sampled_from(["- ", "• ", "* "]))
def test_split_items_never_loses_or_duplicates_words(items, mark):
    text = "\n".join(mark + it for it in items)
    got = split_items(text)
    assert len(got) == len(items)
    assert words(" ".join(got)) == words(text)


@given(st.lists(phrase, min_size=1, max_size=8))
def test_collapse_keeps_every_word(lines):
    text = "\n".join(lines)
    assert words(collapse(text)) == words(text)


@given(st.lists(st.tuples(st.sampled_from(["Makna Indikator", "Alasan Pemilihan", "Rumus Perhitungan",
                                           "Tipe Penghitungan", "Sumber data"]), phrase), min_size=1, max_size=5),
       st.one_of(st.just(""), phrase))
def test_split_labelled_keeps_every_word(parts, lead):
    text = "\n".join(([lead] if lead else []) + [f"{label} : {body}" for label, body in parts])
    got_lead, got = split_labelled(text)
    rebuilt = got_lead + " " + " ".join(body for _, body in got)
    assert words(rebuilt) == words(lead) + [w for _, body in parts for w in words(body)]


@given(st.lists(phrase, min_size=2, max_size=5))
def test_split_by_leads_keeps_every_word(names):
    text = "\n".join("Persentase " + n for n in names)
    got = split_by_leads(text)
    assert len(got) == len(names)
    assert words(" ".join(got)) == words(text)


HEADER = ["No.", "Sasaran Strategis", "Indikator Kinerja", "Formulasi", "Sumber Data", "Target 2024"]


@st.composite
def tables(draw):
    """A header and random body rows: empty, merged-from-above and multi-indicator cells."""
    nrows = draw(st.integers(1, 7))
    rows = [HEADER]
    for r in range(nrows):
        n_ind = draw(st.integers(1, 3))
        ind = "\n".join(f"- Persentase {draw(phrase)}" for _ in range(n_ind)) if n_ind > 1 else \
            f"Persentase {draw(phrase)}"
        sas = draw(st.one_of(phrase, st.just("^" if r else "s0"), st.just("")))
        row = [str(r + 1), sas, ind, draw(st.one_of(phrase, st.just(""))), draw(st.one_of(phrase, st.just(""))),
               draw(st.one_of(phrase, st.just("")))]
        rows.append(row)
    return rows


@settings(max_examples=150, deadline=None)
@given(tables())
def test_records_keep_every_cell_and_one_record_per_indicator(rows):
    t = Table(rows=grid(*rows), page=1, bbox=(0, 0, 1, 1))
    [lt] = stitch([t])
    recs = table_records(lt, None)
    # one record per listed indicator, each indicator exactly once
    listed = [strip_numbering(ln) for r in rows[1:] for ln in r[2].splitlines()]
    assert [r.values["indikator"] for r in recs] == listed
    # every body cell's words are in some record's field or extra
    out = " ".join(" ".join(v for v in r.values.values() if v) + " " +
                   " ".join(v for v in r.extra.values() if v) for r in recs)
    out_words = set(words(out))
    for r in rows[1:]:
        for cell in r:
            if cell not in ("^", "<"):
                assert set(words(cell)) <= out_words


def test_fill_down_through_merged_and_empty_cells():
    rows = grid(HEADER, ["1", "S1", "Persentase a", "f", "D1", ""], ["", "^", "Persentase b", "g", "", ""],
                ["2", "", "Persentase c", "h", "^", "5"])
    [lt] = stitch([Table(rows=rows, page=1, bbox=(0, 0, 1, 1))])
    recs = table_records(lt, None)
    assert [r.values["sasaran"] for r in recs] == ["S1", "S1", "S1"]
    assert [r.values["sumber_data"] for r in recs] == ["D1", "D1", "D1"]
    assert [r.values["formulasi"] for r in recs] == ["f", "g", "h"]  # not a fill-down field
    assert recs[2].extra == {"Target 2024": "5"}


def test_multi_indicator_cell_pairs_parallel_lists_and_shares_the_rest():
    rows = grid(HEADER, ["1", "S", "- Persentase a\n- Jumlah b", "- A / B\n- C", "D", ""])
    [lt] = stitch([Table(rows=rows, page=1, bbox=(0, 0, 1, 1))])
    recs = table_records(lt, None)
    assert [(r.values["indikator"], r.values["formulasi"], r.values["sumber_data"]) for r in recs] == \
        [("Persentase a", "A / B", "D"), ("Jumlah b", "C", "D")]
    assert all("split multi-indicator cell" in r.reasons for r in recs)


def test_labelled_blocks_one_per_indicator():
    rows = grid(["No", "Sasaran", "Indikator", "Penjelasan"],
                ["2", "S", "Prosentase a\nProsentase b",
                 "• Formulasi Penghitungan : fa\n• Tipe Penghitungan: Non Kumulatif\n• Sumber data: Bidang A\n"
                 "• Formulasi Penghitungan: fb\n• Tipe Penghitungan: Kumulatif\n• Sumber data: Bidang B"])
    [lt] = stitch([Table(rows=rows, page=1, bbox=(0, 0, 1, 1))])
    recs = table_records(lt, None)
    assert [(r.values["indikator"], r.values["formulasi"], r.values["tipe_perhitungan"], r.values["sumber_data"])
            for r in recs] == [("Prosentase a", "fa", "Non Kumulatif", "Bidang A"),
                               ("Prosentase b", "fb", "Kumulatif", "Bidang B")]
    assert recs[0].values["penjelasan"] is None


def test_page_break_row_joined_and_repeated_header_dropped():
    p1 = Table(rows=grid(HEADER, ["1", "S", "Persentase a", "A / B dari", "D", "1"]), page=1, bbox=(0, 0, 1, 1),
               ends_page=True)
    p2 = Table(rows=grid(HEADER, ["", "", "", "seluruh x 100%", "", ""], ["2", "T", "Jumlah b", "C", "E", "2"]),
               page=2, bbox=(0, 0, 1, 1), starts_page=True)
    [lt] = stitch([p1, p2])
    recs = table_records(lt, None)
    assert [r.values["indikator"] for r in recs] == ["Persentase a", "Jumlah b"]
    assert recs[0].values["formulasi"] == "A / B dari seluruh x 100%"
    assert "joined page-break row" in recs[0].reasons


def test_section_row_sets_group_and_stops_fill_down():
    rows = grid(HEADER, ["Misi 1 Meningkatkan x", "<", "<", "<", "<", "<"], ["1", "S", "Persentase a", "", "D", ""],
                ["Misi 2 y", "<", "<", "<", "<", "<"], ["2", "", "Persentase b", "", "", ""])
    [lt] = stitch([Table(rows=rows, page=1, bbox=(0, 0, 1, 1))])
    recs = table_records(lt, "IKU 2020")
    assert [r.group for r in recs] == ["IKU 2020 - Misi 1 Meningkatkan x", "IKU 2020 - Misi 2 y"]
    assert recs[1].values["sasaran"] is None


def test_title_rows_inside_the_grid_become_context():
    rows = grid(["INDIKATOR KINERJA UTAMA DINAS X", "<", "<", "<", "<", "<"], HEADER,
                ["1", "S", "Persentase a", "f", "D", ""])
    [lt] = stitch([Table(rows=rows, page=1, bbox=(0, 0, 1, 1))])
    assert lt.context == ["INDIKATOR KINERJA UTAMA DINAS X"]
    assert [r.values["indikator"] for r in table_records(lt, None)] == ["Persentase a"]


@given(st.lists(st.tuples(phrase, phrase), min_size=1, max_size=4), st.one_of(st.just(""), phrase))
def test_labelled_blocks_keep_every_word(blocks, lead):
    from normalizers.cells import split_labelled_blocks
    text = "\n".join(([lead] if lead else []) + [f"Formulasi : {f}\nSumber data : {d}" for f, d in blocks])
    got = split_labelled_blocks(text)
    assert len(got) == (len(blocks) if len(blocks) > 1 else 1)
    assert words(" ".join(got)) == words(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(phrase, min_size=4, max_size=4), st.lists(st.integers(0, 3), min_size=4, max_size=4))
def test_page_break_join_restores_the_row(texts, cuts):
    """A row cut by a page break at any word boundary of any cell comes back whole, once."""
    sas, ind, form, src = texts
    ind = "Persentase " + ind
    head, tail = [], []
    for text, cut in zip((sas, ind, form, src), cuts):
        ws = text.split()
        k = min(cut, len(ws))
        head.append(" ".join(ws[:len(ws) - k]))
        tail.append(" ".join(ws[len(ws) - k:]))
    if not head[1]:  # the indicator's first words always stay on the first page
        head[1], tail[1] = ind, ""
    hdr = ["No", "Sasaran", "Indikator", "Formulasi", "Sumber Data"]
    p1 = Table(rows=grid(hdr, ["1", *head]), page=1, bbox=(0, 0, 1, 1), ends_page=True)
    tail[1] = tail[1].lower()
    p2 = Table(rows=grid(hdr, ["", *tail], ["2", "T", "Jumlah z", "f", "d"]), page=2, bbox=(0, 0, 1, 1),
               starts_page=True)
    [lt] = stitch([p1, p2])
    recs = table_records(lt, None)
    assert [r.values["indikator"] for r in recs][-1] == "Jumlah z"
    assert len(recs) == 2
    first = recs[0].values
    for field, h, t in zip(("sasaran", "indikator", "formulasi", "sumber_data"), head, tail):
        assert (first[field] or "") == " ".join(x for x in (h, t) if x)


def test_numbered_list_cut_by_a_page_break_continues_its_row():
    hdr = ["No", "Indikator Kinerja", "Sasaran", "Formulasi", "Penanggung Jawab"]
    p1 = Table(rows=grid(hdr, ["7", "1. Persentase a", "Meningkatnya ketaatan", "1. A / B", "Bidang Penaatan"]),
               page=1, bbox=(0, 0, 1, 1), ends_page=True)
    p2 = Table(rows=grid(hdr, ["", "2. Persentase b", "Pelaku Usaha", "2. C / D", "Lingkungan Hidup"]),
               page=2, bbox=(0, 0, 1, 1), starts_page=True)
    [lt] = stitch([p1, p2])
    recs = table_records(lt, None)
    assert [(r.values["no"], r.values["indikator"], r.values["formulasi"]) for r in recs] == \
        [("7", "Persentase a", "A / B"), ("7", "Persentase b", "C / D")]
    assert recs[1].values["sasaran"] == "Meningkatnya ketaatan Pelaku Usaha"


def test_a_performance_agreement_title_is_the_group():
    from normalizers.grouping import group_from_context
    assert group_from_context(["OOOO", "PERJANJIAN KINERJA PERUBAHAN TAHUN 2020",
                               "BADAN PERENCANAAN PEMBANGUNAN DAERAH"]) == \
        "PERJANJIAN KINERJA PERUBAHAN TAHUN 2020 BADAN PERENCANAAN PEMBANGUNAN DAERAH"
