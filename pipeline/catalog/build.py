"""`iku catalog build`: load batch datasets into the DuckDB catalog (schema.sql).

A document is its content hash: its rows are deleted and inserted again in
one transaction, so building twice, or with a dataset that repeats
documents, never duplicates anything. After the documents are in, the
`agencies` table and the indicator families are recomputed over the whole
catalog (families.py), deterministically.

Only documents complete in a dataset are loaded: both Parquet parts
(documents/ and indicators/) present. Typed targets come from the targets/
part (dataset version 2); a version 1 dataset has none, and its records'
target-like `extra` columns are typed here (normalizers/targets.py). The
dataset is only read.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional, Sequence

import duckdb
import pyarrow as pa

from iku.normalizers.regions import load_regions
from iku.normalizers.schema import DOCUMENT_FIELDS, TARGET_KEYS
from iku.normalizers.targets import targets_of
from iku.pipeline import __version__
from iku.pipeline.catalog import families as fam
from iku.pipeline.catalog.kinds import classify, parse_formula
from iku.pipeline.catalog.urusan import office, urusan_table
from iku.pipeline.catalog.vocabulary import fingerprint
from iku.pipeline.catalog.wilayah import resolve
from iku.pipeline.writers import TARGET_COLUMNS, TARGETS_SCHEMA

CATALOG_SCHEMA_VERSION = 2  # 2: the targets table
SCHEMA_SQL = Path(__file__).resolve().parent / "schema.sql"
DATASET_FORMAT = "iku batch dataset"
SUPPORTED_DATASET_VERSIONS = (1, 2)

_PART = re.compile(r"^part-([0-9a-f]{64})\.parquet$")
# the dataset's document columns the catalog keeps (province is resolved again from the region)
_DOC_FIELDS = ("source_file",) + tuple(f for f in DOCUMENT_FIELDS if f != "province") + ("pages", "method", "indicators")


class CatalogError(Exception):
    """A dataset or catalog that cannot be used (the one-line reason)."""


@dataclass
class BuildReport:
    catalog: Path
    datasets: list[str]
    loaded_documents: int = 0
    loaded_indicators: int = 0
    documents: int = 0
    indicators: int = 0
    agencies: int = 0
    families: int = 0
    seconds: dict = field(default_factory=dict)
    grouping: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["catalog"] = str(self.catalog)
        return d


# --------------------------------------------------------------------------- reading datasets

@dataclass
class _Part:
    sha: str
    documents: Path
    indicators: Path
    province: Optional[str]  # the hive partition value, None for "unknown"
    dataset: str
    targets: Optional[Path] = None  # the typed targets (None: a version 1 dataset, typed from extra)


def _check_dataset(root: Path) -> None:
    info = root / "_dataset.json"
    if not root.is_dir():
        raise CatalogError(f"{root}: no such dataset folder")
    if not info.is_file():
        raise CatalogError(f"{root} is not an iku batch dataset (no _dataset.json)")
    try:
        meta = json.loads(info.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogError(f"{info}: unreadable ({exc})") from exc
    if meta.get("format") != DATASET_FORMAT or meta.get("schema_version") not in SUPPORTED_DATASET_VERSIONS:
        raise CatalogError(f"{root}: dataset format {meta.get('format')!r} version {meta.get('schema_version')!r} "
                           f"is not supported (this iku reads {DATASET_FORMAT!r} version "
                           f"{', '.join(map(str, SUPPORTED_DATASET_VERSIONS))})")


def _walk_parts(root: Path, table: str) -> dict[str, tuple[Path, Optional[str]]]:
    found: dict[str, tuple[Path, Optional[str]]] = {}
    base = root / table
    if not base.is_dir():
        return found
    for dirpath, _, names in os.walk(base):
        for name in names:
            m = _PART.match(name)
            if not m:
                continue
            path = Path(dirpath) / name
            province = None
            for part in path.relative_to(base).parts[:-1]:
                if part.startswith("province="):
                    province = part[len("province="):]
            found[m.group(1)] = (path, None if province in (None, "unknown") else province)
    return found


def dataset_parts(datasets: Sequence[Path]) -> list[_Part]:
    """The complete documents of the datasets; a document in several datasets is taken from the last."""
    parts: dict[str, _Part] = {}
    for root in datasets:
        root = Path(root)
        _check_dataset(root)
        docs = _walk_parts(root, "documents")
        inds = _walk_parts(root, "indicators")
        tgts = _walk_parts(root, "targets")
        for sha in sorted(docs.keys() & inds.keys()):
            parts.pop(sha, None)
            parts[sha] = _Part(sha, docs[sha][0], inds[sha][0], docs[sha][1], str(root.resolve()),
                               tgts[sha][0] if sha in tgts else None)
    return list(parts.values())


# --------------------------------------------------------------------------- derived fields

def agency_id(kode_wilayah: Optional[str], jenis: Optional[str], written: Optional[str]) -> Optional[str]:
    """The office of a document: same region and same office type -> same id."""
    key = (jenis or written or "").strip().lower()
    if not key:
        return None
    return "a" + hashlib.sha1(f"{kode_wilayah or ''}|{key}".encode("utf-8")).hexdigest()[:12]


def document_rows(records: list[dict], parts: dict[str, _Part], loaded_at: datetime) -> tuple[list[dict], dict]:
    """Catalog rows of the documents, and the agencies they name (agency_id -> row)."""
    rows, agencies = [], {}
    for rec in records:
        sha = rec["document_sha256"]
        part = parts[sha]
        row = {"document_sha256": sha, **{f: rec.get(f) for f in _DOC_FIELDS}, "province": part.province}
        w = resolve(row["region"], row["region_level"], row["province"], row["agency"])
        row.update(w.as_dict())
        o = office(row["agency"])
        aid = agency_id(w.kode_wilayah, o.jenis, row["agency"])
        row["agency_id"] = aid
        row["dataset"] = part.dataset
        row["loaded_at"] = loaded_at
        rows.append(row)
        if aid and aid not in agencies:
            jenis = o.jenis or " ".join((row["agency"] or "").split())
            agencies[aid] = {
                "agency_id": aid, "nama": " ".join(x for x in (jenis, w.nama_wilayah) if x),
                "jenis": jenis, "kode_urusan": o.kode_urusan, "urusan": o.urusan,
                "urusan_lain": list(o.urusan_lain), "kode_wilayah": w.kode_wilayah, "nama_wilayah": w.nama_wilayah,
                "level_wilayah": w.level_wilayah, "kode_provinsi": w.kode_provinsi,
                "nama_provinsi": w.nama_provinsi}
    return rows, agencies


def kind_rows(triples: list[tuple]) -> pa.Table:
    """Kind and formula parts of each distinct (indikator, formulasi, satuan)."""
    cols: dict[str, list] = {k: [] for k in ("indikator", "formulasi", "satuan", "kind", "numerator", "denominator",
                                            "multiplier")}
    for ind, formula, satuan in triples:
        f = parse_formula(formula)
        for k, v in (("indikator", ind), ("formulasi", formula), ("satuan", satuan),
                     ("kind", classify(ind, formula, satuan)), ("numerator", f.numerator),
                     ("denominator", f.denominator), ("multiplier", f.multiplier)):
            cols[k].append(v)
    return pa.table({k: pa.array(v, pa.string()) for k, v in cols.items()})


# --------------------------------------------------------------------------- the database

def connect(path: Path, read_only: bool = False, sealed: bool = False):
    """A connection to the catalog. `sealed` (implies read-only): the connection can touch no
    other file (no COPY ... TO, no read_csv, no ATTACH, no extension install) and its settings
    are locked, so an arbitrary query (`iku catalog sql`) can only read the catalog."""
    if (read_only or sealed) and not Path(path).is_file():
        raise CatalogError(f"{path}: no such catalog (build it with `iku catalog build`)")
    con = duckdb.connect(str(path), read_only=read_only or sealed)
    con.execute("SET enable_progress_bar = false")
    if sealed:
        for setting in ("enable_external_access", "autoinstall_known_extensions", "autoload_known_extensions"):
            con.execute(f"SET {setting} = false")
        con.execute("SET lock_configuration = true")
    return con


def _insert(con, table: str, data: pa.Table) -> None:
    con.register("_staged", data)
    try:
        cols = ", ".join(f'"{c}"' for c in data.column_names)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _staged")
    finally:
        con.unregister("_staged")


def _reference_tables(con) -> None:
    regions = load_regions()
    con.execute("DELETE FROM regions")
    _insert(con, "regions", pa.table({
        "kode": [r.kode for r in regions], "nama": [r.nama for r in regions], "level": [r.level for r in regions],
        "kode_provinsi": [r.kode_provinsi for r in regions], "provinsi": [r.provinsi for r in regions]}))
    table = urusan_table()
    con.execute("DELETE FROM urusan")
    _insert(con, "urusan", pa.table({"kode_urusan": list(table), "urusan": [v[0] for v in table.values()],
                                     "kelompok": [v[1] for v in table.values()]}))


_AGENCY_SCHEMA = pa.schema([(n, pa.string()) for n in ("agency_id", "nama", "jenis", "kode_urusan", "urusan")]
                           + [("urusan_lain", pa.list_(pa.string()))]
                           + [(n, pa.string()) for n in ("kode_wilayah", "nama_wilayah", "level_wilayah",
                                                         "kode_provinsi", "nama_provinsi")])


def _refresh_agencies(con, new: dict) -> None:
    """Agencies of the new documents in, counts recomputed, agencies left without documents out."""
    if new:
        ids = list(new)
        con.register("_new_ids", pa.table({"agency_id": ids}))
        con.execute("DELETE FROM agencies WHERE agency_id IN (SELECT agency_id FROM _new_ids)")
        con.unregister("_new_ids")
        _insert(con, "agencies", pa.Table.from_pylist(list(new.values()), schema=_AGENCY_SCHEMA))
    con.execute("DELETE FROM agencies WHERE agency_id NOT IN (SELECT agency_id FROM documents "
                "WHERE agency_id IS NOT NULL)")
    con.execute("""
        UPDATE agencies SET names = s.names, documents = s.documents, indicators = s.indicators
        FROM (SELECT agency_id, list_sort(list_distinct(list(agency))) AS names, count(*) AS documents,
                     sum(coalesce(indicators, 0)) AS indicators
              FROM documents WHERE agency_id IS NOT NULL GROUP BY agency_id) s
        WHERE agencies.agency_id = s.agency_id""")


def stable_family_ids(ids: list[str], grouping: "fam.Grouping", previous: dict[str, str],
                      aliases: dict[str, str]) -> tuple["fam.Grouping", dict[str, str]]:
    """Family ids that survive a rebuild: a new family takes the id of the previous family whose
    indicators it holds most of (each previous id given once, largest overlap first), so a family
    that gains or loses members keeps its id; only a family with no previous member gets its content
    hash. A previous id no family took (families merged) becomes an alias of the family holding most
    of its indicators, and so do the earlier aliases that pointed at it. Returns (grouping, aliases)."""
    members: dict[str, list[str]] = {}
    for ind, fid in zip(ids, grouping.family_ids):
        members.setdefault(fid, []).append(ind)
    overlap = [(n, new, old) for new, inds in members.items()
               for old, n in Counter(previous[i] for i in inds if previous.get(i)).items()]
    rename: dict[str, str] = {}
    taken: set[str] = set()
    for _, new, old in sorted(overlap, key=lambda t: (-t[0], t[1], t[2])):
        if new not in rename and old not in taken:
            rename[new] = old
            taken.add(old)
    for new in members:
        if new not in rename:
            rename[new] = new if new not in taken else f"{new}-{len(taken)}"
            taken.add(rename[new])
    family_ids = [rename[f] for f in grouping.family_ids]
    families = [replace(f, family_id=rename[f.family_id]) for f in grouping.families]
    families.sort(key=lambda f: f.family_id)
    now = dict(zip(ids, family_ids))
    where_now: dict[str, Counter] = {}
    for ind, old in previous.items():
        if old and ind in now:
            where_now.setdefault(old, Counter())[now[ind]] += 1
    out: dict[str, str] = {}
    for old, c in where_now.items():
        if old not in taken:
            out[old] = min(c, key=lambda f: (-c[f], f))
    for alias, target in aliases.items():
        target = out.get(target, target)
        if alias not in taken and target in taken:
            out[alias] = target
    return replace(grouping, family_ids=family_ids, families=families), out


def refresh_families(con, previous: Optional[dict[str, str]] = None) -> dict:
    """Group every indicator of the catalog into families; the families table rewritten, the ids of
    `previous` (indicator_id → family_id before this build; default: as the table holds them) kept
    where the family goes on (`stable_family_ids`)."""
    rows = con.execute("SELECT indicator_id, kind, indikator, family_id FROM indicators "
                       "ORDER BY indicator_id").fetchall()
    ids = [r[0] for r in rows]
    if previous is None:
        previous = {r[0]: r[3] for r in rows if r[3]}
    grouping = fam.group([r[2] for r in rows], [r[1] for r in rows])
    aliases = dict(con.execute("SELECT alias, family_id FROM family_aliases").fetchall())
    grouping, aliases = stable_family_ids(ids, grouping, previous, aliases)
    con.execute("DELETE FROM family_aliases")
    if aliases:
        con.register("_aliases", pa.table({"alias": list(aliases), "family_id": list(aliases.values())}))
        con.execute("INSERT INTO family_aliases SELECT alias, family_id FROM _aliases")
        con.unregister("_aliases")
    t0 = time.perf_counter()
    con.register("_fam_map", pa.table({"indicator_id": ids, "family_id": grouping.family_ids,
                                       "normalized": grouping.normalized}))
    con.execute("UPDATE indicators SET family_id = m.family_id, normalized = m.normalized FROM _fam_map m "
                "WHERE indicators.indicator_id = m.indicator_id")
    con.unregister("_fam_map")
    f = grouping.families
    con.register("_families", pa.table({
        "family_id": [x.family_id for x in f], "name": [x.name for x in f], "kind": [x.kind for x in f],
        "normalized": [x.normalized for x in f], "variants": pa.array([x.variants for x in f], pa.int32())}))
    con.execute("DELETE FROM families")
    con.execute("""
        INSERT INTO families (family_id, name, kind, normalized, indicators, variants, documents, agencies,
                              regions, provinces, urusan)
        WITH members AS (
            SELECT i.family_id, i.document_sha256, d.agency_id, d.kode_wilayah, d.kode_provinsi, a.urusan
            FROM indicators i JOIN documents d USING (document_sha256) LEFT JOIN agencies a USING (agency_id)),
        urusan_count AS (  -- agencies per urusan of each family
            SELECT family_id, urusan, count(DISTINCT agency_id) AS agencies,
                   sum(count(DISTINCT agency_id)) OVER (PARTITION BY family_id) AS total
            FROM members WHERE urusan IS NOT NULL GROUP BY family_id, urusan),
        majority AS (  -- the urusan of more than half of them, if any
            SELECT family_id, urusan FROM urusan_count WHERE 2 * agencies > total)
        SELECT f.family_id, f.name, f.kind, f.normalized, count(*), f.variants,
               count(DISTINCT m.document_sha256), count(DISTINCT m.agency_id), count(DISTINCT m.kode_wilayah),
               count(DISTINCT m.kode_provinsi), any_value(u.urusan)
        FROM _families f
        JOIN members m USING (family_id)
        LEFT JOIN majority u ON u.family_id = f.family_id
        GROUP BY f.family_id, f.name, f.kind, f.normalized, f.variants""")
    con.unregister("_families")
    stats = dict(grouping.stats)
    stats["seconds"] = dict(stats["seconds"], store=time.perf_counter() - t0)
    return stats


def _set_info(con, info: dict) -> None:
    for key, value in info.items():
        con.execute("DELETE FROM catalog_info WHERE key = ?", [key])
        con.execute("INSERT INTO catalog_info VALUES (?, ?)", [key, value])


CHUNK_FILES = 1000  # Parquet parts read at a time: bounds memory, whatever the dataset's size


def _chunks(items: list, size: int = CHUNK_FILES):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _read_parquet(con, table: str, paths: list[Path]) -> None:
    """A temporary table of the rows of many small Parquet files.

    One thread, a chunk at a time: a parallel scan of thousands of one-document files holds a buffer per
    file at once (hundreds of MB) and is no faster."""
    con.execute("SET threads = 1")
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM read_parquet(?, union_by_name = true, "
                    "hive_partitioning = false)", [[str(p) for p in paths]])
    finally:
        con.execute("RESET threads")


def _document_records(con, parts: list[_Part]) -> list[dict]:
    records: list[dict] = []
    for chunk in _chunks(parts):
        _read_parquet(con, "_docs", [p.documents for p in chunk])
        cur = con.execute("SELECT * FROM _docs")
        names = [d[0] for d in cur.description]
        records += [dict(zip(names, r)) for r in cur.fetchall()]
    con.execute("DROP TABLE IF EXISTS _docs")
    records.sort(key=lambda r: r["document_sha256"])
    return records


# the dataset's targets part (pipeline/writers.py TARGETS_SCHEMA: an entry's year is `value_year`)
_TARGETS_SCHEMA = pa.schema([("document_sha256", pa.string())]
                            + [f for f in TARGETS_SCHEMA if f.name != "source_file"])
_TARGET_INSERT = """
    INSERT INTO targets (indicator_id, document_sha256, record_index, kind, year, quarter, value, value_text,
                         unit, "column", page)
    SELECT document_sha256 || ':' || record_index, document_sha256, record_index, kind, value_year, quarter,
           value, value_text, unit, "column", page
    FROM _tgts"""


def _typed_from_extra(con, periods: dict[str, tuple]) -> pa.Table:
    """Targets of the indicators in _inds typed from their extra (a dataset without a targets part)."""
    rows = []
    for sha, index, extra, satuan, pages in con.execute(
            "SELECT document_sha256, record_index, extra, satuan, pages FROM _inds").fetchall():
        start, end = periods.get(sha, (None, None))
        for t in targets_of(json.loads(extra or "{}"), satuan, {"period_start": start, "period_end": end},
                            default_page=pages[0] if pages else None):
            rows.append({"document_sha256": sha, "record_index": index,
                         **{TARGET_COLUMNS[k]: t.get(k) for k in TARGET_KEYS}})
    return pa.Table.from_pylist(rows, schema=_TARGETS_SCHEMA)


def _load_indicators(con, parts: list[_Part], periods: Optional[dict[str, tuple]] = None) -> int:
    """Insert the indicators of the documents, with kind and formula parts, and their typed targets,
    a chunk of files at a time."""
    loaded = 0
    for chunk in _chunks(parts):
        _read_parquet(con, "_inds", [p.indicators for p in chunk])
        triples = con.execute("SELECT DISTINCT indikator, formulasi, satuan FROM _inds").fetchall()
        con.register("_kinds", kind_rows(triples))
        try:
            con.execute(_INDICATOR_INSERT)
        finally:
            con.unregister("_kinds")
        loaded += con.execute("SELECT count(*) FROM _inds").fetchall()[0][0]
        with_part = [p.targets for p in chunk if p.targets is not None]
        if with_part:
            _read_parquet(con, "_tgts", with_part)
            con.execute(_TARGET_INSERT)
            con.execute("DROP TABLE _tgts")
        without = [p.sha for p in chunk if p.targets is None]
        if without:
            con.register("_old", pa.table({"document_sha256": without}))
            con.execute("CREATE OR REPLACE TEMP TABLE _inds AS SELECT * FROM _inds "
                        "WHERE document_sha256 IN (SELECT document_sha256 FROM _old)")
            con.unregister("_old")
            con.register("_tgts", _typed_from_extra(con, periods or {}))
            try:
                con.execute(_TARGET_INSERT)
            finally:
                con.unregister("_tgts")
        con.execute("DROP TABLE _inds")
    return loaded


_INDICATOR_INSERT = """
    INSERT INTO indicators (indicator_id, document_sha256, record_index, "group", "no", sasaran, indikator, penjelasan,
        alasan, formulasi, satuan, tipe_perhitungan, penanggung_jawab, sumber_data, program, keterangan,
        sasaran_daerah, indikator_daerah, extra, pages, confidence, kind, numerator, denominator, multiplier)
    SELECT i.document_sha256 || ':' || i.record_index, i.document_sha256, i.record_index, i."group", i."no",
        i.sasaran, i.indikator, i.penjelasan, i.alasan, i.formulasi, i.satuan, i.tipe_perhitungan,
        i.penanggung_jawab, i.sumber_data, i.program, i.keterangan, i.sasaran_daerah, i.indikator_daerah,
        i.extra, i.pages, i.confidence, k.kind, k.numerator, k.denominator, k.multiplier
    FROM _inds i
    LEFT JOIN _kinds k ON k.indikator IS NOT DISTINCT FROM i.indikator
                      AND k.formulasi IS NOT DISTINCT FROM i.formulasi
                      AND k.satuan IS NOT DISTINCT FROM i.satuan
