"""Fit the confidence model (normalizers/data/confidence_model.json) on labelled outputs.

    .venv/bin/python benchmarks/fit_confidence.py [--outputs DIR ...] [--extract] [--dry-run]

One command re-fits after the extractors changed: `--extract` (or an output folder
that is empty) first runs iku over the labelled sets, keeping its JSON under
output/confidence-fit/ (benchmarks/score_generated.py --split dev / dev2, digital
and --scanned, and benchmarks/score_sets.py --sets holdout,real with --out); then
every predicted record is labelled against its gold (pipeline.evaluate.record_labels:
exactly right = paired and every field right), its features computed
(normalizers.confidence), and logistic models fitted (L2, scipy L-BFGS; evidence of a
fault may only lower the odds): one for the record, one per field of
CONFIDENCE_FIELDS. The record's probability then goes through an isotonic map fitted
on out-of-fold predictions (five folds by document) of the fitted-on documents.

Fitted on: the generated dev split and its scans (dev-scan) and ../shared/holdout-1
(every style present); `--earlier DIR` adds the same documents as an earlier tree read
them (more faults to learn from: the splits the extractors are tuned on come out
nearly exact, documents nobody has seen do not), and `--calibrate-on-all` fits the
isotonic map on those too (off by default: the map says how often the current tree's
records are right, and an earlier tree's faults, fixed since, make it under-confident).
A document weighs at most DOC_WEIGHT records' worth, and so do all its versions together
(holdout X at scan150/200/300, its earlier tree's output: `identity`). Checked on (never
fitted on): the fresh generated dev2 split and its scans (dev2-scan), the fresh scans
dev3-scan when an output folder holds them (generated/dev3-scan/*.json), and
../shared/real. The model file records both, with the check figures (records >= 0.9
exactly right, wrong records below 0.9, ECE) per group and per source (ocr / text).

The refit of record (the outputs are snapshots; rerun after the extractors changed, with
fresh outputs in the first folder):

    .venv/bin/python benchmarks/fit_confidence.py --outputs output/confidence-fit-2 \
        --earlier output/confidence-fit

(output/confidence-fit-2/generated/dev3-scan holds the lead's dev3-scan run: a check group only.)
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "benchmarks"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from iku.normalizers.confidence import MODEL_PATH, all_record_features, field_features  # noqa: E402
from iku.normalizers.schema import CONFIDENCE_FIELDS  # noqa: E402
from iku.pipeline.evaluate import Calibration, format_calibration, record_labels, record_source  # noqa: E402

DEFAULT_OUT = ROOT / "output" / "confidence-fit"
# the generated splits and what they are for: fitted on, or checked on (never fitted on)
GENERATED_SPLITS = {"dev": "fit", "dev-scan": "fit", "dev2": "check", "dev2-scan": "check", "dev3-scan": "check"}
L2 = 1.0  # penalty on the coefficients (not the bias)
# a document's records weigh together at most this many records' worth: errors come in documents
# (one misread header spoils all its rows), and a long clean document must not outvote many short ones
DOC_WEIGHT = 5.0


# --------------------------------------------------------------------------- the labelled documents

def extract(out: Path, shared: Path, scan_count: Optional[int] = None) -> None:
    """Run iku over the labelled sets into `out`: the digital ones first (quick), the scans last."""
    py = sys.executable
    gen = ROOT / "benchmarks/score_generated.py"
    count = ["--count", str(scan_count)] if scan_count else []
    runs = [[str(gen), "--split", "dev"], [str(gen), "--split", "dev2"],
            [str(ROOT / "benchmarks/score_sets.py"), "--sets", "holdout,real", "--styles", "digital,borderless",
             "--real", "digital", "--shared", str(shared)],
            [str(gen), "--split", "dev", "--scanned", *count], [str(gen), "--split", "dev2", "--scanned", *count],
            [str(ROOT / "benchmarks/score_sets.py"), "--sets", "real", "--real", "scanned", "--shared", str(shared)],
            [str(ROOT / "benchmarks/score_sets.py"), "--sets", "holdout", "--styles", "scan150,scan200,scan300",
             "--shared", str(shared)]]
    for run in runs:
        subprocess.run([py, *run, "--out", str(out)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def group(name: str) -> str:
    """The document's group in the figures: its split or set, and its kind (digital or scanned)."""
    if " @earlier" in name:
        return group(name.split(" @earlier")[0]) + " (earlier tree)"
    head, _, rest = name.partition(" ")
    if head == "holdout":
        return "holdout scans" if "/scan" in rest else "holdout digital+borderless"
    if head == "real":
        return "real scanned" if rest.endswith("-scan") else "real digital"
    return head


