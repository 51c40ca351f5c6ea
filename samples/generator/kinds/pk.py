"""Perjanjian Kinerja: the PK statement between two parties, their signatures (the
first party is the signatory - FORMAT.md "Signatures"), the lampiran table
No / Sasaran Strategis / Indikator Kinerja / Satuan / Target, and often a
Program / Anggaran table that is not an indicator table."""
from __future__ import annotations

from ..dates import draw_date
from ..front_matter import form_rows, kop
from ..html_text import esc
from ..people import civil_servant, elected_head
from ..random_source import Draw
from ..vocabulary import phrases
from .base import SINGLE_YEAR, Builder, Built, new_context


def _signature_pair(first_jab: list[str], first, second_jab: list[str], second, date_line: str,
                    second_left: bool, date_over: str) -> str:
    def block(jab, person, date):
        inner = (esc(date) + "<br>" if date else "") + "<br>".join(esc(j) for j in jab)
        inner += '<div class="space"></div>' + f'<div class="name">{esc(person.name)}</div>'
        if person.rank:
            inner += f"<div>{esc(person.rank)}</div>"
        if person.nip_printed:
            inner += f"<div>{esc(person.nip_printed)}</div>"
        return f"<div>{inner}</div>"
    above = f'<div class="right" style="margin-top:1em">{esc(date_line)}</div>' if date_over == "above" else ""
    first_block = block(first_jab, first, date_line if date_over == "first" else None)
    second_block = block(second_jab, second, "\u00a0" if date_over == "first" else None)
    pair = (second_block + first_block) if second_left else (first_block + second_block)
    return above + f'<div class="signs">{pair}</div>'


def build(draw: Draw) -> Built:
    ctx = new_context(draw, "pk", SINGLE_YEAR)
    a = ctx.agency
    b = Builder(ctx)
    year = ctx.start
    date = draw_date(draw, year, (1, 3) if draw.chance(0.8) else (6, 11))
    perubahan = draw.flag("pk_perubahan", 0.2)
    first = ctx.head_person(year)
    if a.superior_elected:
        second = elected_head(draw, ctx.upper_names)
    else:
        second = civil_servant(draw, year, ctx.upper_names, ctx.nip_style, draw.chance(0.5))
    draw.note("second_party_nip", second.nip is not None)
    second_left = draw.flag("second_party_left", 0.7)
    date_over = draw.choose("pk_date_position", ["first", "above"])
    date_line = f"{a.place}, {date.printed}"
    title = f"PERJANJIAN KINERJA {'PERUBAHAN ' if perubahan else ''}TAHUN {year}"
    first_jab = ["PIHAK PERTAMA,", a.head_full.upper()]
    second_jab = ["PIHAK KEDUA,", a.superior.upper()]

    if draw.flag("kop", 0.7):
        b.add(kop(a))
    b.add(f'<div class="title">{esc(title)}<br>{esc(a.name.upper())}</div>')
    ph = phrases()
    b.add(f"<p>{esc(draw.pick(ph['pk_opening']))}</p>")
    b.add(form_rows([("Nama", ":", esc(first.name)), ("Jabatan", ":", esc(a.head_full))]))
    b.add("<p>selanjutnya disebut pihak pertama</p>")
    b.add(form_rows([("Nama", ":", esc(second.name)), ("Jabatan", ":", esc(a.superior))]))
    b.add("<p>selaku atasan pihak pertama, selanjutnya disebut pihak kedua</p>")
    for p in ph["pk_promise"]:
        b.add(f"<p>{esc(p)}</p>")
    b.add(_signature_pair(first_jab, first, second_jab, second, date_line, second_left, date_over))

    table_title = [title, a.name.upper()]
    blocks = ctx.sasaran(draw.integer(2, 5), (1, 3), years=[year])
    plan, _ = b.plan(blocks, "pk", table_title, years=[year])
    landscape = b.landscape_for(plan, ctx.doc.table_landscape and draw.chance(0.5))
    lamp = [f'<div class="pagebreak{" landscape" if landscape else ""}">', b.emit(plan)]
    if draw.flag("program_budget_table", 0.7):
        lamp.append(b.decoy("program_budget", blocks, []))
    if draw.flag("signatures_after_table", 0.7):
        lamp.append(_signature_pair(first_jab, first, second_jab, second, date_line, second_left, date_over))
    lamp.append("</div>")
    b.add("".join(lamp))

    document = {**a.gold(), "period_start": year, "period_end": year, "decree_number": None,
                "decree_date": date.gold, "signatory_name": first.name, "signatory_nip": first.nip}
    return Built("pk", f"Perjanjian Kinerja {a.name}", "".join(b.css), "".join(b.body), document, b.records,
                 b.tables, b.decoys)
