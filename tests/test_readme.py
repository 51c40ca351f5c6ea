"""The README's examples run: every ```python block that imports iku, and every
```sh block marked `<!-- runs in tests/test_readme.py -->` just above it, on the
bundled samples, in a fresh folder that sees the repository's samples/ and .venv/."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

MARK = "<!-- runs in tests/test_readme.py -->"
BLOCK = re.compile(r"(?P<before>[^\n]*)\n```(?P<lang>python|sh)\n(?P<code>.*?)\n```", re.S)


def _blocks() -> list[tuple[str, str]]:
    text = (ROOT / "README.md").read_text("utf-8")
    found = []
    for m in BLOCK.finditer(text):
        if m["lang"] == "python" and re.search(r"^import iku$", m["code"], re.M):
            found.append(("python", m["code"]))
        elif m["lang"] == "sh" and m["before"].strip() == MARK:
            found.append(("sh", m["code"]))
    return found


def test_the_readme_has_examples_to_run():
    kinds = [k for k, _ in _blocks()]
    assert "python" in kinds and "sh" in kinds


# the shell block converts the samples three ways (extract, batch, catalog: ~20 s): slow run
@pytest.mark.parametrize("kind,code", [pytest.param(k, c, marks=[pytest.mark.slow] if k == "sh" else [])
                                       for k, c in _blocks()], ids=lambda v: v if v in ("python", "sh") else "")
def test_a_readme_example_runs(kind, code, tmp_path):
    for name in ("samples", ".venv"):
        (tmp_path / name).symlink_to(ROOT / name)
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    if kind == "python":
        cmd = [sys.executable, "-c", code]
    else:
        cmd = ["bash", "-euo", "pipefail", "-c", code]
    res = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, f"{code}\n--- stderr:\n{res.stderr[-3000:]}"
