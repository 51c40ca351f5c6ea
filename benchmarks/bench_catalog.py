"""Catalog benchmark: `iku catalog build` on a synthetic national dataset, and family grouping at 50k/100k/200k.

The dataset (the `iku batch` layout: one Parquet part per document, hive
partitions by province and year) holds at least 200,000 indicators made by
varying the real indicators of the bundled samples' gold files:

- new indicators: one or two content words of a real indicator replaced by
  words of other real indicators ("Persentase balita *stunting*" ->
  "Persentase balita *terlantar*"), so that the catalog holds thousands of
  distinct indicators, with a long tail;
- the same indicator written differently by each office: kind word
  (Persentase / Prosentase / Presentase / Cakupan), case, a dropped "yang",
  a misspelt word, an acronym in brackets, the office's or the region's
  name added at the end;
- documents of random offices (office types from the catalog's own
  abbreviation table) in random regions of the official Kemendagri table,
  the region written officially or loosely ("Kab. X", "Pemkot X", "Prov.
  X"), for random periods.

Then, each in its own process (so that its peak memory is its own):
`iku catalog build DATASET -o CATALOG` (build time, family-grouping time,
peak RSS), and `families.group` alone on the first 50k, 100k and 200k
indicators of the catalog (time, and the time per 1,000 indicators: a
near-constant value means near-linear growth).

    .venv/bin/python benchmarks/bench_catalog.py [--indicators N] [--seed S] [--keep DIR] [--no-save]

The output is also written to benchmarks/results/catalog.txt (unless --no-save).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "catalog.txt"
sys.path.insert(0, str(ROOT))

KIND_WORDS = {"persentase": ["Persentase", "Prosentase", "Presentase", "Cakupan"],
              "jumlah": ["Jumlah", "Banyaknya"]}
STOP = {"yang", "dan", "di", "ke", "dari", "dalam", "pada", "untuk", "oleh", "dengan", "terhadap", "serta", "atau"}


# --------------------------------------------------------------------------- synthetic dataset

def real_documents() -> list[dict]:
    docs = []
    for folder in ("digital", "office"):
        for path in sorted((ROOT / "samples" / folder).glob("*.json")):
            docs.append(json.loads(path.read_text("utf-8")))
    return docs


def _content_positions(words: list[str]) -> list[int]:
    return [i for i, w in enumerate(words) if i > 0 and len(w) >= 4 and w.isalpha() and w.lower() not in STOP]


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1:] if rng.random() < 0.5 else word[:i] + word[i + 1] + word[i] + word[i + 2:]


class Generator:
    def __init__(self, seed: int):
        from iku.normalizers.regions import load_regions
        from iku.pipeline.catalog.vocabulary import OFFICE_ABBREVIATIONS, read_csv

        self.rng = random.Random(seed)
        self.docs = real_documents()
        self.bases = [rec for d in self.docs for rec in d["indicators"] if rec.get("indikator")]
        pool = set()
        for rec in self.bases:
            words = rec["indikator"].split()
            pool.update(words[i].lower() for i in _content_positions(words))
        self.pool = sorted(pool)
        self.offices = sorted({r["office"] for r in read_csv(OFFICE_ABBREVIATIONS)})
        self.regions = [r for r in load_regions() if r.level != "provinsi"]
        self.provinces = [r for r in load_regions() if r.level == "provinsi"]

    def concept(self) -> dict:
        """A new indicator: a real one with one or two content words replaced."""
        rng = self.rng
        base = rng.choice(self.bases)
        words = base["indikator"].split()
        positions = _content_positions(words)
        if positions:
            for i in rng.sample(positions, min(len(positions), rng.choice((1, 1, 2)))):
                words[i] = rng.choice(self.pool)
        formula = base.get("formulasi")
        return {**base, "indikator": " ".join(words), "formulasi": formula}

    def written(self, concept: dict, agency: str, region: str) -> dict:
        """The concept as one office writes it."""
        rng = self.rng
        words = concept["indikator"].split()
        first = words[0].lower()
        if first in KIND_WORDS and rng.random() < 0.3:
            words[0] = rng.choice(KIND_WORDS[first])
        if rng.random() < 0.2:
            words = [w for w in words if w.lower() != "yang"] or words
        if rng.random() < 0.08:
            positions = _content_positions(words)
            if positions:
                i = rng.choice(positions)
                words[i] = _typo(words[i], rng)
        text = " ".join(words)
        extra = {"bench_concept": concept["indikator"]}  # the truth the grouping is scored against
        r = rng.random()
        if r < 0.15:
            text = f"{text} {agency}"
        elif r < 0.2:
            text = f"{text} {region}"
        r = rng.random()
        if r < 0.1:
            text = text.lower()
        elif r < 0.15:
            text = text.upper()
        return {**concept, "indikator": text, "extra": extra}

    def loose(self, region) -> str:
        rng = self.rng
        if region.level == "kabupaten":
            return rng.choice([region.nama, region.nama, f"Kab. {region.inti}", f"Pemkab {region.inti}"])
        if region.level == "kota":
            return rng.choice([region.nama, region.nama, f"Pemkot {region.inti}", f"Kota {region.inti}"])
        return rng.choice([region.nama, f"Prov. {region.inti}", region.inti])

    def documents(self, n_indicators: int):
        """Documents until `n_indicators` indicators; yields FORMAT.md documents."""
        rng = self.rng
        n_concepts = max(1000, n_indicators // 6)
        concepts = [self.concept() for _ in range(n_concepts)]
        common = self.bases  # the real indicators stay the most common ones
        made = 0
        i = 0
        while made < n_indicators:
            if rng.random() < 0.1:
                region = rng.choice(self.provinces)
            else:
                region = rng.choice(self.regions)
            office = rng.choice(self.offices)
            written_region = self.loose(region)
            agency = f"{office} {written_region}"
            count = min(rng.randint(8, 40), n_indicators - made)
            recs = []
            for _ in range(count):
                if rng.random() < 0.3:
                    c = rng.choice(common)
                else:  # Zipf-like popularity: low concept numbers are frequent
                    c = concepts[min(int(rng.paretovariate(1.1)) - 1, n_concepts - 1) if rng.random() < 0.5
                                 else rng.randrange(n_concepts)]
                recs.append(self.written(c, office, written_region))
            start = rng.choice((2016, 2019, 2021, 2024))
            doc = {"document": {"source_file": f"synthetic-{i:06d}.pdf", "agency": agency,
                                "region": written_region if rng.random() < 0.8 else None,
                                "region_level": region.level if rng.random() < 0.8 else None,
                                "province": region.provinsi if rng.random() < 0.9 else None,
                                "period_start": start, "period_end": start + rng.choice((0, 4, 5)),
                                "decree_number": None, "decree_date": None, "signatory_name": None,
                                "signatory_nip": None},
                   "indicators": recs, "extraction": {"pages": 5, "method": "text"}}
            made += count
            i += 1
            yield doc


def write_dataset(root: Path, n_indicators: int, seed: int) -> tuple[int, int]:
    """The dataset as `iku batch` lays it out (pipeline.batch.dataset renders every file), written without the
    per-file fsync of a real batch."""
    from iku.pipeline.batch.dataset import TABLES, Dataset, render
    ds = Dataset(root)
    ds.open()
    docs = inds = 0
    try:
        for doc in Generator(seed).documents(n_indicators):
            sha = hashlib.sha256(f"iku-bench-catalog {seed} {docs}".encode()).hexdigest()
            out = render(doc, sha)
            targets = [(ds.json_path(sha), out["files"]["json"])]
            targets += [(ds.part_path(t, sha, out["province"], out["year"]), out["files"][t]) for t in TABLES]
            for path, data in targets:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            docs += 1
            inds += len(doc["indicators"])
    finally:
        ds.close()
    return docs, inds


# --------------------------------------------------------------------------- measured steps (child processes)

def child_group(catalog: str, sizes: list[int]) -> None:
    """Print one JSON line per size: families.group on the first `size` indicators (in document order)."""
    import duckdb
    from iku.pipeline.catalog import families
    for size in sizes:
        con = duckdb.connect(catalog, read_only=True)
        part = con.execute("SELECT kind, indikator FROM indicators ORDER BY document_sha256, record_index LIMIT ?",
                           [size]).fetchall()
        con.close()
        t0 = time.perf_counter()
        g = families.group([r[1] for r in part], [r[0] for r in part])
        seconds = time.perf_counter() - t0
        print(json.dumps({"size": len(part), "seconds": seconds, "families": len(g.families),
                          "distinct": g.stats["distinct"], "compared": g.stats["compared"],
                          "phases": g.stats["seconds"]}), flush=True)


def grouping_quality(catalog: Path) -> dict:
    """Pairwise precision and recall of the families against the generator's truth: two indicators belong
    together when they were written from the same indicator (the same normalised text and kind)."""
    import duckdb
    from collections import Counter
    from iku.pipeline.catalog import families
    con = duckdb.connect(str(catalog), read_only=True)
    rows = con.execute("SELECT family_id, kind, extra->>'bench_concept' FROM indicators").fetchall()
    con.close()
    truth = [(kind, families.indicator_key(concept)) for _, kind, concept in rows]
    pairs = lambda counts: sum(c * (c - 1) // 2 for c in counts.values())
    both = pairs(Counter(zip((r[0] for r in rows), truth)))
    found, true = pairs(Counter(r[0] for r in rows)), pairs(Counter(truth))
    return {"precision": both / found if found else 1.0, "recall": both / true if true else 1.0,
            "true_families": len(set(truth))}


def peak_rss_of(args: list[str]) -> tuple[str, float, float]:
    """Like run_child, with the child's own peak RSS from wait4()."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    out_chunks, err_chunks = [], []
    import threading

    def pump(stream, sink):
        for chunk in iter(lambda: stream.read(65536), b""):
            sink.append(chunk)

    threads = [threading.Thread(target=pump, args=(proc.stdout, out_chunks)),
               threading.Thread(target=pump, args=(proc.stderr, err_chunks))]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(proc.pid, 0)
    for t in threads:
        t.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{b''.join(err_chunks).decode()}")
    return b"".join(out_chunks).decode(), seconds, usage.ru_maxrss / 1024


