"""The agency and its region: agency, region, region_level and province.

- agency: the decree heading ("KEPUTUSAN KEPALA DINAS SOSIAL KABUPATEN X"), the
  cover / IKU title, a label ("Instansi : ..."), the signature's position line
  ("KEPALA DINAS SOSIAL PROVINSI X"), else the unit named most often. The unit
  is written in title case and followed by the official region name, so
  "Kab.Kutai Kartanegara" becomes "Kabupaten Kutai Kartanegara". A heading
  that names no region takes it from the same unit elsewhere in the text, or
  from the letterhead ("PEMERINTAH KOTA X").
- region, region_level, province: those of the region read with the agency,
  resolved against the Kemendagri table by ``normalizers.regions``. A unit that
  no name, heading or letterhead places belongs to the government the text keeps
  naming in full (of the levels its type exists in: "unit_levels"); its name then
  stays as written.
- On a scan, a name garbled where it stands first (a cover, a slide's title) is
  read where the same name stands whole, up to its region (``_misread_of``).
- An office of the central government (a Kantor Wilayah, a BPK Perwakilan, a
  Balai, an LLDIKTI, a university: data/metadata-lexicon.json, "central_units")
  keeps the region words it is named with as written, and belongs to no regional
  government: its region only gives the province (``read_agency`` says so).
- A plan or report of the regional government as a whole (an RPJMD chapter, an
  RKPD: "regional_government_documents", named by the document's own title lines
  or running heads) with no unit of its own is "Pemerintah <region>", the region
  the letterhead or the text names most.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz

from iku.normalizers.metadata.text import (
    TITLE_BLOCK_LINES, Doc, cover_lines, heading_zones, is_upperish, running_lines, title_lines,
)
from iku.normalizers.metadata.vocabulary import alternation, lexicon, words_pattern
from iku.normalizers.regions import Region, RegionMatch, find_regions, prefix_words, regions_by_name

MAX_UNIT_WORDS = 12
MISREAD_SIMILARITY = 88  # rapidfuzz ratio of two readings of one name on a scan (not "Dinas Kesehatan" / "... Hewan": 85)
# a name read in fragments (letter-spaced capitals on a scan, _broken_into_letters) is that of
# another reading whose letters are this alike: letters are lost, not changed ("...MO DA DANP A
# YAN PADUSA UP" for "...Modal dan Pelayanan Terpadu Satu Pintu": 84)
BROKEN_MIN_FRAGMENTS, BROKEN_SIMILARITY = 3, 80
BODY_REGION_MIN_MENTIONS = 2  # a region named in full this often in the text is the unit's, when nothing else says


@lru_cache(maxsize=1)
def _vocab() -> "_Vocab":
    lex = lexicon()
    units = lex["unit_types"]
    officials = lex["officials"]["map"]
    return _Vocab(
        unit_re=re.compile(words_pattern(units["named"] + units["standalone"]), re.I),
        standalone={w.lower() for w in units["standalone"]},
        connectors={w.lower() for w in lex["unit_connectors"]["words"]},
        lowercase={w.lower() for w in lex["unit_connectors"]["lowercase"]},
        stopwords={w.lower() for w in lex["unit_stopwords"]["words"]},
        acronyms={w.upper() for w in lex["acronyms"]["words"]},
        label_re=re.compile(words_pattern(lex["title_labels"]["labels"]) + r"\s*:\s*$", re.I),
        official_re=re.compile(
            r"^\W*(?:SALINAN\s+)?(?:SURAT\s+)?KEPUTUSAN\s+(?P<official>"
            + alternation(officials) + r")(?![A-Za-z0-9])", re.I),
        officials={" ".join(k.lower().split()): v for k, v in officials.items()},
        region_prefix_words=prefix_words(),
        central_start_re=re.compile(r"^(?:" + alternation(lex["central_units"]["openings"]) + r")(?![A-Za-z0-9])",
                                    re.I),
        central_any_re=re.compile(words_pattern(lex["central_units"]["anywhere"]), re.I),
        central_except_re=re.compile(words_pattern(lex["central_units"]["exceptions"]), re.I),
        regional_doc_re=re.compile(words_pattern(lex["regional_government_documents"]["words"]), re.I),
        address_words={w.lower().rstrip(".") for w in lex["address_words"]["words"]},
        parent_re=re.compile(r"^(?:" + alternation(lex["central_units"]["parents"]) + r")(?![A-Za-z0-9])", re.I),
    )


@dataclass(frozen=True)
class _Vocab:
    unit_re: re.Pattern
    standalone: set
    connectors: set
    lowercase: set
    stopwords: set
    acronyms: set
    label_re: re.Pattern
    official_re: re.Pattern
    officials: dict
    region_prefix_words: set
    central_start_re: re.Pattern
    central_any_re: re.Pattern
    central_except_re: re.Pattern
    regional_doc_re: re.Pattern
    address_words: set
    parent_re: re.Pattern


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
        if core.upper() in v.acronyms or (core.isupper() and len(core) > 1 and not re.search(r"[AEIOU]", core)) \
                or (n > 0 and re.fullmatch(r"[IVX]+", core)):  # "Wilayah XI"
            core = core.upper()
        elif n > 0 and (core.lower() in v.connectors or core.lower() in v.lowercase):
            core = core.lower()
        elif core.isupper() or core.islower():
            core = re.sub(r"[A-Za-z]+", lambda m: m.group().capitalize(), core.lower())
        out.append(core + trail)
    return " ".join(out)


def _unit_at(doc: Doc, start: int, anchor_end: int,
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
            if re.search(r"\d", nxt) or (is_upperish(" ".join(words)) and not is_upperish(nxt)):
                break
            # a letterhead names the parent body, then the office under it on a line of its own
            # ("KEMENTERIAN AGAMA ..." / "KANTOR WILAYAH ..."): a unit type opens a new name
            if v.unit_re.match(nxt):
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
            if low == "di" and is_central(words):
                # "Balai Besar POM di Surabaya": the place the office sits in closes its name
                place = _place_after(doc, abs_pos + len(word))
                if place is not None:
                    words.append(word)
                    region = place
                    break
                break
            if low in v.address_words:
                # "Jalan Merdeka No. 5" is an address; "BALAI PELAKSANAAN JALAN NASIONAL" a name
                li = doc.line_at(abs_pos)
                rest = doc.text[abs_pos:doc.starts[li] + len(doc.lines[li])]
                if re.search(r"\d", rest) or abs_pos == doc.starts[li]:
                    break
            elif low in v.stopwords or low in v.region_prefix_words:
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
    # "Universitas Sumatera Utara": an office of the central government may be named by its region alone
    if len(words) < 2 and type_word not in v.standalone and not (region and is_central(words)):
        return None
    return words, region


def _title_blocks(doc: Doc) -> set[int]:
    """The lines of each IKU title block: the title line (set in capitals) and the lines under
    it, up to TITLE_BLOCK_LINES, while they stay in capitals. A line in running case under it is
    no longer the title but what follows it: a slide's table ("IKU PERANGKAT DAERAH" over
    "Opini BPK atas Laporan Keuangan"), or the rest of a table cell whose code was read as a line
    of its own ("IKU" over "... oleh BPKP"); a unit named there is not the issuing agency."""
    out = set()
    for i in title_lines(doc):
        out.add(i)
        for j in range(i + 1, min(i + TITLE_BLOCK_LINES, len(doc.lines))):
            line = doc.lines[j]
            if any(c.isalpha() for c in line) and not is_upperish(line):
                break  # (a line of figures alone, "2020 - 2024", goes on with the title)
            out.add(j)
    return out


def _agency_candidates(doc: Doc) -> list[_Candidate]:
    v = _vocab()
    heading_lines = {i for z in heading_zones(doc)[:1] for i in z}
    cover = set(cover_lines(doc))
    titled = _title_blocks(doc)
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


def _document_region(doc: Doc) -> Optional[Region]:
    """The government named by the letterhead ("PEMERINTAH KOTA X") or the cover."""
    votes: Counter = Counter()
    cover = set(cover_lines(doc))
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


def is_central(words: list[str]) -> bool:
    """An office of the central government (a Kantor Wilayah, a BPK Perwakilan, a Balai,
    an LLDIKTI, a university): it belongs to no regional government."""
    v = _vocab()
    name = " ".join(words)
    if v.central_except_re.search(name):
        return False  # "Sekretariat Dewan Perwakilan Rakyat Daerah"
    return bool(v.central_start_re.match(name) or v.central_any_re.search(name))


def _region_of_place(name: str) -> Optional[Region]:
    """The region a place name alone stands for ("Surabaya", "Kota Medan", "Jawa Timur"); a
    name that two regions share counts when they lie in one province (its kabupaten)."""
    found = find_regions(name)
    if found and found[0].start == 0:
        return found[0].region
    named = regions_by_name(name)
    if named and len({r.provinsi for r in named}) == 1:
        return sorted(named, key=lambda r: r.level != "kota")[0]
    return None


def _trailing_place(words: list[str]) -> Optional[Region]:
    """The region the last one to three words of a name stand for, if any."""
    for n in (3, 2, 1):
        if len(words) > n:
            region = _region_of_place(" ".join(w.strip(",") for w in words[-n:]))
            if region is not None:
                return region
    return None


def _place_after(doc: Doc, pos: int) -> Optional[RegionMatch]:
    """The place named right after `pos` (one to three capitalised words), as a mention."""
    m = re.match(r"\s+((?:[A-Z][\w'-]*\s?){1,3})", doc.text[pos:pos + 60])
    if not m:
        return None
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        text = " ".join(words[:n])
        region = _region_of_place(text)
        if region is not None:
            start = pos + m.start(1)
            return RegionMatch(region, start, start + len(text), text, "whole")
    return None


_STATED_PLACE = re.compile(r"^\W*(?:Ditetapkan\s+di\s*:?\s*(?P<at>[A-Z][\w .'-]{1,40}?)\s*$"
                           r"|(?P<signed>[A-Z][\w .'-]{1,40}?)\s*,\s*\d{1,2}\s+[A-Za-z]{3,10}\.?\s+\d{4}\s*$)")


def _stated_location(doc: Doc) -> Optional[Region]:
    """Where an office of the central government says it is, when its name does not: a
    province or city in its letterhead (the cover's address line), else the place of the
    decree or of the signature ("Ditetapkan di Medan", "Medan, 4 Maret 2023")."""
    for i in cover_lines(doc):
        for rm in find_regions(doc.lines[i]):
            if rm.how != "fuzzy":
                return rm.region
    for line in doc.lines:
        m = _STATED_PLACE.match(line)
        if m:
            region = _region_of_place((m.group("at") or m.group("signed")).strip())
            if region is not None:
                return region
    return None


def _most_named_region(doc: Doc, levels: Optional[tuple] = None, min_mentions: int = 1) -> Optional[Region]:
    """The government a text keeps naming in full ("Kabupaten X" again and again); on a tie the
    lower level (a kabupaten's plan names its province too). `levels`: only regions of these
    levels count; `min_mentions`: fewer mentions than this name none."""
    counts: Counter = Counter()
    for m in find_regions(doc.text):
        if m.how in ("prefix", "alias") and (levels is None or m.region.level in levels):
            counts[m.region] += 1
    counts = Counter({r: n for r, n in counts.items() if n >= min_mentions})
    if not counts:
        return None
    order = {"kabupaten": 0, "kota": 0, "provinsi": 1}
    return max(counts, key=lambda r: (counts[r], -order.get(r.level, 1)))


def _regional_government(doc: Doc) -> Optional[Region]:
    """The regional government itself as the document's author: a plan or report of the
    whole government (RPJMD, RKPD, LKPJ ...) named by the document's own title lines (its
    cover, its IKU titles, the running head of its pages), or a title naming "PEMERINTAH
    <region>" with no unit of its own. None otherwise."""
    v = _vocab()
    own = sorted(set(cover_lines(doc)) | set(running_lines(doc)) | set(title_lines(doc)))
    if not any(v.regional_doc_re.search(doc.lines[i]) for i in own):
        return None
    return _document_region(doc) or _most_named_region(doc)


def read_agency(doc: Doc) -> tuple[Optional[str], Optional[Region], bool]:
    """The agency's name, the region closing it, and whether it is an office of the central
    government (then the region only tells its province). (None, region, False) when no
    agency is found."""
    cands = _agency_candidates(doc)
    primary = sorted((c for c in cands if c.priority <= 4),
                     key=lambda c: (c.priority, bool(_vocab().parent_re.match(" ".join(c.words))), c.region is None,
                                    c.pos))
    if primary:
        best = primary[0]
        if _broken_into_letters(best.words):
            # a name set letter-spaced (a slide's cover) that the scan read in fragments ("DINAS PEN
            # ANAMAN MO DA DANP A YAN ..."), its region whole: the same name read whole elsewhere
            # (a slide's foot), of the same region
            whole = sorted((c for c in cands if not _broken_into_letters(c.words)
                            and _misread_of(best, c, BROKEN_SIMILARITY)
                            and (c.region is None or best.region is None or c.region.region == best.region.region)),
                           key=lambda c: (c.region is None, c.priority, c.pos))
            if whole:
                best = whole[0] if whole[0].region or not best.region else _Candidate(
                    whole[0].words, best.region, whole[0].priority, whole[0].pos)
        if _vocab().parent_re.match(" ".join(best.words)):
            # a parent body named alone where the name stands first ("KEMENTERIAN AGAMA PROVINSI
            # X": a scan lost the office's first words, "KAN WILAYAH"): the office of it that the
            # text names in full, of the same region, is the agency
            name = " " + " ".join(best.words).lower()
            offices = sorted((c for c in cands if (" " + " ".join(c.words).lower()).endswith(name)
                              and len(" ".join(c.words)) > len(name)
                              and (c.region is None or best.region is None or c.region.region == best.region.region)),
                             key=lambda c: (c.region is None, c.priority, c.pos))
            if offices:
                best = offices[0] if offices[0].region or not best.region else _Candidate(
                    offices[0].words, best.region, offices[0].priority, offices[0].pos)
        best = _reading_most_given(best, cands)
        region = best.region.region if best.region else None
        if region is None:
            same = sorted((c for c in cands if c.key == best.key and c.region),
                          key=lambda c: (c.priority, c.pos))
            alike = [] if same else sorted((c for c in cands if c.region and _misread_of(best, c)),
                                           key=lambda c: (c.priority, c.pos))
            if same:
                best = same[0] if is_central(best.words) else best
                region = same[0].region.region
            elif alike:
                # a scan garbled the name where it stands first ("DINAS TENAG AKF RIA DAN TRAN S MI G
                # RAS" on a slide's title): the same name read whole up to its region elsewhere
                best = alike[0]
                region = best.region.region
            elif not is_central(best.words):
                region = _document_region(doc)
        best = _Candidate(_rejoined(best.words, doc), best.region, best.priority, best.pos)
        if region is None and is_central(best.words):
            # "Universitas Palangka Raya": a name that ends with its place states it
            region = _trailing_place(best.words) or _stated_location(doc)
            return _title_case(best.words), region, True
        if region is None:
            # no region by the name nor a letterhead: the government the text keeps naming in
            # full (an IKU table of a "Biro Keuangan" about "Provinsi Jawa Barat"); the name
            # stays as written, the text only tells whose unit it is
            region = _most_named_region(doc, _unit_levels(best.words), BODY_REGION_MIN_MENTIONS)
            return _title_case(best.words), region, False
        return _named(best, region)
    government = _regional_government(doc)
    if government is not None:
        return f"Pemerintah {government.nama}", government, False
    with_region = [c for c in cands if c.region]
    if with_region:
        counts = Counter((c.key, c.region.region) for c in with_region)
        first = {}
        for c in with_region:
            first.setdefault((c.key, c.region.region), c)
        (key, region), _ = max(counts.items(), key=lambda kv: (kv[1], -first[kv[0]].pos))
        return _named(first[(key, region)], region)
    # no name read whole (a slide's cover in light type on a dark ground, garbled by the scan): the
    # government is still the one its letterhead or cover names, else the one the text names in
    # full again and again (the slides' foot, "... Kabupaten X", read in pieces)
    return None, _document_region(doc) or _most_named_region(doc, None, BODY_REGION_MIN_MENTIONS), False


def _reading_most_given(best: _Candidate, cands: list[_Candidate]) -> _Candidate:
    """The name where it stands first, or the reading of it the text gives most: a scan's band of
    faded print garbles a heading's name ("DINAS HUBUNGAN" for "... PERHUBUNGAN"), which the
    rest of the text prints whole again and again. Another reading counts when it is alike
    (_misread_of), named with the same region at least once, given twice or more and more
    often than the first one; else the first one stands."""
    if best.region is None:
        return best
    counts = Counter(c.key for c in cands)
    same_region = {c.key for c in cands if c.region is not None and c.region.region == best.region.region}
    others = [c for c in cands if c.key in same_region and c.key != best.key and _misread_of(best, c)
              and counts[c.key] >= 2 and counts[c.key] > counts[best.key]]
    if not others:
        return best
    top = max(others, key=lambda c: (counts[c.key], c.region is not None and c.region.region == best.region.region,
                                     -c.pos))
    return _Candidate(top.words, best.region, best.priority, best.pos)


def _rejoined(words: list[str], doc: Doc) -> list[str]:
    """The name's words with a word a scan cut in two made whole again ("BADAN KEPEGAW AIAN DAN
    ..." on a slide's cover): two pieces are one word when the document prints that word whole
    elsewhere between the same neighbours ("Badan Kepegawaian dan" in the slide's foot). The
    neighbours make it the same name: two words of a name that some other text writes as one
    ("Sumber Daya" / "Sumberdaya") stay apart unless the name itself is printed so."""
    v = _vocab()
    out = list(words)
    i = 0
    while i + 1 < len(out):
        a, b = out[i], out[i + 1]
        if not (a.isalpha() and re.fullmatch(r"[A-Za-z]+,?", b)) or a.lower() in v.connectors \
                or b.rstrip(",").lower() in v.connectors:
            i += 1
            continue
        joined = a + b
        before = [re.escape(out[i - 1].rstrip(","))] if i > 0 else []
        after = [re.escape(out[i + 2].rstrip(","))] if i + 2 < len(out) else []
        around = before + [re.escape(joined.rstrip(","))] + after
        apart = before + [re.escape(a), re.escape(b.rstrip(","))] + after
        # (the pieces printed apart more often than whole: the whole one is the scan's gluing of
        # two words, "KEPALA DINASPERTANIAN DAN" in a lampiran's heading)
        if len(around) > 1 and _printed(around, doc) >= max(1, _printed(apart, doc)):
            out[i:i + 2] = [joined]
            i = max(i - 1, 0)  # (a word cut in three, "PEM BANGU NAN": the piece before joins the two made one)
            continue
        i += 1
    return out


def _printed(words: list[str], doc: Doc) -> int:
    """How often the text prints these (escaped) words in a row, a comma allowed after each."""
    return len(re.findall(r"(?<![A-Za-z])" + r",?\s+".join(words) + r"(?![A-Za-z])", doc.text, re.I))


def _misread_of(first: _Candidate, other: _Candidate, least: float = MISREAD_SIMILARITY) -> bool:
    """`first` is an OCR misreading of `other`'s name: the same unit type and the letters of the
    two names (spaces aside: a scan splits and joins words) at least `least` alike."""
    a, b = re.sub(r"[^a-z]", "", first.key), re.sub(r"[^a-z]", "", other.key)
    if not a or a == b or first.words[0].lower() != other.words[0].lower():
        return False
    return fuzz.ratio(a, b) >= least


def _broken_into_letters(words: list[str]) -> bool:
    """A name read in fragments: BROKEN_MIN_FRAGMENTS words or more of one or two letters after
    its unit type that are no connector ("dan", "di"): a scan of letter-spaced capitals ("MO DA
    DANP A YAN"). (A name's own short acronyms, "PU", "KB", stay a name: a fragment's name is
    replaced only by one its letters are BROKEN_SIMILARITY alike.)"""
    v = _vocab()
    short = [w for w in words[1:] if len(re.sub(r"[^A-Za-z]", "", w)) <= 2
             and w.lower() not in v.connectors and w.lower() not in v.lowercase]
    return len(short) >= BROKEN_MIN_FRAGMENTS


def _unit_levels(words: list[str]) -> Optional[tuple]:
    """The levels of government a unit of this type can belong to (None: any)."""
    first = words[0].lower() if words else ""
    for unit, levels in lexicon().get("unit_levels", {}).get("map", {}).items():
        if first == unit.lower():
            return tuple(levels)
    return None


def _named(best: _Candidate, region: Optional[Region]) -> tuple[str, Optional[Region], bool]:
    """A regional unit's name closes with its region's official name ("Kab. Batola" ->
    "Kabupaten Barito Kuala"); an office of the central government keeps the region
    words it is named with, as written ("Kantor Wilayah ... Jawa Timur")."""
    if is_central(best.words):
        words = best.words + (best.region.text.split() if best.region else [])
        return _title_case(words), region, True
    name = _title_case(best.words)
    return (f"{name} {region.nama}" if region else name), region, False
