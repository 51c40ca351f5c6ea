"""Build scanned variants of the samples: image-only PDFs with the same gold.

    .venv/bin/python samples/generate_scans.py            # the committed set → samples/scanned/
    .venv/bin/python samples/generate_scans.py --all DIR  # every sample at every quality → DIR

Every page of a digital sample (``samples/digital/``) is rasterised at 300, 200
or 150 dpi and made to look scanned: grayscale, a small rotation (up to ±2°),
blur, uneven brightness, speckles, grain, then JPEG compression. The PDF has no
text layer: one grayscale JPEG per page, drawn over the page's original size.
Some documents have their landscape pages "fed the other way": the page is
stored portrait, its content turned by 90° or 270°.

Seed 004 (Dinas Sosial dan Pemberdayaan Masyarakat Kota Bontang) exists only as
a scan: its layout is made here from its gold and the decree text of the seed
(``samples/seeds/004_e40d5c5079bace3c.txt``, itself a poor OCR of the original).

Output names: ``<stem>-scan300.pdf`` / ``-scan200.pdf`` / ``-scan150.pdf`` with
``<name>.json`` beside each: the digital gold, ``source_file`` set to the scan's
file name. The build is deterministic (fixed seeds per page).
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import zlib
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (samples/generate.py: layout helpers of the digital samples)

DIGITAL_DIR = HERE / "digital"
OUT_DIR = HERE / "scanned"
QUALITIES = {"scan300": 300, "scan200": 200, "scan150": 150}
SEED_004 = "004_e40d5c5079bace3c"
# the committed set: a few documents at 300 and 200 dpi, and every scan of seed 004
COMMITTED = {
    "001_65d427c19d83d0f8": ("scan300", "scan200"),
    "101_bappeda_pontianak": ("scan300", "scan200"),
    SEED_004: ("scan300", "scan200", "scan150"),
}
# landscape pages fed into the scanner the other way round: stored portrait,
# the content turned clockwise by this many degrees
SIDEWAYS = {"100_dinkes_sleman": 90, SEED_004: 270}
JPEG_QUALITY = 55
GRAIN = 3.0  # standard deviation of the sensor noise (grey levels)


# --------------------------------------------------------------------------
# degradation of one page image

def degrade(gray: np.ndarray, dpi: int, rng: np.random.Generator) -> np.ndarray:
    """A clean rendering (uint8, white paper) made to look like a scan of a print."""
    h, w = gray.shape
    f = gray.astype(np.float32)
    # toner is not black, paper is not white
    f = 28.0 + f * (238.0 - 28.0) / 255.0
    # the sheet lies a little askew on the glass
    angle = float(rng.uniform(0.4, 2.0) * rng.choice([-1.0, 1.0]))
    m = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, 1.0)
    f = cv2.warpAffine(f, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                       borderValue=238.0)
    # optics: a soft focus
    sigma = float(rng.uniform(0.45, 0.8))
    f = cv2.GaussianBlur(f, (0, 0), sigma)
    # uneven light: a gradient across the page and a darker corner
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    theta = float(rng.uniform(0, 2 * np.pi))
    ramp = (xx / w) * np.cos(theta) + (yy / h) * np.sin(theta)
    ramp = (ramp - ramp.min()) / max(float(ramp.max() - ramp.min()), 1e-6)
    cx, cy = float(rng.uniform(0, w)), float(rng.uniform(0, h))
    radial = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2) / np.hypot(w, h)
    light = 1.0 - float(rng.uniform(0.12, 0.24)) * ramp - float(rng.uniform(0.04, 0.10)) * radial
    f *= light
    # speckles: dust and toner dots, some larger near the edges
    scale = dpi / 300.0
    n = int(w * h * float(rng.uniform(1.5e-4, 3e-4)) / (scale * scale))
    ys = rng.integers(0, h, n)
    xs = rng.integers(0, w, n)
    rs = rng.uniform(0.6, 2.2, n) * scale
    vs = rng.uniform(30, 120, n)
    for y, x, r, v in zip(ys, xs, rs, vs):
        cv2.circle(f, (int(x), int(y)), max(int(round(r)), 1) if r >= 1 else 0, float(v), -1)
    # sensor grain
    f += rng.normal(0.0, GRAIN, f.shape).astype(np.float32)
    return np.clip(f, 0, 255).astype(np.uint8)


def _seed(*parts) -> int:
    return zlib.crc32("|".join(str(p) for p in parts).encode())


def scan_pages(pdf_path: Path, dpi: int, stem: str, quality: str,
               sideways: int = 0) -> list[tuple[bytes, int, int, float, float]]:
    """(JPEG bytes, pixel width, pixel height, page width pt, page height pt) per page."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    pages = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            wpt, hpt = page.get_size()
            bitmap = page.render(scale=dpi / 72.0, grayscale=True)
            img = bitmap.to_numpy().copy()
            if img.ndim == 3:
                img = img[:, :, 0]
            page.close()
            rng = np.random.default_rng(_seed(stem, quality, i))
            img = degrade(img, dpi, rng)
            if sideways and wpt > hpt:
                img = cv2.rotate(img, cv2.ROTATE_90_CLOCKWISE if sideways == 90
                                 else cv2.ROTATE_90_COUNTERCLOCKWISE)
                wpt, hpt = hpt, wpt
            ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY,
                                                 cv2.IMWRITE_JPEG_OPTIMIZE, 1])
            assert ok
            pages.append((buf.tobytes(), img.shape[1], img.shape[0], wpt, hpt))
    finally:
        pdf.close()
    return pages