# --------------------------------------------------------------------------- main

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--indicators", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=20250101)
    ap.add_argument("--keep", type=Path, help="build in this folder and keep the dataset and catalog")
    ap.add_argument("--no-save", action="store_true")
    ap.add_argument("--child-group", nargs=2, metavar=("CATALOG", "SIZES"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_group:
        child_group(args.child_group[0], [int(s) for s in args.child_group[1].split(",")])
        return

    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    work = args.keep or Path(tempfile.mkdtemp(prefix="iku-bench-catalog-"))
    if args.keep and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    dataset, catalog = work / "dataset", work / "catalog.duckdb"
    try:
        import duckdb
        say(f"iku catalog benchmark — {platform.node() or 'host'}: {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, DuckDB {duckdb.__version__}, {time.strftime('%Y-%m-%d %H:%M')}")
        t0 = time.perf_counter()
        docs, inds = write_dataset(dataset, args.indicators, args.seed)
        say(f"synthetic dataset: {inds:,} indicators in {docs:,} documents (seed {args.seed}), "
            f"written in {time.perf_counter() - t0:.1f} s")
        say()

        out, seconds, rss = peak_rss_of([sys.executable, "-m", "iku.pipeline.cli", "catalog", "build", str(dataset),
                                         "-o", str(catalog), "--json"])
        report = json.loads(out)
        g = report["grouping"]
        say(f"catalog build (one process, from an empty catalog): {seconds:.1f} s wall, peak RSS {rss:,.0f} MiB")
        s = report["seconds"]
        say(f"  scan dataset {s['scan']:.1f} s · documents (read, regions, agencies) {s['documents']:.1f} s · "
            f"indicators (read, kinds, formulas, insert) {s['indicators']:.1f} s · agencies {s['agencies']:.1f} s · "
            f"families {s['families']:.1f} s")
        say(f"  {report['documents']:,} documents, {report['indicators']:,} indicators, {report['agencies']:,} "
            f"agencies, {report['families']:,} families")
        gs = g["seconds"]
        say(f"  family grouping: {gs['total']:.1f} s (normalise {gs['normalise']:.1f} · block {gs['block']:.1f} · "
            f"compare {gs['compare']:.1f} · families {gs['families']:.1f}) + store {gs['store']:.1f} s; "
            f"{g['distinct']:,} distinct texts, {g['compared']:,} pairs scored")
        size_mib = catalog.stat().st_size / 2**20
        say(f"  catalog file: {size_mib:,.0f} MiB")
        q = grouping_quality(catalog)
        say(f"  families against the generator's truth ({q['true_families']:,} indicators written differently): "
            f"pairwise precision {q['precision']:.3f}, recall {q['recall']:.3f}")

        out, seconds, rss = peak_rss_of([sys.executable, "-m", "iku.pipeline.cli", "catalog", "build", str(dataset),
                                         "-o", str(catalog), "--json"])
        again = json.loads(out)
        say(f"rebuild with the same dataset: {seconds:.1f} s wall, peak RSS {rss:,.0f} MiB; "
            f"{again['indicators']:,} indicators, {again['families']:,} families "
            f"({'unchanged' if (again['indicators'], again['families']) == (report['indicators'], report['families']) else 'CHANGED'})")
        say()

        total = report["indicators"]
        sizes = [n for n in (50_000, 100_000, 200_000) if n <= total]
        if total not in sizes:
            sizes.append(total)
        say("family grouping alone (families.group: normalise, block, compare, union-find), one process per size:")
        say(f"  {'indicators':>10}  {'seconds':>8}  {'ms / 1k':>8}  {'distinct':>9}  {'ms / 1k distinct':>16}  "
            f"{'pairs':>10}  {'families':>9}  {'peak RSS':>9}")
        for size in sizes:
            out, _, rss = peak_rss_of([sys.executable, str(Path(__file__).resolve()), "--child-group", str(catalog),
                                       str(size)])
            r = json.loads(out.strip().splitlines()[-1])
            per_k = 1e6 * r["seconds"] / r["size"]
            per_k_distinct = 1e6 * r["seconds"] / r["distinct"]
            say(f"  {r['size']:>10,}  {r['seconds']:>8.2f}  {per_k:>8.1f}  {r['distinct']:>9,}  {per_k_distinct:>16.1f}  "
                f"{r['compared']:>10,}  {r['families']:>9,}  {rss:>6,.0f} MiB")
        say("  ms / 1k: milliseconds per 1,000 indicators (flat or falling: linear growth or better); distinct: the")
        say("  distinct normalised texts, which are what blocking and comparison work on; pairs: candidate pairs")
        say("  scored with rapidfuzz; peak RSS includes reading the rows from the catalog.")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if not args.no_save:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"→ {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
