"""The signatory: signatory_name and signatory_nip.

The first signature block after the decree text: the name line above "NIP"
(rank and position lines skipped) and the NIP's 18 digits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from normalizers.metadata.text import Doc
from normalizers.metadata.vocabulary import lexicon, words_pattern

SIGNATURE_LOOKBACK = 6  # lines above "NIP" searched for the name


@lru_cache(maxsize=1)
def _vocab() -> "_Vocab":
    lex = lexicon()
    return _Vocab(
        rank_re=re.compile(
            r"^\W*(?:" + "|".join(re.escape(w.strip()) for w in lex["signature"]["rank_openings"])
            + r")(?![A-Za-z])", re.I),
        position_re=re.compile(words_pattern(lex["signature"]["position_words"]), re.I),
        noise_lines={w.lower() for w in lex["signature"]["noise_lines"]},
    )


@dataclass(frozen=True)
class _Vocab:
    rank_re: re.Pattern
    position_re: re.Pattern
    noise_lines: set


_NIP = re.compile(r"\bNIP\b\s*\.?\s*[:.]?\s*(?P<digits>[0-9][0-9OoIl| ]{13,30})")
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})


def normalize_nip(text: Optional[str]) -> Optional[str]:
    """ "NIP. 19640710 199301 1 001" -> "196407101993011001". Digits only; an 18-digit NIP
    is cut out of longer runs; other lengths (15-21 digits) are returned as written."""
    if not text:
        return None
    m = _NIP.search(text)
    raw = m.group("digits") if m else text
    m2 = re.match(r"[0-9OoIl| ]+", raw.strip())
    if not m2:
        return None
    digits = ""
    for group in m2.group().translate(_OCR_DIGITS).split():
        if not group.isdigit() or len(digits) >= 18:
            break
        digits += group
    return digits if 15 <= len(digits) <= 21 else None


def is_signature_line(line: str) -> bool:
    """A line of a signature block: its NIP or the signer's position ("KEPALA DINAS ...")."""
    return bool(_NIP.search(line) or _vocab().position_re.search(line))


def _is_name_line(line: str) -> bool:
    v = _vocab()
    s = line.strip(" ()_-")
    if len(s) < 3 or len(s) > 70 or re.search(r"\d|:", s):
        return False
    if s.lower().strip(".") in v.noise_lines or s.lower() in v.noise_lines:
        return False
    if v.rank_re.match(s) or v.position_re.search(s) or s.endswith(","):
        return False
    if sum(c.isalpha() for c in s) < 3:
        return False
    return True


def read_signatory(doc: Doc, after_line: Optional[int]) -> tuple[Optional[str], Optional[str]]:
    """(name, NIP) of the first signature at or after line `after_line` (the decree date's),
    else of the first one."""
    hits = [(i, m) for i, line in enumerate(doc.lines) for m in [_NIP.search(line)] if m]
    if not hits:
        return None, None
    chosen = next((h for h in hits if after_line is not None and h[0] >= after_line), hits[0])
    i, m = chosen
    nip = normalize_nip(m.group(0))
    name = None
    before = doc.lines[i][:m.start()].strip()
    if before and _is_name_line(before):
        name = before
    else:
        for j in range(i - 1, max(-1, i - 1 - SIGNATURE_LOOKBACK), -1):
            line = doc.lines[j]
            if _NIP.search(line):
                break
            if _is_name_line(line):
                name = line
                break
    if name:
        name = " ".join(name.strip(" ()_").split())
    return name, nip
