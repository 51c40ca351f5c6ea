"""Batch inputs: files, folders (recursive), globs, and zip / tar archives read safely.

Every input expands into entries, one per document. Archive members are never
extracted to disk under their own names: they are read into memory, and an
entry whose name would escape the archive ("../x.pdf", "/etc/x.pdf", "C:x.pdf")
is refused with its reason instead. Bounds guard against archive bombs: the
size of one member, the bytes one archive may expand to (nested archives
included), its number of members, a member's compression ratio, and how deep
archives may nest inside archives. Each refusal is an entry with a one-line
`error`, so it is reported and recorded like any other failed document.
"""
from __future__ import annotations

import glob
import io
import os
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterator, Optional

MiB = 1 << 20
GiB = 1 << 30

PDF_SUFFIX = ".pdf"
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
ARCHIVE_SUFFIXES = (".zip",) + TAR_SUFFIXES
# Errors an archive library raises on a damaged or truncated archive.
ARCHIVE_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, tarfile.TarError, EOFError, zlib.error, OSError,
                  ValueError, NotImplementedError, RuntimeError)


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile or broken archive from exhausting the machine."""
    max_file_bytes: int = 1 * GiB        # one document (a file or an archive member)
    max_archive_bytes: int = 64 * GiB    # everything one archive expands to, nested archives included
    max_archive_members: int = 500_000   # members in one archive
    max_ratio: int = 200                 # uncompressed / compressed size of one zip member (>= 1 MiB)
    max_depth: int = 2                   # archives inside archives, this many levels deep


class InputsError(Exception):
    """An input argument that names nothing (the one-line reason)."""


class EntryError(Exception):
    """An entry whose bytes cannot be read (the one-line reason)."""


@dataclass(frozen=True)
class Entry:
    """One document to convert: a file, or a member inside an archive (maybe nested)."""
    path: str                      # the file's path, or the member's path inside its archive
    archive: Optional[str] = None  # the archive holding it ("in/a.zip", nested: "in/a.zip!b.tar"); None: a file
    file: str = ""                 # the file on disk: the entry itself, or its outermost archive
    steps: tuple = ()              # ((index, name), ...): the members to open, outermost first
    size: Optional[int] = None
    error: Optional[str] = None    # refused while expanding: the one-line reason

    @property
    def display(self) -> str:
        return f"{self.archive}!{self.path}" if self.archive else self.path

    @property
    def name(self) -> str:
        return PurePosixPath(self.path.replace("\\", "/")).name or self.path

    @property
    def key(self) -> tuple[str, str]:
        return (self.archive or "", self.path)


def kind_of(name: str) -> Optional[str]:
    """'pdf', 'archive', or None for a name that is neither."""
    low = name.lower()
    if low.endswith(PDF_SUFFIX):
        return "pdf"
    if low.endswith(ARCHIVE_SUFFIXES):
        return "archive"
    return None


def unsafe_name(name: str) -> bool:
    """True when a member name would land outside the archive's folder if extracted."""
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) >= 2 and norm[1] == ":"):
        return True
    return any(part == ".." for part in PurePosixPath(norm).parts)


def _size(n: int) -> str:
    return f"{n / GiB:.1f} GiB" if n >= GiB else f"{n / MiB:.1f} MiB"


def one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- archives

@dataclass
class Member:
    index: int
    name: str
    kind: str          # "file", "link" or "other"
    size: int
    packed: int        # compressed size (zip); = size for tar
    encrypted: bool = False


class _Zip:
    def __init__(self, src):
        self.zf = zipfile.ZipFile(src)
        self.infos = self.zf.infolist()

    def count(self) -> Optional[int]:
        return len(self.infos)

    def members(self) -> Iterator[Member]:
        for i, info in enumerate(self.infos):
            if not info.is_dir():
                yield Member(i, info.filename, "file", info.file_size, info.compress_size, bool(info.flag_bits & 1))

    def read(self, index: int, limit: int) -> bytes:
        with self.zf.open(self.infos[index]) as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise EntryError(f"too large: more than {_size(limit)} uncompressed")
        return data

    def close(self) -> None:
        self.zf.close()


