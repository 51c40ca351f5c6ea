"""The dataset a batch writes: its layout, its versioned schema, and atomic per-document writes.

    DATASET/
      _dataset.json                       format, schema version, columns, partitioning
      manifest.parquet                    one row per input (manifest.py)
      indicators/province=P/year=Y/part-<sha256>.parquet
      documents/province=P/year=Y/part-<sha256>.parquet
      targets/province=P/year=Y/part-<sha256>.parquet     typed targets, one row per record × value
      json/<sha256[:2]>/<sha256>.json     the FORMAT.md document
      .lock, .spool/                      while a batch runs: its lock, archive members being converted

Every document's outputs are named by the SHA-256 of its bytes and rendered
deterministically, so writing a document again writes the same bytes to the
same names. Each file is written to a hidden temporary name and renamed into
place; the manifest records the document as done only after all of them exist.
`reconcile` makes the files agree with the manifest when a run starts and
ends: a document not recorded as done (its run was killed between the writes
and the record, or its input has changed since) has its files removed, and a
leftover temporary file is deleted.

Partitions: `province` is the document's province ("unknown" when it states
none) and `year` its first period year, else its decree year ("unknown"). They
live in the folder names only (hive style), not inside the files.
"""
from __future__ import annotations

import fcntl
import io
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import pyarrow as pa
import pyarrow.parquet as pq

from iku.pipeline import __version__
from iku.pipeline.writers import (DOCUMENTS_SCHEMA, INDICATORS_SCHEMA, TARGETS_SCHEMA, atomic_write_bytes,
                              document_row, indicator_rows, target_rows)

# 2: the `targets` table (typed baselines and targets) beside indicators and documents; the records'
#    `field_confidence`, the documents' `verdict` and `verdict_reasons`
DATASET_SCHEMA_VERSION = 2
PARTITIONING = ("province", "year")
UNKNOWN = "unknown"
HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"  # hive's null partition value: pyarrow, duckdb and spark read it as null

_META = {"iku_dataset_schema_version": str(DATASET_SCHEMA_VERSION), "iku_partitioning": ",".join(PARTITIONING)}
_SHA = pa.field("document_sha256", pa.string(), nullable=False)

INDICATORS = pa.schema([_SHA] + list(INDICATORS_SCHEMA), metadata=_META)
DOCUMENTS = pa.schema([_SHA] + [f for f in DOCUMENTS_SCHEMA if f.name not in PARTITIONING], metadata=_META)
TARGETS = pa.schema([_SHA] + list(TARGETS_SCHEMA), metadata=_META)
TABLES = {"indicators": INDICATORS, "documents": DOCUMENTS, "targets": TARGETS}

_PART = re.compile(r"^part-([0-9a-f]{64})\.parquet$")
_JSON = re.compile(r"^([0-9a-f]{64})\.json$")


class DatasetError(Exception):
    """A dataset folder that cannot be used (the one-line reason)."""


# --------------------------------------------------------------------------- rendering (runs in the worker)

def partition_values(doc: dict) -> tuple[str, str]:
    """(province, year) folder values of one document. An unknown year is hive's null
    (`__HIVE_DEFAULT_PARTITION__`), so that `year` reads as an integer column in every dataset."""
    meta = doc.get("document", {})
    province = re.sub(r"[^\w .'()-]", "_", str(meta.get("province") or "")).strip() or UNKNOWN
    year = meta.get("period_start")
    if not isinstance(year, int):
        m = re.match(r"(\d{4})", str(meta.get("decree_date") or ""))
        year = int(m.group(1)) if m else None
    return province, (str(year) if year else HIVE_NULL)


def _parquet(rows: list[dict], schema: pa.Schema) -> bytes:
    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), buf, compression="zstd")
    return buf.getvalue()


def json_bytes(doc: dict) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render(doc: dict, sha256: str) -> dict:
    """The bytes of one document's outputs and its partition (deterministic)."""
    province, year = partition_values(doc)
    ind = [{"document_sha256": sha256, **r} for r in indicator_rows(doc)]
    docrow = {"document_sha256": sha256, **document_row(doc)}
    tgt = [{"document_sha256": sha256, **r} for r in target_rows(doc)]
    files = {"json": json_bytes(doc), "indicators": _parquet(ind, INDICATORS),
             "documents": _parquet([docrow], DOCUMENTS), "targets": _parquet(tgt, TARGETS)}
    return {"files": files, "province": province, "year": year}


# --------------------------------------------------------------------------- the folder

def describe() -> dict:
    """The contents of _dataset.json: what a reader needs to know about the layout."""
    return {
        "format": "iku batch dataset",
        "schema_version": DATASET_SCHEMA_VERSION,
        "partitioning": list(PARTITIONING),
        "partition_values": {"province": "the document's province, 'unknown' when it states none",
                             "year": "period_start, else the decree year, else __HIVE_DEFAULT_PARTITION__ (null)"},
        "tables": {name: {f.name: str(f.type) for f in schema} for name, schema in TABLES.items()},
        "json": "json/<sha256[:2]>/<sha256>.json, the FORMAT.md document",
        "manifest": "manifest.parquet, one row per input",
        "created_by": f"iku {__version__}",
    }


SPOOL = ".spool"  # archive members streamed to disk while their documents are converted


