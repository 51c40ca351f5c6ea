"""SK Penetapan IKU: optional cover, letterhead, the decree (Menimbang, Mengingat,
MEMUTUSKAN, "Ditetapkan di … pada tanggal …", signature with name and NIP), then
the lampiran with one or two indicator tables."""
from __future__ import annotations

from ..dates import draw_date
from ..decree_numbers import draw_number
from ..front_matter import Signature, cover, decree_body, jabatan_lines, kop, lampiran_heading, signature_html
from ..random_source import Draw
from ..themes_util import bidang_of
from .base import MULTI_YEAR, SINGLE_YEAR, Builder, Built, new_context


def build(draw: Draw) -> Built:
    multi_year = draw.flag("multi_year_period", 0.6)
    ctx = new_context(draw, "sk", MULTI_YEAR if multi_year else SINGLE_YEAR)
    a = ctx.agency
    b = Builder(ctx)
    sign_year = ctx.start if draw.chance(0.7) else ctx.start - 1
    date = draw_date(draw, sign_year, (1, 12), dayless=0.08)
    draw.note("decree_date_form", "month_only" if date.day is None else "day")
    number_printed, number_gold, form = draw_number(draw, a.klas, a.code, sign_year, date.month, a.fill)
    draw.note("decree_number_form", form)
    head = ctx.head_person(sign_year)
    jab, _ = jabatan_lines(draw, a, draw.choices)
    place_style = draw.choose("place_style", ["colon", "lines", "inline"])
    sig = Signature(jab, head)
    head_upper = a.head_full.upper()

    if draw.flag("cover", 0.4):
        name_lines = [a.unit.upper(), a.region.printed.upper()] if a.region and not a.central else [a.name.upper()]
        b.add(cover(["INDIKATOR KINERJA UTAMA (IKU)"] + name_lines + [f"TAHUN {ctx.period_text}"]))
    b.add(kop(a))
    b.add(decree_body(draw, a, ctx.period_text, number_printed, head_upper, sig, a.place, date, place_style))

    lampiran = []
    if draw.flag("lampiran_heading", 0.6):
        lampiran.append(lampiran_heading(head_upper, number_printed if number_gold else None, date))
    two_tables = draw.flag("two_tables", 0.25)
    title_form = draw.choose("title_form", ["three_lines", "one_line", "mixed"])
    agency_upper = a.name.upper()
    if title_form == "three_lines":
        title = ["INDIKATOR KINERJA UTAMA (IKU)", agency_upper, f"TAHUN {ctx.period_text}"]
    elif title_form == "one_line":
        title = [f"INDIKATOR KINERJA UTAMA {agency_upper} TAHUN {ctx.period_text}"]
    else:
        title = ["Indikator Kinerja Utama", a.name, f"Periode {ctx.period_text}"]
    blocks = ctx.sasaran(draw.integer(2, 5), (1, 4))
    plans = []
    if two_tables:
        units = bidang_of(a)
        second = draw.pick(units) if units else "Sekretariat"
        plans.append(b.plan(blocks, "iku", [f"A. INDIKATOR KINERJA UTAMA {a.head.upper()}"])[0])
        blocks2 = ctx.sasaran(draw.integer(1, 3), (1, 3), bidang=[second])
        if blocks2:
            plans.append(b.plan(blocks2, "iku", [f"B. INDIKATOR KINERJA {second.upper()}"])[0])
    else:
        plans.append(b.plan(blocks, "iku", title)[0])
    landscape = any([b.landscape_for(p, ctx.doc.table_landscape) for p in plans])
    if landscape:
        for p in plans:
            b.landscape_for(p, True)
    lampiran.insert(0, f'<div class="pagebreak{" landscape" if landscape else ""}">')
    lampiran.extend(b.emit(p) for p in plans)
    if draw.flag("signature_after_table", 0.4):
        lampiran.append(signature_html(sig))
    lampiran.append("</div>")
    b.add("".join(lampiran))

    document = {**a.gold(), "period_start": ctx.start, "period_end": ctx.end, "decree_number": number_gold,
                "decree_date": date.gold, "signatory_name": head.name, "signatory_nip": head.nip}
    return Built("sk", f"Keputusan IKU {a.name}", "".join(b.css), "".join(b.body), document, b.records,
                 b.tables, b.decoys)
