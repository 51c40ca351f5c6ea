"""Extract and score the evaluation sets: the holdout, the real documents, the samples.

Every PDF goes through the project's own pipeline (`pipeline.process.Pipeline`,
one OCR pool for the whole run, the next file's OCR started before the current
one runs) and is scored against its gold with `pipeline.evaluate` (FORMAT.md
scoring). Totals are pooled over records (counts summed over documents, as
`evaluate` does for folders), not means of documents. Nothing is cached: every
run extracts every file again.

Sets (paths relative to the shared folder, default ../shared beside the repo or
$IKU_SHARED):

- holdout: holdout-1/<doc>/<style>.pdf with <style>.gold.json beside it; the
  table has a row per document, a column per style, cells "record F1 / field
  F1", and an "all" row (the shape of holdout-1/README.md);
- real: real/*.pdf with gold in real/gold/<stem>.json, split into digital and
  scanned (*-scan.pdf); a "<stem>-partial.json" gold covers only some pages of
  its PDF and is scored on the records of those pages (PARTIAL_PAGES); a PDF
  without gold (the 110-page LKIP report) is listed and skipped;
- samples: samples/digital and samples/office of this repo (samples/scanned on
  request), gold beside each PDF as <stem>.json.

A file that fails to extract counts as 0 records (all its gold records missed,
every document field wrong) and is listed with its one-line reason; the run goes
on. Progress goes to stderr, tables to stdout.

    .venv/bin/python benchmarks/score_sets.py [--sets holdout,real,samples]
        [--styles digital,borderless,scan300,scan200,scan150] [--real digital,scanned]
        [--samples digital,office,scanned] [--docs PATTERN,...] [--json OUT] [--out DIR]

The OCR pool size comes from IKU_OCR_WORKERS (default 2), as for `iku extract`.
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HOLDOUT_STYLES = ("digital", "borderless", "scan300", "scan200", "scan150")
REAL_KINDS = ("digital", "scanned")
SAMPLE_KINDS = ("digital", "office", "scanned")
DEFAULT_SAMPLE_KINDS = ("digital", "office")
SETS = ("holdout", "real", "samples")

# A partial gold covers these pages of its PDF only (real/SOURCES.md, "Added later"):
# predicted records are kept when one of their pages is among them.
PARTIAL_PAGES = {
    "pemkab-boven-digoel-rpjmd-bab5-2021-2025": frozenset({27, 28}),
}


@dataclass
class Job:
    set: str          # holdout / real / samples
    group: str        # holdout: style; real: digital / scanned; samples: digital / office / scanned
    name: str         # holdout: document folder; else the PDF stem
    pdf: Path
    gold: Path
    pages_only: Optional[frozenset] = None  # partial gold: score the records of these pages only
    # filled by the run
    pred: Optional[dict] = None
    error: Optional[str] = None
    seconds: float = 0.0
    score: object = None  # pipeline.evaluate.DocumentScore
    dropped: int = 0      # predicted records outside pages_only

    @property
    def label(self) -> str:
        return f"{self.set} {self.name}/{self.group}" if self.set == "holdout" else f"{self.set} {self.group} {self.name}"


# --------------------------------------------------------------------------- the sets


def _wanted(name: str, patterns: Optional[list[str]]) -> bool:
    return not patterns or any(fnmatch.fnmatchcase(name, p) for p in patterns)


def holdout_jobs(shared: Path, styles: list[str], docs: Optional[list[str]]) -> list[Job]:
    base = shared / "holdout-1"
    jobs = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []:
        if not _wanted(folder.name, docs):
            continue
        for style in styles:
            pdf, gold = folder / f"{style}.pdf", folder / f"{style}.gold.json"
            if pdf.exists() and gold.exists():
                jobs.append(Job("holdout", style, folder.name, pdf, gold))
    return jobs


def real_jobs(shared: Path, kinds: list[str], docs: Optional[list[str]]) -> tuple[list[Job], list[str]]:
    """The real documents with gold, and the stems of those without."""
    base = shared / "real"
    golds = sorted((base / "gold").glob("*.json")) if (base / "gold").is_dir() else []
    jobs, no_gold = [], []
    for pdf in sorted(base.glob("*.pdf")) if base.is_dir() else []:
        kind = "scanned" if pdf.stem.endswith("-scan") else "digital"
        if kind not in kinds or not _wanted(pdf.stem, docs):
            continue
        gold = base / "gold" / f"{pdf.stem}.json"
        pages_only = None
        if not gold.exists():  # a partial gold: <stem>-partial.json (matched by prefix)
            partial = [g for g in golds if g.stem.startswith(pdf.stem + "-")]
            if not partial:
                no_gold.append(pdf.stem)
                continue
            gold = partial[0]
            pages_only = PARTIAL_PAGES.get(pdf.stem)
        jobs.append(Job("real", kind, pdf.stem, pdf, gold, pages_only))
    return jobs, no_gold


def sample_jobs(kinds: list[str], docs: Optional[list[str]]) -> list[Job]:
    jobs = []
    for kind in kinds:
        for pdf in sorted((ROOT / "samples" / kind).glob("*.pdf")):
            gold = pdf.with_suffix(".json")
            if gold.exists() and _wanted(pdf.stem, docs):
                jobs.append(Job("samples", kind, pdf.stem, pdf, gold))
    return jobs


# --------------------------------------------------------------------------- extract and score


def restrict_to_pages(doc: dict, pages: frozenset, groups: frozenset = frozenset()) -> tuple[dict, int]:
    """The document with only the records that come from one of `pages` (and, when the partial
    gold names the groups it covers, from one of those groups: a page may also hold the first
    rows of the next group, which the gold leaves out); and how many went. A record read into
    a wrong group is left out here and so still counts, as a gold record missed."""
    def covered(r: dict) -> bool:
        if not set((r.get("provenance") or {}).get("pages") or []) & pages:
            return False
        return not groups or _group_key(r.get("group")) in groups
    keep = [r for r in doc.get("indicators") or [] if covered(r)]
    return {**doc, "indicators": keep}, len(doc.get("indicators") or []) - len(keep)


def _group_key(group) -> str:
    return " ".join(str(group or "").split()).casefold()


def gold_groups(gold: dict) -> frozenset:
    """The groups a partial gold covers, when every one of its records names one."""
    groups = [r.get("group") for r in gold.get("indicators") or []]
    return frozenset(_group_key(g) for g in groups) if groups and all(groups) else frozenset()


def score(job: Job) -> None:
    # local: the OCR workers (forkserver) re-import this main module and need none of this
    from iku.pipeline.evaluate import evaluate, score_document
    gold = json.loads(job.gold.read_text(encoding="utf-8"))
    if job.pred is None:  # failed: nothing predicted, every document field wrong
        job.score = score_document(gold, None, name=job.name, gold_path=str(job.gold))
        return
    pred = job.pred
    if job.pages_only:
        pred, job.dropped = restrict_to_pages(pred, job.pages_only, gold_groups(gold))
    report = evaluate(gold, pred)
    job.score = report.documents[0]
    job.score.name, job.score.gold_path = job.name, str(job.gold)


def out_path(out: Path, job: Job) -> Path:
    if job.set == "holdout":
        return out / "holdout" / job.name / f"{job.group}.json"
    return out / job.set / job.group / f"{job.name}.json"


def run_jobs(jobs: list[Job], out: Optional[Path]) -> None:
    # local: the OCR workers (forkserver) re-import this main module and need none of this
    from iku.pipeline.options import Options
    from iku.pipeline.process import InputError, Pipeline
    from iku.pipeline.writers import write_json

    options = Options.from_env()
    n = len(jobs)
    with Pipeline(options) as pipe:
        for i, job in enumerate(jobs):
            if i + 1 < n:
                pipe.prefetch(str(jobs[i + 1].pdf))  # the next file's scanned pages start OCR now
            t0 = time.perf_counter()
            try:
                job.pred = pipe.run(str(job.pdf)).to_dict()
            except InputError as exc:
                job.error = str(exc)
            except Exception as exc:  # one bad file never stops the run
                job.error = f"unexpected {type(exc).__name__}: {exc}"
            job.seconds = time.perf_counter() - t0
            if job.error:
                job.error = " ".join(job.error.split())  # one line
            elif out is not None:
                try:
                    write_json(out_path(out, job), job.pred)
                except OSError as exc:
                    print(f"warning: {job.label}: could not write JSON: {exc}", file=sys.stderr)
            try:
                score(job)
            except Exception as exc:  # a gold that cannot be read: listed like a failure
                job.error = (job.error + "; " if job.error else "") + \
                    " ".join(f"scoring: {type(exc).__name__}: {exc}".split())
                job.score = None
            if job.score is None:
                print(f"[{i + 1}/{n}] {job.label}: FAILED {job.error} ({job.seconds:.1f}s)", file=sys.stderr, flush=True)
                continue
            d = job.score
            pages = job.pred["extraction"]["pages"] if job.pred else "?"
            status = f"FAILED {job.error}" if job.error else f"{d.n_pred} indicators, {pages} pages"
            print(f"[{i + 1}/{n}] {job.label}: {status}, {job.seconds:.1f}s"
                  f" → record F1 {d.records.f1:.3f}, field F1 {d.micro.f1:.3f}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- tables


def pooled(jobs: list[Job]):
    """One evaluate Report over the jobs' document scores: counts summed over records."""
    # local: the OCR workers (forkserver) re-import this main module and need none of this
    from iku.pipeline.evaluate import Report
    return Report(documents=[j.score for j in jobs if j.score is not None],
                  missing=[j.name for j in jobs if j.pred is None])


