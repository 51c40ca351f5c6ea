"""Tables without rules read from word positions (extractors/borderless.py).

The words are laid out here the way a table is printed (cells with padding, lines
at a pitch, top-aligned or centred), so that each test shows one situation of an
unruled table and what the reader makes of it; the same module reads OCR words
(page=None), which these are.
"""
from __future__ import annotations

import pytest

from iku.extractors.borderless import ColumnLayout, find_borderless_tables
from iku.extractors.model import Span

from _word_layout import SIZE, words_of_line


def lay_out(columns: list[float], rows: list[list[str]], *, top: float = 100.0, pad: float = 3.0,
            pitch: float = 11.0, valign: str = "top", merged: dict | None = None,
            centre_header: bool = False) -> list[dict]:
    """Words of a table: `columns` are the columns' left edges (the last one closes the
    table), `rows` their cell texts ("\\n" between lines); `merged` {(row, col): rows}
    prints that cell centred down `rows` rows (the cells it covers are "")."""
    merged = merged or {}
    words: list[dict] = []
    heights = []
    for r, row in enumerate(rows):
        lines = [len(t.split("\n")) for k, t in enumerate(row) if t and merged.get((r, k), 1) == 1]
        heights.append(max(lines or [1]) * pitch + 2 * pad)
    tops = [top]
    for h in heights:
        tops.append(tops[-1] + h)
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            if not text:
                continue
            lines = text.split("\n")
            span = merged.get((r, k), 1)
            height = tops[r + span] - tops[r]
            y = tops[r] + pad
            if valign == "middle" or span > 1:
                y = tops[r] + (height - len(lines) * pitch) / 2
            for i, ln in enumerate(lines):
                x = columns[k] + pad
                if centre_header and r == 0:
                    x = (columns[k] + columns[k + 1]) / 2 - len(ln) * SIZE / 4
                words += words_of_line(ln, x, y + i * pitch)
    return words


def table_rows(tables, k: int = 0) -> list[list[str]]:
    return [[c.text.replace("\n", " ") if not c.spanned else f"<{c.spanned.value}>" for c in r]
            for r in tables[k].rows]


COLS = [40, 70, 210, 370, 420, 600, 720]
HEADER = ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Formulasi", "Sumber Data"]


def test_columns_come_from_the_gaps_down_the_body():
    rows = [HEADER,
            ["1", "Meningkatnya mutu\npelayanan publik", "Persentase layanan\ntepat waktu", "%",
             "Jumlah layanan tepat waktu /\njumlah layanan x 100%", "Bagian Umum"],
            ["2", "Meningkatnya akuntabilitas", "Nilai SAKIP", "Nilai", "Nilai evaluasi SAKIP", "Inspektorat"]]
    tables = find_borderless_tables(None, lay_out(COLS, rows), 1)
    assert len(tables) == 1
    got = table_rows(tables)
    assert got[0] == HEADER
    assert got[1] == ["1", "Meningkatnya mutu pelayanan publik", "Persentase layanan tepat waktu", "%",
                      "Jumlah layanan tepat waktu / jumlah layanan x 100%", "Bagian Umum"]
    assert got[2][2] == "Nilai SAKIP"


def test_labels_closer_than_word_spacing_are_parted_at_the_body_gaps():
    # a tight table: the header labels of neighbouring columns are 3 points apart,
    # less than the reader's label gap, but the body leaves the gaps open
    cols = [40, 58, 150, 250, 282, 400]
    rows = [["No", "Sasaran", "Indikator", "Satuan", "Sumber"],
            ["1", "Sasaran pertama", "Indikator pertama", "%", "Bagian A"],
            ["2", "Sasaran kedua", "Indikator kedua", "%", "Bagian B"],
            ["3", "Sasaran ketiga", "Indikator ketiga", "%", "Bagian C"]]
    words = lay_out(cols, rows, pad=1.5)
    tables = find_borderless_tables(None, words, 1)
    assert table_rows(tables)[0] == ["No", "Sasaran", "Indikator", "Satuan", "Sumber"]
    assert table_rows(tables)[3] == ["3", "Sasaran ketiga", "Indikator ketiga", "%", "Bagian C"]


def test_a_parent_label_spans_the_children_beside_it():
    cols = [40, 70, 210, 370, 410, 450, 490, 600]
    rows = [["No", "Sasaran", "Indikator Kinerja", "Satuan", "", "Target", "", "Keterangan"],
            ["", "", "", "", "2024", "2025", "2026", ""],
            ["1", "Sasaran satu", "Indikator satu", "%", "70", "75", "80", "RPJMD"],
            ["2", "Sasaran dua", "Indikator dua", "%", "60", "65", "70", "-"]]
    words = lay_out(cols, rows)
    # "Target" stands over 2025 only; 2024 and 2026 have nothing above them
    tables = find_borderless_tables(None, words, 1)
    got = table_rows(tables)
    assert got[0][4:7] == ["Target", "<left>", "<left>"]
    assert got[1][4:7] == ["2024", "2025", "2026"]
    assert got[1][0] == "<up>" and got[0][0] == "No"
    assert got[2] == ["1", "Sasaran satu", "Indikator satu", "%", "70", "75", "80", "RPJMD"]


def test_a_parent_centred_over_the_gap_between_two_children():
    cols = [40, 70, 210, 370, 420, 470, 520, 640]
    words = lay_out(cols, [["No", "Sasaran", "Indikator Kinerja", "Satuan", "", "", "Keterangan"],
                           ["", "", "", "", "", "", ""],
                           ["1", "Sasaran satu", "Indikator satu", "%", "", "", "RPJMD"],
                           ["2", "Sasaran dua", "Indikator dua", "%", "", "", "-"]])
    # years and figures centred in their columns, "Target" centred over both on the
    # header's first line: over the gap between the years, touching neither
    for x, texts in ((445, ("2024", "70", "60")), (495, ("2025", "75", "65"))):
        for y, t in zip((120.0, 137.0, 154.0), texts):
            words += words_of_line(t, x - len(t) * SIZE / 4, y)
    words += words_of_line("Target", 470 - 3 * SIZE / 2, 103.0)
    got = table_rows(find_borderless_tables(None, words, 1))
    assert got[0][4:6] == ["Target", "<left>"]
    assert got[1][4:6] == ["2024", "2025"]
    assert got[2][4:6] == ["70", "75"]


def test_a_section_row_across_the_table_does_not_end_it():
    rows = [HEADER,
            ["Tujuan 1 : Meningkatnya akses pendidikan yang merata", "", "", "", "", ""],
            ["1", "Sasaran satu", "Indikator satu", "%", "A / B x 100%", "Dapodik"],
            ["Tujuan 2 : Meningkatnya mutu pendidikan", "", "", "", "", ""],
            ["2", "Sasaran dua", "Indikator dua", "%", "C / D x 100%", "BPS"]]
    got = table_rows(find_borderless_tables(None, lay_out(COLS, rows), 1))
    assert [r[0] for r in got] == ["No", "Tujuan 1 : Meningkatnya akses pendidikan yang merata", "1",
                                   "Tujuan 2 : Meningkatnya mutu pendidikan", "2"]
    assert got[1][1:] == ["<left>"] * 5


