"""Normalizer rules, one by one, and properties: no rule loses or duplicates a cell's text.

Whole failure classes (a table in, the records out) are fixtures of tests/regressions/."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from iku.extractors.model import Cell, Table
from iku.normalizers.cells import (collapse, strip_marker, split_lost_first_bullet, linearise_formula, looks_like_formula, split_by_leads, split_code, split_items,
                               split_joined_names, split_labelled, strip_numbering)
from iku.normalizers.headers import header_rows, is_indicator_table, map_columns, match_header
from iku.normalizers.records import stitch, table_records
from iku.normalizers.grouping import group_from_context


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
    # wordings no phrase lists: the first word that names a field decides (the head noun)
    ("Ukuran Keberhasilan", "indikator"),
    ("Nama IKU", "indikator"),
    ("Indikator Sasaran Program", "indikator"),
    ("Metode Pengukuran", "formulasi"),
    ("Cara Menghitung", "formulasi"),
    ("Rasionalisasi", "alasan"),
    ("Unit Penanggung Jawab", "penanggung_jawab"),
    ("Sumber / Cara Pengumpulan Data", "sumber_data"),
    ("Satuan Pengukuran", "satuan"),
    ("Definisi / Cara Menghitung", "penjelasan_formulasi"),
    # a code names the indicator's number; the indicator described is the indicator
    ("Kode IKU", "no"),
    ("Kode Indikator", "no"),
    ("Uraian Indikator", "indikator"),
    ("Uraian Indikator dan Cara Perhitungan", "penjelasan_formulasi"),
    ("Unit Pengampu", "penanggung_jawab"),
    # a level of government in the header's own words
    ("Sasaran Kabupaten", "sasaran_daerah"),
    ("Indikator Kinerja Dinas Kesehatan Kota X", "indikator"),
    # a scan ran the capitals together and read "I/" as one glyph: one slip in a long word
    ("DEFINISLPENJELASAN", "penjelasan"),
    # a faint copy's holes broke two glyphs of a long word into others than the confusions hold
    ("lndikatot Kinerja", "indikator"),
    ("INOKKATOR", "indikator"),
    # ... or lost a letter of one, or read one glyph as two
    ("Rasionalissi", "alasan"),
    ("Penjelasann", "penjelasan"),
])
def test_header_vocabulary(header, field):
    assert match_header(header)[0] == field


@pytest.mark.parametrize("header,parent,field", [
    ("Sasaran", "RPJMD KOTA MAKASSAR 2021-2026", "sasaran_daerah"),
    ("Indikator Sasaran", "RPJMD KOTA MAKASSAR 2021-2026", "indikator_daerah"),
    ("Sasaran", "Pemerintah Provinsi", "sasaran_daerah"),
    ("Sasaran", "PERANGKAT DAERAH", "sasaran"),
    ("Indikator Kinerja Utama", "PERANGKAT DAERAH", "indikator"),
    ("Indikator", "Dinas Kesehatan Kabupaten Banjar", "indikator"),
])
def test_a_parent_header_names_the_level_of_its_children(header, parent, field):
    assert match_header(header, parent)[0] == field


def test_repeated_children_keep_their_field_at_the_agency_level_and_the_rest_go_to_extra():
    rows = grid(["No", "Indikator Kinerja", "Satuan", "Indikator Program", "<"],
                ["^", "^", "^", "Uraian", "Satuan"],
                ["1", "I", "%", "P", "Dokumen"])
    cols = map_columns(rows, header_rows(rows))
    assert [c.field for c in cols] == ["no", "indikator", "satuan", None, None]
    assert cols[-1].label == "Indikator Program / Satuan"


def test_a_regional_column_alone_is_the_tables_own():
    rows = grid(["No", "Sasaran RPJMD", "Indikator Kinerja Utama Daerah", "Satuan"], ["1", "S", "I", "%"])
    assert [c.field for c in map_columns(rows, header_rows(rows))] == ["no", "sasaran", "indikator", "satuan"]


@pytest.mark.parametrize("header", ["Target 2024", "Kondisi Target Kinerja pada Awal Periode RPJMD (2016)",
                                    "Realisasi", "Anggaran", "", "Target Indikator", "Capaian Kinerja Sasaran",
                                    # columns about the indicator that no field takes: their head word decides
                                    "Frekuensi Pengukuran", "Periode Pelaporan", "Jenis Indikator",
                                    "Kategori Indikator", "Polaritas", "Kode Program"])
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
                                     ["(1)", "(2)", "(3)", "(4)", "(5)"],
                                     # parentheses read as digits: "(1)" → "(11", "(3)" → "13)", "(4)" → "l4)"
                                     ["(11", "(2)", "13)", "l4)", "(5)"], ["(1)", "(2)", "13)", "a)", "(5)"]])
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


def test_results_report_whose_scan_ran_its_headers_together_is_not_an_indicator_table():
    # a scan read "Satuan | Target | Realisasi | % Capaian" as one word box: the satuan column's
    # header holds the realisation too; a plan's baseline "Kondisi Awal (Realisasi 2019)" is
    # no field's column and stays an indicator table
    rows = grid(["No", "Indikator Kinerja", "% Satuan Target Realisasi Capaian"],
                ["1", "Persentase x", "Persen 74% 76,77 103,74"])
    assert not is_indicator_table(map_columns(rows, 1))
    rows = grid(["No", "Indikator Kinerja", "Satuan", "Kondisi Awal (Realisasi 2019)", "Target 2020"],
                ["1", "Persentase x", "Persen", "70", "75"])
    assert is_indicator_table(map_columns(rows, 1))


# --- cell rules ------------------------------------------------------------

def test_split_items_on_bullets_and_lead_in_kept_whole():
    assert split_items("- a b\n- c\nd") == ["- a b", "- c\nd"]
    assert split_items("Program X:\n- a\n- b") == ["Program X:\n- a\n- b"]
    assert split_items("plain\ntext") == ["plain\ntext"]


def test_split_items_on_letter_markers_a_scan_ran_into_their_word():
    """A scan's reader drops the space after a letter marker ("a.Indeks …")."""
    assert split_items("a.Indeks Literasi (IPLM)\nb. Tingkat Gemar Membaca") == \
        ["a.Indeks Literasi (IPLM)", "b. Tingkat Gemar Membaca"]
    assert split_items("e.g. Foo\nb. Bar") == ["e.g. Foo\nb. Bar"]  # (a word's point, no marker)
    # ... and into a figure: one target per item of the indicator cell beside it
    assert split_items("a.3.698\nb.68") == ["a.3.698", "b.68"]
    assert strip_marker("a.3.698") == "3.698"


