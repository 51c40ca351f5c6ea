"""Indicator families: equivalent indicators of different agencies, grouped.

"Persentase PMKS yang tertangani", "Cakupan Penanganan PMKS" and "Persentase
penanganan PMKS" are one family; "Persentase realisasi Pajak Kendaraan
Bermotor" and "Persentase realisasi Pajak Bahan Bakar Kendaraan Bermotor" are
two.

1. Normalise each text (`indicator_key`): lower case, no punctuation, no
   bracketed asides ("(PMKS)", "(%)"), no region names ("Kabupaten
   Banyumas"); written-out phrases become their short form ("penyandang
   masalah kesejahteraan sosial" -> "pmks", "lanjut usia" -> "lansia"),
   word forms become one word ("tertangani", "penanganan" -> "tangani"),
   the leading kind word goes ("Persentase", "Prosentase", "Cakupan",
   "Jumlah" ...: the kind is compared separately), stop words go ("yang",
   "dan" ...), and so does a trailing office name ("Nilai SAKIP *Dinas
   Kesehatan*"). The vocabulary is data/indicator-vocabulary.toml.
2. Only texts of the same kind (kinds.classify) are compared, and only
   within a block: texts sharing a pair of their four rarest words (rarity
   over the whole catalog). Two texts whose words differ by at most two
   always share a block, so nothing is compared with everything; a block
   too large for all-pairs is compared in a sliding window over its sorted
   texts. The work grows with the number of texts, not its square.
3. A candidate pair is scored with rapidfuzz `token_set_ratio` (>= 85) and
   then checked word by word: after pairing words within a small edit
   distance (typos: "Perkntoran"), the remaining difference must be on one
   side only (one text says more than the other, never something else:
   "perdesaan" vs "perkotaan" stays apart) and at most one word (two for
   texts of six words or more).
4. Accepted pairs are joined with union-find; each component is a family.
   Its representative is the most common normalised text (ties: shorter,
   then alphabetical) and its name the most common way that text is
   written, less an office name at its end ("Nilai SAKIP"); the family id
   is a hash of kind and representative, so the same indicators always
   give the same ids.
"""
from __future__ import annotations

import hashlib
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Optional, Sequence

from rapidfuzz import fuzz

from iku.normalizers.regions import ALIAS_TABLE, find_regions, load_regions, prefix_words
from iku.pipeline.catalog.urusan import names_office
from iku.pipeline.catalog.vocabulary import lower_without_accents, read_csv, vocabulary, words

SCORE_CUTOFF = 85  # token_set_ratio of a candidate pair
TYPO_SIMILARITY = 85  # fuzz.ratio of two words taken for the same word misspelt
TYPO_MIN_CHARS = 5
RAREST = 4  # blocking: pairs of each text's four rarest words
BLOCK_ALL_PAIRS = 64  # blocks up to this size: every pair; larger: a sliding window
WINDOW = 24
_STRIP_LEADING = ("angka", "tingkat")  # leading words dropped with the kind words (not kinds by themselves)
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SPAN = re.compile(r"[0-9A-Za-z\u00C0-\u024F]+")


# --------------------------------------------------------------------------- normalisation

@dataclass(frozen=True)
class _Vocab:
    kind_words: frozenset
    stopwords: frozenset
    office_heads: frozenset
    synonyms: dict
    phrases: dict  # first word -> [(tuple of words, replacement)], longest first
    region_triggers: frozenset


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    voc = vocabulary()
    norm = voc["normalise"]
    kind_words = {w for kind, ws in voc["kinds"].items() if kind != "weak" for w in ws} | set(_STRIP_LEADING)
    synonyms = {v: canon for canon, variants in norm["synonyms"].items() for v in variants}
    phrases: dict = defaultdict(list)
    for short, forms in norm["phrases"].items():
        for form in forms:
            toks = tuple(words(form))
            if toks and toks != (short,):
                phrases[toks[0]].append((toks, short))
    for first in phrases:
        phrases[first].sort(key=lambda p: -len(p[0]))
    triggers = set(prefix_words())
    triggers.update(words(r.inti)[0] for r in load_regions() if r.level == "provinsi" and words(r.inti))
    triggers.update(words(r["alias"])[0] for r in read_csv(ALIAS_TABLE) if r.get("bare", "").lower() == "yes"
                    and words(r["alias"]))
    triggers -= {"daerah", "kepulauan"}  # too common in indicator texts ("Pendapatan Asli Daerah")
    return _Vocab(kind_words=frozenset(kind_words), stopwords=frozenset(norm["stopwords"]),
                  office_heads=frozenset(norm["office_heads"]), synonyms=synonyms, phrases=dict(phrases),
                  region_triggers=frozenset(triggers))


