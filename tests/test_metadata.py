"""normalizers.metadata: the document fields of an IKU decree."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import normalizers.metadata as md
from normalizers.metadata import (
    FIELDS,
    despace,
    extract_metadata,
    normalize_decree_number,
    normalize_nip,
    parse_indonesian_date,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("IKU_SHARED", ROOT.parent / "shared"))
SEEDS = ROOT / "samples" / "seeds"
GOLD = SEEDS / "gold"
REAL = ROOT / "tests" / "corpus" / "real"
SEED_IDS = ["000", "001", "002", "003", "004"]


def fake_pages(text: str) -> list[str]:
    """Cut a seed text into pages where it has a wide gap (3+ line breaks)."""
    return re.split(r"\n{3,}", text)


def _seed(seed_id: str) -> tuple[str, dict]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}")
    (txt,) = SEEDS.glob(f"{seed_id}_*.txt")
    gold = json.loads((GOLD / f"{txt.stem}.json").read_text(encoding="utf-8"))["document"]
    return txt.read_text(encoding="utf-8"), gold


@pytest.fixture(scope="module")
def seed_results() -> dict:
    out = {}
    for seed_id in SEED_IDS:
        text, gold = _seed(seed_id)
        out[seed_id] = (extract_metadata(fake_pages(text)), gold)
    return out


# --------------------------------------------------------------------------- the seed decrees


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_seed_matches_gold(seed_results, seed_id, field):
    # 004 is a poor OCR text; every one of its gold fields is still read correctly.
    got, gold = seed_results[seed_id]
    assert got[field] == gold[field]


def test_returns_every_document_field_but_source_file(seed_results):
    got, gold = seed_results["000"]
    assert set(got) == set(gold) - {"source_file"} == set(FIELDS)


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_page_cuts_do_not_matter(seed_id):
    text, _ = _seed(seed_id)
    lines = text.splitlines()
    by_40_lines = ["\n".join(lines[i:i + 40]) for i in range(0, len(lines), 40)]
    reference = extract_metadata(fake_pages(text))
    assert extract_metadata([text]) == reference
    assert extract_metadata(by_40_lines) == reference


# --------------------------------------------------------------------------- made-up decrees

PONTIANAK = """PEMERINTAH KOTA PONTIANAK
BADAN PERENCANAAN PEMBANGUNAN DAERAH
Jalan Rahadi Usman No. 3 Pontianak 78111
KEPUTUSAN KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA PONTIANAK NOMOR: 050/123/Bappeda/2023
TENTANG
PENETAPAN INDIKATOR KINERJA UTAMA BAPPEDA KOTA PONTIANAK TAHUN 2023
Menimbang : a. bahwa untuk melaksanakan Peraturan Menteri Pendayagunaan Aparatur Negara
Nomor PER/9/M.PAN/5/2007 perlu ditetapkan Indikator Kinerja Utama;
Mengingat : 1. Undang-Undang Nomor 27 Tahun 1959 tentang Penetapan Undang-Undang Darurat
Nomor 3 Tahun 1953;
2. Peraturan Daerah Kota Pontianak Nomor 4 Tahun 2020 tentang RPJMD Kota Pontianak
Tahun 2020-2024;
MEMUTUSKAN :
Menetapkan : KESATU : Indikator Kinerja Utama Badan Perencanaan Pembangunan Daerah Kota Pontianak.
Ditetapkan di Pontianak pada tanggal 5 Januari 2023
KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH
KOTA PONTIANAK,
ttd
Ir. SUGIARTO, M.T.
Pembina Utama Muda
NIP 19700101 199503 1 002"""

NTB = """INDIKATOR KINERJA UTAMA
DINAS PENDIDIKAN DAN KEBUDAYAAN
PROVINSI NTB
TAHUN 2019 s/d 2023

PEMERINTAH PROVINSI NUSA TENGGARA BARAT
DINAS PENDIDIKAN DAN KEBUDAYAAN
Jl. Pendidikan No. 19 A Mataram
KEPUTUSAN KEPALA DINAS PENDIDIKAN DAN KEBUDAYAAN PROVINSI NUSA TENGGARA BARAT
NOMOR : 800 / 045 / Dikbud / 2022
TENTANG
REVIU INDIKATOR KINERJA UTAMA TAHUN 2022
Menimbang : a. bahwa dalam rangka mengukur keberhasilan organisasi perlu ditetapkan IKU;

Ditetapkan di : Mataram
Pada tanggal : 12 Agt 2022
KEPALA DINAS PENDIDIKAN DAN KEBUDAYAAN
PROVINSI NUSA TENGGARA BARAT,

