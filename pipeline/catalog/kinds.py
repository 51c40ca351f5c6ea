"""What kind of number an indicator is, and its formula's numerator and denominator.

Kinds: ``persentase``, ``jumlah``, ``indeks``, ``rasio`` and ``nilai`` (a
value, score or grade: "Nilai SAKIP", "Predikat ...", "Rata-rata ..."); None
when nothing tells.

The kind is read, in order, from the SATUAN cell when it names one ("%",
"indeks"), from the indicator's leading word ("Persentase", "Cakupan",
"Jumlah", "Indeks", "Rasio", "Nilai" ...; the lists are in
data/indicator-vocabulary.toml), and for a leading word that does not decide
("Angka", "Tingkat" ...) from the formula: "x 100%" / "dikali 100" makes a
percentage, "x 1.000" / "per 100.000" a rate (rasio), another division a
ratio, a bare "Jumlah ..." a count.

>>> classify("Cakupan Penanganan PMKS")
'persentase'
>>> parse_formula("(Jumlah PKL yang tertata / Jumlah PKL hasil pendataan) x 100%")
Formula(numerator='Jumlah PKL yang tertata', denominator='Jumlah PKL hasil pendataan', multiplier='100%')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from iku.pipeline.catalog.vocabulary import vocabulary, words

KINDS = ("persentase", "jumlah", "indeks", "rasio", "nilai")


@dataclass(frozen=True)
class Formula:
    numerator: Optional[str]
    denominator: Optional[str]
    multiplier: Optional[str]  # "100%", "100", "1.000", "100.000", "25" ... as written, None when absent


# --------------------------------------------------------------------------- formula

# A trailing multiplication by a constant: "x 100%", "x100 %", "dikali 100", "di kali 100", "× 1.000".
_MULTIPLIER = re.compile(
    r"(?:(?<=[\s)\]])|^)(?:[x×*]|di\s*kali(?:kan)?|kali(?:kan)?)\s*"
    r"(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]0+)?|seratus|seribu)\s*(%|persen)?\s*[.;,]?\s*$", re.I)
_NUMBER_WORDS = {"seratus": "100", "seribu": "1.000"}
_DIVIDE_WORD = re.compile(r"\bdi\s*bagi(?:\s+dengan)?\b", re.I)
_DENOMINATOR_START = re.compile(r"\s*(?:jumlah|total|seluruh|semua|banyak|luas|realisasi|target|populasi|pagu|∑|Σ)",
                                re.I)
_LABEL = re.compile(r"^[^=()/]{1,60}=\s*")


def _depths(text: str) -> list[int]:
    """Bracket depth at each character (a closing bracket belongs to its group)."""
    out, d = [], 0
    for ch in text:
        if ch in "([":
            d += 1
            out.append(d)
        elif ch in ")]":
            out.append(d)
            d = max(d - 1, 0)
        else:
            out.append(d)
    return out


def _wrapped(text: str) -> bool:
    """True when one bracket pair encloses the whole text: "(a / b)" but not "(a) / (b)"."""
    if len(text) < 2 or text[0] not in "([" or text[-1] not in ")]":
        return False
    d = 0
    for i, ch in enumerate(text):
        if ch in "([":
            d += 1
        elif ch in ")]":
            d -= 1
            if d == 0 and i != len(text) - 1:
                return False
    return d == 0


def _trim(text: str) -> tuple[str, Optional[str]]:
    """Strip outer brackets, a trailing multiplier and stray punctuation until nothing changes."""
    multiplier = None
    while True:
        before = text
        text = text.strip().strip(" .;,:")
        m = _MULTIPLIER.search(text)
        if m:
            number = _NUMBER_WORDS.get(m.group(1).lower(), m.group(1))
            multiplier = multiplier or (number + ("%" if m.group(2) else ""))
            text = text[:m.start()].strip()
        if _wrapped(text):
            text = text[1:-1]
        if text == before:
            return text, multiplier


def _split(text: str) -> Optional[tuple[str, str]]:
    """Numerator and denominator at the top-level division of `text`, or None."""
    depth = _depths(text)
    for m in _DIVIDE_WORD.finditer(text):
        if depth[m.start()] == 0:
            return text[:m.start()], text[m.end():]
    slashes = [i for i, ch in enumerate(text) if ch in "/÷" and depth[i] == 0]
    for i in slashes:  # a spaced slash divides; "SMA/SMK" does not
        if text[i] == "÷" or text[i - 1:i].isspace() or text[i + 1:i + 2].isspace():
            return text[:i], text[i + 1:]
    for i in slashes:  # "...yang aktif/Jumlah PSKS ...", "(a)/(b)"
        if text[i - 1:i] in (")", "]") or text[i + 1:i + 2] in ("(", "[") or _DENOMINATOR_START.match(text[i + 1:]):
            return text[:i], text[i + 1:]
    return None


@lru_cache(maxsize=200_000)
def parse_formula(formula: Optional[str]) -> Formula:
    """The numerator, denominator and constant multiplier of a formula written as text."""
    if not formula or not formula.strip():
        return Formula(None, None, None)
    text = " ".join(formula.split())
    if "=" in text:
        m = _LABEL.match(text)  # "Angka PMKS = (...) / ..." -> the right-hand side
        if m:
            text = text[m.end():]
    text, multiplier = _trim(text)
    parts = _split(text)
    if parts is None:
        # "(A / B) x Nilai penimbang x 25": the bracketed group holding the division
        depth = _depths(text)
        for m in re.finditer(r"[(\[]", text):
            if depth[m.start()] == 1 and (m.start() == 0 or depth[m.start() - 1] == 0):
                end = m.start() + 1
                while end < len(text) and depth[end] >= 1 and not (text[end] in ")]" and depth[end] == 1):
                    end += 1
                inner, _ = _trim(text[m.start() + 1:end])
                parts = _split(inner)
                if parts:
                    break
    if parts is None:
        return Formula(None, None, multiplier)
    num, _ = _trim(parts[0])
    den, inner_mult = _trim(parts[1])
    if not num or not den:
        return Formula(None, None, multiplier or inner_mult)
    return Formula(num, den, multiplier or inner_mult)


# --------------------------------------------------------------------------- kind

@lru_cache(maxsize=1)
def _tables() -> tuple[dict, frozenset, dict]:
    voc = vocabulary()
    leading = {w: kind for kind, ws in voc["kinds"].items() if kind in KINDS for w in ws}
    weak = frozenset(voc["kinds"]["weak"])
    satuan = {" ".join(words(w)) or w: kind for kind, ws in voc["satuan"].items() for w in ws}
    return leading, weak, satuan


_RATE = re.compile(r"\bper\s*(?:1|10|100)[.,]?000\b|\bper\s+(?:seribu|sepuluh ribu|seratus ribu)\b", re.I)


def _from_satuan(satuan: Optional[str]) -> Optional[str]:
    if not satuan:
        return None
    text = satuan.strip().lower()
    if text in ("%", "persen", "(%)"):
        return "persentase"
    _, _, table = _tables()
    return table.get(" ".join(words(text)))


def _from_formula(formula: Optional[str], indikator: str) -> Optional[str]:
    if _RATE.search(indikator):
        return "rasio"
    if not formula:
        return None
    f = parse_formula(formula)
    mult = (f.multiplier or "").replace(",", ".")
    if mult.endswith("%") or mult in ("100", "100.0", "100.00"):
        return "persentase"
    if mult in ("1.000", "10.000", "100.000", "1000", "10000", "100000") or _RATE.search(formula):
        return "rasio"
    if f.denominator:
        return "rasio"
    if words(formula)[:1] == ["jumlah"]:
        return "jumlah"
    return None


@lru_cache(maxsize=200_000)
def classify(indikator: Optional[str], formulasi: Optional[str] = None, satuan: Optional[str] = None) -> Optional[str]:
    """The kind of an indicator (one of KINDS), or None."""
    kind = _from_satuan(satuan)
    if kind:
        return kind
    toks = words(indikator or "")
    leading, weak, _ = _tables()
    if toks and toks[0] in leading:
        return leading[toks[0]]
    kind = _from_formula(formulasi, indikator or "")
    if kind:
        return kind
    if toks and toks[0] in weak and "%" in (indikator or ""):
        return "persentase"
    return None
