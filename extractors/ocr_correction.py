"""Post-correction of OCR words against a domain lexicon.

The lexicon (`data/ocr-lexicon.txt`) holds the words of Indonesian planning
documents: IKU table vocabulary, agency and bidang names, region names,
common indicator words (built by tools/build_ocr_lexicon.py from published
decrees and the project's vocabularies). A word that tesseract read with
less than full confidence and that is not in the lexicon is replaced by the
one lexicon word it is close to (rapidfuzz ratio), keeping its case and
surrounding punctuation.

Never touched: numbers, codes and NIPs (any word with a digit, a "/" or
fewer than five letters), abbreviations (all capitals), and words that are
in the lexicon already. The only digits ever changed are one that stands for
a letter inside a word ("Jum1ah" → "Jumlah") when the result is a lexicon
word, and a percent sign misread in set phrases: "x 100%", "(%)", and a lone
sign after a number read as "Yo" (`fix_percent`). A word that is a lexicon
word with Indonesian affixes ("pembayaran") is a word, never corrected; two
lexicon words run together ("Perlindungandan", "Jumlah.indikator") are parted.
Every change is recorded on the word (`original`), so a reviewer sees both
texts in the record's provenance.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

from rapidfuzz import fuzz, process

from iku.extractors.vocabulary import glyph_confusions, one_slip_away, vocabulary

# a reading this sure is left alone even when the lexicon does not know it
TRUSTED_CONF = 85.0
_TOKEN = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.S)
_LETTERS = re.compile(r"^[^\W\d_]+$")
_DIGIT_AS_LETTER = {"0": "o", "1": "l", "5": "s", "8": "b", "6": "b"}


@lru_cache(maxsize=1)
def lexicon() -> tuple[frozenset[str], dict[int, list[str]]]:
    """(all words, words by length) of the domain lexicon, lower case."""
    path = resources.files("iku.extractors").joinpath("data/ocr-lexicon.txt")
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return frozenset(), {}
    words = [ln.split("\t")[0].strip().lower() for ln in text.splitlines()
             if ln.strip() and not ln.startswith("#")]
    by_len: dict[int, list[str]] = {}
    for w in words:
        by_len.setdefault(len(w), []).append(w)
    return frozenset(words), by_len


@lru_cache(maxsize=1)
def short_misreadings() -> dict[str, str]:
    """{misread form: word} of short words (data/ocr-short-misreadings.txt), lower case."""
    path = resources.files("iku.extractors").joinpath("data/ocr-short-misreadings.txt")
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return {}
    pairs = (ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
    return {p[0].strip().lower(): p[1].strip().lower() for p in pairs if len(p) >= 2}


def _cased(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _cutoff(n: int) -> float:
    # one wrong letter in a five-letter word is 80; longer words allow two
    return 80.0 if n <= 6 else 84.0


def correct_core(core: str) -> Optional[str]:
    """The lexicon word a letters-only word was meant to be, or None."""
    known, by_len = lexicon()
    low = core.lower()
    if not known or low in known:
        return None
    n = len(low)
    pool = [w for k in range(max(n - 2, 1), n + 3) for w in by_len.get(k, ())]
    found = process.extract(low, pool, scorer=fuzz.ratio, score_cutoff=_cutoff(n), limit=2)
    if not found:
        return None
    best, score, _ = found[0]
    if len(found) > 1 and found[1][1] == score and found[1][0] != best:
        return None  # two words as close: no way to choose
    return _cased(best, core)


# glyphs an OCR engine takes for others ("rn" for "m", "c" for "e"; data/ocr-glyph-confusions.txt):
# one such slip in a word that the lexicon does not know, giving a word it knows, is put right
# whatever the engine's confidence (rapidocr gives every word of a line the line's score)
_CONFUSIONS = glyph_confusions()


# more confusions of a low-resolution scan ("kinenja", "Puskesinas", "Junilah", "kebjjakan",
# "Pehanganan"), only in words of six letters or more: a short word they turn into another is
# too often a word of its own. A blurred serif face's "i" reads as "t" or "f", its "f" as "t"
# ("Rasionalisast", "kontribusf", "Kumulatit"), "k" as "h", "a" as "d", "y" as "v" or "j" with
# its tail lost or kept, "h" as "l" with its arch lost ("hesehatan", "pemeriksadn",
# "pelavanan", "beryalan", "terlubung"): a recogniser gives them a line's full confidence
_CONFUSIONS_LONG = (("n", "r"), ("r", "n"), ("in", "m"), ("ni", "m"), ("j", "i"), ("h", "n"), ("n", "h"),
                    ("t", "i"), ("f", "i"), ("t", "f"), ("h", "k"), ("d", "a"), ("v", "y"), ("y", "j"), ("l", "h"))


def confused_word(low: str) -> Optional[str]:
    """The one lexicon word that a lower-case word not in the lexicon becomes by one
    glyph confusion (`_CONFUSIONS`), or None (none, or two different ones)."""
    known = lexicon()[0]
    if not known or low in known or len(low) < 4:
        return None
    return one_slip_away(low, known, _CONFUSIONS + (_CONFUSIONS_LONG if len(low) >= 6 else ()))


def _acronym(core: str) -> bool:
    """Two capitals or more in a word not all in capitals: an acronym or a name as
    written ("LKjIP", "SiLPA"), not a misread word."""
    return not core.isupper() and sum(ch.isupper() for ch in core) >= 2


@lru_cache(maxsize=1)
def _slipped_prefix() -> Optional[re.Pattern]:
    """An indicator code's prefix of three letters or more opening with "I" (headers.toml
    [codes]: "IKU", "IKK") whose "I" was read as "1", "l" or "|", then the code's
    number: "1KU.1.1", "lKU 2", "1ku"; or read as "J" before the number ("JKU-01": with no
    number after it, "JKK" is an acronym of its own)."""
    prefixes = [p for ps in vocabulary().code_prefixes.values() for p in ps if len(p) >= 3 and p[0] == "I"]
    if not prefixes:
        return None
    alts = "|".join(re.escape(p[1:]) for p in sorted(prefixes, key=len, reverse=True))
    # only the rest is matched in either case: a capital "L" is a letter of its own ("LKK"), never a slipped "I"
    return re.compile(r"^(?:[1l|]|J(?=(?:" + alts + r")[ .-]?\d))((?i:" + alts + r"))([ .-]?\d{1,2}(?:[.,]\d{1,2})*\.?)?$")


def _code_prefix_slip(core: str) -> Optional[str]:
    pattern = _slipped_prefix()
    m = pattern.match(core) if pattern else None
    if not m:
        return None
    rest = m.group(1)
    return ("I" if rest.isupper() else "i") + rest + (m.group(2) or "")


# two words run together where OCR lost the space between them, or read a speck there as a
# mark ("Jumlah.indikator", "sarana.prasarana", "Perlindungandan", "SertifikatKompetensi")
# ("Kab.Barat", "Sub.Bagian": an abbreviation's period before a capital is as printed)
_JOINED_BY_MARK = re.compile(r"^([^\W\d_]{2,})[.·]([^\W\d_]{2,})$")
_SHORT_WORDS = frozenset({"di", "ke", "dan", "yang", "per", "atau", "dari", "pada", "oleh", "dalam", "untuk", "tahun"})
# bound forms of Indonesian spelling, written joined to the word after them ("antarwilayah",
# "pascabencana", "subbagian"): a word opening with one is no two words run together
_BOUND_PREFIXES = ("antar", "pasca", "sub", "pra", "swa", "non", "multi", "semi", "inter", "ekstra", "kontra",
                   "nara", "tuna", "lintas", "loka", "purna", "maha", "catur", "panca", "dwi", "tri", "eka")


def split_joined(core: str) -> Optional[str]:
    """Two lexicon words a letters-only word (or two joined by one mark) is made of, with a
    space between them, or None. Each part has three letters or more (or is a short
    function word: "di", "ke"); a word the lexicon knows is never split, and a word that
    splits two ways is left alone."""
    known = lexicon()[0]
    if not known:
        return None
    m = _JOINED_BY_MARK.match(core)
    if m:
        a, b = m.group(1), m.group(2)
        if not b[0].islower():
            return None  # an abbreviation's period ("Kab.Barat", "Sub.Bagian", "S.Sos")
        if a.lower() in known and b.lower() in known and (len(a) >= 3 or a.lower() in _SHORT_WORDS):
            return f"{a} {b}"
        return None
    if len(core) < 7 or not _LETTERS.match(core) or core.lower() in known or core.isupper() or _acronym(core) \
            and not re.match(r"^[A-Z][a-z]+[A-Z][a-z]+$", core):
        return None
    low = core.lower()
    found = []
    if low.startswith(_BOUND_PREFIXES):
        return None
    for i in range(2, len(low) - 1):
        a, b = low[:i], low[i:]
        if a in known and b in known and all(len(x) >= 4 or x in _SHORT_WORDS for x in (a, b)):
            found.append(i)
    if len(found) != 1:
        return None
    i = found[0]
    return core[:i] + " " + core[i:]


# a dotted line drawn through or under a line of print (a copy's strike-through, a dotted
# leader) shows only between the words: OCR reads its dots as the word spaces
# ("Kuasa.BUD.menerbitkan.SP2D.paling.lama"); a chain of three or more parts joined by
# dots, two of them lower-case words of the lexicon, is those words
_DOTTED_PART = re.compile(r"^(?:[^\W\d_]+|\d+|[A-Z0-9]+)$")
_WEB = ("www", "http", "go", "id", "com", "org", "net", "ac", "co")


def split_dotted(core: str) -> Optional[str]:
    """The words of a chain joined by dots read from a dotted line ("a.b.c"), or None."""
    parts = core.replace("·", ".").split(".")
    if len(parts) < 3 or not all(parts) or "@" in core or any(p.lower() in _WEB for p in parts) \
            or not all(_DOTTED_PART.match(p) for p in parts):
        return None
    known = lexicon()[0]
    words = [p for p in parts if p.islower() and len(p) >= 3 and (p in known or derived_word(p))]
    if len(words) < 2:
        return None
    return " ".join(correct_token(p) or p for p in parts)


# Indonesian affixes: a word the lexicon does not know that is a lexicon word with them
# ("pembayaran" = pem-bayar-an, "triwulanan" = triwulan-an) is a real word, not a misreading
_PREFIXES = ("meng", "meny", "mem", "men", "me", "ber", "be", "ter", "di", "ke", "peng", "peny", "pem", "pen",
             "pe", "per", "se")
_SUFFIXES = ("kannya", "annya", "kan", "an", "i", "nya", "lah")
# the first letter a nasal prefix takes the place of ("menulis" = men-tulis, "pemakai" = pem-pakai)
_NASAL = {"meny": "s", "peny": "s", "men": "t", "pen": "t", "mem": "p", "pem": "p", "meng": "k", "peng": "k"}


def derived_word(low: str) -> bool:
    """Whether a lower-case word is a lexicon word (of four letters or more; five under a
    prefix alone) with Indonesian prefixes and suffixes."""
    known = lexicon()[0]
    stems = {low} | {low[:-len(s)] for s in _SUFFIXES if low.endswith(s) and len(low) - len(s) >= 4}
    for stem in list(stems):
        # a prefix alone before a four-letter stem is too easily a misreading's chance
        # ("Perseri" = per-seri, read for "Persen"): a bare prefix needs five letters after it
        least = 4 if stem != low else 5
        for p in _PREFIXES:
            if stem.startswith(p) and len(stem) - len(p) >= least:
                rest = stem[len(p):]
                stems.update({rest} | ({_NASAL[p] + rest} if p in _NASAL else set()))
    stems.discard(low)
    return any(s in known for s in stems)


def _bang_as_l(core: str) -> Optional[str]:
    """"sosia!", "hasi!", "!ogistik": an "l" read as "!" in a word the lexicon then knows;
    "kecil!": a speck read as "!" after a lower-case word the lexicon knows ("LAPOR!", a
    name in capitals, keeps its mark)."""
    if "!" not in core:
        return None
    fixed = core.replace("!", "l")
    if _LETTERS.match(fixed) and fixed.lower() in lexicon()[0]:
        return fixed
    bare = core.rstrip("!")
    if bare != core and _LETTERS.match(bare) and not bare.isupper() and bare.lower() in lexicon()[0]:
        return bare
    return None


_YEAR_SLIPS = str.maketrans({"O": "0", "o": "0", "Q": "0", "I": "1", "l": "1"})


def _year_with_a_letter(core: str) -> Optional[str]:
    """A year with one digit read as the letter it looks like ("2Q21", "2O24", "20l9"): a target
    column's header then names no year and every record's value under it is lost to the year."""
    if len(core) != 4 or sum(not ch.isdigit() for ch in core) != 1 or not core[0].isdigit():
        return None
    fixed = core.translate(_YEAR_SLIPS)
    return fixed if fixed.isdigit() and 1950 <= int(fixed) <= 2099 else None


def _one_as_capital_i(core: str) -> Optional[str]:
    """A one read for the capital I of an acronym ("LKj1P", "SAK1P"), before a capital: the
    I in place, the word's other letters as printed, when the lexicon knows the word (a
    recogniser reads it with the line's full confidence)."""
    i = core.find("1")
    if i <= 0 or i + 1 >= len(core) or not core[i + 1].isupper() or core.count("1") != 1:
        return None
    fixed = core.replace("1", "I")
    return fixed if _LETTERS.match(fixed) and fixed.lower() in lexicon()[0] else None


