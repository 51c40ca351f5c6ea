"""The `group` of a table: the unit or title the text above it names."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from extractors.vocabulary import vocabulary

# "Jabatan : Kepala Bidang X", "Unit Kerja : ...", "Tugas : Eselon III"
_UNIT = re.compile(r"^\s*(?:\d+\.\s*)?(jabatan|nama jabatan|unit kerja|unit organisasi|nama unit(?: organisasi)?|bidang|"
                   r"sub ?bidang|eselon|nama (?:sub\.?\s*)?(?:bidang|bagian|seksi|uptd?|unit kerja)|nama sub\.?)"
                   r"\s*:\s*(.+)$", re.I)
_ESELON = re.compile(r"^\s*tugas\s*:\s*(eselon\s+[ivx]+.*)$", re.I)
_HEADING = r"^\d+\.\s+[A-Z]|^[A-Z]\.\s+[A-Z]"
_NOT_TITLE = re.compile(r"^\s*((?i:fungsi|tugas|nama organisasi|instansi)|[a-z]\)|[a-z]\.\s|-|•)")


@lru_cache(maxsize=1)
def _title() -> re.Pattern:
    """A line that names its table: a word of headers.toml [titles], or a numbered heading."""
    words = sorted(vocabulary().title_words, key=len, reverse=True)
    body = "|".join(r"\b" + r"\s+".join(map(re.escape, w.split())) + r"\b" for w in words)
    return re.compile(f"({body}|{_HEADING})" if body else f"({_HEADING})", re.I)


def group_from_context(lines: list[str]) -> Optional[str]:
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in lines if ln and ln.strip()]
    for ln in reversed(lines):
        m = _UNIT.match(ln)
        if m and len(m.group(2)) > 2:
            return m.group(2).strip()
        m = _ESELON.match(ln)
        if m:
            return m.group(1).strip()
    for i in range(len(lines) - 1, -1, -1):
        ln = lines[i]
        if _title().search(ln) and not _NOT_TITLE.match(ln) and len(ln) < 160:
            # a title set on several upper-case lines is one title
            title = [ln]
            for nxt in lines[i + 1:]:
                if nxt.isupper() and not _NOT_TITLE.match(nxt) and len(nxt) < 120:
                    title.append(nxt)
                else:
                    break
            return " ".join(title)
    return None
