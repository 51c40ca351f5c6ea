"""iku.normalizers.metadata: the document fields of an IKU decree, read from whole documents.

The fields one at a time: test_metadata_agency.py, _period, _decree, _signatory, _text.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import iku.normalizers.metadata as md
from iku.normalizers.metadata import extract_metadata
from iku.normalizers.schema import DOCUMENT_FIELDS

ROOT = Path(__file__).resolve().parents[1]
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


@pytest.mark.parametrize("field", DOCUMENT_FIELDS)
@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_seed_matches_gold(seed_results, seed_id, field):
    # 004 is a poor OCR text; every one of its gold fields is still read correctly.
    got, gold = seed_results[seed_id]
    assert got[field] == gold[field]


def test_returns_every_document_field_but_source_file(seed_results):
    got, gold = seed_results["000"]
    assert set(got) == set(gold) - {"source_file"} == set(DOCUMENT_FIELDS)


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


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize("pages", [[], [""], [None], ["\x00\x01"], ["NIP."], ["KEPUTUSAN\nNOMOR"],
                                   ["Ditetapkan di"], ["Dinas"], ["TAHUN 99999"]])
def test_odd_text_gives_empty_fields(pages):
    assert extract_metadata(pages) == {f: None for f in DOCUMENT_FIELDS}


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
    assert set(got) == set(DOCUMENT_FIELDS)
    if got["signatory_nip"] is not None:
        assert got["signatory_nip"].isdigit()
    if got["period_start"] is not None:
        assert got["period_start"] <= got["period_end"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300), max_size=3))
def test_never_raises_on_any_text(pages):
    with mock.patch.object(md, "_safe", lambda fn, default: fn()):
        got = extract_metadata(pages)
    assert set(got) == set(DOCUMENT_FIELDS)


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
