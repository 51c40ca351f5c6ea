"""Document fields of an IKU decree (see shared/gold/FORMAT.md, "Document fields").

``extract_metadata(pages)`` reads the plain text of each page (pdfplumber's
``page.extract_text()``: lines separated by "\\n", pages in reading order) and
returns agency, region, region_level, province, period_start, period_end,
decree_number, decree_date, signatory_name and signatory_nip. A field that the
text does not state is None; odd text never raises.

Where each field comes from, best source first:

- agency: the decree heading ("KEPUTUSAN KEPALA DINAS SOSIAL KABUPATEN X"), the
  cover / IKU title, a label ("Instansi : ..."), the signature's position line
  ("KEPALA DINAS SOSIAL PROVINSI X"), else the unit named most often. The unit
  is written in title case and followed by the official region name, so
  "Kab.Kutai Kartanegara" becomes "Kabupaten Kutai Kartanegara". A heading
  that names no region takes it from the same unit elsewhere in the text, or
  from the letterhead ("PEMERINTAH KOTA X").
- period: the years on the cover, else in an IKU title ("... TAHUN 2017 - 2022");
  years inside legal citations ("Nomor 27 Tahun 1959", "RPJMD ... Tahun ...")
  never count.
- decree_number: "NOMOR : ..." in the decree heading, spaces around "/" and "-"
  removed; None when left blank.
- decree_date: "Ditetapkan di ... Pada tanggal ...", else the "Place, date"
  line of the signature; "YYYY-MM-DD", or "YYYY-MM" without a day.
- signatory: the first signature block after the decree text: the name line
  above "NIP" (rank and position lines skipped) and the NIP's 18 digits.

Vocabulary (unit types, stop words, months, rank lines ...) is in
``data/metadata-lexicon.json``; regions are resolved by ``normalizers.regions``.
"""
from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterable, Optional

from rapidfuzz.distance import Levenshtein

from normalizers.regions import (
    DATA_DIR, Region, RegionMatch, find_region, find_regions, load_regions, prefix_words,
)

LEXICON_FILE = DATA_DIR / "metadata-lexicon.json"

FIELDS = (
    "agency", "region", "region_level", "province", "period_start", "period_end",
    "decree_number", "decree_date", "signatory_name", "signatory_nip",
)

MAX_UNIT_WORDS = 12
COVER_MAX_LINES = 15
COVER_MAX_LINE_CHARS = 100
HEADING_MAX_LINES = 25
TITLE_BLOCK_LINES = 4  # a title line and the lines under it that may hold its years
SIGNATURE_LOOKBACK = 6  # lines above "NIP" searched for the name
MIN_YEAR, MAX_YEAR, MAX_PERIOD_YEARS = 1990, 2099, 25


# --------------------------------------------------------------------------- lexicon


@lru_cache(maxsize=1)
def lexicon() -> dict:
    with LEXICON_FILE.open(encoding="utf-8") as fh:
        return json.load(fh)


def _alternation(words: Iterable[str]) -> str:
    """Alternation of phrases, longest first, with flexible spaces between their words."""
    alts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in alts)


def _words_pattern(words: Iterable[str]) -> str:
    """`_alternation` on word boundaries."""
    return rf"(?<![A-Za-z0-9])(?:{_alternation(words)})(?![A-Za-z0-9])"