def _paragraph(y: float, lines: int = 3) -> list[dict]:
    """Words of a paragraph's lines from y down, justified over the table's whole width."""
    words: list[dict] = []
    for _ in range(lines):
        x = 40.0
        for w in "Indikator kinerja tersebut merupakan tolok ukur keberhasilan dinas dalam".split():
            words += words_of_line(w, x, y)
            x = words[-1]["x1"] + 14.0
        y += 11
    return words


def test_a_paragraph_under_the_table_ends_it():
    rows = [HEADER, ["1", "Sasaran satu", "Indikator satu", "%", "A / B x 100%", "Dapodik"]]
    # running text under the table, justified over the whole width
    words = lay_out(COLS, rows) + _paragraph(160.0)
    got = table_rows(find_borderless_tables(None, words, 1))
    assert len(got) == 2


def test_a_sentence_naming_header_words_is_not_a_header():
    words = []
    y = 100.0
    for text in ("KESATU : Review Indikator Kinerja Utama (IKU) Badan Perencanaan Pembangunan",
                 "Daerah sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak",
                 "terpisahkan dari Keputusan ini dengan sasaran dan target kinerja tahunan"):
        x = 40.0
        for w in text.split():
            words += words_of_line(w, x, y)
            x = words[-1]["x1"] + 6.5  # justified: every gap alike, wider than a space
        y += 12
    assert find_borderless_tables(None, words, 1) == []


def test_a_new_paragraph_in_one_cell_is_not_a_row():
    rows = [HEADER,
            ["1", "Sasaran satu", "Persentase keluarga miskin\n\nPersentase penyandang\ndisabilitas mandiri", "%",
             "Formulasi : jumlah keluarga\nmiskin / jumlah keluarga x 100%\nSumber : Bidang Sosial\n"
             "Formulasi : jumlah penyandang\nmandiri / jumlah penyandang", "Dinsos"],
            ["2", "Sasaran dua", "Indikator dua", "%", "C / D x 100%", "BPS"]]
    got = table_rows(find_borderless_tables(None, lay_out(COLS, rows), 1))
    assert [r[0] for r in got] == ["No", "1", "2"]
    assert got[1][2] == "Persentase keluarga miskin Persentase penyandang disabilitas mandiri"


def test_a_row_without_number_starts_where_its_cells_start():
    rows = [HEADER,
            ["1", "Sasaran satu", "Persentase pertama\nyang panjang", "%", "A / B x 100%", "Bidang A"],
            ["", "", "Persentase kedua", "%", "C / D x 100%", "Bidang B"],
            ["2", "Sasaran dua", "Indikator ketiga", "%", "E / F x 100%", "Bidang C"]]
    got = table_rows(find_borderless_tables(None, lay_out(COLS, rows), 1))
    assert [r[2] for r in got[1:]] == ["Persentase pertama yang panjang", "Persentase kedua", "Indikator ketiga"]
    assert got[2][0] == ""


def test_rows_of_cells_that_touch_are_parted_at_the_numbers():
    # no padding and no space between rows: only the numbers and the line tops tell the rows
    rows = [HEADER,
            ["1", "Sasaran satu\nyang panjang", "Indikator satu", "%", "A / B", "Bidang A"],
            ["2", "Sasaran dua", "Indikator dua\nyang panjang", "%", "C / D", "Bidang B"],
            ["3", "Sasaran tiga", "Indikator tiga", "%", "E / F", "Bidang C"]]
    got = table_rows(find_borderless_tables(None, lay_out(COLS, rows, pad=0.0, pitch=10.0), 1))
    assert [r[1] for r in got[1:]] == ["Sasaran satu yang panjang", "Sasaran dua", "Sasaran tiga"]
    assert [r[2] for r in got[1:]] == ["Indikator satu", "Indikator dua yang panjang", "Indikator tiga"]


@pytest.mark.parametrize("span", [2, 3])
def test_a_cell_centred_down_several_rows_belongs_to_the_first(span):
    rows = [HEADER] + [[str(i + 1), "", f"Indikator nomor {i + 1}", "%", f"Rumus {i + 1}", "Bidang"]
                       for i in range(4)]
    rows[1][1] = "Sasaran yang\ndigabung"
    words = lay_out(COLS, rows, merged={(1, 1): span})
    got = table_rows(find_borderless_tables(None, words, 1))
    assert got[1][1] == "Sasaran yang digabung"
    assert all(got[1 + k][1] == "<up>" for k in range(1, span))
    assert got[1 + span][1] == ""


def test_a_row_numbering_the_columns_is_a_row_of_its_own():
    rows = [HEADER, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
            ["", "", "", "", "sisa rumus dari halaman lalu", ""],
            ["4", "Sasaran empat", "Indikator empat", "%", "G / H", "Bidang D"]]
    got = table_rows(find_borderless_tables(None, lay_out(COLS, rows), 1))
    assert got[1] == ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    assert got[2][4] == "sisa rumus dari halaman lalu" and got[2][0] == ""
    assert got[3][0] == "4"


def test_the_page_after_goes_on_in_the_columns_of_the_page_before():
    first = find_borderless_tables(None, lay_out(COLS, [HEADER, ["1", "S", "Indikator satu", "%", "A", "B"]]), 1)
    layout = first[0].layout
    assert isinstance(layout, ColumnLayout) and len(layout.cuts) == 5
    rows = [["2", "Sasaran dua", "Indikator dua", "%", "C / D", "Bidang"],
            ["3", "Sasaran tiga", "Indikator tiga", "%", "E / F", "Bidang"]]
    words = words_of_line("Halaman 2", 400, 40) + lay_out(COLS, rows, top=60)
    assert find_borderless_tables(None, words, 2) == []  # no header: nothing, without the page before
    tables = find_borderless_tables(None, words, 2, carry=layout)
    assert table_rows(tables) == [["2", "Sasaran dua", "Indikator dua", "%", "C / D", "Bidang"],
                                  ["3", "Sasaran tiga", "Indikator tiga", "%", "E / F", "Bidang"]]


def test_the_signature_under_the_table_is_not_a_row():
    rows = [HEADER, ["1", "Sasaran satu", "Indikator satu", "%", "A / B", "Bidang A"]]
    words = lay_out(COLS, rows)
    words += words_of_line("Samarinda, 17 Januari 2022", 560, 150)
    words += words_of_line("KEPALA DINAS PENDIDIKAN", 560, 161)
    got = table_rows(find_borderless_tables(None, words, 1))
    assert len(got) == 2 and got[1][5] == "Bidang A"


def test_spans_mark_the_merged_cells():
    rows = [HEADER, ["Tujuan 1 : Sasaran daerah pertama yang panjang", "", "", "", "", ""],
            ["1", "S", "Indikator satu", "%", "A", "B"]]
    table = find_borderless_tables(None, lay_out(COLS, rows), 1)[0]
    assert [c.spanned for c in table.rows[1][1:]] == [Span.LEFT] * 5


