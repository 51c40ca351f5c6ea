"""`iku batch`: convert whole archives into a partitioned dataset, resumably."""
from __future__ import annotations

import signal
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape

from iku.pipeline.exitcodes import (FAILED as EXIT_FAILED, INPUT_ERROR as EXIT_USAGE,
                                INTERRUPTED as EXIT_INTERRUPTED, OUTPUT_ERROR as EXIT_OUTPUT)


def _interrupt(signum, frame):  # SIGTERM stops a batch as cleanly as Ctrl-C
    raise KeyboardInterrupt


def batch(
    inputs: List[str] = typer.Argument(..., metavar="INPUT...",
                                       help="PDF files, folders (searched recursively), globs, .zip / .tar(.gz) archives"),
    output: Path = typer.Option(..., "-o", "--output", metavar="DATASET",
                                help="the dataset folder (created; the same command again resumes it)"),
    jobs: int = typer.Option(0, "-j", "--jobs", metavar="N", show_default=False,
                             help="processes at a time, here one document each (default: one per core; Ray: the "
                                  "cluster's CPUs)"),
    workers: int = typer.Option(0, "-w", "--workers", hidden=True, show_default=False,
                                help="the former name of -j/--jobs"),
    retries: int = typer.Option(1, "--retries", help="more attempts for a document whose worker crashed, hung or ran out of memory"),
    timeout: float = typer.Option(120.0, "--timeout", help="seconds one document may take, plus --timeout-per-page per page"),
    timeout_per_page: float = typer.Option(10.0, "--timeout-per-page",
                                           help="seconds added to --timeout for each page of the document"),
    memory_limit: int = typer.Option(2048, "--memory-limit", help="MiB of memory (heap and private mappings) per worker process (0: no limit)"),
    executor: str = typer.Option("local", "--executor", metavar="local|ray",
                                 help="local (a process pool) or ray (a Ray cluster)"),
    address: Optional[str] = typer.Option(None, "--address", help="Ray: 'auto' or ray://HOST:PORT (default: start a local Ray instance)"),
    shared_inputs: bool = typer.Option(False, "--shared-inputs", help="Ray: input paths are readable on every node (send paths, not bytes)"),
    json_log: bool = typer.Option(False, "--json-log", help="one JSON object per event on stdout"),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="no progress, no summary"),
    max_file_size: int = typer.Option(1024, "--max-file-size", help="MiB: the largest document, file or archive member"),
    max_archive_size: int = typer.Option(64, "--max-archive-size", help="GiB one archive may expand to, nested archives included"),
    max_archive_members: int = typer.Option(500_000, "--max-archive-members", help="members one archive may hold"),
    plugins: List[str] = typer.Option([], "--plugin", metavar="MODULE",
                                      help="import MODULE in every worker for its hooks (repeatable; see pipeline/plugins.py)"),
) -> None:
    """Convert many PDFs (folders, globs, zip / tar archives) into DATASET: parallel, resumable, fault-isolated.

    DATASET gets manifest.parquet (one row per input), hive-partitioned Parquet
    datasets indicators/ and documents/ (province=…/year=…), and json/ (each
    document in the FORMAT.md shape). Rerunning the same command converts only
    what is not done yet. Exit status (the same for every command): 0 all done, 1 some failed,
    2 input error, 3 the dataset cannot be written (disk full, read-only: fix it, then the same
    command resumes), 4 internal error, 130 interrupted.
    """
    # local: a command's modules load when it runs, so that `iku --help` starts fast
    from iku.pipeline.batch.inputs import GiB, MiB, Limits
    from iku.pipeline.batch.progress import Reporter
    from iku.pipeline.batch.run import BatchError, BatchOptions, OutputError, run_batch

    err = Console(stderr=True)
    workers = jobs or workers
    if executor not in ("local", "ray"):
        err.print(f"[red]error:[/] --executor must be local or ray, not {executor!r}", highlight=False)
        raise typer.Exit(EXIT_USAGE)
    if address and executor != "ray":
        err.print("[red]error:[/] --address needs --executor ray")
        raise typer.Exit(EXIT_USAGE)
    if workers < 0 or retries < 0 or timeout <= 0 or memory_limit < 0 or timeout_per_page < 0:
        err.print("[red]error:[/] --jobs, --retries and --memory-limit must be >= 0, --timeout > 0")
        raise typer.Exit(EXIT_USAGE)
    limits = Limits(max_file_bytes=max_file_size * MiB, max_archive_bytes=max_archive_size * GiB,
                    max_archive_members=max_archive_members)
    opts = BatchOptions(inputs=list(inputs), output=output, workers=workers, retries=retries, timeout=timeout,
                   timeout_per_page=timeout_per_page, memory_limit_mb=memory_limit, executor=executor, address=address, shared_inputs=shared_inputs,
                   limits=limits, plugins=tuple(plugins))
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        summary = run_batch(opts, Reporter.auto(json_log=json_log, quiet=quiet))
    except BatchError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_OUTPUT if isinstance(exc, OutputError) else EXIT_USAGE)
    finally:
        signal.signal(signal.SIGTERM, previous)
    if summary.output_error:
        err.print(f"[red]error:[/] {escape(summary.output_error)}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_OUTPUT)
    if summary.interrupted:
        err.print("interrupted: run the same command again to resume", highlight=False)
        raise typer.Exit(EXIT_INTERRUPTED)
    raise typer.Exit(EXIT_FAILED if summary.failed else 0)
