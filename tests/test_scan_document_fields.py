"""Document fields read from a scan's OCR text: the ways a scan damages the decree page,
the cover and the signature, and the rules that read the fields through it."""
from __future__ import annotations

from iku.extractors.ocr import Word
from iku.extractors.scanned import _blocks_in_order
from iku.normalizers.metadata import extract_metadata
from iku.normalizers.metadata.decree import normalize_decree_number


# --------------------------------------------------------------------------- decree number


def test_decree_number_split_inside_its_parts_is_joined():
    # a handwritten number read with gaps in a part: "12 3", "dis hub"
    assert normalize_decree_number("12 3/ kep.05/ renc /dis hub") == "123/kep.05/renc/dishub"
    # the year closing a number is never glued to the digits before it, nor words to a capital
    assert normalize_decree_number("460/ 044 /DISSOS/2021") == "460/044/DISSOS/2021"
    assert normalize_decree_number("800/12/BKD Kota Depok") == "800/12/BKD Kota Depok"


def test_dotted_blank_read_as_letters_is_no_number():
    # "NOMOR : ..............." left blank: the scan reads the dots as digits and letters
    assert normalize_decree_number(".........005 see veeeeseeeseneeoes ssaneeeee") is None
    assert normalize_decree_number("188.4.45.12") == "188.4.45.12"


def test_date_after_a_decree_number_is_not_part_of_it():
    assert normalize_decree_number("050/123/Bappeda tanggal 5 Januari 2021") == "050/123/Bappeda"


def test_number_label_with_a_letter_lost_or_split():
    # the label's first letter lost at the opening of the line, or the label read apart
    head = "PEMERINTAH KABUPATEN SLEMAN\nKEPUTUSAN KEPALA DINAS SOSIAL\nKABUPATEN SLEMAN\n{}\nTENTANG\nINDIKATOR KINERJA UTAMA"
    for label in ("OMOR", "NOM OR"):
        page = head.format(f"{label} : 520/ 151 /DINSOS/IV/2022")
        assert extract_metadata([page])["decree_number"] == "520/151/DINSOS/IV/2022", label
    # a label further off is no "NOMOR"
    assert extract_metadata([head.format("NAMA : 520/151/DINSOS/IV/2022")])["decree_number"] is None


# --------------------------------------------------------------------------- agency and region


def test_unit_without_region_takes_the_province_the_text_keeps_naming():
    # a bureau's IKU table with no letterhead: a Biro belongs to a province's Sekretariat Daerah
    rows = ["Jumlah pengelola keuangan daerah di Provinsi Jawa Barat yang tertata dengan baik 27 Kab/Kota "
            "Keseluruhan kegiatan meliputi perencanaan dan pelaporan",
            "PERDA APBD/APBDP Provinsi Jawa Barat 2 Dokumen Suatu rancangan keuangan tahunan daerah yang "
            "ditetapkan berdasarkan peraturan daerah, juga dari Kabupaten Bogor",
            "Tingkat pemenuhan opini WTP atas laporan keuangan Provinsi Jawa Barat 100% 1 Dokumen pernyataan "
            "profesional pemeriksa"]
    page = "INDIKATOR KINERJA UTAMA (IKU) 2016\nBIRO KEUANGAN\n" + "\n".join(rows)
    got = extract_metadata([page])
    assert got["agency"] == "Biro Keuangan"  # the name as written: the text only tells whose unit it is
    assert (got["region"], got["region_level"], got["province"]) == ("Provinsi Jawa Barat", "provinsi", "Jawa Barat")


def test_region_named_once_in_the_text_is_not_the_units():
    page = ("INDIKATOR KINERJA UTAMA 2016\nBIRO KEUANGAN\nPERDA APBD/APBDP Provinsi Jawa Barat 2 Dokumen Suatu "
            "rancangan keuangan tahunan daerah yang ditetapkan berdasarkan peraturan daerah")
    assert extract_metadata([page])["region"] is None


