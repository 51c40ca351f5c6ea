"""The OCR engines (extractors/ocr_engine.py): real engines on small rendered pages, no mocks.

Each engine reads a page of known words; Indonesian number forms come out as
printed; the "auto" choice reads a clean page with tesseract and a degraded
one with rapidocr; each engine's model is made once per process.
"""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from iku.extractors import ocr_engine
from iku.extractors.ocr import Word
from iku.extractors.ocr_engine import (Auto, RapidOcr, Tesseract, fix_separators, fold, make_engine, separator_glyph,
                                   split_point_space)
from iku.extractors.settings import OcrSettings
from conftest import needs_tesseract

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LINES = ["Persentase capaian kinerja pelayanan", "Realisasi 71,24 dan 1.234,5 atau 95,5%",
         "Target 2024 sebesar 88,75 persen", "Indeks Kepuasan Masyarakat 3,12"]
NUMBERS = ["71,24", "1.234,5", "95,5%", "2024", "88,75", "3,12"]

pytestmark = needs_tesseract


def _page(lines=LINES, size=36) -> np.ndarray:
    """A 300 dpi-like page strip: DejaVu Sans at ~9 pt."""
    img = Image.new("L", (1700, 110 + 80 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), size)
    for i, line in enumerate(lines):
        draw.text((80, 60 + 80 * i), line, font=font, fill=0)
    return np.array(img)


def _degraded(img: np.ndarray, seed: int = 0) -> np.ndarray:
    """A poor copy: ~120 dpi, blurred, grey toner on grey paper, noise, JPEG at 30, scaled back."""
    rng = np.random.default_rng(seed)
    small = cv2.resize(img, None, fx=0.4, fy=0.4, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (3, 3), 0.9)
    small = np.clip(small.astype(float) * 0.75 + 40 + rng.normal(0, 28, small.shape), 0, 255).astype(np.uint8)
    _, buf = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 30])
    return cv2.resize(cv2.imdecode(buf, 0), (img.shape[1], img.shape[0]), interpolation=cv2.INTER_LINEAR)


@pytest.fixture(scope="module")
def clean() -> np.ndarray:
    return _page()


def _texts(words: list[Word]) -> list[str]:
    return [w.text for w in words]


def _check_shape(words: list[Word], image: np.ndarray) -> None:
    """What the OCR path consumes: text, confidence 0..100, a pixel box inside the image,
    line keys; in reading order (lines top to bottom)."""
    h, w = image.shape
    for wd in words:
        assert wd.text and wd.text == wd.text.strip()
        assert 0 <= wd.conf <= 100
        assert 0 <= wd.x0 < wd.x1 <= w + 1 and 0 <= wd.top < wd.bottom <= h + 1
        assert isinstance(wd.block, int) and isinstance(wd.line, int)
    tops = [wd.top for wd in words]
    assert all(b >= a - 20 for a, b in zip(tops, tops[1:]))


def test_tesseract_in_process_reads_the_page(clean):
    words = Tesseract().read(clean, 3)
    _check_shape(words, clean)
    assert " ".join(_texts(words)) == " ".join(LINES)


def test_tesseract_command_gives_the_same_words(clean):
    inproc, command = Tesseract().read(clean, 3), Tesseract(in_process=False).read(clean, 3)
    assert _texts(inproc) == _texts(command)
    assert [(w.block, w.par, w.line) for w in inproc] == [(w.block, w.par, w.line) for w in command]
    for a, b in zip(inproc, command):
        assert abs(a.x0 - b.x0) <= 2 and abs(a.top - b.top) <= 2 and abs(a.conf - b.conf) <= 2


def test_rapidocr_reads_the_page_word_by_word(clean):
    words = RapidOcr().read(clean, 3)
    _check_shape(words, clean)
    assert " ".join(_texts(words)) == " ".join(LINES)
    # a word box per word, left to right on its line
    line = [w for w in words if w.block == words[0].block]
    assert _texts(line) == LINES[0].split()
    assert all(a.x1 <= b.x0 + 2 for a, b in zip(line, line[1:]))


def test_rapidocr_words_carry_their_line_s_ink(clean):
    """The detector pads a line's box by about a third of a line; each word keeps the box and
    carries the top and bottom of its line's ink (ascenders to descenders) as insets in it,
    so that the gaps between printed lines can be measured (extractors/ocr.py:to_points)."""
    from iku.extractors.ocr import to_points

    words = RapidOcr().read(clean, 3)
    ink = (clean < 160).sum(axis=1)
    for i in range(len(LINES)):
        band = np.nonzero(ink[40 + 80 * i:40 + 80 * (i + 1)])[0] + 40 + 80 * i  # the drawn line's ink rows
        line = [w for w in words if band[0] - 10 <= (w.top + w.bottom) / 2 <= band[-1] + 10]
        assert line
        for pt in to_points(line, 1.0):
            assert abs(pt["ink_top"] - band[0]) <= 3 and abs(pt["ink_bottom"] - (band[-1] + 1)) <= 3, \
                (pt["text"], pt["ink_top"], pt["ink_bottom"], band[0], band[-1])
            assert pt["top"] <= pt["ink_top"] < pt["ink_bottom"] <= pt["bottom"]