def test_a_stacked_fraction_on_an_ocr_page_is_read_over_the_stroke_found_under_its_numerator():
    """OCR words have no drawings: the thin strokes the raster reader found stand for the
    fraction bars ("A / B x 100%", not "A x 100% B" in line order)."""
    rows = [HEADER,
            ["1", "Meningkatnya mutu", "Persentase layanan", "%", "Jumlah layanan tepat\nJumlah layanan", "Bagian Umum"]]
    words = lay_out(COLS, rows)
    num = [w for w in words if w["text"] in ("Jumlah", "layanan", "tepat") and w["x0"] > 420]
    top = min(w["top"] for w in num)
    side = [w for w in words if w["top"] > top and w["x0"] > 420 and w["x0"] < 600]
    for w in side:  # the denominator a line lower, then "x 100%" beside the bar
        w["top"] += 3
        w["bottom"] += 3
    bar_y = top + SIZE + 2.5
    x_end = max(w["x1"] for w in words if 420 < w["x0"] < 600)
    words += words_of_line("x 100%", x_end + 4, bar_y - SIZE / 2)
    bar = (423.0, bar_y - 0.5, x_end, bar_y + 0.5)
    got = table_rows(find_borderless_tables(None, words, 1, strokes=[bar]))
    assert got[1][4] == "Jumlah layanan tepat / Jumlah layanan x 100%"


def test_a_numbering_row_holds_several_numbers_in_a_column_the_header_left_as_one():
    """The years under one "Target" label are read as one column: its numbers "(4) (5)"
    stand in it side by side, and the row still numbers the columns. Numbers out of order
    in a column are values, not column numbers."""
    from iku.extractors.borderless import _numbering_line

    cuts = [70, 210, 370, 420, 600]

    def line(texts_at):
        return [{"text": t, "x0": x, "x1": x + 12, "top": 100, "bottom": 109} for t, x in texts_at]

    assert _numbering_line(line([("(1)", 45), ("(2)", 120), ("(3)", 280), ("(4)", 440),
                                 ("(5)", 480), ("(6)", 640)]), cuts)
    assert not _numbering_line(line([("(1)", 45), ("(2)", 120), ("(3)", 280), ("(5)", 440),
                                     ("(4)", 480), ("(6)", 640)]), cuts)


def test_a_section_row_whose_first_word_ocr_glued_to_its_mark_still_crosses_the_edge():
    """OCR reads "A." touching the section's first word (no gap between their boxes): the
    run's own word spacing is no narrower than the page's for that, and a gap of one word
    space where a column's text starts is no split — the row is one text across the edge."""
    from iku.extractors.borderless import _Ctx, _crossing_runs

    ctx = _Ctx(h=11.0, space=3.0, ocr=True)
    words = [{"text": t, "x0": x0, "x1": x1, "top": 119, "bottom": 131}
             for t, x0, x1 in (("A.", 30.5, 41.8), ("TERWUJUDNYA", 41.8, 109.2), ("TATA", 112.8, 133.2))]
    runs = _crossing_runs(words, [110, 145], ctx, starts=[113.0])
    assert [[w["text"] for w in r] for r in runs] == [["A.", "TERWUJUDNYA", "TATA"]]


def test_year_column_labels_set_close_together_are_labels_not_a_cell_text():
    """Year columns labelled "Capaian 2023  Target Tahun 2024  Target Tahun 2025 …" whose labels
    stand closer than a label gap read as one run of words with few different header words; the
    years cutting it into short pieces tell a row of labels (the table was lost whole)."""
    from iku.extractors.borderless import _text_run

    run = words_of_line("Capaian 2023 Target Tahun 2024 Target Tahun 2025 Target Tahun 2026", 300, 100)
    assert not _text_run(run)
    # a cell's sentence that names years stays a text run
    prose = words_of_line("Jumlah penduduk miskin pada tahun 2023 dibagi jumlah penduduk tahun 2024", 300, 100)
    assert _text_run(prose)


def _shift(words: list[dict], text: str, by: float) -> None:
    # an OCR box's slack: the word read a little further from the one before it
    for w in words:
        if w["text"] == text:
            w["x0"] += by
            w["x1"] += by


def test_a_parenthesised_word_stays_with_its_label_over_a_body_gap():
    # "(Outcome)" beside "Indikator Kinerja" a little more than a word space away (OCR), over
    # a column the body leaves empty there: a qualifier of the label, not a label of its own
    cols = [40, 70, 210, 380, 450]
    rows = [["No", "Sasaran", "Indikator Kinerja (Outcome)", "Target", "Satuan"],
            ["1", "Sasaran satu", "Nilai evaluasi", "85", "%"],
            ["2", "Sasaran dua", "Indeks kepuasan", "75", "Nilai"],
            ["3", "Sasaran tiga", "Persentase lulus", "90", "Indeks"]]
    words = lay_out(cols, rows)
    _shift(words, "(Outcome)", 1.5)
    got = table_rows(find_borderless_tables(None, words, 1))
    assert got[0] == ["No", "Sasaran", "Indikator Kinerja (Outcome)", "Target", "Satuan"]
    assert got[3] == ["3", "Sasaran tiga", "Persentase lulus", "90", "Indeks"]


def test_a_centred_label_over_values_set_from_its_column_left_is_one_label():
    # "Target 2026" centred over its column, its short values set from the column's left and
    # ending about where the label starts: the empty run right of them lies under (nearly)
    # all of the label, no gap between two labels, though OCR read its words a little apart
    cols = [40, 70, 210, 380, 450]
    rows = [["No", "Sasaran", "Indikator Kinerja", "", "Satuan"],
            ["1", "Sasaran satu", "Persentase layanan tepat waktu", "85", "%"],
            ["2", "Sasaran dua", "Nilai evaluasi", "75", "Nilai"],
            ["3", "Sasaran tiga", "Indeks kepuasan", "90", "Indeks"]]
    words = lay_out(cols, rows)
    words += words_of_line("Target 2026", (380 + 450) / 2 - len("Target 2026") * SIZE / 4, 103.0)
    _shift(words, "2026", 1.0)
    got = table_rows(find_borderless_tables(None, words, 1))
    assert got[0] == ["No", "Sasaran", "Indikator Kinerja", "Target 2026", "Satuan"]
    assert got[2] == ["2", "Sasaran dua", "Nilai evaluasi", "75", "Nilai"]


