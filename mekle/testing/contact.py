"""Builders the contact, staff-thread and flagged-message tests share (with conftest's cast)."""

import datetime as dt

from django.utils import timezone, translation

from mekle.cases.models import Case, CaseType, ReferrerKind
from mekle.dialogue import services
from mekle.mediators import services as mediator_services
from mekle.parties import services as party_services
from mekle.parties.models import Party
from mekle.parties.participants import Participant
from mekle.parties.services import GuardianInput, PartyInput
from mekle.testing.cast import adult, open_direct_contact, portal_user_of

# The tone check flags this as a threat (and an ultimatum); tests assert that first.
THREAT = "Hvis du ikke gjør som jeg sier, skal du få svi for det. Jeg vet hvor du bor."


def criminal_case(
    alice, office_a, *, mediator=None, case_type: str = CaseType.CRIMINAL_MEDIATION, tor_role: str = "victim"
) -> Case:
    """A criminal case at office A with two adults: Tor (victim, unless `tor_role`) and Geir (offender)."""
    case = party_services.register_referral(
        actor=alice,
        office=office_a,
        case_type=case_type,
        referrer_kind=ReferrerKind.COURT if case_type == CaseType.YOUTH_SENTENCE else ReferrerKind.POLICE,
        referrer_reference="POL-777",
        referrer_decision_date=timezone.localdate(),
        parties=[adult("Tor Vik", tor_role), adult("Geir Berg", "offender")],
    )
    if mediator is not None:
        mediator_services.assign_mediator(actor=alice, case=case, mediator=mediator)
    return case


def minor_victim_case(alice, office_a) -> Case:
    """A criminal case whose victim, Lise, is 14 and has a guardian, Randi; the offender is an adult."""
    today = timezone.localdate()
    return party_services.register_referral(
        actor=alice,
        office=office_a,
        case_type=CaseType.YOUTH_FOLLOW_UP,
        referrer_kind=ReferrerKind.POLICE,
        referrer_reference="POL-888",
        referrer_decision_date=today,
        parties=[
            PartyInput(
                full_name="Lise Lie",
                role="victim",
                date_of_birth=today.replace(year=today.year - 14),
                phone="42222222",
                guardians=[GuardianInput(full_name="Randi Lie", relation="mor")],
            ),
            adult("Geir Berg", "offender"),
        ],
    )


def victim_of(case: Case) -> Party:
    return case.parties.get(role="victim")


def offender_of(case: Case) -> Party:
    return case.parties.get(role="offender")


def opened_criminal_case(alice, office_a, *, mediator=None) -> Case:
    """`criminal_case` with everything the rule waits for, the victim's own choice included."""
    case: Case = open_direct_contact(criminal_case(alice, office_a, mediator=mediator), alice)
    victim = victim_of(case)
    services.choose_direct_contact(actor=portal_user_of(victim), participant=Participant(victim), on=True)
    return case


def a_friday_at(hour: int, minute: int = 0) -> dt.datetime:
    """A Friday at this time of day in Oslo (winter time), in the future."""
    return dt.datetime(2027, 1, 8, hour, minute, tzinfo=timezone.get_default_timezone())


def in_language(language: str, text: str) -> str:
    """`text` as the catalogue says it in `language` (the msgid when it has no translation)."""
    with translation.override(language):
        return translation.gettext(text)


def proposal(ola, kari, text="Jeg henter barna på fredager kl. 16.", **kwargs):
    return services.make_proposal(
        actor=None, participant=Participant(ola), recipient=kari, kind="arrangement", text=text, **kwargs
    )
