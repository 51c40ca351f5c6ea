"""samples/generator/scan.py: scanned versions of generated documents, and the OCR
path's table grid on them (extractors/raster.py, grid.py)."""
from __future__ import annotations

import io

import numpy as np
import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from samples.generator.scan import CAPTURES, draw_scan, scan_document

ROWS, COLS = 8, 5


def _table_pdf(path) -> None:
    """One A4 page: a title and a ruled table of ROWS x COLS cells with text."""
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, h - 60, "INDIKATOR KINERJA UTAMA DINAS CONTOH")
    x0, x1, y0, rh = 50, w - 50, h - 100, 40
    xs = [x0 + k * (x1 - x0) / COLS for k in range(COLS + 1)]
    c.setLineWidth(0.8)
    for r in range(ROWS + 1):
        c.line(x0, y0 - r * rh, x1, y0 - r * rh)
    for x in xs:
        c.line(x, y0, x, y0 - ROWS * rh)
    c.setFont("Helvetica", 9)
    for r in range(ROWS):
        for k in range(COLS):
            c.drawString(xs[k] + 4, y0 - r * rh - 16, f"Sel {r + 1}.{k + 1} teks")
    c.showPage()
    c.save()


def test_choices_are_drawn_from_the_seed_and_recorded():
    a, b = draw_scan(7), draw_scan(7)
    assert a == b and a["scan.capture"] in CAPTURES
    assert all(k.startswith("scan.") for k in a)
    seen = {draw_scan(s)["scan.capture"] for s in range(60)}
    assert seen == set(CAPTURES)


@pytest.mark.parametrize("capture", sorted(CAPTURES))
def test_scans_are_image_only_and_reproducible(tmp_path, capture):
    src = tmp_path / "t.pdf"
    _table_pdf(src)
    choices = {**draw_scan(3), "scan.capture": capture, "scan.dpi": 150}
    data, got = scan_document(src, 3, dict(choices))
    again, _ = scan_document(src, 3, dict(choices))
    assert data == again and got["scan.capture"] == capture
    pdf = pdfium.PdfDocument(data)
    assert len(pdf) == 1
    assert pdf[0].get_textpage().get_text_range().strip() == ""


def test_grid_of_a_harsh_photocopy(tmp_path):
    """A 150 dpi photocopy turned 2 degrees, with a lid shadow along its edge, toner
    drop-outs, dust, a stamp and a signature on the table: the grid is still found
    with its rows and columns."""
    from iku.extractors import grid as gridmod, raster

    src = tmp_path / "t.pdf"
    _table_pdf(src)
    choices = {"scan.capture": "photocopy", "scan.dpi": 150, "scan.jpeg": 40, "scan.rotation": "2deg",
               "scan.lid_shadow": True, "scan.bleed_through": True, "scan.stamp": True, "scan.signature": True,
               "scan.dust": "heavy", "scan.blur": "soft", "scan.dropouts": True}
    data, _ = scan_document(src, 11, choices)
    path = tmp_path / "scan.pdf"
    path.write_bytes(data)
    gray, w, h = raster.render(str(path), 0)
    flat = raster.flatten(gray)
    ink = raster.binarise(flat)
    angle = raster.skew_angle(ink)
    assert abs(abs(angle) - 1.7) < 0.5  # the 2-degree rotation is measured ...
    ink = raster.binarise(raster.rotate(flat, angle, 255))  # ... and undone
    grids = gridmod.find_grids(gridmod.find_rules(ink), ink.shape)
    assert len(grids) == 1
    assert (len(grids[0].ys) - 1, len(grids[0].xs) - 1) == (ROWS, COLS)


def test_faint_toner_is_drawn_only_when_asked():
    """scan.toner is off by default (nothing drawn, nothing recorded: the splits stay
    as they were) and, when asked, drawn from its own stream: every other choice of the
    seed is the same."""
    for s in range(40):
        plain = draw_scan(s)
        assert "scan.toner" not in plain and draw_scan(s, 0.0) == plain
        some = draw_scan(s, 0.3)
        assert some.pop("scan.toner") in ("normal", "faint") and some == plain
        every = draw_scan(s, 1.0)
        assert every["scan.toner"] == ("normal" if plain["scan.capture"] == "phone" else "faint")
    faint = sum(draw_scan(s, 0.3)["scan.toner"] == "faint" for s in range(200))
    assert 25 <= faint <= 75  # about 0.3 of the ~75 % that are not phone captures


def _clean_page(tmp_path, dpi: int) -> np.ndarray:
    src = tmp_path / "t.pdf"
    _table_pdf(src)
    pdf = pdfium.PdfDocument(str(src))
    return pdf[0].render(scale=dpi / 72.0, grayscale=True).to_numpy().copy()


def test_normal_toner_leaves_the_scan_unchanged(tmp_path):
    from samples.generator.scan import _rng, degrade_scan

    src = tmp_path / "t.pdf"
    _table_pdf(src)
    choices = {**draw_scan(3), "scan.capture": "photocopy", "scan.dpi": 150, "scan.dropouts": True}
    data, _ = scan_document(src, 3, dict(choices))
    assert scan_document(src, 3, {**choices, "scan.toner": "normal"})[0] == data
    clean = _clean_page(tmp_path, 150)
    a = degrade_scan(clean, 150, choices, _rng(3, 0, "page"))
    b = degrade_scan(clean, 150, {**choices, "scan.toner": "normal"}, _rng(3, 0, "page"), _rng(3, 0, "toner"))
    assert np.array_equal(a, b)


@pytest.mark.parametrize("capture,dpi,seed", [("flatbed", 200, 0), ("flatbed", 300, 5),
                                              ("photocopy", 150, 2), ("photocopy", 300, 1)])
def test_faint_page_ink_is_in_the_asked_grey_range(tmp_path, capture, dpi, seed):
    """A faint page: no ink darker than FAINT_INK (a normal scan's ink sits near 20), the
    darkest ink within it, the paper near FAINT_PAPER (less the scanner's uneven light)."""
    from samples.generator.scan import FAINT_INK, FAINT_PAPER, _rng, degrade_scan

    clean = _clean_page(tmp_path, dpi)
    choices = {"scan.capture": capture, "scan.dpi": dpi, "scan.jpeg": 85, "scan.rotation": "none",
               "scan.dust": "light", "scan.blur": "sharp"}
    normal = degrade_scan(clean, dpi, choices, _rng(seed, 0, "page"))
    faint = degrade_scan(clean, dpi, {**choices, "scan.toner": "faint"}, _rng(seed, 0, "page"),
                         _rng(seed, 0, "toner"))
    ink, paper = clean < 80, clean > 250
    assert np.percentile(normal[ink], 1) < 75
    lo, hi = np.percentile(faint[ink], [1, 10])
    assert FAINT_INK[0] - 10 <= lo <= FAINT_INK[1] and hi <= FAINT_INK[1] + 20
    assert FAINT_PAPER[0] - 20 <= np.median(faint[paper]) <= FAINT_PAPER[1] + 5
