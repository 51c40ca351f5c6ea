"""Digital-path benchmark: the whole iku pipeline against bare table finders, in one run.

For each method every input PDF is processed in a fresh child process, so the
peak memory (max RSS) of each method is measured on its own. Printed per
method: pages, seconds, seconds per page, peak RSS.

    .venv/bin/python benchmarks/bench_digital.py [PDF or folder ...] [--repeat N]

Defaults to the bundled digital samples plus the digital real documents in
../shared/real/ when that folder is there.
"""
from __future__ import annotations

import argparse
import json
import os
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
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
print(json.dumps({"pages": pages, "seconds": secs, "rss_kib": rss}))
"""


def digital_inputs() -> list[Path]:
    paths = sorted((ROOT / "samples" / "digital").glob("*.pdf"))
    real = ROOT.parent / "shared" / "real"
    if real.is_dir():
        paths += [p for p in sorted(real.glob("*.pdf")) if "scan" not in p.name]
    return paths


def run(method: str, paths: list[Path]) -> dict:
    code = CHILD % {"root": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code, method, *map(str, paths)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONWARNINGS": "ignore"})
    if out.returncode != 0:
        raise SystemExit(f"{method} failed: {out.stderr.strip().splitlines()[-1] if out.stderr else out.returncode}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3, help="runs per method; the fastest is reported")
    ap.add_argument("--skip-camelot", action="store_true")
    args = ap.parse_args()
    paths: list[Path] = []
    for p in args.inputs or digital_inputs():
        paths += sorted(p.rglob("*.pdf")) if p.is_dir() else [p]
    methods = ["iku", "pdfplumber"] + ([] if args.skip_camelot else ["camelot"])
    print(f"{len(paths)} PDFs; best of {args.repeat} runs per method, each run in a fresh process")
    rows = []
    for m in methods:
        best = min((run(m, paths) for _ in range(args.repeat)), key=lambda r: r["seconds"])
        rows.append((m, best))
    labels = {"iku": "iku (extract+normalize+write)", "pdfplumber": "pdfplumber extract_tables()",
              "camelot": "camelot lattice"}
    print(f"{'method':34} {'pages':>6} {'seconds':>9} {'s/page':>8} {'peak RSS MiB':>13}")
    for m, r in rows:
        print(f"{labels[m]:34} {r['pages']:>6} {r['seconds']:>9.2f} {r['seconds'] / r['pages']:>8.4f} "
              f"{r['rss_kib'] / 1024:>13.0f}")
    base = dict(rows)
    if "pdfplumber" in base:
        ratio = base["iku"]["seconds"] / base["pdfplumber"]["seconds"]
        print(f"iku time / pdfplumber extract_tables() time: {ratio:.2f}x")


if __name__ == "__main__":
    main()
