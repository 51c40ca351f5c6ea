"""Batch inputs: files, folders (recursive), globs, and zip / tar archives read safely.

Every input expands into entries, one per document. Archive members are never
extracted to disk under their own names: they are streamed (hashed while copied
to a temporary file, `Reader.spool`; nested archives through anonymous temporary
files), never held whole in memory, and an entry whose name would escape the
archive ("../x.pdf", "/etc/x.pdf", "C:x.pdf") is refused with its reason instead.
Bounds guard against archive bombs: the size of one member, the bytes one archive
may expand to (nested archives included), its number of members, the compression
ratio of a zip member and of a compressed tar as a whole (from the member headers,
before a byte is inflated), and how deep archives may nest inside archives. Each
refusal is an entry with a one-line `error`, so it is reported and recorded like
any other failed document.

Names are data: a path is `storable` (bytes that are not UTF-8 escaped as \\xNN) and
shown `printable` (control characters escaped, one line). Files are stat-checked
before they are opened and opened with O_NONBLOCK (`open_regular`): a FIFO, a device,
a dangling link or a link loop is an entry with an error, never a blocked read.
Two entries never share a key: a second archive member of one name is recorded as
"name (2)", with a note.
"""
from __future__ import annotations

import errno
import glob
import hashlib
import io
import os
import stat
import tarfile
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field, replace
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
    max_ratio: int = 200                 # uncompressed / compressed size: of one zip member (>= 1 MiB),
                                         # of everything a compressed tar holds (>= 1 MiB)
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
    note: Optional[str] = None     # said once when the batch reaches it (a name collision resolved)

    @property
    def display(self) -> str:
        """The entry's name for a one-line message: control characters escaped."""
        return printable(f"{self.archive}!{self.path}" if self.archive else self.path)

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


