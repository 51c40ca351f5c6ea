"""A static, self-contained HTML review page per document.

Each page image (rendered with pypdfium2, grey, embedded as a PNG data URI)
carries the source cells of the extracted records as boxes coloured by field;
the records are listed beside the pages. Clicking a record highlights its
cells, clicking a box selects its record(s). Flagged records come first:
fields read by OCR below `LOW_OCR_CONFIDENCE`, words the OCR post-correction
changed, cells that mapped to no field (`extra`), and empty key fields. A
reviewer corrects fields in the page and exports the corrections as JSON
(pipeline/qa/corrections.py applies them).

One HTML file, inline CSS and JS, no network (a Content-Security-Policy
forbids every fetch). Next to it the reviewed extraction is written as
`<name>.json`, the file the corrections apply to.
"""
from __future__ import annotations

import base64
import glob
import hashlib
import html
import json
from dataclasses import dataclass
from importlib import resources
from itertools import cycle
from pathlib import Path
from typing import Callable, Iterable, Optional

import cv2
import pdfplumber
import pypdfium2 as pdfium

from extractors.pdf_text import text_angle
from pipeline.evaluate import DOCUMENT_FIELDS, comparable_text
from pipeline.process import InputError, process_pdf
from normalizers.confidence import ConfidenceSettings
from normalizers.schema import INDICATOR_FIELDS

# a field read by OCR below this is flagged (the confidence stage's own threshold)
LOW_OCR_CONFIDENCE = ConfidenceSettings().low_ocr
from pipeline.qa.sources import load_documents, read_document
from pipeline.writers import atomic_write_bytes

