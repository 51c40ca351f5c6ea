"""Build the office-suite samples (``samples/office/``) and their gold records.

    apt-get install --no-install-recommends libreoffice-writer libreoffice-calc
    .venv/bin/pip install python-docx openpyxl
    .venv/bin/python samples/generate_office.py [OUTDIR]

A maintainer tool, not part of the package: python-docx, openpyxl and
LibreOffice are not project dependencies. The PDFs it writes are committed, so
the test suite reads them without any of these installed.

Every document is defined below as structured data. From that data the script
writes a Word (``.docx``, python-docx) or Excel (``.xlsx``, openpyxl) file,
converts it with ``soffice --headless --convert-to pdf`` and writes the gold
record (``<name>.json``, the shape of FORMAT.md) beside the PDF. The layouts
are the office suite's own, not the reportlab layouts of ``generate.py``: Word
tables with vertically merged cells, a repeated header row and rows broken
across pages; Excel sheets with borders, a title row merged over the columns
inside the grid, a "(1) (2) (3)" numbering row, wrapped text; a Word table with
every border removed.

LibreOffice stamps creation dates and document ids into the PDFs, so a rebuild
is not byte-for-byte identical to the committed files; the gold records are.
Agencies, names, numbers and NIPs are made up; the wording follows real IKU
decrees.

Gold conventions (what a careful reader writes, FORMAT.md):

* ``MERGED`` ("^") in a row means "the same (vertically merged) cell as the row
  above": the value is filled down for ``sasaran``, ``penanggung_jawab`` and
  ``sumber_data``.
* A list value is a cell holding numbered lines ("1. ...", "2. ..."): a list in
  ``indikator`` gives one record per item, and another list of the same length
  in that row gives each record its own item; the other cells are shared.
* A column with ``parts`` holds labelled parts ("Definisi : ...") that go to
  their own fields.
* A column under a two-level header whose own header names no field goes to
  ``extra`` as "PARENT / CHILD".
* ``group`` is the table title; under a section row ("Tujuan 1: ...") it is
  "TITLE - SECTION", as in the reference gold of ``003_b12329ee375d4a48``.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from iku.normalizers.schema import DOCUMENT_KEYS, INDICATOR_FIELDS

HERE = Path(__file__).resolve().parent
OUT_DIR = HERE / "office"

MERGED = "^"
# fields a reader fills down through merged / empty cells (FORMAT.md): the gold's own statement
# of the rule, kept apart from the extractor's (normalizers/records.py) that the gold checks
FILL_DOWN = ("sasaran", "penanggung_jawab", "sumber_data", "sasaran_daerah",
             "indikator_daerah")
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]
PAGE_CM = {"A4": (21.0, 29.7), "F4": (21.5, 33.0)}


# --------------------------------------------------------------------------- data helpers


def tanggal(date: tuple[int, int, int]) -> str:
    y, m, d = date
    return f"{d} {BULAN[m - 1]} {y}"


def iso(date: tuple[int, int, int]) -> str:
    y, m, d = date
    return f"{y:04d}-{m:02d}-{d:02d}"


def clean_number(nomor: str) -> str:
    """The SK number as FORMAT.md stores it: no whitespace around "/" and "-"."""
    return re.sub(r"\s*([/-])\s*", r"\1", nomor).strip()


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def squash(text: str) -> str:
    return " ".join(text.split())


def col(header: str, field: str, width: float, *, key: str | None = None,
        parent: str | None = None, parts=None, align: str = "left") -> dict:
    """One table column: ``field`` is a FORMAT.md field or "extra"; ``key`` the
    row key holding its cells (default: the field)."""
    return {"header": header, "field": field, "key": key or field, "width": width,
            "parent": parent, "parts": parts, "align": align}


def extra_name(c: dict) -> str:
    return f"{c['parent']} / {c['header']}" if c["parent"] else c["header"]


def cell_lines(row: dict, c: dict) -> list[str]:
    """The lines a cell shows (empty list for an empty or merged-away cell)."""
    if c["parts"]:
        return [f"{label} : {row[f]}" for label, f in c["parts"] if row.get(f)]
    value = row.get(c["key"])
    if value in (None, "", MERGED):
        return []
    if isinstance(value, list):
        return [f"{i}. {v}" for i, v in enumerate(value, 1)]
    return str(value).split("\n")


def _pick(value, j: int, n: int):
    if value in (None, "", MERGED):
        return None
    if isinstance(value, list):
        value = value[j] if len(value) == n else " ".join(value)
    return squash(str(value)) or None


def table_gold(table: dict) -> list[dict]:
    """The records a careful reader takes out of one table."""
    cols = table["columns"]
    group = table["group"]
    last: dict[str, str] = {}
    records = []
    for row in table["rows"]:
        if "section" in row:
            group = f"{table['group']} - {squash(row['section'])}"
            last = {}
            continue
        inds = row["indikator"] if isinstance(row["indikator"], list) else [row["indikator"]]
        for j in range(len(inds)):
            rec = {f: None for f in INDICATOR_FIELDS}
            rec["extra"] = {}
            rec["group"] = group
            for c in cols:
                if c["parts"]:
                    for _, f in c["parts"]:
                        rec[f] = _pick(row.get(f), j, len(inds))
                    continue
                value = row.get(c["key"])
                if value == MERGED:
                    value = last.get(c["key"])
                value = _pick(value, j, len(inds))
                if c["field"] == "no":
                    value = (value or "").rstrip(".") or None
                if c["field"] == "extra":
                    rec["extra"][extra_name(c)] = value
                else:
                    rec[c["field"]] = value
            records.append(rec)
        for c in cols:
            value = row.get(c["key"])
            if c["field"] in FILL_DOWN and value not in (None, "", MERGED):
                last[c["key"]] = value
    return records


def merged_runs(table: dict) -> list[tuple[int, int, int]]:
    """(column, first body row, last body row) of every vertically merged cell."""
    runs = []
    for ci, c in enumerate(table["columns"]):
        origin = None
        for r, row in enumerate(table["rows"]):
            if "section" in row:
                origin = None
                continue
            if row.get(c["key"]) == MERGED:
                if origin is None:
                    raise ValueError(f"{c['key']}: merged cell without a cell above")
                if runs and runs[-1][0] == ci and runs[-1][1] == origin:
                    runs[-1] = (ci, origin, r)
                else:
                    runs.append((ci, origin, r))
            else:
                origin = r
    return runs


def gold_record(spec: dict) -> dict:
    d = spec["document"]
    sign = spec["signature"]
    document = {
        "source_file": f"{spec['name']}.pdf",
        "agency": d["agency"],
        "region": d["region"],
        "region_level": d["region_level"],
        "province": d["province"],
        "period_start": d["period"][0],
        "period_end": d["period"][1],
        "decree_number": clean_number(spec["decree"]["nomor"]) if spec.get("decree") else None,
        "decree_date": iso(sign["date"]),
        "signatory_name": sign["name"],
        "signatory_nip": digits(sign["nip"]),
    }
    indicators = [rec for table in spec["tables"] for rec in table_gold(table)]
    return {"document": {k: document[k] for k in DOCUMENT_KEYS}, "indicators": indicators}


# --------------------------------------------------------------------------- Word


def build_docx(spec: dict, path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    font = spec.get("font", "Arial")
    size = spec.get("font_size", 11)
    doc = Document()
    doc.core_properties.title = spec["title"]
    doc.core_properties.author = spec["document"]["agency"]
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    pw, ph = PAGE_CM[spec.get("page", "A4")]
    margin = spec.get("margin_cm", (2.5, 2.0))  # portrait left/right, landscape left/right
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(pw), Cm(ph)
    sec.left_margin = sec.right_margin = Cm(margin[0])
    sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)

    def par(text="", *, bold=False, underline=False, align=None, pt=None, indent=None,
            after=0, before=0, container=None, hanging=None, tabs=()):
        p = (container or doc).add_paragraph()
        if text:
            run = p.add_run(text)
            run.bold = bold
            run.underline = underline
            if pt:
                run.font.size = Pt(pt)
        fmt = p.paragraph_format
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align == "justify":
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if indent is not None:
            fmt.left_indent = Cm(indent)
        if hanging is not None:
            fmt.first_line_indent = Cm(-hanging)
        for t in tabs:
            fmt.tab_stops.add_tab_stop(Cm(t))
        fmt.space_after = Pt(after)
        fmt.space_before = Pt(before)
        return p

    def bottom_rule(p, sz=18):
        ppr = p._p.get_or_add_pPr()
        bdr = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for k, v in (("val", "thickThinSmallGap"), ("sz", str(sz)), ("space", "1"),
                     ("color", "000000")):
            bottom.set(qn(f"w:{k}"), v)
        bdr.append(bottom)
        ppr.append(bdr)

    def page_break():
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # cover
    if spec.get("cover"):
        for _ in range(6):
            par()
        for line, pt in spec["cover"]:
            par(line, bold=bool(line), align="center", pt=pt, after=6)
        page_break()

    # decree
    decree = spec.get("decree")
    sign = spec["signature"]
    if decree:
        kop = decree["kop"]
        par(kop[0], bold=True, align="center", pt=13)
        par(kop[1], bold=True, align="center", pt=15)
        p = par(kop[2], align="center", pt=9, after=10)
        bottom_rule(p)
        for line in decree["heading"]:
            par(line, bold=True, align="center")
        par(f"NOMOR : {decree['nomor']}", align="center", after=6)
        par("TENTANG", bold=True, align="center", after=6)
        for line in decree["tentang"]:
            par(line, bold=True, align="center")
        par()
        par("DENGAN RAHMAT TUHAN YANG MAHA ESA", bold=True, align="center", after=6)
        par(decree["pejabat"], bold=True, align="center", after=10)

        sections = [("Menimbang", decree["menimbang"], "letters"),
                    ("Mengingat", decree["mengingat"], "numbers")]
        text_w = pw - 2 * margin[0] - 3.6
        if decree.get("layout") == "table":
            t = doc.add_table(rows=len(sections), cols=3)
            t.autofit = False
            for i, w in enumerate((3.0, 0.6, text_w)):
                t.columns[i].width = Cm(w)
            for r, (label, items, kind) in enumerate(sections):
                cells = t.rows[r].cells
                for cell, w in zip(cells, (3.0, 0.6, text_w)):
                    cell.width = Cm(w)
                cells[0].paragraphs[0].add_run(label)
                cells[1].paragraphs[0].add_run(":")
                for i, item in enumerate(items):
                    mark = f"{'abcdefghij'[i]}." if kind == "letters" else f"{i + 1}."
                    p = cells[2].paragraphs[0] if i == 0 else cells[2].add_paragraph()
                    p.add_run(f"{mark}\t{item}")
                    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                    p.paragraph_format.left_indent = Cm(0.7)
                    p.paragraph_format.first_line_indent = Cm(-0.7)
                    p.paragraph_format.tab_stops.add_tab_stop(Cm(0.7))
                    p.paragraph_format.space_after = Pt(3)
            par(after=6)
        else:
            for label, items, kind in sections:
                for i, item in enumerate(items):
                    mark = f"{'abcdefghij'[i]}." if kind == "letters" else f"{i + 1}."
                    head = f"{label}\t:\t" if i == 0 else "\t\t"
                    par(f"{head}{mark}\t{item}", align="justify", indent=4.2, hanging=4.2,
                        tabs=(3.0, 3.5, 4.2), after=3)
                par(after=4)
        par("MEMUTUSKAN :", bold=True, align="center", after=6)
        par(f"Menetapkan\t:\t{decree['menetapkan']}", align="justify", indent=3.5,
            hanging=3.5, tabs=(3.0, 3.5), after=6)
        for label, text in decree["diktum"]:
            par(f"{label}\t:\t{text}", align="justify", indent=3.5, hanging=3.5,
                tabs=(3.0, 3.5), after=6)
        par()
        signature_docx(par, sign, spec.get("sign_indent", 8.5))

    # tables, on landscape pages
    lsec = doc.add_section(WD_SECTION.NEW_PAGE) if decree or spec.get("cover") else sec
    lsec.orientation = WD_ORIENT.LANDSCAPE
    lsec.page_width, lsec.page_height = Cm(ph), Cm(pw)
    lsec.left_margin = lsec.right_margin = Cm(margin[1])
    lsec.top_margin, lsec.bottom_margin = Cm(1.8), Cm(1.8)
    usable = ph - 2 * margin[1]
    if spec.get("lampiran"):
        for line in spec["lampiran"]:
            par(line, pt=10, indent=usable - 9.5)
        par(after=6)
    for ti, table in enumerate(spec["tables"]):
        if ti:
            par(after=10)
        for line in table["title"]:
            par(line, bold=True, align="center", pt=11)
        par(after=4)
        docx_table(doc, table, usable, spec.get("table_font_size", 8))
    if spec.get("closing_signature"):
        par(after=10)
        signature_docx(par, sign, usable - 9.0, titles_only=True)
    doc.save(path)


def signature_docx(par, sign: dict, indent: float, titles_only: bool = False) -> None:
    lines = []  # the block is kept on one page ("keep with next")
    if not titles_only:
        lines += [par(line, indent=indent) for line in sign["ditetapkan"]]
        lines.append(par(indent=indent))
    lines += [par(line, bold=True, indent=indent) for line in sign["title"]]
    lines += [par(indent=indent) for _ in range(4)]
    lines.append(par(sign["name"], bold=True, underline=True, indent=indent))
    if sign.get("rank"):
        lines.append(par(sign["rank"], indent=indent))
    par(f"NIP. {sign['nip']}", indent=indent)
    for p in lines:
        p.paragraph_format.keep_with_next = True


def docx_table(doc, table: dict, usable_cm: float, size: float) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    cols = table["columns"]
    n = len(cols)
    two = any(c["parent"] for c in cols)
    nhead = 2 if two else 1
    numbering = table.get("numbering", False)
    first = nhead + (1 if numbering else 0)
    body = table["rows"]
    t = doc.add_table(rows=first + len(body), cols=n)
    if table.get("borders", True):
        t.style = doc.styles["Table Grid"]
    else:
        tblpr = t._tbl.tblPr
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:val"), "nil")
            borders.append(el)
        tblpr.append(borders)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    total = sum(c["width"] for c in cols)
    widths = [Cm(round(c["width"] * usable_cm / total, 2)) for c in cols]
    for i, w in enumerate(widths):
        t.columns[i].width = w
    for row in t.rows:
        for i, cell in enumerate(row.cells):
            cell.width = widths[i]

    gap = table.get("row_gap_pt", 0 if table.get("borders", True) else 6)

    def write(cell, lines, *, bold=False, center=False, list_indent=False, after=0):
        for i, line in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            if i == len(lines) - 1 and after:
                p.paragraph_format.space_after = Pt(after)
            run = p.add_run(line)
            run.font.size = Pt(size)
            run.bold = bold
            if center:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if list_indent and re.match(r"^\d+\. ", line):
                p.paragraph_format.left_indent = Cm(0.4)
                p.paragraph_format.first_line_indent = Cm(-0.4)

    def shade(cell, fill):
        tcpr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        tcpr.insert_element_before(shd, "w:noWrap", "w:tcMar", "w:textDirection",
                                   "w:tcFitText", "w:vAlign", "w:hideMark")

    def repeat_header(row):
        trpr = row._tr.get_or_add_trPr()
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        trpr.append(el)

    # header
    fill = table.get("header_fill")
    for r in range(first):
        repeat_header(t.rows[r])
        for cell in t.rows[r].cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if fill and r < nhead:
                shade(cell, fill)
    parent_runs = []
    for i, c in enumerate(cols):
        if two and c["parent"]:
            if not parent_runs or parent_runs[-1][2] != c["parent"] or parent_runs[-1][1] != i - 1:
                parent_runs.append([i, i, c["parent"]])
                write(t.cell(0, i), [c["parent"]], bold=True, center=True)
            else:
                parent_runs[-1][1] = i
            write(t.cell(1, i), [c["header"]], bold=True, center=True)
        else:
            write(t.cell(0, i), c["header"].split("\n"), bold=True, center=True)
    if numbering:
        for i in range(n):
            write(t.cell(nhead, i), [f"({i + 1})"], center=True)
    # body
    for r, row in enumerate(body):
        if "section" in row:
            continue
        for i, c in enumerate(cols):
            center = c["align"] == "center"
            write(t.cell(first + r, i), cell_lines(row, c), center=center, list_indent=True,
                  after=gap)
            t.cell(first + r, i).vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    # merges: header, section rows, vertically merged body cells
    if two:
        for i, c in enumerate(cols):
            if not c["parent"]:
                t.cell(0, i).merge(t.cell(1, i))
        for a, b, _ in parent_runs:
            if b > a:
                t.cell(0, a).merge(t.cell(0, b))
    for r, row in enumerate(body):
        if "section" in row:
            cell = t.cell(first + r, 0).merge(t.cell(first + r, n - 1))
            write(cell, [row["section"]], bold=True)
    for ci, r0, r1 in merged_runs(table):
        t.cell(first + r0, ci).merge(t.cell(first + r1, ci))


# --------------------------------------------------------------------------- Excel

_FONTS: dict[bool, object] = {}


def _font(bold: bool):
    """Advance widths of the font LibreOffice draws for Arial (for row heights)."""
    if bold not in _FONTS:
        from fontTools.ttLib import TTFont
        name = "Arial:bold" if bold else "Arial"
        path = subprocess.run(["fc-match", "-f", "%{file}", name], capture_output=True,
                              text=True, check=True).stdout
        f = TTFont(path)
        _FONTS[bold] = (f.getBestCmap(), f["hmtx"], f["head"].unitsPerEm)
    return _FONTS[bold]


def text_width(text: str, pt: float, bold: bool = False) -> float:
    cmap, hmtx, upm = _font(bold)
    units = 0
    for ch in text:
        glyph = cmap.get(ord(ch))
        units += hmtx[glyph][0] if glyph else upm * 0.6
    return units * pt / upm


def wrapped_lines(lines: list[str], width_pt: float, pt: float, bold: bool = False) -> int:
    count = 0
    for line in lines:
        words, cur = line.split(" "), ""
        n = 1
        for w in words:
            trial = f"{cur} {w}" if cur else w
            if text_width(trial, pt, bold) <= width_pt or not cur:
                cur = trial
            else:
                n += 1
                cur = w
        count += n
    return max(count, 1)


XL_UNIT_PT = 5.55  # LibreOffice: points per column width unit (Arial 10 default font)


def build_xlsx(spec: dict, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.pagebreak import Break

    table = spec["tables"][0]
    cols = table["columns"]
    n = len(cols)
    size = spec.get("table_font_size", 9)
    wb = Workbook()
    wb.properties.title = spec["title"]
    wb.properties.creator = spec["document"]["agency"]
    wb._named_styles["Normal"].font = Font(name="Arial", size=10)
    ws = wb.active
    ws.title = spec.get("sheet", "IKU")
    total_units = spec.get("sheet_units", 138)
    weight = sum(c["width"] for c in cols)
    units = [round(c["width"] * total_units / weight, 1) for c in cols]
    for i, u in enumerate(units, 1):
        ws.column_dimensions[get_column_letter(i)].width = u
    col_pt = [u * XL_UNIT_PT for u in units]
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    pad_w, pad_h = 6.0, 5.0
    line_h = size * 1.18
    heights: dict[int, float] = {}

    def put(r, c, lines, *, bold=False, center=False, vcenter=False, pt=size, border=True,
            italic=False):
        cell = ws.cell(r, c, "\n".join(lines) if lines else None)
        cell.font = Font(name="Arial", size=pt, bold=bold, italic=italic)
        cell.alignment = Alignment(wrap_text=True, horizontal="center" if center else "left",
                                   vertical="center" if vcenter else "top")
        if border:
            cell.border = box
        return cell

    def need(lines, width_pt, pt=size, bold=False):
        if not lines:
            return 0.0
        return wrapped_lines(lines, width_pt - pad_w, pt, bold) * pt * 1.18 + pad_h

    def merge(r0, c0, r1, c1):
        ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
        for rr in range(r0, r1 + 1):
            for cc in range(c0, c1 + 1):
                ws.cell(rr, cc).border = box

    r = 1
    # title row inside the grid
    title = table["title"]
    put(r, 1, title, bold=True, center=True, vcenter=True, pt=11)
    merge(r, 1, r, n)
    heights[r] = len(title) * 11 * 1.2 + 10
    r += 1
    header_first = r
    two = any(c["parent"] for c in cols)
    if two:
        i = 0
        while i < n:
            c = cols[i]
            if c["parent"]:
                j = i
                while j + 1 < n and cols[j + 1]["parent"] == c["parent"]:
                    j += 1
                put(r, i + 1, [c["parent"]], bold=True, center=True, vcenter=True)
                merge(r, i + 1, r, j + 1)
                for k in range(i, j + 1):
                    put(r + 1, k + 1, [cols[k]["header"]], bold=True, center=True, vcenter=True)
                i = j + 1
            else:
                put(r, i + 1, c["header"].split("\n"), bold=True, center=True, vcenter=True)
                merge(r, i + 1, r + 1, i + 1)
                i += 1
        hdr = max(need(c["header"].split("\n"), col_pt[i], bold=True) for i, c in enumerate(cols)
                  if not c["parent"])
        heights[r] = max(line_h + pad_h, hdr / 2)
        heights[r + 1] = max(line_h + pad_h, hdr / 2)
        r += 2
    else:
        for i, c in enumerate(cols):
            put(r, i + 1, c["header"].split("\n"), bold=True, center=True, vcenter=True)
        heights[r] = max(need(c["header"].split("\n"), col_pt[i], bold=True)
                         for i, c in enumerate(cols))
        r += 1
    if table.get("numbering"):
        for i in range(n):
            put(r, i + 1, [f"({i + 1})"], center=True, vcenter=True, pt=size - 1, italic=True)
        heights[r] = (size - 1) * 1.2 + 4
        r += 1
    header_last = r - 1
    first = r
    body = table["rows"]
    for k, row in enumerate(body):
        rr = first + k
        if "section" in row:
            put(rr, 1, [row["section"]], bold=True)
            merge(rr, 1, rr, n)
            heights[rr] = need([row["section"]], sum(col_pt), bold=True)
            continue
        h = line_h + pad_h
        for i, c in enumerate(cols):
            lines = cell_lines(row, c)
            put(rr, i + 1, lines, center=c["align"] == "center")
            if row.get(c["key"]) != MERGED:
                nxt = body[k + 1] if k + 1 < len(body) else {}
                if nxt.get(c["key"]) != MERGED:  # a merged cell is sized below
                    h = max(h, need(lines, col_pt[i]))
        heights[rr] = h
    for ci, r0, r1 in merged_runs(table):
        merge(first + r0, ci + 1, first + r1, ci + 1)
        lines = cell_lines(body[r0], cols[ci])
        have = sum(heights[first + k] for k in range(r0, r1 + 1))
        want = need(lines, col_pt[ci])
        if want > have:
            heights[first + r1] += want - have
    last = first + len(body) - 1
    if table.get("page_break_before") is not None:
        ws.row_breaks.append(Break(id=first + table["page_break_before"] - 1))
    # signature below the table, no borders
    sign = spec["signature"]
    r = last + 2
    span = spec.get("sign_columns", 3)
    c0 = n - span + 1
    lines = sign["ditetapkan"] + sign["title"] + ["", "", ""] + [sign["name"]]
    if sign.get("rank"):
        lines.append(sign["rank"])
    lines.append(f"NIP. {sign['nip']}")
    for line in lines:
        bold = line in sign["title"] or line == sign["name"]
        cell = put(r, c0, [line] if line else [], bold=bold, center=True, border=False, pt=10)
        if line == sign["name"]:
            cell.font = Font(name="Arial", size=10, bold=True, underline="single")
        ws.merge_cells(start_row=r, start_column=c0, end_row=r, end_column=n)
        heights[r] = 14
        r += 1
    for rr, h in heights.items():
        ws.row_dimensions[rr].height = round(h, 1)
    # page setup
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{header_first}:{header_last}"
    ws.print_area = f"A1:{get_column_letter(n)}{r - 1}"
    ws.oddFooter.right.text = "Halaman &P dari &N"
    ws.oddFooter.right.size = 8
    wb.save(path)


# --------------------------------------------------------------------------- conversion


def to_pdf(src: Path, outdir: Path, profile: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice not found: apt-get install libreoffice-writer libreoffice-calc")
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, timeout=300)
    pdf = outdir / f"{src.stem}.pdf"
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice wrote no PDF for {src.name}")
    return pdf


def build(spec: dict, outdir: Path, work: Path) -> dict:
    kind = spec["kind"]
    src = work / f"{spec['name']}.{kind}"
    (build_docx if kind == "docx" else build_xlsx)(spec, src)
    pdf = to_pdf(src, work, work / "profile")
    shutil.copyfile(pdf, outdir / f"{spec['name']}.pdf")
    gold = gold_record(spec)
    (outdir / f"{spec['name']}.json").write_text(
        json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return gold


# =========================================================================== documents

UU_PEMDA = ("Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah "
            "beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023 tentang "
            "Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang "
            "Cipta Kerja menjadi Undang-Undang;")
PERPRES_SAKIP = ("Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
                 "Instansi Pemerintah (Lembaran Negara Republik Indonesia Tahun 2014 Nomor 80);")
PERMEN_IKU = ("Peraturan Menteri Pendayagunaan Aparatur Negara Nomor PER/09/M.PAN/5/2007 tentang "
              "Pedoman Umum Penetapan Indikator Kinerja Utama di Lingkungan Instansi Pemerintah;")
PERMEN_53 = ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 "
             "Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata "
             "Cara Reviu atas Laporan Kinerja Instansi Pemerintah;")

# --------------------------------------------------------------------------- 300 Makassar

_S = MERGED
MKS_SIGN = {
    "date": (2024, 2, 12),
    "ditetapkan": ["Ditetapkan di Makassar pada tanggal 12 Februari 2024"],
    "title": ["KEPALA DINAS PERHUBUNGAN", "KOTA MAKASSAR,"],
    "name": "ANDI RAHMAT HIDAYAT, S.STP., M.Si",
    "rank": "Pembina Tingkat I (IV/b)",
    "nip": "19780614 199712 1 002",
}
MKS_COLS = [
    col("NO", "no", 1.0, align="center"),
    col("SASARAN STRATEGIS OPD", "sasaran", 3.6),
    col("INDIKATOR KINERJA UTAMA (IKU)", "indikator", 4.2),
    col("DEFINISI OPERASIONAL", "penjelasan", 5.6),
    col("FORMULASI / CARA PENGUKURAN", "formulasi", 4.8),
    col("SATUAN", "satuan", 1.9, align="center"),
    col("SUMBER DATA / UNIT PENGUMPUL DATA", "sumber_data", 3.0),
    col("PENANGGUNG JAWAB", "penanggung_jawab", 2.7),
]


def _mks(no, sasaran, indikator, penjelasan, formulasi, satuan, sumber, pj):
    return {"no": no, "sasaran": sasaran, "indikator": indikator, "penjelasan": penjelasan,
            "formulasi": formulasi, "satuan": satuan, "sumber_data": sumber,
            "penanggung_jawab": pj}


MAKASSAR = {
    "name": "300_dishub_makassar",
    "kind": "docx",
    "title": "IKU Dinas Perhubungan Kota Makassar 2021-2026",
    "page": "A4",
    "font": "Arial",
    "font_size": 11,
    "table_font_size": 8.5,
    "margin_cm": (2.5, 1.5),
    "sign_indent": 6.0,
    "document": {"agency": "Dinas Perhubungan Kota Makassar", "region": "Kota Makassar",
                 "region_level": "kota", "province": "Sulawesi Selatan", "period": (2021, 2026)},
    "cover": [("INDIKATOR KINERJA UTAMA (IKU)", 20), ("DINAS PERHUBUNGAN", 18),
              ("KOTA MAKASSAR", 18), ("TAHUN 2021–2026", 16), ("", 12), ("", 12),
              ("PEMERINTAH KOTA MAKASSAR", 14), ("2024", 14)],
    "decree": {
        "kop": ["PEMERINTAH KOTA MAKASSAR", "DINAS PERHUBUNGAN",
                "Jalan Ujung Pandang Baru Nomor 14, Makassar 90211, Telepon (0411) 441287"],
        "heading": ["KEPUTUSAN KEPALA DINAS PERHUBUNGAN KOTA MAKASSAR"],
        "nomor": "551/ 0217 /Dishub/II/2024",
        "tentang": ["REVIU INDIKATOR KINERJA UTAMA", "DINAS PERHUBUNGAN KOTA MAKASSAR",
                    "TAHUN 2021–2026"],
        "pejabat": "KEPALA DINAS PERHUBUNGAN KOTA MAKASSAR,",
        "layout": "table",
        "menimbang": [
            "bahwa dalam rangka pengukuran dan peningkatan kinerja serta lebih meningkatkan "
            "akuntabilitas kinerja Dinas Perhubungan Kota Makassar, perlu dilakukan reviu atas "
            "Indikator Kinerja Utama yang telah ditetapkan;",
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
            "Keputusan Kepala Dinas Perhubungan tentang Reviu Indikator Kinerja Utama Dinas "
            "Perhubungan Kota Makassar Tahun 2021–2026;",
        ],
        "mengingat": [
            "Undang-Undang Nomor 22 Tahun 2009 tentang Lalu Lintas dan Angkutan Jalan "
            "(Lembaran Negara Republik Indonesia Tahun 2009 Nomor 96);",
            UU_PEMDA, PERPRES_SAKIP, PERMEN_53,
            "Peraturan Daerah Kota Makassar Nomor 8 Tahun 2021 tentang Rencana Pembangunan "
            "Jangka Menengah Daerah Kota Makassar Tahun 2021–2026;",
            "Peraturan Wali Kota Makassar Nomor 112 Tahun 2021 tentang Rencana Strategis "
            "Perangkat Daerah Kota Makassar Tahun 2021–2026;",
        ],
        "menetapkan": "KEPUTUSAN KEPALA DINAS PERHUBUNGAN KOTA MAKASSAR TENTANG REVIU "
                      "INDIKATOR KINERJA UTAMA DINAS PERHUBUNGAN KOTA MAKASSAR TAHUN 2021–2026.",
        "diktum": [
            ("KESATU", "Indikator Kinerja Utama Dinas Perhubungan Kota Makassar Tahun 2021–2026 "
                       "sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak "
                       "terpisahkan dari Keputusan ini."),
            ("KEDUA", "Indikator Kinerja Utama sebagaimana dimaksud dalam Diktum KESATU "
                      "digunakan sebagai acuan dalam penyusunan Rencana Kerja, Perjanjian "
                      "Kinerja, Laporan Kinerja Instansi Pemerintah serta evaluasi pencapaian "
                      "kinerja Dinas Perhubungan Kota Makassar."),
            ("KETIGA", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
        ],
    },
    "signature": MKS_SIGN,
    "lampiran": ["LAMPIRAN KEPUTUSAN KEPALA DINAS PERHUBUNGAN", "KOTA MAKASSAR",
                 "NOMOR   : 551/ 0217 /Dishub/II/2024", "TANGGAL : 12 Februari 2024"],
    "closing_signature": True,
    "tables": [{
        "group": "INDIKATOR KINERJA UTAMA (IKU) DINAS PERHUBUNGAN KOTA MAKASSAR TAHUN 2021–2026",
        "title": ["INDIKATOR KINERJA UTAMA (IKU)",
                  "DINAS PERHUBUNGAN KOTA MAKASSAR TAHUN 2021–2026"],
        "columns": MKS_COLS,
        "rows": [
            _mks("1", "Meningkatnya kelancaran lalu lintas pada ruas jalan dan persimpangan kota",
                 "Rata-rata kecepatan perjalanan kendaraan pada ruas jalan arteri pada jam sibuk",
                 "Kecepatan rata-rata kendaraan bermotor yang melintasi ruas jalan arteri primer "
                 "dan arteri sekunder pada jam sibuk pagi (07.00–09.00 WITA) dan sore "
                 "(16.00–18.00 WITA), diperoleh dari survei waktu tempuh (travel time survey) "
                 "dengan metode kendaraan bergerak pada 24 ruas jalan yang ditetapkan",
                 "Jumlah panjang ruas jalan arteri yang disurvei (km) / Jumlah waktu tempuh pada "
                 "seluruh ruas yang disurvei (jam)",
                 "km/jam", "Laporan survei kinerja lalu lintas / Seksi Manajemen dan Rekayasa "
                 "Lalu Lintas", "Bidang Lalu Lintas"),
            _mks("2", _S,
                 "Persentase ruas jalan kota dengan rasio volume per kapasitas (V/C ratio) kurang "
                 "dari 0,85",
                 "Ruas jalan kota yang tingkat pelayanannya masih baik, yaitu perbandingan antara "
                 "volume lalu lintas pada jam puncak dengan kapasitas ruas jalan kurang dari 0,85 "
                 "berdasarkan Pedoman Kapasitas Jalan Indonesia (PKJI) 2023",
                 "(Jumlah ruas jalan dengan V/C ratio < 0,85 / Jumlah ruas jalan yang disurvei) "
                 "x 100%",
                 "%", "Laporan survei lalu lintas harian rata-rata (LHR) / Seksi Manajemen dan "
                 "Rekayasa Lalu Lintas", _S),
            _mks("3", _S, "Persentase simpang bersinyal (APILL) yang berfungsi dengan baik",
                 "Alat Pemberi Isyarat Lalu Lintas pada simpang yang menyala dan bekerja sesuai "
                 "pengaturan waktu siklus yang ditetapkan, termasuk simpang yang terhubung dengan "
                 "Area Traffic Control System (ATCS) Kota Makassar",
                 "(Jumlah simpang bersinyal yang berfungsi baik / Jumlah seluruh simpang "
                 "bersinyal) x 100%",
                 "%", "Data inventarisasi APILL dan log ATCS / UPT Pengelolaan ATCS", _S),
            _mks("4", _S,
                 "Persentase kebutuhan perlengkapan jalan (rambu, marka dan pagar pengaman) yang "
                 "terpenuhi",
                 "Perbandingan antara perlengkapan jalan yang telah terpasang dalam kondisi baik "
                 "dengan kebutuhan perlengkapan jalan hasil analisis manajemen dan rekayasa lalu "
                 "lintas pada ruas jalan kota",
                 "(Jumlah perlengkapan jalan terpasang dalam kondisi baik / Jumlah kebutuhan "
                 "perlengkapan jalan) x 100%",
                 "%", "Data inventarisasi perlengkapan jalan / Seksi Prasarana Lalu Lintas", _S),
            _mks("5", "Meningkatnya keselamatan lalu lintas dan angkutan jalan",
                 "Tingkat fatalitas kecelakaan lalu lintas per 10.000 kendaraan bermotor",
                 "Jumlah korban meninggal dunia akibat kecelakaan lalu lintas di wilayah Kota "
                 "Makassar dalam satu tahun dibandingkan dengan jumlah kendaraan bermotor yang "
                 "terdaftar, dinyatakan per 10.000 kendaraan",
                 "(Jumlah korban meninggal dunia akibat kecelakaan lalu lintas / Jumlah kendaraan "
                 "bermotor terdaftar) x 10.000",
                 "per 10.000 kendaraan", "Data kecelakaan Satlantas Polrestabes Makassar / Seksi "
                 "Keselamatan Transportasi", "Bidang Keselamatan dan Pengujian Kendaraan"),
            _mks("6", _S, "Persentase kendaraan wajib uji yang lulus uji berkala",
                 "Kendaraan angkutan barang, angkutan penumpang umum, kereta gandengan dan kereta "
                 "tempelan yang dinyatakan lulus uji berkala pada Unit Pelaksana Pengujian "
                 "Kendaraan Bermotor Dinas Perhubungan dalam tahun berjalan",
                 "(Jumlah kendaraan yang lulus uji berkala / Jumlah kendaraan wajib uji yang "
                 "terdaftar) x 100%",
                 "%", "Aplikasi BLUe (Bukti Lulus Uji Elektronik) / UPT Pengujian Kendaraan "
                 "Bermotor", _S),
            _mks("7", _S,
                 "Persentase armada angkutan umum yang memenuhi standar pelayanan minimal",
                 "Armada angkutan orang dalam trayek dan angkutan sewa khusus yang memenuhi "
                 "standar pelayanan minimal angkutan orang, yaitu aspek keamanan, keselamatan, "
                 "kenyamanan, keterjangkauan, kesetaraan dan keteraturan, berdasarkan hasil "
                 "pemeriksaan kelaikan kendaraan di terminal dan pangkalan (ramp check) yang "
                 "dilaksanakan bersama Satlantas Polrestabes Makassar setiap triwulan",
                 "(Jumlah armada yang memenuhi SPM hasil ramp check / Jumlah armada yang "
                 "diperiksa) x 100%",
                 "%", "Berita acara ramp check / Seksi Keselamatan Transportasi", _S),
            _mks("8", _S, "Persentase lokasi rawan kecelakaan yang telah ditangani",
                 "Lokasi rawan kecelakaan (black spot) hasil analisis data kecelakaan tiga tahun "
                 "terakhir yang telah diberi penanganan berupa perbaikan geometrik sederhana, "
                 "pemasangan perlengkapan jalan atau pengaturan lalu lintas",
                 "(Jumlah lokasi rawan kecelakaan yang ditangani / Jumlah lokasi rawan kecelakaan "
                 "yang teridentifikasi) x 100%",
                 "%", "Laporan audit keselamatan jalan / Seksi Keselamatan Transportasi", _S),
            _mks("9", "Meningkatnya kualitas pelayanan angkutan umum massal perkotaan",
                 "Rata-rata jumlah penumpang angkutan umum massal per hari",
                 "Jumlah penumpang yang diangkut layanan angkutan umum massal berbasis jalan (bus "
                 "Teman Bus dan angkutan pengumpan) dibagi jumlah hari operasi dalam satu tahun, "
                 "dihitung dari transaksi tiket elektronik",
                 "Jumlah penumpang angkutan umum massal dalam satu tahun / Jumlah hari operasi "
                 "dalam satu tahun",
                 "orang/hari", "Sistem tiket elektronik operator / Seksi Angkutan Orang",
                 "Bidang Angkutan"),
            _mks("10", _S, "Load factor angkutan umum massal pada jam sibuk",
                 "Perbandingan antara jumlah penumpang yang diangkut dengan kapasitas tempat "
                 "duduk dan berdiri yang tersedia pada setiap perjalanan bus di koridor utama "
                 "pada jam sibuk",
                 "(Jumlah penumpang terangkut / (Jumlah perjalanan x Kapasitas kendaraan)) x 100%",
                 "%", "Survei statis dan dinamis angkutan umum / Seksi Angkutan Orang", _S),
            _mks("11", _S, "Persentase halte dan tempat henti yang memenuhi standar",
                 "Halte dan tempat henti angkutan umum yang dilengkapi atap, tempat duduk, rambu, "
                 "papan informasi rute serta akses bagi penyandang disabilitas sesuai standar "
                 "pelayanan",
                 "(Jumlah halte yang memenuhi standar / Jumlah halte yang ada) x 100%",
                 "%", "Data inventarisasi halte / Seksi Prasarana Angkutan", _S),
            _mks("12", _S, "Persentase trayek angkutan kota yang terlayani armada sesuai izin",
                 "Trayek angkutan kota (pete-pete) yang dilayani armada dengan jumlah paling "
                 "sedikit 75% dari jumlah yang tercantum dalam izin penyelenggaraan angkutan",
                 "(Jumlah trayek yang terlayani sesuai izin / Jumlah trayek yang ditetapkan) "
                 "x 100%",
                 "%", "Data perizinan dan pengawasan trayek / Seksi Angkutan Orang", _S),
            _mks("13", "Meningkatnya kontribusi sektor perhubungan terhadap pendapatan daerah",
                 "Persentase realisasi retribusi parkir di tepi jalan umum",
                 "Perbandingan antara realisasi penerimaan retribusi pelayanan parkir di tepi "
                 "jalan umum yang disetor ke kas daerah dengan target yang ditetapkan dalam APBD "
                 "tahun berjalan",
                 "(Realisasi penerimaan retribusi parkir tepi jalan umum / Target retribusi "
                 "parkir tepi jalan umum) x 100%",
                 "%", "Laporan realisasi pendapatan / Subbagian Keuangan", "UPT Perparkiran"),
            _mks("14", _S, "Persentase realisasi retribusi pengujian kendaraan bermotor",
                 "Perbandingan antara realisasi penerimaan retribusi pengujian kendaraan bermotor "
                 "dengan target yang ditetapkan dalam APBD tahun berjalan",
                 "(Realisasi retribusi pengujian kendaraan bermotor / Target retribusi pengujian "
                 "kendaraan bermotor) x 100%",
                 "%", _S, "UPT Pengujian Kendaraan Bermotor"),
            _mks("15", "Meningkatnya keselamatan dan aksesibilitas angkutan penyeberangan "
                       "antarpulau",
                 "Persentase kapal penyeberangan rakyat antarpulau yang laik laut",
                 "Kapal motor penumpang rakyat yang melayani lintasan dari Dermaga Kayu Bangkoa "
                 "dan Pelabuhan Paotere ke pulau-pulau di Kecamatan Kepulauan Sangkarrang yang "
                 "memiliki dokumen kelaikan dan perlengkapan keselamatan yang lengkap",
                 "(Jumlah kapal yang laik laut / Jumlah kapal yang melayani lintasan antarpulau) "
                 "x 100%",
                 "%", "Data pemeriksaan kapal / Seksi Angkutan Perairan",
                 "Bidang Perhubungan Laut dan Penyeberangan"),
            _mks("16", _S, "Persentase dermaga penyeberangan dalam kondisi baik",
                 "Dermaga penyeberangan milik Pemerintah Kota Makassar di daratan dan di "
                 "pulau-pulau yang konstruksi, lantai dermaga dan fasilitas tambatnya dalam "
                 "kondisi baik berdasarkan hasil pemeriksaan teknis tahunan",
                 "(Jumlah dermaga dalam kondisi baik / Jumlah seluruh dermaga) x 100%",
                 "%", "Laporan pemeriksaan teknis dermaga / Seksi Prasarana Perairan", _S),
            _mks("17", "Meningkatnya akuntabilitas kinerja dan kualitas tata kelola Dinas "
                       "Perhubungan",
                 "Nilai Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) Dinas "
                 "Perhubungan",
                 "Nilai hasil evaluasi atas implementasi SAKIP Dinas Perhubungan yang dilakukan "
                 "oleh Inspektorat Kota Makassar meliputi perencanaan kinerja, pengukuran "
                 "kinerja, pelaporan kinerja dan evaluasi akuntabilitas kinerja internal",
                 "Nilai hasil evaluasi SAKIP oleh Inspektorat Kota Makassar",
                 "nilai", "Laporan Hasil Evaluasi SAKIP / Inspektorat Kota Makassar",
                 "Sekretariat"),
            _mks("18", _S,
                 "Indeks Kepuasan Masyarakat (IKM) terhadap layanan Dinas Perhubungan",
                 "Tingkat kepuasan masyarakat terhadap layanan pengujian kendaraan bermotor, "
                 "perizinan angkutan dan pengaduan lalu lintas yang diukur melalui survei "
                 "kepuasan masyarakat sesuai Peraturan Menteri PANRB Nomor 14 Tahun 2017",
                 "(Total nilai persepsi per unsur / Total unsur yang terisi) x Nilai penimbang "
                 "x 25",
                 "indeks", "Laporan Survei Kepuasan Masyarakat / Subbagian Umum dan Kepegawaian",
                 _S),
            _mks("19", _S, "Persentase realisasi anggaran Dinas Perhubungan",
                 "Perbandingan antara realisasi belanja dengan pagu anggaran Dinas Perhubungan "
                 "dalam Dokumen Pelaksanaan Anggaran (DPA) tahun berjalan",
                 "(Realisasi belanja / Pagu anggaran dalam DPA) x 100%",
                 "%", "Laporan Realisasi Anggaran / Subbagian Keuangan", _S),
            _mks("20", _S, "Persentase rekomendasi hasil pemeriksaan yang telah ditindaklanjuti",
                 "Rekomendasi hasil pemeriksaan BPK RI dan Inspektorat Kota Makassar atas Dinas "
                 "Perhubungan yang telah ditindaklanjuti dan dinyatakan selesai oleh pemeriksa",
                 "(Jumlah rekomendasi yang telah ditindaklanjuti / Jumlah seluruh rekomendasi) "
                 "x 100%",
                 "%", "Laporan pemantauan tindak lanjut / Inspektorat Kota Makassar", _S),
            _mks("21", _S, "Indeks Profesionalitas ASN Dinas Perhubungan",
                 "Ukuran statistik tingkat kesesuaian kualifikasi, kompetensi, kinerja dan "
                 "kedisiplinan pegawai Aparatur Sipil Negara lingkup Dinas Perhubungan dalam "
                 "melaksanakan tugas jabatannya",
                 "(Nilai kualifikasi x 25%) + (Nilai kompetensi x 40%) + (Nilai kinerja x 30%) + "
                 "(Nilai disiplin x 5%)",
                 "indeks", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia / Subbagian "
                 "Umum dan Kepegawaian", _S),
        ],
    }],
}

# --------------------------------------------------------------------------- 301 Riau (Excel)

RIAU_COLS = [
    col("No", "no", 4, align="center"),
    col("Sasaran Strategis", "sasaran", 19),
    col("Indikator Kinerja Utama", "indikator", 23),
    col("Formulasi Perhitungan", "formulasi", 30),
    col("Satuan", "satuan", 7, align="center"),
    col("Target 2025", "extra", 8, key="target", align="center"),
    col("Sumber Data", "sumber_data", 17),
    col("Penanggung Jawab", "penanggung_jawab", 16),
    col("Keterangan", "keterangan", 14),
]


def _riau(no, sasaran, indikator, formulasi, satuan, target, sumber, pj, ket=None):
    return {"no": no, "sasaran": sasaran, "indikator": indikator, "formulasi": formulasi,
            "satuan": satuan, "target": target, "sumber_data": sumber, "penanggung_jawab": pj,
            "keterangan": ket}


RIAU = {
    "name": "301_bapenda_riau",
    "kind": "xlsx",
    "title": "IKU Badan Pendapatan Daerah Provinsi Riau 2025",
    "table_font_size": 9,
    "document": {"agency": "Badan Pendapatan Daerah Provinsi Riau", "region": "Provinsi Riau",
                 "region_level": "provinsi", "province": "Riau", "period": (2025, 2025)},
    "signature": {
        "date": (2025, 1, 6),
        "ditetapkan": ["Pekanbaru, 6 Januari 2025"],
        "title": ["KEPALA BADAN PENDAPATAN DAERAH", "PROVINSI RIAU,"],
        "name": "Drs. ARIF RAHMAN HAKIM, M.Si",
        "rank": "Pembina Utama Muda (IV/c)",
        "nip": "19721105 199703 1 003",
    },
    "tables": [{
        "group": "INDIKATOR KINERJA UTAMA BADAN PENDAPATAN DAERAH PROVINSI RIAU TAHUN 2025",
        "title": ["INDIKATOR KINERJA UTAMA", "BADAN PENDAPATAN DAERAH PROVINSI RIAU",
                  "TAHUN 2025"],
        "numbering": True,
        "columns": RIAU_COLS,
        "rows": [
            {"section": "Tujuan 1: Meningkatkan kemandirian fiskal daerah"},
            _riau("1", "Meningkatnya pendapatan asli daerah dari sektor pajak daerah",
                  "Persentase pertumbuhan penerimaan pajak daerah",
                  "(Realisasi penerimaan pajak daerah tahun n dikurangi realisasi tahun n-1) "
                  "dibagi realisasi tahun n-1 dikali 100",
                  "%", "5,50", "Laporan Realisasi Anggaran (LRA) Bapenda",
                  "Bidang Perencanaan dan Pengembangan Pendapatan Daerah",
                  "Dihitung dari LRA unaudited"),
            _riau("2", _S, "Rasio Pendapatan Asli Daerah terhadap total pendapatan daerah",
                  "Realisasi PAD dibagi realisasi total pendapatan daerah dikali 100",
                  "%", "52,30", "LRA Pemerintah Provinsi Riau", _S),
            _riau("3", _S,
                  "Persentase realisasi Pajak Kendaraan Bermotor (PKB) terhadap target",
                  "Realisasi penerimaan PKB dibagi target penerimaan PKB dalam APBD dikali 100",
                  "%", "100", "Laporan harian penerimaan Samsat", "Bidang Pajak Daerah",
                  "Penerimaan melalui 17 UPT Samsat"),
            _riau("4", _S,
                  "Persentase realisasi Bea Balik Nama Kendaraan Bermotor (BBNKB) terhadap "
                  "target",
                  "Realisasi penerimaan BBNKB dibagi target penerimaan BBNKB dikali 100",
                  "%", "100", "Laporan harian penerimaan Samsat", _S),
            _riau("5", _S,
                  "Persentase realisasi Pajak Bahan Bakar Kendaraan Bermotor (PBBKB) terhadap "
                  "target",
                  "Realisasi penerimaan PBBKB dibagi target penerimaan PBBKB dikali 100",
                  "%", "100", "Laporan setoran wajib pungut PBBKB", _S),
            _riau("6", _S, "Persentase realisasi Pajak Air Permukaan terhadap target",
                  "(Realisasi Pajak Air Permukaan / Target Pajak Air Permukaan) x 100%",
                  "%", "100", "Surat Ketetapan Pajak Daerah Pajak Air Permukaan", _S),
            _riau("7", "Meningkatnya kepatuhan wajib pajak kendaraan bermotor",
                  "Persentase wajib pajak kendaraan bermotor yang membayar tepat waktu",
                  "Jumlah kendaraan yang membayar PKB sebelum jatuh tempo dibagi jumlah "
                  "kendaraan terdaftar yang jatuh tempo pada tahun berjalan dikali 100",
                  "%", "72,00", "Basis data kendaraan bermotor Samsat", "Bidang Pajak Daerah",
                  "Data per 31 Desember"),
            _riau("8", _S, "Persentase penurunan tunggakan Pajak Kendaraan Bermotor",
                  "(Tunggakan PKB tahun n-1 dikurangi tunggakan PKB tahun n) dibagi tunggakan "
                  "PKB tahun n-1 dikali 100",
                  "%", "8,00", "Basis data kendaraan bermotor Samsat", _S,
                  "Tunggakan pokok, tidak termasuk denda"),
            {"section": "Tujuan 2: Meningkatkan kualitas pelayanan dan tata kelola pendapatan "
                        "daerah"},
            _riau("9", "Meningkatnya kualitas pelayanan pajak daerah",
                  "Indeks Kepuasan Masyarakat terhadap layanan Samsat",
                  "Rata-rata nilai persepsi seluruh unsur pelayanan dikali 25",
                  "indeks", "85,00", "Laporan Survei Kepuasan Masyarakat", "Sekretariat",
                  "Survei semesteran di UPT Samsat"),
            _riau("10", _S,
                  "Persentase transaksi pembayaran pajak daerah secara non tunai",
                  "Jumlah transaksi pembayaran non tunai dibagi jumlah seluruh transaksi "
                  "pembayaran pajak daerah dikali 100",
                  "%", "65,00", "Rekapitulasi transaksi bank persepsi dan kanal pembayaran "
                  "daring", "Bidang Pengendalian dan Pembinaan",
                  "e-Samsat, Samsat Keliling dan aplikasi SIGNAL"),
            _riau("11", "Meningkatnya akuntabilitas kinerja Badan Pendapatan Daerah",
                  "Nilai SAKIP Badan Pendapatan Daerah",
                  "Nilai hasil evaluasi SAKIP oleh Inspektorat Provinsi Riau",
                  "nilai", "78,50", "LHE SAKIP Inspektorat Provinsi Riau", "Sekretariat"),
            _riau("12", _S,
                  "Persentase pengaduan wajib pajak yang diselesaikan tepat waktu",
                  "Jumlah pengaduan yang diselesaikan paling lama 5 hari kerja dibagi jumlah "
                  "pengaduan yang diterima dikali 100",
                  "%", "95,00", "Register pengaduan SP4N-LAPOR! dan layanan pengaduan Samsat",
                  _S),
        ],
    }],
}

# --------------------------------------------------------------------------- 302 Banyumas

BMS_COLS = [
    col("No", "no", 0.9, align="center"),
    col("Indikator Kinerja Utama", "indikator", 5.0),
    col("Sasaran", "sasaran", 4.1),
    col("Cara Pengukuran", "formulasi", 6.6),
    col("Sumber Data", "sumber_data", 3.7),
    col("Penanggung Jawab", "penanggung_jawab", 3.4),
    col("Keterangan", "keterangan", 3.0),
]


def _bms(no, indikator, sasaran, cara, sumber, pj, ket=None):
    return {"no": no, "indikator": indikator, "sasaran": sasaran, "formulasi": cara,
            "sumber_data": sumber, "penanggung_jawab": pj, "keterangan": ket}


BANYUMAS = {
    "name": "302_dlh_banyumas",
    "kind": "docx",
    "title": "IKU Dinas Lingkungan Hidup Kabupaten Banyumas 2023-2026",
    "page": "A4",
    "font": "Bookman Old Style",
    "font_size": 11,
    "table_font_size": 8.5,
    "margin_cm": (2.5, 1.5),
    "sign_indent": 8.0,
    "document": {"agency": "Dinas Lingkungan Hidup Kabupaten Banyumas",
                 "region": "Kabupaten Banyumas", "region_level": "kabupaten",
                 "province": "Jawa Tengah", "period": (2023, 2026)},
    "decree": {
        "kop": ["PEMERINTAH KABUPATEN BANYUMAS", "DINAS LINGKUNGAN HIDUP",
                "Jalan Prof. Dr. Suharso Nomor 45 Purwokerto 53114 Telepon (0281) 635477"],
        "heading": ["KEPUTUSAN KEPALA DINAS LINGKUNGAN HIDUP", "KABUPATEN BANYUMAS"],
        "nomor": "660.1/ 412 /III/2023",
        "tentang": ["INDIKATOR KINERJA UTAMA DINAS LINGKUNGAN HIDUP", "KABUPATEN BANYUMAS",
                    "TAHUN 2023–2026"],
        "pejabat": "KEPALA DINAS LINGKUNGAN HIDUP KABUPATEN BANYUMAS,",
        "menimbang": [
            "bahwa untuk melaksanakan ketentuan Pasal 3 Peraturan Menteri Pendayagunaan "
            "Aparatur Negara Nomor PER/09/M.PAN/5/2007, setiap instansi pemerintah perlu "
            "menetapkan Indikator Kinerja Utama di lingkungan instansinya;",
            "bahwa dengan ditetapkannya Rencana Pembangunan Daerah Kabupaten Banyumas Tahun "
            "2023–2026, Indikator Kinerja Utama Dinas Lingkungan Hidup perlu ditetapkan "
            "kembali;",
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, "
            "perlu menetapkan Keputusan Kepala Dinas Lingkungan Hidup tentang Indikator Kinerja "
            "Utama Dinas Lingkungan Hidup Kabupaten Banyumas Tahun 2023–2026;",
        ],
        "mengingat": [
            "Undang-Undang Nomor 32 Tahun 2009 tentang Perlindungan dan Pengelolaan Lingkungan "
            "Hidup;",
            UU_PEMDA, PERPRES_SAKIP, PERMEN_IKU,
            "Peraturan Bupati Banyumas Nomor 41 Tahun 2022 tentang Rencana Pembangunan Daerah "
            "Kabupaten Banyumas Tahun 2023–2026;",
        ],
        "menetapkan": "KEPUTUSAN KEPALA DINAS LINGKUNGAN HIDUP KABUPATEN BANYUMAS TENTANG "
                      "INDIKATOR KINERJA UTAMA DINAS LINGKUNGAN HIDUP KABUPATEN BANYUMAS TAHUN "
                      "2023–2026.",
        "diktum": [
            ("KESATU", "Menetapkan Indikator Kinerja Utama Dinas Lingkungan Hidup Kabupaten "
                       "Banyumas Tahun 2023–2026 sebagaimana tercantum dalam Lampiran Keputusan "
                       "ini."),
            ("KEDUA", "Indikator Kinerja Utama sebagaimana dimaksud dalam Diktum KESATU menjadi "
                      "acuan penyusunan Rencana Kerja, Perjanjian Kinerja dan Laporan Kinerja."),
            ("KETIGA", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
        ],
    },
    "signature": {
        "date": (2023, 3, 20),
        "ditetapkan": ["Ditetapkan di Purwokerto", "pada tanggal 20 Maret 2023"],
        "title": ["KEPALA DINAS LINGKUNGAN HIDUP", "KABUPATEN BANYUMAS,"],
        "name": "Ir. SUGENG WIBOWO, M.T.",
        "rank": "Pembina Tingkat I",
        "nip": "19690317 199503 1 004",
    },
    "lampiran": ["LAMPIRAN", "KEPUTUSAN KEPALA DINAS LINGKUNGAN HIDUP",
                 "KABUPATEN BANYUMAS", "NOMOR 660.1/ 412 /III/2023",
                 "TANGGAL 20 MARET 2023"],
    "closing_signature": True,
    "tables": [{
        "group": "INDIKATOR KINERJA UTAMA DINAS LINGKUNGAN HIDUP KABUPATEN BANYUMAS TAHUN "
                 "2023–2026",
        "title": ["INDIKATOR KINERJA UTAMA", "DINAS LINGKUNGAN HIDUP KABUPATEN BANYUMAS",
                  "TAHUN 2023–2026"],
        "borders": False,
        "columns": BMS_COLS,
        "rows": [
            _bms("1", "Indeks Kualitas Lingkungan Hidup (IKLH) Kabupaten Banyumas",
                 "Meningkatnya kualitas lingkungan hidup daerah",
                 "IKLH = (0,376 x IKA) + (0,405 x IKU) + (0,219 x IKTL)",
                 "Laporan IKLH Kementerian Lingkungan Hidup dan Kehutanan",
                 "Bidang Tata Lingkungan", "Indeks komposit"),
            _bms("2", ["Indeks Kualitas Air (IKA)", "Indeks Kualitas Udara (IKU)"], _S,
                 ["Nilai indeks pencemaran air sungai hasil pemantauan pada 12 titik sampling "
                  "dikonversi ke skala 0–100",
                  "Nilai indeks hasil pengukuran NO2 dan SO2 metode passive sampler pada 4 "
                  "lokasi dikonversi ke skala 0–100"],
                 "Hasil uji laboratorium lingkungan",
                 "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan",
                 "Pemantauan dua kali setahun"),
            _bms("3", "Indeks Kualitas Tutupan Lahan (IKTL)", _S,
                 "(Luas tutupan vegetasi / Luas wilayah Kabupaten Banyumas) x 100%",
                 "Citra satelit dan data Kementerian LHK", "Bidang Tata Lingkungan"),
            _bms("4", ["Persentase pengurangan sampah", "Persentase penanganan sampah"],
                 "Meningkatnya pengelolaan sampah yang terpadu dan berkelanjutan",
                 ["(Jumlah sampah yang dikurangi melalui pembatasan, pendauran ulang dan "
                  "pemanfaatan kembali / Jumlah timbulan sampah) x 100%",
                  "(Jumlah sampah yang ditangani melalui pemilahan, pengumpulan, pengangkutan, "
                  "pengolahan dan pemrosesan akhir / Jumlah timbulan sampah) x 100%"],
                 "Sistem Informasi Pengelolaan Sampah Nasional (SIPSN)",
                 "Bidang Pengelolaan Sampah dan Limbah B3",
                 "Sesuai Jakstrada Kabupaten Banyumas"),
            _bms("5", "Persentase desa/kelurahan yang memiliki TPS3R atau bank sampah aktif", _S,
                 "(Jumlah desa/kelurahan dengan TPS3R atau bank sampah aktif / Jumlah "
                 "desa/kelurahan) x 100%",
                 "Data Pusat Daur Ulang dan KSM pengelola sampah", _S,
                 "331 desa dan kelurahan"),
            _bms("6", "Persentase limbah B3 fasilitas pelayanan kesehatan yang dikelola sesuai "
                      "ketentuan", _S,
                 "(Jumlah limbah B3 fasyankes yang dikelola sesuai ketentuan / Jumlah timbulan "
                 "limbah B3 fasyankes) x 100%",
                 "Manifest limbah B3 dan laporan fasyankes", _S),
            _bms("7", ["Persentase usaha dan/atau kegiatan yang taat terhadap persetujuan "
                       "lingkungan",
                       "Persentase pengaduan masalah lingkungan hidup yang ditindaklanjuti"],
                 "Meningkatnya ketaatan pelaku usaha terhadap ketentuan perlindungan lingkungan "
                 "hidup",
                 ["(Jumlah usaha/kegiatan yang taat berdasarkan hasil pengawasan / Jumlah "
                  "usaha/kegiatan yang diawasi) x 100%",
                  "(Jumlah pengaduan yang ditindaklanjuti / Jumlah pengaduan yang diterima) "
                  "x 100%"],
                 ["Berita acara pengawasan", "Register pengaduan lingkungan hidup"],
                 "Bidang Penaatan dan Peningkatan Kapasitas Lingkungan Hidup"),
            _bms("8", "Nilai SAKIP Dinas Lingkungan Hidup",
                 "Meningkatnya kualitas tata kelola perangkat daerah",
                 "Nilai hasil evaluasi SAKIP oleh Inspektorat Daerah",
                 "LHE SAKIP Inspektorat Kabupaten Banyumas", "Sekretariat",
                 "Predikat minimal BB"),
        ],
    }],
}

# --------------------------------------------------------------------------- 303 Surabaya

SBY_COLS = [
    col("No", "no", 0.9, align="center"),
    col("Sasaran Strategis OPD", "sasaran", 4.0),
    col("Indikator Kinerja Utama (IKU)", "indikator", 4.6),
    col("Definisi Operasional / Formulasi", "labelled", 9.6,
        parts=[("Definisi", "penjelasan"), ("Formula", "formulasi"), ("Satuan", "satuan")]),
    col("2024", "extra", 1.5, key="t2024", parent="Target", align="center"),
    col("2025", "extra", 1.5, key="t2025", parent="Target", align="center"),
    col("2026", "extra", 1.5, key="t2026", parent="Target", align="center"),
    col("Penanggung Jawab", "penanggung_jawab", 3.4),
]


def _sby(no, sasaran, indikator, definisi, formula, satuan, targets, pj):
    return {"no": no, "sasaran": sasaran, "indikator": indikator, "penjelasan": definisi,
            "formulasi": formula, "satuan": satuan, "t2024": targets[0], "t2025": targets[1],
            "t2026": targets[2], "penanggung_jawab": pj}


SURABAYA = {
    "name": "303_satpolpp_surabaya",
    "kind": "docx",
    "title": "IKU Satuan Polisi Pamong Praja Kota Surabaya 2021-2026",
    "page": "F4",
    "font": "Times New Roman",
    "font_size": 12,
    "table_font_size": 9,
    "margin_cm": (2.5, 2.0),
    "sign_indent": 8.5,
    "document": {"agency": "Satuan Polisi Pamong Praja Kota Surabaya", "region": "Kota Surabaya",
                 "region_level": "kota", "province": "Jawa Timur", "period": (2021, 2026)},
    "decree": {
        "kop": ["PEMERINTAH KOTA SURABAYA", "SATUAN POLISI PAMONG PRAJA",
                "Jalan Jaksa Agung Suprapto Nomor 6–8 Surabaya 60272 Telp. (031) 5312144"],
        "heading": ["KEPUTUSAN KEPALA SATUAN POLISI PAMONG PRAJA KOTA SURABAYA"],
        "nomor": "300.1/ 2451 /436.7.13/2023",
        "tentang": ["PENETAPAN INDIKATOR KINERJA UTAMA",
                    "SATUAN POLISI PAMONG PRAJA KOTA SURABAYA", "TAHUN 2021 - 2026"],
        "pejabat": "KEPALA SATUAN POLISI PAMONG PRAJA KOTA SURABAYA,",
        "menimbang": [
            "bahwa sebagai tindak lanjut Peraturan Wali Kota Surabaya tentang Rencana Strategis "
            "Perangkat Daerah Tahun 2021–2026, perlu menetapkan Indikator Kinerja Utama Satuan "
            "Polisi Pamong Praja Kota Surabaya;",
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
            "Keputusan Kepala Satuan Polisi Pamong Praja Kota Surabaya;",
        ],
        "mengingat": [
            UU_PEMDA,
            "Peraturan Pemerintah Nomor 16 Tahun 2018 tentang Satuan Polisi Pamong Praja;",
            PERPRES_SAKIP, PERMEN_IKU,
            "Peraturan Daerah Kota Surabaya Nomor 3 Tahun 2021 tentang Rencana Pembangunan "
            "Jangka Menengah Daerah Kota Surabaya Tahun 2021–2026;",
        ],
        "menetapkan": "KEPUTUSAN KEPALA SATUAN POLISI PAMONG PRAJA KOTA SURABAYA TENTANG "
                      "PENETAPAN INDIKATOR KINERJA UTAMA SATUAN POLISI PAMONG PRAJA KOTA "
                      "SURABAYA TAHUN 2021 - 2026.",
        "diktum": [
            ("KESATU", "Indikator Kinerja Utama Satuan Polisi Pamong Praja Kota Surabaya Tahun "
                       "2021 - 2026 sebagaimana tercantum dalam Lampiran Keputusan ini."),
            ("KEDUA", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
        ],
    },
    "signature": {
        "date": (2023, 7, 3),
        "ditetapkan": ["Ditetapkan di Surabaya", "pada tanggal 3 Juli 2023"],
        "title": ["KEPALA SATUAN POLISI PAMONG PRAJA", "KOTA SURABAYA,"],
        "name": "Drs. BAMBANG SUPRIADI, M.M.",
        "rank": "Pembina Utama Muda",
        "nip": "19710523 199303 1 006",
    },
    "lampiran": ["LAMPIRAN : KEPUTUSAN KEPALA SATUAN POLISI", "PAMONG PRAJA KOTA SURABAYA",
                 "NOMOR     : 300.1/ 2451 /436.7.13/2023", "TANGGAL  : 3 Juli 2023"],
    "tables": [{
        "group": "INDIKATOR KINERJA UTAMA SATUAN POLISI PAMONG PRAJA KOTA SURABAYA TAHUN 2021 - "
                 "2026",
        "title": ["INDIKATOR KINERJA UTAMA", "SATUAN POLISI PAMONG PRAJA KOTA SURABAYA",
                  "TAHUN 2021 - 2026"],
        "columns": SBY_COLS,
        "rows": [
            {"section": "Tujuan 1: Meningkatkan ketenteraman, ketertiban umum dan perlindungan "
                        "masyarakat"},
            _sby("1", "Meningkatnya ketertiban umum dan ketenteraman masyarakat",
                 "Persentase penegakan Peraturan Daerah dan Peraturan Wali Kota",
                 "Pelanggaran Perda dan Perwali yang ditindaklanjuti dengan tindakan penertiban "
                 "non yustisial maupun yustisial dibandingkan dengan pelanggaran yang ditemukan "
                 "atau dilaporkan dalam satu tahun",
                 "(Jumlah pelanggaran Perda dan Perwali yang ditegakkan / Jumlah pelanggaran yang "
                 "ditemukan atau dilaporkan) x 100%",
                 "%", ("100", "100", "100"), "Bidang Penegakan Peraturan Daerah"),
            _sby("2", _S,
                 "Persentase gangguan ketenteraman dan ketertiban umum yang ditangani",
                 "Laporan gangguan trantibum dari masyarakat melalui Command Center 112, media "
                 "sosial dan aplikasi pengaduan yang ditangani oleh petugas dalam waktu kurang "
                 "dari 24 jam",
                 "Jumlah gangguan trantibum yang ditangani dibagi jumlah gangguan trantibum yang "
                 "dilaporkan dikali 100",
                 "%", ("95", "97", "100"), "Bidang Ketenteraman dan Ketertiban Umum"),
            _sby("", _S,
                 "Persentase pedagang kaki lima yang tertata di sentra wisata kuliner dan lokasi "
                 "binaan",
                 "Pedagang kaki lima yang telah direlokasi dan berjualan di sentra wisata kuliner "
                 "atau lokasi binaan yang ditetapkan Pemerintah Kota dibandingkan dengan jumlah "
                 "PKL hasil pendataan",
                 "(Jumlah PKL yang tertata / Jumlah PKL hasil pendataan) x 100%",
                 "%", ("80", "85", "90"), _S),
            _sby("3", "Meningkatnya perlindungan masyarakat dari gangguan sosial dan bencana",
                 "Persentase anggota Satlinmas yang terlatih dan siap siaga",
                 "Anggota Satuan Perlindungan Masyarakat di tingkat kelurahan yang telah "
                 "mengikuti pelatihan dasar dan dinyatakan aktif dalam kegiatan pengamanan "
                 "lingkungan",
                 "(Jumlah anggota Satlinmas terlatih dan aktif / Jumlah anggota Satlinmas) x 100%",
                 "%", ("70", "80", "90"), "Bidang Perlindungan Masyarakat"),
            _sby("4", _S,
                 "Persentase pengamanan kegiatan masyarakat dan pemerintahan yang terlaksana "
                 "tanpa gangguan",
                 "Kegiatan masyarakat dan kegiatan Pemerintah Kota yang mengajukan permintaan "
                 "pengamanan dan terlaksana tanpa gangguan keamanan dan ketertiban",
                 "Jumlah kegiatan yang diamankan tanpa gangguan dibagi jumlah permintaan "
                 "pengamanan dikali 100",
                 "%", ("100", "100", "100"), _S),
            {"section": "Tujuan 2: Meningkatkan kualitas tata kelola dan kapasitas aparatur "
                        "Satuan Polisi Pamong Praja"},
            _sby("5", "Meningkatnya kapasitas dan profesionalisme aparatur Satpol PP",
                 "Persentase Polisi Pamong Praja yang telah mengikuti diklat dasar dan teknis",
                 "Anggota Pol PP yang telah mengikuti pendidikan dan pelatihan dasar Polisi Pamong "
                 "Praja serta diklat teknis Penyidik Pegawai Negeri Sipil (PPNS) sesuai standar "
                 "kompetensi",
                 "(Jumlah Pol PP yang telah mengikuti diklat / Jumlah seluruh Pol PP) x 100%",
                 "%", ("75", "85", "95"), "Sekretariat"),
            _sby("6", "Meningkatnya akuntabilitas kinerja Satuan Polisi Pamong Praja",
                 "Nilai SAKIP Satuan Polisi Pamong Praja",
                 "Nilai hasil evaluasi atas implementasi Sistem Akuntabilitas Kinerja Instansi "
                 "Pemerintah oleh Inspektorat Kota Surabaya",
                 "Nilai hasil evaluasi SAKIP",
                 "nilai", ("80,00", "81,00", "82,00"), "Sekretariat"),
            _sby("7", _S,
                 "Indeks Kepuasan Masyarakat terhadap layanan Satuan Polisi Pamong Praja",
                 "Hasil survei kepuasan masyarakat terhadap layanan pengaduan, penertiban dan "
                 "pengamanan",
                 "(Total nilai persepsi per unsur / Total unsur yang terisi) x Nilai penimbang "
                 "x 25",
                 "indeks", ("83", "84", "85"), _S),
        ],
    }],
}

# --------------------------------------------------------------------------- 304 Sulteng (Excel)

STG_COLS = [
    col("NO", "no", 4, align="center"),
    col("KINERJA UTAMA", "sasaran", 17),
    col("INDIKATOR KINERJA UTAMA", "indikator", 23),
    col("ALASAN PEMILIHAN", "alasan", 22),
    col("FORMULASI / RUMUS", "formulasi", 25.5),
    col("TIPE PERHITUNGAN", "tipe_perhitungan", 12.5, align="center"),
    col("SUMBER DATA / UNIT PENGUMPUL DATA", "sumber_data", 17),
    col("Utama", "penanggung_jawab", 14, parent="PENANGGUNG JAWAB"),
    col("Pendukung", "extra", 14, key="pj2", parent="PENANGGUNG JAWAB"),
]


def _stg(no, sasaran, indikator, alasan, formulasi, tipe, sumber, pj, pj2=None):
    return {"no": no, "sasaran": sasaran, "indikator": indikator, "alasan": alasan,
            "formulasi": formulasi, "tipe_perhitungan": tipe, "sumber_data": sumber,
            "penanggung_jawab": pj, "pj2": pj2}


SULTENG = {
    "name": "304_dinkop_sulteng",
    "kind": "xlsx",
    "title": "IKU Dinas Koperasi dan UKM Provinsi Sulawesi Tengah 2021-2026",
    "table_font_size": 9,
    "sheet_units": 150,
    "document": {"agency": "Dinas Koperasi dan UKM Provinsi Sulawesi Tengah",
                 "region": "Provinsi Sulawesi Tengah", "region_level": "provinsi",
                 "province": "Sulawesi Tengah", "period": (2021, 2026)},
    "signature": {
        "date": (2022, 3, 15),
        "ditetapkan": ["Palu, 15 Maret 2022"],
        "title": ["KEPALA DINAS KOPERASI DAN UKM", "PROVINSI SULAWESI TENGAH,"],
        "name": "Dr. Hj. NUR AISYAH LATIF, S.E., M.Si",
        "rank": "Pembina Utama Muda",
        "nip": "19680921 199403 2 007",
    },
    "tables": [{
        "group": "INDIKATOR KINERJA UTAMA (IKU) DINAS KOPERASI DAN UKM PROVINSI SULAWESI TENGAH "
                 "TAHUN 2021 – 2026",
        "title": ["INDIKATOR KINERJA UTAMA (IKU)",
                  "DINAS KOPERASI DAN UKM PROVINSI SULAWESI TENGAH", "TAHUN 2021 – 2026"],
        "numbering": True,
        "page_break_before": 5,  # a manual page break before row "6"
        "columns": STG_COLS,
        "rows": [
            _stg("1", "Meningkatnya kualitas kelembagaan koperasi",
                 ["Persentase koperasi aktif",
                  "Persentase koperasi yang melaksanakan Rapat Anggota Tahunan (RAT)"],
                 ["Koperasi aktif menunjukkan keberlangsungan usaha dan pelayanan koperasi "
                  "kepada anggotanya",
                  "RAT merupakan wujud akuntabilitas pengurus koperasi kepada anggota"],
                 ["Jumlah koperasi aktif dibagi jumlah koperasi terdaftar dikali 100",
                  "Jumlah koperasi yang melaksanakan RAT dibagi jumlah koperasi aktif dikali "
                  "100"],
                 "Non Kumulatif",
                 "Online Data System (ODS) Kementerian Koperasi dan UKM / Bidang Kelembagaan",
                 "Bidang Kelembagaan dan Pengawasan Koperasi",
                 "UPTD Balai Pelatihan Koperasi dan UKM"),
            _stg("2", _S, "Persentase koperasi simpan pinjam yang dinilai sehat",
                 "Kesehatan koperasi simpan pinjam mencerminkan tata kelola keuangan yang baik dan "
                 "perlindungan dana anggota",
                 "Jumlah koperasi simpan pinjam dengan predikat sehat dibagi jumlah koperasi "
                 "simpan pinjam yang dinilai dikali 100",
                 "Non Kumulatif", "Hasil penilaian kesehatan KSP/USP / Bidang Pengawasan", _S),
            _stg("3", "Meningkatnya daya saing usaha mikro, kecil dan menengah",
                 "Persentase pertumbuhan UMKM naik kelas",
                 "Mengukur keberhasilan pembinaan UMKM dalam meningkatkan skala usaha",
                 "(Jumlah UMKM naik kelas tahun n dikurangi jumlah UMKM naik kelas tahun n-1) "
                 "dibagi jumlah UMKM naik kelas tahun n-1 dikali 100",
                 "Non Kumulatif", "Pendataan UMKM binaan / Bidang Usaha Mikro",
                 "Bidang Pemberdayaan Usaha Mikro", "Dinas Koperasi dan UKM Kabupaten/Kota"),
            _stg("4", _S,
                 ["Jumlah UMKM yang memiliki Nomor Induk Berusaha (NIB)",
                  "Jumlah UMKM yang memasarkan produk secara digital"],
                 "Legalitas dan pemasaran digital membuka akses UMKM terhadap pembiayaan dan "
                 "pasar yang lebih luas",
                 ["Jumlah kumulatif UMKM yang memiliki NIB melalui sistem OSS",
                  "Jumlah kumulatif UMKM yang terdaftar di lokapasar (marketplace) atau katalog "
                  "elektronik"],
                 "Kumulatif", "Sistem OSS dan data pendampingan / Bidang Usaha Mikro", _S,
                 "Dinas Penanaman Modal dan PTSP Provinsi Sulawesi Tengah"),
            _stg("5", _S, "Persentase UMKM binaan yang memperoleh akses pembiayaan",
                 "Akses pembiayaan menjadi kendala utama pengembangan UMKM",
                 "(Jumlah UMKM binaan yang memperoleh KUR atau pembiayaan lainnya / Jumlah UMKM "
                 "binaan) x 100%",
                 "Non Kumulatif", "Sistem Informasi Kredit Program (SIKP) / Bidang Pembiayaan",
                 "Bidang Pembiayaan dan Pengembangan Usaha",
                 "UPTD Balai Pelatihan Koperasi dan UKM"),
            _stg("6", "Meningkatnya kualitas tata kelola pemerintahan",
                 "Nilai SAKIP Dinas Koperasi dan UKM",
                 "Mengukur akuntabilitas kinerja perangkat daerah",
                 "Nilai hasil evaluasi SAKIP oleh Inspektorat Daerah Provinsi Sulawesi Tengah",
                 "Non Kumulatif", "LHE SAKIP / Inspektorat Daerah", "Sekretariat"),
            _stg("7", _S, "Persentase capaian indikator kinerja program yang sesuai target",
                 "Mengukur efektivitas pelaksanaan program dalam mencapai sasaran Renstra",
                 "Jumlah indikator program yang mencapai target dibagi jumlah indikator program "
                 "dikali 100",
                 "Non Kumulatif", "Laporan Kinerja (LKjIP) / Subbagian Perencanaan", _S,
                 "Seluruh Bidang"),
        ],
    }],
}

# --------------------------------------------------------------------------- 305 Gianyar

GNY_COLS = [
    col("No", "no", 0.9, align="center"),
    col("Sasaran Strategis", "sasaran", 3.8),
    col("Indikator Kinerja", "indikator", 4.4),
    col("Formulasi Perhitungan", "formulasi", 6.0),
    col("Satuan", "satuan", 1.5, align="center"),
    col("Target 2024", "extra", 1.6, key="target", align="center"),
    col("Program / Kegiatan", "program", 4.6),
    col("Sumber Data", "sumber_data", 3.0),
    col("Keterangan", "keterangan", 2.6),
]


def _gny(no, sasaran, indikator, formulasi, satuan, target, program, sumber, ket=None):
    return {"no": no, "sasaran": sasaran, "indikator": indikator, "formulasi": formulasi,
            "satuan": satuan, "target": target, "program": program, "sumber_data": sumber,
            "keterangan": ket}


P_PRASARANA = "Program Penyediaan dan Pengembangan Prasarana Pertanian"
P_SARANA = "Program Penyediaan dan Pengembangan Sarana Pertanian"
P_KESWAN = "Program Pengendalian Kesehatan Hewan dan Kesehatan Masyarakat Veteriner"

GIANYAR = {
    "name": "305_distan_gianyar",
    "kind": "docx",
    "title": "IKU Dinas Pertanian Kabupaten Gianyar 2024",
    "page": "F4",
    "font": "Arial",
    "font_size": 11,
    "table_font_size": 8.5,
    "margin_cm": (2.5, 2.0),
    "sign_indent": 8.5,
    "document": {"agency": "Dinas Pertanian Kabupaten Gianyar", "region": "Kabupaten Gianyar",
                 "region_level": "kabupaten", "province": "Bali", "period": (2024, 2024)},
    "cover": [("INDIKATOR KINERJA UTAMA", 20), ("(IKU)", 20), ("", 12),
              ("DINAS PERTANIAN", 18), ("KABUPATEN GIANYAR", 18), ("", 12),
              ("TAHUN 2024", 16)],
    "decree": {
        "kop": ["PEMERINTAH KABUPATEN GIANYAR", "DINAS PERTANIAN",
                "Jalan Ciung Wanara Nomor 9 Gianyar 80511 Telepon (0361) 943021"],
        "heading": ["KEPUTUSAN KEPALA DINAS PERTANIAN KABUPATEN GIANYAR"],
        "nomor": "500/ 0863 /Distan/2024",
        "tentang": ["PENETAPAN INDIKATOR KINERJA UTAMA", "DINAS PERTANIAN KABUPATEN GIANYAR",
                    "TAHUN 2024"],
        "pejabat": "KEPALA DINAS PERTANIAN KABUPATEN GIANYAR,",
        "menimbang": [
            "bahwa dalam rangka mengukur keberhasilan pencapaian tujuan dan sasaran strategis "
            "Dinas Pertanian, perlu menetapkan Indikator Kinerja Utama Tahun 2024;",
            "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
            "Keputusan Kepala Dinas Pertanian tentang Penetapan Indikator Kinerja Utama Dinas "
            "Pertanian Kabupaten Gianyar Tahun 2024;",
        ],
        "mengingat": [UU_PEMDA, PERPRES_SAKIP, PERMEN_IKU, PERMEN_53,
                      "Peraturan Bupati Gianyar Nomor 62 Tahun 2023 tentang Rencana Kerja "
                      "Pemerintah Daerah Kabupaten Gianyar Tahun 2024;"],
        "menetapkan": "KEPUTUSAN KEPALA DINAS PERTANIAN KABUPATEN GIANYAR TENTANG PENETAPAN "
                      "INDIKATOR KINERJA UTAMA DINAS PERTANIAN KABUPATEN GIANYAR TAHUN 2024.",
        "diktum": [
            ("KESATU", "Indikator Kinerja Utama Kepala Dinas, Sekretaris dan Kepala Bidang "
                       "pada Dinas Pertanian Kabupaten Gianyar Tahun 2024 sebagaimana "
                       "tercantum dalam Lampiran Keputusan ini."),
            ("KEDUA", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
        ],
    },
    "signature": {
        "date": (2024, 1, 8),
        "ditetapkan": ["Ditetapkan di : Gianyar", "Pada tanggal : 8 Januari 2024"],
        "title": ["KEPALA DINAS PERTANIAN", "KABUPATEN GIANYAR,"],
        "name": "Ir. I WAYAN SUDIARTA, M.MA.",
        "rank": "Pembina Utama Muda (IV/c)",
        "nip": "19680712 199403 1 009",
    },
    "lampiran": ["LAMPIRAN KEPUTUSAN KEPALA DINAS PERTANIAN", "KABUPATEN GIANYAR",
                 "NOMOR : 500/ 0863 /Distan/2024", "TANGGAL : 8 Januari 2024"],
    "closing_signature": True,
    "tables": [
        {
            "group": "IKU KEPALA DINAS PERTANIAN KABUPATEN GIANYAR",
            "title": ["IKU KEPALA DINAS PERTANIAN KABUPATEN GIANYAR"],
            "header_fill": "D9D9D9",
            "columns": GNY_COLS,
            "rows": [
                _gny("1.", "Meningkatnya produksi dan produktivitas pertanian",
                     "Persentase pertumbuhan produksi padi",
                     "((Produksi padi tahun n - Produksi padi tahun n-1) / Produksi padi tahun "
                     "n-1) x 100%",
                     "%", "1,50", P_PRASARANA, "Statistik Pertanian dan BPS Kabupaten Gianyar"),
                _gny("2.", _S, "Nilai Tukar Petani (NTP)",
                     "(Indeks harga yang diterima petani / Indeks harga yang dibayar petani) "
                     "x 100",
                     "indeks", "103,00", P_SARANA, "BPS Provinsi Bali",
                     "NTP subsektor tanaman pangan dan hortikultura"),
                _gny("3.", "Meningkatnya kesehatan hewan dan keamanan pangan asal hewan",
                     "Persentase kasus penyakit hewan menular strategis yang tertangani",
                     "(Jumlah kasus PHMS yang tertangani / Jumlah kasus PHMS yang dilaporkan) "
                     "x 100%",
                     "%", "100", P_KESWAN, "iSIKHNAS", "Rabies, ASF dan PMK"),
            ],
        },
        {
            "group": "IKU SEKRETARIS DAN KEPALA BIDANG",
            "title": ["IKU SEKRETARIS DAN KEPALA BIDANG"],
            "header_fill": "D9D9D9",
            "columns": GNY_COLS,
            "rows": [
                _gny("1.", "Meningkatnya kualitas pelayanan administrasi perkantoran",
                     "Persentase dokumen perencanaan dan pelaporan yang disusun tepat waktu",
                     "(Jumlah dokumen yang disusun tepat waktu / Jumlah dokumen yang wajib "
                     "disusun) x 100%",
                     "%", "100", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
                     "Sekretariat", "Renja, RKA, LKjIP dan Laporan Keuangan"),
                _gny("2.", "Meningkatnya ketersediaan prasarana dan sarana pertanian",
                     "Persentase luas sawah yang terairi jaringan irigasi tersier dalam kondisi "
                     "baik",
                     "(Luas sawah yang terairi jaringan irigasi tersier kondisi baik / Luas baku "
                     "sawah) x 100%",
                     "%", "85,00", P_PRASARANA, "Bidang Prasarana dan Sarana Pertanian",
                     "Jaringan irigasi subak"),
                _gny("3.", _S,
                     "Persentase kelompok tani yang menerima bantuan alat dan mesin pertanian",
                     "(Jumlah kelompok tani penerima bantuan alsintan / Jumlah kelompok tani yang "
                     "mengusulkan) x 100%",
                     "%", "40,00", P_SARANA, _S),
                _gny("4.", "Meningkatnya produksi tanaman pangan dan hortikultura",
                     "Produktivitas padi sawah",
                     "Produksi padi sawah (ton) / Luas panen padi sawah (ha) x 10",
                     "ku/ha", "62,50", P_SARANA, "Bidang Tanaman Pangan dan Hortikultura",
                     "Angka tetap BPS"),
                _gny("5.", _S,
                     "Persentase luas serangan organisme pengganggu tumbuhan (OPT) yang "
                     "dikendalikan",
                     "(Luas serangan OPT yang dikendalikan / Luas serangan OPT) x 100%",
                     "%", "90,00", "Program Pengendalian dan Penanggulangan Bencana Pertanian",
                     _S),
                _gny("6.", "Meningkatnya populasi dan kesehatan ternak",
                     "Persentase hewan penular rabies (HPR) yang divaksin",
                     "(Jumlah HPR yang divaksin / Jumlah populasi HPR) x 100%",
                     "%", "80,00", P_KESWAN, "Bidang Peternakan dan Kesehatan Hewan",
                     "Vaksinasi massal dan sweeping"),
                _gny("7.", _S, "Persentase pertumbuhan populasi sapi bali",
                     "((Populasi sapi bali tahun n - Populasi tahun n-1) / Populasi tahun n-1) "
                     "x 100%",
                     "%", "2,00", P_SARANA, _S),
            ],
        },
    ],
}

DOCUMENTS = [MAKASSAR, RIAU, BANYUMAS, SURABAYA, SULTENG, GIANYAR]


def main(argv: list[str]) -> None:
    outdir = Path(argv[1]) if len(argv) > 1 else OUT_DIR
    only = set(argv[2:])
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="iku-office-") as tmp:
        work = Path(tmp)
        for spec in DOCUMENTS:
            if only and spec["name"] not in only:
                continue
            gold = build(spec, outdir, work)
            size = (outdir / f"{spec['name']}.pdf").stat().st_size
            print(f"{spec['name']}: {len(gold['indicators'])} indicators, {size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv)
