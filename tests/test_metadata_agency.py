"""normalizers.metadata.agency: agency, region, region_level and province."""
from __future__ import annotations

import pytest

from normalizers.metadata import extract_metadata


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


def test_papua_region_keeps_its_province_of_the_time():
    text = ("KEPUTUSAN KEPALA DINAS SOSIAL KABUPATEN MERAUKE\nNOMOR : 460/12/2019\nTENTANG\n"
            "INDIKATOR KINERJA UTAMA TAHUN 2019-2023\nMenimbang : bahwa ...\n"
            "Ditetapkan di Merauke\nPada tanggal 3 Maret 2019")
    got = extract_metadata([text])
    assert got["region"] == "Kabupaten Merauke"
    assert got["province"] == "Papua"  # Papua Selatan only exists since 2022
    later = extract_metadata([text.replace("2019", "2023")])
    assert later["province"] == "Papua Selatan"


def test_a_performance_agreement_names_its_agency_in_full():
    """A PK: the title's unit ("BADAN PERENCANAAN PEMBANGUNAN DAERAH") under the
    letterhead's region, not the abbreviation of the signer's Jabatan line; the name
    in capitals does not run on into the body's first line."""
    page = "\n".join(["PEMERINTAH KABUPATEN PASURUAN", "PERJANJIAN KINERJA PERUBAHAN TAHUN 2020",
                      "BADAN PERENCANAAN PEMBANGUNAN DAERAH",
                      "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan,",
                      "akuntabel serta berorientasi pada hasil, yang bertanda tangan di bawah ini:",
                      "Nama : Ir. IHWAN, M.Si.", "Jabatan : KEPALA BAPPEDA KAB. PASURUAN"])
    meta = extract_metadata([page])
    assert meta["agency"] == "Badan Perencanaan Pembangunan Daerah Kabupaten Pasuruan"
    assert meta["region"] == "Kabupaten Pasuruan"