Dr. H. AIDY FURQAN, M.Pd
Pembina Utama Muda
NIP. 19711231 199703 1 011"""

SLEMAN = """INDIKATOR KINERJA UTAMA (IKU)
DINAS KESEHATAN KABUPATEN SLEMAN
TAHUN 2021-2026

Nama Organisasi : Dinas Kesehatan Kabupaten Sleman
No Sasaran Strategis Indikator Kinerja Utama Penjelasan Sumber Data
1 Meningkatnya derajat kesehatan masyarakat Angka kematian ibu Jumlah kematian ibu dibagi
jumlah kelahiran hidup x 100.000 (RPJMD Kabupaten Sleman 2016-2021) Bidang Kesmas

Sleman, 3 Pebruari 2022
Kepala Dinas Kesehatan
Kabupaten Sleman

dr. CAHYA PURNAMA, M.Kes
Pembina Tk. I
NIP. 19700510 199803 1 006"""


def _pages(text: str) -> list[str]:
    return text.split("\n\n")


def test_made_up_bappeda_kota_pontianak():
    assert extract_metadata(_pages(PONTIANAK)) == {
        "agency": "Badan Perencanaan Pembangunan Daerah Kota Pontianak",
        "region": "Kota Pontianak",
        "region_level": "kota",
        "province": "Kalimantan Barat",
        "period_start": 2023,
        "period_end": 2023,
        "decree_number": "050/123/Bappeda/2023",
        "decree_date": "2023-01-05",
        "signatory_name": "Ir. SUGIARTO, M.T.",
        "signatory_nip": "197001011995031002",
    }


def test_made_up_dinas_provinsi_ntb():
    assert extract_metadata(_pages(NTB)) == {
        "agency": "Dinas Pendidikan dan Kebudayaan Provinsi Nusa Tenggara Barat",
        "region": "Provinsi Nusa Tenggara Barat",
        "region_level": "provinsi",
        "province": "Nusa Tenggara Barat",
        "period_start": 2019,  # the cover's years, not the decree title's "TAHUN 2022"
        "period_end": 2023,
        "decree_number": "800/045/Dikbud/2022",
        "decree_date": "2022-08-12",
        "signatory_name": "Dr. H. AIDY FURQAN, M.Pd",
        "signatory_nip": "197112311997031011",
    }


def test_made_up_dinas_kabupaten_sleman_without_decree():
    assert extract_metadata(_pages(SLEMAN)) == {
        "agency": "Dinas Kesehatan Kabupaten Sleman",
        "region": "Kabupaten Sleman",
        "region_level": "kabupaten",
        "province": "Daerah Istimewa Yogyakarta",
        "period_start": 2021,
        "period_end": 2026,
        "decree_number": None,
        "decree_date": "2022-02-03",
        "signatory_name": "dr. CAHYA PURNAMA, M.Kes",
        "signatory_nip": "197005101998031006",
    }


@pytest.mark.parametrize(
    "heading, agency, region",
    [
        ("KEPUTUSAN KEPALA BAPPEDA KABUPATEN PASURUAN", "Bappeda Kabupaten Pasuruan", "Kabupaten Pasuruan"),
        ("KEPUTUSAN KEPALA BAPPEDA KAB. PASURUAN", "Bappeda Kabupaten Pasuruan", "Kabupaten Pasuruan"),
        ("KEPUTUSAN INSPEKTUR KABUPATEN SLEMAN", "Inspektorat Kabupaten Sleman", "Kabupaten Sleman"),
        ("KEPUTUSAN CAMAT MARABAHAN KABUPATEN BARITO KUALA", "Kecamatan Marabahan Kabupaten Barito Kuala",
         "Kabupaten Barito Kuala"),
        ("KEPUTUSAN SEKRETARIS DPRD PROVINSI JAWA TIMUR", "Sekretariat DPRD Provinsi Jawa Timur",
         "Provinsi Jawa Timur"),
        ("KEPUTUSAN KEPALA SATUAN POLISI PAMONG PRAJA\nKOTA DEPOK",
         "Satuan Polisi Pamong Praja Kota Depok", "Kota Depok"),
        ("KEPUTUSAN KEPALA DINAS PEMBERDAYAAN PEREMPUAN, PERLINDUNGAN ANAK DAN KB KOTA BOGOR",
         "Dinas Pemberdayaan Perempuan, Perlindungan Anak dan KB Kota Bogor", "Kota Bogor"),
        ("KEPUTUSAN KEPALA DINAS SOSIAL KAB.KUTAI KARTANEGARA", "Dinas Sosial Kabupaten Kutai Kartanegara",
         "Kabupaten Kutai Kartanegara"),
        ("KEPUTUSAN DIREKTUR RSUD dr. SOEDARSO PROVINSI KALIMANTAN BARAT",
         "RSUD dr. Soedarso Provinsi Kalimantan Barat", "Provinsi Kalimantan Barat"),
        ("KEPUTUSAN KEPALA BADAN PENANGGULANGAN BENCANA DAERAH\nPROVINSI DKI JAKARTA",
         "Badan Penanggulangan Bencana Daerah Provinsi Daerah Khusus Ibukota Jakarta",
         "Provinsi Daerah Khusus Ibukota Jakarta"),
    ],
)
def test_agency_from_decree_heading(heading, agency, region):
    got = extract_metadata([f"{heading}\nNOMOR : 050/1/2022\nTENTANG\nINDIKATOR KINERJA UTAMA"])
    assert got["agency"] == agency
    assert got["region"] == region


def test_heading_without_region_takes_it_from_the_letterhead():
    text = ("PEMERINTAH KABUPATEN SLEMAN\nDINAS SOSIAL\nJl. Magelang Km 10\n"
            "KEPUTUSAN KEPALA DINAS SOSIAL\nNOMOR : 460/77/2021\nTENTANG\nINDIKATOR KINERJA UTAMA")
    got = extract_metadata([text])
    assert got["agency"] == "Dinas Sosial Kabupaten Sleman"
    assert (got["region"], got["province"]) == ("Kabupaten Sleman", "Daerah Istimewa Yogyakarta")


def test_tables_context_names_the_agency():
    pages = ["No Sasaran Indikator\n1 Meningkatnya layanan Persentase layanan"]
    got = extract_metadata(pages, tables_context=["Nama Organisasi : Dinas Sosial Kota Depok"])
    assert got["agency"] == "Dinas Sosial Kota Depok"
    assert got["province"] == "Jawa Barat"


def test_letter_spaced_heading():
    got = extract_metadata(["LKIP T A H U N 2 0 2 0\nINSPEKTORAT P R O V I N S I J A W A B A R A T"])
    assert got["agency"] == "Inspektorat Provinsi Jawa Barat"
    assert (got["period_start"], got["period_end"]) == (2020, 2020)


def test_papua_region_keeps_its_province_of_the_time():
    text = ("KEPUTUSAN KEPALA DINAS SOSIAL KABUPATEN MERAUKE\nNOMOR : 460/12/2019\nTENTANG\n"
            "INDIKATOR KINERJA UTAMA TAHUN 2019-2023\nMenimbang : bahwa ...\n"
            "Ditetapkan di Merauke\nPada tanggal 3 Maret 2019")
    got = extract_metadata([text])
    assert got["region"] == "Kabupaten Merauke"
    assert got["province"] == "Papua"  # Papua Selatan only exists since 2022
    later = extract_metadata([text.replace("2019", "2023")])
    assert later["province"] == "Papua Selatan"


# --------------------------------------------------------------------------- period


@pytest.mark.parametrize(
    "text, period",
    [
        ("INDIKATOR KINERJA UTAMA\nDINAS SOSIAL KOTA DEPOK\nTAHUN 2017 - 2022", (2017, 2022)),
        ("INDIKATOR KINERJA UTAMA\nTAHUN 2017", (2017, 2017)),
        ("INDIKATOR KINERJA UTAMA\nTAHUN ANGGARAN 2021", (2021, 2021)),
        ("INDIKATOR KINERJA UTAMA\nPERIODE 2021–2026", (2021, 2026)),
        ("INDIKATOR KINERJA UTAMA\nTahun 2019 s.d. 2023", (2019, 2023)),
        ("INDIKATOR KINERJA UTAMA\n2024", (2024, 2024)),
        ("IKU DINAS SOSIAL TAHUN 2019- 2021", (2019, 2021)),
        # the Mengingat list and other plans never give the period
        ("Mengingat : 1. Undang-Undang Nomor 27 Tahun 1959 tentang Penetapan", (None, None)),
        ("Peraturan Daerah Nomor 2 Tahun 2018 tentang RPJMD Kabupaten Barito Kuala Tahun 2017-2022;",
         (None, None)),
        ("INDIKATOR KINERJA UTAMA (IKU)\nDINAS SOSIAL KABUPATEN KUTAI KARTANEGARA\nNO. SASARAN\n"
         "1 Misi Kedua (RPJMD 2016-2021) Renstra OPD 5 Tahun", (None, None)),
    ],
)
def test_period(text, period):
    got = extract_metadata([text])
    assert (got["period_start"], got["period_end"]) == period


def test_cover_years_win_over_the_decree_title():
    text = ("INDIKATOR KINERJA UTAMA\nDINAS SOSIAL KABUPATEN BARITO KUALA\nTAHUN 2017 - 2022\n"
            "KEPUTUSAN KEPALA DINAS SOSIAL KABUPATEN BARITO KUALA\nNomor : 1/2021\nTENTANG\n"
            "REVIU INDIKATOR KINERJA UTAMA TAHUN 2021")
    got = extract_metadata([text])
    assert (got["period_start"], got["period_end"]) == (2017, 2022)


# --------------------------------------------------------------------------- decree number


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


# --------------------------------------------------------------------------- signatory


@pytest.mark.parametrize(
    "written, nip",
    [
        ("NIP. 19640710 199301 1 001", "196407101993011001"),
        ("NIP 196707151990011001", "196707151990011001"),
        ("NIP : 19700101 199503 1 002", "197001011995031002"),
        ("NIP. 19800602 200501 1 006 Dra. NINUK IDA SURYANI, M.Si", "198006022005011006"),
        ("NIP. 1967O715 199OO1 1 OO1", "196707151990011001"),  # OCR letter O for zero
        ("NIP. 19630920 199403 2003", "19630920199403 2003".replace(" ", "")),  # 17 digits, as written
        ("NIP.", None),
        ("", None),
    ],
)
def test_normalize_nip(written, nip):
    assert normalize_nip(written) == nip


@pytest.mark.parametrize(
    "block, name",
    [
        ("KEPALA DINAS SOSIAL,\n\nH. FUAD SYEKH, S. Sos, M. AP\n\nNIP. 197010221991011001", "H. FUAD SYEKH, S. Sos, M. AP"),
        ("Kepala Dinas Sosial\nKab.Kutai Kartanegara\nIr.DIDI RAMYADI,MM\nPembina Utama Muda\n"
         "NIP. 19640710 199301 1 001", "Ir.DIDI RAMYADI,MM"),
        ("KEPALA DINAS SOSIAL\nPROVINSI KALIMANTAN SELATAN\n**ADI SANTOSO, S.Sos, M.Si**\nPembina Tk. I\n"
         "NIP. 19680115 199003 1 006", "ADI SANTOSO, S.Sos, M.Si"),
        ("KEPALA,\nttd\nBahtiar Mabé, S. Sos, M. Kes\nNIP. 196707151990011001", "Bahtiar Mabé, S. Sos, M. Kes"),
        ("KEPALA BADAN\n( Dr. Ir. H. MAMAN SURYAMAN )\nPenata Tingkat I\nNIP. 19650101 199003 1 004",
         "Dr. Ir. H. MAMAN SURYAMAN"),
    ],
)
def test_signatory_name(block, name):
    got = extract_metadata([block])
    assert got["signatory_name"] == name


def test_first_signature_after_the_decree_text():
    text = ("Ditetapkan di : Depok\nPada Tanggal : 13 September 2019\nKEPALA DINAS SOSIAL KOTA DEPOK\n"
            "Drs. USMAN HALIYANA, M.Si\nNIP. 19611029 199103 1 005\nLAMPIRAN\n"
            "Depok, 13 September 2019\nKEPALA DINAS SOSIAL KOTA DEPOK\nDrs. Usman Haliyana, M.Si.\n"
            "Pembina Utama Muda\nNIP. 19630920 199408 2 003")
    got = extract_metadata([text])
    assert (got["signatory_name"], got["signatory_nip"]) == ("Drs. USMAN HALIYANA, M.Si", "196110291991031005")


# --------------------------------------------------------------------------- text clean-up and robustness


def test_despace():
    assert despace("P E M E R I N T A H P R O V I N S I J A W A B A R A T") == "PEMERINTAH PROVINSI JAWA BARAT"
    assert despace("LKIP T A H U N 2 0 1 6") == "LKIP TAHUN 2016"
    assert despace("NIP. 19640710 199301 1 001") == "NIP. 19640710 199301 1 001"
    assert despace("1 2 3 4 5") == "1 2 3 4 5"


@pytest.mark.parametrize("pages", [[], [""], [None], ["\x00\x01"], ["NIP."], ["KEPUTUSAN\nNOMOR"],
                                   ["Ditetapkan di"], ["Dinas"], ["TAHUN 99999"]])
def test_odd_text_gives_empty_fields(pages):
    assert extract_metadata(pages) == {f: None for f in FIELDS}


_DOC_WORDS = [
    "KEPUTUSAN", "KEPALA", "DINAS", "SOSIAL", "Badan", "KABUPATEN", "Kab.", "KOTA", "PROVINSI",
    "BARITO", "KUALA", "DEPOK", "Jawa", "Barat", "NOMOR", ":", "460/", "044", "/DISSOS/2021", "TENTANG",
    "TAHUN", "2017", "-", "2022", "Ditetapkan", "di", "Pada", "tanggal", "14", "September", "Agt",
    "NIP.", "19640710", "199301", "1", "001", "Pembina", "Utama", "Muda", ",", "\n", "\n", "(", ")",
    "Menimbang", "bahwa", "Undang-Undang", "Nomor", "INDIKATOR", "KINERJA", "UTAMA", "Instansi",
    "P R O V I N S I", "Drs.", "USMAN",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_DOC_WORDS), max_size=60), max_size=4),
       st.lists(st.text(max_size=40), max_size=2))
def test_never_raises_on_decree_like_word_salad(pages_words, context):
    pages = [" ".join(words) for words in pages_words]
    # run without the safety net, so that an internal error fails the test
    with mock.patch.object(md, "_safe", lambda fn, default: fn()):
        got = extract_metadata(pages, context)
    assert set(got) == set(FIELDS)
    if got["signatory_nip"] is not None:
        assert got["signatory_nip"].isdigit()
    if got["period_start"] is not None:
        assert got["period_start"] <= got["period_end"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300), max_size=3))
def test_never_raises_on_any_text(pages):
    with mock.patch.object(md, "_safe", lambda fn, default: fn()):
        got = extract_metadata(pages)
    assert set(got) == set(FIELDS)


# --------------------------------------------------------------------------- real PDFs (text layer)

REAL_EXPECTED = {
    "bappeda-kab-pasuruan-reviu-iku-2021.pdf": {
        "agency": "Badan Perencanaan Pembangunan Daerah Kabupaten Pasuruan",
        "region": "Kabupaten Pasuruan", "province": "Jawa Timur",
        "period_start": 2021, "period_end": 2021,
        "decree_number": "050/01.7/424.101/2021", "decree_date": "2021-01-04",
        "signatory_name": "Ir. IHWAN, M.Si", "signatory_nip": "196302031989031015",
    },
    "dinkes-jabar-iku-2017.pdf": {
        "agency": "Dinas Kesehatan Provinsi Jawa Barat",
        "region": "Provinsi Jawa Barat", "province": "Jawa Barat",
        "period_start": 2017, "period_end": 2017,
    },
    "dispora-jabar-iku-2013-2018.pdf": {
        "agency": "Dinas Olahraga dan Pemuda Provinsi Jawa Barat",
        "region": "Provinsi Jawa Barat", "province": "Jawa Barat",
        "period_start": 2013, "period_end": 2018,
    },
    "bpmpd-jabar-iku-2016.pdf": {
        "agency": "Badan Pemberdayaan Masyarakat dan Pemerintahan Desa Provinsi Jawa Barat",
        "region": "Provinsi Jawa Barat", "decree_date": "2016-01-06",
    },
    "disnakertrans-jabar-iku-2017.pdf": {
        "agency": "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat",
        "region": "Provinsi Jawa Barat",
    },
    "inspektorat-jabar-lkip-2016-lampiran-iku.pdf": {
        "agency": "Inspektorat Provinsi Jawa Barat",
        "region": "Provinsi Jawa Barat",
    },
}


@pytest.mark.parametrize("name", sorted(REAL_EXPECTED))
def test_real_digital_pdfs(name):
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} not found")
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(path) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    got = extract_metadata(pages)
    for field_name, value in REAL_EXPECTED[name].items():
        assert got[field_name] == value, field_name


def test_a_performance_agreement_names_its_agency_in_full():
    """A PK: the title's unit ("BADAN PERENCANAAN PEMBANGUNAN DAERAH") under the
    letterhead's region, not the abbreviation of the signer's Jabatan line; the name
    in capitals does not run on into the body's first line."""
    from normalizers.metadata import extract_metadata

    page = "\n".join(["PEMERINTAH KABUPATEN PASURUAN", "PERJANJIAN KINERJA PERUBAHAN TAHUN 2020",
                      "BADAN PERENCANAAN PEMBANGUNAN DAERAH",
                      "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan,",
                      "akuntabel serta berorientasi pada hasil, yang bertanda tangan di bawah ini:",
                      "Nama : Ir. IHWAN, M.Si.", "Jabatan : KEPALA BAPPEDA KAB. PASURUAN"])
    meta = extract_metadata([page])
    assert meta["agency"] == "Badan Perencanaan Pembangunan Daerah Kabupaten Pasuruan"
    assert meta["region"] == "Kabupaten Pasuruan"
