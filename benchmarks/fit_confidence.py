"""Fit the confidence model (normalizers/data/confidence_model.json) on labelled outputs.

    .venv/bin/python benchmarks/fit_confidence.py [--outputs DIR ...] [--extract] [--dry-run]

One command re-fits after the extractors changed: `--extract` (or an output folder
that is empty) first runs iku over the labelled sets, keeping its JSON under
output/confidence-fit/ (benchmarks/score_generated.py --split dev and
benchmarks/score_sets.py --sets holdout,real with --out); then every predicted
record is labelled against its gold (pipeline.evaluate.record_labels: exactly right =
paired and every field right), its features computed (normalizers.confidence), and
logistic models fitted (L2, scipy L-BFGS): one for the record, one per field of
CONFIDENCE_FIELDS.

Fitted on: the generated dev split seeds 0..139 and ../shared/holdout-1 (every style
present). Checked on (never fitted on): dev seeds 140..199 and ../shared/real. The
model file records both, with the check figures (records >= 0.9 exactly right, wrong
records below 0.9, ECE).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "benchmarks"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from iku.normalizers.confidence import MODEL_PATH, all_record_features, field_features  # noqa: E402
from iku.normalizers.schema import CONFIDENCE_FIELDS  # noqa: E402
from iku.pipeline.evaluate import Calibration, format_calibration, record_labels  # noqa: E402

DEFAULT_OUT = ROOT / "output" / "confidence-fit"
FIT_SEEDS = range(0, 140)
CHECK_SEEDS = range(140, 200)
L2 = 3.0  # penalty on the coefficients (not the bias)
# a document's records weigh together at most this many records' worth: errors come in documents
# (one misread header spoils all its rows), and a long clean document must not outvote many short ones
DOC_WEIGHT = 5.0


# --------------------------------------------------------------------------- the labelled documents

def extract(out: Path, shared: Path) -> None:
    py = sys.executable
    subprocess.run([py, str(ROOT / "benchmarks/score_generated.py"), "--split", "dev", "--out", str(out)],
                   cwd=ROOT, check=True)
    subprocess.run([py, str(ROOT / "benchmarks/score_sets.py"), "--sets", "holdout,real", "--shared", str(shared),
                    "--out", str(out)], cwd=ROOT, check=True)


def labelled(outputs: list[Path], shared: Path) -> list[tuple[str, str, dict, dict]]:
    """(part, name, gold, pred) for every saved output with a gold; part: fit / check."""
    from score_sets import PARTIAL_PAGES, restrict_to_pages  # the partial golds of the real set
    found: dict[str, tuple[str, str, dict, dict]] = {}
    load = lambda p: json.loads(Path(p).read_text(encoding="utf-8"))  # noqa: E731
    gen = ROOT / "output" / "generated" / "dev"
    for out in outputs:
        for pred in sorted(out.glob("generated/dev/*.json")):
            gold = gen / pred.name
            if gold.exists():
                seed = int(pred.stem.split("-")[0])
                found[f"dev {pred.stem}"] = ("fit" if seed in FIT_SEEDS else "check", f"dev {pred.stem}",
                                             load(gold), load(pred))
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
                doc, _ = restrict_to_pages(doc, PARTIAL_PAGES[pred.stem])
            found[f"real {pred.stem}"] = ("check", f"real {pred.stem}", load(gold), doc)
    return list(found.values())


# --------------------------------------------------------------------------- features and fit

def rows(docs: list[tuple[str, str, dict, dict]]):
    """Per record: (part, doc name, record features, {field: features}, label, {field: label})."""
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
            out.append((part, name, feats, ffeats, lab["exact"], lab["fields"]))
    return out


def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float = L2, weights=None) -> np.ndarray:
    """Weights (bias first) of an L2-penalised logistic regression (`weights`: per row)."""
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

    res = minimize(loss, np.zeros(Xb.shape[1]), jac=grad, method="L-BFGS-B")
    return res.x


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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--outputs", type=Path, nargs="*", default=None,
                    help=f"folders of saved iku JSON (score_*.py --out layout; default {DEFAULT_OUT})")
    ap.add_argument("--extract", action="store_true", help="run iku over the sets first (into the first folder)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--model", type=Path, default=MODEL_PATH, help="where to write the model")
    ap.add_argument("--dry-run", action="store_true", help="fit and check, write nothing")
    args = ap.parse_args(argv)
    outputs = args.outputs or [DEFAULT_OUT]
    if args.extract or not any(o.exists() and any(o.rglob("*.json")) for o in outputs):
        extract(outputs[0], args.shared)
    docs = labelled(outputs, args.shared)
    data = rows(docs)
    fit = [r for r in data if r[0] == "fit"]
    check = [r for r in data if r[0] == "check"]
    if not fit:
        print("no labelled outputs to fit on", file=sys.stderr)
        return 1
    names = sorted(fit[0][2])
    per_doc = Counter(r[1] for r in fit)
    weights = [min(1.0, DOC_WEIGHT / per_doc[r[1]]) for r in fit]
    w = fit_logistic(matrix([r[2] for r in fit], names), np.array([r[4] for r in fit], dtype=float),
                     weights=weights)
    model = {"record": {"coefficients": coefficients(names, w)}, "fields": {}}
    fnames = sorted(fit[0][3][CONFIDENCE_FIELDS[0]])
    for f in CONFIDENCE_FIELDS:
        y = np.array([r[5][f] for r in fit], dtype=float)
        wf = fit_logistic(matrix([r[3][f] for r in fit], fnames), y, weights=weights)
        model["fields"][f] = {"coefficients": coefficients(fnames, wf)}

    def predict(part_rows, part_model, key) -> list[tuple[float, bool]]:
        from iku.normalizers.confidence import logit, probability
        return [(probability(logit(part_model["coefficients"], key(r)[0])), bool(key(r)[1])) for r in part_rows]

    figures = {}
    for label, part in (("fit", fit), ("check", check)):
        pts = predict(part, model["record"], lambda r: (r[2], r[4]))
        figures[label] = {"records": check_figures(pts)}
        figures[label]["fields"] = {
            f: check_figures(predict(part, model["fields"][f], lambda r, f=f: (r[3][f], r[5][f])))
            for f in CONFIDENCE_FIELDS}
        print(f"\n== {label}: {len({r[1] for r in part})} documents")
        print(format_calibration(Calibration(threshold=0.9, points=pts)))
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
        "method": f"logistic regression, L2 {L2} on the coefficients, scipy L-BFGS, a document's records "
                  f"weighing at most {DOC_WEIGHT:g} records together; label: the record exactly right (paired "
                  "with a gold record, every field right by FORMAT.md scoring); a field's label: its value right",
        "fitted_on": "generated dev split seeds 0-139 (output/generated/dev) and ../shared/holdout-1 (styles present)",
        "checked_on": "generated dev split seeds 140-199 and ../shared/real (not fitted on)",
        "documents": {"fit": len({r[1] for r in fit}), "check": len({r[1] for r in check})},
        "figures": figures,
    }
    if not args.dry_run:
        args.model.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {args.model}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
