"""Digital-path benchmark: the whole iku pipeline against bare table finders, in one run.

For each method every input PDF is processed in a fresh child process, so the
peak memory (max RSS) of each method is measured on its own. Printed per
method: pages, seconds, seconds per page, CPU seconds (user + system of the
process and its workers: on a busy machine the steadier figure), peak RSS. The methods run in
interleaved rounds (iku, pdfplumber, camelot, iku, ...) and the fastest run of
each is reported, so a change of machine load hits all of them alike.

    .venv/bin/python benchmarks/bench_digital.py [PDF or folder ...] [--repeat N]
        [--set reports|table-dense|both] [--dense-docs N]

Two document sets, both measured by default, one after the other in one run:

* reports: the bundled digital samples plus the digital real documents in
  ../shared/real/ when that folder is there. Most of their pages carry no
  indicator table, so iku's page filter skips them.
* table-dense: every page a table page. The first N generated documents of the
  dev split (output/generated/dev) and the digital real documents, each cut
  down to the pages that hold one of its gold indicators (the first words of a
  gold `indikator` found in the page's text), written to
  output/bench/table-dense/. Here the page filter skips nothing.

Explicit PDFs or folders are measured as one set of their own.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time, tempfile, os
method, paths = sys.argv[1], sys.argv[2:]
sys.path.insert(0, %(root)r)
t0 = time.perf_counter()
cpu0 = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])  # CPU time of the imports before t0 left out
pages = 0
if method == "iku":
    from iku.pipeline.process import process_pdf
    from iku.pipeline.writers import write_dataset, write_json
    out = tempfile.mkdtemp()
    docs = []
    for p in paths:
        d = process_pdf(p)
        write_json(os.path.join(out, os.path.basename(p) + ".json"), d)
        docs.append(d)
        pages += d["extraction"]["pages"]
    from pathlib import Path
    write_dataset(Path(out), docs)
elif method == "pdfplumber":
    import pdfplumber
    for p in paths:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_tables()
                pages += 1
elif method == "camelot":
    import camelot, pypdfium2
    for p in paths:
        camelot.read_pdf(p, pages="all", flavor="lattice")
        pages += len(pypdfium2.PdfDocument(p))
secs = time.perf_counter() - t0
def descendants_cpu(pid):  # live worker processes (iku's OCR pool) are not in RUSAGE_CHILDREN until reaped
    total = 0.0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            kids = open(f"/proc/{pid}/task/{task}/children").read().split()
        except OSError:
            continue
        for kid in kids:
            try:
                fields = open(f"/proc/{kid}/stat").read().rsplit(")", 1)[1].split()
                total += sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime
            except (OSError, ValueError):
                continue
            total += descendants_cpu(kid)
    return total
use = resource.getrusage(resource.RUSAGE_SELF)
done = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = use.ru_utime + use.ru_stime - cpu0 + done.ru_utime + done.ru_stime + descendants_cpu(os.getpid())
print(json.dumps({"pages": pages, "seconds": secs, "cpu": cpu, "rss_kib": use.ru_maxrss}))  # KiB on Linux
"""


def digital_inputs() -> list[Path]:
    paths = sorted((ROOT / "samples" / "digital").glob("*.pdf"))
    real = ROOT.parent / "shared" / "real"
    if real.is_dir():
        paths += [p for p in sorted(real.glob("*.pdf")) if "scan" not in p.name]
    return paths


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def gold_table_pages(pdf: Path, gold: Path) -> list[int]:
    """Zero-based pages of `pdf` whose text holds the first words of one of the gold indicators."""
    import pypdfium2  # only the table-dense set needs it

    keys = {_key(" ".join(w[:4])) for r in json.loads(gold.read_text(encoding="utf-8")).get("indicators", [])
            if len(w := (r.get("indikator") or "").split()) >= 2}
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return [i for i in range(len(doc)) if any(k in _key(doc[i].get_textpage().get_text_range()) for k in keys)]
    finally:
        doc.close()


