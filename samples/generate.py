"""Build the digital sample documents of the project and their gold records.

    .venv/bin/python samples/generate.py [OUTDIR]

Writes ``<name>.pdf`` and ``<name>.json`` into ``samples/digital/`` (or OUTDIR).
The PDFs look like what an office suite exports: a text layer, portrait decree
pages, landscape table pages with ruled cells, header rows repeated on every
page, rows cut by a page break, merged (row-spanning) cells, section rows,
two-level headers, stacked fractions drawn like an equation editor's.

Two kinds of documents:

* ``000``-``003``: the text of real published IKU decrees (``samples/seeds/``),
  laid out again.  Their gold records are the project's reference gold
  (``samples/seeds/gold/``), only ``source_file`` is set to the PDF's name.
* ``100``-``102``: documents written for this project, defined below as
  structured data from which both the PDF and the gold JSON are produced.

The output is byte-for-byte deterministic (reportlab ``invariant=1``).
"""
from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

from rapidfuzz import fuzz
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily, stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether,
                                NextPageTemplate, PageBreak, PageTemplate,
                                Paragraph, Spacer, Table, TableStyle)

from iku.normalizers.schema import DOCUMENT_KEYS, INDICATOR_FIELDS

HERE = Path(__file__).resolve().parent
SEED_DIR = HERE / "seeds"
GOLD_DIR = SEED_DIR / "gold"
OUT_DIR = HERE / "digital"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
F4 = (215 * mm, 330 * mm)

# fields a reader fills down through merged / empty cells (FORMAT.md): the gold's own statement
# of the rule, kept apart from the extractor's (normalizers/records.py) that the gold checks
FILL_DOWN = ("sasaran", "penanggung_jawab", "sumber_data", "sasaran_daerah",
             "indikator_daerah")
MERGED = "^"  # own documents: "same merged cell as the row above"


# --------------------------------------------------------------------------
# fonts and styles

def register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


_STYLES: dict[tuple, ParagraphStyle] = {}


def style(size: float = 10, bold: bool = False, align: int = TA_LEFT, left: float = 0,
          first: float = 0, before: float = 0, after: float = 0,
          leading: float | None = None) -> ParagraphStyle:
    key = (size, bold, align, left, first, before, after, leading)
    if key not in _STYLES:
        _STYLES[key] = ParagraphStyle(
            f"s{len(_STYLES)}", fontName=FONT_BOLD if bold else FONT, fontSize=size,
            leading=leading or round(size * 1.22, 2), alignment=align, leftIndent=left,
            firstLineIndent=first, spaceBefore=before, spaceAfter=after)
    return _STYLES[key]


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline(text: str) -> str:
    """Escape text but keep <b> and <u> as paragraph markup (balanced per line)."""
    parts = re.split(r"(</?[bu]>)", text)
    out = "".join(p if re.fullmatch(r"</?[bu]>", p) else esc(p) for p in parts)
    for tag in ("b", "u"):
        opened = out.count(f"<{tag}>") - out.count(f"</{tag}>")
        if opened > 0:
            out += f"</{tag}>" * opened
        elif opened < 0:
            out = f"<{tag}>" * -opened + out
    return out


def strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text)


def norm(text: str | None) -> str:
    """Scoring normal form: lower case, letters and digits, single spaces."""
    if not text:
        return ""
    text = strip_tags(text).lower()
    text = re.sub(r"[^\w]|_", " ", text)
    return " ".join(text.split())


# --------------------------------------------------------------------------
# stacked fraction (numerator / bar / denominator) as an equation editor draws it

class Fraction(Flowable):
    """``left  num / den  right`` drawn with the numerator above a short rule.

    The rule is as wide as the longer of numerator and denominator; text to the
    left of the fraction (``Angka PMKS =``) and to its right (``x 100%``) sits
    vertically centred on the rule.  Numerator and denominator wrap onto more
    lines when the cell is too narrow.
    """

    def __init__(self, left: str, num: str, den: str, right: str, size: float = 8):
        super().__init__()
        self.left, self.num, self.den, self.right = left, num, den, right
        self.size = size
        self.leading = size * 1.2
        self.gap = size * 0.45
        self.pad = size * 0.3
        self.margin = size * 0.35

    def _sw(self, text: str) -> float:
        return stringWidth(text, FONT, self.size)

    def _wrap_text(self, text: str, width: float) -> list[str]:
        lines: list[str] = []
        cur = ""
        for word in text.split():
            trial = f"{cur} {word}".strip()
            if cur and self._sw(trial) > width:
                lines.append(cur)
                cur = word
            else:
                cur = trial
        if cur:
            lines.append(cur)
        return lines or [""]

    def wrap(self, availWidth, availHeight):
        self.lw = self._sw(self.left) + self.gap if self.left else 0
        self.rw = self.gap + self._sw(self.right) if self.right else 0
        avail = max(availWidth - self.lw - self.rw - 1, 40)
        self.num_lines = self._wrap_text(self.num, avail)
        self.den_lines = self._wrap_text(self.den, avail)
        self.bar = max(self._sw(t) for t in self.num_lines + self.den_lines)
        self.width = self.lw + self.bar + self.rw
        self.height = ((len(self.num_lines) + len(self.den_lines)) * self.leading
                       + 2 * self.pad + 2 * self.margin)
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return []

    def draw(self):
        c = self.canv
        c.setFont(FONT, self.size)
        centre = self.lw + self.bar / 2
        y = self.height - self.margin
        for text in self.num_lines:
            y -= self.leading
            c.drawCentredString(centre, y + 0.28 * self.size, text)
        y -= self.pad
        bar_y = y
        c.setLineWidth(0.6)
        c.line(self.lw, bar_y, self.lw + self.bar, bar_y)
        y -= self.pad
        for text in self.den_lines:
            y -= self.leading
            c.drawCentredString(centre, y + 0.28 * self.size, text)
        base = bar_y - 0.36 * self.size
        if self.left:
            c.drawString(0, base, self.left)
        if self.right:
            c.drawString(self.lw + self.bar + self.gap, base, self.right)


def _braced(text: str, start: int) -> tuple[str, int]:
    """Content of the {...} group opening at text[start]; index after it."""
    assert text[start] == "{", text[start:]
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1:i], i + 1
    raise ValueError(f"unbalanced braces: {text!r}")


def latex_text(tex: str) -> str:
    tex = re.sub(r"\\text\s*\{([^{}]*)\}", r"\1", tex)
    tex = tex.replace(r"\sum", " ∑ ").replace(r"\times", " x ").replace(r"\%", "%")
    tex = tex.replace(r"\ ", " ").replace(r"\,", " ").replace(r"\left", "").replace(r"\right", "")
    tex = tex.replace("{", "").replace("}", "")
    tex = " ".join(tex.split())
    tex = re.sub(r"(\d) %", r"\1%", tex)
    tex = re.sub(r"\(\s+", "(", tex)
    tex = re.sub(r"\s+\)", ")", tex)
    return tex


def latex_fraction(tex: str, size: float) -> Flowable:
    i = tex.find(r"\frac")
    if i < 0:
        return Paragraph(esc(latex_text(tex)), style(size, leading=size * 1.2))
    j = i + len(r"\frac")
    while tex[j] == " ":
        j += 1
    num, j = _braced(tex, j)
    while tex[j] == " ":
        j += 1
    den, j = _braced(tex, j)
    return Fraction(latex_text(tex[:i]), latex_text(num), latex_text(den),
                    latex_text(tex[j:]), size)


# --------------------------------------------------------------------------
# table cells

_LIST_LINE = re.compile(r"^(- |• |\d{1,2}\. |[a-z][.)] )")


def cell_par(text: str, size: float, bold: bool = False, align: int = TA_LEFT) -> Paragraph:
    m = _LIST_LINE.match(text)
    hang = stringWidth(m.group(1), FONT, size) if (m and align == TA_LEFT) else 0
    return Paragraph(inline(text), style(size, bold, align, left=hang, first=-hang,
                                         leading=round(size * 1.2, 2)))


def plain_lines(text: str) -> list[str]:
    """Lines of a plain (non-HTML) seed cell: numbered and dashed lists one item a line."""
    lines: list[str] = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if not line:
            continue
        if re.match(r"^1\. ", line) and re.search(r" 2\. ", line):
            parts = re.split(r" (?=\d{1,2}\. )", line)
        else:
            parts = [line]
        for part in parts:
            lines.extend(re.split(r" (?=- [A-Z0-9])", part))
    return lines


def html_blocks(text: str) -> list:
    """A seed cell with HTML / LaTeX fragments as lines of text and formulas."""
    formulas: list[str] = []

    def keep(m):
        formulas.append(m.group(1))
        return f"\n\x00{len(formulas) - 1}\x00\n"

    text = re.sub(r"<math[^>]*>(.*?)</math>", keep, text, flags=re.S)
    text = re.sub(r"\$(.+?)\$", keep, text, flags=re.S)
    text = re.sub(r"</?(p|ul|ol|li|br)\b[^>]*>", "\n", text)
    text = re.sub(r" {2,}", "\n", text)
    blocks: list = []
    for line in text.split("\n"):
        line = " ".join(line.split())
        if not line or re.fullmatch(r"(</?[bu]>\s*)+", line):
            continue
        m = re.fullmatch(r"\x00(\d+)\x00", line)
        if m:
            blocks.append(("formula", formulas[int(m.group(1))]))
            continue
        if "•" in line:
            for part in line.split("•"):
                part = part.strip()
                if part and not re.fullmatch(r"(</?[bu]>\s*)+", part):
                    blocks.append(("text", "• " + part))
            continue
        blocks.append(("text", line))
    return blocks


def is_html(text: str) -> bool:
    return bool(re.search(r"<(p|ul|li|b|u|math)\b|\$", text))


def render_cell(text, size: float, bold: bool = False, align: int = TA_LEFT):
    if not isinstance(text, str):
        return text
    if not text.strip():
        return ""
    if is_html(text):
        out = []
        for kind, value in html_blocks(text):
            if kind == "formula":
                out.append(latex_fraction(value, size))
            else:
                out.append(cell_par(value, size, bold, align))
        return out
    return [cell_par(line, size, bold, align) for line in plain_lines(text)]


# --------------------------------------------------------------------------
# a table that paginates itself: header repeated, rows cut at the page foot