# a slide's table (12 pt, text layer: bold header, plain body) beside a side panel whose big
# figure stands level with the header's last line, in no column of the table
SLIDE_WORDS = [
    ("TARGET", 855.5, 97.1, 905.3, 109.1, True),
    ("NO.", 436.3, 109.1, 457.3, 121.1, True),
    ("SASARAN", 500.8, 109.1, 557.5, 121.1, True),
    ("NAMA", 627.8, 109.1, 665.1, 121.1, True),
    ("KINERJA", 853.4, 111.3, 907.4, 123.3, True),
    ("CARA", 711.0, 115.8, 745.7, 127.8, True),
    ("PENGUKURAN", 748.0, 115.8, 834.0, 127.8, True),
    ("URUT", 429.7, 123.3, 463.8, 135.3, True),
    ("STRATEGIS", 495.2, 123.3, 563.0, 135.3, True),
    ("INDIKATOR", 611.7, 123.3, 681.3, 135.3, True),
    ("2021", 847.8, 134.6, 871.8, 146.6, True),
    ("2022", 889.0, 134.6, 913.0, 146.6, True),
    ("Jumlah", 720.2, 157.8, 754.8, 169.8, False),
    ("koperasi", 757.8, 157.8, 798.5, 169.8, False),
    ("yang", 801.5, 157.8, 824.8, 169.8, False),
    ("Meningkatnya", 476.1, 172.8, 545.4, 184.8, False),
    ("berpredikat", 731.3, 172.1, 786.0, 184.1, False),
    ("sehat", 789.0, 172.1, 813.6, 184.1, False),
    ("Persentase", 592.1, 179.6, 642.8, 191.6, False),
    ("koperasi", 645.8, 179.6, 686.4, 191.6, False),
    ("1.", 442.3, 187.1, 451.3, 199.1, False),
    ("kualitas", 476.1, 187.1, 513.4, 199.1, False),
    ("kelembagaan", 516.4, 187.1, 579.7, 199.1, False),
    ("Jumlah", 720.2, 187.8, 754.8, 199.8, False),
    ("koperasi", 757.8, 187.8, 798.5, 199.8, False),
    ("yang", 801.5, 187.8, 824.8, 199.8, False),
    ("78,5", 849.3, 187.1, 870.3, 199.1, False),
    ("80,0", 890.5, 187.1, 911.5, 199.1, False),
    ("sehat", 592.1, 194.6, 616.8, 206.6, False),
    ("koperasi", 476.1, 201.3, 516.8, 213.3, False),
    ("diperiksa", 750.5, 202.1, 794.5, 214.1, False),
    ("x", 710.8, 216.3, 716.8, 228.3, False),
    ("100%", 719.8, 216.3, 747.8, 228.3, False),
    ("78,5", 68.0, 128.6, 127.2, 162.6, True),
    ("Sinergi,", 68.0, 177.3, 111.0, 191.3, False),
    ("inovasi,", 114.3, 177.3, 157.5, 191.3, False),
    ("dan", 160.8, 177.3, 180.8, 191.3, False),
    ("akuntabilitas", 184.1, 177.3, 254.4, 191.3, False)]


def test_a_side_panels_line_level_with_the_header_does_not_end_it():
    """The panel's figure makes a line of its own between the header's labels and the years
    under "TARGET KINERJA": the years are still the header's second level, one column each
    (a text layer: the page's drawings are read for fraction bars, none here)."""
    from types import SimpleNamespace

    words = [{"text": t, "x0": a, "top": b, "x1": c, "bottom": d, "fontname": "Serif-Bold" if bold else "Serif"}
             for t, a, b, c, d, bold in SLIDE_WORDS]
    got = table_rows(find_borderless_tables(SimpleNamespace(lines=[], rects=[]), words, 2))
    assert got[0][4:] == ["TARGET KINERJA", "<left>"]
    assert got[1][4:] == ["2021", "2022"]
    assert got[2][0] == "1." and got[2][4:] == ["78,5", "80,0"]


def test_a_units_block_whose_colons_a_scan_lost_at_the_pages_top_is_no_continuation():
    """A coarse scan loses every colon of the block naming the next table ("Nama Unit : …",
    "Tugas : …") at the top of the page after a table that ran to its page's foot: labels at
    the table's left, values one under the other running across the carried columns. That
    block is no row of the table before; the page's own table follows it."""
    first = find_borderless_tables(None, lay_out(COLS, [HEADER, ["1", "S", "Indikator satu", "%", "A", "B"]]), 1)
    layout = first[0].layout
    words = (words_of_line("Nama Unit", 40, 40) + words_of_line("Bidang Pelayanan Umum", 200, 40)
             + words_of_line("Tugas", 40, 52)
             + words_of_line("Melaksanakan urusan pemerintahan bidang pelayanan umum daerah", 200, 52)
             + lay_out(COLS, [HEADER, ["1", "Sasaran satu", "Indikator satu", "%", "A / B", "Bidang"]], top=80))
    tables = find_borderless_tables(None, words, 2, carry=layout)
    assert [r[0] for r in table_rows(tables)] == ["No", "1"]


def test_a_slide_title_in_large_type_naming_header_words_is_no_header():
    """A slide's title over its table ("Sasaran dan Indikator Kinerja", twice the table's type)
    parts its words by wider spaces than the table's, as OCR reads them wider than the page's
    gap between two labels: it is one label, not a header line; the table's own header heads it."""
    title, x = [], 40.0
    for w in "Sasaran dan Indikator Kinerja".split():
        title.append({"text": w, "x0": x, "x1": x + len(w) * SIZE, "top": 20.0, "bottom": 20.0 + 2 * SIZE})
        x = title[-1]["x1"] + 0.8 * SIZE
    rows = [HEADER, ["1", "Meningkatnya mutu", "Persentase layanan", "%", "A / B x 100", "Bidang"],
            ["2", "Meningkatnya akses", "Jumlah desa", "desa", "Jumlah desa", "Bidang"]]
    got = table_rows(find_borderless_tables(None, title + lay_out(COLS, rows, top=60), 1))
    assert got[0] == HEADER and got[1][2] == "Persentase layanan" and len(got) == 3


def test_a_label_running_just_past_a_wide_gaps_middle_is_no_parent_over_its_neighbours():
    """A column's own label whose last word ends a sliver past the middle of the wide gap beside
    it ("Formula Perhitungan" before a narrow "Satuan" column) does not stand over that gap: it
    is no parent of the labels on both sides of it one line lower (which would tie the
    columns' labels into one and read them as a parent over three columns)."""
    from iku.extractors.borderless import _stacks
    phrases = [words_of_line("INDIKATOR", 130, 100), words_of_line("KONDISI", 330, 100),
               words_of_line("KINERJA UTAMA", 120, 110), words_of_line("FORMULA PERHITUNGAN", 210, 110),
               words_of_line("AWAL", 335, 110), words_of_line("(IKU)", 140, 121), words_of_line("2019", 335, 121)]
    assert phrases[3][-1]["x1"] - (260 + 325) / 2 < 1.0  # the label ends just past the gap's middle
    groups = _stacks(phrases, [(200.0, 208.0), (260.0, 325.0)])
    texts = sorted(sorted(" ".join(w["text"] for w in p) for p in g) for g in groups)
    assert ["FORMULA PERHITUNGAN"] in texts
    assert ["(IKU)", "INDIKATOR", "KINERJA UTAMA"] in texts