def write_image_pdf(path: Path, pages: list[tuple[bytes, int, int, float, float]]) -> None:
    """A minimal PDF: one page per (grey) JPEG, the image filling the page; no text layer.
    The writer is the generator's (samples/generator/scan.py), which also writes colour."""
    from generator.scan import write_image_pdf as image_pdf  # local: OpenCV scan module only when writing

    path.write_bytes(image_pdf([(*page, False) for page in pages]))


# --------------------------------------------------------------------------
# seed 004: laid out from its gold and the seed's decree text

DECREE_004 = [
    "KEPUTUSAN KEPALA DINAS SOSIAL DAN PEMBERDAYAAN MASYARAKAT",
    "NOMOR :          TAHUN 2022",
    "TENTANG",
    "PENETAPAN INDIKATOR KINERJA UTAMA",
    "DI LINGKUNGAN DINAS SOSIAL DAN PEMBERDAYAAN MASYARAKAT",
    "TAHUN 2022-2026",
    "KEPALA DINAS SOSIAL DAN PEMBERDAYAAN MASYARAKAT",
    "Menimbang : bahwa untuk melaksanakan ketentuan Pasal 3 dan Pasal 4 Peraturan Menteri "
    "Pendayagunaan Aparatur Negara Nomor PER/9/M.PAN/5/2007 tentang Pedoman Umum Penetapan "
    "Indikator Kinerja Utama di Lingkungan Instansi Pemerintah, perlu menetapkan Indikator Kinerja "
    "Utama di Lingkungan Dinas Sosial dan Pemberdayaan Masyarakat Kota Bontang dalam suatu Surat "
    "Keputusan.",
    "Mengingat : 1. Undang-Undang RI No. 47 Tahun 1999 tentang Pembentukan Kabupaten Nunukan, "
    "Kabupaten Malinau, Kabupaten Kutai Barat, Kabupaten Kutai Timur dan Kota Bontang.",
    "2. Undang-Undang RI Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional.",
    "3. Undang-Undang RI Nomor 32 Tahun 2004 tentang Pemerintahan Daerah.",
    "4. Undang-Undang RI Nomor 33 Tahun 2004 tentang Perimbangan Keuangan antara Pemerintah Pusat "
    "dan Pemerintah Daerah.",
    "5. Peraturan Pemerintah No. 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi "
    "Pemerintah.",
    "6. Instruksi Presiden Nomor 5 Tahun 2004 tentang Percepatan Pemberantasan Korupsi.",
    "7. Instruksi Presiden Nomor 7 Tahun 1999 tentang Akuntabilitas Kinerja Instansi Pemerintah.",
    "8. Peraturan Menteri Negara Pendayagunaan Aparatur Negara Nomor PER/9/M.PAN/5/2007 tentang "
    "Pedoman Umum Penetapan Indikator Kinerja Utama di Lingkungan Instansi Pemerintah.",
    "9. Peraturan Daerah Kota Bontang Nomor 08 Tahun 2011 tentang Rencana Pembangunan Jangka "
    "Menengah Daerah Kota Bontang Tahun 2011-2016.",
    "10. Peraturan Walikota Bontang Nomor 41 Tahun 2018 Tentang Kedudukan, Susunan Organisasi, "
    "Tugas dan Fungsi, Serta Tata Kerja Dinas Sosial dan Pemberdayaan Masyarakat.",
    "MEMUTUSKAN",
    "Menetapkan :",
    "PERTAMA : Indikator Kinerja Utama sebagaimana tercantum dalam lampiran keputusan ini, "
    "merupakan acuan ukuran kinerja yang digunakan oleh Dinas Sosial dan Pemberdayaan Masyarakat "
    "Kota Bontang untuk menetapkan Rencana Kinerja Tahunan (RKT), menyampaikan Rencana Kerja dan "
    "Anggaran (RKA), menyusun dokumen Penetapan Kinerja (PK), menyusun Laporan Akuntabilitas "
    "Kinerja Instansi Pemerintah (LAKIP) serta melakukan evaluasi pencapaian kinerja sesuai dengan "
    "dokumen Rencana Strategis (Renstra) Dinas Sosial dan Pemberdayaan Masyarakat Kota Bontang "
    "Tahun 2022-2026.",
    "KEDUA : Keputusan ini berlaku sejak ditetapkan dan apabila dikemudian hari terdapat kekeliruan "
    "dalam keputusan ini akan diperbaiki kembali sebagaimana mestinya.",
    "Ditetapkan di : Bontang",
    "Pada Tanggal : Januari 2022",
    "KEPALA,",
    "Bahtiar Mabé, S. Sos, M. Kes",
    "NIP. 196707151990011001",
]
TEMBUSAN_004 = [
    "Tembusan disampaikan kepada Yth :",
    "1. Sekretaris Daerah Kota Bontang",
    "2. Inspektur Daerah Kota Bontang",
    "3. Kepala Badan Perencanaan, Penelitian Pembangunan Kota Bontang",
    "4. Kepala Bagian Organisasi Sekretariat Daerah Kota Bontang",
]
HEAD_004 = [
    ("Nama Unit Organisasi", ["Dinas Sosial dan Pemberdayaan Masyarakat"]),
    ("Tugas", ["Melaksanakan urusan pemerintahan di Bidang Sosial dan Pemberdayaan Masyarakat"]),
    ("Fungsi", [
        "a. Perumusan kebijakan teknis lingkup Bidang Sosial dan Bidang Pemberdayaan Masyarakat;",
        "b. Pengkoordinasian, pengendalian seluruh kegiatan pada unit kerja dinas;",
        "c. Pengkoordinasian urusan administrasi kesekretariatan dan keuangan dinas;",
        "d. Pembinaan terhadap pelaksanaan tugas pejabat struktural, kelompok jabatan fungsional dan "
        "staf di lingkungan dinas;",
        "e. Memberikan saran dan pertimbangan kepada Kepala Daerah;",
        "f. Pelaksanaan pelaporan tugas dinas sebagai pertanggung jawaban;",
        "g. Melaksanakan tugas kedinasan lain yang diberikan oleh atasan;",
    ]),
]
HEADER_004 = ["No.", "Kinerja Utama/ Outcome/ Tujuan/Sasaran", "Indikator Kinerja Utama",
              "Penjelasan/Form Perhitungan", "Sumber Data", "Penanggung Jawab"]
