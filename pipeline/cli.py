"""The `iku` command line.

One policy for every command (pipeline/exitcodes.py): a fixed set of exit codes, one line on
stderr naming the file and the reason, a traceback only with `iku --debug ...`.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import List, Optional

import errno

import typer
from rich.console import Console
from rich.markup import escape

from iku.pipeline.exitcodes import (FAILED, INPUT_ERROR, INTERNAL_ERROR, INTERRUPTED, OUTPUT_ERROR, no_such_input,
                                nothing_found)

err = Console(stderr=True, highlight=False, soft_wrap=True)
_DEBUG = {"on": False}  # `iku --debug`: tracebacks of internal errors


def fail(message: str, code: int = INPUT_ERROR) -> None:
    """The one error line of every command, then its exit code."""
    err.print(f"[red]error:[/] {escape(message)}")
    raise typer.Exit(code)


def _tidy(command) -> None:
    """Help without type noise: flags show no `<bool>`, arguments show their metavar
    (`INPUT...`) once, neither `{inputs}...` nor `<list[Path]>`."""
    for p in command.params:
        kind = getattr(p, "param_type_name", None)
        if kind == "option" and getattr(p, "is_flag", False) and p.metavar is None:
            p.metavar = ""
        elif kind == "argument":
            if p.metavar is None:
                p.metavar = p.name.upper() + ("..." if p.nargs != 1 else "")
            metavar, required = p.metavar, p.required
            # instance attributes: this typer's help calls these two for an argument's usage and type column
            p._usage_display_name = lambda m=metavar, r=required: m if r else f"[{m}]"
            p.display_type_rich = lambda ctx=None: None
    get_help_option = command.get_help_option

    def help_option(ctx, get=get_help_option):  # made when asked for: tidied then
        opt = get(ctx)
        if opt is not None and opt.metavar is None:
            opt.metavar = ""
        return opt
    command.get_help_option = help_option
    for sub in (getattr(command, "commands", None) or {}).values():
        _tidy(sub)


class IkuGroup(typer.core.TyperGroup):
    """The top command: tidy help for every command, and the exit-code policy for what a
    command did not catch itself (an interrupt: 130 with a line; a bug: one line, exit 4)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy(self)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # output piped into `head`: not an error of ours
                raise
            if exc.errno in _FULL_OR_READ_ONLY and not _DEBUG["on"]:
                where = exc.filename or "output"
                err.print(f"[red]error:[/] {escape(f'{where}: {exc.strerror or exc}')}")
                raise typer.Exit(OUTPUT_ERROR)
            self._internal(exc)
        except KeyboardInterrupt:
            err.print("interrupted")
            raise typer.Exit(INTERRUPTED)
        except Exception as exc:
            self._internal(exc)

    @staticmethod
    def _internal(exc: Exception) -> None:
        if _DEBUG["on"]:
            raise exc
        where = getattr(exc, "filename", None)
        err.print(f"[red]error:[/] internal error: {escape(f'{where}: ' if where else '')}"
                  f"{type(exc).__name__}: {escape(str(exc))} (run `iku --debug ...` for the traceback)")
        raise typer.Exit(INTERNAL_ERROR)


_FULL_OR_READ_ONLY = {errno.ENOSPC, errno.EROFS, errno.EDQUOT}


