"""``check(text, lang)``: the rules, then the optional model, then a calmer suggestion."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from mekle.dialogue.tone import rules
from mekle.dialogue.tone.result import Span, ToneResult
from mekle.dialogue.tone.scoring import get_model
from mekle.dialogue.tone.suggest import suggest

LANGUAGES = ("nb", "nn", "en")

REASONS = {
    "insult": _("Calling someone names makes it harder for them to hear what you need."),
    "threat": _("This can read as a threat."),
    "ultimatum": _("An ultimatum puts pressure on the other person instead of inviting an answer."),
    "blame": _("Words like “always” and “never” turn one event into a judgement of the person."),
    "contempt": _("Sarcasm or contempt can make the other person defensive."),
    "shouting": _("Capital letters and many exclamation marks read as shouting."),
    "profanity": _("Swearing can make the message feel aggressive."),
}


def check(text: str, lang: str) -> ToneResult:
    """Advise on the tone of ``text`` (in "nb", "nn" or "en"; anything else is read as "nb").

    Advisory only: the caller shows the result and lets the writer send the message anyway.
    Nothing here stores or logs the text.
    """
    lang = lang if lang in LANGUAGES else "nb"
    hits = rules.find(text, lang)
    score = rules.score(hits)
    model = get_model()
    if model is not None:
        score = max(score, min(1.0, max(0.0, float(model.score(text, lang)))))
    if score < rules.THRESHOLD:
        return ToneResult(hostile=False, score=score)
    spans = [Span(h.start, h.end, _category(h.category), REASONS[h.reason]) for h in hits]
    categories = sorted({s.category for s in spans}, key=list(REASONS).index)
    return ToneResult(
        hostile=True,
        score=score,
        categories=categories,
        spans=spans,
        suggestion=suggest(text, lang, hits),
    )


def _category(category: str) -> str:
    return "shouting" if category == "exclamation" else category
