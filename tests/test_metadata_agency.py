"""iku.normalizers.metadata.agency: agency, region, region_level and province."""
from __future__ import annotations

import pytest

from iku.normalizers.metadata import extract_metadata


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


# --------------------------------------------------------------------------- offices of the central government


@pytest.mark.parametrize(
    "heading, agency, province",
    [
        ("KEPUTUSAN KEPALA BADAN PEMERIKSA KEUANGAN PERWAKILAN PROVINSI SULAWESI TENGAH",
         "Badan Pemeriksa Keuangan Perwakilan Provinsi Sulawesi Tengah", "Sulawesi Tengah"),
        ("KEPUTUSAN KEPALA KANTOR WILAYAH KEMENTERIAN HUKUM DAN HAM JAWA TIMUR",
         "Kantor Wilayah Kementerian Hukum dan HAM Jawa Timur", "Jawa Timur"),
        ("KEPUTUSAN KEPALA BALAI PELESTARIAN NILAI BUDAYA SULAWESI UTARA",
         "Balai Pelestarian Nilai Budaya Sulawesi Utara", "Sulawesi Utara"),
        ("KEPUTUSAN REKTOR UNIVERSITAS SUMATERA UTARA", "Universitas Sumatera Utara", "Sumatera Utara"),
        ("KEPUTUSAN KEPALA BADAN PUSAT STATISTIK KABUPATEN BANYUMAS",
         "Badan Pusat Statistik Kabupaten Banyumas", "Jawa Tengah"),
    ],
)
def test_an_office_of_the_central_government_has_no_region_but_its_province(heading, agency, province):
    got = extract_metadata([f"{heading}\nNOMOR : KP.01/12/2023\nTENTANG\nINDIKATOR KINERJA UTAMA\nMenimbang : bahwa"])
    assert got["agency"] == agency
    assert (got["region"], got["region_level"]) == (None, None)
    assert got["province"] == province


def test_a_central_office_without_a_stated_region_has_no_province():
    got = extract_metadata(["KEPUTUSAN KEPALA LLDIKTI WILAYAH IV\nNOMOR : 12/LL4/2023\nTENTANG\n"
                            "INDIKATOR KINERJA UTAMA\nMenimbang : bahwa"])
    assert got["agency"] == "LLDIKTI Wilayah IV"
    assert (got["region"], got["province"]) == (None, None)


def test_the_regional_parliament_secretariat_stays_regional():
    got = extract_metadata(["KEPUTUSAN SEKRETARIS DEWAN PERWAKILAN RAKYAT DAERAH KOTA MALANG\nNOMOR : 1/2023\n"
                            "TENTANG\nINDIKATOR KINERJA UTAMA\nMenimbang : bahwa"])
    assert got["region"] == "Kota Malang"


# --------------------------------------------------------------------------- the regional government itself


def test_a_regional_plan_chapter_is_the_regional_governments_own():
    """A chapter of an RPJMD: no unit anywhere, the plan named in the running foot of
    every page, the region named throughout; the province of the period's end."""
    pages = []
    for n in range(1, 6):
        pages.append("\n".join([
            "Sasaran pembangunan daerah dirumuskan untuk mewujudkan visi Kabupaten Merauke",
            "tahun 2021-2025 melalui misi yang terukur dan dapat dicapai.",
            "Kabupaten Merauke menempatkan pelayanan dasar sebagai prioritas.",
            f"BAB V - {n} Rencana Pembangunan Jangka Menengah Daerah"]))
    got = extract_metadata(pages)
    assert got["agency"] == "Pemerintah Kabupaten Merauke"
    assert (got["region"], got["region_level"]) == ("Kabupaten Merauke", "kabupaten")
    assert (got["period_start"], got["period_end"]) == (2021, 2025)
    assert got["province"] == "Papua Selatan"  # the region's province at the end of its period