def test_split_items_whose_first_number_a_scan_read_with_a_comma():
    """A numbered list's "1." read "1," (or its point lost) when "2." follows: still a list;
    a cell opening "1, 2 dan 3" without a second item stays one."""
    assert split_items("1, Jumlah sekolah dibagi\nJumlah murid\n2. Jumlah guru") == \
        ["1. Jumlah sekolah dibagi\nJumlah murid", "2. Jumlah guru"]
    assert split_items("1, Jumlah sekolah\nJumlah murid") == ["1, Jumlah sekolah\nJumlah murid"]


def test_split_lost_first_bullet():
    """A symbol-bulleted list whose first bullet the scan lost; a lead-in (colon) stays whole."""
    assert split_lost_first_bullet("Panjang jalan\n• Persentase jembatan\nbaik") == \
        ["Panjang jalan", "• Persentase jembatan\nbaik"]
    assert split_lost_first_bullet("Program X:\n- a\n- b") == ["Program X:\n- a\n- b"]
    assert split_lost_first_bullet("plain\ntext") == ["plain\ntext"]


def test_labelled_parts():
    lead, parts = split_labelled("Makna Indikator : m1\nm2\nAlasan Pemilihan : a\nRumus Perhitungan :\nx / y")
    assert lead == ""
    assert parts == [("penjelasan", "m1\nm2"), ("alasan", "a"), ("formulasi", "x / y")]
    lead, parts = split_labelled("• Formulasi Penghitungan: f\n• Tipe Penghitungan : Non Kumulatif\n• Sumber data : B")
    assert parts == [("formulasi", "f"), ("tipe_perhitungan", "Non Kumulatif"), ("sumber_data", "B")]


def test_a_label_a_scan_misread_still_opens_its_part():
    """A scan reads the space between a label's words as "_" or "-", or drops a letter of a
    long label word: the label still opens its part; a hyphenated word that names no field
    stays text."""
    lead, parts = split_labelled("Alasan_Pemilihan : a\nCara-Perhitungan : x / y\nRasionalissi : r")
    assert lead == "" and parts == [("alasan", "a"), ("formulasi", "x / y"), ("alasan", "r")]
    assert split_labelled("Non-Kumulatif : x") == ("Non-Kumulatif : x", [])


