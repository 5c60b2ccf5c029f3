"""Shared set-up for agreement tests: a case whose meeting ended in agreement, and a signed draft."""

import datetime as dt

import time_machine
from django.utils import timezone

from mekle.agreements import services
from mekle.agreements.selectors import required_signers
from mekle.agreements.services import CommitmentInput, cooling_off_days_for
from mekle.cases.models import Case
from mekle.mediators import services as mediator_services
from mekle.parties.models import Party
from mekle.testing.cast import make_ready


def hold_meeting_with_agreement(caseworker, mediator, case: Case) -> Case:
    """Make the case ready, hold its meeting (ending in agreement): the case is `meeting_held`."""
    make_ready(caseworker, case)
    meeting = mediator_services.schedule_meeting(
        actor=caseworker,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(minutes=5),
        location="Rom 1",
    )
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1)):
        mediator_services.record_meeting_result(
            actor=mediator, meeting=meeting, result="agreement", agreement_summary="Unnskyldning og ny hekk."
        )
    case.refresh_from_db()
    return case


def apology(party: Party, *, due_on: dt.date | None = None, beneficiary: Party | None = None) -> CommitmentInput:
    return CommitmentInput(
        kind="apology",
        party=party,
        beneficiary=beneficiary,
        description=f"{party.full_name} ber om unnskyldning.",
        due_on=due_on or timezone.localdate() + dt.timedelta(days=21),  # after a 14-day cooling-off
    )


def draft(actor, case: Case, commitments: list[CommitmentInput] | None = None, **changes):
    """Start the agreement and fill in its draft: one apology from the first party unless told otherwise."""
    version = services.start_agreement(actor=actor, case=case)
    parties = list(Party.objects.filter(case=case))
    fields = {
        "introduction": "Vi har snakket sammen.",
        "fulfilment_date": timezone.localdate() + dt.timedelta(days=30),
        "cooling_off_days": cooling_off_days_for(case),
        "commitments": commitments if commitments is not None else [apology(parties[-1], beneficiary=parties[0])],
        **changes,
    }
    return services.update_draft(actor=actor, version=version, **fields)


def sign_everyone(actor, version) -> None:
    for signer in required_signers(version):
        if not signer.signed:
            services.sign(
                actor=actor, version=version, participant=signer, method="paper", statement="Signert på papir."
            )


def approve_agreement(caseworker, mediator, case: Case):
    """From a held meeting to an approved agreement: the case goes to follow-up."""
    version = services.send_for_signing(actor=mediator, version=draft(mediator, case))
    sign_everyone(mediator, version)
    return services.approve(actor=mediator, version=version)


def drive_to_follow_up(caseworker, mediator, case: Case) -> Case:
    hold_meeting_with_agreement(caseworker, mediator, case)
    approve_agreement(caseworker, mediator, case)
    case.refresh_from_db()
    return case
