"""iku.normalizers.metadata.signatory: signatory_name and signatory_nip."""
from __future__ import annotations

import pytest

from iku.normalizers.metadata import extract_metadata
from iku.normalizers.metadata.signatory import normalize_nip


@pytest.mark.parametrize(
    "written, nip",
    [
        ("NIP. 19640710 199301 1 001", "196407101993011001"),
        ("NIP 196707151990011001", "196707151990011001"),
        ("NIP : 19700101 199503 1 002", "197001011995031002"),
        ("NIP. 19800602 200501 1 006 Dra. NINUK IDA SURYANI, M.Si", "198006022005011006"),
        ("NIP. 1967O715 199OO1 1 OO1", "196707151990011001"),  # OCR letter O for zero
        ("NIP. 19630920 199403 2003", "19630920199403 2003".replace(" ", "")),  # 17 digits, as written
        ("NIP.", None),
        # a scan: a quote glued to the label, the first digit smudged (a birth year 19xx), letters for digits
        ("NIP“F9570828 198903 1 004", "195708281989031004"),
        ("NIP : 196S0101 1990O3 1 0O4", "196501011990031004"),
        # a photographed page read by the recogniser: the colon a middle dot, spaces lost
        ("NIP·19680228199305 1 001", "196802281993051001"),
        # the label's stop read as a stroke before the digits, the birth year's 1 read as 7
        ("NIP!797605241999031006", "197605241999031006"),
        # a speck between two digits, a point or a middle dot, is no digit
        ("NIP. 19700101 199503 1.002", "197001011995031002"),
        ("NIP. 19700101 199503 1·002", "197001011995031002"),
        ("NIP : 19700101 199503 1:002", "197001011995031002"),
        ("", None),
    ],
)
def test_normalize_nip(written, nip):
    assert normalize_nip(written) == nip


@pytest.mark.parametrize(
    "block, name",
    [
        ("KEPALA DINAS SOSIAL,\n\nH. FUAD SYEKH, S. Sos, M. AP\n\nNIP. 197010221991011001", "H. FUAD SYEKH, S. Sos, M. AP"),
        ("Kepala Dinas Sosial\nKab.Kutai Kartanegara\nIr.DIDI RAMYADI,MM\nPembina Utama Muda\n"
         "NIP. 19640710 199301 1 001", "Ir.DIDI RAMYADI,MM"),
        ("KEPALA DINAS SOSIAL\nPROVINSI KALIMANTAN SELATAN\n**ADI SANTOSO, S.Sos, M.Si**\nPembina Tk. I\n"
         "NIP. 19680115 199003 1 006", "ADI SANTOSO, S.Sos, M.Si"),
        ("KEPALA,\nttd\nBahtiar Mabé, S. Sos, M. Kes\nNIP. 196707151990011001", "Bahtiar Mabé, S. Sos, M. Kes"),
        ("KEPALA BADAN\n( Dr. Ir. H. MAMAN SURYAMAN )\nPenata Tingkat I\nNIP. 19650101 199003 1 004",
         "Dr. Ir. H. MAMAN SURYAMAN"),
        # the rank line as a scan misreads it is still not the name
        ("KOMINFO\nDrH. ANTOW GUSTONI, M.Si.\nRembifia-Utama Muda\nNIP“F9570828 198903 1 004",
         "DrH. ANTOW GUSTONI, M.Si."),
    ],
)
def test_signatory_name(block, name):
    got = extract_metadata([block])
    assert got["signatory_name"] == name


def test_first_signature_after_the_decree_text():
    text = ("Ditetapkan di : Depok\nPada Tanggal : 13 September 2019\nKEPALA DINAS SOSIAL KOTA DEPOK\n"
            "Drs. USMAN HALIYANA, M.Si\nNIP. 19611029 199103 1 005\nLAMPIRAN\n"
            "Depok, 13 September 2019\nKEPALA DINAS SOSIAL KOTA DEPOK\nDrs. Usman Haliyana, M.Si.\n"
            "Pembina Utama Muda\nNIP. 19630920 199408 2 003")
    got = extract_metadata([text])
    assert (got["signatory_name"], got["signatory_nip"]) == ("Drs. USMAN HALIYANA, M.Si", "196110291991031005")