def table_dense_inputs(count: int) -> list[Path]:
    """Generated dev documents and digital real documents cut down to their table pages."""
    import pypdfium2  # only the table-dense set needs it

    pairs = [(p, p.with_suffix(".json")) for p in sorted((ROOT / "output" / "generated" / "dev").glob("*.pdf"))[:count]]
    real = ROOT.parent / "shared" / "real"
    if real.is_dir():
        for p in sorted(real.glob("*.pdf")):
            gold = sorted((real / "gold").glob(p.stem + "*.json"))
            if "scan" not in p.name and gold:
                pairs.append((p, gold[0]))
    if not pairs:
        raise SystemExit("table-dense: no generated dev documents (output/generated/dev) and no real documents")
    out_dir = ROOT / "output" / "bench" / "table-dense"
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.pdf"):
        old.unlink()
    paths = []
    for pdf, gold in pairs:
        if not gold.is_file() or not (pages := gold_table_pages(pdf, gold)):
            continue
        src, dst = pypdfium2.PdfDocument(str(pdf)), pypdfium2.PdfDocument.new()
        dst.import_pages(src, pages)
        path = out_dir / pdf.name
        dst.save(str(path))
        dst.close()
        src.close()
        paths.append(path)
    return paths


def run(method: str, paths: list[Path]) -> dict:
    code = CHILD % {"root": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code, method, *map(str, paths)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONWARNINGS": "ignore"})
    if out.returncode != 0:
        raise SystemExit(f"{method} failed: {out.stderr.strip().splitlines()[-1] if out.stderr else out.returncode}")
    return json.loads(out.stdout.strip().splitlines()[-1])


LABELS = {"iku": "iku (extract+normalize+write)", "pdfplumber": "pdfplumber extract_tables()",
          "camelot": "camelot lattice"}


def measure(name: str, paths: list[Path], methods: list[str], repeat: int) -> None:
    print(f"\n[{name}] {len(paths)} PDFs; best of {repeat} interleaved runs per method, each in a fresh process; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    runs: dict[str, list[dict]] = {m: [] for m in methods}
    for _ in range(repeat):
        for m in methods:
            runs[m].append(run(m, paths))
    rows = [(m, min(runs[m], key=lambda r: r["seconds"])) for m in methods]
    print(f"{'method':34} {'pages':>6} {'seconds':>9} {'s/page':>8} {'CPU s':>8} {'peak RSS MiB':>13}")
    for m, r in rows:
        print(f"{LABELS[m]:34} {r['pages']:>6} {r['seconds']:>9.2f} {r['seconds'] / r['pages']:>8.4f} "
              f"{r['cpu']:>8.2f} {r['rss_kib'] / 1024:>13.0f}")
    base = dict(rows)
    if "pdfplumber" in base:
        ratio = base["iku"]["seconds"] / base["pdfplumber"]["seconds"]
        cpu = base["iku"]["cpu"] / base["pdfplumber"]["cpu"]
        print(f"iku time / pdfplumber extract_tables() time: {ratio:.2f}x (CPU time {cpu:.2f}x; "
              f"load average after: {os.getloadavg()[0]:.1f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3, help="runs per method; the fastest is reported")
    ap.add_argument("--skip-camelot", action="store_true")
    ap.add_argument("--set", choices=["reports", "table-dense", "both"], default="both",
                    help="document set(s) to measure when no inputs are given")
    ap.add_argument("--dense-docs", type=int, default=100,
                    help="generated dev documents in the table-dense set (default 100)")
    args = ap.parse_args()
    methods = ["iku", "pdfplumber"] + ([] if args.skip_camelot else ["camelot"])
    if args.inputs:
        paths: list[Path] = []
        for p in args.inputs:
            paths += sorted(p.rglob("*.pdf")) if p.is_dir() else [p]
        measure("given", paths, methods, args.repeat)
        return
    if args.set in ("reports", "both"):
        measure("reports", digital_inputs(), methods, args.repeat)
    if args.set in ("table-dense", "both"):
        measure("table-dense", table_dense_inputs(args.dense_docs), methods, args.repeat)


if __name__ == "__main__":
    main()