def correct_token(token: str, conf: float = 0.0) -> Optional[str]:
    """The corrected text of one OCR word (with its punctuation), or None to keep it."""
    if "/" in token:
        return None
    bang = re.match(r"^([^\w!]*)([\w!]*?)([^\w!]*)$", token)
    fixed = _bang_as_l(bang.group(2)) if bang and "!" in token else None
    if fixed:
        return bang.group(1) + fixed + bang.group(3)
    m = _TOKEN.match(token)
    lead, core, tail = m.group(1), m.group(2), m.group(3)
    if not core:
        return None
    # a word one glyph slip away from a lexicon word is that word, not two words run together
    # ("Perseri" is "Persen", not "Per seri")
    split = split_dotted(core) or (split_joined(core) if not confused_word(core.lower()) else None)
    if split:
        return lead + split + tail
    code = _code_prefix_slip(core)
    if code:
        return lead + code + tail
    # (in lower case only: "In" may be a word cut short, "se In" for "se Indonesia")
    short = short_misreadings().get(core) if len(core) < 5 and core.islower() else None
    if short and core.lower() not in lexicon()[0]:
        return lead + _cased(short, core) + tail
    acronym = _one_as_capital_i(core)
    if acronym:
        return lead + acronym + tail
    year = _year_with_a_letter(core)
    if year:
        return lead + year + tail
    if conf >= TRUSTED_CONF:
        if len(core) < 5 or not _LETTERS.match(core) or core.isupper() or _acronym(core) \
                or derived_word(core.lower()):
            return None
        fixed = confused_word(core.lower())
        return lead + _cased(fixed, core) + tail if fixed else None
    digits = sum(ch.isdigit() for ch in core)
    letters = sum(ch.isalpha() for ch in core)
    if digits:
        # a digit inside a word standing for a letter; numbers and codes never change
        if digits != 1 or letters < 4 or not core[0].isalpha():
            return None
        fixed = "".join(_DIGIT_AS_LETTER.get(ch, ch) for ch in core)
        if fixed.lower() in lexicon()[0] and _LETTERS.match(fixed):
            return lead + _cased(fixed.lower(), core) + tail
        return None
    if "-" in core:  # "Rata-rata": each part on its own
        parts = core.split("-")
        fixed = [correct_core(p) if len(p) >= 5 and _LETTERS.match(p) and not p.isupper() else None
                 for p in parts]
        if not any(fixed):
            return None
        return lead + "-".join(f or p for f, p in zip(fixed, parts)) + tail
    if len(core) < 5 or not _LETTERS.match(core) or (core.isupper() and len(core) <= 6) or _acronym(core) \
            or derived_word(core.lower()):
        return None
    slip = confused_word(core.lower())
    fixed = _cased(slip, core) if slip else correct_core(core)
    return lead + fixed + tail if fixed and fixed != core else None


