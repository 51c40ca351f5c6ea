"""Table structure on scans: list marks the OCR skips (extractors/scanned.py)."""
from __future__ import annotations

import cv2
import numpy as np

from iku.extractors.components import label
from iku.extractors.ocr import Word
from iku.extractors.scanned import dash_marks, recover_dashes, soft_dash_marks


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
                              flow=scanned._Flow(words=words, strokes=[], avoid=[t.bbox for t in tables]))


def _table_going_on_over_a_page_with_its_own_table() -> dict:
    """Pages 1 and 2 read apart: page 1's table runs off its foot, page 2 opens with that
    table's next row, then a title and an unruled table of its own."""
    from test_borderless import COLS, HEADER, lay_out, words_of_line

    one = lay_out(COLS, [HEADER, ["1", "Sasaran satu", "Indikator satu", "%", "A / B", "Bidang A"]])
    other_cols = [40, 70, 250, 420, 520, 720]
    other = [["No", "Indikator Kinerja", "Penjelasan", "Target 2024", "Sumber Data"],
             ["1", "Indikator lain", "Penjelasan lain", "90", "Bidang C"]]
    two = lay_out(COLS, [["2", "Sasaran dua", "Indikator dua", "%", "C / D", "Bidang B"]], top=60) \
        + words_of_line("B. INDIKATOR KINERJA BIDANG", 200, 200) + lay_out(other_cols, other, top=240)
    return {1: _scanned_page(1, one), 2: _scanned_page(2, two)}


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


def test_a_borderless_table_goes_on_above_the_next_pages_own_table():
    """The rest of a table without rules at the top of a scanned page under no header, and
    under it a second table with a header of its own: the page's own table is read on the
    page as before (and not read again), the rest above it is read in the carried columns
    and goes before it. (The continuation was dropped whenever the page held a borderless
    table of its own: a record lost.)"""
    from iku.extractors import scanned
    from test_borderless import table_rows

    pages = _table_going_on_over_a_page_with_its_own_table()
    assert len(pages[2].tables) == 1  # the page's own table, found without the page before
    scanned.continue_tables(pages)
    assert len(pages[2].tables) == 2
    assert table_rows(pages[2].tables) == [["2", "Sasaran dua", "Indikator dua", "%", "C / D", "Bidang B"]]
    assert table_rows(pages[2].tables, 1)[-1] == ["1", "Indikator lain", "Penjelasan lain", "90", "Bidang C"]
    assert not pages[2].tables[0].ends_page


def _touching_rows_words() -> list[dict]:
    """OCR-like words of a four-column table whose body rows touch (the gap between two
    rows is the gap between a cell's lines) and whose sasaran is merged down: only rules
    can part its rows."""
    from test_borderless import lay_out

    cols = [40, 200, 360, 420, 600]
    rows = [["Sasaran", "Indikator Kinerja", "Satuan", "Formulasi"],
            ["Sasaran satu", "Indikator satu\nbaris dua", "Persen", "A / B"],
            ["", "Indikator dua", "", "C / D\nbaris dua"],
            ["Sasaran dua", "Indikator tiga", "Indeks", "E"]]
    return lay_out(cols, rows[:1], pad=2.0) + lay_out(cols, rows[1:], top=116.0, pitch=11.0, pad=0.0)


def test_rows_of_a_scanned_table_ruled_between_its_rows_come_from_the_rules():
    """A table ruled between its rows only (no grid for the ruled finder) whose rows touch
    and whose sasaran is merged down: the rules found on the page image are handed to the
    borderless reader, which takes each band between two rules for a row, as it does with
    a text layer's drawn lines; without them two rows read as one."""
    from iku.extractors.borderless import find_borderless_tables
    from test_borderless import table_rows

    words = _touching_rows_words()
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


def _page_with_streak(fade: float, soft: int = 0, shift: int = 0, dust: int = 0, inner: float = 1.0):
    """A ruled table of text at 300 dpi, its ink darkened `fade` times over a band of
    columns (a photocopy's toner streak down the sheet): the column rule at x=650 lies in it.
    `soft`: px over which each edge of the streak ramps to full ink. `shift`: px the band's
    ink is moved down, off the lines beside it (faint ink that is no slice of the page).
    `dust`: specks (4 px) strewn in the streak, in the gaps below each cell's text.
    `inner`: a second dropout laid over the streak's middle (x 625-675), darkening it `inner`
    times more."""
    flat = np.full((1200, 1400), 250, np.uint8)
    xs, ys = [100, 400, 650, 1000, 1300], [100, 300, 500, 700, 900, 1100]
    _ruled(flat, xs, ys, value=30)
    for y in ys[:-1]:
        for x in xs[:-1]:
            for k in range(3):
                cv2.putText(flat, "Persentase", (x + 15, y + 50 + 45 * k), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 30, 2)
    rng = np.random.default_rng(1)
    for _ in range(dust):
        y, x = int(rng.choice(ys[:-1])) + int(rng.integers(150, 190)), int(rng.integers(605, 690))
        flat[y:y + 4, x:x + 4] = 30
    dark = 255.0 - flat.astype(np.float32)
    dark[:, 600:700] *= fade
    dark[:, 625:675] *= inner
    dark[:, 600:700] = np.roll(dark[:, 600:700], shift, axis=0)
    if soft:
        dark[:, 600 - soft:600] *= np.linspace(1.0, fade, soft)[None, :]
        dark[:, 700:700 + soft] *= np.linspace(fade, 1.0, soft)[None, :]
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


def test_a_deep_toner_dropout_down_the_page_is_evened_out_where_it_continues_the_lines_beside_it():
    """A copier's dropout left a fifth of the toner down a band of the sheet (under the
    streak floor, STREAK_FLOOR): it is evened out all the same, the page's own empty and paper
    levels being the floor, because its faint ink lies on the text lines and rules beside it.
    Faint ink as light and even that lies off those lines (a back page's bleed-through) is
    left alone."""
    from iku.extractors import grid as gridmod, raster

    flat = _page_with_streak(0.2)
    before = gridmod.find_grids(gridmod.find_rules(raster.binarise(flat)), flat.shape)
    assert [len(g.xs) for g in before] != [5]  # the dropout hides the rule
    ink = raster.binarise(raster.even_toner(flat))
    assert [len(g.xs) for g in gridmod.find_grids(gridmod.find_rules(ink), ink.shape)] == [5]
    off_the_lines = _page_with_streak(0.2, shift=22)
    assert raster.even_toner(off_the_lines) is off_the_lines


def test_a_deep_toner_dropout_on_a_dusty_copy_is_still_evened_out():
    """A dusty copy's specks lie in the dropout as faded as its text, each a few rows with
    nothing beside it: they held a fifth of the rows where the streak has ink but a small
    share of its ink, and the streak still continues the lines beside it. Bleed-through off
    the lines stays alone on the same dusty page."""
    from iku.extractors import grid as gridmod, raster

    flat = _page_with_streak(0.2, dust=40)
    ink = raster.binarise(raster.even_toner(flat))
    assert [len(g.xs) for g in gridmod.find_grids(gridmod.find_rules(ink), ink.shape)] == [5]
    off_the_lines = _page_with_streak(0.2, shift=22, dust=40)
    assert raster.even_toner(off_the_lines) is off_the_lines


def test_a_deep_dropout_inside_a_lighter_streak_is_evened_out():
    """Two of a copier's dropouts laid over each other down the sheet: a deep one (a sixth of
    the toner) inside a lighter one, the column rule in the deep one. The run of faded columns
    has two levels, too far apart for one even streak, and the deep one has faded columns, not
    full ink, beside it: neither was evened and the rule and the letters in it were lost (a
    column of words cut in two). Each level even in itself, the run is one streak: evened out,
    the rule parts the columns again. Lines that vary all over (sparse print) or alternate
    between two levels more than once are no two streaks."""
    from iku.extractors import grid as gridmod, raster

    flat = _page_with_streak(0.55, inner=0.3)
    before = gridmod.find_grids(gridmod.find_rules(raster.binarise(flat)), flat.shape)
    assert [len(g.xs) for g in before] != [5]  # the deep dropout hides the rule
    ink = raster.binarise(raster.even_toner(flat))
    assert [len(g.xs) for g in gridmod.find_grids(gridmod.find_rules(ink), ink.shape)] == [5]
    assert raster._nested_streaks(np.array([120.0] * 30 + [34.0] * 40 + [121.0] * 12))
    rng = np.random.default_rng(3)
    assert not raster._nested_streaks(rng.choice([30.0, 60.0, 120.0], 82))
    assert not raster._nested_streaks(np.array([120.0] * 20 + [34.0] * 20 + [120.0] * 10 + [34.0] * 20 + [120.0] * 12))


def test_a_streak_is_even_in_its_bulk_whatever_a_few_padding_lines_read():
    """A dropout running beside a column rule takes in the cell's padding, where only the thin
    row rules cross it: a few lines far lighter than the streak. The streak is even in its bulk
    (those few lines left out of the measure) and is evened out; it stayed uneven by a hair and
    a column of words was left cut. Lines that vary all over (sparse print) stay uneven."""
    from iku.extractors import raster

    rng = np.random.default_rng(5)
    streak = np.concatenate([[16.0, 15.0, 15.0, 19.0], 36.0 + rng.normal(0, 4.5, 94)])
    assert float(np.std(streak)) > raster.STREAK_EVEN * float(np.mean(streak))  # uneven as a whole
    assert raster._even_bulk(streak)
    assert not raster._even_bulk(rng.choice([15.0, 25.0, 40.0], 98))


def _rows_ruled_with_a_dropout() -> np.ndarray:
    """A table ruled between its rows only at 300 dpi, a copier's deep dropout (a fifth of the
    toner) down the sheet through its middle (x 1080-1200). Each row rule keeps a hairline of
    full toner a little way into the dropout, one row further than the one above (the grain of
    the copy): the rules the dropout breaks end at staggered places."""
    flat = np.full((1800, 2400), 250, np.uint8)
    ys = [301 + 201 * r for r in range(7)]
    for y in ys:
        cv2.line(flat, (200, y), (2200, y), 30, 3)
    for y in ys[:-1]:
        for x in (220, 900, 1500):
            for k in range(2):
                cv2.putText(flat, "Persentase kinerja", (x, y + 60 + 50 * k), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 30, 2)
    dark = 255.0 - flat.astype(np.float32)
    dark[:, 1080:1200] *= 0.2
    noise = np.random.default_rng(0).normal(0, 3, flat.shape)
    out = np.clip(cv2.GaussianBlur(255.0 - dark, (0, 0), 0.8) + noise, 0, 255).astype(np.uint8)
    for r, y in enumerate(ys):
        out[y, 1080:1080 + 12 * r] = 30
    return out


def test_a_dropout_breaking_the_row_rules_does_not_shear_the_page():
    """A dropout down a copy of a table ruled between its rows only breaks every row rule where
    it runs, each a little further along than the one above (the copy's grain). The rules'
    ends stand for the table's vertical lines, and the broken ends line up leaning: the page was
    sheared flat from them (its columns leaning, a code read into the next column). The streak
    is evened first and the rules read whole again: no shear, the rules' ends stay one above
    the other."""
    from iku.extractors import grid as gridmod, raster, rectify, scanned

    flat = _rows_ruled_with_a_dropout()
    ink = raster.binarise(flat)
    assert rectify.homography(gridmod.find_rules(ink)) is not None  # sheared from the broken ends
    page = raster.PageImage(gray=flat, ink=ink, width=576.0, height=432.0, dpi=300.0)
    page, rules = scanned.flattened(page)
    assert page.perspective is None
    starts = [s.start for s in rules.hsegs if s.end - s.start > 1500]
    assert len(starts) == 7 and max(starts) - min(starts) < 6


def test_a_copy_flattened_from_its_rules_still_has_its_dropout_evened_out():
    """A table ruled between its rows only is flattened from its rules' ends, and a copy's
    keystone (its bottom a little wider) gives those a lean: the page took the photograph's
    branch and its dropout down the sheet was left faint, the words in it cut. A copy flattened
    from its rules is still a copy: the dropout is evened out."""
    from iku.extractors import grid as gridmod, raster, rectify, scanned

    flat = np.full((1500, 1400), 250, np.uint8)
    ys = [150, 350, 550, 750, 950, 1150]
    for y in ys:
        cv2.line(flat, (100, y), (1300, y), 30, 3)
    for y in ys[:-1]:
        for x in (100, 400, 650, 1000):
            for k in range(3):
                cv2.putText(flat, "Persentase", (x + 15, y + 50 + 45 * k), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 30, 2)
    dark = 255.0 - flat.astype(np.float32)
    dark[:, 600:700] *= 0.2
    corners = np.float32([[0, 0], [1400, 0], [1400, 1500], [0, 1500]])
    keystone = cv2.getPerspectiveTransform(corners, np.float32([[14, 0], [1386, 0], [1400, 1500], [0, 1500]]))
    copy = cv2.warpPerspective(np.clip(255.0 - dark, 0, 255).astype(np.uint8), keystone, (1400, 1500), borderValue=250)
    noise = np.random.default_rng(0).normal(0, 3, copy.shape)
    copy = np.clip(cv2.GaussianBlur(copy.astype(np.float32), (0, 0), 0.8) + noise, 0, 255).astype(np.uint8)
    page = raster.prepare(copy, 1400 * 72 / 300, 1500 * 72 / 300, None, 300.0)
    matrix = rectify.homography(gridmod.find_rules(page.ink))
    assert matrix is not None and not rectify.photographed(matrix, page.ink.shape)
    page, _ = scanned.flattened(page)
    ink = 255.0 - page.gray.astype(np.float32)
    assert np.percentile(ink[200:1100, 610:690], 99.5) > 0.5 * np.percentile(ink[200:1100, 710:800], 99.5)


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



