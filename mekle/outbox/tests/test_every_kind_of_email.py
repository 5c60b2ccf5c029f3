"""Every kind of e-mail Mekle sends, as the recipient gets it: a plain-text part and an HTML part,
both ending with the contact details of the office that has the case (a journal's, the service's
general contact), under a subject that tells nothing about the case.

Each kind is sent the way it is in use (its service or task, through the outbox), and read from the
test mail backend, so what is checked is what went out.
"""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from mekle.agreements import services as agreement_services
from mekle.agreements import tasks as agreement_tasks
from mekle.dialogue import services as dialogue_services
from mekle.journal import services as journal_services
from mekle.mediators import services as mediator_services
from mekle.notices import services as notice_services
from mekle.notices import tasks as notice_tasks
from mekle.notices.models import NoticeKind
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.testing.agreement_rows import approved_version
from mekle.testing.cast import make_ready
from mekle.testing.journal import keeper
from mekle.testing.tone import CALM, tone  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[3]
BODY_TEMPLATES = sorted(ROOT.glob("mekle/*/templates/*/email/*_body.txt"))
OFFICE_PHONE = "22 00 00 01"
SERVICE_PHONE = "21 99 99 99"


@pytest.fixture
def reachable(office_a):
    """The case's office with all its contact details filled in."""
    office_a.phone, office_a.email = OFFICE_PHONE, "oslo@konfliktradet.example.no"
    office_a.street_address, office_a.postcode, office_a.place = "Tollbugata 10", "0152", "Oslo"
    office_a.opening_hours = "Mandag–fredag 08.00–15.30"
    office_a.save()
    return office_a


@pytest.fixture
def service_contact(settings):
    settings.MEKLE_SERVICE_CONTACT_PHONE = SERVICE_PHONE
    settings.MEKLE_SERVICE_CONTACT_EMAIL = "post@konfliktradet.example.no"


def html_of(message: EmailMultiAlternatives) -> str:
    assert isinstance(message, EmailMultiAlternatives)
    ((content, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return str(content)


def assert_signed_by_the_office(message, *, phone=OFFICE_PHONE, secrets=()):
    """Both parts carry the phone (the HTML as a tel: link), the e-mail and the visiting address; the
    subject tells none of `secrets` (the reference, names, what it is about)."""
    html = html_of(message)
    assert phone in message.body
    assert phone in html
    assert f'href="tel:{phone.replace(" ", "")}"' in html
    assert html.lstrip().lower().startswith("<!doctype html>")
    for secret in secrets:
        assert secret.lower() not in message.subject.lower()


def office_signature(message):
    assert_signed_by_the_office(message)
    for part in (message.body, html_of(message)):
        assert "oslo@konfliktradet.example.no" in part
        assert "Tollbugata 10, 0152 Oslo" in part
        assert "Mandag–fredag 08.00–15.30" in part


def case_secrets(case):
    return [case.reference, case.office.name, *case.parties.values_list("full_name", flat=True), "hekk", "mekl"]


def test_every_kind_of_email_has_an_html_part_beside_its_text():
    assert len(BODY_TEMPLATES) >= 8
    for text in BODY_TEMPLATES:
        assert text.with_suffix(".html").exists(), text


def test_the_invitation(reachable, case, ola, alice, mailoutbox, django_capture_on_commit_callbacks):
    ola.email = "ola@example.no"
    ola.save()
    with django_capture_on_commit_callbacks(execute=True):
        party_services.invite_to_portal(actor=alice, participant=Participant(ola))
    (message,) = mailoutbox
    office_signature(message)
    assert_signed_by_the_office(message, secrets=case_secrets(case))
    assert "/portal/sign-in/" in html_of(message)  # the link is in both parts


@pytest.mark.usefixtures("tone")
def test_the_new_message_announcement(
    reachable, contact_open, ola, kari, mailoutbox, django_capture_on_commit_callbacks
):
    kari.email = "kari@example.no"
    kari.save()
    with django_capture_on_commit_callbacks(execute=True):
        dialogue_services.send_message(
            actor=None, participant=Participant(ola), recipient=kari, text=CALM, language="nb"
        )
    (message,) = mailoutbox
    office_signature(message)
    assert_signed_by_the_office(message, secrets=[*case_secrets(contact_open), CALM[:20]])


def test_the_journal_sign_in_link_gives_the_service_contact(
    service_contact, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        keeper()
    (message,) = mailoutbox
    assert_signed_by_the_office(message, phone=SERVICE_PHONE, secrets=["Nora", "Berg", "journal"])
    assert "post@konfliktradet.example.no" in message.body


def test_the_journal_proposal_gives_the_service_contact(
    service_contact, db, mailoutbox, django_capture_on_commit_callbacks
):
    nora = keeper()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        journal_services.send_proposal(
            actor=nora,
            journal=nora.journal,
            text="Henting fredag kl. 16?",
            recipient_email="per@example.no",
            language="en",
        )
    (message,) = mailoutbox
    assert_signed_by_the_office(message, phone=SERVICE_PHONE, secrets=["Nora", "Henting"])


def test_the_follow_up_reminders_to_staff_and_party(reachable, case, mia, alice, mailoutbox):
    alice.email = "alice@konfliktradet.example"
    alice.save()
    case.parties.filter(role="victim").update(email="ola@example.no")
    version = approved_version(case, mediator=mia)
    reminders = agreement_services.create_reminders(version=version)
    on_the_day = next(r for r in reminders if r.kind == "on_the_day")
    with time_machine.travel(on_the_day.due_at + dt.timedelta(minutes=1), tick=False):
        assert agreement_tasks.send_follow_up_reminder.call(reminder_id=on_the_day.pk) == "sent"
    assert sorted(m.to[0] for m in mailoutbox) == ["alice@konfliktradet.example", "ola@example.no"]
    for message in mailoutbox:
        office_signature(message)
        assert_signed_by_the_office(message, secrets=case_secrets(case))


def test_the_staff_notice(reachable, case, alice, mailoutbox):
    alice.email = "alice@konfliktradet.example"
    alice.save()
    (notice,) = notice_services.notify_case_staff(case=case, kind=NoticeKind.FLAGGED_MESSAGE, recipients=[alice])
    mailoutbox.clear()
    assert notice_tasks.email_notices.call(notice_ids=[notice.pk], category="trussel") == 1
    (message,) = mailoutbox
    office_signature(message)
    assert_signed_by_the_office(message, secrets=[*case_secrets(case), "trussel"])


def test_the_meeting_cancellation(reachable, minor_case, alice, mia, mailoutbox, django_capture_on_commit_callbacks):
    mediator_services.assign_mediator(actor=alice, case=minor_case, mediator=mia)
    make_ready(alice, minor_case)
    meeting = mediator_services.schedule_meeting(
        actor=alice,
        case=minor_case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=3),
        location="Storgata 1",
    )
    minor_case.parties.filter(full_name="Per Hansen").update(email="per@example.no")
    with django_capture_on_commit_callbacks(execute=True):
        mediator_services.cancel_meeting(actor=None, meeting=meeting)
    (message,) = mailoutbox
    office_signature(message)
    assert_signed_by_the_office(message, secrets=case_secrets(minor_case))
    (calendar,) = message.attachments  # the calendar file still goes with it
    assert calendar[0] == "cancelled.ics"