@lru_cache(maxsize=1)
def _label_line() -> re.Pattern:
    labels = sorted({lab for labs in vocabulary().labels.values() for lab in labs}, key=len, reverse=True)
    multi = [lab for lab in labels if " " in lab]
    alts = "|".join(r"\s+".join(map(re.escape, lab.split())) for lab in multi)
    single = "|".join(re.escape(lab) for lab in labels if " " not in lab)
    # a two-word label opening a line, then stray marks or nothing where its colon was (an
    # underlined label's colon runs into its rule: "Rumus Perhitungan..." / "Sumber data.."); a
    # one-word label only when it stands alone on its line. A speck read as a mark may stand
    # before the label (".Makna Indikator :"): it goes.
    return re.compile(r"(?im)^([ \t]*(?:[-•][ \t]*)?)(" + _STRAY + r"[ \t]*)?"
                      r"(?:(" + alts + r")([ \t]*" + _MARKS + r"(?=\s|$)|(?=[ \t]+[^\s:]|[ \t]*$))"
                      r"|(" + single + r")([ \t]*(?:" + _MARKS + r")?)[ \t]*$)")


# marks OCR reads where a label's colon was: one to four of them ("-", "...", ":.", "_"; a
# speck above the line before the colon read as a quote, "':")
_MARKS = r"[-.;,=_:…'‘’`]{1,4}"
# a speck at a line start read as a mark, before a part label
_STRAY = r"[.,'‘’`·:;]"