def test_a_short_rule_piece_under_a_narrow_column_beside_an_underline_parts_its_rows():
    """A table ruled between its rows only, its rules drawn column by column: a short piece
    under the narrow No column, none under the merged sasaran, a long one across the rest;
    each row's last line is a label underlined a few points above the row's rule. The No
    piece belongs to the row rule it is level with (the nearest), not to the underline above
    it: the No column is ruled and its numbers stay one a row (they read "1 2 3" as one merged
    cell when the piece went with the underline)."""
    from iku.extractors.borderless import find_borderless_tables
    from test_borderless import lay_out, table_rows

    cols = [40, 70, 210, 370, 600]
    rows = [["1", "Sasaran satu", "Indikator satu", "Pengertian satu\nSumber satu"],
            ["2", "", "Indikator dua", "Pengertian dua\nSumber dua"],
            ["3", "", "Indikator tiga", "Pengertian tiga\nSumber tiga"]]
    words = lay_out(cols, [["No", "Sasaran", "Indikator Kinerja", "Definisi"]], pad=2.0) \
        + lay_out(cols, rows, top=116.0, pitch=11.0, pad=3.0)
    strokes = [(40, 114.5, 600, 115.0), (40, 200.0, 600, 200.5)]
    for y in (144.0, 172.0):
        strokes += [(373, y - 4.0, 400, y - 3.5),        # "Sumber" underlined over the rule
                    (40, y - 1.4, 68, y - 0.9),          # the No column's piece, a little high
                    (212, y - 0.5, 600, y)]              # across indikator and definisi
    got = table_rows(find_borderless_tables(None, words, 1, strokes=strokes))
    assert [r[0] for r in got[1:]] == ["1", "2", "3"]
    assert got[1][3] == "Pengertian satu Sumber satu" and got[3][2] == "Indikator tiga"


def test_a_row_rule_the_ocr_boxes_of_a_tight_row_reach_past_still_parts_the_rows():
    """A table ruled between its rows only whose rows touch (a 200 dpi bitonal scan): the
    OCR box of a word right under a rule takes in crumbs of the rule and starts a little
    above it ("dua" under the rule over its row). The rule runs along the row's edge, not
    through the middle of a word (struck text): the rows stay apart. A stroke through the
    middle of a word's line still parts nothing."""
    from iku.extractors.borderless import find_borderless_tables
    from test_borderless import table_rows

    words = _touching_rows_words()
    assert len(table_rows(find_borderless_tables(None, words, 1))) == 3  # without the rules
    ys = sorted({w["top"] for w in words})
    for w in words:
        if w["top"] == ys[3] and w["text"] == "dua":
            w["top"] -= 2.0  # the rule's crumbs in its box
    strokes = [(40, y - 1.0, 600, y - 0.5) for y in (ys[1], ys[3], ys[5])] + [(40, ys[-1] + 11, 600, ys[-1] + 11.5)]
    assert table_rows(find_borderless_tables(None, words, 1, strokes=strokes))[1:] == [
        ["Sasaran satu", "Indikator satu baris dua", "Persen", "A / B"],
        ["", "Indikator dua", "", "C / D baris dua"],
        ["Sasaran dua", "Indikator tiga", "Indeks", "E"]]
    struck = strokes[:1] + [(40, ys[3] + 4.0, 600, ys[3] + 4.5)] + strokes[2:]  # through row 2's middle
    assert len(table_rows(find_borderless_tables(None, words, 1, strokes=struck))) < 4


