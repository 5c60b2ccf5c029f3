"""Demo cases that show the contact rule at every office: one just received, where the parties can
write only to the staff, and one past preparation with a clean assessment, where direct messages
are open and a first calm message has been exchanged."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from mekle.accounts.models import Office, Role
from mekle.cases.models import Case, CaseType, ReferrerKind
from mekle.dialogue import services as dialogue_services
from mekle.mediators import services as mediator_services
from mekle.parties import services as party_services
from mekle.parties.models import Party
from mekle.parties.participants import Participant

from .stories import Storyteller

RECEIVED = "Naboer krangler om parkeringsplassen i gården. Begge ønsker hjelp, men ingen har samtykket ennå."
OPEN = "To tidligere venner er uenige om et lån på 15 000 kroner. Begge har samtykket og hatt forsamtale."
FIRST_MESSAGE = "Hei. Takk for at du vil prøve dette. Kan vi snakke om en nedbetalingsplan som passer oss begge?"


def build_contact_showcases(storyteller: Storyteller) -> list[Case]:
    """Per office, a received civil case (direct contact closed) and a prepared one (direct contact open)."""
    built = []
    for office in storyteller.offices:
        with transaction.atomic():
            built.append(_register(storyteller, office, RECEIVED))
        with transaction.atomic():
            built.append(_prepared(storyteller, office))
    return built


def _register(storyteller: Storyteller, office: Office, description: str) -> Case:
    caseworker = storyteller._staff(office, Role.CASEWORKER)  # noqa: SLF001
    people = [storyteller._person("victim", minor=False), storyteller._person("offender", minor=False)]  # noqa: SLF001
    for person in people:
        person.preferred_language = "nb"
    return party_services.register_referral(
        actor=caseworker,
        office=office,
        case_type=CaseType.CIVIL,
        referrer_kind=ReferrerKind.PARTY,
        description=description,
        parties=people,
        received_on=timezone.localdate() - dt.timedelta(days=2),
    )


def _prepared(storyteller: Storyteller, office: Office) -> Case:
    case = _register(storyteller, office, OPEN)
    caseworker = storyteller._staff(office, Role.CASEWORKER)  # noqa: SLF001
    mediator = storyteller._staff(office, Role.MEDIATOR)  # noqa: SLF001
    storyteller._assess(caseworker, case, True)  # noqa: SLF001
    mediator_services.assign_mediator(actor=caseworker, case=case, mediator=mediator)
    storyteller._consent_everyone(caseworker, case)  # noqa: SLF001
    storyteller._prepare_everyone(mediator, case, leave_one_out=False)  # noqa: SLF001
    first, second = list(Party.objects.filter(case=case).order_by("pk"))
    dialogue_services.send_message(
        actor=None, participant=Participant(first), recipient=second, text=FIRST_MESSAGE, language="nb"
    )
    return case
