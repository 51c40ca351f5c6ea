"""The national indicator catalog: batch datasets loaded into one DuckDB file (`iku catalog`).

schema.sql the tables; build.py loading and rebuilding; wilayah.py official region codes; urusan.py office
type and urusan; kinds.py kind and formula parts; families.py grouping equivalent indicators; search.py
finding indicators; commands.py the command line.
"""