def _acc(tally) -> str:
    return "    -" if tally.accuracy is None else f"{tally.accuracy:.3f}"


def holdout_table(jobs: list[Job], styles: list[str]) -> list[str]:
    styles = [s for s in styles if any(j.group == s for j in jobs)]
    docs = sorted({j.name for j in jobs})
    cell = {(j.name, j.group): j for j in jobs}
    lines = ["record F1 / field micro-F1 (FORMAT.md scoring); * = failed to extract (0 records)", "",
             "| document | " + " | ".join(styles) + " |",
             "|---|" + "---|" * len(styles)]
    for doc in docs:
        cells = []
        for s in styles:
            j = cell.get((doc, s))
            if j is None or j.score is None:
                cells.append("-" if j is None else "*")
            else:
                cells.append(f"{j.score.records.f1:.2f} / {j.score.micro.f1:.2f}" + (" *" if j.pred is None else ""))
        lines.append(f"| {doc} | " + " | ".join(cells) + " |")
    alls = []
    for s in styles:
        r = pooled([j for j in jobs if j.group == s])
        alls.append(f"**{r.records.f1:.3f} / {r.micro.f1:.3f}**")
    lines.append("| **all** | " + " | ".join(alls) + " |")
    lines.append("")
    w = max(len(s) for s in styles)
    lines.append(f"{'style':<{w}}  {'docs':>4}  {'gold':>5} {'pred':>5} {'match':>5}  {'rec P':>5}  {'rec R':>5}"
                 f"  {'recF1':>5}  {'fld P':>5}  {'fld R':>5}  {'fldF1':>5}  {'docf':>5}  {'secs':>6}")
    for s in styles:
        sj = [j for j in jobs if j.group == s]
        r = pooled(sj)
        rec, mic = r.records, r.micro
        lines.append(f"{s:<{w}}  {len(sj):>4}  {rec.tp + rec.fn:>5} {rec.tp + rec.fp:>5} {rec.tp:>5}"
                     f"  {rec.precision:.3f}  {rec.recall:.3f}  {rec.f1:.3f}  {mic.precision:.3f}  {mic.recall:.3f}"
                     f"  {mic.f1:.3f}  {_acc(r.document_accuracy)}  {sum(j.seconds for j in sj):>6.1f}")
    return lines


