"""Hostile inputs for the fault and hostile-input tests (tests/test_hostile_*.py), made from raw bytes.

Each maker writes one small file and returns its path; none needs the network or a
fixture. The PDFs are written by hand (objects and an xref table), so each is exactly
the hostile structure it names and nothing else:

- grid_pdf          a one-page PDF drawing an N×N ruled grid (22 KB for 2000×2000)
- flate_bomb_pdf    a page whose content stream inflates to `mebibytes` MiB of blanks
- huge_page_pdf     a page of W×H points (60000×60000: far past the PDF limit of 14400)
- page_tree_cycle_pdf  a page tree whose /Kids holds the tree itself
- zero_page_pdf     a well-formed PDF with no page
- truncated_pdf     the first half of a good PDF
"""
from __future__ import annotations

import zlib
from pathlib import Path


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from object bodies (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, compress: bool = True, extra: str = "") -> bytes:
    if compress:
        data = zlib.compress(data, 9)
        extra += " /Filter /FlateDecode"
    return f"<< /Length {len(data)}{extra} >>\nstream\n".encode() + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _one_page(content: bytes, box: tuple[float, float] = (595, 842), compress: bool = True) -> bytes:
    w, h = box
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:g} {h:g}] /Contents 4 0 R "
                 f"/Resources << /Font << /F1 5 0 R >> >> >>".encode(),
                 _stream(content, compress),
                 _FONT])


def grid_pdf(path: Path, n: int = 2000, size: float = 595) -> Path:
    step = size / n
    ops = [b"0.1 w"]
    for i in range(n + 1):
        v = f"{i * step:.3f}".encode()
        ops.append(b"0 " + v + b" m " + f"{size:g}".encode() + b" " + v + b" l S")
        ops.append(v + b" 0 m " + v + b" " + f"{size:g}".encode() + b" l S")
    ops.append(b"BT /F1 8 Tf 20 20 Td (INDIKATOR KINERJA UTAMA) Tj ET")
    path.write_bytes(_one_page(b"\n".join(ops), (size, size)))
    return path


def flate_bomb_pdf(path: Path, mebibytes: int = 1000) -> Path:
    """A content stream of `mebibytes` MiB of spaces, deflated (about 1 KiB per MiB)."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(comp.compress(chunk) for _ in range(mebibytes)) + comp.flush()
    stream = f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream"
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                           stream]))
    return path


def huge_page_pdf(path: Path, width: float = 60000, height: float = 60000) -> Path:
    path.write_bytes(_one_page(b"BT /F1 12 Tf 100 100 Td (INDIKATOR KINERJA UTAMA) Tj ET", (width, height)))
    return path


def page_tree_cycle_pdf(path: Path) -> Path:
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                           b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                           _stream(b"BT /F1 12 Tf 100 700 Td (x) Tj ET")]))
    return path


def zero_page_pdf(path: Path) -> Path:
    path.write_bytes(_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    return path


def truncated_pdf(path: Path, good: Path) -> Path:
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def encrypted_pdf(path: Path) -> Path:
    from reportlab.lib import pdfencrypt  # local: reportlab only for the makers that need it
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    c.drawString(100, 700, "INDIKATOR KINERJA UTAMA")
    c.save()
    return path


class _Zeros:
    """A readable stream of `n` zero bytes (never held in memory)."""

    def __init__(self, n: int):
        self.left = n

    def read(self, size: int = -1) -> bytes:
        k = self.left if size is None or size < 0 else min(size, self.left)
        k = min(k, 1 << 20)
        self.left -= k
        return bytes(k)


def tar_bomb(path: Path, mebibytes: int = 1000, members: int = 1, good: Path | None = None) -> Path:
    """A .tar.gz of `members` members of `mebibytes` MiB of zeros each (about 1 KiB per MiB),
    after an optional good PDF."""
    import tarfile  # local: only this maker needs it
    with tarfile.open(path, "w:gz", compresslevel=9) as tf:
        if good is not None:
            tf.add(good, arcname=good.name)
        for i in range(members):
            info = tarfile.TarInfo(f"bomb-{i}.pdf")
            info.size = mebibytes << 20
            tf.addfile(info, _Zeros(info.size))
    return path