def _leftover(name: str) -> bool:
    """A file an iku run leaves only when it is killed: a temporary file, the spool, the lock."""
    return (name.startswith(".") and name.endswith(".tmp")) or name in (SPOOL, ".lock")


@dataclass
class Dataset:
    root: Path
    _lock_fd: Optional[int] = None

    @property
    def spool(self) -> Path:
        return self.root / SPOOL

    def open(self) -> list[str]:
        """Create or check the folder, and lock it against a second concurrent batch.

        The lock comes first, then _dataset.json is written whole (renamed into place): a run
        killed at any instant, the very first included, leaves a folder the same command
        resumes. What a killed run left (temporary files, the member spool) is removed here;
        returns one line per kind of leftover removed."""
        root = self.root
        info = root / "_dataset.json"
        if root.exists() and not root.is_dir():
            raise DatasetError(f"{root} is a file, not a dataset folder")
        if not info.is_file() and root.is_dir() and any(not _leftover(n) for n in os.listdir(root)):
            raise DatasetError(f"{root} is not empty and not an iku dataset (no _dataset.json): "
                               "use a new or empty folder")
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DatasetError(f"{root} is in use by another iku batch") from None
        self._lock_fd = fd
        try:
            if info.is_file():
                try:
                    version = json.loads(info.read_text("utf-8")).get("schema_version")
                except (ValueError, OSError) as exc:
                    raise DatasetError(f"{info}: unreadable ({exc})") from exc
                if version != DATASET_SCHEMA_VERSION:
                    raise DatasetError(f"{root} has dataset schema version {version}; this iku writes version "
                                       f"{DATASET_SCHEMA_VERSION}: convert into a new folder")
            cleaned = self._clean_leftovers()
            if not info.is_file():
                atomic_write_bytes(info, (json.dumps(describe(), indent=2) + "\n").encode("utf-8"))
        except BaseException:
            self.close()
            raise
        return cleaned

    def _clean_leftovers(self) -> list[str]:
        """Delete what a killed run left behind (we hold the lock: no other run is alive)."""
        lines = []
        temps = [self.root / n for n in os.listdir(self.root) if n.startswith(".") and n.endswith(".tmp")]
        for top in ("json",) + tuple(TABLES):
            base = self.root / top
            if base.is_dir():
                temps += [Path(d) / n for d, _, names in os.walk(base) for n in names
                          if n.startswith(".") and n.endswith(".tmp")]
        for t in temps:
            t.unlink(missing_ok=True)
        if temps:
            lines.append(f"removed {len(temps)} temporary file{'s' if len(temps) > 1 else ''} "
                         f"left by an interrupted run in {self.root}")
        if self.spool.exists():
            shutil.rmtree(self.spool, ignore_errors=True)
            lines.append(f"removed the archive-member spool left by an interrupted run in {self.root}")
        return lines

    def close(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the lock
            self._lock_fd = None

    def part_path(self, table: str, sha256: str, province: str, year: str) -> Path:
        return self.root / table / f"province={province}" / f"year={year}" / f"part-{sha256}.parquet"

    def json_path(self, sha256: str) -> Path:
        return self.root / "json" / sha256[:2] / f"{sha256}.json"

    def write(self, sha256: str, out: dict) -> None:
        """One document's outputs, each renamed into place whole."""
        atomic_write_bytes(self.json_path(sha256), out["files"]["json"])
        for table in TABLES:
            atomic_write_bytes(self.part_path(table, sha256, out["province"], out["year"]), out["files"][table])

    def files(self) -> dict[str, list[Path]]:
        """Every output file by document SHA-256; deletes leftover temporary files on the way."""
        found: dict[str, list[Path]] = {}
        for name in os.listdir(self.root):  # a manifest or _dataset.json cut by a kill
            if name.startswith(".") and name.endswith(".tmp"):
                (self.root / name).unlink(missing_ok=True)
        for top in ("json",) + tuple(TABLES):
            base = self.root / top
            if not base.is_dir():
                continue
            for dirpath, _, names in os.walk(base):
                for name in names:
                    path = Path(dirpath) / name
                    if name.startswith(".") and name.endswith(".tmp"):
                        path.unlink(missing_ok=True)
                        continue
                    m = (_JSON if top == "json" else _PART).match(name)
                    if m:
                        found.setdefault(m.group(1), []).append(path)
        return found

    def _complete(self, paths: list[Path]) -> bool:
        tops = [p.relative_to(self.root).parts for p in paths]
        if sorted(t[0] for t in tops) != sorted(("json",) + tuple(TABLES)):
            return False
        parts = {t[0]: t[1:-1] for t in tops}
        return all(parts[table] == parts["documents"] for table in TABLES)

    def reconcile(self, done: set[str]) -> set[str]:
        """Keep the outputs of documents recorded as done and complete, delete all others.

        Returns the documents whose outputs are complete (a done document
        missing from it must be converted again)."""
        complete = set()
        for sha, paths in self.files().items():
            if sha in done and self._complete(paths):
                complete.add(sha)
            else:
                for p in paths:
                    p.unlink(missing_ok=True)
        self._prune_empty_dirs()
        return complete

    def _prune_empty_dirs(self) -> None:
        for top in ("json",) + tuple(TABLES):
            base = self.root / top
            if not base.is_dir():
                continue
            for dirpath, dirnames, filenames in os.walk(base, topdown=False):
                if dirpath != str(base) and not os.listdir(dirpath):
                    os.rmdir(dirpath)
