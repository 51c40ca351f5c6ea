"""Indonesian regions (provinsi, kabupaten, kota) and the ways documents write them.

The official list is ``data/wilayah-kemendagri-2025.csv`` (see ``data/SOURCES.md``).
Abbreviations and former names live in ``data/region-aliases.csv``, the words
that introduce a region ("Kabupaten", "Kab.", "Pemkot", "Prov." ...) in
``data/region-prefixes.csv`` and the 2022 Papua split in
``data/papua-pemekaran-2022.csv``.

>>> find_region("Kab. Batola").nama
'Kabupaten Barito Kuala'
>>> find_region("PEMERINTAH PROVINSI KALSEL").nama
'Provinsi Kalimantan Selatan'

Matching is on whole words and case-insensitive. A region name is accepted
without its prefix only for provinces (and aliases marked ``bare``), or when
the whole text is nothing but the name: bare kabupaten/kota names are too
often ordinary words ("Batu", "Tegal", "Malang"). Misspelt or OCR-damaged
names are accepted after a prefix when they are within a small edit distance
of exactly one region name.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from rapidfuzz.distance import Levenshtein

DATA_DIR = Path(__file__).resolve().parent / "data"
REGION_TABLE = DATA_DIR / "wilayah-kemendagri-2025.csv"
ALIAS_TABLE = DATA_DIR / "region-aliases.csv"
PREFIX_TABLE = DATA_DIR / "region-prefixes.csv"
PAPUA_SPLIT_TABLE = DATA_DIR / "papua-pemekaran-2022.csv"

LEVELS = ("provinsi", "kabupaten", "kota")
PAPUA_SPLIT_YEAR = 2022  # the four new Papua provinces were created in 2022

# Longest official prefixes first: "Kota Administrasi Jakarta Pusat" -> "Jakarta Pusat".
_OFFICIAL_PREFIXES = ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota ")
_TOKEN = re.compile(r"[0-9A-Za-z]+")
_MAX_NAME_TOKENS = 6
_MIN_FUZZY_CHARS = 6


@dataclass(frozen=True)
class Region:
    kode: str  # Kemendagri code: "63" (provinsi), "63.04" (kabupaten/kota)
    nama: str  # official name with its prefix: "Kabupaten Barito Kuala", "Provinsi Jawa Barat"
    level: str  # "provinsi", "kabupaten" or "kota"
    provinsi: str  # the (current) province: "Kalimantan Selatan"
    kode_provinsi: str
    inti: str  # the name without prefix: "Barito Kuala", "Jawa Barat"
    # the province before the 2022 Papua split, for the regions it moved; else None
    provinsi_lama: Optional[str] = None

    def provinsi_pada(self, year: Optional[int]) -> str:
        """The province the region belonged to in `year` (None: today)."""
        if self.provinsi_lama and year is not None and year < PAPUA_SPLIT_YEAR:
            return self.provinsi_lama
        return self.provinsi


@dataclass(frozen=True)
class RegionMatch:
    region: Region
    start: int  # character offsets of the mention in the searched text
    end: int
    text: str  # the mention as written
    how: str  # "prefix" (exact name after a prefix), "alias", "fuzzy", "bare", "whole"
    distance: int = 0  # edit distance of a fuzzy match


# --------------------------------------------------------------------------- text keys


def strip_accents_keep_length(text: str) -> str:
    """Drop accents without changing the string's length (offsets stay valid); case is kept."""
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch)[:1]
        out.append(base if base.isascii() and base.isalnum() else ch)
    return "".join(out)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(strip_accents_keep_length(text))]


def name_key(text: str) -> str:
    """Lower case, letters and digits only, single spaces: "Kab.Kutai  Kartanegara" -> "kab kutai kartanegara"."""
    return " ".join(t for t, _, _ in _tokens(text))


def _compact(key: str) -> str:
    return key.replace(" ", "")


def read_data_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a data CSV, cells stripped; a row whose first cell starts with '#' is a comment."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = []
        for row in csv.DictReader(fh):
            first = next(iter(row.values()), "") or ""
            if first.lstrip().startswith("#"):
                continue
            rows.append({k: (v or "").strip() for k, v in row.items() if k})
        return rows