def test_name_garbled_on_the_cover_is_read_where_it_is_whole():
    # a slide's title in light type on a dark ground, and the same name in the page footer
    pages = ["INDIKATOR KINERJA UTAMA\nTAHUN 2022\nDINAS TENAG\nAKF RIA DAN TRAN S MI G RAS - PR OV NS SULAW ES\n"
             "TENGGARA",
             "NO Sasaran Strategis Indikator Kinerja Target 2022\n1 Meningkatnya kualitas TPT 5,8\n"
             "Dinas Tenaga Kerja dan Transmigrasi Provinsi Sulawesi Tenggara\n2"]
    got = extract_metadata(pages)
    assert got["agency"] == "Dinas Tenaga Kerja dan Transmigrasi Provinsi Sulawesi Tenggara"
    assert got["region"] == "Provinsi Sulawesi Tenggara"


def test_unit_type_word_cut_on_a_cover_is_joined():
    # a slide's cover in spaced capitals: the scan cut the unit's type word in two
    pages = ["INDIKATOR KINERJA UTAMA\nTAH UN 2024\nLEM BAGA LAYANAN PENDIDIKAN TINGGI WILAYAH XV\nMelayani dengan hati",
             "Sasaran dan Indikator Kinerja\nNO Indikator Kinerja Satuan Target 2024\n1 Indeks kepuasan Indeks 80"]
    assert extract_metadata(pages)["agency"] == "Lembaga Layanan Pendidikan Tinggi Wilayah XV"


def test_region_prefix_cut_where_the_title_line_wraps():
    # a long title the scan read as two lines, cutting "KABUPATEN" in two where it wrapped
    pages = ["INDIKATOR KINERJA UTAMA (IKU) CASCADING\nDINAS PEKERJAAN UMUM DAN PENATAAN RUANG KAB\n"
             "UPATEN BARITO KUALA\nTAHUN 2024 s.d. 2026\nUnit Kerja\nBidang Bina Marga"]
    got = extract_metadata(pages)
    assert got["agency"] == "Dinas Pekerjaan Umum dan Penataan Ruang Kabupaten Barito Kuala"
    assert (got["region_level"], got["province"]) == ("kabupaten", "Kalimantan Selatan")


# --------------------------------------------------------------------------- signatory


def test_form_labels_read_apart_from_their_values():
    # a performance agreement's "Nama : X" form: the scan reads the label column and the
    # value column as separate lines
    page = ("PERJANJIAN KINERJA TAHUN 2023\nDINAS SOSIAL KABUPATEN LAHAT\n"
            "Nama\n: SRI ARIF HAKIM, S.E.\nJabatan : Kepala Dinas Sosial Kabupaten Lahat\n"
            "selanjutnya disebut pihak pertama\n"
            "Nama\n: BAMBANG MARDIANA, M.P.\nJabatan : Bupati Lahat\n"
            "selaku atasan pihak pertama, selanjutnya disebut pihak kedua\n"
            "Lahat, 17 November 2023\nPIHAK PERTAMA,\nPIHAK KEDUA,\nBUPATI LAHAT\n"
            "BAMBANG MARDIANA, M.P.\nNIP. 198206252006022008")
    got = extract_metadata([page])
    assert got["signatory_name"] == "SRI ARIF HAKIM, S.E."
    assert got["decree_date"] == "2023-11-17"


def test_parties_nips_follow_the_order_of_their_names():
    # the two parties' blocks printed side by side at different heights: the scan reads each line
    # apart, the second party's NIP (one line higher) before the first party's
    page = ("PERJANJIAN KINERJA TAHUN 2021\nBALAI WILAYAH SUNGAI X\n"
            "Nama\n: RINA DEWI, S.T.\nJabatan : Kepala Balai\nselanjutnya disebut pihak pertama\n"
            "Nama\n: ADI NUGROHO, M.M.\nJabatan : Direktur Jenderal\n"
            "selaku atasan pihak pertama, selanjutnya disebut pihak kedua\n"
            "Mataram, 15 Januari 2021\nPIHAK KEDUA,\nPIHAK PERTAMA,\nDIREKTUR JENDERAL\nKEPALA BALAI\n"
            "ADI NUGROHO, M.M.\nRINA DEWI, S.T.\nNIP 197510191999031007\nPembina (IV/a)\n"
            "NIP 198007192010122009")
    got = extract_metadata([page])
    assert (got["signatory_name"], got["signatory_nip"]) == ("RINA DEWI, S.T.", "198007192010122009")
    # the second party elected (no NIP): the one NIP read is the first party's
    elected = page.replace("NIP 197510191999031007\n", "")
    assert extract_metadata([elected])["signatory_nip"] == "198007192010122009"


