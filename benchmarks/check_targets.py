"""How many target-like columns become typed `targets` entries (issue 16).

Every PDF of the chosen sets goes through the pipeline; for every record, each
non-empty `extra` column whose header *looks* target-like by a deliberately broad
test independent of normalizers/targets.py (a year in it, or one of the words
target / kondisi / baseline / capaian / realisasi / tahun / TW / triwulan) is a
target cell. Reported per set:

- target cells, and how many have a typed entry (`column` equal to the header);
- entries, and the share with a year and with a numeric value;
- the headers of cells left without an entry (with the reason: another level's
  or a budget column, which the vocabulary leaves out on purpose, or a miss);
- against the gold: the gold's target cells typed by the same rules, in the
  records paired by indikator, and the share the output types the same (kind,
  year, value in the same column, or in the one column of that kind and year) — a cell read into the wrong record counts
  against it.

    .venv/bin/python benchmarks/check_targets.py [--sets samples,holdout,real] [--json OUT]
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BROAD = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)|\b(target|kondisi|baseline|capaian|realisasi|tahun|tw|triwulan)\b",
                   re.I)


def gold_of(pdf: Path) -> Optional[Path]:
    """The gold file of a PDF of the sets (None when it has none)."""
    for g in (pdf.with_suffix(".json"), pdf.with_name(pdf.stem + ".gold.json"),
              pdf.parent / "gold" / f"{pdf.stem}.json", pdf.parent / "gold" / f"{pdf.stem}-partial.json"):
        if g.is_file():
            return g
    return None


def pdfs(sets: list[str], shared: Path) -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {}
    if "samples" in sets:
        out["samples"] = sorted((ROOT / "samples" / "digital").glob("*.pdf")) + \
            sorted((ROOT / "samples" / "office").glob("*.pdf"))
    if "holdout" in sets:
        out["holdout digital"] = sorted((shared / "holdout-1").glob("*/digital.pdf"))
    if "real" in sets:
        out["real digital with gold"] = [p for p in sorted((shared / "real").glob("*.pdf"))
                                         if not p.stem.endswith("-scan") and gold_of(p) is not None]
    return out


def against_gold(doc: dict, gold: dict) -> tuple[int, int]:
    """(gold entries, output entries equal to them): the gold's target cells typed by the same rules,
    in the records paired by indikator, against the output's entries of the same column (kind, year,
    value). Measures extraction: a target cell read into the wrong record or column counts against."""
    from iku.normalizers.targets import record_targets  # after sys.path is set: the repo's package
    from iku.pipeline.evaluate import pair_records
    total = same = 0
    out_recs, gold_recs = doc["indicators"], gold["indicators"]
    paired = {i: j for i, j, _ in pair_records(gold_recs, out_recs)}
    for i, g in enumerate(gold_recs):
        want = record_targets(g, gold["document"])
        total += len(want)
        if i not in paired:
            continue
        got = out_recs[paired[i]].get("targets", [])
        have = {" ".join(t["column"].split()).lower(): t for t in got}
        when = [(t["kind"], t["year"], t["quarter"]) for t in got]
        for t in want:
            h = have.get(" ".join(t["column"].split()).lower())
            key = (t["kind"], t["year"], t["quarter"])
            if h is None and t["year"] is not None and when.count(key) == 1:
                h = got[when.index(key)]  # the header read with other words: the same kind and year
            same += bool(h and (h["kind"], h["year"], h["value"]) == (t["kind"], t["year"], t["value"]))
    return total, same


def check(docs: list[dict], golds: Optional[list[Optional[dict]]] = None) -> dict:
    from iku.normalizers.targets import classify  # after sys.path is set: the repo's package
    cells = typed = entries = with_year = with_value = 0
    missed: collections.Counter = collections.Counter()
    left_out: collections.Counter = collections.Counter()
    for doc in docs:
        for rec in doc["indicators"]:
            cols = {t["column"] for t in rec.get("targets", [])}
            entries += len(rec.get("targets", []))
            with_year += sum(t["year"] is not None for t in rec.get("targets", []))
            with_value += sum(t["value"] is not None for t in rec.get("targets", []))
            for k, v in (rec.get("extra") or {}).items():
                if not v or not BROAD.search(k) or k.endswith("(kode)"):
                    continue
                cells += 1
                if k in cols:
                    typed += 1
                elif classify(k) is None:
                    left_out[k] += 1
                else:
                    missed[k] += 1
    gold_entries = agree = 0
    for doc, gold in zip(docs, golds or []):
        if gold is not None:
            t, a = against_gold(doc, gold)
            gold_entries, agree = gold_entries + t, agree + a
    return {"documents": len(docs), "target_cells": cells, "typed_cells": typed,
            "gold_entries": gold_entries, "agree_with_gold": agree,
            "left_out_by_vocabulary": dict(left_out), "missed": dict(missed), "entries": entries,
            "with_year": with_year, "with_value": with_value}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="samples,holdout,real")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--out", help="keep every document's JSON in this folder")
    args = ap.parse_args()
    from iku.pipeline.options import Options
    from iku.pipeline.process import Pipeline
    results = {}
    with Pipeline(Options.from_env()) as pipe:
        for name, paths in pdfs(args.sets.split(","), Path(args.shared)).items():
            docs, golds = [], []
            for p in paths:
                print(f"  {name}: {p.relative_to(p.parents[1])}", file=sys.stderr)
                try:
                    docs.append(pipe.run(str(p)).to_dict())
                    g = gold_of(p)
                    golds.append(json.loads(g.read_text("utf-8")) if g else None)
                    if args.out:
                        Path(args.out).mkdir(parents=True, exist_ok=True)
                        fname = f"{p.parent.name}-{p.stem}.json" if "holdout" in name else f"{p.stem}.json"
                        (Path(args.out) / fname).write_text(json.dumps(docs[-1], ensure_ascii=False, indent=1))
                except Exception as exc:  # a failing file is reported, the run goes on
                    print(f"error: {p}: {exc}", file=sys.stderr)
            results[name] = check(docs, golds)
    print(f"{'set':26} {'docs':>4} {'target cells':>12} {'typed':>7} {'entries':>7} {'year':>7} {'value':>7} "
          f"{'gold entries':>12} {'as gold':>7}")
    for name, r in results.items():
        share = lambda a, b: f"{a / b:.3f}" if b else "-"
        print(f"{name:26} {r['documents']:>4} {r['target_cells']:>12} {share(r['typed_cells'], r['target_cells']):>7} "
              f"{r['entries']:>7} {share(r['with_year'], r['entries']):>7} {share(r['with_value'], r['entries']):>7} "
              f"{r['gold_entries']:>12} {share(r['agree_with_gold'], r['gold_entries']):>7}")
        for k, n in sorted(r["missed"].items()):
            print(f"    missed: {k!r} ({n})")
        for k, n in sorted(r["left_out_by_vocabulary"].items()):
            print(f"    left out (not the record's target): {k!r} ({n})")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
