"""Answers on each commitment, and how a follow-up ends by case type (requirements 24 and 25)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone, translation

from mekle.agreements import rules, selectors, services
from mekle.cases.lifecycle import GuardError
from mekle.testing.agreement_rows import approved_version


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def after_fulfilment(version):
    return time_machine.travel(timezone.make_aware(dt.datetime.combine(version.fulfilment_date, dt.time(12))))


def answer_all(version, actor, kept=True):
    for commitment in version.commitments.all():
        services.check_commitment(actor=actor, commitment=commitment, kept=kept)


def test_a_staff_answer_is_recorded_with_an_event(case, mia, alice):
    version = approved_version(case, mediator=mia)
    commitment = version.commitments.all()[0]
    check = services.check_commitment(actor=alice, commitment=commitment, kept=False, note="Ikke betalt ennå")
    assert (check.kept, check.note, check.answered_by) == (False, "Ikke betalt ennå", alice)
    event = case.events.get(kind="commitment_checked")
    assert event.payload["commitment_id"] == commitment.pk
    assert event.payload["answered_by"] == "staff"


def test_the_complainant_answers_only_for_what_was_promised_to_them(case, mia, ola, kari):
    version = approved_version(case, mediator=mia, many_commitments=2)
    to_ola = selectors.commitments_for_complainant(version, ola)
    assert len(to_ola) == 2
    assert all(c.beneficiary_id == ola.pk for c in to_ola)
    services.report_fulfilment(actor=ola.user, party=ola, commitment=to_ola[0], kept=True)
    assert case.events.filter(kind="commitment_checked", payload__answered_by="complainant").exists()
    assert selectors.commitments_for_complainant(version, kari) == []
    not_to_ola = version.commitments.exclude(beneficiary=ola)[0]
    with pytest.raises(GuardError):
        services.report_fulfilment(actor=None, party=ola, commitment=not_to_ola, kept=True)


def test_no_conclusion_before_the_fulfilment_date_or_with_a_commitment_unanswered(case, mia, alice):
    version = approved_version(case, mediator=mia)
    services.check_commitment(actor=alice, commitment=version.commitments.all()[0], kept=True)
    with pytest.raises(GuardError, match="fulfilment date has not come"):
        services.conclude(actor=alice, case=case)
    with after_fulfilment(version), pytest.raises(GuardError, match="every commitment"):
        services.conclude(actor=alice, case=case)


def test_all_kept_closes_the_case_as_fulfilled(case, mia, alice):
    version = approved_version(case, mediator=mia)
    answer_all(version, alice)
    with after_fulfilment(version):
        assert services.conclude(actor=alice, case=case) == "fulfilled"
    case.refresh_from_db()
    assert case.status == "fulfilled"


def test_a_breach_in_a_criminal_case_goes_back_to_the_police_with_a_report(
    minor_case, mia, alice, django_capture_on_commit_callbacks
):
    version = approved_version(minor_case, mediator=mia)
    answer_all(version, alice, kept=False)
    with after_fulfilment(version), django_capture_on_commit_callbacks(execute=True):
        assert rules.possible_conclusions(minor_case, selectors.commitment_answers(version)) == ["not_fulfilled"]
        services.conclude(actor=alice, case=minor_case)
    minor_case.refresh_from_db()
    assert minor_case.status == "not_fulfilled"
    event = minor_case.events.get(kind="outcome_reported")
    assert event.payload["outcome"] == "not_fulfilled"
    assert version.documents.get(kind="outcome_report").sha256 == event.payload["sha256"]


def test_a_civil_case_a_party_referred_reports_to_nobody(case, mia, alice, django_capture_on_commit_callbacks):
    version = approved_version(case, mediator=mia)
    answer_all(version, alice)
    with after_fulfilment(version), django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.conclude(actor=alice, case=case)
    assert callbacks  # the conclusion was announced after commit
    assert not case.events.filter(kind="outcome_reported").exists()
    assert not version.documents.filter(kind="outcome_report").exists()


def test_a_breach_in_a_civil_case_lets_the_caseworker_choose_a_new_meeting(case, mia, alice):
    version = approved_version(case, mediator=mia)
    answer_all(version, alice, kept=False)
    with after_fulfilment(version):
        with pytest.raises(GuardError, match="Choose how"):
            services.conclude(actor=alice, case=case)
        assert services.conclude(actor=alice, case=case, choice="new_meeting") == "new_meeting"
    case.refresh_from_db()
    assert case.status == "preparing"
    assert not case.events.filter(kind="outcome_reported").exists()


def test_a_breach_in_a_civil_case_can_close_it_as_not_fulfilled(case, mia, alice):
    version = approved_version(case, mediator=mia)
    answer_all(version, alice, kept=False)
    with after_fulfilment(version):
        services.conclude(actor=alice, case=case, choice="not_fulfilled")
    case.refresh_from_db()
    assert case.status == "not_fulfilled"