def documents_table(title: str, jobs: list[Job]) -> list[str]:
    """One line per document and a pooled "all" line: counts, record P/R/F1, field F1, document fields."""
    nw = max([len("document"), len("all")] + [len(j.name) for j in jobs])
    head = (f"{'document':<{nw}}  {'pages':>5}  {'gold':>4} {'pred':>4} {'match':>5}  {'rec P':>5}  {'rec R':>5}"
            f"  {'recF1':>5}  {'fldF1':>5}  {'docf':>5}  {'secs':>6}")
    lines = [title, head, "-" * len(head)]
    for j in jobs:
        if j.score is None:
            lines.append(f"{j.name:<{nw}}  FAILED (gold unreadable)")
            continue
        d = j.score
        pages = j.pred["extraction"]["pages"] if j.pred else 0
        note = ""
        if j.pred is None:
            note = "  FAILED"
        elif j.pages_only:
            note = f"  partial gold: pp. {min(j.pages_only)}-{max(j.pages_only)}, its groups ({j.dropped} records elsewhere left out)"
        lines.append(f"{j.name:<{nw}}  {pages:>5}  {d.n_gold:>4} {d.n_pred:>4} {d.records.tp:>5}"
                     f"  {d.records.precision:.3f}  {d.records.recall:.3f}  {d.records.f1:.3f}  {d.micro.f1:.3f}"
                     f"  {_acc(d.document_accuracy)}  {j.seconds:>6.1f}{note}")
    r = pooled(jobs)
    rec = r.records
    pages = sum(j.pred["extraction"]["pages"] for j in jobs if j.pred)
    lines.append("-" * len(head))
    lines.append(f"{'all':<{nw}}  {pages:>5}  {rec.tp + rec.fn:>4} {rec.tp + rec.fp:>4} {rec.tp:>5}"
                 f"  {rec.precision:.3f}  {rec.recall:.3f}  {rec.f1:.3f}  {r.micro.f1:.3f}"
                 f"  {_acc(r.document_accuracy)}  {sum(j.seconds for j in jobs):>6.1f}")
    dacc = r.document_accuracy
    lines.append(f"{'':<{nw}}  document fields {dacc.correct}/{dacc.total}; field micro P {r.micro.precision:.3f}"
                 f" R {r.micro.recall:.3f} (tp {r.micro.tp} fp {r.micro.fp} fn {r.micro.fn})")
    return lines


