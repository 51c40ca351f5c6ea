"""A table that runs on to the next page of a scan under no repeated header
(extractors/borderless.py `_continuation`): the columns carried from the page before
are moved onto the page by its own columns' text starts, since a copier places and
scales each page anew. The words here are OCR words (page=None)."""
from __future__ import annotations

from iku.extractors.borderless import find_borderless_tables

from _word_layout import words_of_line

COLS = [40, 70, 210, 370, 420, 600, 720]
HEADER = ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Formulasi", "Sumber Data"]


def lay_out(rows: list[list[str]], top: float) -> list[dict]:
    words = []
    for row in rows:
        for c, text in enumerate(row):
            for k, line in enumerate(text.split("\n")):
                words += words_of_line(line, COLS[c] + 3.0, top + 3.0 + k * 11.0)
        top += max(len(t.split("\n")) for t in row) * 11.0 + 6.0
    return words


def rows_of(tables) -> list[list[str]]:
    return [[c.text.replace("\n", " ") if not c.spanned else "<>" for c in r] for r in tables[0].rows]


ROWS = [["1", "Sasaran satu\ndari dua", "Indikator satu", "%", "A / B", "Bidang A"],
        ["2", "Sasaran dua\ndari dua", "Indikator dua", "%", "C / D", "Bidang B"],
        ["3", "Sasaran tiga\ndari dua", "Indikator tiga", "%", "E / F", "Bidang C"]]


def test_a_continuation_on_a_page_the_copier_set_further_left_and_larger_keeps_its_columns():
    layout = find_borderless_tables(None, lay_out([HEADER] + ROWS, 100.0), 1)[0].layout
    more = [["4", "Sasaran empat\ndi kota", "Indikator empat", "%", "G / H", "Bidang D"],
            ["5", "Sasaran lima\ndi desa", "Indikator lima", "%", "I / J", "Bidang E"],
            ["6", "Sasaran enam\ndi pulau", "Indikator enam", "%", "K / L", "Bidang F"]]
    words = lay_out(more, 60.0)
    for w in words:  # the next page as the copier set it: 1 % larger, its left edge 17 points further left
        w["x0"], w["x1"] = 1.01 * w["x0"] - 17.5, 1.01 * w["x1"] - 17.5
    got = rows_of(find_borderless_tables(None, words, 2, carry=layout))
    assert [r[0] for r in got] == ["4", "5", "6"]
    assert [r[1] for r in got] == ["Sasaran empat di kota", "Sasaran lima di desa", "Sasaran enam di pulau"]
    assert [r[5] for r in got] == ["Bidang D", "Bidang E", "Bidang F"]


def test_a_continuation_set_where_the_page_before_was_keeps_the_carried_columns():
    layout = find_borderless_tables(None, lay_out([HEADER] + ROWS, 100.0), 1)[0].layout
    more = [["4", "Sasaran empat", "Indikator empat", "%", "G / H", "Bidang D"]]
    got = rows_of(find_borderless_tables(None, lay_out(more, 60.0), 2, carry=layout))
    assert got == [["4", "Sasaran empat", "Indikator empat", "%", "G / H", "Bidang D"]]
