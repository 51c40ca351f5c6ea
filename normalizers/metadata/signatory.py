"""The signatory: signatory_name and signatory_nip.

The first signature block after the decree text: the name line above "NIP"
(rank and position lines skipped) and the NIP's 18 digits; "a.n.", "Plt." and
"Plh." heads as printed. On a scan: a NIP whose label is smudged is known by its
18 digits (birth date, appointment, sex, serial); a name hidden over the decree's
NIP is read where the same NIP signs again (the lampiran); with no NIP read at
all, the titled name under the signature's date. A performance agreement (PK) is signed by two parties:
the signatory is the first party, named before the signatures ("Nama : X ...
selanjutnya disebut PIHAK PERTAMA"), as the signature prints the name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz

from iku.normalizers.metadata.text import Doc, one_edit
from iku.normalizers.metadata.vocabulary import alternation, lexicon, words_pattern

SIGNATURE_LOOKBACK = 6  # lines above "NIP" searched for the name
PARTY_LOOKBACK = 6  # lines above "... disebut PIHAK PERTAMA" searched for the party's "Nama :"
PARTY_SIGNATURE_REACH = 4  # lines under the first party's name in the signatures searched for its NIP
SIGNED_NAME_SIMILARITY = 80  # the party's name in the statement and under the signature (rapidfuzz ratio)
SIGNED_NAME_GARBLED = 90  # ... the same name with a letter or two garbled (a pen over it), its words not all whole


@lru_cache(maxsize=1)
def _vocab() -> "_Vocab":
    lex = lexicon()
    return _Vocab(
        rank_re=re.compile(
            r"^\W*(?:" + "|".join(re.escape(w.strip()) for w in lex["signature"]["rank_openings"])
            + r")(?![A-Za-z])", re.I),
        position_re=re.compile(words_pattern(lex["signature"]["position_words"]), re.I),
        noise_lines={w.lower() for w in lex["signature"]["noise_lines"]},
        first_party_re=re.compile(
            r"(?:" + alternation(lex["parties"]["introduced_by"]) + r")\s+(?:sebagai\s+)?(?:"
            + alternation(lex["parties"]["first_party"]) + r")(?![A-Za-z])", re.I),
        party_field_re=re.compile(r"^\W*(?:" + alternation(lex["parties"]["name_labels"]) + r")\s*[:.]\s*(?P<value>.+)$",
                                  re.I),
        party_stop_re=re.compile(r"\s+(?:" + alternation(lex["parties"]["field_labels"]) + r")\s*[:.].*$", re.I),
        ranks=tuple(_letters(r) for r in lex["signature"].get("ranks", [])),
    )


@dataclass(frozen=True)
class _Vocab:
    rank_re: re.Pattern
    position_re: re.Pattern
    noise_lines: set
    first_party_re: re.Pattern
    party_field_re: re.Pattern
    party_stop_re: re.Pattern
    ranks: tuple = ()


RANK_SIMILARITY = 80  # a line this close to a rank (rapidfuzz ratio of its letters) is a rank line
RANK_MIN_LETTERS = 8  # ... when it has this many letters (shorter ones: rank_openings only)


def _is_rank_line(line: str) -> bool:
    """A rank line as a scan reads it: "Rembifia-Utama Muda" for "Pembina Utama Muda"."""
    key = _letters(line)
    if len(key) < RANK_MIN_LETTERS:
        return False
    return any(fuzz.ratio(key, r) >= RANK_SIMILARITY for r in _vocab().ranks)


# OCR reads of digits in a NIP: letters a scan makes of 0, 1, 2, 5, 6, 8, 9
_OCR_DIGIT_CHARS = "OoDQIl|i!ZzSsGbBgq"
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "|": "1", "i": "1",
                             "!": "1", "Z": "2", "z": "2", "S": "5", "s": "5", "G": "6", "b": "6", "B": "8",
                             "g": "9", "q": "9"})
# "NIP. 1964...", and on a scan "NIP“F9570828 ...", "NIP:-19640710 ...": quotes, dashes and a
# stray mark between the label and the digits (a colon read as a middle dot: "NIP·1968..."); the
# first digit may be any smudge (see _birth_century)
# the label's I may be read small or as a stroke on a scan ("NiP", "NlP", "N|P"); the gap after the
# label may be lost ("NIP198302032013031010")
_NIP = re.compile(r"\bN[Iil1|]P(?:\b|(?=\d)|(?=[A-Za-z]\d{3}))[\s.:;,'\"“”‘’`~_·•-]{0,4}"
                  r"(?P<digits>(?:[0-9]|[^\s\d](?=[0-9]{3}))(?:[0-9" + re.escape(_OCR_DIGIT_CHARS) + r" ]"
                  r"|(?<=\d)[.,·:](?=\d)){13,30})")  # a speck between two digits ("1.002", "1·002", "1:002") is no digit


def _birth_century(group: str) -> str:
    """A NIP opens with the holder's birth year, 19xx or 20xx: a first character a scan
    smudged ("F9570828") is 1 before a 9 and 2 before a 0."""
    if group and not group[0].isdigit() and len(group) > 1 and group[1:].isdigit():
        if group[1] == "9":
            return "1" + group[1:]
        if group[1] == "0":
            return "2" + group[1:]
    return group


def normalize_nip(text: Optional[str]) -> Optional[str]:
    """ "NIP. 19640710 199301 1 001" -> "196407101993011001". Digits only; an 18-digit NIP
    is cut out of longer runs; other lengths (15-21 digits) are returned as written.
    Letters OCR makes of digits are read as those digits ("1967O715" -> "19670715")."""
    if not text:
        return None
    m = _NIP.search(text)
    raw = m.group("digits") if m else text
    raw = re.sub(r"(?<=\d)[.,·:](?=\d)", "", raw)
    m2 = re.match(r"(?:[0-9]|[^\s\d](?=[0-9]{3}))[0-9" + re.escape(_OCR_DIGIT_CHARS) + r" ]*", raw.strip())
    if not m2:
        return None
    digits = ""
    groups = m2.group().split()
    for k, group in enumerate(groups):
        group = group.translate(_OCR_DIGITS)
        if k == 0:
            group = _birth_century(group)
        if not group.isdigit() or len(digits) >= 18:
            break
        digits += group
    if len(digits) == 19 and not raw.strip()[0].isdigit():
        # a mark before 18 digits ("NIP!7976…"): the label's stop read as a stroke, the first
        # digit smudged (a birth year is 19xx or 20xx); taken only when it makes a NIP whole
        rest = digits[1:]
        rest = {"9": "1", "0": "2"}.get(rest[1], rest[0]) + rest[1:]
        if _bare_nip(rest):
            return rest
    return digits if 15 <= len(digits) <= 21 else None


_BARE_NIP = re.compile(r"(?<![\d/.-])((?:19|20)\d{6}) ?(\d{6}) ?([12]) ?(\d{3})(?![\d/.-])")
NIP_MIN_AGE, NIP_MAX_AGE = 17, 60  # age of a civil servant at appointment


def _bare_nip(line: str) -> Optional[re.Match]:
    """An 18-digit NIP without its label: birth date (YYYYMMDD), appointment year and month
    (YYYYMM, at a civil servant's age), sex (1/2), serial number."""
    for m in _BARE_NIP.finditer(line):
        born, appointed = m.group(1), m.group(2)
        try:
            year = date(int(born[:4]), int(born[4:6]), int(born[6:8])).year
        except ValueError:
            continue
        if 1 <= int(appointed[4:6]) <= 12 and NIP_MIN_AGE <= int(appointed[:4]) - year <= NIP_MAX_AGE:
            return m
    return None


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
    if v.rank_re.match(s) or v.position_re.search(s) or s.endswith(",") or _is_rank_line(s):
        return False
    if sum(c.isalpha() for c in s) < 3:
        return False
    return True


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def first_party(doc: Doc) -> Optional[tuple[str, Optional[str]]]:
    """(name, NIP) of the first party of a performance agreement (PK): the head whose
    performance is agreed, named before the signatures ("Nama : X / Jabatan : ... /
    selanjutnya disebut PIHAK PERTAMA"). The NIP is the one in the party's own fields,
    else the one under the party's name in the signatures. None: no such statement."""
    v = _vocab()
    m = v.first_party_re.search(doc.text)
    if not m:
        return None
    at = doc.line_at(m.start())
    name = nip = None
    for j in range(at, max(-1, at - PARTY_LOOKBACK), -1):
        line = doc.lines[j]
        if nip is None and _NIP.search(line):
            nip = normalize_nip(line)
        f = v.party_field_re.match(line) or _misread_name_field(doc, j)
        if f:
            name = v.party_stop_re.sub("", f.group("value")).strip(" ,;")
            break
    if not name or not _is_name_line(name.rstrip(",")):
        return None
    signed = _signed_as(doc, name, at)
    if signed is not None:
        k, printed = signed
        # (a name read short, its end under the pen, "Ani Rahayu,M" for "Ani Rahayu,M.H.", is
        # no other way of printing it: the statement's stays)
        if printed and not (len(_letters(printed)) < len(_letters(name))
                            and _letters(name).startswith(_letters(printed))):
            name = printed
        if nip is None:
            below = [l for l in doc.lines[k:k + PARTY_SIGNATURE_REACH] if _NIP.search(l)]
            nip = _party_nip_in_turn(doc, k) or (normalize_nip(below[0]) if below else None)
            if nip and len(nip) != 18:
                hits = [(i, m) for i, line in enumerate(doc.lines) if i > k for m in [_NIP.search(line)] if m]
                nip = _whole_nip_of(doc, name, hits) or nip
    return " ".join(name.split()), nip


_FIELD_ON_LINE = re.compile(r"^\W*(?P<label>[A-Za-z]{3,6})[\s.,'\-]*:\s*(?P<value>\S.*)$")
_VALUE_ALONE = re.compile(r"^\s*:\s*(?P<value>\S.*)$")


def _misread_name_field(doc: Doc, j: int) -> Optional[re.Match]:
    """The party's "Nama : X" on line j when a scan lost or changed a letter of its label at the
    page's edge ("ama - : X", or "ama -" over ": X" when the label column is read apart): a
    label one letter off a name label. Its "value" group is the name."""
    labels = [w.lower() for w in lexicon()["parties"]["name_labels"]]

    def near(label: str) -> bool:
        label = label.lower()
        return label not in labels and any(one_edit(label, w) for w in labels)

    line = doc.lines[j]
    m = _FIELD_ON_LINE.match(line)
    if m and near(m.group("label")):
        return m
    m = _VALUE_ALONE.match(line)
    if m and j > 0 and doc.pages[j - 1] == doc.pages[j]:
        above = re.sub(r"[^A-Za-z]", "", doc.lines[j - 1])
        if 3 <= len(above) <= 6 and near(above):
            return m
    return None


def _party_nip_in_turn(doc: Doc, k: int) -> Optional[str]:
    """The NIP of the party whose name is signed on line k, when a scan read the two parties'
    blocks, side by side, as lines of their own: their names one under the other, then both
    NIPs ("NOVI SYAM" / "RINA DEWI" / "NIP 1975..." / "Pembina" / "NIP 1980..."). The blocks are
    printed alike (name, rank, NIP) but at different heights, so the NIP right under a name
    may be the other block's; the order the names come in is the order their NIPs come in.
    None when the signatures are not so read (one name, or as many NIPs as names not found)."""
    v = _vocab()
    stated = [_letters(v.party_stop_re.sub("", f.group("value"))) for line in doc.lines[:k]
              for f in [v.party_field_re.match(line)] if f]
    stated = [key for key in stated if key]

    def signs(j: int) -> bool:
        line = doc.lines[j]
        if doc.pages[j] != doc.pages[k] or not _is_name_line(line):
            return False
        key = _letters(line)
        return any(fuzz.ratio(key, s) >= SIGNED_NAME_SIMILARITY or (len(s) >= 6 and s in key) for s in stated)

    if not signs(k):
        return None
    first = last = k
    while first - 1 >= 0 and signs(first - 1):
        first -= 1
    while last + 1 < len(doc.lines) and signs(last + 1):
        last += 1
    names = last - first + 1
    if names < 2:
        return None
    nips = []
    for j in range(last + 1, min(len(doc.lines), last + 1 + PARTY_SIGNATURE_REACH + names)):
        if doc.pages[j] != doc.pages[k]:
            break
        found = _NIP.findall(doc.lines[j])
        if len(found) > 1:
            return None  # two NIPs on one line: the scan kept the row whole, its order is left to right
        if found:
            nips.append(doc.lines[j])
    if len(nips) != names:
        return None
    return normalize_nip(nips[k - first])


def _signed_as(doc: Doc, name: str, after: int) -> Optional[tuple[int, Optional[str]]]:
    """(line, name as printed there) of the party's name among the signatures after line
    `after`: a line alone that names the same person ("Ir. EDDY I.M. NASUTION" for "Ir. EDDY
    NASUTION") gives the name as signed; a line that holds both parties' names side by side
    gives only its place (None as the name)."""
    key = _letters(name)
    words = set(re.findall(r"[a-z]{2,}", name.lower()))
    for k in range(after + 1, len(doc.lines)):
        line = doc.lines[k]
        if not key or not words:
            return None
        if _is_name_line(line) and len(line) <= 1.5 * len(name) + 4 \
                and words <= set(re.findall(r"[a-z]{2,}", line.lower())) \
                and fuzz.ratio(key, _letters(line)) >= SIGNED_NAME_SIMILARITY:
            return k, " ".join(line.strip(" ()_").split())
        if key in _letters(line):
            return k, None
        # a signature or a stamp over the printed name garbles a letter or two of it (a word
        # then no longer matches): the place is the party's, the name stays the statement's.
        # Passing it by took the party's next signature (an annex page's), whose NIP the pen
        # may have crossed instead
        if _is_name_line(line) and len(line) <= 1.5 * len(name) + 4 \
                and fuzz.ratio(key, _letters(line)) >= SIGNED_NAME_GARBLED:
            return k, None
    return None


def read_signatory(doc: Doc, after_line: Optional[int]) -> tuple[Optional[str], Optional[str]]:
    """(name, NIP) of the first signature at or after line `after_line` (the decree date's),
    else of the first one. A performance agreement is signed by two parties: the
    signatory is the first party."""
    party = first_party(doc)
    if party is not None:
        name, nip = party
        if nip is None:
            nip = _read_signature(doc, after_line)[1]
        return name, nip
    return _read_signature(doc, after_line)


def _read_signature(doc: Doc, after_line: Optional[int]) -> tuple[Optional[str], Optional[str]]:
    hits = [(i, m) for i, line in enumerate(doc.lines) for m in [_NIP.search(line)] if m]
    if not hits:
        # the label smudged ("NI P", "MIP"): the 18 digits of a NIP read whole still say what they are
        hits = [(i, m) for i, line in enumerate(doc.lines) for m in [_bare_nip(line)] if m]
    if not hits:
        return _titled_name_under(doc, after_line), None
    chosen = next((h for h in hits if after_line is not None and h[0] >= after_line), hits[0])
    nip = normalize_nip(chosen[1].group(0))
    name = _name_above(doc, *chosen)
    if name and nip and len(nip) != 18:
        nip = _whole_nip_of(doc, name, hits) or nip
    if name is None and nip:
        # a stamp or an underline hid the name: the same head signs the decree's other pages
        # (its lampiran) over the same NIP
        name = next((n for h in hits if h is not chosen and normalize_nip(h[1].group(0)) == nip
                     for n in [_name_above(doc, *h)] if n), None)
    elif name and nip and len(nip) == 18:
        name = _fuller_reading(doc, name, nip, hits, chosen)
    return name, nip


FULLER_READING_SIMILARITY = 90  # the short reading of a name inside the whole one (rapidfuzz partial_ratio)
FULLER_READING_MAX_EXTRA = 8  # letters a pen or a stamp takes off a name: a title and a first name at most


def _fuller_reading(doc: Doc, name: str, nip: str, hits, chosen) -> str:
    """The signer's name as read where the same NIP signs again (the decree's lampiran), when
    that reading holds this one and more letters: a pen or a stamp over the signature takes
    letters off the name ("(M.Suarjana, M.P." for "H. Andi Suarjana, M.P."), it adds none. A
    reading alike but not holding this one (another name, or letters changed) leaves it."""
    key = _letters(name)
    best = name
    for h in hits:
        if h is chosen or normalize_nip(h[1].group(0)) != nip:
            continue
        other = _name_above(doc, *h)
        if not other:
            continue
        okey = _letters(other)
        if len(_letters(best)) < len(okey) <= len(key) + FULLER_READING_MAX_EXTRA \
                and fuzz.partial_ratio(key, okey) >= FULLER_READING_SIMILARITY:
            best = other
    return best


def _whole_nip_of(doc: Doc, name: str, hits) -> Optional[str]:
    """The NIP of 18 digits read under the same signer's name elsewhere (the decree's annex
    signed again): a pen or a stamp over one signature leaves its NIP short or long."""
    key = _letters(name)
    for i, m in hits:
        nip = normalize_nip(m.group(0))
        other = _name_above(doc, i, m)
        if nip and len(nip) == 18 and other and fuzz.ratio(key, _letters(other)) >= SIGNED_NAME_GARBLED:
            return nip
    return None


def _name_above(doc: Doc, i: int, m: re.Match) -> Optional[str]:
    """The signer's name over the NIP `m` read on line i (or before it on that line)."""
    name = None
    before = doc.lines[i][:m.start()].strip()
    if m.re is _BARE_NIP and sum(c.isalpha() for c in before) < 6:
        before = ""  # what is left of a smudged label ("NI P"), not a name
    if before and _is_name_line(before):
        name = before
    else:
        for j in range(i - 1, max(-1, i - 1 - SIGNATURE_LOOKBACK), -1):
            line = doc.lines[j]
            if _NIP.search(line):
                break
            split = _name_before_split_degrees(doc, j, i)
            if split:
                name = split
                break
            # (one short degree wrapped alone, "M.T.", holds too few letters for a name line)
            wrapped = _wrapped_before(doc.lines[j - 1]) if j > 0 and _only_degrees(line) else None
            if _is_name_line(line) or wrapped:
                name = line
                # a long name wraps its degrees onto a line of their own: "H. AGUS SALIM," / "S.IP., M.Si."
                if wrapped:
                    name = wrapped + " " + line
                # a long name wraps before its last word: "Hj. GUSTI ANAK AGUNG" / "KURNIAWAN, M.P.",
                # both in capitals, right under the position that closes with a comma
                elif j > 1 and _capital_name(doc.lines[j - 1]) and _capital_name(line.split(",")[0]) \
                        and doc.lines[j - 2].rstrip().endswith(",") and _is_name_line(doc.lines[j - 1]):
                    name = doc.lines[j - 1].strip() + " " + line
                break
    if not name:
        return None
    name = " ".join(_SCAN_MARKS_AFTER.sub("", name).strip(" ()_").split())
    # a degree's comma read as a second stop before the next degree: "M.Ec.Dev.. M.Pd."
    name = re.sub(r"(?<=[A-Za-z])\.\.(?= [A-Za-z])", ".,", name)
    # a title's stop read as a comma ("Ir, H. Adi"): the titles before the name keep their stops
    return _TITLES_OPENING.sub(lambda t: t.group(0).replace(",", "."), name)


_TITLES_OPENING = re.compile(r"^(?:(?:Dr|Drs|Dra|Ir|H|Hj|Prof|dr|drg)[.,]\s+)+")


def _wrapped_before(prev: str) -> Optional[str]:
    """The name on line `prev` closed with a comma, when the degrees on the line under it are the
    rest of it: it ends with a comma ("H. AGUS SALIM,"), or with a degree of its own whose comma a
    scan read as a stop or lost ("ADI KUSUMA, M.Kom.." / "ADI KUSUMA, M.Kom."). None: no name
    there."""
    prev = prev.rstrip()
    if prev.endswith(","):
        return prev if _is_name_line(prev.rstrip(",")) else None
    if not prev.endswith(".") or "," not in prev:
        return None
    head, _, degrees = prev.rpartition(",")
    if not _only_degrees(degrees) or not _is_name_line(head):
        return None
    return (prev[:-1] if prev.endswith("..") else prev) + ","


def _name_before_split_degrees(doc: Doc, j: int, i: int) -> Optional[str]:
    """The name on line j right over the NIP on line i, when it closes with a comma and its
    degrees come as a line of their own under the NIP: a scan reads an underlined name's last
    word apart, lower, by the rule under it ("Adi Nugroho," / "NIP. ..." / "M.Si."). The comma
    alone would make it a position line ("KEPALA DINAS X,"), which names no one; a position
    or rank line holds its words."""
    line = doc.lines[j].rstrip()
    if j != i - 1 or not line.endswith(",") or i + 1 >= len(doc.lines) or doc.pages[i + 1] != doc.pages[i]:
        return None
    after = doc.lines[i + 1]
    if not _only_degrees(after) or not _is_name_line(line.rstrip(",")):
        return None
    return f"{line} {after.strip()}"


def _capital_name(text: str) -> bool:
    """Words of a name in capitals, titles before them aside ("Hj. GUSTI ANAK AGUNG")."""
    words = [w for w in text.split() if not re.fullmatch(r"(?:[A-Za-z]{1,4}\.)+", w)]
    return bool(words) and all(w.isupper() and w.isalpha() for w in words)


_SCAN_MARKS_AFTER = re.compile(r"(?:\s+[-–—_~=]+)+\s*$")  # "ADI SANTOSO, M.Si - -": a stamp's or rule's crumbs


# a name set with a title before it or a degree after it: "Dr. H. NYOMAN SANTOSO, CA", "IHWAN, M.Si."
_TITLED_NAME = re.compile(r"^(?:(?:Dr|Drs|Dra|Ir|H|Hj|Prof|dr|drg)\.\s*)+[A-Z]|^[A-Z][A-Za-z.' -]+,\s*(?:[A-Z][A-Za-z]{0,4}\.?)")
SIGNATURE_NAME_REACH = 8  # lines under the signature's date searched for a name when no NIP is read


def _titled_name_under(doc: Doc, date_line: Optional[int]) -> Optional[str]:
    """The signer's name when a stamp or the signature hid the NIP (no "NIP" read anywhere):
    the first line under the signature's date that is a name set with a title or degree."""
    if date_line is None:
        return None
    for line in doc.lines[date_line + 1:date_line + 1 + SIGNATURE_NAME_REACH]:
        if _is_name_line(line) and _TITLED_NAME.match(line.strip(" ()_")):
            return " ".join(line.strip(" ()_").split())
    return None


_DEGREE = re.compile(r"^(?:[A-Za-z]{1,5}\.){1,4}[A-Za-z]{0,4}\.?$|^[A-Z]{2,4}$")


def _only_degrees(line: str) -> bool:
    """A line of academic degrees only ("S.IP., CA", "M.Si., M.P."), no name."""
    parts = [p for p in re.split(r"[,\s]+", line.strip()) if p]
    return bool(parts) and all(_DEGREE.match(p) for p in parts) and any("." in p for p in parts)
