"""Command-line conventions: --version, -h, -j, and a quiet run that prints nothing but errors."""
from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from conftest import DIGITAL, HOLDOUT, ROOT, needs_shared
from iku.pipeline import __version__
from iku.pipeline.cli import app

runner = CliRunner()


def test_version_and_short_help():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.output.strip() == f"iku {__version__}"
    assert runner.invoke(app, ["-V"]).output.strip() == f"iku {__version__}"
    res = runner.invoke(app, ["-h"])
    assert res.exit_code == 0 and "extract" in res.output
    assert "--jobs" in runner.invoke(app, ["extract", "-h"]).output


def test_jobs_must_be_positive(tmp_path):
    res = runner.invoke(app, ["extract", str(DIGITAL / "101_bappeda_pontianak.pdf"), "-o", str(tmp_path), "-j", "-1"])
    assert res.exit_code == 2 and "workers" in res.output


@needs_shared
def test_quiet_extract_prints_nothing_on_stderr(tmp_path):
    # a real process; this PDF's fonts make pdfminer warn "Could not get FontBBox ..."
    # through logging: third-party loggers must stay quiet too
    pdf = HOLDOUT / "bappeda_jateng" / "digital.pdf"
    proc = subprocess.run([sys.executable, "-m", "iku.pipeline.cli", "extract", "-q", str(pdf), "-o", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert (tmp_path / "digital.json").exists()