class IkuTable(Flowable):
    """A reportlab Table that splits page by page on its own terms.

    Each page gets the header row(s) again (``repeatRows``); a row that does not
    fit is cut (like a word processor's "allow row to break across pages",
    reportlab's ``splitInRow``): the part that fits stays, the rest goes on the
    next page as a row of its own under the repeated header.  Row-spanning
    (merged) cells are clipped at the page break: the text stays on the page
    where the merge starts and the merged area goes on, empty, on the next
    page, with the table's rules closed on every page.  Reportlab's own
    ``splitInRow`` handling of spans moves whole merged groups and leaves the
    bottom rule open, hence the page logic here.
    """

    MIN_CUT = 34  # points a row part must have to be left at a page foot

    def __init__(self, header, body, widths, *, header_spans=(), spans=(), sections=(),
                 grid=True, size=8.0, header_fill=None, cut_count=None):
        super().__init__()
        self.header = header
        self.body = body
        self.widths = widths
        self.header_spans = list(header_spans)
        self.spans = list(spans)          # (col, first_row, last_row) in body indices
        self.sections = set(sections)     # body indices spanning all columns
        self.grid = grid
        self.size = size
        self.header_fill = header_fill
        self.cut_count = cut_count if cut_count is not None else [0]

    # -- building
    def _table(self, rows, spans, sections) -> Table:
        h = len(self.header)
        cmds = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, h - 1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5 if self.grid else 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5 if self.grid else 6),
        ]
        if self.grid:
            cmds.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        else:
            cmds.append(("LINEBELOW", (0, h - 1), (-1, h - 1), 0.6, colors.black))
        if self.header_fill:
            cmds.append(("BACKGROUND", (0, 0), (-1, h - 1), self.header_fill))
        for (c0, r0), (c1, r1) in self.header_spans:
            cmds.append(("SPAN", (c0, r0), (c1, r1)))
        for col, r0, r1 in spans:
            if r1 > r0:
                cmds.append(("SPAN", (col, h + r0), (col, h + r1)))
        for r in sections:
            cmds.append(("SPAN", (0, h + r), (-1, h + r)))
        return Table(self.header + rows, colWidths=self.widths, repeatRows=h,
                     splitInRow=1, style=TableStyle(cmds))

    @staticmethod
    def _clip(spans, sections, first: int, last: int):
        sp = [(c, max(r0, first) - first, min(r1, last) - first)
              for c, r0, r1 in spans if r1 >= first and r0 <= last]
        sp = [s for s in sp if s[2] > s[1]]
        se = [r - first for r in sections if first <= r <= last]
        return sp, se

    def wrap(self, availWidth, availHeight):
        self._full = self._table(self.body, self.spans, self.sections)
        self.width, self.height = self._full.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self):
        self._full.drawOn(self.canv, 0, 0)

    # -- splitting
    def _split_cell(self, content, width, height):
        if not content:
            return "", ""
        head, tail, used = [], [], 0.0
        for i, f in enumerate(content):
            _, h = f.wrap(width, max(height - used, 1))
            if used + h <= height:
                head.append(f)
                used += h
                continue
            parts = f.split(width, height - used) if height - used > 0 else []
            if len(parts) >= 2:
                head.append(parts[0])
                tail = list(parts[1:]) + list(content[i + 1:])
            else:
                tail = list(content[i:])
            break
        return head or "", tail or ""

    def split(self, availWidth, availHeight):
        n = len(self.body)
        hdr_h = self._table([], [], []).wrap(availWidth, availHeight)[1]
        fit, fit_h = 0, hdr_h
        for k in range(1, n + 1):
            sp, se = self._clip(self.spans, self.sections, 0, k - 1)
            h = self._table(self.body[:k], sp, se).wrap(availWidth, availHeight)[1]
            if h > availHeight:
                break
            fit, fit_h = k, h
        if fit == n:  # fits after all: hand back the whole table
            return [self._table(self.body, self.spans, self.sections)]
        room = availHeight - fit_h
        chunk = None
        if room >= self.MIN_CUT and fit not in self.sections:
            row = self.body[fit]
            for shrink in (1, 4, 8, 14, 22):
                cell_h = room - shrink - 6  # paddings
                if cell_h < self.MIN_CUT - 8:
                    break
                heads, tails = [], []
                for content, w in zip(row, self.widths):
                    hd, tl = self._split_cell(content, w - 7, cell_h)
                    heads.append(hd)
                    tails.append(tl)
                if not any(tails) or not any(heads):
                    continue
                sp, se = self._clip(self.spans, self.sections, 0, fit)
                t = self._table(self.body[:fit] + [heads], sp, se)
                if t.wrap(availWidth, availHeight)[1] <= availHeight:
                    chunk = t
                    rest_body = [tails] + self.body[fit + 1:]
                    sp, se = self._clip(self.spans, self.sections, fit, n - 1)
                    self.cut_count[0] += 1
                    break
        if chunk is None:
            if fit == 0:
                return []
            sp, se = self._clip(self.spans, self.sections, 0, fit - 1)
            chunk = self._table(self.body[:fit], sp, se)
            rest_body = self.body[fit:]
            sp, se = self._clip(self.spans, self.sections, fit, n - 1)
        rest = IkuTable(self.header, rest_body, self.widths, header_spans=self.header_spans,
                        spans=sp, sections=se, grid=self.grid, size=self.size,
                        header_fill=self.header_fill, cut_count=self.cut_count)
        return [chunk, rest]


def auto_widths(header: list[str], rows: list[list[str]], total: float, size: float = 8,
                minimum: float = 36) -> list[float]:
    """Column widths from the amount of text in each column; no word is broken."""
    ncols = len(header)
    weights, floors = [], []
    for c in range(ncols):
        texts = [strip_tags(r[c]) for r in rows if isinstance(r[c], str) and r[c].strip()]
        lens = [len(norm(t)) for t in texts] or [1]
        mean = sum(lens) / len(lens)
        weights.append(max(mean, len(norm(header[c])) * 0.8, 4) ** 0.66)
        words = [w for t in texts for w in t.split() if len(w) < 30]
        longest = max([stringWidth(w, FONT_BOLD, size) for w in words] + [0])
        head = max([stringWidth(w, FONT_BOLD, size) for w in strip_tags(header[c]).split()] + [0])
        floors.append((longest + 9, max(minimum, longest + 13, head + 8)))
    fixed = {}
    if norm(header[0]) in ("no", ""):
        fixed[0] = max(24.0, floors[0][0])
    floors = [f[1] for f in floors]
    free = [c for c in range(ncols) if c not in fixed]
    while True:
        budget = total - sum(fixed.values())
        wsum = sum(weights[c] for c in free)
        small = [c for c in free if budget * weights[c] / wsum < floors[c]]
        if not small:
            break
        for c in small:
            fixed[c] = floors[c]
            free.remove(c)
    budget = total - sum(fixed.values())
    wsum = sum(weights[c] for c in free)
    widths = [fixed[c] if c in fixed else budget * weights[c] / wsum for c in range(ncols)]
    return [round(w, 2) for w in widths]


# --------------------------------------------------------------------------
# prose: cover, decree and body pages

DATE_LINE = re.compile(r"^[A-Z][A-Za-z .]+, \d{1,2} [A-Z][a-z]+ \d{4}$")
LABEL_LINE = re.compile(
    r"^(Menimbang|Mengingat|Memperhatikan|Menetapkan|KESATU|KEDUA|KETIGA|KEEMPAT|PERTAMA|"
    r"Pertama|Kedua|Ketiga|Keempat)\s*[:,]?\s*(.*)$")
ENUM = re.compile(r"^(\(?[a-z]\)|[a-z]\.|\d{1,2}\.|\d{1,2}\))\s")


def clean_line(line: str) -> str:
    line = line.rstrip()
    line = re.sub(r"^\s*-\s+", "", line)
    return line


def upper_title(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return (bool(letters) and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)
            and len(text) < 110 and ":" not in text)


class BoldTracker:
    """Markdown ``**`` spans that run over several lines."""

    def __init__(self):
        self.open = False

    def __call__(self, line: str) -> tuple[str, bool]:
        bold = self.open or line.lstrip("- ").startswith("**")
        count = line.count("**")
        if count % 2:
            self.open = not self.open
        if count and not bold:
            bold = line.rstrip().endswith("**")
        return line.replace("**", ""), bold


def signature_block(lines: list[str], width: float, size: float = 10) -> list[Flowable]:
    return [Spacer(1, 10), KeepTogether(_signature(lines, width, size))]


def _signature(lines: list[str], width: float, size: float) -> list[Flowable]:
    out: list[Flowable] = []
    texts = [clean_line(raw).replace("**", "").strip() for raw in lines]
    widest = max([stringWidth(t, FONT_BOLD, size) for t in texts if t] + [0])
    left = max(min(width * 0.55, width - widest - 6), width * 0.3)
    first = True
    named = False
    for raw in lines:
        text = clean_line(raw).replace("**", "").strip()
        if not text:
            continue
        is_name = (not first and not named and "," in text.rstrip(",.")
                   and not re.search(r"\d", text) and not text.upper().startswith("KEPALA"))
        if is_name:
            named = True
            out.append(Spacer(1, 40))
            out.append(Paragraph(f"<u>{esc(text)}</u>", style(size, True, left=left)))
        else:
            out.append(Paragraph(esc(text), style(size, text.isupper(), left=left)))
        first = False
    return out


def signature_ranges(lines: list[str]) -> dict[int, int]:
    """start index -> end index (inclusive) of each signature block."""
    ranges = {}
    for j, line in enumerate(lines):
        if not re.match(r"^\s*NIP\b", clean_line(line)):
            continue
        start = None
        k = j - 1
        while k >= 0:
            t = clean_line(lines[k]).replace("**", "").strip()
            if "\t" in lines[k] or len(t) > 75:
                break
            if t and (t.startswith("Ditetapkan di") or DATE_LINE.match(t)
                      or t.upper().startswith("KEPALA ")):
                start = k
            k -= 1
        if start is not None:
            ranges[start] = j
    return ranges


def cover_flowables(lines: list[str], width: float) -> list[Flowable]:
    out: list[Flowable] = [Spacer(1, 110)]
    bold = BoldTracker()
    blanks = 0
    first_group = True
    for raw in lines:
        text, is_bold = bold(clean_line(raw))
        text = text.strip()
        if not text:
            blanks += 1
            continue
        if blanks and len(out) > 1:
            out.append(Spacer(1, min(blanks, 3) * 14))
            if blanks >= 2:
                first_group = False
        blanks = 0
        if re.search(r"Jl\.|Jalan|Telp|Fax|Telepon", text):
            out.append(Paragraph(esc(text), style(9, align=TA_CENTER)))
        elif is_bold or first_group:
            out.append(Paragraph(esc(text), style(18, True, TA_CENTER, after=2)))
        else:
            out.append(Paragraph(esc(text), style(14, True, TA_CENTER, after=2)))
    return out


def kop_flowables(lines: list[str], width: float) -> list[Flowable]:
    """Letterhead: government, agency, address, then a double rule."""
    out: list[Flowable] = []
    n = 0
    for raw in lines:
        text = clean_line(raw).replace("**", "").strip()
        if not text:
            continue
        if re.search(r"Jl\.|Jalan|Telp|Fax|Telepon|Kode ?Pos", text):
            out.append(Paragraph(esc(text), style(8.5, align=TA_CENTER)))
        else:
            out.append(Paragraph(esc(text), style(14 if n else 13, True, TA_CENTER)))
            n += 1
    out.append(DoubleRule(width))
    out.append(Spacer(1, 8))
    return out


class DoubleRule(Flowable):
    def __init__(self, width):
        super().__init__()
        self.width, self.height = width, 6

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setLineWidth(2)
        c.line(0, 4, self.width, 4)
        c.setLineWidth(0.6)
        c.line(0, 0.8, self.width, 0.8)


