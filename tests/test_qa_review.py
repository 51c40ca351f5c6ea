"""The review page (`iku review`) and the confidence reasons it shows.

The browser tests open the page in Debian's chromium through Playwright, with
the network off; they skip (with the reason) where chromium or Playwright is
missing. `make setup` installs both.
"""
from __future__ import annotations

import copy
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iku.pipeline.cli import app
from iku.extractors.model import Cell, Table
from iku.normalizers.confidence import ConfidenceSettings, rate_records
from iku.normalizers.schema import Reason
from iku.pipeline.process import process_pdf
from iku.pipeline.qa.corrections import apply_corrections, read_corrections
from iku.pipeline.qa.review import build_reviews, record_flags, review_data
from iku.normalizers.records import stitch, table_records
from iku.normalizers.schema import Record
from conftest import DIGITAL as SAMPLES

PDF = SAMPLES / "000_eb4ee2063c343ebc.pdf"
CHROMIUM = os.environ.get("IKU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
runner = CliRunner()


# --------------------------------------------------------------------------- confidence reasons


def _row(*texts):
    return [Cell(text=t, bbox=(0, 0, 1, 1), page=1) for t in texts]


def test_fuzzy_header_match_is_a_reason():
    # "Rumus yang dipakai" maps to formulasi only through the keyword fallback
    t = Table(rows=[_row("No", "Sasaran", "Indikator Kinerja", "Rumus yang dipakai"),
                    _row("1", "S", "Persentase A", "A / B x 100%"),
                    _row("2", "S", "Persentase C", "")], page=1)
    recs = table_records(stitch([t])[0], None)
    assert recs[0].reasons == ["fuzzy header match"]
    assert recs[1].reasons == []  # nothing of it came from that column


def test_low_ocr_confidence_is_a_reason():
    def reasons(conf):
        prov = {"indikator": [{"page": 1, "bbox": [0, 0, 1, 1], "method": "ocr", "confidence": conf}]}
        rec = Record(values={}, extra={}, group=None, provenance=prov, reasons=[Reason.JOINED])
        return rate_records([rec], ConfidenceSettings())[0].reasons

    assert reasons(0.62) == ["joined page-break row", "low OCR confidence"]
    assert reasons(0.93) == ["joined page-break row"]


# --------------------------------------------------------------------------- flags and page data


@pytest.fixture(scope="module")
def sample_doc(extracted) -> dict:
    return extracted(PDF)


def flagged_copy(doc: dict) -> dict:
    """The sample's extraction with what an OCR'd document would bring: a low-confidence field,
    a post-corrected word, an unmapped cell and a record without indikator."""
    doc = copy.deepcopy(doc)
    recs = doc["indicators"]
    entry = recs[6]["provenance"]["fields"]["sasaran"][0]
    entry.update(method="ocr", confidence=0.55, corrections=[{"original": "Meningkatyna", "corrected": "Meningkatnya"}])
    recs[8]["extra"] = {"Polaritas": "Maximize"}  # a column mapped to no field, and nothing else
    recs[6]["extra"] = {**(recs[6].get("extra") or {}), "Polaritas": "Maximize"}  # the same beside a flag
    recs[9]["indikator"] = None
    return doc


def test_record_flags(sample_doc):
    recs = flagged_copy(sample_doc)["indicators"]
    assert [f["kind"] for f in record_flags(recs[6])] == ["low_ocr", "corrected", "unmapped"]
    assert record_flags(recs[6])[1]["corrected"] == "Meningkatnya"
    assert record_flags(recs[6])[2]["header"] == "Polaritas"
    # a column that maps to no field is shown (and editable), but is no reason to review a record by itself
    assert record_flags(recs[8]) == []
    # a target column is typed data (the record's targets), not an unmapped cell
    assert record_flags({**recs[0], "extra": {"TARGET 2022": "85%"}}) == []
    assert [(f["kind"], f["field"]) for f in record_flags(recs[9])] == [("empty_key", "indikator")]
    assert record_flags(recs[0]) == []


def test_boxes_are_shared_cells_in_page_percent(sample_doc):
    import pypdfium2 as pdfium
    from iku.pipeline.qa.review import Page
    pdf = pdfium.PdfDocument(str(PDF))
    pages = [Page(n, *pdf[n - 1].get_size(), b"") for n in range(1, len(pdf) + 1)]  # portrait and landscape
    pdf.close()
    data = review_data(sample_doc, pages, "x")
    boxes = data["boxes"]
    assert boxes and all(0 <= b["x"] <= 100 and 0 <= b["y"] <= 100 and b["w"] > 0 for b in boxes)
    keys = {(b["page"], round(b["x"], 3), round(b["y"], 3), round(b["w"], 3), round(b["h"], 3)) for b in boxes}
    assert len(keys) == len(boxes)  # one box per cell, however many records and fields it feeds
    for r in data["records"]:
        for f, ids in r["boxes"].items():
            assert all(r["i"] in boxes[k]["records"] and f in boxes[k]["fields"] for k in ids)


# --------------------------------------------------------------------------- the HTML file


@pytest.fixture(scope="module")
def report(tmp_path_factory, sample_doc) -> dict:
    """A review page built from a JSON output (PDF found with --pdf-dir), plus one built from the PDF."""
    root = tmp_path_factory.mktemp("review")
    src = root / "out" / f"{PDF.stem}.json"
    src.parent.mkdir()
    src.write_text(json.dumps(flagged_copy(sample_doc), ensure_ascii=False), encoding="utf-8")
    r = runner.invoke(app, ["review", str(src), "--pdf-dir", str(SAMPLES), "-o", str(root / "report"),
                            "--scale", "0.8"])
    assert r.exit_code == 0, r.output
    return {"html": root / "report" / f"{PDF.stem}.html", "json": root / "report" / f"{PDF.stem}.json",
            "root": root}


def test_review_html_is_self_contained(report):
    page = report["html"].read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert page.count('src="data:image/png;base64,') == 8  # every page of the sample
    # nothing to fetch: no src/href pointing anywhere but data: URIs, no external script or style
    assert not re.search(r'(src|href)\s*=\s*"(?!data:)', page)
    assert not re.search(r"https?://", page)
    assert json.loads(report["json"].read_text())["indicators"][9]["indikator"] is None


def test_sideways_pages_are_shown_as_they_were_read(tmp_path):
    """A page stored sideways is read turned upright; its image is turned the same way so the boxes fit."""
    import pypdfium2 as pdfium
    from iku.pipeline.qa.review import render_pages
    pdf = pdfium.PdfDocument(str(SAMPLES / "101_bappeda_pontianak.pdf"))
    for i in range(len(pdf)):
        pdf[i].set_rotation(90)
    turned = tmp_path / "101_turned.pdf"
    pdf.save(str(turned))
    pdf.close()
    doc = process_pdf(str(turned))
    turns = {int(n): a for n, a in doc["extraction"]["turned_pages"].items()}
    assert turns and set(turns.values()) == {270}
    pages = render_pages(turned, sorted(turns), scale=0.3, turns=turns)
    boxes = review_data(doc, pages, "t")["boxes"]
    assert boxes and all(b["x"] + b["w"] <= 100.5 and b["y"] + b["h"] <= 100.5 for b in boxes)
    # the same boxes on the page as stored would run off it
    stored = render_pages(turned, sorted(turns), scale=0.3)
    assert any(b["x"] + b["w"] > 101 or b["y"] + b["h"] > 101 for b in review_data(doc, stored, "t")["boxes"])


def test_review_of_a_pdf_writes_its_extraction(tmp_path):
    written = build_reviews([SAMPLES / "101_bappeda_pontianak.pdf"], tmp_path, scale=0.5)
    assert [p.name for p in written] == ["101_bappeda_pontianak.html"]
    out = json.loads((tmp_path / "101_bappeda_pontianak.json").read_text())
    assert len(out["indicators"]) == 10 and "provenance" in out["indicators"][0]


def test_review_without_the_pdf_still_lists_the_records(tmp_path):
    src = tmp_path / "x.json"
    shutil.copy(SAMPLES / "003_b12329ee375d4a48.json", src)  # gold: no PDF next to it, no provenance
    warnings = []
    build_reviews([src], tmp_path / "r", warn=warnings.append)
    assert warnings and "PDF not found" in warnings[0]
    assert "No page images" in (tmp_path / "r" / "x.html").read_text()


def test_review_errors_exit_2(tmp_path):
    assert runner.invoke(app, ["review", str(tmp_path / "nope.pdf"), "-o", str(tmp_path)]).exit_code == 2
    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf")
    assert runner.invoke(app, ["review", str(bad), "-o", str(tmp_path)]).exit_code == 2


# --------------------------------------------------------------------------- in a real browser


def _browser_missing() -> str:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not installed (make setup installs Debian's chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright not installed (pip install -e '.[dev]')"
    return ""


browser_test = pytest.mark.skipif(bool(_browser_missing()), reason=_browser_missing() or "-")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, report):
    """The review page, offline: every request that is not the file itself (or one of its data: / blob:
    URIs) is recorded and refused, as is every request that fails."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True, accept_downloads=True)
    pg = ctx.new_page()
    pg.outside = []
    pg.errors = []
    url = report["html"].resolve().as_uri()

    def route(r):
        if r.request.url == url or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            pg.outside.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    # a resource the page's Content-Security-Policy refuses never reaches the route: it fails and logs
    pg.on("requestfailed", lambda r: pg.outside.append(r.url))
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.goto(url)
    yield pg
    ctx.close()


def _data(page) -> dict:
    return page.evaluate("window.IKU_REVIEW.data")


@browser_test
def test_page_loads_offline_with_images_and_boxes(page):
    assert page.errors == [] and page.outside == []
    data = _data(page)
    imgs = page.locator(".sheet img")
    assert imgs.count() == len(data["pages"]) == 8
    assert all(w > 0 for w in imgs.evaluate_all("els => els.map(e => e.naturalWidth)"))
    assert page.locator(".box").count() == len(data["boxes"]) > 0
    # boxes sit on the page image
    box = page.locator(".box").first.bounding_box()
    sheet = page.locator(f"#page-{data['boxes'][0]['page']} .sheet").bounding_box()
    assert sheet["x"] <= box["x"] and box["x"] + box["width"] <= sheet["x"] + sheet["width"] + 1


@browser_test
def test_flagged_records_come_first(page):
    order = page.locator("#records .rec").evaluate_all("els => els.map(e => +e.dataset.rec)")
    flagged = [r["i"] for r in _data(page)["records"] if r["flags"]]
    # empty key field first, then the other flagged records (6: low OCR confidence, a corrected word and an
    # unmapped cell); then the rest in order, the record whose only peculiarity is an unmapped cell (8) among them
    assert order[0] == 9 and 6 in flagged and 8 not in flagged
    assert sorted(order[:len(flagged)]) == sorted(flagged)
    assert order[len(flagged):] == [i for i in range(len(order)) if i not in flagged]
    kinds = page.locator("#flags li").evaluate_all("els => els.map(e => e.className)")
    assert kinds[0] == "empty_key"
    assert [k for k in kinds if k in ("low_ocr", "corrected", "unmapped")] == ["low_ocr", "corrected", "unmapped"]
    # records are numbered from 1; "flagged only" hides the others
    assert page.locator("#rec-0 .rec-head .idx").inner_text() == "#1"
    page.locator("#only-flagged").check()
    assert not page.locator("#rec-8").is_visible() and not page.locator("#none-flagged").is_visible()
    page.locator("#only-flagged").uncheck()
    assert "OCR post-corrections" in page.locator("#rec-6").inner_text()
    assert page.locator(".box.low").count() >= 1


@browser_test
def test_click_on_a_record_highlights_its_cells(page):
    data = _data(page)
    rec = data["records"][3]
    expected = sorted({k for ids in rec["boxes"].values() for k in ids})
    page.locator("#rec-3 .rec-head .idx").click()
    lit = sorted(page.locator(".box.hl").evaluate_all("els => els.map(e => +e.dataset.box)"))
    assert lit == expected and expected
    assert "sel" in page.locator("#rec-3").get_attribute("class")


@browser_test
def test_click_on_a_box_shows_its_record(page):
    data = _data(page)
    b = next(b for b in data["boxes"] if b["fields"][0] == "indikator")
    page.locator(f'.box[data-box="{b["id"]}"]').click()
    card = page.locator(f'#rec-{b["records"][0]}')
    assert "sel" in card.get_attribute("class")
    assert card.is_visible()
    assert page.evaluate(f"document.querySelector('#rec-{b['records'][0]}').getBoundingClientRect().top") < 900


@browser_test
def test_edit_export_and_apply(page, report, tmp_path):
    row = page.locator('#rec-2 tr[data-field="sasaran"]')
    old = row.locator("td.val").inner_text()
    row.locator("button.edit").click()
    row.locator("textarea").fill("Meningkatnya kualitas data PMKS")
    row.locator("button.save").click()
    assert "Meningkatnya kualitas data PMKS" in row.locator("td.val").inner_text()
    page.locator("#document tr[data-field='decree_number'] button.edit").click()
    page.locator("#document tr[data-field='decree_number'] textarea").fill("460/001/DINSOS/2021")
    page.locator("#document tr[data-field='decree_number'] button.save").click()
    assert page.locator("#export").inner_text() == "Export corrections (2)"
    with page.expect_download() as dl:
        page.locator("#export").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    assert path.name == f"{PDF.stem}.corrections.json"
    data = read_corrections(path)
    assert data["source_file"] == PDF.name
    rec_fix = next(c for c in data["corrections"] if c["target"] == "record")
    assert rec_fix["record"] == 2 and rec_fix["field"] == "sasaran" and rec_fix["old"] == old

    doc = json.loads(report["json"].read_text(encoding="utf-8"))
    corrected, applied = apply_corrections(doc, data["corrections"])
    assert applied == 2
    assert corrected["indicators"][2]["sasaran"] == "Meningkatnya kualitas data PMKS"
    assert corrected["document"]["decree_number"] == "460/001/DINSOS/2021"
    out = tmp_path / "corrected.json"
    r = runner.invoke(app, ["apply-corrections", str(report["json"]), str(path), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text())["indicators"][2]["sasaran"] == "Meningkatnya kualitas data PMKS"


@browser_test
def test_extra_cells_are_editable_and_exported_with_their_column(page, report, tmp_path):
    row = page.locator('#rec-6 tr[data-key="r:6:extra:Polaritas"]')
    row.locator("button.edit").click()
    row.locator("textarea").fill("Minimize")
    row.locator("button.save").click()
    with page.expect_download() as dl:
        page.locator("#export").click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    data = read_corrections(path)
    assert data["reviewed"] == _data(page)["digest"] and len(data["document_sha256"]) == 64
    [fix] = data["corrections"]
    assert (fix["field"], fix["column"], fix["old"], fix["new"]) == ("extra", "Polaritas", "Maximize", "Minimize")
    out = tmp_path / "corrected.json"
    r = runner.invoke(app, ["apply-corrections", str(report["json"]), str(path), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert json.loads(out.read_text())["indicators"][6]["extra"]["Polaritas"] == "Minimize"


@browser_test
def test_flagged_only_with_none_flagged_says_so(browser, sample_doc, tmp_path):
    doc = {"document": sample_doc["document"],
           "indicators": [{"indikator": r["indikator"], "sasaran": r["sasaran"]} for r in sample_doc["indicators"][:3]]}
    src = tmp_path / "plain.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    [html_path] = build_reviews([src], tmp_path / "report")
    ctx = browser.new_context(offline=True)
    pg = ctx.new_page()
    pg.goto(html_path.resolve().as_uri())
    assert not pg.locator("#none-flagged").is_visible()
    pg.locator("#only-flagged").check()
    assert pg.locator("#none-flagged").is_visible() and "No record is flagged" in pg.locator("#none-flagged").inner_text()
    ctx.close()
