"""`iku extract`: every input PDF to OUTDIR/<stem>.json, each document bounded, nothing overwritten.

Each document runs in a child process (the batch's sandbox, pipeline/batch/sandbox.py) with a
memory limit and a time limit (`timeout` seconds plus `per_page` seconds per page, so a long
decree gets the time it needs and a one-page hostile drawing does not); a document that
crashes, hangs or runs out of memory is reported in one line and the next one is converted.

Inputs are data: each is stat-checked before it is opened (a FIFO, a device, a link to nothing
or a link loop is reported, never opened), opened without blocking, hashed as a stream, and
named in messages with its control characters and non-UTF-8 bytes escaped.

Identity by content: every JSON records the input's path and SHA-256 (`extraction.input`).
Two inputs with the same stem (a/x.pdf, b/x.pdf), or an existing x.json written for another
input, never share a file: the later one is written to <stem>-<sha256[:12]>.json, with a note.

Output faults (disk full, read-only, a folder in the way) end in one line naming the path and
the reason; a fault of the whole file system (ENOSPC, EDQUOT, EROFS) stops the run with exit
status 3, and the same command, run again, redoes it. Temporary files that a killed run left
in the output folder are removed at the start, with a note.
"""
from __future__ import annotations

import errno
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from iku.pipeline.batch.inputs import EntryError, copy_bounded, one_line, open_regular, printable, storable
from iku.pipeline.batch.sandbox import Sandbox, WorkerStartError
from iku.pipeline.writers import remove_stale_temporaries, write_json

MAX_NAME_BYTES = 240  # an output file name, in bytes (file systems take 255)
# errors of the whole output file system: no later document could be written either
FATAL_WRITE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


@dataclass
class Limits:
    timeout: float = 120.0        # seconds per document...
    per_page: float = 10.0        # ...plus this many per page
    memory_mb: int = 2048         # memory of the child process, RLIMIT_DATA (0: none)
    max_file_mb: int = 1024       # the largest input


def _is_fatal(exc: OSError) -> bool:
    return exc.errno in FATAL_WRITE


def write_fault(path: Path, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason += " (free some space, then run the same command again)"
    elif exc.errno == errno.EROFS:
        reason += " (the file system is read-only)"
    elif exc.errno == errno.EISDIR:
        reason = "a folder is in the way"
    return one_line(f"cannot write {printable(str(path))}: {reason}")


def _owner(path: Path) -> Optional[dict]:
    """Who an existing output file was written for: {"path", "sha256"} (an older iku: "source_file"
    only); None when it is not an iku output at all (a folder, another program's file)."""
    try:
        if not path.is_file():
            return None
        with open_regular(str(path)) as fh:
            doc = json.loads(fh.read(64 << 20))
        ext = doc.get("extraction") or {}
        src = doc.get("document", {}).get("source_file")
        return dict(ext.get("input") or {}, source_file=src)
    except (OSError, ValueError, EntryError, AttributeError):
        return None


def output_path(output: Path, path: Path, sha: str, taken: set[str]) -> tuple[Path, Optional[str]]:
    """Where this input's JSON goes, and a note when its plain name belongs to another input."""
    plain = output / f"{path.stem}.json"
    shown = storable(str(path))
    why = None
    if len(os.fsencode(plain.name)) > MAX_NAME_BYTES:
        stem = os.fsencode(path.stem)[:MAX_NAME_BYTES - 40]
        alt = output / f"{os.fsdecode(stem)}-{sha[:12]}.json"
        taken.add(alt.name.lower())
        return alt, f"{printable(shown)} → {printable(str(alt))} (the name is too long for a file name)"
    if plain.name.lower() in taken:
        why = "another input of this run has the same name"
    elif os.path.lexists(plain):
        owner = _owner(plain)
        if owner is None:
            why = "a file that is not this input's output is in the way"
        elif owner.get("sha256"):
            if owner["sha256"] != sha and owner.get("path") != shown:
                why = "it holds another input's output"
        elif owner.get("source_file") != storable(path.name):
            why = "it holds another input's output"
    if why is None:
        taken.add(plain.name.lower())
        return plain, None
    alt = output / f"{path.stem}-{sha[:12]}.json"
    taken.add(alt.name.lower())
    return alt, (f"{printable(shown)} → {printable(str(alt))} ({printable(str(plain))}: {why})")


@dataclass
class Result:
    doc: Optional[dict] = None          # the document written (None: failed)
    target: Optional[Path] = None       # where its JSON went
    error: Optional[str] = None         # one line: "<input>: <reason>" or "cannot write <path>: <reason>"
    fatal: Optional[str] = None         # the run cannot go on: "output" (disk full, read-only) or "worker"
    note: Optional[str] = None          # a name collision resolved
    seconds: float = 0.0


class Extractor:
    """The documents of one `iku extract` run, one at a time, each in the sandboxed child."""

    def __init__(self, output: Path, options, limits: Limits = Limits()):
        self.output, self.options, self.limits = output, options, limits
        self.sandbox = Sandbox(limits.memory_mb, one_thread_each=False)
        self.taken: set[str] = set()

    def __enter__(self) -> "Extractor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.sandbox.close()

    def clean(self) -> Optional[str]:
        """Remove the temporary files a killed run left in the output folder: a note, or None."""
        removed = remove_stale_temporaries(self.output)
        if removed:
            return (f"removed {removed} temporary file{'s' if removed > 1 else ''} left by an interrupted run "
                    f"in {printable(str(self.output))}")
        return None

    def one(self, path: Path) -> Result:
        shown = printable(str(path))
        t0 = time.perf_counter()
        try:
            with open_regular(str(path)) as fh:
                sha, size = copy_bounded(fh, None, self.limits.max_file_mb << 20)
        except EntryError as exc:
            return Result(error=f"{shown}: {exc}")
        except OSError as exc:
            return Result(error=f"{shown}: cannot read: {exc.strerror or exc}")
        if size == 0:
            return Result(error=f"{shown}: empty file")
        task = {"sha256": sha, "display": shown, "name": storable(path.name), "attempt": 1, "file": str(path),
                "data": None, "options": self.options}
        try:
            result = self.sandbox.run(task, self.limits.timeout, self.limits.per_page)
        except WorkerStartError as exc:
            return Result(error=str(exc), fatal="worker")
        if not result.get("ok"):
            return Result(error=f"{shown}: {one_line(result.get('error') or 'failed')}")
        doc = json.loads(result["files"]["json"])
        doc.setdefault("extraction", {})["input"] = {"path": storable(str(path)), "sha256": sha}
        target, note = output_path(self.output, path, sha, self.taken)
        try:
            write_json(target, doc)
        except OSError as exc:
            return Result(error=write_fault(target, exc), fatal="output" if _is_fatal(exc) else None, note=note)
        return Result(doc=doc, target=target, note=note, seconds=time.perf_counter() - t0)
