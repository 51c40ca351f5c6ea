"""Text rules for one cell: bullets, labelled parts, list items, formulas.

Every function here only rearranges a cell's text: words are never dropped,
only whitespace, bullet marks and part labels (which become field names).
"""
from __future__ import annotations

import re
from functools import lru_cache

from iku.extractors.vocabulary import vocabulary

# "-", "•" and friends, "1.", "1)", "a.", "a)" opening a list item
# (a scan's reader drops the space after a letter marker: "a.Indeks …" over "b. Tingkat …";
# a narrow column wraps right after the marker: "a." alone on its line, its item under it)
# (a scan's reader drops the space after a letter marker: "a.Indeks …", "a.3.698" over "b.68")
BULLET = re.compile(r"^\s*(?:[-–—•●▪◦·∙*]|\d{1,2}[.)](?!\d)|[a-zA-Z][.)](?=\s|$)|[a-z][.)](?=[A-Z][a-z]|\d))\s*")
SYMBOL_BULLET = re.compile(r"^\s*[-–—•●▪◦·∙*]\s*")
# "1 Indeks …", "1, Jumlah …": a list's first number, its point lost or read as a comma
_LOST_POINT = re.compile(r"^(\s*)1(?:\s+|,\s*)(?=[A-Za-z])")
_SECOND_ITEM = re.compile(r"^\s*2[.)]\s")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def collapse(text: str | None) -> str:
    """One line, single spaces; a line's leading symbol bullet dropped."""
    if not text:
        return ""
    # a word hyphenated at a line end ("rata-" / "rata") is one word: "rata-rata"
    text = re.sub(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)", "-", text)
    lines = [SYMBOL_BULLET.sub("", ln) for ln in text.splitlines()]
    return re.sub(r"\s+", " ", " ".join(lines)).strip()


def strip_marker(text: str) -> str:
    return BULLET.sub("", text, count=1).strip()


