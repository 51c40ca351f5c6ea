"""OCR-path benchmark: iku against ocrmypdf + camelot and bare tesseract, in one run.

Per scan quality (scan300 / scan200 / scan150 samples, built by
samples/generate_scans.py), three methods on the same files:

* iku        — the pipeline (`pipeline.process.process_pdf`): render, clean,
               grid, one tesseract call per page, post-correction, normalizers;
               its page pool of 2 workers, tesseract single-threaded.
* ocrmypdf   — `ocrmypdf -l ind+eng --jobs 2` (a text layer over each page),
               then camelot (lattice) on the OCRed PDF; its tables mapped
               naively (cell texts, no merged cells) into the same table model
               and records, its text layer into the metadata reader.
* tesseract  — bare `tesseract IMAGE - -l eng+ind tsv` on the same 300 dpi page
               images, two at a time, OMP_THREAD_LIMIT=1: the time floor.

Accuracy: record F1 and field micro-F1 (pipeline/evaluate.py) against the
gold beside each scan. Time: wall seconds per page. Memory: peak RSS of the
method's whole process tree (sampled from /proc every 50 ms).

    .venv/bin/python benchmarks/bench_ocr.py [--scans DIR] [--docs STEM ...] [--out FILE] [--skip-ocrmypdf]

Without --scans the scans are built into a temporary folder first (untimed).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
QUALITIES = ("scan300", "scan200", "scan150")


# --------------------------------------------------------------------------- measuring

def _tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as fh:
                parts = fh.read().rsplit(")", 1)[1].split()
            ppid, pages = int(parts[1]), int(parts[21])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d))
        rss[int(d)] = pages * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def run_measured(cmd: list[str], env: dict | None = None) -> tuple[float, int, subprocess.CompletedProcess]:
    """(wall seconds, peak tree RSS bytes, result) of a command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            stop.wait(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    stop.set()
    th.join()
    return time.perf_counter() - t0, peak, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


# --------------------------------------------------------------------------- the methods

IKU_CHILD = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
from pipeline.process import Pipeline
out = sys.argv[2]
paths = sys.argv[3:]
pipe = Pipeline()
for i, p in enumerate(paths):
    if i + 1 < len(paths):
        pipe.prefetch(paths[i + 1])  # as the `iku extract` command does
    doc = pipe.run(p).to_dict()
    with open(os.path.join(out, os.path.basename(p)[:-4] + ".json"), "w") as fh:
        json.dump(doc, fh, ensure_ascii=False)
"""

CAMELOT_CHILD = r"""
import json, os, sys, warnings
warnings.filterwarnings("ignore")
sys.path.insert(0, sys.argv[1])
import camelot
from extractors.model import Cell, ExtractedDocument, Table
from extractors.pdf_text import read_page_texts
from normalizers.confidence import ConfidenceSettings, rate_records
from normalizers.metadata import extract_metadata
from normalizers.records import build_records
from pipeline.process import assemble
out = sys.argv[2]
for ocred, name in zip(sys.argv[3::2], sys.argv[4::2]):
    doc = ExtractedDocument(path=ocred, pages=read_page_texts(ocred))
    try:
        found = camelot.read_pdf(ocred, pages="all", flavor="lattice")
    except Exception:
        found = []
    for t in found:
        page = int(t.page)
        rows = [[Cell(text=str(v), page=page, engine="ocr", confidence=1.0) for v in row]
                for row in t.df.values.tolist()]
        if rows and len(rows[0]) >= 2:
            doc.tables.append(Table(rows=rows, page=page, engine="ocr"))
    records = rate_records(build_records(doc), ConfidenceSettings())
    result = assemble(name, doc, records, extract_metadata([p.text for p in doc.pages])).to_dict()
    with open(os.path.join(out, name[:-4] + ".json"), "w") as fh:
        json.dump(result, fh, ensure_ascii=False)
"""


def bench_iku(pdfs: list[Path], out: Path) -> tuple[float, int]:
    wall, peak, res = run_measured([sys.executable, "-c", IKU_CHILD, str(ROOT), str(out)] + [str(p) for p in pdfs])
    if res.returncode:
        raise RuntimeError(res.stderr[-2000:])
    return wall, peak


def bench_ocrmypdf(pdfs: list[Path], out: Path, work: Path) -> tuple[float, int]:
    ocrmypdf = shutil.which("ocrmypdf") or str(Path(sys.executable).with_name("ocrmypdf"))
    wall = 0.0
    peak = 0
    pairs = []
    for p in pdfs:
        target = work / f"{p.stem}.ocr.pdf"
        w, m, res = run_measured([ocrmypdf, "-q", "-l", "ind+eng", "--jobs", "2", "--output-type", "pdf",
                                  "--optimize", "0", str(p), str(target)], env={"OMP_THREAD_LIMIT": "1"})
        if res.returncode:
            raise RuntimeError(res.stderr[-2000:])
        wall += w
        peak = max(peak, m)
        pairs += [str(target), p.name]
    w, m, res = run_measured([sys.executable, "-c", CAMELOT_CHILD, str(ROOT), str(out)] + pairs)
    if res.returncode:
        raise RuntimeError(res.stderr[-2000:])
    return wall + w, max(peak, m)


def page_images(pdfs: list[Path], work: Path) -> list[Path]:
    """The 300 dpi grayscale page images (the ones iku renders), untimed."""
    from extractors.raster import render
    import cv2
    import pypdfium2 as pdfium

    images = []
    for p in pdfs:
        n = len(pdfium.PdfDocument(str(p)))
        for i in range(n):
            img, _, _ = render(str(p), i)
            path = work / f"{p.stem}-{i + 1}.png"
            cv2.imwrite(str(path), img)
            images.append(path)
    return images


def bench_tesseract(images: list[Path]) -> tuple[float, int]:
    """Two tesseract processes at a time, single-threaded, over all images."""
    script = ("import subprocess, sys\nfrom concurrent.futures import ThreadPoolExecutor\n"
              "run = lambda p: subprocess.run(['tesseract', p, '-', '-l', 'eng+ind', 'tsv'], "
              "capture_output=True, check=True)\n"
              "with ThreadPoolExecutor(2) as ex: list(ex.map(run, sys.argv[1:]))\n")
    wall, peak, res = run_measured([sys.executable, "-c", script] + [str(i) for i in images],
                                   env={"OMP_THREAD_LIMIT": "1"})
    if res.returncode:
        raise RuntimeError(res.stderr[-2000:])
    return wall, peak


def scores(pdfs: list[Path], pred: Path) -> tuple[float, float]:
    from pipeline.evaluate import evaluate

    gold = pred.parent / (pred.name + "-gold")
    gold.mkdir(exist_ok=True)
    for p in pdfs:
        shutil.copy(p.with_suffix(".json"), gold)
    totals = evaluate(gold, pred).to_dict()["totals"]
    return totals["records"]["f1"], totals["micro"]["f1"]


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> str:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scans", type=Path, help="folder with <stem>-scanNNN.pdf and gold .json (default: build)")
    ap.add_argument("--docs", nargs="*", help="sample stems to use (default: all)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "ocr.txt")
    ap.add_argument("--skip-ocrmypdf", action="store_true",
                    help="leave out the ocrmypdf+camelot baseline (quick runs while working on iku)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-ocr-"))
    try:
        scans = args.scans
        if scans is None:
            sys.path.insert(0, str(ROOT / "samples"))
            import generate_scans
            scans = tmp / "scans"
            generate_scans.build(scans, everything=True)
        lines = [f"OCR benchmark, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M')}; "
                 f"iku and ocrmypdf with 2 workers, tesseract 2 processes, OMP_THREAD_LIMIT=1",
                 "documents: " + (" ".join(args.docs) if args.docs else "every sample"),
                 "",
                 f"{'quality':8} {'method':22} {'pages':>5} {'s/page':>7} {'peak MB':>8} {'rec F1':>7} {'fld F1':>7}"]
        for quality in QUALITIES:
            pdfs = sorted(p for p in scans.glob(f"*-{quality}.pdf")
                          if not args.docs or p.stem.rsplit("-", 1)[0] in args.docs)
            if not pdfs:
                continue
            work = tmp / quality
            work.mkdir()
            images = page_images(pdfs, work)
            n = len(images)
            rows = []
            pred = work / "iku"
            pred.mkdir()
            wall, peak = bench_iku(pdfs, pred)
            rows.append(("iku", wall, peak) + scores(pdfs, pred))
            if not args.skip_ocrmypdf:
                pred = work / "ocrmypdf"
                pred.mkdir()
                wall, peak = bench_ocrmypdf(pdfs, pred, work)
                rows.append(("ocrmypdf+camelot", wall, peak) + scores(pdfs, pred))
            wall, peak = bench_tesseract(images)
            rows.append(("tesseract (floor)", wall, peak, None, None))
            floor = rows[-1][1] / n
            for name, wall, peak, rec, fld in rows:
                acc = f"{rec:7.3f} {fld:7.3f}" if rec is not None else f"{'-':>7} {'-':>7}"
                lines.append(f"{quality:8} {name:22} {n:5d} {wall / n:7.2f} {peak / 2**20:8.0f} {acc}")
            lines.append(f"{'':8} iku time / tesseract time: {rows[0][1] / n / floor:.2f}x")
        report = "\n".join(lines)
        print(report)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report + "\n", encoding="utf-8")
        return report
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
