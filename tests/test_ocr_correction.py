"""Text-only rules of the OCR post-correction (extractors/ocr_correction.py): each one met on
a scanned holdout document, each safe on the words of the gold texts (a word of a gold text
fed to the correction at any confidence comes back unchanged)."""
from __future__ import annotations

import pytest

from iku.extractors.ocr_correction import (correct_token, derived_word, fix_percent, rejoin_broken_words,
                                          restore_label_colons, split_joined)


@pytest.mark.parametrize("text, fixed", [
    # an underlined label: its colon runs into the rule and is read as dots
    ("Rumus Perhitungan...\nTarget Kegiatan / Capaian", "Rumus Perhitungan :\nTarget Kegiatan / Capaian"),
    ("Non Kumulatif\nSumber data.. Bidang Sosial", "Non Kumulatif\nSumber data : Bidang Sosial"),
    ("Rumus Perhitungan :. A / B", "Rumus Perhitungan : A / B"),
    # a speck above the line before the colon read as a quote
    ("A / B x 100%\nTipe Perhitungan': Non-Kumulatif", "A / B x 100%\nTipe Perhitungan : Non-Kumulatif"),
    ("Rumus..\nA / B", "Rumus :\nA / B"),
    # a speck at the line start read as a mark before the label
    ("pada tahun n\n.Makna Indikator : Peserta kegiatan", "pada tahun n\nMakna Indikator : Peserta kegiatan"),
    # a label's long word misread by one glyph, its colon lost too
    ("• Sumber data : Bidang X\n• Formutasi Penghitungan Jumlah penyandang",
     "• Sumber data : Bidang X\n• Formulasi Penghitungan : Jumlah penyandang"),
    ("Rumus Perhitumgan : A / B", "Rumus Perhitungan : A / B"),
])
def test_label_colon_read_as_marks_or_after_a_speck_is_put_back(text, fixed):
    out, fixes = restore_label_colons(text)
    assert out == fixed and fixes


@pytest.mark.parametrize("text", ["Rumus Perhitungan : A / B", "Rumus Perhitungan: A / B", "Rumus :\nA / B",
                                  "Sumber dana : APBD",
                                  "Makna Indikator : ok\nRumus Perhitungan :\nA / B"])
def test_a_label_with_its_colon_is_left_as_printed(text):
    assert restore_label_colons(text) == (text, [])


@pytest.mark.parametrize("word, fixed", [("Jumlah.indikator", "Jumlah indikator"), ("sarana.prasarana", "sarana prasarana"),
                                         ("Perlindungandan", "Perlindungan dan"), ("yangmendapatkan", "yang mendapatkan"),
                                         ("SertifikatKompetensi", "Sertifikat Kompetensi"),
                                         ("melaksanakanminimal", "melaksanakan minimal")])
def test_two_words_run_together_or_joined_by_a_speck_are_parted(word, fixed):
    assert correct_token(word, 96.0) == fixed


@pytest.mark.parametrize("word, fixed", [
    # a dotted line through a line of print shows between the words only: its dots read as the spaces
    ("Kuasa.BUD.menerbitkan.SP2D.paling.lama..", "Kuasa BUD menerbitkan SP2D paling lama.."),
    ("data.dan.informasi", "data dan informasi"),
    # a web address, an abbreviated title, a number, two parts only: as printed
    ("www.bps.go.id", None), ("S.Sos.M.Si", None), ("1.234.567", None), ("a.n.", None), ("Kab.Barat", None)])
def test_words_joined_by_a_dotted_lines_dots_are_parted(word, fixed):
    assert correct_token(word, 96.0) == fixed


@pytest.mark.parametrize("word", ["Kab.Kutai", "Sub.Bagian", "S.Sos", "M.AP", "BAN.S/M", "antarwilayah", "pascabencana",
                                  "penanggungjawab", "Kesejahteraan", "RDTRyang"])
def test_abbreviations_bound_forms_and_known_words_are_not_parted(word):
    assert split_joined(word) is None


@pytest.mark.parametrize("word, fixed", [("sosia!", "sosial"), ("hasi!", "hasil"), ("Sosia!,", "Sosial,"), ("kecil!", "kecil"), ("LAPOR!", None)])
def test_an_l_read_as_exclamation_mark_is_put_back(word, fixed):
    assert correct_token(word, 96.0) == fixed


@pytest.mark.parametrize("word", ["triwulanan", "berumah", "tindakan", "penyerapan", "berhubungan", "penghasilan", "didaerah"])
def test_a_lexicon_word_with_indonesian_affixes_is_a_word_not_a_misreading(word):
    """A word the lexicon does not know that is a lexicon word with prefixes and suffixes
    is no misreading: it is never corrected into another word."""
    assert derived_word(word)
    assert correct_token(word, 30.0) is None