def storable(name: str) -> str:
    """A name as data that any UTF-8 writer takes: the bytes of a file name that are not
    UTF-8 (held by Python as lone surrogates) written as \\xNN; everything else kept."""
    if not any("\udc80" <= ch <= "\udcff" for ch in name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_CONTROL = {c: f"\\x{c:02x}" for c in list(range(0x20)) + [0x7F]}
_CONTROL.update({0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029", 0x85: "\\x85"})


def printable(name: str) -> str:
    """A name for a one-line message: storable, with line breaks and control characters escaped."""
    return storable(name).translate(_CONTROL)


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

    def open_member(self, index: int, limit: int):
        """A stream of one member's bytes (read it with copy_bounded)."""
        return self.zf.open(self.infos[index])

    def read(self, index: int, limit: int) -> bytes:
        with self.open_member(index, limit) as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise EntryError(f"too large: more than {_size(limit)} uncompressed")
        return data

    def close(self) -> None:
        self.zf.close()


class _Tar:
    """Tar (plain or compressed). Members are read in order, so a compressed
    stream is decompressed once per pass instead of once per member."""

    def __init__(self, path: Optional[str] = None, data: Optional[bytes] = None, fileobj=None):
        self._path, self._data, self._fileobj = path, data, fileobj
        self.tf: Optional[tarfile.TarFile] = None
        if path is not None:
            self.packed = os.stat(path).st_size
        elif fileobj is not None:
            self.packed = fileobj.seek(0, os.SEEK_END)
        else:
            self.packed = len(data)
        self._reopen()

    def _reopen(self) -> None:
        if self.tf is not None:
            self.tf.close()
        if self._path is not None:
            self.tf = tarfile.open(name=self._path, mode="r:*")
        elif self._fileobj is not None:
            self._fileobj.seek(0)
            self.tf = tarfile.open(fileobj=self._fileobj, mode="r:*")
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

    def open_member(self, index: int, limit: int):
        """A stream of one member's bytes (read it with copy_bounded); members are reached in order."""
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
        return fh

    def read(self, index: int, limit: int) -> bytes:
        data = self.open_member(index, limit).read(limit + 1)
        if len(data) > limit:
            raise EntryError(f"too large: more than {_size(limit)}")
        return data

    def close(self) -> None:
        if self.tf is not None:
            self.tf.close()


def open_archive(name: str, path: Optional[str] = None, data: Optional[bytes] = None, fileobj=None):
    """An archive handle for a file on disk (`path`), an open file (`fileobj`, e.g. a nested
    archive spooled to a temporary file) or bytes (`data`), by its name's suffix."""
    if name.lower().endswith(".zip"):
        return _Zip(path if path is not None else fileobj if fileobj is not None else io.BytesIO(data))
    return _Tar(path=path, data=data, fileobj=fileobj)


CHUNK = 1 << 20
_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EROFS)


def copy_bounded(src, dst, limit: int) -> tuple[str, int]:
    """Copy a stream to `dst` (a binary file, or None to only hash it) in chunks, never more
    than `limit` bytes: (sha256, size). Memory stays at one chunk whatever the size."""
    digest, size = hashlib.sha256(), 0
    while True:
        chunk = src.read(CHUNK)
        if not chunk:
            return digest.hexdigest(), size
        size += len(chunk)
        if size > limit:
            raise EntryError(f"too large: more than {_size(limit)}")
        digest.update(chunk)
        if dst is not None:
            dst.write(chunk)


def _spooled_member(parent, index: int, limit: int):
    """A nested archive's bytes in an anonymous temporary file (never whole in memory)."""
    tmp = tempfile.TemporaryFile(prefix="iku-nested-")
    try:
        with parent.open_member(index, limit) as src:
            copy_bounded(src, tmp, limit)
        tmp.seek(0)
    except BaseException:
        tmp.close()
        raise
    return tmp


# --------------------------------------------------------------------------- expansion

def _walk(folder: Path, problems: list) -> list[Path]:
    """The PDFs and archives under a folder; links to folders are not followed (no loop),
    a folder that cannot be listed is added to `problems` as (path, reason)."""
    found = []

    def unreadable(exc: OSError) -> None:
        problems.append((Path(exc.filename or folder), f"cannot list the folder: {exc.strerror or exc}"))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs.sort()
        for f in sorted(files):
            if kind_of(f):
                found.append(Path(root) / f)
    return found


def _files(inputs: list[str], problems: Optional[list] = None) -> list[Path]:
    files: list[Path] = []
    problems = [] if problems is None else problems
    for arg in inputs:
        p = Path(arg)
        if p.is_dir():
            files.extend(_walk(p, problems))
        elif os.path.lexists(p):
            files.append(p)  # a file named on the command line is an input, whatever its name or kind
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                raise InputsError(f"{printable(arg)}: no file matches")
            for m in map(Path, matches):
                files.extend(_walk(m, problems) if m.is_dir() else [m])
        else:
            raise InputsError(f"{printable(arg)}: no such file or folder")
    return unique_paths(files)


def _identity(p: Path):
    """What makes two paths the same file: (device, inode), else the resolved path."""
    try:
        st = os.stat(p)
        if stat.S_ISREG(st.st_mode):
            return (st.st_dev, st.st_ino)
    except (OSError, ValueError):
        pass
    try:
        return p.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop: the link itself names it
        return Path(os.path.abspath(p))


def unique_paths(paths: list[Path]) -> list[Path]:
    """The paths in order, each file once however it was named."""
    seen, unique = set(), []
    for p in paths:
        key = _identity(p)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def check_regular(path: str) -> int:
    """The size of a regular file; EntryError (one line) for anything else, without blocking:
    stat before open, so a FIFO, a device, a socket, a dangling link or a link loop is never opened."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if os.path.islink(path) and exc.errno == errno.ENOENT:
            raise EntryError("a link to nothing (dangling link); not read") from None
        raise EntryError(f"cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:  # a NUL in the name
        raise EntryError(f"cannot read: {exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise EntryError(f"not a regular file ({_file_kind(st.st_mode)}); not read")
    return st.st_size


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def open_regular(path: str):
    """A binary file object for a regular file, opened without blocking (O_NONBLOCK) and
    checked again once open (the name may have been swapped for a FIFO in between)."""
    check_regular(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise EntryError(f"cannot read: {exc.strerror or exc}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise EntryError(f"not a regular file ({_file_kind(st.st_mode)}); not read")
    return os.fdopen(fd, "rb")


def expand(inputs: list[str], limits: Limits = Limits()) -> list[Entry]:
    """Every document the inputs hold, in a stable order; refusals as entries with an error.

    Names are data: an entry's path is `storable` (bytes that are not UTF-8 escaped), and
    two entries never share a key (archive, path): a second member of the same name in one
    archive gets " (2)" after its name, with a note saying so (no document hides another)."""
    entries: list[Entry] = []
    problems: list = []
    for f in _files(inputs, problems):
        name = str(f)
        shown = storable(name)
        if kind_of(name) == "archive":
            try:
                check_regular(name)
            except EntryError as exc:
                entries.append(Entry(path=shown, file=name, error=one_line(str(exc))))
                continue
            entries.extend(_archive_entries(name, limits))
        else:
            try:
                size = check_regular(name)
            except EntryError as exc:
                entries.append(Entry(path=shown, file=name, error=one_line(str(exc))))
                continue
            entries.append(Entry(path=shown, file=name, size=size))
    for folder, reason in problems:
        entries.append(Entry(path=storable(str(folder)), file=str(folder), error=one_line(reason)))
    return _distinct(entries)


def _distinct(entries: list[Entry]) -> list[Entry]:
    seen: set = set()
    out = []
    for e in entries:
        if e.key in seen:
            n = 2
            while (e.archive or "", f"{e.path} ({n})") in seen:
                n += 1
            new = f"{e.path} ({n})"
            where = f"{printable(e.archive)} holds" if e.archive else "the inputs hold"
            e = replace(e, path=new, note=f"{where} more than one {printable(e.path)}: "
                                          f"this one is recorded as {printable(new)}")
        seen.add(e.key)
        out.append(e)
    return out


@dataclass
class _Budget:
    left: int
    blown: bool = False

    def take(self, n: int) -> bool:
        self.left -= max(n, 0)
        if self.left < 0:
            self.blown = True
        return not self.blown


class _Owned:
    """An archive handle that closes the temporary file it reads from."""

    def __init__(self, handle, tmp):
        self._handle, self._tmp = handle, tmp

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def close(self) -> None:
        try:
            self._handle.close()
        finally:
            self._tmp.close()


def _open_nested(parent, index: int, name: str, limit: int):
    tmp = _spooled_member(parent, index, limit)
    try:
        return _Owned(open_archive(name, fileobj=tmp), tmp)
    except BaseException:
        tmp.close()
        raise


def _archive_entries(file: str, limits: Limits) -> list[Entry]:
    shown = storable(file)
    try:
        handle = open_archive(file, path=file)
    except ARCHIVE_ERRORS as exc:
        return [Entry(path=shown, file=file, error=one_line(f"unreadable archive: {exc}"))]
    budget = _Budget(limits.max_archive_bytes)
    try:
        return list(_list(handle, Entry(path=shown, file=file), file, (), 0, budget, limits))
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
    expanded = 0  # what a tar's members add up to, against the size of the (compressed) tar
    tar = isinstance(getattr(handle, "_handle", handle), _Tar)
    try:
        for m in handle.members():
            seen += 1
            if seen > limits.max_archive_members:
                yield refuse(f"archive has more than {limits.max_archive_members} members; the rest is not read")
                return
            kind = kind_of(m.name)
            if tar:
                if not budget.take(m.size):
                    yield refuse(f"archive expands beyond {_size(limits.max_archive_bytes)}; the rest is not read")
                    return
                # the header comes before the data: a bomb is refused before a byte of it is inflated
                expanded += max(m.size, 0)
                if expanded >= MiB and expanded > limits.max_ratio * max(handle.packed, 1):
                    yield refuse(f"suspicious compression ratio: {_size(expanded)} from a "
                                 f"{_size(handle.packed)} archive (archive bomb?); the rest is not read")
                    return
            if kind is None:
                continue
            here = steps + ((m.index, m.name),)
            path = storable(m.name)
            entry = Entry(path=path, archive=display, file=file, steps=here, size=m.size)
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
            elif not tar and not budget.take(m.size):
                yield refuse(f"archive expands beyond {_size(limits.max_archive_bytes)}; the rest is not read")
                return
            elif kind == "archive" and depth + 1 > limits.max_depth:
                reason = f"nested archive deeper than {limits.max_depth} levels; not read"
            if reason:
                yield Entry(path=path, archive=display, file=file, steps=here, size=m.size, error=reason)
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
        handle = _open_nested(parent, entry.steps[-1][0], entry.steps[-1][1], limits.max_file_bytes)
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
        """An entry's bytes in memory (tests, and executors that send bytes)."""
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

    def spool(self, entry: Entry, folder: Path) -> tuple[str, int, str, bool]:
        """(sha256, size, file, temporary) without holding the entry in memory: a plain file is
        hashed where it is; an archive member is streamed into a temporary file in `folder`
        (temporary=True: the caller deletes it once the document is done)."""
        if entry.error:
            raise EntryError(entry.error)
        limit = self.limits.max_file_bytes
        if not entry.steps:
            try:
                with open_regular(entry.file) as fh:
                    sha, size = copy_bounded(fh, None, limit)
            except OSError as exc:
                raise EntryError(one_line(f"cannot read: {exc.strerror or exc}")) from None
            return sha, size, entry.file, False
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix="member-", suffix=".pdf", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out:
                handle = self._handle(entry.file, entry.steps[:-1])
                with handle.open_member(entry.steps[-1][0], limit) as src:
                    sha, size = copy_bounded(src, out, limit)
        except BaseException as exc:
            os.unlink(tmp)
            if isinstance(exc, EntryError) or (isinstance(exc, OSError) and exc.errno in _FULL):
                raise  # the spool's disk is full: an output fault, not this member's
            if isinstance(exc, ARCHIVE_ERRORS):
                raise EntryError(one_line(f"cannot read from the archive: {exc}")) from exc
            raise
        return sha, size, tmp, True

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
                handle = _open_nested(self._open[level - 1][1], index, name, self.limits.max_file_bytes)
            self._open.append((key, handle))
        return self._open[len(parents)][1]

    def close(self) -> None:
        for _, h in self._open:
            h.close()
        self._open.clear()


def _read_file(path: str, limit: int) -> bytes:
    try:
        with open_regular(path) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise EntryError(one_line(f"cannot read: {exc.strerror or exc}")) from exc
    if len(data) > limit:
        raise EntryError(f"too large: more than {_size(limit)}")
    return data
