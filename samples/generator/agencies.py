"""The issuing office: its printed name, letterhead, head, and the gold's
agency / region / region_level / province (FORMAT.md "Document fields" and
"Offices of the central government")."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from . import regions
from .random_source import Draw
from .vocabulary import agencies, phrases

ROMAN_TO_INT = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
                "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16}


@dataclass
class Agency:
    kind: str                   # recorded choice: dinas, badan, inspektorat, rsud, kecamatan, setwan, satpol,
                                # kanwil, bpk, balai, lldikti, universitas, pemda
    name: str                   # full name as printed (the gold's agency)
    unit: str                   # the office without its region ("Dinas Kesehatan"), for the letterhead
    short: str                  # "Dinkes"
    code: str                   # the office's code in decree numbers ("DINKES")
    head: str                   # the head's title without the region ("Kepala Dinas Kesehatan")
    head_full: str              # with it ("Kepala Dinas Kesehatan Kabupaten Sleman")
    kop: list[str]              # letterhead lines
    address: str
    place: str                  # where decrees are signed ("Sleman")
    themes: list[str]
    klas: list[str]             # decree number templates
    fill: dict                  # values for the templates
    region: Optional[regions.Region]   # the regional government the office belongs to
    province_name: Optional[str]       # the province (central offices: where the office is)
    superior: str               # PK second party's title
    superior_elected: bool      # the second party prints no NIP
    central: bool = False
    extra_lines: list[str] = field(default_factory=list)

    def gold(self) -> dict:
        if self.central or self.region is None:
            return {"agency": self.name, "region": None, "region_level": None, "province": self.province_name}
        return {"agency": self.name, **self.region.gold()}


def _address(draw: Draw, city: str, province: Optional[str]) -> str:
    street = draw.pick(phrases()["streets"])
    tail = f", {province}" if province else ""
    phone = f"Telp. (0{draw.integer(21, 987)}) {draw.integer(100000, 999999)}"
    return f"{street} No. {draw.integer(1, 120)}, {city}{tail} {phone}"


def _excluded(year: int) -> frozenset[str]:
    ex = agencies()["exclude"]
    out = set(ex["provinces"])
    if year < ex["new_provinces_from"]:
        out |= set(ex["new_provinces"])
    return frozenset(out)


def _regional(draw: Draw, year: int) -> Agency:
    data = agencies()
    excluded = _excluded(year)
    entry = draw.weighted([(e, 6 if e["name"].startswith("Dinas") else 2) for e in data["regional"]])
    level = draw.pick(entry["levels"])
    kecamatan = None
    if level == "kecamatan":
        parent_name = draw.pick(sorted(n for n in data["kecamatan"] if regions.by_name(n).province not in excluded))
        region = regions.by_name(parent_name)
        kecamatan = draw.pick(data["kecamatan"][parent_name])
    elif level == "provinsi":
        pool = [r for r in regions.candidates("provinsi", excluded)
                if r.name not in data["exclude"]["provincial_offices"]]
        region = draw.pick(pool)
    else:
        region = draw.pick(regions.candidates(level, excluded))
    unit = entry["name"].format(kecamatan=kecamatan)
    head = entry["head"].format(kecamatan=kecamatan)
    name = f"{unit} {region.printed}"
    gov = f"PEMERINTAH {region.printed.upper()}"
    kind = {"Dinas": "dinas", "Badan": "badan", "Inspektorat": "inspektorat", "Satuan": "satpol",
            "Rumah": "rsud", "Sekretariat": "setwan", "Kecamatan": "kecamatan"}[unit.split()[0]]
    head_full = f"{head} {region.printed}" if kind != "kecamatan" else head
    code = entry["short"].upper().replace(" ", "").replace("KECAMATAN", "KEC.")
    if kind == "kecamatan":
        code = "KEC"
    place = data["capitals"][region.province] if level == "provinsi" else region.bare
    heads = data["regional_heads"]
    superior = f"{heads[region.level]} {region.name if region.level == 'provinsi' else region.bare}"
    return Agency(kind=kind, name=name, unit=unit, short=entry["short"].format(kecamatan=kecamatan), code=code,
                  head=head, head_full=head_full, kop=[gov, unit.upper()],
                  address=_address(draw, place, None), place=place,
                  themes=list(entry["themes"]), klas=list(entry["klas"]), fill={}, region=region,
                  province_name=region.province, superior=superior, superior_elected=True)


def _central(draw: Draw, year: int) -> Agency:
    data = agencies()
    entry = draw.pick(data["central"])
    excluded = _excluded(year)
    fill: dict = {}
    if entry["kind"] in ("kanwil", "bpk") or (entry["kind"] == "balai" and "places" not in entry):
        prov = draw.pick(regions.candidates("provinsi", excluded))
        province, city = prov.name, None
        fill["pcode"] = prov.province_code
    elif entry["kind"] == "lldikti":
        wilayah, city, province = draw.pick(entry["places"])
        fill["wilayah"] = wilayah
        fill["wcode"] = ROMAN_TO_INT[wilayah]
    elif entry["kind"] == "universitas":
        university, city, province = draw.pick(entry["places"])
        fill["university"] = university
        fill["ucode"] = draw.integer(1, 60)
    else:
        city, province = draw.pick(entry["places"])
    prov_region = regions.province(province)
    fill.setdefault("pcode", prov_region.province_code)
    fill.update(province=province, PROVINCE=province.upper())
    if city is None:
        city = data["capitals"][province]
    fill.update(city=city, CITY=city.upper())
    if "university" in fill:
        fill["UNIVERSITY"] = fill["university"].upper()
    name = entry["name"].format(**fill)
    head = entry["head"].format(**fill)
    return Agency(kind=entry["kind"], name=name, unit=name, short=entry["short"].format(**fill),
                  code=entry["short"].format(**fill).upper().replace(" ", ""),
                  head=head, head_full=head if fill.get("university") is None or head != "Rektor" else
                  f"Rektor {fill['university']}",
                  kop=[line.format(**fill) for line in entry["kop"]],
                  address=_address(draw, city, province), place=city,
                  themes=list(entry["themes"]), klas=list(entry["klas"]), fill=fill, region=None,
                  province_name=province, superior=entry["superior"], superior_elected=entry["kind"] == "universitas",
                  central=True)


def _pemda(draw: Draw, year: int) -> Agency:
    """A regional government itself (the issuer of an RPJMD)."""
    data = agencies()
    excluded = _excluded(year) | frozenset(data["exclude"]["provincial_offices"])
    level = draw.pick(["kabupaten", "kabupaten", "kota", "provinsi"])
    region = draw.pick(regions.candidates(level, excluded))
    place = data["capitals"][region.province] if level == "provinsi" else region.bare
    name = f"Pemerintah {region.printed}"
    head = data["regional_heads"][region.level]
    theme_keys = ["perencanaan", "kesehatan", "pendidikan", "ekonomi", "pupr", "sosial", "lingkungan"]
    return Agency(kind="pemda", name=name, unit=name, short=region.bare, code="PEMDA", head=head,
                  head_full=f"{head} {region.bare}", kop=[name.upper()],
                  address=_address(draw, place, None), place=place, themes=theme_keys, klas=["050"],
                  fill={}, region=region, province_name=region.province, superior=head, superior_elected=True)


def draw_agency(draw: Draw, doc_kind: str, year: int) -> Agency:
    """An office for a document of `year` (its earliest year: period start or signing)."""
    if doc_kind == "rpjmd":
        agency = _pemda(draw, year)
    elif draw.chance(0.2):
        agency = _central(draw, year)
    else:
        agency = _regional(draw, year)
    draw.note("agency_kind", agency.kind)
    draw.note("region_level", agency.region.level if agency.region and not agency.central else "none")
    return agency
