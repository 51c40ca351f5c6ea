"""Settings of the extraction stages, one class a stage, validated when made.

They hold the choices a user may want to change. `pipeline/options.py` gathers
them into the one options object (and is the only reader of IKU_* variables).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextLayerSettings:
    # a page with fewer non-blank characters than this is an image page (a scan)
    min_text_chars: int = 20
    # pdfplumber's table finder (its TableSettings keys): how close rulings must be to join
    snap_tolerance: float = 3
    intersection_tolerance: float = 3
    # lay out only pages whose text reads like an indicator table's header (and the page after
    # a table that runs off the bottom); False lays out every text page (slower, same tables)
    page_filter: bool = True
    # read the laid-out pages' characters and drawings with pdfium (in pdfminer's geometry,
    # extractors/pdfium_page.py); False: pdfminer reads them (slower, the same tables)
    pdfium_objects: bool = True

    def __post_init__(self):
        if self.min_text_chars < 0:
            raise ValueError(f"min_text_chars must be ≥ 0, not {self.min_text_chars}")
        if self.snap_tolerance < 0 or self.intersection_tolerance < 0:
            raise ValueError("table tolerances must be ≥ 0")

    def table_settings(self, rulings: list) -> dict:
        """pdfplumber TableSettings for a page whose rulings were picked by the extractor."""
        return {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": rulings, "explicit_horizontal_lines": rulings,
                "snap_tolerance": self.snap_tolerance, "intersection_tolerance": self.intersection_tolerance}


OCR_ENGINES = ("auto", "tesseract", "rapidocr")


@dataclass(frozen=True)
class OcrSettings:
    # auto: tesseract, and rapidocr on pages tesseract reads unsurely (extractors/ocr_engine.py)
    engine: str = "auto"
    # eng+ind, in that order: see extractors/ocr.py for the measurements
    languages: str = "eng+ind"
    # tesseract's language folder; "" = $TESSDATA_PREFIX or the system tesseract's
    tessdata: str = ""
    # engine "auto" with auto_regions: a page whose mean tesseract word confidence (0..100) is
    # below this is read again where unsure (the page's choice uses auto_page_unsure below)
    auto_min_conf: float = 93.0
    # engine "auto" with auto_regions: on such a page rapidocr reads again only the text lines
    # whose words' mean is below auto_min_conf or with a word below auto_word_conf, and the
    # text-sized ink tesseract passed over (leaner, better words; records as the page's choice
    # on the holdout scans measured, fields a little below at 150 dpi: benchmarks/results/ocr.txt)
    auto_regions: bool = False
    auto_word_conf: float = 90.0
    # engine "auto" (the page's choice): a page with this share (0..1) or more of its words
    # read below auto_word_conf is read by rapidocr. Measured on 44 holdout pages: clean and
    # 300 dpi pages at most 0.069, 150 dpi pages 0.084 or more (benchmarks/results/ocr.txt)
    auto_page_unsure: float = 0.08
    # engine "auto" (the page's choice): a page whose scan is this coarse (dots per inch) or
    # coarser is read by rapidocr without tesseract's deciding read, which such a page nearly
    # always fails (150 dpi holdout pages: 0.084-0.283 of the words unsure; kept by the read only
    # two covers of 12-25 words and one page at 0.074, whose documents come out the same read by
    # rapidocr), so the read (~1.1 s of a ~7.5 s page, and tesseract's load) was thrown away;
    # 200 dpi pages go either way (benchmarks/results/ocr.txt). 0 = always decide by the read
    auto_coarse_dpi: float = 175.0
    # page segmentation of the page call: automatic (columns, blocks)
    psm: int = 3
    # worker processes for scanned pages (tesseract single-threaded in each); 1 = in this process
    workers: int = 2
    # least confidence (0..100) of a word read in a cell the page layout passed over
    missed_conf: float = 60
    # unread marks of a page read on the strip at most (a page of stray marks is noise)
    max_orphans: int = 60

    def __post_init__(self):
        if self.engine not in OCR_ENGINES:
            raise ValueError(f"unknown OCR engine {self.engine!r} (choose from {', '.join(OCR_ENGINES)})")
        if self.workers < 1:
            raise ValueError(f"OCR workers must be ≥ 1, not {self.workers}")
        if not self.languages or not all(part.isidentifier() for part in self.languages.split("+")):
            raise ValueError(f"OCR languages must read like 'eng+ind', not {self.languages!r}")
        for name in ("auto_min_conf", "auto_word_conf"):
            if not 0 <= getattr(self, name) <= 100:
                raise ValueError(f"{name} is a confidence 0..100, not {getattr(self, name)}")
        if self.auto_coarse_dpi < 0:
            raise ValueError(f"auto_coarse_dpi is a resolution ≥ 0, not {self.auto_coarse_dpi}")
        if not 0 <= self.auto_page_unsure <= 1:
            raise ValueError(f"auto_page_unsure is a share 0..1, not {self.auto_page_unsure}")
        if self.psm not in range(14):
            raise ValueError(f"page segmentation mode must be 0..13, not {self.psm}")
