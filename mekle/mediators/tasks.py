"""Background work about meetings: the cancellation to every participant's calendar."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from mekle.outbox import services as outbox
from mekle.outbox import tasks as outbox_tasks
from mekle.parties.models import Guardian, Language, Party

from .calendar import meeting_ics
from .models import Meeting, MeetingStatus
from .selectors import active_assignments


@dataclass(frozen=True)
class Participant:
    email: str
    language: str
    url: str


def _language(party: Party) -> str:
    return party.preferred_language if party.preferred_language != Language.OTHER else Language.BOKMAL.value


def participants(meeting: Meeting) -> list[Participant]:
    """Everyone a meeting concerns who has an address: the parties, their guardians, its mediators."""
    portal = settings.MEKLE_PUBLIC_URL + reverse("portal:front_page")
    workspace = settings.MEKLE_PUBLIC_URL + reverse("workspace:home")
    found: dict[str, Participant] = {}
    parties = list(Party.objects.filter(case_id=meeting.case_id).order_by("pk"))
    for party in parties:
        if party.email:
            found.setdefault(party.email, Participant(party.email, _language(party), portal))
    for guardian in Guardian.objects.filter(party__case_id=meeting.case_id).select_related("party").order_by("pk"):
        if guardian.email:
            found.setdefault(guardian.email, Participant(guardian.email, _language(guardian.party), portal))
    for assignment in active_assignments(meeting.case):
        if assignment.mediator.email:
            found.setdefault(assignment.mediator.email, Participant(assignment.mediator.email, "nb", workspace))
    return list(found.values())


@task()
def send_meeting_cancellation(*, meeting_id: int) -> int:
    """E-mail each participant that the meeting is cancelled, with the calendar cancellation attached.

    Neutral, in the reader's language: it names no case, no party and no reason, only the time.
    """
    meeting = Meeting.objects.select_related("case__office").filter(pk=meeting_id).first()
    if meeting is None or meeting.status != MeetingStatus.CANCELLED:
        return 0
    messages, keys = [], []
    for participant in participants(meeting):
        with translation.override(participant.language):
            context = {"meeting": meeting, "url": participant.url}
            subject = render_to_string("mediators/email/cancellation_subject.txt", context).strip()
            body = render_to_string("mediators/email/cancellation_body.txt", context)
            ics = meeting_ics(meeting)
        message = EmailMessage(subject, body, None, [participant.email])
        message.attach("cancelled.ics", ics, "text/calendar; method=CANCEL; charset=utf-8")
        messages.append(message)
        keys.append(f"{meeting.pk}:{participant.email}")
    with transaction.atomic():  # each participant told once, however often this task runs
        emails = outbox.queue_emails(messages, source="mediators.cancellation", keys=keys, hand_to_worker=False)
    outbox_tasks.send_queued(emails)
    return len(emails)