def identity(name: str) -> str:
    """The document behind a labelled output: the same document scanned at another resolution
    (holdout X/scan150, /scan300) or read by an earlier tree is the same evidence again."""
    name = name.split(" @earlier")[0]
    head, _, rest = name.partition(" ")
    if head == "holdout" and "/scan" in rest:
        return f"{head} {rest.split('/')[0]}/scan"
    return name


def doc_weights(names: list[str], doc_weight: float) -> list[float]:
    """Per record (its document's name): a document's records weigh together at most `doc_weight`
    records, and so do all the versions of one document (identity) together."""
    per_doc = Counter(names)
    weights = [min(1.0, doc_weight / per_doc[n]) for n in names]
    per_identity: Counter = Counter()
    for n, w in zip(names, weights):
        per_identity[identity(n)] += w
    return [w * min(1.0, doc_weight / per_identity[identity(n)]) for n, w in zip(names, weights)]


def labelled(outputs: list[Path], shared: Path) -> list[tuple[str, str, dict, dict]]:
    """(part, name, gold, pred) for every saved output with a gold; part: fit / check."""
    from score_sets import PARTIAL_PAGES, gold_groups, restrict_to_pages  # the partial golds of the real set
    found: dict[str, tuple[str, str, dict, dict]] = {}
    load = lambda p: json.loads(Path(p).read_text(encoding="utf-8"))  # noqa: E731
    for out in outputs:
        for split, part in GENERATED_SPLITS.items():
            gen = ROOT / "output" / "generated" / split
            for pred in sorted(out.glob(f"generated/{split}/*.json")):
                gold = gen / pred.name
                if gold.exists():
                    found[f"{split} {pred.stem}"] = (part, f"{split} {pred.stem}", load(gold), load(pred))
        for pred in sorted(out.glob("holdout/*/*.json")):
            gold = shared / "holdout-1" / pred.parent.name / f"{pred.stem}.gold.json"
            if gold.exists():
                name = f"holdout {pred.parent.name}/{pred.stem}"
                found[name] = ("fit", name, load(gold), load(pred))
        for pred in sorted(out.glob("real/*/*.json")):
            golds = [shared / "real" / "gold" / f"{pred.stem}.json"]
            golds += sorted((shared / "real" / "gold").glob(f"{pred.stem}-*.json"))
            gold = next((g for g in golds if g.exists()), None)
            if gold is None:
                continue
            doc = load(pred)
            if pred.stem in PARTIAL_PAGES and gold.stem != pred.stem:
                doc, _ = restrict_to_pages(doc, PARTIAL_PAGES[pred.stem], gold_groups(load(gold)))
            found[f"real {pred.stem}"] = ("check", f"real {pred.stem}", load(gold), doc)
    return list(found.values())


# --------------------------------------------------------------------------- features and fit

def rows(docs: list[tuple[str, str, dict, dict]]):
    """Per record: (part, doc name, record features, {field: features}, label, {field: label}, source)."""
    out = []
    for part, name, gold, pred in docs:
        recs = pred.get("indicators") or []
        if not recs:
            continue
        labels = record_labels(gold, pred)
        all_feats = all_record_features(recs)
        for i, lab in enumerate(labels):
            feats = all_feats[i]
            ffeats = {f: field_features(recs, i, f, feats) for f in CONFIDENCE_FIELDS}
            out.append((part, name, feats, ffeats, lab["exact"], lab["fields"], record_source(recs[i])))
    return out


