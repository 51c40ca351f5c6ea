"""The regression suite: one small fixture per failure class the project has fixed.

Each `*.json` beside this file is one failure class, named after what it shows. It
holds either a table model (the normalizers' input: tables of cell texts, per page)
or a tiny PDF to draw (for failures of the extractors), and the records expected.
See README.md here for the format and how to add one.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from iku.extractors.model import Cell, ExtractedDocument, PageInfo, Table
from iku.normalizers.records import build_records
from iku.normalizers.targets import type_targets
from iku.normalizers.schema import TEXT_FIELDS

HERE = Path(__file__).parent
FIXTURES = sorted(HERE.glob("*.json"))
FIXTURE_KEYS = {"shows", "fixed_in", "open", "tables", "pdf", "words", "expected", "document", "verdict"}
TABLE_KEYS = {"page", "rows", "context", "starts_page", "ends_page", "below"}
# a line "{numerator}/{denominator} rest" of a drawn cell is a stacked fraction (numerator over a
# bar over denominator, `rest` beside the bar); a drawn table's "gaps" [[row, column], ...] leave
# the rule above that row out over that column
FRACTION = re.compile(r"^\{(.+)\}/\{(.+)\}(.*)$")
RECORD_KEYS = set(TEXT_FIELDS) | {"extra", "reasons", "pages", "targets"}


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def cells(rows: list[list[str]], page: int) -> list[list[Cell]]:
    """Cell texts to cells: "<" is a position covered by the merged cell on its left,
    "^" one covered by the merged cell above."""
    out = []
    for r, row in enumerate(rows):
        line = []
        for c, text in enumerate(row):
            if text in ("<", "^"):
                line.append(Cell(text="", spanned="left" if text == "<" else "up", page=page))
            else:
                line.append(Cell(text=text, bbox=(c * 100.0, r * 20.0, c * 100.0 + 100, r * 20.0 + 20), page=page))
        out.append(line)
    return out


def model(spec: dict) -> ExtractedDocument:
    tables = []
    for t in spec["tables"]:
        assert set(t) <= TABLE_KEYS, f"unknown table keys {set(t) - TABLE_KEYS}"
        rows = cells(t["rows"], t["page"])
        assert len({len(r) for r in rows}) == 1, "every row needs the same number of cells"
        tables.append(Table(rows=rows, page=t["page"], bbox=(0, 0, 100.0 * len(rows[0]), 20.0 * len(rows)),
                            context=list(t.get("context", [])), starts_page=t.get("starts_page", False),
                            ends_page=t.get("ends_page", False), below=list(t.get("below", []))))
    npages = max((t.page for t in tables), default=1)
    return ExtractedDocument(path="fixture.pdf", pages=[PageInfo(n, 842, 595, "text") for n in range(1, npages + 1)],
                             tables=tables)


def records_of_words(spec: dict) -> list[dict]:
    """A scanned page's OCR words (points, top-left origin) read as a table without rules, as
    extractors/scanned.py hands them to the borderless reader, then the records."""
    from iku.extractors.borderless import find_borderless_tables

    page = spec["words"].get("page", 1)
    strokes = [tuple(s) for s in spec["words"].get("strokes", [])] or None
    tables = find_borderless_tables(None, [dict(w) for w in spec["words"]["words"]], page, strokes=strokes)
    doc = ExtractedDocument(path="fixture.pdf", pages=[PageInfo(n, 842, 595, "image") for n in range(1, page + 1)],
                            tables=tables)
    return [{**{f: v for f, v in rec.fields().items()}, "reasons": [str(r) for r in rec.reasons],
             "pages": rec.pages} for rec in build_records(doc)]


def records_of_model(spec: dict) -> list[dict]:
    # the targets stage after the records, with the fixture's document period ("document")
    records = type_targets(build_records(model(spec)), spec.get("document") or {})
    return [{**{f: v for f, v in rec.fields().items()}, "reasons": [str(r) for r in rec.reasons],
             "pages": rec.pages, "targets": rec.to_dict()["targets"]} for rec in records]


def draw_pdf(spec: dict, path: Path) -> None:
    """Pages of tables drawn with reportlab: text lines above a table, then its grid,
    ruled or not. Rows are as tall as their longest cell; a table is drawn from the
    top margin down, and one that fills its page runs to the bottom margin."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    width, height = landscape(A4)
    size, lead, pad, margin = 8.0, 10.0, 3.0, 40.0
    c = canvas.Canvas(str(path), pagesize=(width, height))
    for page in spec["pages"]:
        y = height - margin
        title = page.get("lines_size", 11)  # the title lines' type size
        c.setFont("Helvetica-Bold", title)
        for line in page.get("lines", []):
            c.drawCentredString(width / 2, y - title, line)
            y -= title * 16 / 11
        y -= page.get("lines_gap", 8)  # points between the title lines and the table
        for table in page.get("tables", []):
            widths = table["widths"]
            pad = table.get("pad", 3.0)  # the space between a cell's rules and its text
            lead = table.get("lead", 10.0)  # the pitch of a cell's lines
            x0 = (width - sum(widths)) / 2
            xs = [x0 + sum(widths[:k]) for k in range(len(widths) + 1)]
            c.setFont("Helvetica", size)
            rows = table["rows"]
            heights = [max(sum(2.5 if FRACTION.match(ln) else 1 for ln in t.split("\n")) for t in row) * lead + 2 * pad
                       for row in rows]
            tops = [y]
            for r, row in enumerate(table["rows"]):
                lines = max(sum(2.5 if FRACTION.match(ln) else 1 for ln in t.split("\n")) for t in row)
                h = lines * lead + 2 * pad
                if r == len(table["rows"]) - 1 and table.get("to_bottom"):
                    h = max(h, tops[-1] - margin)
                if r == len(table["rows"]) - 1 and table.get("overflow"):  # its last line past the bottom rule
                    h -= pad + 0.6 * lead
                for k, text in enumerate(row):
                    if text in ("^", "<"):  # covered by the merged cell above / on the left
                        continue
                    span = k + 1  # a header label over the columns "<" covers is centred across them
                    while span < len(row) and row[span] == "<":
                        span += 1
                    end = r  # a merged cell ("^" under it) is printed centred down the rows it covers
                    while end + 1 < len(rows) and rows[end + 1][k] == "^":
                        end += 1
                    drop = (sum(heights[r:end + 1]) - heights[r]) / 2
                    if r < table.get("header_rows", 1) and table.get("header_middle"):  # labels centred in their row
                        drop = (heights[r] - 2 * pad - len(text.split("\n")) * lead) / 2
                    elif r > 0 and table.get("body_middle"):  # body cells centred down their row(s)
                        drop = (sum(heights[r:end + 1]) - 2 * pad - len(text.split("\n")) * lead) / 2
                    n = 0
                    # `bold_rows`: rows whose text is set in bold (a sasaran's section row)
                    c.setFont("Helvetica-Bold" if r in table.get("bold_rows", ()) else "Helvetica", size)
                    for ln in text.split("\n"):
                        base = tops[-1] - pad - size - n * lead - drop
                        m = FRACTION.match(ln)
                        if m:
                            num, den, rest = m.groups()
                            w = max(c.stringWidth(num, "Helvetica", size), c.stringWidth(den, "Helvetica", size)) + 4
                            mid = xs[k] + pad + w / 2
                            c.drawCentredString(mid, base, num)
                            c.drawCentredString(mid, base - 15, den)
                            c.setLineWidth(0.5)
                            drop_bar = table.get("bar_drop", 5)  # the bar's depth under the numerator's baseline
                            c.line(xs[k] + pad, base - drop_bar, xs[k] + pad + w, base - drop_bar)
                            c.drawString(xs[k] + pad + w + 3, base - 13, rest.strip())
                            n += 2.5
                        elif r < table.get("header_rows", 1) and table.get("header_centred"):
                            # header lines centred across their column (or the columns they span)
                            c.drawCentredString((xs[k] + xs[span]) / 2, base, ln)
                            n += 1
                        else:
                            c.drawString(xs[k] + pad, base, ln)
                            if r == 0 and table.get("overprinted_header"):  # bold faked by printing twice
                                c.drawString(xs[k] + pad + 0.35, base, ln)
                            n += 1
                tops.append(tops[-1] - h)
            if table.get("ruled", True) == "rows":  # rules between the rows only, none across a merged cell
                c.setLineWidth(0.6)
                gaps = {tuple(g) for g in table.get("gaps", [])}
                for r, t in enumerate(tops):
                    for k in range(len(widths)):
                        if (r, k) not in gaps and not (0 < r < len(rows) and rows[r][k] == "^"):
                            c.line(xs[k], t, xs[k + 1], t)
            elif table.get("ruled", True):
                c.setLineWidth(0.6)
                gaps = {tuple(g) for g in table.get("gaps", [])}
                if table.get("underflow"):  # its first line above the top rule (the rest of a cut cell)
                    tops[0] -= pad + 0.3 * lead
                for x in xs:
                    c.line(x, tops[0], x, tops[-1])
                for r, t in enumerate(tops):
                    for k in range(len(widths)):
                        if (r, k) not in gaps:
                            c.line(xs[k], t, xs[k + 1], t)
            y = tops[-1] - table.get("space_below", 20)  # 0: the next table sits right under it
        c.showPage()
    c.save()


