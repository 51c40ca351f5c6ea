"""The OCR worker's memory: what the text detector frees goes back to the system."""
from __future__ import annotations

import ctypes
import subprocess
import sys
from pathlib import Path

import pytest

from iku.extractors import ocr_engine

MB = 1 << 20


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                 "fordblks", "keepcost")]


def _libc():
    libc = ctypes.CDLL(None)
    if ocr_engine._mallopt() is None or not hasattr(libc, "mallinfo2"):
        pytest.skip("glibc's malloc (2.33 or later) only")
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    libc.mallinfo2.restype = _MallInfo2
    return libc


def _mapped_while_held(libc, blocks: int, size: int) -> int:
    """Bytes glibc holds in mappings of their own while `blocks` blocks of `size` are allocated."""
    held = [libc.malloc(size) for _ in range(blocks)]
    mapped = libc.mallinfo2().hblkhd
    for b in held:
        libc.free(b)
    return mapped


def test_blocks_of_the_detector_are_mapped_on_their_own_and_given_back():
    # a band's feature maps (a few MB each) are mapped on their own while the detector runs,
    # and unmapped when freed: not kept in the heap, where glibc's sliding threshold (raised
    # by a page's freed image) would put them. In a fresh process: glibc maps a block only
    # when its heap has no free room for it, and the heap of a process that already read
    # pages (another test's) has
    _libc()
    code = ("import sys; sys.path[:0] = {path!r}; import test_ocr_memory as t; t._in_a_fresh_process()"
            .format(path=[str(Path(__file__).parent)] + sys.path))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def _in_a_fresh_process():
    libc = _libc()
    big = libc.malloc(24 * MB)  # a page's image, freed: glibc raises its threshold above 2 MB
    libc.free(big)
    base = libc.mallinfo2().hblkhd
    with ocr_engine.released_blocks():
        mapped = _mapped_while_held(libc, 20, 2 * MB)
        assert mapped - base >= 40 * MB
        assert libc.mallinfo2().hblkhd <= base
    # afterwards as glibc's sliding threshold ends up: a few MB from the heap again (the
    # recogniser's many small runs would be faulted in afresh)
    assert _mapped_while_held(libc, 20, 2 * MB) - base < 2 * MB


def test_the_banded_detector_runs_with_its_blocks_released(monkeypatch):
    # the detector's call sets the mapping threshold down while it runs and back after
    calls = []
    monkeypatch.setattr(ocr_engine, "_mallopt", lambda: lambda option, value: calls.append((option, value)))
    seen = []
    monkeypatch.setattr(ocr_engine.BandedDetector, "__call__",
                        ocr_engine._releasing(lambda self, img: seen.append(list(calls))))
    trims = []
    monkeypatch.setattr(ocr_engine, "_malloc_trim", lambda: trims.append)
    ocr_engine.BandedDetector(None, 0.5)(None)
    assert seen == [[(ocr_engine._M_MMAP_THRESHOLD, ocr_engine.DET_MAPPED_BYTES)]]
    # the heap's free pages given back before the bands (what earlier pages freed, under the peak)
    assert trims == [0]
    assert calls[1:] == [(ocr_engine._M_MMAP_THRESHOLD, ocr_engine.RELEASED_AFTER[0]),
                         (ocr_engine._M_TRIM_THRESHOLD, ocr_engine.RELEASED_AFTER[1])]
    # and the class's own __call__ is the wrapped one
    monkeypatch.undo()
    assert ocr_engine.BandedDetector.__call__.__wrapped__.__name__ == "__call__"
