"""The `iku` command line."""
from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]},
                  help="Turn Indonesian IKU decrees (PDF) into structured records.")
err = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        from pipeline import __version__  # local: only when asked, like the commands below
        typer.echo(f"iku {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                       help="print the version and exit")) -> None:
    """Turn Indonesian IKU decrees (PDF) into structured records."""


def collect_inputs(inputs: List[Path]) -> list[Path]:
    """Files as given, folders searched recursively for PDFs; missing paths reported."""
    found: list[Path] = []
    for p in inputs:
        if p.is_dir():
            found.extend(sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() == ".pdf"))
        else:
            found.append(p)
    from pipeline.batch.inputs import unique_paths  # local: loaded by `iku extract` only (fast --help)
    return unique_paths(found)


@app.command()
def extract(inputs: List[Path] = typer.Argument(..., help="PDF files or folders (searched recursively)"),
            output: Path = typer.Option(Path("output"), "-o", "--output", help="output folder"),
            jobs: int = typer.Option(0, "-j", "--jobs", help="processes for scanned pages (default: IKU_OCR_WORKERS, else 2)"),
            quiet: bool = typer.Option(False, "-q", "--quiet", help="no progress output")) -> None:
    """Extract every input PDF to OUTDIR/<stem>.json plus indicators.parquet and documents.parquet."""
    # local: a command's modules load when it runs, so that `iku --help` starts fast
    from pipeline.options import Options, OptionsError
    from pipeline.process import InputError, Pipeline
    from pipeline.writers import write_dataset, write_json

    try:
        options = Options.from_env()
        if jobs:
            options = options.with_(**{"ocr.workers": jobs})
    except OptionsError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2)
    files = collect_inputs(inputs)
    if not files:
        err.print("[red]error:[/] no input PDF found")
        raise typer.Exit(2)
    docs, failed = [], 0
    show = not quiet and err.is_terminal
    # local: loaded by `iku extract` only (fast --help)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=err, disable=not show)
    with progress, Pipeline(options) as pipe:
        task = progress.add_task("extracting", total=len(files))
        for i, path in enumerate(files):
            t0 = time.perf_counter()
            if i + 1 < len(files):
                pipe.prefetch(str(files[i + 1]))  # the next file's scanned pages start OCR now
            try:
                doc = pipe.run(str(path)).to_dict()
            except InputError as exc:
                failed += 1
                err.print(f"[red]error:[/] {path}: {exc}", highlight=False, soft_wrap=True)
            except Exception as exc:  # one bad file never stops a batch
                failed += 1
                err.print(f"[red]error:[/] {path}: unexpected {type(exc).__name__}: {exc}",
                          highlight=False, soft_wrap=True)
            else:
                write_json(output / f"{path.stem}.json", doc)
                docs.append(doc)
                if not quiet and not show:
                    err.print(f"{path}: {len(doc['indicators'])} indicators, {doc['extraction']['pages']} pages, "
                              f"{time.perf_counter() - t0:.2f}s", highlight=False, soft_wrap=True)
            progress.advance(task)
    if docs:
        write_dataset(output, docs)
    if not quiet:
        err.print(f"{len(docs)} done, {failed} failed → {output}", highlight=False)
    raise typer.Exit(1 if failed else 0)


@app.command("eval")
def evaluate_cmd(gold: Path = typer.Argument(..., help="gold JSON file or folder"),
                 pred: Path = typer.Argument(..., help="predicted JSON file or folder"),
                 as_json: bool = typer.Option(False, "--json", help="machine-readable output")) -> None:
    """Score extracted records against gold records (FORMAT.md scoring)."""
    # local: a command's modules load when it runs, so that `iku --help` starts fast
    from pipeline.evaluate import evaluate, format_report
    for p in (gold, pred):
        if not p.exists():
            err.print(f"[red]error:[/] {p}: no such file or folder")
            raise typer.Exit(2)
    report = evaluate(gold, pred)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_report(report) + "\n")


from pipeline.batch.command import batch  # noqa: E402

app.command("batch")(batch)

from pipeline.qa import commands as qa  # noqa: E402

app.command("diff")(qa.diff)
app.command("review")(qa.review)
app.command("apply-corrections")(qa.apply_corrections)

from pipeline.catalog.commands import app as catalog_app  # noqa: E402

app.add_typer(catalog_app, name="catalog")


def main() -> None:
    # pdfminer (under pdfplumber) warns on stderr about fonts of many real PDFs
    # ("Could not get FontBBox ..."): noise to a user, never a reason of ours
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    app()


if __name__ == "__main__":
    main()
