"""iku.extractors.pdfium_page: pdfium's reading of a page equals pdfminer's where the table
finder looks (characters, words, rules), on a page drawn here."""
from __future__ import annotations

from collections import Counter

import pdfplumber
import pypdfium2 as pdfium
import pytest

from iku.extractors.pdfium_page import PdfiumPage, pdfium_page_for


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    path = tmp_path_factory.mktemp("pdfium") / "page.pdf"
    width, height = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, height - 50, "INDIKATOR KINERJA UTAMA")
    c.drawString(60.35, height - 50, "INDIKATOR KINERJA UTAMA")  # bold faked by printing twice
    c.setFont("Helvetica", 9)
    xs, top = [60, 90, 260, 470], height - 80
    rows = [["No", "Sasaran Strategis", "Indikator Kinerja"],
            ["1", "Meningkatnya mutu layanan", "Persentase warga puas (%)"],
            ["2", "Menurunnya angka kesakitan", "Angka kesakitan per 1.000 penduduk"]]
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            c.drawString(xs[k] + 3, top - 20 * r - 13, text)
    c.setLineWidth(0.6)
    for x in xs:
        c.line(x, top, x, top - 60)
    for r in range(4):
        c.line(xs[0], top - 20 * r, xs[-1], top - 20 * r)
    c.setFillGray(0.8)
    c.rect(60, 60, 200, 30, fill=1, stroke=0)  # a shaded band
    c.showPage()
    c.save()
    return path


@pytest.fixture()
def pages(drawn):
    pdf = pdfplumber.open(drawn)
    doc = pdfium.PdfDocument(str(drawn))
    page = pdf.pages[0]
    yield page, pdfium_page_for(page, doc)
    pdf.close()
    doc.close()


def test_the_page_is_read_by_pdfium(pages):
    _, fast = pages
    assert isinstance(fast, PdfiumPage)


def test_characters_sit_where_pdfminer_puts_them(pages):
    slow, fast = pages
    key = lambda c: (round(c["top"]), round(c["x0"], 1))
    a = sorted((c for c in slow.chars if c["text"] != " "), key=key)
    b = sorted((c for c in fast.chars if c["text"] != " "), key=key)
    # the title printed twice: pdfminer has every letter twice, pdfium once
    assert len(a) - len(b) == len("INDIKATORKINERJAUTAMA")
    a = [c for c in a if c["top"] >= 60]
    b = [c for c in b if c["top"] >= 60]
    assert [c["text"] for c in a] == [c["text"] for c in b]
    # the font's descent as pdfium reads it may differ by a fraction of a point
    for x, y in zip(a, b):
        assert abs(x["x0"] - y["x0"]) < 0.05 and abs(x["x1"] - y["x1"]) < 0.3
        assert abs(x["top"] - y["top"]) < 0.25 and abs(x["bottom"] - y["bottom"]) < 0.25
        assert x["upright"] == y["upright"] and abs(x["size"] - y["size"]) < 0.01


def test_words_are_pdfminers(pages):
    slow, fast = pages
    words = lambda p: Counter(w["text"] for w in p.extract_words(x_tolerance=2, y_tolerance=3) if w["top"] > 60)
    assert words(slow) == words(fast)
    assert "Persentase" in words(fast) and "(%)" in words(fast)


def test_rules_and_shading_are_pdfminers(pages):
    slow, fast = pages
    box = lambda o: tuple(round(o[k], 1) for k in ("x0", "top", "x1", "bottom"))
    assert sorted(map(box, slow.lines)) == sorted(map(box, fast.lines))
    assert sorted(map(box, slow.rects)) == sorted(map(box, fast.rects))
    assert [r["fill"] for r in fast.rects] == [True]


def test_the_ruled_table_is_found_the_same(pages):
    slow, fast = pages
    settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
    assert slow.extract_tables(settings) == fast.extract_tables(settings)


def test_a_rotated_page_stays_with_pdfminer(drawn, tmp_path):
    turned = tmp_path / "turned.pdf"
    doc = pdfium.PdfDocument(str(drawn))
    doc[0].set_rotation(90)
    doc.save(str(turned))
    doc.close()
    with pdfplumber.open(turned) as pdf:
        assert pdfium_page_for(pdf.pages[0], pdfium.PdfDocument(str(turned))) is None


