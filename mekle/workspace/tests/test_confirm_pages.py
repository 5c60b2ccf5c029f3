"""Irreversible steps ask first, on a page of their own that says what happens and who is told:
cancelling a meeting, taking a mediator off, sending an agreement for signing. Without JavaScript a
link leads to the page, and only its form's POST does the step."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mekle.agreements.models import VersionStatus
from mekle.mediators import events as mediators_events
from mekle.mediators import services as mediator_services
from mekle.mediators import tasks as mediator_tasks
from mekle.mediators.models import Assignment, MeetingStatus
from mekle.outbox.models import OutboxEmail
from mekle.testing.agreements import draft, hold_meeting_with_agreement
from mekle.testing.cast import make_ready


def url(name, case, *args):
    return reverse(f"workspace:{name}", args=[case.reference, *args])


def signed_in(user):
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def meeting(alice, case):
    make_ready(alice, case)
    return mediator_services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=2),
        location="Rom 1",
    )


# --- Cancelling a meeting -----------------------------------------------------------------------


def test_the_case_page_links_to_the_cancel_page_instead_of_cancelling(alice, case, meeting):
    html = signed_in(alice).get(url("case_page", case)).content.decode()
    cancel = url("cancel_meeting", case, meeting.pk)
    assert f'href="{cancel}"' in html
    assert f'action="{cancel}"' not in html


def test_the_cancel_page_says_what_happens_and_who_is_told_and_changes_nothing(alice, case, meeting):
    events = case.events.count()
    response = signed_in(alice).get(url("cancel_meeting", case, meeting.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cancel the meeting?" in html
    assert "the case goes back to preparation" in html
    assert "Who is told: the parties, their guardians and the case" in html
    assert 'name="reason"' in html
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED
    assert case.events.count() == events


def test_confirming_cancels_with_the_reason(mia, case, meeting):
    response = signed_in(mia).post(url("cancel_meeting", case, meeting.pk), {"reason": "Kari er syk"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert case.events.get(kind=mediators_events.MEETING_CANCELLED.name).payload["reason"] == "Kari er syk"


def test_a_too_long_reason_is_explained_and_cancels_nothing(alice, case, meeting):
    response = signed_in(alice).post(url("cancel_meeting", case, meeting.pk), {"reason": "x" * 2001})
    assert response.status_code == 400
    assert "Ensure this value has at most 2000 characters" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED


def test_a_meeting_cancelled_already_is_refused_with_a_message(alice, case, meeting):
    mediator_services.cancel_meeting(actor=alice, meeting=meeting)
    response = signed_in(alice).post(url("cancel_meeting", case, meeting.pk), {"reason": ""})
    assert response.status_code == 400
    assert "Only a scheduled meeting can be cancelled." in response.content.decode()


# --- Taking a mediator off the case -------------------------------------------------------------


def test_the_case_page_links_to_the_take_off_page(alice, case, mia):
    html = signed_in(alice).get(url("case_page", case)).content.decode()
    take_off = url("unassign_mediator", case, mia.pk)
    assert f'href="{take_off}"' in html
    assert f'action="{take_off}"' not in html


def test_the_take_off_page_asks_first_and_changes_nothing(alice, case, mia):
    response = signed_in(alice).get(url("unassign_mediator", case, mia.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Take {mia.get_full_name()} off the case?" in html
    assert "the mediator gets an e-mail" in html
    assert Assignment.objects.filter(case=case, mediator=mia, ended_at__isnull=True).exists()


def test_confirming_takes_the_mediator_off_and_tells_them(alice, case, mia):
    mia.email = "mia@konfliktraadet.example"
    mia.save()
    response = signed_in(alice).post(url("unassign_mediator", case, mia.pk), {"reason": "Bytter kontor"})
    assert response.status_code == 302
    assert not Assignment.objects.filter(case=case, mediator=mia, ended_at__isnull=True).exists()
    assert case.events.order_by("-sequence").first().payload["reason"] == "Bytter kontor"
    (email,) = OutboxEmail.objects.filter(source=mediator_tasks.TAKEN_OFF)
    assert email.to == ["mia@konfliktraadet.example"]
    assert "Bytter" not in email.body


def test_a_mediator_may_not_take_anyone_off(mia, case):
    client = signed_in(mia)
    assert client.get(url("unassign_mediator", case, mia.pk)).status_code == 403
    assert client.post(url("unassign_mediator", case, mia.pk), {"reason": ""}).status_code == 403
    assert Assignment.objects.filter(case=case, mediator=mia, ended_at__isnull=True).exists()


def test_a_mediator_not_on_the_case_leads_back_to_the_case(alice, case, mats):
    response = signed_in(alice).get(url("unassign_mediator", case, mats.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("case_page", case)
    assert "That mediator is not on the case." in response.content.decode()


# --- Sending an agreement for signing ------------------------------------------------------------


@pytest.fixture
def version(alice, mia, case):
    hold_meeting_with_agreement(alice, mia, case)
    return draft(mia, case)


def test_the_version_page_links_to_the_send_page(mia, case, version):
    html = signed_in(mia).get(url("agreement_version", case, 1)).content.decode()
    send = url("agreement_send", case, 1)
    assert f'href="{send}"' in html
    assert f'action="{send}"' not in html


def test_the_send_page_shows_the_text_and_who_is_told_and_sends_nothing(mia, case, version, ola):
    ola.email = "ola@example.no"
    ola.save()
    response = signed_in(mia).get(url("agreement_send", case, 1))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Send version 1 for signing?" in html
    assert "can no longer change" in html
    assert "gets an e-mail that the agreement is ready to sign" in html
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert not OutboxEmail.objects.exists()


def test_confirming_sends_and_the_signers_are_e_mailed(mia, case, version, ola):
    ola.email = "ola@example.no"
    ola.save()
    response = signed_in(mia).post(url("agreement_send", case, 1))
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.SENT
    assert [e.to for e in OutboxEmail.objects.all()] == [["ola@example.no"]]


def test_the_send_page_of_a_version_already_sent_leads_back_to_the_version(mia, case, version):
    signed_in(mia).post(url("agreement_send", case, 1))
    response = signed_in(mia).get(url("agreement_send", case, 1))
    assert response.status_code == 302
    assert response["Location"] == url("agreement_version", case, 1)


def test_the_confirm_pages_keep_their_queries(alice, case, meeting, django_assert_max_num_queries):
    client = signed_in(alice)
    with django_assert_max_num_queries(10):
        assert client.get(url("cancel_meeting", case, meeting.pk)).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(url("unassign_mediator", case, case.assignments.first().mediator_id)).status_code == 200


# --- Closing a case without a written agreement --------------------------------------------------


def test_the_close_page_says_who_is_told_and_closing_tells_them_without_the_reason(alice, mia, case, ola, version):
    ola.email = "ola@example.no"
    ola.save()
    mia.email = "mia@konfliktraadet.example"
    mia.save()
    client = signed_in(alice)
    close = url("agreement_close_without", case)
    html = client.get(close).content.decode()
    assert "This cannot be undone. Who is told: the parties, their guardians and the case" in html
    assert 'name="reason"' in html
    assert not OutboxEmail.objects.exists()
    assert client.post(close, {"reason": ""}).status_code == 400  # a reason is needed: nothing happens
    assert not OutboxEmail.objects.exists()
    assert client.post(close, {"reason": "Kari ville ikke signere"}).status_code == 302
    emails = {email.to[0]: email for email in OutboxEmail.objects.filter(source="agreements.closed_without_agreement")}
    assert set(emails) == {"ola@example.no", "mia@konfliktraadet.example"}
    assert emails["ola@example.no"].subject == "En oppdatering til deg"
    assert all("Kari" not in email.body for email in emails.values())
    assert f"/portal/cases/{case.reference}/" in emails["ola@example.no"].body


def test_the_closing_e_mail_goes_once_per_address_and_not_to_whoever_closed(mia, case, version):
    from mekle.agreements import tasks as agreement_tasks

    mia.email = "mia@konfliktraadet.example"
    mia.save()
    case.parties.update(email="familien@example.no")  # two parties at one address: one e-mail
    assert [e.to for e in agreement_tasks.queue_closing_emails(case, event_id=1, actor_id=mia.pk)] == [
        ["familien@example.no"]
    ]
    assert agreement_tasks.queue_closing_emails(case, event_id=1, actor_id=None)[0].to == ["mia@konfliktraadet.example"]
    assert agreement_tasks.queue_closing_emails(case, event_id=1, actor_id=None) == []  # once per event
