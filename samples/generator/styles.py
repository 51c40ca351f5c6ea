"""How a document looks: paper, fonts, and each table's rules, shading and
page-break behaviour, written as CSS for Chromium's print engine."""
from __future__ import annotations

from dataclasses import dataclass

from .random_source import Draw

# (CSS family, recorded name). Only installed fonts (fc-list): DejaVu, Liberation, URW base35.
FONTS = [
    ('"DejaVu Sans"', "dejavu_sans"), ('"DejaVu Sans Condensed"', "dejavu_sans_condensed"),
    ('"DejaVu Serif"', "dejavu_serif"), ('"DejaVu Serif Condensed"', "dejavu_serif_condensed"),
    ('"Liberation Sans"', "liberation_sans"), ('"Liberation Sans Narrow"', "liberation_sans_narrow"),
    ('"Liberation Serif"', "liberation_serif"), ('"Nimbus Sans"', "nimbus_sans"),
    ('"Nimbus Sans Narrow"', "nimbus_sans_narrow"), ('"Nimbus Roman"', "nimbus_roman"),
    ('"URW Bookman"', "urw_bookman"), ('"C059"', "c059"), ('"P052"', "p052"),
]
PAPERS = {"A4": (210.0, 297.0), "F4": (215.0, 330.0), "Letter": (215.9, 279.4)}
SLIDE = {"16:9": (338.67, 190.5), "16:9 small": (254.0, 142.88)}
SHADES = {"grey": "#d9d9d9", "blue": "#c6d9f1", "green": "#d8e4bc", "orange": "#fbd4b4", "dark": "#404040"}


@dataclass
class DocStyle:
    font: str
    body_pt: float
    letter_spacing: float
    line_height: float
    paper: str
    table_landscape: bool
    margin_mm: float
    justify: bool

    @property
    def size(self) -> tuple[float, float]:
        return PAPERS[self.paper]


@dataclass
class TableStyle:
    border: str          # grid / hrules / none
    rule_pt: float
    shade: str           # none / grey / blue / … (header background)
    repeat_header: bool  # header rows in <thead> (Chromium repeats them on every page)
    rows_break: bool     # a row may be cut by a page break
    font_pt: float
    padding_pt: float
    valign: str
    header_upper: bool
    header_bold: bool
    numbering_row: bool  # a "(1) (2) (3)" row under the header
    letter_spacing: float


def draw_doc_style(draw: Draw, slides: bool = False) -> DocStyle:
    font = draw.choose("font", [name for _, name in FONTS])
    paper = "16:9" if slides else draw.choose("paper", {"A4": 5, "F4": 3, "Letter": 1})
    return DocStyle(
        font=dict((n, f) for f, n in FONTS)[font],
        body_pt=round(draw.uniform(9.5, 12.0), 1),
        letter_spacing=draw.choose("letter_spacing", {0.0: 5, -0.1: 2, -0.2: 2, 0.15: 1}),
        line_height=round(draw.uniform(1.1, 1.45), 2),
        paper=paper,
        table_landscape=False if slides else draw.flag("table_landscape", 0.55),
        margin_mm=round(draw.uniform(12, 25), 1),
        justify=draw.chance(0.5),
    )


def draw_table_style(draw: Draw, record: dict, slides: bool = False) -> TableStyle:
    border = draw.choose("border", {"grid": 6, "hrules": 2, "none": 2}, record)
    shade = draw.choose("header_shade", {"none": 5, "grey": 3, "blue": 1, "green": 1, "orange": 1}, record)
    return TableStyle(
        border=border,
        rule_pt=draw.pick([0.4, 0.5, 0.75, 1.0]),
        shade=shade,
        repeat_header=draw.flag("repeat_header", 0.65, record),
        rows_break=draw.flag("rows_break", 0.7, record),
        font_pt=draw.choose("table_font_pt", [7.0, 7.5, 8.0, 8.5, 9.0, 10.0] if not slides else [9.0, 10.0, 11.0, 12.0], record),
        padding_pt=draw.pick([1.0, 2.0, 3.0, 4.0]),
        valign=draw.pick(["top", "top", "middle"]),
        header_upper=draw.flag("header_upper", 0.4, record),
        header_bold=draw.chance(0.85),
        numbering_row=draw.flag("numbering_row", 0.25, record),
        letter_spacing=draw.pick([0.0, 0.0, -0.1, -0.2]),
    )


