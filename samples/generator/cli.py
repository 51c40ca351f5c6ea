"""Generate a split of random IKU documents with their gold.

Per seed: <name>.pdf, <name>.json (gold, FORMAT.md shape) and <name>.choices.json
(the grammar choices).

    .venv/bin/python -m samples.generator --split dev [--count N] [--out DIR]
    .venv/bin/python samples/generate_random.py --split test

Seeds: dev = 0..199, test = 10000..10099 (splits.py); --count takes the first N.
Default output: output/generated/<split>/ (git-ignored). The same seed always gives
the same PDF bytes and gold (with the same Chromium and fonts).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Optional

from .document import generate
from .render import Chromium, print_once
from .splits import SCANNED_COUNTS, SPLITS, seeds as split_seeds

ROOT = Path(__file__).resolve().parents[2]


def default_out(split: str) -> Path:
    return ROOT / "output" / "generated" / split


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _json(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def generate_chunk(seeds: list[int], out: str, keep_html: bool = False) -> list[tuple[int, str, float]]:
    """Generate and print `seeds` with one browser; returns (seed, name, seconds) per document."""
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    done = []
    with tempfile.TemporaryDirectory(prefix="iku-gen-") as tmp:
        browser: Optional[Chromium] = None
        try:
            try:
                browser = Chromium()
            except OSError:
                browser = None
            for seed in seeds:
                t0 = time.perf_counter()
                doc = generate(seed)
                html_path = Path(tmp) / f"{doc.name}.html"
                html_path.write_text(doc.html, encoding="utf-8")
                pdf = None
                if browser is not None:
                    try:
                        pdf = browser.print_pdf(html_path)
                    except Exception:   # a broken pipe: fall back to one start per file
                        browser.close()
                        browser = None
                if pdf is None:
                    pdf = print_once(html_path, Path(tmp) / f"{doc.name}.pdf")
                _write(out_dir / f"{doc.name}.pdf", pdf)
                _write(out_dir / f"{doc.name}.json", _json(doc.gold))
                _write(out_dir / f"{doc.name}.choices.json", _json(doc.choices))
                if keep_html:
                    _write(out_dir / f"{doc.name}.html", doc.html.encode("utf-8"))
                done.append((seed, doc.name, time.perf_counter() - t0))
        finally:
            if browser is not None:
                browser.close()
    return done


def generate_seeds(seeds: list[int], out: Path, jobs: int = 1, keep_html: bool = False,
                   progress: Optional[Callable[[str], None]] = None) -> list[tuple[int, str, float]]:
    if not seeds:
        return []
    jobs = max(1, min(jobs, len(seeds)))
    if jobs == 1:
        return generate_chunk(seeds, str(out), keep_html)
    chunks = [seeds[k::jobs] for k in range(jobs)]
    results: list[tuple[int, str, float]] = []
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        for part in pool.map(generate_chunk, chunks, [str(out)] * jobs, [keep_html] * jobs):
            results.extend(part)
            if progress:
                progress(f"{len(results)}/{len(seeds)} documents")
    return sorted(results)


def missing_seeds(seeds: list[int], out: Path) -> list[int]:
    """Seeds whose PDF, gold or choices file is not in `out`."""
    have = {p.name for p in out.glob("*")} if out.is_dir() else set()
    missing = []
    for s in seeds:
        stem = None
        for name in have:
            if name.startswith(f"{s:05d}-") and name.endswith(".pdf"):
                stem = name[:-4]
                break
        if stem is None or f"{stem}.json" not in have or f"{stem}.choices.json" not in have:
            missing.append(s)
    return missing


def parse_seeds(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            a, b = part.split("-", 1)
            out.extend(range(int(a), int(b) + 1))
        elif part:
            out.append(int(part))
    return out


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=sorted(SPLITS), required=True)
    ap.add_argument("--count", type=int, help="the first N seeds of the split (default: all)")
    ap.add_argument("--seeds", help="only these seeds of the split, e.g. 3,7,10-12")
    ap.add_argument("--out", type=Path, help="output folder (default output/generated/<split>/)")
    ap.add_argument("--jobs", type=int, default=1, help="parallel browsers (default 1)")
    ap.add_argument("--missing-only", action="store_true", help="skip seeds whose files are already there")
    ap.add_argument("--keep-html", action="store_true", help="also write <name>.html")
    ap.add_argument("--scanned", action="store_true",
                    help="also build the scanned split (scan.py: the first 40 of dev / 30 of test, "
                         "or --count) into output/generated/<split>-scan/ (or --scan-out)")
    ap.add_argument("--scan-out", type=Path, help="folder of the scanned documents")
    ap.add_argument("--faint-share", type=float, default=0.0, metavar="P",
                    help="with --scanned: the share (0-1) of flatbed / photocopy / bitonal scans made from a "
                         "faint original (scan.toner = faint: ink at grey 90-170, thinned broken strokes); "
                         "default 0, the splits as they always were")
    args = ap.parse_args(argv)
    if not 0.0 <= args.faint_share <= 1.0:
        ap.error("--faint-share is a share between 0 and 1")
    if args.scanned and args.count is None:
        args.count = SCANNED_COUNTS[args.split]
    seeds = split_seeds(args.split, args.count)
    if args.seeds:
        wanted = set(parse_seeds(args.seeds))
        bad = sorted(wanted - set(SPLITS[args.split]))
        if bad:
            ap.error(f"seeds not in the {args.split} split: {bad[:10]}")
        seeds = [s for s in seeds if s in wanted] if args.count else sorted(wanted)
    out = args.out or default_out(args.split)
    if args.missing_only or args.scanned:  # scanning reuses the digital documents already built
        seeds = missing_seeds(seeds, out)
    t0 = time.perf_counter()
    done = generate_seeds(seeds, out, args.jobs, args.keep_html,
                          progress=lambda m: print(m, file=sys.stderr, flush=True))
    wall = time.perf_counter() - t0
    print(f"{len(done)} documents ({args.split}) in {out} in {wall:.1f}s"
          + (f" ({wall / len(done):.2f}s each)" if done else ""))
    if args.scanned:
        from .scan import scan_split, scanned_out  # local: OpenCV only when scanning
        scan_dir = args.scan_out or scanned_out(out, args.split)
        wanted_seeds = split_seeds(args.split, args.count)
        if args.seeds:  # only the asked seeds (among the first --count)
            wanted_seeds = [s for s in wanted_seeds if s in wanted]
        names = [p.stem for s in wanted_seeds for p in sorted(out.glob(f"{s:05d}-*.pdf"))[:1]]
        t0 = time.perf_counter()
        scanned = scan_split(out, names, scan_dir, args.jobs, faint_share=args.faint_share)
        print(f"{len(scanned)} scanned documents in {scan_dir} in {time.perf_counter() - t0:.1f}s")
    return 0
