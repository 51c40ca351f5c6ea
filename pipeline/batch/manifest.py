"""DATASET/manifest.parquet: one row per input, whatever became of it.

A run appends one JSON line per finished input to its own log
(`_manifest/<run>.jsonl`), after that document's outputs are in place. The
log is folded into manifest.parquet (rewritten to a temporary name, then
renamed) when a run starts and when it ends, so a run killed at any moment
leaves at worst a log whose last line is cut, which the next fold ignores.
manifest.parquet names in its metadata the logs it has folded, so a log that
survived a kill between the rename and its deletion is not applied twice.

Rows are keyed by (archive, path): an input seen again replaces its row.
"""
from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path
from typing import Optional

import pyarrow as pa
import pyarrow.parquet as pq

from iku.pipeline.writers import atomic_write_bytes

MANIFEST_VERSION = 1

SCHEMA = pa.schema(
    [pa.field("sha256", pa.string()),           # of the input's bytes; null when it could not be read
     pa.field("path", pa.string(), nullable=False),  # the file, or the member's path inside its archive
     pa.field("archive", pa.string()),          # the archive holding it ("a.zip", nested "a.zip!b.tar"); null: a file
     pa.field("status", pa.string(), nullable=False),  # done / failed
     pa.field("error", pa.string()),            # one-line reason (failed)
     pa.field("error_kind", pa.string()),       # input / refused / crash / timeout / memory / lost / changed / error
     pa.field("pages", pa.int32()),
     pa.field("method", pa.string()),           # text / ocr / mixed
     pa.field("indicators", pa.int32()),
     pa.field("verdict", pa.string()),          # ok / review / failed (the document's extraction.verdict)
     pa.field("verdict_reasons", pa.list_(pa.string())),
     pa.field("seconds", pa.float64()),         # conversion time (0 for an input whose content was already done)
     pa.field("attempts", pa.int32()),
     pa.field("size", pa.int64()),
     pa.field("version", pa.string())],         # iku version that produced the row
    metadata={"iku_manifest_version": str(MANIFEST_VERSION)})

COLUMNS = tuple(SCHEMA.names)


def _key(row: dict) -> tuple[str, str]:
    return (row.get("archive") or "", row["path"])


class Manifest:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.path = self.root / "manifest.parquet"
        self.logdir = self.root / "_manifest"
        self.rows: dict[tuple[str, str], dict] = {}
        self._folded: list[str] = []
        self._log_fd: Optional[int] = None
        self._log_name: Optional[str] = None

    # ---------------------------------------------------------------- reading and folding
    def load(self) -> None:
        """manifest.parquet plus every log it has not folded yet."""
        self.rows, self._folded = {}, []
        if self.path.is_file():
            table = pq.read_table(self.path)
            meta = table.schema.metadata or {}
            self._folded = json.loads(meta.get(b"iku_folded_logs", b"[]"))
            for row in table.to_pylist():
                self.rows[_key(row)] = row
        for log in self._logs():
            if log.name in self._folded:
                continue
            for line in log.read_bytes().splitlines():
                try:
                    row = json.loads(line)
                except ValueError:
                    continue  # a line cut by a kill
                if isinstance(row, dict) and row.get("path") and row.get("status"):
                    self.rows[_key(row)] = {c: row.get(c) for c in COLUMNS}

    def _logs(self) -> list[Path]:
        return sorted(self.logdir.glob("*.jsonl")) if self.logdir.is_dir() else []

    def fold(self) -> None:
        """Write manifest.parquet from the rows in memory and the logs, then drop the logs.

        Call after load(); the log this run writes is folded too (and closed)."""
        self.close_log()
        logs = self._logs()
        rows = [self.rows[k] for k in sorted(self.rows)]
        schema = SCHEMA.with_metadata({**SCHEMA.metadata,
                                       b"iku_folded_logs": json.dumps([p.name for p in logs]).encode()})
        buf = io.BytesIO()
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), buf, compression="zstd")
        atomic_write_bytes(self.path, buf.getvalue())
        for log in logs:
            log.unlink(missing_ok=True)
        self._folded = [p.name for p in logs]

    # ---------------------------------------------------------------- queries
    def done_rows(self) -> dict[str, dict]:
        """A done row for every document SHA-256 recorded as done."""
        out: dict[str, dict] = {}
        for k in sorted(self.rows):
            row = self.rows[k]
            if row["status"] == "done" and row.get("sha256"):
                out.setdefault(row["sha256"], row)
        return out

    def get(self, archive: Optional[str], path: str) -> Optional[dict]:
        return self.rows.get((archive or "", path))

    # ---------------------------------------------------------------- writing
    def open_log(self) -> None:
        self.logdir.mkdir(parents=True, exist_ok=True)
        self._log_name = f"{time.time_ns():020d}-{os.getpid()}.jsonl"
        self._log_fd = os.open(self.logdir / self._log_name, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def record(self, row: dict) -> None:
        """Add or replace an input's row: in memory, and as one line of this run's log."""
        row = {c: row.get(c) for c in COLUMNS}
        self.rows[_key(row)] = row
        if self._log_fd is not None:
            line = (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")
            try:
                os.write(self._log_fd, line)  # one write: a kill leaves a whole line or a cut last line
            except OSError as exc:  # disk full: the message names the log, not a file descriptor
                raise OSError(exc.errno, exc.strerror, str(self.logdir / self._log_name)) from exc

    def close_log(self) -> None:
        if self._log_fd is not None:
            os.close(self._log_fd)
            self._log_fd = None
