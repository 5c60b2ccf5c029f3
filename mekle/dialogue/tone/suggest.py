"""A calmer way to say the same thing, in the message's own language (not the UI's).

The suggestion is advice for the strongest kind of hostility found, then, where something of the
message is left to keep, the message rewritten: sentences that carry a threat, an ultimatum, an
insult, contempt or blame are left out, swear words are taken out, capitals become sentence case,
and "hvis du ikke betaler innen fredag, …" becomes the request it hides ("Kan du betale innen
fredag?"). These strings follow the message's language, so they are written here per language
rather than through gettext.
"""

from __future__ import annotations

import re

from mekle.dialogue.tone.rules import Hit, _sentences, lemma, normalise

ORDER = ("threat", "ultimatum", "insult", "profanity", "contempt", "blame", "shouting")
DROP_SENTENCE = {"threat", "ultimatum", "insult", "contempt", "blame"}

ADVICE = {
    "nb": {
        "threat": "Dette kan leses som en trussel. Står dere fast, kan du skrive: «La oss ta dette opp med mekleren.»",
        "ultimatum": "Si hva du trenger og når, uten å true med konsekvenser. Blir dere ikke enige, kan mekleren hjelpe.",
        "insult": "Beskriv det som skjedde og hva du trenger, uten å sette merkelapp på den andre.",
        "profanity": "Meldingen blir lettere å ta imot uten banneord.",
        "contempt": "Si det du mener rett ut, uten ironi eller forakt.",
        "blame": "Prøv en jeg-setning om denne ene gangen: «Jeg ble lei meg da …, og jeg trenger at …»",
        "shouting": "Skriv med vanlige bokstaver; store bokstaver leses som roping.",
        "model": "Meldingen kan leses som fiendtlig. Prøv å si hva du trenger med en jeg-setning.",
        "example": "Forslag: «{}»",
        "mediator": "La oss ta dette opp med mekleren.",
        "request": "Kan du {}?",
    },
    "nn": {
        "threat": "Dette kan lesast som eit trugsmål. Står de fast, kan du skrive: «Lat oss ta dette opp med meklaren.»",
        "ultimatum": "Sei kva du treng og når, utan å true med konsekvensar. Blir de ikkje samde, kan meklaren hjelpe.",
        "insult": "Skildra det som hende og kva du treng, utan å setje merkelapp på den andre.",
        "profanity": "Meldinga blir lettare å ta imot utan banneord.",
        "contempt": "Sei det du meiner rett ut, utan ironi eller forakt.",
        "blame": "Prøv ei eg-setning om denne eine gongen: «Eg vart lei meg då …, og eg treng at …»",
        "shouting": "Skriv med vanlege bokstavar; store bokstavar blir lesne som roping.",
        "model": "Meldinga kan lesast som fiendtleg. Prøv å seie kva du treng med ei eg-setning.",
        "example": "Forslag: «{}»",
        "mediator": "Lat oss ta dette opp med meklaren.",
        "request": "Kan du {}?",
    },
    "en": {
        "threat": "This can read as a threat. If you are stuck, you could write: “Let's take this up with the mediator.”",
        "ultimatum": "Say what you need and by when, without threatening consequences. If you can't agree, the mediator can help.",
        "insult": "Describe what happened and what you need, without labelling the other person.",
        "profanity": "The message is easier to take in without swearing.",
        "contempt": "Say what you mean directly, without sarcasm or contempt.",
        "blame": "Try an I-statement about this one time: “I was upset when …, and I need …”",
        "shouting": "Write in normal letters; capitals read as shouting.",
        "model": "This message may read as hostile. Try saying what you need with an I-statement.",
        "example": "Suggestion: “{}”",
        "mediator": "Let's take this up with the mediator.",
        "request": "Could you {}?",
    },
}

_REQUEST = {
    "no": re.compile(r"\b(?:hvis|viss|om|dersom) du (?:ikke|ikkje) (\w+)([^,.!?]*),", re.IGNORECASE),
    "en": re.compile(r"\b(?:if you (?:don't|do not)|unless you) (\w+)([^,.!?]*),", re.IGNORECASE),
}


def suggest(text: str, lang: str, hits: list[Hit]) -> str:
    strings = ADVICE[lang]
    categories = {h.category for h in hits}
    primary = next((c for c in ORDER if c in categories), None)
    if primary is None:
        return strings["model"]
    parts = [strings[primary]]
    rewrite = _rewrite(normalise(text), lang, hits)
    if rewrite and rewrite not in parts[0]:  # a threat's advice already quotes the mediator sentence
        parts.append(strings["example"].format(rewrite))
    return " ".join(parts)


def _rewrite(text: str, lang: str, hits: list[Hit]) -> str:
    strings = ADVICE[lang]
    kept: list[str] = []
    for start, end in _sentences(text):
        inside = [h for h in hits if start <= h.start < end]
        if any(h.category in DROP_SENTENCE for h in inside):
            request = _request(text[start:end], lang)
            if request:
                kept.append(request)
            continue
        kept.append(_clean(text, start, end, inside))
    if {h.category for h in hits} & {"threat", "ultimatum"}:
        kept.append(strings["mediator"])
    result = " ".join(s for s in kept if s)
    return result if result != text.strip() else ""


def _request(sentence: str, lang: str) -> str:
    """'Hvis du ikke flytter bilen før kl. 18, …' → 'Kan du flytte bilen før kl. 18?'"""
    m = _REQUEST["en" if lang == "en" else "no"].search(sentence)
    if m is None:
        return ""
    verb = m.group(1) if lang == "en" else lemma(m.group(1).lower(), lang)
    return ADVICE[lang]["request"].format(verb + m.group(2))


def _clean(text: str, start: int, end: int, hits: list[Hit]) -> str:
    pieces, cursor = [], start
    for hit in sorted(hits, key=lambda h: h.start):
        if hit.start < cursor:
            continue
        pieces.append(text[cursor : hit.start])
        if hit.category == "shouting" and hit.weight > 0.2:
            pieces.append(text[hit.start : hit.end].lower())
        elif hit.category in ("shouting", "exclamation"):
            pieces.append("!")
        # profanity: left out
        cursor = hit.end
    pieces.append(text[cursor:end])
    sentence = "".join(pieces)
    sentence = re.sub(r"\s{2,}", " ", sentence)
    sentence = re.sub(r"\s+([,.!?])", r"\1", sentence)
    sentence = re.sub(r"^[\s,.;:!-]+", "", sentence).strip()
    if not re.search(r"[^\W\d_]", sentence):
        return ""
    return sentence[0].upper() + sentence[1:]
