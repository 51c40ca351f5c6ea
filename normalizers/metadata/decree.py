"""The decree: decree_number and decree_date.

- decree_number: "NOMOR : ..." in the first decree heading that states one (a
  letterhead's address "Jalan ... Nomor 2" is not it), as printed: spaces around
  "/" and dashes removed, none inside a part ("Kep. 770" -> "Kep.770"), the text
  after its closing year dropped; None when left blank.
- decree_date: "Ditetapkan di ... Pada tanggal ...", else the "Place, date"
  line of the signature; "YYYY-MM-DD", or "YYYY-MM" without a day.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Optional

from rapidfuzz.distance import Levenshtein

from iku.normalizers.metadata.period import year_ok
from iku.normalizers.metadata.signatory import is_signature_line
from iku.normalizers.metadata.text import Doc, heading_zones
from iku.normalizers.metadata.vocabulary import lexicon, words_pattern
from iku.normalizers.regions import find_region


@lru_cache(maxsize=1)
def _months() -> dict:
    return {k.strip().lower(): v for k, v in lexicon()["months"]["map"].items()}


# --------------------------------------------------------------------------- decree number


def normalize_decree_number(value: Optional[str]) -> Optional[str]:
    """ "460/ 044 /DISSOS/2021" -> "460/044/DISSOS/2021"; blank forms ("TAHUN 2022",
    "…/…/2021") and forms without a digit ("Tol wwnfo", a smudge read) -> None."""
    if not value:
        return None
    value = " ".join(value.split())
    value = re.split(r"\bTENTANG\b", value, flags=re.I)[0]
    value = re.sub(r"\s*([/\-–—])\s*", r"\1", value).strip(" ,;:")
    # a speck before the number read as a stop (".500.3/284/..."): no number opens with one
    value = re.sub(r"^\.+(?=\d)", "", value)
    if "/" in value:
        # parts of a number joined by "/" hold no spaces: "Kep. 770" is "Kep.770" ...
        value = re.sub(r"(?<=\w\.)\s+(?=\w)", "", value)
        # ... and words after its closing year are the text that follows it ("... /2021 Tanggal ...")
        value = re.sub(r"(/(?:19|20)\d{2})\s+\D.*$", r"\1", value)
        value = _rejoin_split_parts(value)
    if value.endswith(".") and not re.search(r"\.\w+\.$", value):
        value = value[:-1]
    if "/" not in value and re.search(r"(?:\.\s?){4,}|…", value):
        # a dotted blank left to fill in ("NOMOR : ........"): a scan reads its dots as digits
        # and letters ("........005 see veeeeseee"); a number written in it has its "/" parts
        return None
    if "/" not in value and re.search(r"[^\W\d_]{12,}", value) and re.search(r"([^\W\d_])\1\1", value):
        # ... or as one long run of letters: a word of a dozen letters or more with a letter
        # three times running ("sevvovennnnnngee0erenn") is no part of a number; a dot read
        # as a digit now and then ("0") must not make it one
        return None
    left = re.sub(r"\bTAHUN\b|(?<!\d)\d{4}(?!\d)", " ", value, flags=re.I)
    if not re.search(r"[A-Za-z0-9]", left):
        return None
    # every decree number has digits; letters alone are an OCR reading of a smudge
    if not re.search(r"\d", value):
        return None
    return value or None


def _rejoin_split_parts(value: str) -> str:
    """A scan splits a handwritten or spaced part of a number: "12 3/kep.05/renc/dis hub"
    is "123/kep.05/renc/dishub". Inside a part a space between digits (the part's first
    digits, not a year) or before a lower-case letter is a gap in one word; other spaces
    ("... /KPTS Kota X") stay."""
    value = re.sub(r"\s+(?:tanggal|tgl)\b.*$", "", value, flags=re.I)  # the words after it
    value = re.sub(r"(?<![\w.])(\d{1,3})\s+(?=\d)", r"\1", value)
    return re.sub(r"(?<=[A-Za-z])\s+(?=[a-z])", "", value)


_NUMBER_LABEL = re.compile(
    r"(?<![A-Za-z])(?:NOMOR|No)\b\.?[ \t]*(?:\n[ \t]*(?=[:.]))?[ \t]*[:.]?[ \t]*([^\n]*)", re.I)


@lru_cache(maxsize=1)
def _address_re() -> re.Pattern:
    return re.compile(words_pattern(lexicon()["address_words"]["words"]), re.I)


def read_decree_number(doc: Doc) -> Optional[str]:
    """The number after "NOMOR" in a decree heading: the first heading that states one.

    A letterhead inside the heading zone ("Jalan Ahmad Yani Nomor 2 ...") is an
    address, not the number: a "Nomor" on a line with address words is skipped,
    and a "Nomor" that does not open its line counts only when its value is
    written like a decree number (parts joined by "/")."""
    for zone in heading_zones(doc):
        text = "\n".join(_label_mended(doc.lines[i]) for i in zone)
        for m in _NUMBER_LABEL.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.start())
            line = text[line_start:line_end if line_end != -1 else len(text)]
            if _address_re().search(line):
                continue
            written = m.group(1)
            opens_line = not text[line_start:m.start()].strip()
            if not written.strip() and line_end != -1:  # "NOMOR :" with the number on the next line
                nxt = text[line_end + 1:].split("\n", 1)[0]
                written = nxt if "/" in nxt and not _address_re().search(nxt) else ""
            value = normalize_decree_number(written)
            if value and "/" not in value and line_end != -1:
                # "NOMOR : 5" over "/ 276 /Kpts/DISHUB/2021": a scan set the number's parts on two lines
                nxt = text[line_end + 1:].split("\n", 1)[0]
                if nxt.lstrip().startswith("/"):
                    value = normalize_decree_number(f"{written}{nxt}") or value
            if value is None and written.strip() and opens_line:
                return None  # a number left blank ("NOMOR : TAHUN 2022")
            if value and (opens_line or "/" in value or not text[line_start:m.start()].strip(" :")
                          or _ends_heading(text[line_start:m.start()])):
                return _quoted_whole(doc, value)
    return None


# a line opening with a label, its colon, and a value with parts joined by "/"
_LABEL_OPENING = re.compile(r"^(?P<lead>\W*)(?P<label>[A-Za-z0-9][A-Za-z0-9 ]{2,6}?)(?=\s*:\s*\S+\s*/)")


def _label_mended(line: str) -> str:
    """The line with its "NOMOR" label made whole when a scan lost or split a letter of it at
    the opening of the line ("OMOR : 520/151/...", "NOM OR :400/..."): a label one letter off
    "NOMOR" before a colon and a number of parts joined by "/" can be no other label."""
    m = _LABEL_OPENING.match(line)
    if not m:
        return line
    letters = m.group("label").replace(" ", "").upper().replace("0", "O")
    if m.group("label").upper() == "NOMOR" or len(letters) < 4 or Levenshtein.distance(letters, "NOMOR") > 1:
        return line
    return m.group("lead") + "NOMOR" + line[m.end("label"):]


def _quoted_whole(doc: Doc, value: str) -> str:
    """The heading's number, or the lampiran's quote of it when that holds more of its first
    part: a scan's band of faded print cut "500.11/276/Kpts/DISHUB/2021" to "5/276/...", and the
    lampiran's "NOMOR : 500.11/276/Kpts/DISHUB/2021" has the same parts after the first, its
    first part opening with the heading's."""
    if "/" not in value:
        return value
    head, tail = value.split("/", 1)
    for m in _NUMBER_LABEL.finditer(doc.text):
        other = normalize_decree_number(m.group(1))
        if other and "/" in other:
            first, rest = other.split("/", 1)
            if rest == tail and first != head and first.startswith(head):
                return other
    return value


