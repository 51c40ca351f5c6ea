"""The text around the tables: letterhead, cover, the decree (Menimbang, Mengingat,
MEMUTUSKAN, "Ditetapkan di … pada tanggal …"), signature blocks, the PK statement,
the lampiran heading and a cascading unit's "Nama Unit / Tugas / Fungsi"."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .agencies import Agency
from .dates import Date
from .html_text import esc
from .people import Person
from .random_source import Draw
from .vocabulary import phrases


def kop(agency: Agency) -> str:
    lines = agency.kop
    out = [f'<div class="l1">{esc(lines[0])}</div>'] + [f'<div class="l2">{esc(x)}</div>' for x in lines[1:]]
    out.append(f'<div class="addr">{esc(agency.address)}</div>')
    return '<div class="kop">' + "".join(out) + "</div>"


def cover(title_lines: list[str]) -> str:
    return ('<div class="cover">' + "<br>".join(esc(t) for t in title_lines[:1]) + '<div class="logo"></div>'
            + "<br>".join(esc(t) for t in title_lines[1:]) + '</div>')


def form_rows(rows: list[tuple[str, str, str]]) -> str:
    """A label / ":" / text table (Menimbang, Mengingat, Nama Unit …)."""
    body = "".join(f"<tr><td style=\"width:18%\">{esc(a)}</td><td style=\"width:2%\">{esc(b)}</td>"
                   f"<td>{c}</td></tr>" for a, b, c in rows)
    return f'<table class="form">{body}</table>'


def enumerate_items(items: list[str], style: str) -> str:
    marks = {"letter": [f"{c}." for c in "abcdefghijklmnop"], "number": [f"{k}." for k in range(1, 30)]}[style]
    return "".join(f'<div style="display:flex"><div style="min-width:1.6em">{m}</div><div>{esc(t)}</div></div>'
                   for m, t in zip(marks, items))


@dataclass
class Signature:
    """A signature block: the jabatan lines, the person, and the place/date line if any."""
    jabatan: list[str]
    person: Person
    place_date: Optional[str] = None
    rank: bool = True


def signature_html(sig: Signature, centered: bool = True) -> str:
    parts = []
    if sig.place_date:
        parts.append(esc(sig.place_date))
    parts += [esc(j) for j in sig.jabatan]
    inner = "<br>".join(parts)
    inner += '<div class="space"></div>'
    inner += f'<div class="name">{esc(sig.person.name)}</div>'
    if sig.rank and sig.person.rank:
        inner += f"<div>{esc(sig.person.rank)}</div>"
    if sig.person.nip_printed:
        inner += f"<div>{esc(sig.person.nip_printed)}</div>"
    return f'<div class="sign{" centered" if centered else ""}">{inner}</div>'


def jabatan_lines(draw: Draw, agency: Agency, record: dict) -> tuple[list[str], str]:
    """How the head's title is printed above the signature, and the recorded style."""
    style = draw.choose("signature_title", {"full": 5, "short": 2, "plt": 1, "an": 1}, record)
    full = agency.head_full.upper()
    if style == "full":
        words = full.split()
        cut = max(2, len(words) // 2)
        return [" ".join(words[:cut]), " ".join(words[cut:]) + ","], style
    if style == "short":
        return [agency.head.split()[0].upper() + ","], style
    if style == "plt":
        return [f"Plt. {full},"], style
    return [f"a.n. {full}", draw.pick(["Sekretaris,", "SEKRETARIS,", "Wakil Direktur,", "Kepala Bagian Umum,"])], style


def decree_body(draw: Draw, agency: Agency, period_text: str, number_printed: str, head_upper: str,
                signature: Signature, place: str, date: Date, place_style: str) -> str:
    ph = phrases()
    ctx = {"agency": agency.name, "head": agency.head_full, "period": period_text}
    out = [f'<div class="title">KEPUTUSAN {esc(head_upper)}<br>NOMOR : {esc(number_printed)}</div>',
           '<div class="title">TENTANG<br>PENETAPAN INDIKATOR KINERJA UTAMA<br>'
           f'{esc(agency.name.upper())}<br>TAHUN {esc(period_text)}</div>',
           f'<div class="title">{esc(head_upper)},</div>']
    menimbang = [m.format(**ctx) for m in draw.sample(ph["menimbang"], draw.integer(2, 3))]
    mengingat = draw.sample(ph["mengingat"], draw.integer(3, 6))
    if agency.region is not None and not agency.central:
        y = draw.integer(2016, 2024)
        for m in ph["mengingat_regional"]:
            mengingat.append(m.format(region=agency.region.printed, n=draw.integer(1, 15), y=y,
                                      rpjmd=f"{y}-{y + 5}"))
    out.append(form_rows([("Menimbang", ":", enumerate_items(menimbang, "letter")),
                          ("Mengingat", ":", enumerate_items(mengingat, "number"))]))
    out.append('<div class="title">MEMUTUSKAN :</div>')
    labels = draw.pick(ph["diktum_labels"])
    diktum = [d.format(**ctx) for d in ph["diktum"]]
    rows = [("Menetapkan", ":", "")] + [(labels[k], ":", esc(d)) for k, d in enumerate(diktum[:4])]
    out.append(form_rows(rows))
    if place_style == "colon":
        where = f"Ditetapkan di : {place}<br>pada tanggal : {date.printed}"
    elif place_style == "lines":
        where = f"Ditetapkan di {place}<br>pada tanggal {date.printed}"
    else:
        where = f"Ditetapkan di {place} pada tanggal {date.printed}"
    sig = signature_html(signature)
    out.append(sig.replace('<div class="sign centered">', f'<div class="sign centered">{esc_keep(where)}<br>', 1))
    return "".join(out)


def esc_keep(text_with_br: str) -> str:
    return "<br>".join(esc(t) for t in text_with_br.split("<br>"))


def lampiran_heading(head_upper: str, number_printed: Optional[str], date: Optional[Date]) -> str:
    rows = [("LAMPIRAN", ":", f"KEPUTUSAN {esc(head_upper)}")]
    if number_printed:
        rows.append(("NOMOR", ":", esc(number_printed)))
    if date:
        rows.append(("TANGGAL", ":", esc(date.printed)))
    body = "".join(f"<tr><td>{esc(a)}</td><td>{esc(b)}</td><td>{c}</td></tr>" for a, b, c in rows)
    return f'<table class="form" style="width:55%;margin-left:45%;font-size:0.85em">{body}</table>'


def unit_block(label: str, unit: str, tugas: str, fungsi: list[str], letter_list: bool) -> str:
    rows = [(label, ":", esc(unit)), ("Tugas", ":", esc(tugas)),
            ("Fungsi", ":", enumerate_items(fungsi, "letter" if letter_list else "number"))]
    return f'<div class="unitblock">{form_rows(rows)}</div>'
