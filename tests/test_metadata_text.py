"""iku.normalizers.metadata.text: the line clean-up the field readers share."""
from __future__ import annotations

from iku.normalizers.metadata import extract_metadata
from iku.normalizers.metadata.text import despace


def test_despace():
    assert despace("P E M E R I N T A H P R O V I N S I J A W A B A R A T") == "PEMERINTAH PROVINSI JAWA BARAT"
    assert despace("LKIP T A H U N 2 0 1 6") == "LKIP TAHUN 2016"
    assert despace("NIP. 19640710 199301 1 001") == "NIP. 19640710 199301 1 001"
    assert despace("1 2 3 4 5") == "1 2 3 4 5"


def test_letter_spaced_heading():
    got = extract_metadata(["LKIP T A H U N 2 0 2 0\nINSPEKTORAT P R O V I N S I J A W A B A R A T"])
    assert got["agency"] == "Inspektorat Provinsi Jawa Barat"
    assert (got["period_start"], got["period_end"]) == (2020, 2020)
