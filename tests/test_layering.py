"""The import layering of the packages, read from the source with `ast` (nothing is imported).

    extractors   -> (nothing of ours)      PDFs into the table model
    normalizers  -> extractors.model, extractors.vocabulary only
    pipeline     -> both

Also: an import inside a function says why it is not at the top of its module,
and the field lists are defined once (normalizers/schema.py).
"""
from __future__ import annotations

import ast
import io
import re
import tokenize
from functools import lru_cache
from pathlib import Path

import pytest

from iku.normalizers.schema import DOCUMENT_KEYS, INDICATOR_FIELDS

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("extractors", "normalizers", "pipeline")


def _files(*folders: str) -> list[Path]:
    return sorted(p for d in folders for p in (ROOT / d).rglob("*.py") if "__pycache__" not in p.parts)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@lru_cache(maxsize=None)
def _parsed(path: Path) -> ast.Module:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            child.parent = node  # type: ignore[attr-defined]
    return tree


def _parents(node: ast.AST):
    while (node := getattr(node, "parent", None)) is not None:
        yield node


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path, node: ast.AST) -> list[str]:
    """The modules an import statement (or importlib.import_module("...") call) loads, absolute."""
    if isinstance(node, ast.Import):
        return [_folder_name(a.name) for a in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            package = _module_name(path).split(".")
            if path.name != "__init__.py":
                package = package[:-1]
            base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
        else:
            base = _folder_name(node.module or "")
        # `from pkg import name` loads pkg.name when that is a module (`from extractors import model`)
        folder = ROOT.joinpath(*base.split("."))
        subs = [f"{base}.{a.name}" for a in node.names
                if (folder / f"{a.name}.py").is_file() or (folder / a.name / "__init__.py").is_file()]
        return subs if len(subs) == len(node.names) else [base] + subs
    if (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (getattr(node.func, "attr", None) == "import_module" or getattr(node.func, "id", None) in
                 ("import_module", "__import__"))):
        return [_folder_name(node.args[0].value)]
    return []


def _folder_name(name: str) -> str:
    """An installed module name in terms of the repository's folders: the folders install
    under one namespace (iku.pipeline → pipeline/, pyproject.toml's package-dir)."""
    return name.removeprefix("iku.") if name.split(".")[0] == "iku" and "." in name else name


def _imports(package: str):
    for path in _files(package):
        for node in ast.walk(_parsed(path)):
            for name in _imported(path, node):
                yield path, node.lineno, name


def _within(name: str, module: str) -> bool:
    return name == module or name.startswith(module + ".")


# --------------------------------------------------------------------------- layers

NORMALIZERS_MAY_USE = ("extractors.model", "extractors.vocabulary")  # the table model, the header vocabulary data


def test_extractors_import_neither_normalizers_nor_pipeline():
    bad = [f"{_rel(p)}:{line} {name}" for p, line, name in _imports("extractors")
           if _within(name, "normalizers") or _within(name, "pipeline")]
    assert not bad, "extractors/ reads PDFs into the table model and knows nothing above it:\n" + "\n".join(bad)


def test_normalizers_import_only_the_model_and_vocabulary_of_extractors_and_nothing_of_pipeline():
    bad = [f"{_rel(p)}:{line} {name}" for p, line, name in _imports("normalizers")
           if _within(name, "pipeline")
           or (_within(name, "extractors") and not any(_within(name, m) for m in NORMALIZERS_MAY_USE))]
    assert not bad, ("normalizers/ see only the table model and the header vocabulary of extractors/, "
                     "and nothing of pipeline/:\n" + "\n".join(bad))


def test_the_layer_check_sees_every_kind_of_import():
    src = Path(ROOT / "normalizers" / "_probe.py")
    tree = ast.parse("from ..pipeline import options\nfrom iku.extractors import model\nimport iku.pipeline.cli\n"
                     "from . import schema\nimportlib.import_module('iku.pipeline.process')\n")
    names = [n for node in ast.walk(tree) for n in _imported(src, node)]
    assert names == ["pipeline.options", "extractors.model", "pipeline.cli", "normalizers.schema",
                     "pipeline.process"]


# --------------------------------------------------------------------------- function-local imports

# A linter's directive is not a reason: "# noqa: F401" alone says nothing, "# noqa: F401 (re-exported)" does.
_PRAGMA = re.compile(r"\b(noqa(:\s*[A-Z]+[0-9]+(\s*,\s*[A-Z]+[0-9]+)*)?|type:\s*ignore(\[[^\]]*\])?"
                     r"|pragma:\s*no\s*cover|fmt:\s*(on|off|skip)|isort:\s*skip)", re.I)


@lru_cache(maxsize=None)
def _reasons(path: Path) -> frozenset[int]:
    """Lines with a comment that says something (more than a linter's directive)."""
    lines = set()
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline):
        if tok.type == tokenize.COMMENT and re.search(r"[A-Za-z]{2,}", _PRAGMA.sub("", tok.string.lstrip("#"))):
            lines.add(tok.start[0])
    return frozenset(lines)


def _is_local(node: ast.AST) -> bool:
    """Inside a function (or class) body; module-level `if TYPE_CHECKING:` / `try:` blocks are module level."""
    return any(isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))
               for p in _parents(node))


def unexplained_local_imports(path: Path) -> list[int]:
    """Lines of local imports without a reason: a comment on the statement's own line(s) or the line just
    above it. Consecutive import statements are one group: the reason above the first covers them all."""
    reasons = _reasons(path)
    bad = []
    for node in ast.walk(_parsed(path)):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if not isinstance(block, list):
                continue
            covered_until = -1  # last line of the previous import in this block, when it was explained
            for stmt in block:
                if not isinstance(stmt, (ast.Import, ast.ImportFrom)):
                    covered_until = -1
                    continue
                if not _is_local(stmt):
                    continue
                own = set(range(stmt.lineno, stmt.end_lineno + 1)) | {stmt.lineno - 1}
                if own & reasons or covered_until == stmt.lineno - 1:
                    covered_until = stmt.end_lineno
                else:
                    covered_until = -1
                    bad.append(stmt.lineno)
    return sorted(bad)


