"""`iku catalog ...`: the national indicator catalog (a DuckDB file) from batch datasets."""
from __future__ import annotations

import csv as csvmod
import json
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
_CATALOG_OPT = typer.Option(DEFAULT_CATALOG, "-c", "--catalog", metavar="CATALOG", help="the catalog file")
TABLES = ("catalog", "indicators", "documents", "agencies", "families", "regions", "urusan")


def _fail(message: str, code: int = EXIT_USAGE):
    err.print(f"[red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _open(path: Path):
    # local: a command's modules load when it runs, so that `iku --help` starts fast
    from pipeline.catalog.build import CatalogError, connect
    try:
        return connect(path, read_only=True)
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
    from pipeline.catalog.build import CatalogError, build
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
               level: Optional[str] = typer.Option(None, "--level", help="provinsi, kabupaten or kota"),
               kind: Optional[str] = typer.Option(None, "--kind", help="persentase, jumlah, indeks, rasio, nilai"),
               urusan: Optional[str] = typer.Option(None, "--urusan", help="urusan name or code (\"sosial\", \"1.06\")"),
               limit: int = typer.Option(20, "-n", "--limit", help="at most this many hits (0: all)"),
               as_json: bool = typer.Option(False, "--json", help="one JSON object per hit")) -> None:
    """Find indicators by their words, optionally in one province, region or level."""
    # local: a command's modules load when it runs, so that `iku --help` starts fast
    from pipeline.catalog.search import Filters, SearchError, search
    con = _open(catalog)
    try:
        hits = search(con, query, Filters(province=province, region=region, level=level, kind=kind, urusan=urusan),
                      limit=limit)
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


@app.command("families")
def families_cmd(catalog: Path = _CATALOG_OPT,
                 show: Optional[str] = typer.Option(None, "--show", metavar="FAMILY_ID",
                                                    help="list the members of one family (its wordings)"),
                 min_size: int = typer.Option(2, "--min-size", help="families of at least this many indicators"),
                 kind: Optional[str] = typer.Option(None, "--kind", help="persentase, jumlah, indeks, rasio, nilai"),
                 urusan: Optional[str] = typer.Option(None, "--urusan", help="urusan name or code"),
                 contains: Optional[str] = typer.Option(None, "--contains", help="families whose name has this text"),
                 limit: int = typer.Option(50, "-n", "--limit", help="at most this many (0: all)"),
                 as_json: bool = typer.Option(False, "--json", help="one JSON object per line")) -> None:
    """List indicator families, largest first (or one family's members with --show)."""
    con = _open(catalog)
    try:
        if show:
            cur = con.execute("""SELECT indikator, normalized, agency, nama_wilayah, kode_wilayah, period_start,
                                        period_end, formulasi, indicator_id
                                 FROM catalog WHERE family_id = ?
                                 ORDER BY normalized, kode_wilayah, period_start, indicator_id""", [show])
        else:
            conds, params = ["indicators >= ?"], [min_size]
            if kind:
                conds.append("kind = ?")
                params.append(kind)
            if urusan:
                conds.append("urusan ILIKE ?")
                params.append(f"%{urusan}%")
            if contains:
                conds.append("(name ILIKE ? OR normalized ILIKE ?)")
                params += [f"%{contains}%", f"%{contains}%"]
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


@app.command("export")
def export_cmd(output: Path = typer.Option(..., "-o", "--output", help="the file to write"),
               catalog: Path = _CATALOG_OPT,
               fmt: str = typer.Option("csv", "--format", help="csv or parquet"),
               table: str = typer.Option("catalog", "--table",
                                         help=f"what to export: {', '.join(TABLES)} (catalog: every indicator with "
                                              "its document, region, agency and family)")) -> None:
    """Write a table of the catalog to CSV or Parquet."""
    if fmt not in ("csv", "parquet"):
        _fail(f"--format must be csv or parquet, not {fmt!r}")
    if table not in TABLES:
        _fail(f"--table must be one of {', '.join(TABLES)}, not {table!r}")
    con = _open(catalog)
    try:
        order = {"catalog": "document_sha256, record_index", "indicators": "document_sha256, record_index",
                 "documents": "document_sha256", "agencies": "agency_id", "families": "family_id",
                 "regions": "kode", "urusan": "kode_urusan"}[table]
        output.parent.mkdir(parents=True, exist_ok=True)
        options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT parquet, COMPRESSION zstd"
        target = str(output).replace("'", "''")
        con.execute(f"COPY (SELECT * FROM {table} ORDER BY {order}) TO '{target}' ({options})")
        count = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    finally:
        con.close()
    err.print(f"{count} rows of {table} → {escape(str(output))}", highlight=False)


@app.command("sql")
def sql_cmd(query: str = typer.Argument(..., help="a SQL query on the catalog's tables and views"),
            catalog: Path = _CATALOG_OPT,
            csv: bool = typer.Option(False, "--csv", help="CSV on stdout instead of a table"),
            max_rows: int = typer.Option(100, "--max-rows", help="rows shown in the table")) -> None:
    """Run a read-only SQL query on the catalog.

    DuckDB SQL; tables: documents, agencies, indicators, families, regions, urusan; view: catalog.
    """
    con = _open(catalog)
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
