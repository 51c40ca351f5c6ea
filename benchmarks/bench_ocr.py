"""OCR engines side by side: bare tesseract against iku with each engine, in one run.

On the same scanned documents (default: the holdout scans, ../shared/holdout-1/<doc>/
scanNNN.pdf with their gold), one page at a time (one worker, one thread each):

* tesseract (floor) — bare `tesseract IMAGE - -l eng+ind --psm 3 tsv`, one process
                      at a time, OMP_THREAD_LIMIT=1, on the 300 dpi page images iku
                      renders: the time floor;
* iku tesseract     — the pipeline with engine=tesseract (libtesseract in-process);
* iku auto          — engine=auto with the default settings;
* iku auto-regions  — auto with OcrSettings.auto_regions on (tesseract; on pages it reads
                      unsurely rapidocr reads only the lines read unsurely and the text
                      passed over; "rapidocr N" counts those pages);
* iku auto-page     — auto with auto_regions off (rapidocr reads every page tesseract
                      reads unsurely, whole);
* iku rapidocr      — engine=rapidocr on every page;
* ocrmypdf+camelot  — with --ocrmypdf only.

Qualities: the holdout's scan300 / scan200 / scan150, and `clean300`: the same documents'
digital PDFs scanned here (untimed) as a good flatbed scan at 300 dpi with no degradation
beyond the scanner's own (samples/generator/scan.py with CLEAN_300: upright, sharp, JPEG
85, light dust and grain; no shadow, stamp, bleed-through or rotation), gold the digital
gold: the "clean 300 dpi scans" of issue 12's cost line.

Accuracy: record F1 and field micro-F1 (pipeline/evaluate.py) against the gold.
Time: wall seconds per page (the machine's other load is in the header and last lines)
and CPU seconds per page (user + system of the method's processes: the fair figure on a
shared machine), each also against the floor ("x floor"). Both are of a fresh process
reading the documents once: its imports and model loads are in them. "warm CPU": the same
worker reads the same documents a second time (outputs compared with the first read): what
a page costs in a long batch, where a worker loads its models once. The bare command loads
its model on every page, so its warm figure is its own.
Memory: peak RSS of the largest single process of the method (per worker) and of
its whole process tree. For "auto", how many pages each engine read.

    .venv/bin/python benchmarks/bench_ocr.py [--styles clean300,scan300,scan150] [--docs a,b] [--out FILE]
    .venv/bin/python benchmarks/bench_ocr.py --scans DIR   # <stem>-scanNNN.pdf + <stem>-scanNNN.json

"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


# --------------------------------------------------------------------------- measuring

def _tree_rss(root: int) -> tuple[int, int]:
    """Resident memory (bytes) of a process and all its descendants: (total, largest one)."""
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
    total, largest, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        largest = max(largest, rss.get(pid, 0))
        todo.extend(children.get(pid, []))
    return total, largest


def run_measured(cmd: list[str], env: dict | None = None) -> tuple[float, tuple[int, int], subprocess.CompletedProcess]:
    """(wall seconds, (peak tree RSS, peak RSS of one process) bytes, result) of a command;
    its CPU seconds (user + system, with the processes it waited for) in LAST_CPU."""
    global LAST_CPU
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    peak = [0, 0]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            total, largest = _tree_rss(proc.pid)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)
            stop.wait(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    stop.set()
    th.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - t0, (peak[0], peak[1]), subprocess.CompletedProcess(cmd, proc.returncode, out, err)


# CPU seconds (user + system) of the last run_measured command and the processes it waited for:
# on a shared machine the fair figure (wall seconds grow with the other jobs' load)
LAST_CPU = 0.0


# --------------------------------------------------------------------------- the methods

# the pipeline on each PDF (argv: root, out dir, then name pdf pairs), one worker: the
# pages are read in this process one after another; counts which engine read each page
IKU_CHILD = r"""
import collections, json, os, sys
sys.path.insert(0, sys.argv[1])
from iku.extractors import scanned
from iku.pipeline.process import Pipeline
chosen = collections.Counter()
if os.environ.get("IKU_BENCH_REGIONS"):  # "auto-regions" / "auto-page": auto with auto_regions on / off
    make = scanned.make_engine
    def make_regions(settings):
        engine = make(settings)
        engine.regions = os.environ["IKU_BENCH_REGIONS"] == "1"
        return engine
    scanned.make_engine = make_regions