@lru_cache(maxsize=1)
def _vocab() -> "_Vocab":
    lex = lexicon()
    units = lex["unit_types"]
    officials = lex["officials"]["map"]
    months = {k.strip().lower(): v for k, v in lex["months"]["map"].items()}
    despace = {w.lower() for w in lex["despace_words"]["words"]}
    for r in load_regions():
        despace.update(t for t in re.findall(r"[a-z0-9]+", r.inti.lower()) if len(t) > 1)
    return _Vocab(
        unit_re=re.compile(_words_pattern(units["named"] + units["standalone"]), re.I),
        standalone={w.lower() for w in units["standalone"]},
        connectors={w.lower() for w in lex["unit_connectors"]["words"]},
        stopwords={w.lower() for w in lex["unit_stopwords"]["words"]},
        acronyms={w.upper() for w in lex["acronyms"]["words"]},
        label_re=re.compile(_words_pattern(lex["title_labels"]["labels"]) + r"\s*:\s*$", re.I),
        official_re=re.compile(
            r"^\W*(?:SALINAN\s+)?(?:SURAT\s+)?KEPUTUSAN\s+(?P<official>"
            + _alternation(officials) + r")(?![A-Za-z0-9])", re.I),
        officials={" ".join(k.lower().split()): v for k, v in officials.items()},
        heading_re=re.compile(
            r"^\W*(?:" + "|".join(re.escape(o) for o in lex["decree_headings"]["openings"]) + r")\b"),
        body_re=re.compile(_words_pattern(lex["decree_headings"]["body_markers"]), re.I),
        title_re=re.compile(_words_pattern(lex["title_markers"]["words"]), re.I),
        cover_stop_re=re.compile(
            r"^\W*(?:" + "|".join(re.escape(o) for o in lex["cover_stop_markers"]["openings"])
            + r")(?![A-Za-z])"),
        period_kw=_words_pattern(lex["period"]["keywords"]),
        range_sep="|".join(
            r"\s*" + r"\s*".join(re.escape(c) for c in s.split()) + r"\s*"
            for s in sorted(lex["period"]["range_separators"], key=len, reverse=True)),
        citation_re=re.compile(_words_pattern(lex["period"]["citation_words"]), re.I),
        plan_re=re.compile(_words_pattern(lex["period"]["other_plan_words"]), re.I),
        months=months,
        rank_re=re.compile(
            r"^\W*(?:" + "|".join(re.escape(w.strip()) for w in lex["signature"]["rank_openings"])
            + r")(?![A-Za-z])", re.I),
        position_re=re.compile(_words_pattern(lex["signature"]["position_words"]), re.I),
        noise_lines={w.lower() for w in lex["signature"]["noise_lines"]},
        region_prefix_words=prefix_words(),
        despace_words=frozenset(despace),
    )


@dataclass(frozen=True)
class _Vocab:
    unit_re: re.Pattern
    standalone: set
    connectors: set
    stopwords: set
    acronyms: set
    label_re: re.Pattern
    official_re: re.Pattern
    officials: dict
    heading_re: re.Pattern
    body_re: re.Pattern
    title_re: re.Pattern
    cover_stop_re: re.Pattern
    period_kw: str
    range_sep: str
    citation_re: re.Pattern
    plan_re: re.Pattern
    months: dict
    rank_re: re.Pattern
    position_re: re.Pattern
    noise_lines: set
    region_prefix_words: set
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


def clean_line(line: str) -> str:
    line = unicodedata.normalize("NFKC", line or "")
    line = _HTML_TAG.sub(" ", line)
    line = line.replace("**", " ").replace("__", " ")
    line = re.sub(r"^\s*#{1,6}\s+", "", line)
    line = despace(line)
    return " ".join(line.split())


@dataclass
class _Doc:
    lines: list[str]  # cleaned, non-empty lines of all pages in order
    pages: list[int]  # page index of each line (-1: tables context)
    text: str = ""  # lines joined with "\n"
    starts: list[int] = field(default_factory=list)  # offset of each line in text

    @classmethod
    def build(cls, pages: list[str], context: Optional[list[str]]) -> "_Doc":
        lines, page_of = [], []
        for p, page in enumerate(pages or []):
            for raw in (page or "").splitlines():
                cleaned = clean_line(raw)
                if cleaned:
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


def _cover_lines(doc: _Doc) -> range:
    """The title block at the start of the document (cover page / first heading)."""
    v = _vocab()
    end = 0
    for i, line in enumerate(doc.lines[:COVER_MAX_LINES]):
        if doc.pages[i] < 0 or v.cover_stop_re.match(line) or len(line) > COVER_MAX_LINE_CHARS:
            break
        end = i + 1
    return range(0, end)


def _heading_zones(doc: _Doc) -> list[range]:
    """Line ranges of decree headings: from "KEPUTUSAN ..." to the start of the body."""
    v = _vocab()
    zones = []
    i = 0
    while i < len(doc.lines):
        if doc.pages[i] >= 0 and v.heading_re.match(doc.lines[i]):
            j = i + 1
            while j < len(doc.lines) and j < i + HEADING_MAX_LINES and not v.body_re.search(doc.lines[j]):
                j += 1
            zones.append(range(i, j))
            i = j
        else:
            i += 1
    return zones


