"""Indicator tables: printed as HTML and read back as gold records.

A table is planned from the document's sasaran and indicators (content.py) and a
set of grammar choices (columns and their header wordings, column order, two-level
headers, codes, merged cells, section rows, cells listing several indicators,
"… meliputi:" parent rows, labelled parts). The same plan gives the HTML and the
gold records, so the gold says exactly what the page shows, read by the rules of
docs/FORMAT.md:

- merged cells belong to every row they span; an empty cell under a filled one is
  filled down only for the fields FORMAT.md names (sasaran, penanggung jawab,
  sumber data) - an empty No cell stays null;
- a cell listing several indicators gives one record each, the row's other cells
  shared unless they list one part per indicator;
- labelled parts go to their own fields; codes go to `no`; a sasaran code to
  extra "<sasaran header> (kode)"; a parent row's text to extra "Indikator (induk)";
- columns no field takes go to extra under their header ("PARENT / CHILD" under a
  two-level header).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from iku.normalizers.schema import CELL_FIELDS

from .content import Indicator, Sasaran
from .html_text import esc
from .styles import TableStyle, table_css

# FORMAT.md: "sasaran, penanggung_jawab, sumber_data are filled down within a table"
FILL_DOWN = frozenset({"sasaran", "penanggung_jawab", "sumber_data"})
PARENT_KEY = "Indikator (induk)"
# RKT program columns (planner.py): the program, its indicator, unit, target, budget
PROGRAM_KEYS = frozenset({"prog", "prog_ind", "prog_sat", "prog_target", "prog_pagu"})
BULLET = "\u2022"
MARKERS = {"bullet": BULLET, "dash": "-", "number": "{n}.", "letter": "{a}."}


@dataclass
class Column:
    key: str                      # a CELL_FIELDS name, or no / kode / labelled / target / baseline / final /
                                  # extra / prog_* (RKT program columns)
    header: str                   # the (child) header as printed
    parent: Optional[str] = None  # the parent header of a two-level header
    gold_field: Optional[str] = None  # the FORMAT.md field the column feeds (None: extra)
    arg: Any = None               # target year, extra column kind, labelled parts [(field, label)]
    span: str = "row"             # row (value on every row) / merged (rowspan) / first (then empty cells)

    @property
    def extra_key(self) -> str:
        return f"{self.parent} / {self.header}" if self.parent else self.header


@dataclass
class Unit:
    kind: str                     # single / multi / parent
    indicators: list[Indicator]
    parent_text: Optional[str] = None
    marker: str = "bullet"


@dataclass
class Row:
    kind: str                     # data / parent / section
    block: int = -1
    unit: int = -1
    indicators: list[Indicator] = field(default_factory=list)
    unit_obj: Optional[Unit] = None
    text: str = ""                # section / parent text
    child_of: Optional[str] = None  # parent text for a child row


@dataclass
class TablePlan:
    cls: str
    style: TableStyle
    columns: list[Column]
    blocks: list[Sasaran]
    units: list[list[Unit]]       # per block
    title: list[str]              # lines printed above the table
    group: Optional[str]          # the records' group (None: the title)
    sasaran_mode: str = "column"  # column / section
    no_mode: str = "none"         # none / per_indicator / per_sasaran
    no_dot: bool = False
    code_mode: str = "none"       # none / column / prefix / line
    code_format: str = ""
    code_per_block: bool = False
    sasaran_code_format: Optional[str] = None
    parallel: frozenset = frozenset()   # column keys that list one part per indicator in a multi row
    marked_targets: bool = True
    block_program: dict = field(default_factory=dict)   # block → {prog, prog_ind, prog_sat, prog_target, prog_pagu}
    stacked_formula: bool = False
    label_style: str = "u"        # labelled parts: label underlined / bold / plain

    # ------------------------------------------------------------------ derived
    def code(self, b: int, i: int, n: int) -> str:
        return self.code_format.format(s=b + 1, i=i + 1, n=n + 1, n2=f"{n + 1:02d}", m=1 + b // 3, t=1 + b // 2)

    def sasaran_code(self, b: int) -> Optional[str]:
        return self.sasaran_code_format.format(s=b + 1) if self.sasaran_code_format else None


# --------------------------------------------------------------------------- rows


def plan_rows(plan: TablePlan) -> list[Row]:
    rows: list[Row] = []
    unit_no = 0
    last_section = None
    for b, sas in enumerate(plan.blocks):
        if sas.section and sas.section != last_section:
            rows.append(Row("section", b, text=sas.section))
            last_section = sas.section
        if plan.sasaran_mode == "section":
            rows.append(Row("section", b, text=sas.text))
        for unit in plan.units[b]:
            if unit.kind == "parent":
                rows.append(Row("parent", b, unit_no, [], unit, text=unit.parent_text or ""))
                for ind in unit.indicators:
                    rows.append(Row("data", b, unit_no, [ind], unit, child_of=unit.parent_text))
            else:
                rows.append(Row("data", b, unit_no, list(unit.indicators), unit))
            unit_no += 1
    return rows


# --------------------------------------------------------------------------- cell values


@dataclass
class CellValue:
    html: str                     # what the cell shows
    key: Any                      # merge key (equal keys in consecutive rows may merge), None: never
    gold: list[Optional[str]]     # per record of the row: the value read for the column
    labelled: Optional[list[dict]] = None  # labelled column: per record {field: value}


def _marker(style: str, k: int) -> str:
    m = MARKERS[style]
    return m.format(n=k + 1, a="abcdefghij"[k])


def _items(values: list[str], marker: Optional[str]) -> str:
    if marker is None:
        return "<br>".join(esc(v) for v in values)
    return "".join(f'<div class="item">{esc(_marker(marker, k))} {esc(v)}</div>' for k, v in enumerate(values))


def _formula_html(plan: TablePlan, ind: Indicator) -> str:
    f = ind.formula
    if plan.stacked_formula and f.numerator and f.denominator:
        return (f'<span class="frac"><span class="num">{esc(f.numerator)}</span>'
                f'<span>{esc(f.denominator)}</span></span> {esc(f.factor)}')
    return esc(f.printed)


def _indicator_value(plan: TablePlan, col: Column, row: Row, inds_index: dict) -> CellValue:
    if row.kind == "parent":
        return CellValue(esc(row.text), None, [])
    unit = row.unit_obj
    texts = [ind.text for ind in row.indicators]
    if unit and unit.kind == "multi":
        return CellValue(_items(texts, unit.marker), None, texts)
    ind = row.indicators[0]
    shown = esc(ind.text)
    if plan.code_mode in ("prefix", "line"):
        code = plan.code(row.block, *inds_index[id(ind)])
        shown = f"{esc(code)} {shown}" if plan.code_mode == "prefix" else f"{esc(code)}<br>{shown}"
    if row.child_of is not None:
        mark = BULLET if unit and unit.marker == "bullet" else "-"
        shown = f"{mark} {shown}"
    return CellValue(shown, None, [ind.text])


def cell_value(plan: TablePlan, col: Column, row: Row, inds_index: dict, no_counter: dict) -> CellValue:
    b = row.block
    inds = row.indicators
    n = len(inds)
    unit = row.unit_obj
    multi = unit is not None and unit.kind == "multi"
    key = col.key

    if key == "no":
        if plan.no_mode == "per_sasaran":
            num = str(b + 1)
            mkey = ("no", b)
        else:
            num = str(no_counter[row.unit])
            mkey = ("no", row.unit)
        printed = num + ("." if plan.no_dot else "")
        return CellValue(esc(printed), mkey, [num] * n)
    if key == "kode":
        if plan.code_per_block:
            code = plan.code(b, 0, 0)
            return CellValue(esc(code), ("kode", b), [code] * n)
        codes = [plan.code(b, *inds_index[id(i)]) for i in inds]
        return CellValue(_items(codes, None), None, codes)
    if key in ("sasaran", "sasaran_daerah", "indikator_daerah"):
        sas = plan.blocks[b]
        if key == "sasaran":
            value = sas.text
            code = plan.sasaran_code(b)
            shown = f"{code} {value}" if code else value
        else:
            value = sas.daerah[0] if key == "sasaran_daerah" else sas.daerah[1]
            shown = value
        return CellValue(esc(shown), (key, b), [value] * n)
    if key == "indikator":
        return _indicator_value(plan, col, row, inds_index)
    if key in PROGRAM_KEYS:
        value = plan.block_program[b][key]
        return CellValue(esc(value), (key, b), [value] * n)
    if row.kind == "parent":
        # the parent row carries no target, formula or unit; columns that merge over the
        # group (penanggung jawab, sumber data) show the children's shared value
        if key in ("penanggung_jawab", "sumber_data") and unit and col.span != "row":
            value = unit.indicators[0].field_value(key)
            return CellValue(esc(value), ("v", value), [])
        return CellValue("", None, [])
    if key == "labelled":
        parts = col.arg
        per = [{f: ind.field_value(f) for f, _ in parts} for ind in inds]
        ind = inds[0]
        tag = {"u": "u", "b": "b", "plain": "span"}[plan.label_style]
        sep = " :" if plan.label_style != "plain" else ":"
        html = "".join(f"<div><{tag}>{esc(label)}</{tag}>{sep} {esc(ind.field_value(f))}</div>" for f, label in parts)
        return CellValue(html, None, [None] * n, labelled=per)
    if key in ("target", "baseline", "final", "extra"):
        if key == "target":
            vals = [ind.targets[col.arg] for ind in inds]
        elif key == "baseline":
            vals = [ind.baseline for ind in inds]
        elif key == "final":
            vals = [ind.final for ind in inds]
        else:
            vals = [ind.extras[col.arg] for ind in inds]
        if multi and key != "extra":
            return CellValue(_items(vals, unit.marker if plan.marked_targets else None), None, vals)
        return CellValue(esc(vals[0]), None, [vals[0]] * n)
    # a field column
    vals = [ind.field_value(key) for ind in inds]
    if multi and key in plan.parallel:
        return CellValue(_items(vals, unit.marker), None, vals)
    if key == "formulasi":
        return CellValue(_formula_html(plan, inds[0]), None, [vals[0]] * n)
    mkey = ("v", vals[0]) if key in ("penanggung_jawab", "sumber_data") else None
    return CellValue(esc(vals[0]), mkey, [vals[0]] * n)


# --------------------------------------------------------------------------- spans


def compute_spans(plan: TablePlan, rows: list[Row], values: list[list[Optional[CellValue]]]) -> tuple[list, list]:
    """rowspan per (row, col) (0: covered by a merged cell above) and whether the cell
    is a continuation of a "first" run (shown empty)."""
    ncol = len(plan.columns)
    spans = [[1] * ncol for _ in rows]
    blank = [[False] * ncol for _ in rows]
    for c, col in enumerate(plan.columns):
        if col.span == "row":
            continue
        r = 0
        while r < len(rows):
            v = values[r][c]
            if rows[r].kind == "section" or v is None or v.key is None:
                r += 1
                continue
            end = r + 1
            while end < len(rows) and rows[end].kind != "section" and values[end][c] is not None \
                    and values[end][c].key == v.key:
                end += 1
            if end - r > 1:
                if col.span == "merged":
                    spans[r][c] = end - r
                    for k in range(r + 1, end):
                        spans[k][c] = 0
                else:
                    for k in range(r + 1, end):
                        blank[k][c] = True
            r = end
    return spans, blank


# --------------------------------------------------------------------------- HTML


def header_html(plan: TablePlan) -> str:
    cols = plan.columns
    two_level = any(c.parent for c in cols)
    row1, row2 = [], []
    c = 0
    while c < len(cols):
        col = cols[c]
        if col.parent is None:
            rs = ' rowspan="2"' if two_level else ""
            row1.append(f"<th{rs}>{esc(col.header)}</th>")
            c += 1
            continue
        run = c
        while run < len(cols) and cols[run].parent == col.parent:
            row2.append(f"<th>{esc(cols[run].header)}</th>")
            run += 1
        row1.append(f'<th colspan="{run - c}">{esc(col.parent)}</th>')
        c = run
    out = "<tr>" + "".join(row1) + "</tr>"
    if two_level:
        out += "<tr>" + "".join(row2) + "</tr>"
    if plan.style.numbering_row:
        out += '<tr class="numbering">' + "".join(f"<td>({k + 1})</td>" for k in range(len(cols))) + "</tr>"
    return out


def render(plan: TablePlan) -> tuple[str, str, list[dict]]:
    """(CSS, HTML, gold records) of the table."""
    rows = plan_rows(plan)
    # indicator positions for codes: (index within its block, index in the table)
    inds_index: dict[int, tuple[int, int]] = {}
    n = 0
    for b, sas in enumerate(plan.blocks):
        for i, ind in enumerate(sas.indicators):
            inds_index[id(ind)] = (i, n)
            n += 1
    no_counter = {}
    for row in rows:
        if row.kind != "section" and row.unit not in no_counter:
            no_counter[row.unit] = len(no_counter) + 1
    values: list[list[Optional[CellValue]]] = []
    for row in rows:
        if row.kind == "section":
            values.append([None] * len(plan.columns))
        else:
            values.append([cell_value(plan, col, row, inds_index, no_counter) for col in plan.columns])
    spans, blank = compute_spans(plan, rows, values)

    body = []
    for r, row in enumerate(rows):
        if row.kind == "section":
            body.append(f'<tr class="section"><td colspan="{len(plan.columns)}">{esc(row.text)}</td></tr>')
            continue
        cells = []
        for c, col in enumerate(plan.columns):
            if spans[r][c] == 0:
                continue
            v = values[r][c]
            rs = f' rowspan="{spans[r][c]}"' if spans[r][c] > 1 else ""
            cls = ' class="ctr"' if col.key in ("no", "kode", "satuan", "target", "baseline", "final") else ""
            cells.append(f"<td{rs}{cls}>{'' if blank[r][c] else v.html}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")

    head = header_html(plan)
    if plan.style.repeat_header:
        table = f'<table class="{plan.cls}"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>'
    else:
        table = f'<table class="{plan.cls}"><tbody>{head}{"".join(body)}</tbody></table>'
    caption = ""
    if plan.title:
        caption = '<div class="caption">' + "<br>".join(esc(t) for t in plan.title) + "</div>"
    gold = gold_records(plan, rows, values, blank, inds_index)
    return table_css(plan.cls, plan.style), caption + table, gold


# --------------------------------------------------------------------------- gold


def gold_records(plan: TablePlan, rows: list[Row], values, blank, inds_index: dict) -> list[dict]:
    """The records a careful reader writes for this table (FORMAT.md), in order.

    A row covered by a merged cell reads the merged cell's value: its own CellValue
    holds the same value (cells merge only where their merge keys, so values, are equal)."""
    title_group = plan.group if plan.group is not None else (" ".join(plan.title) or None)
    records: list[dict] = []
    for r, row in enumerate(rows):
        if row.kind in ("section", "parent"):
            continue
        row_vals = values[r]
        section = plan.blocks[row.block].section
        for k, ind in enumerate(row.indicators):
            rec: dict[str, Any] = {f: None for f in CELL_FIELDS}
            extra: dict[str, str] = {}
            for c, col in enumerate(plan.columns):
                v = row_vals[c]
                if v is None:
                    continue
                if col.key == "labelled":
                    if v.labelled:
                        for f, value in v.labelled[k].items():
                            rec[f] = value
                    continue
                value = v.gold[k] if k < len(v.gold) else None
                if blank[r][c] and (col.gold_field not in FILL_DOWN):
                    value = None
                if value is None:
                    continue
                if col.gold_field:
                    rec[col.gold_field] = value
                else:
                    extra[col.extra_key] = value
                if col.key == "sasaran" and plan.sasaran_code(row.block):
                    extra[f"{col.extra_key} (kode)"] = plan.sasaran_code(row.block).rstrip(".")
            if plan.sasaran_mode == "section":
                rec["sasaran"] = plan.blocks[row.block].text
            if plan.code_mode in ("prefix", "line"):
                rec["no"] = plan.code(row.block, *inds_index[id(ind)])
            if row.child_of is not None:
                extra[PARENT_KEY] = row.child_of
            rec["group"] = section if section else title_group
            rec["extra"] = extra
            records.append(rec)
    return records


# --------------------------------------------------------------------------- width


def _column_texts(plan: TablePlan, col: Column) -> list[str]:
    texts = [col.header]
    for b, sas in enumerate(plan.blocks):
        if col.key == "sasaran":
            texts.append(sas.text)
        elif col.key in ("sasaran_daerah", "indikator_daerah") and sas.daerah:
            texts.extend(sas.daerah)
        elif col.key in PROGRAM_KEYS and b in plan.block_program:
            texts.append(plan.block_program[b][col.key])
        for ind in sas.indicators:
            if col.key == "labelled":
                texts.extend(f"{label} {ind.field_value(f)}" for f, label in col.arg)
            elif col.key == "target":
                texts.append(ind.targets.get(col.arg, ""))
            elif col.key in ("baseline", "final"):
                texts.append(ind.baseline if col.key == "baseline" else ind.final)
            elif col.key == "extra":
                texts.append(ind.extras.get(col.arg, ""))
            elif col.key == "kode":
                texts.append(plan.code_format.replace("{", "").replace("}", "") + "00")
            elif col.key == "no":
                texts.append("10.")
            else:
                texts.append(ind.field_value(col.key) or "")
    return texts


def min_width_pt(plan: TablePlan, font_pt: float) -> float:
    """A rough lower bound of the table's width: every column at least as wide as its
    longest word (Chromium's auto table layout does not break words)."""
    total = 0.0
    for col in plan.columns:
        longest = max((len(w) for t in _column_texts(plan, col) for w in str(t).split()), default=2)
        total += longest * font_pt * 0.62 + 2 * (plan.style.padding_pt + 1) + plan.style.rule_pt
    return total


def fit_font(plan: TablePlan, width_pt: float) -> bool:
    """Shrink the table's font (not below 7 pt) until its words fit `width_pt`; whether they do."""
    while min_width_pt(plan, plan.style.font_pt) > width_pt and plan.style.font_pt > 7.0:
        plan.style.font_pt = max(7.0, plan.style.font_pt - 0.5)
    return min_width_pt(plan, plan.style.font_pt) <= width_pt
