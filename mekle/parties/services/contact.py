"""Correcting a party's or a guardian's contact details after registration.

A mistyped e-mail address sends a sign-in link to a stranger. When the address changes, every
unused link of the person stops and so do their signed-in sessions (a stranger may have used one);
the new address can be sent a fresh link in the same step.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from mekle.accounts.types import Actor
from mekle.cases import lifecycle
from mekle.cases import services as case_services
from mekle.lib import clock
from mekle.parties import events as parties_events

from .. import rules
from ..models import GUARDIAN_LANGUAGES, Language, PortalInvitation
from ..participants import Participant
from .portal import _issue_invitation, end_sessions_of

# What can be corrected, per kind of record (a guardian's language may be left blank: the party's).
PARTY_FIELDS = ("full_name", "email", "phone", "address", "preferred_language", "other_language")
GUARDIAN_FIELDS = ("full_name", "email", "phone", "address", "preferred_language")
GUARDIAN_LANGUAGE_VALUES = tuple(value for value, _label in GUARDIAN_LANGUAGES)
MAX_LENGTHS = {"full_name": 200, "email": 254, "phone": 30, "address": 300, "other_language": 100}


@dataclass(frozen=True)
class ContactDetails:
    """The corrected details. A field left None is not being corrected (a guardian has no "other
    language", so that stays None for a guardian)."""

    full_name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    preferred_language: str | None = None
    other_language: str | None = None


@dataclass(frozen=True)
class Correction:
    fields: list[str]
    links_stopped: int
    invitation: PortalInvitation | None


def fields_of(participant: Participant) -> tuple[str, ...]:
    return GUARDIAN_FIELDS if participant.acts_as_guardian else PARTY_FIELDS


def _problems(participant: Participant, new: dict[str, str]) -> list[str]:
    problems = []
    if not new["full_name"]:
        problems.append(_("Give the person's full name."))
    for name, limit in MAX_LENGTHS.items():
        if len(new.get(name, "")) > limit:
            problems.append(_("A detail is too long (at most %(limit)s characters).") % {"limit": limit})
            break
    if new["email"]:
        try:
            validate_email(new["email"])
        except ValidationError:
            problems.append(_("Enter a valid e-mail address."))
    if participant.acts_as_guardian:
        if new["preferred_language"] not in ("", *GUARDIAN_LANGUAGE_VALUES):
            problems.append(_("Choose one of the languages."))
    else:
        if new["preferred_language"] not in Language.values:
            problems.append(_("Choose one of the languages."))
        elif new["preferred_language"] == Language.OTHER and not new["other_language"]:
            problems.append(_("Say which language."))
        if not (new["phone"] or new["email"] or new["address"]):
            problems.append(_("Give at least one way to reach the party: phone, e-mail or address."))
    return problems


@transaction.atomic
def correct_contact_details(
    *, actor: Actor, participant: Participant, details: ContactDetails, send_link: bool = False
) -> Correction:
    """Correct the contact details of a party, or of one of its guardians, and record what changed.

    Only the case's caseworkers may (``rules.can_correct_contact_details``), while the case is open.
    When the e-mail address changes, the person's unused sign-in links stop and their signed-in
    sessions end; with `send_link`, a fresh link is e-mailed to the new address. Refuses, changing
    nothing, when the details are not valid or nothing would change.
    """
    case = case_services.lock_case(participant.case)
    if not rules.can_correct_contact_details(actor, case):
        raise lifecycle.GuardError([_("Only the case's caseworkers can correct contact details.")])
    lifecycle.ensure_open(case)
    participant.ensure_together()
    person = participant.person
    person.refresh_from_db()
    allowed = fields_of(participant)
    given = {name: value for name, value in vars(details).items() if value is not None}
    if set(given) - set(allowed):
        raise lifecycle.GuardError([_("A guardian's record has no other language of its own.")])
    old = {name: str(getattr(person, name)) for name in allowed}
    new = {**old, **{name: value.strip() for name, value in given.items()}}
    if not participant.acts_as_guardian and new["preferred_language"] != Language.OTHER:
        new["other_language"] = ""
    problems = _problems(participant, new)
    if problems:
        raise lifecycle.GuardError(problems)
    changed = [name for name in allowed if new[name] != old[name]]
    email_changed = "email" in changed and new["email"].lower() != old["email"].lower()
    if not changed:
        raise lifecycle.GuardError([_("Nothing was changed: the details are as registered.")])
    if send_link and not (email_changed and new["email"]):
        raise lifecycle.GuardError([_("A new link is sent only to a new e-mail address.")])
    for name in changed:
        setattr(person, name, new[name])
    person.save(update_fields=changed)
    stopped = 0
    if email_changed:
        stopped = _stop_links_sent_before(participant)
    if person.user is not None and ("email" in changed or "full_name" in changed):
        user = person.user
        first, _space, last = person.full_name.partition(" ")
        user.email, user.first_name, user.last_name = person.email, first[:150], last[:150]
        user.save(update_fields=["email", "first_name", "last_name"])
    case_services.record_event(
        case=case,
        kind=parties_events.CONTACT_DETAILS_CORRECTED,
        actor=actor,
        payload={
            **participant.who(),  # the name as corrected
            "fields": changed,
            "previous": {name: old[name] for name in changed},
            "current": {name: new[name] for name in changed},
            "links_stopped": stopped,
        },
    )
    invitation = None
    if send_link:
        invitation = _issue_invitation(
            case=case,
            actor=actor,
            participant=participant,
            email=person.email,
            kind=parties_events.PORTAL_INVITATION_CREATED,
        )
    return Correction(fields=changed, links_stopped=stopped, invitation=invitation)


def _stop_links_sent_before(participant: Participant) -> int:
    """The e-mail address changed: every unused link of the person stops, and so does every session
    (someone at the old address may have signed in with one). Returns how many links stopped."""
    now = clock.now()
    stopped = PortalInvitation.objects.filter(
        party=participant.party,
        guardian=participant.guardian,
        used_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
    ).update(revoked_at=now)
    person = participant.person
    if person.user is not None:
        end_sessions_of(person.user)
    return stopped
