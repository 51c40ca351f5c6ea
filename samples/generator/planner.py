"""Drawing a table plan from the grammar: which columns, how they are worded and
ordered, two-level headers, codes, merges, section rows, several indicators in one
cell, "… meliputi:" parent rows, labelled parts. Every choice is recorded in the
table's choice record (the sidecar's "tables" list)."""
from __future__ import annotations

from typing import Optional

from .content import Sasaran, attach_daerah, lower_first
from .random_source import Draw
from .styles import draw_table_style
from .tables import PROGRAM_KEYS, Column, TablePlan, Unit
from .vocabulary import headers, themes

# order a reader expects when the columns are not shuffled
CANONICAL = ("penjelasan", "alasan", "formulasi", "labelled", "satuan", "tipe_perhitungan", "baseline", "target",
             "final", "penanggung_jawab", "sumber_data", "program", "keterangan", "extra")

# per profile: probability that an optional field column is printed
OPTIONAL = {
    "iku": {"penjelasan": 0.45, "alasan": 0.45, "formulasi": 0.8, "satuan": 0.5, "tipe_perhitungan": 0.25,
            "penanggung_jawab": 0.65, "sumber_data": 0.6, "program": 0.1, "keterangan": 0.2},
    "pk": {"satuan": 0.8, "keterangan": 0.15},
    "renstra": {"satuan": 0.7, "formulasi": 0.3, "penanggung_jawab": 0.2, "keterangan": 0.1},
    "rkt": {"satuan": 1.0, "formulasi": 0.25, "penanggung_jawab": 0.3},
    "slides": {"satuan": 0.5, "formulasi": 0.35, "penanggung_jawab": 0.25},
}


def _wording(draw: Draw, fld: str, record: dict) -> str:
    w = draw.pick(headers()["fields"][fld])
    record[f"header.{fld}"] = w
    return w


def _fmt(text: str, ctx: dict) -> str:
    return text.format(**ctx)


def parent_text(draw: Draw, sas: Sasaran) -> str:
    return draw.pick([
        f"Capaian kinerja {lower_first(sas.text)}, meliputi:",
        f"Indikator keberhasilan {lower_first(sas.text)}, terdiri dari:",
        f"Tingkat pencapaian sasaran {lower_first(sas.text)} meliputi:",
    ])


