"""One isolated worker: a child process (worker.py) that converts documents one at a time.

The child has a memory limit (RLIMIT_DATA) and each document a time limit. A
child that crashes (segfault, abort, killed by the kernel) or overruns its
time limit is reported as that document's failure, with a one-line reason,
and replaced by a fresh child before the next document: a bad document never
takes the batch down with it. Used by the local pool (one sandbox per worker
thread) and inside every Ray worker.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from typing import Optional, Sequence

from iku.pipeline.batch.inputs import one_line
from iku.pipeline.batch.worker import recv, send

START_TIMEOUT = 120.0
# The batch runs documents in parallel, one core each: libraries' thread pools and the OCR
# path's page pool get one worker unless the environment says otherwise.
_ONE_EACH = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}


class WorkerStartError(Exception):
    """The worker process could not start (a broken installation, not a bad document)."""


def _signal_name(sig: int) -> str:
    try:
        return signal.Signals(sig).name
    except ValueError:
        return f"signal {sig}"


class Sandbox:
    def __init__(self, memory_limit_mb: int = 0, plugins: Sequence[str] = (), one_thread_each: bool = True):
        self.memory_limit = max(int(memory_limit_mb), 0) << 20
        self.plugins = tuple(plugins)  # module names the child imports (pipeline/plugins.py)
        self.one_thread_each = one_thread_each  # False: the only child running (iku extract), threads as usual
        self.proc: Optional[subprocess.Popen] = None
        self._err = None

    # ---------------------------------------------------------------- the child
    def start(self) -> None:
        self.close()
        self._err = tempfile.TemporaryFile(prefix="iku-worker-stderr-")
        env = {**_ONE_EACH, **os.environ} if self.one_thread_each else dict(os.environ)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "iku.pipeline.batch.worker", str(self.memory_limit), str(os.getpid()), *self.plugins],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._err, env=env, close_fds=True,
            start_new_session=True)  # a Ctrl-C in the terminal goes to the batch, which stops its workers
        try:
            msg = recv(self.proc.stdout.fileno(), timeout=START_TIMEOUT)
        except TimeoutError:
            msg = None
        if not msg or not msg.get("ready"):
            reason = (msg or {}).get("error") or self._stderr_tail(0) or "no answer"
            self.kill()
            raise WorkerStartError(one_line(f"the worker process did not start: {reason}"))

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                try:  # the child leads its own process group: its helpers (an OCR pool) go with it
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except OSError:
                    self.proc.kill()
            self.proc.wait()
            for f in (self.proc.stdin, self.proc.stdout):
                try:
                    f.close()
                except OSError:
                    pass

    def close(self) -> None:
        """Stop the child: end of input first, a kill if it does not go."""
        if self.proc is not None:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=3)
            except (OSError, subprocess.TimeoutExpired):
                pass
            self.kill()
            self.proc = None
        if self._err is not None:
            self._err.close()
            self._err = None

    def _stderr_tail(self, mark: int) -> str:
        if self._err is None:
            return ""
        try:
            self._err.seek(mark)
            lines = [ln.strip() for ln in self._err.read(65536).decode("utf-8", "replace").splitlines()]
        except (OSError, ValueError):
            return ""
        lines = [ln for ln in lines if ln]
        return lines[-1] if lines else ""

    # ---------------------------------------------------------------- one document
    def run(self, task: dict, timeout: float, per_page: float = 0.0) -> dict:
        """The worker's result for one task, or a failure when its child crashed or overran.

        The time limit is `timeout` seconds, plus `per_page` seconds per page once the worker
        has counted the document's pages (a long decree gets the time it needs, a one-page
        document drawing a pathological grid does not)."""
        if not self.alive():
            self.start()
        mark = os.fstat(self._err.fileno()).st_size
        start = time.monotonic()
        limit = timeout
        if per_page > 0:
            task = {**task, "count_pages": True}
        try:
            send(self.proc.stdin.fileno(), task)
            while True:
                msg = recv(self.proc.stdout.fileno(), timeout=start + limit - time.monotonic())
                if not (isinstance(msg, dict) and msg.get("progress")):
                    break
                limit = timeout + per_page * int(msg.get("pages") or 0)
        except TimeoutError:
            self.kill()
            return {"ok": False, "kind": "timeout", "error": f"timed out after {limit:g} s (worker killed)"}
        except (BrokenPipeError, ConnectionError, OSError, EOFError):
            msg = None
        if msg is None:
            return self._died(mark)
        if msg.get("fatal"):
            self.close()  # the child exits after a fatal error; the next document gets a new one
        return msg

    def _died(self, mark: int) -> dict:
        try:
            rc = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()
            rc = self.proc.returncode
        tail = self._stderr_tail(mark)
        if rc is not None and rc < 0:
            name = _signal_name(-rc)
            if -rc == signal.SIGKILL:
                reason = "worker killed by SIGKILL (out of memory?)"
            elif -rc == signal.SIGSEGV:
                reason = "worker crashed: segmentation fault (SIGSEGV)"
            elif -rc == signal.SIGABRT and self.memory_limit:  # a native allocation failing under the limit
                reason = f"worker crashed (SIGABRT; out of memory within the {self.memory_limit >> 20} MiB limit?)"
            else:
                reason = f"worker crashed ({name})"
        else:
            reason = f"worker exited unexpectedly (status {rc})"
        if "Fatal Python error" in tail or tail.startswith("MemoryError"):
            reason += f": {tail}"
        self.kill()
        return {"ok": False, "kind": "crash", "error": one_line(reason)}
