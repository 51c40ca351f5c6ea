"""Table structure on scans: list marks the OCR skips (extractors/scanned.py)."""
from __future__ import annotations

import cv2
import numpy as np

from iku.extractors.components import label
from iku.extractors.ocr import Word
from iku.extractors.scanned import dash_marks, recover_dashes


def _marks(img: np.ndarray):
    img = cv2.threshold(img, 127, 255, cv2.THRESH_BINARY)[1]  # the ink mask of the drawn (anti-aliased) marks
    comps = label(img)
    alive = np.ones(comps.n, dtype=bool)
    alive[0] = False
    return dash_marks(comps.stats, alive)


def _line(text: str, x0: float, top: float) -> Word:
    return Word(text=text, conf=90.0, x0=x0, top=top, x1=x0 + 200, bottom=top + 30)


def test_bullets_the_ocr_skipped_open_their_items():
    """A bulleted cell at 300 dpi: solid dots 12 px across before the first word of
    two lines; the OCR read the words but not the dots. Each dot becomes a "•" that
    opens its line; a full stop (small, on the baseline) and a letter's bowl do not."""
    img = np.zeros((400, 800), np.uint8)
    cv2.circle(img, (106, 116), 6, 255, -1, cv2.LINE_AA)  # bullet, line 1 (words at top 100..130)
    cv2.circle(img, (106, 216), 6, 255, -1, cv2.LINE_AA)  # bullet, line 3
    cv2.circle(img, (330, 127), 3, 255, -1, cv2.LINE_AA)  # full stop after a word of line 1
    cv2.circle(img, (106, 316), 11, 255, 3, cv2.LINE_AA)  # a ring ("o") before line 4: not solid
    cv2.circle(img, (106, 176), 3, 255, -1, cv2.LINE_AA)  # a speck before line 2: too small
    words = [_line("Persentase", 130, 100), _line("lanjutan", 130, 150), _line("Jumlah", 130, 200),
             _line("Indeks", 130, 300)]
    found = recover_dashes(_marks(img), words)
    assert sorted((w.text, w.top) for w in found) == [("•", 100), ("•", 200)]


def test_dashes_still_open_their_items():
    img = np.zeros((200, 800), np.uint8)
    img[114:119, 100:115] = 255  # a 15 x 5 px dash before line 1
    found = recover_dashes(_marks(img), [_line("Persentase", 130, 100)])
    assert [w.text for w in found] == ["-"]


def _ruled(img: np.ndarray, xs, ys, value: int = 0, width: int = 3) -> None:
    for y in ys:
        cv2.line(img, (xs[0], y), (xs[-1], y), value, width)
    for x in xs:
        cv2.line(img, (x, ys[0]), (x, ys[-1]), value, width)


def test_a_rule_faded_in_a_streak_still_parts_its_cells():
    """A photocopy's toner ran thin in a streak across the table: the rule between two
    rows is light grey there, lighter than the ink cut. The light stretch between two
    pieces of the rule is rule; two rows stay two rows (and a light grey text line holds
    no rule)."""
    from iku.extractors import grid as gridmod, raster

    flat = np.full((900, 1400), 255, np.uint8)
    xs, ys = [100, 500, 900, 1300], [100, 300, 500, 700]
    _ruled(flat, xs, ys)
    flat[:, 600:720][flat[:, 600:720] < 128] = 175  # the streak: ink there is light grey
    for y in (180, 380, 580):
        cv2.putText(flat, "Persentase capaian kinerja", (120, y), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 40, 2)
    cv2.putText(flat, "teks abu-abu", (520, 250), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 200, 2)
    noise = np.random.default_rng(0).normal(0, 4, flat.shape)
    flat = np.clip(cv2.GaussianBlur(flat, (0, 0), 0.8) + noise, 0, 255).astype(np.uint8)
    t, _ = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    assert t < 170  # the ink cut leaves the streak out ...
    ink = raster.binarise(flat)
    assert ink[295:306, 610:710].max(axis=0).all()  # ... the rule's light stretch is back in
    assert not ink[215:260, 560:640].any() or ink[215:260, 520:760].sum() < ink[160:185, 120:480].sum()
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 1
    g = grids[0]
    assert (len(g.ys), len(g.xs)) == (4, 4)
    assert all(g.owner[r][c] == (r, c) for r in range(3) for c in range(3))