@pytest.mark.parametrize("engine", ["tesseract", "rapidocr"])
def test_number_forms_kept(clean, engine):
    words = make_engine(OcrSettings(engine=engine)).read(clean, 3)
    for number in NUMBERS:
        assert number in _texts(words)


def test_auto_reads_a_clean_page_with_tesseract(clean):
    for auto in (make_engine(OcrSettings(engine="auto")), make_engine(OcrSettings(engine="auto", auto_regions=True))):
        words = auto.read(clean, 3)
        assert auto.chosen.name == "tesseract" and auto.counts["reread"] == 0
        assert " ".join(_texts(words)) == " ".join(LINES)
        # the page's later reads stay with the choice
        auto.read(clean[:200], 6)
        assert auto.chosen.name == "tesseract"


def test_auto_reads_a_degraded_page_with_rapidocr(clean):
    poor = _degraded(clean)
    auto = make_engine(OcrSettings(engine="auto"))
    words = auto.read(poor, 3)
    assert auto.first_conf < OcrSettings().auto_min_conf
    assert auto.chosen.name == "rapidocr"
    # the words of the degraded page come through (numbers aside: see the separator tests)
    text = " ".join(_texts(words))
    for word in ("Persentase", "capaian", "kinerja", "Target", "sebesar", "Kepuasan", "Masyarakat"):
        assert word in text


def test_auto_regions_reads_the_unsure_lines_of_a_degraded_page_with_rapidocr(clean):
    poor = _degraded(clean)
    auto = make_engine(OcrSettings(engine="auto", auto_regions=True))
    words = auto.read(poor, 3)
    assert auto.first_conf < OcrSettings().auto_min_conf
    assert auto.chosen.name == "rapidocr" and auto.counts["reread"] > 0
    _check_shape([w for w in words if w.block >= ocr_engine.REREAD_BLOCK], poor)
    h, w = poor.shape
    assert all(0 <= wd.x0 < wd.x1 <= w + 1 and 0 <= wd.top < wd.bottom <= h + 1 for wd in words)
    # the two engines misread different letters of the page: one word may stay misread
    text = " ".join(_texts(words))
    wanted = ("Persentase", "capaian", "kinerja", "pelayanan", "Target", "sebesar", "Kepuasan", "Masyarakat")
    assert sum(word in text for word in wanted) >= len(wanted) - 1


def test_auto_regions_keeps_tesseract_words_where_both_engines_read_the_same(clean):
    # a line tesseract reads unsurely but right keeps tesseract's words and word spaces
    # (rapidocr drops the space after a point: "NIP.1970...")
    page = _page(["NIP. 197604182002121003", "Realisasi 71,24 persen"])
    auto = Auto(min_conf=101, word_conf=101, page_conf=101, regions=True)  # every line unsure
    words = auto.read(page, 3)
    assert _texts(words) == ["NIP.", "197604182002121003", "Realisasi", "71,24", "persen"]
    assert all(w.block < ocr_engine.REREAD_BLOCK for w in words)


def _placed(text, x0, top, x1, bottom, line=1, conf=95.0, block=1):
    return Word(text=text, conf=conf, x0=x0, top=top, x1=x1, bottom=bottom, block=block, par=1, line=line)


def test_a_box_over_two_close_lines_is_cut_between_them():
    # the detector joins lines set close into one box ("Target" over "2024"): it is cut
    # between the tesseract lines it holds, or where the ink thins out between them
    lines = ["Target capaian", "2024 sebesar"]
    img = Image.new("L", (700, 160), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), 36)
    for i, line in enumerate(lines):
        draw.text((40, 30 + 44 * i), line, font=font, fill=0)
    page = np.array(img)
    quad = ocr_engine._rect(30, 25, 400, 125)
    words = [_placed("Target", 40, 38, 160, 75, line=1), _placed("2024", 40, 82, 130, 118, line=2)]
    for given in (words, []):
        parts = ocr_engine.split_lines(page, quad, given, 38.0)
        assert len(parts) == 2
        (_, a0, _, a1), (_, b0, _, b1) = (ocr_engine._box(q) for q in parts)
        assert a0 <= 56 <= a1 <= 82 and a1 <= b0 + 1 and b0 <= 100 <= b1
    # a box of one line stays as it is
    assert len(ocr_engine.split_lines(page, ocr_engine._rect(30, 28, 400, 76), words, 38.0)) == 1


