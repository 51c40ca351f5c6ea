"""What a batch shows while it runs, and its final summary.

- on a terminal: a rich progress bar (documents, failures, pages/s, ETA), failures printed above it;
- not on a terminal: one plain line per document on stderr;
- `--json-log`: one JSON object per event on stdout (start, done, skipped, failed, retry, summary);
- at the end (except with --json-log or --quiet): a summary table, failures grouped by reason.
"""
from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from iku.pipeline.batch.inputs import Entry

SHOW_FAILED = 20


def _reason_kind(reason: str) -> str:
    """A verdict reason without its document's figures ("… 3 of 12 below 0.9" → "… N of N below N"),
    so that documents with the same reason count together."""
    return re.sub(r"\d+(?:[.,-]\d+)*", "N", reason)


@dataclass
class Summary:
    total: int = 0
    converted: int = 0
    skipped: int = 0
    failed: int = 0
    retried: int = 0
    pages: int = 0
    started: float = field(default_factory=time.perf_counter)
    finished: Optional[float] = None
    failures: list = field(default_factory=list)  # (display, reason)
    executor: str = ""
    interrupted: bool = False
    output_error: Optional[str] = None  # the dataset could not be written: the batch stopped (one line)
    verdicts: Counter = field(default_factory=Counter)  # converted documents by verdict (ok / review / failed)
    verdict_reasons: Counter = field(default_factory=Counter)  # why documents need review (reason, numbers dropped)

    @property
    def finished_count(self) -> int:
        return self.converted + self.skipped + self.failed

    @property
    def elapsed(self) -> float:
        return (self.finished or time.perf_counter()) - self.started

    def per_minute(self, n: float) -> float:
        return 60.0 * n / self.elapsed if self.elapsed > 0 else 0.0

    def to_dict(self) -> dict:
        return {"total": self.total, "converted": self.converted, "skipped": self.skipped, "failed": self.failed,
                "retried": self.retried, "pages": self.pages, "seconds": round(self.elapsed, 3),
                "documents_per_min": round(self.per_minute(self.converted), 1),
                "pages_per_min": round(self.per_minute(self.pages), 1),
                "failures_by_reason": dict(Counter(r for _, r in self.failures).most_common()),
                "interrupted": self.interrupted, "output_error": self.output_error,
                "verdicts": dict(self.verdicts), "review_reasons": dict(self.verdict_reasons.most_common())}


