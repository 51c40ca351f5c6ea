"""What a document says: its sasaran and their indicators, with every field an
indicator can have (the logical records the tables are printed from and the gold
is written from)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from . import targets as target_values
from .agencies import Agency
from .random_source import Draw
from .vocabulary import headers, themes

FORMULA_STYLES = ("slash", "paren", "words", "upper_x", "stacked")


def lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():  # an acronym ("IPM ...") keeps its case
        return text
    return text[:1].lower() + text[1:]


@dataclass
class Formula:
    printed: str                # the formula as printed on one line (the gold's formulasi)
    numerator: Optional[str]    # for a stacked fraction: what is printed above the bar
    denominator: Optional[str]
    factor: str                 # what follows the fraction ("x 100%")


@dataclass
class Indicator:
    text: str
    satuan: str
    kind: str
    formula: Formula
    penjelasan: str
    alasan: str
    tipe: str
    penanggung_jawab: str
    sumber_data: str
    program: str
    keterangan: str
    baseline: str
    targets: dict[int, str]
    final: str
    extras: dict[str, str] = field(default_factory=dict)   # extra column kind → value

    def field_value(self, name: str) -> Optional[str]:
        return {
            "indikator": self.text, "satuan": self.satuan, "formulasi": self.formula.printed,
            "penjelasan": self.penjelasan, "alasan": self.alasan, "tipe_perhitungan": self.tipe,
            "penanggung_jawab": self.penanggung_jawab, "sumber_data": self.sumber_data,
            "program": self.program, "keterangan": self.keterangan,
        }.get(name)


@dataclass
class Sasaran:
    text: str
    indicators: list[Indicator]
    daerah: Optional[tuple[str, str]] = None   # (sasaran_daerah, indikator_daerah)
    program: Optional[str] = None              # RKT: the program serving this sasaran
    section: Optional[str] = None              # the group section row it sits under


@dataclass
class ContentStyle:
    """Per-document habits of the writer (recorded as choices)."""
    formula_style: str
    percent_word: bool       # satuan "%" printed "Persen"
    percent_sign: bool       # targets printed "76,50%"
    pj_prefix: bool          # penanggung jawab "Kepala Bidang X" rather than "Bidang X"
    long_cells: bool         # definitions of several sentences (rows that a page break cuts)


def draw_style(draw: Draw) -> ContentStyle:
    return ContentStyle(
        formula_style=draw.choose("formula_style", {"slash": 4, "paren": 3, "words": 1, "upper_x": 1, "stacked": 2}),
        percent_word=draw.flag("satuan_persen_word", 0.3),
        percent_sign=draw.flag("target_percent_sign", 0.25),
        pj_prefix=draw.chance(0.6),
        long_cells=draw.flag("long_cells", 0.25),
    )


def _formula(style: ContentStyle, entry: list, satuan: str) -> Formula:
    _, _, kind, a, b = entry
    if not b:
        return Formula(a, None, None, "")
    factor_num = "100%"
    if kind == "rate_down":
        factor_num = "100.000" if "100.000" in satuan else "1.000"
    s = style.formula_style
    if s == "paren":
        return Formula(f"({a} / {b}) x {factor_num}", None, None, "")
    if s == "words":
        return Formula(f"{a} dibagi {b} dikali {factor_num}", None, None, "")
    if s == "upper_x":
        return Formula(f"{a} / {b} X {factor_num.replace('%', ' %')}", None, None, "")
    if s == "stacked":
        return Formula(f"{a} / {b} x {factor_num}", a, b, f"x {factor_num}")
    return Formula(f"{a} / {b} x {factor_num}", None, None, "")


LONG_TAILS = [
    "Data dihimpun dari laporan unit kerja setiap triwulan, diverifikasi oleh sub bagian perencanaan dan "
    "dikonsolidasikan pada akhir tahun anggaran sebelum dilaporkan dalam laporan kinerja.",
    "Pengukuran dilakukan terhadap seluruh objek yang menjadi kewenangan daerah, tidak termasuk objek yang "
    "pengelolaannya menjadi kewenangan pemerintah pusat atau pemerintah desa.",
    "Apabila data tahun berjalan belum tersedia pada saat pelaporan, digunakan data sementara yang kemudian "
    "dimutakhirkan setelah data final diterbitkan oleh instansi yang berwenang.",
]


def _penjelasan(draw: Draw, entry: list, long: bool = False) -> str:
    text = _penjelasan_short(draw, entry)
    if long:
        text += " " + " ".join(draw.sample(LONG_TAILS, draw.integer(1, 2)))
    return text


def _penjelasan_short(draw: Draw, entry: list) -> str:
    text, _, kind, a, b = entry
    if b:
        return draw.pick([
            f"Perbandingan antara {lower_first(a)} dengan {lower_first(b)} pada tahun berjalan.",
            f"{text} adalah proporsi {lower_first(a)} terhadap {lower_first(b)} dalam satu tahun anggaran.",
            f"Mengukur seberapa besar {lower_first(a)} dibandingkan dengan {lower_first(b)}.",
        ])
    return draw.pick([
        f"{text} diperoleh dari {lower_first(a)}.",
        f"Capaian {lower_first(text)} yang ditetapkan berdasarkan {lower_first(a)}.",
        f"Ukuran yang menunjukkan {lower_first(text)} sebagai hasil dari {lower_first(a)}.",
    ])


def _alasan(draw: Draw, text: str, sasaran: str) -> str:
    return draw.pick([
        f"Menggambarkan keberhasilan pencapaian sasaran {lower_first(sasaran)}.",
        f"Indikator ini dipilih karena secara langsung mengukur {lower_first(text)}.",
        f"Menjadi ukuran utama keberhasilan dalam mewujudkan sasaran {lower_first(sasaran)}.",
        f"Mengukur kontribusi perangkat daerah terhadap sasaran {lower_first(sasaran)}.",
    ])


def _office_words(agency: Agency, text: str) -> str:
    """An office of the central government is a satuan kerja, not a perangkat daerah."""
    if agency.central:
        return text.replace("Program Penunjang Urusan Pemerintahan Daerah", "Program Dukungan Manajemen") \
            .replace("perangkat daerah", "satuan kerja").replace("Perangkat Daerah", "Satuan Kerja")
    return text


def _satuan(style: ContentStyle, satuan: str) -> str:
    return "Persen" if satuan == "%" and style.percent_word else satuan


def theme_pool(agency: Agency) -> list[str]:
    return [t for t in agency.themes if t in themes()] + ["tata_kelola"]


def draw_indicator(draw: Draw, style: ContentStyle, agency: Agency, theme: str, entry: list, sasaran: str,
                   years: list[int], bidang: list[str]) -> Indicator:
    data = themes()[theme]
    entry = [_office_words(agency, x) if isinstance(x, str) else x for x in entry]
    text, satuan, kind, _, _ = entry
    baseline, tvals, final = target_values.series(draw, kind, years, style.percent_sign)
    unit = draw.pick(bidang)
    pj = f"Kepala {unit}" if style.pj_prefix and not unit.startswith(("Kepala", "Inspektur", "Sekretariat")) else unit
    tipe = "Kumulatif" if kind in ("count_up",) else draw.pick(["Non Kumulatif", "Non Kumulatif", "Non-Kumulatif", "Kumulatif"])
    extras_spec = headers()["extra_columns"]
    return Indicator(
        text=text, satuan=_satuan(style, satuan), kind=kind, formula=_formula(style, entry, satuan),
        penjelasan=_penjelasan(draw, entry, style.long_cells and draw.chance(0.6)),
        alasan=_alasan(draw, text, sasaran), tipe=tipe,
        penanggung_jawab=pj, sumber_data=draw.pick(data.get("sumber") or themes()["tata_kelola"]["sumber"]),
        program=draw.pick(data.get("program") or themes()["tata_kelola"]["program"]),
        keterangan=draw.pick(["Indikator RPJMD", "Indikator SPM", "Indikator Renstra", "IKU Perangkat Daerah",
                              "Indikator baru", "Data tahun sebelumnya", "Indikator kinerja daerah"]),
        baseline=baseline, targets=tvals, final=final,
        extras={k: draw.pick(v["values"]) for k, v in extras_spec.items()},
    )


def draw_sasaran_list(draw: Draw, style: ContentStyle, agency: Agency, n_sasaran: int, per: tuple[int, int],
                      years: list[int], used: set[str], bidang: Optional[list[str]] = None,
                      governance_last: Optional[bool] = None) -> list[Sasaran]:
    """n sasaran, each with per[0]..per[1] indicators no earlier call used (texts are unique in a document)."""
    pool_names = theme_pool(agency)
    main = [t for t in pool_names if t != "tata_kelola"] or ["tata_kelola"]
    bidang = bidang or [b for t in main for b in themes()[t].get("bidang", [])] or themes()["tata_kelola"]["bidang"]
    if governance_last is None:
        governance_last = draw.chance(0.5)
    out: list[Sasaran] = []
    used_sasaran: set[str] = set()
    for i in range(n_sasaran):
        theme = "tata_kelola" if governance_last and i == n_sasaran - 1 and n_sasaran > 1 else draw.pick(main)
        sas_options = [s for s in themes()[theme]["sasaran"] if s not in used_sasaran]
        if not sas_options:   # the theme's sasaran are used up: another theme of the office, else stop
            theme = next((t for t in pool_names if any(s not in used_sasaran for s in themes()[t]["sasaran"])), None)
            if theme is None:
                break
            sas_options = [s for s in themes()[theme]["sasaran"] if s not in used_sasaran]
        sas_text = _office_words(agency, draw.pick(sas_options))
        used_sasaran.add(sas_text)
        pool = [e for e in themes()[theme]["indikator"] if e[0] not in used]
        if not pool:
            pool = [e for t in pool_names for e in themes()[t]["indikator"] if e[0] not in used]
        if not pool:
            break
        k = min(draw.integer(*per), len(pool))
        inds = []
        for entry in draw.sample(pool, k):
            used.add(entry[0])
            inds.append(draw_indicator(draw, style, agency, theme, entry, sas_text, years, bidang))
        program_pool = themes()[theme].get("program") or themes()["tata_kelola"]["program"]
        out.append(Sasaran(sas_text, inds, program=_office_words(agency, draw.pick(program_pool))))
    return out


def attach_daerah(draw: Draw, sasaran: list[Sasaran]) -> None:
    pairs = draw.sample(themes()["rpjmd"]["pairs"], len(sasaran))
    for s, pair in zip(sasaran, pairs + pairs):
        s.daerah = (pair[0], pair[1])
