"""The cast's plain builders: users, parties, and the steps that bring a case to its meeting.

conftest.py turns them into the shared fixtures (alice, bob, `case`, …); tests and module-wide
worlds call them directly.
"""

import datetime as dt

from django.utils import timezone

from mekle.accounts.models import User
from mekle.cases import services as case_services
from mekle.cases.models import CaseEvent, CaseType, ReferrerKind, SafetyRisk
from mekle.mediators import services as mediator_services
from mekle.parties import services as party_services
from mekle.parties.models import Party, PartyRole
from mekle.parties.participants import Participant
from mekle.parties.services import GuardianInput, PartyInput


def make_user(username, *, office=None, role="", first_name="", last_name="", **extra):
    return User.objects.create_user(
        username=username,
        password="pw-" + username,
        office=office,
        role=role,
        first_name=first_name or username.capitalize(),
        last_name=last_name or "Test",
        **extra,
    )


def adult(name, role="victim"):
    return PartyInput(full_name=name, role=role, date_of_birth=dt.date(1980, 5, 17), phone="40000000")


def portal_user_of(party, guardian=None):
    """The portal account of a party or guardian, as a signed-in link would create it."""
    return party_services.portal_user_for(participant=Participant(party, guardian))


def open_direct_contact(case, actor):
    """Everything the contact rule waits for in a civil case: every party and guardian has consented,
    and the case is assessed as suitable with no known safety risk. Returns the case."""
    for party in case.parties.all():
        consent(actor, party, information_given="Brosjyre.")
        for guardian in party.guardians.all():
            consent(actor, party, guardian, information_given="Brosjyre.")
    assess_suitable(actor, case, reason="Begge ønsker å snakke sammen.")
    case.refresh_from_db()
    return case


def kinds(case):
    return list(CaseEvent.objects.filter(case=case).order_by("sequence").values_list("kind", flat=True))


def consent(actor, party, guardian=None, *, information_given="Frivillig, gratis, kan trekke seg."):
    """The party's (or this guardian's) consent, given today by phone."""
    return party_services.record_consent(
        actor=actor,
        participant=Participant(party, guardian),
        given_on=timezone.localdate(),
        method="phone",
        information_given=information_given,
    )


def prepare(actor, party):
    return party_services.record_preparation(
        actor=actor, party=party, held_on=timezone.localdate(), form="phone", notes="Hemmelig notat"
    )


def make_ready(alice, case, *, guardians=True):
    """Assess, consent and prepare every party (and guardian): the case may have its meeting scheduled."""
    assess_suitable(alice, case, reason="OK")
    for party in Party.objects.filter(case=case):
        consent(alice, party)
        for guardian in party.guardians.all() if guardians else ():
            consent(alice, party, guardian)
        prepare(alice, party)


def register(alice, office, name="Nils Nilsen", case_type=CaseType.CIVIL, received_on=None, mediator=None):
    police = case_type != CaseType.CIVIL
    case = party_services.register_referral(
        actor=alice,
        office=office,
        case_type=case_type,
        referrer_kind=ReferrerKind.POLICE if police else ReferrerKind.PARTY,
        referrer_reference="POL-1" if police else "",
        referrer_decision_date=timezone.localdate() if police else None,
        parties=[adult(name), adult("Anne Annesen", "offender")],
        received_on=received_on,
    )
    if mediator is not None:
        mediator_services.assign_mediator(actor=alice, case=case, mediator=mediator)
    return case


def assessment(**overrides):
    values = {
        "facts_broadly_agreed": True,
        "safety_risk": SafetyRisk.NONE_KNOWN,
        "power_imbalance": False,
        "court_case_ongoing": False,
        "capacity_to_take_part": True,
        "suitable": True,
        "reason": "Begge ønsker å møtes.",
    }
    return values | overrides


def civil_minor_case(alice, office_a, age):
    today = timezone.localdate()
    return party_services.register_referral(
        actor=alice,
        office=office_a,
        case_type=CaseType.CIVIL,
        referrer_kind=ReferrerKind.SCHOOL,
        parties=[
            adult("Lise Lund"),
            PartyInput(
                full_name="Tor Lund",
                role=PartyRole.OFFENDER,
                date_of_birth=today.replace(year=today.year - age),
                guardians=[GuardianInput(full_name="Mona Lund")],
            ),
        ],
    )


def assess_suitable(actor, case, *, reason="OK", **overrides):
    """Assess `case` as suitable with no known safety risk (or what `overrides` say), as a caseworker would."""
    return case_services.assess_suitability(actor=actor, case=case, **(assessment(reason=reason) | overrides))