def test_a_short_parent_over_an_off_centre_gap_is_a_parent_of_the_labels_beside_it():
    """A short parent ("PIC") over two children's labels, where the gap between the children's
    columns lies off its centre so that it reaches over the gap's middle by a sliver only: the
    children's labels stand right beside its ends, so it is their parent all the same."""
    from iku.extractors.borderless import _stacks
    phrases = [words_of_line("PIC", 635, 100), words_of_line("BIDANG UTAMA", 582, 111),
               words_of_line("BIDANG", 653, 106), words_of_line("PENDAMPING", 653, 115)]
    mid = (626.5 + 644.5) / 2
    assert 0 < mid - phrases[0][0]["x0"] < 1.0  # over the gap's middle by a sliver
    groups = _stacks(phrases, [(626.5, 644.5)])
    assert len(groups) == 1  # (the right child's label on two lines: PIC's only way to it is the gap)


def test_a_speck_read_as_a_letter_between_two_rows_does_not_end_the_table():
    # a scan: a pen's stroke read as an unsure "A" alone on its line over a column edge between
    # two rows would pass for text under the table; print there keeps to its column, and a sure
    # reading or a lexicon word is print
    from iku.extractors.borderless import _Ctx, _stray_mark
    ctx, cuts = _Ctx(h=8.0, space=2.0, ocr=True), [160.0, 280.0, 470.0]
    mark = {"text": "A", "x0": 462.0, "x1": 486.0, "top": 180.0, "bottom": 190.0, "conf": 62.0}
    assert _stray_mark([mark], cuts, ctx)
    assert not _stray_mark([dict(mark, conf=96.0)], cuts, ctx)
    assert not _stray_mark([dict(mark, x0=474.0)], cuts, ctx)  # in one column: a cell's line
    assert not _stray_mark([dict(mark, text="IKU")], cuts, ctx)
    assert not _stray_mark([mark], cuts, _Ctx(h=8.0, space=2.0, ocr=False))  # a text layer's word is print
    # a flat speck of no letter under the last row opens no row of its own
    rows = [HEADER,
            ["1", "Sasaran satu", "Indikator satu", "%", "A / B x 100%", "Dapodik"],
            ["2", "Sasaran dua", "Indikator dua", "%", "C / D x 100%", "BPS"]]
    words = [dict(w, conf=95.0) for w in lay_out(COLS, rows)]
    row2 = min(w["top"] for w in words if w["text"] == "dua")
    speck = {"text": "—_", "x0": 240.0, "x1": 248.0, "top": row2 + 14, "bottom": row2 + 16, "conf": 70.0}
    got = table_rows(find_borderless_tables(None, words + [speck], 1))
    assert [r[0] for r in got] == ["No", "1", "2"]
    assert not any("—_" in c for r in got for c in r)


def test_a_mark_squeezed_between_two_lines_does_not_move_its_rows_top():
    """A scan's back showing through (or a shading's edge) in the leading under the column numbers,
    read as an unsure "w-4" whose box runs into the lines above and below it: no printed line fits
    there. Taken for the first line of the row under it, it moved that row's top up, the cells
    beside no longer started level with the row, and two rows set at the line pitch read as one."""
    from iku.extractors.borderless import _Ctx, _squeezed_mark

    def line(top, bottom, items, conf=99.0):
        return [{"text": t, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "conf": conf} for t, x0, x1 in items]

    words = (line(90.0, 106.0, [("Sasaran", 507, 543), ("Program", 547, 583), ("Indikator", 682, 725),
                                ("Kinerja", 730, 763), ("Sasaran", 766, 799), ("Strategis", 804, 845),
                                ("Target", 865, 892), ("2023", 894, 917)])
             + line(110.5, 127.5, [("(1)", 541, 552), ("(2)", 757, 769), ("(3)", 882, 898)])
             + line(130.0, 144.0, [("SS-1.", 428, 451), ("Terkendalinya", 454, 511), ("harga", 516, 537),
                                   ("pokok", 620, 643), ("Jumlah", 674, 704), ("wirausaha", 707, 748), ("baru", 751, 769),
                                   ("1.818", 878, 902)])
             + line(148.5, 164.0, [("SS-2.", 428, 452), ("Meningkatnya", 454, 512), ("kualitas", 517, 553),
                                   ("koperasi", 610, 644), ("Persentase", 673, 716), ("koperasi", 721, 757),
                                   ("aktif", 757, 778), ("78", 882, 896)]))
    mark = line(122.8, 131.0, [("w-4", 428, 447)], conf=62.0)
    got = table_rows(find_borderless_tables(None, words + mark, 1))
    assert got[2:] == [["SS-1. Terkendalinya harga pokok", "Jumlah wirausaha baru", "1.818"],
                       ["SS-2. Meningkatnya kualitas koperasi", "Persentase koperasi aktif", "78"]]
    ctx, above, below = _Ctx(h=15.0, space=4.0, ocr=True), words[8:11], words[11:20]
    assert _squeezed_mark(mark, above, below, ctx)
    assert not _squeezed_mark([dict(mark[0], conf=95.0)], above, below, ctx)  # read surely: print
    assert not _squeezed_mark([dict(mark[0], bottom=129.0)], above, below, ctx)  # room for a line of its own
    assert not _squeezed_mark(mark, above, below, _Ctx(h=15.0, space=4.0, ocr=False))  # a text layer's word


def _laid(spec) -> list[dict]:
    return [w for top, items in spec for x, text in items for w in words_of_line(text, x, top)]


def test_a_dash_alone_between_two_header_labels_names_no_column():
    """A pen's stroke read as a dash in the header, between two labels and far from both, is no
    label: taken for one, the cut beside it splits the column under it ("IKU.1.1 investasi" |
    "Pertumbuhan realisasi")."""
    words = _laid([
        (100, [(50, "Sasaran"), (150, "-"), (175, "IKU"), (270, "Program"), (360, "Satuan"), (430, "Sumber Data")]),
        (120, [(50, "Meningkatnya"), (130, "IKU.1.1 Pertumbuhan realisasi"), (270, "Program Pelayanan"),
               (360, "Persen"), (430, "Laporan")]),
        (131, [(50, "kualitas"), (130, "investasi"), (270, "Modal"), (430, "Kegiatan")]),
        (150, [(130, "IKU.1.2 Indeks Kepuasan"), (270, "Program Pelayanan"), (360, "Indeks"), (430, "Laporan")]),
        (161, [(130, "Masyarakat"), (270, "Modal"), (430, "Kegiatan")]),
    ])
    rows = table_rows(find_borderless_tables(None, words, 1))
    assert rows[0] == ["Sasaran", "IKU", "Program", "Satuan", "Sumber Data"]
    assert [r[1] for r in rows[1:]] == ["IKU.1.1 Pertumbuhan realisasi investasi", "IKU.1.2 Indeks Kepuasan Masyarakat"]