def test_a_mark_at_a_word_end_only_the_recogniser_reads_is_dropped():
    page = np.full((100, 600), 255, dtype=np.uint8)
    old = [_placed("sarana", 10, 20, 120, 50, line=3, block=2), _placed("aparatur", 130, 20, 260, 50, line=3, block=2)]
    new = [_placed("sarana", 10, 5, 120, 60, block=10001), _placed("aparatur.", 130, 5, 275, 60, block=10001)]
    fitted = ocr_engine.fit_reading(page, new, old, (5, 5, 280, 60), 30.0)
    assert [w.text for w in fitted] == ["sarana", "aparatur"]
    # the words take the line of the words they replace: its keys, its top and bottom
    assert all((w.block, w.line, w.top, w.bottom) == (2, 3, 20, 50) for w in fitted)
    # a point tesseract read too stays; so does a list number opening the line
    old = [_placed("(IKTL)", 10, 20, 100, 50), _placed(".", 104, 44, 108, 50)]
    assert [w.text for w in ocr_engine.fit_reading(page, [_placed("(IKTL).", 10, 5, 110, 60)], old,
                                                   (5, 5, 115, 60), 30.0)] == ["(IKTL)."]
    # a word tesseract read surely keeps tesseract's text; its unsure words take rapidocr's
    old = [_placed("Tujuan", 10, 20, 110, 50, conf=96), _placed("Meningkatnva", 120, 20, 300, 50, conf=71)]
    new = [_placed("Tujun", 10, 5, 110, 60), _placed("Meningkatnya", 120, 5, 300, 60)]
    assert [w.text for w in ocr_engine.fit_reading(page, new, old, (5, 5, 305, 60), 30.0, sure=90)] == [
        "Tujuan", "Meningkatnya"]
    new = [_placed("3.", 0, 5, 20, 60), _placed("Luas", 30, 5, 90, 60)]
    assert [w.text for w in ocr_engine.fit_reading(page, new, [_placed("'Luas", 10, 20, 90, 50)],
                                                   (0, 5, 95, 60), 30.0)] == ["3.", "Luas"]


def test_an_unsure_lexicon_word_of_tesseract_beats_a_recogniser_word_the_lexicon_does_not_know():
    # the recogniser drops letters ("Tujun", "Tota"); tesseract's unsure reading of the same
    # place is kept when it is a lexicon word and the recogniser's is not, never the other way
    page = np.full((100, 600), 255, dtype=np.uint8)
    old = [_placed("Tujuan", 10, 20, 110, 50, conf=70), _placed("Meningkatnva", 120, 20, 300, 50, conf=71)]
    new = [_placed("Tujun", 10, 5, 110, 60), _placed("Meningkatnya", 120, 5, 300, 60)]
    assert [w.text for w in ocr_engine.fit_reading(page, new, old, (5, 5, 305, 60), 30.0, sure=90)] == [
        "Tujuan", "Meningkatnya"]
    # a reading below 50 is no evidence
    old[0].conf = 40
    new = [_placed("Tujun", 10, 5, 110, 60), _placed("Meningkatnya", 120, 5, 300, 60)]
    assert [w.text for w in ocr_engine.fit_reading(page, new, old, (5, 5, 305, 60), 30.0, sure=90)][0] == "Tujun"


def test_a_recognised_word_takes_its_least_sure_character_s_confidence():
    class Info:  # what rapidocr gives a line: a column and a confidence a character (spaces too)
        word_cols = [[0, 2, 4, 6, 8, 10], [14, 16, 18], [22, 24, 26, 28, 30, 32, 34, 36]]
        line_txt_len = 40
        confs = [0.99] * 6 + [1.0] + [0.98] * 3 + [1.0] + [0.99, 0.99, 0.99, 0.57, 0.99, 0.99, 0.99, 0.99]
    words = ocr_engine._line_words("sampah dan retrbusi", Info(), (0, 0, 400, 40), 0.97, 10001)
    assert [(w.text, w.conf) for w in words] == [("sampah", 97.0), ("dan", 97.0), ("retrbusi", 57.0)]
    Info.confs = []  # no confidences: the line's score
    assert {w.conf for w in ocr_engine._line_words("sampah dan retrbusi", Info(), (0, 0, 400, 40), 0.97, 1)} == {97.0}


def _inked_line(cols, unit, width, gap_ink=()):
    """A grey line image with a glyph-wide block of ink at each character column's middle
    (and at the columns `gap_ink`: a glyph the recogniser dropped)."""
    page = np.full((40, width), 255, dtype=np.uint8)
    for c in list(cols) + list(gap_ink):
        mid = int((c + 0.5) * unit)
        page[10:30, mid - 8:mid + 8] = 0
    return page


def test_a_word_read_over_a_wide_blank_gap_is_two_words():
    # a table without rules: two cells read with no space between them ("Persen61,80",
    # "Nilai7981"); the recogniser's columns step 7 to 15 where its pitch is 2 or 3, and the
    # paper between them is blank: two words, placed apart
    class Info:
        word_cols = [[4, 7, 9, 11, 14, 16], [23, 26, 28, 30, 33]]
        line_txt_len = 40
        confs = []
    page = _inked_line([c for wc in Info.word_cols for c in wc], 10, 400)
    words = ocr_engine._line_words("Persen61,80", Info(), (0, 0, 400, 40), 0.97, 1, page)
    assert [w.text for w in words] == ["Persen", "61,80"]
    assert words[0].x1 < words[1].x0
    Info.word_cols = [[5, 7, 9, 11, 13], [25, 28], [43, 46]]
    page = _inked_line([c for wc in Info.word_cols for c in wc], 10, 500)
    assert [w.text for w in ocr_engine._line_words("Nilai7981", Info(), (0, 0, 500, 40), 0.97, 1, page)] == [
        "Nilai", "79", "81"]
    # without the image, or with ink in the gap (a letter the recogniser dropped), one word
    assert [w.text for w in ocr_engine._line_words("Nilai7981", Info(), (0, 0, 500, 40), 0.97, 1)] == ["Nilai7981"]
    Info.word_cols = [[4, 7, 9, 11, 14, 16], [23, 26, 28, 30, 33]]
    page = _inked_line([c for wc in Info.word_cols for c in wc], 10, 400, gap_ink=[19.5])
    assert [w.text for w in ocr_engine._line_words("Persen61,80", Info(), (0, 0, 400, 40), 0.97, 1, page)] == [
        "Persen61,80"]


