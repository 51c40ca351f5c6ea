"""OCR engines behind one small interface: an image region in, words with pixel boxes out.

An engine is made from `OcrSettings` by `make_engine`; the OCR path calls only
`read(image, psm)`. To add an engine: a class with `name` and `read`, listed
in ENGINES and in `extractors.settings.OCR_ENGINES`.
"""
from __future__ import annotations

import os
import tempfile
from typing import Protocol

import cv2
import numpy as np
import pytesseract

from extractors.ocr import OcrError, Word
from extractors.settings import OcrSettings


class OcrEngine(Protocol):
    name: str

    def read(self, image: np.ndarray, psm: int) -> list[Word]:
        """Words (pixel boxes, confidence 0..100) of one 8-bit grey image, in reading order.
        `psm` is tesseract's page segmentation mode: 3 a page, 6 one block of text."""
        ...


class Tesseract:
    """The tesseract command through pytesseract (single-threaded: OMP_THREAD_LIMIT=1 in the workers)."""
    name = "tesseract"

    def __init__(self, languages: str = "eng+ind", dpi: int = 300):
        self.languages, self.dpi = languages, dpi

    def read(self, image: np.ndarray, psm: int) -> list[Word]:
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
        words = []
        for i, text in enumerate(data["text"]):
            text = (text or "").strip()
            conf = float(data["conf"][i])
            if not text or conf < 0:
                continue
            x, y, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
            words.append(Word(text=text, conf=conf, x0=float(x), top=float(y), x1=float(x + w),
                              bottom=float(y + h), block=data["block_num"][i], par=data["par_num"][i],
                              line=data["line_num"][i]))
        return words


ENGINES = {"tesseract": Tesseract}


def make_engine(settings: OcrSettings) -> OcrEngine:
    return ENGINES[settings.engine](languages=settings.languages)
