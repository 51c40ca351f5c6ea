"""The period: period_start and period_end.

The years on the cover, else in an IKU or plan title ("... TAHUN 2017 - 2022",
"RENCANA STRATEGIS DINAS X TAHUN 2021-2026": a title that opens with a plan's
name is that plan's own), else the span of years the pages keep stating (a plan
chapter without a cover); years inside legal citations ("Nomor 27 Tahun 1959",
"RPJMD ... Tahun ..." cited by another document) never count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from iku.normalizers.metadata.text import TITLE_BLOCK_LINES, Doc, cover_lines, title_lines
from iku.normalizers.metadata.vocabulary import lexicon, words_pattern

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
        plan_title_re=re.compile(r"^\s*(?:" + words_pattern(lex["title_markers"]["plans"]) + ")", re.I),
        min_range_mentions=int(lex["period"]["min_range_mentions"]),
        iku_re=re.compile(words_pattern(lex["period"].get("iku_words", [])) or r"(?!x)x", re.I),
        sentence_reach=int(lex["period"].get("sentence_reach", 120)),
    )


@dataclass(frozen=True)
class _Vocab:
    period_kw: str
    range_sep: str
    citation_re: re.Pattern
    plan_re: re.Pattern
    plan_title_re: re.Pattern
    min_range_mentions: int
    iku_re: re.Pattern
    sentence_reach: int


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


def _years_in(text: str, cover: bool, plans_too: Optional[bool] = None) -> Optional[tuple[int, int, int]]:
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
            if _is_citation(text[:m.start()], plans_too=(not cover) if plans_too is None else plans_too):
                continue
            hits.append((m.start(), start, end))
    if not hits:
        return None
    pos, start, end = min(hits)
    return start, end, pos


def read_period(doc: Doc) -> tuple[Optional[int], Optional[int]]:
    """(period_start, period_end): the cover's years, else an IKU or plan title's, else the
    span of years the text keeps stating; None, None."""
    v = _vocab()
    skip = re.compile(r"^\W*(?:NOMOR|No)\b", re.I)
    cover = cover_lines(doc)
    for i in cover:
        if skip.match(doc.lines[i]):
            continue
        span = _span_over_two_lines(doc.lines[i], doc.lines[i + 1] if i + 1 in cover else "")
        if span:
            return span
        hit = _years_in(doc.lines[i], cover=True)
        if hit:
            return hit[0], hit[1]
    for i in title_lines(doc):
        block = [doc.lines[i]] + [l for l in doc.lines[i + 1:i + TITLE_BLOCK_LINES] if not skip.match(l)]
        # "RENCANA STRATEGIS DINAS X TAHUN 2021-2026": a plan's own title, not a citation of it
        own_plan = bool(v.plan_title_re.match(doc.lines[i]))
        hit = _years_in(" ".join(block), cover=False, plans_too=not own_plan)
        if hit:
            return hit[0], hit[1]
    start, end = _most_stated_span(doc)
    if start is None:
        start, end = _iku_sentence_years(doc)
    return start, end


def _span_over_two_lines(line: str, below: str) -> Optional[tuple[int, int]]:
    """A cover's span of years set over two lines: the line ends with a year that is no span's
    end ("TAHUN 2019 -", or a scan's "HUN 2019" whose dash and first letters a stripe of the
    slide took) and the line under it is only a later year ("2023"). Read line by line, the
    lone year alone would pass for the period."""
    year = r"(?<!\d)(\d{4})(?!\d)"
    lone = re.fullmatch(rf"\W*{year}\W*", below)
    end = re.search(rf"{year}(?:{_vocab().range_sep})?\W*$", line)
    if not lone or not end or re.fullmatch(rf"\W*{year}\W*", line):
        return None
    if re.search(rf"{year}(?:{_vocab().range_sep}){year}\W*$", line):
        return None  # "2019 - 2023" / "2024": the line holds its span already
    start, stop = int(end.group(1)), int(lone.group(1))
    if not (year_ok(start) and year_ok(stop) and 0 < stop - start <= MAX_PERIOD_YEARS):
        return None
    if _is_citation(line[:end.start()], plans_too=False):
        return None
    return start, stop


def _iku_sentence_years(doc: Doc) -> tuple[Optional[int], Optional[int]]:
    """The years a sentence of the running text gives the IKU set it names ("... kami
    sampaikan Indikator Kinerja Utama (IKU) Dinas X Provinsi Y Tahun 2013 - 2018."): the
    first such sentence, years within `sentence_reach` characters of the name, in the same
    sentence, and not those of a citation or another plan named in between."""
    v = _vocab()
    for m in v.iku_re.finditer(doc.text):
        after = doc.text[m.start():m.start() + v.sentence_reach]
        after = re.split(r"[;]|\.\s+(?=[A-Z])|\.\s*$|\n\s*\n", after, maxsplit=1)[0]
        hit = _years_in(after.replace("\n", " "), cover=False, plans_too=True)
        if hit:
            return hit[0], hit[1]
    return None, None


def _most_stated_span(doc: Doc) -> tuple[Optional[int], Optional[int]]:
    """The span of years ("2021-2025", "Tahun 2021 s/d 2025") the pages state most often
    outside citations, when stated at least `min_range_mentions` times: the period of a
    plan chapter or a report without a cover. A first mention wins a tie."""
    v = _vocab()
    year = r"(?<!\d)(\d{4})(?!\d)"
    rng = re.compile(rf"{year}(?:{v.range_sep}){year}")
    counts: dict[tuple[int, int], int] = {}
    first: dict[tuple[int, int], int] = {}
    for i, line in enumerate(doc.lines):
        if doc.pages[i] < 0:
            continue
        for m in rng.finditer(line):
            start, end = int(m.group(1)), int(m.group(2))
            if not (year_ok(start) and year_ok(end) and 0 < end - start <= MAX_PERIOD_YEARS):
                continue
            if _is_citation(line[:m.start()], plans_too=True):
                continue
            counts[(start, end)] = counts.get((start, end), 0) + 1
            first.setdefault((start, end), i)
    if not counts:
        return None, None
    best = max(counts, key=lambda k: (counts[k], -first[k]))
    if counts[best] < v.min_range_mentions:
        return None, None
    return best
