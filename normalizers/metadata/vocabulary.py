"""The metadata vocabulary: ``data/metadata-lexicon.json`` (unit types, stop words,
months, rank lines ...), read once, and the pattern pieces the field readers
build from its word lists. Each field module compiles the patterns it needs."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Iterable

from iku.normalizers.regions import DATA_DIR

LEXICON_FILE = DATA_DIR / "metadata-lexicon.json"


@lru_cache(maxsize=1)
def lexicon() -> dict:
    with LEXICON_FILE.open(encoding="utf-8") as fh:
        return json.load(fh)


def alternation(words: Iterable[str]) -> str:
    """Alternation of phrases, longest first, with flexible spaces between their words."""
    alts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in alts)


def words_pattern(words: Iterable[str]) -> str:
    """`alternation` on word boundaries."""
    return rf"(?<![A-Za-z0-9])(?:{alternation(words)})(?![A-Za-z0-9])"