app = typer.Typer(cls=IkuGroup, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"]})


def _version(value: bool) -> None:
    if value:
        from iku.pipeline import __version__  # local: only when asked, like the commands below
        typer.echo(f"iku {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                       help="print the version and exit"),
          debug: bool = typer.Option(False, "--debug", help="show the traceback of an internal error")) -> None:
    """Turn Indonesian IKU decrees (PDF) into structured records.

    Exit status, the same for every command: 0 done, 1 some documents failed, 2 input error,
    3 output error, 4 internal error, 130 interrupted.
    """
    _DEBUG["on"] = debug


def collect_inputs(inputs: List[Path]) -> list[Path]:
    """Files as given, folders searched recursively for PDFs. A path that does not exist is an
    input error (the same line as `iku batch`), and so are inputs that hold no PDF at all."""
    # local: loaded by `iku extract` only (fast --help)
    from iku.pipeline.batch.inputs import _walk, kind_of, printable
    found: list[Path] = []
    for p in inputs:
        if p.is_dir():  # names as data: links to folders not followed (no loop); every kind of file is
            problems: list = []  # listed, so that a FIFO or a dangling link named *.pdf gets its one line
            found.extend(q for q in _walk(p, problems) if kind_of(q.name) == "pdf")
            for where, reason in problems:
                err.print(f"[red]error:[/] {escape(f'{printable(str(where))}: {reason}')}")
        elif os.path.lexists(p):
            found.append(p)  # a file named on the command line is an input, whatever its name or kind
        else:
            fail(no_such_input(p))
    if not found:
        fail(nothing_found(inputs))
    from iku.pipeline.batch.inputs import unique_paths  # local: loaded by `iku extract` only (fast --help)
    return unique_paths(found)


def _is_extraction(data) -> bool:
    """A JSON document `iku extract` wrote (the FORMAT.md shape with its `extraction` block)."""
    return (isinstance(data, dict) and isinstance(data.get("indicators"), list)
            and isinstance(data.get("document"), dict) and isinstance(data.get("extraction"), dict))


def earlier_outputs(output: Path, written: set[str]) -> list[dict]:
    """The extractions an earlier run left in the folder (its <stem>.json files this run did not
    write): the Parquet files cover them too, so that JSON and Parquet always agree."""
    docs = []
    for path in sorted(output.glob("*.json")):
        if path.name in written:
            continue
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        if _is_extraction(data):
            docs.append(data)
    return docs


def check_output_folder(output: Path) -> None:
    """`iku extract` writes loose files: not into a batch dataset, not over a file."""
    if output.exists() and not output.is_dir():
        fail(f"{output}: is a file, not a folder", OUTPUT_ERROR)
    if (output / "_dataset.json").exists() or (output / "manifest.parquet").exists():
        fail(f"{output}: is an `iku batch` dataset; `iku extract` writes <stem>.json and Parquet files of its "
             f"own: use another folder (or `iku batch ... -o {output}` to add to the dataset)")
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"{output}: cannot create the folder ({exc.strerror or exc})", OUTPUT_ERROR)