KEY_FIELDS = ("indikator", "sasaran")  # a record without these is not usable as it is
RECORD_FIELDS = tuple(f for f in INDICATOR_FIELDS if f != "extra")
# flag kinds, most important first (the order of the "needs review" list)
FLAG_ORDER = ("empty_key", "low_ocr", "corrected", "unmapped")
# the fields' colours, in INDICATOR_FIELDS order (the page's order): the palette's colours in turn, extra grey
PALETTE = ("#7f8c8d", "#95a5a6", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf", "#bcbd22", "#393b79", "#637939", "#843c39", "#7b4173")
FIELD_COLOURS = {f: "#555555" if f == "extra" else c for f, c in zip(INDICATOR_FIELDS, cycle(PALETTE))}
FULL_DOCUMENT_PAGES = 40  # longer documents show only the pages with records (unless all_pages)


class ReviewError(Exception):
    """An input that cannot be reviewed (the one-line reason)."""


@dataclass
class Page:
    number: int
    width: float  # points, as displayed (after any turn)
    height: float
    png: bytes


# --------------------------------------------------------------------------- flags


def record_flags(rec: dict) -> list[dict]:
    """What a reviewer should look at in one record: [{kind, field, text, ...}], most important first."""
    flags: list[dict] = []
    for f in KEY_FIELDS:
        if not comparable_text(rec.get(f)):
            flags.append({"kind": "empty_key", "field": f, "text": f"empty key field: {f}"})
    fields = ((rec.get("provenance") or {}).get("fields") or {})
    for f, entries in fields.items():
        confs = [e["confidence"] for e in entries or [] if isinstance(e, dict)
                 and isinstance(e.get("confidence"), (int, float))]
        if confs and min(confs) < LOW_OCR_CONFIDENCE:
            flags.append({"kind": "low_ocr", "field": f, "confidence": min(confs),
                          "text": f"low OCR confidence {min(confs):.2f}: {f}"})
        for e in entries or []:
            for c in (e.get("corrections") or []) if isinstance(e, dict) else []:
                orig, corr = c.get("original"), c.get("corrected")
                flags.append({"kind": "corrected", "field": f, "original": orig, "corrected": corr,
                              "text": f"OCR post-corrected in {f}: {orig} → {corr}"})
    extra = rec.get("extra") if isinstance(rec.get("extra"), dict) else {}
    for header, value in extra.items():
        if comparable_text(value):
            flags.append({"kind": "unmapped", "field": "extra", "header": header,
                          "text": f"cell mapped to no field: {header}"})
    flags.sort(key=lambda fl: FLAG_ORDER.index(fl["kind"]))
    return flags


# --------------------------------------------------------------------------- pages


def record_pages(doc: dict) -> list[int]:
    pages = set()
    for rec in doc.get("indicators") or []:
        for entries in ((rec.get("provenance") or {}).get("fields") or {}).values():
            pages.update(e["page"] for e in entries or [] if isinstance(e, dict) and isinstance(e.get("page"), int))
    return sorted(pages)


def page_turns(pdf_path: Path, pages: Iterable[int], skip: Iterable[int] = ()) -> dict[int, int]:
    """Text-layer pages printed sideways: the turn the extractor gave them (its boxes are in that frame)."""
    skip, turns = set(skip), {}
    with pdfplumber.open(str(pdf_path)) as pdf:
        for n in pages:
            if n in skip or not 1 <= n <= len(pdf.pages):
                continue
            angle = text_angle(pdf.pages[n - 1])
            if angle:
                turns[n] = angle
            pdf.pages[n - 1].flush_cache()
    return turns


def render_pages(pdf_path: Path, numbers: Iterable[int], scale: float = 1.25,
                 turns: Optional[dict[int, int]] = None) -> list[Page]:
    """Grey PNG images of the given pages (1-based), turned like the extractor turned them."""
    turns = turns or {}
    out = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for n in numbers:
            if not 1 <= n <= len(pdf):
                continue
            page = pdf[n - 1]
            bitmap = page.render(scale=scale, rotation=turns.get(n, 0), grayscale=True)
            arr = bitmap.to_numpy()
            ok, png = cv2.imencode(".png", arr, [cv2.IMWRITE_PNG_COMPRESSION, 9])
            if not ok:
                raise ReviewError(f"{pdf_path}: cannot encode page {n}")
            h, w = arr.shape[:2]
            out.append(Page(n, w / scale, h / scale, png.tobytes()))
            page.close()
    finally:
        pdf.close()
    return out


# --------------------------------------------------------------------------- page data


def review_data(doc: dict, pages: list[Page], name: str) -> dict:
    """Everything the page script needs: records with their flags and boxes, boxes in % of their page."""
    sizes = {p.number: p for p in pages}
    boxes: list[dict] = []
    box_ids: dict[tuple, int] = {}
    records = []
    for i, rec in enumerate(doc.get("indicators") or []):
        rec_boxes: dict[str, list[int]] = {}
        for f, entries in ((rec.get("provenance") or {}).get("fields") or {}).items():
            for e in entries or []:
                if not isinstance(e, dict) or e.get("page") not in sizes or not e.get("bbox"):
                    continue
                p = sizes[e["page"]]
                x0, top, x1, bottom = (float(v) for v in e["bbox"])
                key = (p.number, round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))
                if key not in box_ids:
                    box_ids[key] = len(boxes)
                    boxes.append({"id": len(boxes), "page": p.number, "method": e.get("method", "text"),
                                  "x": 100 * x0 / p.width, "y": 100 * top / p.height,
                                  "w": 100 * max(x1 - x0, 1) / p.width, "h": 100 * max(bottom - top, 1) / p.height,
                                  "fields": [], "records": [], "low": False, "corrected": False})
                b = boxes[box_ids[key]]
                if f not in b["fields"]:
                    b["fields"].append(f)
                if i not in b["records"]:
                    b["records"].append(i)
                conf = e.get("confidence")
                if isinstance(conf, (int, float)):
                    b["confidence"] = min(conf, b.get("confidence", 1.0))
                    b["low"] = b["low"] or conf < LOW_OCR_CONFIDENCE
                b["corrected"] = b["corrected"] or bool(e.get("corrections"))
                ids = rec_boxes.setdefault(f, [])
                if b["id"] not in ids:
                    ids.append(b["id"])
        records.append({
            "i": i,
            "values": {f: rec.get(f) for f in RECORD_FIELDS},
            "extra": rec.get("extra") if isinstance(rec.get("extra"), dict) else {},
            "confidence": rec.get("confidence"),
            "reasons": list(rec.get("confidence_reasons") or []),
            "flags": record_flags(rec),
            "boxes": rec_boxes,
        })
    order = list(FIELD_COLOURS)
    for b in boxes:
        b["fields"].sort(key=lambda f: order.index(f) if f in order else len(order))
    meta = doc.get("document") or {}
    canonical = json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return {
        "name": name,
        "source_file": meta.get("source_file") or name,
        "digest": hashlib.sha256(canonical).hexdigest()[:16],
        "document": {f: meta.get(f) for f in DOCUMENT_FIELDS},
        "document_fields": [f for f in DOCUMENT_FIELDS if f != "source_file"],
        "fields": list(RECORD_FIELDS),
        "key_fields": list(KEY_FIELDS),
        "colours": FIELD_COLOURS,
        "extraction": doc.get("extraction") or {},
        "pages": [p.number for p in pages],
        "records": records,
        "boxes": boxes,
    }


