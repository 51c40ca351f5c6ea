"""One module per kind of document the grammar draws (FORMAT.md "Other documents
that carry indicator tables"): sk, pk, renstra (Renstra and RPJMD chapters), rkt
(RKT / Renja), cascading (per-unit IKU), slides (a slide deck)."""
