"""OCR engines behind one small interface: an image region in, words with pixel boxes out.

An engine is made from `OcrSettings` by `make_engine`; the OCR path calls only
`read(image, psm)`. To add an engine: a class with `name` and `read`, listed
in ENGINES and in `extractors.settings.OCR_ENGINES`.

* `tesseract` — libtesseract in-process through tesserocr (one API object per
  process, made on first need and kept: no model load per call); the
  tesseract command through pytesseract when tesserocr is not installed. Both
  give the same words: tesseract's TSV, parsed the same way.
* `rapidocr` — RapidOCR 3.x (PP-OCR detection and recognition, ONNX models
  inside the wheel, offline), one single-threaded model per process, the
  angle classifier off (it turns upright crops over). Its text is folded to
  plain Latin letters, its lines split into words on spaces (it places each
  word from the recogniser's character columns), and the separator of a
  number checked against the glyph on the page (it reads some decimal
  commas as points).
* `auto` — tesseract first; when the page's mean word confidence is below
  `OcrSettings.auto_min_conf` the page is read again by rapidocr and its words
  are used (the choice is made on a page's first read and kept for its other
  reads). Measured in benchmarks/bench_ocr.py and benchmarks/results/ocr.txt.

Measured on 24 table pages of the holdout scans (bags of words against the
text layer of the same page, as the OCR path reads them: rules removed, cells
on a sheet): rapidocr reads as well as tesseract or better on every page with
a mean tesseract confidence below 93 (word F1 at 150 dpi 0.92 against 0.85,
numbers 0.86 against 0.77; 0.54 → 0.70 on the worst page), and about the same
above it, at about four times tesseract's time; auto with 93 gets 0.917 of
rapidocr's 0.918 at 150 dpi. Tesseract in-process (libtesseract 5.5) takes
about half the command's time (no model load per call) and reads degraded
pages a little worse than the system's tesseract 5.3 command (0.888 against
0.938 word F1 on one 150 dpi page): auto sends those pages to rapidocr.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from statistics import median
from typing import Optional, Protocol

import cv2
import numpy as np

from iku.extractors.ocr import OcrError, Word
from iku.extractors.settings import OcrSettings

try:  # libtesseract in-process; without it, the tesseract command
    import tesserocr
except ImportError:  # pragma: no cover - depends on the installation
    tesserocr = None

# engine models made in this process, by engine name (each is made once per process)
CONSTRUCTED: Counter = Counter()


class OcrEngine(Protocol):
    name: str

    def read(self, image: np.ndarray, psm: int) -> list[Word]:
        """Words (pixel boxes, confidence 0..100) of one 8-bit grey image, in reading order.
        `psm` is tesseract's page segmentation mode: 3 a page, 6 one block of text."""
        ...


# --------------------------------------------------------------------------
# tesseract

TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata")


@lru_cache(maxsize=4)
def tessdata_dir(languages: str, configured: str = "") -> str:
    """The folder with the languages' .traineddata: the configured one, $TESSDATA_PREFIX,
    the usual system folders, or the one the tesseract command names."""
    wanted = languages.split("+")

    def has_all(d: str) -> bool:
        return bool(d) and all(Path(d, f"{lang}.traineddata").is_file() for lang in wanted)

    prefix = os.environ.get("TESSDATA_PREFIX", "")
    for d in (configured, prefix, os.path.join(prefix, "tessdata") if prefix else "", *TESSDATA_DIRS):
        if has_all(d):
            return d
    exe = shutil.which("tesseract")
    if exe:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True).stdout
        m = re.search(r'"(.+?)/?"', out)
        if m and has_all(m.group(1)):
            return m.group(1)
    raise OcrError(f"no tessdata folder with {languages} (apt-get install tesseract-ocr "
                   "tesseract-ocr-ind tesseract-ocr-eng, or set OcrSettings.tessdata)")


@lru_cache(maxsize=4)
def _tess_api(languages: str, tessdata: str):
    """One libtesseract API per process and languages, kept for the process's life."""
    CONSTRUCTED["tesseract"] += 1
    try:
        return tesserocr.PyTessBaseAPI(path=tessdata, lang=languages, psm=tesserocr.PSM.AUTO)
    except RuntimeError as exc:
        raise OcrError(f"tesseract could not start ({languages} in {tessdata}): {exc}") from exc