extract = scanned.extract_page
def counted(*a, **k):
    result = extract(*a, **k)
    chosen[result.engine] += 1
    return result
scanned.extract_page = counted
import resource, time
def cpu():
    return sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for f in ("ru_utime", "ru_stime"))
out = sys.argv[2]
docs = list(zip(sys.argv[3::2], sys.argv[4::2]))
with Pipeline() as pipe:
    read = {}
    for name, path in docs:
        read[name] = pipe.run(path).to_dict()
        with open(os.path.join(out, name + ".json"), "w") as fh:
            json.dump(read[name], fh, ensure_ascii=False)
    # the warm figure: the same pages read again by this worker, its imports done and models
    # loaded, as in a long batch (what the process's own total adds once per worker)
    once = dict(chosen)
    start, t0 = cpu(), time.perf_counter()
    same = sum(pipe.run(path).to_dict() == read[name] for name, path in docs)
    warm, warm_wall = cpu() - start, time.perf_counter() - t0
print(json.dumps({"chosen": once, "warm_cpu": warm, "warm_wall": warm_wall, "same": same}))
"""

CAMELOT_CHILD = r"""
import json, os, sys, warnings
warnings.filterwarnings("ignore")
sys.path.insert(0, sys.argv[1])
import camelot
from iku.extractors.model import Cell, ExtractedDocument, Table
from iku.extractors.pdf_text import read_page_texts
from iku.normalizers.confidence import ConfidenceSettings, rate_records
from iku.normalizers.metadata import extract_metadata
from iku.normalizers.records import build_records
from iku.pipeline.process import assemble
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


def bench_iku(items: list[tuple], out: Path, engine: str) -> tuple[float, tuple[int, int], dict, float]:
    """(wall, peaks, pages read by each engine, warm (CPU s, wall s)) of the pipeline with one
    engine, one worker. Wall, peaks, LAST_CPU and the outputs are the first read of the documents
    by a fresh process (imports and model loads included); warm is the second read of the same
    documents by the same process (the cost a page adds to a long batch)."""
    args = [v for name, pdf, _ in items for v in (name, str(pdf))]
    env = {"IKU_OCR_ENGINE": engine, "IKU_OCR_WORKERS": "1", "OMP_THREAD_LIMIT": "1"}
    if engine in ("auto-regions", "auto-page"):
        env.update(IKU_OCR_ENGINE="auto", IKU_BENCH_REGIONS="1" if engine == "auto-regions" else "0")
    wall, peak, res = run_measured([sys.executable, "-c", IKU_CHILD, str(ROOT), str(out)] + args, env=env)
    if res.returncode:
        raise RuntimeError(res.stderr[-2000:])
    report = json.loads(res.stdout.strip().splitlines()[-1])
    if report["same"] != len(items):
        print(f"  note: the second read differed from the first on {len(items) - report['same']} document(s)")
    wall -= report["warm_wall"]
    global LAST_CPU
    LAST_CPU -= report["warm_cpu"]
    return wall, peak, report["chosen"], (report["warm_cpu"], report["warm_wall"])


def bench_ocrmypdf(items: list[tuple], out: Path, work: Path) -> tuple[float, tuple[int, int]]:
    ocrmypdf = shutil.which("ocrmypdf") or str(Path(sys.executable).with_name("ocrmypdf"))
    global LAST_CPU
    wall, cpu = 0.0, 0.0
    peak = (0, 0)
    pairs = []
    for name, p, _ in items:
        target = work / f"{name}.ocr.pdf"
        w, m, res = run_measured([ocrmypdf, "-q", "-l", "ind+eng", "--jobs", "2", "--output-type", "pdf",
                                  "--optimize", "0", str(p), str(target)], env={"OMP_THREAD_LIMIT": "1"})
        if res.returncode:
            raise RuntimeError(res.stderr[-2000:])
        wall += w
        cpu += LAST_CPU
        peak = (max(peak[0], m[0]), max(peak[1], m[1]))
        pairs += [str(target), name + ".pdf"]
    w, m, res = run_measured([sys.executable, "-c", CAMELOT_CHILD, str(ROOT), str(out)] + pairs)
    if res.returncode:
        raise RuntimeError(res.stderr[-2000:])
    LAST_CPU += cpu
    return wall + w, (max(peak[0], m[0]), max(peak[1], m[1]))