def test_the_decree_pages_signature_whose_nip_label_a_scan_read_with_a_small_i():
    # the lampiran's signature, its underline joined to the name, reads in pieces: the decree
    # page's, read whole, is the one after the date
    text = ("Ditetapkan di : Kota Contoh\nPada tanggal : 24 Januari 2022\nKEPALA DINAS CONTOH,\n"
            "ANDI SETIAWAN, S.STP., M.Si.\nPangkat : Pembina Tk. i\nNiP : 19810503 2000121 002\nLAMPIRAN\n"
            "KEPALA DINAS CONTOH,\nA\nSETIAWAN, S.STP., M.Si. -\nNDISETIA WAN\nPangkat Pembina Tk. I\n"
            "NIP : 19810503 200012 1:002")
    got = extract_metadata([text])
    assert (got["signatory_name"], got["signatory_nip"]) == ("ANDI SETIAWAN, S.STP., M.Si.", "198105032000121002")


def test_a_performance_agreement_is_signed_by_its_first_party():
    """Both parties sign side by side; the head whose performance is agreed (the first
    party) is the signatory, not the superior beside him."""
    text = "\n".join([
        "PEMERINTAH KABUPATEN GROBOGAN", "PERJANJIAN KINERJA TAHUN 2024", "DINAS PERTANIAN",
        "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel,",
        "kami yang bertanda tangan di bawah ini:",
        "Nama : Ir. SRI WAHYUNI, M.P.", "Jabatan : Kepala Dinas Pertanian",
        "selanjutnya disebut pihak pertama",
        "Nama : H. BAMBANG SUTRISNO, S.E.", "Jabatan : Bupati Grobogan",
        "selaku atasan pihak pertama, selanjutnya disebut pihak kedua",
        "Grobogan, 3 Januari 2024",
        "Pihak Kedua, Pihak Pertama,",
        "BUPATI GROBOGAN KEPALA DINAS PERTANIAN",
        "H. BAMBANG SUTRISNO, S.E. Ir. SRI WAHYUNI, M.P.",
        "NIP. 19720304 199803 2 005"])
    got = extract_metadata([text])
    assert got["signatory_name"] == "Ir. SRI WAHYUNI, M.P."
    assert got["signatory_nip"] == "197203041998032005"
    assert got["decree_date"] == "2024-01-03"  # no decree: the date beside the signatures


def test_first_party_fields_on_one_line_with_their_nip():
    text = "\n".join([
        "PERJANJIAN KINERJA TAHUN 2023", "Yang bertanda tangan di bawah ini:",
        "Nama : Drs. AGUS PRIYANTO NIP : 19690101 199403 1 007",
        "Jabatan : Kepala Badan Pendapatan Daerah",
        "selanjutnya disebut sebagai PIHAK PERTAMA",
        "Nama : Dr. H. IMAM SANTOSO", "Jabatan : Wali Kota",
        "selanjutnya disebut sebagai PIHAK KEDUA"])
    got = extract_metadata([text])
    assert got["signatory_name"] == "Drs. AGUS PRIYANTO"
    assert got["signatory_nip"] == "196901011994031007"


@pytest.mark.parametrize(
    "block, name",
    [
        # on behalf of the head: the one who signed, as printed
        ("a.n. KEPALA DINAS KESEHATAN\nKABUPATEN BLORA\nSekretaris,\n\nNUR HIDAYAH, S.KM., M.Kes.\nPembina\n"
         "NIP. 19780808 200212 2 003", "NUR HIDAYAH, S.KM., M.Kes."),
        # an acting head (Plt. / Plh.)
        ("Plt. KEPALA BADAN KEPEGAWAIAN DAERAH\nKOTA CIREBON,\n\nRUDI HARTONO, S.IP.\nNIP. 19800101 200501 1 009",
         "RUDI HARTONO, S.IP."),
        ("Plh. KEPALA DINAS SOSIAL,\nttd\nDra. LINA MARLINA\nPembina Tk. I\nNIP 19700707 199603 2 001",
         "Dra. LINA MARLINA"),
    ],
)
def test_signatory_on_behalf_of_or_acting_for_the_head(block, name):
    text = ("KEPUTUSAN KEPALA DINAS\nNOMOR : 1/2024\nTENTANG\nIKU\nMenimbang : bahwa\n"
            "Ditetapkan di Blora\nPada tanggal 2 Februari 2024\n" + block)
    assert extract_metadata([text])["signatory_name"] == name


