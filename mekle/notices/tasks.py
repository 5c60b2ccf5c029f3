"""Background work for notices: the neutral e-mail that tells staff to look in Mekle."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .models import StaffNotice


@task()
def email_notices(*, notice_ids: list[int], category: str = "") -> int:
    """E-mail each member of staff told, who has an address, that something waits for them in Mekle.

    In bokmål, the staff's language. Neutral: the subject names no case, and the body names only
    what kind of thing happened (and `category`), never a party or a word anybody wrote.
    """
    notices = StaffNotice.objects.filter(pk__in=notice_ids).select_related("user").order_by("pk")
    url = settings.MEKLE_PUBLIC_URL + reverse("workspace:home")
    sent = 0
    for notice in notices:
        if not notice.user.email:
            continue
        with translation.override("nb"):
            context = {"kind": notice.get_kind_display(), "category": category, "url": url}
            subject = render_to_string("notices/email/notice_subject.txt", context).strip()
            body = render_to_string("notices/email/notice_body.txt", context)
        send_mail(subject, body, None, [notice.user.email])
        sent += 1
    return sent
