"""`iku batch`: safe inputs, fault isolation, the manifest, exactly-once resume, the dataset."""
from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest

from _batch_helpers import (FAULTS_PLUGIN, ROOT, SAMPLES, assert_exactly_once, iku, json_events, make_corpus,
                            manifest, records, sha, variant, worker_processes)
from iku.pipeline.batch.dataset import DOCUMENTS, INDICATORS, Dataset, DatasetError, partition_values
from iku.pipeline.batch.inputs import Limits, Reader, expand
from iku.pipeline.batch.manifest import Manifest
from iku.normalizers.schema import DOCUMENT_FIELDS, INDICATOR_FIELDS
from iku.pipeline.plugins import PluginError, load
from iku.pipeline.process import process_pdf

pytestmark = pytest.mark.timeout(180)


def _encrypted_pdf() -> bytes:
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt="secret")
    c.drawString(72, 720, "INDIKATOR KINERJA UTAMA")
    c.showPage()
    c.save()
    return buf.getvalue()


def _tar_add(tf: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tf.addfile(info, io.BytesIO(data))


# --------------------------------------------------------------------------- a clean run, the reference

@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "pdfs"
    make_corpus(folder, 10)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ref") / "dataset"
    res = iku("batch", corpus, "-o", out, "--workers", 2)
    assert res.returncode == 0, res.stderr
    return out


def test_dataset_layout_schema_and_readers(reference, corpus):
    expected = {sha(p) for p in corpus.glob("*.pdf")}
    assert_exactly_once(reference, expected)
    info = json.loads((reference / "_dataset.json").read_text("utf-8"))
    assert info["schema_version"] == 2 and info["partitioning"] == ["province", "year"]
    # every part file carries the versioned schema; partition values only in the folder names
    for table, schema in (("indicators", INDICATORS), ("documents", DOCUMENTS)):
        parts = list((reference / table).rglob("part-*.parquet"))
        assert len(parts) == len(expected)
        for part in parts:
            assert part.parent.name.startswith("year=") and part.parent.parent.name.startswith("province=")
            file_schema = pq.read_schema(part)
            assert file_schema.equals(schema, check_metadata=False)
            assert file_schema.metadata[b"iku_dataset_schema_version"] == b"2"
    n_ind = sum(len(json.loads(p.read_text("utf-8"))["indicators"]) for p in (reference / "json").rglob("*.json"))
    # duckdb, pandas and pyarrow read it directly
    con = duckdb.connect()
    q = f"select * from read_parquet('{reference}/indicators/**/*.parquet', hive_partitioning=true)"
    ind = con.sql(q).df()
    assert len(ind) == n_ind and ind["document_sha256"].notna().all()
    assert set(INDICATOR_FIELDS) | {"document_sha256", "province", "year"} <= set(ind.columns)
    docs = con.sql(f"select * from read_parquet('{reference}/documents/**/*.parquet', hive_partitioning=true)").df()
    assert set(DOCUMENT_FIELDS) | {"document_sha256", "year", "pages", "method"} <= set(docs.columns)
    assert len(docs) == len(expected)
    sleman = docs[docs.source_file == "100_dinkes_sleman.pdf"].iloc[0]
    assert sleman.province == "Daerah Istimewa Yogyakarta" and int(sleman.year) == 2021
    assert len(pd.read_parquet(reference / "indicators")) == n_ind
    assert pads.dataset(reference / "documents", partitioning="hive").count_rows() == len(expected)


def test_json_is_the_format_document(reference):
    sample = SAMPLES[0]
    doc = json.loads((reference / "json" / sha(sample)[:2] / f"{sha(sample)}.json").read_text("utf-8"))
    assert doc == process_pdf(str(sample))


def test_manifest_rows(reference, corpus):
    rows = manifest(reference)
    assert len(rows) == 10 and all(r["status"] == "done" and r["error"] is None for r in rows)
    by_path = {Path(r["path"]).name: r for r in rows}
    first = by_path[SAMPLES[0].name]
    assert first["sha256"] == sha(SAMPLES[0]) and first["archive"] is None
    assert first["pages"] == 8 and first["method"] == "text" and first["seconds"] > 0 and first["version"]


def test_rerun_skips_everything_and_records_are_identical(reference, corpus, tmp_path):
    before = records(reference)
    res = iku("batch", corpus, "-o", reference, "--workers", 2, "--json-log")
    assert res.returncode == 0, res.stderr
    summary = json_events(res.stdout)[-1]
    assert summary["event"] == "summary" and summary["converted"] == 0 and summary["skipped"] == 10
    assert records(reference) == before
    # a fresh run of the same inputs writes byte-identical records
    again = tmp_path / "again"
    res = iku("batch", corpus, "-o", again, "--workers", 2)
    assert res.returncode == 0, res.stderr
    assert records(again) == before


# --------------------------------------------------------------------------- bad inputs

@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """A mixed archive (tar.gz) with good and bad documents, a zip with a path-escaping entry inside it,
    loose files, and the batch's JSON log and dataset."""
    base = tmp_path_factory.mktemp("mixed")
    good = [p.read_bytes() for p in SAMPLES[:4]]
    with tarfile.open(base / "archive.tar.gz", "w:gz") as tf:
        _tar_add(tf, "2021/good0.pdf", good[0])
        _tar_add(tf, "2021/corrupt.pdf", good[1][:9] + bytes(range(256)) * 40)
        _tar_add(tf, "2021/encrypted.pdf", _encrypted_pdf())
        _tar_add(tf, "2021/not-a-pdf.pdf", b"Laporan kinerja, bukan PDF.\n" * 20)
        _tar_add(tf, "2021/empty.pdf", b"")
        _tar_add(tf, "2021/notes.txt", b"not a document: ignored")
        zbuf = io.BytesIO()
        with zipfile.ZipFile(zbuf, "w") as zf:
            zf.writestr("../../escaped.pdf", good[2])
            zf.writestr("ok/good1.pdf", good[1])
        _tar_add(tf, "2021/inner.zip", zbuf.getvalue())
    loose = base / "loose"
    loose.mkdir()
    (loose / "good3.pdf").write_bytes(good[3])
    (loose / "copy-of-good0.pdf").write_bytes(good[0])  # same bytes as an archive member
    out = base / "dataset"
    res = iku("batch", base / "archive.tar.gz", str(loose / "*.pdf"), "-o", out, "--workers", 2, "--json-log")
    return {"base": base, "out": out, "res": res, "good": good}


BAD = {"2021/corrupt.pdf": "not a PDF or damaged file",
       "2021/encrypted.pdf": "encrypted PDF (password required)",
       "2021/not-a-pdf.pdf": "not a PDF (no %PDF header)",
       "2021/empty.pdf": "empty file",
       "../../escaped.pdf": "unsafe path in archive"}


def test_mixed_archive_every_bad_one_reported_every_good_one_converted(mixed):
    res, out = mixed["res"], mixed["out"]
    assert res.returncode == 1, res.stderr  # some failed
    rows = {r["path"]: r for r in manifest(out)}
    for path, reason in BAD.items():
        row = rows[path]
        assert row["status"] == "failed" and reason in row["error"], row
        assert "\n" not in row["error"] and len(row["error"]) < 300
    assert rows["../../escaped.pdf"]["archive"].endswith("archive.tar.gz!2021/inner.zip")
    assert rows["../../escaped.pdf"]["sha256"] is None  # refused unread
    good = {"2021/good0.pdf", "ok/good1.pdf", str(mixed["base"] / "loose" / "good3.pdf"),
            str(mixed["base"] / "loose" / "copy-of-good0.pdf")}
    assert {p for p, r in rows.items() if r["status"] == "done"} == good
    assert "2021/notes.txt" not in rows
    assert set(rows) == set(BAD) | good
    assert_exactly_once(out, {sha(SAMPLES[0]), sha(SAMPLES[1]), sha(SAMPLES[3])})
    # the JSON log reports each failure on one line with its reason; the summary groups them
    events = json_events(res.stdout)
    failed = {e["path"]: e["error"] for e in events if e["event"] == "failed"}
    assert set(failed) == set(BAD)
    summary = events[-1]
    assert summary["event"] == "summary" and summary["failed"] == 5 and summary["converted"] == 3
    assert summary["skipped"] == 1  # the loose copy of an archive member: converted once
    # nothing was written outside the dataset
    assert not list(mixed["base"].parent.rglob("escaped.pdf"))
    doc = json.loads(next((out / "json").rglob(f"{sha(SAMPLES[1])}.json")).read_text("utf-8"))
    assert doc["document"]["source_file"] == "good1.pdf"


def test_mixed_summary_table_without_terminal(mixed, tmp_path):
    res = iku("batch", mixed["base"] / "archive.tar.gz", "-o", tmp_path / "ds", "--workers", 2)
    assert res.returncode == 1
    assert "failures by reason" in res.stderr and "encrypted PDF (password required)" in res.stderr
    assert "done" in res.stderr and "skipped" in res.stderr


def test_archive_safety_bounds(tmp_path):
    pdf = SAMPLES[0].read_bytes()
    zpath = tmp_path / "hostile.zip"
    with zipfile.ZipFile(zpath, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("/etc/abs.pdf", pdf)
        zf.writestr("a/../../up.pdf", pdf)
        zf.writestr("C:/win.pdf", pdf)
        zf.writestr("bomb.pdf", b"\0" * (8 << 20))
        zf.writestr("big.pdf", os.urandom(3 << 20))
        zf.writestr("fine.pdf", pdf)
    errors = {e.path: e.error for e in expand([str(zpath)], Limits(max_file_bytes=2 << 20))}
    assert "unsafe path" in errors["/etc/abs.pdf"] and "unsafe path" in errors["a/../../up.pdf"]
    assert "unsafe path" in errors["C:/win.pdf"]
    assert "compression ratio" in errors["bomb.pdf"]
    assert errors["big.pdf"].startswith("too large")
    assert errors["fine.pdf"] is None
    # too many members: the archive is refused as a whole, unread
    [entry] = expand([str(zpath)], Limits(max_archive_members=3))
    assert entry.path == str(zpath) and "members" in entry.error
    # an archive expanding beyond its bound: what is past the bound is not read
    entries = expand([str(zpath)], Limits(max_archive_bytes=len(pdf) - 1, max_file_bytes=2 << 20))
    assert any("expands beyond" in (e.error or "") for e in entries)


def test_nested_archives_and_tar_links(tmp_path):
    pdf = SAMPLES[1].read_bytes()
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("deep.pdf", pdf)
    middle = io.BytesIO()
    with tarfile.open(fileobj=middle, mode="w") as tf:
        _tar_add(tf, "inner.zip", inner.getvalue())
        _tar_add(tf, "mid.pdf", pdf)
    outer = tmp_path / "outer.tar.gz"
    with tarfile.open(outer, "w:gz") as tf:
        _tar_add(tf, "middle.tar", middle.getvalue())
        link = tarfile.TarInfo("link.pdf")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
    got = {e.display: e for e in expand([str(outer)])}  # default depth 2: all read
    deep = got[f"{outer}!middle.tar!inner.zip!deep.pdf"]
    assert deep.error is None and Reader().read(deep) == pdf
    assert "link" in got[f"{outer}!link.pdf"].error
    got = {e.display: e.error for e in expand([str(outer)], Limits(max_depth=1))}
    assert "nested archive deeper than 1" in got[f"{outer}!middle.tar!inner.zip"]
    assert got[f"{outer}!middle.tar!mid.pdf"] is None
    reader = Reader()
    assert [reader.read(e) for e in expand([str(outer)], Limits(max_depth=1)) if not e.error] == [pdf]


def test_missing_input_and_foreign_folder_are_refused(tmp_path):
    res = iku("batch", tmp_path / "nowhere", "-o", tmp_path / "ds")
    assert res.returncode == 2 and "no such file or folder" in res.stderr
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "precious.txt").write_text("keep me")
    res = iku("batch", SAMPLES[0], "-o", foreign)
    assert res.returncode == 2 and "not an iku dataset" in res.stderr
    assert (foreign / "precious.txt").read_text() == "keep me"


def test_one_batch_at_a_time_per_dataset(tmp_path):
    first = Dataset(tmp_path / "ds")
    first.open()
    try:
        with pytest.raises(DatasetError, match="in use"):
            Dataset(tmp_path / "ds").open()
    finally:
        first.close()
    second = Dataset(tmp_path / "ds")
    second.open()
    second.close()


# --------------------------------------------------------------------------- isolation

def test_crash_hang_and_memory_exhaustion_are_isolated(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    names = ["abort", "segv", "hang", "oom", "flaky", "fine"]
    for i, name in enumerate(names):  # the fault plugin fails a document named fault-ACTION by ACTION
        (src / f"fault-{name}.pdf").write_bytes(variant(SAMPLES[i % len(SAMPLES)].read_bytes(), i))
    out = tmp_path / "ds"
    t0 = time.monotonic()
    res = iku("batch", src, "-o", out, "--workers", 2, "--timeout", 3, "--retries", 1, "--memory-limit", 3072,
              "--json-log", "--plugin", FAULTS_PLUGIN)
    assert res.returncode == 1, res.stderr
    assert time.monotonic() - t0 < 60
    rows = {Path(r["path"]).stem.removeprefix("fault-"): r for r in manifest(out)}
    assert "SIGABRT" in rows["abort"]["error"] and rows["abort"]["error_kind"] == "crash"
    assert "SIGSEGV" in rows["segv"]["error"]
    assert rows["hang"]["error"] == "timed out after 3 s (worker killed)" and rows["hang"]["error_kind"] == "timeout"
    assert rows["oom"]["error"] == "out of memory (limit 3072 MiB)" and rows["oom"]["error_kind"] == "memory"
    for name in ("abort", "segv", "hang", "oom"):
        assert rows[name]["status"] == "failed" and rows[name]["attempts"] == 2  # retried once, then given up
    assert rows["flaky"]["status"] == "done" and rows["flaky"]["attempts"] == 2  # a transient crash: retried
    assert rows["fine"]["status"] == "done" and rows["fine"]["attempts"] == 1
    retries = [e for e in json_events(res.stdout) if e["event"] == "retry"]
    assert len(retries) == 5
    assert_exactly_once(out, {rows["flaky"]["sha256"], rows["fine"]["sha256"]})
    # without the faults, a rerun converts the documents that failed and skips the others
    res = iku("batch", src, "-o", out, "--workers", 2, "--json-log")
    assert res.returncode == 0, res.stderr
    summary = json_events(res.stdout)[-1]
    assert summary["converted"] == 4 and summary["skipped"] == 2


def test_plugins_are_loaded_by_name_and_a_bad_one_stops_the_batch(tmp_path):
    assert [m.__name__ for m in load([FAULTS_PLUGIN]).modules] == [FAULTS_PLUGIN]
    with pytest.raises(PluginError, match="cannot be imported"):
        load(["plugins.no_such_plugin"])
    with pytest.raises(PluginError, match="defines none of the hooks"):
        load(["json"])
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.pdf").write_bytes(SAMPLES[0].read_bytes())
    res = iku("batch", src, "-o", tmp_path / "ds", "--workers", 1, "--plugin", "plugins.no_such_plugin")
    assert res.returncode == 2
    assert "plugin 'plugins.no_such_plugin' cannot be imported" in res.stderr


# --------------------------------------------------------------------------- exactly once

def _kill_mid_batch(corpus: Path, out: Path, after_done: int | None, after_seconds: float) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "iku.pipeline.cli", "batch", str(corpus), "-o", str(out),
                             "--workers", "2", "--json-log"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if after_done is None:
        time.sleep(after_seconds)
    else:
        done = 0
        for line in proc.stdout:
            done += json.loads(line)["event"] == "done"
            if done >= after_done:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    deadline = time.monotonic() + 10
    while worker_processes(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not worker_processes(proc.pid), "workers outlived their killed batch"


# a kill after most of the batch is done is the same resume as after one, with more to skip:
# in the slow run (the default run's time goes to the two other moments)
@pytest.mark.parametrize("after_done,after_seconds", [(None, 1.2), (1, 0), pytest.param(7, 0, marks=pytest.mark.slow)],
                         ids=["while-starting", "after-1-done", "after-7-done"])
def test_sigkill_mid_batch_then_resume_is_exactly_once(corpus, reference, tmp_path, after_done, after_seconds):
    out = tmp_path / "ds"
    _kill_mid_batch(corpus, out, after_done, after_seconds)
    res = iku("batch", corpus, "-o", out, "--workers", 2, "--json-log")
    assert res.returncode == 0, res.stderr
    summary = json_events(res.stdout)[-1]
    if after_done:
        assert summary["skipped"] >= after_done
    assert summary["converted"] >= 1, "the kill came after the batch had finished"
    assert summary["converted"] + summary["skipped"] == 10
    assert_exactly_once(out, {sha(p) for p in corpus.glob("*.pdf")})
    assert records(out) == records(reference)
    assert not list((out / "_manifest").glob("*.jsonl"))


@pytest.mark.slow
def test_sigkill_at_random_moments_repeatedly(corpus, reference, tmp_path):
    """Kill the same batch again and again at random moments, then let it finish: still exactly once."""
    import random
    rng = random.Random(7)
    out = tmp_path / "ds"
    for _ in range(12):
        _kill_mid_batch(corpus, out, None, rng.uniform(0.3, 4.0))
    res = iku("batch", corpus, "-o", out, "--workers", 2)
    assert res.returncode == 0, res.stderr
    assert_exactly_once(out, {sha(p) for p in corpus.glob("*.pdf")})
    assert records(out) == records(reference)


def test_resume_reconciles_leftovers(reference, corpus, tmp_path):
    """What a kill can leave: outputs not yet recorded, temporary files, a cut log line, lost outputs."""
    out = tmp_path / "ds"
    shutil.copytree(reference, out)
    (out / ".lock").unlink()
    victim = sha(SAMPLES[2])
    recorded = next(r for r in manifest(out) if r["sha256"] == victim)
    # outputs of a document never recorded (with a stale copy in another partition)
    stray = out / "indicators" / "province=unknown" / "year=unknown" / f"part-{'0' * 64}.parquet"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"half")
    dup = out / "documents" / "province=unknown" / "year=unknown" / f"part-{victim}.parquet"
    dup.parent.mkdir(parents=True, exist_ok=True)
    dup.write_bytes(b"stale")
    (out / "json" / "ff").mkdir(exist_ok=True)
    (out / "json" / "ff" / ".x.json.123.tmp").write_bytes(b"{")
    # a log whose last line was cut
    (out / "_manifest").mkdir(exist_ok=True)
    (out / "_manifest" / "00000000000000000001-1.jsonl").write_bytes(b'{"sha256": "ab", "path": "x.pdf", "sta')
    # a recorded document whose JSON vanished
    lost = sha(SAMPLES[4])
    next((out / "json").rglob(f"{lost}.json")).unlink()
    res = iku("batch", corpus, "-o", out, "--workers", 2, "--json-log")
    assert res.returncode == 0, res.stderr
    summary = json_events(res.stdout)[-1]
    assert summary["converted"] == 2 and summary["skipped"] == 8  # the victim (duplicated parts) and the lost one
    assert_exactly_once(out, {sha(p) for p in corpus.glob("*.pdf")})
    assert records(out) == records(reference)
    assert recorded["path"] in {r["path"] for r in manifest(out)}


def test_renamed_file_is_skipped_changed_file_is_redone(tmp_path):
    src = tmp_path / "in"
    make_corpus(src, 3)
    out = tmp_path / "ds"
    assert iku("batch", src, "-o", out, "--workers", 2).returncode == 0
    first = src / SAMPLES[0].name
    old_sha = sha(first)
    first.rename(src / "renamed.pdf")
    res = iku("batch", src, "-o", out, "--workers", 2, "--json-log")
    summary = json_events(res.stdout)[-1]
    assert summary["converted"] == 0 and summary["skipped"] == 3
    rows = {Path(r["path"]).name: r for r in manifest(out)}
    assert rows["renamed.pdf"]["sha256"] == old_sha and rows["renamed.pdf"]["status"] == "done"
    # change a file: converted again, and its old content leaves the dataset
    second = src / SAMPLES[1].name
    before = sha(second)
    second.write_bytes(variant(second.read_bytes(), 99))
    res = iku("batch", src, "-o", out, "--workers", 2, "--json-log")
    summary = json_events(res.stdout)[-1]
    assert summary["converted"] == 1 and summary["skipped"] == 2
    expected = {old_sha, sha(second), sha(src / SAMPLES[2].name)}
    assert_exactly_once(out, expected)
    assert before not in {r["sha256"] for r in manifest(out)}


# --------------------------------------------------------------------------- units

def test_manifest_log_folding_survives_a_cut_line_and_a_second_fold(tmp_path):
    m = Manifest(tmp_path)
    m.load()
    m.open_log()
    m.record({"sha256": "a" * 64, "path": "x.pdf", "status": "done", "pages": 2})
    m.close_log()
    log = next((tmp_path / "_manifest").glob("*.jsonl"))
    with open(log, "ab") as fh:
        fh.write(b'{"sha256": "b", "path": "y.pdf", "st')  # killed mid-line
    m2 = Manifest(tmp_path)
    m2.load()
    assert list(m2.rows) == [("", "x.pdf")]
    m2.fold()
    assert not list((tmp_path / "_manifest").glob("*.jsonl"))
    m3 = Manifest(tmp_path)
    m3.load()
    assert m3.rows[("", "x.pdf")]["pages"] == 2 and set(m3.done_rows()) == {"a" * 64}


PINNED_V1 = {
    "indicators": "document_sha256:string source_file:string record_index:int32 group:string no:string "
                  "sasaran:string indikator:string penjelasan:string alasan:string formulasi:string satuan:string "
                  "tipe_perhitungan:string penanggung_jawab:string sumber_data:string program:string "
                  "keterangan:string sasaran_daerah:string indikator_daerah:string extra:string "
                  "pages:list<item: int32> confidence:float confidence_reasons:list<item: string> "
                  # version 2: the field confidences (docs/FORMAT.md "Confidence and verdict")
                  "field_confidence:map<string, float>",
    "documents": "document_sha256:string source_file:string agency:string region:string region_level:string "
                 "period_start:int32 period_end:int32 decree_number:string decree_date:string "
                 "signatory_name:string signatory_nip:string pages:int32 method:string indicators:int32 "
                 # version 2: the document's verdict
                 "verdict:string verdict_reasons:list<item: string>",
    # version 2: typed targets (docs/FORMAT.md "targets")
    "targets": "document_sha256:string source_file:string record_index:int32 kind:string value_year:int32 "
               "quarter:int32 value:double value_text:string unit:string column:string page:int32",
}


def test_dataset_schema_is_pinned_to_its_version():
    """The batch dataset's columns come from pipeline/writers.py: a change there changes the dataset.
    Then bump DATASET_SCHEMA_VERSION (pipeline/batch/dataset.py), document it, and pin the new columns here."""
    from iku.pipeline.batch.dataset import DATASET_SCHEMA_VERSION, TABLES
    assert DATASET_SCHEMA_VERSION == 2
    for name, schema in TABLES.items():
        assert " ".join(f"{f.name}:{f.type}" for f in schema) == PINNED_V1[name], name


def test_partition_values():
    assert partition_values({"document": {"province": "Jawa Barat", "period_start": 2019}}) == ("Jawa Barat", "2019")
    assert partition_values({"document": {"province": None, "decree_date": "2021-09"}}) == ("unknown", "2021")
    # an unknown year is hive's null, so that `year` is an integer partition in every dataset
    assert partition_values({"document": {"province": "A/B", "period_start": None}}) == ("A_B", "__HIVE_DEFAULT_PARTITION__")
