"""Real regions from the official Kemendagri table the project ships
(normalizers/data/wilayah-kemendagri-2025.csv), and what the gold says of them."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WILAYAH = ROOT / "normalizers" / "data" / "wilayah-kemendagri-2025.csv"


@dataclass(frozen=True)
class Region:
    code: str       # "34.04"
    name: str       # "Kabupaten Sleman", "Kota Depok", "Jawa Timur" (a province's own name)
    level: str      # provinsi / kabupaten / kota
    province: str   # "Daerah Istimewa Yogyakarta"

    @property
    def printed(self) -> str:
        """The region as written after an office's name: "Kabupaten Sleman", "Provinsi Jawa Timur"."""
        return f"Provinsi {self.name}" if self.level == "provinsi" else self.name

    @property
    def bare(self) -> str:
        """The name without its kind: "Sleman", "Jawa Timur" (a place, e.g. "Ditetapkan di")."""
        for prefix in ("Kabupaten ", "Kota "):
            if self.name.startswith(prefix):
                return self.name[len(prefix):]
        return self.name

    @property
    def province_code(self) -> str:
        return self.code.split(".")[0]

    def gold(self) -> dict:
        """FORMAT.md region, region_level, province of an office of this regional government."""
        return {"region": self.printed, "region_level": self.level, "province": self.province}


@lru_cache(maxsize=None)
def all_regions() -> tuple[Region, ...]:
    with open(WILAYAH, newline="", encoding="utf-8") as f:
        return tuple(Region(r["kode"].strip(), " ".join(r["nama"].split()), r["level"].strip(),
                            " ".join(r["provinsi"].split())) for r in csv.DictReader(f))


def by_name(name: str) -> Region:
    for r in all_regions():
        if r.name == name and r.level != "provinsi":
            return r
    raise KeyError(name)


def province(name: str) -> Region:
    for r in all_regions():
        if r.level == "provinsi" and r.name == name:
            return r
    raise KeyError(name)


def candidates(level: str, excluded_provinces: frozenset[str]) -> list[Region]:
    return [r for r in all_regions() if r.level == level and r.province not in excluded_provinces]
