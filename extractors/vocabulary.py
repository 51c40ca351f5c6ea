"""The header vocabulary (data/headers.toml): the one list of the words of indicator
tables, per canonical field.

It lives in the extractors' leaf because both sides read it: the extractors to
tell a table's header row (and a page that may hold one), the normalizers to map
each column to its field, and the OCR correction for the part labels. A data
team extends it without code.

`table_hints` reads the other word list of headers, data/table_hints.toml: the
words that make a page worth a full table search (extractors/pdf_text.py).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


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


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    raw = tomllib.loads(resources.files("extractors").joinpath("data/headers.toml").read_text("utf-8"))
    fields = raw["fields"]
    return Vocabulary(
        phrases={f: tuple(v.get("phrases", ())) for f, v in fields.items()},
        keywords={f: tuple(v.get("keywords", ())) for f, v in fields.items()},
        labels={f: tuple(v) for f, v in raw.get("labels", {}).items()},
        indicator_leads=tuple(raw.get("indicator_leads", {}).get("words", ())),
        report_words=tuple(raw.get("report_columns", {}).get("words", ())),
        header_line_words=tuple(raw.get("header_line", {}).get("words", ())),
        min_score=float(raw.get("min_score", 86)),
    )


@dataclass(frozen=True)
class TableHints:
    fields: dict[str, tuple[str, ...]]  # field → words that name its column
    report_words: tuple[str, ...]  # words of a results table's header
    window: int  # characters: a header row's worth of text
    min_fields: int


@lru_cache(maxsize=1)
def table_hints() -> TableHints:
    raw = tomllib.loads(resources.files("extractors").joinpath("data/table_hints.toml").read_text("utf-8"))
    return TableHints(
        fields={f: tuple(ws) for f, ws in raw["fields"].items()},
        report_words=tuple(raw["report"]["words"]),
        window=int(raw["window"]),
        min_fields=int(raw["min_fields"]),
    )
