"""The generator's vocabularies: the TOML files under samples/generator/data/."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    with open(DATA / f"{name}.toml", "rb") as f:
        return tomllib.load(f)


def headers() -> dict:
    return load("headers")


def agencies() -> dict:
    return load("agencies")


def themes() -> dict:
    return load("themes")


def people() -> dict:
    return load("people")


def phrases() -> dict:
    return load("documents")
