"""What happens after an agreement is sent for signing or approved, its follow-up concluded or a case
withdrawn: documents, reminders, the referrer's copy."""

from functools import partial
from typing import Any

from django.db import transaction
from django.dispatch import receiver

from mekle.cases import events as cases_events
from mekle.cases.models import Case, CaseEvent, Status
from mekle.cases.signals import case_event_recorded

from . import events as agreements_events
from .models import AgreementVersion
from .rules import reports_to_referrer
from .signals import follow_up_concluded, version_approved


@receiver(version_approved, sender=AgreementVersion, dispatch_uid="agreements.follow_up_approved_version")
def follow_up_approved_version(sender: type[AgreementVersion], version: AgreementVersion, **kwargs: Any) -> None:
    """Hand the slow part (rendering PDFs) to the worker; the approval has already committed."""
    from .tasks import follow_up_approved_version as task

    task.enqueue(version_id=version.pk)


@receiver(follow_up_concluded, sender=AgreementVersion, dispatch_uid="agreements.report_concluded_follow_up")
def report_concluded_follow_up(
    sender: type[AgreementVersion], case: Case, version: AgreementVersion, outcome: str, **kwargs: Any
) -> None:
    """A referrer that is told of outcomes gets the report; the worker renders it."""
    if reports_to_referrer(case):
        from .tasks import report_outcome

        report_outcome.enqueue(version_id=version.pk, outcome=outcome)


@receiver(case_event_recorded, sender=CaseEvent, dispatch_uid="agreements.report_withdrawal")
def report_withdrawal(sender: type[CaseEvent], event: CaseEvent, **kwargs: Any) -> None:
    """A referrer told of outcomes hears that the case was withdrawn and at which stage: the worker
    renders the report once the withdrawal has committed (a PDF is never made in the request)."""
    if event.kind != cases_events.STATUS_CHANGED.name or event.payload.get("to_status") != Status.WITHDRAWN:
        return
    if reports_to_referrer(event.case):
        transaction.on_commit(partial(_enqueue_withdrawal_report, event.case.pk, event.payload.get("from_status", "")))


def _enqueue_withdrawal_report(case_id: int, stage: str) -> None:
    from .tasks import report_withdrawal as task

    task.enqueue(case_id=case_id, stage=stage)


@receiver(case_event_recorded, sender=CaseEvent, dispatch_uid="agreements.tell_of_closing")
def tell_of_closing(sender: type[CaseEvent], event: CaseEvent, **kwargs: Any) -> None:
    """A case closed without a written agreement: its parties, guardians and mediators are e-mailed."""
    if event.kind != agreements_events.AGREEMENT_ABANDONED.name:
        return
    from .tasks import queue_closing_emails

    queue_closing_emails(event.case, event_id=event.pk, actor_id=event.actor_id)
