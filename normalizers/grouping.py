"""The `group` of a table: the unit or title the text above it names."""
from __future__ import annotations

import re
from typing import Optional

# "Jabatan : Kepala Bidang X", "Unit Kerja : ...", "Tugas : Eselon III"
_UNIT = re.compile(r"^\s*(?:\d+\.\s*)?(jabatan|nama jabatan|unit kerja|unit organisasi|nama unit(?: organisasi)?|bidang|"
                   r"sub ?bidang|eselon|nama (?:sub\.?\s*)?(?:bidang|bagian|seksi|uptd?|unit kerja)|nama sub\.?)"
                   r"\s*:\s*(.+)$", re.I)
_ESELON = re.compile(r"^\s*tugas\s*:\s*(eselon\s+[ivx]+.*)$", re.I)
_TITLE = re.compile(r"(indikator kinerja|\biku\b|^\d+\.\s+[A-Z]|^[A-Z]\.\s+[A-Z])", re.I)
_NOT_TITLE = re.compile(r"^\s*(fungsi|tugas|nama organisasi|instansi|[a-z]\)|[a-z]\.\s|-|•)", re.I)


def group_from_context(lines: list[str]) -> Optional[str]:
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in lines if ln and ln.strip()]
    for ln in reversed(lines):
        m = _UNIT.match(ln)
        if m and len(m.group(2)) > 2:
            return m.group(2).strip()
        m = _ESELON.match(ln)
        if m:
            return m.group(1).strip()
    for ln in reversed(lines[-4:]):
        if _TITLE.search(ln) and not _NOT_TITLE.match(ln) and len(ln) < 160:
            return ln
    return None
