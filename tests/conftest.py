"""What the tests share: the paths of the documents, one extraction per document per
test run, and the `--regen-golden` flag of the golden-output tests (test_golden.py).

Test modules import the paths from here (`from conftest import DIGITAL`) and take the
`extracted` fixture for a document's output with the default options: every
document is extracted once per run, however many tests look at it.

`SHARED` (the holdout set and the real documents with gold) lives beside the
repository; a plain clone may not have it, and the tests that need it skip then.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import Callable

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DIGITAL = SAMPLES / "digital"
OFFICE = SAMPLES / "office"
SCANNED = SAMPLES / "scanned"
CORPUS = ROOT / "tests" / "corpus" / "real"
GOLDEN = ROOT / "tests" / "golden"
SHARED = Path(os.environ.get("IKU_SHARED", ROOT.parent / "shared"))
HOLDOUT = SHARED / "holdout-1"
SHARED_REAL = SHARED / "real"
HAS_SHARED = SHARED.is_dir()
# The scans OCR'd end to end in the default run (the others: `make test-slow`): a
# committed scanned sample (SCANNED) and a real scan (CORPUS, a page scanned sideways).
SAMPLE_SCAN = "004_e40d5c5079bace3c-scan200"
REAL_SCAN = "distan-jabar-iku-2016-scan"
# The 110-page LKIP of CORPUS (7 s): read in the slow run only.
LONG_REPORT = "dinkes-jabar-lkip-2016"
HAS_TESSERACT = shutil.which("tesseract") is not None

needs_shared = pytest.mark.skipif(not HAS_SHARED, reason=f"{SHARED} (holdout and real documents) not beside the repo")
needs_tesseract = pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract not installed")


def page_texts(pdf) -> list[str]:
    """The text layer of every page (pdfium: milliseconds a page)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].get_textpage().get_text_bounded() for i in range(len(doc))]
    finally:
        doc.close()


def pytest_addoption(parser):
    parser.addoption("--regen-golden", action="store_true", default=False,
                     help="write tests/golden/ from the current outputs instead of comparing "
                          "(the run then fails on purpose: see test_golden.py)")


def pytest_terminal_summary(terminalreporter, config):
    if config.getoption("--regen-golden"):
        terminalreporter.write_line("--regen-golden: golden files rewritten, so this run fails; "
                                    "review `git diff tests/golden`", red=True, bold=True)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    # a regeneration run never passes, whatever was selected
    if session.config.getoption("--regen-golden") and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# --------------------------------------------------------------------------- one extraction per document

_EXTRACTIONS: dict[tuple[str, str], dict] = {}
# Under pytest-xdist (make test: -n 2) the workers share their extractions through
# files in the run's temporary folder: the first worker to need a document extracts
# it, the other waits for the file.
_SHARED_DIR: Path | None = None
_WAIT_FOR_OTHER_WORKER = 900.0  # seconds; then the document is extracted here too


def _key(path: Path) -> tuple[str, str]:
    """The file's name and content: the same bytes under another folder are the same document."""
    return path.name, hashlib.sha1(path.read_bytes()).hexdigest()


def _process(path: Path) -> dict:
    from iku.pipeline.process import process_pdf

    return process_pdf(str(path))


def _shared(path: Path, key: tuple[str, str]) -> dict:
    result = _SHARED_DIR / f"{key[1]}-{key[0]}.json"
    lock = result.with_suffix(".lock")
    deadline = time.monotonic() + _WAIT_FOR_OTHER_WORKER
    while True:
        if result.exists():
            return json.loads(result.read_text(encoding="utf-8"))
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:  # another worker is extracting it
            if time.monotonic() > deadline:
                return _process(path)
            time.sleep(0.1)
            continue
        try:
            out = _process(path)
        except BaseException:
            lock.unlink(missing_ok=True)
            raise
        tmp = result.with_suffix(".tmp")
        tmp.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, result)
        return out


def extract(path) -> dict:
    """`process_pdf(path)` with the default options, computed once per test run; a deep
    copy is returned, so a test may change what it gets."""
    path = Path(path)
    key = _key(path)
    if key not in _EXTRACTIONS:
        _EXTRACTIONS[key] = _shared(path, key) if _SHARED_DIR is not None else _process(path)
    return copy.deepcopy(_EXTRACTIONS[key])


@pytest.fixture(scope="session")
def extracted(tmp_path_factory) -> Callable[[os.PathLike | str], dict]:
    """path → the FORMAT.md output of `process_pdf(path)` (default options), once per run."""
    global _SHARED_DIR
    if os.environ.get("PYTEST_XDIST_WORKER") and _SHARED_DIR is None:
        _SHARED_DIR = tmp_path_factory.getbasetemp().parent / "extractions"
        _SHARED_DIR.mkdir(exist_ok=True)
    return extract
