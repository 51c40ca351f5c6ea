"""A slide deck (16:9 landscape pages): a title slide with a big decorative title,
then slides with the indicator table on half of the slide and a decorative panel
beside it; perhaps a slide of last year's results (not an indicator table). Each
slide's table is its own table, so a sasaran is never split between slides; the
records' group is the slides' title."""
from __future__ import annotations

import copy

from ..html_text import esc
from ..random_source import Draw
from ..tables import fit_font
from ..vocabulary import phrases
from .base import MULTI_YEAR, SINGLE_YEAR, Builder, Built, new_context

COLORS = [("#1f4e79", "#dde8f3"), ("#7b2c2c", "#f6e3e3"), ("#2e6b30", "#e3f1e3"), ("#5b3a87", "#ece4f5"),
          ("#8a5a00", "#f8eed8")]

SLIDE_CSS = """
.slide {{ width: 338.67mm; height: 190mm; position: relative; overflow: hidden; break-after: page; }}
.slide .band {{ position: absolute; left: 0; top: 0; width: 100%; height: 24mm; background: {dark}; }}
.slide .band h2 {{ color: #fff; margin: 0; padding: 6mm 14mm; font-size: 20pt; letter-spacing: 0.5pt; }}
.slide .foot {{ position: absolute; left: 14mm; bottom: 5mm; font-size: 9pt; color: #555; }}
.slide .pgno {{ position: absolute; right: 10mm; bottom: 5mm; font-size: 9pt; color: #555; }}
.slide .half {{ position: absolute; top: 32mm; width: {tw}%; }}
.slide .side {{ position: absolute; top: 32mm; width: {sw}%; height: 130mm; background: {light}; border-radius: 6mm; }}
.slide .side .big {{ font-size: 34pt; font-weight: bold; color: {dark}; padding: 12mm 10mm 4mm 10mm; }}
.slide .side .txt {{ font-size: 14pt; padding: 0 10mm; color: #333; }}
.slide .circle {{ position: absolute; border-radius: 50%; background: {light}; }}
.titleslide {{ background: {dark}; }}
.titleslide .t1 {{ position: absolute; left: 20mm; top: 45mm; color: #fff; font-size: 40pt; font-weight: bold; width: 75%; }}
.titleslide .t2 {{ position: absolute; left: 20mm; top: 105mm; color: #fff; font-size: 20pt; width: 75%; }}
.titleslide .t3 {{ position: absolute; left: 20mm; top: 140mm; color: {light}; font-size: 14pt; font-style: italic; }}
"""


def build(draw: Draw) -> Built:
    ctx = new_context(draw, "slides", SINGLE_YEAR if draw.chance(0.5) else MULTI_YEAR, slides=True)
    a = ctx.agency
    b = Builder(ctx, slides=True)
    dark, light = draw.pick(COLORS)
    table_left = draw.flag("table_left", 0.6)
    tw = draw.pick([52, 56, 60])
    b.css.append(SLIDE_CSS.format(dark=dark, light=light, tw=tw, sw=94 - tw - 4))
    deck_title = draw.choose("slide_title", ["INDIKATOR KINERJA UTAMA", "IKU PERANGKAT DAERAH",
                                             f"INDIKATOR KINERJA UTAMA TAHUN {ctx.period_text}", "Sasaran dan Indikator Kinerja"])
    tagline = draw.pick(phrases()["slide_taglines"])
    b.add('<div class="slide titleslide">'
          f'<div class="circle" style="right:-30mm;top:-30mm;width:120mm;height:120mm;opacity:0.25"></div>'
          f'<div class="t1">INDIKATOR KINERJA UTAMA<br>TAHUN {esc(ctx.period_text)}</div>'
          f'<div class="t2">{esc(a.name.upper())}</div><div class="t3">{esc(tagline)}</div></div>')
    blocks = ctx.sasaran(draw.integer(2, 5), (1, 2))
    plan, _ = b.plan(blocks, "slides", [], group=deck_title)
    fit_font(plan, 338.67 * tw / 100 * 72 / 25.4)
    per_slide = draw.pick([1, 2])
    page = 2
    left = "left:14mm" if table_left else f"left:{100 - tw - 4}%"
    side = f"left:{tw + 8}%" if table_left else "left:14mm"
    for start in range(0, len(plan.blocks), per_slide):
        sub = copy.copy(plan)
        sub.blocks = plan.blocks[start:start + per_slide]
        sub.units = plan.units[start:start + per_slide]
        first = sub.blocks[0]
        html = b.emit(sub)
        big = next(iter(first.indicators[0].targets.values()), "") if first.indicators else ""
        b.add(f'<div class="slide"><div class="band"><h2>{esc(deck_title)}</h2></div>'
              f'<div class="half" style="{left}">{html}</div>'
              f'<div class="side" style="{side}"><div class="big">{esc(big)}</div>'
              f'<div class="txt">{esc(tagline)}</div></div>'
              f'<div class="foot">{esc(a.name)}</div><div class="pgno">{page}</div></div>')
        page += 1
    if draw.flag("realisation_slide", 0.35):
        y = ctx.start - 1
        html = b.decoy("realisation", blocks[:3], [], year=y)
        b.add(f'<div class="slide"><div class="band"><h2>CAPAIAN KINERJA TAHUN {y}</h2></div>'
              f'<div class="half" style="left:14mm;width:80%">{html}</div>'
              f'<div class="foot">{esc(a.name)}</div><div class="pgno">{page}</div></div>')
        page += 1
    b.add('<div class="slide titleslide"><div class="t1" style="top:80mm">TERIMA KASIH</div></div>')
    document = {**a.gold(), "period_start": ctx.start, "period_end": ctx.end, "decree_number": None,
                "decree_date": None, "signatory_name": None, "signatory_nip": None}
    return Built("slides", f"Paparan IKU {a.name}", "".join(b.css), "".join(b.body), document, b.records,
                 b.tables, b.decoys)
