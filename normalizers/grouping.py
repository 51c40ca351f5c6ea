"""The `group` of a table: the unit or title the text above it names."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from iku.extractors.vocabulary import vocabulary

# "Jabatan : Kepala Bidang X", "Unit Kerja : ...", "Tugas : Eselon III"
_UNIT = re.compile(r"^\s*(?:\d+\.\s*)?(jabatan|nama jabatan|unit kerja|unit organisasi|nama unit(?: organisasi)?|bidang|"
                   r"sub ?bidang|eselon|nama (?:sub\.?\s*)?(?:bidang|bagian|seksi|uptd?|unit kerja)|nama sub\.?)"
                   r"\s*:\s*(.+)$", re.I)
_ESELON = re.compile(r"^\s*tugas\s*:\s*(eselon\s+[ivx]+.*)$", re.I)
# ... as a scan reads it: the colon printed apart between a unit's label and its value
# ("Jabatan      :   Kepala Bidang X") is a lone mark the OCR drops with the dust or reads as a
# full stop. Only for labels that name a unit outright, with the value capitalised after them
# ("Bidang" alone opens a unit's own name: "Bidang Pengujian" is a value, not a label).
_UNIT_READ = re.compile(r"^\s*(?:\d+\.\s*)?(jabatan|nama jabatan|unit kerja|unit organisasi|nama unit(?: organisasi)?)"
                        r"(?:\s*[.;,·]+\s*|\s+)(?-i:(?=[A-Z]))(.+)$", re.I)
_VALUE_EDGE = " .:;,·"
_HEADING = r"^\d+\.\s+[A-Z]|^[A-Z]\.\s+[A-Z]"
_NOT_TITLE = re.compile(r"^\s*((?i:fungsi|tugas|nama organisasi|instansi)|[a-z]\)|[a-z]\.\s|-|•)")


@lru_cache(maxsize=1)
def _title() -> re.Pattern:
    """A line that names its table: a word of headers.toml [titles], or a numbered heading."""
    words = sorted(vocabulary().title_words, key=len, reverse=True)
    body = "|".join(r"\b" + r"\s+".join(map(re.escape, w.split())) + r"\b" for w in words)
    return re.compile(f"({body}|{_HEADING})" if body else f"({_HEADING})", re.I)


def group_from_context(lines: list[str], read_by_ocr: bool = False) -> Optional[str]:
    """The unit a table's context names ("Jabatan : …"), or else its title. `read_by_ocr`: the
    lines are a scan's, whose unit label may have lost its colon (`_UNIT_READ`)."""
    lines = [re.sub(r"\s+", " ", ln).strip() for ln in lines if ln and ln.strip()]
    unit = unit_named(lines, read_by_ocr)
    if unit is not None:
        return unit
    for i in range(len(lines) - 1, -1, -1):
        ln = lines[i]
        caption = _CAPTION.match(ln)
        if (caption or (_title().search(ln) and _reads_as_title(ln))) and not _NOT_TITLE.match(ln) and len(ln) < 160 \
                and not _list_item(lines, i):
            # a title set on several lines is one title: the lines under it up to the table
            # ("Indikator Kinerja Utama" / "Dinas X Kabupaten Y" / "Periode 2025-2029"), and
            # a caption's label alone on its line ("Tabel 4.4") goes on with the line under it
            # (a caption is the caption's label and its text: the lines under it are the table's
            # own, a header band's first level printed as text)
            title = [ln]
            if caption:
                if len(ln) <= caption.end() + 2 and i + 1 < len(lines) and len(lines[i + 1]) < 160:
                    title.append(lines[i + 1])
                k = i + len(title)
                while k < len(lines) and _unfinished(title[-1]) and len(lines[k]) < 160:
                    title.append(lines[k])  # a caption's text wrapped after "… dan" goes on
                    k += 1
                return " ".join(title)
            if i > 0 and _CAPTION.match(lines[i - 1]) and len(lines[i - 1]) <= _CAPTION.match(lines[i - 1]).end() + 2:
                return " ".join([lines[i - 1], ln])  # the caption's label alone on the line above ("Tabel 4.4")
            for nxt in lines[i + 1:]:
                if _goes_on_title(nxt):
                    title.append(nxt)
                else:
                    break
            return " ".join(title)
    return None


