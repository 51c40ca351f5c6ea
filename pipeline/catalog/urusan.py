"""An agency's type of office and the urusan (Permendagri 90/2019) it serves.

    >>> office("Dinas Sosial dan Pemberdayaan Masyarakat Kabupaten Barito Kuala").urusan
    'Sosial'
    >>> office("Dinkes Kab. Sleman").jenis
    'Dinas Kesehatan'

The region part of the name is cut out (normalizers.regions finds it),
abbreviations are expanded (data/office-abbreviations.csv: Dinsos, Dinkes,
Bappeda, DPMPTSP, Satpol PP, BPBD ...), and the words of the name that say
what the office does are looked up in data/urusan-subjects.csv ("sosial" ->
1.06, "kesehatan" -> 1.02, "perencanaan" -> 5.01 ...); the urusan names are
those of data/urusan.csv. An office serving several urusan is filed under the
first one its name gives; the others are kept in `urusan_lain`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from iku.normalizers.metadata import lexicon
from iku.normalizers.regions import find_regions
from iku.pipeline.catalog.vocabulary import (OFFICE_ABBREVIATIONS, URUSAN, URUSAN_SUBJECTS, lower_without_accents,
                                         read_csv, words)


@dataclass(frozen=True)
class Office:
    jenis: Optional[str]  # the type of office, region removed: "Dinas Sosial"
    kode_urusan: Optional[str]  # "1.06"
    urusan: Optional[str]  # "Sosial"
    urusan_lain: tuple[str, ...] = ()  # further urusan codes the name gives ("2.13")


# Words that name the government, not the office ("Pemerintah Kabupaten ...").
_GOVERNMENT = {"pemerintah", "pemkab", "pemkot", "pemprov", "pemprop", "pemda"}
_CONNECTORS = {"dan", "serta", "&"}


@lru_cache(maxsize=1)
def urusan_table() -> dict[str, tuple[str, str]]:
    """kode_urusan -> (urusan, kelompok)."""
    return {r["kode_urusan"]: (r["urusan"], r["kelompok"]) for r in read_csv(URUSAN)}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict, dict, int, int]:
    table = urusan_table()
    subjects: dict[tuple[str, ...], str] = {}
    for row in read_csv(URUSAN_SUBJECTS):
        if row["kode_urusan"] not in table:
            raise ValueError(f"{URUSAN_SUBJECTS.name}: unknown kode_urusan {row['kode_urusan']!r}")
        subjects[tuple(words(row["subject"]))] = row["kode_urusan"]
    abbreviations = {tuple(words(r["abbreviation"])): r["office"] for r in read_csv(OFFICE_ABBREVIATIONS)}
    return (subjects, abbreviations, max(map(len, subjects)), max(map(len, abbreviations)))


@lru_cache(maxsize=1)
def _acronyms() -> frozenset[str]:
    return frozenset(w.upper() for w in lexicon()["acronyms"]["words"])


def _title(tokens: list[str]) -> str:
    out = []
    for n, w in enumerate(tokens):
        if w.upper() in _acronyms():
            out.append(w.upper())
        elif n > 0 and w.lower() in _CONNECTORS:
            out.append(w.lower())
        elif w.isupper() or w.islower():
            out.append(w.capitalize())
        else:
            out.append(w)
    return " ".join(out)


def _without_regions(name: str) -> str:
    """The name with every region mention removed ("Dinas Sosial Kab. Batola" -> "Dinas Sosial ")."""
    try:
        found = find_regions(name)
    except Exception:
        return name
    for m in reversed(found):
        name = name[:m.start] + " " + name[m.end:]
    return name


def _longest(tokens: list[str], i: int, table: dict, longest: int) -> tuple[Optional[object], int]:
    for n in range(min(longest, len(tokens) - i), 0, -1):
        value = table.get(tuple(tokens[i:i + n]))
        if value is not None:
            return value, n
    return None, 0


_REGION_WORDS = frozenset(("kabupaten", "kab", "kota", "provinsi", "prov", "propinsi", "kotamadya"))


def _office_words(raw: list[str]) -> list[str]:
    """The words of an office name, abbreviations expanded, up to a region prefix."""
    _, abbreviations, _, max_abbr = _tables()
    raw = [t for t in raw if lower_without_accents(t) not in _GOVERNMENT]
    # Region prefixes whose name was not recognised ("Kabupaten" at the end) end the office name.
    cut = [i for i, t in enumerate(raw) if i > 0 and lower_without_accents(t) in _REGION_WORDS]
    if cut:
        raw = raw[:cut[0]]
    expanded: list[str] = []
    i = 0
    low = [lower_without_accents(t) for t in raw]
    while i < len(raw):
        full, n = _longest(low, i, abbreviations, max_abbr)
        if full:
            expanded.extend(full.split())
            i += n
        else:
            expanded.append(raw[i])
            i += 1
    while expanded and expanded[-1].lower() in _CONNECTORS:
        expanded.pop()
    return expanded


def _codes(expanded: list[str]) -> list[str]:
    """The urusan codes the words name, in order."""
    subjects, _, max_subject, _ = _tables()
    toks = [lower_without_accents(t) for t in expanded]
    codes: list[str] = []
    i = 0
    while i < len(toks):
        code, n = _longest(toks, i, subjects, max_subject)
        if code:
            if code not in codes:
                codes.append(code)
            i += n
        else:
            i += 1
    return codes


@lru_cache(maxsize=100_000)
def names_office(text: str) -> bool:
    """Whether `text` starts with the name of an office that serves a known urusan ("dinas kesehatan kab x":
    yes; "badan usaha milik desa": no). Region names are not looked up (fast; for indicator texts)."""
    return bool(_codes(_office_words(words(text))))


@lru_cache(maxsize=50_000)
def office(agency: Optional[str]) -> Office:
    """The office type and urusan of an agency name as written; all None when nothing is known."""
    if not agency or not agency.strip():
        return Office(None, None, None)
    expanded = _office_words(re.findall(r"[0-9A-Za-zÀ-ÿ&]+", _without_regions(agency)))
    if not expanded:
        return Office(None, None, None)
    jenis = _title(expanded)
    codes = _codes(expanded)
    if not codes:
        return Office(jenis, None, None)
    table = urusan_table()
    return Office(jenis, codes[0], table[codes[0]][0], tuple(codes[1:]))