def _ends_heading(before: str) -> bool:
    """"KEPUTUSAN ... KABUPATEN PASURUAN NOMOR : ...": the label closes a heading line in capitals."""
    letters = [c for c in before if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


# --------------------------------------------------------------------------- dates


# letter groups a scan reads as one another: (as read, as printed)
# ("Mel" is "Mei", "Jull" is "Juli": an "i" and an "l" are one stroke apart)
_OCR_LETTER_CONFUSIONS = (("n", "ri"), ("rn", "m"), ("m", "rn"), ("ri", "n"), ("li", "h"), ("cl", "d"), ("vv", "w"),
                          ("l", "i"), ("i", "l"))


def _month(word: str) -> Optional[int]:
    months = _months()
    w = word.lower().strip(".")
    if w in months:
        return months[w]
    for a, b in _OCR_LETTER_CONFUSIONS:
        # "Februan" is "Februari" read with "ri" as "n", "Nopernber" is "Nopember"
        for m in re.finditer(re.escape(a), w):
            variant = w[:m.start()] + b + w[m.end():]
            if variant in months:
                return months[variant]
    if len(w) >= 5:
        full = [(Levenshtein.distance(w, k), v) for k, v in months.items() if len(k) >= 5]
        limit = 1 if len(w) < 8 else 2
        close = sorted(h for h in full if h[0] <= limit)
        if close and (len(close) == 1 or close[0][0] < close[1][0] or close[0][1] == close[1][1]):
            return close[0][1]
    return None


# (a speck between month and year reads as a colon or a middle dot on a scan: "Februari:2025",
# "Februari·2025")
_DATE_WORDS = re.compile(r"(?<![\w])(?:(\d{1,2})\s*[-/.]?\s*)?([A-Za-z]{3,10})\.?\s*[-/.,:·]?\s*(\d{4})(?!\d)")
_DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")


# a day or a year with letters a scan makes of digits ("1O Februari 2O23", "l5 Mei 2021"): a
# word of 2 or 4 such characters with a digit in it
_SCAN_NUMBER = re.compile(r"(?<![A-Za-z0-9])(?=[OoIl|]?\d)(?:[0-9OoIl|]{2}|[0-9OoIl|]{4})(?![A-Za-z0-9])")
_SCAN_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})


