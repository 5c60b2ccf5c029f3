"""What happens after staff are given notices: the worker e-mails them."""

from typing import Any

from django.dispatch import receiver

from .models import StaffNotice
from .signals import notices_given
from .tasks import email_notices


@receiver(notices_given, sender=StaffNotice, dispatch_uid="notices.email_given_notices")
def email_given_notices(sender: type[StaffNotice], notice_ids: list[int], category: str, **kwargs: Any) -> None:
    email_notices.enqueue(notice_ids=notice_ids, category=category)
