"""Document fields of an IKU decree (see shared/gold/FORMAT.md, "Document fields").

``extract_metadata(pages)`` reads the plain text of each page (pdfplumber's
``page.extract_text()``: lines separated by "\\n", pages in reading order) and
returns agency, region, region_level, province, period_start, period_end,
decree_number, decree_date, signatory_name and signatory_nip. A field that the
text does not state is None; odd text never raises.

Each group of fields has its module, which tells where the fields come from,
best source first:

- ``agency``: agency, region, region_level, province (regions are resolved by
  ``normalizers.regions`` against the Kemendagri table);
- ``period``: period_start, period_end;
- ``decree``: decree_number, decree_date;
- ``signatory``: signatory_name, signatory_nip;
- ``text``: what they share: line clean-up, the document's lines, its zones
  (cover, decree heading, IKU titles);
- ``vocabulary``: ``data/metadata-lexicon.json`` (unit types, stop words,
  months, rank lines ...).
"""
from __future__ import annotations

from typing import Optional

from iku.normalizers.metadata.agency import read_agency
from iku.normalizers.metadata.decree import read_decree_date, read_decree_number
from iku.normalizers.metadata.period import read_period
from iku.normalizers.metadata.signatory import read_signatory
from iku.normalizers.metadata.text import Doc
from iku.normalizers.metadata.vocabulary import lexicon
from iku.normalizers.schema import DOCUMENT_FIELDS

__all__ = ["extract_metadata", "lexicon"]


def _safe(fn, default):
    try:
        return fn()
    except Exception:  # odd text must never break a pipeline run
        return default


def extract_metadata(pages: list[str], tables_context: Optional[list[str]] = None) -> dict:
    """The document fields of FORMAT.md (all but source_file) from the pages' text.

    `tables_context`: text lines found above the document's tables (titles,
    "Nama Organisasi : ..."), used as extra evidence for the agency and period.
    """
    out: dict = {f: None for f in DOCUMENT_FIELDS}
    doc = _safe(lambda: Doc.build(list(pages or []), list(tables_context or [])), None)
    if doc is None or not doc.lines:
        return out

    agency, region, central = _safe(lambda: read_agency(doc), (None, None, False))
    start, end = _safe(lambda: read_period(doc), (None, None))
    decree_date, date_line = _safe(lambda: read_decree_date(doc), (None, None))
    name, nip = _safe(lambda: read_signatory(doc, date_line), (None, None))

    # the province of the time: the decree's, else the end of the period the document covers
    year = int(decree_date[:4]) if decree_date else end
    out.update(
        agency=agency,
        # an office of the central government belongs to no regional government: its region
        # only tells the province it is in
        region=region.nama if region and not central else None,
        region_level=region.level if region and not central else None,
        province=region.provinsi_pada(year) if region else None,
        period_start=start,
        period_end=end,
        decree_number=_safe(lambda: read_decree_number(doc), None),
        decree_date=decree_date,
        signatory_name=name,
        signatory_nip=nip,
    )
    return out
