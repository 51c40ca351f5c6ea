"""Hostile inputs and unlucky operators, in-process (fast): names as data, special files, archive
bombs, identity by content, leftovers of killed runs, and the catalog's refusals.

The end-to-end runs of `iku extract` / `iku batch` on such inputs are in test_hostile_cli.py.
"""
from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import tracemalloc
import zipfile
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from iku.pipeline.batch.dataset import Dataset, DatasetError
from iku.pipeline.batch.inputs import EntryError, Limits, Reader, expand, open_regular, printable, storable
from iku.pipeline.catalog.build import connect
from iku.pipeline.catalog.search import COLUMNS, Filters, SearchError, search
from iku.pipeline.extracting import output_path
from iku.pipeline.writers import remove_stale_temporaries, write_json
from plugins import hostile

ODD = os.fsdecode(b"caf\xe9 r\xe9sum\xe9.pdf")  # not UTF-8: a name from an old Windows archive
PDF = b"%PDF-1.4\n" + b"x" * 100


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging (a FIFO opened by mistake blocks forever)."""
    def fire(signum, frame):
        raise TimeoutError(f"blocked for more than {seconds} s")
    old = signal.signal(signal.SIGALRM, fire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# --------------------------------------------------------------------------- names as data

def test_names_are_escaped_for_a_line_and_storable_as_utf8():
    assert printable("a\nb\r\tc.pdf") == "a\\nb\\r\\tc.pdf"
    assert printable(ODD) == "caf\\xe9 r\\xe9sum\\xe9.pdf"
    assert storable(ODD).encode("utf-8")  # no UnicodeEncodeError in a JSON or Parquet writer
    assert storable("kantor dinas — 2021.pdf") == "kantor dinas — 2021.pdf"  # good UTF-8 is kept
    assert "\n" not in printable("x\u2028y\x85z")


def test_special_files_are_reported_never_opened(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.pdf").write_bytes(PDF)
    (folder.joinpath(ODD)).write_bytes(PDF + b"odd")
    (folder / "new\nline.pdf").write_bytes(PDF + b"nl")
    os.mkfifo(folder / "fifo.pdf")
    (folder / "loop.pdf").symlink_to("loop.pdf")
    (folder / "dangling.pdf").symlink_to("nowhere.pdf")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")  # a folder loop: not followed
    with deadline(20):
        entries = expand([str(folder)])
        errors = {Path(e.path).name: e.error for e in entries if e.error}
        ok = [e for e in entries if not e.error]
        assert "FIFO" in errors["fifo.pdf"]
        assert "symbolic links" in errors["loop.pdf"]
        assert "dangling" in errors["dangling.pdf"]
        assert len(ok) == 3
        for e in ok:
            assert "\n" not in e.display and e.path.encode("utf-8")
        reader = Reader()
        assert {reader.spool(e, tmp_path / "spool")[1] for e in ok} == {len(PDF), len(PDF) + 3, len(PDF) + 2}
        with pytest.raises(EntryError, match="FIFO"):
            open_regular(str(folder / "fifo.pdf"))


# --------------------------------------------------------------------------- identity by content

def test_two_members_of_one_name_are_two_documents(tmp_path):
    z = tmp_path / "dup.zip"
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(z, "w") as zf:
        zf.writestr("dup.pdf", PDF + b"1")
        zf.writestr("dup.pdf", PDF + b"2")
        zf.writestr("dup.pdf (2)", b"not a pdf name")  # a member already named like the resolution
    entries = expand([str(z)])
    assert [e.path for e in entries] == ["dup.pdf", "dup.pdf (2)"]
    assert entries[0].note is None and "dup.pdf (2)" in entries[1].note
    assert len({e.key for e in entries}) == 2
    reader = Reader()
    shas = {reader.spool(e, tmp_path / "spool")[0] for e in entries}
    assert shas == {hashlib.sha256(PDF + b"1").hexdigest(), hashlib.sha256(PDF + b"2").hexdigest()}


def test_extract_output_names_never_collide(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    taken: set[str] = set()
    a, b = Path("a/x.pdf"), Path("b/x.pdf")
    first, note = output_path(out, a, "1" * 64, taken)
    assert first == out / "x.json" and note is None
    second, note = output_path(out, b, "2" * 64, taken)
    assert second == out / f"x-{'2' * 12}.json" and "same name" in note
    # a later run: x.json holds a/x.pdf's output; b/x.pdf does not overwrite it, a/x.pdf does
    write_json(first, {"document": {"source_file": "x.pdf"}, "indicators": [],
                       "extraction": {"input": {"path": "a/x.pdf", "sha256": "1" * 64}}})
    assert output_path(out, b, "2" * 64, set())[0].name == f"x-{'2' * 12}.json"
    assert output_path(out, a, "3" * 64, set())[0].name == "x.json"  # the same input, changed
    (out / "y.json").mkdir()  # a folder in the way
    assert output_path(out, Path("y.pdf"), "4" * 64, set())[0].name == f"y-{'4' * 12}.json"
    long = Path("é" * 126 + ".pdf")  # 252 bytes: a legal input name, but <stem>.json and its temporary are not
    target, note = output_path(out, long, "5" * 64, set())
    assert len(os.fsencode(target.name)) <= 240 and "too long" in note
    write_json(target, {})  # its temporary name fits too


# --------------------------------------------------------------------------- archive bounds

def test_tar_bomb_is_refused_from_its_headers(tmp_path):
    good = tmp_path / "good.pdf"
    good.write_bytes(PDF)
    bomb = hostile.tar_bomb(tmp_path / "bomb.tar.gz", mebibytes=8, good=good)
    assert bomb.stat().st_size < 1 << 20
    entries = expand([str(bomb)])
    assert [e.error for e in entries if e.path.endswith("good.pdf")] == [None]
    refused = [e for e in entries if e.error]
    assert len(refused) == 1 and "compression ratio" in refused[0].error


def test_members_are_streamed_never_whole_in_memory(tmp_path):
    z = tmp_path / "big.zip"
    body = PDF + os.urandom(12 << 20)
    with zipfile.ZipFile(z, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("big.pdf", body)
    tar = tmp_path / "big.tar"
    with tarfile.open(tar, "w") as tf:
        info = tarfile.TarInfo("inner/big.pdf")
        info.size = len(body)
        tf.addfile(info, io.BytesIO(body))
    want = hashlib.sha256(body).hexdigest()
    entries = expand([str(z), str(tar)])
    del body
    reader = Reader(Limits())
    tracemalloc.start()
    try:
        for e in entries:
            sha, size, file, temporary = reader.spool(e, tmp_path / "spool")
            assert (sha, temporary) == (want, True) and os.path.getsize(file) == size
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        reader.close()
    assert peak < 6 << 20, f"{peak >> 20} MiB held while spooling 12 MiB members"


# --------------------------------------------------------------------------- leftovers of killed runs

def test_dataset_killed_while_being_created_is_resumed(tmp_path):
    ds = tmp_path / "ds"
    ds.mkdir()
    (ds / ".lock").write_bytes(b"")
    (ds / "._dataset.json.4242.abcdefgh.tmp").write_bytes(b'{"format": "iku ba')  # cut by SIGKILL
    (ds / ".spool").mkdir()
    (ds / ".spool" / "member-x.pdf").write_bytes(PDF)
    d = Dataset(ds)
    notes = d.open()
    try:
        assert json.loads((ds / "_dataset.json").read_text())["schema_version"] >= 1
        assert any("temporary file" in n for n in notes) and any("spool" in n for n in notes)
        assert not (ds / ".spool").exists() and not list(ds.glob(".*.tmp"))
    finally:
        d.close()
    assert Dataset(ds).open() == []  # nothing left to clean the second time
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    with pytest.raises(DatasetError, match="not an iku dataset"):
        Dataset(foreign).open()


def test_stale_temporaries_of_dead_writers_are_removed(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    (tmp_path / f".x.json.{pid}.abcd1234.tmp").write_bytes(b"{cut")
    (tmp_path / ".y.json.oldstyle.tmp").write_bytes(b"{cut")
    live = tmp_path / f".z.json.{os.getppid()}.abcd1234.tmp"  # a live process is writing it
    live.write_bytes(b"{")
    (tmp_path / "keep.json").write_text("{}")
    assert remove_stale_temporaries(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, "keep.json"])


def test_disk_full_while_writing_leaves_no_partial_file(tmp_path):
    from plugins.disk_full import install
    undo = install(0)
    try:
        with pytest.raises(OSError) as info:
            write_json(tmp_path / "x.json", {"a": 1})
        assert info.value.errno == errno.ENOSPC
    finally:
        undo()
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- catalog

@pytest.fixture(scope="module")
def tiny_catalog(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("catalog") / "c.duckdb"
    con = duckdb.connect(str(path))
    cols = ", ".join(f"{c} VARCHAR" for c in COLUMNS if c not in ("period_start", "period_end"))
    con.execute(f"CREATE TABLE rows ({cols}, period_start INTEGER, period_end INTEGER, kode_urusan VARCHAR)")
    con.execute("INSERT INTO rows (indicator_id, indikator, normalized, urusan, kode_urusan) VALUES "
                "('1', 'Persentase 100% layanan', 'persentase layanan', 'sosial', '1.06'), "
                "('2', 'Nilai SAKIP', 'nilai sakip', 'perencanaan_x', '5.01')")
    con.execute("CREATE VIEW catalog AS SELECT * FROM rows")
    con.execute("CREATE VIEW indicators AS SELECT normalized FROM rows")
    con.close()
    return path


@pytest.mark.parametrize("query", ["'", '""', "*", "%", "—", "", "   "])
def test_a_search_without_a_word_is_refused(tiny_catalog, query):
    with duckdb.connect(str(tiny_catalog), read_only=True) as con:
        with pytest.raises(SearchError, match="no word"):
            search(con, query)


def test_percent_and_underscore_are_literal(tiny_catalog):
    with duckdb.connect(str(tiny_catalog), read_only=True) as con:
        assert search(con, "sakip", Filters(urusan="%")) == []
        assert search(con, "sakip", Filters(urusan="perencanaan%")) == []
        assert [h["indicator_id"] for h in search(con, "sakip", Filters(urusan="n_x"))] == ["2"]
        assert search(con, "sakip", Filters(urusan="n__")) == []


def test_catalog_sql_cannot_touch_files(tiny_catalog, tmp_path):
    con = connect(tiny_catalog, sealed=True)
    try:
        assert con.execute("SELECT count(*) FROM catalog").fetchall() == [(2,)]
        for sql in (f"COPY rows TO '{tmp_path / 'leak.csv'}'", "SET enable_external_access = true",
                    f"ATTACH '{tmp_path / 'other.db'}'", "SELECT * FROM read_csv('/etc/hostname')",
                    "CREATE TABLE t AS SELECT 1"):
            with pytest.raises(duckdb.Error):
                con.execute(sql)
    finally:
        con.close()
    assert not (tmp_path / "leak.csv").exists() and not (tmp_path / "other.db").exists()


# --------------------------------------------------------------------------- one reason per input

def test_a_pdf_without_pages_has_one_reason_whatever_ran_before(tmp_path):
    from iku.extractors.pdf_text import PdfError, read_page_texts
    locked = hostile.encrypted_pdf(tmp_path / "locked.pdf")
    empty = hostile.zero_page_pdf(tmp_path / "zero.pdf")
    reasons = []
    for path in (empty, locked, empty, hostile.truncated_pdf(tmp_path / "cut.pdf", locked), empty):
        with pytest.raises(PdfError) as info:
            read_page_texts(str(path))
        reasons.append((path.name, str(info.value)))
    assert {r for n, r in reasons if n == "zero.pdf"} == {"not a PDF or damaged file (no readable page)"}
    assert dict(reasons)["locked.pdf"] == "encrypted PDF (password required)"


def test_a_page_tree_cycle_is_a_damaged_input_in_one_line(tmp_path):
    from iku.extractors.pdf_text import PdfError, read_page_texts
    with pytest.raises(PdfError, match="damaged page tree"):
        read_page_texts(str(hostile.page_tree_cycle_pdf(tmp_path / "cycle.pdf")))


def test_catalog_commands_refuse_in_one_line(tiny_catalog, tmp_path):
    from typer.testing import CliRunner  # local: in-process command line
    from iku.pipeline.cli import app
    runner = CliRunner()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for args, code in ((["search", "*"], 2), (["export", "--table", "indicators", "-o", str(tmp_path)], 3),
                       (["export", "--table", "indicators", "-o", str(blocker / "x.csv")], 3),
                       (["sql", f"COPY (SELECT 1) TO '{tmp_path / 'leak.csv'}'"], 1)):
        res = runner.invoke(app, ["catalog", *args, "-c", str(tiny_catalog)])
        assert res.exit_code == code, (args, res.output, res.exception)
        assert [ln for ln in res.output.splitlines() if ln.startswith("error:")], res.output
        assert res.exception is None or isinstance(res.exception, SystemExit)
    assert not (tmp_path / "leak.csv").exists() and not list(tmp_path.glob(".*.tmp"))
