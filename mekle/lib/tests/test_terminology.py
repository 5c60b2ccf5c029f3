"""One term throughout: konfliktrådsloven's mekler/mekling (nb) and meklar/mekling (nn).

Never "megler", "megling" or "meglar" in what a user reads: the Norwegian translations, the
templates and the texts written per language in Python (the tone advice). Nynorsk says "brukar"
(not the bokmål verb "bruker"), and "avtale" is masculine there: "ein avtale", "avtalen", "han".
"""

import re
from pathlib import Path

import pytest

from mekle.dialogue.tone.suggest import ADVICE
from mekle.lib.check_translations import LOCALE_DIR, parse_po

MEKLE = Path(__file__).resolve().parents[2]
TEMPLATE_SUFFIXES = {".html", ".txt", ".jinja", ".j2", ".xml"}


def msgstrs(language: str) -> list[tuple[str, str]]:
    po = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    return [(e.msgid, t) for e in parse_po(po.read_text(encoding="utf-8")) for t in e.translations]


def templates() -> list[Path]:
    return [p for p in MEKLE.rglob("templates/**/*") if p.is_file() and p.suffix in TEMPLATE_SUFFIXES]


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_no_megl_in_the_norwegian_translations(language: str) -> None:
    wrong = [(msgid, text) for msgid, text in msgstrs(language) if re.search("megl", text, re.IGNORECASE)]
    assert wrong == []


def test_no_megl_in_any_template() -> None:
    found = templates()
    assert len(found) > 50  # the glob finds the app templates
    wrong = [str(p.relative_to(MEKLE)) for p in found if re.search("megl", p.read_text(encoding="utf-8"), re.I)]
    assert wrong == []


def test_no_megl_in_the_tone_advice() -> None:
    wrong = [text for strings in ADVICE.values() for text in strings.values() if re.search("megl", text, re.I)]
    assert wrong == []


def test_nynorsk_says_brukar_not_bruker() -> None:
    wrong = [(msgid, text) for msgid, text in msgstrs("nn") if re.search(r"\bbruker\b", text, re.IGNORECASE)]
    assert wrong == []


def test_nynorsk_avtale_is_masculine() -> None:
    feminine = re.compile(r"\b(avtala|ei avtale|inga avtale|noka avtale|avtaler)\b", re.IGNORECASE)
    wrong = [(msgid, text) for msgid, text in msgstrs("nn") if feminine.search(text)]
    assert wrong == []


def test_nynorsk_refers_to_the_agreement_as_han() -> None:
    by_msgid = dict(msgstrs("nn"))
    assert by_msgid["Read the agreement, and sign it if it says what you agreed."] == (
        "Les avtalen, og signer han dersom han seier det de vart samde om."
    )
    assert by_msgid["Your agreement"] == "Avtalen din"


def test_bokmal_says_mekler() -> None:
    assert dict(msgstrs("nb"))["Mediators"] == "Meklere"