class _Tar:
    """Tar (plain or compressed). Members are read in order, so a compressed
    stream is decompressed once per pass instead of once per member."""

    def __init__(self, path: Optional[str] = None, data: Optional[bytes] = None):
        self._path, self._data = path, data
        self.tf: Optional[tarfile.TarFile] = None
        self._reopen()

    def _reopen(self) -> None:
        if self.tf is not None:
            self.tf.close()
        if self._path is not None:
            self.tf = tarfile.open(name=self._path, mode="r:*")
        else:
            self.tf = tarfile.open(fileobj=io.BytesIO(self._data), mode="r:*")
        self.pos = 0  # index of the member the next call to next() returns

    def _next(self) -> Optional[tarfile.TarInfo]:
        m = self.tf.next()
        self.tf.members = []  # keep memory flat on archives with many members; we never look back
        if m is not None:
            self.pos += 1
        return m

    def count(self) -> Optional[int]:
        return None

    def members(self) -> Iterator[Member]:
        self._reopen()
        while True:
            m = self._next()
            if m is None:
                return
            if m.isdir():
                continue
            kind = "file" if m.isreg() else "link" if (m.issym() or m.islnk()) else "other"
            yield Member(self.pos - 1, m.name, kind, m.size, m.size)

    def read(self, index: int, limit: int) -> bytes:
        if index < self.pos:
            self._reopen()
        while True:
            m = self._next()
            if m is None:
                raise EntryError("member vanished from the archive")
            if self.pos - 1 == index:
                break
        if m.size > limit:
            raise EntryError(f"too large: {_size(m.size)} > limit {_size(limit)}")
        fh = self.tf.extractfile(m)
        if fh is None:
            raise EntryError("not a regular file in the archive")
        return fh.read()

    def close(self) -> None:
        if self.tf is not None:
            self.tf.close()


def open_archive(name: str, path: Optional[str] = None, data: Optional[bytes] = None):
    """An archive handle for a file on disk (`path`) or in memory (`data`), by its name's suffix."""
    if name.lower().endswith(".zip"):
        return _Zip(path if path is not None else io.BytesIO(data))
    return _Tar(path=path, data=data)


# --------------------------------------------------------------------------- expansion

