"""iku.normalizers.metadata.decree: decree_number and decree_date."""
from __future__ import annotations

import pytest

from iku.normalizers.metadata import extract_metadata
from iku.normalizers.metadata.decree import normalize_decree_number, parse_indonesian_date


@pytest.mark.parametrize(
    "written, number",
    [
        ("460/ 044 /DISSOS/2021", "460/044/DISSOS/2021"),
        ("460 / 16 - Dinsos", "460/16-Dinsos"),
        ("050/01.7 /424.101/2021", "050/01.7/424.101/2021"),
        ("188.45 / 253 / KUM / 2018.", "188.45/253/KUM/2018"),
        ("12 TAHUN 2021", "12 TAHUN 2021"),
        ("TAHUN 2022", None),
        ("      /      /2021", None),
        ("……/……/2021", None),
        ("Tol wwnfo", None),  # a smudge read by OCR
        ("061/kep.04/perenc/diskominfo", "061/kep.04/perenc/diskominfo"),
        ("", None),
        (None, None),
    ],
)
def test_normalize_decree_number(written, number):
    assert normalize_decree_number(written) == number


@pytest.mark.parametrize(
    "heading, number",
    [
        ("KEPUTUSAN KEPALA DINAS SOSIAL KOTA DEPOK\nNOMOR : 460/ 044 /DISSOS/2021\nTENTANG", "460/044/DISSOS/2021"),
        ("SURAT KEPUTUSAN\nNomor : 460 / 16 - Dinsos\nTENTANG", "460/16-Dinsos"),
        # "NOMOR" at the end of the heading line, its value on the next line
        ("KEPUTUSAN KEPALA BADAN PERENCANAAN\nPEMBANGUNAN DAERAH KABUPATEN PASURUAN NOMOR\n"
         ": 050/01.7 /424.101/2021\nTENTANG", "050/01.7/424.101/2021"),
        ("KEPUTUSAN KEPALA BAPPEDA KOTA PONTIANAK NOMOR: 050/123/Bappeda/2023 TENTANG IKU",
         "050/123/Bappeda/2023"),
        ("KEPUTUSAN KEPALA DINAS SOSIAL KOTA BONTANG\nNOMOR : TAHUN 2022\nTENTANG", None),
        ("KEPUTUSAN KEPALA DINAS SOSIAL KOTA BONTANG\nTENTANG\nIKU", None),
    ],
)
def test_decree_number_from_heading(heading, number):
    assert extract_metadata([heading + "\nMenimbang : a. bahwa ..."])["decree_number"] == number


def test_law_citation_is_never_the_decree_number():
    text = ("INDIKATOR KINERJA UTAMA DINAS SOSIAL KOTA DEPOK\n"
            "Mengingat : 1. Undang-Undang Nomor 15 Tahun 1999 tentang Pembentukan Kotamadya Depok;\n"
            "2. Peraturan Menteri Nomor: PER/9/M.PAN/5/2007 tentang Pedoman Umum")
    assert extract_metadata([text])["decree_number"] is None


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "written, iso",
    [
        ("14 September 2021", "2021-09-14"),
        ("02 Maret 2020", "2020-03-02"),
        ("Januari 2022", "2022-01"),
        ("12 Agt 2022", "2022-08-12"),
        ("1 Agustus 2019", "2019-08-01"),
        ("17 Nopember 2021", "2021-11-17"),
        ("3 Pebruari 2022", "2022-02-03"),
        ("5 Des. 2020", "2020-12-05"),
        ("13 Septernber 2019", "2019-09-13"),  # OCR
        ("14-09-2021", "2021-09-14"),
        ("31 Februari 2021", None),
        ("Bandung, 2017", None),
        ("", None),
    ],
)
def test_parse_indonesian_date(written, iso):
    assert parse_indonesian_date(written) == iso


def test_decree_date_prefers_ditetapkan_over_signature_place_date():
    text = ("KEPUTUSAN KEPALA DINAS SOSIAL KOTA DEPOK\nNOMOR : 1/2019\nTENTANG\nIKU\n"
            "Ditetapkan di : Depok\nPada Tanggal : 13 September 2019\nKEPALA DINAS SOSIAL\n"
            "Drs. USMAN HALIYANA, M.Si\nNIP. 19611029 199103 1 005\n"
            "LAMPIRAN\nDepok, 20 September 2019\nKEPALA DINAS SOSIAL\nNIP. 19630920 199408 2 003")
    got = extract_metadata([text])
    assert got["decree_date"] == "2019-09-13"
    assert got["signatory_nip"] == "196110291991031005"


def test_place_date_line_needs_a_signature_below():
    text = "Jumlah Penduduk, 12 Januari 2021 tercatat\nRekap Data, 12 Januari 2021\nSumber BPS"
    assert extract_metadata([text])["decree_date"] is None


