"""Officials: names with titles as printed, 18-digit NIPs and their printed forms."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .random_source import Draw
from .vocabulary import people


@dataclass
class Person:
    name: str                  # as printed (the gold's signatory_name)
    nip: Optional[str]         # 18 digits, or None (elected heads print none)
    nip_printed: Optional[str]  # "NIP. 19700101 199003 1 002"
    rank: Optional[str]        # "Pembina Utama Muda (IV/c)"


def _nip(draw: Draw, year: int) -> str:
    born = draw.integer(year - 58, year - 40)
    birth = f"{born}{draw.integer(1, 12):02d}{draw.integer(1, 28):02d}"
    tmt = f"{born + draw.integer(22, 30)}{draw.integer(1, 12):02d}"
    return f"{birth}{tmt}{draw.integer(1, 2)}{draw.integer(1, 12):03d}"


def nip_printed(draw: Draw, nip: str, style: str) -> str:
    grouped = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return {
        "dot_grouped": f"NIP. {grouped}",
        "dot_plain": f"NIP. {nip}",
        "plain": f"NIP {nip}",
        "colon_grouped": f"NIP : {grouped}",
        "tight": f"NIP.{nip}",
    }[style]


NIP_STYLES = ("dot_grouped", "dot_plain", "plain", "colon_grouped", "tight")


def _name(draw: Draw, upper: bool, prefix_pool: list, professor: bool = False) -> str:
    v = people()
    given = draw.pick(v["first"])
    family = draw.pick(v["last"])
    core = f"{given} {family}" if draw.chance(0.85) else given + " " + draw.pick(v["first"]) + " " + family
    if upper:
        core = core.upper()
    if professor:
        prefix = draw.pick(v["professor"])
    else:
        prefix = draw.weighted([(p, w) for p, w in prefix_pool])
    suffixes = [] if prefix.startswith(("Drs", "Dra", "Ir.")) and draw.chance(0.5) else \
        draw.sample(v["suffix"], draw.integer(1, 2))
    joiner = draw.pick([", ", ","]) if suffixes else ""
    sep = draw.pick([", ", ", "]) if len(suffixes) > 1 else ""
    name = (prefix + " " if prefix else "") + core
    return name + (joiner + sep.join(suffixes) if suffixes else "")


def civil_servant(draw: Draw, year: int, upper: bool, nip_style: str, with_rank: bool,
                  professor: bool = False) -> Person:
    """A head with a NIP (a civil servant)."""
    name = _name(draw, upper, people()["prefix"], professor)
    nip = _nip(draw, year)
    rank = draw.pick(people()["ranks"]) if with_rank else None
    return Person(name, nip, nip_printed(draw, nip, nip_style), rank)


def elected_head(draw: Draw, upper: bool) -> Person:
    """A Bupati / Wali Kota / Gubernur / Menteri: a name, no NIP."""
    pool = [["", 6], ["H.", 3], ["Dr.", 2], ["Dr. H.", 1], ["Ir. H.", 1]]
    return Person(_name(draw, upper, pool), None, None, None)
