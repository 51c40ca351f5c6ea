"""A test plugin (pipeline/plugins.py): batch workers that fail on chosen documents.

    iku batch INPUT -o DATASET --plugin plugins.batch_faults   # with tests/ on PYTHONPATH

A document whose file name contains `fault-ACTION` fails by ACTION, in the
worker process, before it is processed: abort (SIGABRT), segv (a real
segmentation fault), hang (sleeps), oom (allocates until the worker's memory
limit; a MemoryError at once when there is none), raise (a Python
exception), exit (the worker exits with status 3) or flaky (aborts on the
document's first attempt only). Every other document is converted as usual.
"""
from __future__ import annotations

import ctypes
import os
import re
import resource
import time

import numpy as np

MODULE = "plugins.batch_faults"
ACTIONS = ("abort", "segv", "hang", "oom", "raise", "exit", "flaky")
_MARK = re.compile(r"fault-(" + "|".join(ACTIONS) + r")(?![a-z])")


def fault_of(name: str) -> str | None:
    m = _MARK.search(name)
    return m.group(1) if m else None


def _exhaust_memory() -> None:
    if resource.getrlimit(resource.RLIMIT_DATA)[0] == resource.RLIM_INFINITY:
        raise MemoryError  # never exhaust an unlimited machine
    hoard = []
    while True:  # np.empty reserves without touching pages: the limit is reached at once
        hoard.append(np.empty(256 << 20, dtype=np.uint8))


def before_document(task: dict) -> None:
    action = fault_of(task["name"])
    if action == "abort" or (action == "flaky" and task["attempt"] == 1):
        os.abort()
    elif action == "segv":
        ctypes.string_at(0)
    elif action == "hang":
        time.sleep(10 ** 6)
    elif action == "oom":
        _exhaust_memory()
    elif action == "raise":
        raise RuntimeError("injected failure")
    elif action == "exit":
        os._exit(3)