# --------------------------------------------------------------------------- page text order


def _w(text, top, block, x0=50.0):
    return Word(text=text, conf=90.0, x0=x0, top=top, x1=x0 + 10 * len(text), bottom=top + 12, block=block,
                par=1, line=1)


def test_text_block_found_late_goes_back_to_its_place():
    # tesseract hands the title's year line after the blocks under it
    words = [_w("INDIKATOR", 10, 1), _w("Unit", 40, 2), _w("Fungsi", 60, 2),
             _w("Catatan", 400, 3), _w("TAHUN", 25, 4), _w("2019", 25, 4, x0=150)]
    assert [w.text for w in _blocks_in_order(words)] == ["INDIKATOR", "TAHUN", "2019", "Unit", "Fungsi", "Catatan"]


def test_text_blocks_side_by_side_keep_the_engines_order():
    # two signature columns at nearly the same height: left first, as the engine read them
    words = [_w("PIHAK", 502, 1), _w("KEDUA", 502, 1, x0=120), _w("PIHAK", 498, 2, x0=400),
             _w("PERTAMA", 498, 2, x0=470)]
    assert [w.text for w in _blocks_in_order(words)] == ["PIHAK", "KEDUA", "PIHAK", "PERTAMA"]


def test_signer_named_when_the_signature_hides_the_nip():
    # the signature's strokes over "NIP 1972..." leave "NI" and a few digits
    page = ("Tabel 1. Rencana Kinerja Tahun 2021\nNo Indikator Kinerja Satuan Target\n"
            "1. Persentase makanan yang memenuhi syarat % 70,64\n"
            "Medan, 11 Desember 2021\nDr. H. NYOMAN SANTOSO, CA\nNI\nKEPALA,\nna Tk. I\n0200 1052004")
    got = extract_metadata([page])
    assert got["signatory_name"] == "Dr. H. NYOMAN SANTOSO, CA"
    assert got["signatory_nip"] is None


def test_no_name_is_made_of_a_line_without_title_or_degree():
    page = "Medan, 11 Desember 2021\nBIDANG PELAYANAN\nNyoman Santoso\n0200 1052004"
    assert extract_metadata([page])["signatory_name"] is None


def test_month_read_with_letters_a_scan_confuses():
    from iku.normalizers.metadata.decree import parse_indonesian_date
    assert parse_indonesian_date("Mangupura, 10 Februan 2023") == "2023-02-10"  # "ri" read as "n"
    assert parse_indonesian_date("3 Nopernber 2021") == "2021-11-03"  # "m" read as "rn"
    assert parse_indonesian_date("Bandung. 20 Mel 2020") == "2020-05-20"  # "i" read as "l"
    assert parse_indonesian_date("20 Jull 2020") == "2020-07-20"


def test_date_digits_read_as_letters():
    page = "KEPALA DINAS SOSIAL\nBadung, 1O Februari 2O23\nKEPALA DINAS SOSIAL\nI MADE PUTRA WIJAYA, S.T.\nNIP. 198103152006041002"
    assert extract_metadata([page])["decree_date"] == "2023-02-10"


def test_signature_date_read_without_its_spaces():
    # a small print whose narrow spaces the scan lost: "Sukamaju, 5Mei2020", "Sukamaju,5Mei2020"
    for line in ("Sukamaju, 5Mei2020", "Sukamaju,5Mei2020", "Sukamaju Barat, 5 Mei2020"):
        page = f"KEPALA DINAS SOSIAL\n{line}\nKEPALA DINAS SOSIAL\nI MADE PUTRA WIJAYA, S.T.\nNIP. 198103152006041002"
        assert extract_metadata([page])["decree_date"] == "2020-05-05", line


def test_nip_with_a_smudged_label_is_read_by_its_digits():
    page = ("Medan, 11 Desember 2021\nKEPALA,\nDr. H. NYOMAN SANTOSO, CA\nPembina Tk. I\n"
            "NI P 19720710 200105 2 004")
    got = extract_metadata([page])
    assert (got["signatory_name"], got["signatory_nip"]) == ("Dr. H. NYOMAN SANTOSO, CA", "197207102001052004")
    # a number that is no NIP (a budget, a date run) is not taken for one
    assert extract_metadata(["Medan, 11 Desember 2021\nDr. H. NYOMAN SANTOSO\nJumlah 202112312021123199"])[
        "signatory_nip"] is None


