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
* `auto` — tesseract first; when `OcrSettings.auto_page_unsure` or more of the
  page's words read below `OcrSettings.auto_word_conf` the page is read again by
  rapidocr and its words are used (the choice is made on a page's first read and kept for its other
  reads; a coarse scan, `OcrSettings.auto_coarse_dpi`, and a photographed page go to
  rapidocr without that read). With `OcrSettings.auto_regions`, rapidocr reads again only the text
  lines tesseract reads unsurely and the text it passed over (detection on
  those regions, recognition of those lines, fitted back among tesseract's
  words; `Auto`). Measured in benchmarks/bench_ocr.py and
  benchmarks/results/ocr.txt.

Measured on 33 table pages of the holdout scans (bags of words against the
text layer of the same page, as the OCR path reads them: rules removed, cells
on a sheet; benchmarks/results/ocr.txt): at 150 dpi tesseract reads words at
F1 0.87 and numbers at 0.78; rapidocr on the pages below 93 (the earlier
page-level choice) 0.93 / 0.92; rapidocr on their unsure lines only 0.94 /
0.93, for about half the recognition work and two thirds of the memory. The
recogniser is the cost (about 40 ms a line, single-threaded; detection on the
regions scaled to 12 px text is a twentieth of it). Tesseract in-process
(libtesseract 5.5) takes about half the command's time (no model load per
call) and reads degraded pages a little worse than the system's tesseract 5.3
command (0.888 against 0.938 word F1 on one 150 dpi page).
"""
from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections import Counter
from contextlib import contextmanager
from functools import lru_cache, wraps
from pathlib import Path
from statistics import median
from typing import Optional, Protocol

import cv2
import numpy as np

from iku.extractors.ocr import OcrError, Word
from iku.extractors.ocr_correction import lexicon
from iku.extractors.raster import longest_run
from iku.extractors.settings import OcrSettings
from iku.extractors.vocabulary import vocabulary

try:  # libtesseract in-process; without it, the tesseract command
    import tesserocr
except ImportError:  # pragma: no cover - depends on the installation
    tesserocr = None

# engine models made in this process, by engine name (each is made once per process)
CONSTRUCTED: Counter = Counter()
LOG = logging.getLogger(__name__)


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

# the recogniser rapidocr uses (its wheel's PP-OCRv6 small), read with its head cut to
# the characters iku keeps (_kept_recogniser) when KEEP_HEAD
REC_MODEL = "PP-OCRv6_rec_small.onnx"
KEEP_HEAD = True
# the recogniser's input is 48 px high and at least this wide: a narrower crop is padded
# to it. Its cost is its columns (~0.08 ms each), and half the crops of a photocopy-grade
# page are short cells, but the padding is part of the reading (the model pools over its
# whole input): 240 scored as 320 on the holdout scans and probe documents yet read a real
# scan's column-number row otherwise (an extra record), 200 lost a page-break join
# (benchmarks/results/ocr.txt): rapidocr's own 320 stays
REC_MIN_W = 320
# detection runs on the image scaled by this (recognition on full-resolution crops):
# a 300 dpi page's text lines are found as well at half the size, at a quarter of the cost
DET_SCALE = 0.5
# letters NFKD keeps whole, read for the plain letter under a speck or a stroke ("daeraħ")
_UNDOTTED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ſ": "s", "ħ": "h", "ŧ": "t", "ƀ": "b",
                           "ɨ": "i", "ŀ": "l", "ƚ": "l", "ɇ": "e", "ɍ": "r", "ƶ": "z", "ȼ": "c"})
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _cache_dir() -> Path:
    """Where built models are kept: $IKU_CACHE, else the user's cache folder."""
    if os.environ.get("IKU_CACHE"):
        return Path(os.environ["IKU_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "iku"


def _kept_recogniser(model_path: Path) -> Optional[Path]:
    """The recogniser with its last layer cut to the classes `fold` keeps (blank, space,
    Latin letters, digits, punctuation, symbols: 2 738 of 18 710; the CJK ones go), built
    once from the wheel's model into the cache folder; None when it cannot be made (no
    `onnx` package, no writable folder): the whole model is used then.
    Why: the head (MatMul 120 x 18 710, bias, Softmax on every output column) is ~12 % of
    the recogniser's CPU, and every CJK character it scores is thrown away by `fold`. The
    reading is the whole model's wherever its best class at a column is a kept one (the
    501 line crops of the benchmark pages: all read the same); a character's probability
    is its share among the kept classes (the CJK ones' share, mostly ~0, left out)."""
    import hashlib  # (only when the cut model is looked for)

    try:
        data = model_path.read_bytes()
        # (the characters read off the model's bytes: onnx is imported only to build the cut
        # model, not each time a worker finds it built: ~0.6 s CPU and ~20 MB a worker)
        chars = _model_metadata(data).get("character")
        if chars is None:
            return None
        chars = chars.splitlines()
        kept = [c for c in chars if fold(c)]
        # (named by the model, this recipe and the characters kept: a new wheel or fold, a new model)
        digest = hashlib.sha1(data + b"head cut 1\n" + "\n".join(kept).encode()).hexdigest()[:12]
        out = _cache_dir() / f"{model_path.stem}-kept-{digest}.onnx"
        if out.exists():
            return out
        try:
            import onnx  # only to build the cut model once
            from onnx import numpy_helper
        except ImportError:
            return None
        model = onnx.load_from_string(data)
        meta = {p.key: p for p in model.metadata_props}
        # the decoder adds the CTC blank before the model's characters and a space after
        cols = [0] + [i + 1 for i, c in enumerate(chars) if fold(c)] + [len(chars) + 1]
        head = model.graph.node[-1]
        if head.op_type != "Softmax":
            return None
        # the head's weights: the initialisers of the MatMul and the Add before the Softmax
        made = {n.output[0]: n for n in model.graph.node}
        inits = {t.name: t for t in model.graph.initializer}
        node, cut = made.get(head.input[0]), 0
        while node is not None and node.op_type in ("Identity", "Add", "MatMul"):
            for name in node.input:
                if name in inits:
                    w = numpy_helper.to_array(inits[name])
                    if w.shape[-1] != len(chars) + 2:
                        return None
                    inits[name].CopyFrom(numpy_helper.from_array(np.ascontiguousarray(np.take(w, cols, axis=-1)), name))
                    cut += 1
            node = made.get(node.input[0])
        if cut != 2:
            return None
        for o in list(model.graph.output) + list(model.graph.value_info):
            dims = o.type.tensor_type.shape.dim
            if dims and dims[-1].dim_value == len(chars) + 2:
                dims[-1].dim_value = len(cols)
        meta["character"].value = "\n".join(kept)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(f".{os.getpid()}.tmp")
        onnx.save(model, str(tmp))
        os.replace(tmp, out)  # whole, whichever process of a pool built it last
    except (OSError, KeyError, ValueError) as exc:
        LOG.warning("the recogniser is used whole (its cut head could not be built: %s)", exc)
        return None
    return out


def _model_metadata(data: bytes) -> dict[str, str]:
    """The metadata (key: value) of an ONNX model's bytes, read off its protobuf encoding
    (ModelProto's field 14, entries of key 1 and value 2) without the `onnx` package; {} for
    bytes that are no such encoding. Only the model's top-level fields are walked: the graph
    (field 7, nearly all the bytes) is stepped over by its length."""
    def varint(i: int) -> tuple[int, int]:
        v = shift = 0
        while True:
            if i >= len(data) or shift > 63:
                raise ValueError("truncated varint")
            b = data[i]
            v |= (b & 0x7F) << shift
            i, shift = i + 1, shift + 7
            if b < 0x80:
                return v, i

    def fields(a: int, b: int):
        i = a
        while i < b:
            key, i = varint(i)
            kind = key & 7
            if kind == 0:
                _, i = varint(i)
                continue
            if kind == 2:
                n, i = varint(i)
                if i + n > b:
                    raise ValueError("field beyond its message")
                yield key >> 3, i, i + n
                i += n
                continue
            step = {1: 8, 5: 4}.get(kind)
            if step is None:
                raise ValueError(f"wire type {kind}")
            i += step

    meta = {}
    try:
        for number, a, b in fields(0, len(data)):
            if number == 14:
                entry = {n: data[x:y].decode("utf-8") for n, x, y in fields(a, b)}
                meta[entry.get(1, "")] = entry.get(2, "")
    except (ValueError, UnicodeDecodeError):
        return {}
    return meta


@lru_cache(maxsize=1)
def _rapid_model():
    """One RapidOCR per process: single-threaded ONNX sessions, no angle classifier, the
    recogniser's head cut to the characters kept (_kept_recogniser), short crops padded to
    REC_MIN_W columns."""
    try:
        import rapidocr  # (its folder holds the models; imported on first need, as below)
        from rapidocr import RapidOCR  # imported on first need: ~0.5 s and ~150 MB a process
    except ImportError as exc:
        raise OcrError("rapidocr is not installed (pip install rapidocr onnxruntime)") from exc
    CONSTRUCTED["rapidocr"] += 1
    kept = _kept_recogniser(Path(rapidocr.__file__).parent / "models" / REC_MODEL) if KEEP_HEAD else None
    model = RapidOCR(params={
        **({"Rec.model_path": str(kept)} if kept else {}),
        "Global.use_cls": False, "Global.return_word_box": True, "Global.log_level": "error",
        "Global.max_side_len": 100000, "Det.limit_type": "max",
        # one line a recognition batch: a batch is padded to its widest line, and page-wide
        # lines batched six at a time took a worker from ~0.55 to ~0.8 GB (seed_004 scan300,
        # per-region reading) for no time saved single-threaded
        "Rec.rec_batch_num": 1, "Rec.rec_img_shape": [3, 48, REC_MIN_W],
        "EngineConfig.onnxruntime.intra_op_num_threads": 1, "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        # no arena: an arena keeps the largest block a page ever needed for the process's life
        "EngineConfig.onnxruntime.enable_cpu_mem_arena": False})
    # ... but the detector's session has one, given back after each read (_given_back): without
    # it each band's buffers (tens of MB, mapped on their own: released_blocks) are faulted in
    # afresh every run, ~1.3 s of system time a 150 dpi page (1.7 M page faults on 3 pages)
    model.cfg.EngineConfig.onnxruntime.enable_cpu_mem_arena = True
    with _without_memory_pattern():
        model._load_det_model()
    model.cfg.EngineConfig.onnxruntime.enable_cpu_mem_arena = False
    model._load_rec_model()
    return model


@contextmanager
def _without_memory_pattern():
    """Within: rapidocr's onnxruntime sessions are made without a memory pattern (the detector's).
    onnxruntime plans one block for all of a run's buffers once it has seen an input shape, and
    keeps that plan for the shape: the planned block was ~170 MB larger than the arena's own
    peak on a 1280 x 1728 band of a 150 dpi page (345 -> 513 MB), so a worker reading a band shape
    it had seen before (pages of one size, a document read again) peaked over 1 GB where its
    first read of the shape did not (1.12 GB against 0.81; benchmarks/results/ocr.txt). With the
    arena the buffers are reused within a read anyway: the same outputs, no more CPU."""
    from rapidocr.inference_engine.onnxruntime import OrtInferSession  # rapidocr is imported on first need

    made = OrtInferSession.__dict__.get("_init_sess_opts")
    if not isinstance(made, staticmethod):  # (another rapidocr: its sessions as it makes them)
        yield
        return

    def options(cfg):
        opts = made.__func__(cfg)
        opts.enable_mem_pattern = False
        return opts

    OrtInferSession._init_sess_opts = staticmethod(options)
    try:
        yield
    finally:
        OrtInferSession._init_sess_opts = made


@contextmanager
def _given_back(det):
    """Within: the detector's runs share its session's memory arena; after: the arena's
    free memory goes back to the system (onnxruntime shrinks an arena only at the end of a
    run asked to: a last run on a blank 32 x 32 input, ~1 ms)."""
    try:
        yield
    finally:
        import onnxruntime as ort  # rapidocr's engine, imported with it (_rapid_model)

        session = det.session.session
        shrink = ort.RunOptions()
        shrink.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        session.run(None, {session.get_inputs()[0].name: np.zeros((1, 3, 32, 32), np.float32)}, shrink)


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


def fit_word_gaps(gray: np.ndarray, parts: list[tuple[str, tuple]], ink: Optional[tuple[float, float]]
                  ) -> list[tuple[str, tuple]]:
    """A recognised line's words with the edges of a gap much wider than the line's word gaps
    moved to the blank run of ink columns there: a column gap inside one detected line box.
    The recogniser places words from its character steps, a third of a character or so off,
    which makes a word gap and a column gap of such a line look alike ("dan Rekonstruksi"
    6.2 pt apart as "Rekonstruksi Jumlah", where the ink parts them by 3.8 and 9.6), and a
    table without rules is cut at its column gaps. Word gaps keep their estimates: the page's
    word space is measured on them. The widest blank run near each estimated edge is the gap
    (a letter's inner gaps are a pixel or two); without one (glyphs touching) nothing moves.
    `ink`: the line's ink rows (top, bottom)."""
    if len(parts) < 3 or ink is None:
        return parts
    h, w = gray.shape[:2]
    y0, y1 = max(int(ink[0]), 0), min(int(np.ceil(ink[1])), h)
    if y1 - y0 < 2:
        return parts
    reach = 0.4 * (y1 - y0)
    found: list[Optional[tuple[int, int]]] = []
    for (_, a), (_, b) in zip(parts, parts[1:]):
        found.append(None)
        lo, hi = max(int(max(a[2] - reach, a[0] + 1)), 0), min(int(min(b[0] + reach, b[2] - 1)), w)
        if hi - lo < 2:
            continue
        blank = (gray[y0:y1, lo:hi] < INK_LEVEL).sum(axis=0) == 0
        best, start = None, None
        for k, v in enumerate(list(blank) + [False]):
            if v and start is None:
                start = k
            elif not v and start is not None:
                if best is None or k - start > best[1] - best[0]:
                    best = (start, k)
                start = None
        if best is None:
            continue
        # a run open at an end of the search goes on to the ink (a column gap wider than the
        # search); one that reaches a word's far edge is no gap between two inks
        start, end = lo + best[0], lo + best[1]
        left, right = int(max(a[0], 0)), int(min(b[2], w))
        while start > left and not (gray[y0:y1, start - 1] < INK_LEVEL).any():
            start -= 1
        while end < right and not (gray[y0:y1, end] < INK_LEVEL).any():
            end += 1
        if start > left and end < right:
            found[-1] = (start, end)
    widths = [e - s_ for s_, e in (g for g in found if g)]
    if len(widths) < 2:
        return parts
    usual = float(np.median(widths))
    out = [(t, list(b)) for t, b in parts]
    for k, g in enumerate(found):
        if g and g[1] - g[0] >= 2 * usual:
            out[k][1][2], out[k + 1][1][0] = float(g[0]), float(g[1])
    return [(t, tuple(b)) for t, b in out]


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


def _code_numbers(words: list[Word]) -> set[int]:
    """The words (ids) that are the number of a printed code, not a decimal: after a code's
    letters in the same line ("IKU" "1.1", "SS" "2.1": headers.toml [codes]) or glued to them
    ("IKU1.1"). An outline number's point is no decimal comma read as a point, whatever the
    page's decimals are ("IK 1.1" beside "62,3")."""
    prefixes = {p.upper() for ps in vocabulary().code_prefixes.values() for p in ps}
    out: set[int] = set()
    lines: dict[tuple, list[Word]] = {}
    for w in words:
        lines.setdefault((w.block, w.par, w.line), []).append(w)
    for line in lines.values():
        line.sort(key=lambda w: w.x0)
        for before, w in zip([None] + line[:-1], line):
            m = _DECIMAL.match(w.text)
            if not m:
                continue
            head = m.group(1).rstrip("0123456789").strip().upper()
            if head in prefixes or (not head and before is not None and before.text.strip().upper() in prefixes):
                out.add(id(w))
    return out


def fix_separators(words: list[Word], evidence: list[Word] = ()) -> None:
    """Decimal commas the recogniser read as points, put back (in place).

    The recogniser reads some decimal commas as points, never the other way
    round (measured on the holdout scans). A page writes its decimals one way,
    so a point number ("84.00") is a misread comma when the same reading of the
    page has comma numbers of its shape (as many decimals: "80,00"), or when
    the glyph on the page has a comma's tail (`separator_glyph`, checked by the
    caller and marked in `Word.extra["comma"]`). Numbers with three digits after
    a point ("1.234", a thousands group) and section numbers on pages without
    comma decimals of their shape are left as read. `evidence`: other words of the
    page (another engine's) whose comma numbers count as the page's way too."""
    codes = _code_numbers(words)
    found = [(w, m) for w in words for m in [_DECIMAL.match(w.text)] if m and id(w) not in codes]
    comma_shapes = {len(m.group(3)) for w in [*words, *evidence] for m in [_DECIMAL.match(w.text)]
                    if m and m.group(2) == ","}
    for w, m in found:
        if m.group(2) == "." and (len(m.group(3)) in comma_shapes or w.extra.get("comma")):
            w.original = w.original or w.text
            w.text = f"{m.group(1)},{m.group(3)}{m.group(4)}"


# the detector's input on a page read, at most this many pixels (at detection scale) at a
# time: a page taller is detected in bands. The detector's memory grows with its input
# (float copies and feature maps): a whole page-and-cells sheet took a worker to ~1.1-1.4 GB
DET_BAND_PX = 2_400_000
# ... and a region up to one band and its overlap tall, read whole, at most DET_BAND_MAX_PX: the
# network's memory steps up past ~2.8 M px (348-432 MB at 2.3-2.7 M, 537-585 at 2.8-3.2 M), and a
# wide landscape page's one region took a worker over 1 GB. (An A4 page's region, 2.5 M px, stays
# whole: a region cut in bands moves its boxes, as the detector sees the whole of its input.)
DET_BAND_MAX_PX = 2_700_000
# bands overlap by this many page pixels (about a dozen text lines at 300 dpi): a line is kept
# by the band that holds its middle at least half of it from a cut edge; with less (240 px)
# the detector's view of a stacked fraction near a cut changed and its bar read as a line
DET_OVERLAP = 600
# the detector runs only where there is ink: the resized image in tiles of DET_TILE px (the
# network's stride), a tile holding DET_TILE_INK or more pixels darker than DET_TILE_DARK is
# inked (a speck holds fewer), and the inked tiles with DET_TILE_MARGIN tiles of white around
# them, grouped into rectangles that do not overlap, are what the network sees. The margin
# keeps the network's view of a line as on the whole image: with one tile (64 page px) a
# long title line's box changed and its recogniser read "TENA GA" for "TENAGA"
DET_TILE, DET_TILE_INK, DET_TILE_DARK, DET_TILE_MARGIN = 32, 8, 200, 3


def inked_regions(small: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Rectangles (x0, y0, x1, y1, multiples of DET_TILE) of a detector's input (sides
    multiples of DET_TILE) that hold all its ink, with a margin of white: the page-and-cells
    sheet is mostly paper (a page whose tables are blanked beside stacks of cells, and at
    150 dpi specks all over it), and the detector costs its input's area."""
    gray = small if small.ndim == 2 else small[..., 0]
    t = DET_TILE
    th, tw = gray.shape[0] // t, gray.shape[1] // t
    if th == 0 or tw == 0:
        return []
    dark = (gray[:th * t, :tw * t] < DET_TILE_DARK).reshape(th, t, tw, t).sum(axis=(1, 3))
    inked = (dark >= DET_TILE_INK).astype(np.uint8)
    if not inked.any():
        return []
    m = DET_TILE_MARGIN
    grown = cv2.dilate(inked, np.ones((2 * m + 1, 2 * m + 1), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
    rects = _merged([[x, y, x + w, y + h] for x, y, w, h in (stats[i, :4] for i in range(1, n))])
    return [(int(x0) * t, int(y0) * t, int(x1) * t, int(y1) * t) for x0, y0, x1, y1 in rects]


# glibc's malloc while the detector runs: a block of DET_MAPPED_BYTES or more is mapped on its
# own and unmapped when freed. By default glibc raises that threshold (up to 32 MB) once a big
# block is freed, so the network's mid-sized buffers come from the heap, which they fragment:
# freed parts under live ones stay resident, and the next run's block (onnxruntime's memory
# pattern) is mapped on top. That was the scan150 worker's peak (seed_004 scan150 p3 read alone,
# ru_maxrss 970-1030 -> 755-790 MB; its 4 scan200 pages 1174 -> 828 MB; the same words), at
# ~0.8 s more system time a 150 dpi page (the blocks faulted in afresh each run; 4 MB: 823 MB,
# 8 MB: 876 MB, about the same time). Afterwards the heap is set as glibc's sliding threshold
# ends up (RELEASED_AFTER: mapped from 32 MB, trimmed above 64 MB): held at 1 MB throughout,
# the recogniser's many small runs cost ~40% more CPU (benchmarks/results/ocr.txt, 00000).
DET_MAPPED_BYTES = 1 << 20
RELEASED_AFTER = (32 << 20, 64 << 20)
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h


@lru_cache(maxsize=1)
def _mallopt():
    """glibc's mallopt, or None (another C library, another system)."""
    try:
        return getattr(ctypes.CDLL(None), "mallopt", None)
    except (OSError, TypeError):  # no C library by that name (Windows)
        return None


@lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's malloc_trim, or None."""
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except (OSError, TypeError):
        return None


@contextmanager
def released_blocks():
    """Within: blocks of DET_MAPPED_BYTES or more go back to the system when freed (glibc).
    On entry the heap's free pages go back too (malloc_trim): what the page's earlier stages
    and earlier pages freed stays resident otherwise (glibc gives back only the heap's top),
    and the detector's peak sits on it: a worker past its first documents entered the bands at
    ~570-610 MB against ~420 on its first page, ~0.15-0.19 GB of its peak."""
    mallopt = _mallopt()
    if mallopt is None:
        yield
        return
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
    mallopt(_M_MMAP_THRESHOLD, DET_MAPPED_BYTES)
    try:
        yield
    finally:
        mallopt(_M_MMAP_THRESHOLD, RELEASED_AFTER[0])
        mallopt(_M_TRIM_THRESHOLD, RELEASED_AFTER[1])


def _releasing(run):
    """`run` within released_blocks()."""
    @wraps(run)
    def released(*args, **kwargs):
        with released_blocks():
            return run(*args, **kwargs)
    return released


def _normalised(pre, img: np.ndarray) -> np.ndarray:
    """The detector's input (1 x 3 x h x w float32) of an 8-bit BGR image: the values
    pre.normalize gives, looked up per grey level (a table of 256 made by pre.normalize
    itself, so the same numbers), not computed in float64 over the whole image (~0.2 s a
    2.6 Mpx band, ~0.25 s CPU of a 150 dpi page)."""
    levels = np.repeat(np.arange(256, dtype=np.uint8)[None, :, None], img.shape[2], axis=2)
    table = pre.normalize(levels)[0].astype(np.float32)  # 256 x channels
    out = np.empty((1, img.shape[2]) + img.shape[:2], dtype=np.float32)
    for c in range(img.shape[2]):
        out[0, c] = table[:, c][img[:, :, c]]
    return out


class BandedDetector:
    """RapidOCR's text detector on horizontal bands of the image (full width, so no text
    line is cut across). The image is resized once as the detector would resize it whole
    (`ratio`, sides rounded to 32), the network runs on bands of that image (heights of
    32), so a band's pixels are the whole image's; a band's boxes are kept where their
    middle lies in its own part (the overlap halved at each inner edge: a line cut by a
    band's edge is found whole by its neighbour), mapped back as the whole image's would
    be, in the detector's reading order. Memory is bounded by DET_BAND_PX whatever the page.
    The network runs only on the image's inked rectangles (`inked_regions`), each banded at
    its own width: a page-and-cells sheet is mostly paper, and the detector costs its input's
    area (seed_004 scan150 p3, a 2538 x 7482 sheet: detection 5.2 -> 2.3 s CPU, the same
    words; benchmarks/results/ocr.txt)."""

    def __init__(self, det, ratio: float):
        self.det, self.ratio = det, ratio

    @_releasing  # (the network's buffers given back: released_blocks, and its arena: _given_back)
    def __call__(self, img: np.ndarray):
        with _given_back(self.det):
            return self._detect(img)

    def _detect(self, img: np.ndarray):
        from rapidocr.ch_ppocr_det.utils import DetPreProcess, TextDetOutput  # rapidocr is imported on first need

        h, w = img.shape[:2]
        pre = DetPreProcess(max(round(max(h, w) * self.ratio), 32), "max", self.det.mean, self.det.std)
        small = pre.resize(img)
        if small is None:
            return TextDetOutput()
        sh, sw = small.shape[:2]
        over = max(int(DET_OVERLAP * self.ratio) // 32 * 32, 32)
        boxes = []
        # (the inked rectangles of the resized image, each in bands of its own width)
        for rx0, ry0, rx1, ry1 in inked_regions(small):
            rh, rw = ry1 - ry0, rx1 - rx0
            band = max(int(DET_BAND_PX / max(rw, 1)) // 32 * 32, 2 * over)
            spans = [(ry0, ry1)]
            if rh > band + over or rh * rw > DET_BAND_MAX_PX:
                spans = [(y, min(y + band, ry1)) for y in range(ry0, ry1 - over, band - over)]
            for i, (y0, y1) in enumerate(spans):
                preds = self.det.session(_normalised(pre, small[y0:y1, rx0:rx1]))
                # the boxes in the image's pixels, as the whole image's are mapped back
                found, _ = self.det.postprocess_op(preds, (round((y1 - y0) * h / sh), round(rw * w / sw)))
                own0 = (y0 + over // 2) * h / sh if i else 0
                own1 = (y1 - over // 2) * h / sh if i < len(spans) - 1 else h
                for q in found:
                    q = np.asarray(q, dtype=np.float32) + [rx0 * w / sw, y0 * h / sh]
                    if own0 <= float(q[:, 1].mean()) < own1:
                        boxes.append(q)
        if not boxes:
            return TextDetOutput()
        boxes = self.det.sorted_boxes(np.stack(boxes).astype(np.float32))
        return TextDetOutput(img, boxes, [1.0] * len(boxes))


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
        bgr = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image
        gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        det = model.text_det
        det.limit_type = "max"
        model.text_det = BandedDetector(det, max(int(max(h, w) * DET_SCALE), 736) / max(h, w))
        try:
            out = model(bgr)
        finally:
            model.text_det = det
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
            # the top and bottom of the line's ink beside the detector's padded box (the words
            # keep the box, which the table reading is set to): the gaps between printed lines
            # (a title above a header, a row under it) are measured on the ink
            ink = ink_body(gray, line_box, 0.3 * (ly1 - ly0), share=0.02)
            parts = [piece for t, b in parts for piece in split_point_space(fold(t).strip(), b)]
            parts = fit_word_gaps(gray, [(t, b) for t, b in parts if t], ink)
            for t, (x0, _, x1, _) in parts:
                if not t:
                    continue
                wd = Word(text=t, conf=round(float(score) * 100, 2), x0=x0, top=ly0, x1=x1,
                          bottom=ly1, block=i + 1, par=1, line=1)
                if ink is not None:  # as insets from the box's top and bottom, which move with the word
                    wd.extra["ink"] = (ink[0] - ly0, ly1 - ink[1])
                if _DECIMAL.match(t) and "." in t and separator_glyph(gray, (x0, ly0, x1, ly1), t) == ",":
                    wd.extra["comma"] = True
                words.append(wd)
        codes = _code_numbers(words)
        self.decimals += [wd for wd in words if _DECIMAL.match(wd.text) and id(wd) not in codes]
        fix_separators(self.decimals)
        return words

    def detect(self, image: np.ndarray, regions: list[tuple[int, int, int, int]],
               text_h: float) -> list[np.ndarray]:
        """Text line boxes (4×2 float32 quads, image pixels) found in the regions (x0, y0,
        x1, y1) of an 8-bit grey image; each region is scaled so that text `text_h` px
        high comes to DET_TEXT_PX (what the detector needs), never up."""
        model = _rapid_model()
        det = model.text_det
        scale = min(max(DET_TEXT_PX / max(text_h, 1.0), DET_MIN_SCALE), 1.0)
        quads = []
        with _given_back(det):  # (the arena's memory given back after the regions)
            for x0, y0, x1, y1 in regions:
                crop = image[y0:y1, x0:x1]
                if crop.size == 0:
                    continue
                small = cv2.resize(crop, (max(int(crop.shape[1] * scale), 32), max(int(crop.shape[0] * scale), 32)),
                                   interpolation=cv2.INTER_AREA)
                # a white border: the detector misses text that touches the image's edge
                small = cv2.copyMakeBorder(small, DET_PAD, DET_PAD, DET_PAD, DET_PAD, cv2.BORDER_CONSTANT, value=255)
                det.limit_type, det.limit_side_len = "max", max(small.shape[:2])
                found = det(cv2.cvtColor(small, cv2.COLOR_GRAY2BGR))
                if found.boxes is None:
                    continue
                sx, sy = crop.shape[1] / (small.shape[1] - 2 * DET_PAD), crop.shape[0] / (small.shape[0] - 2 * DET_PAD)
                quads += [((np.asarray(q, dtype=np.float32) - DET_PAD) * [sx, sy] + [x0, y0]).astype(np.float32)
                          for q in found.boxes]
        return quads

    def recognise(self, image: np.ndarray, quads: list[np.ndarray], first_block: int = 1) -> list[tuple[float, list[Word]]]:
        """(score 0..1, words) of each text line box of an 8-bit grey image, recognised
        without detection; words placed from the recogniser's character columns."""
        if not quads:
            return []
        from rapidocr.ch_ppocr_rec import TextRecInput  # rapidocr is imported on first need (_rapid_model)
        from rapidocr.utils.process_img import get_rotate_crop_image  # the same: on first need

        model = _rapid_model()
        bgr = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR) if image.ndim == 2 else image
        crops = [get_rotate_crop_image(bgr, q) for q in quads]
        gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        rec = model.text_rec(TextRecInput(img=crops, return_word_box=True))
        out = []
        for i, (q, txt, score, info) in enumerate(zip(quads, rec.txts, rec.scores, rec.word_results)):
            txt = fold(txt).strip()
            out.append((float(score), _line_words(txt, info, _box(q), float(score), first_block + i, gray)
                        if txt else []))
        return out


# region reading: the detector works on regions scaled so that text is this high (px)
DET_TEXT_PX = 12.0
# white pixels around a scaled region (about a text line)
DET_PAD = 12
DET_MIN_SCALE = 0.2


# a step between two characters' columns of a recognised line at least this many times the
# line's median step (its character pitch) may be a gap the recogniser read no space in: two
# cells of a table without rules run together ("Persen61,80", "Nilai7981"), 7 to 15 steps
# against a pitch of 2 or 3. A letter the recogniser dropped leaves a step of 2 to 3 pitches
# too ("pelayan|n"), so the ink decides (_gap_cuts)
GAP_PITCHES = 2.5
# and the ink must show the gap: blank paper between the two characters at least this many
# character pitches wide (a word space is about half a pitch, a dropped letter's place holds its ink)
GAP_BLANK_PITCHES = 1.0


def _in_number(txt: str, i: int) -> bool:
    """Whether a cut before txt[i] would part a number: before a separator or a percent sign,
    after a separator between digits, or between two digits of a number written with a
    separator ("1.234,5", "95,5%")."""
    a, b = txt[i - 1], txt[i]
    if b in ".,%" or (a in ".," and b.isdigit() and i >= 2 and txt[i - 2].isdigit()):
        return True
    if not (a.isdigit() and b.isdigit()):
        return False
    lo, hi = i - 1, i
    while lo > 0 and (txt[lo - 1].isdigit() or txt[lo - 1] in ".,"):
        lo -= 1
    while hi < len(txt) - 1 and (txt[hi + 1].isdigit() or txt[hi + 1] in ".,"):
        hi += 1
    return any(ch in ".," for ch in txt[lo:hi + 1].strip(".,"))


def _gap_cuts(txt: str, cols: list[int], unit: float, box: tuple[float, float, float, float],
              gray: Optional[np.ndarray]) -> set[int]:
    """The places (indexes into txt) where a word of a recognised line is read over a gap the
    recogniser put no space in: a step between two characters' columns GAP_PITCHES times the
    line's median step within words or more, with blank paper between the two characters at
    least GAP_BLANK_PITCHES of that pitch wide on the line's ink rows, and not inside a number
    (_in_number). Measured on the line itself, so the same at any size or resolution.
    `cols`: the column of each non-space character; `unit`: px a column."""
    if gray is None:
        return set()
    at = [i for i, ch in enumerate(txt) if not ch.isspace()]
    steps = [cols[j + 1] - cols[j] for j in range(len(cols) - 1) if at[j + 1] == at[j] + 1]
    if len(steps) < 3:
        return set()
    pitch = median(steps)
    if pitch <= 0:
        return set()
    x0, y0, x1, y1 = box
    ink = ink_body(gray, box, 0.3 * (y1 - y0), share=0.02)
    if ink is None:
        return set()
    h, w = gray.shape[:2]
    r0, r1 = max(int(ink[0]), 0), min(int(np.ceil(ink[1])), h)
    cuts = set()
    for j in range(1, len(cols)):
        i = at[j]
        if at[j - 1] != i - 1 or cols[j] - cols[j - 1] < GAP_PITCHES * pitch or _in_number(txt, i):
            continue
        # the ink between the two characters' middles: its longest blank run
        a = max(int(x0 + (cols[j - 1] + 0.5) * unit), 0)
        b = min(int(x0 + (cols[j] + 0.5) * unit), w)
        if b - a < 2:
            continue
        if longest_run(~(gray[r0:r1, a:b] < INK_LEVEL).any(axis=0)) >= GAP_BLANK_PITCHES * pitch * unit:
            cuts.add(i)
    return cuts


def _line_words(txt: str, info, box: tuple[float, float, float, float], score: float, block: int,
                gray: Optional[np.ndarray] = None) -> list[Word]:
    """Words of a recognised line: its text split on spaces, and at gaps read without one
    (_gap_cuts, with the page's grey image `gray`), each placed from the recogniser's
    character columns (one column a non-space character); the line's share of its width when
    the columns are missing."""
    x0, y0, x1, y1 = box
    conf = round(score * 100, 2)
    cols = [c for wc in (getattr(info, "word_cols", None) or []) for c in wc]
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", txt)]
    span = getattr(info, "line_txt_len", 0) or 0
    if len(cols) != sum(b - a for a, b in spans) or span <= 0:
        placed = _split_line(txt, box)
    else:
        unit = (x1 - x0) / span
        cuts = _gap_cuts(txt, cols, unit, box, gray)
        if cuts:
            ends = sorted(set(cuts) | {a for a, _ in spans} | {b for _, b in spans})
            spans = [(a, b) for a, b in zip(ends, ends[1:]) if not txt[a:b].isspace()]
        steps = [b - a for a, b in zip(cols, cols[1:]) if 0 < b - a <= 4]
        half = (median(steps) if steps else 2.0) * unit / 2
        col_of = {i: k for k, i in enumerate(i for i, ch in enumerate(txt) if not ch.isspace())}
        placed = []
        for a, b in spans:
            c0, c1 = cols[col_of[a]], cols[col_of[b - 1]]
            placed.append((txt[a:b], (max(x0 + (c0 + 0.5) * unit - half, x0), y0,
                                      min(x0 + (c1 + 0.5) * unit + half, x1), y1)))
    # a word's confidence: its least sure character's, when the recogniser gave one a
    # character (the line's score hides a misread word among sure ones: "retrbusi" at
    # 0.57 in a line scored 0.97), so that the lexicon correction looks at it
    confs = list(getattr(info, "confs", None) or [])
    if len(confs) == len(txt) and len(placed) == len(spans):
        word_conf = [round(min(conf, 100 * min(confs[a:b])), 2) for a, b in spans]
    else:
        word_conf = [conf] * len(placed)
    return [Word(text=t, conf=c, x0=bx0, top=y0, x1=bx1, bottom=y1, block=block, par=1, line=1)
            for (part, b), c in zip(placed, word_conf) for t, (bx0, _, bx1, _) in split_point_space(part, b) if t]


# --------------------------------------------------------------------------
# the choice


def unsure_share(words: list[Word], below: float) -> float:
    """The share (0..1) of the words with a letter or digit read below `below`; 1 without any."""
    confs = [w.conf for w in words if _has_alnum(w)]
    return sum(c < below for c in confs) / len(confs) if confs else 1.0


def mean_confidence(words: list[Word]) -> float:
    """Mean confidence (0..100) of the words with a letter or digit; 0 without any."""
    confs = [w.conf for w in words if _has_alnum(w)]
    return sum(confs) / len(confs) if confs else 0.0


_LETTER_CORE = re.compile(r"^[^\W\d_]{3,}$")


def known_words(words: list[Word]) -> int:
    """How many of the words (punctuation around them off) are words of the OCR lexicon."""
    known = lexicon()[0]
    cores = (w.text.strip(".,:;()[]\"'!?-") for w in words)
    return sum(1 for c in cores if _LETTER_CORE.match(c) and c.lower() in known)


def same_place(a: Word, b: Word) -> bool:
    """Two words at one place: overlapping across 60% of the narrower one."""
    return min(a.x1, b.x1) - max(a.x0, b.x0) >= 0.6 * min(a.x1 - a.x0, b.x1 - b.x0)


def lexicon_word_for(tess: Word, rapid: Word) -> bool:
    """Tesseract's word (read with confidence 50 or more) is a lexicon word where the
    recogniser's reading of the same place is letters the lexicon does not know."""
    if tess.conf < 50:
        return False
    a, b = tess.text.strip(".,:;()[]\"'!?-"), rapid.text.strip(".,:;()[]\"'!?-")
    if not (_LETTER_CORE.match(a) and _LETTER_CORE.match(b)) or a.lower() == b.lower():
        return False
    known = lexicon()[0]
    return a.lower() in known and b.lower() not in known


def _has_alnum(w: Word) -> bool:
    return any(ch.isalnum() for ch in w.text)


def component_boxes(mask: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h) of the 8-connected components of a 0/1 mask, top to bottom, then
    left to right: the boxes of connectedComponentsWithStats, from the components' outer
    contours (RETR_CCOMP puts every component's outer edge, one inside another's hole too,
    at the top level). A page-and-cells sheet is mostly paper: the contours cost ~6 ms where
    the labelled image costs ~0.1 s (a 16 Mpx sheet), on every read of a clean page."""
    contours, hierarchy = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return []
    boxes = [cv2.boundingRect(c) for c, link in zip(contours, hierarchy[0]) if link[3] < 0]
    return sorted([(int(x), int(y), int(w), int(h)) for x, y, w, h in boxes], key=lambda b: (b[1], b[0]))


def uncovered(image: np.ndarray, words: list[Word], text_h: float, ink_level: int = 160) -> list[tuple]:
    """Boxes (x0, y0, x1, y1) of text-sized ink that no word covers: text the first
    engine passed over (a faint line, a cell its page layout took for a picture).
    Specks (lower than half a text line), rules and pictures (taller than 2.5 lines,
    or thin) are left out."""
    ink = (image < ink_level).astype(np.uint8)
    for w in words:
        ink[max(int(w.top) - 3, 0):int(w.bottom) + 4, max(int(w.x0) - 3, 0):int(w.x1) + 4] = 0
    joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (max(int(text_h * 0.6), 3), 1)))
    out = []
    for x, y, w, h in component_boxes(joined):
        if not (0.5 * text_h <= h <= 2.5 * text_h and w >= 0.8 * text_h):
            continue
        inked = int(ink[y:y + h, x:x + w].sum())
        if inked >= 0.06 * w * h and inked >= 0.15 * text_h * text_h:
            out.append((x, y, x + w, y + h))
    return out


def snap_to_blank(dark: np.ndarray, region: tuple[int, int, int, int], reach: int) -> tuple[int, int, int, int]:
    """A region (x0, y0, x1, y1) with each edge moved out, by `reach` px at most, to the
    first row or column without ink: the detector misses a text line the region's edge
    cuts through (a cell's line above an unsure one: "1. 48" over "2. 210")."""
    h, w = dark.shape[:2]
    x0, y0, x1, y1 = region
    for y in range(y0, max(y0 - reach, 0) - 1, -1):
        if y == 0 or not dark[y, x0:x1].any():
            y0 = y
            break
    for y in range(y1, min(y1 + reach, h) + 1):
        if y == h or not dark[y - 1, x0:x1].any():
            y1 = y
            break
    for x in range(x0, max(x0 - reach, 0) - 1, -1):
        if x == 0 or not dark[y0:y1, x].any():
            x0 = x
            break
    for x in range(x1, min(x1 + reach, w) + 1):
        if x == w or not dark[y0:y1, x - 1].any():
            x1 = x
            break
    return x0, y0, x1, y1


def _merged(boxes: list[list[float]]) -> list[list[float]]:
    """Boxes that overlap joined into one, until none overlap."""
    boxes = [list(b) for b in boxes]
    changed = True
    while changed:
        changed, out = False, []
        for b in boxes:
            for o in out:
                if b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3]:
                    o[:] = [min(o[0], b[0]), min(o[1], b[1]), max(o[2], b[2]), max(o[3], b[3])]
                    changed = True
                    break
            else:
                out.append(b)
        boxes = out
    return boxes


def _profile_cuts(ink_rows: np.ndarray, a: int, b: int, text_h: float) -> list[int]:
    """Rows (offsets into `ink_rows`, dark pixels a row) where the band [a, b) taller than
    MAX_LINE_H text lines parts into lines: the emptiest row at least half a line from
    either end, when it holds under a third of the band's fullest row; then each part again."""
    if b - a <= MAX_LINE_H * text_h:
        return []
    lo, hi = a + int(0.5 * text_h), b - int(0.5 * text_h)
    if hi <= lo:
        return []
    r = lo + int(np.argmin(ink_rows[lo:hi]))
    if ink_rows[r] > 0.33 * float(ink_rows[a:b].max()):
        return []
    return _profile_cuts(ink_rows, a, r, text_h) + [r] + _profile_cuts(ink_rows, r, b, text_h)


def _rect(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float32)


def split_lines(image: np.ndarray, quad: np.ndarray, words: list[Word], text_h: float) -> list[np.ndarray]:
    """A detected box as one box a text line. The detector joins lines set close (a cell's
    wrapped lines, "Target" over "2024") into one box, and the recogniser reads one line of
    it; such a box (taller than MAX_LINE_H text heights) is cut between the tesseract lines
    whose words it holds, and a part still that tall where the ink thins out between lines."""
    x0, y0, x1, y1 = _box(quad)
    if y1 - y0 <= MAX_LINE_H * text_h:
        return [quad]
    lines: dict[tuple, list[Word]] = {}
    for w in words:
        if x0 <= w.cx <= x1 and y0 <= w.cy <= y1 and _has_alnum(w):
            lines.setdefault((w.block, w.par, w.line), []).append(w)
    spans: list[tuple[float, float]] = []
    for t, b in sorted((median(w.top for w in ws), median(w.bottom for w in ws)) for ws in lines.values()):
        if spans and (t + b) / 2 - sum(spans[-1]) / 2 < 0.5 * text_h:  # side by side: one line
            spans[-1] = (min(spans[-1][0], t), max(spans[-1][1], b))
        else:
            spans.append((t, b))
    cuts = [y0] + [(b0 + t1) / 2 if b0 <= t1 else (t0 + b0 + t1 + b1) / 4
                   for (t0, b0), (t1, b1) in zip(spans, spans[1:])] + [y1]
    h, w = image.shape[:2]
    ix0, ix1 = max(int(x0), 0), min(int(np.ceil(x1)), w)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        ia, ib = max(int(a), 0), min(int(np.ceil(b)), h)
        if ib <= ia or ix1 <= ix0:
            continue
        rows = np.convolve((image[ia:ib, ix0:ix1] < INK_LEVEL).sum(axis=1).astype(float), np.ones(3) / 3, "same")
        marks = [0] + _profile_cuts(rows, 0, len(rows), text_h) + [len(rows)]
        # a part holds a line: as tall as most of one, with a body of ink half a line high
        # (not a sliver of the next line's descenders: read, it costs as much as a page-wide
        # line and gives marks)
        out += [_rect(x0, ia + r0, x1, ia + r1) for r0, r1 in zip(marks, marks[1:])
                if r1 - r0 >= 0.7 * text_h and rows[r0:r1].max() > 0
                and (rows[r0:r1] > 0.2 * rows[r0:r1].max()).sum() >= 0.5 * text_h]
    return out


# marks a recogniser reads from a speck at a word's end ("aparatur.", "100%.", "Menurunnya:")
_TRAILING = ".,:;"
_LIST_NUMBER = re.compile(r"\(?(\d{1,2}|[A-Za-z])[.)]")
# a lone mark opening a tesseract line: a list number ("2.") whose digit tesseract dropped
_OPENING = ".,:;'`"


def fit_reading(image: np.ndarray, new: list[Word], old: list[Word], box: tuple, text_h: float,
                sure: float = 101.0) -> list[Word]:
    """Rapidocr's reading of a line box made to fit among tesseract's words (in place):

    * a word tesseract read surely (confidence `sure` or more) at the same place, one
      word against one, keeps tesseract's text: the line is read again for its unsure
      words, and the recogniser misreads some words tesseract read right ("Tujuan" as
      "Tujun", "Pencemaran" as "Pencairan"); so does an unsure one that is a lexicon
      word where the recogniser's is a word the lexicon does not know (`lexicon_word_for`);
    * a mark at a word's end that tesseract did not read there (no word of its reading
      over that place holds it) is a speck the recogniser took for a point, and is dropped;
    * the words take the line's place of tesseract's words they replace (its line keys,
      its top and bottom: the detector's box is padded by a third of a line, and the
      words must stay level with the rest of their line, such as a list number left out
      of the box), or for text tesseract did not read, the top and bottom of the ink."""
    if old:
        over = same_place
        for wd in new:
            match = [o for o in old if over(o, wd)]
            if len(match) == 1 and _has_alnum(match[0]) and [n for n in new if over(match[0], n)] == [wd] \
                    and (match[0].conf >= sure or lexicon_word_for(match[0], wd)):
                if wd.text != match[0].text:
                    wd.text, wd.conf = match[0].text, match[0].conf
        for wd in new:
            t = wd.text
            if len(t) < 2 or t[-1] not in _TRAILING or t[-2] in _TRAILING:
                continue
            if wd is new[0] and _LIST_NUMBER.fullmatch(t):
                continue  # a list number opening the line ("2."): tesseract often reads only its point
            near = [o for o in old if o.x0 < wd.x1 + 0.5 * text_h and wd.x0 < o.x1]
            if not any(t[-1] in o.text for o in near):
                wd.original = wd.original or t
                wd.text = t.rstrip(_TRAILING)
        new = [wd for wd in new if wd.text]
        keys = Counter((o.block, o.par, o.line) for o in old)
        key = keys.most_common(1)[0][0]
        top, bottom = median(o.top for o in old), median(o.bottom for o in old)
        for wd in new:
            wd.block, wd.par, wd.line = key
            wd.top, wd.bottom = top, bottom
        return new
    body = ink_body(image, box, 0.4 * text_h)
    if body is not None:
        for wd in new:
            wd.top, wd.bottom = body
    return new


def ink_body(image: np.ndarray, box: tuple, least: float, share: float = 0.2) -> Optional[tuple[float, float]]:
    """(top, bottom) of a detected line box's text: the rows around its fullest one with
    ink over `share` of its ink (the detector pads its box by about a third of a line, into
    the descenders of the line above and the ascenders below, which would move its middle
    to theirs; a small share keeps the line's own ascenders and descenders, a larger one
    only its body); None when the box holds no ink or a body less than `least` px high."""
    h, w = image.shape[:2]
    x0, y0, x1, y1 = (int(v) for v in box)
    crop = image[max(y0, 0):min(y1, h), max(x0, 0):min(x1, w)]
    if crop.size == 0:
        return None
    rows = (crop < INK_LEVEL).sum(axis=1)
    if rows.max() <= 0:
        return None
    peak, full = int(np.argmax(rows)), rows > share * rows.max()
    top = bottom = peak
    while top > 0 and full[top - 1]:
        top -= 1
    while bottom < len(rows) - 1 and full[bottom + 1]:
        bottom += 1
    if bottom - top + 1 < least:
        return None
    return float(max(y0, 0) + top), float(max(y0, 0) + bottom + 1)


def _same_reading(a: str, b: str) -> bool:
    """Two readings of a line that differ only in spaces and in a decimal point for a comma."""
    def key(t: str) -> str:
        return "".join(t.split()).replace(".", ",")
    return key(a) == key(b)


class Auto:
    """Tesseract on pages it reads surely, rapidocr on the others (the default): the
    first read of a page (the page and its cells) decides; its later reads use the
    same engine.

    With `regions` (OcrSettings.auto_regions), rapidocr reads again only the regions
    tesseract reads unsurely, chosen per text line. Measured (benchmarks/results/ocr.txt):
    better words and numbers and less time and memory than the page's choice; records as
    the page's choice on the holdout scans measured, fields a little below at 150 dpi.

    * the page's choice (without `regions`): a page whose first read (the page and its
      cells) has fewer than `page_unsure` of its words read below `word_conf` keeps
      tesseract's words in all its reads, the others are read by rapidocr. Not the mean:
      tesseract reads the right words of a clean 300 dpi page at 88-96 (by font), so a
      clean page's mean lies at 92-96 and a mean gate at 93 sent clean pages to
      rapidocr for nothing, and kept a 150 dpi page whose mean stayed 93.9 with one
      word in twelve misread (benchmarks/results/ocr.txt, section 0000);
    * with `regions`, a page whose first read has a mean word confidence of
      `page_conf` or more keeps tesseract's words in all its reads (a clean page costs
      what tesseract costs); on the others:
    * a tesseract text line is unsure when its words' mean confidence is below
      `min_conf` or one word's is below `word_conf`;
    * text-sized ink that no tesseract word covers is text tesseract passed over;
    * a line opening with a lone point before its words is unsure too: tesseract reads a
      list number "2." as "." (the digit dropped), and the cell's items then do not part;
    * around those (a text line's height of margin, the words beside them on their
      rows, each edge moved out to a row or column without ink: `snap_to_blank`)
      rapidocr's detector finds the text lines (on the region only, scaled to the
      text's height, with a white border), a box over lines set close cut into one a
      line (`split_lines`), and its recogniser reads the ones that hold an unsure word,
      passed-over ink, or no tesseract word at all; its reading replaces tesseract's
      words inside the line box, unless the two read the same (then tesseract's words
      and word spaces stay) or rapidocr is unsure itself (score below `min_score`;
      `new_score` for text tesseract did not read); the reading is fitted to
      tesseract's line (`fit_reading`: its sure words kept, specks read as a trailing
      point dropped, the line's keys and height taken);
    * a line tesseract passed over is read by tesseract too, on its box alone
      (`_second_read`: lexicon words of tesseract's at a place where the recogniser's is
      not a lexicon word); a recognised word's confidence is its least sure character's;
    * the page's decimals, tesseract's too, are settled by `fix_separators`.

    Made once per page
    (extractors/scanned.py): the decimals of all its reads settle rapidocr's
    separators (fix_separators, with tesseract's comma numbers as evidence)."""
    name = "auto"

    def __init__(self, languages: str = "eng+ind", min_conf: float = 93.0, tessdata: str = "",
                 word_conf: float = 90.0, page_conf: float = 93.0, min_score: float = 0.6,
                 new_score: float = 0.9, regions: bool = False, page_unsure: float = 0.08, **_):
        self.tesseract = Tesseract(languages, tessdata=tessdata)
        self.accurate = RapidOcr(languages)
        self.min_conf, self.word_conf, self.page_conf = min_conf, word_conf, page_conf
        self.min_score, self.new_score = min_score, new_score
        self.page_unsure = page_unsure
        self.regions = regions
        self.chosen: Optional[OcrEngine] = None  # rapidocr once it read a region of the page
        self.first_conf: Optional[float] = None
        self.first_unsure: Optional[float] = None  # the first read's share of words below word_conf
        self.evidence: list[Word] = []  # tesseract's decimals on the page
        self.counts = Counter()  # lines, unsure lines, passed-over marks, lines re-read

    def read(self, image: np.ndarray, psm: int) -> list[Word]:
        if not self.regions:
            return self._read_pages(image, psm)
        return self._read_regions(image, psm)

    def photographed(self) -> None:
        """The page was set flat from a photograph's perspective (rectify.photographed: a
        phone capture; not a flatbed page whose rules lean apart a little): rapidocr reads
        it (the page's choice). Tesseract's
        confidence does not tell on such a page, resampled through the homography: it
        reads it surely and drops lines and list points of cells (a phone probe's SK page:
        7 % of its words below 90, mean 92.7, so kept by the gate; lines of three cells
        lost, "IK 1.2" read "IK12"), which rapidocr reads. Measured on 5 phone probes
        (benchmarks/results/ocr.txt): records 0.80/0.70/0.67/1.00/0.90 -> 0.84/0.80/1.00/
        1.00/1.00, one document's fields 1.000 -> 0.933."""
        if not self.regions and self.chosen is None:
            self.chosen = self.accurate

    def coarse(self) -> None:
        """The page is a coarse scan (OcrSettings.auto_coarse_dpi, 150 dpi: a photocopy
        archive): rapidocr reads it (the page's choice) without tesseract's deciding read,
        which such a page nearly always fails: on the 150 dpi holdout pages 0.084-0.283 of
        tesseract's words read below word_conf (the gate 0.08) but on two covers of 12-25
        words and one page at 0.074, whose documents come out the same read by rapidocr; and
        tesseract forced there reads records 0.56 / fields 0.33 where rapidocr reads 0.98 /
        0.95 (benchmarks/results/ocr.txt). The read cost ~1.1 s of the page's ~7.5 s CPU,
        and loading tesseract ~0.7 s a process."""
        if not self.regions and self.chosen is None:
            self.chosen = self.accurate

    def _fix_decimals(self, words: list[Word]) -> list[Word]:
        """The read's words with decimal points put back to commas (fix_separators) on a page
        read unsurely: rapidocr's, and tesseract's too (it reads a faint comma as a point:
        "78.00" beside "75,00"), with the page's comma numbers as evidence."""
        fix_separators(self.accurate.decimals + [w for w in words if _DECIMAL.match(w.text)], self.evidence)
        return words

    def _unsure(self, ws: list[Word]) -> bool:
        """A tesseract text line to read again: its words' mean confidence below min_conf, a
        word's below word_conf, or a lone mark opening it before a word (no line opens with a
        point: it is what tesseract reads of a list number "2." whose digit it dropped)."""
        confs = [w.conf for w in ws if _has_alnum(w)]
        if not confs:
            return False
        if sum(confs) / len(confs) < self.min_conf or min(confs) < self.word_conf:
            return True
        first = min(ws, key=lambda w: w.x0)
        return len(ws) > 1 and first.text in _OPENING

    def _second_read(self, gray: np.ndarray, quad: np.ndarray, score: float, new: list[Word],
                     text_h: float) -> tuple[float, list[Word]]:
        """(score, words) of a line box tesseract passed over, read by tesseract too (the box
        alone, one text line, on a white border): a recogniser's word the lexicon does not
        know takes tesseract's word at its place when that one is a lexicon word
        (`lexicon_word_for`: the recogniser alone drops letters, "Tujun" for "Tujuan",
        "Tota" for "Total"); a line the recogniser read unsurely (below new_score) is
        tesseract's when tesseract reads it surely (mean min_conf) with a lexicon word."""
        h, w = gray.shape[:2]
        x0, y0, x1, y1 = _box(quad)
        pad = int(0.15 * text_h)
        cx0, cy0, cx1, cy1 = max(int(x0) - pad, 0), max(int(y0) - pad, 0), min(int(x1) + pad, w), min(int(y1) + pad, h)
        crop = gray[cy0:cy1, cx0:cx1]
        if crop.size == 0:
            return score, new
        border = int(text_h)
        sheet = cv2.copyMakeBorder(crop, border, border, border, border, cv2.BORDER_CONSTANT, value=255)
        self.counts.update(second=1)
        tess = [wd for wd in self.tesseract.read(sheet, 7) if _has_alnum(wd)]
        if not tess:
            return score, new
        for wd in tess:
            wd.x0, wd.x1 = wd.x0 + cx0 - border, wd.x1 + cx0 - border
            wd.top, wd.bottom = wd.top + cy0 - border, wd.bottom + cy0 - border
        if new and score >= self.new_score:
            for wd in new:
                match = [t for t in tess if same_place(t, wd)]
                if len(match) == 1 and [n for n in new if same_place(match[0], n)] == [wd] \
                        and lexicon_word_for(match[0], wd):
                    wd.text = match[0].text
                    self.counts.update(second_words=1)
            return score, new
        if mean_confidence(tess) < self.min_conf or not known_words(tess):
            return score, new
        block = REREAD_BLOCK + 5000 + self.counts["second"]
        for wd in tess:
            wd.block, wd.par, wd.line = block, 1, 1
        self.counts.update(second_lines=1)
        return mean_confidence(tess) / 100.0, tess

    def _read_pages(self, image: np.ndarray, psm: int) -> list[Word]:
        """The page's choice (the default): the first read decides, the later ones follow."""
        if self.chosen is not None:
            return self.chosen.read(image, psm)
        words = self.tesseract.read(image, psm)
        self.first_conf = mean_confidence(words)
        self.first_unsure = unsure_share(words, self.word_conf)
        if words and self.first_unsure < self.page_unsure:
            self.chosen = self.tesseract
            return words
        self.chosen = self.accurate
        return self.accurate.read(image, psm)

    def _read_regions(self, image: np.ndarray, psm: int) -> list[Word]:
        words = self.tesseract.read(image, psm)
        if self.first_conf is None:
            self.first_conf = mean_confidence(words)
        self.evidence += [w for w in words if _DECIMAL.match(w.text)]
        if self.chosen is None:
            self.chosen = self.tesseract
        lines: dict[tuple, list[Word]] = {}
        for w in words:
            lines.setdefault((w.block, w.par, w.line), []).append(w)
        self.counts.update(reads=1, lines=len(lines))
        if self.first_conf >= self.page_conf:
            return words  # a page read surely: tesseract's words for all its reads
        unsure = {key for key, ws in lines.items() if self._unsure(ws)}
        text_h = median([w.bottom - w.top for w in words if _has_alnum(w)] or [DEFAULT_TEXT_H])
        missed = uncovered(image, words, text_h)
        self.counts.update(unsure=len(unsure), missed=len(missed))
        if not unsure and not missed:
            return self._fix_decimals(words)
        h, w = image.shape[:2]
        m = text_h  # margin: the detector needs whole lines around the words
        grown = _merged([[min(x.x0 for x in lines[k]) - m, min(x.top for x in lines[k]) - m,
                          max(x.x1 for x in lines[k]) + m, max(x.bottom for x in lines[k]) + m] for k in unsure]
                        + [[x0 - m, y0 - m, x1 + m, y1 + m] for x0, y0, x1, y1 in missed])
        # a region takes in the words beside it on its rows, so that the detector sees whole
        # lines (a line cut at a region's edge reads as a broken word)
        for _ in range(3):
            for b in grown:
                for wd in words:
                    if b[1] <= wd.cy <= b[3] and wd.x1 > b[0] - 2 * m and wd.x0 < b[2] + 2 * m:
                        b[0], b[2] = min(b[0], wd.x0 - m), max(b[2], wd.x1 + m)
            grown = _merged(grown)
        regions = [(int(max(x0, 0)), int(max(y0, 0)), int(min(x1, w)), int(min(y1, h))) for x0, y0, x1, y1 in grown]
        dark = image < INK_LEVEL
        regions = [snap_to_blank(dark, r, int(1.5 * text_h)) for r in regions]
        quads = self.accurate.detect(image, regions, text_h)
        # the tesseract words inside each detected line; the lines worth reading again
        owner: dict[int, int] = {}
        todo: list[tuple[np.ndarray, list[int]]] = []
        gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        for q in (part for found in quads for part in split_lines(gray, found, words, text_h)):
            bx0, by0, bx1, by1 = _box(q)
            if by1 - by0 > MAX_LINE_H * text_h:
                continue  # lines set close that could not be parted: the recogniser would read one of them
            held = [i for i, wd in enumerate(words) if bx0 <= wd.cx <= bx1 and by0 <= wd.cy <= by1]
            inside = [i for i in held if i not in owner]
            if held and not inside:
                continue  # a line whose words another box of the detector took
            # text tesseract passed over: ink it left uncovered, or a line the detector found
            # in the region with no tesseract word on it (short faint lines: "1. 48" over "2. 210")
            passed_over = not held or any(b[0] < bx1 and bx0 < b[2] and b[1] < by1 and by0 < b[3] for b in missed)
            if not passed_over and not any((words[i].block, words[i].par, words[i].line) in unsure for i in inside):
                continue
            for i in inside:
                owner[i] = len(todo)
            todo.append((q, inside))
        read = self.accurate.recognise(image, [q for q, _ in todo], first_block=REREAD_BLOCK + self.counts["reread"])
        self.counts.update(reread=len(todo))
        replaced: dict[int, list[Word]] = {}
        for k, ((q, inside), (score, new)) in enumerate(zip(todo, read)):
            if not inside:
                # text tesseract did not read: read by tesseract too, on the line's box alone,
                # and the reading with more words of the lexicon kept (the recogniser alone
                # misreads words tesseract reads right on a line: "Tujun" for "Tujuan")
                score, new = self._second_read(gray, q, score, new, text_h)
            if not new or score < (self.min_score if inside else self.new_score):
                continue
            if _same_reading("".join(words[i].text for i in inside), " ".join(wd.text for wd in new)):
                continue
            new = fit_reading(gray, new, [words[i] for i in inside], _box(q), text_h, sure=self.word_conf)
            if not new:
                continue
            for wd in new:
                if _DECIMAL.match(wd.text):
                    if "." in wd.text and separator_glyph(gray, (wd.x0, wd.top, wd.x1, wd.bottom), wd.text) == ",":
                        wd.extra["comma"] = True
                    self.accurate.decimals.append(wd)
            replaced[k] = new
        if not replaced:
            return self._fix_decimals(words)
        self.chosen = self.accurate
        out: list[Word] = []
        for i, wd in enumerate(words):
            k = owner.get(i)
            if k not in replaced:
                out.append(wd)
            elif replaced[k]:
                out.extend(replaced.pop(k))
                replaced[k] = []
        # text tesseract did not read at all, in reading order among the lines
        for new in replaced.values():
            for wd in new:
                at = next((j for j, o in enumerate(out) if o.top > wd.bottom or (o.top >= wd.top and o.x0 > wd.x1)), len(out))
                out.insert(at, wd)
        return self._fix_decimals(out)


# a detected box taller than this many text heights holds more than one line
MAX_LINE_H = 1.7
# a pixel darker than this is ink
INK_LEVEL = 160
# a text line's height (px) at 300 dpi when a read has no words to measure it on
DEFAULT_TEXT_H = 40.0
# block numbers of rapidocr's lines in a mixed read start here (tesseract's are small)
REREAD_BLOCK = 10000


ENGINES = {"tesseract": Tesseract, "rapidocr": RapidOcr, "auto": Auto}


def make_engine(settings: OcrSettings) -> OcrEngine:
    if settings.engine == "auto":
        return Auto(settings.languages, min_conf=settings.auto_min_conf, tessdata=settings.tessdata,
                    word_conf=settings.auto_word_conf, page_conf=settings.auto_min_conf,
                    regions=settings.auto_regions, page_unsure=settings.auto_page_unsure)
    if settings.engine == "tesseract":
        return Tesseract(settings.languages, tessdata=settings.tessdata)
    return ENGINES[settings.engine](languages=settings.languages)


def orientation_engine(settings: OcrSettings) -> OcrEngine:
    """The engine that tells which way a sideways page turns: tesseract, whose
    confidence drops on upside-down text (extractors/raster.py compares the two)."""
    return Tesseract(settings.languages, tessdata=settings.tessdata)