def test_a_document_gives_the_same_records_either_way():
    """The switch (text_layer.pdfium_objects) changes the speed, not the output."""
    from pathlib import Path

    from iku.pipeline.options import Options
    from iku.pipeline.process import process_pdf

    sample = Path(__file__).resolve().parents[1] / "samples" / "digital" / "100_dinkes_sleman.pdf"
    fields = lambda d: ([{k: v for k, v in r.items() if k not in ("provenance", "confidence")}
                         for r in d["indicators"]], d["document"])
    fast = process_pdf(str(sample), Options().with_(**{"ocr.workers": 1}))
    slow = process_pdf(str(sample), Options().with_(**{"ocr.workers": 1, "text_layer.pdfium_objects": False}))
    assert fields(fast) == fields(slow)


def test_gap_after_a_ligature_is_no_space_unless_a_word_space():
    """pdfium splits a ligature glyph ("ﬁ" → "f", "i") into characters at the glyph's origin,
    the last narrower than the glyph's advance: the gap after it ("ﬁ" + "nal", 0.12 of the
    size) is no space; a word space after it (0.3 of the size) still is one."""
    from iku.extractors.pdfium_page import _char, _with_spaces

    def ch(text, x0, x1):
        return _char(text, x0, x1, 100.0, 110.0, 10.0, "Calibri", (1, 0, 0, 1, x0, 700), True, 1, 0.0, (0,), 800.0)

    chars = [ch("f", 100.0, 103.0), ch("i", 103.0, 105.0), ch("n", 106.2, 111.0), ch("a", 111.0, 116.0),
             ch("l", 116.0, 118.0), ch("f", 121.0, 124.0), ch("i", 124.0, 126.0), ch("x", 129.0, 134.0)]
    text = "".join(c["text"] for c in _with_spaces(chars, 1, 0.0, 800.0, {1, 6}))
    assert text == "final fi x"
    # (without the ligature's tails the narrow gap reads as a space: "fi nal")
    assert "".join(c["text"] for c in _with_spaces(chars, 1, 0.0, 800.0)) == "fi nal fi x"


def test_fonts_pdfium_cannot_name_take_pdfminers_names():
    """A Type 3 font (a browser prints text in them) has no BaseFont: pdfium names it "", and
    a bold header or section row would not read as bold. Its characters take the name of
    pdfminer's character of the same text at the same x, nearest in height within its size
    (pdfium gives such a font no descent: its characters stand a few points lower); a space
    takes its left neighbour's; named characters keep theirs."""
    from iku.extractors.pdfium_page import _char, named_fonts

    def ch(text, x0, top, font):
        return _char(text, x0, x0 + 5.0, top, top + 10.0, 10.0, font, (1, 0, 0, 1, x0, 700), True, 1, 0.0, (0,), 800.0)

    pdfium_chars = [ch("S", 100.0, 102.4, ""), ch("a", 105.0, 102.4, ""), ch(" ", 110.0, 102.4, ""),
                    ch("a", 115.0, 102.4, ""), ch("x", 200.0, 102.4, "Helvetica")]
    pdfminer_chars = [ch("S", 100.0, 100.0, "AAAAAA+C059-Bold"), ch("a", 105.0, 100.0, "AAAAAA+C059-Bold"),
                      ch("a", 115.0, 100.0, "BAAAAA+C059-Roman"), ch("a", 115.0, 130.0, "AAAAAA+C059-Bold"),
                      ch("x", 200.0, 100.0, "Times")]
    got = [c["fontname"] for c in named_fonts(pdfium_chars, pdfminer_chars)]
    assert got == ["AAAAAA+C059-Bold", "AAAAAA+C059-Bold", "AAAAAA+C059-Bold", "BAAAAA+C059-Roman", "Helvetica"]