def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float = L2, weights=None, bounds=None) -> np.ndarray:
    """Weights (bias first) of an L2-penalised logistic regression (`weights`: per row; `bounds`:
    per coefficient (low, high), None for free: evidence of a fault may only lower the odds)."""
    Xb = np.hstack([np.ones((len(X), 1)), X])
    sw = np.ones(len(X)) if weights is None else np.asarray(weights, dtype=float)

    def loss(w):
        z = Xb @ w
        nll = np.sum(sw * (np.logaddexp(0, z) - y * z))
        return nll + 0.5 * l2 * np.sum(w[1:] ** 2)

    def grad(w):
        p = 1 / (1 + np.exp(-(Xb @ w)))
        g = Xb.T @ (sw * (p - y))
        g[1:] += l2 * w[1:]
        return g

    res = minimize(loss, np.zeros(Xb.shape[1]), jac=grad, method="L-BFGS-B",
                   bounds=None if bounds is None else [(None, None)] + list(bounds))
    return res.x


def isotonic(p: np.ndarray, y: np.ndarray, weights=None, knots: int = 12) -> dict:
    """An increasing map from the model's probability to the observed share exactly right
    (weighted pool-adjacent-violators), as at most `knots` knots {"x", "y"} between which
    normalizers.confidence interpolates."""
    order = np.argsort(p)
    xs, ys = np.asarray(p, dtype=float)[order], np.asarray(y, dtype=float)[order]
    ws = np.ones(len(xs)) if weights is None else np.asarray(weights, dtype=float)[order]
    # equal probabilities are one block from the start
    ties: list[list[float]] = []  # [sum w*y, sum w, sum w*x]
    for k, (x, t, w) in enumerate(zip(xs, ys, ws)):
        if ties and x == xs[k - 1]:
            ties[-1] = [ties[-1][0] + w * t, ties[-1][1] + w, ties[-1][2] + w * x]
        else:
            ties.append([w * t, w, w * x])
    blocks: list[list[float]] = []
    for b in ties:
        blocks.append(b)
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            a = blocks.pop()
            blocks[-1] = [blocks[-1][0] + a[0], blocks[-1][1] + a[1], blocks[-1][2] + a[2]]
    # the blocks' mean probability and observed share; merged to at most `knots` by weight
    pts = [(b[2] / b[1], b[0] / b[1], b[1]) for b in blocks]
    while len(pts) > knots:
        k = min(range(len(pts) - 1), key=lambda k: pts[k][2] + pts[k + 1][2])
        (x1, y1, w1), (x2, y2, w2) = pts[k], pts[k + 1]
        pts[k:k + 2] = [((x1 * w1 + x2 * w2) / (w1 + w2), (y1 * w1 + y2 * w2) / (w1 + w2), w1 + w2)]
    # a knot's share with one right and one wrong record added (no block is certain: 0 or 1 is never said)
    ys_ = np.maximum.accumulate([(y * w + 1) / (w + 2) for _, y, w in pts])
    return {"x": [round(float(x), 4) for x, _, _ in pts], "y": [round(float(y), 4) for y in ys_]}


def coefficients(names: list[str], w: np.ndarray) -> dict[str, float]:
    out = {"bias": round(float(w[0]), 4)}
    out.update({n: round(float(v), 4) for n, v in zip(names, w[1:]) if abs(v) >= 1e-4})
    return out


def matrix(feats: list[dict], names: list[str]) -> np.ndarray:
    return np.array([[f.get(n, 0.0) for n in names] for f in feats], dtype=float)


def check_figures(points: list[tuple[float, bool]], threshold: float = 0.9) -> dict:
    cal = Calibration(threshold=threshold, points=points)
    s = cal.summary()
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in s.items()
            if k in ("records", "exact", "high_records", "high_exact_share", "wrong_records",
                     "wrong_flagged_share", "ece")}


# features that may raise the odds (the rest is evidence of a fault: it may only lower them)
POSITIVE = frozenset({"fields_filled"})
FOLDS = 5


def record_bounds(names: list[str]) -> list[tuple]:
    return [(None, None) if n in POSITIVE else (None, 0.0) for n in names]


