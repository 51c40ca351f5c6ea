"""Look-ups over themes.toml for an office."""
from __future__ import annotations

from .agencies import Agency
from .vocabulary import themes


def bidang_of(agency: Agency) -> list[str]:
    out: list[str] = []
    for t in agency.themes:
        for b in themes().get(t, {}).get("bidang", []):
            if b not in out:
                out.append(b)
    return out


def tugas_fungsi(agency: Agency) -> tuple[str, list[str]]:
    for t in agency.themes:
        data = themes().get(t, {})
        if "tugas" in data:
            return data["tugas"], list(data["fungsi"])
    return "Melaksanakan tugas sesuai peraturan perundang-undangan", ["penyusunan rencana kerja", "pelaksanaan kegiatan", "evaluasi dan pelaporan"]