def _tsv_words(rows) -> list[Word]:
    """Words of tesseract's TSV rows (level, page, block, par, line, word, left, top,
    width, height, conf, text): the word rows with a text and a confidence."""
    words = []
    for r in rows:
        if len(r) < 12 or r[0] != "5":
            continue
        text, conf = r[11].strip(), float(r[10])
        if not text or conf < 0:
            continue
        x, y, w, h = int(r[6]), int(r[7]), int(r[8]), int(r[9])
        words.append(Word(text=text, conf=conf, x0=float(x), top=float(y), x1=float(x + w), bottom=float(y + h),
                          block=int(r[2]), par=int(r[3]), line=int(r[4])))
    return words


class Tesseract:
    """Tesseract, single-threaded (OMP_THREAD_LIMIT=1 in the workers): in-process through
    tesserocr when it is installed, else the tesseract command through pytesseract."""
    name = "tesseract"

    def __init__(self, languages: str = "eng+ind", dpi: int = 300, tessdata: str = "",
                 in_process: Optional[bool] = None):
        self.languages, self.dpi, self.tessdata = languages, dpi, tessdata
        self.in_process = (tesserocr is not None) if in_process is None else in_process

    def read(self, image: np.ndarray, psm: int) -> list[Word]:
        if self.in_process:
            return self._read_in_process(image, psm)
        return self._read_command(image, psm)

    def _read_in_process(self, image: np.ndarray, psm: int) -> list[Word]:
        api = _tess_api(self.languages, tessdata_dir(self.languages, self.tessdata))
        image = np.ascontiguousarray(image, dtype=np.uint8)
        h, w = image.shape[:2]
        try:
            api.SetPageSegMode(psm)
            api.SetImageBytes(image.tobytes(), w, h, 1, w)
            api.SetSourceResolution(self.dpi)
            tsv = api.GetTSVText(0) or ""
        finally:
            api.Clear()
        return _tsv_words(line.split("\t") for line in tsv.splitlines())

    def _read_command(self, image: np.ndarray, psm: int) -> list[Word]:
        import pytesseract  # only without tesserocr: the command line fallback

        # handed over as an uncompressed BMP written by OpenCV: ~10 ms for a page,
        # where PNG encoding (pytesseract's own, or OpenCV's) costs 70-130 ms and
        # tesseract reads the same pixels either way
        fd, path = tempfile.mkstemp(suffix=".bmp", prefix="iku-ocr-")
        os.close(fd)
        try:
            cv2.imwrite(path, image)
            data = pytesseract.image_to_data(path, lang=self.languages, config=f"--psm {psm} --dpi {self.dpi}",
                                             output_type=pytesseract.Output.DICT)
        except pytesseract.TesseractNotFoundError as exc:
            raise OcrError("tesseract is not installed (apt-get install tesseract-ocr "
                           "tesseract-ocr-ind tesseract-ocr-eng)") from exc
        except pytesseract.TesseractError as exc:
            raise OcrError(f"tesseract failed: {exc}") from exc
        finally:
            os.unlink(path)
        keys = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
                "left", "top", "width", "height", "conf", "text")
        return _tsv_words([str(data[k][i] if data[k][i] is not None else "") for k in keys]
                          for i in range(len(data["text"])))


# --------------------------------------------------------------------------
# rapidocr

# detection runs on the image scaled by this (recognition on full-resolution crops):
# a 300 dpi page's text lines are found as well at half the size, at a quarter of the cost
DET_SCALE = 0.5
_UNDOTTED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ſ": "s"})  # letters NFKD keeps whole
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _rapid_model():
    """One RapidOCR per process: single-threaded ONNX sessions, no angle classifier."""
    try:
        from rapidocr import RapidOCR  # imported on first need: ~0.5 s and ~150 MB a process
    except ImportError as exc:
        raise OcrError("rapidocr is not installed (pip install rapidocr onnxruntime)") from exc
    CONSTRUCTED["rapidocr"] += 1
    model = RapidOCR(params={
        "Global.use_cls": False, "Global.return_word_box": True, "Global.log_level": "error",
        "Global.max_side_len": 100000, "Det.limit_type": "max",
        "EngineConfig.onnxruntime.intra_op_num_threads": 1, "EngineConfig.onnxruntime.inter_op_num_threads": 1})
    model._load_det_model()
    model._load_rec_model()
    return model


def fold(text: str) -> str:
    """Plain text of a recognised string: full-width forms as ASCII, accents off
    ("Mabé" → "Mabe"), no CJK characters (the recogniser's alphabet has them)."""
    text = unicodedata.normalize("NFKC", text).translate(_UNDOTTED)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return _CJK.sub("", text)


def _box(quad) -> tuple[float, float, float, float]:
    pts = np.asarray(quad, dtype=np.float64)
    return float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max())