def _dedupe(toks: list[str]) -> list[str]:
    """Consecutive repeats once: "nilai nilai" (from "nilai-nilai"), "pihak pihak" -> one."""
    return [t for i, t in enumerate(toks) if i == 0 or t != toks[i - 1]]


@lru_cache(maxsize=100_000)
def _region_spans(text: str) -> tuple[tuple[int, int], ...]:
    try:
        return tuple((m.start, m.end) for m in find_regions(text))
    except Exception:
        return ()


def _without_regions(text: str, v: _Vocab) -> str:
    """The text without region names. Looked up from the first word that may start one, so that the many
    texts ending in the same "... Kabupaten X" share one lookup."""
    for m in _SPAN.finditer(text):
        if lower_without_accents(m.group()) in v.region_triggers:
            start = m.start()
            break
    else:
        return text
    tail = text[start:]
    for a, b in reversed(_region_spans(tail)):
        tail = tail[:a] + " " + tail[b:]
    return text[:start] + tail


@lru_cache(maxsize=400_000)
def indicator_key(text: Optional[str]) -> str:
    """The form indicator texts are compared by (see the module doc): the same for two
    wordings of one indicator ("Prosentase lanjut usia ..." and "Cakupan lansia ...")."""
    if not text:
        return ""
    v = _vocab()
    t = text
    for _ in range(2):  # nested brackets
        t = _BRACKETS.sub(" ", t)
    t = _without_regions(t, v)
    raw = words(t)
    toks: list[str] = []
    i = 0
    while i < len(raw):
        for form, short in v.phrases.get(raw[i], ()):
            if tuple(raw[i:i + len(form)]) == form:
                toks.append(short)
                i += len(form)
                break
        else:
            toks.append(raw[i])
            i += 1
    toks = _dedupe([v.synonyms.get(tok, tok) for tok in toks])
    while len(toks) > 1 and toks[0] in v.kind_words:
        toks = toks[1:]
    toks = [tok for tok in toks if tok not in v.stopwords] or toks
    for i in range(1, len(toks)):
        if toks[i] in v.office_heads and names_office(" ".join(toks[i:])):
            toks = toks[:i]
            break
    return " ".join(_dedupe(toks))


# the old name, still used by tests/test_catalog.py
normalise = indicator_key


@lru_cache(maxsize=400_000)
def without_office(text: str) -> str:
    """The text without a trailing office name, as written: "Nilai SAKIP Dinas Kesehatan" -> "Nilai SAKIP"."""
    v = _vocab()
    spans = list(_SPAN.finditer(text))
    for i, m in enumerate(spans[1:], 1):
        word = m.group().lower()
        head = word in v.office_heads or (word == "satuan" and i + 1 < len(spans)
                                          and spans[i + 1].group().lower() == "polisi")
        if head and names_office(text[m.start():]):
            return text[:m.start()].rstrip(" ,-(/")
    return text


# --------------------------------------------------------------------------- comparison

def _same_word(a: str, b: str) -> bool:
    return (len(a) >= TYPO_MIN_CHARS and len(b) >= TYPO_MIN_CHARS and a[0] == b[0]
            and fuzz.ratio(a, b) >= TYPO_SIMILARITY)


def compatible(a: str, b: str) -> bool:
    """Whether two normalised texts of the same kind name the same indicator."""
    if a == b:
        return True
    ta, tb = set(a.split()), set(b.split())
    if ta == tb:
        return True
    ea, eb = sorted(ta - tb), sorted(tb - ta)
    if ea and eb:  # misspelt words pair up
        for x in list(ea):
            for y in eb:
                if _same_word(x, y):
                    ea.remove(x)
                    eb.remove(y)
                    break
    if ea and eb:
        return False  # each says something the other does not
    extra = len(ea) + len(eb)
    if extra == 0:
        return True
    small = min(len(ta), len(tb))
    if small < 2:
        return False
    return extra <= (1 if small < 6 else 2)


def similar(a: str, b: str) -> bool:
    """The full pair test on normalised texts: score, then `compatible`."""
    if a == b:
        return True
    return fuzz.token_set_ratio(a, b, score_cutoff=SCORE_CUTOFF) > 0 and compatible(a, b)


# --------------------------------------------------------------------------- grouping

class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if ra < rb:
                self.parent[rb] = ra
            else:
                self.parent[ra] = rb


@dataclass
class Family:
    family_id: str
    kind: Optional[str]
    name: str  # the representative indicator text, as most often written
    normalized: str  # its normalised form
    indicators: int
    variants: int  # distinct normalised texts in the family


@dataclass
class Grouping:
    family_ids: list[str]  # one per input text, in input order
    normalized: list[str]  # one per input text
    families: list[Family]
    stats: dict = field(default_factory=dict)


