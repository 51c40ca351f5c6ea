"""iku.normalizers.metadata.text: the line clean-up the field readers share."""
from __future__ import annotations

import pytest

from iku.normalizers.metadata import extract_metadata
from iku.normalizers.metadata.text import clean_line, despace


def test_despace():
    assert despace("P E M E R I N T A H P R O V I N S I J A W A B A R A T") == "PEMERINTAH PROVINSI JAWA BARAT"
    assert despace("LKIP T A H U N 2 0 1 6") == "LKIP TAHUN 2016"
    assert despace("NIP. 19640710 199301 1 001") == "NIP. 19640710 199301 1 001"
    assert despace("1 2 3 4 5") == "1 2 3 4 5"


def test_letter_spaced_heading():
    got = extract_metadata(["LKIP T A H U N 2 0 2 0\nINSPEKTORAT P R O V I N S I J A W A B A R A T"])
    assert got["agency"] == "Inspektorat Provinsi Jawa Barat"
    assert (got["period_start"], got["period_end"]) == (2020, 2020)


@pytest.mark.parametrize("read, cleaned", [
    # a scan of a heading in spaced capitals cuts its words anywhere, a stray point now and then
    ("NOM OR : 500.12/0923/Kpts/DISKOMINFO/2025", "NOMOR : 500.12/0923/Kpts/DISKOMINFO/2025"),
    ("KEPU. TU SAN KEPALA DINAS", "KEPUTUSAN KEPALA DINAS"),
    ("KEPU. TUSAN KEPALA DINAS", "KEPUTUSAN KEPALA DINAS"),  # two pieces, neither a word
    ("PE M ERINTAH K OTA SAW AHL UNTO", "PEMERINTAH KOTA SAWAHLUNTO"),
    ("KEPUTUSAN BUPATI", "KEPUTUSAN BUPATI"),
    # words of their own stay apart, and so do pieces in lower case
    ("KOTA DAN TAHUN", "KOTA DAN TAHUN"),
    ("Nom or kota", "Nom or kota"),
])
def test_a_heading_word_a_scan_cut_apart_is_one_word(read, cleaned):
    assert clean_line(read) == cleaned
