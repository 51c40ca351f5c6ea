"""The OCR benchmark's results file is a record of every measured change: a new run goes on top."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_ocr", ROOT / "benchmarks" / "bench_ocr.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_a_new_run_goes_on_top_and_keeps_every_earlier_one(tmp_path):
    out = tmp_path / "ocr.txt"
    out.write_text("# what the file holds\n# machine notes\n\n== 1. an earlier change\nfigures 1\n", encoding="utf-8")
    _bench().record_run(out, "quality  method\nscan150  iku auto  3.8x")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# what the file holds\n# machine notes\n\n== run ")
    assert text.index("scan150  iku auto  3.8x") < text.index("== 1. an earlier change") < text.index("figures 1")
    assert not list(tmp_path.glob("*.part"))


def test_the_first_run_makes_the_file(tmp_path):
    out = tmp_path / "results" / "ocr.txt"
    _bench().record_run(out, "quality  method")
    assert "quality  method" in out.read_text(encoding="utf-8")