def _walk(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for f in sorted(files):
            if kind_of(f):
                found.append(Path(root) / f)
    return found


def _files(inputs: list[str]) -> list[Path]:
    files: list[Path] = []
    for arg in inputs:
        p = Path(arg)
        if p.is_dir():
            files.extend(_walk(p))
        elif p.exists():
            files.append(p)  # a file named on the command line is an input, whatever its name
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise InputsError(f"{arg}: no file matches")
            for m in map(Path, matches):
                files.extend(_walk(m) if m.is_dir() else [m])
        else:
            raise InputsError(f"{arg}: no such file or folder")
    return unique_paths(files)


def unique_paths(paths: list[Path]) -> list[Path]:
    """The paths in order, each file once however it was named."""
    seen, unique = set(), []
    for p in paths:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def expand(inputs: list[str], limits: Limits = Limits()) -> list[Entry]:
    """Every document the inputs hold, in a stable order; refusals as entries with an error."""
    entries: list[Entry] = []
    for f in _files(inputs):
        name = str(f)
        if kind_of(name) == "archive":
            entries.extend(_archive_entries(name, limits))
        else:
            try:
                size = f.stat().st_size
            except OSError as exc:
                entries.append(Entry(path=name, file=name, error=one_line(f"cannot read: {exc.strerror}")))
                continue
            entries.append(Entry(path=name, file=name, size=size))
    return entries


@dataclass
class _Budget:
    left: int
    blown: bool = False

    def take(self, n: int) -> bool:
        self.left -= max(n, 0)
        if self.left < 0:
            self.blown = True
        return not self.blown


def _archive_entries(file: str, limits: Limits) -> list[Entry]:
    try:
        handle = open_archive(file, path=file)
    except ARCHIVE_ERRORS as exc:
        return [Entry(path=file, file=file, error=one_line(f"unreadable archive: {exc}"))]
    budget = _Budget(limits.max_archive_bytes)
    try:
        return list(_list(handle, Entry(path=file, file=file), file, (), 0, budget, limits))
    finally:
        handle.close()


def _list(handle, me: Entry, file: str, steps: tuple, depth: int, budget: _Budget,
          limits: Limits) -> Iterator[Entry]:
    """The entries of one archive (`me` names the archive itself, for errors about it as a whole)."""
    display = me.display

    def refuse(reason: str) -> Entry:
        return Entry(path=me.path, archive=me.archive, file=file, steps=me.steps, error=one_line(reason))

    n = handle.count()
    if n is not None and n > limits.max_archive_members:
        yield refuse(f"archive has {n} members (limit {limits.max_archive_members}); not read")
        return
    seen = 0
    try:
        for m in handle.members():
            seen += 1
            if seen > limits.max_archive_members:
                yield refuse(f"archive has more than {limits.max_archive_members} members; the rest is not read")
                return
            kind = kind_of(m.name)
            if isinstance(handle, _Tar) and not budget.take(m.size):
                yield refuse(f"archive expands beyond {_size(limits.max_archive_bytes)}; the rest is not read")
                return
            if kind is None:
                continue
            here = steps + ((m.index, m.name),)
            entry = Entry(path=m.name, archive=display, file=file, steps=here, size=m.size)
            reason = None
            if unsafe_name(m.name):
                reason = "unsafe path in archive (escapes the archive folder); not read"
            elif m.kind == "link":
                reason = "a link in the archive, not a regular file; not read"
            elif m.kind != "file":
                reason = "not a regular file in the archive; not read"
            elif m.encrypted:
                reason = "encrypted archive member (password required)"
            elif m.packed and m.size >= MiB and m.size / m.packed > limits.max_ratio:
                reason = f"suspicious compression ratio {m.size // m.packed}:1 (archive bomb?); not read"
            elif m.size > limits.max_file_bytes:
                reason = f"too large: {_size(m.size)} > limit {_size(limits.max_file_bytes)}"
            elif isinstance(handle, _Zip) and not budget.take(m.size):
                yield refuse(f"archive expands beyond {_size(limits.max_archive_bytes)}; the rest is not read")
                return
            elif kind == "archive" and depth + 1 > limits.max_depth:
                reason = f"nested archive deeper than {limits.max_depth} levels; not read"
            if reason:
                yield Entry(path=m.name, archive=display, file=file, steps=here, size=m.size, error=reason)
            elif kind == "archive":
                yield from _nested(handle, entry, file, depth + 1, budget, limits)
            else:
                yield entry
    except EntryError as exc:
        yield refuse(str(exc))
    except ARCHIVE_ERRORS as exc:
        yield refuse(f"damaged archive: {exc}")


def _nested(parent, entry: Entry, file: str, depth: int, budget: _Budget, limits: Limits) -> Iterator[Entry]:
    try:
        data = parent.read(entry.steps[-1][0], limits.max_file_bytes)
        handle = open_archive(entry.path, data=data)
    except EntryError as exc:
        yield Entry(path=entry.path, archive=entry.archive, file=file, steps=entry.steps, error=one_line(str(exc)))
        return
    except ARCHIVE_ERRORS as exc:
        yield Entry(path=entry.path, archive=entry.archive, file=file, steps=entry.steps,
                    error=one_line(f"unreadable nested archive: {exc}"))
        return
    try:
        yield from _list(handle, entry, file, entry.steps, depth, budget, limits)
    finally:
        handle.close()


# --------------------------------------------------------------------------- reading

@dataclass
class Reader:
    """Reads entries' bytes. Entries come in expansion order, so the archives
    of the previous entry stay open and each archive is read front to back."""
    limits: Limits = Limits()
    _open: list = field(default_factory=list)  # [(key, handle)], outermost first

    def read(self, entry: Entry) -> bytes:
        if entry.error:
            raise EntryError(entry.error)
        limit = self.limits.max_file_bytes
        try:
            if not entry.steps:
                return _read_file(entry.file, limit)
            handle = self._handle(entry.file, entry.steps[:-1])
            return handle.read(entry.steps[-1][0], limit)
        except EntryError:
            raise
        except ARCHIVE_ERRORS as exc:
            raise EntryError(one_line(f"cannot read from the archive: {exc}")) from exc

    def _handle(self, file: str, parents: tuple):
        for level in range(len(parents) + 1):
            key = (file,) + parents[:level]
            if level < len(self._open) and self._open[level][0] == key:
                continue
            for _, h in self._open[level:]:
                h.close()
            del self._open[level:]
            if level == 0:
                handle = open_archive(file, path=file)
            else:
                index, name = parents[level - 1]
                handle = open_archive(name, data=self._open[level - 1][1].read(index, self.limits.max_file_bytes))
            self._open.append((key, handle))
        return self._open[len(parents)][1]

    def close(self) -> None:
        for _, h in self._open:
            h.close()
        self._open.clear()


def _read_file(path: str, limit: int) -> bytes:
    try:
        size = os.stat(path).st_size
        if size > limit:
            raise EntryError(f"too large: {_size(size)} > limit {_size(limit)}")
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise EntryError(one_line(f"cannot read: {exc.strerror or exc}")) from exc
    if len(data) > limit:
        raise EntryError(f"too large: more than {_size(limit)}")
    return data