def test_a_rule_running_past_its_corner_still_borders_the_cells():
    """A stroke of a signature or a blot joins a row rule just past the column rule it
    ends at: the rule still meets that column rule, and the row stays parted from the
    next one in the columns it runs across."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((900, 1400), np.uint8)
    xs, ys = [100, 500, 900, 1300], [100, 300, 700]
    _ruled(ink, xs, ys, value=255)
    cv2.line(ink, (500, 500), (925, 500), 255, 3)  # the rule between rows 2 and 3 of columns 2, runs on 25 px
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 1
    g = grids[0]
    assert [round(y) for y in g.ys] == [100, 300, 500, 700]
    assert len(g.xs) == 4  # no column boundary where the rule stops
    assert g.owner[2][1] == (2, 1)  # column 2 parted at y 500 ...
    assert g.owner[2][0] == (1, 0)  # ... column 1 is one merged cell over both rows


# --------------------------------------------------------------------------- tables over scanned pages

def _scanned_page(number: int, words: list[dict]):
    """A scanned page's result as extract_page leaves it (no deskew): its borderless
    tables, the columns of one running off its foot, what a continuation is read from."""
    from iku.extractors import scanned
    from iku.extractors.borderless import find_borderless_tables
    from iku.extractors.model import PageInfo, PageKind

    for w in words:
        w.setdefault("conf", 90.0)
    tables = find_borderless_tables(None, words, number)
    for t in tables:
        scanned._as_ocr(t, words)
    scanned._attach_context(tables, words)
    return scanned.PageResult(info=PageInfo(number=number, width=842, height=595, kind=PageKind.IMAGE),
                              tables=list(tables), carry=scanned._carry_out(tables),
                              flow=scanned._Flow(words=words, strokes=[], avoid=[t.bbox for t in tables],
                                                 found=len(tables)))


def test_a_borderless_table_goes_on_over_scanned_pages_without_its_header():
    """Scanned pages are read one by one; a table drawn without rules that runs off a page
    goes on at the top of the next one under no header (and on over a third page): the
    continuations are read in the columns of the first page, page after page."""
    from iku.extractors import scanned
    from test_borderless import COLS, HEADER, lay_out, table_rows, words_of_line

    one = lay_out(COLS, [HEADER, ["1", "Sasaran satu", "Indikator satu", "%", "A / B", "Bidang A"]])
    two = words_of_line("2", 400, 20) + lay_out(COLS, [["2", "Sasaran dua", "Indikator dua", "%", "C / D", "Bidang B"]],
                                                 top=60)
    three = lay_out(COLS, [["3", "Sasaran tiga", "Indikator tiga", "%", "E / F", "Bidang C"]], top=60) \
        + words_of_line("Kepala Dinas,", 500, 200)
    pages = {1: _scanned_page(1, one), 2: _scanned_page(2, two), 3: _scanned_page(3, three)}
    assert not pages[2].tables and not pages[3].tables  # without the page before: nothing
    scanned.continue_tables(pages)
    assert table_rows(pages[2].tables) == [["2", "Sasaran dua", "Indikator dua", "%", "C / D", "Bidang B"]]
    assert table_rows(pages[3].tables) == [["3", "Sasaran tiga", "Indikator tiga", "%", "E / F", "Bidang C"]]
    assert pages[2].tables[0].starts_page and pages[2].tables[0].ends_page
    assert all(p.flow is None for p in pages.values())


def test_rows_of_a_scanned_table_ruled_between_its_rows_come_from_the_rules():
    """A table ruled between its rows only (no grid for the ruled finder) whose rows touch
    and whose sasaran is merged down: the rules found on the page image are handed to the
    borderless reader, which takes each band between two rules for a row, as it does with
    a text layer's drawn lines; without them two rows read as one."""
    from iku.extractors.borderless import find_borderless_tables
    from test_borderless import lay_out, table_rows

    cols = [40, 200, 360, 420, 600]
    rows = [["Sasaran", "Indikator Kinerja", "Satuan", "Formulasi"],
            ["Sasaran satu", "Indikator satu\nbaris dua", "Persen", "A / B"],
            ["", "Indikator dua", "", "C / D\nbaris dua"],
            ["Sasaran dua", "Indikator tiga", "Indeks", "E"]]
    words = lay_out(cols, rows, pitch=11.0, pad=2.0)
    ys = sorted({w["top"] for w in words})
    strokes = [(40, y - 1.0, 600, y - 0.5) for y in (ys[1], ys[3], ys[5])] + [(40, ys[-1] + 11, 600, ys[-1] + 11.5)]
    assert len(table_rows(find_borderless_tables(None, words, 1))) == 3  # without the rules
    assert table_rows(find_borderless_tables(None, words, 1, strokes=strokes))[1:] == [
        ["Sasaran satu", "Indikator satu baris dua", "Persen", "A / B"],
        ["", "Indikator dua", "", "C / D baris dua"],
        ["Sasaran dua", "Indikator tiga", "Indeks", "E"]]


