"""What the dialogue services share: the case lock, staff names in payloads, the tone check, limits."""

from django.utils.translation import gettext as _

from mekle.accounts.types import Actor
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.cases.models import Case
from mekle.lib import clock

from .. import selectors, tone
from ..models import Thread

MAX_MESSAGE_LENGTH = 5000


def check_tone(text: str, language: str) -> tone.ToneResult:
    """The tone check's advice on `text` (see ``tone.check``); it never stops a message."""
    return tone.check(text, language)


def staff_name(user: Actor) -> str:
    return str(user.get_full_name() or user.get_username()) if user.is_authenticated else ""


def lock_open(case: Case) -> tuple[Case, Thread]:
    """Lock the case; refuse when it is closed. Returns the case and its thread settings."""
    case = case_services.lock_case(case)
    lifecycle.ensure_open(case)
    return case, selectors.thread_of(case)


def lock_for_staff_thread(case: Case) -> tuple[Case, Thread]:
    """Lock the case for a message between a party and its staff: open, or closed not long ago."""
    case = case_services.lock_case(case)
    if not selectors.staff_thread_within_time(case, clock.now()):
        raise lifecycle.GuardError([_("The case is closed; nothing more can happen in it.")])
    return case, selectors.thread_of(case)


def clean_text(text: str) -> str:
    """The message's words, or a refusal when there are none or too many."""
    text = text.strip()
    if not text:
        raise lifecycle.GuardError([_("Write a message.")])
    if len(text) > MAX_MESSAGE_LENGTH:
        raise lifecycle.GuardError(
            [_("A message can be at most %(count)s characters.") % {"count": MAX_MESSAGE_LENGTH}]
        )
    return text
