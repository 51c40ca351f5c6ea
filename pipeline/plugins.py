"""Plugins: modules that hook into the pipeline by the hooks below.

A plugin is an importable module, named by its import name: `iku batch --plugin
NAME` (repeatable), `pipeline.batch.run.Options(plugins=(NAME, ...))`. The
names travel with the worker configuration; every worker process imports the
plugins before it reports ready (a plugin that cannot be imported, or that
defines none of the hooks, stops the batch with its reason), and calls their
hooks in the order the plugins were named. A plugin defines any of the hooks
as plain module-level functions of that name.

Hooks
    before_document(task: dict) -> None
        In the worker, just before a document is processed. `task` is read-only
        and holds "name" (file name), "display" (its path; an archive member as
        ARCHIVE!MEMBER), "sha256" and "attempt" (1 for the first attempt, 2 for
        the first retry, ...). An exception raised here fails the document as
        one raised by processing it would (MemoryError: out of memory).

The test suite's fault injection (tests/plugins/batch_faults.py) is such a
plugin: a worker that crashes, hangs or runs out of memory on chosen documents.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Iterable

HOOKS = ("before_document",)


class PluginError(Exception):
    """A plugin that cannot be used; the message names it and says why."""


@dataclass(frozen=True)
class Plugins:
    modules: tuple[ModuleType, ...] = ()

    def _call(self, hook: str, *args) -> None:
        for module in self.modules:
            fn = getattr(module, hook, None)
            if fn is not None:
                fn(*args)

    def before_document(self, task: dict) -> None:
        self._call("before_document", task)


def load(names: Iterable[str]) -> Plugins:
    """Import the plugins named; raises PluginError for one that is missing, broken or hookless."""
    modules = []
    for name in names:
        try:
            module = importlib.import_module(name)
        except Exception as exc:  # ImportError or any error while the module runs
            raise PluginError(f"plugin {name!r} cannot be imported: {type(exc).__name__}: {exc}") from exc
        if not any(callable(getattr(module, hook, None)) for hook in HOOKS):
            raise PluginError(f"plugin {name!r} defines none of the hooks ({', '.join(HOOKS)})")
        modules.append(module)
    return Plugins(tuple(modules))
