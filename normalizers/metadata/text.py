"""What the field readers share: line clean-up, the document as one list of lines,
and its zones (the cover, the decree heading, the IKU titles)."""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from rapidfuzz.distance import Levenshtein

from iku.normalizers.metadata.vocabulary import lexicon, words_pattern
from iku.normalizers.regions import load_regions

COVER_MAX_LINES = 15
COVER_MAX_LINE_CHARS = 100
HEADING_MAX_LINES = 25
TITLE_BLOCK_LINES = 4  # a title line and the lines under it that may hold its years
DESPACE_UNIT_MIN_CHARS = 5  # unit-type words this long are heading words (see _vocab)


@lru_cache(maxsize=1)
def _vocab() -> "_Vocab":
    lex = lexicon()
    despace = {w.lower() for w in lex["despace_words"]["words"]}
    for r in load_regions():
        despace.update(t for t in re.findall(r"[a-z0-9]+", r.inti.lower()) if len(t) > 1)
    # the words that open a unit's name ("LEM BAGA LAYANAN ...": a cover's capitals cut by a scan);
    # short acronyms ("BKD", "PP") aside, which would cut letter-spaced runs into acronyms
    units = lex["unit_types"]
    despace.update(t for u in units["named"] + units["standalone"]
                   for t in re.findall(r"[a-z]+", u.lower()) if len(t) >= DESPACE_UNIT_MIN_CHARS)
    return _Vocab(
        heading_re=re.compile(
            r"^\W*(?:" + "|".join(re.escape(o) for o in lex["decree_headings"]["openings"]) + r")\b"),
        body_re=re.compile(words_pattern(lex["decree_headings"]["body_markers"]), re.I),
        title_re=re.compile(words_pattern(lex["title_markers"]["words"]), re.I),
        cover_stop_re=re.compile(
            r"^\W*(?:" + "|".join(re.escape(o) for o in lex["cover_stop_markers"]["openings"])
            + r")(?![A-Za-z])"),
        despace_words=frozenset(despace),
    )


@dataclass(frozen=True)
class _Vocab:
    heading_re: re.Pattern
    body_re: re.Pattern
    title_re: re.Pattern
    cover_stop_re: re.Pattern
    despace_words: frozenset


# --------------------------------------------------------------------------- text clean-up

_HTML_TAG = re.compile(r"<[^>]{1,200}>")
_SPACED_RUN = re.compile(r"(?<!\S)(?:[A-Za-z0-9] ){3,}[A-Za-z0-9](?!\S)")


def despace(text: str) -> str:
    """Rejoin letter-spaced words: "P R O V I N S I J A W A B A R A T" -> "PROVINSI JAWA BARAT"."""
    def fix(m: re.Match) -> str:
        letters = m.group().replace(" ", "")
        if sum(c.isalpha() for c in letters) < 3:
            return m.group()
        return _segment(letters)
    return _SPACED_RUN.sub(fix, text)


def _segment(letters: str) -> str:
    """Split a run of letters into known words (fewest pieces; unknown letters cost more)."""
    words = _vocab().despace_words
    low = letters.lower()
    n = len(low)
    inf = float("inf")
    best: list[tuple[float, int]] = [(0.0, 0)] + [(inf, 0)] * n  # (cost, start of last piece)
    for end in range(1, n + 1):
        for start in range(max(0, end - 25), end):
            cost = best[start][0]
            if cost == inf:
                continue
            piece = low[start:end]
            if piece in words or piece.isdigit():
                step = 1.0
            elif end - start == 1:
                step = 3.0  # an unknown letter
            else:
                continue
            if cost + step < best[end][0]:
                best[end] = (cost + step, start)
    pieces, end = [], n
    while end > 0:
        start = best[end][1]
        pieces.append(letters[start:end])
        end = start
    pieces.reverse()
    # unknown letters next to each other stay one word ("XYZ", not "X Y Z")
    out: list[tuple[str, bool]] = []  # (piece, is unknown)
    for p in pieces:
        unknown = len(p) == 1 and p.lower() not in words and not p.isdigit()
        if unknown and out and out[-1][1]:
            out[-1] = (out[-1][0] + p, True)
        else:
            out.append((p, unknown))
    return " ".join(p for p, _ in out)


