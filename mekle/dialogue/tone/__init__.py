"""The tone check: advice before a message is sent, never a block.

``check(text, lang)`` returns a ``ToneResult``: whether the message reads as hostile, a score,
the categories and the words that made it so (with a reason each), and a calmer way to say it in
the message's language. Rules and word lists for bokmål, nynorsk and English do the work; a model
can be added behind ``ToneModel`` with ``settings.MEKLE_TONE_MODEL``.
"""

from mekle.dialogue.tone.checker import check
from mekle.dialogue.tone.result import CATEGORIES, Span, ToneResult
from mekle.dialogue.tone.scoring import ToneModel

__all__ = ["CATEGORIES", "Span", "ToneModel", "ToneResult", "check"]