def unit_named(lines: list[str], read_by_ocr: bool = False) -> Optional[str]:
    """The unit the last unit label of the lines names ("Jabatan : …", "Nama Unit : …"), None
    without one (a title does not count: a unit's label opens the block of a table of its own)."""
    for ln in reversed([re.sub(r"\s+", " ", ln).strip() for ln in lines if ln and ln.strip()]):
        if read_by_ocr:
            # (a speck before the label reads as a mark: "- Nama Unit …", "' Jabatan : …")
            ln = _label_cut_at_the_edge(re.sub(r"^[^\w(]+", "", ln))
        m = _UNIT.match(ln) or (_UNIT_READ.match(ln) if read_by_ocr else None)
        # (a colon read with a speck, ":.", leaves a mark before the value)
        if m and len(m.group(2).lstrip(_VALUE_EDGE).strip()) > 2:
            return m.group(2).lstrip(_VALUE_EDGE).strip()
        m = _ESELON.match(ln)
        if m:
            return m.group(1).strip()
    return None


# labels that open a unit's block, as `_UNIT` / `_UNIT_READ` take them, first word first
_CUT_LABELS = ("nama unit organisasi", "nama unit kerja", "nama unit", "nama jabatan", "jabatan", "unit kerja",
               "unit organisasi")


def _label_cut_at_the_edge(line: str) -> str:
    """A scan's line whose unit label lost its first letters (1 to 3) where the capture cut the
    page's edge ("ma Unit Organisasi Bidang X", "abatan : Kepala Y") with the label made whole;
    the line as read otherwise. The cut label must go on to its last word, so that a word of
    prose that happens to end like a label's first word is not taken."""
    low = line.lower()
    for label in _CUT_LABELS:
        for k in (1, 2, 3):
            part = label[k:]
            if part[0] != " " and low.startswith(part) and (len(low) == len(part) or not low[len(part)].isalnum()):
                return label[:k] + line
    return line


_MARKER = re.compile(r"^\s*(?:(\d{1,2})|([a-z]))[.)]\s", re.I)


def _marker(line: str) -> Optional[tuple[str, int]]:
    """The kind and rank of a line's list marker ("3." → ("1", 3), "c." → ("a", 3)), None without one."""
    m = _MARKER.match(line)
    return None if m is None else ("1", int(m.group(1))) if m.group(1) else ("a", ord(m.group(2).lower()) - 96)


def _list_item(lines: list[str], i: int) -> bool:
    """The line is an item of a list that goes on in the line above or below it ("c. …" over
    "d. …": a unit's tasks, the end of a list the page break cut), not a numbered heading, even
    where a scan read its letter as a capital ("C. penyelenggaraan …")."""
    k = _marker(lines[i])
    return k is not None and ((i > 0 and _marker(lines[i - 1]) == (k[0], k[1] - 1))
                              or (i + 1 < len(lines) and _marker(lines[i + 1]) == (k[0], k[1] + 1)))


# a table's caption: "Tabel 4.4", "Tabel II.3 …", "Table 2."
_CAPTION = re.compile(r"^\s*(?:tabel|table)\s+(?:\d+|[IVXL]+)(?:[.\-]\d+)*\.?", re.I)


def _unfinished(line: str) -> bool:
    """A line that stops mid-phrase: after a conjunction or preposition, or a comma."""
    words = line.lower().rstrip().split()
    return bool(words) and (words[-1] in {"dan", "atau", "serta", "di", "ke", "dari", "pada", "untuk", "yang", "dalam"}
                            or line.rstrip().endswith((",", "-", "&")))


def _goes_on_title(line: str) -> bool:
    """A line under a title line that is more of the title: short, no label ("Jabatan : …"),
    no list item, and no sentence (upper case, or a few words without a full stop)."""
    if _NOT_TITLE.match(line) or _UNIT.match(line) or _ESELON.match(line) or len(line) >= 120 or ":" in line:
        return False
    if re.search(r"\b(?:19|20)\d\d\b", line) and len(line.split()) <= 6:
        return True  # the period of the title ("Periode 2024 s.d. 2026", "Tahun 2021")
    if line.isupper():
        return True
    # a line of header labels over the table ("Kondisi Awal  Target Kinerja") is no title
    voc = vocabulary()
    if set(re.findall(r"[a-z]+", line.lower())) & (set(voc.header_line_words) | set(voc.not_field_words)):
        return False
    return len(line.split()) <= 12 and _reads_as_title(line)


def _reads_as_title(line: str) -> bool:
    """A heading, not a line of prose: upper case, or most of its words capitalised ("Indikator
    Kinerja Utama Dinas X"), and no full stop at its end ("Dokumen ini memuat sasaran
    strategis, indikator kinerja, target …" is prose)."""
    if line.rstrip().endswith((".", ",", ";")) and not line.isupper():
        return False
    words = [w for w in line.split() if w[:1].isalpha()]
    if not words or line.isupper():
        return True
    small = {"dan", "atau", "di", "ke", "dari", "pada", "untuk", "yang", "tahun", "serta", "dalam", "per"}
    caps = sum(w[:1].isupper() for w in words if w.lower() not in small)
    return caps >= 0.6 * max(1, sum(1 for w in words if w.lower() not in small))