def scan_pdf(path: Path, dpi: int, perspective: float = 0.0) -> Path:
    """The PDF's pages rendered at `dpi` into a PDF of images without a text layer;
    `perspective` > 0: each page as a phone sees it lying on a desk, its top edge further
    away (the top corners drawn in by that share of the width, the left more)."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    images = [doc[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(doc))]
    if perspective:
        import cv2
        import numpy as np
        from PIL import Image

        def photographed(im):
            gray = np.asarray(im)
            h, w = gray.shape
            src = np.float32([[0, 0], [w, 0], [0, h], [w, h]])
            dst = np.float32([[perspective * w, 0.01 * h], [w - 0.6 * perspective * w, 0], [0, h], [w, h - 0.015 * h]])
            return Image.fromarray(cv2.warpPerspective(gray, cv2.getPerspectiveTransform(src, dst), (w, h),
                                                       borderValue=255))
        images = [photographed(im) for im in images]
    out = path.with_name(path.stem + "-scan.pdf")
    images[0].save(out, save_all=True, append_images=images[1:], resolution=dpi)
    return out


def records_of_pdf(spec: dict, tmp_path: Path) -> list[dict]:
    from iku.pipeline.process import process_pdf

    path = tmp_path / "fixture.pdf"
    draw_pdf(spec, path)
    options = None
    if "scanned" in spec:  # the drawn pages as a scan: images only, read by the OCR engine named
        from iku.pipeline.options import Options

        path = scan_pdf(path, spec["scanned"]["dpi"], spec["scanned"].get("perspective", 0.0))
        options = Options().with_(**{"ocr.engine": spec["scanned"].get("engine", "auto"), "ocr.workers": 1})
    out = process_pdf(str(path), options)
    spec["_verdict"] = out["extraction"].get("verdict")  # the document's verdict, for a fixture that names one
    return [{**{f: rec[f] for f in TEXT_FIELDS}, "extra": rec["extra"], "reasons": rec["confidence_reasons"],
             "pages": rec["provenance"]["pages"], "targets": rec.get("targets")} for rec in out["indicators"]]


def mismatches(expected: list[dict], got: list[dict]) -> list[str]:
    """Field by field: a field an expected record does not name must be empty."""
    out = []
    if len(expected) != len(got):
        out.append(f"expected {len(expected)} records, got {len(got)}: "
                   f"{[r.get('indikator') for r in got]}")
    for i, (want, have) in enumerate(zip(expected, got)):
        full = {**{f: None for f in TEXT_FIELDS}, "extra": {}, "reasons": [], **want}
        for key, value in full.items():
            if key in ("pages", "targets") and key not in want:
                continue
            if have.get(key) != value:
                out.append(f"record {i} ({have.get('indikator')!r}): {key}: expected {value!r}, got {have.get(key)!r}")
    return out


def _cases() -> list:
    """A fixture with an "open" reason shows a failure not fixed yet: a strict xfail, so
    that the fix is noticed (then the "open" key goes)."""
    return [pytest.param(p, id=p.stem, marks=[pytest.mark.xfail(strict=True, reason=load(p)["open"])]
                         if "open" in load(p) else []) for p in FIXTURES]


@pytest.mark.parametrize("fixture", _cases())
def test_regression(fixture, tmp_path):
    spec = load(fixture)
    assert set(spec) <= FIXTURE_KEYS and spec.get("shows"), f"{fixture.name}: keys {sorted(spec)}"
    assert sum(k in spec for k in ("tables", "pdf", "words")) == 1, \
        f"{fixture.name}: one of a table model, a PDF or a page's OCR words"
    for rec in spec["expected"]:
        assert set(rec) <= RECORD_KEYS, f"{fixture.name}: unknown record keys {set(rec) - RECORD_KEYS}"
    got = records_of_model(spec) if "tables" in spec else records_of_words(spec) if "words" in spec \
        else records_of_pdf(spec["pdf"], tmp_path)
    problems = mismatches(spec["expected"], got)
    if "verdict" in spec:  # {"status": ..., "reasons": [words one of the reasons holds, ...]} (a "pdf" fixture)
        have = spec["pdf"].get("_verdict") or {}
        if have.get("status") != spec["verdict"]["status"]:
            problems.append(f"verdict: expected {spec['verdict']['status']!r}, got {have}")
        for words in spec["verdict"].get("reasons", []):
            if not any(words in r for r in have.get("reasons") or []):
                problems.append(f"verdict: no reason says {words!r}: {have.get('reasons')}")
    assert not problems, f"{fixture.stem} ({spec['shows']}):\n  " + "\n  ".join(problems)


def test_the_runner_names_a_wrong_field():
    got = [{**{f: None for f in TEXT_FIELDS}, "indikator": "Persentase a", "formulasi": "A / B", "extra": {},
            "reasons": [], "pages": [1]}]
    assert mismatches([{"indikator": "Persentase a", "formulasi": "A / C"}], got) == [
        "record 0 ('Persentase a'): formulasi: expected 'A / C', got 'A / B'"]
    assert mismatches([{"indikator": "Persentase a"}], got) == [
        "record 0 ('Persentase a'): formulasi: expected None, got 'A / B'"]