def test_a_number_or_a_spaced_reading_is_never_cut_at_a_wide_gap():
    # a number keeps its digits, separators and percent sign whatever the steps between them
    class Info:
        word_cols = [list(range(0, 20, 2)), [24, 34, 36, 38, 48, 50, 52], [58, 60, 70, 72, 82]]
        line_txt_len = 90
        confs = []
    page = _inked_line([c for wc in Info.word_cols for c in wc], 10, 900)
    words = ocr_engine._line_words("Persentase 1.234,5 95,5%", Info(), (0, 0, 900, 40), 0.97, 1, page)
    assert [w.text for w in words] == ["Persentase", "1.234,5", "95,5%"]
    # a reading with its spaces keeps its words and their confidences
    class Spaced:
        word_cols = [[0, 2, 4, 6, 8, 10], [14, 16, 18], [22, 24, 26, 28, 30, 32, 34, 36]]
        line_txt_len = 40
        confs = [0.99] * 6 + [1.0] + [0.98] * 3 + [1.0] + [0.99, 0.99, 0.99, 0.57, 0.99, 0.99, 0.99, 0.99]
    page = _inked_line([c for wc in Spaced.word_cols for c in wc], 10, 400)
    words = ocr_engine._line_words("sampah dan retrbusi", Spaced(), (0, 0, 400, 40), 0.97, 1, page)
    assert [(w.text, w.conf) for w in words] == [("sampah", 97.0), ("dan", 97.0), ("retrbusi", 57.0)]


def test_a_line_opening_with_a_lone_point_is_read_again():
    # tesseract reads a list number "2." as "." (the digit dropped), surely, before sure words
    auto = Auto(regions=True)
    assert auto._unsure([_placed(".", 0, 40, 5, 45, conf=92), _placed("Mengukur", 20, 20, 150, 50, conf=96)])
    assert not auto._unsure([_placed("Mengukur", 20, 20, 150, 50, conf=96), _placed("kualitas", 160, 20, 260, 50)])
    assert not auto._unsure([_placed("-", 0, 30, 10, 35, conf=92), _placed("Mengukur", 20, 20, 150, 50, conf=96)])


def test_region_edges_move_out_to_blank_rows():
    dark = np.zeros((200, 200), dtype=bool)
    dark[40:70, 50:150] = True  # a line the region's top edge cuts through
    assert ocr_engine.snap_to_blank(dark, (60, 55, 140, 120), 30) == (49, 39, 151, 120)
    assert ocr_engine.snap_to_blank(dark, (60, 80, 140, 120), 30) == (60, 80, 140, 120)


def test_ink_no_word_covers_is_found(clean):
    # text a first reading passed over (here: the words of the second line left out)
    # comes back as a region to read again; the words read cover the rest of the page
    words = Tesseract().read(clean, 3)
    assert ocr_engine.uncovered(clean, words, 40.0) == []
    second = {w.line for w in words if w.text == "Realisasi"}, {w.block for w in words if w.text == "Realisasi"}
    kept = [w for w in words if not (w.block in second[1] and w.line in second[0])]
    found = ocr_engine.uncovered(clean, kept, 40.0)
    assert found and all(130 <= (y0 + y1) / 2 <= 190 for _, y0, _, y1 in found)


def test_models_made_once_per_process(clean):
    for _ in range(3):
        for name in ("tesseract", "rapidocr", "auto"):
            make_engine(OcrSettings(engine=name)).read(clean[:150], 6)
    Auto().read(clean[:150], 3)
    assert ocr_engine.CONSTRUCTED["tesseract"] <= 1
    assert ocr_engine.CONSTRUCTED["rapidocr"] <= 1
    # one line a recognition batch: a batch is padded to its widest line (memory)
    assert ocr_engine._rapid_model().text_rec.rec_batch_num == 1


def test_settings_choose_the_engine():
    assert isinstance(make_engine(OcrSettings(engine="tesseract")), Tesseract)
    assert isinstance(make_engine(OcrSettings(engine="rapidocr")), RapidOcr)
    assert isinstance(make_engine(OcrSettings(engine="auto")), Auto)
    with pytest.raises(ValueError):
        OcrSettings(engine="easyocr")
    with pytest.raises(ValueError):
        OcrSettings(auto_min_conf=120)


def test_fold_gives_plain_latin_text():
    assert fold("Mabé") == "Mabe"
    assert fold("Bontäng") == "Bontang"
    assert fold("Realisası") == "Realisasi"
    assert fold("（%）：") == "(%):"
    # letters with a stroke NFKD keeps whole: a speck on an "h" read as "ħ"
    assert fold("daeraħ") == "daerah"


