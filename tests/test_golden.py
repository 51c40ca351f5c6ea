"""Golden outputs: what every bundled, corpus and holdout document gives today, field by field.

`tests/golden/<set>/<stem>.json` holds, per document, what matters to a user of the
output: the document fields, how it was read (method, pages, OCR'd and turned pages)
and per record the FORMAT.md fields, the confidence with its reasons and the pages
it came from (no bboxes, no version). A change in any one of them fails with the
document, the record and the field named.

After an intended change, regenerate and review the diff before committing:

    .venv/bin/python -m pytest tests/test_golden.py --regen-golden -m "slow or not slow"

A regeneration run always fails (`test_golden_regeneration_is_off`), so that it can
never stand for a passing run.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import (CORPUS, DIGITAL, GOLDEN, HAS_SHARED, HAS_TESSERACT, HOLDOUT, LONG_REPORT, OFFICE, REAL_SCAN,
                      ROOT, SAMPLE_SCAN, SCANNED, SHARED, SHARED_REAL)
from iku.normalizers.schema import DOCUMENT_KEYS, INDICATOR_FIELDS, RECORD_EXTRA_KEYS

# The scans whose golden is checked in the default run (real OCR; test_ocr.py reads
# the same two, through the session cache). Every other scan: slow.
DEFAULT_SCANS = {("scanned", SAMPLE_SCAN), ("corpus-real", REAL_SCAN)}
# Digital documents too long for the default run: the 110-page LKIP (7 s idle, eight
# times the median document; test_real_documents.py reads it in the slow run too) and
# the 35-page RPJMD chapter of SHARED (3 s; its gold is partial).
SLOW_DIGITAL = {("corpus-real", LONG_REPORT), ("shared-real", "pemkab-boven-digoel-rpjmd-bab5-2021-2025")}
EXTRACTION_KEYS = ("method", "pages", "ocr_pages", "turned_pages", "verdict")


@dataclass(frozen=True)
class Case:
    set: str
    stem: str
    pdf: Path  # where the document is (it may be absent: SHARED not beside the repo)
    scanned: bool

    @property
    def id(self) -> str:
        return f"{self.set}/{self.stem}"

    @property
    def golden(self) -> Path:
        return GOLDEN / self.set / f"{self.stem}.json"

    @property
    def slow(self) -> bool:
        key = (self.set, self.stem)
        return key in SLOW_DIGITAL or (self.scanned and key not in DEFAULT_SCANS)


def _source(pdf: Path) -> str:
    """The document's place, relative to the repository or to SHARED (as written in the golden)."""
    for base, prefix in ((ROOT, ""), (SHARED, "shared/")):
        try:
            return prefix + pdf.relative_to(base).as_posix()
        except ValueError:
            continue
    return str(pdf)


def _sources() -> list[Case]:
    cases = [Case("digital", p.stem, p, False) for p in sorted(DIGITAL.glob("*.pdf"))]
    cases += [Case("office", p.stem, p, False) for p in sorted(OFFICE.glob("*.pdf"))]
    cases += [Case("scanned", p.stem, p, True) for p in sorted(SCANNED.glob("*.pdf"))]
    cases += [Case("corpus-real", p.stem, p, p.stem.endswith("-scan")) for p in sorted(CORPUS.glob("*.pdf"))]
    for doc in sorted(p for p in HOLDOUT.glob("*") if p.is_dir()):
        for style in ("digital", "borderless", "scan300", "scan200", "scan150"):
            pdf = doc / f"{style}.pdf"
            if pdf.exists():
                cases.append(Case("holdout-1", f"{doc.name}__{style}", pdf, style.startswith("scan")))
    # the real documents of SHARED that are not already in the corpus (same name, same bytes)
    for pdf in sorted(SHARED_REAL.glob("*.pdf")):
        twin = CORPUS / pdf.name
        if twin.exists() and twin.read_bytes() == pdf.read_bytes():
            continue
        if any((SHARED_REAL / "gold").glob(f"{pdf.stem}*.json")):
            cases.append(Case("shared-real", pdf.stem, pdf, pdf.stem.endswith("-scan")))
    return cases


def _cases() -> list:
    """Every document found, and every golden file whose document is not there (skipped)."""
    found = _sources()
    known = {c.golden for c in found}
    for golden in sorted(GOLDEN.glob("*/*.json")):
        if golden not in known:
            pdf = Path(json.loads(golden.read_text(encoding="utf-8"))["source"])
            pdf = SHARED / pdf.relative_to("shared") if pdf.parts[0] == "shared" else ROOT / pdf
            found.append(Case(golden.parent.name, golden.stem, pdf, "scan" in golden.stem))
    params = []
    for case in found:
        marks = [pytest.mark.slow] if case.slow else []
        if not case.pdf.exists():
            marks.append(pytest.mark.skip(reason=f"{case.pdf} not here (SHARED not beside the repo?)"))
        elif case.scanned and not HAS_TESSERACT:
            marks.append(pytest.mark.skip(reason="tesseract not installed"))
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


# --------------------------------------------------------------------------- the golden view and its diff

def golden_view(output: dict, source: str) -> dict:
    """What a golden file keeps of a `process_pdf` output."""
    return {
        "source": source,
        "document": {k: output["document"].get(k) for k in DOCUMENT_KEYS},
        "extraction": {k: output["extraction"].get(k) for k in EXTRACTION_KEYS},
        "indicators": [{**{f: rec.get(f) for f in INDICATOR_FIELDS},
                        **{k: rec.get(k, []) for k in RECORD_EXTRA_KEYS},  # typed targets
                        "confidence": rec["confidence"],
                        "confidence_reasons": rec["confidence_reasons"],
                        "pages": rec["provenance"]["pages"]}
                       for rec in output["indicators"]],
    }


