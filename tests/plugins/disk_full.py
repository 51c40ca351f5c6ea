"""A test plugin: a disk that fills up. Every write of iku's outputs after the first `after`
ones fails with ENOSPC, as on a full file system.

    python -m plugins.disk_full AFTER iku-arguments...     # with tests/ and the project on PYTHONPATH

or in-process: `install(after)` (returns an undo function). The failure is injected at the
writers iku uses for every output file (pipeline/writers.py and the names the batch modules
import from it) and at the manifest log's append, so the product code runs unchanged.
"""
from __future__ import annotations

import errno
import os
import stat
import sys


def _full(path) -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


def install(after: int):
    """Let `after` writes succeed, then fail every one with ENOSPC; returns the undo function."""
    import iku.pipeline.batch.dataset as dataset  # local: the modules are patched only when asked
    import iku.pipeline.batch.manifest as manifest
    import iku.pipeline.writers as writers

    left = {"n": after}
    saved = []

    def spend(path) -> None:
        if left["n"] <= 0:
            raise _full(path)
        left["n"] -= 1

    def wrap(module, name):
        real = getattr(module, name)

        def failing(path, *args, **kwargs):
            spend(path)
            return real(path, *args, **kwargs)
        saved.append((module, name, real))
        setattr(module, name, failing)

    wrap(writers, "atomic_write_bytes")
    wrap(writers, "write_parquet")
    wrap(dataset, "atomic_write_bytes")
    wrap(manifest, "atomic_write_bytes")
    real_write = os.write

    def os_write(fd, data):
        try:
            regular = stat.S_ISREG(os.fstat(fd).st_mode)
        except OSError:
            regular = False
        if regular and left["n"] <= 0:  # the manifest log; pipes to the workers are not a disk
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)
    saved.append((os, "write", real_write))
    os.write = os_write

    def undo() -> None:
        for module, name, real in reversed(saved):
            setattr(module, name, real)
    return undo


def main(argv: list[str]) -> None:
    install(int(argv[1]))
    sys.argv = ["iku", *argv[2:]]
    from iku.pipeline.cli import main as iku  # local: after the failure is installed
    iku()


if __name__ == "__main__":
    main(sys.argv)