def _number_image(text: str, size: int = 40) -> tuple[np.ndarray, tuple]:
    img = Image.new("L", (400, 120), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), size)
    draw.text((40, 30), text, font=font, fill=0)
    x0, y0, x1, y1 = draw.textbbox((40, 30), text, font=font)
    return np.array(img), (x0, y0 - 4, x1, y1 + 4)


def _word(text: str) -> Word:
    return Word(text=text, conf=95, x0=0, top=0, x1=10, bottom=10)


def test_comma_tail_seen_on_the_page():
    img, box = _number_image("71,24")
    assert separator_glyph(img, box, "71.24") == ","
    img, box = _number_image("71.24")
    assert separator_glyph(img, box, "71.24") is None  # a point proves nothing


def test_points_of_a_comma_page_are_commas():
    # the page reads its decimals with commas: the points of the same shape were commas
    words = [_word(t) for t in ("80,00", "84.00", "75.50", "95.5%", "1.234", "1.1", "2024")]
    fix_separators(words)
    assert [w.text for w in words] == ["80,00", "84,00", "75,50", "95.5%", "1.234", "1.1", "2024"]
    assert words[1].original == "84.00"


def test_points_of_a_point_page_stay():
    words = [_word(t) for t in ("61.53", "61.79", "1.234,5")]
    fix_separators(words)
    assert [w.text for w in words] == ["61.53", "61.79", "1.234,5"]


def test_the_number_of_a_printed_code_keeps_its_point():
    # "IK 1.1" beside the page's comma decimals ("62,3"): an outline number, not a decimal comma
    # read as a point; glued to its letters too ("IKU2.1"); a number after other words still is
    line = [("IK", 10), ("1.1", 30), ("62,3", 200), ("IKU2.1", 300), ("Nilai", 400), ("84.5", 440)]
    words = [Word(text=t, conf=90.0, x0=x, top=0, x1=x + 15, bottom=10, block=1, par=1, line=1) for t, x in line]
    fix_separators(words)
    assert [w.text for w in words] == ["IK", "1.1", "62,3", "IKU2.1", "Nilai", "84,5"]


def test_a_comma_tail_makes_a_comma():
    words = [_word("95.5%")]
    words[0].extra["comma"] = True
    fix_separators(words)
    assert words[0].text == "95,5%"


@pytest.mark.parametrize("read, words", [("sarana.prasarana", ["sarana", "prasarana"]),
                                         ("Persentase.penyandang", ["Persentase", "penyandang"]),
                                         ("Kab.Kutai", ["Kab.Kutai"]), ("M.Si", ["M.Si"]), ("1.234", ["1.234"]),
                                         ("bps.go.id", ["bps.go.id"]), ("www.bps", ["www.bps"])])
def test_word_space_read_as_a_point(read, words):
    parts = split_point_space(read, (0, 0, 160, 20))
    assert [t for t, _ in parts] == words
    assert parts[0][1][0] == 0 and parts[-1][1][2] == 160


class _Fixed:
    """An engine that gives the same words for any image (the page choice sees only them)."""
    def __init__(self, name, words):
        self.name, self.words = name, words

    def read(self, image, psm):
        return list(self.words)


def _page_choice(confs: list[float]) -> str:
    auto = make_engine(OcrSettings(engine="auto"))
    words = [_placed(f"kata{i}", 10 * i, 0, 10 * i + 8, 10, conf=c) for i, c in enumerate(confs)]
    auto.tesseract, auto.accurate = _Fixed("tesseract", words), _Fixed("rapidocr", words[:1])
    auto.read(np.full((20, 20), 255, np.uint8), 3)
    return auto.chosen.name


def test_page_choice_keeps_a_clean_page_read_evenly_below_93_with_tesseract():
    # tesseract reads the right words of some clean 300 dpi fonts at 90-92 (mean 92.5 on a
    # clean holdout page): no word unsure, nothing for the accurate engine to mend
    assert _page_choice([91.0, 92.0, 91.5, 90.5] * 25) == "tesseract"


def test_page_choice_sends_a_page_with_one_word_in_twelve_unsure_to_rapidocr():
    # a 150 dpi page: the sure words lift the mean to 94, one word in twelve reads below 90
    assert _page_choice([96.0] * 11 + [70.0]) == "rapidocr"


def test_banded_detection_finds_the_lines_whole_detection_finds():
    # a tall page detected in bands (a small band forced) gives the lines of one whole
    # detection: none lost or doubled at the bands' edges
    page = _page(LINES * 6)
    model = ocr_engine._rapid_model()
    det = model.text_det
    ratio = 0.5
    det.limit_type, det.limit_side_len = "max", int(max(page.shape) * ratio)
    whole = det(cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)).boxes
    keep = ocr_engine.DET_BAND_PX
    try:
        ocr_engine.DET_BAND_PX = 100_000  # two bands (the least: twice the overlap): lines across the cut
        banded = ocr_engine.BandedDetector(det, ratio)(cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)).boxes
    finally:
        ocr_engine.DET_BAND_PX = keep
    assert len(banded) == len(whole) == len(LINES) * 6
    for a, b in zip(sorted(whole[:, 0, 1]), sorted(banded[:, 0, 1])):
        assert abs(a - b) <= 8  # a quarter of the text's height


