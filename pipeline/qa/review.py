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

from iku.extractors.pdf_text import text_angle
from iku.pipeline.evaluate import DOCUMENT_FIELDS, comparable_text
from iku.pipeline.process import InputError, process_pdf
from iku.normalizers.confidence import ConfidenceSettings
from iku.normalizers.schema import INDICATOR_FIELDS
from iku.normalizers.targets import classify as classify_target_column

# a field read by OCR below this is flagged (the confidence stage's own threshold)
LOW_OCR_CONFIDENCE = ConfidenceSettings().low_ocr
from iku.pipeline.qa.sources import (document_digest, file_sha256, input_of, known_sha256, load_documents,
                                read_document)
from iku.pipeline.writers import atomic_write_bytes

KEY_FIELDS = ("indikator", "sasaran")  # a record without these is not usable as it is
RECORD_FIELDS = tuple(f for f in INDICATOR_FIELDS if f != "extra")
# flag kinds, most important first (the order of the "needs review" list)
FLAG_ORDER = ("empty_key", "low_confidence", "low_field", "low_ocr", "corrected", "unmapped")
# a record or field below this confidence is flagged (the confidence stage's threshold)
LOW_CONFIDENCE = ConfidenceSettings().threshold
# the documents of an index, worst first: by verdict, then by their share of low-confidence records
VERDICT_ORDER = ("failed", "review", "ok")
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
    conf = rec.get("confidence")
    if isinstance(conf, (int, float)) and conf < LOW_CONFIDENCE:
        why = [r for r in rec.get("confidence_reasons") or [] if isinstance(r, str)]
        flags.append({"kind": "low_confidence", "field": None, "confidence": conf,
                      "text": f"low confidence {conf:.2f}" + (f": {', '.join(why)}" if why else "")})
    fconf = rec.get("field_confidence") if isinstance(rec.get("field_confidence"), dict) else {}
    for f, c in fconf.items():
        if isinstance(c, (int, float)) and c < LOW_CONFIDENCE:
            flags.append({"kind": "low_field", "field": f, "confidence": c,
                          "text": f"low field confidence {c:.2f}: {f}"})
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
    typed = {t.get("column") for t in rec.get("targets") or [] if isinstance(t, dict)}
    # a column no field claims is kept whole in `extra` (shown, editable): worth a look beside another
    # reason, never a reason to review a record by itself (a document's extra columns would flag every record)
    unmapped = [{"kind": "unmapped", "field": "extra", "header": header, "text": f"cell mapped to no field: {header}"}
                for header, value in extra.items()
                # a target-like column is typed (the record's `targets`), not unmapped
                if comparable_text(value) and header not in typed and classify_target_column(header) is None]
    if flags:
        flags += unmapped
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


