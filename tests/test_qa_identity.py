"""QA steps never attach data to the wrong document: `iku review` takes a PDF only when it is the
document's (its SHA-256 where known, found through the dataset's manifest or the recorded input
path), and `iku apply-corrections` refuses corrections made on another extraction, in one line."""
from __future__ import annotations

import json
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
from typer.testing import CliRunner

from conftest import DIGITAL
from iku.pipeline import exitcodes
from iku.pipeline.cli import app
from iku.pipeline.qa.corrections import apply_corrections
from iku.pipeline.qa.review import collect
from iku.pipeline.qa.sources import document_digest, file_sha256

runner = CliRunner()
A, B, C = (DIGITAL / f"{n}.pdf" for n in ("002_d69aff022b735e67", "000_eb4ee2063c343ebc", "003_b12329ee375d4a48"))
# A has 9 pages, B 8, C 6; D has as many pages as C
D = DIGITAL / "100_dinkes_sleman.pdf"


def gold(pdf, **document) -> dict:
    doc = json.loads(pdf.with_suffix(".json").read_text("utf-8"))
    doc["document"] = {**doc["document"], **document}
    return doc


def two_sk_pdfs(tmp_path, first=A, second=B):
    """a/sk.pdf and b/sk.pdf: two different documents with the same file name."""
    for folder, pdf in (("a", first), ("b", second)):
        (tmp_path / "pdfs" / folder).mkdir(parents=True)
        shutil.copy(pdf, tmp_path / "pdfs" / folder / "sk.pdf")
    return tmp_path / "pdfs" / "a" / "sk.pdf", tmp_path / "pdfs" / "b" / "sk.pdf"


def dataset_with(tmp_path, doc: dict, sha: str, manifest_path=None):
    ds = tmp_path / "ds"
    (ds / "json" / sha[:2]).mkdir(parents=True)
    (ds / "json" / sha[:2] / f"{sha}.json").write_text(json.dumps(doc), "utf-8")
    (ds / "_dataset.json").write_text("{}", "utf-8")
    if manifest_path is not None:
        pq.write_table(pa.Table.from_pylist([{"sha256": sha, "path": str(manifest_path), "archive": None,
                                              "status": "done"}]), ds / "manifest.parquet")
    return ds


def test_review_of_a_dataset_takes_the_pdf_with_the_documents_hash(tmp_path):
    a, b = two_sk_pdfs(tmp_path)
    sha_b = file_sha256(b)
    ds = dataset_with(tmp_path, gold(B, source_file="sk.pdf"), sha_b, manifest_path=b)
    [item] = collect([ds], [])  # through the manifest's path, no --pdf-dir
    assert item.pdf == b and item.sha256 == sha_b
    [item] = collect([ds], [tmp_path / "pdfs"])  # by name, a/sk.pdf first: refused, its hash differs
    assert item.pdf.resolve() == b.resolve()
    b.unlink()
    [item] = collect([ds], [tmp_path / "pdfs"])  # only the other document's sk.pdf: no page images
    assert item.pdf is None and "none with the document's SHA-256" in item.problem


def test_review_of_an_output_without_hash_never_guesses_between_namesakes(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "sk.json").write_text(json.dumps({**gold(B, source_file="sk.pdf"), "extraction": {"pages": 8}}), "utf-8")
    a, b = two_sk_pdfs(tmp_path)  # 9 and 8 pages: the page count tells them apart
    [item] = collect([out], [tmp_path / "pdfs"])
    assert item.pdf == b
    shutil.rmtree(tmp_path / "pdfs")
    two_sk_pdfs(tmp_path, C, D)  # 6 pages each, like the document: which one is unknown, none shown
    (out / "sk.json").write_text(json.dumps({**gold(C, source_file="sk.pdf"), "extraction": {"pages": 6}}), "utf-8")
    [item] = collect([out], [tmp_path / "pdfs"])
    assert item.pdf is None and "2 different files named sk.pdf" in item.problem


def test_review_of_an_extract_output_finds_the_recorded_input(tmp_path):
    a, b = two_sk_pdfs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    doc = {**gold(A, source_file="sk.pdf"), "extraction": {"pages": 9, "input": {"path": str(a),
                                                                                 "sha256": file_sha256(a)}}}
    (out / "sk.json").write_text(json.dumps(doc), "utf-8")
    [item] = collect([out], [])
    assert item.pdf == a and item.sha256 == file_sha256(a)


def _corrections(tmp_path, doc: dict, **identity) -> str:
    rec = doc["indicators"][1]
    data = {"iku_corrections": 1, "source_file": doc["document"]["source_file"], "reviewed": document_digest(doc),
            "corrections": [{"target": "record", "record": 1, "indikator": rec["indikator"], "field": "satuan",
                             "old": rec.get("satuan"), "new": "Persen"}], **identity}
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data), "utf-8")
    return str(path)


def test_apply_corrections_refuses_another_documents_corrections_in_one_line(tmp_path):
    one, other = tmp_path / "one.json", tmp_path / "other.json"
    one.write_text(json.dumps(gold(A)), "utf-8")
    other.write_text(json.dumps(gold(B)), "utf-8")
    out = tmp_path / "fixed.json"
    for_other = _corrections(tmp_path, gold(B))
    res = runner.invoke(app, ["apply-corrections", str(one), for_other, "-o", str(out)])
    assert res.exit_code == exitcodes.INPUT_ERROR and not out.exists()
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and f"corrections for '{B.name}'" in lines[0] and "not applied" in lines[0]

    # the same source file, but another extraction than the one reviewed: refused unless --force
    changed = gold(A)
    changed["indicators"][0]["sasaran"] = "something else"
    stale = _corrections(tmp_path, changed)
    res = runner.invoke(app, ["apply-corrections", str(one), stale, "-o", str(out)])
    assert res.exit_code == exitcodes.INPUT_ERROR and "made on another extraction" in res.output
    res = runner.invoke(app, ["apply-corrections", str(one), stale, "-o", str(out), "--force"])
    assert res.exit_code == 0 and json.loads(out.read_text("utf-8"))["indicators"][1]["satuan"] == "Persen"

    # the same source file name, another PDF (its SHA-256): refused even with --force
    doc = {**gold(A), "extraction": {"input": {"sha256": "a" * 64}}}
    one.write_text(json.dumps(doc), "utf-8")
    wrong_pdf = _corrections(tmp_path, doc, document_sha256="b" * 64)
    res = runner.invoke(app, ["apply-corrections", str(one), wrong_pdf, "-o", str(out), "--force"])
    assert res.exit_code == exitcodes.INPUT_ERROR and "SHA-256" in res.output


def test_extra_cells_are_correctable():
    doc = gold(A)
    doc["indicators"][2]["extra"] = {"Polaritas": "Maximise"}
    rec = doc["indicators"][2]
    fixed, n = apply_corrections(doc, [{"target": "record", "record": 2, "indikator": rec["indikator"],
                                        "field": "extra", "column": "Polaritas", "old": "Maximise",
                                        "new": "Maximize"}])
    assert n == 1 and fixed["indicators"][2]["extra"] == {"Polaritas": "Maximize"}
    assert fixed["indicators"][2]["review_corrections"] == [{"field": "extra", "column": "Polaritas",
                                                             "old": "Maximise"}]
