"""A meeting as an iCalendar file (.ics): the invitation a participant adds to their calendar, and its
cancellation.

Both carry the same UID, so a calendar that holds the invitation replaces it with the cancellation
(`METHOD:CANCEL`, `STATUS:CANCELLED`, a higher `SEQUENCE`). The office is the organiser. The title
says only "Meeting": a family calendar is often shared, so it names no case, service or party.
"""

import datetime as dt
from email.utils import parseaddr

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from mekle.lib import clock

from .models import Meeting, MeetingStatus

# The invitation is sequence 0; a cancellation supersedes it.
CANCELLED_SEQUENCE = 1


def meeting_uid(meeting: Meeting) -> str:
    host = settings.MEKLE_PUBLIC_URL.split("://", 1)[-1].split("/", 1)[0]
    return f"meeting-{meeting.pk}@{host}"


def _organizer(meeting: Meeting) -> vCalAddress:
    office = meeting.case.office
    address = office.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(office.name)
    return organizer


def meeting_ics(meeting: Meeting) -> bytes:
    """The meeting as a calendar file; a cancelled meeting as its cancellation. In the active language."""
    cancelled = meeting.status == MeetingStatus.CANCELLED
    calendar = Calendar()
    calendar.add("prodid", "-//Mekle//Konfliktrådet//NO")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", clock.now())
    event.add("sequence", CANCELLED_SEQUENCE if cancelled else 0)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.starts_at + dt.timedelta(minutes=meeting.duration_minutes))
    event.add("summary", _("Meeting"))
    event.add("organizer", _organizer(meeting))
    if cancelled:
        event.add("description", _("The meeting is cancelled."))
    else:
        if meeting.location:
            event.add("location", meeting.location)
        if meeting.video_link:
            event.add("description", _("Video: %(link)s") % {"link": meeting.video_link})
            event.add("url", meeting.video_link)
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