def _is_upperish(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _title_lines(doc: _Doc) -> list[int]:
    """Lines of IKU titles ("INDIKATOR KINERJA UTAMA (IKU) DINAS ... TAHUN 2017")."""
    v = _vocab()
    return [i for i, line in enumerate(doc.lines) if v.title_re.search(line) and _is_upperish(line)]


# --------------------------------------------------------------------------- agency


@dataclass
class _Candidate:
    words: list[str]
    region: Optional[RegionMatch]
    priority: int  # 1 heading, 2 cover/title, 3 label, 4 signature position, 5 elsewhere
    pos: int

    @property
    def key(self) -> str:
        return " ".join(w.lower() for w in self.words)


def _title_case(words: list[str]) -> str:
    """ "DINAS SOSIAL DAN PEMBERDAYAAN MASYARAKAT" -> "Dinas Sosial dan Pemberdayaan Masyarakat";
    acronyms stay in capitals ("RSUD", "DPRD"), mixed-case words stay as written."""
    v = _vocab()
    out = []
    for n, w in enumerate(words):
        core = w.rstrip(",")
        trail = w[len(core):]
        if core.upper() in v.acronyms or (core.isupper() and len(core) > 1 and not re.search(r"[AEIOU]", core)):
            core = core.upper()
        elif n > 0 and core.lower() in v.connectors:
            core = core.lower()
        elif core.isupper() or core.islower():
            core = re.sub(r"[A-Za-z]+", lambda m: m.group().capitalize(), core.lower())
        out.append(core + trail)
    return " ".join(out)


def _unit_at(doc: _Doc, start: int, anchor_end: int,
             first_words: Optional[list[str]] = None) -> Optional[tuple[list[str], Optional[RegionMatch]]]:
    """Read a unit name from `start` (its type word ends at `anchor_end`): its words and the
    region that closes it, if any. `first_words` replace the text start..anchor_end
    ("CAMAT" -> ["Kecamatan"])."""
    v = _vocab()
    stretch = doc.text[start:start + 320].replace("\n", " ")
    regions = {m.start: m for m in find_regions(stretch)}
    words = list(first_words) if first_words else [doc.text[start:anchor_end]]
    region = None
    # "DINAS PEMBERDAYAAN PEREMPUAN, PERLINDUNGAN ANAK ... KOTA BOGOR": a comma ends the
    # name unless the words after it lead to the region
    comma_cut: Optional[int] = None
    line_end = doc.text.find("\n", start)
    tokens = list(re.finditer(r"\S+", stretch))
    t = 0
    while t < len(tokens) and tokens[t].start() < anchor_end - start:
        t += 1
    while t < len(tokens) and len(words) <= MAX_UNIT_WORDS:
        tok = tokens[t]
        abs_pos = start + tok.start()
        if tok.start() in regions:
            region = regions[tok.start()]
            break
        if line_end != -1 and abs_pos > line_end:
            # the name goes on to the next line only if that line is not an address or
            # date, nor running text under a name set in capitals (a title, then
            # "Dalam rangka mewujudkan ...")
            nxt = doc.lines[doc.line_at(abs_pos)]
            if re.search(r"\d", nxt) or (_is_upperish(" ".join(words)) and not _is_upperish(nxt)):
                break
            line_end = doc.text.find("\n", abs_pos)
        word = tok.group()
        if word.startswith("("):
            # "(BAPPEDA)" is skipped when the region follows it
            close = t
            while close < len(tokens) and ")" not in tokens[close].group():
                close += 1
            if close + 1 < len(tokens) and tokens[close + 1].start() in regions:
                t = close + 1
                continue
            break
        core = word.strip(",;:.")
        if not core or (comma_cut is not None and v.unit_re.match(stretch, tok.start())):
            break  # a list of units: "Dinas Sosial, Dinas Kesehatan ..."
        low = core.lower()
        # keep the dot of an abbreviation ("dr."), not a full stop ("Sosial.")
        written = word.rstrip(",;:")
        if written.endswith(".") and len(core) > 3:
            written = written.rstrip(".")
        if word.endswith(","):
            written += ","
        if low in v.connectors or word.lower() in v.connectors:
            words.append(written)
        elif core[0].isupper() and core[0].isalpha():
            if low in v.stopwords or low in v.region_prefix_words:
                break
            words.append(written)
        else:
            break
        if word[-1] in ";:":
            break
        if word.endswith(",") and comma_cut is None:
            comma_cut = len(words)
        t += 1
    if region is None and comma_cut is not None:
        words = words[:comma_cut]
    if words:
        words[-1] = words[-1].rstrip(",")
    while words and words[-1].lower() in v.connectors:
        words.pop()
    if not words or len(words) > MAX_UNIT_WORDS:
        return None
    type_word = " ".join(words[0].split()).lower()
    if len(words) < 2 and type_word not in v.standalone:
        return None
    return words, region


def _agency_candidates(doc: _Doc) -> list[_Candidate]:
    v = _vocab()
    heading_lines = {i for z in _heading_zones(doc)[:1] for i in z}
    cover = set(_cover_lines(doc))
    titled = {j for i in _title_lines(doc) for j in range(i, i + TITLE_BLOCK_LINES)}
    found = []
    for m in v.unit_re.finditer(doc.text):
        if not m.group()[0].isupper():
            continue  # "berat badan": not a unit
        li = doc.line_at(m.start())
        before = doc.text[doc.starts[li]:m.start()]
        if re.search(r"(?:^|\W)(?:NOMOR|No)\b", before, re.I) or re.search(r"[/\d-]\s*$", before):
            continue  # part of a number: "NOMOR : 460 / 16 - Dinsos"
        unit = _unit_at(doc, m.start(), m.end())
        if unit is None:
            continue
        words, region = unit
        if li in heading_lines:
            prio = 1
        elif li in cover or (li in titled and doc.pages[li] >= 0):
            prio = 2
        elif v.label_re.search(before):
            prio = 3
        elif re.search(r"(?:^|\s)(?:Plt\.?\s+|Plh\.?\s+)?KEPALA\s*$", before, re.I):
            prio = 4
        else:
            prio = 5
        found.append(_Candidate(words, region, prio, m.start()))
    # "KEPUTUSAN INSPEKTUR KABUPATEN X": the title names the unit
    for i in sorted(heading_lines):
        m = v.official_re.match(doc.lines[i])
        if not m:
            continue
        unit = v.officials.get(" ".join(m.group("official").lower().split()))
        if not unit:
            continue
        start = doc.starts[i] + m.start("official")
        read = _unit_at(doc, start, doc.starts[i] + m.end("official"), unit.split())
        if read:
            found.append(_Candidate(read[0], read[1], 1, start))
    return found


def _document_region(doc: _Doc) -> Optional[Region]:
    """The government named by the letterhead ("PEMERINTAH KOTA X") or the cover."""
    votes: Counter = Counter()
    cover = set(_cover_lines(doc))
    for i, line in enumerate(doc.lines):
        m = re.match(r"^\W*PEMERINTAH\s+(.*)$", line, re.I)
        if m:
            for rm in find_regions(m.group(1))[:1]:
                if rm.start == 0:
                    votes[rm.region] += 5
        if i in cover:
            for rm in find_regions(line):
                if rm.how != "bare":
                    votes[rm.region] += 3
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def _choose_agency(doc: _Doc) -> tuple[Optional[str], Optional[Region]]:
    cands = _agency_candidates(doc)
    primary = sorted((c for c in cands if c.priority <= 4),
                     key=lambda c: (c.priority, c.region is None, c.pos))
    if primary:
        best = primary[0]
        region = best.region.region if best.region else None
        if region is None:
            same = sorted((c for c in cands if c.key == best.key and c.region),
                          key=lambda c: (c.priority, c.pos))
            if same:
                region = same[0].region.region
            else:
                region = _document_region(doc)
        name = _title_case(best.words)
        return (f"{name} {region.nama}" if region else name), region
    with_region = [c for c in cands if c.region]
    if with_region:
        counts = Counter((c.key, c.region.region) for c in with_region)
        first = {}
        for c in with_region:
            first.setdefault((c.key, c.region.region), c)
        (key, region), _ = max(counts.items(), key=lambda kv: (kv[1], -first[kv[0]].pos))
        best = first[(key, region)]
        return f"{_title_case(best.words)} {region.nama}", region
    return None, _document_region(doc)


# --------------------------------------------------------------------------- period


def _year_ok(y: int) -> bool:
    return MIN_YEAR <= y <= MAX_YEAR


def _is_citation(text_before: str, plans_too: bool) -> bool:
    """True when the years that follow belong to a legal citation ("Nomor 27 Tahun 1959")
    or, with `plans_too`, to another plan named before them ("RPJMD ... Tahun 2016-2021")."""
    v = _vocab()
    tail = text_before[-70:]
    if re.search(r"(?:Nomor|No)\s*[.:]?\s*[\w./-]*\d[\w./-]*\s*[,.]?\s*$", tail, re.I):
        return True
    return bool(v.citation_re.search(tail) or (plans_too and v.plan_re.search(tail)))


def _years_in(text: str, cover: bool) -> Optional[tuple[int, int, int]]:
    """First IKU years in `text`: (start, end, offset): "Tahun 2017 - 2022", "Tahun 2017",
    "2019-2021". On the cover a line that is only a year counts too, and naming
    another plan ("RENSTRA DAN IKU TAHUN ...") does not disqualify the years."""
    v = _vocab()
    year = r"(?<!\d)(\d{4})(?!\d)"
    rng = rf"{year}(?:(?:{v.range_sep}){year})?"
    patterns = [rf"{v.period_kw}\s*[:.]?\s*{rng}", rf"{year}(?:{v.range_sep}){year}"]
    if cover:
        patterns.append(rf"^\W*{year}\W*$")  # a cover line that is only "2021"
    hits = []
    for pat in patterns:
        for m in re.finditer(pat, text, re.I):
            start = int(m.group(1))
            end = int(m.group(2)) if m.re.groups > 1 and m.group(2) else start
            if not (_year_ok(start) and _year_ok(end) and 0 <= end - start <= MAX_PERIOD_YEARS):
                continue
            if _is_citation(text[:m.start()], plans_too=not cover):
                continue
            hits.append((m.start(), start, end))
    if not hits:
        return None
    pos, start, end = min(hits)
    return start, end, pos


def _period(doc: _Doc) -> tuple[Optional[int], Optional[int]]:
    skip = re.compile(r"^\W*(?:NOMOR|No)\b", re.I)
    for i in _cover_lines(doc):
        if skip.match(doc.lines[i]):
            continue
        hit = _years_in(doc.lines[i], cover=True)
        if hit:
            return hit[0], hit[1]
    for i in _title_lines(doc):
        block = [doc.lines[i]] + [l for l in doc.lines[i + 1:i + TITLE_BLOCK_LINES] if not skip.match(l)]
        hit = _years_in(" ".join(block), cover=False)
        if hit:
            return hit[0], hit[1]
    return None, None


# --------------------------------------------------------------------------- decree number


def normalize_decree_number(value: Optional[str]) -> Optional[str]:
    """ "460/ 044 /DISSOS/2021" -> "460/044/DISSOS/2021"; blank forms ("TAHUN 2022",
    "…/…/2021") and forms without a digit ("Tol wwnfo", a smudge read) -> None."""
    if not value:
        return None
    value = " ".join(value.split())
    value = re.split(r"\bTENTANG\b", value, flags=re.I)[0]
    value = re.sub(r"\s*([/-])\s*", r"\1", value).strip(" ,;:")
    if value.endswith(".") and not re.search(r"\.\w+\.$", value):
        value = value[:-1]
    left = re.sub(r"\bTAHUN\b|(?<!\d)\d{4}(?!\d)", " ", value, flags=re.I)
    if not re.search(r"[A-Za-z0-9]", left):
        return None
    # every decree number has digits; letters alone are an OCR reading of a smudge
    if not re.search(r"\d", value):
        return None
    return value or None


def _decree_number(doc: _Doc) -> Optional[str]:
    zones = _heading_zones(doc)
    if not zones:
        return None
    zone = zones[0]
    text = "\n".join(doc.lines[i] for i in zone)
    m = re.search(r"(?<![A-Za-z])(?:NOMOR|No)\b\.?[ \t]*(?:\n[ \t]*(?=[:.]))?[ \t]*[:.]?[ \t]*([^\n]*)", text, re.I)
    if not m:
        return None
    return normalize_decree_number(m.group(1))


# --------------------------------------------------------------------------- dates


def _month(word: str) -> Optional[int]:
    months = _vocab().months
    w = word.lower().strip(".")
    if w in months:
        return months[w]
    if len(w) >= 5:
        full = [(Levenshtein.distance(w, k), v) for k, v in months.items() if len(k) >= 5]
        limit = 1 if len(w) < 8 else 2
        close = sorted(h for h in full if h[0] <= limit)
        if close and (len(close) == 1 or close[0][0] < close[1][0] or close[0][1] == close[1][1]):
            return close[0][1]
    return None


_DATE_WORDS = re.compile(r"(?<![\w])(?:(\d{1,2})\s*[-/.]?\s*)?([A-Za-z]{3,10})\.?\s*[-/.,]?\s*(\d{4})(?!\d)")
_DATE_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")


def parse_indonesian_date(text: Optional[str]) -> Optional[str]:
    """The first date in `text`: "14 September 2021" -> "2021-09-14", "Januari 2022" -> "2022-01",
    "02 Agt 2020" -> "2020-08-02", "14-09-2021" -> "2021-09-14"."""
    if not text:
        return None
    for m in _DATE_WORDS.finditer(text):
        month = _month(m.group(2))
        year = int(m.group(3))
        if month is None or not _year_ok(year):
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


_SIGNATURE_DATE = re.compile(
    r"^\W*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)\s*(?P<comma>,)?\s+"
    r"(?P<date>(?P<day>\d{1,2}\s+)?[A-Za-z]{3,10}\.?\s+\d{4})\s*$")
SIGNATURE_DATE_REACH = 8  # lines between a "Place, date" line and its signature block


def _signature_date_at(doc: _Doc, i: int) -> Optional[str]:
    """The date of a signature's "Kutai Kartanegara, 02 Maret 2020" line, if line i is one."""
    m = _SIGNATURE_DATE.match(doc.lines[i])
    if not m or re.search(r"\b(?:tanggal|tahun|nomor)\b", m.group("place"), re.I):
        return None
    # "Bontang Januari 2022" has neither comma nor day: its place must then be a region
    if not (m.group("comma") or m.group("day") or find_region(m.group("place"))):
        return None
    v = _vocab()
    below = doc.lines[i + 1:i + 1 + SIGNATURE_DATE_REACH]
    if not any(_NIP.search(l) or v.position_re.search(l) for l in below):
        return None
    return parse_indonesian_date(m.group("date"))


def _decree_date(doc: _Doc) -> tuple[Optional[str], Optional[int]]:
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


# --------------------------------------------------------------------------- signatory

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


def _signatory(doc: _Doc, after_line: Optional[int]) -> tuple[Optional[str], Optional[str]]:
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


# --------------------------------------------------------------------------- entry point


def _safe(fn, default):
    try:
        return fn()
    except Exception:  # odd text must never break a pipeline run
        return default


def extract_metadata(pages: list[str], tables_context: Optional[list[str]] = None) -> dict:
    """The document fields of FORMAT.md (all but source_file) from the pages' text.

    `tables_context`: text lines found above the document's tables (titles,
    "Nama Organisasi : ..."), used as extra evidence for the agency and period.
    """
    out: dict = {f: None for f in FIELDS}
    doc = _safe(lambda: _Doc.build(list(pages or []), list(tables_context or [])), None)
    if doc is None or not doc.lines:
        return out

    agency, region = _safe(lambda: _choose_agency(doc), (None, None))
    start, end = _safe(lambda: _period(doc), (None, None))
    decree_date, date_line = _safe(lambda: _decree_date(doc), (None, None))
    name, nip = _safe(lambda: _signatory(doc, date_line), (None, None))

    year = int(decree_date[:4]) if decree_date else start
    out.update(
        agency=agency,
        region=region.nama if region else None,
        region_level=region.level if region else None,
        province=region.provinsi_pada(year) if region else None,
        period_start=start,
        period_end=end,
        decree_number=_safe(lambda: _decree_number(doc), None),
        decree_date=decree_date,
        signatory_name=name,
        signatory_nip=nip,
    )
    return out
