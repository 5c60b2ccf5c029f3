"""Correcting contact details and the pages that ask before an irreversible step: without
JavaScript's help, by keyboard-reachable links and forms, and with no serious axe violations."""

import datetime as dt

import pytest
from django.utils import timezone

from mekle.mediators import services as mediator_services
from mekle.mediators.models import MeetingStatus
from mekle.testing.browser import shot
from mekle.testing.cast import make_ready

from .conftest import serious_violations, sign_in

pytestmark = pytest.mark.browser


def test_a_caseworker_corrects_a_mistyped_email_and_the_pages_ask_before_cancelling(page, alice, case):
    ola = case.parties.get(full_name="Ola Nordmann")
    ola.email = "ola@exmaple.no"
    ola.save()
    make_ready(alice, case)
    meeting = mediator_services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=2),
        location="Rom 1",
    )
    sign_in(page, "alice")
    page.goto(f"/workspace/cases/{case.reference}/parties/{ola.pk}/")
    page.locator(f"a[href$='/parties/{ola.pk}/contact-details/']").click()
    page.wait_for_load_state()
    assert page.locator("#id_email").input_value() == "ola@exmaple.no"
    page.fill("#id_email", "ola@example.no")
    shot(page, "correct-contact-details-nb")
    assert serious_violations(page) == []
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/parties/{ola.pk}/")
    ola.refresh_from_db()
    assert ola.email == "ola@example.no"

    page.goto(f"/workspace/cases/{case.reference}/")
    page.locator(f"a[href$='/meetings/{meeting.pk}/cancel/']").click()
    page.wait_for_load_state()
    shot(page, "confirm-cancel-meeting-nb")
    assert serious_violations(page) == []
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED  # opening the page changed nothing
    page.fill("#id_reason", "Mekleren er syk")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/cases/{case.reference}/")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED

    page.locator("a[href$='/unassign/']").first.click()
    page.wait_for_load_state()
    shot(page, "confirm-take-mediator-off-nb")
    assert serious_violations(page) == []
