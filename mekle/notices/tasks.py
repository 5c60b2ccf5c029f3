"""Background work for notices: the neutral e-mail that tells staff to look in Mekle."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from mekle.outbox import services as outbox
from mekle.outbox import tasks as outbox_tasks

from .models import StaffNotice


@task()
def email_notices(*, notice_ids: list[int], category: str = "") -> int:
    """E-mail each member of staff told, who has an address, that something waits for them in Mekle.

    In bokmål, the staff's language. Neutral: the subject names no case, and the body names only
    what kind of thing happened (and `category`), never a party or a word anybody wrote.
    """
    notices = StaffNotice.objects.filter(pk__in=notice_ids).select_related("user").order_by("pk")
    url = settings.MEKLE_PUBLIC_URL + reverse("workspace:home")
    messages, keys = [], []
    for notice in notices:
        if not notice.user.email:
            continue
        with translation.override("nb"):
            context = {"kind": notice.get_kind_display(), "category": category, "url": url}
            subject = render_to_string("notices/email/notice_subject.txt", context).strip()
            body = render_to_string("notices/email/notice_body.txt", context)
        messages.append(EmailMessage(subject, body, None, [notice.user.email]))
        keys.append(str(notice.pk))
    with transaction.atomic():  # one notice, one e-mail, however often this task runs
        emails = outbox.queue_emails(messages, source="notices.notice", keys=keys, hand_to_worker=False)
    outbox_tasks.send_queued(emails)
    return len(emails)