def label_table(rows: list[tuple[str, list[str]]], width: float, size: float = 10) -> Table:
    data = []
    for label, items in rows:
        items = items or [""]
        for i, item in enumerate(items):
            m = ENUM.match(item)
            hang = stringWidth(m.group(0), FONT, size) if m else 0
            par = Paragraph(esc(item), style(size, align=TA_JUSTIFY, left=hang, first=-hang))
            data.append([Paragraph(esc(label) if i == 0 else "", style(size)),
                         Paragraph(":" if i == 0 else "", style(size)), par])
    t = Table(data, colWidths=[78, 10, width - 88])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                           ("TOPPADDING", (0, 0), (-1, -1), 1),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return t


def decree_flowables(lines: list[str], width: float) -> list[Flowable]:
    out: list[Flowable] = []
    lines = [ln for ln in lines]
    i = 0
    # letterhead up to the title of the decree
    kop = []
    while i < len(lines):
        t = clean_line(lines[i]).replace("**", "").strip()
        if re.match(r"^(SURAT )?KEPUTUSAN\b", t):
            break
        kop.append(lines[i])
        i += 1
    out += kop_flowables(kop, width)
    # centred title until the first label
    while i < len(lines):
        t = clean_line(lines[i]).replace("**", "").strip()
        if LABEL_LINE.match(t):
            break
        if t:
            bold = upper_title(t) and not t.upper().startswith("NOMOR")
            out.append(Paragraph(esc(t), style(11, bold, TA_CENTER, after=3)))
        i += 1
    out.append(Spacer(1, 8))
    rows: list[tuple[str, list[str]]] = []
    while i < len(lines):
        t = clean_line(lines[i]).replace("**", "").strip()
        if t.startswith("Ditetapkan di"):
            break
        i += 1
        if not t:
            continue
        m = LABEL_LINE.match(t)
        if re.fullmatch(r"MEMUTUSKAN\s*:?", t):
            if rows:
                out.append(label_table(rows, width))
                rows = []
            out.append(Paragraph(esc(t), style(11, True, TA_CENTER, before=6, after=6)))
        elif m:
            rows.append((m.group(1), [m.group(2)] if m.group(2) else []))
        elif rows:
            rows[-1][1].append(t)
        else:
            out.append(Paragraph(esc(t), style(10, align=TA_JUSTIFY)))
    if rows:
        out.append(label_table(rows, width))
    if i < len(lines):
        out += signature_block(lines[i:], width)
    return out


def body_prose(lines: list[str], width: float) -> list[Flowable]:
    out: list[Flowable] = []
    bold = BoldTracker()
    sig = signature_ranges(lines)
    i = 0
    while i < len(lines):
        if i in sig:
            out += signature_block(lines[i:sig[i] + 1], width)
            i = sig[i] + 1
            continue
        raw = lines[i]
        i += 1
        text, is_bold = bold(clean_line(raw))
        nested = bool(re.match(r"^ +\d", raw))
        text = text.strip()
        if not text:
            out.append(Spacer(1, 3))
            continue
        if text.startswith("## "):
            out.append(Paragraph(esc(text[3:]), style(12, True, TA_CENTER, before=2, after=6)))
            continue
        m = ENUM.match(text)
        heading = re.match(r"^[A-Z0-9]{1,2}\.\s", text)
        if heading and upper_title(text[heading.end():]):
            out.append(Paragraph(esc(text), style(10, True, before=3, after=3)))
        elif m and upper_title(text[m.end():]):
            out.append(Paragraph(esc(text), style(10, True, before=3, after=3)))
        elif upper_title(text) and not m:
            out.append(Paragraph(esc(text), style(11 if is_bold else 10.5, True, TA_CENTER)))
        elif m:
            left = 34 if nested else 16
            hang = stringWidth(m.group(0), FONT, 9.5)
            out.append(Paragraph(esc(text), style(9.5, is_bold, TA_JUSTIFY, left=left + hang,
                                                  first=-hang, after=1)))
        else:
            out.append(Paragraph(esc(text), style(10, is_bold, after=2)))
    return out


# --------------------------------------------------------------------------
# document assembly

