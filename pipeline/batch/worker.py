"""The child process that converts documents one at a time for a sandbox (sandbox.py).

    python -m pipeline.batch.worker MEMORY_LIMIT_BYTES PARENT_PID [PLUGIN ...]

Messages are length-prefixed pickles: tasks on stdin, results on the original
stdout (the child sends its own stdout to stderr, so nothing a library prints
can corrupt a message). Memory is limited with RLIMIT_DATA (heap and private
writable mappings: what a process really allocates; RLIMIT_AS would also count the
address space a library only reserves, and ONNX Runtime's reservations put a
rapidocr page over a 2 GiB address-space limit at ~1 GB resident), so a
document that needs more memory ends in MemoryError (reported; the child then
exits so the next document gets a fresh process) or in a crash the sandbox
reports. The child dies with its parent.

The PLUGIN modules (pipeline/plugins.py) are imported before the child says
ready; their before_document hook runs before each document.
"""
from __future__ import annotations

import ctypes
import hashlib
import os
import pickle
import re
import resource
import select
import signal
import struct
import sys
import tempfile
import time

from iku.pipeline.batch.inputs import EntryError, copy_bounded, one_line, open_regular
from iku.pipeline.plugins import PluginError, Plugins, load

HEADER = struct.Struct("!Q")
MIN_PAGE_BYTES = 50      # the smallest page object: "<</Type/Page/Parent 2 0 R>>" and its xref entry
MAX_TIMED_PAGES = 5000   # pages beyond this earn no more time
# what a plugin's before_document hook sees of a task
HOOK_FIELDS = ("name", "display", "sha256", "attempt")


# --------------------------------------------------------------------------- messages

def send(fd: int, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(HEADER.pack(len(data)) + data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _read_exact(fd: int, n: int) -> bytes | None:
    chunks, left = [], n
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def recv(fd: int, timeout: float | None = None):
    """The next message; None at end of file. Raises TimeoutError when none starts within `timeout`."""
    if timeout is not None:
        ready, _, _ = select.select([fd], [], [], max(timeout, 0))
        if not ready:
            raise TimeoutError
    head = _read_exact(fd, HEADER.size)
    if head is None:
        return None
    body = _read_exact(fd, HEADER.unpack(head)[0])
    return None if body is None else pickle.loads(body)


# --------------------------------------------------------------------------- converting

def _fail(kind: str, error: str, **extra) -> dict:
    return {"ok": False, "kind": kind, "error": one_line(error), **extra}


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.\-]", "_", name)[-150:] or "document.pdf"


def page_count(path: str):
    """The number of pages (pdfium reads the page tree only), None when it cannot tell."""
    try:
        import pypdfium2 as pdfium  # local: the parent process never loads pdfium (see convert)
        pdf = pdfium.PdfDocument(path)
        try:
            return len(pdf)
        finally:
            pdf.close()
    except Exception:
        return None


def convert(task: dict, workdir: str, memory_limit: int, plugins: Plugins = Plugins(), notify=None) -> dict:
    """One document: its outputs' bytes (dataset.render) or a failure with its one-line reason.

    `notify(message)` sends a message before the result: {"progress": True, "pages": N} once the
    page count is known, when the task asks for it ("count_pages": its time limit grows with it)."""
    # local: the parent imports this module (sandbox.py) for send/recv and must not load the
    # pipeline; the child imports it in main(), after the memory limit, reporting a failure
    from iku.pipeline.batch.dataset import render
    from iku.pipeline.process import InputError, process_pdf

    t0 = time.perf_counter()
    tmp = None
    try:
        plugins.before_document({k: task.get(k) for k in HOOK_FIELDS})
        data = task.get("data")
        tmp = os.path.join(workdir, _safe_name(task["name"]))
        if data is None:  # copied as a stream (a large document is never whole in memory), opened
            try:          # without blocking: a name swapped for a FIFO is refused, not waited on
                with open_regular(task["file"]) as src, open(tmp, "wb") as dst:
                    sha, _ = copy_bounded(src, dst, task.get("limit") or (1 << 62))
            except EntryError as exc:
                return _fail("input", str(exc))
        else:
            sha = hashlib.sha256(data).hexdigest()
            with open(tmp, "wb") as fh:
                fh.write(data)
            del data
        if sha != task["sha256"]:
            return _fail("changed", "the input changed while the batch ran")
        if notify is not None and task.get("count_pages"):
            pages = page_count(tmp)
            if pages:  # a page tree may claim any count: time is given only for pages the bytes can hold
                notify({"progress": True, "pages": min(pages, os.path.getsize(tmp) // MIN_PAGE_BYTES + 1,
                                                       MAX_TIMED_PAGES)})
        doc = process_pdf(tmp, task.get("options"))
        doc["document"]["source_file"] = task["name"]
        out = render(doc, task["sha256"])
        ext = doc.get("extraction", {})
        verdict = ext.get("verdict") or {}
        out.update(ok=True, pages=ext.get("pages"), method=ext.get("method"), version=ext.get("version"),
                   indicators=len(doc["indicators"]), seconds=round(time.perf_counter() - t0, 3),
                   verdict=verdict.get("status"), verdict_reasons=list(verdict.get("reasons") or []))
        return out
    except InputError as exc:
        return _fail("input", str(exc) or "unreadable input")
    except MemoryError:
        limit = f" (limit {memory_limit >> 20} MiB)" if memory_limit > 0 else ""
        return _fail("memory", f"out of memory{limit}", fatal=True)
    except RecursionError:
        return _fail("error", "unexpected RecursionError (document nested too deeply)")
    except OSError as exc:
        return _fail("io", f"I/O error: {exc}")
    except Exception as exc:  # one document's bug never ends the worker
        return _fail("error", f"unexpected {type(exc).__name__}: {exc}")
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)


# --------------------------------------------------------------------------- the process

def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except OSError:
            pass
    if os.getppid() != parent:
        os._exit(0)


def main(argv: list[str]) -> int:
    memory_limit = int(argv[1]) if len(argv) > 1 else 0
    if len(argv) > 2:
        _die_with_parent(int(argv[2]))
    plugin_names = argv[3:]
    out_fd = os.dup(1)
    os.dup2(2, 1)
    in_fd = 0
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file behind
    if memory_limit > 0:
        resource.setrlimit(resource.RLIMIT_DATA, (memory_limit, memory_limit))
    try:
        # local: the pipeline is imported under the memory limit, and before saying ready
        import iku.pipeline.batch.dataset  # noqa: F401
        import iku.pipeline.process  # noqa: F401
        plugins = load(plugin_names)
    except PluginError as exc:
        send(out_fd, {"ready": False, "error": one_line(str(exc))})
        return 1
    except BaseException as exc:
        send(out_fd, {"ready": False, "error": one_line(f"{type(exc).__name__}: {exc}")})
        return 1
    send(out_fd, {"ready": True, "pid": os.getpid()})
    with tempfile.TemporaryDirectory(prefix="iku-worker-") as workdir:
        while True:
            task = recv(in_fd)
            if task is None:
                return 0
            result = convert(task, workdir, memory_limit, plugins, notify=lambda m: send(out_fd, m))
            send(out_fd, result)
            if result.get("fatal"):
                return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
