"""The QA commands of the `iku` CLI: diff, review, apply-corrections."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape

from iku.pipeline.exitcodes import INPUT_ERROR, INTERNAL_ERROR

err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str, code: int = INPUT_ERROR) -> None:
    err.print(f"[red]error:[/] {escape(message)}")
    raise typer.Exit(code)


def diff(a: Path = typer.Argument(..., help="JSON file, output folder or dataset folder (gold works too)"),
         b: Path = typer.Argument(..., help="JSON file, output folder or dataset folder"),
         as_json: bool = typer.Option(False, "--json", help="the diff as JSON on stdout"),
         html: Optional[Path] = typer.Option(None, "--html", help="also write the diff as one HTML page"),
         normalized: bool = typer.Option(False, "--normalized",
                                         help="ignore case, punctuation and spacing (FORMAT.md normalisation)"),
         normalised: bool = typer.Option(False, "--normalised", hidden=True, help="the same as --normalized")
         ) -> None:
    """Added, removed and changed records between two extraction outputs.
    Exit status: 0 identical, 1 different, 2 input error, 3 output error, 4 internal error."""
    # local: a command's modules load when it runs, so that `iku --help` starts fast
    from iku.pipeline.qa.diff import diff_sources
    from iku.pipeline.qa.diff_report import print_result, render_html
    from iku.pipeline.qa.sources import SourceError
    from iku.pipeline.writers import atomic_write_bytes
    try:
        result = diff_sources(a, b, normalised=normalized or normalised)
        if html is not None:
            atomic_write_bytes(html, render_html(result).encode("utf-8"))
        if as_json:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            # piped: long lines rather than a table squeezed into 80 columns
            print_result(Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 200), result)
    except SourceError as exc:
        _fail(str(exc))
    except Exception as exc:  # exit 1 means "different": anything unexpected is an internal error (4)
        _fail(f"internal error: {type(exc).__name__}: {exc}", INTERNAL_ERROR)
    raise typer.Exit(0 if result.identical else 1)


def review(inputs: List[Path] = typer.Argument(..., help="PDF files, or extraction JSON files / output or "
                                                         "dataset folders"),
           output: Path = typer.Option(Path("review"), "-o", "--output", help="report folder"),
           pdf_dir: List[Path] = typer.Option([], "--pdf-dir", metavar="FOLDER",
                                              help="where to find the PDFs of JSON inputs (searched recursively; "
                                                   "the JSON's own folder is always searched)"),
           all_pages: bool = typer.Option(False, "--all-pages",
                                          help="every page, also in long documents (default: all pages up to "
                                               "40, else the pages with records)"),
           scale: float = typer.Option(1.25, "--scale", help="page image scale (1 = 72 dpi)")) -> None:
    """Static HTML review pages, one self-contained file per document: the extracted cells over the page
    images, flagged records first. Corrections exported from a page go to `iku apply-corrections`."""
    # local: a command's modules load when it runs, so that `iku --help` starts fast
    from iku.pipeline.qa.review import ReviewError, build_reviews
    from iku.pipeline.qa.sources import SourceError
    failed: list[str] = []  # PDFs that cannot be read: one line each, the others are reviewed
    try:
        written = build_reviews(inputs, output, pdf_dirs=pdf_dir, all_pages=all_pages, scale=scale,
                                warn=lambda m: err.print(f"warning: {m}", markup=False), failed=failed)
    except (ReviewError, SourceError) as exc:
        _fail(str(exc))
    for path in written:
        err.print(f"wrote {path}", markup=False)
    for line in failed:
        err.print(f"[red]error:[/] {escape(line)}", highlight=False, soft_wrap=True)
    if failed:
        raise typer.Exit(1)  # some documents failed, the others are written


def apply_corrections(output_doc: Path = typer.Argument(..., help="extraction JSON file (or folder of them)"),
                      corrections: List[Path] = typer.Argument(..., help="corrections JSON file(s) exported "
                                                                         "from a review page"),
                      out: Path = typer.Option(..., "-o", "--output", help="corrected JSON file (a folder when the "
                                                                          "input is a folder)"),
                      gold: bool = typer.Option(False, "--gold", help="write the bare FORMAT.md shape (no "
                                                                      "provenance, confidence, extraction)"),
                      force: bool = typer.Option(False, "--force",
                                                 help="apply a correction even where the value it corrects has "
                                                      "changed since the review")) -> None:
    """Apply a review's corrections to an extraction output (the result can serve as gold)."""
    # local: a command's modules load when it runs, so that `iku --help` starts fast
    from iku.pipeline.qa.corrections import CorrectionError, apply_to_path
    from iku.pipeline.qa.sources import SourceError
    try:
        written, applied = apply_to_path(output_doc, corrections, out, gold=gold, force=force)
    except (CorrectionError, SourceError) as exc:
        _fail(str(exc))
    err.print(f"{applied} correction(s) applied → {', '.join(str(p) for p in written)}", markup=False)
