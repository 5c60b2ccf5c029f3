"""Background work for notices: the neutral e-mail that tells staff to look in Mekle."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from mekle.lib import clock
from mekle.outbox import queue
from mekle.outbox import services as outbox
from mekle.outbox import tasks as outbox_tasks
from mekle.outbox.compose import compose
from mekle.outbox.models import OutboxEmail

from .models import StaffNotice


@task()
def email_notices(*, notice_ids: list[int], category: str = "") -> int:
    """E-mail each member of staff told, who has an address, that something waits for them in Mekle.

    In bokmål, the staff's language. Neutral: the subject names no case, and the body names only
    what kind of thing happened (and `category`), never a party or a word anybody wrote.
    """
    notices = StaffNotice.objects.filter(pk__in=notice_ids).select_related("user", "case__office").order_by("pk")
    url = settings.MEKLE_PUBLIC_URL + reverse("workspace:home")
    messages, keys = [], []
    for notice in notices:
        if not notice.user.email:
            continue
        with translation.override("nb"):
            context = {"kind": notice.get_kind_display(), "category": category, "url": url}
            messages.append(compose("notices/email/notice", context, to=[notice.user.email], office=notice.case.office))
        keys.append(str(notice.pk))
    with transaction.atomic():  # one notice, one e-mail, however often this task runs
        emails = outbox.queue_emails(messages, source="notices.notice", keys=keys, hand_to_worker=False)
    outbox_tasks.send_queued(emails)
    return len(emails)


def catch_up_notices() -> int:
    """E-mail the notices of the last two days that never got theirs (the task was lost between the
    notices' commit and its enqueue), without the category it would have named; part of the sweep.

    Notices younger than a minute are left to their own task, which is probably on its way.
    """
    now = clock.now()
    recent = StaffNotice.objects.filter(
        created_at__gte=now - dt.timedelta(days=2), created_at__lt=now - dt.timedelta(minutes=1)
    ).exclude(user__email="")
    emailed = set(
        OutboxEmail.objects.filter(source="notices.notice", created_at__gte=now - dt.timedelta(days=3)).values_list(
            "key", flat=True
        )
    )
    waiting = queue.waiting(email_notices, "notice_ids")
    missing = [pk for pk in recent.values_list("pk", flat=True) if str(pk) not in emailed and pk not in waiting]
    if missing:
        email_notices.enqueue(notice_ids=missing)
    return len(missing)
