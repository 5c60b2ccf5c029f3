"""A party's own answers before the preparatory talk, and a minor consenting without a guardian."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone, translation

from mekle.cases import services as case_services
from mekle.cases.lifecycle import GuardError
from mekle.cases.models import CaseType, Status
from mekle.mediators import services as mediator_services
from mekle.parties import services as party_services
from mekle.parties.models import PreparationAnswers
from mekle.parties.participants import Participant
from mekle.testing.cast import civil_minor_case, kinds, make_ready


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


ANSWERS = {"what_happened": "Hekken ble klippet ned.", "feels_safe": "unsure", "needs": "Ro."}


def test_answers_are_saved_then_changed_and_each_save_is_an_event(ola, ola_user):
    party_services.save_preparation_answers(actor=ola_user, participant=Participant(ola), answers=ANSWERS)
    party_services.save_preparation_answers(
        actor=ola_user, participant=Participant(ola), answers={**ANSWERS, "needs": "En unnskyldning."}
    )
    saved = PreparationAnswers.objects.get(party=ola)
    assert saved.needs == "En unnskyldning."
    assert saved.feels_safe == "unsure"
    events = list(ola.case.events.filter(kind="preparation_answers_saved").order_by("sequence"))
    assert [e.payload["first_time"] for e in events] == [True, False]
    assert all(e.visibility == "staff" for e in events)
    assert "Hekken" not in str([e.payload for e in events])  # the words stay out of the timeline


def test_answers_cannot_change_after_the_meeting_is_held(alice, mia, case, ola, ola_user):
    make_ready(alice, case)
    meeting = mediator_services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=1),
        location="Rom 1",
    )
    party_services.save_preparation_answers(actor=ola_user, participant=Participant(ola), answers=ANSWERS)
    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        mediator_services.record_meeting_result(
            actor=mia, meeting=meeting, result="agreement", agreement_summary="Ola får en unnskyldning."
        )
    with pytest.raises(GuardError, match="held"):
        party_services.save_preparation_answers(
            actor=ola_user, participant=Participant(ola), answers={**ANSWERS, "needs": "x"}
        )
    assert PreparationAnswers.objects.get(party=ola).needs == "Ro."


def test_a_guardian_answers_for_themself_beside_the_minor(minor_case):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    guardian = emil.guardians.get()
    party_services.save_preparation_answers(actor=None, participant=Participant(emil), answers=ANSWERS)
    party_services.save_preparation_answers(actor=None, participant=Participant(emil, guardian), answers=ANSWERS)
    assert PreparationAnswers.objects.filter(party=emil).count() == 2


def test_a_civil_minor_of_15_may_consent_alone_and_the_meeting_needs_no_guardian_consent(alice, mia, office_a):
    case = civil_minor_case(alice, office_a, 15)
    tor = case.parties.get(full_name="Tor Lund")
    mediator_services.assign_mediator(actor=alice, case=case, mediator=mia)
    case_services.start_assessment(actor=alice, case=case)
    make_ready(alice, case, guardians=False)
    with pytest.raises(GuardError, match="Mona Lund, guardian of Tor Lund, has not consented"):
        schedule(alice, case)
    party_services.waive_guardian_consent(actor=alice, party=tor)
    assert kinds(case)[-1] == "guardian_consent_waived"
    assert schedule(alice, case).case.status == Status.MEETING_SCHEDULED


def schedule(alice, case):
    return mediator_services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=1),
        location="Rom 1",
    )


@pytest.mark.parametrize(
    ("case_type", "age", "message"),
    [
        (CaseType.CRIMINAL_MEDIATION, 16, "civil"),
        (CaseType.CIVIL, 14, "15"),
        (CaseType.CIVIL, 19, "adult"),
    ],
)
def test_waiving_guardian_consent_is_refused_outside_its_rule(alice, office_a, case_type, age, message):
    case = civil_minor_case(alice, office_a, age)
    case.case_type = case_type
    case.save(update_fields=["case_type"])
    tor = case.parties.get(full_name="Tor Lund")
    with pytest.raises(GuardError, match=message):
        party_services.waive_guardian_consent(actor=alice, party=tor)
    tor.refresh_from_db()
    assert not tor.guardian_consent_waived


def test_waiving_twice_is_refused(alice, office_a):
    case = civil_minor_case(alice, office_a, 16)
    tor = case.parties.get(full_name="Tor Lund")
    party_services.waive_guardian_consent(actor=alice, party=tor)
    tor.refresh_from_db()
    with pytest.raises(GuardError, match="already"):
        party_services.waive_guardian_consent(actor=alice, party=tor)


def test_a_withdrawal_in_the_portal_tells_the_staff_without_names(
    alice, mia, case, ola, ola_user, mailoutbox, django_capture_on_commit_callbacks
):
    alice.email, mia.email = "alice@konfliktraadet.example", "mia@konfliktraadet.example"
    alice.save()
    mia.save()
    with django_capture_on_commit_callbacks(execute=True):
        party_services.withdraw_consent(actor=ola_user, participant=Participant(ola))
    assert sorted(m.to[0] for m in mailoutbox) == ["alice@konfliktraadet.example", "mia@konfliktraadet.example"]
    for message in mailoutbox:
        assert case.reference not in message.subject
        assert "Ola" not in message.body
        assert "En part trakk seg" in message.body
