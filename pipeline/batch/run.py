"""A batch: expand the inputs, skip what is done, convert the rest, record everything.

Exactly once, whatever happens: every document is identified by the SHA-256
of its bytes. Its outputs are renamed into place whole (dataset.py), and only
then is it recorded as done in the manifest's log (manifest.py). A run that
starts reconciles the two: outputs of a document not recorded as done are
deleted, a document recorded as done whose outputs are missing is converted
again. So a batch killed at any moment and run again ends with each document
once in the dataset, and a rerun skips what is done: a renamed file (same
bytes) is not converted again, a changed file is, and the outputs of its old
content leave the dataset.

Inputs with the same bytes are converted once; each keeps its manifest row.
"""
from __future__ import annotations

import errno
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from iku.pipeline import __version__
from iku.pipeline.batch.dataset import Dataset, DatasetError
from iku.pipeline.batch.executors import Task, make_executor
from iku.pipeline.batch.inputs import Entry, EntryError, InputsError, Limits, Reader, expand, one_line, printable
from iku.pipeline.batch.manifest import Manifest
from iku.pipeline.exitcodes import nothing_found
from iku.pipeline.options import Options as ExtractOptions
from iku.pipeline.batch.progress import Reporter, Summary

# Failures worth another attempt: the process, the machine or the cluster, not the document's content.
RETRYABLE = frozenset({"crash", "timeout", "memory", "lost", "changed", "io"})


class BatchError(Exception):
    """The batch cannot run at all (the one-line reason)."""


class OutputError(BatchError):
    """The dataset folder cannot be created or written (read-only, a file in the way, disk full):
    the one-line reason names the path. What was written is consistent: the same command resumes."""


def output_fault(exc: OSError, path=None) -> str:
    """One line naming the path and the reason of a failed write."""
    where = path or exc.filename or "the dataset"
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason += " (free some space, then run the same command again)"
    elif exc.errno == errno.EROFS:
        reason += " (the file system is read-only)"
    return one_line(f"cannot write {printable(str(where))}: {reason}")


def _one_document_a_worker() -> ExtractOptions:
    # a batch runs documents in parallel, one per worker process: each worker reads its
    # scanned pages itself rather than starting an OCR pool of its own
    return ExtractOptions.from_env().with_(**{"ocr.workers": 1})


@dataclass
class BatchOptions:
    inputs: list[str]
    output: Path
    workers: int = 0                 # 0: the number of cores (local) or the cluster's CPUs (Ray)
    retries: int = 1
    timeout: float = 600.0           # seconds per document...
    timeout_per_page: float = 0.0    # ...plus this many per page (counted by the worker)
    memory_limit_mb: int = 2048      # memory per worker process (RLIMIT_DATA); 0: none
    executor: str = "local"          # local / ray
    address: Optional[str] = None    # Ray: "auto", "ray://HOST:PORT"; None: a local Ray instance
    shared_inputs: bool = False      # Ray: input paths are readable on every node
    limits: Limits = field(default_factory=Limits)
    plugins: tuple[str, ...] = ()    # module names every worker imports for its hooks (pipeline/plugins.py)
    extraction: ExtractOptions = field(default_factory=_one_document_a_worker)  # handed to every document


def _row(entry: Entry, sha: Optional[str], status: str, **fields) -> dict:
    return {"sha256": sha, "path": entry.path, "archive": entry.archive, "status": status,
            "size": entry.size, "version": __version__, **fields}