def page_images(items: list[tuple], work: Path) -> list[Path]:
    """The 300 dpi grayscale page images (the ones iku renders), untimed."""
    from iku.extractors.raster import render
    import cv2
    import pypdfium2 as pdfium

    images = []
    for name, p, _ in items:
        n = len(pdfium.PdfDocument(str(p)))
        for i in range(n):
            img, _, _ = render(str(p), i)
            path = work / f"{name}-{i + 1}.png"
            cv2.imwrite(str(path), img)
            images.append(path)
    return images


def bench_tesseract(images: list[Path]) -> tuple[float, tuple[int, int]]:
    """The tesseract command on each image, one at a time, single-threaded."""
    script = ("import subprocess, sys\n"
              "for p in sys.argv[1:]:\n"
              "    subprocess.run(['tesseract', p, '-', '-l', 'eng+ind', '--psm', '3', 'tsv'], "
              "capture_output=True, check=True)\n")
    wall, peak, res = run_measured([sys.executable, "-c", script] + [str(i) for i in images],
                                   env={"OMP_THREAD_LIMIT": "1"})
    if res.returncode:
        raise RuntimeError(res.stderr[-2000:])
    return wall, peak


def scores(items: list[tuple], pred: Path) -> tuple[float, float]:
    from iku.pipeline.evaluate import evaluate

    gold = pred.parent / (pred.name + "-gold")
    gold.mkdir(exist_ok=True)
    for name, _, g in items:
        shutil.copy(g, gold / f"{name}.json")
    totals = evaluate(gold, pred).to_dict()["totals"]
    return totals["records"]["f1"], totals["micro"]["f1"]


# --------------------------------------------------------------------------- main

# a good flatbed scan at 300 dpi, nothing laid over the page (samples/generator/scan.py's choices)
CLEAN_300 = {"scan.capture": "flatbed", "scan.dpi": 300, "scan.jpeg": 85, "scan.rotation": "none",
             "scan.lid_shadow": False, "scan.bleed_through": False, "scan.stamp": False,
             "scan.signature": False, "scan.dust": "light", "scan.blur": "sharp"}


def clean_scans(root: Path, work: Path) -> list[tuple[str, Path, Path]]:
    """(name, pdf, gold) of each holdout document's digital PDF to scan clean at 300 dpi (CLEAN_300) into `work`."""
    work.mkdir(parents=True, exist_ok=True)
    items = []
    for d in sorted(root.iterdir()):
        if not (d / "digital.pdf").is_file():
            continue
        items.append((f"{d.name}-clean300", work / f"{d.name}-clean300.pdf", d / "digital.gold.json"))
    return items


def documents(args, style: str, work: Path) -> list[tuple[str, Path, Path]]:
    """(name, pdf, gold) of the style's scans (clean300: made in `work`, only the chosen documents)."""
    if style == "clean300" and not args.scans:
        from samples.generator.scan import scan_document

        docs = [d for d in args.docs.split(",") if d] if args.docs else []
        items = [it for it in clean_scans(args.shared / "holdout-1", work)
                 if not docs or any(it[0].startswith(d) for d in docs)]
        for name, pdf, _ in items:
            data, _ = scan_document(args.shared / "holdout-1" / name[:-len("-clean300")] / "digital.pdf",
                                    12, dict(CLEAN_300))
            pdf.write_bytes(data)
        return items
    if args.scans:
        pdfs = sorted(args.scans.glob(f"*-{style}.pdf"))
        items = [(p.stem, p, p.with_suffix(".json")) for p in pdfs]
    else:
        root = args.shared / "holdout-1"
        items = [(f"{d.name}-{style}", d / f"{style}.pdf", d / f"{style}.gold.json")
                 for d in sorted(root.iterdir()) if (d / f"{style}.pdf").is_file()]
    docs = [d for d in args.docs.split(",") if d] if args.docs else []
    return [it for it in items if not docs or any(it[0].startswith(d) for d in docs)]


def record_run(out: Path, report: str) -> None:
    """Put the run on top of the results file, under its leading comment: the file is the record
    of every measured change (newest first) with notes written beside the figures, so a new run
    never replaces what is there."""
    out.parent.mkdir(parents=True, exist_ok=True)
    old = out.read_text(encoding="utf-8").splitlines(keepends=True) if out.exists() else []
    k = 0
    while k < len(old) and old[k].startswith("#"):
        k += 1
    head = "".join(old[:k]) + ("\n" if k else "")
    stamp = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(f"{head}== run {stamp} UTC\n{report}\n\n{''.join(old[k:]).lstrip(chr(10))}", encoding="utf-8")
    tmp.replace(out)  # (whole or not at all)