def _type3_pdf(path) -> None:
    """A page in three Type 3 fonts as a browser prints them (no BaseFont; the name in the font
    descriptor, which has no FontBBox): "IKU" in a bold face, "12" in a regular one whose
    digits an italic subset holds too at the same widths, "c" in the italic one."""
    fonts = [("AAAAAA+Test-Bold", {"I": 650, "K": 700, "U": 720}, "IKU"),
             ("BAAAAA+Test-Regular", {"1": 500, "2": 500, "a": 450, "b": 460}, "12"),
             ("CAAAAA+Test-Italic", {"1": 500, "2": 500, "c": 400}, "c")]
    objs: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
                              2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"}
    stream = lambda data: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)
    content, refs, n = b"", [], 5
    for k, (name, widths, drawn) in enumerate(fonts):
        glyphs = list(widths)
        procs = {}
        for g, ch in enumerate(glyphs, start=1):
            objs[n] = stream(b"%d 0 0 0 %d 700 d1 0 0 %d 700 re f" % (widths[ch], widths[ch] - 50, widths[ch] - 50))
            procs[g], n = n, n + 1
        cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) "
                b"/Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def "
                b"1 begincodespacerange <00> <FF> endcodespacerange %d beginbfchar " % len(glyphs)
                + b" ".join(b"<%02X> <%04X>" % (g, ord(ch)) for g, ch in enumerate(glyphs, start=1))
                + b" endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
        objs[n] = stream(cmap)
        objs[n + 1] = (b"<< /Type /FontDescriptor /FontName /%s /Flags 4 /ItalicAngle 0 /StemV 80 >>"
                       % name.encode())
        objs[n + 2] = (b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] "
                       b"/CharProcs << %s >> /Encoding << /Type /Encoding /Differences [1 %s] >> /FirstChar 1 "
                       b"/LastChar %d /Widths [%s] /FontDescriptor %d 0 R /ToUnicode %d 0 R /Resources << >> >>"
                       % (b" ".join(b"/g%d %d 0 R" % (g, procs[g]) for g in procs),
                          b" ".join(b"/g%d" % g for g in procs), len(glyphs),
                          b" ".join(b"%d" % widths[ch] for ch in glyphs), n + 1, n))
        refs.append(b"/F%d %d 0 R" % (k + 1, n + 2))
        codes = b"".join(b"%02X" % (glyphs.index(ch) + 1) for ch in drawn)
        content += b"BT /F%d 12 Tf 72 %d Td <%s> Tj ET\n" % (k + 1, 700 - 30 * k, codes)
        n += 3
    objs[4] = stream(content)
    objs[3] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << %s >> >> >>"
               % b" ".join(refs))
    out, offsets = b"%PDF-1.7\n", {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (num, objs[num])
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (max(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[num] for num in range(1, max(objs) + 1))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (max(objs) + 1, xref)
    path.write_bytes(out)


def test_type3_fonts_are_named_from_the_page_resources(tmp_path, monkeypatch, caplog):
    """Type 3 fonts (no BaseFont: pdfium names them "") take pdfminer's names from the page's
    font resources without a second reading of the page: a bold character is named bold, and
    digits an italic subset holds at the same widths are told by the rest of the fonts'
    glyphs. pdfminer's warning of the descriptors without a FontBBox stays quiet."""
    from iku.extractors.borderless import _BOLD

    path = tmp_path / "type3.pdf"
    _type3_pdf(path)
    with pdfplumber.open(path) as pdf:
        expected = [(c["text"], c["fontname"]) for c in pdf.pages[0].chars]
    assert expected == [("I", "AAAAAA+Test-Bold"), ("K", "AAAAAA+Test-Bold"), ("U", "AAAAAA+Test-Bold"),
                        ("1", "BAAAAA+Test-Regular"), ("2", "BAAAAA+Test-Regular"), ("c", "CAAAAA+Test-Italic")]

    def second_reading(self):
        raise AssertionError("the page's characters were laid out again")

    monkeypatch.setattr(PdfiumPage, "parse_objects", second_reading)
    caplog.clear()
    with pdfplumber.open(path) as pdf:
        doc = pdfium.PdfDocument(str(path))
        fast = pdfium_page_for(pdf.pages[0], doc)
        got = [(c["text"], c["fontname"]) for c in fast.chars if not c["text"].isspace()]
        doc.close()
    assert got == expected
    assert [bool(_BOLD.search(name)) for _, name in got] == [True, True, True, False, False, False]
    assert not [r for r in caplog.records if "FontBBox" in r.getMessage()]


def test_a_page_whose_pdfium_text_lost_its_word_spaces_takes_pdfminers(drawn):
    # pdfium reads some producers' letter-spaced pages without the spaces between words: such a
    # page (most of its letters in runs no word is as long as) takes pdfminer's text, words
    # parted, so that the page filter, the document fields and the verdict read its words
    from iku.extractors.model import PageInfo, PageKind
    from iku.extractors.pdf_text import _unglue, could_hold_indicator_table

    glued = "INDIKATORKINERJAUTAMA\nNoSasaranStrategisIndikatorKinerja\n1Meningkatnyamutulayanan"
    pages = [PageInfo(number=1, width=842, height=595, kind=PageKind.TEXT, text=glued)]
    assert not could_hold_indicator_table(glued)
    _unglue(str(drawn), pages)
    assert "Sasaran Strategis" in pages[0].text and "Meningkatnya mutu layanan" in pages[0].text
    assert could_hold_indicator_table(pages[0].text)
    spaced = [PageInfo(number=1, width=842, height=595, kind=PageKind.TEXT, text="Sasaran Strategis")]
    _unglue(str(drawn), spaced)
    assert spaced[0].text == "Sasaran Strategis"  # a page read with its spaces keeps pdfium's text