"""


def build(datasets: Sequence[Path], catalog: Path,
          log: Optional[Callable[[str], None]] = None) -> BuildReport:
    """Load `datasets` into `catalog` (created when missing); returns what was done."""
    say = log or (lambda msg: None)
    report = BuildReport(Path(catalog), [str(Path(d)) for d in datasets])
    t0 = time.perf_counter()
    parts = dataset_parts([Path(d) for d in datasets])
    by_sha = {p.sha: p for p in parts}
    say(f"{len(parts)} documents in {len(datasets)} dataset(s)")
    Path(catalog).parent.mkdir(parents=True, exist_ok=True)
    con = connect(Path(catalog))
    try:
        con.execute(SCHEMA_SQL.read_text("utf-8"))
        t_scan = time.perf_counter()
        loaded_at = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
        doc_rows, new_agencies = document_rows(_document_records(con, parts), by_sha, loaded_at)
        t_docs = time.perf_counter()

        con.execute("BEGIN TRANSACTION")
        try:
            _reference_tables(con)
            # the family of every indicator before this build: ids carry over (refresh_families)
            previous = dict(con.execute("SELECT indicator_id, family_id FROM indicators "
                                        "WHERE family_id IS NOT NULL").fetchall())
            if parts:
                con.register("_shas", pa.table({"document_sha256": list(by_sha)}))
                con.execute("DELETE FROM targets WHERE document_sha256 IN (SELECT document_sha256 FROM _shas)")
                con.execute("DELETE FROM indicators WHERE document_sha256 IN (SELECT document_sha256 FROM _shas)")
                con.execute("DELETE FROM documents WHERE document_sha256 IN (SELECT document_sha256 FROM _shas)")
                con.unregister("_shas")
                _insert(con, "documents", pa.Table.from_pylist(doc_rows))
                say(f"loading the indicators of {len(parts)} documents")
                periods = {r["document_sha256"]: (r.get("period_start"), r.get("period_end")) for r in doc_rows}
                report.loaded_indicators = _load_indicators(con, parts, periods)
            t_inds = time.perf_counter()
            _refresh_agencies(con, new_agencies)
            t_agencies = time.perf_counter()
            say("grouping indicators into families")
            report.grouping = refresh_families(con, previous)
            t_fam = time.perf_counter()
            previous = con.execute("SELECT value FROM catalog_info WHERE key = 'datasets'").fetchall()
            seen = json.loads(previous[0][0]) if previous else []
            for d in datasets:
                path = str(Path(d).resolve())
                if path not in seen:
                    seen.append(path)
            _set_info(con, {"schema_version": str(CATALOG_SCHEMA_VERSION), "iku_version": __version__,
                            "vocabulary": fingerprint(), "datasets": json.dumps(seen),
                            "built_at": loaded_at.isoformat() + "Z"})
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        counts = con.execute("""SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM indicators),
                                       (SELECT count(*) FROM agencies), (SELECT count(*) FROM families)""").fetchall()[0]
    finally:
        con.close()
    t_end = time.perf_counter()
    report.loaded_documents = len(doc_rows)
    report.documents, report.indicators, report.agencies, report.families = counts
    report.seconds = {"scan": t_scan - t0, "documents": t_docs - t_scan, "indicators": t_inds - t_docs,
                      "agencies": t_agencies - t_inds, "families": t_fam - t_agencies, "total": t_end - t0}
    return report
