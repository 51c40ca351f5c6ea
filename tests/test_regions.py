"""iku.normalizers.regions: the official region table and how documents write regions."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iku.normalizers.regions import (
    Region,
    find_region,
    find_regions,
    load_regions,
    name_key,
    regions_by_name,
)


# --------------------------------------------------------------------------- the table


def test_table_is_complete_and_loaded_once():
    regions = load_regions()
    assert regions is load_regions()  # cached
    levels = [r.level for r in regions]
    assert levels.count("provinsi") == 38
    assert levels.count("kabupaten") == 416
    assert levels.count("kota") == 98
    assert len({r.kode for r in regions}) == len(regions)


def test_region_names_carry_their_prefix():
    for r in load_regions():
        assert r.nama == r.nama.strip()
        prefix = {"provinsi": "Provinsi ", "kabupaten": "Kabupaten ", "kota": "Kota "}[r.level]
        assert r.nama.startswith(prefix), r
        assert r.nama.endswith(r.inti)
        assert r.provinsi
        assert r.kode.split(".")[0] == r.kode_provinsi


def test_trailing_space_of_the_table_is_dropped():
    assert find_region("Kota Administrasi Jakarta Utara").nama == "Kota Administrasi Jakarta Utara"


# --------------------------------------------------------------------------- how documents write them


@pytest.mark.parametrize(
    "text, nama, level, provinsi",
    [
        ("Kabupaten Barito Kuala", "Kabupaten Barito Kuala", "kabupaten", "Kalimantan Selatan"),
        ("KABUPATEN BARITO KUALA", "Kabupaten Barito Kuala", "kabupaten", "Kalimantan Selatan"),
        ("kabupaten barito kuala", "Kabupaten Barito Kuala", "kabupaten", "Kalimantan Selatan"),
        ("Kab. Barito Kuala", "Kabupaten Barito Kuala", "kabupaten", "Kalimantan Selatan"),
        ("Kab.Kutai Kartanegara", "Kabupaten Kutai Kartanegara", "kabupaten", "Kalimantan Timur"),
        ("Pemkab Sleman", "Kabupaten Sleman", "kabupaten", "Daerah Istimewa Yogyakarta"),
        ("Kabupaten Daerah Tingkat II Barito Kuala", "Kabupaten Barito Kuala", "kabupaten",
         "Kalimantan Selatan"),
        ("Kota Depok", "Kota Depok", "kota", "Jawa Barat"),
        ("KOTA DEPOK", "Kota Depok", "kota", "Jawa Barat"),
        ("Pemkot Bontang", "Kota Bontang", "kota", "Kalimantan Timur"),
        ("Kotamadya Pontianak", "Kota Pontianak", "kota", "Kalimantan Barat"),
        ("Kota Administrasi Jakarta Pusat", "Kota Administrasi Jakarta Pusat", "kota",
         "Daerah Khusus Ibukota Jakarta"),
        ("Kota Jakarta Selatan", "Kota Administrasi Jakarta Selatan", "kota",
         "Daerah Khusus Ibukota Jakarta"),
        ("Provinsi Kalimantan Selatan", "Provinsi Kalimantan Selatan", "provinsi", "Kalimantan Selatan"),
        ("PROPINSI JAWA BARAT", "Provinsi Jawa Barat", "provinsi", "Jawa Barat"),
        ("Prov. Jawa Timur", "Provinsi Jawa Timur", "provinsi", "Jawa Timur"),
        ("Pemprov Bali", "Provinsi Bali", "provinsi", "Bali"),
        ("Kalimantan Selatan", "Provinsi Kalimantan Selatan", "provinsi", "Kalimantan Selatan"),
        ("Daerah Istimewa Yogyakarta", "Provinsi Daerah Istimewa Yogyakarta", "provinsi",
         "Daerah Istimewa Yogyakarta"),
        # written without spaces or with a hyphen: "Fakfak", "Bau-Bau", "Toli Toli"
        ("Kabupaten Fakfak", "Kabupaten Fak Fak", "kabupaten", "Papua Barat"),
        ("Kota Bau-Bau", "Kota Bau Bau", "kota", "Sulawesi Tenggara"),
        ("Kabupaten Toli Toli", "Kabupaten Toli-Toli", "kabupaten", "Sulawesi Tengah"),
        ("Kabupaten Gunung Kidul", "Kabupaten Gunungkidul", "kabupaten", "Daerah Istimewa Yogyakarta"),
    ],
)
def test_written_forms(text, nama, level, provinsi):
    region = find_region(text)
    assert region is not None, text
    assert (region.nama, region.level, region.provinsi) == (nama, level, provinsi)


@pytest.mark.parametrize(
    "text, nama",
    [
        ("Batola", "Kabupaten Barito Kuala"),
        ("Kab. Batola", "Kabupaten Barito Kuala"),
        ("Kab. Kukar", "Kabupaten Kutai Kartanegara"),
        ("Kukar", "Kabupaten Kutai Kartanegara"),
        ("Kalsel", "Provinsi Kalimantan Selatan"),
        ("Prov. Kalsel", "Provinsi Kalimantan Selatan"),
        ("Jabar", "Provinsi Jawa Barat"),
        ("Prov. Jabar", "Provinsi Jawa Barat"),
        ("Jatim", "Provinsi Jawa Timur"),
        ("DIY", "Provinsi Daerah Istimewa Yogyakarta"),
        ("Provinsi D.I. Yogyakarta", "Provinsi Daerah Istimewa Yogyakarta"),
        ("NTB", "Provinsi Nusa Tenggara Barat"),
        ("Provinsi NTB", "Provinsi Nusa Tenggara Barat"),
        ("DKI Jakarta", "Provinsi Daerah Khusus Ibukota Jakarta"),
        ("Provinsi Jakarta", "Provinsi Daerah Khusus Ibukota Jakarta"),
        ("Kepri", "Provinsi Kepulauan Riau"),
        ("Kota Jaksel", "Kota Administrasi Jakarta Selatan"),
        ("Kabupaten Toba Samosir", "Kabupaten Toba"),
        ("Kab. Pangkep", "Kabupaten Pangkajene dan Kepulauan"),
    ],
)
def test_aliases(text, nama):
    assert find_region(text).nama == nama


def test_aliases_in_running_text():
    text = "Jumlah kecamatan di Kab. Batola x 100 %"
    (m,) = find_regions(text)
    assert m.region.nama == "Kabupaten Barito Kuala"
    assert text[m.start:m.end] == m.text == "Kab. Batola"


@pytest.mark.parametrize(
    "text, nama",
    [
        ("Kabupaten Kutai Kartanagara", "Kabupaten Kutai Kartanegara"),
        ("kabupaten kutai kartanagara", "Kabupaten Kutai Kartanegara"),
        ("KOTA BONTANQ", "Kota Bontang"),
        ("Kota Banjarmasln", "Kota Banjarmasin"),
        ("KABUPALEN SLEMAN", "Kabupaten Sleman"),  # damaged prefix
        ("Provinsl Kalimantan Timur", "Provinsi Kalimantan Timur"),
        ("Kutai Kartanegra", "Kabupaten Kutai Kartanegara"),  # only the name, misspelt
        ("KAB\nUPATEN BARITO KUALA", "Kabupaten Barito Kuala"),  # prefix cut in two where the line wrapped
    ],
)
def test_ocr_noise(text, nama):
    assert find_region(text).nama == nama


@pytest.mark.parametrize(
    "text",
    [
        "Pelayanan", "Pasar", "Panti", "berat badan", "Lembaga", "Tambahan", "Pangan Harapan",
        "Kota Ramah Lansia", "Kab/Kota", "Kabupaten/Kota", "Kota Kesehatan", "Kab/Kota kesehatan",
        "Jumlah PMKS yang tertangani", "b Angka", "Jakarta sebagai", "Bandung BADAN",
        "Dinas Sosial", "Kota Layak Anak", "Kabupaten Dinas",
    ],
)
def test_unrelated_words_never_match(text):
    assert find_region(text) is None


def test_bare_local_names_only_when_they_are_the_whole_text():
    assert find_region("Barito Kuala").nama == "Kabupaten Barito Kuala"
    assert find_region("Depok").nama == "Kota Depok"
    # inside running text a bare kabupaten/kota name is not taken: "Batu", "Tegal", "Malang"
    assert find_region("bahan batu dan pasir") is None
    assert find_region("Depok dan sekitarnya") is None


def test_ambiguous_names_need_a_prefix_or_a_level():
    assert find_region("Pasuruan") is None
    assert find_region("Pasuruan", level="kabupaten").nama == "Kabupaten Pasuruan"
    assert find_region("Pasuruan", level="kota").nama == "Kota Pasuruan"
    assert find_region("KABUPATEN PASURUAN").nama == "Kabupaten Pasuruan"
    assert find_region("Gorontalo") is None  # a province, a kabupaten and a kota
    assert find_region("Provinsi Gorontalo").level == "provinsi"
    assert find_region("Kota Gorontalo").level == "kota"
    assert {r.nama for r in regions_by_name("Bogor")} == {"Kabupaten Bogor", "Kota Bogor"}


def test_mentions_in_order_with_offsets():
    text = "Jl. Margonda Raya No.54 Kota Depok, Jawa Barat Telp. (021) 29402283"
    found = find_regions(text)
    assert [m.region.nama for m in found] == ["Kota Depok", "Provinsi Jawa Barat"]
    for m in found:
        assert text[m.start:m.end] == m.text
    assert find_region(text).nama == "Kota Depok"
    assert find_region(text, level="provinsi").nama == "Provinsi Jawa Barat"


def test_longest_name_wins():
    assert find_region("Kabupaten Aceh Barat Daya").nama == "Kabupaten Aceh Barat Daya"
    assert find_region("Kabupaten Bandung Barat").nama == "Kabupaten Bandung Barat"
    assert find_region("Papua Barat Daya").nama == "Provinsi Papua Barat Daya"


# --------------------------------------------------------------------------- Papua before 2022


def test_old_papua_names():
    assert find_region("Provinsi Irian Jaya Barat").nama == "Provinsi Papua Barat"
    assert find_region("Irian Jaya").nama == "Provinsi Papua"


@pytest.mark.parametrize(
    "text, today, before_2022",
    [
        ("Kabupaten Merauke", "Papua Selatan", "Papua"),
        ("Kabupaten Jayawijaya", "Papua Pegunungan", "Papua"),
        ("Kabupaten Mimika", "Papua Tengah", "Papua"),
        ("Kota Sorong", "Papua Barat Daya", "Papua Barat"),
        ("Kabupaten Manokwari", "Papua Barat", "Papua Barat"),
        ("Kota Jayapura", "Papua", "Papua"),
        ("Kota Depok", "Jawa Barat", "Jawa Barat"),
    ],
)
def test_province_before_the_papua_split(text, today, before_2022):
    region = find_region(text)
    assert region.provinsi == today
    assert region.provinsi_pada(2019) == before_2022
    assert region.provinsi_pada(2023) == today
    assert region.provinsi_pada(None) == today


# --------------------------------------------------------------------------- robustness


def test_name_key():
    assert name_key("Kab.Kutai  Kartanegara") == "kab kutai kartanegara"
    assert name_key("Bahtiar Mabé") == "bahtiar mabe"


def test_region_is_hashable_and_comparable():
    a, b = find_region("Kota Depok"), find_region("KOTA DEPOK")
    assert a == b and hash(a) == hash(b) and isinstance(a, Region)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_find_regions_never_raises(text):
    for m in find_regions(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text


_WORDS = ["Kabupaten", "Kab.", "Kota", "Provinsi", "Prov.", "Barito", "Kuala", "Jawa", "Barat",
          "Kota Administrasi", "Jakarta", "Kab/Kota", "Daerah", "Tingkat", "II", "Depok", "Batola",
          "dan", ",", "-", "Pasuruan", "Gorontalo", "Papua"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12))
def test_find_regions_on_region_like_word_salad(words):
    text = " ".join(words)
    for m in find_regions(text):
        assert text[m.start:m.end] == m.text
        assert m.region.level in ("provinsi", "kabupaten", "kota")