SIGN_004 = ["Bontang, Januari 2022", "KEPALA DINAS SOSIAL DAN PEMBERDAYAAN MASYARAKAT",
            "Bahtiar Mabé, S. Sos, M. Kes", "NIP. 196707151990011001"]


def _formula_cell(text: str, size: float):
    """`A / B X 100%` as a stacked fraction; a formula without a bar as a paragraph."""
    if " / " not in text:
        return [generate.cell_par(text, size)]
    num, rest = text.split(" / ", 1)
    right = ""
    for tail in (" X 100%", " x 100%"):
        if rest.endswith(tail):
            rest, right = rest[: -len(tail)], tail.strip()
    return [generate.Fraction("", num, rest, right, size)]


def build_004_digital(outdir: Path) -> tuple[Path, dict]:
    """The 004 decree laid out as a digital PDF (to be scanned); returns (path, gold)."""
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph, Spacer

    generate.register_fonts()
    gold = json.loads((generate.SEED_DIR / "gold" / f"{SEED_004}.json").read_text(encoding="utf-8"))
    path = outdir / f"{SEED_004}.pdf"
    agency = gold["document"]["agency"]
    doc = generate.make_doc(path, A4, f"IKU {agency}", agency, "portrait")
    pw, lw = doc.frame_widths["portrait"], doc.frame_widths["landscape"]
    story = generate.decree_flowables(DECREE_004, pw)
    story.append(Spacer(1, 16))
    story += [Paragraph(generate.esc(t), generate.style(9)) for t in TEMBUSAN_004]
    story += [NextPageTemplate("landscape"), PageBreak()]
    story.append(Paragraph("INDIKATOR KINERJA UTAMA (IKU)", generate.style(12, True, TA_CENTER, after=8)))
    story.append(generate.label_table(HEAD_004, lw, size=9))
    story.append(Spacer(1, 8))
    size = 8.0
    recs = gold["indicators"]
    body, spans = [], []
    start = 0
    for r, rec in enumerate(recs):
        first = r == 0 or rec["sasaran"] != recs[r - 1]["sasaran"]
        if first and r > start:
            spans.append((1, start, r - 1))
        if first:
            start = r
        body.append(["",
                     [generate.cell_par(rec["sasaran"], size)] if first else "",
                     [generate.cell_par(rec["indikator"], size)],
                     _formula_cell(rec["formulasi"], size),
                     [generate.cell_par(rec["sumber_data"], size, align=TA_CENTER)],
                     [generate.cell_par(rec["penanggung_jawab"], size)]])
    spans.append((1, start, len(recs) - 1))
    header = [[generate.render_cell(h, size, True, TA_CENTER) for h in HEADER_004]]
    widths = [28, 130, 170, 250, 52, lw - 28 - 130 - 170 - 250 - 52]
    story.append(generate.IkuTable(header, body, widths, spans=spans, grid=True, size=size,
                                   cut_count=[0]))
    story += generate.signature_block(SIGN_004, lw)
    doc.build(story)
    return path, gold


