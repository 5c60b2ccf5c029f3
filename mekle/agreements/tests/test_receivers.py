"""After an approval commits: the documents, the reminders and, in police cases, the outcome report."""

import pytest

from mekle.agreements.models import AgreementVersion, Document, DocumentKind
from mekle.agreements.signals import version_approved
from mekle.cases.models import Case
from mekle.parties.participants import Participant
from mekle.testing.agreement_rows import approved_version
from mekle.testing.agreements import drive_to_follow_up


@pytest.fixture
def in_follow_up(alice, mia, case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        drive_to_follow_up(alice, mia, case)
    return case


def test_an_approval_renders_the_agreement_and_makes_the_reminders(in_follow_up):
    version = in_follow_up.agreement.versions.get(status="approved")
    (document,) = Document.objects.filter(version=version)
    assert (document.kind, document.language) == (DocumentKind.AGREEMENT, "nb")
    assert set(version.reminders.values_list("kind", flat=True)) == {"week_before", "day_before", "on_the_day"}


def test_a_civil_case_from_a_party_gets_no_outcome_report(in_follow_up):
    assert not in_follow_up.events.filter(kind="outcome_reported").exists()


@pytest.mark.parametrize("referrer", ["criminal", "civil_from_police"])
def test_police_cases_get_an_outcome_report_with_the_agreement(referrer, case, minor_case, mia):
    if referrer == "civil_from_police":
        Case.objects.filter(pk=case.pk).update(referrer_kind="police")
        case.refresh_from_db()
    target = minor_case if referrer == "criminal" else case
    version = approved_version(target, mediator=mia)
    version_approved.send(sender=AgreementVersion, version=version)
    report = Document.objects.get(version=version, kind=DocumentKind.OUTCOME_REPORT)
    event = target.events.get(kind="outcome_reported")
    assert event.payload["outcome"] == "approved"
    assert event.payload["sha256"] == report.sha256


def test_a_withdrawn_police_case_gets_a_report_withdrawn_at_its_stage(
    alice, minor_case, django_capture_on_commit_callbacks
):
    from mekle.agreements import tasks
    from mekle.parties import services as party_services

    per = minor_case.parties.get(full_name="Per Hansen")
    with django_capture_on_commit_callbacks(execute=True):
        party_services.withdraw_consent(actor=alice, participant=Participant(per))
    report = Document.objects.get(case=minor_case, kind=DocumentKind.OUTCOME_REPORT)
    assert report.version is None
    event = minor_case.events.get(kind="outcome_reported")
    assert event.payload["outcome"] == "withdrawn"
    assert event.payload["stage"] == "received"
    assert event.payload["sha256"] == report.sha256
    assert tasks.report_withdrawal.call(case_id=minor_case.pk, stage="received") == "skipped"  # once


def test_a_withdrawn_civil_case_from_a_party_gets_no_report(alice, case, django_capture_on_commit_callbacks):
    from mekle.parties import services as party_services

    with django_capture_on_commit_callbacks(execute=True):
        party_services.withdraw_consent(actor=alice, participant=Participant(case.parties.first()))
    assert not Document.objects.filter(case=case).exists()