def _blocks(nodes: list[tuple[Optional[str], str]]) -> dict:
    """Blocking key -> node numbers. Keys: (kind, rare word, rare word), plus (kind, word) for texts of two
    words or fewer."""
    df: Counter = Counter()
    token_sets = [sorted(set(norm.split())) for _, norm in nodes]
    for toks in token_sets:
        df.update(toks)
    blocks: dict = defaultdict(list)
    for n, ((kind, _), toks) in enumerate(zip(nodes, token_sets)):
        rare = sorted(toks, key=lambda t: (df[t], t))[:RAREST]
        for a, b in combinations(sorted(rare), 2):
            blocks[(kind, a, b)].append(n)
        if len(toks) <= 2:
            for a in toks:
                blocks[(kind, a)].append(n)
    return blocks


def _candidate_pairs(members: list[int], texts: list[str]):
    if len(members) <= BLOCK_ALL_PAIRS:
        yield from combinations(members, 2)
        return
    ordered = sorted(members, key=lambda n: (" ".join(sorted(texts[n].split())), n))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:i + 1 + WINDOW]:
            yield (a, b) if a < b else (b, a)


def group(texts: Sequence[Optional[str]], kinds: Sequence[Optional[str]]) -> Grouping:
    """Families of indicator texts (with their kinds, same order)."""
    t0 = time.perf_counter()
    normalized = [indicator_key(t) or " ".join(words(t or "")) for t in texts]
    t_norm = time.perf_counter()

    node_of: dict[tuple[Optional[str], str], int] = {}
    node_index = []
    for kind, norm in zip(kinds, normalized):
        key = (kind, norm)
        n = node_of.get(key)
        if n is None:
            n = node_of[key] = len(node_of)
        node_index.append(n)
    nodes = list(node_of)
    node_texts = [norm for _, norm in nodes]

    uf = _UnionFind(len(nodes))
    blocks = _blocks(nodes)
    t_block = time.perf_counter()
    compared = accepted = 0
    seen: set[int] = set()
    size = len(nodes)
    for key in sorted(blocks, key=lambda k: tuple("" if x is None else x for x in k)):
        members = blocks[key]
        if len(members) < 2:
            continue
        for a, b in _candidate_pairs(members, node_texts):
            code = a * size + b
            if code in seen:
                continue
            seen.add(code)
            if uf.find(a) == uf.find(b):
                continue
            compared += 1
            if similar(node_texts[a], node_texts[b]):
                accepted += 1
                uf.union(a, b)
    t_pairs = time.perf_counter()

    # families: representative, name, id
    members_of: dict[int, list[int]] = defaultdict(list)
    for n in range(len(nodes)):
        members_of[uf.find(n)].append(n)
    node_count = Counter(node_index)
    written: dict[int, Counter] = defaultdict(Counter)
    for n, text in zip(node_index, texts):
        written[n][without_office(" ".join((text or "").split())).rstrip(" .;,:") or (text or "")] += 1
    # How common each written word is: between equally frequent spellings the name takes the one in the
    # most common words ("Persentase realisasi anggaran", not "Prosentase penyerapan anggaran Dnas").
    word_count: Counter = Counter()
    for forms in written.values():
        for text, c in forms.items():
            for w in set(words(text)):
                word_count[w] += c

    def commonness(text: str) -> float:
        ws = words(text)
        return sum(word_count[w] for w in ws) / len(ws) if ws else 0.0
    family_of_node: dict[int, str] = {}
    families: list[Family] = []
    for root, members in members_of.items():
        rep = min(members, key=lambda n: (-node_count[n], len(node_texts[n]), node_texts[n]))
        kind = nodes[rep][0]
        names = written[rep]
        by_form: Counter = Counter()
        for text, c in names.items():
            by_form[text.lower()] += c
        best_form = min(by_form, key=lambda f: (-by_form[f], -commonness(f), len(f), f))
        name = min(t for t in names if t.lower() == best_form)
        fid = "f" + hashlib.sha1(f"{kind or ''}|{node_texts[rep]}".encode("utf-8")).hexdigest()[:12]
        families.append(Family(fid, kind, name, node_texts[rep], sum(node_count[n] for n in members), len(members)))
        for n in members:
            family_of_node[n] = fid
    families.sort(key=lambda f: f.family_id)
    t_end = time.perf_counter()
    stats = {"texts": len(texts), "distinct": len(nodes), "blocks": len(blocks), "compared": compared,
             "accepted": accepted, "families": len(families),
             "seconds": {"normalise": t_norm - t0, "block": t_block - t_norm, "compare": t_pairs - t_block,
                         "families": t_end - t_pairs, "total": t_end - t0}}
    return Grouping([family_of_node[n] for n in node_index], normalized, families, stats)