def default_jobs() -> int:
    """Processes at a time when -j is not given: one per core (the same in extract and batch)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@app.command()
def extract(inputs: List[Path] = typer.Argument(..., metavar="INPUT...", help="PDF files or folders (searched recursively)"),
            output: Path = typer.Option(Path("output"), "-o", "--output", metavar="FOLDER", help="output folder"),
            jobs: int = typer.Option(0, "-j", "--jobs", metavar="N", show_default=False,
                                     help="processes at a time, here for scanned pages (default: IKU_OCR_WORKERS, "
                                          "else one per core)"),
            timeout: float = typer.Option(120.0, "--timeout", metavar="S",
                                          help="seconds one document may take, plus --timeout-per-page per page"),
            timeout_per_page: float = typer.Option(10.0, "--timeout-per-page", metavar="S",
                                                   help="seconds added to --timeout for each page"),
            memory_limit: int = typer.Option(2048, "--memory-limit", metavar="MIB",
                                             help="MiB of memory (heap and private mappings) for one document (0: no limit)"),
            max_file_size: int = typer.Option(1024, "--max-file-size", metavar="MIB", help="MiB: the largest input"),
            quiet: bool = typer.Option(False, "-q", "--quiet", help="no progress output, only errors")) -> None:
    """Extract every input PDF to FOLDER/<stem>.json plus indicators.parquet, documents.parquet and
    targets.parquet (they cover every extraction in FOLDER, earlier runs' too).

    Each document runs in a child process with a time and a memory limit: one that hangs, crashes
    or runs out of memory gets one line and the next is converted. Two inputs with the same name
    (a/x.pdf, b/x.pdf) never share an output: the later is written to <stem>-<sha256[:12]>.json.
    Ctrl-C keeps what finished (JSON and Parquet) and exits 130."""
    # local: a command's modules load when it runs, so that `iku --help` starts fast
    from iku.pipeline.batch.inputs import printable
    from iku.pipeline.extracting import Extractor, Limits
    from iku.pipeline.options import Options, OptionsError
    from iku.pipeline.writers import write_dataset

    try:
        options = Options.from_env()
        if jobs or "IKU_OCR_WORKERS" not in os.environ:
            options = options.with_(**{"ocr.workers": jobs or default_jobs()})
    except OptionsError as exc:
        fail(str(exc))
    if timeout <= 0 or timeout_per_page < 0 or memory_limit < 0 or max_file_size <= 0:
        fail("--timeout and --max-file-size must be > 0, --timeout-per-page and --memory-limit >= 0")
    files = collect_inputs(inputs)
    check_output_folder(output)
    limits = Limits(timeout=timeout, per_page=timeout_per_page, memory_mb=memory_limit, max_file_mb=max_file_size)
    docs, written, failed, interrupted = [], set(), 0, False
    show = not quiet and err.is_terminal
    # local: loaded by `iku extract` only (fast --help)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=err, disable=not show)
    with progress, Extractor(output, options, limits) as extractor:
        task = progress.add_task("extracting", total=len(files))
        cleaned = extractor.clean()
        if cleaned and not quiet:
            err.print(f"note: {escape(cleaned)}")
        try:
            for path in files:
                res = extractor.one(path)  # in a child process with the limits; names printed escaped
                if res.note and not quiet:
                    err.print(f"note: {escape(res.note)}")
                if res.error:
                    if res.fatal:  # disk full, read-only (or no child process): no later document would do
                        fail(res.error, OUTPUT_ERROR if res.fatal == "output" else INTERNAL_ERROR)
                    failed += 1
                    err.print(f"[red]error:[/] {escape(res.error)}")
                else:
                    docs.append(res.doc)
                    written.add(res.target.name)
                    if not quiet and not show:
                        err.print(f"{escape(printable(str(path)))}: {len(res.doc['indicators'])} indicators, "
                                  f"{res.doc['extraction']['pages']} pages, {res.seconds:.2f}s")
                progress.advance(task)
        except KeyboardInterrupt:
            interrupted = True
    everything = docs + earlier_outputs(output, written)
    try:
        if everything:
            write_dataset(output, everything)
    except OSError as exc:
        fail(f"{output}: cannot write the Parquet files ({exc.strerror or exc})", OUTPUT_ERROR)
    if interrupted:
        err.print(f"interrupted: {len(docs)} of {len(files)} documents done and kept in {escape(str(output))} "
                  f"(JSON and Parquet); the same command again converts them all")
        raise typer.Exit(INTERRUPTED)
    if not quiet:
        earlier = len(everything) - len(docs)
        err.print(f"{len(docs)} done, {failed} failed → {escape(str(output))}"
                  + (f" (the Parquet files also hold {earlier} earlier extraction{'s' * (earlier != 1)})"
                     if earlier else ""))
    raise typer.Exit(FAILED if failed else 0)


@app.command("eval")
def evaluate_cmd(gold: Path = typer.Argument(..., metavar="GOLD", help="gold JSON file or folder"),
                 pred: Path = typer.Argument(..., metavar="PRED", help="predicted JSON file or folder (iku output)"),
                 as_json: bool = typer.Option(False, "--json", help="machine-readable output"),
                 calibration: bool = typer.Option(False, "--calibration",
                                                  help="how far the confidences are right instead: reliability "
                                                       "table by confidence bucket, ECE, wrong records and "
                                                       "failed documents flagged")) -> None:
    """Score extracted records against gold records (FORMAT.md scoring).

    GOLD and PRED that cannot be scored (a missing path, no IKU document, nothing pairs, the two
    given the other way round) are an input error (2)."""
    # local: a command's modules load when it runs, so that `iku --help` starts fast
    from iku.pipeline.evaluate import (EvalInputError, calibration as calibrate, check_inputs, evaluate,
                                   format_calibration, format_report)
    try:
        check_inputs(gold, pred)
    except EvalInputError as exc:
        fail(str(exc))
    if calibration:
        cal = calibrate(gold, pred)
        sys.stdout.write((json.dumps(cal.summary(), ensure_ascii=False, indent=2) if as_json
                          else format_calibration(cal)) + "\n")
        return
    report = evaluate(gold, pred)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_report(report) + "\n")


from iku.pipeline.batch.command import batch  # noqa: E402

app.command("batch")(batch)

from iku.pipeline.qa import commands as qa  # noqa: E402

app.command("diff")(qa.diff)
app.command("review")(qa.review)
app.command("apply-corrections")(qa.apply_corrections)

from iku.pipeline.catalog.commands import app as catalog_app  # noqa: E402

app.add_typer(catalog_app, name="catalog")

# third-party loggers whose warnings are noise to a user, never a reason of ours: pdfminer (under
# pdfplumber) warns about the fonts of many real PDFs ("Could not get FontBBox ..."), pypdfium2,
# PIL, onnxruntime / rapidocr (the optional OCR engine), urllib3 and ray
QUIET_LOGGERS = ("pdfminer", "pdfplumber", "pypdfium2", "PIL", "fontTools", "onnxruntime", "rapidocr",
                 "RapidOCR", "urllib3", "ray", "filelock", "numexpr")


def quiet_third_party_loggers() -> None:
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


def main() -> None:
    quiet_third_party_loggers()
    app(prog_name="iku")


if __name__ == "__main__":
    main()
