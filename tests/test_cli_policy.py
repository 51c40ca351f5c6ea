"""One command-line policy (pipeline/exitcodes.py), extract as a small batch, eval's input checks,
the year partition. In process (CliRunner) and with the session's extractions: no OCR, no subprocess."""
from __future__ import annotations

import json

import pyarrow.dataset as pads
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from conftest import DIGITAL, ROOT
from iku.pipeline import exitcodes
from iku.pipeline.cli import app

runner = CliRunner()
A, B = DIGITAL / "101_bappeda_pontianak.pdf", DIGITAL / "002_d69aff022b735e67.pdf"


def iku(*args):
    return runner.invoke(app, [str(a) for a in args])


def error_lines(res) -> list[str]:
    return [ln for ln in res.output.splitlines() if ln.strip()]


# --------------------------------------------------------------------------- help and exit codes

def test_help_lists_choices_without_type_noise():
    for args in (["-h"], ["extract", "-h"], ["batch", "-h"], ["diff", "-h"], ["eval", "-h"], ["catalog", "families", "-h"]):
        out = iku(*args).output
        assert "<bool>" not in out and "<list" not in out and "{" not in out.split("Usage:")[1].splitlines()[0], args
    batch = iku("batch", "-h").output
    assert "--jobs" in batch and "local|ray" in batch and "--workers" not in batch
    assert "--jobs" in iku("extract", "-h").output
    diff = iku("diff", "-h").output
    assert "--normalized" in diff and "--normalised" not in diff  # the catalog's spelling; the other hidden
    assert "130 interrupted" in " ".join(iku("-h").output.split())


