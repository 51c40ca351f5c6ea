"""One generated document from one seed: the kind is drawn first, then the kind's
module draws the rest. Returns the HTML to print, the gold, and the choices."""
from __future__ import annotations

from dataclasses import dataclass

from .gold import gold_document
from .html_text import page
from .kinds import cascading, pk, renstra, rkt, sk, slides
from .random_source import Draw

KINDS = {"sk": 30, "pk": 18, "renstra": 11, "rpjmd": 4, "rkt": 12, "cascading": 13, "slides": 12}


@dataclass
class GeneratedDocument:
    seed: int
    name: str
    html: str
    gold: dict
    choices: dict


def generate(seed: int) -> GeneratedDocument:
    draw = Draw(seed)
    kind = draw.choose("kind", KINDS)
    if kind == "sk":
        built = sk.build(draw)
    elif kind == "pk":
        built = pk.build(draw)
    elif kind in ("renstra", "rpjmd"):
        built = renstra.build(draw, rpjmd=kind == "rpjmd")
    elif kind == "rkt":
        built = rkt.build(draw)
    elif kind == "cascading":
        built = cascading.build(draw)
    else:
        built = slides.build(draw)
    name = f"{seed:05d}-{kind}"
    gold = gold_document(f"{name}.pdf", built.document, built.records)
    choices = {"seed": seed, "name": name, **draw.choices, "tables": built.tables, "decoys": built.decoys,
               "indicators": len(gold["indicators"])}
    return GeneratedDocument(seed, name, page(built.title, built.css, built.body), gold, choices)
