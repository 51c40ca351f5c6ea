"""The official Kemendagri region of a document, however loosely the document writes it.

The document's `region` is tried first (with its `region_level`), then its
`agency` ("Dinas Sosial Kab. Batola"), then its `province`; matching is
normalizers.regions.find_region (official table, aliases such as "Batola" /
"Kalsel", prefixes such as "Kab." / "Pemkot" / "Prov."). A document that
names only its province gets the province code and no kabupaten/kota code,
unless it is a provincial agency.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Optional

from iku.normalizers.regions import LEVELS, Region, find_region, load_regions


@dataclass(frozen=True)
class Wilayah:
    kode_wilayah: Optional[str] = None  # "63.04" kabupaten/kota, "63" provinsi
    nama_wilayah: Optional[str] = None  # "Kabupaten Barito Kuala", "Provinsi Kalimantan Selatan"
    level_wilayah: Optional[str] = None  # provinsi / kabupaten / kota
    kode_provinsi: Optional[str] = None  # "63"
    nama_provinsi: Optional[str] = None  # "Kalimantan Selatan"
    wilayah_dari: Optional[str] = None  # the field it was read from: region / agency / province

    def as_dict(self) -> dict:
        return asdict(self)


@lru_cache(maxsize=1)
def provinces_by_code() -> dict[str, Region]:
    return {r.kode: r for r in load_regions() if r.level == "provinsi"}


def _of(region: Region, source: str) -> Wilayah:
    return Wilayah(region.kode, region.nama, region.level, region.kode_provinsi, region.provinsi, source)


def _province(text: str) -> Optional[Region]:
    found = find_region(text, "provinsi") or find_region(f"Provinsi {text}", "provinsi")
    return found


@lru_cache(maxsize=100_000)
def resolve(region: Optional[str], region_level: Optional[str] = None, province: Optional[str] = None,
            agency: Optional[str] = None) -> Wilayah:
    """The official region (and province) of a document from its loosely written fields."""
    level = region_level if region_level in LEVELS else None
    if region and region.strip():
        found = (find_region(region, level) if level else None) or find_region(region)
        if found is None and level:  # "Barito Kuala" with region_level kabupaten
            prefix = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}[level]
            found = find_region(f"{prefix} {region}", level)
        if found:
            return _of(found, "region")
    if agency and agency.strip():
        found = find_region(agency)
        if found:
            return _of(found, "agency")
    if province and province.strip():
        found = _province(province)
        if found:
            if level == "provinsi" or (not region and level is None and not agency):
                return _of(found, "province")
            return Wilayah(kode_provinsi=found.kode_provinsi, nama_provinsi=found.provinsi, wilayah_dari="province")
    return Wilayah()
