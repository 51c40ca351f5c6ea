"""Catalog family ids survive a rebuild: a family that gains or loses members keeps its id, and an id
a merge retired still resolves (family_aliases)."""
from __future__ import annotations

from iku.pipeline.catalog.build import stable_family_ids
from iku.pipeline.catalog.families import Family, Grouping


def grouping(assign: dict[str, str]) -> tuple[list[str], Grouping]:
    ids = sorted(assign)
    fams = sorted(set(assign.values()))
    return ids, Grouping([assign[i] for i in ids], [i for i in ids],
                         [Family(f, None, f, f, sum(v == f for v in assign.values()), 1) for f in fams])


def test_a_family_that_gains_a_member_keeps_its_id():
    previous = {"d1:0": "fOLD", "d2:0": "fOLD"}
    # the new member changes the representative, hence the content hash: the id stays
    ids, g = grouping({"d1:0": "fNEWHASH", "d2:0": "fNEWHASH", "d3:0": "fNEWHASH", "d4:0": "fOTHER"})
    g2, aliases = stable_family_ids(ids, g, previous, {})
    assert dict(zip(ids, g2.family_ids)) == {"d1:0": "fOLD", "d2:0": "fOLD", "d3:0": "fOLD", "d4:0": "fOTHER"}
    assert sorted(f.family_id for f in g2.families) == ["fOLD", "fOTHER"] and aliases == {}


def test_merged_families_keep_the_larger_id_and_alias_the_other():
    previous = {"a:0": "fA", "a:1": "fA", "b:0": "fB"}
    ids, g = grouping({"a:0": "fM", "a:1": "fM", "b:0": "fM"})
    g2, aliases = stable_family_ids(ids, g, previous, {"fOLDEST": "fB"})
    assert set(g2.family_ids) == {"fA"}
    assert aliases == {"fB": "fA", "fOLDEST": "fA"}  # an earlier alias follows its family


def test_catalog_resolves_a_retired_id():
    import duckdb

    from iku.pipeline.catalog.commands import resolve_family
    con = duckdb.connect()
    con.execute("CREATE TABLE families (family_id VARCHAR)")
    con.execute("CREATE TABLE family_aliases (alias VARCHAR, family_id VARCHAR)")
    con.execute("INSERT INTO families VALUES ('fA')")
    con.execute("INSERT INTO family_aliases VALUES ('fB', 'fA')")
    assert resolve_family(con, "fB") == "fA" and resolve_family(con, "fA") == "fA"
    assert resolve_family(duckdb.connect(), "fX") == "fX"  # a catalog without the table