def _show(value, width: int = 120) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[:width - 1] + "…"


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and abs(a - b) < 1e-9
    return a == b


def _record_label(rec: dict) -> str:
    return _show(rec.get("indikator"), 60)


def diff(expected: dict, actual: dict) -> list[str]:
    """Every difference, one line each, naming the part, the record and the field."""
    out = []
    for part in ("document", "extraction"):
        for key in dict.fromkeys([*expected[part], *actual[part]]):
            want, got = expected[part].get(key), actual[part].get(key)
            if not _same(want, got):
                out.append(f"{part}.{key}: expected {_show(want)}, got {_show(got)}")
    want_recs, got_recs = expected["indicators"], actual["indicators"]
    if len(want_recs) != len(got_recs):
        out.append(f"indicators: expected {len(want_recs)} records, got {len(got_recs)}")
    keys = lambda recs: [" ".join(str(r.get("indikator")).split()).lower() for r in recs]  # noqa: E731
    matcher = difflib.SequenceMatcher(None, keys(want_recs), keys(got_recs), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("equal", "replace") and i2 - i1 == j2 - j1:
            for i, j in zip(range(i1, i2), range(j1, j2)):
                where = f"indicators[{i}]" if i == j else f"indicators[{i}→{j}]"
                want, got = want_recs[i], got_recs[j]
                for field in dict.fromkeys([*want, *got]):
                    if not _same(want.get(field), got.get(field)):
                        out.append(f"{where} {_record_label(want)}: {field}: expected {_show(want.get(field))}, "
                                   f"got {_show(got.get(field))}")
            continue
        out += [f"indicators[{i}] {_record_label(want_recs[i])}: missing from the output" for i in range(i1, i2)]
        out += [f"indicators[{j}] {_record_label(got_recs[j])}: new in the output" for j in range(j1, j2)]
    return out


def write_golden(path: Path, view: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(view, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- the tests

@pytest.fixture(scope="session")
def regen(request) -> bool:
    return request.config.getoption("--regen-golden")


def test_golden_regeneration_is_off(regen):
    assert not regen, "--regen-golden rewrote the golden files: review `git diff tests/golden`, then run without it"


@pytest.mark.parametrize("case", _cases())
def test_output_matches_golden(case: Case, extracted, regen):
    view = golden_view(extracted(case.pdf), _source(case.pdf))
    if regen:
        write_golden(case.golden, view)
        return
    assert case.golden.exists(), f"{case.id}: no golden file {case.golden.relative_to(ROOT)}: run with --regen-golden"
    expected = json.loads(case.golden.read_text(encoding="utf-8"))
    problems = diff(expected, view)
    if problems:
        pytest.fail(f"{case.id} differs from its golden file {case.golden.relative_to(ROOT)} in "
                    f"{len(problems)} place(s):\n  " + "\n  ".join(problems[:40])
                    + ("\n  …" if len(problems) > 40 else ""), pytrace=False)


def test_every_golden_file_has_its_document():
    """No golden file is left behind by a renamed or removed document (those of SHARED
    are only looked for where SHARED is)."""
    cases = [p.values[0] for p in _cases()]
    orphans = [c.id for c in cases if not c.pdf.exists() and (HAS_SHARED or not c.pdf.is_relative_to(SHARED))]
    assert not orphans, f"golden files without their document: {orphans}"


# the diff itself, on a stored golden: one wrong field is one readable line

def _a_golden() -> dict:
    return json.loads((GOLDEN / "digital" / "000_eb4ee2063c343ebc.json").read_text(encoding="utf-8"))


def test_one_wrong_field_is_named_with_document_record_and_field():
    expected, actual = _a_golden(), _a_golden()
    actual["indicators"][2]["formulasi"] = "Jumlah A / Jumlah B (changed)"
    problems = diff(expected, actual)
    assert len(problems) == 1
    assert problems[0].startswith("indicators[2] ") and ": formulasi: expected " in problems[0]
    assert "\"Jumlah A / Jumlah B (changed)\"" in problems[0]


def test_document_field_extraction_and_confidence_changes_are_named():
    expected, actual = _a_golden(), _a_golden()
    actual["document"]["decree_date"] = None
    actual["extraction"]["ocr_pages"] = [1]
    actual["indicators"][0]["confidence"] = 0.8
    actual["indicators"][0]["confidence_reasons"] = ["joined page-break row"]
    problems = diff(expected, actual)
    assert [p.split(": expected")[0] for p in problems] == [
        "document.decree_date", "extraction.ocr_pages",
        f"indicators[0] {_record_label(expected['indicators'][0])}: confidence",
        f"indicators[0] {_record_label(expected['indicators'][0])}: confidence_reasons"]


def test_a_lost_record_is_named_and_the_others_still_compared():
    expected, actual = _a_golden(), _a_golden()
    lost = actual["indicators"].pop(3)
    actual["indicators"][5]["satuan"] = "(changed)"
    problems = diff(expected, actual)
    assert problems[0] == f"indicators: expected {len(expected['indicators'])} records, got {len(actual['indicators'])}"
    assert f"indicators[3] {_record_label(lost)}: missing from the output" in problems
    assert any(p.startswith("indicators[6→5] ") and ": satuan: expected " in p for p in problems)
    assert len(problems) == 3
