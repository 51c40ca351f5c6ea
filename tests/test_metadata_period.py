"""normalizers.metadata.period: period_start and period_end."""
from __future__ import annotations

import pytest

from normalizers.metadata import extract_metadata


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
