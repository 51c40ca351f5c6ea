"""Where documents are converted: a local process pool, or a Ray cluster.

Both take tasks (`submit`) and hand back finished ones (`results`); the batch
(run.py) writes every result into the dataset and the manifest itself, so the
two executors produce the same dataset and a batch started with one can be
resumed with the other. In both, each document runs in a sandbox (sandbox.py)
with a time limit and a memory limit.
"""
from __future__ import annotations

import logging
import os
import queue
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Optional, Sequence

from iku.pipeline.batch.inputs import Entry, one_line
from iku.pipeline.batch.sandbox import Sandbox, WorkerStartError
from iku.pipeline.options import Options as ExtractOptions


@dataclass(frozen=True)
class Task:
    sha256: str
    entry: Entry
    attempt: int = 1
    file: Optional[str] = None     # a path the worker reads itself...
    data: Optional[bytes] = field(default=None, repr=False)  # ...or the document's bytes
    options: Optional[ExtractOptions] = None  # the extraction options (None: the worker's defaults)

    def payload(self) -> dict:
        return {"sha256": self.sha256, "display": self.entry.display, "name": self.entry.name,
                "attempt": self.attempt, "file": self.file, "data": self.data, "options": self.options}

    def again(self) -> "Task":
        return replace(self, attempt=self.attempt + 1)


def _start_failure(exc: Exception) -> dict:
    return {"ok": False, "kind": "start", "error": str(exc)}


class LocalPool:
    """`workers` sandboxes, each driven by a thread of this process."""

    name = "local"
    sends_paths = True  # workers read plain files themselves...
    local = True        # ...and archive members from their temporary files (same machine)

    def __init__(self, workers: int, timeout: float, memory_limit_mb: int, plugins: Sequence[str] = (),
                 per_page: float = 0.0):
        self.slots = max(int(workers), 1)
        self.timeout = timeout
        self.per_page = per_page  # seconds added to the time limit per page (sandbox.py)
        self._tasks: queue.Queue = queue.Queue()
        self._done: queue.Queue = queue.Queue()
        self._sandboxes = [Sandbox(memory_limit_mb, plugins) for _ in range(self.slots)]
        self._threads = [threading.Thread(target=self._serve, args=(sb,), daemon=True, name=f"iku-worker-{i}")
                         for i, sb in enumerate(self._sandboxes)]
        for t in self._threads:
            t.start()

    def describe(self) -> str:
        return f"{self.slots} local worker{'s' if self.slots != 1 else ''}"

    def _serve(self, sandbox: Sandbox) -> None:
        while True:
            task = self._tasks.get()
            if task is None:
                return
            try:
                result = sandbox.run(task.payload(), self.timeout, self.per_page)
            except WorkerStartError as exc:
                result = _start_failure(exc)
            except Exception as exc:  # the sandbox itself failed: report, keep serving
                result = {"ok": False, "kind": "crash", "error": one_line(f"{type(exc).__name__}: {exc}")}
            self._done.put((task, result))

    def submit(self, task: Task) -> None:
        self._tasks.put(task)

    def results(self, timeout: float) -> list:
        out = []
        try:
            out.append(self._done.get(timeout=timeout))
            while True:
                out.append(self._done.get_nowait())
        except queue.Empty:
            pass
        return out

    def close(self) -> None:
        while True:  # drop what was not started
            try:
                self._tasks.get_nowait()
            except queue.Empty:
                break
        for _ in self._threads:
            self._tasks.put(None)
        for sb in self._sandboxes:
            sb.close()
        for t in self._threads:
            t.join(timeout=10)


# --------------------------------------------------------------------------- Ray

_RAY_SANDBOX: Optional[Sandbox] = None


