"""The rules layer: find the words that read as hostile, say why, and weigh them.

Each hit carries a weight; the message's score is 1 - Π(1 - weight), so one threat is enough
and a stray "!!!" is not. The guards that keep hard cases quiet live here:
- a word that only insults when aimed ("dum", "stupid") needs "du/you" before it, not "jeg/I",
  and no negation ("du er ikke dum");
- name-calling that is reported ("he was called an idiot", «faen» after "sa") is not aimed;
- "du alltid/aldri" next to appreciation ("du er alltid så flink") is praise, not blame;
- a conditional is an ultimatum only with a punitive consequence (court, police, child welfare
  used as leverage, losing the children), so "hvis du ikke kan hente, kan jeg" stays quiet;
- institutions are never triggers on their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from mekle.dialogue.tone.lexicon import ACRONYMS, BLOODY_LITERAL, CALLED, ENGLISH, NORWEGIAN, REPORTING, Lexicon

THRESHOLD = 0.5

WEIGHTS = {
    "threat": 0.85,
    "ultimatum": 0.8,
    "insult": 0.8,
    "weak_insult": 0.65,
    "contempt": 0.6,
    "blame": 0.6,
    "profanity": 0.6,
    "shouting": 0.6,
    "exclamation": 0.15,
}

TOKEN = re.compile(r"[^\W\d_]+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"“])")
EXCLAMATIONS = re.compile(r"!{2,}")
OPEN_QUOTE_BEFORE = re.compile(r"[«\"“]\s*$")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    category: str
    weight: float
    # The key of the reason shown to the writer (see checker.REASONS); usually the category.
    reason: str


def lexicon_for(lang: str) -> Lexicon:
    return ENGLISH if lang == "en" else NORWEGIAN


@lru_cache(maxsize=20_000)
def lemma(word: str, lang: str) -> str:
    return simplemma.lemmatize(word, lang=lang).lower()


_PLAIN_QUOTES = str.maketrans("’‘“”", "''\"\"")


def normalise(text: str) -> str:
    """Plain apostrophes and quotes, character for character, so offsets stay valid."""
    return text.translate(_PLAIN_QUOTES)


def find(text: str, lang: str) -> list[Hit]:
    lex = lexicon_for(lang)
    text = normalise(text)
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    hits: list[Hit] = []
    hits += _phrases(text, lex)
    hits += _ultimatums(text, lex)
    hits += _words(text, tokens, lex, lang)
    hits += _shouting(text, tokens)
    return _resolve(text, hits, lex)


def score(hits: list[Hit]) -> float:
    calm = 1.0
    for hit in hits:
        calm *= 1.0 - hit.weight
    return round(1.0 - calm, 3)


def _phrases(text: str, lex: Lexicon) -> list[Hit]:
    return [
        Hit(m.start(), m.end(), category, WEIGHTS[category], category)
        for category, patterns in lex.phrases.items()
        for pattern in patterns
        for m in pattern.finditer(text)
    ]


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in SENTENCE_END.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _ultimatums(text: str, lex: Lexicon) -> list[Hit]:
    hits = []
    for start, end in _sentences(text):
        sentence = text[start:end]
        condition = lex.conditional.search(sentence)
        if condition is None:
            continue
        consequence = lex.punitive.search(sentence, condition.end())
        if consequence is not None:
            hits.append(
                Hit(
                    start + condition.start(), start + consequence.end(), "ultimatum", WEIGHTS["ultimatum"], "ultimatum"
                )
            )
    return hits


def _reported(text: str, start: int) -> bool:
    """ "Sønnen ble kalt idiot", 'Jack said "shit"': the word is quoted or reported, not aimed."""
    before = text[:start]
    if CALLED.search(before[-40:]):
        return True
    quote = OPEN_QUOTE_BEFORE.search(before)
    return quote is not None and REPORTING.search(before[: quote.start()][-60:]) is not None


def _aimed_at_reader(tokens: list[tuple[int, int, str]], index: int, lex: Lexicon, text: str) -> bool | None:
    """True if the nearest person before the word (same sentence, six words back) is "you", False
    if it is "I", None if there is none."""
    for j in range(index - 1, max(-1, index - 7), -1):
        start, end, word = tokens[j]
        if re.search(r"[.!?]", text[end : tokens[j + 1][0]]):
            return None
        lower = word.lower()
        if lower in lex.second_person:
            return True
        if lower in lex.first_person:
            return False
    return None


def _negated(tokens: list[tuple[int, int, str]], index: int, lex: Lexicon, text: str) -> bool:
    window = [w.lower() for _, _, w in tokens[max(0, index - 3) : index]]
    if any(w in lex.negations for w in window):
        return True
    return bool(re.search(r"n't\s+(?:\w+\s+){0,2}$", text[: tokens[index][0]]))


def _words(text: str, tokens: list[tuple[int, int, str]], lex: Lexicon, lang: str) -> list[Hit]:
    hits = []
    for i, (start, end, word) in enumerate(tokens):
        lower = word.lower()
        base = lemma(lower, lang)
        if lower.startswith(lex.profanity_prefixes) or lower in lex.profanity_words:
            literal = lower == "bloody" and BLOODY_LITERAL.match(text, end)
            if not literal and not _reported(text, start):
                hits.append(Hit(start, end, "profanity", WEIGHTS["profanity"], "profanity"))
        if lower in lex.strong_insults or base in lex.strong_insults:
            if not _reported(text, start) and _aimed_at_reader(tokens, i, lex, text) is not False:
                hits.append(Hit(start, end, "insult", WEIGHTS["insult"], "insult"))
        elif (lower in lex.weak_insults or base in lex.weak_insults) and (
            _aimed_at_reader(tokens, i, lex, text) and not _negated(tokens, i, lex, text)
        ):
            hits.append(Hit(start, end, "insult", WEIGHTS["weak_insult"], "insult"))
    return hits


def _shouting(text: str, tokens: list[tuple[int, int, str]]) -> list[Hit]:
    """Runs of capitalised words (not acronyms); a run of two or more, or many capitals in all."""
    runs: list[list[tuple[int, int, str]]] = []
    for token in tokens:
        start, _, word = token
        loud = len(word) >= 2 and word.isupper() and word.lower() not in ACRONYMS
        if not loud:
            continue
        if runs and not re.search(r"[^\W\d_]", text[runs[-1][-1][1] : start]):
            runs[-1].append(token)
        else:
            runs.append([token])
    loud_letters = sum(len(w) for run in runs for _, _, w in run)
    hits = [
        Hit(run[0][0], run[-1][1], "shouting", WEIGHTS["shouting"], "shouting")
        for run in runs
        if (len(run) >= 2 and sum(len(w) for _, _, w in run) >= 5) or (loud_letters >= 8 and len(run[0][2]) >= 3)
    ]
    if hits:
        hits += [
            Hit(m.start(), m.end(), "shouting", WEIGHTS["exclamation"], "shouting") for m in EXCLAMATIONS.finditer(text)
        ]
    else:
        # A lone "!!!" is enthusiasm as often as anger: it adds a little, and is shown only if
        # something else makes the message read as hostile.
        hits += [
            Hit(m.start(), m.end(), "exclamation", WEIGHTS["exclamation"], "shouting")
            for m in EXCLAMATIONS.finditer(text)
        ]
    return hits


def _resolve(text: str, hits: list[Hit], lex: Lexicon) -> list[Hit]:
    """Drop blame that is praise or part of a threat, and duplicates; order by position."""
    pressure = [h for h in hits if h.category in ("threat", "ultimatum")]
    kept: list[Hit] = []
    for hit in hits:
        if hit.category == "blame":
            sentence = next((text[s:e] for s, e in _sentences(text) if s <= hit.start < e), "")
            if lex.appreciation.search(sentence):
                continue
            if any(p.start < hit.end and hit.start < p.end for p in pressure):
                continue
        kept.append(hit)
    unique = {(h.start, h.end, h.category): h for h in kept}
    return sorted(unique.values(), key=lambda h: (h.start, h.end))
