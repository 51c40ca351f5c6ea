"""One PDF through the stages: extract → normalize → assemble the output document.

    classify → text-layer tables → OCR tables → records → document fields → targets → confidence → verdict → assemble

Each stage is a function of its input and its settings (one field of `Options`)
and returns its result; OCR pages come back as page results that `merge` puts
into the extracted document. `Pipeline` holds what outlives one document: the
options and the OCR worker pool (created on first need, handed to the OCR stage).
"""
from __future__ import annotations

import os
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Optional

from iku.pipeline import __version__
from iku.pipeline.options import Options
from iku.extractors.model import ExtractedDocument, PageInfo, PageKind
from iku.extractors.pdf_text import (PdfError, TextLayerResult, could_hold_indicator_table, read_page_texts,
                                 text_layer_tables)
from iku.extractors.ocr import OcrError
from iku.extractors.scanned import PageResult, continue_tables, make_pool, submit_pages
from iku.normalizers.confidence import rate_records
from iku.normalizers.metadata import extract_metadata
from iku.normalizers.records import build_records
from iku.normalizers.schema import Document, Extraction, Method, Record
from iku.normalizers.verdict import document_verdict
from iku.normalizers.targets import type_targets


class InputError(Exception):
    """An input that cannot be processed; the message is the one-line reason."""


def check_input(path: str) -> None:
    p = Path(path)
    if not p.is_file():
        raise InputError("not a file")
    if p.stat().st_size == 0:
        raise InputError("empty file")
    with open(p, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise InputError("not a PDF (no %PDF header)")


# ---------------------------------------------------------------- the stages

def classify(path: str, options: Options) -> list[PageInfo]:
    """Every page's text and kind (text layer or image)."""
    return read_page_texts(path, options.text_layer)


def image_pages(pages: list[PageInfo]) -> list[int]:
    return [p.number for p in pages if p.kind == PageKind.IMAGE]


def merge(path: str, pages: list[PageInfo], text: TextLayerResult, scans: dict[int, PageResult]) -> ExtractedDocument:
    """The text-layer and OCR results as one extracted document, tables in page order."""
    doc = ExtractedDocument(path=path, pages=list(pages), tables=list(text.tables), sideways=dict(text.sideways))
    by_number = {p.number: i for i, p in enumerate(doc.pages)}
    continue_tables(scans)  # a table drawn without rules going on over the next scanned page
    for n, res in sorted(scans.items()):
        doc.pages[by_number[n]] = res.info
        doc.tables.extend(res.tables)
        if res.rotation:  # the boxes are on the page turned this way (the review page turns it too)
            doc.sideways[n] = res.rotation
    doc.tables.sort(key=lambda t: t.page)
    return doc


def verdict(doc: ExtractedDocument, records: list[Record], options: Options) -> dict:
    """The document's verdict (ok / review / failed, with reasons): normalizers/verdict.py, with the
    pages whose text reads like an indicator table's header."""
    header_pages = [p.number for p in doc.pages if could_hold_indicator_table(p.text)]
    return document_verdict([r.to_dict() for r in records], {p.number: p.text for p in doc.pages}, header_pages)


def assemble(path: str, doc: ExtractedDocument, records: list[Record], fields: dict,
             verdict: Optional[dict] = None) -> Document:
    extraction = Extraction(version=__version__, method=Method(doc.method), pages=len(doc.pages),
                            ocr_pages=image_pages(doc.pages), turned_pages=dict(doc.sideways))
    if verdict is not None:
        extraction.verdict = verdict
    return Document(source_file=os.path.basename(path), fields=fields, records=records, extraction=extraction)


class Pipeline:
    """The stages with their options, and the OCR pool shared by the documents of a run.

    Use it as a context manager (the pool is shut down at the end), or call close()."""

    def __init__(self, options: Optional[Options] = None, executor: Optional[Executor] = None):
        self.options = options or Options.from_env()
        self._executor = executor
        self._own_executor = False
        self._ahead: dict[str, dict[int, Future]] = {}  # OCR started ahead of a document's turn

    def __enter__(self) -> "Pipeline":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for futures in self._ahead.values():
            for f in futures.values():
                f.cancel()
        self._ahead.clear()
        if self._own_executor and self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor, self._own_executor = None, False

    def executor(self) -> Optional[Executor]:
        """The OCR pool: the one handed in, or one made on first need (None: pages one by one here)."""
        if self._executor is None and self.options.ocr.workers > 1:
            self._executor, self._own_executor = make_pool(self.options.ocr), True
        return self._executor

    def _submit(self, path: str, numbers: list[int]) -> dict[int, Future]:
        return submit_pages(path, numbers, self.options.ocr, self.executor())

    def prefetch(self, path: str) -> None:
        """Start the OCR of a document's image pages before its turn (the next file of a
        batch), so that the workers never wait. Unreadable files are left for their turn."""
        if path in self._ahead or self.options.ocr.workers <= 1:
            return
        try:
            numbers = image_pages(read_page_texts(path, self.options.text_layer))
        except Exception:
            return
        if numbers:
            self._ahead[path] = self._submit(path, numbers)

    def ocr_tables(self, path: str, pages: list[PageInfo]) -> dict[int, PageResult]:
        numbers = image_pages(pages)
        if not numbers:
            return {}
        futures = self._ahead.pop(path, None)
        if futures is None or set(futures) != set(numbers):
            futures = self._submit(path, numbers)
        return {n: futures[n].result() for n in numbers}

    def run(self, path: str) -> Document:
        """One PDF → its Document; raises InputError with a one-line reason."""
        check_input(path)
        opts = self.options
        try:
            pages = classify(path, opts)
            text = text_layer_tables(path, pages, opts.text_layer)
            scans = self.ocr_tables(path, pages)
        except (PdfError, OcrError) as exc:
            raise InputError(str(exc)) from exc
        doc = merge(path, pages, text, scans)
        records = build_records(doc)
        fields = extract_metadata([p.text for p in doc.pages])
        records = type_targets(records, fields)
        records = rate_records(records, opts.confidence)
        return assemble(path, doc, records, fields, verdict(doc, records, opts))


def process_document(path: str, options: Optional[Options] = None) -> Document:
    """One PDF → Document, with a pipeline of its own (an OCR pool only if it has scanned pages)."""
    with Pipeline(options) as pipe:
        return pipe.run(path)


def process_pdf(path: str, options: Optional[Options] = None) -> dict:
    """The FORMAT.md document (with provenance, confidence, extraction) for one PDF;
    raises InputError with a one-line reason."""
    return process_document(path, options).to_dict()