def test_no_detector_input_is_larger_than_its_bound(monkeypatch):
    # a region a little taller than one band (within the overlap's slack) is read whole unless
    # it is over DET_BAND_MAX_PX: a wide page's region then goes in bands too, and the detector's
    # memory stays bounded (bounds scaled down here: a small page stands for a wide one)
    page = cv2.cvtColor(_page(LINES * 6), cv2.COLOR_GRAY2BGR)
    detector = ocr_engine.BandedDetector(ocr_engine._rapid_model().text_det, 0.5)
    shapes, real = [], ocr_engine._normalised

    def normalised(pre, img):
        shapes.append(img.shape[:2])  # (each band's input, at detection scale)
        return real(pre, img)

    monkeypatch.setattr(ocr_engine, "_normalised", normalised)
    detector(page)
    [(h, w)] = shapes  # the page's one inked region, read whole
    over = max(int(ocr_engine.DET_OVERLAP * 0.5) // 32 * 32, 32)
    # one band a little shorter than the region: within the slack, it is still read whole ...
    monkeypatch.setattr(ocr_engine, "DET_BAND_PX", (h - over // 2 + 32) * w)
    shapes.clear()
    detector(page)
    assert shapes == [(h, w)]
    # ... unless it is over the bound: then in bands, each under it, finding the same lines
    monkeypatch.setattr(ocr_engine, "DET_BAND_MAX_PX", h * w - 1)
    shapes.clear()
    boxes = detector(page).boxes
    assert len(shapes) >= 2 and all(a * b < h * w for a, b in shapes)
    assert len(boxes) == len(LINES) * 6


def test_detection_skips_the_paper_and_finds_the_same_lines():
    # a sheet like the page-and-cells one: text top left, a stack of cells far right, paper
    # between them and below, specks strewn over it; the detector runs on the inked parts
    # only (specks are no ink), and finds the lines one whole detection finds
    text = _page(LINES)
    sheet = np.full((1600, 4200), 255, np.uint8)
    sheet[:text.shape[0], :text.shape[1]] = text
    sheet[900:900 + text.shape[0], 2400:2400 + text.shape[1]] = text
    rng = np.random.default_rng(1)
    for y, x in zip(rng.integers(0, 1600, 60), rng.integers(0, 4200, 60)):
        if sheet[max(y - 8, 0):y + 8, max(x - 8, 0):x + 8].min() == 255:
            sheet[y:y + 2, x:x + 2] = 0  # a speck: two pixels square at 300 dpi
    ratio = 0.5
    small = cv2.resize(sheet, (2112, 800), interpolation=cv2.INTER_LINEAR)
    regions = ocr_engine.inked_regions(small)
    assert len(regions) == 2
    area = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in regions)
    assert area < 0.35 * small.size
    model = ocr_engine._rapid_model()
    det = model.text_det
    det.limit_type, det.limit_side_len = "max", int(max(sheet.shape) * ratio)
    bgr = cv2.cvtColor(sheet, cv2.COLOR_GRAY2BGR)
    whole = det(bgr).boxes
    inked = ocr_engine.BandedDetector(det, ratio)(bgr).boxes
    assert len(inked) == len(whole) == 2 * len(LINES)
    for a in whole[:, 0]:
        assert min(np.abs(inked[:, 0] - a).max(axis=1)) <= 8  # a quarter of the text's height


@pytest.mark.parametrize("evidence", ["photographed", "coarse"])
def test_a_photographed_or_coarse_page_is_read_by_the_accurate_engine(evidence):
    # a page set flat through a homography (tesseract's confidence does not tell there), a
    # 150 dpi scan (tesseract's deciding read fails on such pages): rapidocr reads it from
    # the start
    auto = ocr_engine.Auto()
    getattr(auto, evidence)()
    assert auto.chosen is auto.accurate
    # per-region mode chooses by line, and a page already read keeps its engine
    regions = ocr_engine.Auto(regions=True)
    getattr(regions, evidence)()
    assert regions.chosen is None
    read = ocr_engine.Auto()
    read.chosen = read.tesseract
    getattr(read, evidence)()
    assert read.chosen is read.tesseract


def test_only_a_photographs_perspective_counts_as_photographed():
    # a flatbed page whose rules lean apart a little fits a homography that keeps the scale
    # across the page within a few per cent; a photograph's far side shrinks
    from iku.extractors import rectify

    shape = (3500, 2480)
    assert not rectify.photographed(None, shape)
    assert not rectify.photographed(np.eye(3), shape)
    slight = np.array([[1, 0, 0], [0, 1, 0], [0, 1e-5, 1.0]])  # 1.035 across the page
    assert not rectify.photographed(slight, shape)
    tilted = np.array([[1, 0, 0], [0, 1, 0], [0, 3e-5, 1.0]])  # 1.105: a phone held at an angle
    assert rectify.photographed(tilted, shape)


def test_a_coarse_scan_is_one_of_175_dpi_or_less():
    assert OcrSettings().auto_coarse_dpi == 175.0  # 150 dpi in, 200 dpi out
    with pytest.raises(ValueError):
        OcrSettings(auto_coarse_dpi=-1)


def test_a_pages_scan_resolution_is_its_largest_images(tmp_path):
    # the image placed over most of the page tells the scan's resolution; a page with
    # only a small picture (a logo) or none has no scan resolution
    from iku.extractors import raster

    page = Image.fromarray(_page())  # 1700 px wide
    scan = tmp_path / "scan.pdf"
    page.save(scan, resolution=150.0)  # 1700 px at 150 dpi: the page is 11.3 in wide
    assert raster.scan_resolution(str(scan), 0) == pytest.approx(150.0, abs=0.5)
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    sheet = pdf.new_page(612, 792)
    logo = pdfium.PdfImage.new(pdf)
    logo.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("RGB", (100, 100), (0, 0, 0))))
    logo.set_matrix(pdfium.PdfMatrix().scale(72, 72).translate(100, 600))  # 1 in square: 100 dpi
    sheet.insert_obj(logo)
    sheet.gen_content()
    small = tmp_path / "logo.pdf"
    pdf.save(str(small))
    assert raster.scan_resolution(str(small), 0) is None