def test_a_unit_named_in_a_plan_is_still_the_agency():
    pages = ["RENCANA STRATEGIS DINAS KESEHATAN KABUPATEN KLATEN TAHUN 2021-2026\nBAB I PENDAHULUAN"]
    got = extract_metadata(pages)
    assert got["agency"] == "Dinas Kesehatan Kabupaten Klaten"
    assert (got["period_start"], got["period_end"]) == (2021, 2026)


def test_a_regional_licensing_office_stays_regional():
    got = extract_metadata(["KEPUTUSAN KEPALA KANTOR PELAYANAN PERIZINAN TERPADU KABUPATEN KENDAL\n"
                            "NOMOR : 503/12/2022\nTENTANG\nINDIKATOR KINERJA UTAMA\nMenimbang : bahwa"])
    assert got["agency"] == "Kantor Pelayanan Perizinan Terpadu Kabupaten Kendal"
    assert got["region"] == "Kabupaten Kendal"


def test_a_road_in_the_name_is_no_address():
    got = extract_metadata(["KEPUTUSAN KEPALA BALAI PELAKSANAAN JALAN NASIONAL KALIMANTAN TIMUR\n"
                            "NOMOR : KP.01/12/2023\nTENTANG\nINDIKATOR KINERJA UTAMA\nMenimbang : bahwa"])
    assert got["agency"] == "Balai Pelaksanaan Jalan Nasional Kalimantan Timur"
    assert got["province"] == "Kalimantan Timur"


