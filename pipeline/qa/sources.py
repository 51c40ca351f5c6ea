"""Extraction outputs as a list of documents: a FORMAT.md JSON file, a folder of them
(an `iku extract` output folder, a gold folder) or a batch dataset (a folder with `json/`)."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Optional, Union

from iku.pipeline.evaluate import _is_format_document, _Loaded, _pair_documents


class SourceError(Exception):
    """A source that cannot be read (the one-line reason)."""


_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def document_digest(doc: dict) -> str:
    """The digest of an extraction as reviewed: a review page and its corrections name it, so that
    corrections are applied only to the extraction they were made on."""
    canonical = json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()[:16]


def file_sha256(path: Union[str, Path]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def known_sha256(path: Union[str, Path, None], doc: Optional[dict] = None) -> Optional[str]:
    """The SHA-256 of the PDF a JSON document came from, where it is known: recorded in the document
    (`extraction.input.sha256`, `iku extract`), or its file's name (a batch dataset's
    json/<xx>/<sha256>.json)."""
    recorded = input_of(doc).get("sha256")
    if isinstance(recorded, str) and _SHA256.match(recorded):
        return recorded
    stem = Path(path).stem if path else ""
    return stem if _SHA256.match(stem) else None


def input_of(doc: Optional[dict]) -> dict:
    """The input an extraction records ({"path", "sha256"}), or {}."""
    extraction = (doc or {}).get("extraction") if isinstance(doc, dict) else None
    recorded = extraction.get("input") if isinstance(extraction, dict) else None
    return recorded if isinstance(recorded, dict) else {}


def read_document(path: Union[str, Path]) -> dict:
    """One FORMAT.md document from a JSON file; SourceError when it is not one."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"{path}: not readable JSON ({exc})") from exc
    if not _is_format_document(data):
        raise SourceError(f"{path}: not an IKU document (no 'indicators' list)")
    return data


def load_documents(source: Union[str, Path]) -> tuple[list[_Loaded], bool]:
    """The documents of a source, and whether it was a single file.

    In a folder every `*.json` that is an IKU document is taken (others are
    skipped); a dataset's `json/**/*.json` files are named by their
    `source_file` stem rather than by their hash. An empty source is an error.
    """
    path = Path(source)
    if not path.exists():
        raise SourceError(f"{path}: no such file or folder")
    if path.is_file():
        return [_Loaded(path.stem, str(path), read_document(path))], True
    files = [(f, False) for f in sorted(path.glob("*.json"))]
    if (path / "json").is_dir():
        files += [(f, True) for f in sorted((path / "json").rglob("*.json"))]
    docs: list[_Loaded] = []
    names: set[str] = set()
    for f, in_dataset in files:
        try:
            data = read_document(f)
        except SourceError:
            continue
        loaded = _Loaded(f.stem, str(f), data)
        if in_dataset and loaded.source_stem and loaded.source_stem not in names:
            loaded.name = loaded.source_stem
        names.add(loaded.name)
        docs.append(loaded)
    if not docs:
        raise SourceError(f"{path}: no IKU JSON documents found")
    return docs, False


def pair_sources(a: list[_Loaded], b: list[_Loaded], single: bool = False):
    """(a, b) document pairs (either may be None), paired by file stem or source_file stem
    like `iku eval`; two single files are paired with each other whatever their names."""
    if single and len(a) == 1 and len(b) == 1:
        return [(a[0], b[0])]
    pairs = _pair_documents(a, b)
    used = {id(p) for _, p in pairs if p is not None}
    return list(pairs) + [(None, p) for p in b if id(p) not in used]