# --------------------------------------------------------------------------- the tables


@lru_cache(maxsize=1)
def load_regions() -> tuple[Region, ...]:
    """Every province, kabupaten and kota of the official table (read once)."""
    old_province = {r["provinsi"]: r["provinsi_lama"] for r in read_data_csv(PAPUA_SPLIT_TABLE)}
    regions = []
    for row in read_data_csv(REGION_TABLE):
        level, nama, provinsi = row["level"], row["nama"], row["provinsi"]
        if level not in LEVELS:
            continue
        if level == "provinsi":
            inti, full = nama, f"Provinsi {nama}"
        else:
            inti, full = nama, nama
            for prefix in _OFFICIAL_PREFIXES:
                if nama.startswith(prefix):
                    inti = nama[len(prefix):]
                    break
        lama = old_province.get(provinsi) if level != "provinsi" else None
        regions.append(Region(kode=row["kode"], nama=full, level=level, provinsi=provinsi,
                              kode_provinsi=row["kode_provinsi"], inti=inti, provinsi_lama=lama))
    return tuple(regions)


@dataclass(frozen=True)
class _Index:
    exact: dict  # level -> key (spaced or compact) -> list[Region]
    alias: dict  # level -> key (spaced or compact) -> Region
    bare: dict  # key (spaced or compact) -> Region, usable without a prefix
    whole: dict  # key -> list[Region]: every name and alias, for a text that is only a name
    fuzzy: dict  # level -> list[(name tokens, Region)]
    prefixes: tuple  # ((tokens...), level), longest first
    fillers: tuple  # ((tokens...),), longest first


def _add(table: dict, key: str, region: Region) -> None:
    for k in {key, _compact(key)}:
        bucket = table.setdefault(k, [])
        if region not in bucket:
            bucket.append(region)


@lru_cache(maxsize=1)
def _index() -> _Index:
    regions = load_regions()
    exact: dict = {lvl: {} for lvl in LEVELS}
    whole: dict = {}
    fuzzy: dict = {lvl: [] for lvl in LEVELS}
    for r in regions:
        key = name_key(r.inti)
        _add(exact[r.level], key, r)
        _add(whole, key, r)
        fuzzy[r.level].append((tuple(key.split()), r))

    by_name = {(r.level, r.nama if r.level != "provinsi" else r.provinsi): r for r in regions}
    alias: dict = {lvl: {} for lvl in LEVELS}
    bare: dict = {}
    for row in read_data_csv(ALIAS_TABLE):
        region = by_name.get((row["level"], row["nama"]))
        if region is None:
            raise ValueError(f"{ALIAS_TABLE.name}: unknown region {row['nama']!r} ({row['level']})")
        key = name_key(row["alias"])
        for k in {key, _compact(key)}:
            alias[region.level][k] = region
            if row.get("bare", "").lower() == "yes":
                bare[k] = region
        _add(whole, key, region)

    # Province names are usable bare unless a kabupaten/kota has the same name
    # ("Gorontalo", "Bengkulu", "Jambi").
    local_names = {k for lvl in ("kabupaten", "kota") for k in exact[lvl]}
    for key, found in exact["provinsi"].items():
        if key not in local_names:
            bare.setdefault(key, found[0])

    prefixes, fillers = [], []
    for row in read_data_csv(PREFIX_TABLE):
        toks = tuple(name_key(row["form"]).split())
        if row["level"] == "filler":
            fillers.append(toks)
        elif row["level"] in LEVELS:
            prefixes.append((toks, row["level"]))
    prefixes.sort(key=lambda p: -len(p[0]))
    fillers.sort(key=lambda f: -len(f))
    return _Index(exact=exact, alias=alias, bare=bare, whole=whole, fuzzy=fuzzy,
                  prefixes=tuple(prefixes), fillers=tuple(fillers))