def plan_table(draw: Draw, *, cls: str, blocks: list[Sasaran], profile: str, years: list[int],
               title: list[str], group: Optional[str], ctx: dict, record: dict,
               slides: bool = False, allow_regional: bool = True) -> TablePlan:
    """ctx: region, period, agency_short, year (for header wordings)."""
    H = headers()
    record["profile"] = profile
    style = draw_table_style(draw, record, slides)
    borderless = style.border == "none"

    # ------------------------------------------------------------------ numbering and codes
    code_mode = draw.choose("code_mode", {"none": 7, "column": 1.5, "prefix": 1, "line": 0.5}
                            if profile not in ("slides",) else {"none": 1}, record)
    code_per_block = False
    code_format = ""
    if code_mode != "none":
        if profile in ("renstra",) and code_mode == "column" and draw.chance(0.5):
            code_format = draw.pick(H["codes"]["rpjmd"])
            code_per_block = True
        else:
            code_format = draw.pick(H["codes"]["indicator"])
        record["code_format"] = code_format
    no_mode = "none" if code_mode != "none" else \
        draw.choose("no_mode", {"none": 1, "per_indicator": 4, "per_sasaran": 2}, record)
    no_dot = draw.flag("no_dot", 0.3, record) if no_mode != "none" else False

    # ------------------------------------------------------------------ sasaran and sections
    regional = allow_regional and profile in ("renstra", "iku") and \
        draw.flag("regional_levels", 0.5 if profile == "renstra" else 0.12, record)
    sasaran_mode = "column" if regional else draw.choose("sasaran_mode", {"column": 4, "section": 1}, record)
    sasaran_code = None
    if sasaran_mode == "column" and not regional and draw.flag("sasaran_code", 0.15, record):
        sasaran_code = draw.pick(H["codes"]["sasaran"])
    group_sections = sasaran_mode == "column" and len(blocks) >= 2 and group is None and \
        draw.flag("group_sections", 0.15, record)
    if group_sections:
        style_name = draw.pick(["tujuan", "tujuan_upper", "misi", "letter"])
        pairs = draw.sample(themes()["rpjmd"]["pairs"], len(blocks))
        k = 0
        for b, sas in enumerate(blocks):
            if b == 0 or draw.chance(0.5):
                k += 1
                text = pairs[k - 1][0]
                sas.section = {"tujuan": f"Tujuan {k} : {text}", "tujuan_upper": f"TUJUAN {k}: {text.upper()}",
                               "misi": f"Misi {k}. {text}", "letter": f"{'ABCDEFGH'[k - 1]}. {text.upper()}"}[style_name]
            else:
                sas.section = blocks[b - 1].section
    else:
        for sas in blocks:
            sas.section = None

    # ------------------------------------------------------------------ columns
    cols: list[Column] = []
    present = [f for f, p in OPTIONAL[profile].items() if draw.chance(p)]
    labelled_parts: list[tuple[str, str]] = []
    if profile == "iku" and draw.flag("labelled_column", 0.2, record):
        choices = list(H["labelled"]["labels"])   # the fields a labelled part can feed, in print order
        fields = [f for f in choices if draw.chance(0.6)]
        if "formulasi" not in fields:
            fields.append("formulasi")
        if len(fields) < 2:
            fields.insert(0, "penjelasan")
        fields = [f for f in choices if f in fields]
        labelled_parts = [(f, draw.pick(H["labelled"]["labels"][f])) for f in fields]
        present = [f for f in present if f not in fields]
        record["labelled_fields"] = fields
    record["columns"] = sorted(present)

    units_cols: list[list[Column]] = []   # order units (a two-level run is one unit)
    lead: list[Column] = []
    if no_mode != "none":
        lead.append(Column("no", _wording(draw, "no", record), gold_field="no"))
    if code_mode == "column":
        lead.append(Column("kode", draw.pick(H["fields"]["kode"]), gold_field="no"))

    if regional:
        attach_daerah(draw, blocks)
        rp = _fmt(draw.pick(H["levels"]["regional"]), ctx)
        ap = _fmt(draw.pick(H["levels"]["agency"]), ctx)
        record["regional_parent"] = rp
        record["agency_parent"] = ap
        sc, ic = draw.pick(H["levels"]["sasaran_child"]), draw.pick(H["levels"]["indikator_child"])
        same = draw.flag("repeated_children", 0.6, record)
        sc2, ic2 = (sc, ic) if same else (draw.pick(H["levels"]["sasaran_child"]), draw.pick(H["levels"]["indikator_child"]))
        key_cols = [Column("sasaran_daerah", sc, rp, "sasaran_daerah"), Column("indikator_daerah", ic, rp, "indikator_daerah"),
                    Column("sasaran", sc2, ap, "sasaran"), Column("indikator", ic2, ap, "indikator")]
    else:
        key_cols = []
        if sasaran_mode == "column":
            key_cols.append(Column("sasaran", _wording(draw, "sasaran", record), gold_field="sasaran"))
        key_cols.append(Column("indikator", _wording(draw, "indikator", record), gold_field="indikator"))
    if code_mode == "column" and draw.chance(0.3) and len(key_cols) == 2:
        key_cols.insert(1, lead.pop())   # Sasaran | Kode | Indikator

    rest: dict[str, list[Column]] = {}
    split_field = None
    if profile == "iku" and draw.flag("split_parent", 0.1, record):
        split_field = draw.pick([f for f in ("penanggung_jawab", "sumber_data")])
        if split_field not in present:
            present.append(split_field)
    for f in present:
        if f == split_field:
            parent = draw.pick(H["split_parents"][split_field])
            c1, c2 = draw.pick(H["split_parents"]["children"])
            record["split_field"] = f
            rest[f] = [Column(f, c1, parent, f), Column("extra", c2, parent, None, "split2")]
        else:
            rest[f] = [Column(f, _wording(draw, f, record), gold_field=f)]
    if labelled_parts:
        rest["labelled"] = [Column("labelled", draw.pick(H["labelled"]["headers"]), arg=labelled_parts)]
        record["header.labelled"] = rest["labelled"][0].header
        record["labels"] = [label for _, label in labelled_parts]

    # targets
    tyears: list[int] = []
    if profile == "pk":
        tyears = [years[0]]
        pk_header = draw.pick(H["targets"]["pk"])
        record["header.target"] = pk_header
        rest["target"] = [Column("target", _fmt(pk_header, {"year": years[0]}), arg=years[0])]
        record["target_layout"] = "pk"
    else:
        if profile == "renstra":
            tyears = list(years)
        elif profile == "rkt":
            tyears = [years[0]]
        elif profile == "slides":
            tyears = years[:draw.integer(1, min(2, len(years)))]
        elif draw.flag("targets", 0.45, record):
            tyears = years[:draw.integer(1, min(3, len(years)))]
        if tyears:
            two = len(tyears) > 1 and draw.chance(0.6)
            record["target_layout"] = "two_level" if two else "single"
            parent = draw.pick(H["targets"]["parents"]) if two else None
            single = draw.pick(H["targets"]["single"])
            record["header.target"] = f"{parent} / {{year}}" if two else single
            rest["target"] = [Column("target", str(y) if two else _fmt(single, {"year": y}), parent, None, y)
                              for y in tyears]
        if profile == "renstra" or (tyears and draw.chance(0.15)):
            by = tyears[0] - 1 if tyears else years[0] - 1
            base_header = draw.pick(H["targets"]["baseline"])
            record["header.baseline"] = base_header
            rest["baseline"] = [Column("baseline", _fmt(base_header, {"year": by}))]
            if profile == "renstra" and draw.chance(0.6):
                rest["final"] = [Column("final", draw.pick(H["targets"]["final"]))]
    # columns no field takes
    if profile in ("iku", "renstra") and draw.flag("extra_column", 0.25, record):
        kind = draw.pick(sorted(H["extra_columns"]))
        rest["extra"] = [Column("extra", draw.pick(H["extra_columns"][kind]["headers"]), arg=kind)]
        record["extra_kind"] = kind
    # RKT: the program serving the sasaran, with its own indicator, unit and target
    block_program = {}
    if profile == "rkt":
        pp = draw.pick(["Program", "Program/Kegiatan", "Program Pendukung", "Rencana Program"])
        pc = [("prog", draw.pick(["Program", "Nama Program", "Uraian"]), "program"),
              ("prog_ind", draw.pick(["Indikator Program", "Indikator Kinerja Program", "Indikator Outcome"]), None),
              ("prog_sat", "Satuan", None), ("prog_target", draw.pick(["Target", f"Target {years[0]}"]), None)]
        if draw.chance(0.6):
            pc.append(("prog_pagu", draw.pick(["Pagu (Rp)", "Anggaran (Rp)", "Pagu Indikatif"]), None))
        record["program_parent"] = pp
        rest["program"] = [Column(k, h, pp, g) for k, h, g in pc]
        rest.pop("penanggung_jawab", None)
        for b, sas in enumerate(blocks):
            name = sas.program or "Program Dukungan Manajemen"
            block_program[b] = {"prog": name,
                                "prog_ind": f"Persentase capaian {lower_first(name.replace('Program ', '', 1))}",
                                "prog_sat": "%", "prog_target": draw.pick(["100", "95", "90", "85"]),
                                "prog_pagu": f"{draw.integer(150, 9800) * 1_000_000:,}".replace(",", ".")}

    # order
    order = [k for k in CANONICAL if k in rest]
    if draw.flag("shuffled_columns", 0.35, record):
        order = draw.shuffled(order)
    columns = lead + key_cols + [c for k in order for c in rest[k]]
    record["column_count"] = len(columns)

    # ------------------------------------------------------------------ spans
    # merged (rowspan) and "first then empty" only where a reader can tell them apart
    # from empty cells or where FORMAT.md fills down
    sas_span = draw.choose("sasaran_span", {"merged": 4, "row": 2, "first": 2}, record)
    no_span = draw.choose("no_span", {"row": 2} if borderless else {"merged": 3, "first": 2, "row": 1}, record) \
        if no_mode != "none" else "row"
    block_span = "row" if borderless else draw.choose("block_span", {"merged": 3, "row": 1}, record)
    pj_span = draw.choose("pj_span", {"merged": 3, "first": 1, "row": 2}, record)
    for c in columns:
        if c.key == "sasaran":
            c.span = sas_span
        elif c.key == "no":
            c.span = no_span
        elif c.key in ("sasaran_daerah", "indikator_daerah") or c.key in PROGRAM_KEYS or \
                (c.key == "kode" and code_per_block):
            c.span = block_span
        elif c.key in ("penanggung_jawab", "sumber_data") and c.parent is None:
            c.span = pj_span
    # make penanggung jawab / sumber data repeat so that merges happen
    same_scope = draw.choose("pj_scope", {"indicator": 3, "sasaran": 3, "table": 1}, record)
    if same_scope != "indicator":
        first = blocks[0].indicators[0] if blocks and blocks[0].indicators else None
        for sas in blocks:
            if not sas.indicators:
                continue
            src = first if same_scope == "table" else sas.indicators[0]
            for ind in sas.indicators:
                ind.penanggung_jawab = src.penanggung_jawab
                ind.sumber_data = src.sumber_data
    if split_field:
        bidang = [b for t in themes() if isinstance(themes()[t], dict) for b in themes()[t].get("bidang", [])][:40]
        for sas in blocks:
            for ind in sas.indicators:
                ind.extras["split2"] = draw.pick(bidang)
                if split_field == "sumber_data":
                    ind.sumber_data = draw.pick(bidang)

    # ------------------------------------------------------------------ units
    multi_ok = code_mode == "none" and not labelled_parts
    multi = multi_ok and draw.flag("multi_indicator_cells", 0.3, record)
    # FORMAT.md's parent rows are rows "with no target, followed by bullet rows that carry the
    # targets": only where the table has a target column
    parents_ok = code_mode == "none" and profile in ("iku", "renstra", "rkt") and "target" in rest
    parents = parents_ok and draw.flag("parent_rows", 0.15, record)
    marker = draw.choose("list_marker", {"bullet": 3, "dash": 3, "number": 2, "letter": 1}, record) if multi else "bullet"
    satuan_parallel = draw.chance(0.5)
    parallel = {"formulasi", "penjelasan", "alasan"} | ({"satuan"} if satuan_parallel else set())
    units: list[list[Unit]] = []
    for sas in blocks:
        inds = sas.indicators
        bu: list[Unit] = []
        i = 0
        while i < len(inds):
            left = len(inds) - i
            if multi and left >= 2 and draw.chance(0.5):
                k = draw.integer(2, min(3, left))
                group_inds = inds[i:i + k]
                for other in group_inds[1:]:   # the row's shared cells hold one value for all
                    for f in ("tipe", "penanggung_jawab", "sumber_data", "program", "keterangan"):
                        setattr(other, f, getattr(group_inds[0], f))
                    other.extras = dict(group_inds[0].extras)
                    if not satuan_parallel:
                        other.satuan = group_inds[0].satuan
                bu.append(Unit("multi", group_inds, marker=marker))
                i += k
            elif parents and left >= 2 and draw.chance(0.5):
                k = draw.integer(2, min(4, left))
                group_inds = inds[i:i + k]
                for other in group_inds[1:]:
                    other.penanggung_jawab = group_inds[0].penanggung_jawab
                    other.sumber_data = group_inds[0].sumber_data
                bu.append(Unit("parent", group_inds, parent_text=parent_text(draw, sas),
                               marker=draw.pick(["bullet", "dash"])))
                i += k
            else:
                bu.append(Unit("single", [inds[i]]))
                i += 1
        units.append(bu)

    return TablePlan(
        cls=cls, style=style, columns=columns, blocks=blocks, units=units, title=title, group=group,
        sasaran_mode=sasaran_mode, no_mode=no_mode, no_dot=no_dot, code_mode=code_mode, code_format=code_format,
        code_per_block=code_per_block, sasaran_code_format=sasaran_code,
        parallel=frozenset(parallel) if multi else frozenset(),
        marked_targets=draw.chance(0.5), block_program=block_program,
        stacked_formula=ctx.get("stacked", False), label_style=draw.pick(["u", "b", "plain"]),
    )
