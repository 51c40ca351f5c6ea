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


def test_crumbs_after_the_signers_name_are_dropped():
    page = "Bandung, 2 Mei 2022\nKEPALA BAPPEDA\nADI SANTOSO, S.Sos, M.Si - -\nNIP. 19700624 199703 1 005"
    assert extract_metadata([page])["signatory_name"] == "ADI SANTOSO, S.Sos, M.Si"


def test_speck_between_nip_digits_is_no_end_of_the_nip():
    from iku.normalizers.metadata.signatory import normalize_nip
    assert normalize_nip("NIP. 19700101 199503 1.002") == "197001011995031002"