# --------------------------------------------------------------------------

def _gold(stem: str, name: str, gold: dict | None = None) -> dict:
    if gold is None:
        gold = json.loads((DIGITAL_DIR / f"{stem}.json").read_text(encoding="utf-8"))
    gold = copy.deepcopy(gold)
    gold["document"]["source_file"] = f"{name}.pdf"
    return gold


def build(outdir: Path | str = OUT_DIR, stems: dict[str, tuple[str, ...]] | None = None,
          everything: bool = False, verbose: bool = False) -> dict[str, dict]:
    """Write scanned PDFs and their gold into outdir; returns {name: summary}.

    `stems` maps a sample stem to the qualities wanted (default: the committed
    set); `everything` builds every digital sample and seed 004 at every quality.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    if everything:
        stems = {p.stem: tuple(QUALITIES) for p in sorted(DIGITAL_DIR.glob("*.pdf"))}
        stems[SEED_004] = tuple(QUALITIES)
    elif stems is None:
        stems = COMMITTED
    summary: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for stem, qualities in stems.items():
            if stem == SEED_004:
                source, gold = build_004_digital(Path(tmp))
            else:
                source, gold = DIGITAL_DIR / f"{stem}.pdf", None
            for quality in qualities:
                name = f"{stem}-{quality}"
                pages = scan_pages(source, QUALITIES[quality], stem, quality, SIDEWAYS.get(stem, 0))
                write_image_pdf(outdir / f"{name}.pdf", pages)
                generate.write_json(outdir / f"{name}.json", _gold(stem, name, gold))
                size = (outdir / f"{name}.pdf").stat().st_size
                summary[name] = {"pages": len(pages), "bytes": size}
                if verbose:
                    print(f"{name}: {len(pages)} pages, {size // 1024} KB")
    return summary


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outdir", nargs="?", default=None)
    ap.add_argument("--all", action="store_true", help="every sample at every quality")
    args = ap.parse_args(argv)
    outdir = Path(args.outdir) if args.outdir else OUT_DIR
    build(outdir, everything=args.all, verbose=True)


if __name__ == "__main__":
    main()