@pytest.mark.parametrize("word, fixed", [("Jumiah", "Jumlah"), ("Perhitunaan", "Perhitungan"),
                                         ("kesejahteraam,", "kesejahteraan,"), ("KINERIA", "KINERJA")])
def test_misreadings_are_still_corrected(word, fixed):
    assert correct_token(word, 60.0) == fixed


@pytest.mark.parametrize("word, fixed", [("kinenja", "kinerja"), ("Puskesinas", "Puskesmas"), ("kebjjakan", "kebijakan"),
                                         ("Pehanganan", "Penanganan")])
def test_low_resolution_glyph_confusions_in_long_words_are_put_right_however_sure_the_engine(word, fixed):
    assert correct_token(word, 96.0) == fixed


@pytest.mark.parametrize("word, fixed", [("Rasionalisast", "Rasionalisasi"), ("kontribusf", "kontribusi"),
                                         ("Kumulatit", "Kumulatif"), ("hesehatan", "kesehatan"),
                                         ("pemeriksadn", "pemeriksaan"), ("pelavanan", "pelayanan"),
                                         ("beryalan", "berjalan"), ("Stabtlize", "Stabilize"), ("Maxtmize", "Maximize")])
def test_a_blurred_serif_faces_glyph_slips_in_long_words_are_put_right_however_sure_the_engine(word, fixed):
    assert correct_token(word, 96.0) == fixed


@pytest.mark.parametrize("word, fixed", [("LKj1P", "LKjIP"), ("SAK1P", "SAKIP"), ("Jum1ah", "Jumlah")])
def test_a_one_read_for_a_letter_is_the_letter_in_place(word, fixed):
    assert correct_token(word, 96.0 if word != "Jum1ah" else 50.0) == fixed


@pytest.mark.parametrize("word", ["format", "pedagang", "terlibat", "menyandang"])
def test_real_words_one_glyph_from_a_lexicon_word_stay(word):
    assert correct_token(word, 96.0) is None


@pytest.mark.parametrize("word", ["seni", "diri", "dini"])
def test_low_resolution_confusions_leave_short_words_alone(word):
    assert correct_token(word, 96.0) is None


def test_a_one_word_label_before_a_parenthesis_gets_its_lost_colon_back():
    text = "Rasionalisasi : Indikator ini dipilih\nkebutuhan dasar.\nFormula (Jumlah PPKS yang\nmemperoleh) x 100%"
    out, fixes = restore_label_colons(text)
    assert out == text.replace("Formula (", "Formula : (")
    assert [f["original"] for f in fixes] == ["Formula"]  # the label printed with its colon is no fix


@pytest.mark.parametrize("token, before, fixed", [("1009", "x", "100%"), ("x1009", "", "x100%"), ("Ye", "65", "%")])
def test_percent_sign_read_as_a_nine_after_the_times_sign_or_as_ye_after_a_number(token, before, fixed):
    assert fix_percent(token, before) == fixed


def test_a_number_ending_in_nine_is_no_percent_sign():
    assert fix_percent("1009", "") is None and fix_percent("2009", "x") is None


@pytest.mark.parametrize("text, fixed", [("izin lingk ungan", "izin lingkungan"),
                                         ("Program Duku ngan Manajemen", "Program Dukungan Manajemen")])
def test_a_word_broken_at_a_space_read_inside_it_is_joined(text, fixed):
    assert rejoin_broken_words(text)[0] == fixed


@pytest.mark.parametrize("text", ["di kembangkan", "kualitas pelayanan", "Kota Dumai", "IKU 2.2", "tat kelola"])
def test_words_of_their_own_and_function_words_are_not_joined(text):
    assert rejoin_broken_words(text) == (text, [])


@pytest.mark.parametrize("word, fixed", [("in", "ini"), ("mi", "ini"), ("mi,", "ini,")])
def test_a_short_frequent_word_misread_as_no_word_is_put_right(word, fixed):
    assert correct_token(word, 96.0) == fixed


class _Read:
    def __init__(self, text: str):
        self.text, self.conf, self.original = text, 95.0, None
        self.x0 = self.top = 0.0
        self.x1 = self.bottom = 10.0


