"""A pdfplumber page whose characters and drawings are read by pdfium.

pdfplumber gets a page's objects from pdfminer, which interprets the content
stream in Python: tens to hundreds of milliseconds a page, most of the text
layer's cost on a document whose every page holds a table. pdfium (C++) reads
the same characters and paths in a few milliseconds. `PdfiumPage` is a
pdfplumber `Page` whose `objects` come from pdfium, in pdfplumber's shape and
pdfminer's geometry, so that the table finder, word extraction, cropping and
everything built on them work unchanged:

- a character's box is pdfminer's: from its origin, the font's descent and the
  font size along the text matrix (not pdfium's glyph box), so words, lines and
  cell texts come out as pdfminer's do;
- pdfium marks the spaces it did not find as drawn characters as generated, and
  puts its own there: a generated space between two characters of one line is
  kept as a space character spanning the gap (pdfminer has the drawn one there,
  and word extraction splits on it);
- a painted path is cut into its subpaths; each is a line (one segment), a rect
  (a closed axis-aligned quadrilateral) or a curve, as pdfminer classifies them;
  paths inside form XObjects are placed by the form's matrix;
- a font pdfium cannot name (a Type 3 font has no BaseFont; a browser prints in them)
  takes pdfminer's name for it from the page's font resources (`ResourceFonts`), so a
  bold header or section row reads as bold; where those cannot tell it, from pdfminer's
  characters of the page (`named_fonts`, a second reading of the page).

Pages that are rotated or whose media box does not start at the origin keep
pdfminer (their coordinates are shifted in ways this module does not repeat).
"""
from __future__ import annotations

import ctypes
import logging
from contextlib import contextmanager
from typing import Optional

import pdfplumber.page
import pypdfium2.raw as R
from pdfminer.pdffont import PDFSimpleFont, PDFUnicodeNotDefined
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfplumber.utils.geometry import clip_obj

_SEG_LINE, _SEG_BEZIER, _SEG_MOVE = R.FPDF_SEGMENT_LINETO, R.FPDF_SEGMENT_BEZIERTO, R.FPDF_SEGMENT_MOVETO
_PATH, _FORM = R.FPDF_PAGEOBJ_PATH, R.FPDF_PAGEOBJ_FORM
# pdfium leaves out most drawn spaces; a gap this wide (in font sizes) between two characters
# of a line is where one was
SPACE_GAP = 0.06
MAX_SPACE = 1.0
# pdfium gives the characters of one ligature glyph ("ﬁ" → "f", "i") the glyph's origin and
# boxes of their own, the last narrower than the glyph's advance: the gap after it is no
# space unless it is as wide as a word space (a quarter of the size and more in text fonts)
LIGATURE_GAP = 0.2


class PdfiumPage(pdfplumber.page.Page):
    """A pdfplumber page (same document, number, boxes) whose objects pdfium reads."""

    def __init__(self, page: pdfplumber.page.Page, pdfium_page):
        super().__init__(page.pdf, page.page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop)
        self._pdfium_page = pdfium_page

    @property
    def objects(self) -> dict[str, list[dict]]:
        if hasattr(self, "_objects"):
            return self._objects
        try:
            self._objects = read_objects(self._pdfium_page, float(self.height), self.page_number,
                                         self.initial_doctop, ResourceFonts(self))
        except Exception:  # a page pdfium cannot walk: pdfminer reads it as before
            with quiet_font_warnings():
                self._objects = self.parse_objects()
            return self._objects
        chars = self._objects.get("char", [])
        if any(not c["fontname"] for c in chars if not c["text"].isspace()):
            # fonts pdfium cannot name and the page's resources do not tell apart (ResourceFonts):
            # pdfminer's characters of the page name them, and a header or section row is told
            # by its bold face
            with quiet_font_warnings():
                named = self.parse_objects().get("char", [])
            self._objects["char"] = named_fonts(chars, named)
        return self._objects

    def crop(self, bbox, relative: bool = False, strict: bool = True) -> pdfplumber.page.CroppedPage:
        """pdfplumber's crop, the same objects out: an object clear of the box is passed over
        before pdfplumber's clipping (which builds the overlap of every object of the page)."""
        return pdfplumber.page.CroppedPage(self, bbox, crop_fn=crop_to_bbox, relative=relative, strict=strict)


