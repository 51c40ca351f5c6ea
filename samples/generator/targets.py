"""Target, baseline and realisation values as offices print them ("76,50", "1.234",
"95,5%", "WTP", "Level 3"), one series per indicator kind (themes.toml)."""
from __future__ import annotations

from .random_source import Draw


def _dec(value: float, places: int) -> str:
    text = f"{value:,.{places}f}"                      # 1,234.50
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")  # 1.234,50


def series(draw: Draw, kind: str, years: list[int], percent_sign: bool) -> tuple[str, dict[int, str], str]:
    """(baseline, {year: target}, final) printed for one indicator."""
    places = draw.pick([2, 2, 1, 0]) if kind not in ("count_up", "count_down") else 0
    n = len(years)
    if kind in ("grade_wtp",):
        return "WTP", {y: "WTP" for y in years}, "WTP"
    if kind == "grade_sakip":
        steps = ["B", "BB", "BB", "A", "A", "A"]
        start = draw.integer(0, 2)
        vals = [steps[min(start + 1 + i // 2, len(steps) - 1)] for i in range(n)]
        return steps[start], dict(zip(years, vals)), vals[-1]
    if kind == "level":
        start = draw.integer(2, 3)
        vals = [f"Level {min(start + (i + 1) // 2, 5)}" for i in range(n)]
        return f"Level {start}", dict(zip(years, vals)), vals[-1]
    if kind == "count_up":
        base = draw.integer(12, 4000)
        step = max(1, int(base * draw.uniform(0.02, 0.12)))
        vals = [_dec(base + step * (i + 1), 0) for i in range(n)]
        return _dec(base, 0), dict(zip(years, vals)), vals[-1]
    if kind == "count_down":
        base = draw.integer(20, 90)
        vals = [str(max(1, base - (i + 1) * draw.integer(1, 4))) for i in range(n)]
        return str(base), dict(zip(years, vals)), vals[-1]
    lo, hi, direction = {
        "pct_up": (55, 92, 1), "pct_down": (4, 30, -1), "index_up": (60, 85, 1), "index_down": (90, 160, -1),
        "nilai_up": (60, 80, 1), "rate_down": (60, 250, -1), "ratio": (1, 9, 1), "years_up": (6, 10, 1),
    }.get(kind, (50, 90, 1))
    base = draw.uniform(lo, hi)
    step = draw.uniform(0.2, 2.0) if hi > 20 else draw.uniform(0.05, 0.3)
    vals = [base + direction * step * (i + 1) for i in range(n)]
    if kind == "pct_up":
        vals = [min(v, 100.0) for v in vals]
    suffix = ""
    if percent_sign and kind in ("pct_up", "pct_down"):
        suffix = draw.pick(["%", " %"])
    fmt = [_dec(v, places) + suffix for v in vals]
    return _dec(base, places) + suffix, dict(zip(years, fmt)), fmt[-1]


def realisation(draw: Draw, target: str) -> tuple[str, str]:
    """(realisasi, capaian %) printed beside a target (decoy realisation tables)."""
    try:
        t = float(target.replace("%", "").replace(".", "").replace(",", ".").strip())
    except ValueError:
        return target, "100"
    r = t * draw.uniform(0.85, 1.08)
    return _dec(r, 2), _dec(100 * r / t if t else 100, 2)
