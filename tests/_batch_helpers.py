"""Helpers shared by the `iku batch` tests (test_batch.py, test_batch_ray.py)."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
# the test plugin that makes workers crash, hang or run out of memory on chosen documents (tests/plugins/)
FAULTS_PLUGIN = "plugins.batch_faults"
# child processes import the project from ROOT and the test plugins (`plugins.*`) from tests/
PYTHONPATH = os.pathsep.join([str(ROOT), str(TESTS)])
SAMPLES = sorted((ROOT / "samples" / "digital").glob("*.pdf"))
RECORD_DIRS = ("json", "indicators", "documents", "targets")


def variant(data: bytes, n: int) -> bytes:
    """The same PDF with different bytes (a trailing comment): a different document to the batch."""
    return data + f"\n%iku-variant {n}\n".encode()


def make_corpus(folder: Path, count: int) -> list[Path]:
    """`count` PDFs: the digital samples, then variants of them."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        src = SAMPLES[i % len(SAMPLES)]
        data = src.read_bytes()
        if i >= len(SAMPLES):
            data = variant(data, i)
        path = folder / (src.name if i < len(SAMPLES) else f"{src.stem}-v{i}.pdf")
        path.write_bytes(data)
        paths.append(path)
    return paths


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def iku(*args, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "iku.pipeline.cli", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": PYTHONPATH, **(env or {})})


def json_events(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def records(dataset: Path) -> dict[str, bytes]:
    """Every record file of a dataset (JSON and Parquet parts), by relative path."""
    out = {}
    for top in RECORD_DIRS:
        for p in sorted((dataset / top).rglob("*")):
            if p.is_file():
                out[str(p.relative_to(dataset))] = p.read_bytes()
    return out


def manifest(dataset: Path) -> list[dict]:
    return pq.read_table(dataset / "manifest.parquet").to_pylist()


def assert_exactly_once(dataset: Path, expected: set[str]) -> None:
    """Each expected document once in every part of the dataset, nothing else, no temporary file."""
    assert not [p for p in dataset.rglob("*") if p.name.endswith(".tmp")]
    docs = pq.ParquetDataset(dataset / "documents").read().column("document_sha256").to_pylist()
    assert sorted(docs) == sorted(expected), "documents: each document exactly once"
    inds = pq.ParquetDataset(dataset / "indicators").read().column("document_sha256").to_pylist()
    jsons = {p.stem: p for p in (dataset / "json").rglob("*.json")}
    assert set(jsons) == expected
    for digest, path in jsons.items():
        assert inds.count(digest) == len(json.loads(path.read_text("utf-8"))["indicators"])
    done = [r for r in manifest(dataset) if r["status"] == "done"]
    assert {r["sha256"] for r in done} == expected


def worker_processes(parent_pid: int) -> list[int]:
    """Sandbox children started by the batch process `parent_pid` that are still alive."""
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            argv = (d / "cmdline").read_bytes().split(b"\0")
            state = (d / "stat").read_text().split(") ")[-1][:1]
        except OSError:
            continue
        if b"pipeline.batch.worker" in argv and str(parent_pid).encode() in argv and state != "Z":
            found.append(int(d.name))
    return found