# a point between two lower-case words: a word space the recogniser read as a point
# ("sarana.prasarana", "Tahun.ini"); abbreviations before a capital ("Kab.Nama", "M.Si"), numbers,
# addresses ("bps.go.id") and paths keep theirs
_SPACE_AS_POINT = re.compile(r"^(?!www\.)([^\W\d_]*[a-z]{2})\.([a-z]{2}[^\W\d_]*[.,;:]?)$")


def split_point_space(text: str, box: tuple[float, float, float, float]) -> list[tuple[str, tuple]]:
    """A word "a.b" of two lower-case words as two words (see _SPACE_AS_POINT), each
    given its share of the box; any other word as it is."""
    m = _SPACE_AS_POINT.match(text)
    if not m:
        return [(text, box)]
    x0, y0, x1, y1 = box
    cut = x0 + (x1 - x0) * (len(m.group(1)) + 0.5) / len(text)
    return [(m.group(1), (x0, y0, cut, y1)), (m.group(2), (cut, y0, x1, y1))]


def _split_line(text: str, box: tuple[float, float, float, float]) -> list[tuple[str, tuple]]:
    """A line without word boxes: its words on spaces, each given its share of the line's width."""
    parts = text.split()
    if not parts:
        return []
    x0, y0, x1, y1 = box
    total = len(text)
    out, pos = [], 0
    for p in parts:
        start = text.index(p, pos)
        pos = start + len(p)
        out.append((p, (x0 + (x1 - x0) * start / total, y0, x0 + (x1 - x0) * pos / total, y1)))
    return out


# a number with one separator between digits: "71,24", "71.24", "95.5%", "1,234"
_ONE_SEP = re.compile(r"^([^\d]*\d+)([.,])(\d+)([^\d]*)$")