def test_a_units_block_whose_colons_a_scan_lost_ends_the_table_above_it():
    """A cascading page: a unit's table, then the next unit's Nama / Tugas / Fungsi block with
    every colon lost to the scan, then that unit's table. The block is no row of the first
    table (its values run across the columns, as no cell's text does)."""
    header = [(50, "Sasaran"), (175, "IKU"), (270, "Program"), (360, "Satuan"), (430, "Sumber Data")]
    words = _laid([
        (100, header),
        (120, [(50, "Meningkatnya"), (130, "IKU.1.1 Nilai realisasi"), (270, "Program Pelayanan"), (360, "Persen"),
               (430, "Laporan")]),
        (131, [(50, "kualitas"), (130, "investasi"), (270, "Modal"), (430, "Kegiatan")]),
        (150, [(50, "Nama Unit Organisasi"), (200, "Bidang Pengendalian Pelaksanaan Penanaman Modal")]),
        (164, [(50, "Tugas"), (200, "Melaksanakan urusan pemerintahan bidang penanaman modal")]),
        (178, [(50, "Fungsi"), (200, "1. perumusan kebijakan penanaman modal")]),
        (192, [(200, "2. penyelenggaraan pelayanan perizinan")]),
        (215, header),
        (235, [(50, "Meningkatnya"), (130, "IKU.1.1 Pertumbuhan realisasi"), (270, "Program Pelayanan"),
               (360, "Persen"), (430, "Laporan")]),
        (246, [(50, "pelayanan"), (130, "investasi"), (270, "Modal"), (430, "Kegiatan")]),
    ])
    tables = find_borderless_tables(None, words, 1)
    assert [table_rows(tables, k)[1][1] for k in range(len(tables))] == [
        "IKU.1.1 Nilai realisasi investasi", "IKU.1.1 Pertumbuhan realisasi investasi"]
    assert all(len(table_rows(tables, k)) == 2 for k in range(len(tables)))


def test_a_paragraphs_first_line_read_as_a_row_and_its_heading_end_the_table():
    # a scan: under the last row, a chapter's heading in larger type at word spacing over the
    # column edges ("IV.2 Rencana …"), then a paragraph whose first line, its word gaps counted
    # in the body's column gaps, passed for a row; the table ends above the heading
    from iku.extractors.borderless import _Ctx, _heading_over_the_end, _paragraph_over_the_end
    ctx, cuts = _Ctx(h=10.0, space=3.0, ocr=True), [70.0, 180.0, 330.0, 380.0]
    row = lambda top: (words_of_line("1", 42, top) + words_of_line("Sasaran satu", 73, top)
                       + words_of_line("Indikator satu", 183, top) + words_of_line("%", 333, top)
                       + words_of_line("80", 383, top))
    para = lambda top: words_of_line("Rencana Strategis Perangkat Daerah merupakan dokumen perencanaan untuk "
                                     "periode lima tahun yang memuat", 40, top)
    heading = [dict(w, bottom=w["top"] + 14.0) for w in words_of_line("IV.2 Rencana Program dan Pendanaan", 40, 130)]
    for w, x in zip(heading, (40, 68, 119, 170, 196)):  # type larger than the table's: wider word gaps
        w["x1"], w["x0"] = x + (w["x1"] - w["x0"]) * 1.4, x
    body = [row(100), row(112), heading, para(150), para(161)]
    kinds = ["row", "row", "row", "row", "end"]
    assert _paragraph_over_the_end(body, kinds, 4, ctx) == 3
    assert _heading_over_the_end(body, kinds, 3, cuts, ctx) == 2
    # a row of cells over a paragraph is no line of it
    assert _paragraph_over_the_end([row(100), row(112), row(140), para(150)], ["row"] * 3 + ["end"], 3, ctx) == 3


def test_a_heading_under_the_table_over_a_paragraph_is_no_section_row():
    # a section row opens rows; a line at the table's left under the last row with a paragraph,
    # no row, under it is that paragraph's heading (a scan: no weight to tell it by)
    rows = [HEADER, ["1", "Sasaran satu", "Indikator satu", "%", "A / B x 100%", "Dapodik"],
            ["2", "Sasaran dua", "Indikator dua", "%", "C / D x 100%", "BPS"]]
    words = lay_out(COLS, rows) + words_of_line("Rencana Program dan Pendanaan", 40, 150) + _paragraph(168.0)
    got = table_rows(find_borderless_tables(None, words, 1))
    assert [r[0] for r in got] == ["No", "1", "2"]


def _typed(spec, size: float) -> list[dict]:
    """OCR words of lines (top, [(x, text)]) in a type `size` points high (a character
    size/2 wide, a space size/4)."""
    out = []
    for top, items in spec:
        for x, text in items:
            for w in text.split():
                out.append({"text": w, "x0": x, "x1": x + len(w) * size / 2, "top": top, "bottom": top + size})
                x = out[-1]["x1"] + size / 4
    return out


def test_a_table_in_smaller_type_than_the_pages_prose_is_read_in_its_own_type():
    """A plan's chapter: paragraphs in large type, then a table in small type whose padded OCR
    boxes stand closer than half the prose's line height. Grouped at the page's median height,
    the row of column numbers and a row's two lines run into one line; the table's own words'
    height parts them."""
    prose = "Rencana strategis memuat tujuan sasaran strategi arah kebijakan program dan kegiatan pembangunan"
    words = _typed([(40.0 + 18 * k, [(50, prose)]) for k in range(10)], 16.0)
    words += _typed([
        (240.0, [(50, "No"), (80, "Sasaran"), (190, "Indikator Kinerja"), (300, "Satuan"), (350, "Target 2024")]),
        (251.0, [(50, "(1)"), (80, "(2)"), (190, "(3)"), (300, "(4)"), (350, "(5)")]),
        (258.0, [(50, "1"), (80, "Meningkatnya mutu"), (190, "Persentase sekolah"), (300, "%"), (350, "85")]),
        (265.0, [(80, "pendidikan"), (190, "terakreditasi")]),
        (276.0, [(50, "2"), (80, "Meningkatnya akses"), (190, "Angka partisipasi"), (300, "%"), (350, "90")]),
        (283.0, [(80, "pendidikan"), (190, "murni")]),
    ], 9.0)
    rows = table_rows(find_borderless_tables(None, words, 1))
    assert rows[0] == ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target 2024"]
    assert rows[1] == ["(1)", "(2)", "(3)", "(4)", "(5)"]
    assert rows[2] == ["1", "Meningkatnya mutu pendidikan", "Persentase sekolah terakreditasi", "%", "85"]
    assert rows[3] == ["2", "Meningkatnya akses pendidikan", "Angka partisipasi murni", "%", "90"]