@pytest.mark.parametrize("path", _files(*PACKAGES), ids=_rel)
def test_function_local_imports_give_their_reason(path):
    bad = unexplained_local_imports(path)
    assert not bad, (f"{_rel(path)}: imports inside a function at lines {bad}: move them to the top of the "
                     "module, or say why they are here (a comment on the line or just above)")


def test_the_local_import_rule(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    import os\n"                          # module level
        "def f():\n"
        "    import json\n"                        # 5: no reason
        "    import re  # noqa: F401\n"            # 6: a directive is no reason
        "    # local: only f needs it\n"
        "    import csv\n"                         # 8: reason above
        "    import zlib\n"                        # 9: same group
        "    x = 1\n"
        "    import glob\n"                        # 11: a new group
        "    import io  # local: cheap but rare\n"  # 12: reason on the line
        "    return x\n")
    assert unexplained_local_imports(probe) == [5, 6, 11]


# --------------------------------------------------------------------------- one definition of the field lists

FIELD_NAMES = frozenset(INDICATOR_FIELDS) | frozenset(DOCUMENT_KEYS)
SCHEMA = "normalizers/schema.py"
FIELD_LIST_SCOPE = ("extractors", "normalizers", "pipeline", "samples", "benchmarks")

# The rule. A literal tuple, list or set holding 4 or more strings, every one of them a field name
# (indicator fields or document fields), is a field list, and the field lists live in normalizers/schema.py
# only: anything else imports them. A literal that mixes in other strings is a list of something else (the
# catalog's columns, a table's columns with its "target"); a dict literal is a record or a per-field
# mapping, not a list (pipeline/qa/review.py builds its colour map from INDICATOR_FIELDS all the same).
#
# What is not a field list although it is made of field names: a subset with a meaning of its own, named
# here with that meaning, by (module, the name the literal is bound to or the function holding it).
# A new one is added here with the reason it is not a copy of the field list.
SUBSETS = {
    ("normalizers/records.py", "FILL_DOWN"):
        "the fields filled down through merged / empty cells (FORMAT.md): a behaviour of some fields",
    ("normalizers/headers.py", "DEFINITIONAL"):
        "the fields only a table that defines indicators has (not a results report)",
    ("pipeline/qa/diff.py", "SUMMARY_FIELDS"):
        "what a reader needs to recognise an added or removed record",
    ("samples/generate.py", "FILL_DOWN"):
        "the gold's own statement of FORMAT.md's fill-down rule, apart from the extractor it checks",
    ("samples/generate_office.py", "FILL_DOWN"):
        "the gold's own statement of FORMAT.md's fill-down rule, apart from the extractor it checks",
    ("normalizers/confidence.py", "_SHARED"):
        "fields a record may share with its neighbour by design (its text equal to a neighbour's is no evidence)",
    ("normalizers/confidence.py", "_NO_AMOUNT"):
        "fields whose text is a name or a phrase, never an amount (an amount in one is a number cell read in)",
    ("normalizers/confidence.py", "_CAPITALISED"):
        "fields whose text starts with a capital (a name, a sentence): a lower-case start is a cut",
    ("samples/generate.py", "PONTIANAK_ROWS"):
        "the columns of one sample decree's table, in that decree's order (document data)",
    ("samples/generate.py", "_NTB_KEYS"):
        "the columns of one sample decree's table, in that decree's order (document data)",
}


def _owner(node: ast.AST) -> str:
    """The name a literal is bound to at module level, else the function or class that holds it."""
    for p in _parents(node):
        if isinstance(p, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return p.name
        if isinstance(p, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and isinstance(p.parent, ast.Module):
            targets = p.targets if isinstance(p, ast.Assign) else [p.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            if names:
                return names[0]
    return "<module>"


def field_lists(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, owner, the field names) of every literal in the file that the rule calls a field list."""
    found = []
    for node in ast.walk(_parsed(path)):
        if not isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            continue
        strings = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(strings) >= 4 and all(s in FIELD_NAMES for s in strings):
            found.append((node.lineno, _owner(node), strings))
    return found


def _field_lists_outside_the_schema() -> dict[tuple[str, str], list[str]]:
    out = {}
    for path in _files(*FIELD_LIST_SCOPE):
        if _rel(path) == SCHEMA:
            continue
        for line, owner, names in field_lists(path):
            out.setdefault((_rel(path), owner), []).append(f"{_rel(path)}:{line} {owner} = {names}")
    return out


def test_field_lists_are_defined_once_in_the_schema():
    found = _field_lists_outside_the_schema()
    copies = [msg for key, msgs in found.items() if key not in SUBSETS for msg in msgs]
    assert not copies, ("field lists copied outside normalizers/schema.py (import INDICATOR_FIELDS, "
                        "DOCUMENT_FIELDS, ... from it, or name a subset with its meaning in SUBSETS):\n"
                        + "\n".join(copies))


def test_every_named_subset_still_exists():
    stale = set(SUBSETS) - set(_field_lists_outside_the_schema())
    assert not stale, f"SUBSETS names literals that are gone: {sorted(stale)}"


def test_the_schema_is_what_the_rule_finds():
    assert len(field_lists(ROOT / SCHEMA)) >= 2  # CELL_FIELDS and DOCUMENT_FIELDS are field lists by the rule
