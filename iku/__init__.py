"""iku: Indonesian IKU documents (PDF, digital or scanned) into structured records.

The Python API; the command line (`iku extract`, `iku batch`, ...) is the same pipeline.

    import iku

    doc = iku.extract("sk-iku-2025.pdf")       # a path, the PDF's bytes, or a binary file object
    doc.fields["agency"], len(doc.records)     # the document's fields, its indicator records
    doc.to_dict()                              # the FORMAT.md shape (docs/FORMAT.md), as `iku extract` writes it
    doc.to_pandas()                            # one row per indicator

    options = iku.Options().with_(**{"ocr.workers": 2})
    for doc in iku.extract_many(paths, options=options):   # each document as it is finished
        ...

A file that cannot be read raises `iku.InputError` with the one-line reason
(`extract_many` warns and goes on to the next file unless on_error="raise").

The packages under this namespace follow the flow of the work: `iku.extractors`
(PDF pages into tables), `iku.normalizers` (tables into records and document
fields; `iku.normalizers.schema` is the output model), `iku.pipeline` (the stages,
the writers, batch, catalog, review).
"""
from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Literal, Optional, Union

from iku.normalizers.schema import Document, Record
from iku.pipeline import __version__
from iku.pipeline.options import Options
from iku.pipeline.process import InputError, Pipeline

__all__ = ["extract", "extract_many", "Document", "Record", "Options", "InputError", "__version__"]

Source = Union[str, os.PathLike, bytes, bytearray, memoryview, BinaryIO]


def extract(source: Source, options: Optional[Options] = None, *, name: Optional[str] = None) -> Document:
    """One PDF → its Document. `source` is a path, the PDF's bytes or a binary file object;
    `name` is the source_file recorded for bytes or a file object (default: the file
    object's own name, else "document.pdf"). Raises InputError with a one-line reason."""
    with Pipeline(options) as pipe:
        return _run(pipe, source, name)


def extract_many(sources: Iterable[Source], options: Optional[Options] = None, *,
                 on_error: Literal["warn", "raise"] = "warn") -> Iterator[Document]:
    """Each PDF → its Document, yielded as it is finished, with one OCR pool for them all
    (the next file's scanned pages are read while this one is normalised). A file that
    cannot be read: a warning naming it and the reason, then the next one
    (on_error="raise": InputError)."""
    sources = list(sources)
    with Pipeline(options) as pipe:
        for i, source in enumerate(sources):
            if i + 1 < len(sources) and isinstance(sources[i + 1], (str, os.PathLike)):
                pipe.prefetch(os.fspath(sources[i + 1]))
            try:
                yield _run(pipe, source, None)
            except InputError as exc:
                if on_error == "raise":
                    raise
                warnings.warn(f"{_label(source)}: {exc}", stacklevel=2)


def _label(source: Source) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return getattr(source, "name", None) or f"<{type(source).__name__}>"


def _run(pipe: Pipeline, source: Source, name: Optional[str]) -> Document:
    if isinstance(source, (str, os.PathLike)):
        return pipe.run(os.fspath(source))
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif hasattr(source, "read"):
        data = source.read()
        if not isinstance(data, bytes):
            raise TypeError("iku.extract needs a binary file object (open the file with 'rb')")
        name = name or getattr(source, "name", None)
    else:
        raise TypeError(f"iku.extract takes a path, bytes or a binary file object, not {type(source).__name__}")
    # The stages read the PDF by path (pdfium, pdfplumber and the OCR workers each open it),
    # so bytes go through a private temporary file named like the source.
    filename = Path(str(name)).name if name else "document.pdf"
    with tempfile.TemporaryDirectory(prefix="iku-") as tmp:
        path = Path(tmp) / filename
        path.write_bytes(data)
        return pipe.run(str(path))
