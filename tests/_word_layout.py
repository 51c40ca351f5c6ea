"""Words laid out as a PDF's text layer or an OCR read gives them, for the table-reading tests
(test_borderless.py, test_scan_continuation.py)."""
from __future__ import annotations

SIZE = 9.0  # font size: a character is SIZE/2 wide, a space SIZE/4


def words_of_line(text: str, x: float, top: float) -> list[dict]:
    """The words of one line of `text` starting at x, each SIZE/2 a character wide."""
    out = []
    for w in text.split():
        out.append({"text": w, "x0": x, "x1": x + len(w) * SIZE / 2, "top": top, "bottom": top + SIZE})
        x = out[-1]["x1"] + SIZE / 4
    return out
