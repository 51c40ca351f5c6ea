"""iku.normalizers.metadata.period: period_start and period_end."""
from __future__ import annotations

import pytest

from iku.normalizers.metadata import extract_metadata
from iku.normalizers.metadata.text import clean_line


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


@pytest.mark.parametrize(
    "text, period",
    [
        # a plan's own title: its years are the period, not a citation of another plan
        ("RENCANA STRATEGIS DINAS PENDIDIKAN KOTA BATAM\nTAHUN 2021 - 2026\nBAB I", (2021, 2026)),
        ("RENCANA KINERJA TAHUNAN (RKT)\nBADAN KEUANGAN DAERAH KABUPATEN SIAK\nTAHUN 2024", (2024, 2024)),
        ("RENCANA KERJA (RENJA) DINAS SOSIAL PROVINSI BALI TAHUN 2023", (2023, 2023)),
        # the same plan cited inside a decree's title stays a citation
        ("Menimbang : bahwa\nINDIKATOR KINERJA UTAMA DINAS SOSIAL KOTA BATAM\nMENGACU RPJMD TAHUN 2016-2021",
         (None, None)),
    ],
)
def test_period_from_a_plan_title(text, period):
    # after a foreword: the title is not on the cover
    got = extract_metadata(["KATA PENGANTAR\nPuji syukur kami panjatkan atas tersusunnya dokumen ini.", text])
    assert (got["period_start"], got["period_end"]) == period


def test_without_cover_or_title_the_span_the_pages_keep_stating():
    pages = ["BAB IV SASARAN\nSasaran daerah tahun 2019-2024 disusun bertahap.\nCapaian 2019-2024 dipantau tiap tahun.",
             "Arah kebijakan RPJPD 2005-2025 tetap menjadi acuan.\nTarget akhir 2019-2024 ditetapkan."]
    got = extract_metadata(pages)
    assert (got["period_start"], got["period_end"]) == (2019, 2024)


def test_a_span_stated_once_is_not_the_period():
    got = extract_metadata(["BAB II GAMBARAN UMUM\nData pembanding 2015-2019 dari laporan sebelumnya."])
    assert (got["period_start"], got["period_end"]) == (None, None)


@pytest.mark.parametrize(
    "text, period",
    [
        # a cover letter: the sentence that hands over the IKU names its years
        ("Bandung, September 2016\nKepada Yth. Sekretaris Daerah\nMenindaklanjuti permohonan dari Sekretaris Daerah,\n"
         "maka bersama ini kami sampaikan Indikator Kinerja Utama (IKU) Dinas Pertanian\n"
         "Provinsi Jawa Barat Tahun 2013 — 2018.\nDemikian kami sampaikan.", (2013, 2018)),
        # another plan's years in the same sentence are a citation, not the IKU's
        ("Indikator Kinerja Utama merupakan acuan sesuai dokumen Rencana Strategis Dinas X Tahun 2013-2018.",
         (None, None)),
        # a legal citation after the IKU words
        ("Pedoman Penetapan Indikator Kinerja Utama; Peraturan Nomor 5 Tahun 2004", (None, None)),
    ],
)
def test_period_from_a_sentence_naming_the_iku(text, period):
    got = extract_metadata(["KATA PENGANTAR\nPuji syukur kami panjatkan atas tersusunnya dokumen ini.", text])
    assert (got["period_start"], got["period_end"]) == period


@pytest.mark.parametrize(
    "cover, period",
    [
        # a slide's title span read over two lines, its dash (and the keyword's first letters) lost
        ("INDIKATOR KINERJA UTAMA\nHUN 2019\n2023\nKANTOR WILAYAH", (2019, 2023)),
        ("INDIKATOR KINERJA UTAMA\nTAHUN 2021 -\n2025", (2021, 2025)),
        # a span already whole on its line: the year under it is not its end
        ("RENCANA STRATEGIS\nTAHUN 2019 - 2023\n2024", (2019, 2023)),
    ],
)
def test_a_cover_span_set_over_two_lines(cover, period):
    got = extract_metadata([cover])
    assert (got["period_start"], got["period_end"]) == period


def test_a_quote_mark_a_scan_read_between_the_keyword_and_the_years():
    # "TAHUN'2024's.d.2026": specks in the gaps read as quote marks; a word's own stays
    got = extract_metadata(["INDIKATOR KINERJA UTAMA\nTAHUN'2024's.d.2026\nDINAS SOSIAL KOTA MADIUN"])
    assert (got["period_start"], got["period_end"]) == (2024, 2026)
    assert clean_line("Jum'at") == "Jum'at"


def test_a_title_whose_first_word_the_scan_cut():
    # "IKATOR KINERJA UTAMA": the decree's title still names the IKU set, its years under it
    text = ("KEPUTUSAN KEPALA DINAS SOSIAL\nPROVINSI CONTOH\nNOMOR : 1/2021\nTENTANG\nPENETAPAN\nIKATOR KINERJA UTAMA\n"
            "DINAS SOSIAL\nJN 2022-2026\nMenimbang : bahwa Peraturan Nomor 86 Tahun 2017")
    got = extract_metadata([text])
    assert (got["period_start"], got["period_end"]) == (2022, 2026)