def test_unknown_label_stays_text():
    lead, parts = split_labelled("Kriteria berfungsi sosial : x\nRumus Perhitungan : y")
    assert lead == "Kriteria berfungsi sosial : x" and parts == [("formulasi", "y")]


@pytest.mark.parametrize("text,kind,code,rest", [
    ("1.1. Jumlah produksi", "indikator", "1.1", "Jumlah produksi"),
    ("IKU 2.3 Persentase x", "indikator", "IKU 2.3", "Persentase x"),
    ("IKU 2.. Angka x", "indikator", "IKU 2", "Angka x"),  # its last number read as a point
    ("IKU,2.2 Angka x", "indikator", "IKU 2.2", "Angka x"),  # a speck in its space read as a comma
    ("IKU·02 Predikat x", "indikator", "IKU-02", "Predikat x"),  # its hyphen read as a middle dot
    ("IKU: 1.1 Indeks x", "indikator", "IKU 1.1", "Indeks x"),  # a speck in its space read as a colon
    ("SS- 1. Meningkatnya x", "sasaran", "SS-1", "Meningkatnya x"),  # a gap read after its hyphen
    ("IKU: Indeks x", "indikator", None, "IKU: Indeks x"),  # a label, no number: no code
    ("/ IK 2.1 Predikat x", "indikator", "IK 2.1", "Predikat x"),  # a speck before it read as a mark
    ("/ Persentase x", "indikator", None, "/ Persentase x"),
    ("M1 T1 S1 Meningkatnya x", "indikator", "M1 T1 S1", "Meningkatnya x"),
    ("1. Jumlah produksi", "indikator", None, "1. Jumlah produksi"),
    ("2024 Jumlah", "indikator", None, "2024 Jumlah"),
    ("SS1. Meningkatnya x", "sasaran", "SS1", "Meningkatnya x"),
    ("SAKIP yang andal", "sasaran", None, "SAKIP yang andal"),
])
def test_printed_codes(text, kind, code, rest):
    assert split_code(text, kind) == (code, rest)


@pytest.mark.parametrize("text,formula", [
    ("Jumlah perbandingan antara desa rawan pangan dengan jumlah desa", True),
    ("Jumlah LPM", True),
    ("Jumlah Regulasi yang dihasilkan oleh Dinas Kesehatan", True),
    ("Jumlah penduduk miskin. Data diambil dari BPS setiap tahun", False),
    ("Untuk mengetahui tingkat persediaan pangan", False),
])
def test_formula_in_words_and_counts(text, formula):
    assert looks_like_formula(text) is formula


def test_two_indicator_names_joined_by_comma_dan():
    assert split_joined_names("Skor PPH, dan persentase cadangan pangan") == ["Skor PPH", "persentase cadangan pangan"]
    assert split_joined_names("Rasio jumlah guru, dan jumlah murid") == ["Rasio jumlah guru, dan jumlah murid"]
    assert split_joined_names("Meningkatnya A, dan persentase B") == ["Meningkatnya A, dan persentase B"]


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


def test_group_from_a_scans_unit_line_whose_colon_was_lost():
    """On a scan the colon set apart between a unit's label and its value is a lone mark the
    OCR drops or reads as a full stop: the unit is still the group (a text layer's colonless
    line is left alone, and "Bidang X" is a unit's name, not its label)."""
    lines = ["Jabatan Kepala Sekretariat", "Tugas Melaksanakan urusan"]
    assert group_from_context(lines, read_by_ocr=True) == "Kepala Sekretariat"
    assert group_from_context(lines) is None
    assert group_from_context(["Nama Unit Organisasi. Bidang Pengujian"], read_by_ocr=True) == "Bidang Pengujian"
    assert group_from_context(["Nama Unit Organisasi Bidang Penindakan"], read_by_ocr=True) == "Bidang Penindakan"
    assert group_from_context(["Jabatan :. Kepala Seksi Perencanaan"]) == "Kepala Seksi Perencanaan"
    assert group_from_context(["Bidang Pengujian"], read_by_ocr=True) is None


def test_a_scans_unit_label_cut_at_the_pages_edge():
    """A capture that cut the page's left edge took the first letters of the unit's label: the
    label is made whole on a scan ("ma Unit Organisasi X", "abatan : Y"); a text layer's line and
    a word that only ends like a label's first word are left alone."""
    assert group_from_context(["ma Unit Organisasi Bidang Pemerintahan", "gas Membantu kepala"],
                              read_by_ocr=True) == "Bidang Pemerintahan"
    assert group_from_context(["abatan : Kepala Seksi Data"], read_by_ocr=True) == "Kepala Seksi Data"
    assert group_from_context(["abatan : Kepala Seksi Data"]) is None
    assert group_from_context(["mana unit : Seksi A"], read_by_ocr=True) is None
    # a speck before the label read as a mark
    assert group_from_context(["- Nama Unit Bidang Tanaman Pangan", "Tugas Melaksanakan"],
                              read_by_ocr=True) == "Bidang Tanaman Pangan"


