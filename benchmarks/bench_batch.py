"""Batch benchmark: `iku batch` on a synthetic archive, with 1 worker then 2 workers, in one run.

The archive (a zip) holds N documents (default 210): copies of the bundled
samples, each varied by a trailing PDF comment so that every copy is a
different document to the batch (its own SHA-256). Digital samples always;
scanned samples too when samples/scanned/ exists. Each run converts the whole
archive into a fresh dataset, as its own `iku batch` process; a sampler reads
/proc every 50 ms for the memory of that process and all its children
(workers included). Printed: documents/min, pages/min, peak memory of the
whole run (sum of PSS, and of RSS, over the process tree), and the speed-up
from 1 to 2 workers. The two datasets are checked to hold the same records.

    .venv/bin/python benchmarks/bench_batch.py [--documents N] [--ray] [--no-save]

The output is also written to benchmarks/results/batch.txt (unless --no-save).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "batch.txt"


def sample_pdfs() -> tuple[list[Path], list[Path]]:
    digital = sorted((ROOT / "samples" / "digital").glob("*.pdf"))
    scanned_dir = ROOT / "samples" / "scanned"
    scanned = sorted(scanned_dir.glob("*.pdf")) if scanned_dir.is_dir() else []
    return digital, scanned


def build_archive(path: Path, count: int, digital: list[Path], scanned: list[Path] = (),
                  scanned_share: float = 0.0) -> int:
    """The zip; every round(1 / scanned_share)-th document a scan when there are scans. Returns the scans."""
    every = round(1 / scanned_share) if scanned and scanned_share > 0 else 0
    n_scanned = 0
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        for i in range(count):
            if every and i % every == every - 1:
                src = scanned[n_scanned % len(scanned)]
                n_scanned += 1
            else:
                src = digital[(i - n_scanned) % len(digital)]
            data = src.read_bytes() + f"\n%iku-bench copy {i}\n".encode()
            zf.writestr(f"agency-{i % 17:02d}/{i:04d}-{src.name}", data)
    return n_scanned


def snapshot(dest: Path) -> Path:
    """A copy of the project's code, so that edits made while the benchmark runs do not reach it."""
    # laid out as installed: iku/ (the API) with the three folders as iku.pipeline, ...
    shutil.copytree(ROOT / "iku", dest / "iku", ignore=shutil.ignore_patterns("__pycache__"))
    for pkg in ("pipeline", "extractors", "normalizers"):
        shutil.copytree(ROOT / pkg, dest / "iku" / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


# --------------------------------------------------------------------------- memory of a process tree

def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids.setdefault(ppid, []).append(int(d))
    return kids


def _tree(pid: int) -> list[int]:
    kids, out, todo = _children_map(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _memory_kib(pid: int) -> tuple[int, int]:
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


class TreeSampler(threading.Thread):
    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_pss = self.peak_rss = self.peak_procs = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            pids = _tree(self.pid)
            mem = [_memory_kib(p) for p in pids]
            self.peak_pss = max(self.peak_pss, sum(m[0] for m in mem))
            self.peak_rss = max(self.peak_rss, sum(m[1] for m in mem))
            self.peak_procs = max(self.peak_procs, len(pids))
            self._halt.wait(self.every)

    def stop(self) -> None:
        self._halt.set()
        self.join()


# --------------------------------------------------------------------------- one run

def run_batch(archive: Path, out: Path, workers: int, executor: str = "local", code: Path = ROOT) -> dict:
    cmd = [sys.executable, "-m", "iku.pipeline.cli", "batch", str(archive), "-o", str(out), "--workers", str(workers),
           "--json-log", "--executor", executor]
    env = {**os.environ, "PYTHONPATH": str(code), "PYTHONWARNINGS": "ignore"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.stop()
    events = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    if not events or events[-1].get("event") != "summary":
        raise SystemExit(f"batch with {workers} workers failed:\n{stderr[-2000:]}")
    summary = events[-1]
    return {"workers": workers, "executor": executor, "wall": wall, "documents": summary["converted"],
            "failed": summary["failed"], "pages": summary["pages"],
            "peak_pss_mib": sampler.peak_pss / 1024, "peak_rss_mib": sampler.peak_rss / 1024,
            "processes": sampler.peak_procs}


def records(dataset: Path) -> dict[str, bytes]:
    return {str(p.relative_to(dataset)): p.read_bytes() for top in ("json", "indicators", "documents")
            for p in sorted((dataset / top).rglob("*")) if p.is_file()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=210, help="documents in the synthetic archive (>= 200)")
    ap.add_argument("--scanned-share", type=float, default=0.1,
                    help="share of scanned copies when samples/scanned/ exists (OCR is slow)")
    ap.add_argument("--ray", action="store_true", help="also run the Ray executor (a local instance, 2 CPUs)")
    ap.add_argument("--no-save", action="store_true", help=f"do not write {RESULTS.relative_to(ROOT)}")
    args = ap.parse_args()

    if args.documents < 200:
        print("note: the benchmark's figures are for >= 200 documents", file=sys.stderr)
    digital, scanned = sample_pdfs()
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    with tempfile.TemporaryDirectory(prefix="iku-bench-batch-") as tmp:
        tmp = Path(tmp)
        archive = tmp / "archive.zip"
        code = snapshot(tmp / "code")
        n_scanned = build_archive(archive, args.documents, digital, scanned, args.scanned_share)
        say(f"iku batch benchmark: {args.documents} documents in one zip "
            f"({archive.stat().st_size / 2**20:.1f} MiB), varied copies of {len(digital)} digital samples"
            + (f" and of {len(scanned)} scanned samples ({n_scanned} scanned documents)" if n_scanned
               else " (digital only: no samples/scanned/)"))
        say(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            f"load average before: {os.getloadavg()[0]:.2f}")
        say("")
        runs = [run_batch(archive, tmp / "w1", 1, code=code), run_batch(archive, tmp / "w2", 2, code=code)]
        if args.ray:
            runs.append(run_batch(archive, tmp / "ray", 2, executor="ray", code=code))
        load_after = os.getloadavg()
        same = records(tmp / "w1") == records(tmp / "w2") and (not args.ray or records(tmp / "ray") == records(tmp / "w1"))
        say(f"{'run':<20} {'docs':>5} {'pages':>6} {'failed':>6} {'wall s':>8} {'docs/min':>9} {'pages/min':>10} "
            f"{'peak PSS MiB':>13} {'peak RSS MiB':>13} {'procs':>6}")
        for r in runs:
            label = f"{r['executor']}, {r['workers']} worker{'s' if r['workers'] > 1 else ''}"
            say(f"{label:<20} {r['documents']:>5} {r['pages']:>6} {r['failed']:>6} {r['wall']:>8.1f} "
                f"{60 * r['documents'] / r['wall']:>9.1f} {60 * r['pages'] / r['wall']:>10.1f} "
                f"{r['peak_pss_mib']:>13.0f} {r['peak_rss_mib']:>13.0f} {r['processes']:>6}")
        say("")
        say(f"speed-up 1 -> 2 workers: {runs[0]['wall'] / runs[1]['wall']:.2f}x")
        say(f"records identical across runs: {'yes' if same else 'NO'}")
        say(f"load average after (1/5/15 min): {load_after[0]:.2f} / {load_after[1]:.2f} / {load_after[2]:.2f} "
            f"(above {os.cpu_count()}: other work shared the cores)")
        say("(wall time of the whole command: start-up, archive reading, conversion, writing; peak memory: "
            "sum over the batch process and all its children, sampled every 50 ms)")
    if not args.no_save:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text("\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    main()
