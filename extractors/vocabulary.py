"""The header vocabulary (data/headers.toml): the one list of the words of indicator
tables, per canonical field.

It lives in the extractors' leaf because both sides read it: the extractors to
tell a table's header row (and a page that may hold one), the normalizers to map
each column to its field, and the OCR correction for the part labels. A data
team extends it without code.

`table_hints` reads the other word list of headers, data/table_hints.toml: the
words that make a page worth a full table search (extractors/pdf_text.py).
`glyph_confusions` reads data/ocr-glyph-confusions.txt: the glyphs an OCR engine
takes for others, used by the OCR correction and by the header mapping alike.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional


@dataclass(frozen=True)
class Vocabulary:
    phrases: dict[str, tuple[str, ...]]
    keywords: dict[str, tuple[str, ...]]
    labels: dict[str, tuple[str, ...]]
    indicator_leads: tuple[str, ...]
    report_words: tuple[str, ...]
    # the words of a table's header line, before any column is mapped (extractors/borderless.py)
    header_line_words: tuple[str, ...]
    min_score: float
    # words that lead the header of a column no field takes ("Target", "Realisasi")
    not_field_words: tuple[str, ...] = ()
    # sub-headers that name their parent's item ("Uraian" under "Program"): the parent's field
    generic_children: tuple[str, ...] = ()
    # levels of government a header may name: (name, words, {field: field at that level},
    # own: whether it is the agency's own level)
    levels: tuple[tuple[str, tuple[str, ...], dict[str, str], bool], ...] = ()
    # a formula written out in words ("dibagi"), count words ("jumlah") and a count's longest clause
    formula_words: tuple[str, ...] = ()
    count_words: tuple[str, ...] = ()
    count_max_words: int = 15
    # prefixes of printed codes: "indikator" ("IKU 1.1"), "sasaran" ("SS1.")
    code_prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # rows inside a table: section labels ("sasaran", "group"), parent-row words ("parent"), parent_key
    rows: dict[str, object] = field(default_factory=dict)
    # words of a line above a table that names the table (its group): "Indikator Kinerja Utama ..."
    title_words: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    raw = tomllib.loads(resources.files("iku.extractors").joinpath("data/headers.toml").read_text("utf-8"))
    fields = raw["fields"]
    return Vocabulary(
        phrases={f: tuple(v.get("phrases", ())) for f, v in fields.items()},
        keywords={f: tuple(v.get("keywords", ())) for f, v in fields.items()},
        labels={f: tuple(v) for f, v in raw.get("labels", {}).items()},
        indicator_leads=tuple(raw.get("indicator_leads", {}).get("words", ())),
        report_words=tuple(raw.get("report_columns", {}).get("words", ())),
        header_line_words=tuple(raw.get("header_line", {}).get("words", ())),
        min_score=float(raw.get("min_score", 86)),
        not_field_words=tuple(raw.get("not_fields", {}).get("keywords", ())),
        generic_children=tuple(raw.get("generic_children", {}).get("keywords", ())),
        levels=tuple((name, tuple(v.get("words", ())), dict(v.get("fields", {})), bool(v.get("own", False)))
                     for name, v in raw.get("levels", {}).items()),
        formula_words=tuple(raw.get("formula", {}).get("words", ())),
        count_words=tuple(raw.get("formula", {}).get("counts", ())),
        count_max_words=int(raw.get("formula", {}).get("count_words", 15)),
        code_prefixes={k: tuple(v) for k, v in raw.get("codes", {}).items()},
        rows={k: (tuple(v) if isinstance(v, list) else v) for k, v in raw.get("rows", {}).items()},
        title_words=tuple(raw.get("titles", {}).get("words", ())),
    )


@dataclass(frozen=True)
class TableHints:
    fields: dict[str, tuple[str, ...]]  # field → words that name its column
    report_words: tuple[str, ...]  # words of a results table's header
    window: int  # characters: a header row's worth of text
    min_fields: int
    # header words of a program / kegiatan / budget column (normalizers.headers.is_indicator_table)
    program_words: tuple[str, ...] = ()
    # pairs of fields that together, with no report word near, make a page worth a table search
    pairs: tuple[tuple[str, ...], ...] = (("sasaran", "indikator"),)
    # fields that count only as one of a pair, not towards min_fields (a target column)
    pair_only: tuple[str, ...] = ()
    # letters in runs of `glued_run` or more beyond which a page's text layer reads glued
    glued_run: int = 18
    glued_run_share: float = 1.0


@lru_cache(maxsize=1)
def table_hints() -> TableHints:
    raw = tomllib.loads(resources.files("iku.extractors").joinpath("data/table_hints.toml").read_text("utf-8"))
    return TableHints(
        fields={f: tuple(ws) for f, ws in raw["fields"].items()},
        report_words=tuple(raw["report"]["words"]),
        window=int(raw["window"]),
        min_fields=int(raw["min_fields"]),
        program_words=tuple(raw.get("programs", {}).get("words", ())),
        pairs=tuple(tuple(p) for p in raw.get("pairs", {}).get("fields", (("sasaran", "indikator"),))),
        pair_only=tuple(raw.get("pairs", {}).get("only", ())),
        glued_run=int(raw.get("glued", {}).get("run", 18)),
        glued_run_share=float(raw.get("glued", {}).get("run_share", 1.0)),
    )


@lru_cache(maxsize=1)
def glyph_confusions() -> tuple[tuple[str, str], ...]:
    """(misread, meant) glyph pairs of data/ocr-glyph-confusions.txt, in the file's order."""
    text = resources.files("iku.extractors").joinpath("data/ocr-glyph-confusions.txt").read_text("utf-8")
    pairs = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            misread, meant = line.split("\t")
            pairs.append((misread, meant))
    return tuple(pairs)


def one_slip_away(word: str, known, pairs) -> Optional[str]:
    """The one word of `known` that `word` becomes by one of the glyph slips `pairs` (misread,
    meant), or None (none, or two different ones)."""
    found = set()
    for a, b in pairs:
        i = word.find(a)
        while i >= 0:
            cand = word[:i] + b + word[i + len(a):]
            if cand in known:
                found.add(cand)
            i = word.find(a, i + 1)
    return found.pop() if len(found) == 1 else None
