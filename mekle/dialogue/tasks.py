"""Background work for messages: the neutral notification that something new is waiting in Mekle."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from mekle.mediators.models import Assignment
from mekle.parties.models import Language, Party

from .models import Channel, Message


def _addresses_of(party: Party) -> list[str]:
    """The party's own address, or the guardians' for a minor without one; never shown to anyone."""
    own = [address for address in (party.user.email if party.user else "", party.email) if address]
    if own:
        return own[:1]
    return [g.email for g in party.guardians.all() if g.email]


@task()
def notify_new_message(*, message_id: int) -> int:
    """Tell the recipient there is a new message, in their language: never the sender or the words."""
    message = Message.objects.select_related("recipient__user").filter(pk=message_id).first()
    if message is None:
        return 0
    if message.channel == Channel.DIRECT and message.recipient is not None:
        language = message.recipient.preferred_language
        recipients = _addresses_of(message.recipient)
        path = reverse("portal:home")
    else:
        language = Language.BOKMAL
        mediators = Assignment.objects.filter(case_id=message.case_id, ended_at__isnull=True).select_related("mediator")
        recipients = sorted({a.mediator.email for a in mediators if a.mediator.email})
        path = reverse("workspace:home")
    if not recipients:
        return 0
    with translation.override(language if language != Language.OTHER else Language.BOKMAL):
        context = {"url": f"{settings.MEKLE_PUBLIC_URL}{path}"}
        subject = render_to_string("dialogue/email/new_message_subject.txt", context).strip()
        body = render_to_string("dialogue/email/new_message_body.txt", context)
    send_mail(subject, body, None, recipients)
    return len(recipients)