def test_the_first_party_is_named_as_signed():
    """The statement may shorten the name the signature prints in full: the signed form wins."""
    text = "\n".join([
        "PERJANJIAN KINERJA TAHUN 2022", "KEPALA BADAN PENDAPATAN DAERAH PROVINSI BALI",
        "Nama : Drs. KETUT SUDARMA, M.Si", "Jabatan : Kepala Badan Pendapatan Daerah",
        "Selanjutnya disebut PIHAK KESATU",
        "Nama : WAYAN KOSTER", "Jabatan : Gubernur Bali", "Selaku atasan PIHAK KESATU, selanjutnya disebut PIHAK KEDUA",
        "Denpasar, 10 Januari 2022", "PIHAK KEDUA,", "PIHAK KESATU,", "WAYAN KOSTER",
        "Drs. I KETUT A. SUDARMA, M.Si", "Pembina Utama Madya", "NIP. 19680505 199403 1 006"])
    got = extract_metadata([text])
    assert got["signatory_name"] == "Drs. I KETUT A. SUDARMA, M.Si"
    assert got["signatory_nip"] == "196805051994031006"


def test_a_name_whose_degrees_wrap_onto_the_next_line():
    text = ("KEPUTUSAN KEPALA DINAS\nNOMOR : 1/2024\nTENTANG\nIKU\nMenimbang : bahwa\n"
            "Ditetapkan di Jepara\nPada tanggal 2 Februari 2024\nKEPALA,\n"
            "H. AHMAD FAUZAN RAHMATULLAH,\nS.IP., M.Si.\nPembina (IV/a)\nNIP 19720412 199611 1 004")
    assert extract_metadata([text])["signatory_name"] == "H. AHMAD FAUZAN RAHMATULLAH, S.IP., M.Si."
    # one short degree alone on the wrapped line ("M.T.": too few letters for a name of its own)
    text = ("KEPUTUSAN KEPALA BADAN\nNOMOR : 1/2024\nTENTANG\nIKU\nMenimbang : bahwa\n"
            "Ditetapkan di Kota Contoh\npada tanggal 9 November 2024\nKEPALA BADAN\nPENGELOLAAN KEUANGAN DAERAH\n"
            "KOTA CONTOH,\nADI NUGROHO SANTOSO,S.Kom.,\nM.T.\nNIP.196701271989092003")
    assert extract_metadata([text])["signatory_name"] == "ADI NUGROHO SANTOSO,S.Kom., M.T."


def test_the_first_partys_signature_is_found_under_a_pen_stroke_over_its_name():
    """A scanned agreement signed on its own page and again on its annex: the pen crosses the
    printed name on the first page (a letter or two garbled) and the NIP on the annex. The
    first signature is still the party's (the name stays the statement's), and its NIP is
    the one under it, not the annex's garbled one."""
    text = "\n".join([
        "PERJANJIAN KINERJA TAHUN 2025", "DINAS PERHUBUNGAN",
        "Nama : H. RAHMAT WIBOWO, S.Sos., M.M.", "Jabatan : Kepala Dinas Perhubungan",
        "selanjutnya disebut pihak pertama",
        "Nama : SUTRISNO, S.H.", "Jabatan : Gubernur",
        "selaku atasan pihak pertama, selanjutnya disebut pihak kedua",
        "Semarang, 2 Januari 2025", "PIHAK KEDUA, PIHAK PERTAMA,",
        "SUTRISNO, S.H.", "H. RAHMAT WIBOWQ, S.Sos., M.M.", "Pembina (IV/a)",
        "NIP. 19750312 200003 1 004",
        "LAMPIRAN PERJANJIAN KINERJA", "No Sasaran Indikator Target",
        "SUTRISNO, S.H.", "H. RAHMAT WIBOWO, S.Sos., M.M.", "Pembina (IV/a)",
        "NIP. 1975031200 31004"])
    got = extract_metadata([text])
    assert got["signatory_name"] == "H. RAHMAT WIBOWO, S.Sos., M.M."
    assert got["signatory_nip"] == "197503122000031004"


def test_a_titles_stop_read_as_a_comma_is_a_stop():
    text = ("KEPUTUSAN KEPALA DINAS\nNOMOR : 1/2024\nTENTANG\nIKU\nMenimbang : bahwa\n"
            "Ditetapkan di Kota Contoh\npada tanggal 8 Januari 2024\nKEPALA,\nIr, H. Adi Nugroho\n"
            "NIP 196808181991092008")
    assert extract_metadata([text])["signatory_name"] == "Ir. H. Adi Nugroho"