class Batch:
    def __init__(self, opts: BatchOptions, reporter: Reporter):
        self.opts = opts
        self.reporter = reporter
        self.dataset = Dataset(Path(opts.output))
        self.manifest = Manifest(Path(opts.output))
        self.reader = Reader(opts.limits)
        self.done: dict[str, dict] = {}              # sha256 -> a done manifest row
        self.waiting: dict[str, list[Entry]] = {}    # sha256 in flight -> its entries (duplicates after the first)
        self.spooled: dict[str, str] = {}            # sha256 in flight -> its archive member's temporary file
        self.executor = None

    # ---------------------------------------------------------------- the run
    def run(self) -> Summary:
        try:
            entries = expand(self.opts.inputs, self.opts.limits)
        except InputsError as exc:
            raise BatchError(str(exc)) from exc
        if not entries:
            raise BatchError(nothing_found(map(printable, self.opts.inputs)))  # the same line as `iku extract`
        try:
            cleaned = self.dataset.open()
        except DatasetError as exc:
            raise BatchError(str(exc)) from exc
        except OSError as exc:
            raise OutputError(output_fault(exc)) from exc
        for line in cleaned:
            self.reporter.note(line)
        try:
            self._prepare()
            try:
                self.executor = make_executor(self.opts.executor, self.opts.workers, self.opts.timeout,
                                              self.opts.memory_limit_mb, self.opts.address, self.opts.shared_inputs,
                                              tuple(self.opts.plugins), self.opts.timeout_per_page)
            except (RuntimeError, ValueError, ConnectionError) as exc:
                raise BatchError(f"cannot start the {self.opts.executor} executor: {exc}") from exc
            self.reporter.start(len(entries), self.executor.describe(), printable(str(self.opts.output)))
            self._loop(entries)
        except KeyboardInterrupt:
            self.reporter.summary.interrupted = True
        except OSError as exc:  # the dataset cannot be written: stop, resumable
            self.reporter.summary.output_error = output_fault(exc)
        finally:
            self.reporter.stop()
            try:
                self._finish()
            except OSError as exc:
                self.reporter.summary.output_error = self.reporter.summary.output_error or output_fault(exc)
                self.dataset.close()
        return self.reporter.finish()

    def _prepare(self) -> None:
        """Fold what earlier runs left, and make the dataset's files agree with the manifest."""
        self.manifest.load()
        done = self.manifest.done_rows()
        complete = self.dataset.reconcile(set(done))
        for row in list(self.manifest.rows.values()):
            if row["status"] == "done" and row.get("sha256") not in complete:
                self.manifest.record({**row, "status": "failed", "error_kind": "missing",
                                      "error": "its outputs were missing from the dataset: to be converted again"})
        self.manifest.fold()
        self.done = self.manifest.done_rows()
        self.manifest.open_log()

    def _finish(self) -> None:
        if self.executor is not None:
            self.executor.close()
        self.reader.close()
        self.spooled.clear()
        shutil.rmtree(self.dataset.spool, ignore_errors=True)
        self.manifest.fold()
        # the outputs of documents no input refers to any more (a changed file's old content)
        self.dataset.reconcile(set(self.manifest.done_rows()))
        self.dataset.close()

    def _loop(self, entries: list[Entry]) -> None:
        pending = iter(entries)
        exhausted = False
        window = 2 * self.executor.slots  # tasks in flight: every worker busy, one more queued for each
        while True:
            while not exhausted and len(self.waiting) < window:
                entry = next(pending, None)
                if entry is None:
                    exhausted = True
                else:
                    self._feed(entry)
            if exhausted and not self.waiting:
                return
            for task, result in self.executor.results(timeout=0.2):
                self._handle(task, result)
            self.reporter.tick()

    # ---------------------------------------------------------------- one input in
    def _feed(self, entry: Entry) -> None:
        if entry.note:
            self.reporter.note(entry.note)
        if entry.error:
            return self._failed([entry], None, "refused", entry.error)
        try:  # hashed as a stream; an archive member streamed into a temporary file (never whole in memory)
            sha, size, file, temporary = self.reader.spool(entry, self.dataset.spool)
        except EntryError as exc:
            return self._failed([entry], None, "input", str(exc))
        entry = replace(entry, size=size, error=None, note=None)
        if temporary and (sha in self.done or sha in self.waiting):
            os.unlink(file)
        if sha in self.done:
            row = self.manifest.get(entry.archive, entry.path)
            if row is None or row.get("sha256") != sha or row["status"] != "done":
                first = self.done[sha]
                self.manifest.record(_row(entry, sha, "done", pages=first.get("pages"), method=first.get("method"),
                                          indicators=first.get("indicators"), seconds=0.0,
                                          attempts=0, version=first.get("version"), verdict=first.get("verdict"),
                                          verdict_reasons=first.get("verdict_reasons")))
            return self.reporter.skipped(entry, sha, "already in the dataset")
        if sha in self.waiting:
            self.waiting[sha].append(entry)  # same bytes as a document in flight: recorded with it
            return
        self.waiting[sha] = [entry]
        if temporary:
            self.spooled[sha] = file
        # local workers read the file (a member: its temporary file); remote ones a shared input's path
        if getattr(self.executor, "local", False) or (self.executor.sends_paths and not temporary):
            task = Task(sha, entry, file=file, options=self.opts.extraction)
        else:  # a remote worker that cannot read the path: the bytes travel with the task
            with open(file, "rb") as fh:
                task = Task(sha, entry, data=fh.read(), options=self.opts.extraction)
        self.executor.submit(task)

    # ---------------------------------------------------------------- one result out
    def _handle(self, task: Task, result: dict) -> None:
        if result.get("kind") == "start":
            raise BatchError(result["error"])
        if not result.get("ok") and result.get("kind") in RETRYABLE and task.attempt <= self.opts.retries:
            self.reporter.retry(task.entry, task.sha256, result["error"], task.attempt + 1)
            self.executor.submit(task.again())
            return
        entries = self.waiting.pop(task.sha256)
        spooled = self.spooled.pop(task.sha256, None)
        if spooled:
            try:
                os.unlink(spooled)
            except OSError:
                pass
        if not result.get("ok"):
            return self._failed(entries, task.sha256, result.get("kind") or "error", result["error"],
                                attempts=task.attempt)
        self.dataset.write(task.sha256, result)  # outputs first, then the record
        for i, entry in enumerate(entries):
            row = _row(entry, task.sha256, "done", pages=result.get("pages"), method=result.get("method"),
                       indicators=result.get("indicators"), seconds=result.get("seconds") if i == 0 else 0.0,
                       attempts=task.attempt if i == 0 else 0, version=result.get("version") or __version__,
                       verdict=result.get("verdict"), verdict_reasons=result.get("verdict_reasons"))
            self.manifest.record(row)
            if i == 0:
                self.done[task.sha256] = row
                self.reporter.done(entry, task.sha256, result)
            else:
                self.reporter.skipped(entry, task.sha256, f"same content as {entries[0].display}")

    def _failed(self, entries: list[Entry], sha: Optional[str], kind: str, reason: str, attempts: int = 0) -> None:
        for entry in entries:
            self.manifest.record(_row(entry, sha, "failed", error=reason, error_kind=kind, attempts=attempts))
            self.reporter.failed(entry, sha, reason, kind)


def run_batch(opts: BatchOptions, reporter: Optional[Reporter] = None) -> Summary:
    """Run one batch; returns its summary. Raises BatchError when it cannot run at all."""
    return Batch(opts, reporter or Reporter("quiet")).run()
