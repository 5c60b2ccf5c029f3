"""No e-mail subject tells someone glancing at an inbox that a mediation is going on.

Every `*_subject.txt` template Mekle has (found, not listed, so a new one is checked the day it
exists) is rendered in every language with a context in which every value is a case reference:
a subject that shows any value at all shows a reference, and fails here. Its words must not say
mediation, case or the service's name either.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = "OSL-2026-00042"
SUBJECT_TEMPLATES = sorted(ROOT.glob("mekle/*/templates/*/email/*_subject.txt"))
# Words that give the matter away, in bokmål, nynorsk and English (and the name, which means "mediate").
REVEALING = re.compile(
    r"mekl|megl|konfliktr|mediat|\bsak\b|\bsaken\b|\bcase\b|agreement|avtale|[A-Z]{3}-\d{4}-\d{5}", re.I
)


class EveryValueIsTheReference:
    """Whatever a template asks of it (`case.reference`, `invitation.party.case`) is the reference."""

    def __getattr__(self, name: str) -> "EveryValueIsTheReference":
        return self

    def __getitem__(self, key: object) -> "EveryValueIsTheReference":
        return self

    def __str__(self) -> str:
        return REFERENCE


def test_there_are_subject_templates():
    assert len(SUBJECT_TEMPLATES) >= 8


@pytest.mark.parametrize("path", SUBJECT_TEMPLATES, ids=lambda p: p.name)
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_no_subject_names_the_case_or_says_mediation(path, language):
    name = str(path.relative_to(path.parents[2]))  # e.g. agreements/email/reminder_staff_subject.txt
    everything = EveryValueIsTheReference()
    context = {key: everything for key in ("case", "invitation", "reminder", "version", "notice", "meeting", "link")}
    with translation.override(language):
        subject = render_to_string(name, context).strip()
    assert subject
    assert REFERENCE not in subject
    assert not REVEALING.search(subject), subject
