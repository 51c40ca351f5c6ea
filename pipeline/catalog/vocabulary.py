"""The catalog's data files (pipeline/catalog/data/, see SOURCES.md there), read once."""
from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path

# one reader for the project's data CSVs (comment rows, stripped cells)
from iku.normalizers.regions import read_data_csv as read_csv  # noqa: F401  (used by urusan, families)

DATA_DIR = Path(__file__).resolve().parent / "data"
VOCABULARY = DATA_DIR / "indicator-vocabulary.toml"
URUSAN = DATA_DIR / "urusan.csv"
URUSAN_SUBJECTS = DATA_DIR / "urusan-subjects.csv"
OFFICE_ABBREVIATIONS = DATA_DIR / "office-abbreviations.csv"

_WORD = re.compile(r"[0-9a-z]+")


def lower_without_accents(text: str) -> str:
    """Lower case without accents (compatibility forms decomposed: the length may change)."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Lower-case letters-and-digits words: "Satpol-PP Kab." -> ["satpol", "pp", "kab"]."""
    return _WORD.findall(lower_without_accents(text))


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    with VOCABULARY.open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A short hash of every data file: a catalog records it, so a changed vocabulary is visible."""
    h = hashlib.sha256()
    for path in sorted(DATA_DIR.iterdir()):
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]