def test_a_lists_items_above_a_table_are_no_title():
    """The last items of a unit's list of functions the page break left above the table ("c. …",
    "d. …"; a scan may read the letter as a capital) are no numbered heading naming it."""
    assert group_from_context(["C. penyelenggaraan layanan UPTD PPA", "d. pengelolaan data gender dan anak"]) is None
    assert group_from_context(["A. INDIKATOR KINERJA BIDANG"]) == "A. INDIKATOR KINERJA BIDANG"


def test_group_title_over_lines_captions_and_prose():
    # a title in title case over several lines, its period included
    assert group_from_context(["NOMOR : 1/2024", "Indikator Kinerja Utama", "Dinas Sosial Kota Contoh",
                               "Periode 2024 s.d. 2026"]) == \
        "Indikator Kinerja Utama Dinas Sosial Kota Contoh Periode 2024 s.d. 2026"
    # a caption's label alone on its line goes on with its text; the header labels under it do not
    assert group_from_context(["Tabel 4.1", "Tujuan dan Sasaran Dinas Contoh", "Kondisi Awal Target Kinerja"]) == \
        "Tabel 4.1 Tujuan dan Sasaran Dinas Contoh"
    # prose that mentions indicators is no title
    assert group_from_context(["RENCANA KERJA TAHUNAN", "DINAS CONTOH",
                               "Dokumen ini memuat sasaran strategis, indikator kinerja, target yang akan dicapai"]) == \
        "RENCANA KERJA TAHUNAN DINAS CONTOH"
    assert group_from_context(["Dokumen ini memuat sasaran strategis, indikator kinerja, target tahun ini"]) is None
    # a caption's text wrapped after a conjunction goes on
    assert group_from_context(["Tabel 8.4 Tujuan dan Sasaran Dinas Kependudukan dan", "Pencatatan Sipil Kabupaten X",
                               "Kondisi Awal"]) == "Tabel 8.4 Tujuan dan Sasaran Dinas Kependudukan dan Pencatatan Sipil Kabupaten X"


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


@given(st.lists(st.tuples(phrase, phrase), min_size=1, max_size=4), st.one_of(st.just(""), phrase))
def test_labelled_blocks_keep_every_word(blocks, lead):
    from iku.normalizers.cells import split_labelled_blocks
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


def test_a_performance_agreement_title_is_the_group():
    from iku.normalizers.grouping import group_from_context
    assert group_from_context(["OOOO", "PERJANJIAN KINERJA PERUBAHAN TAHUN 2020",
                               "BADAN PERENCANAAN PEMBANGUNAN DAERAH"]) == \
        "PERJANJIAN KINERJA PERUBAHAN TAHUN 2020 BADAN PERENCANAAN PEMBANGUNAN DAERAH"


def test_a_row_shorter_than_its_table_reads_its_missing_columns_as_empty():
    # a continuation read with fewer columns than the table it joins (a scanned page whose
    # last column was lost): the missing cells are empty, the row keeps its other cells
    from iku.normalizers.headers import Column
    from iku.normalizers.records import _logical_cells
    columns = [Column(i, f"h{i}", None, 1.0, sources=(i,)) for i in range(4)]
    cells = [Cell(text="1", page=2), Cell(text="Indikator", page=2)]
    out = _logical_cells(columns, cells)
    assert [c.text for c in out] == ["1", "Indikator", "", ""]
    assert all(c.page == 2 for c in out)


def test_a_numbering_row_with_several_column_numbers_in_one_cell():
    """Columns OCR's layout read as one (the years under one "Target" label) leave
    "(8) (9) (10)" in one cell of the row numbering the columns: still that row, no record.
    A cell of a number and words is no column number."""
    from iku.extractors.model import Cell
    from iku.normalizers.headers import is_numbering_row

    def row(*texts):
        return [Cell(text=t, page=1) for t in texts]

    assert is_numbering_row(row("(1)", "(2)", "(3)", "(4) (5) (6)", "(7)"))
    assert not is_numbering_row(row("(1)", "(2)", "(3)", "4 Persen", "(7)"))