def _asset(name: str) -> str:
    return resources.files("pipeline.qa").joinpath(name).read_text("utf-8")


def render_review_html(doc: dict, pages: list[Page], name: str, note: str = "") -> str:
    data = review_data(doc, pages, name)
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    page_html = "".join(
        f'<section class="page" id="page-{p.number}" data-page="{p.number}"><div class="page-label">page '
        f'{p.number}</div><div class="sheet" style="aspect-ratio:{p.width:.2f}/{p.height:.2f}">'
        f'<img alt="page {p.number}" src="data:image/png;base64,{base64.b64encode(p.png).decode("ascii")}">'
        f"</div></section>" for p in pages)
    if not pages:
        page_html = '<p class="nopages">No page images: the PDF of this document was not found.</p>'
    csp = ("default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
           "connect-src 'none'; form-action 'none'; base-uri 'none'")
    title = html.escape(f"iku review — {data['source_file']}")
    return (f'<!doctype html><html lang="id"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title><style>{_asset('review.css')}</style></head><body>"
            f'<header id="top"></header><main><div id="pages">'
            + (f'<p class="note">{html.escape(note)}</p>' if note else "")
            + f'{page_html}</div><aside id="side"></aside></main>'
            f'<script type="application/json" id="iku-data">{payload}</script>'
            f"<script>{_asset('review.js')}</script></body></html>\n")


# --------------------------------------------------------------------------- inputs → reports


@dataclass
class ReviewInput:
    name: str
    doc: dict
    pdf: Optional[Path]


def _find_pdf(source_file: str, places: list[Path]) -> Optional[Path]:
    for place in places:
        if not place.is_dir():
            continue
        direct = place / source_file
        if direct.is_file():
            return direct
        for hit in sorted(place.rglob(glob.escape(source_file))):
            if hit.is_file():
                return hit
    return None


def collect(inputs: list[Path], pdf_dirs: list[Path]) -> list[ReviewInput]:
    """PDFs are extracted here; JSON files and folders (output, dataset) are taken as they are,
    their PDFs looked up by `source_file` in pdf_dirs and next to the JSON."""
    out: list[ReviewInput] = []
    for inp in inputs:
        inp = Path(inp)
        if inp.is_file() and inp.suffix.lower() == ".pdf":
            try:
                out.append(ReviewInput(inp.stem, process_pdf(str(inp)), inp))
            except InputError as exc:
                raise ReviewError(f"{inp}: {exc}") from exc
            continue
        if inp.is_dir() and not any(inp.glob("*.json")) and not (inp / "json").is_dir():
            pdfs = sorted(q for q in inp.rglob("*") if q.is_file() and q.suffix.lower() == ".pdf")
            if pdfs:
                out += collect(pdfs, pdf_dirs)
                continue
        if inp.is_file():
            docs = [(inp.stem, inp, read_document(inp))]
        else:
            loaded, _ = load_documents(inp)
            docs = [(d.name, Path(d.path), d.data) for d in loaded]
        for name, path, data in docs:
            src = str((data.get("document") or {}).get("source_file") or f"{name}.pdf")
            places = list(pdf_dirs) + [path.parent, inp if inp.is_dir() else inp.parent]
            if inp.is_dir() and (inp / "json").is_dir():
                places.append(inp.parent)
            out.append(ReviewInput(name, data, _find_pdf(Path(src).name, places)))
    return out