def test_a_nip_a_pen_left_short_yields_to_the_same_signers_nip_read_whole_on_the_annex():
    """A decree signed again on its annex: the pen over the first signature leaves its NIP a
    digit short; the same signer's NIP read whole under the annex's signature is the NIP. A
    performance agreement's first party the same, and the name a pen cut short there ("Ani
    Rahayu,M") is no other way of printing the statement's name."""
    text = ("KEPUTUSAN KEPALA BADAN\nNOMOR : 1/2024\nTENTANG\nIKU\nMenimbang : bahwa\n"
            "Ditetapkan di Kota Contoh\npada tanggal 15 November 2024\nKEPALA,\nH. Adi Nugroho, M.AP.\n"
            "Pembina Utama Madya (IV/d)\nNIP. 19720807 200063 005\nLAMPIRAN\nNo Sasaran Indikator\n"
            "KEPALA,\nH. Adi Nugroho, M.AP.\nPembina Utama Madya (IV/d)\nNIP. 197208072000031 005")
    assert extract_metadata([text])["signatory_nip"] == "197208072000031005"
    text = "\n".join([
        "PERJANJIAN KINERJA TAHUN 2025", "DINAS PERHUBUNGAN",
        "Nama : Ani Rahayu,M.H., M.P.", "Jabatan : Kepala Dinas Perhubungan",
        "selanjutnya disebut pihak pertama",
        "Nama : SUTRISNO, S.H.", "Jabatan : Gubernur",
        "selaku atasan pihak pertama, selanjutnya disebut pihak kedua",
        "Kota Contoh, 2 Januari 2025", "PIHAK KEDUA, PIHAK PERTAMA,",
        "SUTRISNO, S.H.", "Ani Rahayu,M", "NIP, 19670920195 2457yb)",
        "LAMPIRAN PERJANJIAN KINERJA", "No Sasaran Indikator Target",
        "SUTRISNO, S.H.", "Ani Rahayu,M.H., M.P.", "NIP. 196709201992082010"])
    got = extract_metadata([text])
    assert (got["signatory_name"], got["signatory_nip"]) == ("Ani Rahayu,M.H., M.P.", "196709201992082010")


def test_a_long_name_wrapped_before_its_last_word():
    # the name in capitals runs over two lines under the position that closes with a comma
    text = ("KEPUTUSAN KEPALA DINAS\nNOMOR : 1/2024\nTENTANG\nIKU\nMenimbang : bahwa\n"
            "Ditetapkan di Kota Contoh\npada tanggal 22 Januari 2024\nKEPALA DINAS PARIWISATA DAN\n"
            "KEBUDAYAAN PROVINSI CONTOH,\nHj. ANAK AGUNG AYU SEKAR\nWIDIASTUTI,M.P.\nPembina Utama Muda\n"
            "NIP : 19820205 200809 1 007")
    assert extract_metadata([text])["signatory_name"] == "Hj. ANAK AGUNG AYU SEKAR WIDIASTUTI,M.P."


def test_an_underlined_name_whose_degrees_a_scan_read_under_the_nip():
    """A scan reads an underlined name's degrees apart, lower, and puts them under the NIP
    ("Wahyu Maulana," / "NIP ..." / "M.Si."): the line over the NIP that closes with a comma is
    then the name, not a position; the position's first line, garbled by the pen ("Plt. K"
    read "Pit. K"), is none."""
    text = ("KEPUTUSAN KEPALA BADAN\nNOMOR : 1/2024\nTENTANG\nIKU\nMenimbang : bahwa\n"
            "Ditetapkan di Kota Contoh\na tanggal 21 Juni 2024\nPit. K\nANA BADAN PENANGGULANGAN\n"
            "NCWNA DAERAH PROVINSI CONTOH,\nAdi Nugroho,\nNIP. 19750823 199808 2 010\nM.Si.")
    got = extract_metadata([text])
    assert (got["signatory_name"], got["signatory_nip"]) == ("Adi Nugroho, M.Si.", "197508231998082010")
    # a position closing with a comma over the NIP, with no degrees under it, stays a position
    text = ("KEPUTUSAN KEPALA BADAN\nNOMOR : 1/2024\nTENTANG\nIKU\nMenimbang : bahwa\n"
            "Ditetapkan di Kota Contoh\npada tanggal 21 Juni 2024\nAdi Nugroho\nKEPALA BADAN,\n"
            "NIP. 19750823 199808 2 010\nLampiran")
    assert extract_metadata([text])["signatory_name"] == "Adi Nugroho"
