"""The one options object: the settings of every stage, validated.

This is the only place that reads IKU_* environment variables (`Options.from_env`);
everything else is handed its settings.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Mapping

from iku.extractors.settings import OcrSettings, TextLayerSettings
from iku.normalizers.confidence import ConfidenceSettings

# environment variable → (stage, setting, type)
ENVIRONMENT = {
    "IKU_OCR_WORKERS": ("ocr", "workers", int),
    "IKU_OCR_ENGINE": ("ocr", "engine", str),
    "IKU_OCR_LANGUAGES": ("ocr", "languages", str),
}


class OptionsError(ValueError):
    """A setting that cannot be used; the message names it."""


@dataclass(frozen=True)
class Options:
    text_layer: TextLayerSettings = field(default_factory=TextLayerSettings)
    ocr: OcrSettings = field(default_factory=OcrSettings)
    confidence: ConfidenceSettings = field(default_factory=ConfidenceSettings)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ, **stages) -> "Options":
        """Defaults, overridden by IKU_* variables, overridden by the stage settings given."""
        changes: dict[str, dict] = {}
        for var, (stage, name, kind) in ENVIRONMENT.items():
            if var in environ:
                try:
                    changes.setdefault(stage, {})[name] = kind(environ[var])
                except ValueError:
                    raise OptionsError(f"{var}={environ[var]!r} is not a valid {kind.__name__}") from None
        base = cls()
        try:
            built = {stage: replace(getattr(base, stage), **values) for stage, values in changes.items()}
        except ValueError as exc:
            raise OptionsError(str(exc)) from None
        return replace(base, **{**built, **stages})

    def with_(self, **settings) -> "Options":
        """A copy with some settings changed, by dotted name: with_(**{"ocr.workers": 1})."""
        stages: dict[str, dict] = {}
        for key, value in settings.items():
            stage, _, name = key.partition(".")
            if not hasattr(self, stage) or not name:
                raise OptionsError(f"unknown setting {key!r}")
            stages.setdefault(stage, {})[name] = value
        try:
            return replace(self, **{s: replace(getattr(self, s), **v) for s, v in stages.items()})
        except (TypeError, ValueError) as exc:
            raise OptionsError(str(exc)) from None