def document_fields_table(jobs: list[Job]) -> list[str]:
    """Document-field accuracy per field, pooled over the jobs."""
    r = pooled(jobs)
    w = max(len(f) for f in r.document_fields)
    lines = [f"{'document field':<{w}}  {'ok':>3} {'of':>3}  {'acc':>5}"]
    for f, t in r.document_fields.items():
        lines.append(f"{f:<{w}}  {t.correct:>3} {t.total:>3}  {_acc(t)}")
    return lines


# --------------------------------------------------------------------------- report


def machine_header() -> str:
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except Exception:
            return ""
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = len([ln for ln in git("status", "--porcelain", "--untracked-files=no").splitlines() if ln.strip()])
    tree = f" + {dirty} uncommitted file(s) in the working tree" if dirty else " (clean tree)"
    try:
        load = "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "load ?"
    now = datetime.now(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return (f"# iku {commit}{tree}; {now}; {platform.node() or 'host'}: {os.cpu_count()} cores, {load}"
            f" (1/5/15 min); OCR workers {os.environ.get('IKU_OCR_WORKERS', '2 (default)')}")


def job_dict(job: Job) -> dict:
    d = {"set": job.set, "group": job.group, "name": job.name, "pdf": str(job.pdf), "gold": str(job.gold),
         "seconds": round(job.seconds, 3), "error": job.error,
         "pages": job.pred["extraction"]["pages"] if job.pred else None,
         "method": job.pred["extraction"].get("method") if job.pred else None,
         "pages_only": sorted(job.pages_only) if job.pages_only else None,
         "records_left_out": job.dropped}
    if job.score is not None:
        d["score"] = job.score.to_dict()
        # per predicted record: its confidence and whether a gold record matched it
        # (the indices are those of the scored prediction, after any page restriction)
        if job.pred is not None:
            recs = job.pred["indicators"]
            if job.pages_only:
                gold = json.loads(job.gold.read_text(encoding="utf-8"))
                recs = restrict_to_pages(job.pred, job.pages_only, gold_groups(gold))[0]["indicators"]
            matched = {p for _, p, _ in job.score.pairs}
            d["predicted"] = [{"confidence": r.get("confidence"), "matched": k in matched,
                               "pages": (r.get("provenance") or {}).get("pages")} for k, r in enumerate(recs)]
    return d


def totals_dict(jobs: list[Job]) -> dict:
    t = pooled(jobs).to_dict()["totals"]
    t["seconds"] = round(sum(j.seconds for j in jobs), 3)
    return t


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default=",".join(SETS), help="comma list of holdout, real, samples (default all)")
    ap.add_argument("--styles", default=",".join(HOLDOUT_STYLES), help="holdout styles (default all five)")
    ap.add_argument("--real", default=",".join(REAL_KINDS), help="real documents: digital, scanned (default both)")
    ap.add_argument("--samples", default=",".join(DEFAULT_SAMPLE_KINDS),
                    help="sample folders: digital, office, scanned (default digital,office)")
    ap.add_argument("--docs", help="only these documents: comma list of fnmatch patterns on the holdout "
                                   "folder name or the PDF stem")
    ap.add_argument("--json", metavar="OUT", help="write per-document figures and totals as JSON")
    ap.add_argument("--out", metavar="DIR", type=Path, help="keep the extracted JSON under DIR")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("IKU_SHARED", ROOT.parent / "shared")),
                    help="folder with holdout-1/ and real/ (default $IKU_SHARED or ../shared)")
    args = ap.parse_args(argv)

    def choices(value: str, allowed: tuple, what: str) -> list[str]:
        items = [v.strip() for v in value.split(",") if v.strip()]
        bad = [v for v in items if v not in allowed]
        if bad:
            ap.error(f"unknown {what}: {', '.join(bad)} (choose from {', '.join(allowed)})")
        return items

    sets = choices(args.sets, SETS, "set")
    styles = choices(args.styles, HOLDOUT_STYLES, "style")
    real_kinds = choices(args.real, REAL_KINDS, "real kind")
    sample_kinds = choices(args.samples, SAMPLE_KINDS, "sample folder")
    docs = [d.strip() for d in args.docs.split(",") if d.strip()] if args.docs else None

    jobs: list[Job] = []
    no_gold: list[str] = []
    if "holdout" in sets:
        if not (args.shared / "holdout-1").is_dir():
            print(f"warning: {args.shared / 'holdout-1'}: not found, holdout skipped", file=sys.stderr)
        jobs += holdout_jobs(args.shared, styles, docs)
    if "real" in sets:
        if not (args.shared / "real").is_dir():
            print(f"warning: {args.shared / 'real'}: not found, real skipped", file=sys.stderr)
        rj, no_gold = real_jobs(args.shared, real_kinds, docs)
        jobs += rj
    if "samples" in sets:
        jobs += sample_jobs(sample_kinds, docs)
    if not jobs:
        print("error: nothing to score (check --sets, --styles, --docs, --shared)", file=sys.stderr)
        return 2

    header = machine_header()
    print(header, file=sys.stderr)
    t0 = time.perf_counter()
    run_jobs(jobs, args.out)
    wall = time.perf_counter() - t0

    out: list[str] = [header]
    by_set = {s: [j for j in jobs if j.set == s] for s in SETS}
    if by_set["holdout"]:
        out += ["", "== holdout-1 (" + ", ".join(s for s in styles if any(j.group == s for j in by_set["holdout"]))
                + ")", ""]
        out += holdout_table(by_set["holdout"], styles)
    if by_set["real"]:
        for kind in REAL_KINDS:
            kj = [j for j in by_set["real"] if j.group == kind]
            if kj:
                out += ["", *documents_table(f"== real, {kind}", kj), "", *document_fields_table(kj)]
        if no_gold:
            out += ["", "real, no gold (not extracted): " + ", ".join(no_gold)]
    if by_set["samples"]:
        for kind in SAMPLE_KINDS:
            kj = [j for j in by_set["samples"] if j.group == kind]
            if kj:
                out += ["", *documents_table(f"== samples/{kind}", kj)]
    out += ["", "secs: time in Pipeline.run; the OCR of a scan starts while the previous file runs "
                "(prefetch), so per-document seconds of scans are not their cost: see the wall time."]
    failures = [j for j in jobs if j.error]
    out += ["", f"failures: {len(failures)}"]
    out += [f"  {j.label}: {j.error}" for j in failures]
    pages = sum(j.pred["extraction"]["pages"] for j in jobs if j.pred)
    out.append(f"{len(jobs)} PDFs, {pages} pages, {wall:.1f}s wall")
    print("\n".join(out))

    if args.json:
        groups = {}
        for s in SETS:
            for g in sorted({j.group for j in by_set[s]}):
                groups[f"{s}/{g}"] = totals_dict([j for j in by_set[s] if j.group == g])
        data = {"header": header, "wall_seconds": round(wall, 3), "totals": groups,
                "no_gold": no_gold, "failures": [{"label": j.label, "error": j.error} for j in failures],
                "documents": [job_dict(j) for j in jobs]}
        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