def test_a_letterhead_names_the_ministry_then_its_office():
    text = ("KEMENTERIAN AGAMA REPUBLIK INDONESIA\nKANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI GORONTALO\n"
            "Jalan Arif Rahman Hakim No. 12 Gorontalo\nPERJANJIAN KINERJA TAHUN 2024\n"
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif")
    got = extract_metadata([text])
    assert got["agency"] == "Kantor Wilayah Kementerian Agama Provinsi Gorontalo"
    assert (got["region"], got["province"]) == (None, "Gorontalo")


@pytest.mark.parametrize(
    "text, agency, province",
    [
        # the city the office sits in closes its name
        ("KEPUTUSAN KEPALA BALAI BESAR PENGAWAS OBAT DAN MAKANAN DI SEMARANG\nNOMOR : HK.01/5/2023\nTENTANG",
         "Balai Besar Pengawas Obat dan Makanan di Semarang", "Jawa Tengah"),
        # a name that ends with its city
        ("KEPUTUSAN REKTOR UNIVERSITAS PALANGKA RAYA\nNOMOR : 12/UN24/2023\nTENTANG",
         "Universitas Palangka Raya", "Kalimantan Tengah"),
        # the letterhead's address states the province; the ministry above it is the parent, not the agency
        ("KEMENTERIAN PENDIDIKAN TINGGI, SAINS, DAN TEKNOLOGI\nUNIVERSITAS TADULAKO\n"
         "Jalan Soekarno Hatta Km. 9, Palu, Sulawesi Tengah\nKEPUTUSAN REKTOR UNIVERSITAS TADULAKO\n"
         "NOMOR : 77/UN28/2023\nTENTANG", "Universitas Tadulako", "Sulawesi Tengah"),
    ],
)
def test_where_a_central_office_is(text, agency, province):
    got = extract_metadata([text + "\nINDIKATOR KINERJA UTAMA\nMenimbang : bahwa"])
    assert (got["agency"], got["region"], got["province"]) == (agency, None, province)


def test_a_central_office_placed_by_its_signature():
    text = ("KEPUTUSAN KEPALA LLDIKTI WILAYAH XIII\nNOMOR : 5/LL13/2023\nTENTANG\nINDIKATOR KINERJA UTAMA\n"
            "Menimbang : bahwa\nBanda Aceh, 3 Maret 2023\nKEPALA,\nDr. ZAINUDDIN, M.Pd.\nNIP. 19700101 199503 1 002")
    got = extract_metadata([text])
    assert got["agency"] == "LLDIKTI Wilayah XIII"
    assert got["province"] == "Aceh"


@pytest.mark.parametrize(
    "pages, agency",
    [
        # a slide: its title in capitals over a table whose row names an auditor
        (["INDIKATOR KINERJA UTAMA\nTAHUN 2021 - 2025",
          "Capaian kinerja tahun lalu dan arah kebijakan kantor ini, disampaikan pada rapat koordinasi bersama seluruh satuan kerja",
          "IKU PERANGKAT DAERAH\nIndikator Kinerja Utama Metode Perhitungan Target 2021\n"
          "Meningkatnya tata kelola keuangan\nOpini BPK atas Laporan Keuangan Opini Badan Pemeriksa Keuangan WTP\n"
          "Kantor Wilayah Kementerian Agama Provinsi Bali"],
         "Kantor Wilayah Kementerian Agama Provinsi Bali"),
        # a plan chapter's table read cell line by cell line: an indicator code's head "IKU" on a line of
        # its own over the rest of its row
        (["RENCANA PEMBANGUNAN JANGKA MENENGAH DAERAH\nPEMERINTAH KOTA MADIUN\nTAHUN 2021-2026",
          "BAB V\nTUJUAN DAN SASARAN\nKode Sasaran Strategis Indikator Kinerja Metode Perhitungan\nIKU\nMeningkatnya akuntabilitas\n"
          "Level maturitas SPIP\nHasil penilaian maturitas SPIP oleh BPKP\nLevel 3"],
         "Pemerintah Kota Madiun"),
    ],
)
def test_a_unit_named_in_the_table_under_a_title_is_not_the_agency(pages, agency):
    assert extract_metadata(pages)["agency"] == agency


def test_a_letter_spaced_cover_name_read_in_fragments_takes_the_whole_reading():
    """A slide's cover sets the unit's name in letter-spaced capitals; a scan reads it in
    fragments, its region whole. The same name read whole at the slides' foot is the agency."""
    pages = ["INDIKATOR KINERJA UTAMA\nTAHUN 2021-2024\nDINAS PEN\nANAMAN MO DA DANP A YAN PADUSA UP\nKOTA MADIUN",
             "Capaian kinerja tahun lalu dan arah kebijakan dinas ini, disampaikan pada rapat koordinasi seluruh bidang",
             "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Madiun"]
    assert extract_metadata(pages)["agency"] == "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Madiun"


def test_a_name_with_short_acronyms_is_no_fragment():
    pages = ["INDIKATOR KINERJA UTAMA\nTAHUN 2021-2024\nDINAS PU DAN PR KOTA MADIUN",
             "Capaian kinerja tahun lalu dan arah kebijakan dinas ini, disampaikan pada rapat koordinasi seluruh bidang",
             "Dinas Pekerjaan Umum dan Penataan Ruang Kota Madiun"]
    assert extract_metadata(pages)["agency"] == "Dinas PU dan PR Kota Madiun"


def test_a_ministry_named_alone_with_a_province_is_its_office_named_in_full_elsewhere():
    """A cover whose office name lost its first words on a scan ("KAN WILAYAH KEMENTERIAN
    AGAMA PROVINSI X" read as the ministry and its province): the office of that ministry the
    slides' foot names in full, same province, is the agency."""
    pages = ["INDIKATOR KINERJA UTAMA\nTAHUN 2019-2023\nKAN WILAYAH KEMENTERIAN AGAMA PROVINSI BALI",
             "Capaian kinerja tahun lalu dan arah kebijakan kantor ini, disampaikan pada rapat koordinasi seluruh bidang",
             "Kantor Wilayah Kementerian Agama Provinsi Bali"]
    got = extract_metadata(pages)
    assert (got["agency"], got["region"], got["province"]) == (
        "Kantor Wilayah Kementerian Agama Provinsi Bali", None, "Bali")


def test_a_word_a_scan_cut_in_two_is_whole_where_the_name_is_printed_again():
    """A slide's cover read with a word of the name cut in two ("KEPEGAW AIAN"): the slides'
    foot prints the word whole between the same neighbours, so the name's word is that one.
    Two words some other text writes as one stay apart: the name's neighbours must match."""
    pages = ["INDIKATOR KINERJA UTAMA\nTAHUN 2024-2026\nBADAN KEPEGAW AIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA\n"
             "KOTA MADIUN",
             "Capaian kinerja tahun lalu dan arah kebijakan badan ini, disampaikan pada rapat koordinasi seluruh bidang",
             "Badan Kepegawaian dan Pengembangan Su ber Daya Manusia Kota Madiun"]
    assert extract_metadata(pages)["agency"] == \
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Madiun"
    pages = ["INDIKATOR KINERJA UTAMA\nTAHUN 2024-2026\nBADAN PENGEMBANGAN SUMBER DAYA MANUSIA\nKOTA MADIUN",
             "Program peningkatan kapasitas sumberdaya aparatur dilaksanakan setiap tahun oleh seluruh bidang"]
    assert extract_metadata(pages)["agency"] == "Badan Pengembangan Sumber Daya Manusia Kota Madiun"
    # a word cut in three ("PEM BANGU NAN", read in two pieces a line lower): the first piece
    # joins the two made one
    pages = ["KEPUTUSAN KEPALA BADAN PERENCANAAN PEM BANGU NAN DAERAH KOTA MADIUN\nNOMOR : 1/2024\nTENTANG\nIKU\n"
             "KEPALA BADAN PERENCANAAN PEM BANGUNAN DAERAH KOTA MADIUN,\n"
             "Menimbang : bahwa Badan Perencanaan Pembangunan Daerah Kota Madiun menetapkan indikator kinerja"]
    assert extract_metadata(pages)["agency"] == "Badan Perencanaan Pembangunan Daerah Kota Madiun"


def test_no_name_read_whole_still_gives_the_government_the_text_keeps_naming():
    """A slide's cover in light type on a dark ground that a scan garbled: no unit's name is read
    whole, but the slides' foot names the government on every slide (read in pieces): that is
    the region, the agency stays unknown."""
    pages = ["INDIKATOR KINERJA UTAMA\nTAHUN 2025 s.d. 2029\nASK ES A A PA IG R ES",
             "NO. SASARAN INDIKATOR TARGET\n1 Meningkatnya status gizi Angka Kematian Ibu 244,0\nkabupaten Sleman\n2",
             "NO. SASARAN INDIKATOR TARGET\n1 Meningkatnya mutu layanan Cakupan imunisasi 56,57\nabupaten Sleman\n3",
             "NO. SASARAN INDIKATOR TARGET\n1 Meningkatnya kualitas tata kelola Opini BPK 68,50\nDinas Kesen eman\n4"]
    got = extract_metadata(pages)
    assert (got["agency"], got["region"], got["province"]) == (None, "Kabupaten Sleman", "Daerah Istimewa Yogyakarta")
    # named once, it is not known to be the document's government
    got = extract_metadata(pages[:3])
    assert got["region"] == "Kabupaten Sleman"
    assert extract_metadata(pages[:2])["region"] is None


def test_a_heading_name_garbled_by_the_scan_is_the_reading_the_text_gives_most():
    """A band of faded print garbles the name in the decree's heading ("DINAS HUBUNGAN"); the
    text names the unit whole again and again with the same region: that reading is the agency.
    A unit named more often but never with the agency's region does not count."""
    text = ("KEPUTUSAN KEPALA DINAS\nHUBUNGAN KOTA MADIUN\nNOMOR : 1/2024\nTENTANG\nIKU\nMenimbang : bahwa\n"
            "KEPALA DINAS PERHUBUNGAN KOTA MADIUN,\nLAMPIRAN\nDINAS PERHUBUNGAN KOTA MADIUN\nDINAS PERHUBUNGAN")
    assert extract_metadata([text])["agency"] == "Dinas Perhubungan Kota Madiun"
    text = ("KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAERAH KOTA MADIUN\nNOMOR : 1/2024\nTENTANG\nIKU\n"
            "Menimbang : bahwa Peraturan Badan Kepegawaian Negara dan Badan Kepegawaian Negara Nomor 8")
    assert extract_metadata([text])["agency"] == "Badan Kepegawaian Daerah Kota Madiun"