def out_of_fold(fit: list, names: list[str], weights: list[float], l2: float = L2) -> np.ndarray:
    """The record model's probability of every fitted-on record from a model fitted without its document."""
    docs = sorted({r[1] for r in fit})
    rng = np.random.default_rng(0)
    rng.shuffle(docs)
    fold = {d: k % FOLDS for k, d in enumerate(docs)}
    X, y, sw = matrix([r[2] for r in fit], names), np.array([r[4] for r in fit], dtype=float), np.array(weights)
    out = np.zeros(len(fit))
    for k in range(FOLDS):
        held = np.array([fold[r[1]] == k for r in fit])
        w = fit_logistic(X[~held], y[~held], l2=l2, weights=sw[~held], bounds=record_bounds(names))
        out[held] = 1 / (1 + np.exp(-(w[0] + X[held] @ w[1:])))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--outputs", type=Path, nargs="*", default=None,
                    help=f"folders of saved iku JSON (score_*.py --out layout; default {DEFAULT_OUT}); a "
                         "document in several is taken from the last")
    ap.add_argument("--extract", action="store_true", help="run iku over the sets first (into the last folder)")
    ap.add_argument("--scan-count", type=int, help="with --extract: the first N documents of dev-scan and dev2-scan")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--model", type=Path, default=MODEL_PATH, help="where to write the model")
    ap.add_argument("--dry-run", action="store_true", help="fit and check, write nothing")
    ap.add_argument("--earlier", type=Path, nargs="*", default=[],
                    help="folders of outputs of an earlier tree: their fitted-on documents join the fit as more "
                         "examples of faults (the coefficients), while the isotonic map is fitted on the "
                         "current outputs alone (the current extraction's rate of exact records)")
    ap.add_argument("--calibrate-on-all", action="store_true",
                    help="fit the isotonic map on the earlier tree's outputs too (documents nobody has seen fail "
                         "more often than the splits the extractors were tuned on)")
    ap.add_argument("--note", help="written into the model file (e.g. which outputs came from which tree)")
    ap.add_argument("--l2", type=float, default=L2, help=f"penalty on the coefficients (default {L2:g})")
    ap.add_argument("--doc-weight", type=float, default=DOC_WEIGHT,
                    help=f"records' worth a document weighs at most (default {DOC_WEIGHT:g})")
    args = ap.parse_args(argv)
    outputs = args.outputs or [DEFAULT_OUT]
    if args.extract or not any(o.exists() and any(o.rglob("*.json")) for o in outputs):
        extract(outputs[-1], args.shared, args.scan_count)
    docs = labelled(outputs, args.shared)
    # an earlier tree's outputs of the fitted-on documents: more faults to learn from, under their own names
    docs += [(part, f"{name} @earlier{k}", gold, pred) for k, folder in enumerate(args.earlier)
             for part, name, gold, pred in labelled([folder], args.shared) if part == "fit"]
    data = rows(docs)
    fit = [r for r in data if r[0] == "fit"]
    check = [r for r in data if r[0] == "check"]
    if not fit:
        print("no labelled outputs to fit on", file=sys.stderr)
        return 1
    names = sorted(fit[0][2])
    weights = doc_weights([r[1] for r in fit], args.doc_weight)
    y = np.array([r[4] for r in fit], dtype=float)
    w = fit_logistic(matrix([r[2] for r in fit], names), y, l2=args.l2, weights=weights,
                     bounds=record_bounds(names))
    current = np.array(["@earlier" not in r[1] or args.calibrate_on_all for r in fit])
    oof = out_of_fold(fit, names, weights, args.l2)
    knots = isotonic(oof[current], y[current], np.array(weights)[current])
    model = {"record": {"coefficients": coefficients(names, w), "calibration": knots}, "fields": {}}
    fnames = sorted(fit[0][3][CONFIDENCE_FIELDS[0]])
    for f in CONFIDENCE_FIELDS:
        yf = np.array([r[5][f] for r in fit], dtype=float)
        wf = fit_logistic(matrix([r[3][f] for r in fit], fnames), yf, l2=args.l2, weights=weights)
        model["fields"][f] = {"coefficients": coefficients(fnames, wf)}

    def predict(part_rows, part_model, key) -> list[tuple[float, bool]]:
        from iku.normalizers.confidence import _calibrated, logit
        return [(_calibrated(part_model, logit(part_model["coefficients"], key(r)[0])), bool(key(r)[1]))
                for r in part_rows]

    figures = {}
    for label, part in (("fit", fit), ("check", check)):
        pts = predict(part, model["record"], lambda r: (r[2], r[4]))
        figures[label] = {"records": check_figures(pts), "groups": {}}
        for g in sorted({group(r[1]) for r in part}):
            gpts = [p for p, r in zip(pts, part) if group(r[1]) == g]
            figures[label]["groups"][g] = {"documents": len({r[1] for r in part if group(r[1]) == g}),
                                           **check_figures(gpts)}
        figures[label]["sources"] = {
            src: check_figures([p for p, r in zip(pts, part) if r[6] == src]) for src in sorted({r[6] for r in part})}
        figures[label]["fields"] = {
            f: check_figures(predict(part, model["fields"][f], lambda r, f=f: (r[3][f], r[5][f])))
            for f in CONFIDENCE_FIELDS}
        print(f"\n== {label}: {len({r[1] for r in part})} documents")
        print(format_calibration(Calibration(threshold=0.9, points=pts)))
        for g, fig in figures[label]["groups"].items():
            print(f"  {g:28} {fig['documents']:4} docs {fig['records']:5} records, {fig['exact']:5} exact; "
                  f">=0.9 exact {fig['high_exact_share']} ({fig['high_records']}); wrong flagged "
                  f"{fig['wrong_flagged_share']} ({fig['wrong_records']}); ECE {fig['ece']}")
        for src, fig in figures[label]["sources"].items():
            print(f"  read by {src:20} {fig['records']:5} records, {fig['exact']:5} exact; >=0.9 exact "
                  f"{fig['high_exact_share']} ({fig['high_records']}); wrong flagged {fig['wrong_flagged_share']} "
                  f"({fig['wrong_records']}); ECE {fig['ece']}")
        for name in sorted({r[1] for r in part}):
            docpts = [(c, e) for (c, e), r in zip(pts, part) if r[1] == name]
            wrong_high = sum(1 for c, e in docpts if not e and c >= 0.9)
            if wrong_high:
                print(f"  {name}: {wrong_high} wrong record(s) at >= 0.9")
    print("\nrecord coefficients:", json.dumps(model["record"]["coefficients"], indent=1))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    model["fitted"] = {
        "by": "benchmarks/fit_confidence.py",
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + " (+ working tree)",
        "outputs": [str(o) for o in outputs],
        "earlier_outputs": [str(o) for o in args.earlier],
        "calibrated_on": "out-of-fold predictions of every fitted-on document" + (
            ", the earlier tree's outputs included" if args.calibrate_on_all else " of the current outputs"),
        "method": f"logistic regression, L2 {args.l2:g} on the coefficients, scipy L-BFGS, the coefficients of "
                  f"evidence of a fault bounded to <= 0 (free: {', '.join(sorted(POSITIVE))}), a document's records "
                  f"weighing at most {args.doc_weight:g} records together (and so do all the versions of one "
                  f"document: its scan resolutions, its earlier tree's output); the record's probability through an "
                  f"isotonic map fitted on {FOLDS}-fold out-of-fold predictions (folds by document); label: the "
                  "record exactly right (paired with a gold record, every field right by FORMAT.md scoring); a "
                  "field's label: its value right",
        "fitted_on": "generated dev split (output/generated/dev, seeds 0-199), its scans dev-scan (the first 40), "
                     "../shared/holdout-1 (styles present)" + (
                         "; and the same documents as an earlier tree read them (earlier_outputs)" if args.earlier
                         else ""),
        "checked_on": "generated dev2 split (seeds 20000-20199), its scans dev2-scan (the first 40), the fresh "
                      "scans dev3-scan (seeds 30000-, when an output folder holds them) and ../shared/real (not "
                      "fitted on)",
        "documents": {"fit": len({r[1] for r in fit}), "check": len({r[1] for r in check})},
        "figures": figures,
    }
    if args.note:
        model["fitted"]["note"] = args.note
    if not args.dry_run:
        args.model.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {args.model}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