# --------------------------------------------------------------------------- numbers as printed


@pytest.mark.parametrize(
    "written, number",
    [
        ("800 / 1234 / BKD / 2023", "800/1234/BKD/2023"),
        ("061/Kep. 770/Diskominfo", "061/Kep.770/Diskominfo"),  # no space inside a part
        ("KPTS – 12 / 2020", "KPTS–12/2020"),  # a dash set with spaces
        ("188.4 /45/ KPTS /2022 ,", "188.4/45/KPTS/2022"),
        ("800/17/PPK/2023 Tanggal 4 Januari 2023", "800/17/PPK/2023"),  # the text after the number
        ("12 TAHUN 2021", "12 TAHUN 2021"),  # a regulation-style number keeps its spaces
        # a dotted blank read as a long run of letters, a dot read as a digit among them
        ("sevvovennnnnngee0erenneanasesennntanna", None),
        ("061/PEMBERDAYAANNNN/2022", "061/PEMBERDAYAANNNN/2022"),  # parts joined by "/" stay
    ],
)
def test_decree_number_as_printed_with_odd_spacing(written, number):
    assert normalize_decree_number(written) == number


@pytest.mark.parametrize(
    "heading, number",
    [
        # "Nomor" in a letterhead's address is a house number, not the decree's
        ("PEMERINTAH KOTA PADANG\nDINAS PERHUBUNGAN\nJalan Khatib Sulaiman Nomor 7 Padang 25135\n"
         "KEPUTUSAN KEPALA DINAS PERHUBUNGAN KOTA PADANG\nNomor : 551/ 88 /Dishub/ I /2023\nTENTANG",
         "551/88/Dishub/I/2023"),
        # a cover heading without a number, the decree's heading on the next page
        ("KEPUTUSAN KEPALA DINAS PERHUBUNGAN\nKOTA PADANG\nTENTANG\nINDIKATOR KINERJA UTAMA\n2023\n"
         "Jl. Khatib Sulaiman No. 7 Telp. (0751) 123456\nKEPUTUSAN KEPALA DINAS PERHUBUNGAN KOTA PADANG\n"
         "NOMOR. 551/88/Dishub/2023\nTENTANG", "551/88/Dishub/2023"),
        # the label on one line, the number on the next
        ("KEPUTUSAN KEPALA DINAS PERHUBUNGAN KOTA PADANG\nNOMOR :\n551/88/Dishub/2023\nTENTANG",
         "551/88/Dishub/2023"),
    ],
)
def test_decree_number_in_a_heading_with_a_letterhead(heading, number):
    assert extract_metadata([heading + "\nMenimbang : a. bahwa ..."])["decree_number"] == number


def test_a_heading_number_cut_by_the_scan_is_the_lampiran_quote_of_it():
    """A band of faded print cut the heading's number ("NOMOR : 5" over "/ 276 /Kpts/DINAS/2021":
    its parts on two lines, its first part short); the lampiran quotes the decree's number
    whole, the same parts after the first, its first part opening with the heading's."""
    pages = ["KEPUTUSAN KEPALA DINAS SOSIAL KOTA MADIUN\nNOMOR : 5\n/ 276 /Kpts/DINSOS/2021\nTENTANG\n"
             "PENETAPAN INDIKATOR KINERJA UTAMA\nMenimbang : bahwa",
             "LAMPIRAN KEPUTUSAN KEPALA DINAS SOSIAL KOTA MADIUN\nNOMOR :500.11/ 276 /Kpts/DINSOS/2021\n"
             "TANGGAL : April 2021"]
    assert extract_metadata(pages)["decree_number"] == "500.11/276/Kpts/DINSOS/2021"
    # a number of another decree in the lampiran, other parts: the heading's stands
    pages[1] = "LAMPIRAN\nNOMOR :500.11/ 277 /Kpts/DINSOS/2021"
    assert extract_metadata(pages)["decree_number"] == "5/276/Kpts/DINSOS/2021"


def test_a_place_date_line_whose_comma_a_scan_read_as_a_semicolon():
    """"Langsa; 10 Juni 2020" over a signature: the scan's semicolon is the place's comma."""
    text = "Tabel 3\nIndikator\nLangsa; 10 Juni 2020\nKEPALA BADAN KEUANGAN\nBUDI SANTOSO, S.E.\nNIP 196310041990052005"
    assert extract_metadata([text])["decree_date"] == "2020-06-10"


def test_a_speck_read_as_a_colon_between_month_and_year():
    text = ("Ditetapkan di Manado pada tanggal 15\nFebruari:2025\nKEPALA DINAS LINGKUNGAN HIDUP\n"
            "BUDI SANTOSO, S.E.\nNIP 196310041990052005")
    assert extract_metadata([text])["decree_date"] == "2025-02-15"
    assert parse_indonesian_date("15 Februari:2025") == "2025-02-15"
