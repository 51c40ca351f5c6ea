"""The command line's one policy: a fixed set of exit codes, shared by every `iku` command,
and the one-line messages that more than one command prints.

    0    done
    1    some documents failed (the others are written); `iku diff`: the outputs differ
    2    input error: a bad argument, a missing or unreadable input, files that do not belong together,
         an output folder of another kind (fix the command)
    3    output error: the output cannot be written (disk full, read-only, no permission, a file in
         the way): fix the environment, then the same command resumes or redoes the run
    4    internal error: a bug in iku (one line; `iku --debug ...` shows the traceback)
    130  interrupted (Ctrl-C, SIGTERM): what finished is kept, and the message says so

Every error is one line on stderr, `error: <file>: <reason>`.
"""
from __future__ import annotations

from typing import Iterable

OK = 0
FAILED = 1
INPUT_ERROR = 2
OUTPUT_ERROR = 3
INTERNAL_ERROR = 4
INTERRUPTED = 130

EXIT_CODES = {OK: "done", FAILED: "some documents failed", INPUT_ERROR: "input error",
              OUTPUT_ERROR: "output error", INTERNAL_ERROR: "internal error", INTERRUPTED: "interrupted"}


def no_such_input(path) -> str:
    """A path named on the command line that does not exist (extract, batch, review, eval...)."""
    return f"{path}: no such file or folder"


def nothing_found(paths: Iterable) -> str:
    """Inputs that exist but hold no document (an empty folder): named, the same in extract and batch."""
    return f"no input document found in {', '.join(str(p) for p in paths)}"
