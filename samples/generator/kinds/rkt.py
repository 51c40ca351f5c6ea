"""RKT / Renja: a wide table of sasaran, indicators and the year's target beside the
programs that serve them (program columns under a two-level "Program" header: the
program cell is `program` of the rows it spans, the program's own indicator, unit,
target and budget go to extra - FORMAT.md "Several levels side by side")."""
from __future__ import annotations

from ..dates import draw_date
from ..front_matter import Signature, jabatan_lines, kop, signature_html
from ..html_text import esc
from ..random_source import Draw
from ..vocabulary import phrases
from .base import SINGLE_YEAR, Builder, Built, new_context


def build(draw: Draw) -> Built:
    ctx = new_context(draw, "rkt", SINGLE_YEAR)
    a = ctx.agency
    b = Builder(ctx)
    year = ctx.start
    name = draw.choose("rkt_title", ["RENCANA KINERJA TAHUNAN (RKT)", "RENCANA KINERJA TAHUNAN", "RENCANA KERJA (RENJA)"])
    if draw.flag("kop", 0.5):
        b.add(kop(a))
    b.add(f'<div class="title">{esc(name)}<br>{esc(a.name.upper())}<br>TAHUN {year}</div>')
    for p in phrases()["rkt_paragraphs"][: draw.integer(1, 2)]:
        b.add(f"<p>{esc(p)}</p>")
    blocks = ctx.sasaran(draw.integer(2, 4), (1, 3), years=[year])
    title = draw.pick([[], [f"Tabel {draw.integer(1, 3)}. Rencana Kinerja Tahun {year}"]])
    plan, _ = b.plan(blocks, "rkt", title, group=None if title else " ".join([name, a.name.upper(), f"TAHUN {year}"]),
                     years=[year])
    landscape = b.landscape_for(plan, True if draw.chance(0.8) else ctx.doc.table_landscape)
    b.add(f'<div class="{"landscape" if landscape else ""}">{b.emit(plan)}')
    document = {**a.gold(), "period_start": year, "period_end": year, "decree_number": None,
                "decree_date": None, "signatory_name": None, "signatory_nip": None}
    if draw.flag("signature", 0.7):
        date = draw_date(draw, year - 1 if draw.chance(0.5) else year, (1, 12))
        head = ctx.head_person(year)
        jab, _ = jabatan_lines(draw, a, draw.choices)
        b.add(signature_html(Signature(jab, head, place_date=f"{a.place}, {date.printed}")))
        document.update(decree_date=date.gold, signatory_name=head.name, signatory_nip=head.nip)
    b.add("</div>")
    return Built("rkt", f"{name} {a.name}", "".join(b.css), "".join(b.body), document, b.records, b.tables, b.decoys)
