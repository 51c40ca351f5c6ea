"""The period: period_start and period_end.

The years on the cover, else in an IKU title ("... TAHUN 2017 - 2022"); years
inside legal citations ("Nomor 27 Tahun 1959", "RPJMD ... Tahun ...") never count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from normalizers.metadata.text import TITLE_BLOCK_LINES, Doc, cover_lines, title_lines
from normalizers.metadata.vocabulary import lexicon, words_pattern

MIN_YEAR, MAX_YEAR, MAX_PERIOD_YEARS = 1990, 2099, 25


@lru_cache(maxsize=1)
def _vocab() -> "_Vocab":
    lex = lexicon()
    return _Vocab(
        period_kw=words_pattern(lex["period"]["keywords"]),
        range_sep="|".join(
            r"\s*" + r"\s*".join(re.escape(c) for c in s.split()) + r"\s*"
            for s in sorted(lex["period"]["range_separators"], key=len, reverse=True)),
        citation_re=re.compile(words_pattern(lex["period"]["citation_words"]), re.I),
        plan_re=re.compile(words_pattern(lex["period"]["other_plan_words"]), re.I),
    )


@dataclass(frozen=True)
class _Vocab:
    period_kw: str
    range_sep: str
    citation_re: re.Pattern
    plan_re: re.Pattern


def year_ok(y: int) -> bool:
    """A year an IKU document can name (the decree date's year too)."""
    return MIN_YEAR <= y <= MAX_YEAR


def _is_citation(text_before: str, plans_too: bool) -> bool:
    """True when the years that follow belong to a legal citation ("Nomor 27 Tahun 1959")
    or, with `plans_too`, to another plan named before them ("RPJMD ... Tahun 2016-2021")."""
    v = _vocab()
    tail = text_before[-70:]
    if re.search(r"(?:Nomor|No)\s*[.:]?\s*[\w./-]*\d[\w./-]*\s*[,.]?\s*$", tail, re.I):
        return True
    return bool(v.citation_re.search(tail) or (plans_too and v.plan_re.search(tail)))


def _years_in(text: str, cover: bool) -> Optional[tuple[int, int, int]]:
    """First IKU years in `text`: (start, end, offset): "Tahun 2017 - 2022", "Tahun 2017",
    "2019-2021". On the cover a line that is only a year counts too, and naming
    another plan ("RENSTRA DAN IKU TAHUN ...") does not disqualify the years."""
    v = _vocab()
    year = r"(?<!\d)(\d{4})(?!\d)"
    rng = rf"{year}(?:(?:{v.range_sep}){year})?"
    patterns = [rf"{v.period_kw}\s*[:.]?\s*{rng}", rf"{year}(?:{v.range_sep}){year}"]
    if cover:
        patterns.append(rf"^\W*{year}\W*$")  # a cover line that is only "2021"
    hits = []
    for pat in patterns:
        for m in re.finditer(pat, text, re.I):
            start = int(m.group(1))
            end = int(m.group(2)) if m.re.groups > 1 and m.group(2) else start
            if not (year_ok(start) and year_ok(end) and 0 <= end - start <= MAX_PERIOD_YEARS):
                continue
            if _is_citation(text[:m.start()], plans_too=not cover):
                continue
            hits.append((m.start(), start, end))
    if not hits:
        return None
    pos, start, end = min(hits)
    return start, end, pos


def read_period(doc: Doc) -> tuple[Optional[int], Optional[int]]:
    """(period_start, period_end): the cover's years, else an IKU title's; None, None."""
    skip = re.compile(r"^\W*(?:NOMOR|No)\b", re.I)
    for i in cover_lines(doc):
        if skip.match(doc.lines[i]):
            continue
        hit = _years_in(doc.lines[i], cover=True)
        if hit:
            return hit[0], hit[1]
    for i in title_lines(doc):
        block = [doc.lines[i]] + [l for l in doc.lines[i + 1:i + TITLE_BLOCK_LINES] if not skip.match(l)]
        hit = _years_in(" ".join(block), cover=False)
        if hit:
            return hit[0], hit[1]
    return None, None
