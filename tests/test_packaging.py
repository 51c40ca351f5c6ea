"""The package installs under one `iku` namespace: no generic top-level name
(`pipeline`, `extractors`, `normalizers`) in site-packages, every package folder
listed in pyproject.toml, every import spelled with the namespace."""
from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import DIGITAL, ROOT

FOLDERS = {"pipeline": "iku.pipeline", "extractors": "iku.extractors", "normalizers": "iku.normalizers"}
CODE = ("iku", "pipeline", "extractors", "normalizers", "tests", "benchmarks", "samples", "tools")


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]


def test_every_package_folder_is_installed_under_the_namespace():
    listed = set(_setuptools()["packages"])
    found = {"iku"} | {
        ".".join([FOLDERS[init.relative_to(ROOT).parts[0]], *init.relative_to(ROOT).parts[1:-1]])
        for folder in FOLDERS for init in (ROOT / folder).rglob("__init__.py") if "__pycache__" not in init.parts}
    assert found == listed, f"pyproject.toml [tool.setuptools] packages: missing {found - listed}, stale {listed - found}"
    assert _setuptools()["package-dir"] == {"iku": "iku", **{v: k for k, v in FOLDERS.items()}}


def test_every_import_of_our_code_uses_the_namespace():
    """`from pipeline.x import y` works in the repository only; installed, the name is iku.pipeline."""
    bad = []
    for folder in CODE:
        for path in (ROOT / folder).rglob("*.py"):
            if {"__pycache__", "generated"} & set(path.parts):
                continue
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                         [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else [])
                bad += [f"{path.relative_to(ROOT)}:{node.lineno} {n}" for n in names if n.split(".")[0] in FOLDERS]
    assert not bad, "imports without the iku namespace:\n" + "\n".join(bad)


# Building the wheel (an isolated build environment) and extracting from it: ~15 s, in `make test-slow`.
@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                          "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    (path,) = out.glob("iku-*.whl")
    return path


@pytest.mark.slow
def test_the_wheel_holds_one_top_level_package_and_the_command(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        tops = {n.split("/")[0] for n in names}
        entry = next(n for n in names if n.endswith("entry_points.txt"))
        scripts = zf.read(entry).decode()
    assert {t for t in tops if not t.endswith(".dist-info")} == {"iku"}
    assert "iku = iku.pipeline.cli:main" in scripts
    for data in ("iku/extractors/data/headers.toml", "iku/pipeline/qa/review.js", "iku/py.typed"):
        assert data in names, data


@pytest.mark.slow
def test_the_installed_wheel_extracts_a_document(wheel, tmp_path):
    """The wheel unpacked into a folder of its own and imported from there, with this
    environment's dependencies but without the repository (no editable-install finder,
    not the working directory): `import iku` works and `import pipeline` does not."""
    target = tmp_path / "site"
    res = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                          str(wheel)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    site_packages = next(p for p in sys.path if p.endswith("site-packages"))
    # -S: no site module, so no .pth file runs (the editable install of the repo is one)
    code = ("import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]\n"
            "import iku, importlib.util\n"
            "assert iku.__file__.startswith(sys.argv[1]), iku.__file__\n"
            "assert not any(importlib.util.find_spec(m) for m in ('pipeline', 'extractors', 'normalizers'))\n"
            "doc = iku.extract(sys.argv[3])\n"
            "print(len(doc.records))\n")
    res = subprocess.run([sys.executable, "-S", "-c", code, str(target), site_packages,
                          str(DIGITAL / "003_b12329ee375d4a48.pdf")],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert int(res.stdout.strip()) > 0
