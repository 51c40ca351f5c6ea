"""The `group` of a table: the unit or title the text above it names."""
from __future__ import annotations

import re
from typing import Optional

# "Jabatan : Kepala Bidang X", "Unit Kerja : ...", "Tugas : Eselon III"
_UNIT = re.compile(r"^\s*(?:\d+\.\s*)?(jabatan|nama jabatan|unit kerja|unit organisasi|nama unit(?: organisasi)?|bidang|"
                   r"sub ?bidang|eselon|nama (?:sub\.?\s*)?(?:bidang|bagian|seksi|uptd?|unit kerja)|nama sub\.?)"
                   r"\s*:\s*(.+)$", re.I)
_ESELON = re.compile(r"^\s*tugas\s*:\s*(eselon\s+[ivx]+.*)$", re.I)
_TITLE = re.compile(r"(indikator kinerja|perjanjian kinerja|\biku\b|^\d+\.\s+[A-Z]|^[A-Z]\.\s+[A-Z])", re.I)
_NOT_TITLE = re.compile(r"^\s*((?i:fungsi|tugas|nama organisasi|instansi)|[a-z]\)|[a-z]\.\s|-|•)")


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
        if _TITLE.search(ln) and not _NOT_TITLE.match(ln) and len(ln) < 160:
            # a title set on several upper-case lines is one title
            title = [ln]
            for nxt in lines[i + 1:]:
                if nxt.isupper() and not _NOT_TITLE.match(nxt) and len(nxt) < 120:
                    title.append(nxt)
                else:
                    break
            return " ".join(title)
    return None
