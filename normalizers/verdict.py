"""A document's verdict: `ok`, `review` or `failed`, with the reasons.

    failed  no record came out (the reason says whether an indicator-table header or an
            IKU title was seen on a page — a table was there and was not read)
    review  records came out but something says rows or fields are missing: the printed
            numbering skips numbers or goes on past the last record, the header mapped
            too few fields, or most records are low confidence
    ok      none of these

Everything here is a function of the records (FORMAT.md dicts) and the pages' texts; which
pages look like they hold an indicator table's header is handed in (the extractors decide
that, `extractors.pdf_text.could_hold_indicator_table`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from iku.extractors.vocabulary import vocabulary

OK, REVIEW, FAILED = "ok", "review", "failed"
# the order of the statuses, best first (a review queue sorts by it, worst first)
STATUSES = (OK, REVIEW, FAILED)

_LINE_NUMBER = re.compile(r"^\s*(\d{1,3})(?:[.)]|\s|$)", re.MULTILINE)
_TOP_NUMBER = re.compile(r"^\s*(\d{1,3})(?:[.)]\s*)?(?:\d.*)?$")
_WORDS = re.compile(r"[^\W_]+")
_NUMBERS = re.compile(r"\b\d{1,3}\b")


@dataclass(frozen=True)
class VerdictSettings:
    # review when more than this share of the records is low confidence: below `low_confidence`,
    # well below the record threshold (0.9 marks what a reviewer should see, and a
    # typical table has many records just under it)
    low_share: float = 0.5
    low_confidence: float = 0.7
    # review when the records fill fewer than this many fields besides no and indikator
    min_fields: int = 1
    # review when the records carry less than this share of the numbers between their first and last
    numbering_share: float = 0.8
    # review when the pages go on numbering rows at least this many numbers past the last record's
    numbers_past_last: int = 2

    def __post_init__(self):
        if not 0 < self.low_share <= 1 or not 0 < self.numbering_share <= 1:
            raise ValueError("verdict shares must be within 0..1")


def _text(rec: dict, f: str) -> str:
    v = rec.get(f)
    return " ".join(str(v).split()) if v else ""


def _top(no: str) -> Optional[int]:
    m = _TOP_NUMBER.match(no or "")
    return int(m.group(1)) if m else None


def title_seen(texts: Iterable[str]) -> bool:
    """Whether a page names an IKU-like table in a title ("Indikator Kinerja Utama", "Perjanjian Kinerja")."""
    words = [w for w in vocabulary().title_words if len(w) > 3]
    rx = re.compile(r"\b(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")\b", re.I)
    return any(rx.search(t or "") for t in texts)


def numbers_past_last(records: list[dict], page_texts: dict[int, str], pages_ahead: int = 3) -> tuple[int, int]:
    """(the highest number a record carries, how many numbers right after it the pages still print
    at a line's start, in order, after that number's own row): rows the table printed that no record
    holds. Read from the page of the record with that number and up to `pages_ahead` pages after; a
    line numbered 1 after it starts another list and ends the count."""
    best: Optional[tuple[int, int, dict]] = None  # (number, page, record)
    for r in records:
        n = _top(_text(r, "no"))
        pages = (r.get("provenance") or {}).get("pages") or []
        if n is not None and pages and (best is None or n > best[0]):
            best = (n, min(pages), r)
    if best is None:
        return 0, 0
    last, page, rec = best
    text = "\n".join(page_texts.get(p, "") or "" for p in range(page, page + pages_ahead + 1))
    found = [(int(m.group(1)), m.end()) for m in _LINE_NUMBER.finditer(text)]
    at = [i for i, (x, _) in enumerate(found) if x == last]
    if not at:
        return last, 0
    # the record's own row: the number followed by the record's first words, else its last print on the page
    first = [" ".join(_text(rec, f).split()[:2]).lower() for f in ("sasaran", "indikator") if _text(rec, f)]
    own = [i for i in at if any(w and w in " ".join(text[found[i][1]:found[i][1] + 300].split()).lower()
                                for w in first)]
    k = 0
    for x, _ in found[(own or at)[0 if own else -1] + 1:]:
        if x == last + k + 1:
            k += 1
        elif x == 1:
            break
    return last, k


def document_verdict(records: list[dict], page_texts: dict[int, str], header_pages: list[int],
                     settings: VerdictSettings = VerdictSettings()) -> dict[str, Any]:
    """{"status", "reasons"} of one document; `header_pages`: pages whose text reads like an
    indicator table's header row."""
    reasons: list[str] = []
    if not records:
        if header_pages:
            pages = ", ".join(str(p) for p in header_pages[:5])
            reasons.append(f"indicator table header seen (page {pages}) but no records read")
        elif title_seen(page_texts.values()):
            reasons.append("IKU title seen but no indicator table read")
        else:
            reasons.append("no indicator table found")
        return {"status": FAILED, "reasons": reasons}
    n = len(records)
    ints = sorted({x for x in (_top(_text(r, "no")) for r in records) if x is not None})
    if len(ints) >= 2 and ints[0] <= 2:
        span = ints[-1] - ints[0] + 1
        if len(ints) < settings.numbering_share * span:
            reasons.append(f"record count does not match the printed numbering: {len(ints)} of the numbers "
                           f"{ints[0]}-{ints[-1]} carried by {n} records")
    merged = sum(1 for r in records if len(_NUMBERS.findall(_text(r, "no"))) >= 2
                 and not re.search(r"\d\.\d", _text(r, "no")))
    if merged:
        reasons.append(f"{merged} record(s) carry two printed numbers (rows read as one)")
    # only when the records show a numbering of their own: tables that each number from 1 (a
    # cascade's units, one sasaran each) leave only "1", and the "2. … 3. …" after it is then as
    # likely a numbered list of the unit's tasks as rows lost
    last, more = numbers_past_last(records, page_texts) if len(ints) >= 2 else (0, 0)
    if more >= settings.numbers_past_last:
        reasons.append(f"printed numbering goes on past the last record: rows {last + 1}-{last + more} "
                       f"on the pages, no record for them")
    record_pages = {p for r in records for p in ((r.get("provenance") or {}).get("pages") or [])}
    # a header page amid the table's pages that gave no record (a page of the table lost); header pages
    # before or after the records are often other tables that list the indicators again (a plan, a report)
    unread = [p for p in header_pages if p not in record_pages and record_pages
              and min(record_pages) < p < max(record_pages)]
    if unread:
        reasons.append(f"indicator table header seen on page {', '.join(str(p) for p in unread[:5])} "
                       f"but no records read from it")
    filled = {f for r in records for f, v in r.items() if isinstance(v, str) and v.strip()}
    mapped = filled - {"no", "indikator", "group"}
    if len(mapped) < settings.min_fields:
        reasons.append("the table's header mapped too few fields (only the indicator column)")
    cut = settings.low_confidence
    low = sum(1 for r in records if isinstance(r.get("confidence"), (int, float)) and r["confidence"] < cut)
    if low > settings.low_share * n:
        reasons.append(f"most records are low confidence: {low} of {n} below {cut}")
    return {"status": REVIEW if reasons else OK, "reasons": reasons}