def named_fonts(chars: list[dict], named: list[dict]) -> list[dict]:
    """`chars` with the font names pdfium left empty taken from `named` (pdfminer's
    characters of the same page): the character of the same text at the same x, nearest in
    height within its size (without a descent from pdfium, a Type 3 font's characters stand
    lower than pdfminer's); a character pdfminer has not there (a space pdfium put in, a
    ligature's part: pdfminer has the ligature as one character) takes the name of the
    character before it."""
    by_x: dict[tuple, list[tuple[float, str]]] = {}
    for c in named:
        if c.get("fontname"):
            by_x.setdefault((c["text"], round(c["x0"] * 2)), []).append((c["top"], c["fontname"]))
    out: list[dict] = []
    for c in chars:
        if not c["fontname"]:
            near = [(abs(top - c["top"]), name) for dx in (0, -1, 1)
                    for top, name in by_x.get((c["text"], round(c["x0"] * 2) + dx), ())
                    if abs(top - c["top"]) <= max(c["size"], 1.0)]
            name = min(near)[1] if near else ""
            if not name and out:
                name = out[-1]["fontname"]  # a space, a ligature's part ("ﬁ" → "f", "i"): its neighbour's
            if name:
                c = dict(c, fontname=name)
        out.append(c)
    return out


class ResourceFonts:
    """Names the fonts pdfium leaves unnamed (a Type 3 font has no BaseFont) as pdfminer
    does (its font descriptor's FontName, else "unknown"), from the page's font resources
    (the page's and its forms'), without laying out the page's characters: a font of the
    resources is the unnamed one when every character pdfium draws in it is in its
    ToUnicode map at pdfium's width of it (pdfminer builds each font once a document).
    A font no resource, or two resources of different names, fit stays unnamed (the page's
    characters are then named from pdfminer's: named_fonts)."""

    def __init__(self, page: pdfplumber.page.Page):
        self._page = page
        self._fonts: Optional[list] = None  # [(name, {text: widths})] of the fonts without a BaseFont
        self._failed = False

    def __call__(self, handle, texts: set[str]) -> Optional[str]:
        fonts = self._resource_fonts()
        if fonts is None:
            return None
        width, drawn = ctypes.c_float(), {}
        for t in texts:
            if len(t) != 1 or not R.FPDFFont_GetGlyphWidth(handle, ord(t), ctypes.c_float(1000.0), width):
                return None
            drawn[t] = width.value
        fit = [(name, widths) for name, widths in fonts
               if all(any(abs(w - x) <= 1.0 for x in widths.get(t, ())) for t, w in drawn.items())]
        if len({name for name, _ in fit}) > 1:
            # a few characters (digits, a parenthesis) fit several faces: the unnamed font also
            # holds all the resource's other characters at the resource's widths
            fit = [(name, widths) for name, widths in fit
                   if all(R.FPDFFont_GetGlyphWidth(handle, ord(t), ctypes.c_float(1000.0), width)
                          and any(abs(width.value - x) <= 1.0 for x in ws) for t, ws in widths.items())]
        names = {name for name, _ in fit}
        return names.pop() if len(names) == 1 else None

    def _resource_fonts(self) -> Optional[list]:
        if self._fonts is None and not self._failed:
            fonts: list = []
            try:
                with quiet_font_warnings():
                    self._collect(self._page.page_obj.resources, set(), 0, fonts)
                self._fonts = fonts
            except Exception:  # a font pdfminer cannot read, or no simple font: pdfminer's characters name them
                self._failed = True
        return self._fonts

    def _collect(self, resources, seen: set, depth: int, fonts: list) -> None:
        resources = resolve1(resources)
        if not isinstance(resources, dict) or depth > 4:
            return
        for ref in (resolve1(resources.get("Font")) or {}).values():
            spec = resolve1(ref)
            key = ref.objid if isinstance(ref, PDFObjRef) else id(spec)
            if key in seen or not isinstance(spec, dict) or resolve1(spec.get("BaseFont")):
                continue  # (pdfium names a font with a BaseFont)
            seen.add(key)
            font = self._page.pdf.rsrcmgr.get_font(ref.objid if isinstance(ref, PDFObjRef) else None, spec)
            name = font.fontname
            if isinstance(name, bytes):
                name = pdfplumber.page.fix_fontname_bytes(name)
            if not isinstance(font, PDFSimpleFont) or not isinstance(name, str):
                raise ValueError("a font pdfium cannot name that is no simple font")
            widths: dict[str, list[float]] = {}
            codes = font.unicode_map.cid2unichr if font.unicode_map else font.cid2unicode
            for cid in list(codes):
                try:
                    text = font.to_unichr(cid)
                except PDFUnicodeNotDefined:
                    continue
                if len(text) == 1:  # (pdfium looks a width up by one character)
                    widths.setdefault(text, []).append(font.char_width(cid) * 1000.0)
            fonts.append((name, widths))
        for ref in (resolve1(resources.get("XObject")) or {}).values():
            form = resolve1(ref)
            key = ("form", ref.objid if isinstance(ref, PDFObjRef) else id(form))
            if isinstance(form, PDFStream) and key not in seen and "Resources" in form.attrs:
                seen.add(key)
                self._collect(form.attrs["Resources"], seen, depth + 1, fonts)


