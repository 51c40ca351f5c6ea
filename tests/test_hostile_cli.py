"""`iku extract` and `iku batch` on hostile inputs and faults, end to end (real processes).

Default run: one folder of odd names and special files through extract; a batch with two
archive members of one name, an odd name and a disk that fills up, then resumed. Slow run
(`make test-slow`): the "done when" folder of 30 hostile and good inputs through both commands
(a ruled-grid hang, a Flate bomb, a huge page, archive bombs...), and SIGKILLs in the first
instants of a batch (while the dataset is being created), each resumed by the same command.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import random
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest

from _batch_helpers import PYTHONPATH, ROOT, assert_exactly_once, iku, manifest
from plugins import hostile

GOOD = ROOT / "samples" / "digital" / "101_bappeda_pontianak.pdf"  # 4 pages, about a second
ODD = os.fsdecode(b"laporan caf\xe9.pdf")  # not UTF-8


def variant(n: int) -> bytes:
    return GOOD.read_bytes() + f"\n%hostile-variant {n}\n".encode()


def error_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("error:")]


def with_faults(*args, after: int) -> subprocess.CompletedProcess:
    """iku with a disk that is full after `after` writes (tests/plugins/disk_full.py)."""
    return subprocess.run([sys.executable, "-m", "plugins.disk_full", str(after), *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": PYTHONPATH})


def test_extract_odd_names_special_files_and_same_stems(tmp_path):
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    odd = ODD.replace(".pdf", "\n2.pdf")  # not UTF-8, and a newline
    (src / "a").joinpath(odd).write_bytes(variant(1))
    (src / "b").joinpath(odd).write_bytes(variant(2))  # the same name, other content: both kept
    os.mkfifo(src / "fifo.pdf")
    (src / "loop.pdf").symlink_to("loop.pdf")
    (src / "dangling.pdf").symlink_to("gone.pdf")
    (src / "empty.pdf").write_bytes(b"")
    hostile.zero_page_pdf(src / "zero.pdf")
    hostile.encrypted_pdf(src / "locked.pdf")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".x.json.999999999.cutcutcu.tmp").write_bytes(b'{"docu')  # a killed run's leftover
    res = iku("extract", src, "-o", out, "--timeout", 60)
    assert res.returncode == 1, res.stderr
    errors = error_lines(res.stderr)
    assert len(errors) == 6, res.stderr  # fifo, loop, dangling, empty, zero, locked: one line each
    for name in ("fifo.pdf", "loop.pdf", "dangling.pdf", "empty.pdf", "zero.pdf", "locked.pdf"):
        assert sum(name in ln for ln in errors) == 1, (name, res.stderr)
    assert "note: removed 1 temporary file" in res.stderr
    assert "laporan caf\\xe9\\n2.pdf" in res.stderr  # named on one line, escaped
    jsons = sorted(p.name for p in out.glob("*.json"))
    assert len(jsons) == 2 and odd.replace(".pdf", ".json") in jsons, jsons
    shas = set()
    for name in jsons:
        doc = json.loads((out / name).read_text("utf-8"))
        shas.add(doc["extraction"]["input"]["sha256"])
    assert shas == {hashlib.sha256(variant(n)).hexdigest() for n in (1, 2)}
    assert not list(out.glob(".*.tmp"))
    assert (out / "documents.parquet").exists()


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_batch_same_member_names_odd_names_and_a_full_disk_resume(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    with tarfile.open(src / "dup.tar", "w", format=tarfile.GNU_FORMAT) as tf:  # two members of one odd name
        for n in (1, 2):
            info = tarfile.TarInfo(ODD)
            info.size = len(variant(n))
            tf.addfile(info, io.BytesIO(variant(n)))
    os.mkfifo(src / "fifo.pdf")
    ds = tmp_path / "ds"
    # the disk is full from the start: _dataset.json cannot be written (the mid-run case: slow tests)
    res = with_faults("batch", src, "-o", ds, "--workers", 1, after=0)
    assert res.returncode == 3, res.stderr
    errors = error_lines(res.stderr)
    assert len(errors) == 1 and "No space left on device" in errors[0] and "run the same command again" in errors[0]
    assert "Traceback" not in res.stderr
    res = iku("batch", src, "-o", ds, "--workers", 1)  # space freed: the same command resumes
    assert res.returncode == 1, res.stderr  # the FIFO is the only failure
    assert "more than one laporan caf\\xe9.pdf" in res.stderr
    assert_exactly_once(ds, {hashlib.sha256(variant(n)).hexdigest() for n in (1, 2)})
    rows = {(r["archive"] or "", r["path"]): r for r in manifest(ds)}
    archive, name = str(src / "dup.tar"), "laporan caf\\xe9.pdf"
    assert rows[(archive, name)]["status"] == rows[(archive, f"{name} (2)")]["status"] == "done"
    assert [r["error_kind"] for r in rows.values() if r["status"] == "failed"] == ["refused"]


@pytest.mark.slow
@pytest.mark.parametrize("command", ["extract", "batch"])
def test_disk_full_in_the_middle_of_a_run_then_resume(tmp_path, command):
    src = tmp_path / "in"
    src.mkdir()
    for n in range(4):
        (src / f"d{n}.pdf").write_bytes(variant(n))
    out = tmp_path / "out"
    args = (command, src, "-o", out) + (("--workers", 1) if command == "batch" else ())
    res = with_faults(*args, after=3)  # a few files are written, then the disk is full
    assert res.returncode == 3, res.stderr
    errors = error_lines(res.stderr)
    assert len(errors) == 1 and "No space left on device" in errors[0] and "Traceback" not in res.stderr
    assert not list(out.rglob(".*.tmp")), "nothing half-written"
    res = iku(*args)
    assert res.returncode == 0, res.stderr
    expected = {hashlib.sha256(variant(n)).hexdigest() for n in range(4)}
    if command == "batch":
        assert_exactly_once(out, expected)
    else:
        assert {json.loads(p.read_text("utf-8"))["extraction"]["input"]["sha256"] for p in out.glob("*.json")} \
            == expected


def test_output_in_the_way_is_one_line(tmp_path):
    from typer.testing import CliRunner  # local: in-process, nothing is converted (the output is refused first)
    from iku.pipeline.cli import app
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for cmd in (["extract", GOOD, "-o", blocker / "out"], ["batch", GOOD, "-o", blocker / "ds"]):
        res = CliRunner().invoke(app, list(map(str, cmd)))
        assert res.exit_code == 3, (res.output, res.exception)
        assert len(error_lines(res.output)) == 1, res.output


# --------------------------------------------------------------------------- slow: the "done when" folder

def hostile_folder(folder: Path) -> tuple[set[str], int]:
    """30 inputs: the good ones (their SHA-256; 9) and the number of bad ones (21), one of
    them a folder named dir.pdf (searched, not an input)."""
    folder.mkdir(parents=True)
    good = {}

    def put(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        good[hashlib.sha256(data).hexdigest()] = path

    put(folder / "a" / "x.pdf", variant(1))
    put(folder / "b" / "x.pdf", variant(2))
    put(folder.joinpath(ODD), variant(3))
    put(folder / "new\nline.pdf", variant(4))
    put(folder / "[red]markup[/].pdf", variant(5))
    put(folder / "-dash.pdf", variant(6))
    put(folder / "good.pdf", variant(7))
    with zipfile.ZipFile(folder / "dup.zip", "w") as zf:
        zf.writestr("dup.pdf", variant(8))
        zf.writestr("dup.pdf", variant(9))
    good.update({hashlib.sha256(variant(n)).hexdigest(): None for n in (8, 9)})
    bad = 0
    for maker, name in ((hostile.grid_pdf, "grid.pdf"), (hostile.flate_bomb_pdf, "bomb.pdf"),
                        (hostile.huge_page_pdf, "huge.pdf"), (hostile.page_tree_cycle_pdf, "cycle.pdf"),
                        (hostile.zero_page_pdf, "zero.pdf"), (hostile.encrypted_pdf, "locked.pdf")):
        if maker is hostile.grid_pdf:
            maker(folder / name, 2000, 14400)
        else:
            maker(folder / name)
        bad += 1
    hostile.truncated_pdf(folder / "cut.pdf", GOOD)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "text.pdf").write_text("not a pdf")
    os.mkfifo(folder / "fifo.pdf")
    (folder / "loop.pdf").symlink_to("loop.pdf")
    (folder / "dangling.pdf").symlink_to("gone.pdf")
    (folder / "dir.pdf").mkdir()
    hostile.tar_bomb(folder / "bomb.tar.gz", mebibytes=300)
    bad += 8
    (folder / "device.pdf").symlink_to("/dev/zero")  # a character device: never read
    with zipfile.ZipFile(folder / "slip.zip", "w") as zf:
        zf.writestr("../../evil.pdf", variant(10))
    with zipfile.ZipFile(folder / "zipbomb.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.pdf", bytes(50 << 20))
    (folder / "header-only.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / "garbage.pdf").write_bytes(b"%PDF-1.4\n" + random.Random(3).randbytes(1 << 16))
    (folder / "empty.tar.gz").write_bytes(b"")
    deep = _zip_of("doc.pdf", variant(11))
    for level in (4, 3, 2):  # archives nested deeper than the 2 levels allowed
        deep = _zip_of(f"level{level}.zip", deep)
    (folder / "deep.zip").write_bytes(deep)
    bad += 7 - 1  # dir.pdf is a folder: searched like any other, not an input
    return set(good), bad


def _zip_of(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_done_when_a_folder_of_hostile_and_good_inputs(tmp_path):
    src = tmp_path / "in"
    good, bad = hostile_folder(src)
    t0 = time.monotonic()  # the default limits
    res = iku("extract", src, "-o", tmp_path / "out")
    extract_s = time.monotonic() - t0
    assert res.returncode == 1 and "Traceback" not in res.stderr, res.stderr
    written = {json.loads(p.read_text("utf-8"))["extraction"]["input"]["sha256"]
               for p in (tmp_path / "out").glob("*.json")}
    assert good - written == {hashlib.sha256(variant(n)).hexdigest() for n in (8, 9)}  # zips: batch only
    errors = error_lines(res.stderr)
    summary = [ln for ln in res.stderr.splitlines() if " done, " in ln and " failed" in ln][-1]
    assert f"{len(errors)} failed" in summary and len(errors) >= 10, res.stderr  # one line per bad input
    for name in ("fifo.pdf", "loop.pdf", "dangling.pdf", "device.pdf", "grid.pdf", "locked.pdf", "zero.pdf"):
        assert sum(f"/{name}:" in ln for ln in errors) == 1, (name, res.stderr)
    t0 = time.monotonic()
    res = iku("batch", src, "-o", tmp_path / "ds", "--retries", 0)
    batch_s = time.monotonic() - t0
    assert res.returncode == 1 and "Traceback" not in res.stderr, res.stderr
    rows = manifest(tmp_path / "ds")
    done = {r["sha256"] for r in rows if r["status"] == "done"}
    assert good <= done
    failed = [r for r in rows if r["status"] == "failed"]
    assert len(failed) >= bad - 6 and all(r["error"] and "\n" not in r["error"] for r in failed)
    print(f"\nhostile folder: extract {extract_s:.1f} s, batch {batch_s:.1f} s")


@pytest.mark.slow
def test_sigkill_while_the_dataset_is_being_created_then_resume(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    docs = {}
    for n in range(3):
        (src / f"d{n}.pdf").write_bytes(variant(n))
        docs[hashlib.sha256(variant(n)).hexdigest()] = n
    ds = tmp_path / "ds"
    rng = random.Random(14)
    for _ in range(6):  # the first instants: folder, lock, _dataset.json, first fold
        proc = subprocess.Popen([sys.executable, "-m", "iku.pipeline.cli", "batch", str(src), "-o", str(ds),
                                 "--workers", "1", "-q"], cwd=ROOT, env={**os.environ, "PYTHONPATH": PYTHONPATH},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    res = iku("batch", src, "-o", ds, "--workers", 1)
    assert res.returncode == 0, res.stderr
    assert_exactly_once(ds, set(docs))


def test_review_writes_the_good_page_and_one_line_per_bad_pdf(tmp_path):
    from typer.testing import CliRunner  # local: in-process (the review runs the pipeline here)
    from iku.pipeline.cli import app
    good = tmp_path / "good.pdf"
    good.write_bytes(GOOD.read_bytes())
    locked = hostile.encrypted_pdf(tmp_path / "locked.pdf")
    cycle = hostile.page_tree_cycle_pdf(tmp_path / "cycle.pdf")
    res = CliRunner().invoke(app, ["review", str(good), str(locked), str(cycle), "-o", str(tmp_path / "rev"),
                                   "--scale", "0.3"])
    assert res.exit_code == 1, (res.output, res.exception)
    assert (tmp_path / "rev" / "good.html").exists()
    errors = error_lines(res.output)
    assert len(errors) == 2 and "encrypted" in errors[0] and "page tree" in errors[1], res.output
