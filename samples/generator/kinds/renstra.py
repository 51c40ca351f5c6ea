"""A Renstra (or RPJMD) chapter: pages of prose, perhaps a table of past
realisation, then the indicator table with baseline and yearly targets (for a
Renstra often under a two-level header whose regional parent gives
sasaran_daerah / indikator_daerah), perhaps followed by the funding plan. No
decree and no signature."""
from __future__ import annotations

from ..html_text import esc
from ..random_source import Draw
from ..vocabulary import phrases
from .base import Builder, Built, new_context

FIVE_YEARS = [(2019, 2023), (2021, 2026), (2022, 2026), (2025, 2029), (2021, 2025), (2024, 2026)]


def _prose(draw: Draw, n: int) -> str:
    paras = phrases()["renstra_paragraphs"]
    return "".join(f"<p>{esc(draw.pick(paras))} {esc(draw.pick(paras))}</p>" for _ in range(n))


def build(draw: Draw, rpjmd: bool = False) -> Built:
    kind = "rpjmd" if rpjmd else "renstra"
    ctx = new_context(draw, kind, FIVE_YEARS)
    a = ctx.agency
    b = Builder(ctx)
    doc_name = "RENCANA PEMBANGUNAN JANGKA MENENGAH DAERAH" if rpjmd else "RENCANA STRATEGIS"
    heading = f"{esc(doc_name)}<br>{esc(a.name.upper())}<br>TAHUN {esc(ctx.period_text)}"
    if draw.flag("title_page", 0.5):
        b.add(f'<div class="cover">{heading}</div>')
    else:   # the period is printed on a title (FORMAT.md: "as printed on the cover or title")
        b.add(f'<div class="title">{heading}</div>')
    blocks = ctx.sasaran(draw.integer(2, 5), (1, 3))
    if draw.flag("realisation_table", 0.5):
        b.add('<div class="title">BAB II<br>GAMBARAN PELAYANAN</div>')
        b.add(_prose(draw, draw.integer(2, 4)))
        y = ctx.start - 1
        b.add(b.decoy("realisation", blocks,
                      [f"Tabel 2.{draw.integer(1, 5)}", f"Pencapaian Kinerja Pelayanan {a.name} Tahun {y}"], year=y))
    chapter = draw.pick([("BAB IV", "TUJUAN DAN SASARAN"), ("BAB V", "VISI, MISI, TUJUAN DAN SASARAN"),
                         ("BAB VIII", "KINERJA PENYELENGGARAAN BIDANG URUSAN")])
    b.add(f'<div class="title{" pagebreak" if draw.chance(0.5) else ""}">{esc(chapter[0])}<br>{esc(chapter[1])}</div>')
    b.add(f'<p class="bold">{chapter[0][4:]}.1 Tujuan dan Sasaran Jangka Menengah</p>')
    b.add(_prose(draw, draw.integer(3, 8)))
    num = f"Tabel {draw.integer(4, 8)}.{draw.integer(1, 4)}"
    caption = draw.pick([f"Tujuan, Sasaran dan Indikator Kinerja {a.name}",
                         f"Tujuan dan Sasaran Jangka Menengah Pelayanan {a.name}",
                         f"Indikator Kinerja Utama {a.name} yang Mengacu pada Tujuan dan Sasaran RPJMD"])
    plan, _ = b.plan(blocks, "renstra", [num, caption], allow_regional=not rpjmd and not a.central)
    landscape = b.landscape_for(plan, ctx.doc.table_landscape or draw.chance(0.5))
    b.add(f'<div class="{"landscape" if landscape else ""}">{b.emit(plan)}')
    if draw.flag("funding_plan_table", 0.45):
        b.add(f'<p class="bold">{chapter[0][4:]}.2 Rencana Program dan Pendanaan</p>')
        b.add(_prose(draw, 1))
        b.add(b.decoy("funding_plan", blocks, [f"Tabel {draw.integer(6, 8)}.1",
                                               "Rencana Program, Kegiatan dan Pendanaan"]))
    b.add("</div>")
    document = {**a.gold(), "period_start": ctx.start, "period_end": ctx.end, "decree_number": None,
                "decree_date": None, "signatory_name": None, "signatory_nip": None}
    return Built(kind, f"{doc_name} {a.name}", "".join(b.css), "".join(b.body), document, b.records,
                 b.tables, b.decoys)
