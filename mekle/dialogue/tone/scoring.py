"""The optional model layer: a ``ToneModel`` scores a whole message, next to the rules.

``settings.MEKLE_TONE_MODEL`` names the model's class by dotted path; empty means the rules only
(the default). The model is built once per process, on first use. If it cannot be imported or
built (its package is not installed, say), the tone check falls back to the rules and logs a
warning once: the check advises, and it must never be the thing that stops a message.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("mekle.tone")


@runtime_checkable
class ToneModel(Protocol):
    def score(self, text: str, lang: str) -> float:
        """How hostile the message reads, from 0 (calm) to 1."""
        ...


@lru_cache(maxsize=4)
def _load(path: str) -> ToneModel | None:
    try:
        model = import_string(path)()
    except Exception:  # an optional layer: any failure to build it means "rules only"
        logger.warning("tone model %s could not be loaded; using the rules only", path, exc_info=True)
        return None
    if not isinstance(model, ToneModel):
        logger.warning("tone model %s has no score(text, lang); using the rules only", path)
        return None
    return model


def get_model() -> ToneModel | None:
    path: str = getattr(settings, "MEKLE_TONE_MODEL", "") or ""
    return _load(path) if path else None