def main(argv: list[str] | None = None) -> str:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("IKU_SHARED", ROOT.parent / "shared")),
                    help="folder with holdout-1/ (default $IKU_SHARED or ../shared)")
    ap.add_argument("--scans", type=Path, help="instead: a folder with <stem>-scanNNN.pdf and gold <stem>-scanNNN.json")
    ap.add_argument("--styles", default="clean300,scan300,scan150",
                    help="scan qualities (default clean300,scan300,scan150; clean300 is made here)")
    ap.add_argument("--docs", default="", help="comma list of document name prefixes (default all)")
    ap.add_argument("--engines", default="tesseract,auto,rapidocr", help="iku engines to run (also auto-regions, auto-page)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "ocr.txt",
                    help="results file: the run goes on top, under its leading comment (default %(default)s)")
    ap.add_argument("--ocrmypdf", action="store_true", help="also ocrmypdf + camelot (slow)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-ocr-"))
    try:
        load = " ".join(f"{v:.2f}" for v in os.getloadavg())
        lines = [f"OCR benchmark, {os.cpu_count()} cores (load {load} at the start), {time.strftime('%Y-%m-%d %H:%M')}; "
                 "every method one page at a time, single-threaded (OMP_THREAD_LIMIT=1, 1 OCR worker)",
                 "documents: " + (str(args.scans) if args.scans else "holdout-1") + (f" ({args.docs})" if args.docs else ""),
                 "",
                 f"{'quality':8} {'method':18} {'pages':>5} {'s/page':>7} {'x floor':>7} {'CPU s/p':>7} {'x floor':>7} "
                 f"{'warm CPU':>8} {'x floor':>7} {'MB/proc':>7} {'MB tree':>7} {'rec F1':>7} {'fld F1':>7}  pages read by"]
        for style in [s for s in args.styles.split(",") if s]:
            work = tmp / style
            items = documents(args, style, work / "clean")
            if not items:
                continue
            work.mkdir(exist_ok=True)
            images = page_images(items, work)
            n = len(images)
            rows = []
            wall, peak = bench_tesseract(images)
            rows.append(("tesseract (floor)", wall, LAST_CPU, None, peak, None, None, ""))
            for engine in [e for e in args.engines.split(",") if e]:
                pred = work / engine
                pred.mkdir()
                wall, peak, chosen, (warm, _) = bench_iku(items, pred, engine)
                rows.append((f"iku {engine}", wall, LAST_CPU, warm, peak) + scores(items, pred)
                            + (", ".join(f"{k} {v}" for k, v in sorted(chosen.items())),))
            if args.ocrmypdf:
                pred = work / "ocrmypdf"
                pred.mkdir()
                wall, peak = bench_ocrmypdf(items, pred, work)
                rows.append(("ocrmypdf+camelot", wall, LAST_CPU, None, peak) + scores(items, pred) + ("",))
            floor, cpu_floor = rows[0][1] / n, max(rows[0][2] / n, 1e-6)
            for name, wall, cpu, warm, (tree, proc), rec, fld, chosen in rows:
                acc = f"{rec:7.3f} {fld:7.3f}" if rec is not None else f"{'-':>7} {'-':>7}"
                # the bare command loads its model on every page: its warm figure is its own
                warm = cpu if warm is None else warm
                lines.append(f"{style:8} {name:18} {n:5d} {wall / n:7.2f} {wall / n / floor:6.2f}x "
                             f"{cpu / n:7.2f} {cpu / n / cpu_floor:6.2f}x "
                             f"{warm / n:8.2f} {warm / n / cpu_floor:6.2f}x "
                             f"{proc / 2**20:7.0f} {tree / 2**20:7.0f} {acc}  {chosen}")
                print(lines[-1], flush=True)
        load = " ".join(f"{v:.2f}" for v in os.getloadavg())
        lines += ["", f"load {load} at the end; 'x floor' against the bare tesseract command on the same "
                      "300 dpi page images: wall seconds, then CPU seconds (user + system, the fair figure "
                      "on a shared machine) of a fresh process (imports and model loads included), then the "
                      "warm CPU: the same pages read again by the same worker (a page's cost in a long batch; "
                      "the bare command's own figure, as it loads its model on every page)"]
        report = "\n".join(lines)
        print(report)
        record_run(args.out, report)
        print(f"→ on top of {args.out}")
        return report
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