def strip_numbering(text: str) -> str:
    """An indicator's list mark or outline number ("1.", "a.", "1.1.", "2.3") dropped."""
    text = strip_marker(text)
    return re.sub(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+", "", text).strip()


@lru_cache(maxsize=1)
def _code_patterns() -> dict[str, re.Pattern]:
    """Printed codes at the start of a text (headers.toml [codes]), per kind."""
    out = {}
    chain = r"[A-Z]{1,3}\d{1,2}(?:[ .]+[A-Z]{1,3}\d{1,2})+"  # "M1 T1 S1", "M1.T2"
    for kind, prefixes in vocabulary().code_prefixes.items():
        alts = "|".join(map(re.escape, sorted(prefixes, key=len, reverse=True)))
        # (a code's point read as a comma on a scan, "IKU.1,2", is still the code: after a
        # prefix no number is written with a decimal comma)
        # (and a speck in the gap after the prefix read as a comma, "IKU,2.2": no code is printed so)
        # (a hyphen read as a middle dot on a scan, "IKU·02", is still the hyphen: split_code)
        # (a speck in the gap read as a colon, "IKU: 1.1", or a gap read after the hyphen,
        # "SS- 1.", on a small-type photograph: still the code, put right in split_code)
        prefixed = rf"(?:{alts})(?:[,:]\s?|-\s?|[ .·])?\d{{1,2}}(?:[.,]\d{{1,2}})*" if alts else None
        # (a code's one read as "I" or "l" on a scan, "SSI." for "SS1.": after a prefix, before its point)
        slipped = rf"(?:{alts})[Il](?=[.:])" if alts else None
        forms = [f for f in (prefixed, slipped, chain) if f]
        if kind == "indikator":
            forms.append(r"\d{1,2}(?:\.\d{1,2})+")  # an outline number of two levels or more
        # (a code's last number blurred into a point on a scan, "IKU 2.." for "IKU 2.2": the code
        # still ends there, its number short by that level)
        out[kind] = re.compile(r"^\s*(" + "|".join(forms) + r")\.{0,2}(?:\s+|\s*[:)]\s*)(?=\S)")
    return out


_STRAY_LEAD = re.compile(r"[/\\|'`,.]\s+")  # one mark alone before a cell's first word


def split_code(text: str, kind: str = "indikator") -> tuple[str | None, str]:
    """(code, rest) of a text that opens with a printed code ("IKU 1.1 Persentase …",
    "1.1. Jumlah …", "SS1. Meningkatnya …"); (None, text) when it opens with none."""
    pattern = _code_patterns().get(kind)
    m = pattern.match(text) if pattern else None
    stray = _STRAY_LEAD.match(text) if pattern and not m else None
    if stray and pattern.match(text[stray.end():]):
        # a speck or a stroke before the code, read as a lone mark ("/ IK 2.1 Predikat …")
        code, rest = split_code(text[stray.end():], kind)
        return (code, rest) if code and any(ch.isdigit() for ch in code) else (None, text)
    if not m:
        return None, text
    code = m.group(1).strip().rstrip(".")
    code = re.sub(r"(?<=[A-Za-z])·(?=\d)", "-", code)  # "IKU·02": a hyphen read as a middle dot
    lead = re.match(r"([A-Za-z]+)[,:]\s?(?=\d)", code)
    if lead and lead.group(1) in _prefixes(kind):
        code = f"{lead.group(1)} {code[lead.end():]}"  # "IKU,2.2", "IKU: 1.1": a speck in the space
    code = re.sub(r"^([A-Za-z]+)-\s+(?=\d)", r"\1-", code)  # "SS- 1": no code is printed with that gap
    if code[-1:] in "Il" and not code[-1:].isdigit() and len(code) >= 2 and code[:-1] in _prefixes(kind):
        code = code[:-1] + "1"  # "SSI." read for "SS1."
    return code, text[m.end():]


def _prefixes(kind: str) -> frozenset[str]:
    return frozenset(vocabulary().code_prefixes.get(kind, ()))


def is_code(text: str, kind: str = "indikator") -> bool:
    """A text that is a printed code and nothing else ("1.1", "IKU 2", "M1 T1 S1")."""
    code, rest = split_code(text.strip() + " x", kind)
    return code is not None and rest == "x"


def split_items(text: str) -> list[str]:
    """List items of a cell ("- a\\n- b" → ["a", "b"]); one item when it is no list.

    A cell with text before its first bullet is one item (a lead-in with a
    sub-list, e.g. "Program X:\\n- kegiatan a\\n- kegiatan b").
    """
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if lines and not BULLET.match(lines[0]) and _LOST_POINT.match(lines[0]) \
            and any(_SECOND_ITEM.match(ln) for ln in lines[1:]):
        # a numbered list whose first number lost its point on a scan ("1 Indeks …" or
        # "1, Indeks …" over "2. …")
        lines[0] = _LOST_POINT.sub(r"\g<1>1. ", lines[0], count=1)
    if not lines or not BULLET.match(lines[0]):
        return [text.strip()] if text.strip() else []
    items: list[str] = []
    for ln in lines:
        if BULLET.match(ln):
            items.append(ln.strip())
        else:
            items[-1] += "\n" + ln.strip()
    if len(items) > 1 and not _same_marker_kind(items):
        return [text.strip()]
    return items


def split_lost_first_bullet(text: str) -> list[str]:
    """Items of a symbol-bulleted list whose first bullet a scan lost (a small dot taken for a
    speck): plain lines, not a lead-in (no colon ends them), then lines opening with a symbol
    bullet; the plain lines are the first item. One item when the cell is not so shaped (the
    caller trusts it only when another column lists as many items)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines or BULLET.match(lines[0]):
        return [text.strip()] if text.strip() else []
    k = next((i for i, ln in enumerate(lines) if SYMBOL_BULLET.match(ln)), None)
    if k is None or lines[k - 1].rstrip().endswith(":"):
        return [text.strip()]
    rest = split_items("\n".join(lines[k:]))
    if not rest or not all(SYMBOL_BULLET.match(it) for it in rest):
        return [text.strip()]
    return ["\n".join(ln.strip() for ln in lines[:k])] + rest


def split_lost_later_bullets(text: str) -> list[str]:
    """Items of a symbol-bulleted list of sentences whose later bullets a scan lost (a faint
    dash taken for a speck): the first line opens with a bullet; a line opening with a bullet,
    or with a capital right under a line that ends a sentence, opens an item. The caller
    trusts it only when the row lists as many indicators."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines or not SYMBOL_BULLET.match(lines[0]):
        return [text.strip()] if text.strip() else []
    items = [lines[0]]
    for before, ln in zip(lines, lines[1:]):
        if SYMBOL_BULLET.match(ln) or (before.endswith(".") and ln[:1].isupper()):
            items.append(ln)
        else:
            items[-1] += "\n" + ln
    return items


def _same_marker_kind(items: list[str]) -> bool:
    kinds = set()
    for it in items:
        m = BULLET.match(it).group(0).strip()
        kinds.add("num" if m[:1].isdigit() else "alpha" if m[:1].isalpha() else "sym")
    return len(kinds) == 1


def split_by_leads(text: str) -> list[str]:
    """Lines that open with an indicator word ("Persentase", "Jumlah", ...) start a new item."""
    leads = vocabulary().indicator_leads
    items: list[str] = []
    for ln in (l.strip() for l in text.splitlines()):
        if not ln:
            continue
        first = ln.split()[0].lower().strip(".,:;()")
        if items and first in leads and ln[:1].isupper():
            items.append(ln)
        elif items:
            items[-1] += "\n" + ln
        else:
            items.append(ln)
    return items


def split_joined_names(text: str) -> list[str]:
    """Two indicators' names joined in one sentence ("Skor Pola Pangan Harapan, dan persentase
    cadangan pangan"): split before ", dan" / "; " when the words on both sides open with an
    indicator word (headers.toml [indicator_leads]) that is no count word ("jumlah" opens the
    parts of one name too: "rasio jumlah guru, dan jumlah murid")."""
    voc = vocabulary()
    leads = [w for w in voc.indicator_leads if w not in voc.count_words]
    flat = re.sub(r"\s+", " ", text).strip()
    first = flat.split(" ", 1)[0].lower().strip(".,:;()") if flat else ""
    if first not in voc.indicator_leads:
        return [text.strip()] if text.strip() else []
    alts = "|".join(map(re.escape, sorted(leads, key=len, reverse=True)))
    parts = re.split(rf"(?:,\s*dan|;\s*(?:dan)?)\s+(?=(?i:{alts})\b)", flat)
    return [p.strip(" ,;") for p in parts if p.strip(" ,;")]


def split_enumeration(text: str, n: int) -> list[str] | None:
    """ "Jumlah A pada tahun n, jumlah B ..., dan jumlah C ..." → one part per
    indicator, when exactly n parts each open with the text's first word."""
    flat = re.sub(r"\s+", " ", text).strip()
    if n < 2 or not flat:
        return None
    lead = re.escape(flat.split()[0])
    parts = re.split(r"(?:,\s*(?:dan\s+)?|\s+dan\s+)(?=(?i:" + lead + r")\b)", flat)
    parts = [p.strip(" ,") for p in parts if p.strip(" ,")]
    return parts if len(parts) == n else None


# between a label's words: spaces, or the "_" or "-" a scan reads one as
_LABEL_GAP = r"(?:\s+|[ \t]*[_-][ \t]*)"


@lru_cache(maxsize=1)
def _label_pattern() -> tuple[re.Pattern, dict[str, str]]:
    owner: dict[str, str] = {}
    for field, labels in vocabulary().labels.items():
        for lab in labels:
            owner.setdefault(lab, field)
    alts = sorted(owner, key=len, reverse=True)
    # (a scan reads the space between a label's words as "_" or "-" now and then: "Alasan_Pemilihan :")
    body = "|".join(_LABEL_GAP.join(map(re.escape, a.split())) for a in alts)
    # at a line start (after an optional bullet), the label, then a colon
    # (a speck of dust between the label and its colon reads as a point or a comma: "Alasan. :")
    pattern = re.compile(r"(?im)^[ \t]*(?:[-–•●▪·*][ \t]*)?(" + body + r")[ \t]*(?:[.,][ \t]*)?:[ \t]*")
    return pattern, owner


# a short label at a line start (after an optional bullet), then a colon: "Rasionalisasi :"
_ANY_LABEL = re.compile(r"(?m)^[ \t]*(?:[-–•●▪·*][ \t]*)?([A-Za-z][A-Za-z/ _-]{1,40}?)[ \t]*(?:[.,][ \t]*)?:[ \t]*")


def _labels(text: str) -> list[tuple[int, int, str]]:
    """(start, end, field) of every part label in a text: the listed labels (headers.toml
    [labels]), and any other short label (three words at most) whose words mean one of the
    labelled fields ("Rasionalisasi :", "Jenis Perhitungan :", "Sumber :"), read as a header is."""
    # local: headers imports nothing of this module, but the word meaning lives there
    from iku.normalizers.headers import label_field
    pattern, owner = _label_pattern()
    found = [(m.start(), m.end(), owner[re.sub(_LABEL_GAP, " ", m.group(1).lower())]) for m in pattern.finditer(text)]
    fields = set(vocabulary().labels)
    for m in _ANY_LABEL.finditer(text):
        words = re.sub(r"[/_-]", " ", m.group(1)).split()
        if not 1 <= len(words) <= 3 or any(a <= m.start() < b or m.start() <= a < m.end() for a, b, _ in found):
            continue
        field = label_field(" ".join(words))
        if field in fields:
            found.append((m.start(), m.end(), field))
    return sorted(found)


def split_labelled(text: str) -> tuple[str, list[tuple[str, str]]]:
    """("lead text", [(field, part text), ...]) for "Makna Indikator : ... Rumus : ..." cells."""
    matches = _labels(text)
    if not matches:
        return text, []
    lead = text[: matches[0][0]]
    parts = []
    for (_, end, field), nxt in zip(matches, matches[1:] + [None]):
        body = text[end: nxt[0] if nxt else len(text)]
        parts.append((field, body.strip()))
    return lead.strip(), parts


def split_labelled_blocks(text: str) -> list[str]:
    """A cell that repeats its first part label (one labelled block per indicator,
    "Formulasi : a … Formulasi : b …") → the blocks; otherwise the whole text."""
    matches = _labels(text)
    if len(matches) < 2:
        return [text]
    first = matches[0][2]
    starts = [start for start, _, field in matches if field == first]
    if len(starts) < 2:
        return [text]
    blocks = [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]
    lead = text[:starts[0]].strip()
    if lead:
        blocks[0] = lead + "\n" + blocks[0]
    return blocks


_FORMULA = re.compile(r"(\s/|/\s|÷|∑|×|=|\bx\s*100|dibagi|dikali|\bkali\s+100)", re.I)


def looks_like_formula(text: str) -> bool:
    """A formula sign, a formula written out in words ("perbandingan antara A dengan B"),
    or a count in one short clause ("Jumlah LPM"): headers.toml [formula]."""
    if _FORMULA.search(text):
        return True
    voc = vocabulary()
    flat = " ".join(text.lower().split())
    if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", flat) for w in voc.formula_words):
        return True
    words = flat.split()
    return bool(words) and words[0].strip(".,:;()") in voc.count_words and len(words) <= voc.count_max_words \
        and not re.search(r"[.;:]\s+\S", flat)


def linearise_formula(text: str) -> str:
    """Remove equation-markup leftovers (LaTeX, HTML) and write fractions as `a / b`."""
    if not text:
        return text
    t = _TAG.sub(" ", text)
    t = t.replace("$$", " ").replace("\\[", " ").replace("\\]", " ")
    t = re.sub(r"\\(?:text|mathrm|textit|mathbf|operatorname)\s*\{([^{}]*)\}", r"\1", t)
    for _ in range(3):  # nested \frac
        t = re.sub(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r"\1 / \2", t)
    t = t.replace("\\sum", "∑").replace("\\times", "x").replace("\\%", "%").replace("\\leq", "≤").replace("\\geq", "≥")
    t = re.sub(r"\\[a-zA-Z]+", " ", t)
    t = t.replace("{", "").replace("}", "")
    return re.sub(r"[ \t]+", " ", t).strip()