def ray_convert(payload: dict, timeout: float, memory_limit_mb: int, plugins: tuple = (),
                per_page: float = 0.0) -> dict:
    """Runs inside a Ray worker: one document in that worker's own sandbox (kept between tasks)."""
    global _RAY_SANDBOX
    if _RAY_SANDBOX is None or _RAY_SANDBOX.plugins != tuple(plugins):
        if _RAY_SANDBOX is not None:
            _RAY_SANDBOX.close()
        _RAY_SANDBOX = Sandbox(memory_limit_mb, plugins)
    try:
        return _RAY_SANDBOX.run(payload, timeout, per_page)
    except WorkerStartError as exc:
        return _start_failure(exc)


class RayExecutor:
    """Documents as Ray tasks (one CPU each); results come back to this process, which writes them."""

    name = "ray"

    def __init__(self, workers: int, timeout: float, memory_limit_mb: int, address: Optional[str] = None,
                 shared_inputs: bool = False, plugins: Sequence[str] = (), per_page: float = 0.0):
        try:
            import ray  # local: an optional dependency (iku[ray]), needed by this executor only
        except ImportError:
            raise RuntimeError("the Ray executor needs Ray: pip install 'iku[ray]'") from None
        self.ray = ray
        self.timeout = timeout
        self.per_page = per_page
        self.memory_limit_mb = memory_limit_mb
        self.plugins = tuple(plugins)
        self.sends_paths = shared_inputs
        self._own = False
        if address:
            ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
            self._own = True
        elif not ray.is_initialized():
            ray.init(num_cpus=workers or None, include_dashboard=False, logging_level=logging.WARNING,
                     log_to_driver=False)
            self._own = True
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.slots = max(int(workers) if workers else cpus, 1)
        self._address = address or "local"
        self._remote = ray.remote(num_cpus=1, max_retries=0)(ray_convert)
        self._pending: dict = {}  # ObjectRef -> (task, submitted at)
        # A safety net for a task that Ray itself loses track of; the sandbox enforces the real limit.
        self._deadline = 3 * (timeout + per_page * 2000) + 60

    def describe(self) -> str:
        return f"Ray ({self._address}), {self.slots} tasks at a time"

    def submit(self, task: Task) -> None:
        ref = self._remote.remote(task.payload(), self.timeout, self.memory_limit_mb, self.plugins, self.per_page)
        self._pending[ref] = (task, time.monotonic())

    def results(self, timeout: float) -> list:
        ray = self.ray
        if not self._pending:
            time.sleep(timeout)
            return []
        refs = list(self._pending)
        ready, rest = ray.wait(refs, num_returns=1, timeout=timeout)
        if ready and rest:
            more, _ = ray.wait(rest, num_returns=len(rest), timeout=0)
            ready += more
        out = []
        for ref in ready:
            task, _ = self._pending.pop(ref)
            try:
                result = ray.get(ref)
            except Exception as exc:  # the Ray worker or its node died
                result = {"ok": False, "kind": "lost", "error": one_line(f"Ray task failed: {type(exc).__name__}")}
            out.append((task, result))
        now = time.monotonic()
        for ref, (task, t0) in list(self._pending.items()):
            if now - t0 > self._deadline:
                ray.cancel(ref, force=True)
                del self._pending[ref]
                out.append((task, {"ok": False, "kind": "timeout",
                                   "error": f"no answer from Ray after {self._deadline:g} s (task cancelled)"}))
        return out

    def close(self) -> None:
        for ref in list(self._pending):
            try:
                self.ray.cancel(ref, force=True)
            except Exception:
                pass
        self._pending.clear()
        if self._own:
            self.ray.shutdown()


def make_executor(kind: str, workers: int, timeout: float, memory_limit_mb: int, address: Optional[str] = None,
                  shared_inputs: bool = False, plugins: Sequence[str] = (), per_page: float = 0.0):
    if kind == "local":
        return LocalPool(workers or os.cpu_count() or 1, timeout, memory_limit_mb, plugins, per_page)
    if kind == "ray":
        return RayExecutor(workers, timeout, memory_limit_mb, address=address, shared_inputs=shared_inputs,
                           plugins=plugins, per_page=per_page)
    raise ValueError(f"unknown executor {kind!r} (local or ray)")