class Reporter:
    """mode: 'rich', 'plain', 'json' or 'quiet'."""

    def __init__(self, mode: str, console: Optional[Console] = None, out=None):
        self.mode = mode
        self.console = console or Console(stderr=True)
        self.out = out or sys.stdout
        self.summary = Summary()
        self._progress = None
        self._task = None

    @classmethod
    def auto(cls, json_log: bool = False, quiet: bool = False) -> "Reporter":
        console = Console(stderr=True)
        if json_log:
            return cls("json", console)
        if quiet:
            return cls("quiet", console)
        return cls("rich" if console.is_terminal else "plain", console)

    # ---------------------------------------------------------------- output helpers
    def _json(self, event: str, **fields) -> None:
        self.out.write(json.dumps({"event": event, **fields}, ensure_ascii=False) + "\n")
        self.out.flush()

    def _line(self, text: str) -> None:
        if self.mode == "rich" and self._progress is not None:
            self._progress.console.print(text, highlight=False, markup=False, soft_wrap=True)
        elif self.mode in ("plain", "rich"):
            sys.stderr.write(text + "\n")
            sys.stderr.flush()

    def _where(self) -> str:
        s = self.summary
        return f"[{s.finished_count}/{s.total}]"

    @staticmethod
    def _ids(entry: Entry, sha: Optional[str]) -> dict:
        return {"path": entry.path, "archive": entry.archive, "sha256": sha}

    # ---------------------------------------------------------------- events
    def start(self, total: int, executor: str, output: str) -> None:
        s = self.summary
        s.total, s.executor, s.started = total, executor, time.perf_counter()
        if self.mode == "json":
            self._json("start", total=total, executor=executor, output=output)
        elif self.mode == "plain":
            self._line(f"iku batch: {total} inputs → {output} ({executor})")
        elif self.mode == "rich":
            self._progress = Progress(
                TextColumn("[bold]iku batch"), BarColumn(), MofNCompleteColumn(), TextColumn("docs"),
                TextColumn("[red]{task.fields[failed]} failed"), TextColumn("{task.fields[rate]} pages/s"),
                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=self.console)
            self._progress.start()
            self._task = self._progress.add_task("batch", total=total, failed=0, rate="0.0")

    def _advance(self) -> None:
        if self._progress is not None:
            s = self.summary
            rate = s.pages / s.elapsed if s.elapsed > 0 else 0.0
            self._progress.update(self._task, completed=s.finished_count, failed=s.failed, rate=f"{rate:.1f}")

    def done(self, entry: Entry, sha: str, result: dict) -> None:
        s = self.summary
        s.converted += 1
        s.pages += result.get("pages") or 0
        if result.get("verdict"):
            s.verdicts[result["verdict"]] += 1
            for reason in result.get("verdict_reasons") or []:
                s.verdict_reasons[_reason_kind(reason)] += 1
        if self.mode == "json":
            self._json("done", **self._ids(entry, sha), pages=result.get("pages"), method=result.get("method"),
                       indicators=result.get("indicators"), seconds=result.get("seconds"),
                       verdict=result.get("verdict"), verdict_reasons=result.get("verdict_reasons") or [])
        elif self.mode == "plain":
            verdict = f", {result['verdict']}" if result.get("verdict") and result["verdict"] != "ok" else ""
            self._line(f"{self._where()} done {entry.display} ({result.get('pages')} pages, "
                       f"{result.get('indicators')} indicators, {result.get('seconds', 0):.2f}s{verdict})")
        self._advance()

    def skipped(self, entry: Entry, sha: str, why: str) -> None:
        self.summary.skipped += 1
        if self.mode == "json":
            self._json("skipped", **self._ids(entry, sha), reason=why)
        elif self.mode == "plain":
            self._line(f"{self._where()} skipped {entry.display} ({why})")
        self._advance()

    def failed(self, entry: Entry, sha: Optional[str], reason: str, kind: str) -> None:
        s = self.summary
        s.failed += 1
        s.failures.append((entry.display, reason))
        if self.mode == "json":
            self._json("failed", **self._ids(entry, sha), error=reason, error_kind=kind)
        else:
            self._line(f"{self._where()} failed {entry.display}: {reason}")
        self._advance()

    def retry(self, entry: Entry, sha: str, reason: str, attempt: int) -> None:
        self.summary.retried += 1
        if self.mode == "json":
            self._json("retry", **self._ids(entry, sha), error=reason, attempt=attempt)
        else:
            self._line(f"{self._where()} retrying {entry.display} (attempt {attempt}): {reason}")

    def note(self, text: str) -> None:
        """Something the user should know that is not a document's fate (a leftover removed, a
        name collision resolved): one line."""
        if self.mode == "json":
            self._json("note", message=text)
        else:
            self._line(f"note: {text}")

    def tick(self) -> None:
        self._advance()

    # ---------------------------------------------------------------- the end
    def stop(self) -> None:
        """Take the progress bar off the screen (idempotent)."""
        if self.summary.finished is None:
            self.summary.finished = time.perf_counter()
        if self._progress is not None:
            self._advance()
            self._progress.stop()
            self._progress = None

    def finish(self) -> Summary:
        s = self.summary
        self.stop()
        if self.mode == "json":
            self._json("summary", **s.to_dict())
        elif self.mode in ("rich", "plain"):
            self.print_summary()
        return s

    def print_summary(self) -> None:
        s = self.summary
        table = Table(title="iku batch" + (" (interrupted: rerun to resume)" if s.interrupted else ""),
                      show_header=True, header_style="bold")
        table.add_column("status")
        table.add_column("documents", justify="right")
        table.add_column("note")
        table.add_row("done", str(s.converted), f"{s.pages} pages, {s.per_minute(s.converted):.1f} docs/min, "
                      f"{s.per_minute(s.pages):.1f} pages/min")
        table.add_row("skipped", str(s.skipped), "already in the dataset, or the same bytes as another input")
        table.add_row("failed", str(s.failed), f"{s.retried} retries" if s.retried else "")
        table.add_row("total", str(s.total), Text(f"{s.elapsed:.1f} s, {s.executor}"))
        self.console.print(table)
        if s.verdicts:
            need = s.verdicts.get("review", 0) + s.verdicts.get("failed", 0)
            self.console.print(f"verdicts: {s.verdicts.get('ok', 0)} ok, {s.verdicts.get('review', 0)} review, "
                               f"{s.verdicts.get('failed', 0)} failed ({need} to look at: manifest.parquet, "
                               f"column verdict)", highlight=False, markup=False)
            for reason, n in s.verdict_reasons.most_common(8):
                self.console.print(f"  {n:>5}  {reason}", highlight=False, markup=False, soft_wrap=True)
        if s.failures:
            reasons = Table(title="failures by reason", show_header=True, header_style="bold")
            reasons.add_column("documents", justify="right")
            reasons.add_column("reason")
            for reason, n in Counter(r for _, r in s.failures).most_common(10):
                reasons.add_row(str(n), Text(reason))
            self.console.print(reasons)
            for display, reason in s.failures[:SHOW_FAILED]:
                self.console.print(f"  {display}: {reason}", highlight=False, markup=False, soft_wrap=True)
            if len(s.failures) > SHOW_FAILED:
                self.console.print(f"  … and {len(s.failures) - SHOW_FAILED} more (manifest.parquet has them all)")
