"""`iku catalog ...`: the national indicator catalog (a DuckDB file) from batch datasets."""
from __future__ import annotations

import csv as csvmod
import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.markup import escape

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="The national indicator catalog: every IKU of every dataset in one DuckDB file.")
err = Console(stderr=True)

DEFAULT_CATALOG = Path("catalog.duckdb")
EXIT_USAGE = 2
EXIT_OUTPUT = 3  # the output cannot be written (pipeline/exitcodes.py)


def one_line_error(exc: Exception) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return " ".join(text.split())[:300]
_CATALOG_OPT = typer.Option(DEFAULT_CATALOG, "-c", "--catalog", metavar="CATALOG", help="the catalog file")
TABLES = ("catalog", "indicators", "documents", "agencies", "families", "regions", "urusan", "targets")


def _fail(message: str, code: int = EXIT_USAGE):
    err.print(f"[red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _open(path: Path, sealed: bool = False):
    # local: a command's modules load when it runs, so that `iku --help` starts fast
    from iku.pipeline.catalog.build import CatalogError, connect
    try:
        return connect(path, read_only=True, sealed=sealed)
    except CatalogError as exc:
        _fail(str(exc))
    except Exception as exc:  # a file that is not a DuckDB catalog, or one being built
        _fail(f"{path}: cannot open the catalog ({type(exc).__name__}: {exc})")


def _clip(value, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _table(rows: list[dict], columns: list[tuple[str, str, int]]) -> str:
    """Plain aligned text: columns are (key, header, max width)."""
    cells = [[_clip(r.get(k), w) for k, _, w in columns] for r in rows]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, (_, h, _) in enumerate(columns)]
    out = ["  ".join(h.ljust(widths[i]) for i, (_, h, _) in enumerate(columns)).rstrip()]
    out += ["  ".join(c[i].ljust(widths[i]) for i in range(len(columns))).rstrip() for c in cells]
    return "\n".join(out)


def _period(row: dict) -> str:
    a, b = row.get("period_start"), row.get("period_end")
    if a is None:
        return ""
    return str(a) if b in (None, a) else f"{a}-{b}"


@app.command("build")
def build_cmd(datasets: List[Path] = typer.Argument(..., metavar="DATASET...", help="iku batch dataset folders"),
              output: Path = typer.Option(DEFAULT_CATALOG, "-o", "--output", metavar="CATALOG",
                                          help="the catalog file (created, or added to)"),
              as_json: bool = typer.Option(False, "--json", help="the build report as JSON on stdout"),
              quiet: bool = typer.Option(False, "-q", "--quiet", help="no summary")) -> None:
    """Load batch datasets into the catalog (created when missing).

    Documents get official region codes, agencies their urusan, indicators their kind and formula parts,
    and equivalent indicators are grouped into families. Building again adds new documents and replaces known ones (a document is its content hash); agencies
    and families are recomputed over the whole catalog.
    """
    # local: a command's modules load when it runs, so that `iku --help` starts fast
    import duckdb
    from iku.pipeline.catalog.build import CatalogError, build
    say = (lambda m: None) if quiet or as_json else (lambda m: err.print(escape(m), highlight=False))
    try:
        report = build(datasets, output, log=say)
    except CatalogError as exc:
        _fail(str(exc))
    except duckdb.Error as exc:  # a catalog in use by another process, or not a DuckDB file
        _fail(f"{output}: {type(exc).__name__}: {exc}", 1)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif not quiet:
        s = report.seconds
        err.print(f"{report.loaded_documents} documents ({report.loaded_indicators} indicators) loaded → "
                  f"{escape(str(output))}: {report.documents} documents, {report.indicators} indicators, "
                  f"{report.agencies} agencies, {report.families} families ({s['total']:.1f} s)", highlight=False)


@app.command("search")
def search_cmd(query: str = typer.Argument(..., help="words of the indicator: \"disabilitas mandiri\""),
               catalog: Path = _CATALOG_OPT,
               province: Optional[str] = typer.Option(None, "--province", help="name, abbreviation or code "
                                                      "(\"Kalimantan Selatan\", \"Kalsel\", \"63\")"),
               region: Optional[str] = typer.Option(None, "--region", help="a kabupaten/kota/provinsi "
                                                    "(\"Kab. Batola\", \"Kota Depok\", \"32.76\")"),
               level: Optional[str] = typer.Option(None, "--level", metavar="provinsi|kabupaten|kota",
                                                      help="the region's level"),
               kind: Optional[str] = typer.Option(None, "--kind", metavar="KIND",
                                                     help="persentase, jumlah, indeks, rasio or nilai"),
               urusan: Optional[str] = typer.Option(None, "--urusan", help="urusan name or code (\"sosial\", \"1.06\")"),
               limit: int = typer.Option(20, "-n", "--limit", help="at most this many hits (0: all)"),
               min_confidence: Optional[float] = typer.Option(
                   None, "--min-confidence", help="leave out records below this confidence (0.9: the "
                                                  "low-confidence records a reviewer has not seen)"),
               as_json: bool = typer.Option(False, "--json", help="one JSON object per hit")) -> None:
    """Find indicators by their words, optionally in one province, region or level."""
    # local: a command's modules load when it runs, so that `iku --help` starts fast
    from iku.pipeline.catalog.search import Filters, SearchError, search
    con = _open(catalog)
    try:
        hits = search(con, query, Filters(province=province, region=region, level=level, kind=kind, urusan=urusan,
                                          min_confidence=min_confidence), limit=limit)
    except SearchError as exc:
        _fail(str(exc))
    finally:
        con.close()
    if as_json:
        for h in hits:
            sys.stdout.write(json.dumps(h, ensure_ascii=False) + "\n")
        return
    if not hits:
        err.print("no indicator found")
        raise typer.Exit(1)
    for h in hits:
        h["period"] = _period(h)
    sys.stdout.write(_table(hits, [("score", "score", 5), ("kode_wilayah", "kode", 5), ("nama_wilayah", "wilayah", 28),
                                   ("jenis", "office", 30), ("period", "period", 9), ("kind", "kind", 10),
                                   ("indikator", "indikator", 70), ("family_id", "family", 13)]) + "\n")


def resolve_family(con, family_id: str) -> str:
    """A family id, or the family an id retired by a rebuild now resolves to (family_aliases)."""
    try:
        hit = con.execute("SELECT family_id FROM family_aliases WHERE alias = ? AND alias NOT IN "
                          "(SELECT family_id FROM families)", [family_id]).fetchall()
    except Exception:  # a catalog built before family_aliases existed: ids are taken as they are
        return family_id
    return hit[0][0] if hit else family_id


@app.command("families")
def families_cmd(catalog: Path = _CATALOG_OPT,
                 show: Optional[str] = typer.Option(None, "--show", metavar="FAMILY_ID",
                                                    help="list the members of one family (its wordings)"),
                 min_size: int = typer.Option(2, "--min-size", help="families of at least this many indicators"),
                 kind: Optional[str] = typer.Option(None, "--kind", metavar="KIND",
                                                     help="persentase, jumlah, indeks, rasio or nilai"),
                 urusan: Optional[str] = typer.Option(None, "--urusan", help="urusan name or code"),
                 contains: Optional[str] = typer.Option(None, "--contains", help="families whose name has this text"),
                 limit: int = typer.Option(50, "-n", "--limit", help="at most this many (0: all)"),
                 as_json: bool = typer.Option(False, "--json", help="one JSON object per line")) -> None:
    """List indicator families, largest first (or one family's members with --show)."""
    con = _open(catalog)
    try:
        if show:
            show = resolve_family(con, show)
            cur = con.execute("""SELECT indikator, normalized, agency, nama_wilayah, kode_wilayah, period_start,
                                        period_end, formulasi, indicator_id
                                 FROM catalog WHERE family_id = ?
                                 ORDER BY normalized, kode_wilayah, period_start, indicator_id""", [show])
        else:
            conds, params = ["indicators >= ?"], [min_size]
            if kind:
                conds.append("kind = ?")
                params.append(kind)
            if urusan:  # the text as written: % and _ are characters, not wildcards
                conds.append("contains(lower(urusan), lower(?))")
                params.append(urusan)
            if contains:
                conds.append("(contains(lower(name), lower(?)) OR contains(lower(normalized), lower(?)))")
                params += [contains, contains]
            sql = ("SELECT family_id, kind, indicators, variants, documents, agencies, provinces, urusan, name "
                   "FROM families WHERE " + " AND ".join(conds) +
                   " ORDER BY indicators DESC, documents DESC, family_id")
            if limit:
                sql += f" LIMIT {int(limit)}"
            cur = con.execute(sql, params)
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
    finally:
        con.close()
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    if not rows:
        err.print("no such family" if show else "no family")
        raise typer.Exit(1)
    if show:
        for r in rows:
            r["period"] = _period(r)
        cols = [("indikator", "indikator as written", 80), ("nama_wilayah", "wilayah", 30), ("period", "period", 9),
                ("agency", "agency", 45)]
    else:
        cols = [("family_id", "family", 13), ("kind", "kind", 10), ("indicators", "ind", 6), ("variants", "var", 4),
                ("agencies", "agencies", 8), ("provinces", "prov", 4), ("urusan", "urusan", 24), ("name", "name", 80)]
    sys.stdout.write(_table(rows, cols) + "\n")


_KIND_ORDER = {"baseline": 0, "target": 1, "final_target": 2, "realisation": 3}


def family_targets(con, family_id: str, year: Optional[int] = None, kind: Optional[str] = None) -> list[dict]:
    """Every typed target of one family's indicators with its office, region and period; each row says
    whether its unit differs from the family's most common unit (`unit_mismatch`): units are never converted."""
    conds, params = ["i.family_id = ?"], [family_id]
    if year is not None:
        conds.append("t.year = ?")
        params.append(year)
    if kind:
        conds.append("t.kind = ?")
        params.append(kind)
    cur = con.execute(f"""
        SELECT coalesce(a.nama, d.agency) AS office, d.agency, d.kode_wilayah, d.nama_wilayah, d.level_wilayah,
               d.nama_provinsi, d.period_start, d.period_end, i.indikator, i.satuan, t.kind, t.year, t.quarter,
               t.value, t.value_text, t.unit, t."column", t.page, i.indicator_id, d.source_file
        FROM targets t JOIN indicators i ON i.indicator_id = t.indicator_id
        JOIN documents d ON d.document_sha256 = i.document_sha256
        LEFT JOIN agencies a ON a.agency_id = d.agency_id
        WHERE {" AND ".join(conds)}
        ORDER BY d.nama_provinsi NULLS LAST, d.nama_wilayah NULLS LAST, office, i.indicator_id, t.year NULLS FIRST,
                 t.quarter NULLS FIRST""", params)
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    rows.sort(key=lambda r: (r["nama_provinsi"] or "~", r["nama_wilayah"] or "~", r["office"] or "",
                             r["indicator_id"], _KIND_ORDER.get(r["kind"], 9), r["year"] or 0, r["quarter"] or 0))
    counts: dict[str, int] = {}
    for r in rows:
        if r["unit"]:
            counts[r["unit"].casefold()] = counts.get(r["unit"].casefold(), 0) + 1
    main = max(sorted(counts), key=lambda u: counts[u]) if counts else None
    for r in rows:
        r["unit_mismatch"] = bool(main and r["unit"] and r["unit"].casefold() != main)
    return rows


@app.command("targets")
def targets_cmd(family: str = typer.Argument(..., metavar="FAMILY_ID", help="a family (iku catalog families)"),
                catalog: Path = _CATALOG_OPT,
                year: Optional[int] = typer.Option(None, "--year", help="only this year's values"),
                kind: Optional[str] = typer.Option(None, "--kind", help="baseline, target, final_target or "
                                                   "realisation"),
                as_json: bool = typer.Option(False, "--json", help="one JSON object per value")) -> None:
    """Each office's baseline and targets for one indicator family, with region, year and unit.

    Values are as printed and typed (Indonesian numbers read); a unit that differs from the family's most
    common one is marked, never converted."""
    if kind and kind not in _KIND_ORDER:
        _fail(f"--kind must be one of {', '.join(_KIND_ORDER)}, not {kind!r}")
    con = _open(catalog)
    try:
        family = resolve_family(con, family)
        known = con.execute("SELECT name FROM families WHERE family_id = ?", [family]).fetchall()
        rows = family_targets(con, family, year, kind) if known else []
    except Exception as exc:  # a catalog built before the targets table
        _fail(f"{type(exc).__name__}: {exc}", 1)
    finally:
        con.close()
    if not known:
        _fail(f"no family {family!r} (iku catalog families lists them)", 1)
    if as_json:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    if not rows:
        err.print(f"no typed targets in family {escape(family)}: {escape(known[0][0])}", highlight=False)
        raise typer.Exit(1)
    for r in rows:
        r["when"] = "" if r["year"] is None else str(r["year"]) + (f" TW{r['quarter']}" if r["quarter"] else "")
        r["number"] = "" if r["value"] is None else f"{r['value']:g}"
        r["note"] = "unit differs" if r["unit_mismatch"] else ""
    units: dict[str, int] = {}
    for r in rows:
        units[r["unit"] or "-"] = units.get(r["unit"] or "-", 0) + 1
    sys.stdout.write(f"family {family}: {known[0][0]}\n")
    sys.stdout.write(_table(rows, [("nama_provinsi", "provinsi", 22), ("nama_wilayah", "wilayah", 26),
                                   ("office", "office", 34), ("kind", "kind", 12), ("when", "year", 9),
                                   ("value_text", "printed", 14), ("number", "value", 10), ("unit", "unit", 12),
                                   ("note", "", 12)]) + "\n")
    sys.stdout.write("units (not converted): " + ", ".join(f"{u} ×{n}" for u, n in
                                                           sorted(units.items(), key=lambda x: -x[1])) + "\n")


@app.command("export")
def export_cmd(output: Path = typer.Option(..., "-o", "--output", help="the file to write"),
               catalog: Path = _CATALOG_OPT,
               fmt: str = typer.Option("csv", "--format", metavar="csv|parquet", help="the file's format"),
               table: str = typer.Option("catalog", "--table",
                                         help=f"what to export: {', '.join(TABLES)} (catalog: every indicator with "
                                              "its document, region, agency and family)"),
               min_confidence: Optional[float] = typer.Option(
                   None, "--min-confidence", help="catalog, indicators: leave out records below this confidence "
                                                  "(0.9: the low-confidence records a reviewer has not seen)")) -> None:
    """Write a table of the catalog to CSV or Parquet."""
    if fmt not in ("csv", "parquet"):
        _fail(f"--format must be csv or parquet, not {fmt!r}")
    if min_confidence is not None and not 0 <= min_confidence <= 1:
        _fail(f"--min-confidence must be within 0..1, not {min_confidence}")
    if table not in TABLES:
        _fail(f"--table must be one of {', '.join(TABLES)}, not {table!r}")
    if output.is_dir():
        _fail(f"{output}: is a folder; -o names the file to write", EXIT_OUTPUT)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"{output}: cannot create its folder ({exc.strerror or exc})", EXIT_OUTPUT)
    import duckdb  # local: a command's modules load when it runs, so that `iku --help` starts fast
    con = _open(catalog)
    tmp = output.parent / f".{output.name}.{os.getpid()}.tmp"  # written whole, then renamed into place
    try:
        order = {"catalog": "document_sha256, record_index", "indicators": "document_sha256, record_index",
                 "documents": "document_sha256", "agencies": "agency_id", "families": "family_id",
                 "regions": "kode", "urusan": "kode_urusan", "targets": "indicator_id, kind, year, quarter"}[table]
        options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT parquet, COMPRESSION zstd"
        target = str(tmp).replace("'", "''")
        keep = ""
        if min_confidence is not None and table in ("catalog", "indicators"):
            keep = f" WHERE confidence IS NULL OR confidence >= {float(min_confidence)!r}"
        try:
            con.execute(f"COPY (SELECT * FROM {table}{keep} ORDER BY {order}) TO '{target}' ({options})")
            os.replace(tmp, output)
        except (duckdb.Error, OSError) as exc:
            _fail(f"{output}: cannot write ({one_line_error(exc)})", EXIT_OUTPUT)
        count = con.execute(f"SELECT count(*) FROM {table}{keep}").fetchall()[0][0]
    finally:
        con.close()
        if tmp.exists():
            tmp.unlink()
    err.print(f"{count} rows of {table} → {escape(str(output))}", highlight=False)


@app.command("sql")
def sql_cmd(query: str = typer.Argument(..., help="a SQL query on the catalog's tables and views"),
            catalog: Path = _CATALOG_OPT,
            csv: bool = typer.Option(False, "--csv", help="CSV on stdout instead of a table"),
            max_rows: int = typer.Option(100, "--max-rows", help="rows shown in the table")) -> None:
    """Run a read-only SQL query on the catalog.

    DuckDB SQL; tables: documents, agencies, indicators, targets, families, regions, urusan; view: catalog.
    """
    con = _open(catalog, sealed=True)  # the query can read the catalog and nothing else: no file written
    try:
        rel = con.sql(query)
        if rel is None:
            return
        if csv:
            writer = csvmod.writer(sys.stdout)
            writer.writerow(rel.columns)
            writer.writerows(rel.fetchall())
        else:
            rel.show(max_rows=max_rows, max_width=10_000, max_col_width=60)
    except Exception as exc:
        _fail(f"{type(exc).__name__}: {exc}", 1)
    finally:
        con.close()
