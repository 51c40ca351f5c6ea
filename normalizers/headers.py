"""Header rows of a table and the canonical field each column feeds."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz

from iku.extractors.model import Cell, Span

from iku.extractors.vocabulary import glyph_confusions, one_slip_away, table_hints, vocabulary
from iku.normalizers.schema import CELL_FIELDS as FIELDS
COMBINED = "penjelasan_formulasi"


def clean_header(text: str) -> str:
    text = re.sub(r"\(\s*\d+\s*\)", " ", text)  # "(1)" column numbers
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


NOT_A_FIELD = "-"  # a header led by a word of a column no field takes ("Target 2024")


@lru_cache(maxsize=1)
def _keyword_terms() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Every keyword as a word tuple with its field (NOT_A_FIELD for [not_fields]), longest first."""
    voc = vocabulary()
    terms = [(tuple(k.split()), f) for f, ks in voc.keywords.items() for k in ks]
    terms += [(tuple(k.split()), NOT_A_FIELD) for k in voc.not_field_words]
    return tuple(sorted(terms, key=lambda t: -len(t[0])))


def _heads(words: list[str]) -> list[str]:
    """The fields the words of a header name, in reading order (a longer keyword first)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for term, field in _keyword_terms():
            if tuple(words[i:i + len(term)]) == term:
                out.append(field)
                i += len(term)
                break
        else:
            i += 1
    return out


def _word_meaning(h: str) -> Optional[str]:
    """What a header's words mean when no phrase matches: the first word that names a
    field decides (the head noun comes first in Indonesian); NOT_A_FIELD when that word
    belongs to a column no field takes; COMBINED when the words name both an explanation
    and a formula."""
    heads = _heads(h.split())
    if not heads:
        return None
    if {"penjelasan", "formulasi"} <= set(heads):
        return COMBINED
    if heads[0] == "indikator" and "formulasi" in heads[1:]:
        # "Uraian Indikator dan Cara Perhitungan": the indicator described, and its formula
        return COMBINED
    return heads[0]


def header_level(text: str) -> tuple[str, dict[str, str], bool]:
    """(level name, its field renames, whether it is the agency's own level) a header names;
    ("", {}, True) when it names none. A level's words are taken out of the header before the
    next level is looked for ("perangkat daerah" is the agency, not the region)."""
    rest = f" {clean_header(text)} "
    found = None
    for name, words, renames, own in vocabulary().levels:
        hit = False
        for w in sorted(words, key=len, reverse=True):
            if f" {w} " in rest:
                hit = True
                rest = rest.replace(f" {w} ", " ")
        if hit and found is None:
            found = (name, renames, own)
    return found or ("", {}, True)


def _rejoined(h: str) -> str:
    """A cleaned header with its words made whole again where the column's width broke a word
    over two lines ("justifi kasi" → "justifikasi") or OCR lost or misplaced a space ("namaiku",
    "nam aiku" → "nama iku"): a run of words, one of them no header word, whose letters are
    wholly header words is read as those words."""
    words = h.split()
    known = _header_words()
    out: list[str] = []
    i = floor = 0  # words before `floor` were read into header words already
    while i < len(words):
        if words[i] in known or not words[i].isalpha() or len(words) > 6:  # (a header is a few words)
            out.append(words[i])
            i += 1
            continue
        # the unknown word with the known words beside it (up to two each side): the longest
        # such run whose letters are header words, fewest words first
        best = None
        for lo in range(max(floor, i - 2), i + 1):
            if lo < i and not all(w.isalpha() for w in words[lo:i]):
                continue
            for hi in range(min(len(words), i + 3), i, -1):
                if not all(w.isalpha() for w in words[i:hi]):
                    continue
                parts = _segment("".join(words[lo:hi]), known)
                if parts and (best is None or hi - lo > best[1] - best[0]):
                    best = (lo, hi, parts)
        if best is None:
            out.append(words[i])
            i += 1
            continue
        lo, hi, parts = best
        del out[len(out) - (i - lo):]
        out.extend(parts)
        i = floor = hi
    return " ".join(out)


def _segment(letters: str, known: frozenset[str]) -> Optional[list[str]]:
    """`letters` as the fewest header words that make it up wholly (the first of three letters
    or more, the others of two or more: "pj", "ik"); None when no such words do. When no
    words make it up as read, one word of six letters or more may be one OCR glyph slip away
    from a header word: a scan runs a header's capitals together and reads one glyph wrong
    in the same stroke ("DEFINISI/PENJELASAN" → "definislpenjelasan")."""
    return _segment_with(letters, known, 0) or _segment_with(letters, known, 1)


@lru_cache(maxsize=4096)
def _segment_with(letters: str, known: frozenset[str], slips: int) -> Optional[list[str]]:
    n = len(letters)
    if n < 4 or n > 40:
        return None
    longest = max(map(len, known))
    # best[start][k]: the fewest words making up letters[start:] with k slips
    best: list[list[Optional[list[str]]]] = [[None] * (slips + 1) for _ in range(n + 1)]
    best[n][0] = []
    for start in range(n - 1, -1, -1):
        least = 3 if start == 0 else 2
        for end in range(start + least, min(n, start + longest) + 1):
            piece = letters[start:end]
            word, cost = (piece, 0) if piece in known else (_slipped(piece, known), 1) if slips else (None, 0)
            if word is None:
                continue
            for k in range(slips + 1 - cost):
                rest = best[end][k]
                if rest is not None and (best[start][k + cost] is None or len(rest) + 1 < len(best[start][k + cost])):
                    best[start][k + cost] = [word] + rest
    return best[0][slips]


# a long word (SLIP_LONG letters or more) read from a faint or coarse scan may have up to one
# letter in SLIP_SHARE misread in place ("lndikatot", "INOKKATOR" for "indikator"): holes in
# the toner break glyphs into others than the table of glyph confusions holds; or one letter
# lost or one too many ("Rasionalissi" for "rasionalisasi": a thin glyph dropped, a broken one
# read as two)
SLIP_LONG, SLIP_SHARE = 8, 4


def _slipped(piece: str, known: frozenset[str]) -> Optional[str]:
    """The one header word of six letters or more that `piece` becomes by one glyph confusion
    of an OCR engine (the one table of them: glyph_confusions, which the OCR correction
    reads too), or else the one header word of SLIP_LONG letters or more, as long as `piece`,
    that differs from it in at most one letter in SLIP_SHARE, or by one letter lost or added;
    None when none (or more than one) does."""
    if len(piece) < 6:
        return None
    found = one_slip_away(piece, _long_words(known), glyph_confusions())
    if found is not None or len(piece) < SLIP_LONG:
        return found
    near = {w for w in _long_words(known) if len(w) == len(piece)
            and sum(a != b for a, b in zip(w, piece)) <= len(piece) // SLIP_SHARE}
    near |= {w for w in _long_words(known) if _one_letter_apart(w, piece)}
    return near.pop() if len(near) == 1 else None


def _one_letter_apart(a: str, b: str) -> bool:
    """`a` and `b` are the same but for one letter that one of them has and the other lacks."""
    if abs(len(a) - len(b)) != 1:
        return False
    long, short = (a, b) if len(a) > len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    return long[i + 1:] == short[i:]


@lru_cache(maxsize=8)
def _long_words(known: frozenset[str]) -> frozenset[str]:
    """The header words of six letters or more (a slip into a shorter one is too often a word of its own)."""
    return frozenset(w for w in known if len(w) >= 6)


def _meaning(text: str) -> tuple[Optional[str], float]:
    """(field, COMBINED, NOT_A_FIELD or None; score 0..100) of one header text on its own."""
    h = _rejoined(clean_header(text))
    if not h:
        return None, 0.0
    voc = vocabulary()
    best, best_score = None, 0.0
    for field, phrases in voc.phrases.items():
        for p in phrases:
            s = fuzz.ratio(h, p)
            if s > best_score:
                best, best_score = field, s
    if best_score >= voc.min_score:
        return best, best_score
    meant = _word_meaning(h)
    return (meant, 70.0) if meant is not None else (None, 0.0)


def label_field(text: str) -> Optional[str]:
    """The field a part label inside a cell names ("Rasionalisasi" → alasan, "Jenis Perhitungan"
    → tipe_perhitungan): a phrase of the vocabulary, or one keyword alone. None when it names
    none, or when it has words of its own besides ("Kriteria berfungsi sosial :" is text)."""
    field, score = _meaning(text)
    if field in (None, NOT_A_FIELD, COMBINED):
        return None
    # (its words as `_meaning` read them: a word a scan misread counts as the header word it stands for)
    if score < vocabulary().min_score and not set(_rejoined(clean_header(text)).split()) <= _header_words():
        return None
    return field


@lru_cache(maxsize=1)
def _header_words() -> frozenset[str]:
    """Every word of the header vocabulary (phrases and keywords): the words a label is made of."""
    voc = vocabulary()
    return frozenset(w for group in (voc.phrases, voc.keywords) for terms in group.values() for t in terms
                     for w in t.split())


def match_header(text: str, parent: str = "") -> tuple[Optional[str], float]:
    """(field, score 0..100) for one header text (under `parent`, for a sub-header of a
    two-level header); (None, 0) when nothing fits. The level of government the header (or
    else its parent) names renames the field: "Sasaran" under "RPJMD" is `sasaran_daerah`."""
    field, score = _meaning(text)
    if field is None or field == NOT_A_FIELD:
        return None, 0.0
    name, renames, _ = header_level(text)
    if not name and parent:
        name, renames, _ = header_level(parent)
    return renames.get(field, field), score


@dataclass
class Column:
    index: int  # position in a logical row
    label: str  # header text as printed, "PARENT / CHILD" under a two-level header
    field: Optional[str]  # canonical field, COMBINED, or None (→ extra)
    score: float
    # grid columns read into this one: a header merged over several columns with
    # no sub-headers (e.g. "Indikator Kinerja" over a "1.1" column and a text column)
    sources: tuple[int, ...] = ()
    # the field its header names, before another column kept that field ("Indikator Program"
    # beside the agency's "Indikator Kinerja": claimed indikator, field None)
    claimed: Optional[str] = None


_COLUMN_NUMBER = re.compile(r"\(?(\d{1,2})\)?\.?")


def is_numbering_row(row: list[Cell]) -> bool:
    """The "1 2 3 4" / "(1) (2) (3)" row some offices print under the header.

    Read by OCR, a number or two of it may come out as marks ("(3)" → "BD",
    "(4)" → "(4"): the row still counts when most cells are column numbers in
    increasing order and the rest are as short as a misread one. A cell of several
    numbers ("(8) (9) (10)": columns OCR's layout read as one) counts as its numbers, and
    one of header words over a bracketed number ("Sasaran Strategis" / "(2)": a header line
    a scan's row cut left under the header) counts as its number, in up to a third of cells."""
    cells = [c.text.strip() for c in row if not c.empty]
    over = [_words_over_number(t) for t in cells]
    if sum(w is not None for w in over) <= len(cells) / 3:
        cells = [t.splitlines()[-1].strip() if w is not None else t for w, t in zip(over, cells)]
    texts = [_GLUED_SPECKS.sub("", t) or t for c in cells for t in _numbers_apart(c)]
    if len(texts) < 2 or any(len(t) > 4 for t in texts):
        return False
    numbers = [int(m.group(1)) for m in map(_COLUMN_NUMBER.fullmatch, texts) if m]
    if len(numbers) == len(texts):
        return True
    return (len(numbers) >= 3 and len(numbers) >= 0.6 * len(texts)
            and all(a < b for a, b in zip(numbers, numbers[1:]))) or _counts_columns(texts)


_BRACKETED_NUMBER = re.compile(r"\(\d{1,2}\)")

# specks of dust a scan reads as marks glued to a bracketed column number (".(1).", "(4)'"):
# outside the brackets, where no reading of the number puts them
_GLUED_SPECKS = re.compile(r"^[-–—.,:;'`·_~]+(?=\(\d)|(?<=\d\))[-–—.,:;'`·_~]+$")


def _words_over_number(text: str) -> Optional[str]:
    """The header words over the bracketed column number ending a cell, when they hold no
    digit ("Sasaran Strategis\n(2)" → "Sasaran Strategis"), else None."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if len(lines) < 2 or not _BRACKETED_NUMBER.fullmatch(lines[-1]):
        return None
    return None if any(ch.isdigit() for ln in lines[:-1] for ch in ln) else " ".join(lines[:-1])


# a speck of dust a scan reads as a mark of its own beside a column number ("- (5)")
_STRAY_MARK = re.compile(r"[-–—.,:;'`·_~]+")


def _numbers_apart(text: str) -> list[str]:
    """A cell's text, or its words when every one of them is a column number (marks standing
    alone beside them left out)."""
    parts = text.split()
    kept = [p for p in parts if not _STRAY_MARK.fullmatch(p)]
    return kept if kept and len(parts) > 1 and all(_COLUMN_NUMBER.fullmatch(p) for p in kept) else [text]


def _column_number_readings(text: str) -> set[int]:
    """The numbers an OCR reading of a column number "(7)" may stand for: its parentheses
    come out as "1", "l", "I" or "|" ("17)", "(11", "110)" for "(7)", "(1)", "(10)")."""
    t = re.sub(r"\s+", "", text)
    out: set[int] = set()
    for lead in ("", "(", "1", "l", "I", "|", "[", "{"):
        if lead and not t.startswith(lead):
            continue
        for tail in ("", ")", "1", "l", "I", "|", "]", "}"):
            core = t[len(lead):len(t) - len(tail)] if tail else t[len(lead):]
            if (tail and not t.endswith(tail)) or not core.isdigit() or len(core) > 2:
                continue
            out.add(int(core))
    return out


def _counts_columns(texts: list[str]) -> bool:
    """At least three cells, three in four of them (all but one of a short row) the column
    numbers of a run that counts one up per cell (1, 2, 3, … or from any start), read through
    their garbled parentheses ("a)" for "(9)" and "(22)" for "(12)" are past reading)."""
    if len(texts) < 3:
        return False
    readings = [_column_number_readings(t) for t in texts]
    starts = {n - i for i, r in enumerate(readings) for n in r}
    best = max((sum(1 for i, r in enumerate(readings) if s + i in r) for s in starts), default=0)
    return best >= 3 and (best >= len(texts) - 1 or best >= 0.75 * len(texts))


def _capital_i_misread(text: str) -> bool:
    """A label opening with a capital I that OCR read as "i" or "l" (one stroke, its serifs
    blurred away on a coarse scan: "indikator Kinerja"): lower case only by that letter, and
    a field's label all through (`label_field`), not the words of a sentence going on."""
    return text[:1] in ("i", "l") and label_field(text) is not None


def _reads_as_sub_headers(row: list[Cell]) -> bool:
    """A second header level is labels: none goes on in lower case (the rest of a row cut
    by a page break does), and where it leaves a cell blank that no label above covers,
    every label it has names a field, a column no field takes, or a year."""
    texts = [c.text.strip() for c in row if not c.empty]
    if any(t[:1].islower() and not _capital_i_misread(t) for t in texts):
        return False
    if any(c.empty and not c.spanned for c in row):
        return all(_meaning(t)[0] is not None or re.fullmatch(r"[\d\s()./-]+", t) for t in texts)
    return True


def _span_width(row: list[Cell], k: int) -> int:
    """How many grid columns the cell at k covers (itself and the cells merged into it from the left)."""
    n = 1
    while k + n < len(row) and row[k + n].spanned == Span.LEFT:
        n += 1
    return n


def _header_hits(texts: list[str]) -> tuple[int, int]:
    """(labels that name a field, other header labels: a target, baseline or year column, or a
    level of government over sub-headers) among a row's texts."""
    hits = others = 0
    for t in texts:
        field, score = match_header(t)
        # a keyword inside a longer text is how data cells read too ("Rumus Perhitungan : ...")
        if field is not None and (score >= vocabulary().min_score or len(t) <= 40):
            hits += 1
        elif len(t) <= 40 and (_meaning(t)[0] == NOT_A_FIELD or re.fullmatch(r"\(?(19|20)\d\d\)?", t)
                               or header_level(t)[0]):
            others += 1
    return hits, others


def _names_indikator(texts: list[str]) -> bool:
    return any(match_header(t)[0] in ("indikator", "indikator_daerah") for t in texts)


def header_rows(rows: list[list[Cell]]) -> int:
    """How many leading rows of a table fragment are header (0 when it has none)."""
    if not rows:
        return 0
    first = rows[0]
    filled = [c.text.strip() for c in first if not c.empty]
    if any(len(t) > 120 for t in filled):  # header labels are short; data cells run long
        return 0
    hits, others = _header_hits(filled)
    has_colspan = any(c.spanned == Span.LEFT for c in first[1:])
    if hits == 1 and others >= 1 and hits + others == len(filled) and _names_indikator(filled):
        # the smallest indicator table: its indicator column and target / year columns only
        # ("Indikator" | "Target Kinerja": a PK whose sasaran are section rows), every label
        # a header's
        hits = 2
    if hits < 2 or hits + others < 0.5 * len(filled):
        # a first level of parents only ("Pemerintah Kabupaten X" | "Perangkat Daerah" over
        # "Sasaran" | "Indikator"): the fields are named by the level under it
        widest = max((_span_width(first, k) for k, c in enumerate(first) if not c.empty), default=0)
        if not (has_colspan and len(rows) > 1 and len(filled) >= 2 and widest <= len(first) / 2
                and _reads_as_sub_headers(rows[1])):
            return 0  # (one label across the row is a title, not a level of parents)
        below = [c.text.strip() for c in rows[1] if not c.empty]
        h2, o2 = _header_hits(below)
        if hits + h2 < 2 or hits + h2 + others + o2 < 0.5 * (len(filled) + len(below)):
            return 0
        n = 2
        while n < len(rows) and is_numbering_row(rows[n]):
            n += 1
        return n
    n = 1
    # a second header level: under a label merged across columns, or beside
    # labels merged down into it ("Indikator" | "Target" over "2016" | "Penjelasan")
    if len(rows) > 1 and (has_colspan or any(c.spanned == Span.UP for c in rows[1])):
        second = rows[1]
        texts = [c.text.strip() for c in second if not c.empty]
        if any(c.spanned for c in second) and texts and all(len(t) < 45 for t in texts) \
                and _reads_as_sub_headers(second):
            n = 2
    while n < len(rows) and is_numbering_row(rows[n]):
        n += 1
    return n


def map_columns(rows: list[list[Cell]], n_header: int) -> list[Column]:
    """Canonical field of every column, two-level headers included.

    A sub-header that names no field takes its parent's meaning; one that names a
    column no field takes ("Target" under "Indikator") does not. The level of
    government a header or its parent names decides between the agency's and the
    region's sasaran / indikator; where two columns claim one field, a column at
    the agency's own level (or at none) keeps it over one at another level ("Satuan"
    under "Indikator Program"), then the better match, then the first."""
    ncols = len(rows[0])
    parents = [""] * ncols
    children = [""] * ncols
    levels = [r for r in rows[:n_header] if not is_numbering_row(r)]
    for k in range(ncols):
        top = levels[0]
        if top[k].spanned == "left":  # the parent label spans this column
            j = k
            while j > 0 and top[j].spanned == Span.LEFT:
                j -= 1
            parents[k] = top[j].text
        else:
            parents[k] = top[k].text
        if len(levels) > 1 and not levels[1][k].spanned:
            children[k] = levels[1][k].text
    # header words a scan's row cut left over a numbering row's number ("Sasaran Strategis"
    # over "(2)", is_numbering_row) end their column's header
    for r in rows[:n_header]:
        if not any(r is lv for lv in levels) and len(r) == ncols:
            for k, c in enumerate(r):
                words = _words_over_number(c.text)
                if words is not None:
                    if len(levels) > 1 and children[k]:
                        children[k] = f"{children[k]} {words}"
                    else:
                        parents[k] = f"{parents[k]} {words}".strip()
    norm = lambda s: re.sub(r"\s+", " ", s).strip()
    # grid columns under one merged header cell with no sub-headers are one column
    spans: list[list[int]] = []
    for k in range(ncols):
        if k and levels[0][k].spanned == Span.LEFT and not children[k] and not children[spans[-1][0]]:
            spans[-1].append(k)
        else:
            spans.append([k])
    columns: list[Column] = []
    ranks: list[tuple] = []
    for pos, span in enumerate(spans):
        k = span[0]
        parent, child = norm(parents[k]), norm(children[k])
        label = f"{parent} / {child}" if child and child != parent else parent
        if child:
            meant, _ = _meaning(child)
            field, score = match_header(child, parent)
            if meant is None or clean_header(child) in vocabulary().generic_children:
                field, score = match_header(parent)  # the child names nothing of its own: the parent's meaning
            level = header_level(child) if header_level(child)[0] else header_level(parent)
        else:
            field, score = match_header(parent)
            level = header_level(parent)
        columns.append(Column(index=pos, label=label, field=field, score=score, sources=tuple(span), claimed=field))
        ranks.append((0 if level[2] else 1, -score, pos))
    _pair_levels(columns, ranks)
    # one column per field: the best ranked keeps it, the others go to extra; a column whose
    # cells are labelled parts of other fields ("Rumus Perhitungan : …  Sumber : …" under
    # "Penjelasan") holds those fields, not its header's, so another claimant keeps the field;
    # so does a column holding only printed codes ("IK 1.1", "SS 2") against one of text: a
    # code column's header that lost its "Kode" (a scan's missed word) reads as the text
    # column's, and the codes number the indicators instead (records._code_column)
    for f in {c.field for c in columns if c.field is not None}:
        claim = [i for i, c in enumerate(columns) if c.field == f]
        holds = {i: _holds_labelled_parts(rows[n_header:], columns[i].sources, f) for i in claim} \
            if len(claim) > 1 else {}
        codes = {i: _holds_codes(rows[n_header:], columns[i].sources) for i in claim} \
            if len(claim) > 1 and f != "no" else {}
        if codes and all(codes.values()):
            codes = {}
        keep = min(claim, key=lambda i: (holds.get(i, False), codes.get(i, False), ranks[i]))
        for i in claim:
            if i != keep:
                columns[i].field, columns[i].score = None, 0.0
    _promote_regional(columns)
    _name_the_indicator(columns)
    _key_repeated_labels(columns)
    return columns


def _holds_labelled_parts(body: list[list[Cell]], sources: tuple[int, ...], field: Optional[str]) -> bool:
    """Most of the column's non-empty cells open with a part label of another field ("Rumus
    Perhitungan :", "Sumber :"): a column of labelled parts, whatever its header names."""
    from iku.normalizers.cells import split_labelled  # (cells reads header words from this module)
    texts = [" ".join(row[k].text for k in sources if k < len(row)).strip() for row in body]
    texts = [t for t in texts if t]
    if not texts:
        return False
    labelled = 0
    for t in texts:
        lead, parts = split_labelled(t)
        if not lead.strip() and parts and any(pf != field for pf, _ in parts):
            labelled += 1
    return labelled > 0.5 * len(texts)


def _holds_codes(body: list[list[Cell]], sources: tuple[int, ...]) -> bool:
    """Every line of the column's non-empty cells is a printed code of an indicator or a
    sasaran ("IK 1.1", "SS 2", "1.2") and nothing else; at least one such cell. Rows with one
    text only are left out (a section row's label, "Misi 1. …", sits in the first column)."""
    from iku.normalizers.cells import is_code  # (cells reads header words from this module)
    body = [row for row in body if sum(not c.empty for c in row) > 1]
    texts = [" ".join(row[k].text for k in sources if k < len(row)).strip() for row in body]
    lines = [ln.strip() for t in texts for ln in t.splitlines() if ln.strip()]
    return bool(lines) and all(is_code(ln) or is_code(ln, "sasaran") for ln in lines)


def _name_the_indicator(columns: list[Column]) -> None:
    """A table with no indicator column whose header names the indicator elsewhere than at its
    head ("Uraian Indikator" read as an explanation, "Nama / Indikator") has its indicators
    there: the first such column becomes the indikator column."""
    if any(c.field == "indikator" for c in columns):
        return
    for c in columns:
        if c.field in (None, "penjelasan", COMBINED) and "indikator" in _heads(clean_header(c.label).split()):
            c.field, c.score = "indikator", min(c.score, 70.0) or 70.0
            return


def _key_repeated_labels(columns: list[Column]) -> None:
    """A header printed more than once ("Satuan", "Target" for the indicator and again for
    the program) keys its extra column with the column before it ("Indikator Program /
    Satuan"), so that no extra value overwrites another."""
    seen: set[str] = set()
    for pos, c in enumerate(columns):
        label = c.label
        if c.field is None and label in seen and pos > 0:
            before = columns[pos - 1].label.split(" / ")[0]
            c.label = f"{before} / {label}"
        seen.add(label)
    labels = [c.label for c in columns]
    for pos, c in enumerate(columns):
        if c.field is None and labels.count(c.label) > 1:
            c.label = f"{c.label} ({labels[:pos + 1].count(c.label)})"


def _pair_levels(columns: list[Column], ranks: list[tuple]) -> None:
    """Two sasaran / indikator pairs side by side that name no level ("Sasaran Strategis |
    Indikator | Sasaran Strategis | Indikator Sasaran", the levels printed above the table or
    not at all): the level above comes first, so the left pair is the region's."""
    renames = next((r for _, _, r, own in vocabulary().levels if not own and r), {})
    _pair_same_level(columns, ranks, renames)
    claims = {f: [i for i, c in enumerate(columns) if c.field == f and ranks[i][0] == 0] for f in renames}
    if len(renames) < 2 or any(len(ix) != 2 for ix in claims.values()):
        _pair_with_named_level(columns, renames, claims)
        return
    for f, (left, _) in claims.items():
        columns[left].field = renames[f]


def _pair_same_level(columns: list[Column], ranks: list[tuple], renames: dict[str, str]) -> None:
    """Two sasaran / indikator pairs side by side that both name the region's level and no
    column the agency's own ("Tingkat Pemerintah Daerah" over one pair, "Perangkat Daerah"
    over the other with "Perangkat" lost to a scan's faded band: the "Daerah" left names the
    region): a table holds one region's pair, so the level above comes first and the right
    pair is the agency's own."""
    if len(renames) < 2 or any(c.field in renames for c in columns):
        return
    claims = {f: [i for i, c in enumerate(columns) if c.field == regional] for f, regional in renames.items()}
    if any(len(ix) != 2 for ix in claims.values()):
        return
    lefts, rights = [ix[0] for ix in claims.values()], [ix[1] for ix in claims.values()]
    if max(lefts) > min(rights):  # the pairs side by side, not interleaved
        return
    for f, (_, right) in claims.items():
        columns[right].field = f
        ranks[right] = (0,) + tuple(ranks[right][1:])


def _pair_with_named_level(columns: list[Column], renames: dict[str, str],
                           claims: dict[str, list[int]]) -> None:
    """One pair's level named, the other kind claimed twice with none ("Pemerintah Kabupaten X
    Sasaran | Indikator | Uraian Sasaran | Indikator", the agency's parent label lost to a
    scan): with the region's column of the other kind left of the first claim and the plain
    one between the two claims, the first claim is the region's."""
    for f, ix in claims.items():
        other = next((o for o in renames if o != f), None)
        if len(ix) != 2 or other is None:
            continue
        regional = [i for i, c in enumerate(columns) if c.field == renames[other]]
        plain = [i for i, c in enumerate(columns) if c.field == other]
        if len(regional) == 1 and len(plain) == 1 and regional[0] < ix[0] < plain[0] < ix[1]:
            columns[ix[0]].field = renames[f]


def _promote_regional(columns: list[Column]) -> None:
    """A regional sasaran / indikator column without the agency's own of the same kind
    beside it is the table's own (an RPJMD table): it takes the plain field."""
    fields = {c.field for c in columns}
    for _, _, renames, own in vocabulary().levels:
        if not own:
            continue
        for regional, plain in renames.items():
            if regional in fields and plain not in fields:
                for c in columns:
                    if c.field == regional:
                        c.field = plain


DEFINITIONAL = {"formulasi", "penjelasan", COMBINED, "alasan", "sumber_data", "penanggung_jawab",
                "tipe_perhitungan"}


def _reports_results(columns: list[Column]) -> bool:
    """Columns of results against targets (an LKIP's "Target | Realisasi | Capaian (%)"): a column
    headed by "Realisasi", or two headed by report words. A header that only holds such a word
    ("Target Capaian 2021", a target) or one achievement as the baseline ("Capaian 2018" before
    the targets of a plan) is no report."""
    report = vocabulary().report_words
    led = [clean_header(c.label).split()[:1] for c in columns if c.field is None and clean_header(c.label)]
    led = [w[0] for w in led if w and w[0] in report]
    # A field's column whose header also holds "Realisasi" is several columns' headers run
    # together (a scan read "Satuan Target Realisasi Capaian" as one word box, and the cells
    # under it as one): no field's own header names a realisation.
    run_together = any("realisasi" in clean_header(c.label).split()[1:]
                       for c in columns if c.field is not None)
    return "realisasi" in led or len(led) >= 2 or run_together


def is_indicator_table(columns: list[Column], section_rows: bool = False) -> bool:
    """A table whose rows are indicators of a sasaran or tujuan (FORMAT.md, "Which tables are
    indicator tables"): an indikator column with a definitional one (formula, explanation,
    source ...), or with a sasaran-level column, or under section rows (`section_rows`: rows
    of one text across the table between its indicator rows, the sasaran printed as a
    heading of the rows under it). Not a results report (realisasi, capaian),
    and not a program / kegiatan / budget table: without a sasaran-level column, a program
    column, or a column of activities or money (data/table_hints.toml, [programs]), makes
    the rows programs and their indikator the program's. A table of indicators with units
    and nothing above them (a PK's "Indikator Kinerja / Satuan / Target") is taken."""
    fields = {c.field for c in columns}
    if "indikator" not in fields:
        return False
    if fields & DEFINITIONAL:
        return True
    if _reports_results(columns):
        return False
    if fields & {"sasaran", "sasaran_daerah", "indikator_daerah"}:
        return True
    hints = table_hints()
    programs = set(hints.program_words)
    # (unless the program's indicator has a column of its own beside this one: then the kept
    # indikator is the agency's, the program column names the program its rows serve)
    program_indicator = any(c.claimed == "indikator" and c.field is None for c in columns)
    if not program_indicator and ("program" in fields or any(
            programs & set(clean_header(c.label).split()) for c in columns if c.field is None)):
        return False
    return "satuan" in fields or section_rows
