"""Linking a person proven by electronic ID (ID-porten) to their parties and guardianships."""

from django.db import transaction

from mekle.accounts.models import Role, User
from mekle.cases import services as case_services
from mekle.parties import events as parties_events

from ..models import Guardian, Party
from ..participants import Participant
from .portal import portal_user_for


@transaction.atomic
def link_portal_user_by_national_id(*, national_id: str) -> User | None:
    """The one portal account of the person with `national_id`, linked to every record that names them.

    Returns None when no party or guardian has that number (records whose access staff ended do
    not count). An account already linked to one of the
    records is kept and reused for all of them; otherwise one is created for the first record. Every
    record that gets (re)linked records a `portal_account_linked` event on its case. The number itself
    never goes into an event or a log.
    """
    if not national_id:
        return None
    people = _people_with(national_id)
    if not people:
        return None
    user = next((p.user for p in people if p.user is not None and p.user.role == Role.PARTY), None)
    newly_linked = [p for p in people if user is None or p.user_id != user.pk]
    # Lock in a fixed order, so two sign-ins touching the same cases cannot deadlock.
    to_lock = {Participant.of(p).case_id: Participant.of(p).case for p in newly_linked}
    cases = {case_id: case_services.lock_case(to_lock[case_id]) for case_id in sorted(to_lock)}
    if user is None:
        user = portal_user_for(participant=Participant.of(people[0]))
    for person in newly_linked:
        if person.user_id != user.pk:
            person.user = user
            person.save(update_fields=["user"])
        participant = Participant.of(person)
        case_services.record_event(
            case=cases[participant.case_id],
            kind=parties_events.PORTAL_ACCOUNT_LINKED,
            actor=user,
            payload=participant.who(),
        )
    return user


def _people_with(national_id: str) -> list[Party | Guardian]:
    # A record whose access staff ended stays out until staff invite the person again.
    mine = {"national_id": national_id, "portal_access_ended_at__isnull": True}
    parties = Party.objects.filter(**mine).select_related("case", "user").order_by("pk")
    guardians = Guardian.objects.filter(**mine).select_related("party__case", "user").order_by("pk")
    return [*parties, *guardians]