def parse_indonesian_date(text: Optional[str]) -> Optional[str]:
    """The first date in `text`: "14 September 2021" -> "2021-09-14", "Januari 2022" -> "2022-01",
    "02 Agt 2020" -> "2020-08-02", "14-09-2021" -> "2021-09-14"."""
    if not text:
        return None
    text = _SCAN_NUMBER.sub(lambda m: m.group().translate(_SCAN_DIGITS), text)
    for m in _DATE_WORDS.finditer(text):
        month = _month(m.group(2))
        year = int(m.group(3))
        if month is None or not year_ok(year):
            continue
        if m.group(1):
            try:
                return date(year, month, int(m.group(1))).isoformat()
            except ValueError:
                continue
        return f"{year:04d}-{month:02d}"
    for m in _DATE_NUMERIC.finditer(text):
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            continue
    return None


# (a scan reads the comma after the place as a semicolon now and then: "Langsa; 10 Juni 2020"; and
# loses the narrow spaces of a small print: "Langsa,10Juni2020", "Langsa, 5Mei2020")
_SIGNATURE_DATE = re.compile(
    r"^\W*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)\s*(?:(?P<comma>[,;])\s*|\s+)"
    r"(?P<date>(?P<day>\d{1,2}\s*)?[A-Za-z]{3,10}\.?\s*[·:]?\s*\d{4})\s*$")
SIGNATURE_DATE_REACH = 8  # lines between a "Place, date" line and its signature block


def _signature_date_at(doc: Doc, i: int) -> Optional[str]:
    """The date of a signature's "Kutai Kartanegara, 02 Maret 2020" line, if line i is one."""
    m = _SIGNATURE_DATE.match(_SCAN_NUMBER.sub(lambda d: d.group().translate(_SCAN_DIGITS), doc.lines[i]))
    if not m or re.search(r"\b(?:tanggal|tahun|nomor)\b", m.group("place"), re.I):
        return None
    # "Bontang Januari 2022" has neither comma nor day: its place must then be a region
    if not (m.group("comma") or m.group("day") or find_region(m.group("place"))):
        return None
    below = doc.lines[i + 1:i + 1 + SIGNATURE_DATE_REACH]
    if not any(is_signature_line(l) for l in below):
        return None
    return parse_indonesian_date(m.group("date"))


def read_decree_date(doc: Doc) -> tuple[Optional[str], Optional[int]]:
    """The decree date and the line it was read from."""
    for i, line in enumerate(doc.lines):
        if re.search(r"\bDitetapkan\b", line, re.I):
            block = " ".join(doc.lines[i:i + 4])
            after = re.split(r"\bDitetapkan\b", block, maxsplit=1, flags=re.I)[1]
            m = re.search(r"\btanggal\b\s*[:.]?\s*(.*)", after, re.I)
            found = parse_indonesian_date(m.group(1)[:40] if m else after[:80])
            if found:
                return found, i
    for i in range(len(doc.lines)):
        found = _signature_date_at(doc, i)
        if found:
            return found, i
    return None, None
