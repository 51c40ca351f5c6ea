"""Tables that are not indicator tables (FORMAT.md "Which tables are indicator
tables"): programs and budget, realisation against target, programme funding
plans. They give no gold records."""
from __future__ import annotations

from .content import Sasaran
from .html_text import esc
from .random_source import Draw
from .styles import TableStyle, table_css
from .targets import realisation


def _table(cls: str, style: TableStyle, head: list[str], rows: list[list[str]], title: list[str]) -> tuple[str, str]:
    th = "<tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    section = f"<thead>{th}</thead><tbody>{body}</tbody>" if style.repeat_header else f"<tbody>{th}{body}</tbody>"
    caption = ('<div class="caption">' + "<br>".join(esc(t) for t in title) + "</div>") if title else ""
    return table_css(cls, style), f'{caption}<table class="{cls}">{section}</table>'


def _rupiah(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def program_budget(draw: Draw, cls: str, style: TableStyle, blocks: list[Sasaran], title: list[str],
                   central: bool = False) -> tuple[str, str]:
    """No / Program / Anggaran / Keterangan with a total (the table under a PK's indicators)."""
    programs = []
    for sas in blocks:
        if sas.program and sas.program not in programs:
            programs.append(sas.program)
    support = "Program Dukungan Manajemen" if central else "Program Penunjang Urusan Pemerintahan Daerah"
    if support not in programs:
        programs.append(support)
    amounts = [draw.integer(120, 9000) * 1_000_000 + draw.integer(0, 999) * 1000 for _ in programs]
    head = draw.pick([["No", "Program", "Anggaran", "Keterangan"], ["No.", "Program", "Anggaran (Rp)", "Ket."],
                      ["No", "Program/Kegiatan", "Pagu Anggaran (Rp)", "Sumber Dana"]])
    note = "APBD" if "Sumber" in head[-1] else ""
    rows = [[str(k + 1), p, ("Rp " if draw.chance(0.5) else "") + _rupiah(a), note] for k, (p, a) in
            enumerate(zip(programs, amounts))]
    rows.append(["", "Jumlah", _rupiah(sum(amounts)), ""])
    return _table(cls, style, head, rows, title)


def realisation_table(draw: Draw, cls: str, style: TableStyle, blocks: list[Sasaran], year: int,
                      title: list[str]) -> tuple[str, str]:
    """Sasaran / Indikator / Target / Realisasi / Capaian (a report of results)."""
    head = draw.pick([["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"],
                      ["No", "Indikator Kinerja", "Satuan", "Target", "Realisasi", "% Capaian"],
                      ["No", "Sasaran", "Indikator", f"Target {year}", f"Realisasi {year}", "Capaian"]])
    rows = []
    n = 0
    for sas in blocks:
        for ind in sas.indicators:
            n += 1
            t = next(iter(ind.targets.values())) if ind.targets else ind.baseline
            real, cap = realisation(draw, t)
            if head[2] == "Satuan":
                rows.append([str(n), ind.text, ind.satuan, t, real, cap])
            else:
                rows.append([str(n), sas.text, ind.text, t, real, cap])
    return _table(cls, style, head, rows, title)


def funding_plan(draw: Draw, cls: str, style: TableStyle, blocks: list[Sasaran], years: list[int],
                 title: list[str]) -> tuple[str, str]:
    """Rencana Program, Kegiatan dan Pendanaan: programs with outcome indicators and budgets."""
    yrs = years[:3]
    head = ["Kode", "Program/Kegiatan", "Indikator Kinerja Program (Outcome)"] + \
           [f"Target {y}" for y in yrs] + ["Pagu Indikatif (Rp)"]
    rows = []
    seen = []
    for b, sas in enumerate(blocks):
        if not sas.program or sas.program in seen:
            continue
        seen.append(sas.program)
        code = f"{draw.integer(1, 7)}.{draw.integer(1, 30):02d}.{draw.integer(1, 20):02d}"
        rows.append([code, sas.program, f"Persentase capaian {sas.program.replace('Program ', '', 1).lower()}"] +
                    [draw.pick(["80", "85", "90", "95", "100"]) for _ in yrs] +
                    [_rupiah(draw.integer(200, 9000) * 1_000_000)])
    return _table(cls, style, head, rows, title)