def prefix_words() -> frozenset[str]:
    """The words that open a region prefix ("kabupaten", "kab", "kota", "prov", ...)."""
    return frozenset(form[0] for form, _ in _index().prefixes)


def regions_by_name(name: str, level: Optional[str] = None) -> list[Region]:
    """Regions whose name or alias is exactly `name` (prefix-less, any case)."""
    found = _index().whole.get(name_key(name), [])
    return [r for r in found if level is None or r.level == level]


# --------------------------------------------------------------------------- matching


def _max_edits(n_chars: int) -> int:
    if n_chars < _MIN_FUZZY_CHARS:
        return 0
    if n_chars <= 8:
        return 1
    if n_chars <= 12:
        return 2
    return 3


def _fuzzy_prefix_token(token: str, forms: set[str]) -> bool:
    """OCR-damaged long prefix words: "kabupalen", "provinsl"."""
    if len(token) < 7:
        return False
    return any(len(f) >= 7 and Levenshtein.distance(token, f, score_cutoff=1) <= 1 for f in forms)


SPLIT_PREFIX_MIN_CHARS = 7  # a prefix word this long may be read cut in two ("KAB UPATEN"); "KO TA" is no such word


def _match_prefix(toks, i: int, idx: _Index) -> Optional[tuple[str, int]]:
    # a scan cuts a long word at a gap between its letters, or where its line wraps ("KAB" / "UPATEN
    # SUKAMAJU"): its two pieces make a one-word prefix whole. Tried first, as the first piece
    # may be a prefix of its own ("kab"); a name must still follow it (find_regions)
    if i + 1 < len(toks) and toks[i][0].isalpha() and toks[i + 1][0].isalpha():
        joined = toks[i][0] + toks[i + 1][0]
        for form, level in idx.prefixes:
            if len(form) == 1 and len(form[0]) >= SPLIT_PREFIX_MIN_CHARS and joined == form[0]:
                return level, 2
    for form, level in idx.prefixes:
        n = len(form)
        if tuple(t for t, _, _ in toks[i:i + n]) == form:
            return level, n
    single = {f[0] for f, _ in idx.prefixes if len(f) == 1}
    if i < len(toks) and toks[i][0] not in single and _fuzzy_prefix_token(toks[i][0], single):
        for form, level in idx.prefixes:
            if len(form) == 1 and Levenshtein.distance(toks[i][0], form[0]) <= 1:
                return level, 1
    return None


def _skip_fillers(toks, j: int, idx: _Index) -> int:
    for form in idx.fillers:
        if tuple(t for t, _, _ in toks[j:j + len(form)]) == form:
            return j + len(form)
    return j


def _window(toks, j: int, k: int) -> tuple[str, str]:
    """The words j..j+k as a spaced key and as a compact key ("fak fak" / "fakfak").
    Single letters are not glued together ("b angka" is not "bangka")."""
    words = [t for t, _, _ in toks[j:j + k]]
    spaced = " ".join(words)
    compact = "".join(words) if all(len(w) > 1 for w in words) else spaced
    return spaced, compact


def _match_name(toks, j: int, level: str, idx: _Index, capitalised: bool = True):
    """The region of `level` named at token j: (region, n_tokens, how, distance) or None.

    `capitalised`: whether the word at j is written with a capital; a misspelt
    one-word name is only considered then (names are capitalised, ordinary words
    often not).
    """
    n = min(_MAX_NAME_TOKENS, len(toks) - j)
    for k in range(n, 0, -1):
        spaced, compact = _window(toks, j, k)
        found = idx.exact[level].get(spaced) or idx.exact[level].get(compact)
        if found:
            return found[0], k, "prefix", 0
        alias = idx.alias[level].get(spaced) or idx.alias[level].get(compact)
        if alias:
            return alias, k, "alias", 0
    return _fuzzy_name(toks[j:j + n], (level,), idx, min_words=1 if capitalised else 2)