def test_the_detector_input_is_what_rapidocr_normalises():
    # the per-level table gives rapidocr's own normalisation, number for number
    from rapidocr.ch_ppocr_det.utils import DetPreProcess

    pre = DetPreProcess(736, "max", [0.5, 0.5, 0.5], [0.5, 0.5, 0.5])
    img = np.random.default_rng(3).integers(0, 256, (64, 96, 3), dtype=np.uint8)
    want = np.expand_dims(pre.permute(pre.normalize(img)), axis=0).astype(np.float32)
    got = ocr_engine._normalised(pre, img)
    assert got.dtype == np.float32 and np.array_equal(got, want)


def test_component_boxes_are_connected_components_boxes():
    # the contours' boxes are the labelled components' boxes, in their order: blobs touching
    # the image's edges, one inside another's hole, diagonal neighbours (8-connected)
    rng = np.random.default_rng(5)
    mask = (rng.random((300, 400)) < 0.02).astype(np.uint8)
    mask = cv2.dilate(mask, np.ones((3, 5), np.uint8))
    mask[100:200, 100:200] = 1
    mask[120:180, 120:180] = 0
    mask[140:160, 140:160] = 1  # in the ring's hole
    mask[0:5, 0:5] = mask[295:300, 395:400] = 1
    mask[50, 50] = mask[51, 51] = 1
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    boxes = ocr_engine.component_boxes(mask)
    assert sorted(boxes) == sorted(tuple(int(v) for v in stats[i, :4]) for i in range(1, n))
    assert boxes == sorted(boxes, key=lambda b: (b[1], b[0]))
    assert ocr_engine.component_boxes(np.zeros((10, 10), np.uint8)) == []


def test_a_column_gap_inside_a_line_box_moves_to_its_blank_ink_columns():
    # four words of one line: ink at 10-60, 66-100, 106-130 (word gaps of 6 px) and 170-200 (a
    # column gap of 40 px); the recogniser's estimates put every gap near 14 px wide
    gray = np.full((40, 220), 255, dtype=np.uint8)
    for x0, x1 in ((10, 60), (66, 100), (106, 130), (170, 200)):
        gray[10:30, x0:x1] = 0
    gray[10:30, 34] = 255  # a letter's inner gap, one column: no word gap
    parts = [("Bidang", (12, 5, 54, 35)), ("dan", (68, 5, 94, 35)), ("Rekonstruksi", (108, 5, 126, 35)),
             ("Jumlah", (140, 5, 196, 35))]
    fitted = ocr_engine.fit_word_gaps(gray, parts, (10.0, 30.0))
    # the column gap takes its ink's edges; the word gaps keep their estimates
    assert fitted[:2] == parts[:2] and fitted[2][1][2] == 130 and fitted[3][1][0] == 170
    # without the line's ink rows, or where the glyphs touch, nothing moves
    assert ocr_engine.fit_word_gaps(gray, parts, None) == parts
    touching = np.full((40, 220), 255, dtype=np.uint8)
    touching[10:30, 10:200] = 0
    assert ocr_engine.fit_word_gaps(touching, parts, (10.0, 30.0)) == parts


def test_the_detector_keeps_its_memory_through_a_read_and_gives_it_back_after(monkeypatch):
    # the detector's bands take their buffers from its session's arena (not mapped and faulted
    # in afresh each band), and the arena is shrunk once the read is over; the recogniser's
    # many small runs have no arena
    model = ocr_engine._rapid_model()
    det = model.text_det
    session = det.session.session
    assert session.get_session_options().enable_cpu_mem_arena
    assert not model.text_rec.session.session.get_session_options().enable_cpu_mem_arena
    # and no memory pattern: onnxruntime's plan for a band shape seen before took more than the
    # arena's own peak (a worker's second read of a page size over 1 GB); rapidocr's own way of
    # making sessions is given back after the detector's
    assert not session.get_session_options().enable_mem_pattern
    from rapidocr.inference_engine.onnxruntime import OrtInferSession
    assert OrtInferSession._init_sess_opts(model.cfg.EngineConfig.onnxruntime).enable_mem_pattern
    runs, real = [], session.run

    def run(names, feeds, options=None):
        runs.append(options.get_run_config_entry("memory.enable_memory_arena_shrinkage") if options else "")
        return real(names, feeds, options)

    monkeypatch.setattr(session, "run", run)
    monkeypatch.setattr(ocr_engine, "DET_BAND_PX", 100_000)  # a tall page in several bands
    ocr_engine.BandedDetector(det, 0.5)(cv2.cvtColor(_page(LINES * 6), cv2.COLOR_GRAY2BGR))
    assert len(runs) >= 3 and runs[-1] == "cpu:0" and not any(runs[:-1])