@lru_cache(maxsize=1)
def _stray_before_label() -> re.Pattern:
    """A stray mark opening a line, before a part label and its colon."""
    labels = sorted({lab for labs in vocabulary().labels.values() for lab in labs}, key=len, reverse=True)
    alts = "|".join(r"\s+".join(map(re.escape, lab.split())) for lab in labels)
    return re.compile(r"(?im)^([ \t]*)(" + _STRAY + r"[ \t]*)(?=((?:" + alts + r"))[ \t]*:)")


@lru_cache(maxsize=1)
def _labelled_parts() -> tuple[re.Pattern, re.Pattern]:
    """(a line opening with any part label and its colon, a line opening with a one-word
    label and then a capitalised word, a number or a parenthesis: "Alasan Mengukur …",
    "Formula (Jumlah …")."""
    labels = sorted({lab for labs in vocabulary().labels.values() for lab in labs}, key=len, reverse=True)
    alts = "|".join(r"\s+".join(map(re.escape, lab.split())) for lab in labels)
    single = "|".join(re.escape(lab) for lab in labels if " " not in lab)
    explicit = re.compile(r"(?im)^[ \t]*(?:[-•][ \t]*)?(?:" + alts + r")[ \t]*:")
    multi = "|".join(r"\s+".join(map(re.escape, lab.split())) for lab in labels if " " in lab)
    bare = re.compile(r"(?m)^([ \t]*(?:[-•][ \t]*)?)(?!(?i:" + multi + r")\b)"
                      r"((?i:" + single + r"))(?:[ \t]*" + _MARKS + r"(?=[ \t]))?"
                      r"(?=[ \t]+[A-Z0-9(])")
    return explicit, bare


