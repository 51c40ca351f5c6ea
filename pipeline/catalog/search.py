"""Finding indicators in the catalog by what they say, where and at which level.

The query is normalised like indicator texts are (families.indicator_key: "cacat"
finds "disabilitas", "lanjut usia" finds "lansia", "Prosentase" is
dropped), and every remaining word must appear in the indicator (its
normalised text or as written). Hits are ranked by rapidfuzz
token_set_ratio against the query. When no indicator has every word, a
word the catalog does not know is replaced by the closest word it knows
(rapidfuzz ratio >= 75: "disabilitaz" -> "disabilitas") and the search
runs again.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from rapidfuzz import fuzz, process

from iku.normalizers.regions import LEVELS, find_region
from iku.pipeline.catalog.families import indicator_key
from iku.pipeline.catalog.kinds import KINDS
from iku.pipeline.catalog.vocabulary import words

FUZZY_CUTOFF = 75

COLUMNS = ("indicator_id", "indikator", "kind", "family_id", "family", "jenis", "agency", "urusan", "kode_wilayah",
           "nama_wilayah", "level_wilayah", "kode_provinsi", "nama_provinsi", "period_start", "period_end",
           "formulasi", "normalized", "confidence")


class SearchError(Exception):
    """A query with no word, or a filter that names nothing (unknown province, level, kind)."""


@dataclass(frozen=True)
class Filters:
    province: Optional[str] = None  # name, abbreviation or code: "Kalimantan Selatan", "Kalsel", "63"
    region: Optional[str] = None  # a kabupaten/kota/provinsi, loosely written: "Kab. Batola", "Kota Depok", "32.76"
    level: Optional[str] = None  # provinsi / kabupaten / kota
    kind: Optional[str] = None
    urusan: Optional[str] = None  # name or code, partial: "sosial", "1.06"
    family: Optional[str] = None  # family_id
    # leave out records below this confidence (the extraction's fitted probability that the record is
    # exactly right; unreviewed low-confidence records): None keeps every record
    min_confidence: Optional[float] = None


def _region_code(text: str, level: Optional[str] = None) -> str:
    text = text.strip()
    if text.replace(".", "").isdigit():
        return text
    found = find_region(text, level) or (find_region(f"Provinsi {text}", "provinsi") if level == "provinsi"
                                         else None)
    if found is None:
        raise SearchError(f"{text!r}: no such {level or 'region'} in the Kemendagri table")
    return found.kode


def where(filters: Filters) -> tuple[list[str], list]:
    """SQL conditions on the `catalog` view and their parameters."""
    conds, params = [], []
    if filters.province:
        conds.append("kode_provinsi = ?")
        params.append(_region_code(filters.province, "provinsi").split(".")[0])
    if filters.region:
        conds.append("kode_wilayah = ?")
        params.append(_region_code(filters.region))
    if filters.level:
        if filters.level not in LEVELS:
            raise SearchError(f"--level must be one of {', '.join(LEVELS)}, not {filters.level!r}")
        conds.append("level_wilayah = ?")
        params.append(filters.level)
    if filters.kind:
        if filters.kind not in KINDS:
            raise SearchError(f"--kind must be one of {', '.join(KINDS)}, not {filters.kind!r}")
        conds.append("kind = ?")
        params.append(filters.kind)
    if filters.urusan:  # the text as written: % and _ are characters, not wildcards
        conds.append("(kode_urusan = ? OR contains(lower(urusan), lower(?)))")
        params += [filters.urusan, filters.urusan]
    if filters.family:
        conds.append("family_id = ?")
        params.append(filters.family)
    if filters.min_confidence is not None:
        if not 0 <= filters.min_confidence <= 1:
            raise SearchError(f"--min-confidence must be within 0..1, not {filters.min_confidence}")
        conds.append("(confidence IS NULL OR confidence >= ?)")
        params.append(filters.min_confidence)
    return conds, params


def search(con, query: str, filters: Filters = Filters(), limit: int = 20) -> list[dict]:
    """The indicators best matching `query` under `filters`, best first (each a dict of COLUMNS + score)."""
    qnorm = indicator_key(query) or " ".join(words(query))
    tokens = qnorm.split()
    if not tokens:  # "", "*", "%", "—": a query that says nothing must not list the whole catalog
        raise SearchError(f"{query!r}: no word to search for (give words of the indicator, e.g. \"disabilitas mandiri\")")
    conds, params = where(filters)
    cols = ", ".join(COLUMNS)
    text_conds = [f"(contains(normalized, ?) OR contains(lower(indikator), ?))" for _ in tokens]
    text_params = [p for t in tokens for p in (t, t)]
    sql = f"SELECT {cols} FROM catalog"
    all_conds = conds + text_conds
    if all_conds:
        sql += " WHERE " + " AND ".join(all_conds)
    rows = con.execute(sql, params + text_params).fetchall()
    if not rows and tokens:  # nothing has every word: misspelt words replaced by the closest catalog words
        vocab = [r[0] for r in con.execute("SELECT DISTINCT unnest(string_split(normalized, ' ')) FROM indicators "
                                           "WHERE normalized IS NOT NULL").fetchall() if r[0]]
        known = set(vocab)
        fixed = []
        for tok in tokens:
            if tok not in known:
                best = process.extractOne(tok, vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
                tok = best[0] if best else tok
            fixed.append(tok)
        if fixed != tokens:
            rows = con.execute(sql, params + [p for t in fixed for p in (t, t)]).fetchall()
            qnorm = " ".join(fixed)
    hits = []
    for row in rows:
        hit = dict(zip(COLUMNS, row))
        hit["score"] = round(max(fuzz.token_set_ratio(qnorm, hit["normalized"] or ""),
                                 fuzz.token_set_ratio(query.lower(), (hit["indikator"] or "").lower())), 1)
        hits.append(hit)
    hits.sort(key=lambda h: (-h["score"], h["kode_wilayah"] or "~", h["indicator_id"]))
    return hits[:limit] if limit else hits