# a quote mark a scan reads between a word and a figure, where print leaves a space (a speck in
# the gap: "TAHUN'2024's.d.2026"); between two letters it is the word's own ("Jum'at")
_QUOTE_AT_FIGURE = re.compile(r"(?<=[A-Za-z0-9.])['`\u2018\u2019](?=\d)|(?<=\d)['`\u2018\u2019](?=[A-Za-z])")


# a speck in the gap between two words, read as a middle dot ("PERTANIAN·DAN", "PIHAK·KEDUA"): print
# sets none between letters (between digits it stays: a NIP's "1·002" is read by its digits)
_DOT_BETWEEN_WORDS = re.compile(r"(?<=[A-Za-z])[·•](?=[A-Za-z])")


def clean_line(line: str) -> str:
    line = unicodedata.normalize("NFKC", line or "")
    line = _HTML_TAG.sub(" ", line)
    line = _QUOTE_AT_FIGURE.sub(" ", line)
    line = _DOT_BETWEEN_WORDS.sub(" ", line)
    line = line.replace("**", " ").replace("__", " ")
    line = re.sub(r"^\s*#{1,6}\s+", "", line)
    line = despace(line)
    return rejoin_split_capitals(" ".join(line.split()))


_CAPS_PIECE = re.compile(r"[A-Z]+\.?")
_CAPS_LAST = re.compile(r"([A-Z]+)([.,:;]?)")
SPLIT_CAPITALS_MAX_PIECES = 4


def rejoin_split_capitals(line: str) -> str:
    """A scan of a heading in spaced capitals cuts its words anywhere, a stray point now
    and then: "NOM OR :", "KEPU. TU SAN", "PE M ERINTAH K OTA". Pieces in capitals that
    together spell a heading word (or a region name's word), one of them a cut-off piece
    of three letters or fewer that is no word, are that word ("PALANGKA RAYA", two words
    of a name, stays); its last piece keeps the punctuation after it."""
    words = _vocab().despace_words
    toks = line.split(" ")
    out: list[str] = []
    i = 0
    while i < len(toks):
        for j in range(min(len(toks), i + SPLIT_CAPITALS_MAX_PIECES), i + 1, -1):
            inner, last = toks[i:j - 1], _CAPS_LAST.fullmatch(toks[j - 1])
            if last is None or not all(_CAPS_PIECE.fullmatch(t) for t in inner):
                continue
            pieces = [t.rstrip(".") for t in inner] + [last.group(1)]
            joined = "".join(pieces)
            # (or two longer pieces neither of which is a word: "KEPU. TUSAN"; two words of a
            # name, "PALANGKA RAYA", stay as they are)
            if joined.lower() in words and (any(len(p) <= 3 and p.lower() not in words for p in pieces)
                                            or len(pieces) == 2 and not any(p.lower() in words for p in pieces)):
                out.append(joined + last.group(2))
                i = j
                break
        else:
            out.append(toks[i])
            i += 1
    return " ".join(out)


# a label alone on its line ("Nama", "Jabatan", "Pada Tanggal"): a scan reads a form's label
# column apart from its values, so the ": value" line under it is the label's
_LONE_LABEL = re.compile(r"^[A-Za-z][A-Za-z.]*(?: [A-Za-z][A-Za-z.]*){0,2}$")


