"""JSON and Parquet outputs, written atomically (a crash never leaves half a file)."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from normalizers.schema import DOCUMENT_FIELDS, INTEGER_DOCUMENT_FIELDS, TEXT_FIELDS

SCHEMA_VERSION = 1


INDICATORS_SCHEMA = pa.schema(
    [pa.field("source_file", pa.string(), nullable=False),
     pa.field("record_index", pa.int32(), nullable=False)]
    + [pa.field(f, pa.string()) for f in TEXT_FIELDS]
    + [pa.field("extra", pa.string()),  # JSON object: header text → cell text
       pa.field("pages", pa.list_(pa.int32())),
       pa.field("confidence", pa.float32()),
       pa.field("confidence_reasons", pa.list_(pa.string()))],
    metadata={"iku_schema_version": str(SCHEMA_VERSION)})

DOCUMENTS_SCHEMA = pa.schema(
    [pa.field("source_file", pa.string(), nullable=False)]
    + [pa.field(f, pa.int32() if f in INTEGER_DOCUMENT_FIELDS else pa.string()) for f in DOCUMENT_FIELDS]
    + [pa.field("pages", pa.int32()), pa.field("method", pa.string()), pa.field("indicators", pa.int32())],
    metadata={"iku_schema_version": str(SCHEMA_VERSION)})


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temp_beside(path: Path) -> tuple[int, str]:
    """A temporary file next to `path`, with the permissions a plain open() would give
    (mkstemp makes it owner-only, and the rename would keep that)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, 0o666 & ~_umask())
    return fd, tmp


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_json(path: Path, doc: dict) -> None:
    atomic_write_bytes(Path(path), (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def indicator_rows(doc: dict) -> list[dict]:
    rows = []
    for i, rec in enumerate(doc["indicators"]):
        row = {"source_file": doc["document"]["source_file"], "record_index": i}
        row.update({f: rec.get(f) for f in TEXT_FIELDS})
        row["extra"] = json.dumps(rec.get("extra") or {}, ensure_ascii=False, sort_keys=True)
        row["pages"] = rec.get("provenance", {}).get("pages", [])
        row["confidence"] = rec.get("confidence")
        row["confidence_reasons"] = rec.get("confidence_reasons", [])
        rows.append(row)
    return rows


def document_row(doc: dict) -> dict:
    row = dict(doc["document"])
    ext = doc.get("extraction", {})
    row["pages"] = ext.get("pages")
    row["method"] = ext.get("method")
    row["indicators"] = len(doc["indicators"])
    return row


def write_parquet(path: Path, rows: list[dict], schema: pa.Schema) -> None:
    table = pa.Table.from_pylist(rows, schema=schema)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temp_beside(path)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_dataset(outdir: Path, docs: list[dict]) -> None:
    write_parquet(Path(outdir) / "indicators.parquet", [r for d in docs for r in indicator_rows(d)],
                  INDICATORS_SCHEMA)
    write_parquet(Path(outdir) / "documents.parquet", [document_row(d) for d in docs], DOCUMENTS_SCHEMA)
