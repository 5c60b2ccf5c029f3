"""What a tone check returns: plain frozen data, safe to pass to templates and to log in part."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

CATEGORIES = ("insult", "threat", "blame", "contempt", "shouting", "ultimatum", "profanity")


@dataclass(frozen=True)
class Span:
    """Characters ``text[start:end]`` read as ``category``; ``reason`` says why, in the reader's UI language."""

    start: int
    end: int
    category: str
    reason: StrPromise


@dataclass(frozen=True)
class ToneResult:
    hostile: bool
    score: float
    categories: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    suggestion: str = ""