def test_the_recogniser_in_use_reads_as_the_whole_model(tmp_path, monkeypatch):
    # the recogniser's head is cut to the characters fold keeps (_kept_recogniser, built once
    # into the cache folder): on rendered lines it reads what the wheel's whole model reads,
    # each line about as sure (the CJK classes' share of a column, ~0, is all it leaves out)
    import onnxruntime as ort
    import rapidocr
    from rapidocr.ch_ppocr_rec import TextRecInput
    from rapidocr.ch_ppocr_rec.utils import CTCLabelDecode

    monkeypatch.setenv("IKU_CACHE", str(tmp_path))
    whole_path = Path(rapidocr.__file__).parent / "models" / ocr_engine.REC_MODEL
    kept = ocr_engine._kept_recogniser(whole_path)
    assert kept is not None and kept.parent == tmp_path
    assert ocr_engine._kept_recogniser(whole_path) == kept  # made once, then found
    rec = ocr_engine._rapid_model().text_rec
    whole = ort.InferenceSession(str(whole_path), providers=["CPUExecutionProvider"])
    chars = whole.get_modelmeta().custom_metadata_map["character"].splitlines()
    assert len(rec.postprocess_op.character) == sum(1 for c in chars if fold(c)) + 2  # blank and space
    decode = CTCLabelDecode(character=chars)
    page = _degraded(_page())
    crops = [cv2.cvtColor(page[50 + 80 * i:110 + 80 * i, 60:1500], cv2.COLOR_GRAY2BGR) for i in range(len(LINES))]
    in_use = rec(TextRecInput(img=crops, return_word_box=True))
    height, width = rec.rec_image_shape[1:3]
    for crop, text, score in zip(crops, in_use.txts, in_use.scores):
        x = rec.resize_norm_img(crop, max(width / height, crop.shape[1] / crop.shape[0]))[None].astype(np.float32)
        [(whole_text, whole_score)], _ = decode(whole.run(None, {whole.get_inputs()[0].name: x})[0])
        assert fold(text) == fold(whole_text) and abs(score - whole_score) < 0.01
    assert [len(t.split()) for t in in_use.txts] == [len(line.split()) for line in LINES]  # (a poor copy: a letter or two misread)


def test_the_built_recogniser_is_found_without_importing_onnx(tmp_path):
    # the model's characters (which name the cut model) are read off its bytes: a worker that
    # finds the cut model built does not import onnx (~0.6 s CPU and ~20 MB a process)
    import subprocess
    import sys

    import onnx
    import rapidocr

    whole_path = Path(rapidocr.__file__).parent / "models" / ocr_engine.REC_MODEL
    data = whole_path.read_bytes()
    assert ocr_engine._model_metadata(data) == {p.key: p.value for p in onnx.load_from_string(data).metadata_props}
    model = onnx.helper.make_model(onnx.helper.make_graph([], "g", [], []))
    onnx.helper.set_model_props(model, {"character": "a\nb\n字", "other": "x"})
    assert ocr_engine._model_metadata(model.SerializeToString()) == {"character": "a\nb\n字", "other": "x"}
    assert ocr_engine._model_metadata(b"\xff\xff\xff") == {} and ocr_engine._model_metadata(b"") == {}
    env = {**__import__("os").environ, "IKU_CACHE": str(tmp_path)}
    code = ("import sys; from pathlib import Path; from iku.extractors import ocr_engine as e; "
            f"k = e._kept_recogniser(Path({str(whole_path)!r})); print(k, 'onnx' in sys.modules)")
    built = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    found = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    path = str(next(tmp_path.glob("*-kept-*.onnx")))
    assert built.stdout.split() == [path, "True"] and found.stdout.split() == [path, "False"]


def test_a_short_crop_is_padded_to_the_recognisers_least_width_and_read_whole(monkeypatch):
    # a crop narrower than REC_MIN_W (at 48 px high) is padded to it, and short cells (a mark,
    # a unit, a lone row number, a year) are read on a poor copy. (240 columns saved ~7 % of a
    # page but read a real scan's column-number row otherwise: the padding is part of the reading)
    cells = ["%", "1", "12", "3,12", "2024", "Ya"]
    page = _degraded(_page(cells))
    quads = [np.array([[70, 50 + 80 * i], [80 + 24 * len(t) + 12, 50 + 80 * i], [80 + 24 * len(t) + 12, 110 + 80 * i],
                       [70, 110 + 80 * i]], dtype=np.float32) for i, t in enumerate(cells)]
    rec = ocr_engine._rapid_model().text_rec
    widths = []
    run = rec.session.__call__
    monkeypatch.setattr(rec, "session", lambda x: widths.append(x.shape[3]) or run(x))
    read = RapidOcr().recognise(page, quads)
    assert [" ".join(_texts(words)) for _, words in read] == cells
    assert min(widths) == ocr_engine.REC_MIN_W == 320
