"""Cascading (per-unit) IKU: several units, each with its "Nama Unit / Tugas /
Fungsi" block and its own table; the records' group is the unit (FORMAT.md
"Sasaran as a section row": group is the unit for a cascading document). The
units' tables share one layout, as in one office's document. Optionally behind a
decree; otherwise perhaps signed at the end."""
from __future__ import annotations

import copy

from ..dates import draw_date
from ..decree_numbers import draw_number
from ..front_matter import Signature, decree_body, jabatan_lines, kop, signature_html, unit_block
from ..html_text import esc
from ..random_source import Draw
from ..themes_util import bidang_of, tugas_fungsi
from .base import MULTI_YEAR, SINGLE_YEAR, Builder, Built, new_context


def build(draw: Draw) -> Built:
    ctx = new_context(draw, "cascading", SINGLE_YEAR if draw.chance(0.5) else MULTI_YEAR)
    a = ctx.agency
    b = Builder(ctx)
    sign_year = ctx.start
    date = draw_date(draw, sign_year, (1, 4))
    head = ctx.head_person(sign_year)
    jab, _ = jabatan_lines(draw, a, draw.choices)
    sig = Signature(jab, head)
    document = {**a.gold(), "period_start": ctx.start, "period_end": ctx.end, "decree_number": None,
                "decree_date": None, "signatory_name": None, "signatory_nip": None}
    with_decree = draw.flag("decree", 0.4)
    if with_decree:
        number_printed, number_gold, form = draw_number(draw, a.klas, a.code, sign_year, date.month, a.fill)
        draw.note("decree_number_form", form)
        b.add(kop(a))
        b.add(decree_body(draw, a, ctx.period_text, number_printed, a.head_full.upper(), sig, a.place, date,
                          draw.choose("place_style", ["colon", "lines", "inline"])))
        document.update(decree_number=number_gold, decree_date=date.gold, signatory_name=head.name,
                        signatory_nip=head.nip)

    units = bidang_of(a) or ["Sekretariat", "Bidang Umum"]
    chosen = draw.sample(units, min(len(units), draw.integer(2, 4)))
    if draw.chance(0.4):
        chosen = ["Sekretariat"] + chosen[:3]
    label = draw.choose("unit_label", ["Nama Unit", "Unit Kerja", "Nama Unit Organisasi", "Jabatan"])
    tugas, fungsi = tugas_fungsi(a)
    # one layout for every unit: plan once over all blocks, then print one table per unit
    per_unit = [ctx.sasaran(draw.integer(1, 2), (1, 3), bidang=[u]) for u in chosen]
    all_blocks = [s for blocks in per_unit for s in blocks]
    if not all_blocks:
        all_blocks = ctx.sasaran(2, (1, 2))
        per_unit = [all_blocks]
        chosen = chosen[:1]
    plan, _ = b.plan(all_blocks, "iku", [], group="(unit)")
    landscape = b.landscape_for(plan, ctx.doc.table_landscape)
    b.add(f'<div class="{"landscape" if landscape else ""}{" pagebreak" if with_decree else ""}">')
    b.add(f'<div class="title">INDIKATOR KINERJA UTAMA (IKU) CASCADING<br>{esc(a.name.upper())}<br>'
          f'TAHUN {esc(ctx.period_text)}</div>')
    start = 0
    letters = draw.chance(0.5)
    for unit_name, blocks in zip(chosen, per_unit):
        if not blocks:
            continue
        shown = f"Kepala {unit_name}" if label == "Jabatan" and not unit_name.startswith("Kepala") else unit_name
        sub = copy.copy(plan)
        sub.blocks = plan.blocks[start:start + len(blocks)]
        sub.units = plan.units[start:start + len(blocks)]
        sub.group = shown
        sub.cls = plan.cls
        start += len(blocks)
        b.add(f'<div style="margin-top:1.2em">{unit_block(label, shown, tugas, fungsi, letters)}</div>')
        b.add(b.emit(sub))
    if not with_decree and draw.flag("signature", 0.6):
        b.add(signature_html(Signature(jab, head, place_date=f"{a.place}, {date.printed}")))
        document.update(decree_date=date.gold, signatory_name=head.name, signatory_nip=head.nip)
    b.add("</div>")
    return Built("cascading", f"IKU Cascading {a.name}", "".join(b.css), "".join(b.body), document, b.records,
                 b.tables, b.decoys)
