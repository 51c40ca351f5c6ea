"""What every kind of document shares: the document context (office, period,
people, styles) and a builder that collects CSS, HTML and gold records."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from ..agencies import Agency, draw_agency
from ..content import ContentStyle, Sasaran, draw_sasaran_list, draw_style
from ..dates import period_printed
from ..decoys import funding_plan, program_budget, realisation_table
from ..people import NIP_STYLES, Person, civil_servant
from ..planner import plan_table
from ..random_source import Draw
from ..styles import DocStyle, body_css, draw_doc_style, draw_table_style, page_css
from ..tables import TablePlan, fit_font, render


@dataclass
class Context:
    draw: Draw
    kind: str
    agency: Agency
    start: int
    end: int
    period_text: str
    content: ContentStyle
    doc: DocStyle
    upper_names: bool
    nip_style: str
    used: set = field(default_factory=set)

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))

    @property
    def header_ctx(self) -> dict:
        region = self.agency.region.printed if self.agency.region else self.agency.province_name or ""
        return {"region": region, "period": period_printed(self.draw, self.start, self.end, "hyphen"),
                "agency_short": self.agency.short, "stacked": self.content.formula_style == "stacked"}

    def head_person(self, year: int) -> Person:
        return civil_servant(self.draw, year, self.upper_names, self.nip_style, self.draw.chance(0.6),
                             professor=self.agency.kind == "universitas" and self.draw.chance(0.7))

    def sasaran(self, n: int, per: tuple[int, int], bidang: Optional[list[str]] = None,
                years: Optional[list[int]] = None) -> list[Sasaran]:
        return draw_sasaran_list(self.draw, self.content, self.agency, n, per, years or self.years, self.used, bidang)


def new_context(draw: Draw, kind: str, periods: list[tuple[int, int]], slides: bool = False) -> Context:
    start, end = draw.pick(periods)
    agency = draw_agency(draw, kind, start - 1)
    draw.note("period_years", end - start + 1)
    ctx = Context(draw=draw, kind=kind, agency=agency, start=start, end=end,
                  period_text=period_printed(draw, start, end),
                  content=draw_style(draw), doc=draw_doc_style(draw, slides),
                  upper_names=draw.chance(0.6), nip_style=draw.choose("nip_style", list(NIP_STYLES)))
    return ctx


MULTI_YEAR = [(2019, 2023), (2021, 2026), (2022, 2026), (2023, 2026), (2024, 2026), (2025, 2029), (2021, 2024)]
SINGLE_YEAR = [(y, y) for y in range(2019, 2027)]


class Builder:
    """Collects a document's CSS, body HTML, gold records and the tables' choice records."""

    def __init__(self, ctx: Context, slides: bool = False):
        self.ctx = ctx
        self.slides = slides
        self.css = [page_css(ctx.doc, slides), body_css(ctx.doc)]
        self.body: list[str] = []
        self.records: list[dict] = []
        self.tables: list[dict] = []
        self.decoys: list[str] = []
        self._n = 0

    def cls(self) -> str:
        self._n += 1
        return f"t{self._n}"

    def add(self, html: str) -> None:
        self.body.append(html)

    def plan(self, blocks: list[Sasaran], profile: str, title: list[str], group: Optional[str] = None,
             years: Optional[list[int]] = None, allow_regional: bool = True) -> tuple[TablePlan, dict]:
        record: dict = {}
        regional_office = self.ctx.agency.region is not None and not self.ctx.agency.central
        plan = plan_table(self.ctx.draw, cls=self.cls(), blocks=blocks, profile=profile,
                          years=years or self.ctx.years, title=title, group=group, ctx=self.ctx.header_ctx,
                          record=record, slides=self.slides, allow_regional=allow_regional and regional_office)
        self.tables.append(record)
        return plan, record

    def text_width_pt(self, landscape: bool, fraction: float = 1.0) -> float:
        w, h = self.ctx.doc.size
        m = self.ctx.doc.margin_mm
        width_mm = (h - 2 * m * 0.8) if landscape else (w - 2 * m * 0.9)
        return width_mm * fraction * 72 / 25.4

    def landscape_for(self, plan: TablePlan, wanted: bool) -> bool:
        """Landscape when wanted or when the table's words do not fit the portrait width; the
        table's font shrinks (to 7 pt at least) to fit the width it gets."""
        if not wanted and fit_font(plan, self.text_width_pt(False)):
            return False
        fit_font(plan, self.text_width_pt(True))
        return True

    def emit(self, plan: TablePlan) -> str:
        css, html, gold = render(plan)
        self.css.append(css)
        self.records.extend(gold)
        return html

    def table(self, blocks: list[Sasaran], profile: str, title: list[str], group: Optional[str] = None,
              years: Optional[list[int]] = None, allow_regional: bool = True) -> str:
        plan, _ = self.plan(blocks, profile, title, group, years, allow_regional)
        return self.emit(plan)

    def decoy(self, which: str, blocks: list[Sasaran], title: list[str], year: Optional[int] = None) -> str:
        """A table that is not an indicator table (no gold records)."""
        record: dict = {}
        style = draw_table_style(self.ctx.draw, record, self.slides)
        cls = self.cls()
        fn: Callable = {"program_budget": lambda: program_budget(self.ctx.draw, cls, style, blocks, title,
                                                                 self.ctx.agency.central),
                        "realisation": lambda: realisation_table(self.ctx.draw, cls, style, blocks,
                                                                 year or self.ctx.start, title),
                        "funding_plan": lambda: funding_plan(self.ctx.draw, cls, style, blocks, self.ctx.years, title),
                        }[which]
        css, html = fn()
        self.css.append(css)
        self.decoys.append(which)
        return html


@dataclass
class Built:
    kind: str
    title: str
    css: str
    body: str
    document: dict        # DOCUMENT_FIELDS → gold value
    records: list[dict]
    tables: list[dict]    # per indicator table: its choice record
    decoys: list[str]
