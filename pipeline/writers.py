"""JSON and Parquet outputs, written atomically (a crash never leaves half a file)."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from iku.normalizers.schema import DOCUMENT_FIELDS, INTEGER_DOCUMENT_FIELDS, TARGET_KEYS, TEXT_FIELDS

SCHEMA_VERSION = 1


INDICATORS_SCHEMA = pa.schema(
    [pa.field("source_file", pa.string(), nullable=False),
     pa.field("record_index", pa.int32(), nullable=False)]
    + [pa.field(f, pa.string()) for f in TEXT_FIELDS]
    + [pa.field("extra", pa.string()),  # JSON object: header text → cell text
       pa.field("pages", pa.list_(pa.int32())),
       pa.field("confidence", pa.float32()),
       pa.field("confidence_reasons", pa.list_(pa.string())),
       pa.field("field_confidence", pa.map_(pa.string(), pa.float32()))],  # field → 0..1 (CONFIDENCE_FIELDS)
    metadata={"iku_schema_version": str(SCHEMA_VERSION)})

# targets.parquet, one row per record × typed target value (docs/FORMAT.md "targets"). An entry's
# `year` is the column `value_year`: a batch dataset's `year` is its hive partition (a folder name),
# which readers put over a column of the same name.
TARGET_COLUMNS = {k: "value_year" if k == "year" else k for k in TARGET_KEYS}
_TARGET_TYPES = {"year": pa.int32(), "quarter": pa.int32(), "value": pa.float64(), "page": pa.int32()}
TARGETS_SCHEMA = pa.schema(
    [pa.field("source_file", pa.string(), nullable=False),
     pa.field("record_index", pa.int32(), nullable=False)]
    + [pa.field(TARGET_COLUMNS[k], _TARGET_TYPES.get(k, pa.string())) for k in TARGET_KEYS],
    metadata={"iku_schema_version": str(SCHEMA_VERSION)})

DOCUMENTS_SCHEMA = pa.schema(
    [pa.field("source_file", pa.string(), nullable=False)]
    + [pa.field(f, pa.int32() if f in INTEGER_DOCUMENT_FIELDS else pa.string()) for f in DOCUMENT_FIELDS]
    + [pa.field("pages", pa.int32()), pa.field("method", pa.string()), pa.field("indicators", pa.int32()),
       pa.field("verdict", pa.string()),  # ok / review / failed (extraction.verdict)
       pa.field("verdict_reasons", pa.list_(pa.string()))],
    metadata={"iku_schema_version": str(SCHEMA_VERSION)})


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


TEMP_SUFFIX = ".tmp"


def _temp_beside(path: Path) -> tuple[int, str]:
    """A temporary file next to `path` (.NAME.PID.XXXXXXXX.tmp: the writer's process id tells a
    later run whether it is a leftover), with the permissions a plain open() would give
    (mkstemp makes it owner-only, and the rename would keep that)."""
    # the name, cut so that the temporary name fits in a file name (255 bytes) whatever the name's length
    name = os.fsencode(path.name)[:200].decode("utf-8", "ignore") if len(os.fsencode(path.name)) > 200 else path.name
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=path.parent)
    os.fchmod(fd, 0o666 & ~_umask())
    return fd, tmp


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(folder: Path) -> int:
    """Delete the temporary files in `folder` that a killed writer left (its process is gone, or
    it predates process ids in the name); returns how many."""
    removed = 0
    for name in os.listdir(folder):
        if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
            continue
        parts = name[1:-len(TEMP_SUFFIX)].split(".")
        pid = parts[-2] if len(parts) >= 3 else ""
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue  # a live run is writing it
        try:
            os.unlink(os.path.join(folder, name))
            removed += 1
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            pass
    return removed


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
        row["field_confidence"] = list((rec.get("field_confidence") or {}).items())
        rows.append(row)
    return rows


def target_rows(doc: dict) -> list[dict]:
    """One row per typed target value of every record (the record's `targets`)."""
    rows = []
    for i, rec in enumerate(doc["indicators"]):
        for t in rec.get("targets") or []:
            rows.append({"source_file": doc["document"]["source_file"], "record_index": i,
                         **{TARGET_COLUMNS[k]: t.get(k) for k in TARGET_KEYS}})
    return rows


def document_row(doc: dict) -> dict:
    row = dict(doc["document"])
    ext = doc.get("extraction", {})
    row["pages"] = ext.get("pages")
    row["method"] = ext.get("method")
    row["indicators"] = len(doc["indicators"])
    verdict = ext.get("verdict") or {}
    row["verdict"] = verdict.get("status")
    row["verdict_reasons"] = list(verdict.get("reasons") or [])
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
    write_parquet(Path(outdir) / "targets.parquet", [r for d in docs for r in target_rows(d)], TARGETS_SCHEMA)