@pytest.mark.parametrize("line, fixed", [
    # the percent sign after "x 100" read apart from it as "96"
    ("PSKS / semua PSKS x 100 96", "PSKS / semua PSKS x 100 %"),
    # two numbers side by side (two target columns on one line) are numbers
    ("target 100 96", "target 100 96"),
    # a roman numeral's I read as "l" after a word a numeral follows
    ("Misi Il (Kedua):", "Misi II (Kedua):"), ("BAB lll", "BAB III"), ("Misi II", "Misi II"),
    # not after any word, and never from a digit ("Pasal 1l" may be 11)
    ("nilai Il", "nilai Il"), ("Pasal 1l", "Pasal 1l")])
def test_a_sign_read_apart_and_a_roman_numeral_read_with_ls_are_put_back(line, fixed):
    from iku.extractors.ocr_correction import correct_words

    words = [_Read(t) for t in line.split()]
    correct_words(words)
    assert " ".join(w.text for w in words) == fixed


@pytest.mark.parametrize("line, fixed", [
    # an indicator code's "1" read as "I", "l" or "|" after its prefix: codes are numbered in digits
    ("IKU I Persentase", "IKU 1 Persentase"), ("IKK l.2", "IKK 1.2"), ("IK | Nilai", "IK 1 Nilai"),
    ("IKU Il", "IKU 11"),
    # a code read right, "II" in capitals, a sasaran code, "I" after a word, and the prefix
    # in lower case (a word of a sentence) stay
    ("IKU 1", "IKU 1"), ("IKU II", "IKU II"), ("SS I", "SS I"), ("Misi I", "Misi I"), ("iku I", "iku I"),
    # the space between the prefix and its number lost
    ("IKU3 Nilai", "IKU 3 Nilai"), ("IK1.2", "IK 1.2"),
    # the space between a code and the word after it lost
    ("IKU-04NetDeath Rate", "IKU-04 NetDeath Rate"), ("IKU1.2Persentase", "IKU 1.2 Persentase"),
    ("IKU-4Ab", "IKU-4Ab"),
    # acronyms and words that open with a prefix, and sasaran codes, stay
    ("IKSI", "IKSI"), ("IKI", "IKI"), ("IKUl", "IKUl"), ("SS3.", "SS3."), ("IKU-3", "IKU-3")])
def test_an_indicator_codes_one_read_as_an_i_like_glyph_is_a_digit(line, fixed):
    from iku.extractors.ocr_correction import correct_words

    words = [_Read(t) for t in line.split()]
    correct_words(words)
    assert " ".join(w.text for w in words) == fixed


def test_the_lexicon_build_drops_heads_of_words_a_narrow_cell_broke():
    """A header cell too narrow for its word breaks it anywhere, with no hyphen
    ("REALISA" / "SI"): the head is no word, and OCR correction must not trust a
    misread header ("Realisai") as one."""
    import collections
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "build_ocr_lexicon", Path(__file__).resolve().parents[1] / "tools" / "build_ocr_lexicon.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    counts: collections.Counter = collections.Counter()
    breaks = build.count_words("TARGET REALISA\r\nSI CAPAIAN\nrealisasi anggaran\nrealisasi fisik\n"
                               "nilai kota\nini", counts)
    build.drop_fragments(counts, breaks)
    assert "realisa" not in counts and counts["realisasi"] == 3
    # a whole word at a line's end followed by a short word stays
    assert counts["kota"] == 1 and counts["nilai"] == 1


@pytest.mark.parametrize("word, fixed", [("Realisai", "Realisasi"), ("Capaia", "Capaian")])
def test_a_header_word_read_one_glyph_short_is_the_word(word, fixed):
    assert correct_token(word, 0.5) == fixed


def test_a_percent_sign_alone_read_with_its_ring_as_a_six():
    """A unit cell's "%" on a blurred, heavily compressed capture read as "%6": its lower
    ring read once more as a digit. Alone in its cell (or after a number) it is the sign;
    a six in a number stays."""
    from iku.extractors.ocr_correction import correct_words

    alone = [_Read("%6")]
    correct_words(alone)
    assert alone[0].text == "%" and alone[0].original == "%6"
    assert fix_percent("%6", "65") == "%"
    assert fix_percent("%6", "") is None and fix_percent("76", "65") is None


@pytest.mark.parametrize("word, fixed", [("2Q21", "2021"), ("2O24", "2024"), ("20l9", "2019"), ("(2Q21)", "(2021)")])
def test_a_year_with_a_digit_read_as_a_letter_is_the_year(word, fixed):
    assert correct_token(word, 99.0) == fixed


@pytest.mark.parametrize("word", ["2021", "2Q", "B2O1", "2QQ1", "9O99", "1O5"])
def test_no_year_is_made_of_other_words(word):
    assert correct_token(word, 99.0) is None
