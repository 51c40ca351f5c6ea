"""Score iku on a split of generated documents, broken down by grammar choice.

The documents come from samples/generator/; the breakdown shows where iku fails by
the grammar choices each document was drawn with.

    .venv/bin/python benchmarks/score_generated.py --split dev [--count N] [--gen DIR]
        [--out DIR] [--json OUT] [--per-document] [--top N] [--min-docs N]

The split's documents are generated first where their files are missing
(output/generated/<split>/ by default: <name>.pdf, <name>.json gold,
<name>.choices.json). Seeds are fixed: dev = 0..199, test = 10000..10099. The test
split is for measuring after the work is done; develop against dev.

`--scanned` scores the scanned versions instead (photocopies, flatbed scans,
bitonal scans and phone captures drawn from each document's seed by
samples/generator/scan.py; their choices are the breakdown's `scan.*` lines):
the first 40 documents of dev, the first 30 of test (OCR is slow), built into
output/generated/<split>-scan/ where missing:

    .venv/bin/python benchmarks/score_generated.py --split dev --scanned [--count N]

Every PDF goes through `pipeline.process.Pipeline` and is scored with
`pipeline.evaluate` (FORMAT.md scoring), pooled over records the way
benchmarks/score_sets.py pools its sets (its functions are used here). Printed:
record P / R / F1, field micro P / R / F1 and per field, document fields, and the
per-variation breakdown: for every grammar choice (document kind, office kind,
header wording, border style, merged cells, codes, …) the documents drawn with it,
how many of them fail (record F1 < 1, field F1 < 0.95 or a wrong document field),
and their pooled figures, worst first. A document iku crashes on is listed with
the last line of its traceback (run again in this process to get it).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "benchmarks"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

# a document "fails" below these
RECORD_F1_OK = 1.0
FIELD_F1_OK = 0.95
SKIP_DIMENSIONS = {"seed", "name", "indicators"}


# --------------------------------------------------------------------------- jobs


def split_jobs(split: str, count: Optional[int], gen: Path, jobs: int,
               scanned_from: Optional[Path] = None, only: Optional[list[int]] = None) -> list:
    """Generate what is missing, then one score_sets.Job per document of the split.
    `scanned_from`: `gen` holds the scanned versions of the digital documents in that
    folder (samples/generator/scan.py); missing ones are generated and scanned.
    `only`: these seeds instead of the split's (a probe outside every split)."""
    # local: the OCR workers (forkserver) re-import this main module and need none of this
    from samples.generator.cli import generate_seeds, missing_seeds
    from samples.generator.splits import seeds as split_seeds
    from score_sets import Job

    seeds = (only[:count] if count is not None else only) if only is not None else split_seeds(split, count)
    digital = scanned_from or gen
    missing = missing_seeds(seeds, digital)
    if missing:
        print(f"generating {len(missing)} document(s) into {digital} …", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        generate_seeds(missing, digital, jobs=jobs)
        print(f"generated in {time.perf_counter() - t0:.1f}s", file=sys.stderr, flush=True)
    if scanned_from is not None:
        # local, as above
        from samples.generator.scan import missing_scans, scan_split
        names = [p.stem for s in seeds for p in sorted(digital.glob(f"{s:05d}-*.pdf"))[:1]]
        todo = missing_scans(names, gen)
        if todo:
            print(f"scanning {len(todo)} document(s) into {gen} …", file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            scan_split(digital, todo, gen, jobs)
            print(f"scanned in {time.perf_counter() - t0:.1f}s", file=sys.stderr, flush=True)
    out = []
    for s in seeds:
        pdf = next(iter(sorted(gen.glob(f"{s:05d}-*.pdf"))), None)
        if pdf is None:
            print(f"warning: seed {s}: no PDF in {gen}", file=sys.stderr)
            continue
        out.append(Job("generated", f"{split}-scan" if scanned_from else split, pdf.stem, pdf,
                       pdf.with_suffix(".json")))
    return out


def crash_lines(jobs: list) -> dict[str, str]:
    """For documents that raised an unexpected exception: the file:line and message of the
    innermost frame of its traceback (the document is run again here to get it)."""
    # local: the OCR workers (forkserver) re-import this main module and need none of this
    from iku.pipeline.options import Options
    from iku.pipeline.process import InputError, Pipeline

    out = {}
    crashed = [j for j in jobs if j.error and j.error.startswith("unexpected")]
    if not crashed:
        return out
    with Pipeline(Options.from_env()) as pipe:
        for j in crashed:
            try:
                pipe.run(str(j.pdf))
                out[j.name] = "(did not crash when run again)"
            except InputError as exc:
                out[j.name] = f"input error: {exc}"
            except Exception as exc:
                tb = traceback.extract_tb(exc.__traceback__)
                ours = [f for f in tb if "/work/" in f.filename or "site-packages" not in f.filename]
                frame = (ours or tb)[-1]
                out[j.name] = (f"{Path(frame.filename).relative_to(ROOT) if frame.filename.startswith(str(ROOT)) else frame.filename}"
                               f":{frame.lineno} in {frame.name}: {type(exc).__name__}: {exc}")
    return out


# --------------------------------------------------------------------------- breakdown


def dimensions(choices: dict) -> set[tuple[str, str]]:
    """The (dimension, value) pairs a document was drawn with; table choices are prefixed
    "table." and count once per document whatever the number of tables."""
    out: set[tuple[str, str]] = set()

    def add(prefix: str, key: str, value) -> None:
        if isinstance(value, list):
            if not value:
                out.add((f"{prefix}{key}", "[]"))
            for v in value:
                out.add((f"{prefix}{key}", f"∋ {v}"))
        elif isinstance(value, dict):
            return
        else:
            out.add((f"{prefix}{key}", json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value))

    for k, v in choices.items():
        if k in SKIP_DIMENSIONS or k in ("tables", "decoys"):
            continue
        add("", k, v)
    for table in choices.get("tables") or []:
        for k, v in table.items():
            add("table.", k, v)
    decoys = choices.get("decoys") or []
    out.add(("decoy", "none" if not decoys else "yes"))
    for d in decoys:
        out.add(("decoy", f"∋ {d}"))
    return out


def failing(job) -> bool:
    d = job.score
    if d is None or job.pred is None:
        return True
    dacc = d.document_accuracy
    return d.records.f1 < RECORD_F1_OK or d.micro.f1 < FIELD_F1_OK or (dacc.total and dacc.correct < dacc.total)


def breakdown(jobs: list) -> list[dict]:
    # local: the OCR workers (forkserver) re-import this main module and need none of this
    from score_sets import pooled

    groups: dict[tuple[str, str], list] = defaultdict(list)
    for j in jobs:
        choices_path = j.pdf.with_name(j.pdf.stem + ".choices.json")
        try:
            choices = json.loads(choices_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        for dim in dimensions(choices):
            groups[dim].append(j)
    rows = []
    for (dim, value), js in groups.items():
        r = pooled(js)
        rows.append({"dimension": dim, "value": value, "docs": len(js), "failing": sum(failing(j) for j in js),
                     "record_f1": r.records.f1, "field_f1": r.micro.f1,
                     "document_fields": r.document_accuracy.accuracy})
    return rows


def breakdown_table(rows: list[dict], total_docs: int, total_failing: int, top: int, min_docs: int) -> list[str]:
    base = total_failing / total_docs if total_docs else 0.0
    keep = [r for r in rows if r["docs"] >= min_docs and r["docs"] < total_docs]
    keep.sort(key=lambda r: (r["field_f1"], r["record_f1"], -r["docs"]))
    w = max([len("choice")] + [len(f"{r['dimension']} = {r['value']}") for r in keep[:top]])
    w = min(w, 90)
    lines = [f"per-variation breakdown: the {top} weakest choices drawn by ≥{min_docs} documents "
             f"(failing = record F1 < {RECORD_F1_OK:g}, field F1 < {FIELD_F1_OK:g} or a wrong document field; "
             f"{total_failing}/{total_docs} documents fail overall, {base:.0%})",
             f"{'choice':<{w}}  {'docs':>4}  {'fail':>4}  {'fail%':>5}  {'recF1':>5}  {'fldF1':>5}  {'docf':>5}",
             "-" * (w + 42)]
    for r in keep[:top]:
        label = f"{r['dimension']} = {r['value']}"[:w]
        docf = "    -" if r["document_fields"] is None else f"{r['document_fields']:.3f}"
        lines.append(f"{label:<{w}}  {r['docs']:>4}  {r['failing']:>4}  {r['failing'] / r['docs']:>5.0%}"
                     f"  {r['record_f1']:.3f}  {r['field_f1']:.3f}  {docf}")
    return lines


def kinds_table(rows: list[dict]) -> list[str]:
    """The breakdown's rows for the kind of document, every kind."""
    kinds = sorted((r for r in rows if r["dimension"] == "kind"), key=lambda r: r["value"])
    lines = [f"{'kind':<10}  {'docs':>4}  {'fail':>4}  {'recF1':>5}  {'fldF1':>5}  {'docf':>5}"]
    for r in kinds:
        docf = "    -" if r["document_fields"] is None else f"{r['document_fields']:.3f}"
        lines.append(f"{r['value']:<10}  {r['docs']:>4}  {r['failing']:>4}  {r['record_f1']:.3f}  {r['field_f1']:.3f}  {docf}")
    return lines


def fields_table(report) -> list[str]:
    lines = [f"{'field':<17}  {'tp':>5} {'fp':>5} {'fn':>5}  {'P':>5}  {'R':>5}  {'F1':>5}"]
    for f, c in report.fields.items():
        lines.append(f"{f:<17}  {c.tp:>5} {c.fp:>5} {c.fn:>5}  {c.precision:.3f}  {c.recall:.3f}  {c.f1:.3f}")
    g, e = report.group, report.extra
    lines.append(f"{'(group accuracy)':<17}  {g.correct:>5} of {g.total:<5}        "
                 f"{'-' if g.accuracy is None else f'{g.accuracy:.3f}'}")
    lines.append(f"{'(extra)':<17}  {e.tp:>5} {e.fp:>5} {e.fn:>5}  {e.precision:.3f}  {e.recall:.3f}  {e.f1:.3f}")
    return lines


# --------------------------------------------------------------------------- main


def main(argv: Optional[list[str]] = None) -> int:
    # local: the OCR workers (forkserver) re-import this main module and need none of this
    from samples.generator.cli import default_out
    from samples.generator.splits import SPLITS

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=sorted(SPLITS), default="dev")
    ap.add_argument("--count", type=int, help="the first N documents of the split (default all)")
    ap.add_argument("--gen", type=Path, help="generated documents (default output/generated/<split>/)")
    ap.add_argument("--seeds", help="score these seeds instead of the split's, e.g. 120000-120399 "
                                    "(a probe outside every split: give --gen, not a split's folder; "
                                    "with --scanned the scans go to <gen>-scan/)")
    ap.add_argument("--jobs", type=int, default=1, help="browsers when generating (default 1)")
    ap.add_argument("--out", type=Path, help="keep iku's JSON under DIR")
    ap.add_argument("--json", metavar="OUT", help="write totals, per-document figures and the breakdown as JSON")
    ap.add_argument("--per-document", action="store_true", help="print one line per document")
    ap.add_argument("--top", type=int, default=40, help="breakdown lines (default 40)")
    ap.add_argument("--min-docs", type=int, default=3, help="breakdown: choices drawn by at least N documents")
    ap.add_argument("--scanned", action="store_true",
                    help="score the scanned versions (photocopies, scans, phone captures: samples/generator/scan.py) "
                         "of the split's first 40 (dev) / 30 (test) documents, or --count; built into "
                         "output/generated/<split>-scan/ (or --gen) where missing")
    args = ap.parse_args(argv)

    # local, as above
    from score_sets import document_fields_table, documents_table, job_dict, machine_header, pooled, run_jobs, totals_dict

    only = None
    if args.seeds:
        # local, as above
        from samples.generator.cli import parse_seeds
        if args.gen is None:
            ap.error("--seeds needs --gen (a probe's folder, never a split's)")
        only = parse_seeds(args.seeds)
    if args.scanned:
        # local, as above
        from samples.generator.scan import scanned_out
        from samples.generator.splits import SCANNED_COUNTS
        if only is not None:
            # a probe: --gen holds its digital documents, the scans go beside it (<gen>-scan/)
            digital = args.gen
            gen = args.gen.parent / f"{args.gen.name}-scan"
            count = args.count
        else:
            digital = default_out(args.split)
            gen = args.gen or scanned_out(digital, args.split)
            count = args.count if args.count is not None else SCANNED_COUNTS[args.split]
        jobs = split_jobs(args.split, count, gen, args.jobs, scanned_from=digital, only=only)
    else:
        gen = args.gen or default_out(args.split)
        jobs = split_jobs(args.split, args.count, gen, args.jobs, only=only)
    if not jobs:
        print("error: no documents", file=sys.stderr)
        return 2
    header = machine_header()
    print(header, file=sys.stderr)
    t0 = time.perf_counter()
    run_jobs(jobs, args.out)
    wall = time.perf_counter() - t0
    crashes = crash_lines(jobs)

    report = pooled(jobs)
    rec, mic, dacc = report.records, report.micro, report.document_accuracy
    n_fail = sum(failing(j) for j in jobs)
    out = [header, "", f"== generated/{args.split}{'-scan' if args.scanned else ''}: {len(jobs)} documents from {gen}", "",
           f"records  P {rec.precision:.3f}  R {rec.recall:.3f}  F1 {rec.f1:.3f}"
           f"   (gold {rec.tp + rec.fn}, predicted {rec.tp + rec.fp}, matched {rec.tp})",
           f"fields   P {mic.precision:.3f}  R {mic.recall:.3f}  F1 {mic.f1:.3f}   (micro over the FORMAT.md cell fields)",
           f"document fields {dacc.correct}/{dacc.total} = {dacc.accuracy or 0:.3f}",
           f"documents failing: {n_fail}/{len(jobs)}", ""]
    out += fields_table(report) + [""] + document_fields_table(jobs) + [""]
    if args.per_document:
        out += documents_table(f"== per document", jobs) + [""]
    rows = breakdown(jobs)
    out += kinds_table(rows) + [""]
    out += breakdown_table(rows, len(jobs), n_fail, args.top, args.min_docs)
    failures = [j for j in jobs if j.error]
    out += ["", f"failures (iku raised): {len(failures)}"]
    for j in failures:
        out.append(f"  {j.name}: {j.error}")
        if j.name in crashes:
            out.append(f"    at {crashes[j.name]}")
    pages = sum(j.pred["extraction"]["pages"] for j in jobs if j.pred)
    out.append(f"{len(jobs)} PDFs, {pages} pages, {wall:.1f}s in iku")
    print("\n".join(out))

    if args.json:
        data = {"header": header, "split": args.split, "generated": str(gen), "wall_seconds": round(wall, 3),
                "totals": totals_dict(jobs), "failing_documents": n_fail,
                "breakdown": sorted(rows, key=lambda r: (r["dimension"], r["value"])),
                "failures": [{"name": j.name, "error": j.error, "at": crashes.get(j.name)} for j in failures],
                "documents": [job_dict(j) for j in jobs]}
        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
