"""The seeded random source every drawing function takes, and the record of choices.

One `Draw` per document, made from the document's seed: the same seed gives the
same sequence of draws, so the same document. `choose` / `flag` also write the
choice into `choices` (the sidecar `<name>.choices.json`), so a failing document
can be traced to the grammar choices it was drawn with.
"""
from __future__ import annotations

import random
from typing import Any, Optional, Sequence, TypeVar

T = TypeVar("T")


class Draw:
    """Seeded draws; `choices` holds the named ones (JSON-able values)."""

    def __init__(self, seed: int, choices: Optional[dict] = None):
        self.seed = seed
        self.rng = random.Random(seed)
        self.choices: dict[str, Any] = {} if choices is None else choices

    # ------------------------------------------------------------------ unnamed draws
    def pick(self, items: Sequence[T]) -> T:
        return items[self.rng.randrange(len(items))]

    def weighted(self, pairs: Sequence[tuple[T, float]]) -> T:
        total = sum(w for _, w in pairs)
        x = self.rng.random() * total
        for value, w in pairs:
            x -= w
            if x < 0:
                return value
        return pairs[-1][0]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def integer(self, lo: int, hi: int) -> int:
        """lo..hi inclusive."""
        return self.rng.randint(lo, hi)

    def uniform(self, lo: float, hi: float) -> float:
        return self.rng.uniform(lo, hi)

    def sample(self, items: Sequence[T], k: int) -> list[T]:
        return self.rng.sample(list(items), min(k, len(items)))

    def shuffled(self, items: Sequence[T]) -> list[T]:
        out = list(items)
        self.rng.shuffle(out)
        return out

    # ------------------------------------------------------------------ named (recorded) draws
    def choose(self, name: str, options: Sequence[T] | dict, record: Optional[dict] = None) -> T:
        """One of `options` (a list, or a dict value -> weight), recorded as `name`."""
        if isinstance(options, dict):
            value = self.weighted(list(options.items()))
        else:
            value = self.pick(options)
        (self.choices if record is None else record)[name] = value
        return value

    def flag(self, name: str, p: float, record: Optional[dict] = None) -> bool:
        value = self.chance(p)
        (self.choices if record is None else record)[name] = value
        return value

    def note(self, name: str, value: Any, record: Optional[dict] = None) -> Any:
        """Record a value that was decided, not drawn (e.g. forced by another choice)."""
        (self.choices if record is None else record)[name] = value
        return value

    def child(self, salt: str) -> "Draw":
        """An independent stream for one part of the document (its own sequence,
        same choices record), so adding draws in one part leaves the others as they were."""
        sub = Draw(0, self.choices)
        sub.rng = random.Random(f"{self.seed}:{salt}")
        return sub