def page_css(doc: DocStyle, slides: bool = False) -> str:
    if slides:
        w, h = SLIDE["16:9"]
        return f"@page {{ size: {w}mm {h}mm; margin: 0; }}\n"
    w, h = doc.size
    m = doc.margin_mm
    return (f"@page {{ size: {w}mm {h}mm; margin: {m}mm {m * 0.9:.1f}mm; }}\n"
            f"@page land {{ size: {h}mm {w}mm; margin: {m * 0.8:.1f}mm {m * 0.8:.1f}mm; }}\n"
            f".landscape {{ page: land; }}\n")


def body_css(doc: DocStyle) -> str:
    return f"""
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: {doc.font}, "DejaVu Sans", sans-serif; font-size: {doc.body_pt}pt; line-height: {doc.line_height};
       letter-spacing: {doc.letter_spacing}pt; margin: 0; color: #000; }}
p {{ margin: 0 0 0.5em 0; text-align: {'justify' if doc.justify else 'left'}; }}
.center {{ text-align: center; }}
.right {{ text-align: right; }}
.bold {{ font-weight: bold; }}
.title {{ text-align: center; font-weight: bold; margin: 0.6em 0 0.6em 0; }}
.pagebreak {{ break-before: page; }}
.kop {{ text-align: center; border-bottom: 2.5pt double #000; padding-bottom: 4pt; margin-bottom: 10pt; }}
.kop .l1 {{ font-size: 1.15em; font-weight: bold; }}
.kop .l2 {{ font-size: 1.35em; font-weight: bold; }}
.kop .addr {{ font-size: 0.8em; }}
table.form {{ border-collapse: collapse; width: 100%; }}
table.form td {{ vertical-align: top; padding: 1pt 3pt; border: none; }}
.sign {{ width: 48%; margin-left: 52%; text-align: left; margin-top: 1.2em; break-inside: avoid; }}
.sign.centered {{ margin-left: 45%; text-align: center; }}
.sign .space {{ height: 4.5em; }}
.sign .name {{ font-weight: bold; text-decoration: underline; }}
.signs {{ display: flex; justify-content: space-between; margin-top: 1.5em; break-inside: avoid; }}
.signs > div {{ width: 45%; text-align: center; }}
.signs .space {{ height: 4.5em; }}
.signs .name {{ font-weight: bold; text-decoration: underline; }}
.cover {{ break-after: page; text-align: center; padding-top: 25%; font-weight: bold; font-size: 1.6em; line-height: 1.5; }}
.cover .logo {{ width: 28mm; height: 32mm; margin: 1.5em auto; border: 2pt solid #555; border-radius: 40%; }}
.caption {{ text-align: center; font-weight: bold; margin: 0.8em 0 0.4em 0; }}
.unitblock td {{ padding: 0 3pt; }}
.frac {{ display: inline-block; vertical-align: middle; text-align: center; margin: 0 2pt; }}
.frac > span {{ display: block; padding: 0 2pt; }}
.frac > span.num {{ border-bottom: 0.6pt solid #000; }}
"""


def table_css(cls: str, t: TableStyle) -> str:
    rule = f"{t.rule_pt}pt solid #000"
    cell_border = {"grid": f"border: {rule};", "hrules": f"border-top: {rule}; border-bottom: {rule};",
                   "none": "border: none;"}[t.border]
    head_extra = ""
    if t.border == "none":
        head_extra = "border: none;"
    shade = "" if t.shade == "none" else f"background: {SHADES[t.shade]};"
    head_color = "color: #fff;" if t.shade == "dark" else ""
    return f"""
table.{cls} {{ border-collapse: collapse; width: 100%; font-size: {t.font_pt}pt; line-height: 1.2;
              letter-spacing: {t.letter_spacing}pt; margin-bottom: 8pt; }}
table.{cls} td, table.{cls} th {{ {cell_border} padding: {t.padding_pt}pt {t.padding_pt + 1}pt;
              vertical-align: {t.valign}; text-align: left; }}
table.{cls} th {{ {shade} {head_color} {head_extra} text-align: center; vertical-align: middle;
              font-weight: {'bold' if t.header_bold else 'normal'};
              {'text-transform: uppercase;' if t.header_upper else ''} }}
table.{cls} td.ctr {{ text-align: center; }}
table.{cls} tr.numbering td {{ text-align: center; font-style: italic; {shade} }}
table.{cls} tr.section td {{ font-weight: bold; }}
table.{cls} tr {{ break-inside: {'auto' if t.rows_break else 'avoid'}; }}
table.{cls} div.item {{ margin-bottom: 2pt; }}
"""