class _NoFontBBox(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Could not get FontBBox")


@contextmanager
def quiet_font_warnings():
    """pdfminer warns of every font descriptor without a FontBBox (a browser's Type 3 fonts
    have none; pdfminer reads their characters all the same): not while iku reads a page."""
    log, quiet = logging.getLogger("pdfminer.pdffont"), _NoFontBBox()
    log.addFilter(quiet)
    try:
        yield
    finally:
        log.removeFilter(quiet)


def crop_to_bbox(objs: list[dict], bbox) -> list[dict]:
    """pdfplumber.utils.crop_to_bbox: an object whose box cannot overlap `bbox` (one side
    wholly beyond it, so clip_obj would find no overlap) is skipped without clipping."""
    bx0, btop, bx1, bbottom = bbox
    return [clipped for obj in objs
            if not (obj["x1"] < bx0 or obj["x0"] > bx1 or obj["bottom"] < btop or obj["top"] > bbottom)
            and (clipped := clip_obj(obj, bbox)) is not None]


def usable(page: pdfplumber.page.Page) -> bool:
    """pdfium's user-space coordinates are pdfplumber's (flipped) on this page."""
    mb = page.page_obj.mediabox
    return page.rotation == 0 and mb is not None and float(mb[0]) == 0 and float(mb[1]) == 0


def pdfium_page_for(page: pdfplumber.page.Page, pdfium_doc) -> Optional[pdfplumber.page.Page]:
    """The page read by pdfium, or None where pdfminer must read it."""
    if pdfium_doc is None or not usable(page):
        return None
    return PdfiumPage(page, pdfium_doc[page.page_number - 1])


def read_objects(page, height: float, number: int, doctop0: float,
                 fonts: Optional["ResourceFonts"] = None) -> dict[str, list[dict]]:
    """`fonts`: names the fonts pdfium cannot (ResourceFonts)."""
    objects: dict[str, list[dict]] = {"char": _chars(page, height, number, doctop0, fonts)}
    for kind, items in _paths(page, height, number, doctop0).items():
        if items:
            objects[kind] = items
    return objects


# --------------------------------------------------------------------------- characters


def _colour(getter, handle, index=None, buf=None) -> tuple:
    """`buf`: four c_uint to reuse (a page's characters ask once a text object)."""
    r, g, b, a = buf or (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
    ok = getter(handle, index, r, g, b, a) if index is not None else getter(handle, r, g, b, a)
    return (r.value / 255, g.value / 255, b.value / 255) if ok else (0,)


def _address(ptr) -> Optional[int]:
    """A pdfium handle's address (cheaper than ctypes.cast to c_void_p; None for NULL)."""
    return ctypes.addressof(ptr.contents) if ptr else None


def _chars(page, height: float, number: int, doctop0: float, namer=None) -> list[dict]:
    """`namer(handle, texts)`: the name of a font pdfium leaves unnamed (drawn as `texts` on the
    page), or None where it cannot tell (the characters keep "")."""
    textpage = page.get_textpage()
    raw = textpage.raw
    out: list[dict] = []
    try:
        n = R.FPDFText_CountChars(raw)
        ox, oy = ctypes.c_double(), ctypes.c_double()
        m = R.FS_MATRIX()
        box = R.FS_RECTF()
        fonts: dict = {}  # text object → (font name, font handle, fill colour)
        names: dict = {}  # font → its name (a page has a few fonts and may have a text object a character)
        descents: dict = {}  # (font, size) → descent
        rgba = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
        unnamed: dict = {}  # font without a name → (its handle, its characters' indices in out)
        breaks: set[int] = set()  # hyphens pdfium writes for a line break (U+0002) in them
        tails: set[int] = set()  # later characters of a ligature (at the origin of the one before)
        last_origin = None
        for i in range(n):
            if R.FPDFText_IsGenerated(raw, i) == 1:
                continue
            u = R.FPDFText_GetUnicode(raw, i)
            if u == 0 or u >= 0xFFFE:
                continue
            text = "-" if u == 2 else chr(u)  # pdfium writes a hyphen that ends a line as U+0002
            R.FPDFText_GetCharOrigin(raw, i, ox, oy)
            if last_origin is not None and abs(ox.value - last_origin[0]) < 0.01 and abs(oy.value - last_origin[1]) < 0.01:
                tails.add(len(out))
            last_origin = (ox.value, oy.value)
            R.FPDFText_GetMatrix(raw, i, m)
            R.FPDFText_GetLooseCharBox(raw, i, box)
            fs = R.FPDFText_GetFontSize(raw, i)
            obj = R.FPDFText_GetTextObject(raw, i)
            key = _address(obj)
            font = fonts.get(key)
            if font is None:
                handle = R.FPDFTextObj_GetFont(obj)
                fkey = _address(handle)
                name = names.get(fkey)
                if name is None:
                    size = R.FPDFFont_GetBaseFontName(handle, None, 0) if handle else 0
                    name = ""
                    if size > 1:
                        buf = ctypes.create_string_buffer(size)
                        R.FPDFFont_GetBaseFontName(handle, buf, size)
                        name = buf.value.decode("latin-1", "replace")
                    names[fkey] = name
                font = fonts[key] = (name, handle, _colour(R.FPDFPageObj_GetFillColor, obj, buf=rgba), fkey)
            dkey = (font[3], fs)  # the descent is the font's at that size, whichever object uses it
            descent = descents.get(dkey)
            if descent is None:
                d = ctypes.c_float()
                descent = descents[dkey] = d.value if font[1] and R.FPDFFont_GetDescent(font[1], ctypes.c_float(fs), d) else 0.0
            a, b, c, d_ = m.a, m.b, m.c, m.d
            upright = a * d_ > 0 and b * c <= 0
            if upright:
                size_pt = fs * abs(d_)
                y0 = oy.value + descent * abs(d_)
                y1 = y0 + size_pt
                x0, x1 = ox.value, max(box.right, ox.value)
            else:  # turned text: pdfium's box (table finding turns such pages upright first)
                x0, x1, y0, y1 = box.left, box.right, box.bottom, box.top
                size_pt = (x1 - x0) if abs(b) > abs(a) else (y1 - y0)
            top, bottom = height - y1, height - y0
            if not font[0] and font[1]:
                unnamed.setdefault(font[3], (font[1], []))[1].append(len(out))
                if u == 2:
                    breaks.add(len(out))
            out.append(_char(text, x0, x1, top, bottom, size_pt, font[0], (a, b, c, d_, m.e, m.f), upright, number,
                             doctop0, font[2], height))
        if namer is not None:
            for handle, idx in unnamed.values():
                # (a ligature's characters, "ﬁ" → "f", "i", and a line break's hyphen are no glyphs of the font)
                name = namer(handle, {out[i]["text"] for i in idx
                                      if i not in tails and i + 1 not in tails and i not in breaks})
                for i in idx if name else ():
                    out[i]["fontname"] = name
    finally:
        textpage.close()
    return _with_spaces(out, number, doctop0, height, tails)


def _with_spaces(chars: list[dict], number: int, doctop0: float, height: float,
                 tails: frozenset[int] | set[int] = frozenset()) -> list[dict]:
    """pdfium leaves out most drawn spaces: a gap between two characters of a line wider
    than SPACE_GAP (and narrower than a column gap, MAX_SPACE, in font sizes) gets the
    space pdfminer has there."""
    order = sorted((i for i, c in enumerate(chars) if c["upright"]),
                   key=lambda i: (round(chars[i]["bottom"]), chars[i]["x0"]))
    after: dict[int, dict] = {}  # a space goes right after its left neighbour in pdfium's order:
    for i, j in zip(order, order[1:]):  # word extraction groups characters as they come
        a, b = chars[i], chars[j]
        if a["text"] == " " or b["text"] == " " or abs(a["bottom"] - b["bottom"]) >= 1.0:
            continue
        gap = b["x0"] - a["x1"]
        least = LIGATURE_GAP if i in tails else SPACE_GAP  # (after a ligature's last character: see LIGATURE_GAP)
        if least * a["size"] < gap <= MAX_SPACE * a["size"]:
            after[i] = _char(" ", a["x1"], b["x0"], a["top"], a["bottom"], a["size"], a["fontname"], a["matrix"],
                             True, number, doctop0, a["non_stroking_color"], height)
    if not after:
        return chars
    out = []
    for i, c in enumerate(chars):
        out.append(c)
        if i in after:
            out.append(after[i])
    return out


def _char(text, x0, x1, top, bottom, size, fontname, matrix, upright, number, doctop0, colour, height) -> dict:
    return {"text": text, "fontname": fontname, "size": size, "adv": x1 - x0, "upright": upright,
            "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": doctop0 + top,
            "y0": height - bottom, "y1": height - top, "width": x1 - x0, "height": bottom - top, "matrix": matrix,
            "mcid": None, "tag": None, "ncs": None, "stroking_color": (0,), "non_stroking_color": colour,
            "object_type": "char", "page_number": number}


# --------------------------------------------------------------------------- drawings


def _mult(m1, m2):
    """m1 then m2 (PDF matrices as (a, b, c, d, e, f))."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


def _matrix(obj) -> tuple:
    m = R.FS_MATRIX()
    if not R.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _paths(page, height: float, number: int, doctop0: float) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {"rect": [], "line": [], "curve": []}
    raw = page.raw

    def walk(count, get, parent):
        for k in range(count):
            obj = get(k)
            kind = R.FPDFPageObj_GetType(obj)
            if kind == _PATH:
                _path(obj, _mult(_matrix(obj), parent) if parent else _matrix(obj), height, number, doctop0, out)
            elif kind == _FORM:
                inner = _mult(_matrix(obj), parent) if parent else _matrix(obj)
                walk(R.FPDFFormObj_CountObjects(obj), lambda j, o=obj: R.FPDFFormObj_GetObject(o, j), inner)

    walk(R.FPDFPage_CountObjects(raw), lambda j: R.FPDFPage_GetObject(raw, j), None)
    return out


def _path(obj, mtx, height: float, number: int, doctop0: float, out: dict) -> None:
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    if not R.FPDFPath_GetDrawMode(obj, fillmode, stroke):
        return
    fill, stroked = fillmode.value != 0, bool(stroke.value)
    if not fill and not stroked:
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = mtx
    subpaths: list[list[tuple[str, float, float]]] = []
    bezier = 0  # pdfium lists a curve's two control points and end point as three segments
    for s in range(R.FPDFPath_CountSegments(obj)):
        seg = R.FPDFPath_GetPathSegment(obj, s)
        R.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        op = R.FPDFPathSegment_GetType(seg)
        if op == _SEG_MOVE or not subpaths:
            subpaths.append([("m", px, py)])
            bezier = 0
        elif op == _SEG_BEZIER:
            bezier += 1
            if bezier % 3:
                continue
            subpaths[-1].append(("c", px, py))
        else:
            subpaths[-1].append(("l", px, py))
        if R.FPDFPathSegment_GetClose(seg):
            subpaths[-1].append(("h", subpaths[-1][0][1], subpaths[-1][0][2]))
    sc = _colour(R.FPDFPageObj_GetStrokeColor, obj)
    nc = _colour(R.FPDFPageObj_GetFillColor, obj)
    width = ctypes.c_float()
    linewidth = width.value if R.FPDFPageObj_GetStrokeWidth(obj, width) else 1.0
    for sub in subpaths:
        _shape(sub, fill, stroked, sc, nc, linewidth, height, number, doctop0, out)


def _shape(sub, fill, stroke, sc, nc, linewidth, height, number, doctop0, out) -> None:
    """One subpath as pdfminer paints it: a line, a rect or a curve."""
    shape = "".join(op for op, _, _ in sub)
    pts = [(px, py) for _, px, py in sub]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    base = {"stroke": stroke, "fill": fill, "evenodd": False, "stroking_color": sc, "non_stroking_color": nc,
            "linewidth": linewidth, "mcid": None, "tag": None, "dash": None, "page_number": number}
    if shape in ("mlh", "ml"):
        kind, box_pts = "line", pts[:2]
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        kind, box_pts = ("rect", [pts[0], pts[2]]) if pts[0] == pts[4] and square else ("curve", pts)
    else:
        kind, box_pts = "curve", pts
    xs = [p[0] for p in box_pts]
    ys = [p[1] for p in box_pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    top, bottom = height - y1, height - y0
    item = {**base, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": top, "bottom": bottom,
            "doctop": doctop0 + top, "width": x1 - x0, "height": y1 - y0, "object_type": kind,
            "pts": [(px, height - py) for px, py in (pts if kind != "rect" else box_pts)]}
    if kind != "rect":
        item["path"] = [(op, (px, height - py)) for op, px, py in sub]
    out[kind].append(item)