def test_name_hidden_over_the_decree_nip_is_read_where_the_same_nip_signs_again():
    decree = ("Ditetapkan di: Sleman\npada tanggal : 3 Maret 2022\nKEPALA DINAS PEKERJAAN UMUM\n"
              "DAN PENATAAN RUANG,\nTn\nPembina Utama Muda, IV/c\nNIP 19700624 199703 1 005")
    lampiran = ("No Indikator Kinerja Target\n1 Indeks kepuasan 80\nKEPALA DINAS PEKERJAAN UMUM\n"
                "DAN PENATAAN RUANG,\nIr.BAMBANG SETYO NUGROHO, M.T.\nPembina Utama Muda, IV/c\n"
                "NIP 19700624 199703 1 005")
    got = extract_metadata([decree, lampiran])
    assert (got["signatory_name"], got["signatory_nip"]) == ("Ir.BAMBANG SETYO NUGROHO, M.T.", "197006241997031005")


def test_name_cut_short_over_the_decree_nip_is_read_whole_where_the_same_nip_signs_again():
    decree = ("Ditetapkan di Sleman\npada tanggal 14 Maret 2019\nKEPALA DINAS SOSIAL,\n"
              "{}\nPembina Tk. I\nNIP 197006091998111007")
    lampiran = ("No Indikator Kinerja Target\n1 Indeks kepuasan 80\nKEPALA DINAS SOSIAL,\n"
                "{}\nPembina Tk. I\nNIP 197006091998111007")
    # the pen took the title and first name off the decree's reading: the lampiran's is whole
    got = extract_metadata([decree.format("(M.Santoso, M.P., M.AP."), lampiran.format("H. Adi Santoso, M.P., M.AP.")])
    assert got["signatory_name"] == "H. Adi Santoso, M.P., M.AP."
    # the lampiran's reading longer but of other letters, or the decree's the whole one: the decree's stays
    got = extract_metadata([decree.format("H. Adi Santoso, M.P."), lampiran.format("H. Adi Santoso, M.P. CAP DINAS SOSIAL")])
    assert got["signatory_name"] == "H. Adi Santoso, M.P."
    got = extract_metadata([decree.format("H. Adi Santoso, M.P."), lampiran.format("Adi Santoso, M.P.")])
    assert got["signatory_name"] == "H. Adi Santoso, M.P."


def test_crumbs_after_the_signers_name_are_dropped():
    page = "Bandung, 2 Mei 2022\nKEPALA BAPPEDA\nADI SANTOSO, S.Sos, M.Si - -\nNIP. 19700624 199703 1 005"
    assert extract_metadata([page])["signatory_name"] == "ADI SANTOSO, S.Sos, M.Si"


def test_degrees_wrapped_after_a_degree_whose_comma_was_read_as_a_stop():
    for line, name in (("ADI SANTOSO KUSUMA, M.Kom..", "ADI SANTOSO KUSUMA, M.Kom., S.IP."),
                       ("ADI SANTOSO KUSUMA, M.Kom.", "ADI SANTOSO KUSUMA, M.Kom., S.IP."),
                       ("ADI SANTOSO KUSUMA,", "ADI SANTOSO KUSUMA, S.IP.")):
        page = f"Bandung, 2 Mei 2022\nKEPALA DINAS LINGKUNGAN\nHIDUP,\n{line}\nS.IP.\nNIP : 19780210 200402 2 001"
        assert extract_metadata([page])["signatory_name"] == name, line


def test_speck_between_nip_digits_is_no_end_of_the_nip():
    from iku.normalizers.metadata.signatory import normalize_nip
    assert normalize_nip("NIP. 19700101 199503 1.002") == "197001011995031002"