@lru_cache(maxsize=1)
def _multi_word_labels() -> dict[int, list[list[str]]]:
    """The part labels of two words or more, by word count, each as its lower-case words."""
    out: dict[int, list[list[str]]] = {}
    for lab in sorted({lab for labs in vocabulary().labels.values() for lab in labs}):
        words = lab.lower().split()
        if len(words) > 1:
            out.setdefault(len(words), []).append(words)
    return out


def _one_glyph_apart(read: str, word: str) -> bool:
    """One glyph misread, lost or read in addition: one letter different in a word of five
    letters or more ("Ramus" for "Rumus"), or one letter dropped or added in a word of six or
    more ("Perhitngan", "Perhitunga" for "Perhitungan": a faint or blurred letter)."""
    if len(read) == len(word):
        return len(word) >= 5 and sum(a != b for a, b in zip(read, word)) == 1
    short, long_ = sorted((read, word), key=len)
    if len(long_) - len(short) != 1 or len(word) < 6:
        return False
    i = next((k for k, (a, b) in enumerate(zip(short, long_)) if a != b), len(short))
    return short[i:] == long_[i + 1:]


_LINE_LEAD = re.compile(r"^([ \t]*(?:[-•][ \t]*)?)(.*)$")


def _misread_labels(text: str, fixes: list[dict]) -> str:
    """A part label opening a line with one of its long words misread by one glyph
    ("• Formutasi Penghitungan Jumlah …") is the label: the colon rule below and the
    labelled-parts reader then find it. Only a word no lexicon knows is taken for a
    misreading, the label's other words read right ("Sumber dana" stays)."""
    known = lexicon()[0]
    lines = _label_rejoined(text.split("\n"), known)
    for i, line in enumerate(lines):
        m = _LINE_LEAD.match(line)
        lead, rest = m.group(1), m.group(2)
        words = rest.split(" ")
        for k, labels in _multi_word_labels().items():
            if len(words) < k:
                continue
            read = [w.lower() for w in words[:k]]
            read[-1] = read[-1].rstrip(".:;,")
            if any(read == lab for lab in labels):
                break
            hits = [lab for lab in labels
                    if all(r == w or (_one_glyph_apart(r, w) and r not in known and r.isalpha())
                           for r, w in zip(read, lab))]
            if len(hits) == 1:
                new = [_cased(w, o) for w, o in zip(hits[0], words[:k])]
                new[-1] += words[k - 1][len(read[-1]):]  # the marks after the label stay
                lines[i] = lead + " ".join(new + words[k:])
                fixes.append({"original": " ".join(words[:k]), "corrected": " ".join(new)})
                break
    return "\n".join(lines)