@dataclass
class Doc:
    """A document's text: the cleaned lines of its pages, then those of its tables' context."""
    lines: list[str]  # cleaned, non-empty lines of all pages in order
    pages: list[int]  # page index of each line (-1: tables context)
    text: str = ""  # lines joined with "\n"
    starts: list[int] = field(default_factory=list)  # offset of each line in text

    @classmethod
    def build(cls, pages: list[str], context: Optional[list[str]]) -> "Doc":
        lines, page_of = [], []
        for p, page in enumerate(pages or []):
            for raw in (page or "").splitlines():
                cleaned = clean_line(raw)
                if cleaned and cleaned.startswith(":") and lines and page_of[-1] == p \
                        and _LONE_LABEL.match(lines[-1]):
                    lines[-1] = f"{lines[-1]} {cleaned}"  # "Nama" / ": X" read apart: "Nama : X"
                elif cleaned:
                    lines.append(cleaned)
                    page_of.append(p)
        for raw in context or []:
            for part in (raw or "").splitlines():
                cleaned = clean_line(part)
                if cleaned:
                    lines.append(cleaned)
                    page_of.append(-1)
        doc = cls(lines=lines, pages=page_of)
        offset = 0
        for line in lines:
            doc.starts.append(offset)
            offset += len(line) + 1
        doc.text = "\n".join(lines)
        return doc

    def line_at(self, pos: int) -> int:
        """Index of the line holding character `pos` of `text`."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)


# --------------------------------------------------------------------------- zones


def cover_lines(doc: Doc) -> range:
    """The title block at the start of the document (cover page / first heading)."""
    v = _vocab()
    end = 0
    for i, line in enumerate(doc.lines[:COVER_MAX_LINES]):
        if doc.pages[i] < 0 or v.cover_stop_re.match(line) or len(line) > COVER_MAX_LINE_CHARS:
            break
        end = i + 1
    return range(0, end)


def heading_zones(doc: Doc) -> list[range]:
    """Line ranges of decree headings: from "KEPUTUSAN ..." to the start of the body."""
    v = _vocab()
    zones = []
    i = 0
    while i < len(doc.lines):
        if doc.pages[i] >= 0 and (v.heading_re.match(doc.lines[i]) or _heading_misread(doc.lines[i])):
            j = i + 1
            while j < len(doc.lines) and j < i + HEADING_MAX_LINES and not v.body_re.search(doc.lines[j]):
                j += 1
            zones.append(range(i, j))
            i = j
        else:
            i += 1
    return zones


HEADING_WORD_MIN_CHARS = 8  # a one-word heading opening this long is known with a letter lost or changed


@lru_cache(maxsize=1)
def _long_openings() -> tuple:
    return tuple(o for o in lexicon()["decree_headings"]["openings"]
                 if " " not in o and len(o) >= HEADING_WORD_MIN_CHARS)


def _heading_misread(line: str) -> bool:
    """A decree heading whose opening word a scan garbled, in capitals: a letter lost and the
    word cut there ("KEPU USAN KEPALA DINAS ...") or one letter changed ("KEPUTUSAM ...")."""
    toks = line.split()
    if not toks or not is_upperish(line):
        return False
    for n in (1, 2):
        word = "".join(toks[:n])
        if not word.isalpha() or not word.isupper():
            break
        if any(word != o and one_edit(word, o) for o in _long_openings()):
            return True
    return False


def one_edit(a: str, b: str) -> bool:
    """a and b differ by at most one letter inserted, lost or changed."""
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


def is_upperish(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


RUNNING_MIN_PAGES = 3


def running_lines(doc: Doc) -> list[int]:
    """Lines printed on most pages (running heads and feet, with their page numbers taken
    out): where a report or a plan chapter names itself ("Rencana Pembangunan Jangka
    Menengah Daerah" under every page)."""
    pages = {p for p in doc.pages if p >= 0}
    if len(pages) < RUNNING_MIN_PAGES:
        return []

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.lower())

    seen: dict[str, set[int]] = {}
    for line, p in zip(doc.lines, doc.pages):
        if p >= 0:
            seen.setdefault(key(line), set()).add(p)
    need = max(RUNNING_MIN_PAGES, len(pages) // 2)
    common = {k for k, ps in seen.items() if len(ps) >= need}
    return [i for i, line in enumerate(doc.lines) if doc.pages[i] >= 0 and key(line) in common]


def title_lines(doc: Doc) -> list[int]:
    """Lines of IKU titles ("INDIKATOR KINERJA UTAMA (IKU) DINAS ... TAHUN 2017")."""
    v = _vocab()
    return [i for i, line in enumerate(doc.lines) if v.title_re.search(line) and is_upperish(line)]
