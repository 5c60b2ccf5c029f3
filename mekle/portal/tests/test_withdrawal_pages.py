"""After a withdrawal, through the portal: the meeting is gone for both, its calendar file cancels,
each party reads the right thing, and no form of the closed case can be submitted."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mekle.agreements import services as agreement_services
from mekle.cases.models import Status
from mekle.mediators import services as mediator_services
from mekle.mediators.calendar import meeting_uid
from mekle.testing.agreements import draft, hold_meeting_with_agreement
from mekle.testing.cast import make_ready


def url(name, case):
    return reverse(f"portal:{name}", args=[case.reference])


@pytest.fixture
def scheduled(alice, case):
    make_ready(alice, case)
    return mediator_services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=3),
        location="Konfliktrådet, Storgata 1",
    )


@pytest.fixture
def kari_withdrew(client, case, scheduled, kari_user):
    client.force_login(kari_user)
    assert client.post(url("withdraw", case), {"reason": ""}).status_code == 302
    client.logout()
    return client


def main(response):
    return response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]


def sign_in(client, user, language="nb"):
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def test_the_other_party_no_longer_sees_the_meeting_and_reads_only_that_the_mediation_ended(
    kari_withdrew, case, ola_user
):
    page = sign_in(kari_withdrew, ola_user).get(url("case", case)).content.decode()
    assert "Konfliktrådet, Storgata 1" not in page
    assert url("meeting_calendar", case) not in page
    assert "Meklingen er avsluttet." in page
    assert "trakk" not in page  # never who, never "withdrew"
    assert "Kari" not in page
    assert url("messages", case) in page  # they can still ask the staff


def test_the_other_party_on_the_receipt_page_reads_the_neutral_sentence_not_a_receipt(kari_withdrew, case, ola_user):
    page = sign_in(kari_withdrew, ola_user, "en").get(url("withdrawn", case)).content.decode()
    assert "The mediation has ended." in page
    assert "The withdrawal has been registered" not in page
    assert "your withdrawal" not in page.lower()


def test_the_party_who_withdrew_sees_their_receipt(kari_withdrew, case, kari_user):
    client = sign_in(kari_withdrew, kari_user, "en")
    assert "The withdrawal has been registered" in client.get(url("withdrawn", case)).content.decode()
    assert "You withdrew from the mediation" in client.get(url("case", case)).content.decode()


def test_the_calendar_file_of_the_cancelled_meeting_cancels_it(kari_withdrew, case, ola_user, scheduled):
    response = sign_in(kari_withdrew, ola_user).get(url("meeting_calendar", case))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["method"]) == "CANCEL"
    event = calendar.walk("VEVENT")[0]
    assert str(event["uid"]) == meeting_uid(scheduled)
    assert str(event["status"]) == "CANCELLED"
    assert str(event["summary"]) == "Møte"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("consent", {"answer": "yes"}),
        ("preparation", {"feels_safe": "yes", "what_happened": "x"}),
        ("withdraw", {"reason": ""}),
        ("agreement", {"agrees": "on"}),
        ("follow_up", {"commitment": "1", "c1-kept": "yes"}),
    ],
)
def test_no_form_of_the_closed_case_can_be_submitted(kari_withdrew, case, ola_user, name, data):
    client = sign_in(kari_withdrew, ola_user, "en")
    events = case.events.count()
    page = client.get(url(name, case))
    assert page.status_code == 200
    assert 'method="post"' not in main(page)
    response = client.post(url(name, case), data)
    assert response.status_code == 200
    assert "The mediation has ended." in response.content.decode()
    assert case.events.count() == events


def test_a_withdrawal_after_the_meeting_leaves_the_agreement_readable_but_not_signable(
    client, case, alice, mia, ola_user, kari_user
):
    hold_meeting_with_agreement(alice, mia, case)
    agreement_services.send_for_signing(actor=mia, version=draft(mia, case))
    sign_in(client, kari_user).post(url("withdraw", case), {"reason": ""})
    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN
    client = sign_in(client, ola_user, "en")
    page = client.get(url("agreement", case)).content.decode()
    assert "What you agreed" in page
    assert "Sign the agreement" not in page
    assert "The mediation has ended." in page
    events = case.events.count()
    assert client.post(url("agreement", case), {"agrees": "on"}).status_code == 200
    assert case.events.count() == events
    assert "Read the agreement" in client.get(url("case", case)).content.decode()
