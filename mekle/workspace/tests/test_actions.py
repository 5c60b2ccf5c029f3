"""Steps on a case through the pages: each calls its service, and a refusal is shown, not raised."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from mekle.cases import services as case_services
from mekle.cases.lifecycle import Action, GuardError
from mekle.cases.models import Case, CaseEvent, Status
from mekle.parties.models import Consent, Preparation
from mekle.testing.cast import make_ready


@pytest.fixture
def signed_in(client, alice):
    client.force_login(alice)
    return client


def url(name, case, *args):
    return reverse(f"workspace:{name}", args=[case.reference, *args])


def test_assess_suitability_through_the_form(signed_in, case):
    data = {
        "facts_broadly_agreed": "yes",
        "safety_risk": "none_known",
        "power_imbalance": "no",
        "court_case_ongoing": "no",
        "capacity_to_take_part": "yes",
        "suitable": "yes",
        "reason": "Begge vil møtes.",
    }
    assert signed_in.post(url("assess", case), data).status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.PREPARING


def test_consent_through_the_form(signed_in, case):
    ola = case.parties.get(full_name="Ola Nordmann")
    data = {
        "given_on": timezone.localdate().isoformat(),
        "method": "in_person",
        "information_given": "Brosjyre og samtale.",
    }
    assert signed_in.post(url("record_consent", case, ola.pk), data).status_code == 302
    assert Consent.objects.get(party=ola).method == "in_person"


def test_a_guard_refusal_is_shown_on_the_form_and_changes_nothing(signed_in, case):
    ola = case.parties.get(full_name="Ola Nordmann")
    data = {"given_on": timezone.localdate().isoformat(), "method": "phone", "information_given": "Info."}
    signed_in.post(url("record_consent", case, ola.pk), data)
    events = CaseEvent.objects.filter(case=case).count()
    signed_in.cookies["django_language"] = "en"
    response = signed_in.post(url("record_consent", case, ola.pk), data)
    assert response.status_code == 400
    assert "Ola Nordmann has already consented." in response.content.decode()
    assert CaseEvent.objects.filter(case=case).count() == events


def test_scheduling_too_early_shows_every_reason(signed_in, case, alice):
    from mekle.cases import services as case_services
    from mekle.testing.cast import assessment

    case_services.assess_suitability(actor=alice, case=case, **assessment())
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = {
        "meeting_type": "mediation",
        "date": tomorrow.isoformat(),
        "time": "10:00",
        "duration_minutes": "120",
        "attendance": "in_person",
        "location": "Rom 1",
        "street_address": "Storgata 1",
        "postcode": "0155",
        "post_town": "Oslo",
    }
    response = signed_in.post(url("schedule_meeting", case), data)
    assert response.status_code == 400
    assert len(response.context["form"].non_field_errors()) == 4
    assert Case.objects.get(pk=case.pk).status == Status.PREPARING


def test_withdrawal_needs_confirmation_then_closes_the_case(signed_in, case):
    kari = case.parties.get(full_name="Kari Nordmann")
    unconfirmed = signed_in.post(url("record_withdrawal", case, kari.pk), {"reason": ""})
    assert unconfirmed.status_code == 400
    assert Case.objects.get(pk=case.pk).status == Status.RECEIVED
    confirmed = signed_in.post(url("record_withdrawal", case, kari.pk), {"confirm": "on"})
    assert confirmed.status_code == 302
    assert Case.objects.get(pk=case.pk).status == Status.WITHDRAWN


def test_the_assigned_mediator_records_a_preparatory_talk(client, mia, case):
    client.force_login(mia)
    ola = case.parties.get(full_name="Ola Nordmann")
    data = {
        "held_on": timezone.localdate().isoformat(),
        "form": "video",
        "support_person": "Søster",
        "notes": "Redd for å møte.",
    }
    assert client.post(url("record_preparation", case, ola.pk), data).status_code == 302
    assert Preparation.objects.get(party=ola).recorded_by == mia


def test_a_whole_case_from_scheduling_to_fulfilled_on_its_fulfilment_date(signed_in, case, alice, mia):
    make_ready(alice, case)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = {
        "meeting_type": "mediation",
        "date": tomorrow.isoformat(),
        "time": "10:00",
        "duration_minutes": "90",
        "attendance": "video",
        "video_link": "https://video.example/rom",
    }
    assert signed_in.post(url("schedule_meeting", case), data).status_code == 302
    meeting = case.meetings.get()
    with time_machine.travel(meeting.starts_at + dt.timedelta(hours=2)):
        signed_in.force_login(alice)  # the session from yesterday has expired
        result = {"result": "agreement", "agreement_summary": "Ola får ny hekk innen mai."}
        assert signed_in.post(url("record_meeting_result", case, meeting.pk), result).status_code == 302
        _write_sign_and_approve(signed_in, case, alice, mia)
        signed_in.force_login(alice)
        # Two hours after the meeting, nothing answered: no path closes the case as fulfilled.
        assert signed_in.post(url("conclude_by_answers", case), {"choice": "fulfilled"}).status_code == 400
        with translation.override("en"), pytest.raises(GuardError) as refused, transaction.atomic():
            case_services.transition(case=case_services.lock_case(case), action=Action.MARK_FULFILLED, actor=alice)
        assert refused.value.reasons == [
            "The fulfilment date has not come yet.",
            "Answer for every commitment whether it was kept.",
        ]
    case.refresh_from_db()
    assert case.status == Status.IN_FOLLOW_UP
    version = case.agreement.versions.get()
    with time_machine.travel(dt.datetime.combine(version.fulfilment_date, dt.time(10), tzinfo=dt.UTC)):
        signed_in.force_login(alice)
        commitment = version.commitments.get()
        answer = {f"c{commitment.pk}-kept": "yes"}
        assert signed_in.post(url("check_commitment", case, commitment.pk), answer).status_code == 302
        assert signed_in.post(url("conclude_by_answers", case), {"choice": "fulfilled"}).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.FULFILLED
    page = signed_in.get(url("case_page", case))
    assert page.context["outcome"] == "fulfilled"


def _write_sign_and_approve(client, case, alice, mia):
    """The agreement pages: draft one commitment, send it, record both paper signatures, approve."""
    kari = case.parties.get(full_name="Kari Nordmann")
    assert client.post(url("agreement_start", case)).status_code == 302
    today = timezone.localdate()
    draft = {
        "introduction": "Ny hekk.",
        "fulfilment_date": (today + dt.timedelta(days=30)).isoformat(),
        "cooling_off_days": "0",
        "commitments-TOTAL_FORMS": "1",
        "commitments-INITIAL_FORMS": "0",
        "commitments-0-kind": "work",
        "commitments-0-party": str(kari.pk),
        "commitments-0-description": "Planter ny hekk.",
        "commitments-0-due_on": (today + dt.timedelta(days=20)).isoformat(),
    }
    assert client.post(url("agreement_edit", case, 1), draft).status_code == 302
    assert client.post(url("agreement_send", case, 1)).status_code == 302
    for party in case.parties.all():
        signature = {"signer": f"{party.pk}-0", "signed_on": today.isoformat(), "confirm": "on"}
        assert client.post(url("agreement_record_signature", case, 1), signature).status_code == 302
    client.force_login(mia)
    assert client.post(url("agreement_approve", case, 1), {"confirm": "on"}).status_code == 302


def test_nothing_can_be_done_on_a_closed_case_through_the_pages(signed_in, case):
    kari = case.parties.get(full_name="Kari Nordmann")
    signed_in.post(url("record_withdrawal", case, kari.pk), {"confirm": "on"})
    response = signed_in.post(url("start_assessment", case), follow=True)
    assert response.status_code == 200
    assert Case.objects.get(pk=case.pk).status == Status.WITHDRAWN
    assert list(response.context["messages"])
