"""A random generator of IKU documents with their gold (FORMAT.md), wider than the
project's own habits.

Each seed draws one document from a grammar - the kind of document (SK Penetapan
IKU, Perjanjian Kinerja, Renstra / RPJMD chapter, RKT / Renja, cascading per-unit
IKU, slide deck), the office (regional or central government, real regions), the
header wordings, column order, table layout, merged cells, codes, lists in cells,
and the content - prints it as HTML with headless Chromium, and writes the gold a
careful reader of docs/FORMAT.md writes for it, plus the choices it was drawn with.

Modules (data in data/*.toml):
  random_source  seeded draws, recorded choices      splits        fixed seed splits (dev / test)
  vocabulary     the TOML vocabularies                regions       real regions (Kemendagri table)
  agencies       offices and their gold fields        people        names, titles, NIPs
  dates          dates and periods                    decree_numbers  decree numbers (printed / gold)
  targets        target / baseline values             content       sasaran and indicators
  planner        a table's grammar choices            tables        table HTML and its gold records
  decoys         tables that are not indicator tables front_matter  decree text, signatures, blocks
  styles         paper, fonts, rules (CSS)            kinds/        one module per kind of document
  document       one document from one seed           gold          the FORMAT.md JSON
  render         HTML → PDF with headless Chromium    cli           the command

    from samples.generator import generate
    doc = generate(7)          # .name, .html, .gold, .choices
"""
from .document import GeneratedDocument, generate  # noqa: F401
from .splits import SPLITS, seeds  # noqa: F401
