"""Queued e-mails go to the worker once their transaction has committed."""

from typing import Any

from django.dispatch import receiver

from .models import OutboxEmail
from .signals import emails_queued
from .tasks import deliver_email


@receiver(emails_queued, sender=OutboxEmail, dispatch_uid="outbox.deliver_emails")
def deliver_queued_emails(sender: type[OutboxEmail], email_ids: list[Any], **kwargs: Any) -> None:
    for email_id in email_ids:
        deliver_email.enqueue(email_id=str(email_id))