def test_a_label_stacked_over_its_neighbours_lines_keeps_its_own_lines():
    # small type, padded OCR boxes: a label in three lines beside a label in two, centred; the
    # label's first line is within half a box of the line beside it, but one text line holds no
    # two words one over the other
    from iku.extractors.borderless import _type_lines
    # (the page a little askew: the line beside it drifts down from left to right)
    words = _typed([(100.0, [(260, "KONDISI")]), (104.0, [(50, "NO.")]), (104.5, [(100, "TARGET")]),
                    (105.0, [(150, "TARGET")]), (105.5, [(200, "TARGET")]), (108.0, [(260, "KINERJA")]),
                    (112.5, [(50, "URUT")]), (113.0, [(100, "2024"), (150, "2025"), (200, "2026")]),
                    (116.0, [(260, "AKHIR")])], 9.0)
    lines = [" ".join(w["text"] for w in ln) for ln in _type_lines(words)]
    assert lines[0] == "NO. TARGET TARGET TARGET KONDISI"
    assert lines[1] == "URUT 2024 2025 2026 KINERJA"
    assert lines[2] == "AKHIR"


def test_a_pen_mark_read_as_letters_at_a_cells_line_end_over_a_column_edge_is_dropped():
    """A pen's stroke over the gap between two columns, read surely as "5L" right after a
    cell's line ("Mengukur kontribusi 5L"): with it the line reads as one text across the
    columns, and the table ended there (its last two rows lost). The mark goes; the cell's
    words stay. A number, a mark of no letter, or a word of the domain lexicon there is print
    and stays, and so does a line that crosses an edge without it."""
    from iku.extractors import borderless as B

    cuts = [62.0, 180.0, 300.0, 408.0]
    line = words_of_line("Mengukur kontribusi", 315, 500)
    mark = {"text": "5L", "x0": line[-1]["x1"] + 3.0, "x1": line[-1]["x1"] + 20.0, "top": 499.0, "bottom": 508.0,
            "conf": 91.5}
    body = words_of_line("Persentase kasus perselisihan hubungan industrial", 70, 100)
    ctx = B._context(None, body + line + [mark])
    assert B._full_span(line + [mark], cuts, ctx)  # (the table ended at it)
    assert [w["text"] for w in B._without_glued_mark(line + [mark], cuts, ctx)] == ["Mengukur", "kontribusi"]
    for text in ("12", "%", "IKU"):
        kept = line + [dict(mark, text=text)]
        assert B._without_glued_mark(kept, cuts, ctx) == kept
    across = words_of_line("Mengukur kontribusi perangkat daerah", 370, 520)
    across += [dict(mark, top=519.0, bottom=528.0, x0=across[-1]["x1"] + 3.0, x1=across[-1]["x1"] + 20.0)]
    assert B._without_glued_mark(across, cuts, ctx) == across


def test_a_gap_that_unread_ink_fills_does_not_end_a_scanned_table():
    # a pen's mark over the rows hides the lines under it from the OCR: the gap it leaves is
    # wider than a table's end, but ink no word covers fills it (`blots`), and the rows under
    # it are still the table's; ink beside the table bridges nothing
    rows = [HEADER, ["1", "Sasaran satu", "Indikator satu", "%", "A / B x 100%", "Dapodik"],
            ["2", "Sasaran dua", "Indikator dua", "%", "C / D x 100%", "BPS"]]
    words = lay_out(COLS, rows)
    lower = [w for w in words if w["top"] > 130]
    for w in lower:  # three lines lost between the two rows
        w["top"] += 40.0
        w["bottom"] += 40.0
    assert len(table_rows(find_borderless_tables(None, words, 1))) == 2
    blot = (380.0, 126.0, 470.0, 168.0)
    got = table_rows(find_borderless_tables(None, words, 1, blots=[blot]))
    assert [r[0] for r in got] == ["No", "1", "2"] and got[2][5] == "BPS"
    aside = (760.0, 126.0, 820.0, 168.0)
    assert len(table_rows(find_borderless_tables(None, words, 1, blots=[aside]))) == 2


def test_a_section_rows_word_read_a_little_apart_stays_in_its_section_row():
    """A scan of a table without rules, its sasaran as section rows across the columns over
    their indicators' rows: the recogniser places the words of a line by its own estimate,
    and the last word of one section row comes out a little further from the word before it
    than the page's word space ("… satuan  kerja"), though at a word gap of its type. The
    section row stays one row of its own; it did not run into the row over it."""
    words = _typed([
        (100.0, [(50, "KODE"), (110, "INDIKATOR KINERJA"), (260, "SATUAN"), (330, "TARGET 2021")]),
        (114.0, [(50, "Meningkatnya konektivitas jaringan jalan")]),
        (125.0, [(50, "IKU 1.1"), (110, "Persentase paket pekerjaan"), (260, "%"), (330, "93")]),
        (136.0, [(50, "IKU 1.2"), (110, "Tingkat kemantapan jalan"), (260, "%"), (330, "60")]),
        (150.0, [(50, "Meningkatnya kualitas pengelolaan balai")]),
        (161.0, [(50, "IKU 2.1"), (110, "Persentase jembatan baik"), (260, "%"), (330, "90")]),
        (172.0, [(50, "IKU 2.2"), (110, "Panjang jalan dibangun"), (260, "Km"), (330, "4.320")]),
        (186.0, [(50, "Meningkatnya akuntabilitas kinerja satuan")]),
        (197.0, [(50, "IKU 3.1"), (110, "Nilai SAKIP"), (260, "Nilai"), (330, "74")]),
    ], 9.0)
    last = max((w for w in words if w["top"] == 186.0), key=lambda w: w["x1"])
    words.append({"text": "kerja", "x0": last["x1"] + 4.6, "x1": last["x1"] + 4.6 + 22.5, "top": 186.0,
                  "bottom": 195.0})
    rows = table_rows(find_borderless_tables(None, words, 1))
    assert ["Meningkatnya akuntabilitas kinerja satuan kerja", "<left>", "<left>", "<left>"] in rows
    assert ["IKU 2.2", "Panjang jalan dibangun", "Km", "4.320"] in rows