def make_doc(path: Path, page, title: str, author: str, first: str) -> BaseDocTemplate:
    land = landscape(page)
    doc = BaseDocTemplate(str(path), pagesize=page if first == "portrait" else land,
                          invariant=1, pageCompression=1, title=title, author=author,
                          subject="Indikator Kinerja Utama", creator="iku samples/generate.py")
    m = 20 * mm
    pf = Frame(25 * mm, m, page[0] - 25 * mm - m, page[1] - 2 * m, id="pf",
               leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    lf = Frame(m, 16 * mm, land[0] - 2 * m, land[1] - 16 * mm - 18 * mm, id="lf",
               leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    templates = [PageTemplate(id="portrait", frames=[pf], pagesize=page),
                 PageTemplate(id="landscape", frames=[lf], pagesize=land)]
    if first != "portrait":
        templates.reverse()
    doc.addPageTemplates(templates)
    doc.frame_widths = {"portrait": pf._width, "landscape": lf._width}
    return doc


def page_count(path: Path) -> int:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


# --------------------------------------------------------------------------
# seeds: real decrees' text laid out again

SEEDS = {
    # stem: (page size, [(regex opening a new page, kind)]); first segment kind first
    "000_eb4ee2063c343ebc": (F4, "cover", [
        (r"^PEMERINTAH KABUPATEN BARITO KUALA$", "decree"),
        (r"^\*\*PEMERINTAH KABUPATEN BARITO KUALA", "body")]),
    "001_65d427c19d83d0f8": (A4, "body", []),
    "002_d69aff022b735e67": (A4, "cover", [(r"^## INDIKATOR KINERJA UTAMA", "body")]),
    "003_b12329ee375d4a48": (F4, "cover", [
        (r"^PEMERINTAH KOTA DEPOK$", "decree"),
        (r"^LAMPIRAN INDIKATOR", "body"),
        (r"^IKU DINAS SOSIAL TAHUN 2020", "body")]),
}
SEED_TABLE_SIZE = {"002_d69aff022b735e67": 7.5, "003_b12329ee375d4a48": 7.5}
SEED_HEADER_FILL = {"000_eb4ee2063c343ebc": colors.HexColor("#D9D9D9"),
                    "003_b12329ee375d4a48": colors.HexColor("#DDEBF7")}


def segments(text: str, first_kind: str, rules) -> list[tuple[str, list[str]]]:
    segs = [(first_kind, [])]
    for line in text.split("\n"):
        for rx, kind in rules:
            if re.match(rx, line):
                segs.append((kind, []))
                break
        segs[-1][1].append(line)
    return segs


def split_items(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Prose runs and table runs (tab lines, blank lines inside a table kept out)."""
    items: list[tuple[str, list[str]]] = []
    for line in lines:
        if "\t" in line:
            if items and items[-1][0] == "table":
                items[-1][1].append(line)
            else:
                # blank lines between two table runs belong to the table
                if (items and items[-1][0] == "prose" and len(items) >= 2
                        and items[-2][0] == "table" and not any(x.strip() for x in items[-1][1])):
                    items.pop()
                    items[-1][1].append(line)
                else:
                    items.append(("table", [line]))
        else:
            if items and items[-1][0] == "prose":
                items[-1][1].append(line)
            else:
                items.append(("prose", [line]))
    return items


def cell_items(value: str) -> list[str]:
    if "<li>" in value:
        items = re.findall(r"<li>(.*?)</li>", value, flags=re.S)
    elif "<p>" in value:
        items = re.findall(r"<p>(.*?)</p>", value, flags=re.S)
    else:
        items = [value]
    items = [re.sub(r"^\s*([-•]|\d{1,2}\.)\s+", "", " ".join(strip_tags(x).split()))
             for x in items]
    return [x for x in items if x]


def _merge_last(prev: str, cont: str, sep: str) -> str | None:
    tail = re.search(r"</li>\s*</ul>\s*$", prev)
    if tail:
        head = prev[:tail.start()]
        m = re.match(r"^\s*<ul[^>]*>\s*<li>\s*(?:-\s+)?", cont)
        if m:
            return head + sep + cont[m.end():]
        if not is_html(cont):
            return head + sep + cont + "</li> </ul>"
        return None
    if not is_html(prev) and not is_html(cont):
        return prev + sep + cont
    return None


def join_cells(prev: str, cont: str, gold_values: set[str]) -> str:
    """Join the continuation of a row cut by the original page break."""
    prev, cont = prev.strip(), cont.strip()
    if not cont:
        return prev
    if not prev:
        return cont
    plain = not is_html(prev) and not is_html(cont)
    cands = [(prev + " " + cont) if is_html(prev) or is_html(cont) else (prev + "\n" + cont)]
    for sep in (" ", ""):
        merged = _merge_last(prev, cont, sep)
        if merged is not None:
            cands.append(merged)

    def score(v: str) -> int:
        return sum(norm(x) in gold_values for x in cell_items(v))

    best = max(cands, key=score)
    if score(best) == score(cands[0]):
        return cands[1] if plain and len(cands) > 1 and score(cands[1]) == score(best) else cands[0]
    return best


class SeedTable:
    """One table of a seed: header, rows (continuations re-joined), merges from gold."""

    def __init__(self, raw: list[str], gold: list[dict], cursor: int, gold_values: set[str]):
        cells = [ln.split("\t") for ln in raw]
        self.ncols = len(cells[0])
        self.header = [[" ".join(strip_tags(c).split()) for c in cells[0]]]
        i = 1
        if i < len(cells) and self._subheader(cells[i], gold_values):
            self.header.append([" ".join(strip_tags(c).split()) for c in self._pad(cells[i])])
            i += 1
        gold_ind = [norm(g["indikator"]) for g in gold]
        self.ind_col = self._indikator_column(cells[i:], gold_ind)
        rows: list[list[str]] = []
        kinds: list[str] = []
        after_header = False
        for line in cells[i:]:
            line = self._pad(line)
            if not any(c.strip() for c in line):
                continue
            if self._header_repeat(line):
                after_header = True
                continue
            if after_header and self._subheader(line, gold_values):
                continue
            if line[0].strip() and not any(c.strip() for c in line[1:]) and len(line[0]) > 8:
                rows.append(line)
                kinds.append("section")
                after_header = False
                continue
            items = cell_items(line[self.ind_col])
            starts_new = bool(items) and any(
                g.startswith(norm(items[0])[:40]) for g in gold_ind if norm(items[0]))
            if (after_header and rows and kinds[-1] == "data" and not line[0].strip()
                    and not starts_new):
                rows[-1] = [join_cells(a, b, gold_values) for a, b in zip(rows[-1], line)]
            else:
                rows.append(line)
                kinds.append("data")
            after_header = False
        self.rows, self.kinds = rows, kinds
        # pair rows with gold records (one record per indicator item)
        self.records: list[list[dict]] = []
        for row, kind in zip(rows, kinds):
            if kind != "data":
                self.records.append([])
                continue
            items = cell_items(row[self.ind_col]) or [""]
            recs = gold[cursor:cursor + len(items)]
            for item, rec in zip(items, recs):
                if fuzz.ratio(norm(item), norm(rec["indikator"])) < 90:
                    raise ValueError(f"row {item!r} does not match gold {rec['indikator']!r}")
            if len(recs) != len(items):
                raise ValueError(f"gold records run out at {items!r}")
            self.records.append(recs)
            cursor += len(items)
        self.cursor = cursor
        self.spans = self._spans()

    def _pad(self, line: list[str]) -> list[str]:
        if len(line) > self.ncols:
            assert not any(c.strip() for c in line[self.ncols:]), line
            return line[:self.ncols]
        return line + [""] * (self.ncols - len(line))

    def _subheader(self, line: list[str], gold_values: set[str]) -> bool:
        vals = [" ".join(strip_tags(c).split()) for c in line]
        return (not vals[0] and any(vals)
                and all(not v or (v.upper() == v and not re.search(r"\d", v)
                                  and norm(v) not in gold_values) for v in vals))

    def _header_repeat(self, line: list[str]) -> bool:
        h = self.header[0]
        same = sum(norm(a) == norm(b) for a, b in zip(line, h))
        return norm(line[0]) == norm(h[0]) and same >= self.ncols / 2

    def _indikator_column(self, lines, gold_ind) -> int:
        best, best_c = -1, 0
        for c in range(self.ncols):
            hits = 0
            for line in lines:
                if c < len(line):
                    items = cell_items(line[c])
                    hits += sum(1 for x in items if norm(x) and norm(x) in gold_ind)
            if hits > best:
                best, best_c = hits, c
        return best_c

    def _spans(self) -> list[tuple[int, int, int]]:
        spans = []
        for c in range(self.ncols):
            origin = None
            end = None
            for r, (row, kind) in enumerate(zip(self.rows, self.kinds)):
                if kind != "data":
                    if origin is not None and end > origin:
                        spans.append((c, origin, end))
                    origin = end = None
                    continue
                if row[c].strip():
                    if origin is not None and end > origin:
                        spans.append((c, origin, end))
                    origin = end = r
                    continue
                if origin is None:
                    continue
                above = norm(self.rows[origin][c])
                if above and any(norm(rec.get(f)) == above
                                 for rec in self.records[r] for f in FILL_DOWN):
                    end = r
                else:
                    if end > origin:
                        spans.append((c, origin, end))
                    origin = end = None
            if origin is not None and end > origin:
                spans.append((c, origin, end))
        return spans

    def header_spans(self):
        if len(self.header) < 2:
            return []
        top, sub = self.header
        spans = []
        c = 0
        while c < self.ncols:
            if top[c] and not sub[c]:
                spans.append(((c, 0), (c, 1)))
                c += 1
                continue
            if top[c] and sub[c]:
                e = c
                while e + 1 < self.ncols and not top[e + 1] and sub[e + 1]:
                    e += 1
                if e > c:
                    spans.append(((c, 0), (e, 0)))
                c = e + 1
                continue
            c += 1
        return spans

    def flowable(self, width: float, size: float, fill, cut_count) -> IkuTable:
        body_rows = [r for r, k in zip(self.rows, self.kinds) if k == "data"]
        widths = auto_widths(self.header[-1] if len(self.header) == 1 else
                             [b or a for a, b in zip(*self.header)], body_rows, width, size)
        header = [[render_cell(c, size, True, TA_CENTER) for c in row] for row in self.header]
        body = []
        for row, kind in zip(self.rows, self.kinds):
            if kind == "section":
                body.append([[cell_par(row[0].strip(), size, True)]] + [""] * (self.ncols - 1))
            else:
                cells = [render_cell(v, size) for v in row]
                if cells[0]:
                    cells[0] = [cell_par(row[0].strip(), size, align=TA_CENTER)]
                body.append(cells)
        sections = [r for r, k in enumerate(self.kinds) if k == "section"]
        return IkuTable(header, body, widths, header_spans=self.header_spans(),
                        spans=self.spans, sections=sections, grid=True, size=size,
                        header_fill=fill, cut_count=cut_count)


def build_seed(stem: str, outdir: Path) -> dict:
    page, first_kind, rules = SEEDS[stem]
    text = (SEED_DIR / f"{stem}.txt").read_text(encoding="utf-8")
    gold = json.loads((GOLD_DIR / f"{stem}.json").read_text(encoding="utf-8"))
    gold["document"]["source_file"] = f"{stem}.pdf"
    recs = gold["indicators"]
    gold_values = {norm(v) for g in recs for k, v in g.items()
                   if isinstance(v, str) and k not in ("group", "no")}
    size = SEED_TABLE_SIZE.get(stem, 8)
    fill = SEED_HEADER_FILL.get(stem)
    doc = make_doc(outdir / f"{stem}.pdf", page, f"IKU {gold['document']['agency']}",
                   gold["document"]["agency"] or "", "portrait" if first_kind != "body" else "landscape")
    story: list[Flowable] = []
    cursor = 0
    cut_count = [0]
    tables = []
    for n, (kind, lines) in enumerate(segments(text, first_kind, rules)):
        orient = "landscape" if kind == "body" else "portrait"
        width = doc.frame_widths[orient]
        if n:
            story += [NextPageTemplate(orient), PageBreak()]
        if kind == "cover":
            story += cover_flowables(lines, width)
        elif kind == "decree":
            story += decree_flowables(lines, width)
        else:
            for item_kind, item_lines in split_items(lines):
                if item_kind == "prose":
                    story += body_prose(item_lines, width)
                else:
                    t = SeedTable(item_lines, recs, cursor, gold_values)
                    cursor = t.cursor
                    tables.append(t)
                    story.append(Spacer(1, 4))
                    story.append(t.flowable(width, size, fill, cut_count))
                    story.append(Spacer(1, 6))
    if cursor != len(recs):
        raise ValueError(f"{stem}: {len(recs) - cursor} gold records not placed in a table")
    doc.build(story)
    return {"gold": gold, "cuts": cut_count[0], "tables": tables}


# --------------------------------------------------------------------------
# own documents: structured data -> PDF and gold

def own_table_cells(table: dict) -> list[list[str]]:
    """The cell texts of an own-document table ("" under a merged cell)."""
    rows = []
    for row in table["rows"]:
        line = []
        for col in table["columns"]:
            key = col["key"]
            if key == "labelled":
                line.append("\n".join(f"{label} : {row[f]}" for label, f in col["parts"]
                                      if row.get(f)))
                continue
            value = row.get(key[6:] if key.startswith("extra:") else key, "")
            if value == MERGED:
                value = ""
            if isinstance(value, list):
                value = "\n".join(f"- {v}" for v in value)
            line.append(value or "")
        rows.append(line)
    return rows


def own_table_gold(table: dict):
    """Merged-cell spans and the gold records of an own-document table.

    The records are what a careful reader writes: merged sasaran / penanggung
    jawab / sumber data filled down, one record per indicator of a cell that
    lists several (with the formulas listed in the same order), labelled parts
    of one cell to their fields, unknown columns in ``extra``.
    """
    cols = table["columns"]
    records, spans = [], []
    last: dict[str, str | None] = {}
    origin: dict[int, int] = {}
    open_span: dict[int, int] = {}
    for r, row in enumerate(table["rows"]):
        inds = row["indikator"] if isinstance(row["indikator"], list) else [row["indikator"]]
        for c, col in enumerate(cols):
            key = col["key"]
            if key == "labelled":
                continue
            value = row.get(key[6:] if key.startswith("extra:") else key, "")
            if value == MERGED:
                open_span[c] = r
                continue
            if c in open_span:
                spans.append((c, origin[c], open_span.pop(c)))
            origin[c] = r
        for j, ind in enumerate(inds):
            rec = {f: None for f in INDICATOR_FIELDS}
            rec["extra"] = {}
            rec["group"] = table["group"]
            rec["no"] = (row.get("no") or "").rstrip(".") or None
            for col in cols:
                key = col["key"]
                if key == "labelled":
                    for _, f in col["parts"]:
                        rec[f] = row.get(f) or None
                    continue
                if key.startswith("extra:"):
                    rec["extra"][col["header"]] = row.get(key[6:]) or None
                    continue
                if key == "no":
                    continue
                value = row.get(key)
                if value == MERGED:
                    value = last.get(key)
                if isinstance(value, list):
                    value = value[j] if len(value) == len(inds) else " ".join(value)
                rec[key] = value or None
            records.append(rec)
        for col in cols:
            key = col["key"]
            if key in FILL_DOWN and row.get(key) != MERGED:
                last[key] = row.get(key)
    for c, r1 in open_span.items():
        spans.append((c, origin[c], r1))
    return spans, records


def own_table_flowable(table: dict, width: float, cut_count) -> tuple[IkuTable, list[dict]]:
    size = table.get("size", 8)
    cols = table["columns"]
    spans, records = own_table_gold(table)
    rows = own_table_cells(table)
    header_text = [col["header"] for col in cols]
    if all("width" in col for col in cols):
        total = sum(col["width"] for col in cols)
        widths = [round(col["width"] * width / total, 2) for col in cols]
    else:
        widths = auto_widths(header_text, rows, width, size)
    header = [[render_cell(h, size, True, TA_CENTER) for h in header_text]]
    body = []
    for line in rows:
        cells = []
        for c, (value, col) in enumerate(zip(line, cols)):
            if not value:
                cells.append("")
            elif col["key"] in ("no", "satuan") or col["key"].startswith("extra:"):
                cells.append([cell_par(value, size, align=TA_CENTER)])
            else:
                cells.append([cell_par(v, size) for v in value.split("\n")])
        body.append(cells)
    t = IkuTable(header, body, widths, spans=spans, grid=table.get("grid", True), size=size,
                 header_fill=table.get("header_fill"), cut_count=cut_count)
    return t, records


def lampiran_block(lines: list[str], width: float) -> list[Flowable]:
    left = width * 0.58
    return [Paragraph(esc(t), style(9.5, left=left)) for t in lines] + [Spacer(1, 10)]


def build_own(spec: dict, outdir: Path) -> dict:
    name = spec["name"]
    docinfo = dict(spec["document"], source_file=f"{name}.pdf")
    doc = make_doc(outdir / f"{name}.pdf", spec["page"], f"IKU {docinfo['agency']}",
                   docinfo["agency"], "portrait")
    pw, lw = doc.frame_widths["portrait"], doc.frame_widths["landscape"]
    story: list[Flowable] = cover_flowables(spec["cover"], pw)
    story += [NextPageTemplate("portrait"), PageBreak()]
    story += decree_flowables(spec["decree"], pw)
    story += [NextPageTemplate("landscape"), PageBreak()]
    if spec.get("lampiran"):
        story += lampiran_block(spec["lampiran"], lw)
    records: list[dict] = []
    cut_count = [0]
    for n, table in enumerate(spec["tables"]):
        if n and table.get("new_page", True):
            story.append(PageBreak())
        story += body_prose(table["before"], lw)
        story.append(Spacer(1, 4))
        t, recs = own_table_flowable(table, lw, cut_count)
        story.append(t)
        records += recs
        if table.get("after"):
            story += signature_block(table["after"], lw)
    doc.build(story)
    gold = {"document": {k: docinfo.get(k) for k in DOCUMENT_KEYS}, "indicators": records}
    return {"gold": gold, "cuts": cut_count[0]}


# --------------------------------------------------------------------------
# the own documents

SLEMAN_COLS = [
    {"header": "No", "key": "no", "width": 22},
    {"header": "Tujuan/Sasaran", "key": "sasaran", "width": 92},
    {"header": "Indikator Sasaran Perangkat Daerah", "key": "indikator", "width": 118},
    {"header": "Definisi Operasional", "key": "penjelasan", "width": 168},
    {"header": "Cara Perhitungan", "key": "formulasi", "width": 150},
    {"header": "Satuan", "key": "satuan", "width": 48},
    {"header": "Target 2024", "key": "extra:target", "width": 44},
    {"header": "PIC", "key": "penanggung_jawab", "width": 86},
]


def _rows(cols: list[str], data: list[tuple]) -> list[dict]:
    return [dict(zip(cols, values)) for values in data]


SLEMAN_ROWS = _rows(
    ["no", "sasaran", "indikator", "penjelasan", "formulasi", "satuan", "target",
     "penanggung_jawab"], [
        ("1", "Meningkatnya derajat kesehatan masyarakat", "Angka Kematian Ibu (AKI)",
         "Jumlah kematian ibu selama masa kehamilan, persalinan dan nifas yang disebabkan oleh "
         "kehamilan, persalinan, nifas atau pengelolaannya, bukan karena kecelakaan, per 100.000 "
         "kelahiran hidup",
         "Jumlah kematian ibu dalam satu tahun / Jumlah kelahiran hidup pada tahun yang sama x 100.000",
         "per 100.000 KH", "45,00", "Bidang Kesehatan Masyarakat"),
        ("2", MERGED, "Angka Kematian Bayi (AKB)",
         "Jumlah bayi yang meninggal sebelum mencapai usia satu tahun per 1.000 kelahiran hidup "
         "pada tahun yang sama",
         "Jumlah kematian bayi usia 0-11 bulan / Jumlah kelahiran hidup x 1.000",
         "per 1.000 KH", "4,50", MERGED),
        ("3", MERGED, "Prevalensi balita stunting",
         "Persentase balita dengan panjang atau tinggi badan menurut umur kurang dari minus dua "
         "standar deviasi berdasarkan standar pertumbuhan anak WHO, hasil pengukuran di posyandu",
         "Jumlah balita stunting / Jumlah balita yang diukur x 100%", "%", "6,88", MERGED),
        ("4", MERGED, "Persentase balita gizi buruk yang mendapat perawatan",
         "Balita gizi buruk yang ditemukan dan mendapat perawatan sesuai tata laksana gizi buruk "
         "di puskesmas, rumah sakit atau Therapeutic Feeding Center",
         "Jumlah balita gizi buruk yang mendapat perawatan / Jumlah balita gizi buruk yang "
         "ditemukan x 100%", "%", "100", MERGED),
        ("5", "Meningkatnya mutu pelayanan kesehatan dasar dan rujukan",
         "Persentase puskesmas terakreditasi paripurna",
         "Puskesmas yang memperoleh status akreditasi paripurna dari lembaga independen "
         "penyelenggara akreditasi yang ditetapkan oleh Menteri Kesehatan",
         "Jumlah puskesmas terakreditasi paripurna / Jumlah seluruh puskesmas x 100%",
         "%", "60", "Bidang Pelayanan Kesehatan"),
        ("6", MERGED, "Persentase rumah sakit yang terakreditasi",
         "Rumah sakit pemerintah dan swasta di wilayah kabupaten yang telah terakreditasi oleh "
         "lembaga independen penyelenggara akreditasi rumah sakit",
         "Jumlah rumah sakit terakreditasi / Jumlah rumah sakit x 100%", "%", "100", MERGED),
        ("7", MERGED, "Indeks Kepuasan Masyarakat (IKM) terhadap pelayanan puskesmas",
         "Hasil pengukuran tingkat kepuasan pengguna layanan puskesmas melalui survei kepuasan "
         "masyarakat terhadap sembilan unsur pelayanan sesuai pedoman Kementerian PANRB",
         "Nilai rata-rata tertimbang seluruh unsur pelayanan x 25", "indeks", "85,00", MERGED),
        ("8", MERGED,
         "Persentase fasilitas pelayanan kesehatan dengan sarana, prasarana dan alat kesehatan "
         "sesuai standar",
         "Puskesmas dan jaringannya yang memenuhi standar minimal sarana, prasarana dan alat "
         "kesehatan berdasarkan aplikasi Aspak",
         "Jumlah fasilitas pelayanan kesehatan yang memenuhi standar / Jumlah fasilitas "
         "pelayanan kesehatan milik pemerintah daerah x 100%", "%", "85", MERGED),
        ("9", MERGED, "Persentase ketersediaan obat esensial di puskesmas",
         "Puskesmas yang memiliki paling sedikit 80% dari 40 item obat indikator pada saat "
         "dilakukan pemantauan triwulanan",
         "Jumlah puskesmas dengan ketersediaan obat esensial minimal 80% / Jumlah puskesmas "
         "yang dipantau x 100%", "%", "95", "Bidang Sumber Daya Kesehatan"),
        ("10", "Menurunnya angka kesakitan penyakit menular dan tidak menular",
         "Persentase kalurahan UCI (Universal Child Immunization)",
         "Kalurahan dengan paling sedikit 80% bayi mendapat imunisasi dasar lengkap dalam satu "
         "tahun",
         "Jumlah kalurahan UCI / Jumlah seluruh kalurahan x 100%", "%", "100",
         "Bidang Pencegahan dan Pengendalian Penyakit"),
        ("11", MERGED, "Angka keberhasilan pengobatan (success rate) TBC",
         "Persentase pasien TBC yang sembuh dan yang menyelesaikan pengobatan lengkap di antara "
         "semua pasien TBC yang diobati dan dilaporkan",
         "(Jumlah pasien TBC sembuh + Jumlah pasien TBC pengobatan lengkap) / Jumlah pasien TBC "
         "yang diobati x 100%", "%", "90", MERGED),
        ("12", MERGED, "Persentase ODHIV baru yang mendapat pengobatan ARV",
         "Orang dengan HIV yang baru ditemukan dan memulai pengobatan antiretroviral pada tahun "
         "berjalan",
         "Jumlah ODHIV baru yang mendapat ARV / Jumlah ODHIV baru yang ditemukan x 100%",
         "%", "95", MERGED),
        ("13", MERGED, "Incidence Rate (IR) Demam Berdarah Dengue",
         "Jumlah kasus baru Demam Berdarah Dengue yang dilaporkan dalam satu tahun per 100.000 "
         "penduduk",
         "Jumlah kasus DBD dalam satu tahun / Jumlah penduduk x 100.000",
         "per 100.000 penduduk", "< 49", MERGED),
        ("14", MERGED,
         "Persentase penderita hipertensi usia 15 tahun ke atas yang mendapat pelayanan "
         "kesehatan sesuai standar",
         "Penderita hipertensi usia 15 tahun ke atas yang mendapat pengukuran tekanan darah, "
         "edukasi dan tata laksana sesuai standar paling sedikit satu kali sebulan",
         "Jumlah penderita hipertensi yang mendapat pelayanan sesuai standar / Jumlah estimasi "
         "penderita hipertensi x 100%", "%", "100", MERGED),
        ("15", MERGED,
         "Persentase penderita Diabetes Melitus yang mendapat pelayanan kesehatan sesuai standar",
         "Penderita DM usia 15 tahun ke atas yang mendapat pengukuran gula darah, edukasi dan "
         "terapi farmakologi sesuai standar",
         "Jumlah penderita DM yang mendapat pelayanan sesuai standar / Jumlah estimasi penderita "
         "DM x 100%", "%", "100", MERGED),
        ("16", MERGED,
         "Persentase Orang Dengan Gangguan Jiwa (ODGJ) berat yang mendapat pelayanan kesehatan "
         "sesuai standar",
         "ODGJ berat yang mendapat pemeriksaan kesehatan jiwa, edukasi dan tata laksana sesuai "
         "standar di fasilitas pelayanan kesehatan",
         "Jumlah ODGJ berat yang mendapat pelayanan sesuai standar / Jumlah estimasi ODGJ berat "
         "x 100%", "%", "100", MERGED),
        ("17", "Meningkatnya perilaku hidup bersih dan sehat serta kualitas kesehatan lingkungan",
         "Persentase kalurahan Stop Buang Air Besar Sembarangan (SBS)",
         "Kalurahan yang seluruh penduduknya telah mengakses jamban sehat dan tidak lagi buang "
         "air besar sembarangan, diverifikasi oleh tim kabupaten",
         "Jumlah kalurahan SBS / Jumlah seluruh kalurahan x 100%", "%", "100",
         "Bidang Kesehatan Masyarakat"),
        ("18", MERGED, "Persentase rumah tangga ber-PHBS",
         "Rumah tangga yang memenuhi sepuluh indikator perilaku hidup bersih dan sehat tatanan "
         "rumah tangga berdasarkan hasil pendataan kader",
         "Jumlah rumah tangga ber-PHBS / Jumlah rumah tangga yang didata x 100%", "%", "80",
         MERGED),
        ("19", MERGED,
         "Persentase Tempat dan Fasilitas Umum (TFU) yang memenuhi syarat kesehatan",
         "Sekolah, puskesmas, pasar rakyat dan tempat ibadah yang memenuhi syarat kesehatan "
         "lingkungan berdasarkan hasil inspeksi kesehatan lingkungan",
         "Jumlah TFU yang memenuhi syarat / Jumlah TFU yang diinspeksi x 100%", "%", "85",
         MERGED),
        ("20", MERGED,
         "Persentase Tempat Pengelolaan Pangan (TPP) yang memenuhi syarat kesehatan",
         "Jasa boga, rumah makan, depot air minum dan sentra pangan jajanan yang memenuhi syarat "
         "higiene sanitasi pangan",
         "Jumlah TPP yang memenuhi syarat / Jumlah TPP yang diperiksa x 100%", "%", "75",
         MERGED),
        ("21", MERGED, "Persentase posyandu aktif",
         "Posyandu dengan strata purnama dan mandiri yang melaksanakan kegiatan paling sedikit "
         "delapan kali dalam setahun dengan cakupan program utama di atas 50%",
         "Jumlah posyandu purnama dan mandiri / Jumlah seluruh posyandu x 100%", "%", "90",
         MERGED),
        ("22", "Meningkatnya cakupan jaminan kesehatan dan pelayanan kesehatan ibu dan anak",
         "Persentase penduduk yang memiliki jaminan kesehatan",
         "Penduduk yang terdaftar sebagai peserta Jaminan Kesehatan Nasional atau jaminan "
         "kesehatan daerah pada akhir tahun",
         "Jumlah penduduk peserta jaminan kesehatan / Jumlah penduduk x 100%", "%", "98",
         "Bidang Pelayanan Kesehatan"),
        ("23", MERGED,
         "Persentase ibu hamil yang mendapatkan pelayanan antenatal sesuai standar",
         "Ibu hamil yang mendapatkan pelayanan antenatal paling sedikit enam kali selama masa "
         "kehamilan dengan paling sedikit dua kali pemeriksaan oleh dokter",
         "Jumlah ibu hamil yang mendapat pelayanan K6 / Jumlah sasaran ibu hamil x 100%",
         "%", "100", "Bidang Kesehatan Masyarakat"),
        ("24", MERGED, "Persentase persalinan di fasilitas pelayanan kesehatan",
         "Ibu bersalin yang mendapatkan pertolongan persalinan oleh tenaga kesehatan kompeten di "
         "fasilitas pelayanan kesehatan",
         "Jumlah persalinan di fasilitas pelayanan kesehatan / Jumlah sasaran ibu bersalin x 100%",
         "%", "100", MERGED),
        ("25", MERGED,
         "Persentase puskesmas dengan sembilan jenis tenaga kesehatan sesuai standar",
         "Puskesmas yang memiliki dokter, dokter gigi, perawat, bidan, tenaga kesehatan "
         "masyarakat, tenaga sanitasi lingkungan, ahli teknologi laboratorium medik, tenaga gizi "
         "dan tenaga kefarmasian",
         "Jumlah puskesmas dengan sembilan jenis tenaga kesehatan / Jumlah puskesmas x 100%",
         "%", "100", "Bidang Sumber Daya Kesehatan"),
        ("26",
         "Meningkatnya akuntabilitas kinerja dan kualitas tata kelola Dinas Kesehatan",
         "Nilai Sistem Akuntabilitas Kinerja Instansi Pemerintah (SAKIP) Dinas Kesehatan",
         "Nilai hasil evaluasi atas implementasi SAKIP Dinas Kesehatan yang dilaksanakan oleh "
         "Inspektorat Daerah",
         "Nilai hasil evaluasi SAKIP dari Inspektorat Daerah", "nilai", "80,50", "Sekretariat"),
        ("27", MERGED, "Persentase realisasi anggaran Dinas Kesehatan",
         "Perbandingan antara realisasi belanja dengan pagu anggaran Dinas Kesehatan pada tahun "
         "anggaran berjalan",
         "Realisasi belanja / Pagu anggaran x 100%", "%", "95", MERGED),
    ])

SLEMAN = {
    "name": "100_dinkes_sleman",
    "page": A4,
    "document": {
        "agency": "Dinas Kesehatan Kabupaten Sleman",
        "region": "Kabupaten Sleman",
        "region_level": "kabupaten",
        "province": "Daerah Istimewa Yogyakarta",
        "period_start": 2021,
        "period_end": 2026,
        "decree_number": "440/0987/Dinkes/2022",
        "decree_date": "2022-03-14",
        "signatory_name": "dr. RETNO WIDYASTUTI, M.Kes",
        "signatory_nip": "197208152002122004",
    },
    "cover": [
        "**INDIKATOR KINERJA UTAMA (IKU)**", "", "", "",
        "DINAS KESEHATAN", "KABUPATEN SLEMAN", "TAHUN 2021-2026", "", "", "",
        "PEMERINTAH KABUPATEN SLEMAN",
        "Jalan Parasamya Nomor 12, Tridadi, Sleman 55511, Telepon (0274) 868409",
    ],
    "decree": [
        "PEMERINTAH KABUPATEN SLEMAN", "DINAS KESEHATAN",
        "Jalan Parasamya Nomor 12, Tridadi, Sleman 55511, Telepon (0274) 868409",
        "KEPUTUSAN KEPALA DINAS KESEHATAN KABUPATEN SLEMAN",
        "NOMOR 440/0987/Dinkes/2022",
        "TENTANG",
        "PENETAPAN INDIKATOR KINERJA UTAMA DINAS KESEHATAN KABUPATEN SLEMAN TAHUN 2021-2026",
        "KEPALA DINAS KESEHATAN KABUPATEN SLEMAN,",
        "Menimbang : a. bahwa untuk mengukur keberhasilan pencapaian tujuan dan sasaran "
        "strategis Dinas Kesehatan sebagaimana tercantum dalam Rencana Strategis Dinas Kesehatan "
        "Tahun 2021-2026 perlu ditetapkan Indikator Kinerja Utama;",
        "b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
        "Keputusan Kepala Dinas Kesehatan tentang Penetapan Indikator Kinerja Utama Dinas "
        "Kesehatan Kabupaten Sleman Tahun 2021-2026;",
        "Mengingat : 1. Undang-Undang Nomor 15 Tahun 1950 tentang Pembentukan Daerah-daerah "
        "Kabupaten dalam Lingkungan Daerah Istimewa Jogjakarta;",
        "2. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah "
        "beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023;",
        "3. Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah;",
        "4. Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 "
        "Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara "
        "Reviu atas Laporan Kinerja Instansi Pemerintah;",
        "5. Peraturan Daerah Kabupaten Sleman tentang Rencana Pembangunan Jangka Menengah Daerah "
        "Kabupaten Sleman Tahun 2021-2026;",
        "6. Peraturan Bupati Sleman tentang Kedudukan, Susunan Organisasi, Tugas, Fungsi dan Tata "
        "Kerja Dinas Kesehatan;",
        "MEMUTUSKAN:",
        "Menetapkan : KEPUTUSAN KEPALA DINAS KESEHATAN TENTANG PENETAPAN INDIKATOR KINERJA UTAMA "
        "DINAS KESEHATAN KABUPATEN SLEMAN TAHUN 2021-2026.",
        "KESATU : Menetapkan Indikator Kinerja Utama Dinas Kesehatan Kabupaten Sleman Tahun "
        "2021-2026 sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan "
        "dari Keputusan ini.",
        "KEDUA : Indikator Kinerja Utama sebagaimana dimaksud dalam Diktum KESATU digunakan "
        "sebagai acuan dalam penyusunan Rencana Kerja, Perjanjian Kinerja, Laporan Kinerja serta "
        "evaluasi kinerja Dinas Kesehatan.",
        "KETIGA : Keputusan ini mulai berlaku pada tanggal ditetapkan.",
        "Ditetapkan di : Sleman",
        "Pada tanggal : 14 Maret 2022",
        "KEPALA DINAS KESEHATAN",
        "KABUPATEN SLEMAN,",
        "dr. RETNO WIDYASTUTI, M.Kes",
        "Pembina Utama Muda, IV/c",
        "NIP 19720815 200212 2 004",
    ],
    "lampiran": [
        "LAMPIRAN",
        "KEPUTUSAN KEPALA DINAS KESEHATAN KABUPATEN SLEMAN",
        "NOMOR 440/0987/Dinkes/2022",
        "TANGGAL 14 Maret 2022",
    ],
    "tables": [{
        "group": "INDIKATOR KINERJA UTAMA DINAS KESEHATAN KABUPATEN SLEMAN TAHUN 2021-2026",
        "before": ["INDIKATOR KINERJA UTAMA", "DINAS KESEHATAN KABUPATEN SLEMAN",
                   "TAHUN 2021-2026"],
        "columns": SLEMAN_COLS,
        "rows": SLEMAN_ROWS,
        "grid": True,
        "size": 7.6,
        "header_fill": colors.HexColor("#E2EFDA"),
        "after": ["KEPALA DINAS KESEHATAN", "KABUPATEN SLEMAN,", "dr. RETNO WIDYASTUTI, M.Kes",
                  "Pembina Utama Muda, IV/c", "NIP 19720815 200212 2 004"],
    }],
}

PONTIANAK_COLS = [
    {"header": "No.", "key": "no", "width": 22},
    {"header": "Sasaran Strategis", "key": "sasaran", "width": 120},
    {"header": "Penanggung Jawab", "key": "penanggung_jawab", "width": 96},
    {"header": "Indikator Kinerja Utama", "key": "indikator", "width": 140},
    {"header": "Sumber Data", "key": "sumber_data", "width": 96},
    {"header": "Formulasi Perhitungan", "key": "formulasi", "width": 162},
    {"header": "Tipe Penghitungan", "key": "tipe_perhitungan", "width": 70},
    {"header": "Keterangan", "key": "keterangan", "width": 86},
]

PONTIANAK_ROWS = _rows(
    ["no", "sasaran", "penanggung_jawab", "indikator", "sumber_data", "formulasi",
     "tipe_perhitungan", "keterangan"], [
        ("1.", "Meningkatnya kualitas perencanaan pembangunan daerah",
         "Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
         "Persentase keselarasan program RPJMD dengan program dalam RKPD",
         "Dokumen RPJMD dan RKPD Kota Pontianak",
         "Jumlah program RPJMD yang termuat dalam RKPD / Jumlah program RPJMD x 100%",
         "Non Kumulatif", "Diukur setiap penetapan RKPD"),
        ("2.", MERGED, MERGED,
         "Persentase usulan Musrenbang kecamatan yang terakomodir dalam RKPD",
         "Berita Acara Musrenbang dan Dokumen RKPD",
         "Jumlah usulan Musrenbang kecamatan yang terakomodir dalam RKPD / Jumlah usulan "
         "Musrenbang kecamatan yang disepakati x 100%", "Non Kumulatif", ""),
        ("3.", "Meningkatnya kualitas pengendalian dan evaluasi pembangunan daerah", MERGED,
         ["Persentase capaian indikator kinerja RPJMD yang memenuhi target",
          "Persentase perangkat daerah yang menyampaikan laporan evaluasi Renja tepat waktu"],
         "Laporan Evaluasi RKPD dan Renja Perangkat Daerah",
         ["Jumlah indikator kinerja RPJMD yang memenuhi target / Jumlah seluruh indikator "
          "kinerja RPJMD x 100%",
          "Jumlah perangkat daerah yang menyampaikan laporan evaluasi Renja tepat waktu / "
          "Jumlah seluruh perangkat daerah x 100%"],
         "Non Kumulatif", "Evaluasi triwulanan melalui aplikasi e-Monev"),
        ("4.", "Meningkatnya keterpaduan perencanaan pembangunan bidang perekonomian dan "
         "sumber daya alam", "Bidang Perekonomian dan Sumber Daya Alam",
         "Persentase program prioritas bidang perekonomian dan sumber daya alam yang terdanai "
         "dalam APBD", "Dokumen RKPD dan APBD Kota Pontianak",
         "Jumlah program prioritas bidang perekonomian dan SDA yang terdanai / Jumlah program "
         "prioritas bidang perekonomian dan SDA x 100%", "Non Kumulatif", ""),
        ("5.", "Meningkatnya keterpaduan perencanaan pembangunan bidang pemerintahan dan "
         "pembangunan manusia", "Bidang Pemerintahan dan Pembangunan Manusia",
         "Persentase program prioritas bidang pemerintahan dan pembangunan manusia yang "
         "terdanai dalam APBD", MERGED,
         "Jumlah program prioritas bidang pemerintahan dan pembangunan manusia yang terdanai / "
         "Jumlah program prioritas bidang pemerintahan dan pembangunan manusia x 100%",
         "Non Kumulatif", ""),
        ("6.", "Meningkatnya keterpaduan perencanaan pembangunan bidang infrastruktur dan "
         "kewilayahan", "Bidang Infrastruktur dan Kewilayahan",
         "Persentase program prioritas bidang infrastruktur dan kewilayahan yang terdanai "
         "dalam APBD", MERGED,
         "Jumlah program prioritas bidang infrastruktur dan kewilayahan yang terdanai / Jumlah "
         "program prioritas bidang infrastruktur dan kewilayahan x 100%", "Non Kumulatif", ""),
        ("7.", "Meningkatnya pemanfaatan hasil penelitian dan pengembangan dalam perencanaan",
         "Bidang Penelitian dan Pengembangan",
         "Persentase rekomendasi hasil kajian yang dimanfaatkan dalam penyusunan kebijakan "
         "daerah", "Laporan hasil kajian Bidang Penelitian dan Pengembangan",
         "Jumlah rekomendasi hasil kajian yang dimanfaatkan / Jumlah rekomendasi hasil kajian "
         "x 100%", "Kumulatif", "Rekomendasi dihitung sejak tahun 2020"),
        ("8.", "Meningkatnya akuntabilitas kinerja Badan Perencanaan Pembangunan Daerah",
         "Sekretariat", "Nilai SAKIP Badan Perencanaan Pembangunan Daerah",
         "Laporan Hasil Evaluasi SAKIP Inspektorat Kota Pontianak",
         "Nilai hasil evaluasi SAKIP oleh Inspektorat", "Non Kumulatif", "Predikat minimal BB"),
        ("9.", MERGED, MERGED,
         "Persentase dokumen perencanaan dan pelaporan kinerja yang disusun tepat waktu",
         "Dokumen Renstra, Renja, Perjanjian Kinerja dan LKjIP",
         "Jumlah dokumen yang disusun tepat waktu / Jumlah dokumen yang wajib disusun x 100%",
         "Non Kumulatif", ""),
    ])

PONTIANAK = {
    "name": "101_bappeda_pontianak",
    "page": F4,
    "document": {
        "agency": "Badan Perencanaan Pembangunan Daerah Kota Pontianak",
        "region": "Kota Pontianak",
        "region_level": "kota",
        "province": "Kalimantan Barat",
        "period_start": 2023,
        "period_end": 2023,
        "decree_number": "050/123/Bappeda/2023",
        "decree_date": "2023-01-05",
        "signatory_name": "Ir. HENDRA SAPUTRA, M.T.",
        "signatory_nip": "197001011995031002",
    },
    "cover": [
        "**INDIKATOR KINERJA UTAMA**", "", "", "",
        "BADAN PERENCANAAN PEMBANGUNAN DAERAH", "KOTA PONTIANAK", "", "TAHUN 2023",
    ],
    "decree": [
        "PEMERINTAH KOTA PONTIANAK", "BADAN PERENCANAAN PEMBANGUNAN DAERAH",
        "Jalan Rahadi Usman Nomor 3, Pontianak 78111, Telepon (0561) 732174",
        "KEPUTUSAN KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA PONTIANAK",
        "Nomor: 050/ 123 /Bappeda/2023",
        "TENTANG",
        "INDIKATOR KINERJA UTAMA BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA PONTIANAK TAHUN 2023",
        "KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA PONTIANAK,",
        "Menimbang: a. bahwa sebagai pelaksanaan Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah, setiap perangkat daerah wajib menetapkan Indikator Kinerja Utama sebagai "
        "ukuran keberhasilan pencapaian sasaran strategis;",
        "b. bahwa berdasarkan pertimbangan sebagaimana dimaksud pada huruf a, perlu menetapkan "
        "Keputusan Kepala Badan Perencanaan Pembangunan Daerah Kota Pontianak tentang Indikator "
        "Kinerja Utama Tahun 2023;",
        "Mengingat: 1. Undang-Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan "
        "Nasional;",
        "2. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
        "3. Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah;",
        "4. Peraturan Wali Kota Pontianak tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi "
        "serta Tata Kerja Badan Perencanaan Pembangunan Daerah;",
        "MEMUTUSKAN:",
        "Menetapkan: KEPUTUSAN KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA PONTIANAK "
        "TENTANG INDIKATOR KINERJA UTAMA TAHUN 2023.",
        "KESATU: Indikator Kinerja Utama Badan Perencanaan Pembangunan Daerah Kota Pontianak "
        "Tahun 2023 sebagaimana tercantum dalam Lampiran Keputusan ini.",
        "KEDUA: Keputusan ini mulai berlaku pada tanggal ditetapkan.",
        "Ditetapkan di Pontianak pada tanggal 5 Januari 2023",
        "KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH",
        "KOTA PONTIANAK,",
        "Ir. HENDRA SAPUTRA, M.T.",
        "Pembina Utama Muda",
        "NIP. 19700101 199503 1 002",
    ],
    "lampiran": [
        "LAMPIRAN KEPUTUSAN KEPALA BAPPEDA KOTA PONTIANAK",
        "Nomor: 050/ 123 /Bappeda/2023",
        "Tanggal: 5 Januari 2023",
    ],
    "tables": [{
        "group": "INDIKATOR KINERJA UTAMA BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA PONTIANAK "
                 "TAHUN 2023",
        "before": [
            "INDIKATOR KINERJA UTAMA",
            "BADAN PERENCANAAN PEMBANGUNAN DAERAH KOTA PONTIANAK TAHUN 2023",
            "",
            "Nama Organisasi : Badan Perencanaan Pembangunan Daerah Kota Pontianak",
            "Tugas : membantu Wali Kota melaksanakan fungsi penunjang urusan pemerintahan bidang "
            "perencanaan serta penelitian dan pengembangan yang menjadi kewenangan daerah",
        ],
        "columns": PONTIANAK_COLS,
        "rows": PONTIANAK_ROWS,
        "grid": False,
        "after": ["Pontianak, 5 Januari 2023",
                  "KEPALA BADAN PERENCANAAN PEMBANGUNAN DAERAH", "KOTA PONTIANAK,",
                  "Ir. HENDRA SAPUTRA, M.T.", "Pembina Utama Muda",
                  "NIP. 19700101 199503 1 002"],
    }],
}

NTB_COLS = [
    {"header": "NO", "key": "no", "width": 24},
    {"header": "SASARAN STRATEGIS", "key": "sasaran", "width": 120},
    {"header": "INDIKATOR KINERJA", "key": "indikator", "width": 140},
    {"header": "PENJELASAN INDIKATOR", "key": "labelled", "width": 290,
     "parts": [("Definisi", "penjelasan"), ("Alasan Pemilihan", "alasan"),
               ("Rumus", "formulasi"), ("Tipe Penghitungan", "tipe_perhitungan")]},
    {"header": "SATUAN", "key": "satuan", "width": 52},
    {"header": "Penanggungjawab", "key": "penanggung_jawab", "width": 120},
    {"header": "SUMBER DATA", "key": "sumber_data", "width": 110},
]
_NTB_KEYS = ["no", "sasaran", "indikator", "penjelasan", "alasan", "formulasi",
             "tipe_perhitungan", "satuan", "penanggung_jawab", "sumber_data"]

NTB_ROWS_A = _rows(_NTB_KEYS, [
    ("1", "Meningkatnya akses dan mutu pendidikan menengah dan pendidikan khusus",
     "Angka Partisipasi Kasar (APK) SMA/SMK/SMALB",
     "Perbandingan antara jumlah siswa SMA/SMK/SMALB berapa pun usianya dengan jumlah penduduk "
     "usia 16-18 tahun",
     "Mengukur daya tampung dan akses penduduk terhadap layanan pendidikan menengah",
     "Jumlah siswa SMA/SMK/SMALB / Jumlah penduduk usia 16-18 tahun x 100%",
     "Non Kumulatif", "%", "Bidang Pembinaan SMA dan Bidang Pembinaan SMK",
     "Dapodik dan BPS Provinsi NTB"),
    ("2", MERGED, "Angka Partisipasi Murni (APM) SMA/SMK/SMALB",
     "Perbandingan antara jumlah siswa usia 16-18 tahun yang bersekolah di SMA/SMK/SMALB dengan "
     "jumlah penduduk usia 16-18 tahun", "",
     "Jumlah siswa usia 16-18 tahun di SMA/SMK/SMALB / Jumlah penduduk usia 16-18 tahun x 100%",
     "Non Kumulatif", "%", MERGED, MERGED),
    ("3", MERGED, "Persentase satuan pendidikan SMA/SMK/SLB terakreditasi minimal B",
     "Satuan pendidikan yang memperoleh peringkat akreditasi A atau B dari BAN-S/M", "",
     "Jumlah SMA/SMK/SLB terakreditasi minimal B / Jumlah SMA/SMK/SLB x 100%",
     "Non Kumulatif", "%",
     "Bidang Pembinaan SMA, Bidang Pembinaan SMK dan Bidang Pembinaan Pendidikan Khusus",
     "Data akreditasi BAN-S/M"),
    ("4", MERGED, "Persentase lulusan SMK yang bekerja, melanjutkan pendidikan atau berwirausaha",
     "Lulusan SMK satu tahun terakhir yang telah bekerja, melanjutkan ke perguruan tinggi atau "
     "berwirausaha berdasarkan penelusuran lulusan",
     "Mengukur relevansi pendidikan kejuruan dengan kebutuhan dunia kerja",
     "Jumlah lulusan SMK yang bekerja, melanjutkan atau berwirausaha / Jumlah lulusan SMK x 100%",
     "Non Kumulatif", "%", "Bidang Pembinaan SMK", "Tracer study lulusan SMK"),
    ("5", "Meningkatnya pelestarian dan pemajuan kebudayaan daerah",
     "Persentase cagar budaya yang dilestarikan",
     "Cagar budaya peringkat provinsi yang mendapat pemeliharaan, pemugaran atau pengamanan "
     "dalam tahun berjalan", "",
     "Jumlah cagar budaya yang dilestarikan / Jumlah cagar budaya peringkat provinsi x 100%",
     "Non Kumulatif", "%", "Bidang Kebudayaan", "Data cagar budaya Bidang Kebudayaan"),
    ("6", MERGED,
     "Jumlah karya budaya NTB yang ditetapkan sebagai Warisan Budaya Takbenda Indonesia",
     "Karya budaya Sasak, Samawa dan Mbojo yang ditetapkan sebagai Warisan Budaya Takbenda "
     "Indonesia oleh kementerian", "",
     "Jumlah karya budaya yang ditetapkan sebagai WBTb Indonesia", "Kumulatif",
     "karya budaya", MERGED, "Sertifikat penetapan WBTb"),
    ("7", "Meningkatnya akuntabilitas kinerja Dinas",
     "Nilai SAKIP Dinas Pendidikan dan Kebudayaan",
     "Nilai hasil evaluasi implementasi SAKIP oleh Inspektorat Provinsi", "",
     "Nilai hasil evaluasi SAKIP", "Non Kumulatif", "nilai", "Sekretariat",
     "LHE SAKIP Inspektorat Provinsi NTB"),
])

NTB_ROWS_B = _rows(_NTB_KEYS, [
    ("1", "Meningkatnya kualitas perencanaan, penganggaran dan pelaporan kinerja",
     "Persentase dokumen perencanaan dan pelaporan kinerja yang tersusun tepat waktu",
     "Dokumen Renstra, Renja, Perjanjian Kinerja dan LKjIP yang ditetapkan sesuai jadwal", "",
     "Jumlah dokumen yang tersusun tepat waktu / Jumlah dokumen yang wajib disusun x 100%",
     "Non Kumulatif", "%", "Sekretaris", "Subbagian Program, Data dan Informasi"),
    ("2", "Meningkatnya mutu layanan SMA",
     "Persentase SMA yang memenuhi Standar Nasional Pendidikan",
     "SMA negeri dan swasta yang memenuhi delapan Standar Nasional Pendidikan berdasarkan "
     "Rapor Pendidikan", "",
     "Jumlah SMA yang memenuhi SNP / Jumlah SMA x 100%", "Non Kumulatif", "%",
     "Kepala Bidang Pembinaan SMA", "Rapor Pendidikan"),
    ("3", MERGED, "Rata-rata nilai literasi Asesmen Nasional jenjang SMA",
     "Rata-rata skor kemampuan literasi membaca peserta didik SMA hasil Asesmen Nasional",
     "Literasi merupakan kompetensi dasar yang menentukan mutu hasil belajar",
     "Jumlah skor literasi seluruh SMA / Jumlah SMA peserta Asesmen Nasional",
     "Non Kumulatif", "nilai", MERGED, MERGED),
    ("4", "Meningkatnya relevansi pendidikan SMK dengan kebutuhan dunia kerja",
     "Persentase SMK yang menjalin kerja sama dengan dunia usaha dan dunia industri (DUDI)",
     "SMK yang memiliki naskah kerja sama aktif dengan DUDI dalam penyelarasan kurikulum, "
     "praktik kerja lapangan dan penyerapan lulusan", "",
     "Jumlah SMK yang bekerja sama dengan DUDI / Jumlah SMK x 100%", "Non Kumulatif", "%",
     "Kepala Bidang Pembinaan SMK", "Data kemitraan SMK"),
    ("5", "Meningkatnya layanan pendidikan khusus",
     "Persentase anak berkebutuhan khusus usia sekolah yang terlayani pada SLB",
     "Anak berkebutuhan khusus usia 7-18 tahun yang terdaftar sebagai peserta didik SLB", "",
     "Jumlah peserta didik SLB / Jumlah anak berkebutuhan khusus usia 7-18 tahun x 100%",
     "Non Kumulatif", "%", "Kepala Bidang Pembinaan Pendidikan Khusus", "Dapodik"),
    ("6", "Meningkatnya kualitas pendidik dan tenaga kependidikan",
     "Persentase guru SMA/SMK/SLB berkualifikasi minimal S1/D-IV",
     "Guru yang memiliki ijazah sarjana atau diploma empat", "",
     "Jumlah guru berkualifikasi S1/D-IV / Jumlah guru x 100%", "Non Kumulatif", "%",
     "Kepala Bidang Ketenagaan", MERGED),
    ("7", MERGED, "Persentase guru yang memiliki sertifikat pendidik",
     "Guru SMA/SMK/SLB yang telah lulus pendidikan profesi guru dan memiliki sertifikat "
     "pendidik", "",
     "Jumlah guru bersertifikat pendidik / Jumlah guru x 100%", "Kumulatif", "%", MERGED,
     MERGED),
    ("8", "Meningkatnya pembinaan kesenian dan tradisi daerah",
     "Jumlah kelompok seni budaya yang dibina",
     "Sanggar dan kelompok seni tradisi yang mendapat pembinaan, fasilitasi pentas atau "
     "bantuan sarana", "",
     "Jumlah kelompok seni budaya yang dibina dalam satu tahun", "Kumulatif", "kelompok",
     "Kepala Bidang Kebudayaan", "Data pembinaan Bidang Kebudayaan"),
])

NTB_SIGN = ["KEPALA DINAS PENDIDIKAN DAN KEBUDAYAAN", "PROVINSI NUSA TENGGARA BARAT,",
            "Drs. H. AHMAD ZAINUDDIN, M.Pd.", "Pembina Utama Madya",
            "NIP : 19681212 199303 1 011"]

NTB = {
    "name": "102_dikbud_ntb",
    "page": F4,
    "document": {
        "agency": "Dinas Pendidikan dan Kebudayaan Provinsi Nusa Tenggara Barat",
        "region": "Provinsi Nusa Tenggara Barat",
        "region_level": "provinsi",
        "province": "Nusa Tenggara Barat",
        "period_start": 2019,
        "period_end": 2023,
        "decree_number": "800/2145/DIKBUD/2020",
        "decree_date": "2020-03-02",
        "signatory_name": "Drs. H. AHMAD ZAINUDDIN, M.Pd.",
        "signatory_nip": "196812121993031011",
    },
    "cover": [
        "**INDIKATOR KINERJA UTAMA (IKU)**", "", "", "",
        "DINAS PENDIDIKAN DAN KEBUDAYAAN", "PROVINSI NUSA TENGGARA BARAT", "",
        "TAHUN 2019-2023",
    ],
    "decree": [
        "PEMERINTAH PROVINSI NUSA TENGGARA BARAT", "DINAS PENDIDIKAN DAN KEBUDAYAAN",
        "Jalan Pendidikan Nomor 19A, Mataram 83125, Telepon (0370) 632874",
        "KEPUTUSAN KEPALA DINAS PENDIDIKAN DAN KEBUDAYAAN",
        "PROVINSI NUSA TENGGARA BARAT",
        "NOMOR : 800/ 2145 /DIKBUD/2020",
        "TENTANG",
        "PENETAPAN INDIKATOR KINERJA UTAMA DINAS PENDIDIKAN DAN KEBUDAYAAN PROVINSI NUSA "
        "TENGGARA BARAT TAHUN 2019-2023",
        "KEPALA DINAS PENDIDIKAN DAN KEBUDAYAAN PROVINSI NUSA TENGGARA BARAT,",
        "Menimbang : a. bahwa untuk mengukur keberhasilan pelaksanaan Rencana Strategis Dinas "
        "Pendidikan dan Kebudayaan Tahun 2019-2023 diperlukan Indikator Kinerja Utama;",
        "b. bahwa Indikator Kinerja Utama sebagaimana dimaksud pada huruf a perlu disesuaikan "
        "dengan Rencana Pembangunan Jangka Menengah Daerah Provinsi Nusa Tenggara Barat Tahun "
        "2019-2023;",
        "c. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu "
        "menetapkan Keputusan Kepala Dinas tentang Penetapan Indikator Kinerja Utama;",
        "Mengingat : 1. Undang-Undang Nomor 64 Tahun 1958 tentang Pembentukan Daerah-daerah "
        "Tingkat I Bali, Nusa Tenggara Barat dan Nusa Tenggara Timur;",
        "2. Undang-Undang Nomor 20 Tahun 2003 tentang Sistem Pendidikan Nasional;",
        "3. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
        "4. Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
        "Pemerintah;",
        "5. Peraturan Daerah Provinsi Nusa Tenggara Barat tentang Rencana Pembangunan Jangka "
        "Menengah Daerah Tahun 2019-2023;",
        "MEMUTUSKAN:",
        "Menetapkan :",
        "KESATU : Indikator Kinerja Utama Dinas Pendidikan dan Kebudayaan Provinsi Nusa Tenggara "
        "Barat Tahun 2019-2023 sebagaimana tercantum dalam Lampiran Keputusan ini.",
        "KEDUA : Indikator Kinerja Utama sebagaimana dimaksud pada Diktum KESATU menjadi dasar "
        "penyusunan Perjanjian Kinerja dan Laporan Kinerja Instansi Pemerintah.",
        "KETIGA : Keputusan ini mulai berlaku pada tanggal ditetapkan.",
        "Ditetapkan di : Mataram",
        "Pada tanggal : 2 Maret 2020",
    ] + NTB_SIGN,
    "lampiran": [
        "LAMPIRAN : KEPUTUSAN KEPALA DINAS PENDIDIKAN DAN KEBUDAYAAN PROVINSI NTB",
        "NOMOR : 800/ 2145 /DIKBUD/2020",
        "TANGGAL : 2 Maret 2020",
    ],
    "tables": [
        {
            "group": "Kepala Dinas Pendidikan dan Kebudayaan",
            "before": ["A. INDIKATOR KINERJA UTAMA KEPALA DINAS",
                       "Jabatan : Kepala Dinas Pendidikan dan Kebudayaan",
                       "Tugas : membantu Gubernur melaksanakan urusan pemerintahan bidang "
                       "pendidikan dan bidang kebudayaan yang menjadi kewenangan daerah"],
            "columns": NTB_COLS,
            "rows": NTB_ROWS_A,
            "grid": True,
            "size": 7.8,
            "header_fill": colors.HexColor("#FFF2CC"),
            "new_page": True,
        },
        {
            "group": "Sekretaris dan Kepala Bidang",
            "before": ["B. INDIKATOR KINERJA SEKRETARIS DAN KEPALA BIDANG"],
            "columns": NTB_COLS,
            "rows": NTB_ROWS_B,
            "grid": True,
            "size": 7.8,
            "header_fill": colors.HexColor("#FFF2CC"),
            "new_page": True,
            "after": ["Mataram, 2 Maret 2020"] + NTB_SIGN,
        },
    ],
}

OWN_DOCS = [SLEMAN, PONTIANAK, NTB]


# --------------------------------------------------------------------------

def write_json(path: Path, gold: dict) -> None:
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def build(outdir: Path | str = OUT_DIR, verbose: bool = False) -> dict[str, dict]:
    """Write every sample PDF and its gold JSON into outdir; returns a summary."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    register_fonts()
    summary: dict[str, dict] = {}
    for stem in SEEDS:
        res = build_seed(stem, outdir)
        write_json(outdir / f"{stem}.json", res["gold"])
        summary[stem] = {"records": len(res["gold"]["indicators"]), "cut_rows": res["cuts"]}
    for spec in OWN_DOCS:
        res = build_own(copy.deepcopy(spec), outdir)
        write_json(outdir / f"{spec['name']}.json", res["gold"])
        summary[spec["name"]] = {"records": len(res["gold"]["indicators"]),
                                 "cut_rows": res["cuts"]}
    for name, info in summary.items():
        info["pages"] = page_count(outdir / f"{name}.pdf")
        info["bytes"] = (outdir / f"{name}.pdf").stat().st_size
        if verbose:
            print(f"{name}: {info['pages']} pages, {info['records']} indicators, "
                  f"{info['cut_rows']} cut rows, {info['bytes'] // 1024} KB")
    return summary


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else OUT_DIR, verbose=True)
