"""The Python API (`import iku`): extract from a path, bytes or a file object;
extract_many; the Document's records, fields, to_dict() and to_pandas()."""
from __future__ import annotations

import io
import warnings

import pytest

import iku
from conftest import DIGITAL
from iku.normalizers.schema import DOCUMENT_FIELDS, INDICATOR_FIELDS

SAMPLE = DIGITAL / "003_b12329ee375d4a48.pdf"


def _without_version(d: dict) -> dict:
    return {**d, "extraction": {k: v for k, v in d["extraction"].items() if k != "version"}}


@pytest.fixture(scope="module")
def document() -> iku.Document:
    return iku.extract(SAMPLE)


def test_extract_a_path_gives_what_iku_extract_writes(document, extracted):
    assert document.to_dict() == extracted(SAMPLE)


def test_the_document_has_its_records_and_fields(document, extracted):
    expected = extracted(SAMPLE)
    assert document.source_file == SAMPLE.name
    assert set(document.fields) <= set(DOCUMENT_FIELDS)
    assert document.fields["agency"] == expected["document"]["agency"]
    assert [r.fields()["indikator"] for r in document.records] == [r["indikator"] for r in expected["indicators"]]


def test_bytes_and_file_objects_give_the_same_document(document):
    data = SAMPLE.read_bytes()
    from_bytes = iku.extract(data, name=SAMPLE.name)
    with open(SAMPLE, "rb") as fh:
        from_file = iku.extract(fh)
    assert from_bytes.to_dict() == document.to_dict()
    assert from_file.to_dict() == document.to_dict()
    anonymous = iku.extract(io.BytesIO(data))
    assert anonymous.source_file == "document.pdf"
    assert _without_version(anonymous.to_dict())["indicators"] == document.to_dict()["indicators"]


def test_what_is_not_a_pdf_source_is_refused_in_one_line(tmp_path):
    with pytest.raises(TypeError, match="binary file object"):
        iku.extract(io.StringIO("%PDF-1.4"))
    with pytest.raises(TypeError, match="path, bytes or a binary file object"):
        iku.extract(42)
    with pytest.raises(iku.InputError, match="not a PDF"):
        iku.extract(b"hello, not a pdf")
    with pytest.raises(iku.InputError, match="not a file"):
        iku.extract(tmp_path / "missing.pdf")


def test_to_pandas_has_one_row_per_record(document):
    df = document.to_pandas()
    assert len(df) == len(document.records)
    assert list(df.columns) == ["source_file", *INDICATOR_FIELDS, "confidence", "pages"]
    assert df["indikator"].tolist() == [r.fields()["indikator"] for r in document.records]
    assert (df["source_file"] == SAMPLE.name).all()


def test_extract_many_yields_each_document_and_warns_of_a_bad_one(tmp_path, document):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really\n")
    other = DIGITAL / "101_bappeda_pontianak.pdf"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = list(iku.extract_many([SAMPLE, bad, other]))
    assert [d.source_file for d in docs] == [SAMPLE.name, other.name]
    assert docs[0].to_dict() == document.to_dict()
    assert len(caught) == 1 and "broken.pdf" in str(caught[0].message)
    with pytest.raises(iku.InputError):
        list(iku.extract_many([bad], on_error="raise"))


def test_options_are_the_pipeline_options():
    opts = iku.Options().with_(**{"ocr.workers": 1})
    assert opts.ocr.workers == 1
    assert iku.__version__