def _label_rejoined(lines: list[str], known: frozenset[str]) -> list[str]:
    """A label of two words or more read as two lines: its first word alone on a line (no
    colon), its other words opening the next ("Rumus" / "Perhitngan : Jumlah …", a bold label
    whose words OCR set at two heights) → one line, the label then read as one. The next
    line's words may be misread by one glyph, as `_misread_labels` allows."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _LINE_LEAD.match(line)
        first = m.group(2).strip().lower()
        if i + 1 < len(lines) and first.isalpha():
            nxt = lines[i + 1].split()
            for k, labels in _multi_word_labels().items():
                if len(nxt) < k - 1:
                    continue
                read = [w.lower().rstrip(".:;,") for w in nxt[:k - 1]]
                if any(lab[0] == first and all(r == w or (_one_glyph_apart(r, w) and r not in known and r.isalpha())
                                               for r, w in zip(read, lab[1:])) for lab in labels):
                    line = m.group(1) + m.group(2).strip() + " " + lines[i + 1].lstrip()
                    i += 1
                    break
        out.append(line)
        i += 1
    return out


def restore_label_colons(text: str) -> tuple[str, list[dict]]:
    """Put back the colon OCR lost after a part label at a line start ("Rumus
    Perhitungan Jumlah ..." → "Rumus Perhitungan : Jumlah ..."), so that the
    labelled parts of a cell go to their fields as in a digital document."""
    fixes: list[dict] = []
    text = _misread_labels(text, fixes)

    def unmarked(m: re.Match) -> str:
        fixes.append({"original": m.group(0).strip() + m.group(3), "corrected": m.group(3)})
        return m.group(1)

    # a speck read as a mark before a label that has its colon (".Pengertian : …"): it goes (the
    # colonless label's own pattern below takes it off too)
    text = _stray_before_label().sub(unmarked, text)

    def put(m: re.Match) -> str:
        if not text[m.end():].strip():
            return m.group(0)  # nothing follows: a header or a title, no label
        if not m.group(2) and (m.group(4) or m.group(6) or "").strip() == ":":
            return m.group(0)  # the label and its colon, as printed
        label = m.group(3) or m.group(5)
        new = f"{m.group(1)}{label} :"
        fixes.append({"original": m.group(0).strip(), "corrected": new.strip()})
        return new

    text = _label_line().sub(put, text)
    explicit, bare = _labelled_parts()
    if explicit.search(text):
        # a cell of labelled parts: a one-word label opening a line goes on in capitals
        # ("Alasan Mengukur kualitas …") where OCR lost its colon
        def put_bare(m: re.Match) -> str:
            new = f"{m.group(1)}{m.group(2)} :"
            if new.strip() == m.group(0).strip():
                return m.group(0)  # the label and its colon, as printed
            fixes.append({"original": m.group(0).strip(), "corrected": new.strip()})
            return new

        text = bare.sub(put_bare, text)
    return text, fixes


_HEAD_PART = re.compile(r"^([^\w]*)([^\W\d_]{2,})$")
_TAIL_PART = re.compile(r"^([^\W\d_]{2,})([^\w]*)$")


def rejoin_broken_words(text: str) -> tuple[str, list[dict]]:
    """Join a word OCR broke in two at a space it read inside it ("lingk ungan",
    "Duku ngan"): two letter runs on one line, the second in lower case, one of them no
    word (nor a word with affixes) and both together a lexicon word of six letters or
    more. Two words that are words each stay apart, and so does a short function word
    before a word ("di kembangkan")."""
    known = lexicon()[0]
    if not known or " " not in text:
        return text, []
    fixes: list[dict] = []

    def word(low: str) -> bool:
        return low in known or derived_word(low)

    lines = []
    for line in text.split("\n"):
        toks = line.split(" ")
        out, i = [], 0
        while i < len(toks):
            a = toks[i]
            ma = _HEAD_PART.match(a)
            mb = _TAIL_PART.match(toks[i + 1]) if ma and i + 1 < len(toks) else None
            if mb:
                ca, cb = ma.group(2), mb.group(1)
                joined = (ca + cb).lower()
                if cb.islower() and not (ca.isupper() and len(ca) > 1) and len(joined) >= 6 and joined in known \
                        and not (word(ca.lower()) and word(cb.lower())) \
                        and not {ca.lower(), cb.lower()} & _SHORT_WORDS:
                    new = ma.group(1) + ca + cb + mb.group(2)
                    fixes.append({"original": f"{a} {toks[i + 1]}", "corrected": new})
                    out.append(new)
                    i += 2
                    continue
            out.append(a)
            i += 1
        lines.append(" ".join(out))
    return ("\n".join(lines), fixes) if fixes else (text, [])


# the percent sign read as digits or letters: "x 10096", "X100Y0", "(96)"
_PCT = r"(?:96|%6|9%|Y0|Yo|yo|Y6|76|06|%o|%0)"
# (after the times sign only: "x 1009", the sign's ring lost and its stroke read as a "9")
_HUNDRED = re.compile(r"^([xX×]?)100(?:" + _PCT + r"|9)([.,;:]?)$")
_UNIT = re.compile(r"^\(" + _PCT + r"\)([.,;:]?)$")


# a percent sign standing alone after a number, read as letters: "98 Yo", "65,60 %o", "Ye"
# (or with its lower ring read once more as a digit, "%6", a blurred JPEG's unit cell)
_LONE = re.compile(r"^(?:Y0|Yo|yo|YO|Ye|ye|Y6|%o|%0|%e|%6)([.,;:]?)$")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")
# the sign after "x 100" read apart from it ("x 100 96")
_SIGN = re.compile(r"^" + _PCT + r"([.,;:]?)$")


def fix_percent(token: str, before: str = "") -> Optional[str]:
    """"x 100%" and "(%)" as written, where OCR took the percent sign for "96",
    "Y0", "76" ... Only in these set phrases of indicator tables: a "100"
    times sign before it (or "x 100" before it: the sign read apart, "x 100 96"), a
    unit in parentheses, and a sign read as letters standing alone after a number
    ("98 Yo"); numbers are never changed. `before`: the one or two words before the
    token, as read."""
    m = _LONE.match(token)
    if m and _NUMBER.match(before):
        return f"%{m.group(1)}"
    m = _HUNDRED.match(token)
    if m and (m.group(1) or before in ("x", "X", "×")):
        return f"{m.group(1)}100%{m.group(2)}"
    m = _SIGN.match(token)
    if m and before in ("x 100", "X 100", "× 100", "x100", "X100", "×100"):
        return f"%{m.group(1)}"
    m = _UNIT.match(token)
    if m:
        return f"(%){m.group(1)}"
    return None


@lru_cache(maxsize=1)
def numeral_heads() -> frozenset[str]:
    """Words a roman numeral follows (data/ocr-numeral-heads.txt), lower case."""
    path = resources.files("iku.extractors").joinpath("data/ocr-numeral-heads.txt")
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return frozenset()
    return frozenset(ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


# a roman numeral of I's read with glyphs like them ("Il", "l|I"), marks after it kept (not "1":
# "Pasal 1l" may be 11)
_ROMAN_I = re.compile(r"^([Il|]{2,3})([.,;:)]?)$")


def roman_after_head(token: str, before: str) -> Optional[str]:
    """"II" / "III" where OCR read a roman numeral's I as "l" or "|", after a word
    a numeral follows ("Misi Il (Kedua)"); a numeral read right, or a word, is left."""
    m = _ROMAN_I.match(token)
    if not m or set(m.group(1)) == {"I"} or before.strip(".:,").lower() not in numeral_heads():
        return None
    return "I" * len(m.group(1)) + m.group(2)


# an indicator code's number of ones read as I-like glyphs ("IKU I", "IKK l.2", "IK |"),
# marks and a decimal part after it kept
_CODE_ONES = re.compile(r"^([Il|]{1,2})((?:[.,]\d{1,2})*[.,;:)]?)$")


@lru_cache(maxsize=1)
def _indicator_code_prefixes() -> frozenset[str]:
    """The indicator code prefixes of headers.toml [codes] ("IKU", "IKK" ...), upper case."""
    return frozenset(p.upper() for p in vocabulary().code_prefixes.get("indikator", ()))


def code_number_after_prefix(token: str, before: str) -> Optional[str]:
    """"IKU 1" where OCR read the code's "1" as "I", "l" or "|" ("IKU I", "IKK l.2"): an
    indicator code (headers.toml [codes] indikator) is numbered in digits, never with a
    roman numeral, so an I-like token right after its prefix is ones. Only the prefix as
    a word of its own, in capitals as printed ("Iku" in a sentence is no code)."""
    m = _CODE_ONES.match(token)
    if not m or m.group(1) == "II" or before.rstrip(".:-") not in _indicator_code_prefixes():
        return None  # ("II" in capitals is more likely printed so than "11" misread)
    return "1" * len(m.group(1)) + m.group(2)


def code_run_together(token: str) -> Optional[str]:
    """"IKU 3" where OCR lost the space between an indicator code's prefix and its number
    ("IKU3", "IKU1.2"): the prefix in capitals, then digits, the space put back. (Not an
    I-like glyph run on: "IKSI", "IKI" are words or acronyms of their own.)"""
    for prefix in sorted(_indicator_code_prefixes(), key=len, reverse=True):
        if token.startswith(prefix) and re.match(r"^\d{1,2}(?:[.,]\d{1,2})*[.,;:)]?$", token[len(prefix):]):
            return f"{prefix} {token[len(prefix):]}"
        # the code run into the word after it ("IKU-04NetDeath", "IKU1.2Persentase": a code in
        # a cell beside its indicator, the space lost): a capitalised word never goes on a
        # code's number, so the space is put back (and the prefix's, when that was lost too)
        m = re.match(r"^([.-]?)(\d{1,2}(?:[.,]\d{1,2})*)([A-Z][a-z]{2,}.*)$", token[len(prefix):]) \
            if token.startswith(prefix) else None
        if m:
            return f"{prefix}{m.group(1) or ' '}{m.group(2)} {m.group(3)}"
    return None


def _alone(w, words: list) -> bool:
    """No other word on the word's line within three line heights of it: a cell's only
    word (a unit column's "%"), not a word of a running text."""
    h = max(w.bottom - w.top, 1.0)
    cy = (w.top + w.bottom) / 2
    return not any(o is not w and o.top <= cy <= o.bottom and (o.x0 - w.x1 < 3 * h and w.x0 - o.x1 < 3 * h)
                   for o in words)


def correct_words(words: Iterable) -> int:
    """Correct OCR words in place (objects with .text, .conf, .original, and a box: x0,
    top, x1, bottom); returns how many changed. A percent sign read as letters ("Yo")
    is put back after a number and where it stands alone (a unit column's cell)."""
    changed = 0
    before = before2 = ""
    words = list(words)
    for w in words:
        new = fix_percent(w.text, before) or (fix_percent(w.text, f"{before2} {before}") if before == "100" else None) \
            or roman_after_head(w.text, before) or code_number_after_prefix(w.text, before) \
            or code_run_together(w.text) \
            or correct_token(w.text, w.conf)
        if new is None and _LONE.match(w.text) and _alone(w, words):
            new = fix_percent(w.text, "0")
        before2, before = before, w.text
        if new is not None and new != w.text:
            w.original = w.text
            w.text = new
            changed += 1
    return changed
