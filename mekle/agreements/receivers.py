"""What happens after an agreement is approved or its follow-up concluded: documents, reminders, the referrer's copy."""

from typing import Any

from django.dispatch import receiver

from mekle.cases.models import Case

from .documents import reports_to_referrer
from .models import AgreementVersion
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
