"""The worlds the kill tests start from, built in a subprocess on the database the workers use.

Run as ``python -m tests.chaos.scenarios <name> [webhook_url]``: builds the world, enqueues the one
task the scenario is about and prints what to look for as JSON.
"""

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from typing import Any

import django


def world() -> tuple[Any, Any, Any]:
    from mekle.accounts.models import Office, Role
    from mekle.cases.models import CaseType, ReferrerKind
    from mekle.parties import services as party_services
    from mekle.testing.cast import adult, make_user

    office = Office.objects.create(code="OSL", name="Konfliktrådet i Oslo", region="Oslo")
    alice = make_user("alice", office=office, role=Role.CASEWORKER, email="alice@konfliktradet.example")
    mia = make_user("mia", office=office, role=Role.MEDIATOR)
    case = party_services.register_referral(
        actor=alice,
        office=office,
        case_type=CaseType.CIVIL,
        referrer_kind=ReferrerKind.PARTY,
        description="Nabokonflikt om en hekk.",
        parties=[adult("Ola Nordmann", "victim"), adult("Kari Nordmann", "offender")],
    )
    return case, alice, mia


def pdf() -> dict[str, Any]:
    from mekle.agreements.tasks import follow_up_approved_version
    from mekle.testing.agreement_rows import approved_version

    case, _alice, mia = world()
    case.parties.filter(role="offender").update(preferred_language="nn")
    version = approved_version(case, mediator=mia)
    follow_up_approved_version.enqueue(version_id=version.pk)
    return {"version_id": version.pk}


def reminder() -> dict[str, Any]:
    from mekle.agreements.models import FollowUpReminder, ReminderKind
    from mekle.agreements.tasks import send_follow_up_reminder
    from mekle.lib import clock
    from mekle.testing.agreement_rows import approved_version

    case, _alice, mia = world()
    version = approved_version(case, mediator=mia, fulfilment_date=clock.today() + dt.timedelta(days=7))
    reminder = FollowUpReminder.objects.create(
        version=version, kind=ReminderKind.WEEK_BEFORE, due_at=clock.now() - dt.timedelta(minutes=1)
    )
    send_follow_up_reminder.enqueue(reminder_id=reminder.pk)
    return {"reminder_id": reminder.pk}


def invitation() -> dict[str, Any]:
    from mekle.parties import services as party_services
    from mekle.parties.models import PortalInvitation
    from mekle.parties.participants import Participant

    case, alice, _mia = world()
    ola = case.parties.get(full_name="Ola Nordmann")
    ola.email = "ola@example.no"
    ola.save()
    party_services.invite_to_portal(actor=alice, participant=Participant(ola))  # enqueues the e-mail
    invitation = PortalInvitation.objects.get(party=ola)
    assert invitation.sent_to == "ola@example.no"
    return {"invitation_id": invitation.pk}


def notice() -> dict[str, Any]:
    """A party withdrew: the caseworker's neutral notice e-mail (as threat alerts and staff messages)."""
    from mekle.notices import services as notice_services
    from mekle.notices.models import NoticeKind

    case, alice, _mia = world()
    notice_services.notify_case_staff(case=case, kind=NoticeKind.WITHDRAWN, recipients=[alice])  # enqueues
    return {"recipients": 1}


def cancellation() -> dict[str, Any]:
    """A meeting cancelled: every participant with an address gets the calendar cancellation."""
    from mekle.lib import clock
    from mekle.mediators import services as mediator_services
    from mekle.testing.cast import make_ready

    case, alice, mia = world()
    case.parties.filter(full_name="Ola Nordmann").update(email="ola@example.no")
    case.parties.filter(full_name="Kari Nordmann").update(email="kari@example.no")
    mia.email = "mia@konfliktradet.example"
    mia.save()
    mediator_services.assign_mediator(actor=alice, case=case, mediator=mia)
    make_ready(alice, case)
    meeting = mediator_services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=clock.now() + dt.timedelta(days=3),
        location="Storgata 1",
    )
    mediator_services.cancel_meeting(actor=alice, meeting=meeting)  # enqueues the e-mails
    return {"recipients": 3}


def webhook(url: str) -> dict[str, Any]:
    from mekle.lib import clock
    from mekle.referrals.models import OutcomeDelivery, ReferrerOrganisation
    from mekle.referrals.tasks import deliver_outcome

    case, _alice, _mia = world()
    police = ReferrerOrganisation.objects.create(name="Oslo politidistrikt", kind="police", webhook_url=url)
    delivery = OutcomeDelivery.objects.create(
        organisation=police,
        case=case,
        event_sequence=1,
        kind="case_closed",
        body={"id": f"{case.reference}.1", "type": "case_closed", "referral": case.reference},
        created_at=clock.now(),
    )
    deliver_outcome.enqueue(delivery_id=delivery.pk)
    return {"delivery_id": delivery.pk, "id": delivery.body["id"]}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mekle.settings")
    django.setup()
    name, *args = sys.argv[1:]
    scenarios: dict[str, Callable[..., dict[str, Any]]] = {
        "pdf": pdf,
        "reminder": reminder,
        "invitation": invitation,
        "notice": notice,
        "cancellation": cancellation,
        "webhook": webhook,
    }
    print(json.dumps(scenarios[name](*args)))
