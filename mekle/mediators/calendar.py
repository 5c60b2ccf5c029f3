"""A meeting as an iCalendar file (.ics): the invitation a participant adds to their calendar, its
updates when the meeting moves, and its cancellation.

All carry the same UID, so a calendar that holds the invitation replaces it with the newer file:
`SEQUENCE` is the meeting's stored revision (`Meeting.sequence`, one up for each move and the
cancellation), so every process writes the same number. The cancellation has `METHOD:CANCEL` and
`STATUS:CANCELLED`. The office is the organiser; the place is the street address (with the room's
name); a reminder goes off the day before. The title says only "Meeting": a family calendar is often
shared, so it names no case, service or party.
"""

import datetime as dt
from email.utils import parseaddr

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event, vCalAddress, vText

from mekle.lib import clock

from .models import Meeting, MeetingStatus

REMINDER_BEFORE = dt.timedelta(days=1)


def meeting_uid(meeting: Meeting) -> str:
    host = settings.MEKLE_PUBLIC_URL.split("://", 1)[-1].split("/", 1)[0]
    return f"meeting-{meeting.pk}@{host}"


def _organizer(meeting: Meeting) -> vCalAddress:
    office = meeting.case.office
    address = office.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(office.name)
    return organizer


def calendar_location(meeting: Meeting) -> str:
    """The place as a calendar shows it: the room's name and the street address, or the video link."""
    parts = [part for part in (meeting.location, meeting.address) if part]
    return ", ".join(parts) if parts else meeting.video_link


def _description(meeting: Meeting) -> str:
    lines = []
    if meeting.directions:
        lines.append(_("How to find the place: %(directions)s") % {"directions": meeting.directions})
    if meeting.map_url:
        lines.append(_("Map: %(url)s") % {"url": meeting.map_url})
    if meeting.video_link:
        lines.append(_("Video: %(link)s") % {"link": meeting.video_link})
    return "\n".join(lines)


def _reminder() -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -REMINDER_BEFORE)
    alarm.add("description", _("Reminder: meeting tomorrow"))
    return alarm


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
    event.add("sequence", meeting.sequence)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", _("Meeting"))
    event.add("organizer", _organizer(meeting))
    if cancelled:
        event.add("description", _("The meeting is cancelled."))
    else:
        if location := calendar_location(meeting):
            event.add("location", location)
        if description := _description(meeting):
            event.add("description", description)
        if meeting.video_link:
            event.add("url", meeting.video_link)
        event.add_component(_reminder())
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
