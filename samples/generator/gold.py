"""The gold JSON in the FORMAT.md shape, with the field lists taken from the
project's one schema (normalizers/schema.py)."""
from __future__ import annotations

from iku.normalizers.schema import DOCUMENT_KEYS, INDICATOR_FIELDS


def _clean(value):
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    return value


def gold_document(source_file: str, document: dict, records: list[dict]) -> dict:
    doc = {"source_file": source_file, **document}
    indicators = []
    for rec in records:
        item = {}
        for key in INDICATOR_FIELDS:
            if key == "extra":
                item[key] = {k: _clean(v) for k, v in (rec.get("extra") or {}).items() if _clean(v) is not None}
            else:
                item[key] = _clean(rec.get(key))
        indicators.append(item)
    return {"document": {k: _clean(doc.get(k)) for k in DOCUMENT_KEYS}, "indicators": indicators}