def separator_glyph(image: np.ndarray, box: tuple[float, float, float, float], text: str) -> Optional[str]:
    """"," when the separator of a one-separator number is a comma on the page: a
    mark between the digits whose tail reaches below their baseline. None when it
    cannot be told: at 150 dpi a comma's tail is often gone and it looks like a
    point, so a point-like mark proves nothing."""
    if not _ONE_SEP.match(text):
        return None
    h, w = image.shape[:2]
    x0, y0, x1, y1 = box
    pad = max(int((y1 - y0) * 0.3), 3)
    cx0, cy0 = max(int(x0) - pad, 0), max(int(y0) - pad, 0)
    cx1, cy1 = min(int(x1) + pad, w), min(int(y1) + pad, h)
    crop = image[cy0:cy1, cx0:cx1]
    if crop.size == 0 or int(crop.max()) - int(crop.min()) < 60:
        return None
    # smoothed and thresholded on the crop's own levels: noise and JPEG blocks break
    # a fixed threshold's glyphs into pieces
    smooth = cv2.GaussianBlur(crop, (3, 3), 0)
    _, ink = cv2.threshold(smooth, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    comps = [tuple(int(v) for v in stats[i, :5]) for i in range(1, n) if stats[i, 4] >= 4]
    if not comps:
        return None
    tall = median(sorted(c[3] for c in comps)[-3:])
    digits = sorted((c for c in comps if 0.7 * tall <= c[3] <= 1.3 * tall), key=lambda c: c[0])
    if len(digits) < 2:
        return None
    base = median(c[1] + c[3] for c in digits)
    top = median(c[1] for c in digits)
    dh = max(base - top, 1.0)
    # the mark between digits, small, in the lower half of the digits' band
    marks = [c for c in comps if c[3] < 0.6 * dh and c[2] < 0.5 * dh and c[1] + c[3] / 2 > top + 0.55 * dh
             and digits[0][0] + digits[0][2] / 2 < c[0] + c[2] / 2 < digits[-1][0] + digits[-1][2] / 2]
    if len(marks) != 1:
        return None
    _, my, mw, mh, _ = marks[0]
    if (my + mh) - base >= 0.12 * dh and mh >= 1.3 * mw:
        return ","
    return None


# a decimal number with one separator and one or two decimals: "71.24", "95,5%"
_DECIMAL = re.compile(r"^([^\d]*\d+)([.,])(\d{1,2})([^\d]*)$")


def fix_separators(words: list[Word]) -> None:
    """Decimal commas the recogniser read as points, put back (in place).

    The recogniser reads some decimal commas as points, never the other way
    round (measured on the holdout scans). A page writes its decimals one way,
    so a point number ("84.00") is a misread comma when the same reading of the
    page has comma numbers of its shape (as many decimals: "80,00"), or when
    the glyph on the page has a comma's tail (`separator_glyph`, checked by the
    caller and marked in `Word.extra["comma"]`). Numbers with three digits after
    a point ("1.234", a thousands group) and section numbers on pages without
    comma decimals of their shape are left as read."""
    found = [(w, m) for w in words for m in [_DECIMAL.match(w.text)] if m]
    comma_shapes = {len(m.group(3)) for _, m in found if m.group(2) == ","}
    for w, m in found:
        if m.group(2) == "." and (len(m.group(3)) in comma_shapes or w.extra.get("comma")):
            w.original = w.original or w.text
            w.text = f"{m.group(1)},{m.group(3)}{m.group(4)}"


class RapidOcr:
    """RapidOCR 3.x (PP-OCR), one model per process made on first need."""
    name = "rapidocr"

    def __init__(self, languages: str = "eng+ind", **_):
        self.languages = languages  # the models read Latin text whatever the languages
        # the decimal numbers of every read by this engine (one engine a page): a
        # page's separators are put back from all of its reads (fix_separators)
        self.decimals: list[Word] = []

    def read(self, image: np.ndarray, psm: int) -> list[Word]:
        model = _rapid_model()
        h, w = image.shape[:2]
        model.text_det.limit_side_len = max(int(max(h, w) * DET_SCALE), 736)
        bgr = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image
        gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        out = model(bgr)
        if out.boxes is None or out.txts is None or len(out.txts) == 0:
            return []
        word_results = list(out.word_results) if out.word_results else []
        words: list[Word] = []
        # word_results leave out lines without word boxes: matched to lines by text
        wr_by_line = {}
        k = 0
        for i, txt in enumerate(out.txts):
            if k < len(word_results) and "".join(t for t, _, _ in word_results[k]) == "".join(txt.split()):
                wr_by_line[i] = word_results[k]
                k += 1
        for i, (quad, txt, score) in enumerate(zip(out.boxes, out.txts, out.scores)):
            line_box = _box(quad)
            if i in wr_by_line:
                parts = [(t, _box(b)) for t, _, b in wr_by_line[i]]
            else:
                parts = _split_line(txt, line_box)
            _, ly0, _, ly1 = line_box
            parts = [piece for t, b in parts for piece in split_point_space(fold(t).strip(), b)]
            for t, (x0, _, x1, _) in parts:
                if not t:
                    continue
                wd = Word(text=t, conf=round(float(score) * 100, 2), x0=x0, top=ly0, x1=x1,
                          bottom=ly1, block=i + 1, par=1, line=1)
                if _DECIMAL.match(t) and "." in t and separator_glyph(gray, (x0, ly0, x1, ly1), t) == ",":
                    wd.extra["comma"] = True
                words.append(wd)
        self.decimals += [wd for wd in words if _DECIMAL.match(wd.text)]
        fix_separators(self.decimals)
        return words


# --------------------------------------------------------------------------
# the choice


def mean_confidence(words: list[Word]) -> float:
    """Mean confidence (0..100) of the words with a letter or digit; 0 without any."""
    confs = [w.conf for w in words if any(ch.isalnum() for ch in w.text)]
    return sum(confs) / len(confs) if confs else 0.0


class Auto:
    """Tesseract on pages it reads surely, rapidocr on the others. The first read of a
    page (the page and its cells) decides; the page's later reads use the same engine.
    Made once per page (extractors/scanned.py)."""
    name = "auto"

    def __init__(self, languages: str = "eng+ind", min_conf: float = 90.0, tessdata: str = "", **_):
        self.tesseract = Tesseract(languages, tessdata=tessdata)
        self.accurate = RapidOcr(languages)
        self.min_conf = min_conf
        self.chosen: Optional[OcrEngine] = None
        self.first_conf: Optional[float] = None

    def read(self, image: np.ndarray, psm: int) -> list[Word]:
        if self.chosen is not None:
            return self.chosen.read(image, psm)
        words = self.tesseract.read(image, psm)
        self.first_conf = mean_confidence(words)
        if words and self.first_conf >= self.min_conf:
            self.chosen = self.tesseract
            return words
        self.chosen = self.accurate
        return self.accurate.read(image, psm)


ENGINES = {"tesseract": Tesseract, "rapidocr": RapidOcr, "auto": Auto}


def make_engine(settings: OcrSettings) -> OcrEngine:
    if settings.engine == "auto":
        return Auto(settings.languages, min_conf=settings.auto_min_conf, tessdata=settings.tessdata)
    if settings.engine == "tesseract":
        return Tesseract(settings.languages, tessdata=settings.tessdata)
    return ENGINES[settings.engine](languages=settings.languages)


def orientation_engine(settings: OcrSettings) -> OcrEngine:
    """The engine that tells which way a sideways page turns: tesseract, whose
    confidence drops on upside-down text (extractors/raster.py compares the two)."""
    return Tesseract(settings.languages, tessdata=settings.tessdata)