def review_data(doc: dict, pages: list[Page], name: str, document_sha256: Optional[str] = None) -> dict:
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
            "targets": [t for t in rec.get("targets") or [] if isinstance(t, dict)],
            "confidence": rec.get("confidence"),
            "reasons": list(rec.get("confidence_reasons") or []),
            "flags": record_flags(rec),
            "boxes": rec_boxes,
        })
    order = list(FIELD_COLOURS)
    for b in boxes:
        b["fields"].sort(key=lambda f: order.index(f) if f in order else len(order))
    meta = doc.get("document") or {}
    return {
        "name": name,
        "source_file": meta.get("source_file") or name,
        "digest": document_digest(doc),
        "document_sha256": document_sha256,  # of the PDF the page images come from (None: no PDF)
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
    return resources.files("iku.pipeline.qa").joinpath(name).read_text("utf-8")


def render_review_html(doc: dict, pages: list[Page], name: str, note: str = "",
                       document_sha256: Optional[str] = None) -> str:
    data = review_data(doc, pages, name, document_sha256)
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
    sha256: Optional[str] = None  # of the PDF (known from the file, or from a batch dataset)
    problem: Optional[str] = None  # why no PDF is shown although one was found (a warning)


def _candidates(source_file: str, places: list[Path]) -> list[Path]:
    """Every file of that name in the places (each searched recursively), in order, once."""
    out: list[Path] = []
    for place in places:
        if not place.is_dir():
            continue
        direct = place / source_file
        for hit in ([direct] if direct.is_file() else []) + sorted(place.rglob(glob.escape(source_file))):
            if hit.is_file() and hit.resolve() not in {o.resolve() for o in out}:
                out.append(hit)
    return out


def _pdf_pages(path: Path) -> Optional[int]:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception:  # an unreadable candidate is simply not this document's PDF
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


def _find_pdf(source_file: str, places: list[Path], sha256: Optional[str] = None, pages: Optional[int] = None,
              paths: Iterable[Path] = ()) -> tuple[Optional[Path], Optional[str]]:
    """(the document's PDF, or None with the reason when candidates were refused).

    With the document's SHA-256 (a batch dataset, the manifest's path first) only a file with that hash
    is taken: two `sk.pdf` from different folders are never confused. Without it, a file of that name
    is taken only when it is the one candidate whose page count agrees with the extraction."""
    if sha256:
        seen = set()
        for cand in list(paths) + _candidates(source_file, places):
            if not cand.is_file() or cand.resolve() in seen:
                continue
            seen.add(cand.resolve())
            if file_sha256(cand) == sha256:
                return cand, None
        if seen:
            return None, (f"{len(seen)} file(s) named {source_file} found, none with the document's SHA-256 "
                          f"{sha256[:12]}…: not shown")
        return None, None
    cands = _candidates(source_file, places)
    if len(cands) > 1 and pages:
        cands = [c for c in cands if _pdf_pages(c) == pages]
    if len(cands) == 1:
        return cands[0], None
    if len(cands) > 1:
        return None, (f"{len(cands)} different files named {source_file} ({', '.join(map(str, cands[:3]))}): "
                      f"which one is this document's is unknown (review the dataset, or use --pdf-dir)")
    return None, None


def _manifest_paths(dataset: Path) -> dict[str, list[Path]]:
    """SHA-256 → where the batch read that document (files, not archive members): the manifest's
    path as given to `iku batch` (relative to where it ran: tried from here and from beside the dataset)."""
    manifest = dataset / "manifest.parquet"
    if not manifest.is_file():
        return {}
    import pyarrow.parquet as pq  # local: only a dataset's review reads its manifest
    out: dict[str, list[Path]] = {}
    try:
        rows = pq.read_table(manifest, columns=["sha256", "path", "archive", "status"]).to_pylist()
    except Exception:  # an unreadable manifest: the PDFs are looked up by name (and checked by hash)
        return {}
    for row in rows:
        if row.get("status") != "done" or not row.get("sha256") or row.get("archive") or not row.get("path"):
            continue
        p = Path(row["path"])
        out.setdefault(row["sha256"], []).extend([p] if p.is_absolute() else [p, dataset.parent / p])
    return out


def collect(inputs: list[Path], pdf_dirs: list[Path], failed: Optional[list] = None) -> list[ReviewInput]:
    """PDFs are extracted here; JSON files and folders (output, dataset) are taken as they are,
    their PDFs looked up through a dataset's manifest (checked by SHA-256), else by `source_file`
    in pdf_dirs and next to the JSON. With `failed` (a list), a PDF that cannot be read is added
    to it ("<path>: <reason>") and the others are reviewed; without it, it stops the review."""
    out: list[ReviewInput] = []
    for inp in inputs:
        inp = Path(inp)
        if inp.is_file() and inp.suffix.lower() == ".pdf":
            try:
                out.append(ReviewInput(inp.stem, process_pdf(str(inp)), inp, file_sha256(inp)))
            except InputError as exc:
                if failed is None:
                    raise ReviewError(f"{inp}: {exc}") from exc
                failed.append(f"{inp}: {exc}")
            continue
        if inp.is_dir() and not any(inp.glob("*.json")) and not (inp / "json").is_dir():
            pdfs = sorted(q for q in inp.rglob("*") if q.is_file() and q.suffix.lower() == ".pdf")
            if pdfs:
                out += collect(pdfs, pdf_dirs, failed)
                continue
        if inp.is_file():
            docs = [(inp.stem, inp, read_document(inp))]
        else:
            loaded, _ = load_documents(inp)
            docs = [(d.name, Path(d.path), d.data) for d in loaded]
        dataset = inp.is_dir() and (inp / "json").is_dir()
        recorded = _manifest_paths(inp) if dataset else {}
        for name, path, data in docs:
            src = str((data.get("document") or {}).get("source_file") or f"{name}.pdf")
            places = list(pdf_dirs) + [path.parent, inp if inp.is_dir() else inp.parent]
            if dataset:
                places.append(inp.parent)
            sha = known_sha256(path, data)
            pages = (data.get("extraction") or {}).get("pages")
            where = list(recorded.get(sha or "", []))
            given = input_of(data).get("path")  # where `iku extract` read it (relative to where it ran)
            if isinstance(given, str) and given:
                where += [Path(given)] if Path(given).is_absolute() else [Path(given), path.parent / given]
            pdf, problem = _find_pdf(Path(src).name, places, sha, pages if isinstance(pages, int) else None, where)
            out.append(ReviewInput(name, data, pdf, sha, problem))
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
    sha = item.sha256 or (file_sha256(item.pdf) if item.pdf is not None else None)
    atomic_write_bytes(path, render_review_html(doc, pages, item.name, note, sha).encode("utf-8"))
    return path


def review_rank(doc: dict) -> tuple:
    """Where a document goes in a review queue, worst first: its verdict (failed, review, ok), then
    its share of low-confidence records, then its lowest record confidence."""
    verdict = ((doc.get("extraction") or {}).get("verdict") or {}).get("status") or "ok"
    confs = [r.get("confidence") for r in doc.get("indicators") or []
             if isinstance(r, dict) and isinstance(r.get("confidence"), (int, float))]
    low = sum(1 for c in confs if c < LOW_CONFIDENCE) / len(confs) if confs else 0.0
    return (VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else 0, -low, min(confs) if confs else 0.0)


def _index_html(items: list[tuple[ReviewInput, Path]]) -> str:
    rows = []
    for item, path in sorted(items, key=lambda it: review_rank(it[0].doc)):
        recs = item.doc.get("indicators") or []
        flagged = sum(1 for r in recs if record_flags(r))
        verdict = ((item.doc.get("extraction") or {}).get("verdict") or {})
        why = "; ".join(str(r) for r in verdict.get("reasons") or [])
        rows.append(f'<tr><td><a href="{html.escape(path.name)}">{html.escape(item.name)}</a></td>'
                    f"<td>{html.escape(str(verdict.get('status') or '-'))}</td><td>{html.escape(why)}</td>"
                    f"<td>{len(recs)}</td><td>{flagged}</td><td>{'yes' if item.pdf else 'no'}</td></tr>")
    return ("<!doctype html><html><head><meta charset=utf-8><title>iku review</title>"
            "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            "<style>body{font:14px system-ui,sans-serif;margin:24px}td,th{padding:4px 10px;border-bottom:1px solid "
            "#ddd;text-align:left}</style></head><body><h1>iku review</h1><table><tr><th>document</th>"
            "<th>verdict</th><th>why</th><th>records</th><th>flagged</th><th>page images</th></tr>" + "".join(rows) + "</table></body></html>\n")


def build_reviews(inputs: list[Path], outdir: Path, pdf_dirs: Optional[list[Path]] = None, all_pages: bool = False,
                  scale: float = 1.25, warn: Callable[[str], None] = lambda m: None,
                  failed: Optional[list] = None) -> list[Path]:
    """One review page per document of the inputs (plus index.html for several); the paths written.
    With `failed` (a list), an unreadable PDF is added to it and the other documents are reviewed."""
    for inp in inputs:
        if not Path(inp).exists():
            raise ReviewError(f"{inp}: no such file or folder")
    if not 0.2 <= scale <= 4:
        raise ReviewError(f"--scale {scale}: use a value between 0.2 and 4")
    # worst first: a reviewer who stops halfway has seen the documents that needed it most
    items = sorted(collect([Path(p) for p in inputs], [Path(p) for p in pdf_dirs or []], failed),
                   key=lambda it: review_rank(it.doc))
    if not items:
        raise ReviewError(failed[0] if failed else "nothing to review")
    done = []
    for item in items:
        if item.pdf is None:
            warn(f"{item.name}: {item.problem or 'PDF not found (use --pdf-dir)'}; the page shows the records "
                 f"without page images")
        done.append((item, build_review(item, Path(outdir), all_pages=all_pages, scale=scale)))
    written = [p for _, p in done]
    if len(done) > 1:
        index = Path(outdir) / "index.html"
        atomic_write_bytes(index, _index_html(done).encode("utf-8"))
        written.append(index)
    return written
