"""iku.extractors.header_band: the header of a ruled body printed above its grid (made-up words)."""
from __future__ import annotations

from iku.extractors.header_band import attach_header_bands, column_edges, header_from_band
from iku.extractors.model import Cell, Engine, Span, Table

H = 9.0  # word height


def word(text: str, x0: float, top: float, width: float = 0.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + (width or 5.0 * len(text)), "top": top, "bottom": top + H}


def body(edges: list[float], top: float, rows: list[list[str]]) -> Table:
    grid = []
    for r, texts in enumerate(rows):
        y = top + 20 * r
        grid.append([Cell(text=t, bbox=(edges[k], y, edges[k + 1], y + 20), page=1) for k, t in enumerate(texts)])
    return Table(rows=grid, page=1, bbox=(edges[0], top, edges[-1], top + 20 * len(rows)), engine=Engine.RULED)


class FakePage:
    """The page API attach_header_bands uses: crop(bbox).extract_words()."""

    def __init__(self, words):
        self.words = words

    def crop(self, bbox, strict=False):
        x0, top, x1, bottom = bbox
        inside = [w for w in self.words if w["x0"] >= x0 and w["x1"] <= x1 and w["top"] >= top and w["bottom"] <= bottom]
        return FakePage(inside)

    def extract_words(self, **_):
        return list(self.words)


def texts(row: list[Cell]) -> list[str]:
    return [c.text if not c.spanned else ("<" if c.spanned == Span.LEFT else "^") for c in row]


def test_a_wide_label_spans_the_unlabelled_code_columns_beside_it():
    edges = [40, 60, 80, 200, 330, 380]  # two code columns, a text column, indicator, unit
    band = [word("Tujuan/Sasaran", 70, 100, 80), word("Indikator", 240, 100), word("Satuan", 340, 100)]
    rows = header_from_band(band, edges, 1)
    assert len(rows) == 1
    assert texts(rows[0]) == ["Tujuan/Sasaran", "<", "<", "Indikator", "Satuan"]


def test_a_label_over_a_line_of_years_is_their_parent():
    edges = [40, 200, 250, 300, 350, 400]
    band = [word("Target", 262, 100, 30), word("Kinerja", 296, 100, 35),
            word("Indikator", 80, 105),
            word("Kondisi", 355, 100, 35), word("Akhir", 360, 110, 25),
            word("2024", 210, 112, 20), word("2025", 260, 112, 20), word("2026", 310, 112, 20)]
    rows = header_from_band(band, edges, 1)
    assert texts(rows[0]) == ["Indikator", "Target Kinerja", "<", "<", "Kondisi\nAkhir"]
    assert texts(rows[1]) == ["^", "2024", "2025", "2026", "^"]


def test_column_edges_come_from_the_cells():
    t = body([40, 60, 200, 330], 200, [["1", "Sasaran a", "Indikator a"]])
    assert column_edges(t) == [40, 60, 200, 330]


def test_the_band_and_the_section_line_go_on_top_of_a_headerless_body():
    edges = [40, 60, 200, 330, 380]
    title = [word("Tabel", 60, 60, 25), word("3.1", 88, 60, 15), word("Sasaran", 106, 60, 35),
             word("dan", 144, 60, 15), word("indikator", 162, 60, 40), word("daerah", 205, 60, 30),
             word("tahun", 238, 60, 25), word("2024", 266, 60, 20)]
    band = [word("No", 42, 100, 12), word("Sasaran", 100, 100, 35), word("Indikator", 240, 100, 40),
            word("Satuan", 340, 100, 30)]
    section = [word("Misi", 44, 115, 18), word("1.", 64, 115, 8), word("Meningkatkan", 74, 115, 55),
               word("layanan", 131, 115, 35), word("dasar", 168, 115, 25)]
    t = body(edges, 128, [["1", "Meningkatnya akses", "Persentase desa", "%"]])
    tables, changed = attach_header_bands(FakePage(title + band + section), [t], 1)
    assert changed and len(tables) == 1
    rows = tables[0].rows
    assert texts(rows[0]) == ["No", "Sasaran", "Indikator", "Satuan"]
    assert texts(rows[1]) == ["Misi 1. Meningkatkan layanan dasar", "<", "<", "<"]
    assert texts(rows[2]) == ["1", "Meningkatnya akses", "Persentase desa", "%"]
    assert tables[0].bbox[1] == 100  # the title above stays out of the table


def test_a_body_with_its_own_header_is_left_alone():
    edges = [40, 60, 200, 330]
    t = body(edges, 128, [["No", "Sasaran", "Indikator"], ["1", "Meningkatnya akses", "Persentase desa"]])
    band = [word("Sasaran", 100, 100, 35), word("Indikator", 240, 100, 40)]
    tables, changed = attach_header_bands(FakePage(band), [t], 1)
    assert not changed and tables == [t]


def test_prose_above_a_headerless_body_is_no_header():
    edges = [40, 60, 200, 330]
    prose = [word("Indikator", 44, 100, 40), word("dan", 86, 100, 15), word("sasaran", 103, 100, 35),
             word("dijabarkan", 140, 100, 50), word("dalam", 192, 100, 25), word("tabel", 219, 100, 25),
             word("berikut", 246, 100, 35)]
    t = body(edges, 128, [["1", "Meningkatnya akses", "Persentase desa"]])
    tables, changed = attach_header_bands(FakePage(prose), [t], 1)
    assert not changed


def test_a_scans_header_grid_parted_from_its_body_goes_on_top_of_it():
    """A scan: the header is a grid of its own over the body, the two parted where a faint
    copy's rules broke (a section row between them, its side rules lost). The OCR's words of
    the header and the section line become the body's header and first row, as on a text
    layer; the header-only fragment goes. A table read from rules by the OCR counts as ruled
    only when the caller says so."""
    from iku.extractors.scanned import _WordsPage

    edges = [40, 60, 200, 330, 380]
    band = [word("No", 42, 100, 12), word("Sasaran", 100, 100, 35), word("Indikator", 240, 100, 40),
            word("Satuan", 340, 100, 30)]
    section = [word("Misi", 44, 115, 18), word("1.", 64, 115, 8), word("Meningkatkan", 74, 115, 55)]
    head = Table(rows=[[Cell(text=w["text"], bbox=(w["x0"], 98, w["x1"], 110), page=1) for w in band]],
                 page=1, bbox=(40, 98, 380, 111), engine=Engine.OCR)
    t = body(edges, 128, [["1", "Meningkatnya akses", "Persentase desa", "%"]])
    t.engine = Engine.OCR
    page = _WordsPage(band + section)
    tables, changed = attach_header_bands(page, [head, t], 1)
    assert not changed  # (the OCR's tables are not ruled unless the caller says so)
    tables, changed = attach_header_bands(page, [head, t], 1, ruled=(Engine.OCR,))
    assert changed and len(tables) == 1
    rows = tables[0].rows
    assert texts(rows[0]) == ["No", "Sasaran", "Indikator", "Satuan"]
    assert texts(rows[1]) == ["Misi 1. Meningkatkan", "<", "<", "<"]
    assert texts(rows[2]) == ["1", "Meningkatnya akses", "Persentase desa", "%"]