# a slide's table (text layer, 12 pt): a shaded header closed by a rule across it, "Target" over
# its years; the first row's text starts 5 points under the years, closer than a row's padding
# usually leaves (x0, top, x1, bottom)
RULED_OFF_WORDS = [
    ("Target", 536.6, 94.0, 562.9, 106.0), ("No", 41.7, 103.0, 54.0, 115.0), ("SASARAN", 62.7, 103.0, 108.5, 115.0),
    ("STRATEGIS", 110.9, 103.0, 164.3, 115.0), ("INDIKATOR", 176.5, 103.0, 227.6, 115.0),
    ("KINERJA", 229.9, 103.0, 270.3, 115.0), ("UTAMA", 272.1, 103.0, 305.0, 115.0), ("(IKU)", 306.8, 103.0, 328.9, 115.0),
    ("Metode", 381.9, 103.0, 413.7, 115.0), ("Penghitungan", 416.1, 103.0, 474.6, 115.0),
    ("2022", 525.3, 111.3, 546.6, 123.3), ("2023", 552.9, 111.3, 574.2, 123.3),
    ("Meningkatnya", 57.8, 128.5, 116.9, 140.5), ("kualitas", 119.2, 128.5, 151.2, 140.5),
    ("Jumlah", 173.0, 136.0, 203.7, 148.0), ("publikasi", 206.0, 136.0, 242.7, 148.0),
    ("internasional", 245.1, 136.0, 298.5, 148.0), ("Jumlah", 336.3, 136.0, 367.0, 148.0),
    ("artikel", 369.4, 136.0, 394.4, 148.0), ("yang", 396.7, 136.0, 417.5, 148.0), ("terbit", 419.8, 136.0, 440.7, 148.0),
    ("1.", 43.9, 142.8, 51.9, 154.8), ("kurikulum", 57.8, 142.8, 98.3, 154.8), ("dan", 100.7, 142.8, 116.7, 154.8),
    ("1.042", 524.0, 142.8, 547.8, 154.8), ("1.105", 551.6, 142.8, 575.5, 154.8),
    ("bereputasi", 173.0, 150.3, 217.1, 162.3), ("artikel", 336.3, 150.3, 366.0, 162.3),
    ("pembelajaran", 57.8, 157.0, 115.3, 169.0),
    ("Persentase", 173.0, 174.3, 221.0, 186.3), ("program", 223.3, 174.3, 258.7, 186.3),
    ("Jumlah", 336.3, 174.3, 367.0, 186.3), ("prodi", 369.4, 174.3, 390.0, 186.3),
    ("77,62", 524.0, 181.8, 547.8, 193.8), ("79,43", 551.6, 181.8, 575.5, 193.8),
    ("Meningkatnya", 57.8, 181.8, 116.9, 193.8), ("2.", 43.9, 181.8, 51.9, 193.8),
    ("unggul", 173.0, 188.5, 204.0, 200.5), ("dosen", 57.8, 196.0, 83.8, 208.0)]


def test_a_rule_across_the_header_closes_it_however_close_the_first_row_is_set():
    """The first row's first line ("Meningkatnya kualitas", set higher than the row's number in a
    cell centred down the row) stands only 5 points under the header's last line: by its gap
    alone a header line. The header's bottom rule runs between them across the whole header,
    so the line is the row's; the rule under "Target", between the header's two levels, runs
    under that label only and leaves the years in the header."""
    from types import SimpleNamespace

    words = [{"text": t, "x0": a, "top": b, "x1": c, "bottom": d, "fontname": "Sans"}
             for t, a, b, c, d in RULED_OFF_WORDS]
    rule = lambda x0, y, x1: {"x0": x0, "top": y, "x1": x1, "bottom": y + 0.8}
    page = SimpleNamespace(lines=[], rects=[rule(39.7, 90.7, 577.5), rule(522.0, 108.0, 577.5),
                                            rule(39.7, 125.2, 577.5), rule(39.7, 171.0, 577.5),
                                            rule(39.7, 210.0, 577.5)])
    got = table_rows(find_borderless_tables(page, words, 2))
    assert got[1] == ["<up>"] * 4 + ["2022", "2023"]
    assert got[2][:2] == ["1.", "Meningkatnya kualitas kurikulum dan pembelajaran"]
    assert got[2][4:] == ["1.042", "1.105"]


def test_a_label_centred_over_its_one_rows_value_is_one_label():
    """A scan of a table of one row: its only values ("Indeks", "63,6") are centred under their
    labels, so the body leaves rivers everywhere else, one of them ending right at a label's word
    gap ("Satuan | Pengukuran"), and OCR boxes part a label's words wider than the page's word
    space. A label over one run of the body's ink, centred over it, is one label; split, its
    words named columns nothing stands under."""
    words = [{"text": t, "x0": a, "top": b, "x1": c, "bottom": d, "conf": 95.0} for t, a, b, c, d in [
        ("NO", 47.7, 93.1, 64.3, 105.6), ("Indikator", 119.7, 93.6, 166.3, 106.1), ("Kinerja", 171.6, 93.6, 205.6, 106.1),
        ("Satuan", 275.5, 93.1, 310.5, 105.6), ("Pengukuran", 315.0, 93.1, 375.0, 105.6),
        ("Target", 417.5, 93.6, 450.1, 106.1), ("Kinerja", 455.2, 93.6, 490.0, 106.1), ("2024", 494.8, 93.6, 519.2, 106.1),
        ("Meningkatnya", 46.1, 111.3, 116.1, 122.4), ("kualitas", 119.7, 111.3, 160.3, 122.4),
        ("pelayanan", 163.9, 111.3, 213.5, 122.4), ("administrasi", 217.4, 111.3, 281.9, 122.4),
        ("perkantoran", 283.8, 111.3, 344.6, 122.4),
        ("•", 76.5, 129.3, 81.8, 140.4), ("Indeks", 82.1, 129.3, 113.0, 140.4), ("Profesionalitas", 116.9, 129.3, 184.8, 140.4),
        ("ASN", 188.6, 129.3, 206.8, 140.4), ("63,6", 458.8, 129.3, 477.2, 143.2), ("Indeks", 311.2, 136.0, 342.4, 148.0),
        ("1", 52.1, 137.0, 58.5, 147.6), ("70", 464.8, 140.4, 473.6, 153.8), ("•", 76.8, 140.8, 81.6, 153.3),
        ("Nilai", 85.2, 140.8, 106.3, 153.3), ("SAKIP", 108.0, 140.8, 135.3, 153.3), ("Satuan", 141.1, 140.8, 170.6, 153.3),
        ("Kerja", 176.1, 140.8, 197.5, 153.3)]]
    got = table_rows(find_borderless_tables(None, words, 4))
    assert got[0] == ["NO", "Indikator Kinerja", "Satuan Pengukuran", "Target Kinerja 2024"]
    assert got[-1][2:] == ["Indeks", "63,6 70"]


def test_two_figures_an_ocr_read_as_one_word_across_a_column_edge_are_parted():
    """Two narrow year columns side by side: their values stand closer than the recogniser's word
    gap and come out as one word over the edge between the columns, "1.0421.105", or with the
    gap read as a point, "78,6.79,8". Each is parted at the edge into its two figures; a figure
    inside one column, or a word that is no two figures, stays as read."""
    from iku.extractors.borderless import _Ctx, _figures_apart

    ctx, cuts = _Ctx(h=12.0, space=3.0, ocr=True), [170.0, 335.0, 520.0, 549.7]
    w = lambda t, x0, x1: {"text": t, "x0": x0, "x1": x1, "top": 143.0, "bottom": 157.0}
    line = [w("1.", 46.5, 55.9), w("kurikulum", 60.9, 99.1), w("1.0421.105", 525.0, 575.4)]
    assert [x["text"] for x in _figures_apart(line, cuts, ctx)] == ["1.", "kurikulum", "1.042", "1.105"]
    parted = _figures_apart([w("78,6.79,8", 528.0, 574.0)], cuts, ctx)
    assert [x["text"] for x in parted] == ["78,6", "79,8"]
    assert parted[0]["x1"] < 549.7 < parted[1]["x0"]
    for kept in ("77,62", "2022/2023", "SAKIP"):
        assert [x["text"] for x in _figures_apart([w(kept, 528.0, 574.0)], cuts, ctx)] == [kept]