def _close_tokens(written: list[str], name: tuple[str, ...]) -> Optional[int]:
    """Edit distance between two names of the same word count, or None when some
    word differs too much (short words must be exact; first letters must agree)."""
    total = 0
    for w, t in zip(written, name):
        if w == t:
            continue
        limit = _max_edits(len(t))
        if limit == 0 or w[:1] != t[:1] or abs(len(w) - len(t)) > limit:
            return None
        d = Levenshtein.distance(w, t, score_cutoff=limit)
        if d > limit:
            return None
        total += d
    return total


def _fuzzy_name(window_toks, levels, idx: _Index, min_words: int = 1):
    """The one name (of `levels`) that the first words of the window misspell:
    (region, n_tokens, "fuzzy", distance) or None when none or several fit."""
    written = [t for t, _, _ in window_toks]
    best = None
    for k in range(min_words, len(written) + 1):
        hits = []
        for lvl in levels:
            for name, region in idx.fuzzy[lvl]:
                if len(name) == k:
                    d = _close_tokens(written[:k], name)
                    if d is not None:
                        hits.append((d, region))
        if not hits:
            continue
        hits.sort(key=lambda h: h[0])
        if len(hits) > 1 and hits[1][0] == hits[0][0] and hits[1][1] != hits[0][1]:
            continue  # two regions equally close: refuse to guess
        d, region = hits[0]
        if d > 0 and (best is None or d < best[3]):
            best = (region, k, "fuzzy", d)
    return best


def find_regions(text: str, level: Optional[str] = None) -> list[RegionMatch]:
    """Every region mention in `text`, in order of appearance."""
    if not text:
        return []
    idx = _index()
    toks = _tokens(text)
    out: list[RegionMatch] = []
    i = 0
    while i < len(toks):
        pref = _match_prefix(toks, i, idx)
        if pref:
            plevel, np_ = pref
            j = _skip_fillers(toks, i + np_, idx)
            hit = None
            if j < len(toks):
                hit = _match_name(toks, j, plevel, idx, text[toks[j][1]].isupper())
            if hit:
                region, k, how, dist = hit
                end = toks[j + k - 1][2]
                if level is None or region.level == level:
                    start = toks[i][1]
                    out.append(RegionMatch(region, start, end, text[start:end], how, dist))
                i = j + k
                continue
        hit = _match_bare(toks, i, idx)
        if hit:
            region, k = hit
            start, end = toks[i][1], toks[i + k - 1][2]
            if level is None or region.level == level:
                out.append(RegionMatch(region, start, end, text[start:end], "bare"))
            i += k
            continue
        i += 1
    if not out and len(toks) <= _MAX_NAME_TOKENS:
        hit = _match_whole(toks, level, idx)
        if hit:
            out.append(RegionMatch(hit[0], toks[0][1], toks[-1][2], text[toks[0][1]:toks[-1][2]],
                                   "whole", hit[1]))
    return out


def _match_bare(toks, i: int, idx: _Index):
    n = min(_MAX_NAME_TOKENS, len(toks) - i)
    for k in range(n, 0, -1):
        spaced, compact = _window(toks, i, k)
        region = idx.bare.get(spaced) or idx.bare.get(compact)
        if region:
            return region, k
    return None


def _match_whole(toks, level: Optional[str], idx: _Index):
    """A text that is only a name: "Barito Kuala", "Depok", "Kutai Kartanegra" (misspelt
    only when it has several words)."""
    spaced, compact = _window(toks, 0, len(toks))
    found = idx.whole.get(spaced) or idx.whole.get(compact) or []
    found = [r for r in found if level is None or r.level == level]
    if len(found) == 1:
        return found[0], 0
    if found:
        return None  # "Pasuruan": both a kabupaten and a kota
    if len(toks) < 2:
        return None  # one word close to a name is too often an ordinary word
    hit = _fuzzy_name(toks, LEVELS if level is None else (level,), idx)
    if hit and hit[1] == len(toks):
        return hit[0], hit[3]
    return None


def find_region(text: str, level: Optional[str] = None) -> Optional[Region]:
    """The first region mentioned in `text` (optionally only of `level`), or None."""
    try:
        found = find_regions(text, level)
    except Exception:  # never let odd text break a caller
        return None
    return found[0].region if found else None
