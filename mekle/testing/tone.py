"""The tone check for dialogue tests: the real one when its package is there, else a tiny stand-in.

Import the `tone` fixture into a test module; `HOSTILE` is a message the real check (and the
stand-in) warns about, `CALM` one it does not.
"""

import importlib
from dataclasses import dataclass, field

import pytest

HOSTILE = "Du er en idiot, og du hører aldri etter!"
CALM = "Kan vi bytte henting til onsdag denne uken?"


@dataclass(frozen=True)
class FakeSpan:
    start: int
    end: int
    category: str
    reason: str


@dataclass(frozen=True)
class FakeResult:
    hostile: bool
    score: float
    categories: list[str] = field(default_factory=list)
    spans: list[FakeSpan] = field(default_factory=list)
    suggestion: str = ""


def fake_check(text: str, lang: str) -> FakeResult:
    threat_at = text.lower().find("svi for det")
    if threat_at >= 0:
        span = FakeSpan(threat_at, threat_at + 11, "threat", "En trussel")
        return FakeResult(True, 0.95, ["threat"], [span], "La oss ta dette opp med mekleren.")
    at = text.lower().find("idiot")
    if at < 0:
        return FakeResult(hostile=False, score=0.0)
    span = FakeSpan(at, at + 5, "insult", "Et skjellsord")
    return FakeResult(True, 0.9, ["insult"], [span], "Si hva du ønsker, uten å kalle navn.")


def real_tone_available() -> bool:
    try:
        importlib.import_module("mekle.dialogue.tone").check  # noqa: B018  (probe)
    except (ImportError, AttributeError):
        return False
    return True


@pytest.fixture
def tone(monkeypatch):
    """Use the real tone check if it exists; otherwise the stand-in."""
    if not real_tone_available():
        from mekle.dialogue import services
        from mekle.dialogue.services import common

        monkeypatch.setattr(services, "check_tone", lambda text, language: fake_check(text, language))
        monkeypatch.setattr(common, "check_tone", lambda text, language: fake_check(text, language))
    return real_tone_available()