def _printed_lines(lines: list[str], size: int = 34) -> np.ndarray:
    """Text lines in a sans face at about 300 dpi, 9 pt type, on white (8-bit grey)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("DejaVuSans.ttf", size)
    img = Image.new("L", (900, 90 + 52 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    for i, text in enumerate(lines):
        draw.text((40, 40 + 52 * i), text, font=font, fill=40)
    return np.array(img)


def test_a_text_line_the_ocr_passed_over_is_read_again():
    """Tesseract drops whole text lines of soft print (a 150 dpi scan rendered at 300)
    without a word or a doubt, so the page's confidence stays high: a cell loses its
    middle line. The band of text-sized ink no word covers is read again by the other
    engine's recogniser and its words join the read, on their line; a read that covers
    its text gets nothing more."""
    from types import SimpleNamespace
    from iku.extractors.ocr import recover_passed_over
    from iku.extractors.ocr_engine import RapidOcr, Tesseract

    img = _printed_lines(["Persentase keluarga miskin", "yang berhasil mengembangkan", "usaha produktif"])
    tess = Tesseract()
    engine = SimpleNamespace(chosen=tess, accurate=RapidOcr())
    words = tess.read(img, 6)
    assert " ".join(w.text for w in words) == "Persentase keluarga miskin yang berhasil mengembangkan usaha produktif"
    assert recover_passed_over(img, list(words), engine) == []
    middle = [w for w in words if 90 < w.cy < 140]
    passed = [w for w in words if w not in middle]
    found = recover_passed_over(img, passed, engine)
    assert [w.text for w in found] == ["yang", "berhasil", "mengembangkan"]
    assert all(abs(f.cy - m.cy) < 10 for f, m in zip(found, middle))
    # tesseract alone asked for: nothing read again
    assert recover_passed_over(img, passed, SimpleNamespace(chosen=tess)) == []
    # a page rapidocr read whose detector passed over a clear line: its own recogniser
    # reads the line's band
    rapid = engine.accurate
    read = rapid.read(img, 3)
    kept = [w for w in read if not 90 < w.cy < 140]
    assert len(kept) < len(read)
    found = recover_passed_over(img, kept, SimpleNamespace(chosen=rapid, accurate=rapid))
    assert [w.text for w in found] == ["yang", "berhasil", "mengembangkan"]


def test_a_glyph_a_word_box_cut_short_is_no_passed_over_text():
    """A clean page's read covers its text but for a glyph edge a word's box cut short
    (a heading's last "A", a speck in a word space): a band a glyph or two wide between
    two words of its line, a word space from each. It is not read again (on a clean
    page it alone would load the recogniser); a list number opening its line, with no
    word before it, and a word of a line the read has not, still are."""
    from types import SimpleNamespace
    from iku.extractors.ocr import _piece_of_read_line, recover_passed_over
    from iku.extractors.ocr_engine import Tesseract

    def word(text, x0, x1, top=100, bottom=134, conf=95.0):
        return Word(text=text, conf=conf, x0=x0, top=top, x1=x1, bottom=bottom)

    line = [word("KINERJA", 100, 300), word("UTAMA", 330, 470), word("(IKU)", 530, 640)]
    assert _piece_of_read_line((478, 100, 526, 134), line, 34)  # between UTAMA and (IKU)
    assert not _piece_of_read_line((40, 100, 84, 134), line, 34)  # "1." opening the line
    assert not _piece_of_read_line((660, 100, 720, 134), line, 34)  # after the line's last word
    assert not _piece_of_read_line((478, 160, 526, 194), line, 34)  # on a line of its own
    wide = [word("Jumlah", 100, 250), word("binaan", 500, 640)]
    assert not _piece_of_read_line((258, 100, 494, 134), wide, 34)  # a word the read dropped

    img = _printed_lines(["Persentase keluarga miskin"])
    read = Tesseract().read(img, 6)
    assert [w.text for w in read] == ["Persentase", "keluarga", "miskin"]
    cut = read[1]
    cut.x1 -= 0.6 * cut.height  # the box ends before the word's last glyph ("a")

    def no_reading(*_):
        raise AssertionError("the recogniser was asked to read a glyph of a read word")

    engine = SimpleNamespace(chosen=Tesseract(), accurate=SimpleNamespace(recognise=no_reading))
    assert recover_passed_over(img, read, engine) == []


def test_column_rules_leaning_together_on_a_photographed_page_are_set_upright():
    """A phone capture whose row rules the deskew levelled but whose column rules all lean
    the same way (1.9°: the page photographed at an angle, no convergence to speak of). A
    column rule left out over a merged cell comes in two pieces at different heights, so
    at different x (the grid takes them for one boundary, see the jogged rule tests). The two families
    missing a right angle is a perspective view (a scan is at most rotated): the page is
    rectified, and the grid has its four columns."""
    from iku.extractors import grid as gridmod, raster, rectify

    img = np.full((1600, 2000), 255, np.uint8)
    lean = np.tan(np.radians(1.9))
    xs, ys = [200, 500, 1000, 1400, 1800], list(range(300, 1101, 100))

    def at(x, y):
        return int(round(x + lean * (y - 300))), y
    for y in ys:
        cv2.line(img, at(xs[0], y), at(xs[-1], y), 0, 4)
    for k, x in enumerate(xs):
        for y0, y1 in ([(300, 1100)] if k != 1 else [(300, 400), (700, 1100)]):  # merged across rows 2-4
            cv2.line(img, at(x, y0), at(x, y1), 0, 4)
    for y in ys[:-1]:
        for x in xs[:-1]:
            cv2.putText(img, "teks", (at(x, y)[0] + 30, y + 60), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    rules = gridmod.find_rules(raster.binarise(img))
    # as read, the two pieces of the leaning rule are one boundary (no phantom column) ...
    assert [len(g.xs) for g in gridmod.find_grids(rules, img.shape)] == [5]
    matrix = rectify.homography(rules)
    assert matrix is not None
    ink = raster.binarise(rectify.warp(img, matrix, 255))
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert [(len(g.xs), len(g.ys)) for g in grids] == [(5, 9)]


def test_a_level_table_needs_no_rectifying():
    """Rules at right angles, rotated or not (a flatbed scan), leave the page as it is."""
    from iku.extractors import grid as gridmod, raster, rectify

    img = np.full((1600, 2000), 255, np.uint8)
    _ruled(img, [200, 500, 1000, 1400, 1800], list(range(300, 1101, 100)), width=4)
    turned = raster.rotate(img, 1.5, 255)
    for page in (img, turned):
        assert rectify.homography(gridmod.find_rules(raster.binarise(page))) is None


def test_a_passed_over_line_keeps_the_first_engines_words_where_they_are_surer():
    """The recogniser's reading of a passed-over line loses narrow word spaces and swaps
    letters tesseract reads right; tesseract's reading of the band alone settles them:
    words run together become its words, a word the lexicon does not know becomes its
    lexicon word at the same place."""
    from iku.extractors.ocr import _first_reading_kept

    def word(text, x0, x1, conf=95.0):
        return Word(text=text, conf=conf, x0=x0, top=0.0, x1=x1, bottom=30.0)

    new = [word("vang", 0, 80), word("DinasSosial", 100, 300), word("Kutai", 320, 400)]
    first = [word("yang", 2, 78, 60), word("Dinas", 100, 190), word("Sosial:", 200, 300), word("Kutar", 320, 400)]
    assert [w.text for w in _first_reading_kept(new, first)] == ["yang", "Dinas", "Sosial", "Kutai"]



def _w(text: str, x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom}


def test_scanned_rows_at_line_pitch_keep_apart_from_the_wrapped_cells_lines():
    """A borderless table on a scan (150 dpi photocopy; OCR words in points) whose rows are
    set at the line pitch: most rows are one line, so most gaps down a column are gaps
    between rows, and a wrapped cell's OCR boxes overlap (-1 pt). The pitch inside a cell is
    the smallest gap that recurs (within the point or so OCR boxes vary), not the median of
    the gaps: read with the median, every column was one block and the rows numbered 1 and
    2 came out as one ("1 / 2", their sasaran in a row of its own)."""
    from iku.extractors.borderless import find_borderless_tables
    from test_borderless import table_rows

    words = [_w(*w) for w in [
        ["Target", 523.9, 81.8, 549.1, 93.3], ["Nomor", 41.7, 86.1, 66.9, 96.2],
        ["Tujuan/Sasaran", 135.8, 85.2, 191.2, 96.2], ["Ukuran", 345.7, 85.6, 372.6, 95.2],
        ["Keberhasilan", 374.7, 85.6, 422.5, 95.2], ["2025", 529.0, 90.4, 544.6, 100.5],
        ["1", 50.9, 108.0, 56.1, 116.1], ["Meningkatnya", 76.0, 107.5, 122.8, 117.1],
        ["profesionalitas", 124.3, 107.5, 172.5, 117.1], ["aparatur", 173.9, 107.5, 203.2, 117.1],
        ["sipil", 204.4, 107.5, 219.0, 117.1], ["negara", 220.5, 107.5, 243.3, 117.1],
        ["Persentase", 260.8, 107.5, 296.5, 117.1], ["ASN", 299.2, 107.5, 312.6, 117.1],
        ["yang", 315.2, 107.5, 330.1, 117.1], ["mengikuti", 332.7, 107.5, 367.1, 117.1],
        ["pengembangan", 367.8, 107.5, 416.5, 117.1], ["kompetensi", 419.1, 107.5, 456.5, 117.1],
        ["minimal", 457.5, 107.5, 485.3, 117.1], ["20", 486.0, 107.5, 493.2, 117.1],
        ["80,14", 523.0, 107.0, 541.0, 116.6], ["jam", 260.8, 116.1, 270.4, 125.7],
        ["pelajaran", 275.2, 116.1, 304.0, 125.7], ["1", 50.9, 132.9, 56.1, 141.1],
        ["Indeks", 260.5, 131.5, 283.1, 141.1], ["Sistem", 284.5, 131.5, 304.0, 141.1],
        ["Merit", 310.0, 131.5, 326.3, 141.1], ["64", 531.1, 131.9, 541.2, 142.0],
        ["1", 50.4, 149.2, 56.1, 157.9], ["Indeks", 259.6, 147.3, 283.8, 158.3],
        ["Profesionaltas", 285.2, 147.3, 333.5, 158.3], ["ASN", 335.1, 147.3, 348.3, 158.3],
        ["64,90", 527.1, 148.3, 543.9, 158.3], ["2", 49.7, 164.1, 57.1, 174.2],
        ["Meningkatnya", 77.2, 164.6, 123.1, 174.2], ["kualitas", 123.8, 164.6, 151.9, 174.2],
        ["manajemen", 152.6, 164.6, 190.2, 174.2], ["ASN", 192.4, 164.6, 206.1, 174.2],
        ["Persentase", 261.5, 164.6, 295.3, 174.2], ["jabatan", 296.5, 164.6, 321.0, 174.2],
        ["yang", 323.6, 164.6, 340.2, 174.2], ["dust", 341.1, 164.6, 356.0, 174.2],
        ["sesuai", 357.2, 164.6, 378.3, 174.2], ["standar", 379.5, 164.6, 404.0, 174.2],
        ["kompetensi", 406.6, 164.6, 443.8, 174.2], ["84,45", 523.2, 164.1, 540.0, 174.2],
        ["3", 49.4, 180.6, 56.9, 189.8], ["Meningkatnya", 77.2, 181.6, 121.6, 189.8],
        ["kualitas", 125.0, 181.6, 151.6, 189.8], ["tata", 152.3, 181.6, 165.3, 189.8],
        ["kelola", 168.7, 181.6, 187.1, 189.8], ["keuangan", 189.0, 181.6, 220.0, 189.8],
        ["dan", 223.1, 181.6, 234.9, 189.8], ["Nilai", 262.2, 181.6, 276.8, 189.8],
        ["SAKIP", 278.5, 181.6, 301.3, 189.8], ["Perangkat", 304.4, 181.6, 336.8, 189.8],
        ["Daerah", 339.9, 181.6, 362.7, 189.8], ["74,20", 527.3, 180.2, 544.8, 190.7],
        ["kinerja", 76.5, 188.8, 98.8, 200.3]]]
    rows = table_rows(find_borderless_tables(None, words, 1))
    assert [r[0] for r in rows] == ["Nomor", "1", "1", "1", "2", "3"]
    assert rows[3][2:] == ["Indeks Profesionaltas ASN", "64,90"]
    assert rows[4][1:] == ["Meningkatnya kualitas manajemen ASN", "Persentase jabatan yang dust sesuai standar kompetensi",
                           "84,45"]


def test_a_row_rule_drawn_higher_over_a_merged_column_is_one_boundary():
    """The rule under a row lies 44 px higher in one column (a merged column drawn on its
    own) than across the others, and the column rule beside it breaks there. The two close
    rules never part the same cells: one boundary, no thin phantom row whose gaps join the
    merged column's next cell to the row above; the column's cells keep their own edge."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((1200, 1400), np.uint8)
    xs = [100, 300, 700, 1300]
    for y in (100, 200, 1100):
        cv2.line(ink, (100, y), (1300, y), 255, 3)
    cv2.line(ink, (100, 500), (300, 500), 255, 3)  # the row rule, columns 1 and 3
    cv2.line(ink, (700, 500), (1300, 500), 255, 3)
    cv2.line(ink, (300, 456), (700, 456), 255, 3)  # ... drawn higher over column 2
    cv2.line(ink, (100, 800), (300, 800), 255, 3)  # column 2 merged over the two rows below
    cv2.line(ink, (700, 800), (1300, 800), 255, 3)
    for x in (100, 1300):
        cv2.line(ink, (x, 100), (x, 1100), 255, 3)
    for x in (300, 700):  # the column rules beside column 2 break between its two rules
        cv2.line(ink, (x, 100), (x, 458), 255, 3)
        cv2.line(ink, (x, 498), (x, 1100), 255, 3)
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 1
    g = grids[0]
    assert [round(y / 10) for y in g.ys] == [10, 20, 50, 80, 110]
    assert [g.owner[r][1] for r in range(4)] == [(0, 1), (1, 1), (2, 1), (2, 1)]
    assert g.owner[2][0] == (2, 0) and g.owner[2][2] == (2, 2)
    assert round(g.cell_box(2, 1)[1]) in range(454, 459)  # column 2's cell starts at its own rule


def test_a_column_open_at_the_side_is_parted_by_its_own_rules():
    """The last column's right border is missing and its cells are merged over other rows
    than the rest of the table: its own row rules, from its column rule to the table's
    edge (where the full row rules end), lying off the other rows' rules, still part it;
    it is not one cell merged down the table."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((1300, 1400), np.uint8)
    for y in (100, 200, 1100):
        cv2.line(ink, (100, y), (1300, y), 255, 3)
    for y in (400, 600, 800):  # (the first column merged over the body rows)
        cv2.line(ink, (400, y), (900, y), 255, 3)
    cv2.line(ink, (900, 556), (1300, 556), 255, 3)  # the open column's own rule, 44 px above a row rule
    for x in (100, 400, 900):
        cv2.line(ink, (x, 100), (x, 1100), 255, 3)
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 1
    g = grids[0]
    assert [round(x / 10) for x in g.xs] == [10, 40, 90, 130]
    assert [round(y / 10) for y in g.ys] == [10, 20, 40, 60, 80, 110]
    assert [g.owner[r][2] for r in range(5)] == [(0, 2), (1, 2), (1, 2), (3, 2), (3, 2)]
    assert round(g.cell_box(3, 2)[1]) in range(554, 559)


def test_a_slanted_row_rule_in_pieces_is_one_boundary():
    """A row rule broken over a merged cell, its two pieces at different heights (a slanted
    page not rectified): one boundary, no phantom row."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((1000, 1400), np.uint8)
    for y in (100, 300, 700, 900):
        cv2.line(ink, (100, y), (1300, y), 255, 3)
    cv2.line(ink, (100, 480), (500, 480), 255, 3)  # one rule, in two pieces 20 px apart
    cv2.line(ink, (900, 500), (1300, 500), 255, 3)
    for x in (100, 500, 900, 1300):
        cv2.line(ink, (x, 100), (x, 900), 255, 3)
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 1
    g = grids[0]
    assert len(g.ys) == 5
    assert [g.owner[r][1] for r in range(4)] == [(0, 1), (1, 1), (1, 1), (3, 1)]
    assert g.owner[2][0] == (2, 0) and g.owner[2][2] == (2, 2)


def test_a_union_of_cells_left_of_its_first_cell_keeps_its_merged_cells():
    """Missing rules join cells into a union that is no rectangle and runs left of its
    top-left cell: it is split into rectangles, and a merged cell beside the first keeps
    its rows together (no position of it left to a cell that does not cover it)."""
    from iku.extractors import grid as gridmod

    owner = [[(0, 0), (0, 1)], [(0, 1), (0, 1)], [(0, 1), (2, 1)]]
    joined = {((0, 1), (1, 1)), ((1, 0), (1, 1)), ((1, 0), (2, 0))}
    assert gridmod._rectangles(owner, joined) == [[(0, 0), (0, 1)], [(1, 0), (0, 1)], [(1, 0), (2, 1)]]


def test_a_table_ruled_between_rows_only_is_flattened_from_its_rules_ends():
    """A photographed table with no column rule: the ends of its row rules (the table's
    edges, and where the rules under a merged cell stop) stand for the column rules, and
    a level one (a flatbed scan, rotated or not) is left as it is."""
    from iku.extractors import grid as gridmod, raster, rectify

    img = np.full((1600, 2000), 255, np.uint8)
    for y in range(300, 1101, 100):
        x0 = 500 if y in (500, 600) else 200  # rules stopping at a merged first column
        cv2.line(img, (x0, y), (1800, y), 0, 4)
    for page in (img, raster.rotate(img, 1.5, 255)):
        assert rectify.homography(gridmod.find_rules(raster.binarise(page))) is None
    h, w = img.shape
    src = np.float32([[0, 0], [w, 0], [0, h], [w, h]])
    dst = np.float32([[0.05 * w, 0.01 * h], [w - 0.03 * w, 0], [0, h], [w, h - 0.015 * h]])
    seen = cv2.warpPerspective(img, cv2.getPerspectiveTransform(src, dst), (w, h), borderValue=255)
    rules = gridmod.find_rules(raster.binarise(seen))
    assert len(rectify._lines(rules, vertical=True)) == 0
    matrix = rectify.homography(rules)
    assert matrix is not None
    flat = gridmod.find_rules(raster.binarise(rectify.warp(seen, matrix, 255)))
    hs = rectify._lines(flat, vertical=False)
    assert rectify._spread(hs) < 0.3
    assert all(abs(d[0]) < np.sin(np.radians(0.3)) for _, d in rectify._end_lines(flat, hs))


def test_a_stamp_ring_on_a_table_ruled_between_its_rows_is_no_grid():
    """A round stamp pressed over a table ruled between its rows only: its ring's upright
    arcs meet two close row rules (a heading row's) and would make a small grid of a row and
    a few columns there, which hides the rows around it from the table without rules. The
    row rules run on past both the arcs: the strokes stand on another table's rules, no
    columns of their own."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((1200, 2400), np.uint8)
    for y in (100, 200, 600, 650, 1000):
        cv2.line(ink, (100, y), (2300, y), 255, 3)
    cv2.circle(ink, (1200, 625), 170, 255, 4)  # the ring: upright arcs across rows 600-650
    cv2.circle(ink, (1200, 625), 150, 255, 3)
    for x in (1100, 1150, 1250, 1300):  # a star / lettering inside: short upright strokes
        cv2.line(ink, (x, 600), (x, 650), 255, 4)
    assert gridmod.find_grids(gridmod.find_rules(ink), ink.shape) == []
    # a table whose row rules end at its side rules is still read
    ink = np.zeros((1200, 2400), np.uint8)
    _ruled(ink, [100, 700, 2300], [100, 200, 600, 650, 1000], value=255)
    assert [len(g.xs) for g in gridmod.find_grids(gridmod.find_rules(ink), ink.shape)] == [3]


def _page_with_band(fade: float, blur: float = 0.8):
    """Lines of text at 300 dpi across the sheet, their ink darkened `fade` times over a
    band of rows (a copier's toner drop-out across the sheet) that holds two text lines."""
    flat = np.full((1400, 1300), 250, np.uint8)
    for k, y in enumerate(range(120, 1300, 60)):
        cv2.putText(flat, "Persentase capaian kinerja %d tahun 2025" % k, (80, y), cv2.FONT_HERSHEY_SIMPLEX,
                    1.3, 30, 2)
    dark = 255.0 - flat.astype(np.float32)
    dark[640:760, :] *= fade
    noise = np.random.default_rng(0).normal(0, 3, flat.shape)
    return np.clip(cv2.GaussianBlur(255.0 - dark, (0, 0), blur) + noise, 0, 255).astype(np.uint8)


def test_a_toner_band_across_the_page_is_evened_out():
    """The toner ran thin across a band of the sheet: its text lines are light grey, under
    the ink cut the rest of the page sets, and their letters are lost. Evened out, the
    band's lines hold as much ink as the lines around them. A page without a band, and the
    hazy gaps between the text lines of a blurred (photographed) page, are left as they are."""
    from iku.extractors import raster

    def ink_in(img, y0, y1):
        return int(np.count_nonzero(raster.binarise(img)[y0:y1, 60:1240]))

    flat = _page_with_band(0.35)
    assert ink_in(flat, 640, 760) < 0.3 * ink_in(flat, 760, 880)  # the band's letters lost
    even = raster.even_toner(flat)
    assert ink_in(even, 640, 760) > 0.7 * ink_in(even, 760, 880)
    plain = _page_with_band(1.0)
    assert raster.even_toner(plain) is plain
    hazy = _page_with_band(1.0, blur=4.0)
    assert raster.even_toner(hazy) is hazy


def test_a_dash_softened_by_a_low_resolution_scan_opens_its_item_in_line_with_the_others():
    """A list's dash blurred by a 150 dpi scan is a blob barely wider than tall (7 x 5 px at
    300 dpi, or a ragged 10 x 9) where the other dashes are 9 x 5: in line with them it opens
    its item too. The same blob before a line, with no dash of the list at its left edge, is a speck."""
    img = np.zeros((500, 800), np.uint8)
    img[112:117, 100:107] = 255  # 7 x 5 px, line 1 (words at top 100..130)
    img[212:217, 100:109] = 255  # 9 x 5 px, line 3
    img[312:317, 40:47] = 255  # 7 x 5 px before line 4, in line with no dash
    img[411:420, 100:110] = 255  # a ragged 10 x 9 px blob, line 5: 0.6 of its box inked
    img[411:414, 100:104] = img[417:420, 106:110] = img[411:413, 107:110] = img[418:420, 100:103] = 0
    words = [_line("Persentase", 130, 100), _line("lanjutan", 130, 150), _line("Jumlah", 130, 200),
             _line("Indeks", 70, 300), _line("Rasio", 130, 400)]
    marks = _marks(img)
    comps = label(cv2.threshold(img, 127, 255, cv2.THRESH_BINARY)[1])
    alive = np.ones(comps.n, dtype=bool)
    alive[0] = False
    found = recover_dashes(marks + soft_dash_marks(comps.stats, alive), words)
    assert sorted((w.text, w.top) for w in found) == [("-", 100), ("-", 200), ("-", 400)]
    assert [w.text for w in recover_dashes(marks, words)] == ["-"]  # without the soft candidates


def test_a_table_open_at_its_right_side_whose_row_rules_a_merged_block_breaks_keeps_its_last_column():
    """The right border is lost (faded in a 150 dpi scan) and three columns on the left are
    merged down the whole body (drawn on a little past the table's bottom), so every row
    rule under the header, the bottom one too, is in two pieces (the first column's, and from
    the merged block to the table's edge): the pieces of one row rule are one line,
    whose outermost piece ends at the table's edge; the last column is still a column."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((1300, 1800), np.uint8)
    for y in (100, 250):
        cv2.line(ink, (100, y), (1700, y), 255, 3)
    for y in (450, 650, 850, 1100):
        cv2.line(ink, (100, y), (200, y), 255, 3)  # the number column's piece
        cv2.line(ink, (700, y), (1700, y), 255, 3)  # from the merged block to the edge
    cv2.line(ink, (200, 1150), (700, 1150), 255, 3)  # the merged block drawn on a little lower
    for x in (100, 1000, 1300):
        cv2.line(ink, (x, 100), (x, 1100), 255, 3)
    for x in (200, 700):
        cv2.line(ink, (x, 100), (x, 1150), 255, 3)
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 1
    assert [round(x / 10) for x in grids[0].xs] == [10, 20, 70, 100, 130, 170]


def test_a_column_rule_ending_at_a_jog_of_the_row_rule_still_parts_its_cells():
    """The rest of a merged cell a page break cut is drawn shorter than the row beside it:
    its bottom rule jogs up in its column, and the column rule between it and the next
    cell ends there. Along the two cells' common edge the rule is whole: the row's cells
    stay apart (one box over both would be cut at the jog, its words read in half)."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((1000, 1400), np.uint8)
    for y in (100, 200, 900):
        cv2.line(ink, (100, y), (1300, y), 255, 3)
    cv2.line(ink, (400, 240), (700, 240), 255, 3)  # the cut cell's bottom, 60 px above the row's
    cv2.line(ink, (100, 300), (400, 300), 255, 3)
    cv2.line(ink, (700, 300), (1300, 300), 255, 3)
    for x in (100, 400, 1000, 1300):
        cv2.line(ink, (x, 100), (x, 900), 255, 3)
    cv2.line(ink, (700, 100), (700, 240), 255, 3)  # the column rule beside the cut cell ends at the jog
    cv2.line(ink, (700, 300), (700, 900), 255, 3)
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 1
    g = grids[0]
    assert [round(x / 100) for x in g.xs] == [1, 4, 7, 10, 13]
    assert g.owner[1][1] != g.owner[1][2]  # the cut cell and the cell beside it
    assert round(g.cell_box(1, 1)[3]) in range(236, 245) and round(g.cell_box(1, 2)[3]) in range(296, 305)


def test_the_rest_of_a_row_under_no_top_rule_at_the_page_top_is_a_row():
    """A page break cut a row: its rest is printed at the next page's top from the margin,
    under no rule, its column rules closed by one row rule at the foot. The column rules
    start together above that rule, so it is a table of one row whose top is where they
    start (without it the rest of the cells' text is lost); a table with a top rule keeps it."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((1400, 1400), np.uint8)
    xs = [100, 400, 800, 1300]
    for x in xs:
        cv2.line(ink, (x, 80), (x, 500), 255, 3)
    cv2.line(ink, (100, 500), (1300, 500), 255, 3)
    _ruled(ink, xs, [800, 1000, 1300], value=255)  # the page's own table below it
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 2
    rest, table = grids
    assert [round(y / 10) for y in rest.ys] == [8, 50]
    assert len(rest.xs) == 4 and all(rest.owner[0][c] == (0, c) for c in range(3))
    assert [round(y / 10) for y in table.ys] == [80, 100, 130]
    # a lone rule with strokes hanging from it is no table
    lone = np.zeros((900, 1400), np.uint8)
    cv2.line(lone, (100, 500), (1300, 500), 255, 3)
    cv2.line(lone, (400, 300), (400, 500), 255, 3)
    assert gridmod.find_grids(gridmod.find_rules(lone), lone.shape) == []


def _ruled_table_inside_a_sheet_outline(sides: str):
    """A ruled table (3 columns, 3 rows) on a photographed sheet whose edges against the
    desk came out as rules: an outline well clear of the table, on the given sides."""
    ink = np.zeros((1800, 2400), np.uint8)
    xs, ys = [500, 900, 1300, 1700], [500, 650, 800, 950]
    _ruled(ink, xs, ys, value=255)
    edges = {"t": ((150, 120), (2250, 120)), "b": ((150, 1650), (2250, 1650)),
             "l": ((150, 120), (150, 1650)), "r": ((2250, 120), (2250, 1650))}
    for side in sides:
        cv2.line(ink, *edges[side], 255, 6)
    return ink, xs, ys


def test_a_sheets_outline_round_a_table_is_not_that_tables_border():
    """The outline's box takes in the table's rules: read as one grid with them it is the
    table again, wider by a column and a row of bare paper, and the table came out twice.
    The page has one grid, the table's own (four sides of outline or three)."""
    from iku.extractors import grid as gridmod

    for sides in ("tblr", "tbl"):
        ink, xs, ys = _ruled_table_inside_a_sheet_outline(sides)
        grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
        assert len(grids) == 1, sides
        assert [round(v) for v in grids[0].xs] == xs and [round(v) for v in grids[0].ys] == ys, sides


def test_a_table_border_a_little_apart_from_its_inner_rules_is_kept():
    """A table's own border drawn a few px apart from its inner rules (they do not touch)
    is still that table's border: the grid keeps its outer columns and rows."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((1200, 1800), np.uint8)
    xs, ys = [200, 600, 1000, 1400], [200, 400, 600, 800]
    cv2.rectangle(ink, (xs[0], ys[0]), (xs[-1], ys[-1]), 255, 3)
    for x in xs[1:-1]:
        cv2.line(ink, (x, ys[0] + 8), (x, ys[-1] - 8), 255, 3)
    for y in ys[1:-1]:
        cv2.line(ink, (xs[0] + 8, y), (xs[-1] - 8, y), 255, 3)
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 1
    assert (len(grids[0].xs), len(grids[0].ys)) == (4, 4)


def test_two_grids_over_one_region_are_one_table():
    """Two clusters of one table's rules give two grids over the same stretch of page: read
    both and every record comes out twice. One is kept, the larger (its rules hold the other's);
    a grid beside or under another is a table of its own."""
    from iku.extractors.grid import Grid, _one_grid_a_region

    def grid(xs, ys):
        return Grid(xs=xs, ys=ys, owner=[[(r, c) for c in range(len(xs) - 1)] for r in range(len(ys) - 1)])

    outer = grid([100, 400, 800, 900], [100, 300, 500, 900])
    inner = grid([100, 400, 800], [100, 300, 500])
    below = grid([100, 400, 800], [1000, 1200, 1400])
    kept = _one_grid_a_region([inner, outer, below])
    assert kept == [outer, below] or kept == [below, outer]


def _sheet_of_text_lines(h: int = 2400, w: int = 3200) -> np.ndarray:
    """A sheet of text lines without rules (a photograph's subject)."""
    sheet = np.full((h, w), 255, np.uint8)
    for y in range(300, 2100, 90):
        for x in range(300, 2900, 260):
            cv2.putText(sheet, "Persentase", (x, y), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 30, 2)
    return sheet


def test_a_photographed_sheet_without_rules_is_flattened_from_its_outline():
    """A table without rules photographed at an angle gives no rules to read the perspective
    from: the sheet's outline on the ground it lies on does (its edges are square on paper),
    so its text lines come out level. A scan, paper to its frame's edges, shows no outline."""
    from iku.extractors import raster, rectify

    sheet = _sheet_of_text_lines()
    h, w = sheet.shape
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[260, 380], [w - 240, 200], [w - 300, h - 150], [320, h - 260]])
    persp = cv2.getPerspectiveTransform(src, dst)
    ground = np.random.default_rng(1).normal(90, 25, (h, w)).clip(0, 255).astype(np.uint8)  # a cloth
    photo = cv2.warpPerspective(sheet, persp, (w, h), borderMode=cv2.BORDER_TRANSPARENT, dst=ground.copy())
    flat = raster.flatten(photo)
    corners = rectify.paper_corners(flat)
    assert corners is not None
    assert np.abs(corners - dst).max() < 60
    matrix = rectify.paper_homography(flat)
    assert rectify.photographed(matrix, flat.shape)
    # the sheet's own corners come out square: its top edge level, its sides upright
    out = cv2.perspectiveTransform(dst.reshape(-1, 1, 2).astype(np.float64), matrix).reshape(-1, 2)
    assert abs(out[0, 1] - out[1, 1]) < 0.01 * h and abs(out[0, 0] - out[3, 0]) < 0.01 * w
    # a scan: paper to the frame's edges
    assert rectify.paper_corners(raster.flatten(sheet)) is None


def test_a_sheet_photographed_from_one_side_is_flattened_though_its_scale_hardly_changes():
    """A sheet without rules photographed from one side: its sides lean 3.5° against its level
    top and bottom, its far edge hardly shorter (the scale across it changes by less than a
    photograph's perspective does), and a table without rules drifts a column's width down its
    rows. The lean is a photograph's (a scan is at most rotated): its outline flattens it. A
    sheet merely turned on the ground leans no side against its top."""
    from iku.extractors import raster, rectify

    sheet = _sheet_of_text_lines()
    h, w = sheet.shape
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    ground = np.random.default_rng(2).normal(90, 25, (h, w)).clip(0, 255).astype(np.uint8)  # a cloth

    def photo(dst):
        persp = cv2.getPerspectiveTransform(src, np.float32(dst))
        return raster.flatten(cv2.warpPerspective(sheet, persp, (w, h), borderMode=cv2.BORDER_TRANSPARENT,
                                                  dst=ground.copy()))

    lean = int(round(np.tan(np.radians(3.5)) * (h - 500)))
    sheared = photo([[300 + lean, 250], [w - 300 + lean - 40, 230], [w - 300, h - 250], [300, h - 250]])
    matrix = rectify.paper_homography(sheared)
    assert matrix is not None and not rectify.photographed(matrix, sheared.shape)
    assert rectify.sheet_sheared(sheared)
    # a sheet turned 1.5° on the ground: square still, nothing to flatten
    c, s_ = np.cos(np.radians(1.5)), np.sin(np.radians(1.5))
    box = np.array([[300, 250], [w - 300, 250], [w - 300, h - 250], [300, h - 250]], np.float64) - [w / 2, h / 2]
    turned = photo(box @ np.array([[c, s_], [-s_, c]]) + [w / 2, h / 2])
    assert rectify.paper_corners(turned) is not None and not rectify.sheet_sheared(turned)
    assert not rectify.sheet_sheared(raster.flatten(sheet))  # a scan: no outline


def test_a_ruled_cell_read_as_specks_only_is_blank():
    """Dust in a blank cell under a merged cell's text, read as ":" or ". ,", is no text: the
    cell stays blank (so the cell above fills it); a dash, a printed "none", stays."""
    from iku.extractors import grid as gridmod
    from iku.extractors.scanned import _ruled_table

    g = gridmod.Grid(xs=[0, 100, 200], ys=[0, 50, 100, 150],
                     owner=[[(r, c) for c in range(2)] for r in range(3)])
    def w(text, x0, top, x1, bottom, conf=90.0):
        return {"text": text, "conf": conf, "x0": x0, "top": top, "x1": x1, "bottom": bottom}

    words = {(0, 0, 0): [w("Biro", 10, 10, 40, 20), w("Umum", 45, 10, 80, 20)],
             (0, 1, 0): [w(":", 30, 60, 33, 70, 40.0)],
             (0, 2, 0): [w(".", 30, 110, 32, 112, 30.0), w(",", 50, 120, 52, 123, 30.0)],
             (0, 2, 1): [w("-", 140, 120, 150, 122)]}
    table = _ruled_table(0, g, words, 1.0, 1)
    assert [[c.text for c in row] for row in table.rows] == [["Biro Umum", ""], ["", ""], ["", "-"]]


def test_a_long_stroke_read_as_a_glyph_is_no_word():
    """A photographed sheet's edge (a grey band down the page's side, too thick for a rule)
    reads as "1" at a few heights along it; beside a table without rules that "1" opened a
    row. Its ink runs on past the word's box above and below; a printed "1", "l" or "|" of
    a text line ends within its line (the lines above and below leave gaps)."""
    from iku.extractors.ocr import drop_long_strokes

    image = np.full((900, 1200), 255, np.uint8)
    image[:, 100:130] = 180  # the sheet's edge: light grey, all the way down
    for top in (300, 345, 390):  # three text lines, a "1" in the same column of each
        image[top + 5:top + 30, 600:606] = 40
    stroke = Word(text="1", conf=99.0, x0=95, top=400, x1=135, bottom=430)
    printed = [Word(text=t, conf=99.0, x0=596, top=top, x1=610, bottom=top + 35)
               for t, top in (("1", 300), ("l", 345), ("|", 390))]
    word = Word(text="Persentase", conf=99.0, x0=95, top=500, x1=300, bottom=530)  # a word over it
    assert drop_long_strokes([stroke, *printed, word], image) == [*printed, word]


def _wide_table_with_streak(fade: float, rule_fade: float):
    """A ruled table of text across nearly the whole sheet (margins of 50 px: under a tenth
    of the columns hold no ink), its ink darkened `fade` times over a band of columns (a
    toner streak) and the column rule in it `rule_fade` times (a rule keeps more toner than
    the letters' strokes)."""
    flat = np.full((1200, 1400), 250, np.uint8)
    xs, ys = [50, 250, 480, 650, 900, 1150, 1350], [100, 300, 500, 700, 900, 1100]
    _ruled(flat, xs, ys, value=30)
    for y in ys[:-1]:
        for k in range(3):  # lines of text through every column
            cv2.putText(flat, "Persentase capaian kinerja " * 4, (60 + 17 * k, y + 50 + 45 * k),
                        cv2.FONT_HERSHEY_SIMPLEX, 0.8, 30, 2)
        flat[y + 5:y + 195, 1345:] = 250  # (nothing past the table's right rule)
    dark = 255.0 - flat.astype(np.float32)
    rule = dark[:, 646:655].copy()
    dark[:, 600:700] *= fade
    dark[:, 646:655] = rule * rule_fade
    noise = np.random.default_rng(0).normal(0, 3, flat.shape)
    return np.clip(cv2.GaussianBlur(255.0 - dark, (0, 0), 0.8) + noise, 0, 255).astype(np.uint8)


def test_a_toner_streak_through_a_table_as_wide_as_the_sheet_is_evened_out():
    """The page's emptiest columns (its margins) are under a tenth of it: its tenth
    percentile falls in the streak, which then seemed to hold no ink. The margins tell
    what an empty column is. The column rule in the streak, darker than its letters, is
    a narrow spike the streak's evenness is measured without: the rule parts the columns
    again."""
    from iku.extractors import grid as gridmod, raster

    flat = _wide_table_with_streak(0.3, 0.42)
    before = gridmod.find_grids(gridmod.find_rules(raster.binarise(flat)), flat.shape)
    assert [len(g.xs) for g in before] != [7]  # the streak hides the rule
    even = raster.even_toner(flat)
    ink = raster.binarise(even)
    assert [len(g.xs) for g in gridmod.find_grids(gridmod.find_rules(ink), ink.shape)] == [7]
    plain = _wide_table_with_streak(1.0, 1.0)
    assert raster.even_toner(plain) is plain


def test_two_tables_stacked_and_joined_by_a_pen_stroke_are_two_grids():
    """A title between two ruled tables, a signature's straight strokes running from the
    one's bottom rule to the other's top rule: the rule finder joins them into one grid, the
    title a row of it. Neither table's side rules run down beside that row: it is the gap
    between two tables, and each is a grid of its own."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((1400, 2400), np.uint8)
    _ruled(ink, [100, 700, 1400, 2300], [100, 250, 400, 550], value=255)
    _ruled(ink, [100, 400, 1200, 2300], [700, 850, 1000, 1150], value=255)
    cv2.line(ink, (1500, 555), (1500, 695), 255, 3)  # the pen's strokes across the gap
    cv2.line(ink, (1540, 560), (1530, 700), 255, 3)
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert [(len(g.xs), len(g.ys)) for g in grids] == [(4, 4), (4, 4)]
    assert grids[0].ys[-1] < 600 < grids[1].ys[0]


def test_column_rules_broken_into_dashes_at_one_height_still_hold_one_table():
    """A faint copy's toner broke every column rule into dashes over a band across the table just
    under a row rule: dashes a few px long, none as long as a rule piece, the row rule above
    whole. The column rules' pieces stopped at the band, and the rows above and below it were
    two tables (the lower one topped where its column rules start), the header cut off from the
    body. A dashed stretch darkens its line on average as much as half a rule does, paper beside
    it: it is rule. One table, its rows where its row rules are; and a gap of bare paper between
    two pieces of a column rule (a merged cell) stays a gap. (Looked for on a page of light ink
    only, as a faint copy's is.)"""
    from iku.extractors import grid as gridmod, raster

    flat = np.full((1000, 1500), 250, np.uint8)
    xs, ys = [100, 500, 900, 1300], [100, 250, 400, 550, 700, 850]
    _ruled(flat, xs, ys, value=150)  # (light grey ink: a faint copy's)
    for y in ys[:-1]:
        for x in xs[:-1]:
            cv2.putText(flat, "Persentase capaian", (x + 20, y + 80), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 150, 2)
    band = flat[404:444]
    band[(np.arange(40) // 6) % 2 == 1] = 250  # the column rules in dashes 6 px long, 6 px apart
    flat[560:690, 898:903] = 250  # no rule between two cells of the fourth row: merged
    flat = np.clip(flat + np.random.default_rng(0).normal(0, 3, flat.shape), 0, 255).astype(np.uint8)
    ink = raster.binarise(flat)
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 1
    g = grids[0]
    assert [round(y) for y in g.ys] == ys and len(g.xs) == 4
    assert all(g.owner[r][c] == (r, c) for r in range(5) for c in range(3) if (r, c) != (3, 2))
    assert g.owner[3][2] == (3, 1)


def _faint_table(ink_level: float, paper: float, noise: float) -> np.ndarray:
    """A ruled table of text printed `ink_level` on a `paper` tinted sheet, lit unevenly, with
    the scanner's noise."""
    img = np.full((1200, 1400), 255, np.uint8)
    xs, ys = [50, 400, 800, 1350], [100, 300, 500, 700, 900]
    _ruled(img, xs, ys, value=0)
    for y in ys[:-1]:
        for k in range(3):
            cv2.putText(img, "Persentase capaian kinerja", (60 + 350 * k, y + 60), cv2.FONT_HERSHEY_SIMPLEX,
                        0.8, 0, 2)
    g = paper - (255.0 - img.astype(np.float32)) / 255.0 * (paper - ink_level)
    g *= 1.0 - 0.15 * np.linspace(0, 1, img.shape[1], dtype=np.float32)[None, :]
    g = cv2.GaussianBlur(g, (0, 0), 0.7) + np.random.default_rng(0).normal(0, noise, g.shape)
    return np.clip(g, 0, 255).astype(np.uint8)


def test_a_faint_page_is_read_and_a_blank_one_left_alone():
    """A copy whose ink is barely darker than its tinted paper (ink 40 grey levels under it):
    flattened, its strokes' core is lighter than any ink `binarise` takes, which read it as a
    blank page's grain and found no ink at all. Measured against the paper's own noise the
    strokes are ink: darkened, the table is found. A blank sheet's grain, as light, is left
    as it is; so is an ordinary page."""
    from iku.extractors import grid as gridmod, raster

    def grids(flat):
        ink = raster.binarise(flat)
        return [(len(g.xs), len(g.ys)) for g in gridmod.find_grids(gridmod.find_rules(ink), ink.shape)]

    page = _faint_table(150.0, 190.0, 2.0)
    faint = raster.flatten(page)
    assert grids(faint) == []
    assert grids(raster.deepen_faint_ink(faint, page)) == [(4, 5)]
    page = _faint_table(40.0, 220.0, 3.0)
    ordinary = raster.flatten(page)
    assert raster.deepen_faint_ink(ordinary, page) is ordinary and grids(ordinary) == [(4, 5)]
    for noise in (2.0, 5.0, 8.0):
        page = np.clip(np.random.default_rng(1).normal(200, noise, (1200, 1400)), 0, 255).astype(np.uint8)
        blank = raster.flatten(page)
        assert raster.deepen_faint_ink(blank, page) is blank


def test_a_faint_copys_grey_ink_is_read_black_and_whole():
    """A faint copy's ink is mid-grey and broken: the OCR's detector missed and broke its words
    (a quarter of such a copy's records read). The image the OCR reads has the ink darkened, and
    keeps the grey of the strokes the ink mask left out (parts of letters, whole letters); the
    rules and the grey around them stay out. An ordinary page, and a 150 dpi scan whose blur
    alone greys the strokes, are read as they were."""
    from iku.extractors import grid as gridmod, raster
    from iku.extractors.scanned import clean_image

    def page_of(ink_level: float, light: float, dpi: float = 300.0) -> raster.PageImage:
        img = np.full((600, 900), 255, np.uint8)
        _ruled(img, [40, 860], [40, 560], value=0)
        cv2.putText(img, "Persentase", (100, 200), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 4)
        cv2.putText(img, "capaian", (100, 400), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 4)
        gray = np.full(img.shape, 255.0, np.float32)
        gray[img == 0] = ink_level
        gray[:300][img[:300] == 0] = ink_level
        gray[300:][img[300:] == 0] = light  # (a word lighter than the ink cut: out of the mask)
        gray[38:43, 40:861] = ink_level  # (a rule with a grey halo along it)
        gray[36:38, 40:861] = light
        gray = gray.astype(np.uint8)
        ink = cv2.threshold(gray, int(ink_level) + 10, 255, cv2.THRESH_BINARY_INV)[1]
        return raster.PageImage(gray=gray, ink=ink, width=900 / 300 * 72, height=600 / 300 * 72, dpi=dpi)

    faint = page_of(170.0, 215.0)
    image, _ = clean_image(faint, gridmod.find_rules(faint.ink))
    assert image[100:220, 100:400].min() <= raster.FAINT_CORE + 2  # the ink read black
    assert image[300:420, 100:400].min() < 200  # the word out of the mask kept, darkened (215 → 165)
    assert image[30:46, 40:861].min() == 255  # the rule and its halo left out
    plain = page_of(40.0, 215.0)
    image, _ = clean_image(plain, gridmod.find_rules(plain.ink))
    assert image[300:420, 100:400].min() == 255  # (an ordinary page: the mask's grey only)
    assert raster.reading_contrast(plain.gray, plain.ink, 300.0) is plain.gray
    coarse = page_of(140.0, 215.0, dpi=150.0)
    assert raster.reading_contrast(coarse.gray, coarse.ink, coarse.dpi) is coarse.gray
    assert raster.reading_contrast(coarse.gray, coarse.ink, 300.0) is not coarse.gray


def test_two_tables_set_close_with_a_column_rule_at_the_same_x_keep_that_column():
    """An indicator table and, a few lines under it, a program table whose column rules fall at
    the same x as some of the first one's: the rule finder joins each such pair over the paper
    between the tables into one rule running from one table into the other. That rule still
    parts the columns of both tables (left out of both, each lost a column)."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((1200, 2400), np.uint8)
    _ruled(ink, [100, 600, 900, 1450, 1800, 2300], [100, 250, 400, 550, 700], value=255)
    _ruled(ink, [100, 250, 1450, 2000, 2300], [726, 800, 870, 940], value=255)  # 26 px apart
    for gap in (26, 60):  # (two clusters of rules either way; 60 px: never joined)
        moved = ink if gap == 26 else np.vstack([ink[:710], np.zeros((34, 2400), np.uint8), ink[710:-34]])
        grids = gridmod.find_grids(gridmod.find_rules(moved), moved.shape)
        assert [len(g.xs) for g in grids] == [6, 5]
        assert [round(x) for x in grids[0].xs][3] in range(1445, 1456)
        assert [round(x) for x in grids[1].xs][2] in range(1445, 1456)


def test_an_empty_strip_under_merged_cells_joins_no_cell_beside_it():
    """Cells merged down over two columns end a little above the table's bottom, whose rule
    runs under the other columns only: the strip left under them, open at its sides, is no
    cell of its own, and the column rule beside it, found along most of the row, still
    parts the last row's cell from them (looked for along the strip alone it would be
    missing, and the cell's box cut to the strip)."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((800, 1400), np.uint8)
    for y in (100, 200, 300):
        cv2.line(ink, (100, y), (1300, y), 255, 3)
    for x0, x1 in ((100, 300), (700, 1300)):
        cv2.line(ink, (x0, 400), (x1, 400), 255, 3)
        cv2.line(ink, (x0, 600), (x1, 600), 255, 3)
    cv2.line(ink, (300, 560), (700, 560), 255, 3)  # the merged cells' bottom
    for x in (100, 300, 1100, 1300):
        cv2.line(ink, (x, 100), (x, 600), 255, 3)
    for x in (500, 700):
        cv2.line(ink, (x, 100), (x, 560), 255, 3)
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 1
    g = grids[0]
    last = len(g.ys) - 2
    assert g.owner[last][3] == (last, 3) and g.owner[last][2] != g.owner[last][3]
    assert round(g.cell_box(last, 3)[1]) in range(395, 405)


def _lid_shadow(img: np.ndarray, side: str, depth: int, dark: float) -> np.ndarray:
    """A scanner lid's shadow along one edge of the image: dark at the edge, fading into the
    paper over `depth` px (level with the image, whatever the sheet's skew)."""
    out = img.astype(np.float32)
    ramp = np.linspace(0.0, 1.0, depth, dtype=np.float32) ** 1.2  # 0 at the edge
    if side == "right":
        out[:, -depth:] = out[:, -depth:] * ramp[::-1][None, :] + dark * (1 - ramp[::-1][None, :])
    else:  # bottom
        out[-depth:, :] = out[-depth:, :] * ramp[::-1][:, None] + dark * (1 - ramp[::-1][:, None])
    return np.clip(out, 0, 255).astype(np.uint8)


def test_a_toner_streak_beside_a_lid_shadow_is_still_evened_out():
    """A copy with a toner streak down the sheet and the lid's shadow along one edge: the
    shadow is no paper, and measured with the other edge it set the level of an empty line
    so high that the streak's light ink seemed to be none, so the column rule in it stayed
    lost. The paper's level is the emptier edge's."""
    from iku.extractors import grid as gridmod, raster

    # (the table across nearly all the sheet's width, as a landscape page's: few empty lines)
    page = np.pad(_page_with_streak(0.3)[:, 50:1350], ((0, 0), (0, 100)), constant_values=250)
    flat = _lid_shadow(page, "right", 100, 40.0)
    even = raster.even_toner(flat)
    assert even is not flat
    ink = raster.binarise(even)
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert [len(g.xs) for g in grids] == [5]


def test_a_lid_shadow_does_not_level_a_page_of_few_lines():
    """A page of a few text lines scanned askew, with the lid's shadow along its bottom edge:
    the shadow lies level with the scanner and, binarised, is a long straight band that
    outweighs the lines, so the page was read as level and its rows stayed slanted (a
    borderless table's rows then ran into each other). Ink joined to the image's edge is
    left out of the measure."""
    from iku.extractors import raster

    page = np.full((2000, 1500), 250, np.uint8)
    for k, y in enumerate(range(200, 700, 60)):
        cv2.putText(page, "Persentase capaian kinerja %d" % k, (150, y), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 30, 2)
    page = raster.rotate(page, -1.8, 250)
    page = _lid_shadow(page, "bottom", 90, 10.0)
    noise = np.random.default_rng(0).normal(0, 3, page.shape)
    page = np.clip(page + noise, 0, 255).astype(np.uint8)
    angle = raster.skew_angle(raster.binarise(page))
    assert abs(angle - 1.8) < 0.3


def test_light_toner_all_over_the_page_keeps_its_strokes():
    """A copy whose toner ran light over the whole page (the strokes' cores grey, not black),
    or a coarse scan whose thin strokes blur to grey: the fixed ink cut, set for black ink,
    kept only crumbs of each stroke, and the words read as garbage. The cut rises with the
    ink's own level, not on a blank page (its paper's noise stays paper)."""
    from iku.extractors import raster

    def page(ink: int) -> np.ndarray:
        img = np.full((900, 1400), 255, np.uint8)
        for k, y in enumerate(range(100, 850, 50)):
            cv2.putText(img, "Jumlah desa kelurahan ramah %d" % k, (60, y), cv2.FONT_HERSHEY_SIMPLEX, 0.9, ink, 1)
        return np.clip(cv2.GaussianBlur(img, (0, 0), 1.2), 0, 255).astype(np.uint8)

    dark, light = raster.binarise(page(20)), raster.binarise(page(150))
    kept = np.count_nonzero(light & dark) / np.count_nonzero(dark)
    assert kept > 0.8
    blank = np.clip(np.full((900, 1400), 248.0) + np.random.default_rng(0).normal(0, 3, (900, 1400)), 0, 255)
    assert np.count_nonzero(raster.binarise(blank.astype(np.uint8))) < 0.001 * blank.size


def test_ink_with_a_darker_than_grey_core_keeps_the_fixed_cut():
    """A phone capture's black ink, softened by its blur and a shadow, has a core darker than
    mid-grey: that is not light toner, and raising the cut toward the paper there joined
    letters and rows (a phone page's records read in pairs). Only a grey core raises it."""
    from iku.extractors import raster

    img = np.full((900, 1400), 255, np.uint8)
    for k, y in enumerate(range(100, 850, 50)):
        cv2.putText(img, "Jumlah desa kelurahan ramah %d" % k, (60, y), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 100, 2)
    img = np.clip(cv2.GaussianBlur(img, (0, 0), 1.2), 0, 255).astype(np.uint8)
    t, _ = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    core = float(np.percentile(img[img < t], 10))
    assert core < raster.CUT_CORE_MIN  # (the page is what the test says)
    fixed = cv2.threshold(img, min(t, raster.CUT_CAP) - 1, 255, cv2.THRESH_BINARY_INV)[1]
    assert np.count_nonzero(raster.binarise(img) ^ fixed) < 0.001 * img.size


def test_a_coarse_scans_medium_grey_core_raises_the_cut_a_fine_scans_does_not():
    """Text scanned at 150 dpi (a stroke a dot wide) and blurred, rendered at 300 dpi: even
    dark ink comes out with a core between mid-grey and black, and the fixed cut breaks its
    strokes into crumbs. On a scan that coarse the cut rises from that core; the same core on a
    fine scan (a phone capture's black ink under blur) keeps the fixed cut."""
    from iku.extractors import raster

    small = np.full((450, 620), 255, np.uint8)
    for k, y in enumerate(range(40, 430, 28)):
        cv2.putText(small, "Persentase capaian kinerja %d" % k, (20, y), cv2.FONT_HERSHEY_SIMPLEX, 0.55, 40, 1,
                    cv2.LINE_AA)
    img = cv2.GaussianBlur(cv2.resize(small, None, fx=2, fy=2, interpolation=cv2.INTER_LINEAR), (0, 0), 1.5)
    t, _ = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    core = float(np.percentile(img[img < t], 10))
    assert raster.CUT_COARSE_CORE_MIN <= core < raster.CUT_CORE_MIN  # (the page is what the test says)
    fixed, coarse = raster.binarise(img), raster.binarise(img, dpi=150)
    pieces = lambda ink: cv2.connectedComponents(ink)[0]  # noqa: E731
    assert pieces(coarse) < 0.8 * pieces(fixed)  # the strokes stay whole
    assert np.count_nonzero(coarse & fixed) == np.count_nonzero(fixed)  # (a higher cut only adds ink)
    assert np.array_equal(raster.binarise(img, dpi=300), fixed)


def test_a_toner_streak_with_soft_edges_is_still_evened_out():
    """The streak's edges ramp to full ink over a few columns (the scan's blur, the deskew's
    resampling): those columns are lighter than full ink but not as light as the streak, and
    measured with it they made an even streak look uneven (a hundredth of a degree more
    deskew decided it). Its evenness is measured inside its soft edges."""
    from iku.extractors import grid as gridmod, raster

    flat = _page_with_streak(0.3, soft=8)
    even = raster.even_toner(flat)
    assert even is not flat
    ink = raster.binarise(even)
    assert [len(g.xs) for g in gridmod.find_grids(gridmod.find_rules(ink), ink.shape)] == [5]


def test_the_own_table_under_a_continuation_takes_the_lines_between_them_as_its_context():
    """A scanned page's own table is given the lines above it from the page's top, before the
    page before is known; when the rest of the table before is then read above it, those
    lines are the continuation's rows: the own table's context is what lies between the two
    (its title), not the rows, which would name it after a row."""
    from iku.extractors import scanned

    pages = _table_going_on_over_a_page_with_its_own_table()
    assert any("Sasaran dua" in ln for ln in pages[2].tables[0].context)  # read alone, the rows are above it
    scanned.continue_tables(pages)
    assert pages[2].tables[1].context == ["B. INDIKATOR KINERJA BIDANG"]


def test_a_continuation_ends_at_the_next_units_block_whose_first_colon_the_scan_lost():
    """The rest of a table at a scanned page's top, then the block naming the next unit
    ("Jabatan : …", "Tugas : …", "Fungsi : …") whose first colon the scan lost (a lone mark
    dropped with the dust, or read as a full stop): the block ends the rest there, as it does
    with its colon, and names the table under it (it is no row of the table above)."""
    from iku.extractors import scanned
    from test_borderless import COLS, HEADER, lay_out, table_rows, words_of_line

    one = lay_out(COLS, [HEADER, ["1", "Sasaran satu", "Indikator satu", "%", "A / B", "Bidang A"]])
    block = words_of_line("Jabatan.", 40, 90) + words_of_line("Kepala Bagian Umum", 148, 90) \
        + words_of_line("Tugas", 40, 103) + words_of_line(":", 135, 103) + words_of_line("Melaksanakan tugas", 148, 103) \
        + words_of_line("Fungsi", 40, 116) + words_of_line(":", 135, 116) + words_of_line("1. perencanaan", 148, 116)
    two = lay_out(COLS, [["2", "Sasaran dua", "Indikator dua", "%", "C / D", "Bidang B"]], top=60) + block \
        + lay_out(COLS, [HEADER, ["1", "Sasaran tiga", "Indikator tiga", "%", "E / F", "Bidang C"]], top=240)
    pages = {1: _scanned_page(1, one), 2: _scanned_page(2, two)}
    scanned.continue_tables(pages)
    assert table_rows(pages[2].tables) == [["2", "Sasaran dua", "Indikator dua", "%", "C / D", "Bidang B"]]
    assert pages[2].tables[1].context[0] == "Jabatan. Kepala Bagian Umum"


def test_the_block_under_a_pages_last_table_names_the_table_at_the_next_pages_top():
    """A unit's block ("Jabatan : …", "Tugas : …") set under the last table of a scanned page,
    its table on the next page: the lines go on above that table (its context), as a text
    layer's page text has them before it; a scan's page text parts the labels from their
    values (the OCR's blocks), so the unit was lost. A page whose last table runs to its foot
    has no such lines."""
    from iku.extractors import scanned
    from iku.extractors.model import Cell, PageInfo, PageKind, Table

    def page(number, context, tail=()):
        t = Table(rows=[[Cell(text="No")], [Cell(text="1")]], page=number, bbox=(0, 100, 500, 300), context=context)
        return scanned.PageResult(info=PageInfo(number=number, width=842, height=595, kind=PageKind.IMAGE),
                                  tables=[t], tail=list(tail))

    pages = {1: page(1, ["Jabatan : Kepala Bidang A"], ["Jabatan Kepala Bidang B", "Tugas Melaksanakan", "Fungsi a. satu"]),
             2: page(2, ["b. dua", "c. tiga"]), 3: page(3, [])}
    scanned.continue_tables(pages)
    assert pages[2].tables[0].context == ["Jabatan Kepala Bidang B", "Tugas Melaksanakan", "Fungsi a. satu",
                                          "b. dua", "c. tiga"]
    assert pages[3].tables[0].context == []


def _ruled_header_with_band(fade: float):
    """A ruled table at 300 dpi under lines of text, its header row two text lines high: a
    sub-header rule under the row's first line (a spanning heading over two columns), that
    first line's ink, rules included, darkened `fade` times (a copier's toner drop-out one
    text line high, between the table's top rule and the sub-header rule)."""
    flat = np.full((1400, 1300), 250, np.uint8)
    for k, y in enumerate(range(120, 560, 60)):
        cv2.putText(flat, "Persentase capaian kinerja %d tahun 2025" % k, (80, y), cv2.FONT_HERSHEY_SIMPLEX,
                    1.3, 30, 2)
    xs, top, sub, bottom = [80, 400, 800, 1240], 600, 648, 1300
    for y in (top, sub, 720, bottom):
        cv2.line(flat, (xs[0], y), (xs[-1], y), 30, 3)
    for x in xs:
        cv2.line(flat, (x, top), (x, bottom), 30, 3)
    for x in xs[:-1]:
        cv2.putText(flat, "SASARAN", (x + 40, 636), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 30, 2)
        cv2.putText(flat, "STRATEGIS", (x + 40, 700), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 30, 2)
    for k, y in enumerate(range(780, 1280, 60)):
        cv2.putText(flat, "Indikator kinerja %d" % k, (100, y), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 30, 2)
    dark = 255.0 - flat.astype(np.float32)
    dark[606:644, :] *= fade
    noise = np.random.default_rng(0).normal(0, 3, flat.shape)
    return np.clip(cv2.GaussianBlur(255.0 - dark, (0, 0), 0.8) + noise, 0, 255).astype(np.uint8)


def test_a_toner_band_one_text_line_high_over_a_header_row_is_evened_out():
    """The toner ran thin over a header row's first text line only, between the table's top
    rule and a sub-header rule: the column rules' top ends there are lost with the letters,
    and the header's cells, their rules missing, merge into one. The band is too narrow to
    hold STREAK_MIN faded lines far from its ends, but every line of it is faded ink, level
    to its middle (no valley, as the haze between two blurred lines has): evened out, its
    column rules and letters are back."""
    from iku.extractors import raster

    flat = _ruled_header_with_band(0.4)
    band = raster.binarise(flat)[606:644, 60:1260]
    assert np.count_nonzero(band[:, 330:350].max(axis=1)) < 0.5 * band.shape[0]  # a column rule lost
    even = raster.even_toner(flat)
    assert even is not flat
    band = raster.binarise(even)[606:644, 60:1260]
    for x in (20, 340, 740, 1180):  # each column rule's top end, whole again
        assert np.count_nonzero(band[:, x - 8:x + 8].max(axis=1)) >= 0.9 * band.shape[0]
    plain = _ruled_header_with_band(1.0)
    assert raster.even_toner(plain) is plain


def test_a_narrow_band_with_a_valley_of_haze_holds_no_line_of_its_own():
    """A band one text line high holds its own faded line when its ink keeps level to its
    middle; the haze two blurred lines leave in the gap between them fades towards the
    gap's middle (a valley), and is no band of light toner."""
    from iku.extractors import raster

    inked = np.ones(44, bool)
    assert raster._own_ink(inked, np.full(44, 80.0))
    valley = 40.0 + np.abs(np.arange(44) - 21.5) * 4  # 126 at the ends, 42 in the middle
    assert not raster._own_ink(inked, valley)
    assert not raster._own_ink(inked)  # (no levels: the narrow band is not taken)


def test_a_row_open_at_the_foot_under_a_section_row_is_kept():
    """A page break left the last row open at its foot (no bottom rule), and a section row
    merged over the table's width broke every inner column rule above it: the longest pieces
    end at that section row, but each column line's lowest piece runs on below the last row
    rule, and the open row is a row (without it its text is lost)."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((1400, 1400), np.uint8)
    xs = [100, 400, 800, 1300]
    for y in (100, 200, 900, 960, 1100):
        cv2.line(ink, (100, y), (1300, y), 255, 3)
    for x in (100, 1300):
        cv2.line(ink, (x, 100), (x, 1300), 255, 3)  # the outer rules run on to the page's foot
    for x in (400, 800):
        cv2.line(ink, (x, 100), (x, 900), 255, 3)  # broken at the section row 900..960
        cv2.line(ink, (x, 960), (x, 1300), 255, 3)
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 1
    assert [round(y / 10) for y in grids[0].ys] == [10, 20, 90, 96, 110, 130]
    assert len(grids[0].xs) == 4


def test_a_signatures_scribble_read_under_the_last_table_does_not_keep_it_from_the_pages_foot():
    """A signature scribbled over a table's foot reads as a short unsure "word" under it: the
    table still runs to the page's foot (it may go on overleaf), and the scribble is no tail
    naming the next table. A word of print under it (sure, or a lexicon word) is text."""
    from iku.extractors import scanned
    from test_borderless import COLS, HEADER, lay_out, words_of_line

    def last_table(under: list[dict]):
        words = lay_out(COLS, [HEADER, ["1", "Sasaran satu", "Indikator satu", "%", "A / B", "Bidang A"]]) + under
        page = _scanned_page(1, words)
        return page.tables[-1]

    scribble = [dict(w, conf=55.0) for w in words_of_line("AYP", 600, 160)]
    assert last_table(scribble).ends_page
    assert not last_table([dict(w, conf=95.0) for w in words_of_line("AYP", 600, 160)]).ends_page
    assert not last_table([dict(w, conf=55.0) for w in words_of_line("Catatan: data sementara", 40, 160)]).ends_page


def _slide(fill: int, print_: int, bar_only: bool = False) -> np.ndarray:
    """A 300 dpi slide: a line of print on a fill (the whole slide, or only a title bar over white)."""
    gray = np.full((1100, 2000), 235, np.uint8)
    if bar_only:
        gray[:220] = fill
    else:
        gray[:] = fill
    cv2.putText(gray, "DINAS KESEHATAN", (120, 150), cv2.FONT_HERSHEY_DUPLEX, 3.0, print_, 6, cv2.LINE_AA)
    return gray


def test_light_print_on_a_dark_slide_is_read_as_ink_and_a_dark_title_bar_is_left_alone():
    from iku.extractors import raster
    gray = _slide(fill=70, print_=225)
    printed = gray > 150
    around = np.zeros_like(printed)
    around[60:180, 100:1300] = True
    around &= ~printed
    ink = raster.binarise(raster.flatten(raster.lighten_dark_fill(gray)))
    # the print is the ink, the fill around it paper
    assert (ink[printed] > 0).mean() > 0.9 and (ink[around] > 0).mean() < 0.05
    plain = raster.binarise(raster.flatten(gray))  # (as it was: the fill around the print the ink)
    assert (plain[printed] > 0).mean() < 0.1 and (plain[around] > 0).mean() > 0.3
    bar = _slide(fill=70, print_=225, bar_only=True)
    assert raster.lighten_dark_fill(bar) is bar
    # a large bold title's strokes, set close, outweigh the fill around them: turned over all the same
    title = np.full((1100, 2000), 70, np.uint8)
    cv2.putText(title, "TAHUN 2026", (100, 600), cv2.FONT_HERSHEY_DUPLEX, 5.0, 225, 16, cv2.LINE_AA)
    assert (raster.lighten_dark_fill(title)[title > 150] < 128).all()


def test_dark_print_on_paper_a_dim_light_made_as_dark_as_a_fill_is_left_alone():
    # a phone capture in a dim room: the paper is grey, darker than a fill's threshold over most of
    # the frame, but its print is darker still: turning it over would make the paper the ink
    from iku.extractors import raster
    page = np.full((1100, 2000), 105, np.uint8)
    for k in range(12):
        cv2.putText(page, "Persentase capaian kinerja 67,53", (80, 120 + 80 * k), cv2.FONT_HERSHEY_SIMPLEX,
                    1.4, 35, 3, cv2.LINE_AA)
    assert raster.lighten_dark_fill(page) is page
    # the same print, light on a dark fill, is turned over
    fill = np.full((1100, 2000), 70, np.uint8)
    for k in range(12):
        cv2.putText(fill, "Persentase capaian kinerja 67,53", (80, 120 + 80 * k), cv2.FONT_HERSHEY_SIMPLEX,
                    1.4, 225, 3, cv2.LINE_AA)
    assert raster.lighten_dark_fill(fill) is not fill


def test_a_word_read_over_two_small_cells_of_the_strip_reads_them_again_each_alone():
    """Lone tokens of small cells ("Nmr", "1.") are read side by side on a strip; tesseract may
    run two of them into one word ("Nm.") whose centre lies in neither cell, and both cells came
    back empty. Each of those cells is read again alone."""
    from iku.extractors import ocr
    from iku.extractors.settings import OcrSettings

    class Engine:
        name = "tesseract"

        def __init__(self):
            self.calls = 0

        def read(self, image, psm):
            self.calls += 1
            if self.calls == 1:
                return []  # the page (its table blanked out)
            xs = np.nonzero((image < 128).any(axis=0))[0]
            ys = np.nonzero((image < 128).any(axis=1))[0]
            runs = np.split(xs, np.nonzero(np.diff(xs) > 20)[0] + 1)
            if len(runs) >= 2:  # the strip: one word over both tokens
                return [Word(text="Nm.", conf=48.0, x0=xs[0], top=ys[0], x1=xs[-1], bottom=ys[-1])]
            return [Word(text="Nmr" if self.calls == 3 else "1.", conf=92.0, x0=xs[0], top=ys[0],
                         x1=xs[-1], bottom=ys[-1])]

    page = np.full((400, 400), 255, np.uint8)
    page[40:60, 40:90] = 0  # a header cell's token
    page[140:160, 40:60] = 0  # a row number
    cells = {(0, 0, 0): (20, 20, 120, 100), (0, 1, 0): (20, 120, 120, 200)}
    _, cell_words = ocr.read_page_and_cells(page, cells, Engine(), OcrSettings(), blank=[(20, 20, 120, 200)])
    assert {k: [w.text for w in ws] for k, ws in cell_words.items()} == {(0, 0, 0): ["Nmr"], (0, 1, 0): ["1."]}


def test_a_signature_over_a_tables_foot_adds_no_column_and_no_row():
    """A signature set over a table's bottom rule: a short stroke of it runs from the last
    row's top rule down across the bottom rule, another one a little way along under that
    rule. Each meets two rules and reads as a rule, but no column rule runs beside the last
    rows alone and the bottom rule runs the table's width: the table keeps its columns (the
    next page's continuation, with as many, goes on with it) and gets no sliver of a row."""
    from iku.extractors import grid as gridmod

    ink = np.zeros((1400, 2400), np.uint8)
    xs, ys = [100, 500, 1100, 1700, 2300], [100, 250, 450, 650, 850, 1000]
    _ruled(ink, xs, ys, value=255)
    cv2.line(ink, (1950, 858), (1950, 1030), 255, 3)  # strokes down across the bottom rule ...
    cv2.line(ink, (1850, 858), (1850, 1030), 255, 3)
    cv2.line(ink, (1850, 1020), (1950, 1020), 255, 3)  # ... and one along under it, between them
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 1
    g = grids[0]
    assert [round(x) for x in g.xs] == xs
    assert [round(y) for y in g.ys] == ys
    # a last row of one text line whose faded bottom rule kept only a stretch is a row, not a sliver
    ink = np.zeros((1400, 2400), np.uint8)
    xs, ys = [100, 500, 1100, 1700, 2300], [100, 250, 450, 650, 850, 888]
    _ruled(ink, xs, ys[:-1], value=255)
    for x in xs:
        cv2.line(ink, (x, 850), (x, 888), 255, 3)
    cv2.line(ink, (100, 888), (500, 888), 255, 3)
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert [round(y) for y in grids[0].ys] == ys


def test_faint_rules_are_the_whole_pages_morphology():
    """faint_rules bridges only the rules' own rows and columns and opens the bands within
    the rules' box: the mask is the one the whole page's morphology gives (rules with faint
    stretches, rules on the sheet's edges, a dark band, text)."""
    from iku.extractors import raster

    def whole(flat, cut, ink):  # the plain whole-page computation
        k = lambda s: cv2.getStructuringElement(cv2.MORPH_RECT, s)
        light = cv2.threshold(flat, int(min(cut + (255 - cut) * raster.FAINT_SHARE, raster.FAINT_MAX)), 255,
                              cv2.THRESH_BINARY_INV)[1]
        out = np.zeros_like(light)
        for strong, gap, thick in (((raster.STRONG_HLINE, 1), (raster.FAINT_GAP, 1), (1, raster.FAINT_THICK)),
                                   ((1, raster.STRONG_VLINE), (1, raster.FAINT_GAP), (raster.FAINT_THICK, 1))):
            found = cv2.morphologyEx(ink, cv2.MORPH_OPEN, k(strong))
            bands = cv2.morphologyEx(found, cv2.MORPH_OPEN, k(thick))
            if cv2.countNonZero(bands):
                found[cv2.dilate(bands, k((9, 9))) > 0] = 0
            out |= cv2.bitwise_and(cv2.morphologyEx(found, cv2.MORPH_CLOSE, k(gap)), light)
        return out

    rng = np.random.default_rng(7)
    for band in (False, True):
        flat = np.full((700, 900), 235, np.uint8)
        for y in (0, 120, 300, 520, 699):
            flat[y:y + 2, :] = 40
            flat[y:y + 2, 300:420] = 170  # a faint stretch
        for x in (0, 200, 610, 898):
            flat[:, x:x + 2] = 40
            flat[200:330, x:x + 2] = 170
        flat[140:160, 230:560:7] = 30  # text
        if band:
            flat[380:430, 220:590] = 30
        flat = np.minimum(flat, rng.integers(200, 256, flat.shape).astype(np.uint8))
        cut = 120.0
        ink = cv2.threshold(flat, cut - 1, 255, cv2.THRESH_BINARY_INV)[1]
        got = raster.faint_rules(flat, cut, ink.copy())
        assert cv2.countNonZero(got) > 0
        assert np.array_equal(got, whole(flat, cut, ink.copy()))


def test_a_borderless_table_goes_on_over_a_page_photographed_apart():
    """A phone photographs each page on its own and each page is flattened in its own frame:
    the table going on at the next page's top stands shifted and a little larger there. Read
    in the columns as carried, their edges cut through the words of every row and the rest
    read as a paragraph under no table (seven records lost); the carried columns are moved
    onto the page first, where they cut the fewest words."""
    from iku.extractors import scanned
    from test_borderless import COLS, HEADER, lay_out, table_rows

    rows = [["1", "Sasaran satu", "Indikator satu", "%", "A / B", "Bidang A"]]
    one = lay_out(COLS, [HEADER] + rows)
    moved = [round(1.02 * x - 22, 1) for x in COLS]
    body = [["2", "Meningkatnya mutu\npelayanan publik", "Persentase layanan\ntepat waktu", "%",
             "Jumlah layanan tepat waktu /\njumlah layanan x 100%", "Bagian Umum"],
            ["3", "Meningkatnya akuntabilitas\nkinerja daerah", "Nilai SAKIP\nPerangkat Daerah", "Nilai",
             "Nilai hasil evaluasi\nSAKIP", "Inspektorat\nDaerah"],
            ["4", "Meningkatnya kualitas\nlayanan kesehatan", "Indeks kepuasan\nmasyarakat", "Indeks",
             "Nilai survei kepuasan\nmasyarakat", "Bagian Umum"]]
    two = lay_out(moved, body, top=60)
    pages = {1: _scanned_page(1, one), 2: _scanned_page(2, two)}
    scanned.continue_tables(pages)
    assert table_rows(pages[2].tables) == [[c.replace("\n", " ") for c in r] for r in body]
    # (a page in the same frame keeps the columns as carried)
    same = scanned._registered(pages[1].carry, lay_out(COLS, body, top=60))
    assert same is pages[1].carry


def _dot(img: np.ndarray, cx: int, cy: int, side: int) -> None:
    """A solid dot `side` px across as a soft copy leaves it: a square with its corners off."""
    x, y = cx - side // 2, cy - side // 2
    img[y:y + side, x:x + side] = 255
    for dy in (0, side - 1):
        for dx in (0, side - 1):
            img[y + dy, x + dx] = 0


def test_a_small_bullet_of_a_list_set_in_small_type_opens_its_item():
    """A list set in 7.5 pt and copied at 200 dpi: its bullets are solid dots 8 px across at
    300 dpi, the line 24 px high. Such a dot the OCR skipped still opens its item (under the
    old 9 px floor it was left out, and two indicators of a cell read as one); a dot that
    small on the baseline, before a line in larger type or before a figure (a speck beside a
    numbering row's "(3)", which then read as a record), is none."""
    img = np.zeros((400, 800), np.uint8)
    _dot(img, 106, 112, 8)  # a bullet, a small-type line at top 100..124
    _dot(img, 106, 221, 8)  # ... the same on the baseline of a line at 200..224
    _dot(img, 106, 320, 8)  # ... before a line in larger type (300..340)
    _dot(img, 106, 372, 8)  # ... before a column number "(3)" (a speck in a numbering row)
    words = [Word(text="Persentase", conf=90.0, x0=118, top=100, x1=240, bottom=124),
             Word(text="lanjut", conf=90.0, x0=118, top=200, x1=200, bottom=224),
             Word(text="Indeks", conf=90.0, x0=118, top=300, x1=260, bottom=340),
             Word(text="(3)", conf=90.0, x0=118, top=360, x1=140, bottom=384)]
    found = recover_dashes(_marks(img), words)
    assert [(w.text, w.top) for w in found] == [("•", 100)]


def test_a_borderless_table_goes_on_above_the_next_pages_ruled_table_with_its_own_header():
    """The last row of a table without rules carried over to the next scanned page, above a
    ruled table with a header of its own: that row is read in the carried columns from the
    lines above the ruled table (not from under it), and none is looked for when the ruled
    table opens the page. (The page's flow was dropped whenever it held such a table: the
    carried-over row, a record, was lost.)"""
    from iku.extractors import scanned
    from iku.extractors.model import Cell, Engine, PageInfo, PageKind, Table
    from test_borderless import COLS, HEADER, lay_out, table_rows, words_of_line

    one = lay_out(COLS, [HEADER, ["1", "Sasaran satu", "Indikator satu", "%", "A / B", "Bidang A"]])
    above = lay_out(COLS, [["2", "Sasaran dua", "Indikator dua", "%", "C / D", "Bidang B"]], top=60) \
        + words_of_line("B. INDIKATOR KINERJA BIDANG", 200, 200)
    ruled_words = lay_out([40, 100, 400, 720], [["NO", "Indikator Kinerja", "Penanggungjawab"],
                                                ["1", "Indikator lain", "Kepala Bidang C"]], top=240)
    for w in above + ruled_words:
        w.setdefault("conf", 90.0)
    header = [Cell(text=t, page=2, engine=Engine.OCR) for t in ("NO", "Indikator Kinerja", "Penanggungjawab")]
    body = [Cell(text=t, page=2, engine=Engine.OCR) for t in ("1", "Indikator lain", "Kepala Bidang C")]
    ruled = Table(rows=[header, body], page=2, bbox=(38.0, 236.0, 722.0, 280.0), engine=Engine.OCR)
    flow = scanned._page_flow(above + ruled_words, [], [ruled], [ruled], None, 1.0)
    assert flow is not None and all(w["bottom"] <= 236.0 for w in flow.words)
    two = scanned.PageResult(info=PageInfo(number=2, width=842, height=595, kind=PageKind.IMAGE),
                             tables=[ruled], flow=flow)
    pages = {1: _scanned_page(1, one), 2: two}
    scanned.continue_tables(pages)
    assert len(pages[2].tables) == 2
    assert table_rows(pages[2].tables) == [["2", "Sasaran dua", "Indikator dua", "%", "C / D", "Bidang B"]]
    assert pages[2].tables[1] is ruled
    # a ruled table with its own header opening the page: nothing above it goes on
    assert scanned._page_flow(ruled_words, [], [ruled], [ruled], None, 1.0) is None


def test_a_bullet_beside_a_rows_number_still_opens_its_item_when_in_line_with_the_next():
    """A bulleted cell of a table: its first line's dot stands close after the row's number in
    the column before, which looked like a word before the mark (no list mark, the two items
    of the cell then one indicator). In line with the dot of the cell's next item, its text at
    the same indent, it opens its item; a dot after a word with no such mate does not."""
    img = np.zeros((400, 800), np.uint8)
    cv2.circle(img, (106, 116), 6, 255, -1, cv2.LINE_AA)  # line 1: after the row's number
    cv2.circle(img, (106, 216), 6, 255, -1, cv2.LINE_AA)  # line 3: the cell's next item
    cv2.circle(img, (262, 316), 6, 255, -1, cv2.LINE_AA)  # line 4: after a word, alone at its x
    number = Word(text="3", conf=90.0, x0=60, top=100, x1=76, bottom=130)
    words = [number, _line("Pertumbuhan", 130, 100), _line("Nilai", 130, 200),
             _line("Jumlah", 40, 300), _line("lanjut", 290, 300)]
    found = recover_dashes(_marks(img), words)
    assert sorted((w.text, w.top) for w in found) == [("•", 100), ("•", 200)]


def test_a_signatorys_title_at_the_next_pages_top_is_no_row_of_the_table_before():
    """A table runs to its page's foot; the next page opens with the signature under it: the
    signatory's title in capitals over two lines, the second ending in a comma. Its words fall
    in the carried columns as cells ("KEPALA DINAS" | "PERTANIAN" | "DAN"), and the title was
    read as the last record's row (its formula and unit ran on with the title's words)."""
    from iku.extractors import scanned
    from test_borderless import COLS, HEADER, lay_out, words_of_line

    one = lay_out(COLS, [HEADER, ["1", "Sasaran satu", "Indikator satu", "%", "A / B", "Bidang A"]])
    # (a page photographed apart: the title's word gaps fall on the carried column edges)
    two = words_of_line("KEPALA DINAS", 375, 60) + words_of_line("PERTANIAN", 425, 60) + words_of_line("DAN", 605, 60) \
        + words_of_line("KETAHANAN PANGAN PROVINSI", 425, 72) + words_of_line("TENGAH,", 605, 72) \
        + words_of_line("Ir. NAMA PEJABAT, M.M.", 420, 130) + words_of_line("NIP. 19660902 199508 1 006", 415, 142)
    pages = {1: _scanned_page(1, one), 2: _scanned_page(2, two)}
    scanned.continue_tables(pages)
    assert not pages[2].tables


def test_ink_no_word_covers_is_found_a_line_tall_or_more():
    """`unread_ink`: a scribble over two lines the read passed over is found, as a box taller
    than the page's text; text the read covers, and specks, are not."""
    from iku.extractors.scanned import unread_ink

    img = np.full((800, 1200), 255, np.uint8)
    words = []
    for k in range(12):  # read lines: text 30 px high
        y = 40 + 45 * k
        cv2.putText(img, "Persentase", (60, y + 28), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
        words.append(Word(text="Persentase", conf=95.0, x0=55, top=y - 2, x1=260, bottom=y + 34))
    pts = np.array([[700, 300], [760, 380], [720, 420], [800, 340], [840, 410]], np.int32)
    cv2.polylines(img, [pts], False, 0, 3)  # a pen's stroke, nothing read under it
    for x in range(400, 600, 40):
        cv2.circle(img, (x, 600), 2, 0, -1)  # dust
    boxes = unread_ink(img, words)
    assert len(boxes) == 1
    x0, y0, x1, y1 = boxes[0]
    assert x0 <= 700 and x1 >= 840 and y0 <= 300 and y1 >= 420


def _bowed_rule_table(course: bool):
    """Words of a table ruled between its rows only, photographed with a curl: level over
    the first column, sinking to 4 pt toward the right edge, rules and text alike; the OCR
    box of the second row's first words took in crumbs of the rule over them (2 pt up).
    The rules as the raster reader hands them over: boxes at the middle height of their
    ink, with their course along x (`course`) or without."""
    from iku.extractors.borderless import Stroke
    from test_borderless import lay_out

    def sink(x: float) -> float:
        return 4.0 * max(0.0, x - 200.0) / 400.0

    cols = [40, 300, 420, 600]
    rows = [["Indikator Kinerja", "Satuan", "Target"],
            ["Indikator satu", "Persen", "58"], ["Indikator dua", "Orang", "3.381"],
            ["Indikator tiga", "Indeks", "77"]]
    words = lay_out(cols, rows[:1], pad=2.0) + lay_out(cols, rows[1:], top=118.0, pitch=11.0, pad=0.0)
    for w in words:
        d = sink((w["x0"] + w["x1"]) / 2)
        w["top"] += d
        w["bottom"] += d
        if w["text"] in ("Indikator", "dua") and w["top"] == 129.0:
            w["top"] -= 2.0
    strokes = []
    for y in (117.25, 128.25, 139.25, 151.5):
        mid = y + 2.0  # (the middle of the ink's box: level at y, 4 pt lower at the right end)
        pts = [(x + 4.0, y + sink(x + 4.0)) for x in range(40, 600, 8)]
        strokes.append(Stroke((40.0, mid - 0.5, 600.0, mid + 0.5), pts) if course else (40.0, mid - 0.5, 600.0, mid + 0.5))
    return words, strokes


def test_a_bowed_row_rule_of_a_photographed_page_is_read_along_its_course():
    """One homography flattens a photographed page's perspective, not its curl: a rule
    between two rows bows, and the middle of its box is no height it runs at. Over the
    first column it lay 2 pt into the row under it, inside a word whose OCR box took in
    the rule's crumbs: read as striking that word it parted nothing, and two rows read as
    one. Read where it runs beside each word, it runs along the rows' edges and parts them."""
    from iku.extractors.borderless import find_borderless_tables
    from test_borderless import table_rows

    words, straight = _bowed_rule_table(course=False)
    assert len(table_rows(find_borderless_tables(None, words, 1, strokes=straight))) < 4
    words, bowed = _bowed_rule_table(course=True)
    assert table_rows(find_borderless_tables(None, words, 1, strokes=bowed))[1:] == [
        ["Indikator satu", "Persen", "58"], ["Indikator dua", "Orang", "3.381"], ["Indikator tiga", "Indeks", "77"]]


def test_a_rule_stroke_carries_its_course_along_its_ink():
    """The strokes handed to the borderless reader carry where each rule runs along x: a
    rule bowing 16 px (4 pt at 300 dpi) from its left end to its right end reads level at
    the left and 4 pt lower at the right, its box still at its middle height."""
    from iku.extractors import grid as gridmod, scanned

    ink = np.zeros((600, 2000), np.uint8)
    xs = np.arange(100, 1900)
    ys = (300 + 16 * ((xs - 100) / 1800.0) ** 2).astype(int)
    for dy in range(3):
        ink[ys + dy, xs] = 255
    scale = 300 / 72
    [stroke] = scanned._strokes(gridmod.find_rules(ink), scale)
    course = stroke.course
    assert course and abs(course[0][1] - 301.5 / scale) < 0.3 and abs(course[-1][1] - 317.5 / scale) < 0.5
    assert abs((stroke[1] + stroke[3]) / 2 - 309 / scale) < 0.5


def _capitals_header_words(first_top: float) -> list[dict]:
    """OCR words (padded boxes, `ink_top`/`ink_bottom` the glyphs') of a table whose header
    is set in capitals, one label four lines tall standing a line higher than the rest;
    `first_top`: the ink top of that label's first line (the others at a 10.4 pt pitch)."""
    def word(text, x0, ink_top):
        ink_h = 6.0 if text.isupper() or not text.isalpha() else 7.5
        x1 = x0 + 5.2 * len(text)
        return {"text": text, "x0": x0, "x1": x1, "top": ink_top - 2.5, "bottom": ink_top + ink_h + 2.5,
                "ink_top": ink_top, "ink_bottom": ink_top + ink_h}

    def line(ink_top, *placed):
        out = []
        for x0, text in placed:
            for t in text.split():
                out.append(word(t, x0, ink_top))
                x0 = out[-1]["x1"] + 2.5
        return out

    p = 10.4
    return (line(first_top, (257, "INDIKATOR"))
            + line(148.5, (167, "SASARAN"), (263, "KINERJA"), (339, "PENANGGUNG"), (431, "JENIS"))
            + line(153.5, (122, "NO."), (485, "METODE PENGHITUNGAN"))
            + line(148.5 + p, (165, "STRATEGIS"), (262, "SASARAN"), (334, "JAWAB KINERJA"), (418, "INDIKATOR"))
            + line(148.5 + 2 * p, (258, "STRATEGIS"))
            + line(187.0, (125, "1"), (148, "Meningkatnya tertib"), (249, "Predikat kinerja"),
                   (333, "Bidang Umum"), (431, "Impact"), (487, "Hasil evaluasi"))
            + line(197.5, (148, "administrasi barang"), (249, "perangkat daerah"), (333, "dan Keuangan"),
                   (487, "kinerja tahunan"))
            + line(225.0, (125, "2"), (148, "Meningkatnya mutu"), (249, "Indeks kepuasan"),
                   (431, "Outcome"), (487, "Total nilai"))
            + line(235.5, (148, "layanan umum"), (249, "masyarakat"), (487, "persepsi unsur")))


def test_a_capitals_label_first_line_over_the_header_line_is_the_header_s():
    """A header in capitals whose tallest label ("INDIKATOR / KINERJA / SASARAN / STRATEGIS")
    stands a line above the others: its first line is alone over the line the header was
    found on. Capitals have no descenders, so on a scan the ink gap under that line is
    wider than a mixed-case line's, past the gap test: the label lost its first word and
    the indicator column its name (no record read). It is the header's when it stands at
    the pitch of that label's lines under it; a line farther up is not."""
    from iku.extractors.borderless import find_borderless_tables
    from test_borderless import table_rows

    header = table_rows(find_borderless_tables(None, _capitals_header_words(138.0), 1))[0]
    assert header[2] == "INDIKATOR KINERJA SASARAN STRATEGIS"
    header = table_rows(find_borderless_tables(None, _capitals_header_words(131.0), 1))[0]
    assert "INDIKATOR KINERJA" not in header[2]


def test_a_running_median_is_scipys_median_filter_on_a_line():
    # even_toner's streak rule takes each line's darkness through a running median (size 15,
    # the ends repeated): numpy's, so that no worker imports scipy for it; the same values
    from scipy.ndimage import median_filter

    from iku.extractors.raster import STREAK_RULE, running_median

    rng = np.random.default_rng(7)
    lines = [rng.random(n).astype(np.float32) * 255 for n in (1, 5, 14, 15, 16, 2480)]
    lines += [np.repeat(rng.integers(0, 255, 40), 9).astype(np.float32), np.zeros(30, np.float32)]
    for line in lines:
        for size in (STREAK_RULE, 3, 1):
            got = running_median(line, size)
            assert got.dtype == line.dtype
            assert np.array_equal(got, median_filter(line, size=size, mode="nearest"))


def test_a_lone_row_of_cells_reading_no_word_or_figure_is_no_table():
    """A title in large light letters on a dark band: the letters' strokes box a few glyphs
    into a grid of one row, read "K | F | er". At the page's top it would pass for the next
    row of the table on the page before. A lone row reading a word or a figure is kept (the
    last row of a table the page break cut)."""
    from iku.extractors import grid as gridmod
    from iku.extractors.scanned import _ruled_table

    g = gridmod.Grid(xs=[0, 100, 160, 260, 290], ys=[0, 100], owner=[[(0, c) for c in range(4)]])

    def w(text, x0, x1):
        return {"text": text, "conf": 60.0, "x0": x0, "top": 30, "x1": x1, "bottom": 70}

    junk = {(0, 0, 0): [w("K", 20, 60)], (0, 0, 1): [w("F", 110, 140)], (0, 0, 2): [w("er", 180, 240)]}
    assert _ruled_table(0, g, junk, 1.0, 3) is None
    for kept in ({(0, 0, 0): [w("2", 20, 40)]}, {(0, 0, 1): [w("Nilai", 110, 150)]}):
        assert _ruled_table(0, g, kept, 1.0, 3) is not None


def test_a_cell_of_light_grey_strokes_goes_on_the_sheet_whole():
    """A coarse copy's thin strokes are light grey all over (a body cell's darkest dot near 190),
    a bold header beside them dark: each cell is cropped to its ink darker than the page's own
    median ink grey, not a fixed black level that left such a cell off the sheet unread (and
    cropped another to its darkest crumbs); a page of black ink keeps the fixed level."""
    from iku.extractors import ocr
    from iku.extractors.settings import OcrSettings

    class Engine:
        name = "rapidocr"

        def __init__(self):
            self.sheet = None

        def read(self, image, psm):
            if self.sheet is None:
                self.sheet = image.copy()
            # a word over each run of ink right of the page (the cells' crops)
            right = image[:, 400:] < 250
            n, _, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(right.astype(np.uint8), np.ones((9, 25), np.uint8)))
            return [Word(text=f"w{i}", conf=95.0, x0=400 + stats[i, 0], top=stats[i, 1],
                         x1=400 + stats[i, 0] + stats[i, 2], bottom=stats[i, 1] + stats[i, 3]) for i in range(1, n)]

    page = np.full((400, 400), 255, np.uint8)
    page[40:60, 40:200] = 100  # a bold header line
    for x in range(140, 340, 12):  # a light body cell's letters (two lines): a grey core, lighter edges
        for top in (150, 180):
            page[top - 1:top + 21, x - 1:x + 7] = 232
            page[top:top + 20, x:x + 6] = 205
            page[top:top + 20, x + 2:x + 4] = 185
    cells = {(0, 0, 0): (20, 20, 380, 100), (0, 1, 0): (20, 120, 380, 220)}
    assert ocr.cell_ink_level(page) > 185
    engine = Engine()
    _, cell_words = ocr.read_page_and_cells(page, cells, engine, OcrSettings(), blank=[(20, 20, 380, 220)])
    assert set(cell_words) == {(0, 0, 0), (0, 1, 0)}
    light = cell_words[(0, 1, 0)]
    assert min(w.top for w in light) <= 150 and max(w.bottom for w in light) >= 200  # both lines
    black = np.full((400, 400), 255, np.uint8)
    black[150:170, 140:340] = 20
    black[148:150, 140:340] = 200  # (its anti-aliased rim)
    assert ocr.cell_ink_level(black) == ocr.INK_LEVEL