def test_a_numbering_row_with_a_speck_read_as_a_mark_beside_a_number():
    """A scan's speck of dust beside a column number comes out as a mark of its own ("- (5)"),
    with another number lost: still the row numbering the columns, no record. A mark beside
    words is no number."""
    from iku.extractors.model import Cell
    from iku.normalizers.headers import is_numbering_row

    def row(*texts):
        return [Cell(text=t, page=1) for t in texts]

    assert is_numbering_row(row("(1)", "(2)", "(3)", "", "- (5)", "(6)", "(7)", "(8)", "(9)"))
    assert not is_numbering_row(row("(1)", "(2)", "- Persen", "(4)"))
    # (specks glued to a number's brackets: ".(1)." — the row was read as a record of numbers)
    assert is_numbering_row(row(".(1).", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"))
    assert is_numbering_row(row("(1)", "-(2)", "(3)'"))
    assert not is_numbering_row(row(".(1).", "Persen", "Laporan.(3)"))


def test_a_numbering_row_under_a_header_line_a_scan_cut_into_it():
    """A scan's row cut fell between a header's lines: one cell of the numbering row reads
    "Sasaran Strategis" over its "(2)", others are misread numbers. Still that row, no record;
    a data row whose cells end in a bracketed number is none."""
    from iku.extractors.model import Cell
    from iku.normalizers.headers import is_numbering_row

    def row(*texts):
        return [Cell(text=t, page=1) for t in texts]

    assert is_numbering_row(row("11}", "Sasaran Strategis\n(2)", "(3)", "(4)", "(5)", "{6)", "(7)",
                                "(8)", "(9)", "f10r", "(11)"))
    assert not is_numbering_row(row("Sasaran a\n(2)", "Indikator b\n(3)", "(4)"))
    assert not is_numbering_row(row("1", "Target 2024\n(2)", "(3)", "(4)"))


def test_header_words_cut_into_the_numbering_row_end_their_columns_header():
    """The words over a numbering row's "(2)" end that column's header; with the region's
    sasaran so named and the agency's parent label lost, of the two level-less "Indikator"
    columns the one beside the region's sasaran is the region's."""
    rows = grid(["Kode", "Pemerintah Kabupaten X", "Indikator Sasaran", "Uraian Sasaran", "Indikator Sasaran",
                 "Target 2025", "Ket."],
                ["(1)", "Sasaran Strategis\n(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
                ["A1", "s daerah", "i daerah", "s opd", "i opd", "70 %", "baru"])
    n = header_rows(rows)
    assert n == 2
    cols = map_columns(rows, n)
    assert [c.field for c in cols] == ["no", "sasaran_daerah", "indikator_daerah", "sasaran", "indikator",
                                       None, "keterangan"]


def test_two_figure_columns_read_as_one_under_a_repeated_header_are_split_back():
    """A repeated header at the next page's top reads two neighbouring target columns as
    one ("Target Target 2021 2022"): the table goes on, and each cell of that column is cut
    between its words where each side gets the one word its column held on the page before."""
    head = ["No", "Indikator Kinerja", "Satuan", "Target 2021", "Target 2022"]
    first = Table(rows=grid(head, ["1", "Persentase a", "Persen", "85", "90"],
                            ["2", "Persentase b", "Persen", "70,5", "72"]), page=1, ends_page=True)
    second = Table(rows=grid(["No", "Indikator Kinerja", "Satuan", "Target Target\n2021 2O22"],
                             ["3", "Indeks c", "Indeks", "80 82,5"]), page=2, starts_page=True)
    (lt,) = stitch([first, second])
    assert [[c.text for c in r.cells] for r in lt.rows][-1] == ["3", "Indeks c", "Indeks", "80", "82,5"]


def test_a_repeated_header_that_lost_the_row_number_column_at_the_pages_edge_goes_on():
    """A scan whose capture cut the page's left edge loses the table's first column (the row
    number's) under the repeated header: the table still goes on, the lost column's cells
    empty; one that lost a field's column inside the table is another table."""
    head = ["No", "Sasaran", "Indikator Kinerja", "Formulasi", "Satuan"]
    first = Table(rows=grid(head, ["1", "S", "Persentase a", "A / B", "%"]), page=1, ends_page=True)
    second = Table(rows=grid(head[1:], ["S", "Persentase b", "C / D", "%"]), page=2, starts_page=True)
    (lt,) = stitch([first, second])
    assert [[c.text for c in r.cells] for r in lt.rows][-1] == ["", "S", "Persentase b", "C / D", "%"]
    other = Table(rows=grid(["No", "Sasaran", "Indikator Kinerja", "Satuan"], ["1", "S", "Persentase b", "%"]),
                  page=2, starts_page=True)
    assert len(stitch([first, other])) == 2
    # a column the first page lost at the right edge ("Keterangan") is the table's too
    wider = Table(rows=grid(head + ["Keterangan"], ["2", "S", "Persentase c", "E / F", "%", "IKU baru"]), page=2,
                  starts_page=True)
    (lt,) = stitch([first, wider])
    assert lt.signature[-1] == "keterangan"
    assert [[c.text for c in r.cells] for r in lt.rows] == [["1", "S", "Persentase a", "A / B", "%", ""],
                                                          ["2", "S", "Persentase c", "E / F", "%", "IKU baru"]]


def test_a_row_number_column_read_into_the_next_under_a_label_cut_short():
    """The merged label may read as the row number's as a whole where the second label is cut
    short ("NMR INDIKATOR KINER."): the column is still split back in two; a table with a row
    number column of its own is left as read."""
    rows = grid(["NMR INDIKATOR KINER.", "Formulasi", "Target 2024"],
                ["1. Persentase a", "A / B", "80%"], ["Meningkatnya mutu la", "yanan publik", ""],
                ["2. Indeks b", "Hasil survei", "70"])
    (lt,) = stitch([Table(rows=rows, page=1)])
    assert lt.signature == ("no", "indikator", "formulasi", None)
    assert [[c.text for c in r.cells] for r in lt.rows][2] == ["2.", "Indeks b", "Hasil survei", "70"]
    # a heading across the row whose line a lost stretch cut in two is one heading
    assert [[c.text for c in r.cells] for r in lt.rows][1] == ["Meningkatnya mutu la yanan publik", "", "", ""]
    assert [r["sasaran"] for r in (rec.fields() for rec in table_records(lt, None))] == \
        [None, "Meningkatnya mutu la yanan publik"]
    own = grid(["No", "No Indikator", "Formulasi"], ["1", "1. Persentase a", "A / B"])
    (lt,) = stitch([Table(rows=own, page=1)])
    assert len(lt.columns) == 3


def test_a_header_alone_at_the_pages_foot_then_repeated_over_the_body():
    """A table's header alone at the foot of a page, repeated whole over its body on the next: one
    table, the repeat no record (the header cut by the break, `_header_cut_by_the_break`, is
    only a header whose rest opens the next page)."""
    head = ["No", "Sasaran", "Indikator Kinerja", "Formulasi"]
    first = Table(rows=grid(head), page=1, ends_page=True)
    second = Table(rows=grid(head, ["1", "S", "Persentase a", "A / B"]), page=2, starts_page=True)
    (lt,) = stitch([first, second])
    assert [[c.text for c in r.cells] for r in lt.rows] == [["1", "S", "Persentase a", "A / B"]]


def test_two_children_of_one_parent_read_as_one_under_a_repeated_header_are_split_back():
    """The children of a two-level header ("Target" over "2022", "2023") read as one child
    on the next page ("2022 2023", the parent read once): the cells of that column go back
    into the two children, rather than the second child left empty."""
    first = Table(rows=grid(["No", "Indikator Kinerja", "Satuan", "Target", "<", "Keterangan"],
                            ["^", "^", "^", "2022", "2023", "^"],
                            ["1", "Persentase a", "Persen", "85", "90", "x"],
                            ["2", "Persentase b", "Persen", "70,5", "72", "y"]), page=1, ends_page=True)
    second = Table(rows=grid(["No", "Indikator Kinerja", "Satuan", "Target", "Keterangan"],
                             ["^", "^", "^", "2022 2023", "^"],
                             ["3", "Indeks c", "Indeks", "80 82,5", "z"]), page=2, starts_page=True)
    (lt,) = stitch([first, second])
    assert [c.text for c in lt.rows[-1].cells] == ["3", "Indeks c", "Indeks", "80", "82,5", "z"]


@pytest.mark.parametrize("read, unit", [("% 4", "%"), ("0. Opini", "Opini"), ("i %", "%"), ("Opini C", "Opini"),
                                        ("m 2", "m 2"), ("Level 3", "Level 3"), ("Persen", "Persen")])
def test_a_lone_stray_character_beside_a_scanned_unit_is_dropped(read, unit):
    """A speck, a stamp's edge or the sheet's back read as one character beside the unit of a
    scanned unit cell ("% 4", "0. Opini") is no part of it; a unit with a number of its own
    ("m 2") is kept, and so is a text-layer cell as printed."""
    from iku.extractors.model import Engine

    def records(engine):
        rows = grid(["No", "Indikator Kinerja", "Satuan"], ["1", "Persentase a", read])
        for row in rows:
            for c in row:
                c.engine = engine
        [lt] = stitch([Table(rows=rows, page=1, bbox=(0, 0, 1, 1))])
        return table_records(lt, None)

    assert records(Engine.OCR)[0].values["satuan"] == unit
    assert records(Engine.RULED)[0].values["satuan"] == read


def test_a_heading_in_capitals_read_as_the_tables_last_row_is_no_part_of_the_record_above():
    """The next table's title ("B. INDIKATOR KINERJA BIDANG …") read under the last row, its
    words spread over two columns: left out, not joined to the last record's cells. A last
    row that goes on in lower case is still the record's leftover."""
    def last(heading):
        rows = grid(["No", "Indikator Kinerja", "Penjelasan", "Alasan"],
                    ["1", "Persentase a", "Ukuran a.", "Mengukur a."],
                    ["2", "Indeks b", "Ukuran b.", "Mengukur b."],
                    ["", "", *heading])
        [lt] = stitch([Table(rows=rows, page=1, bbox=(0, 0, 1, 1))])
        return table_records(lt, None)[-1].values

    assert last(["B. INDIKATOR KINERJA", "BIDANG PELATIHAN"])["alasan"] == "Mengukur b."
    assert last(["B. INDIKATOR KINERJA", "BIDANG PELATIHAN"])["penjelasan"] == "Ukuran b."
    assert last(["", "dan kinerja."])["alasan"] == "Mengukur b. dan kinerja."


def test_a_header_misread_on_the_first_page_takes_the_field_its_repeat_names():
    """The number column's header misread on the table's first page ("N-IR": it names no field)
    and read right where the header repeats on the next page ("NMR"): the column is the table's
    number column on every page, not an extra column."""
    first = Table(rows=grid(["N-IR", "Indikator Kinerja", "Satuan", "Penanggung Jawab"],
                            ["1", "Persentase a", "Persen", "Bidang A"],
                            ["2", "Persentase b", "Persen", "Bidang B"]), page=1, ends_page=True)
    second = Table(rows=grid(["NMR", "Indikator Kinerja", "Satuan", "Penanggung Jawab"],
                             ["3", "Indeks c", "Indeks", "Bidang C"]), page=2, starts_page=True)
    (lt,) = stitch([first, second])
    assert [r.values["no"] for r in table_records(lt, None)] == ["1", "2", "3"]


def test_a_repeated_header_whose_misread_parent_moves_the_levels_goes_on():
    """The repeated header's parent label misread ("1:P}" for "RPJMD") leaves its children
    without their level, so that the region's "Indikator Sasaran" names the indicator and the
    agency's names nothing: the labels are the table's, read with slips, and the table goes on
    in its own columns. A repeat whose labels hold another wording ("Indikator Program") or swap
    the levels is another table."""
    def table(page, parent, sub, own, child, body):
        return Table(rows=grid([("No. Urut" if page == 1 else "Nq. Urut"), parent, "<", own, "<", "Makna Indikator"],
                               ["^", sub, "Indikator Sasaran", "Uraian Sasaran", child, "^"], body),
                     page=page, starts_page=page > 1, ends_page=page == 1)

    first = table(1, "RPJMD", "Uraian Sasaran", "Renstra Perangkat Daerah", "Indikator Sasaran",
                  ["1", "Menurunnya a", "Persentase a", "Meningkatnya b", "Persentase b", "Ukuran b."])
    body = ["2", "Menurunnya c", "Jumlah c", "Meningkatnya d", "Indeks d", "Ukuran d."]
    (lt,) = stitch([first, table(2, "1:P}", "Uraian Sasat o1", "Renstra Perangkat Daerah", "Indikator Sasaran", body)])
    assert [r.values["indikator"] for r in table_records(lt, None)] == ["Persentase b", "Indeks d"]
    assert [r.values["indikator_daerah"] for r in table_records(lt, None)] == ["Persentase a", "Jumlah c"]
    assert len(stitch([first, table(2, "1:P}", "Uraian Sasat o1", "Renstra Perangkat Daerah", "Indikator Program",
                                    body)])) == 2
    assert len(stitch([first, table(2, "Renstra Perangkat Daerah", "Uraian Sasaran", "RPJMD", "Indikator Sasaran",
                                    body)])) == 2


def test_a_labelled_block_read_into_the_row_above_goes_back_to_its_row():
    """A scan's row boundary set inside the next row's cell of labelled parts: the cell above
    holds its first label twice, the one under it opens mid-sentence. The second block goes
    back to the row under it."""
    rows = grid(["No", "Indikator Kinerja", "Definisi, Formula dan Tipe Perhitungan"],
                ["1", "Indeks a", "Makna : Ukuran a.\nAlasan : Mengukur a.\nRumus : A\n"
                                  "Makna : Ukuran b.\nAlasan : Menjadi ukuran"],
                ["2", "Jumlah b", "utama keberhasilan b.\nRumus : B"])
    [lt] = stitch([Table(rows=rows, page=1, bbox=(0, 0, 1, 1))])
    a, b = (r.values for r in table_records(lt, None))
    assert (a["penjelasan"], a["alasan"], a["formulasi"]) == ("Ukuran a.", "Mengukur a.", "A")
    assert (b["penjelasan"], b["alasan"], b["formulasi"]) == ("Ukuran b.", "Menjadi ukuran utama keberhasilan b.", "B")


def test_a_scanned_sasarans_last_line_read_into_the_next_row_goes_back_up():
    """A scan's sasaran merged over two rows, its last line read into the lower row ("perangkat
    daerah", opening mid-sentence): both rows have the whole sasaran. A text layer's cells are
    kept as printed."""
    from iku.extractors.model import Engine

    def sasaran(engine):
        rows = grid(["No", "Sasaran", "Indikator Kinerja", "Satuan"],
                    ["1", "Meningkatnya akuntabilitas\nkinerja", "Nilai SAKIP", "Nilai"],
                    ["2", "perangkat daerah", "Indeks Profesionalitas ASN", "Indeks"])
        for row in rows:
            for c in row:
                c.engine = engine
        [lt] = stitch([Table(rows=rows, page=1, bbox=(0, 0, 1, 1))])
        return [r.values["sasaran"] for r in table_records(lt, None)]

    assert sasaran(Engine.OCR) == ["Meningkatnya akuntabilitas kinerja perangkat daerah"] * 2
    assert sasaran(Engine.RULED) == ["Meningkatnya akuntabilitas kinerja", "perangkat daerah"]


def test_a_scanned_list_of_sentences_that_lost_its_later_bullets_gives_one_item_per_indicator():
    """Three indicators in one row, their explanations a dashed list whose later dashes a scan
    lost: each sentence opening under a sentence's end is the next item. A text layer's cell
    (its bullets as printed) is shared whole."""
    from iku.extractors.model import Engine

    def penjelasan(engine):
        rows = grid(["No", "Indikator Kinerja", "Definisi"],
                    ["1", "- Indeks a\n- Predikat b\n- Persentase c",
                     "- Ukuran yang menunjukkan\nindeks a.\nPredikat b diperoleh\ndari evaluasi.\nPersentase c adalah\nproporsi."])
        for row in rows:
            for c in row:
                c.engine = engine
        [lt] = stitch([Table(rows=rows, page=1, bbox=(0, 0, 1, 1))])
        return [r.values["penjelasan"] for r in table_records(lt, None)]

    assert penjelasan(Engine.OCR) == ["Ukuran yang menunjukkan indeks a.", "Predikat b diperoleh dari evaluasi.",
                                      "Persentase c adalah proporsi."]
    assert len(set(penjelasan(Engine.RULED))) == 1


def test_two_pairs_both_naming_the_region_the_right_pair_is_the_agencys_own():
    """Two sasaran / indikator pairs side by side whose parents both name the region: the
    agency's parent label lost a word to a scan ("PER GKAT DAERAH": only "Daerah" left, a
    regional word). A table holds one region's pair; the level above comes first, so the
    right pair is the agency's own, not the left pair promoted and the right one dropped."""
    rows = grid(["Tingkat Pemerintah Daerah", "<", "PER GKAT DAERAH", "<", "Satuan"],
                ["Sasaran Strategis", "Indikator", "Sasaran Strategis", "Indikator Sasaran", "^"],
                ["s daerah", "i daerah", "s opd", "i opd", "Persen"])
    n = header_rows(rows)
    assert [c.field for c in map_columns(rows, n)] == ["sasaran_daerah", "indikator_daerah", "sasaran",
                                                        "indikator", "satuan"]
