"""Background work about meetings and mediators: a move and a cancellation, to every participant's
calendar, and the e-mail to a mediator taken off a case."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from mekle.accounts.models import User
from mekle.cases.models import CaseEvent
from mekle.outbox import services as outbox
from mekle.outbox import tasks as outbox_tasks
from mekle.outbox.compose import compose
from mekle.outbox.models import OutboxEmail
from mekle.parties.models import Guardian, Language, Party

from .calendar import meeting_ics
from .models import Meeting, MeetingStatus
from .selectors import active_assignments


@dataclass(frozen=True)
class Participant:
    email: str
    language: str
    url: str


CANCELLATION = "mediators.cancellation"
MOVED = "mediators.moved"
TAKEN_OFF = "mediators.taken_off"


def _language(person: Party | Guardian) -> str:
    language = person.language if isinstance(person, Guardian) else person.preferred_language
    return language if language != Language.OTHER else Language.BOKMAL.value


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
            found.setdefault(guardian.email, Participant(guardian.email, _language(guardian), portal))
    for assignment in active_assignments(meeting.case):
        if assignment.mediator.email:
            found.setdefault(assignment.mediator.email, Participant(assignment.mediator.email, "nb", workspace))
    return list(found.values())


def queue_cancellation_emails(meeting: Meeting, *, hand_to_worker: bool = True) -> list[OutboxEmail]:
    """The cancellation e-mails into the outbox: each participant once, however often this runs.

    Neutral, in the reader's language: it names no case, no party and no reason, only the time and
    the place. Called in the cancelling transaction (receivers), so the e-mails exist the moment it commits.
    """
    return _queue(meeting, source=CANCELLATION, template="cancellation", hand_to_worker=hand_to_worker)


def queue_moved_emails(meeting: Meeting) -> list[OutboxEmail]:
    """The moved meeting's e-mails into the outbox, with the calendar file that replaces the old one
    (same UID, the next SEQUENCE): each participant once per move. Called in the moving transaction."""
    return _queue(meeting, source=MOVED, template="moved", key=f"{meeting.pk}:{meeting.sequence}")


def _queue(
    meeting: Meeting, *, source: str, template: str, key: str = "", hand_to_worker: bool = True
) -> list[OutboxEmail]:
    cancelled = meeting.status == MeetingStatus.CANCELLED
    messages, keys = [], []
    for participant in participants(meeting):
        with translation.override(participant.language):
            context = {"meeting": meeting, "url": participant.url}
            message = compose(
                f"mediators/email/{template}", context, to=[participant.email], office=meeting.case.office
            )
            ics = meeting_ics(meeting)
        if cancelled:
            message.attach("cancelled.ics", ics, "text/calendar; method=CANCEL; charset=utf-8")
        else:
            message.attach("meeting.ics", ics, "text/calendar; method=PUBLISH; charset=utf-8")
        messages.append(message)
        keys.append(f"{key or meeting.pk}:{participant.email}")
    return outbox.queue_emails(messages, source=source, keys=keys, hand_to_worker=hand_to_worker)


def queue_taken_off_email(event: CaseEvent) -> list[OutboxEmail]:
    """Tell a mediator by e-mail that a caseworker took them off a case; in the same transaction.

    Names the case's reference and links to the workspace, and says nothing of the reason (it is on
    the case's timeline for the staff). Not sent when the mediator took themselves off (a declared
    tie) or has no address; sent once per event however often this runs.
    """
    mediator = User.objects.filter(pk=event.payload["mediator_id"]).first()
    if mediator is None or not mediator.email or event.actor_id == mediator.pk:
        return []
    with translation.override(Language.BOKMAL.value):
        context = {
            "reference": event.case.reference,
            "url": settings.MEKLE_PUBLIC_URL + reverse("workspace:home"),
        }
        message = compose("mediators/email/taken_off", context, to=[mediator.email], office=event.case.office)
    return outbox.queue_emails([message], source=TAKEN_OFF, keys=[f"{event.pk}"])


@task()
def send_meeting_cancellation(*, meeting_id: int) -> int:
    """Queue and send a cancelled meeting's e-mails now (those not yet in the outbox)."""
    meeting = Meeting.objects.select_related("case__office").filter(pk=meeting_id).first()
    if meeting is None or meeting.status != MeetingStatus.CANCELLED:
        return 0
    with transaction.atomic():
        emails = queue_cancellation_emails(meeting, hand_to_worker=False)
    outbox_tasks.send_queued(emails)
    return len(emails)