def test_nip_label_glued_to_its_digits():
    from iku.normalizers.metadata.signatory import normalize_nip
    assert normalize_nip("NIP198302032013031010") == "198302032013031010"
    # the parties' NIPs, one of them glued to its label: both are still counted in turn
    page = ("PERJANJIAN KINERJA TAHUN 2025\nNama\n: ADI SANTOSO, M.Kom.\nJabatan\n: Kepala Balai\n"
            "selanjutnya disebut pihak pertama\nNama\n: Drs. BUDI UTOMO,S.E.\nJabatan\n: Sekretaris Jenderal\n"
            "selaku atasan pihak pertama, selanjutnya disebut pihak kedua\nKupang, 28 Februari·2025\n"
            "PIHAK KEDUA,\nPIHAK PERTAMA,\nSEKRETARIS JENDERAL\nKEPALA BALAI\nADI SANTOSO, M.Kom.\n"
            "Drs. BUDI UTOMO,S.E.\nNIP198302032013031010\nPembina Utama Muda (IV/c)\nNIP.197106091997122009")
    got = extract_metadata([page])
    assert got["signatory_nip"] == "198302032013031010"
    assert got["decree_date"] == "2025-02-28"  # a speck between month and year read as a middle dot


def test_decree_heading_word_with_a_letter_lost():
    page = ("PEMERINTAH KOTA BINJAI\nKEPU USAN KEPALA DINAS SOSIAL KOTA BINJAI\nNOMOR : 520/578/Kpts/DINSOS/2022\n"
            "TENTANG\nPENETAPAN INDIKATOR KINERJA UTAMA\nMenimbang : bahwa")
    assert extract_metadata([page])["decree_number"] == "520/578/Kpts/DINSOS/2022"
    from iku.normalizers.metadata.text import _heading_misread
    assert not _heading_misread("KEPALA DINAS SOSIAL") and not _heading_misread("Keputusan ini mulai berlaku")


def test_speck_between_two_words_is_a_gap():
    # "PERTANIAN·DAN": a speck in the gap; a lampiran's heading glues the words ("DINASPERTANIAN"),
    # which the rest of the text prints apart
    pages = ["KEPUTUSAN KEPALA DINAS PERTANIAN·DAN PANGAN KOTA BINJAI\nNOMOR : 520/578/DISTAN/2022\nTENTANG\n"
             "INDIKATOR KINERJA UTAMA DINAS PERTANIAN DAN PANGAN KOTA BINJAI\nMenimbang : bahwa",
             "LAMPIRAN : KEPUTUSAN KEPALA DINASPERTANIAN DAN PANGAN\nNo Indikator Target\n1 Indeks 80\n"
             "KEPALA DINAS PERTANIAN DAN PANGAN"]
    assert extract_metadata(pages)["agency"] == "Dinas Pertanian dan Pangan Kota Binjai"


def test_party_name_label_with_a_letter_lost():
    # the label's first letter lost at the page's edge, its column read apart from the values
    page = ("PERJANJIAN KINERJA TAHUN 2023\nyang bertanda tangan di bawah ini:\nama -\n: LESTARI DEWI, S.Kep.\n"
            "Jabatan\nKepala Balai Besar\nselanjutnya disebut pihak pertama\nNama\n: BUDI UTOMO, S.H., S.T.\n"
            "Jabatan\n: Sekretaris Utama\nselaku atasan pihak pertama, selanjutnya disebut pihak kedua\n"
            "Semarang, 21 Maret 2023\nPIHAK PERTAMA,\nPIHAK KEDUA,\nKEPALA BALAI BESAR\nSEKRETARIS UTAMA\n"
            "LESTARI DEWI, S.Kep.\nPembina Utama Madya (IV/d)\nBUDI UTOMO. S.H.. S.T.\nNIP.198309092005042008\n"
            "Penata Tingkat I (III/d)\nNIP.197612192003051002")
    got = extract_metadata([page])
    assert (got["signatory_name"], got["signatory_nip"]) == ("LESTARI DEWI, S.Kep.", "198309092005042008")
    assert extract_metadata([page.replace("ama -\n: LESTARI", "ama - : LESTARI")])["signatory_name"] == "LESTARI DEWI, S.Kep."


def test_stops_a_scan_adds_to_a_name_or_a_number():
    page = "Bandung, 2 Mei 2022\nKEPALA DINAS SOSIAL\nYUSUF HARYANTO, M.Ec.Dev.. M.Pd.\nNIP. 19700624 199703 1 005"
    assert extract_metadata([page])["signatory_name"] == "YUSUF HARYANTO, M.Ec.Dev., M.Pd."
    assert normalize_decree_number(".500.3/284/Kpts/DINSOS/2019") == "500.3/284/Kpts/DINSOS/2019"
