"""What happens after an agreement is approved: documents, reminders, the referrer's copy."""

from typing import Any

from django.dispatch import receiver

from .models import AgreementVersion
from .signals import version_approved


@receiver(version_approved, sender=AgreementVersion, dispatch_uid="agreements.follow_up_approved_version")
def follow_up_approved_version(sender: type[AgreementVersion], version: AgreementVersion, **kwargs: Any) -> None:
    """Hand the slow part (rendering PDFs) to the worker; the approval has already committed."""
    from .tasks import follow_up_approved_version as task

    task.enqueue(version_id=version.pk)