def test_both_spellings_of_normalized_work(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    doc = json.loads((DIGITAL / "002_d69aff022b735e67.json").read_text("utf-8"))
    a.write_text(json.dumps(doc), "utf-8")
    doc["indicators"][0]["indikator"] = doc["indicators"][0]["indikator"].upper()
    b.write_text(json.dumps(doc), "utf-8")
    assert iku("diff", a, b).exit_code == 1
    assert iku("diff", a, b, "--normalized").exit_code == 0
    assert iku("diff", a, b, "--normalised").exit_code == 0


def test_internal_error_is_one_line_and_exit_4_traceback_with_debug(tmp_path, monkeypatch):
    import iku.pipeline.evaluate as evaluate_module

    def broken(*a, **k):
        raise RuntimeError("boom")
    monkeypatch.setattr(evaluate_module, "evaluate", broken)
    gold = DIGITAL / "002_d69aff022b735e67.json"
    res = iku("eval", gold, gold)
    assert res.exit_code == exitcodes.INTERNAL_ERROR
    assert error_lines(res) == ["error: internal error: RuntimeError: boom (run `iku --debug ...` for the traceback)"]
    res = iku("--debug", "eval", gold, gold)
    assert isinstance(res.exception, RuntimeError)  # --debug: the exception itself, traceback and all


# --------------------------------------------------------------------------- inputs: the same lines in extract and batch

def test_missing_input_and_empty_folder_same_in_extract_and_batch(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for cmd in ("extract", "batch"):
        res = iku(cmd, tmp_path / "nope.pdf", "-o", tmp_path / f"out-{cmd}")
        assert res.exit_code == exitcodes.INPUT_ERROR
        assert error_lines(res) == [f"error: {tmp_path / 'nope.pdf'}: no such file or folder"], cmd
        res = iku(cmd, empty, "-o", tmp_path / f"out-{cmd}")
        assert res.exit_code == exitcodes.INPUT_ERROR
        assert error_lines(res) == [f"error: no input document found in {empty}"], cmd
    assert not (tmp_path / "out-extract").exists()


def test_extract_refuses_a_batch_dataset_folder(tmp_path):
    ds = tmp_path / "ds"
    ds.mkdir()
    (ds / "_dataset.json").write_text("{}", "utf-8")
    res = iku("extract", A, "-o", ds)
    assert res.exit_code == exitcodes.INPUT_ERROR  # the command names the wrong folder (as `batch -o` does)
    assert len(error_lines(res)) == 1 and "is an `iku batch` dataset" in res.output
    assert sorted(p.name for p in ds.iterdir()) == ["_dataset.json"]


# --------------------------------------------------------------------------- extract as a small batch

@pytest.fixture
def fake_pipeline(monkeypatch, extracted):
    """Each document's extraction from the session's extractions (no child process); a path named in
    `interrupt_at` raises Ctrl-C."""
    from iku.pipeline.extracting import Extractor, Result
    from iku.pipeline.writers import write_json
    state = {"interrupt_at": None}

    def one(self, path):
        if state["interrupt_at"] and str(path).endswith(state["interrupt_at"]):
            raise KeyboardInterrupt
        doc, target = extracted(path), self.output / f"{path.stem}.json"
        write_json(target, doc)
        return Result(doc=doc, target=target)
    monkeypatch.setattr(Extractor, "one", one)
    return state


def _parquet_sources(out):
    return sorted(pq.read_table(out / "documents.parquet").column("source_file").to_pylist())


def test_rerun_into_the_same_folder_keeps_json_and_parquet_consistent(tmp_path, fake_pipeline):
    out = tmp_path / "out"
    assert iku("extract", A, B, "-o", out).exit_code == 0
    res = iku("extract", A, "-o", out)  # a second run with one of the two
    assert res.exit_code == 0 and "also hold 1 earlier extraction" in res.output
    jsons = sorted(json.loads(p.read_text("utf-8"))["document"]["source_file"] for p in out.glob("*.json"))
    assert _parquet_sources(out) == jsons == sorted([A.name, B.name])
    n = sum(len(json.loads(p.read_text("utf-8"))["indicators"]) for p in out.glob("*.json"))
    assert pq.read_table(out / "indicators.parquet").num_rows == n


def test_interrupted_extract_keeps_what_finished(tmp_path, fake_pipeline):
    fake_pipeline["interrupt_at"] = B.name
    out = tmp_path / "out"
    res = iku("extract", A, B, "-o", out)
    assert res.exit_code == exitcodes.INTERRUPTED, res.output
    assert "interrupted: 1 of 2 documents done and kept in" in res.output
    assert sorted(p.name for p in out.glob("*.json")) == [f"{A.stem}.json"]
    assert _parquet_sources(out) == [A.name]


# --------------------------------------------------------------------------- eval refuses what would score silently wrong

def test_eval_refuses_an_empty_prediction_folder_and_swapped_arguments(tmp_path):
    gold = DIGITAL / "002_d69aff022b735e67.json"
    empty = tmp_path / "empty"
    empty.mkdir()
    res = iku("eval", gold, empty)
    assert res.exit_code == exitcodes.INPUT_ERROR
    assert error_lines(res) == [f"error: {empty}: no IKU JSON documents found (the prediction side)"]
    pred = tmp_path / "pred"
    pred.mkdir()
    doc = json.loads(gold.read_text("utf-8"))
    (pred / gold.name).write_text(json.dumps({**doc, "extraction": {"tool": "iku"}}), "utf-8")
    assert iku("eval", gold, pred / gold.name).exit_code == 0
    res = iku("eval", pred / gold.name, gold)
    assert res.exit_code == exitcodes.INPUT_ERROR and "look swapped" in res.output
    assert len(error_lines(res)) == 1
    other = tmp_path / "other"
    other.mkdir()
    (other / "unrelated.json").write_text(json.dumps({**doc, "document": {"source_file": "x.pdf"}}), "utf-8")
    res = iku("eval", DIGITAL, other)
    assert res.exit_code == exitcodes.INPUT_ERROR and "pairs with" in res.output


# --------------------------------------------------------------------------- the year partition

def test_year_partition_is_an_integer_with_hive_null_for_unknown(tmp_path):
    from iku.pipeline.batch.dataset import HIVE_NULL, partition_values, render
    doc = json.loads((DIGITAL / "002_d69aff022b735e67.json").read_text("utf-8"))
    known = {**doc, "document": {**doc["document"], "period_start": 2019, "province": "Jawa Barat"}}
    unknown = {**doc, "document": {**doc["document"], "period_start": None, "decree_date": None, "province": None}}
    assert partition_values(unknown) == ("unknown", HIVE_NULL) == ("unknown", "__HIVE_DEFAULT_PARTITION__")
    for sha, d in (("a" * 64, known), ("b" * 64, unknown)):
        out = render(d, sha)
        for table in ("documents", "indicators"):
            part = tmp_path / table / f"province={out['province']}" / f"year={out['year']}" / f"part-{sha}.parquet"
            part.parent.mkdir(parents=True)
            part.write_bytes(out["files"][table])
    table = pads.dataset(tmp_path / "documents", partitioning="hive").to_table()
    assert str(table.schema.field("year").type) == "int32"
    assert sorted(table.column("year").to_pylist(), key=str) == [2019, None]
    import duckdb
    rel = duckdb.sql(f"SELECT year FROM read_parquet('{tmp_path}/documents/**/*.parquet', hive_partitioning=true) "
                     "ORDER BY year")
    assert str(rel.types[0]) in ("BIGINT", "INTEGER") and rel.fetchall() == [(2019,), (None,)]
    # the README's Python snippet, as printed, on this dataset
    import re

    import pandas
    import pyarrow
    import pyarrow.dataset  # noqa: F401
    readme = (ROOT / "README.md").read_text("utf-8")
    snippet = next(b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if "hive_partitioning" in b)
    for line in snippet.strip().splitlines():
        result = eval(line.split("#")[0].replace("'DATASET/", f"'{tmp_path}/"),
                      {"duckdb": duckdb, "pandas": pandas, "pyarrow": pyarrow})
        assert result is not None, line