def build_review(item: ReviewInput, outdir: Path, all_pages: bool = False, scale: float = 1.25) -> Path:
    """Write outdir/<name>.html and the reviewed extraction outdir/<name>.json; returns the HTML path."""
    doc, note, pages = item.doc, "", []
    if item.pdf is not None:
        pdf = pdfium.PdfDocument(str(item.pdf))
        n_pages = len(pdf)
        pdf.close()
        wanted = list(range(1, n_pages + 1))
        with_records = record_pages(doc)
        if not all_pages and n_pages > FULL_DOCUMENT_PAGES and with_records:
            wanted = with_records
            note = (f"{len(wanted)} of {n_pages} pages shown (those with records); "
                    f"--all-pages shows every page.")
        extraction = doc.get("extraction") or {}
        if isinstance(extraction.get("turned_pages"), dict):  # the extraction says how it read each page
            turns = {int(n): int(a) for n, a in extraction["turned_pages"].items()}
        else:  # an older output: find the text-layer pages printed sideways again
            turns = page_turns(item.pdf, [n for n in with_records if n in set(wanted)],
                               skip=extraction.get("ocr_pages") or [])
        pages = render_pages(item.pdf, wanted, scale=scale, turns=turns)
    outdir.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(outdir / f"{item.name}.json",
                       (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    path = outdir / f"{item.name}.html"
    atomic_write_bytes(path, render_review_html(doc, pages, item.name, note).encode("utf-8"))
    return path


def _index_html(items: list[tuple[ReviewInput, Path]]) -> str:
    rows = []
    for item, path in items:
        recs = item.doc.get("indicators") or []
        flagged = sum(1 for r in recs if record_flags(r))
        rows.append(f'<tr><td><a href="{html.escape(path.name)}">{html.escape(item.name)}</a></td>'
                    f"<td>{len(recs)}</td><td>{flagged}</td><td>{'yes' if item.pdf else 'no'}</td></tr>")
    return ("<!doctype html><html><head><meta charset=utf-8><title>iku review</title>"
            "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            "<style>body{font:14px system-ui,sans-serif;margin:24px}td,th{padding:4px 10px;border-bottom:1px solid "
            "#ddd;text-align:left}</style></head><body><h1>iku review</h1><table><tr><th>document</th>"
            "<th>records</th><th>flagged</th><th>page images</th></tr>" + "".join(rows) + "</table></body></html>\n")


def build_reviews(inputs: list[Path], outdir: Path, pdf_dirs: Optional[list[Path]] = None, all_pages: bool = False,
                  scale: float = 1.25, warn: Callable[[str], None] = lambda m: None) -> list[Path]:
    """One review page per document of the inputs (plus index.html for several); the paths written."""
    for inp in inputs:
        if not Path(inp).exists():
            raise ReviewError(f"{inp}: no such file or folder")
    if not 0.2 <= scale <= 4:
        raise ReviewError(f"--scale {scale}: use a value between 0.2 and 4")
    items = collect([Path(p) for p in inputs], [Path(p) for p in pdf_dirs or []])
    if not items:
        raise ReviewError("nothing to review")
    done = []
    for item in items:
        if item.pdf is None:
            warn(f"{item.name}: PDF not found (use --pdf-dir); the page shows the records without page images")
        done.append((item, build_review(item, Path(outdir), all_pages=all_pages, scale=scale)))
    written = [p for _, p in done]
    if len(done) > 1:
        index = Path(outdir) / "index.html"
        atomic_write_bytes(index, _index_html(done).encode("utf-8"))
        written.append(index)
    return written