def test_a_pen_stroke_read_as_a_word_is_dropped():
    """A tick or a signature's flourish over a scanned table reads as a short unsure word
    much taller than the print ("Wt" over a header): it is dropped, so that it opens no
    column of its own; short printed words ("No.", "%", "IKU"), sure tall words and long
    words stay."""
    from iku.extractors.ocr import drop_pen_marks

    def word(text, conf, height, x=0.0):
        return Word(text=text, conf=conf, x0=x, top=100.0, x1=x + 40, bottom=100.0 + height)

    page = [word("Persentase", 95, 30) for _ in range(20)] + [word("IKU", 36, 64),
        word("No.", 96, 28), word("%", 60, 30), word("Wt", 55, 52), word("TV", 69, 64),
        word("SAKIP", 50, 60), word("2025", 98, 55)]
    cell = [word("IKU", 90, 30), word("v", 40, 70)]
    alone = [word("NAS", 30, 70)]  # the only word of a cell: a label set large
    drop_pen_marks([page, cell, alone])
    assert [w.text for w in page[20:]] == ["IKU", "No.", "%", "SAKIP", "2025"]
    assert [w.text for w in cell] == ["IKU"] and [w.text for w in alone] == ["NAS"]


def _page_with_streak(fade: float):
    """A ruled table of text at 300 dpi, its ink darkened `fade` times over a band of
    columns (a photocopy's toner streak down the sheet): the column rule at x=650 lies in it."""
    flat = np.full((1200, 1400), 250, np.uint8)
    xs, ys = [100, 400, 650, 1000, 1300], [100, 300, 500, 700, 900, 1100]
    _ruled(flat, xs, ys, value=30)
    for y in ys[:-1]:
        for x in xs[:-1]:
            for k in range(3):
                cv2.putText(flat, "Persentase", (x + 15, y + 50 + 45 * k), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 30, 2)
    dark = 255.0 - flat.astype(np.float32)
    dark[:, 600:700] *= fade
    noise = np.random.default_rng(0).normal(0, 3, flat.shape)
    return np.clip(cv2.GaussianBlur(255.0 - dark, (0, 0), 0.8) + noise, 0, 255).astype(np.uint8)


def test_a_toner_streak_down_the_page_is_evened_out():
    """The toner ran thin down a band of the sheet: the column rule in it and the
    letters it crosses are lighter than the ink cut, so the rule is lost (two columns
    read as one) and the words lose their letters there. Evened out, the band's ink is
    as dark as the rest: the rule parts the columns again. A page without a streak is
    left as it is."""
    from iku.extractors import grid as gridmod, raster

    flat = _page_with_streak(0.3)
    before = gridmod.find_grids(gridmod.find_rules(raster.binarise(flat)), flat.shape)
    assert [len(g.xs) for g in before] != [5]  # the streak hides the rule
    even = raster.even_toner(flat)
    ink = raster.binarise(even)
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert [len(g.xs) for g in grids] == [5]
    assert abs(float(np.mean(255 - even[:, 600:700])) - float(np.mean(255 - even[:, 700:800]))) < 15
    plain = _page_with_streak(1.0)
    assert raster.even_toner(plain) is plain


def test_a_table_open_at_its_right_side_keeps_its_last_column():
    """The table's right border is missing (printed open at the side, faded in a copy, cut
    off by the scan) while its row rules run on together to the table's edge: the last
    column is still a column, bordered where the row rules end."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((900, 1400), np.uint8)
    for y in (100, 300, 500, 700):
        cv2.line(ink, (100, y), (1300, y), 255, 3)
    for x in (100, 400, 900):
        cv2.line(ink, (x, 100), (x, 700), 255, 3)
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 1
    assert [round(x / 10) for x in grids[0].xs] == [10, 40, 90, 130]
    assert len(grids[0].ys) == 4
