"""A meeting as an iCalendar file (.ics) a party can add to their own calendar."""

import datetime as dt

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from mekle.lib import clock
from mekle.mediators.models import Meeting


def meeting_ics(meeting: Meeting) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Mekle//Konfliktrådet//NO")
    calendar.add("version", "2.0")
    event = Event()
    host = settings.MEKLE_PUBLIC_URL.split("://", 1)[-1].split("/", 1)[0]
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", clock.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.starts_at + dt.timedelta(minutes=meeting.duration_minutes))
    event.add("summary", _("%(meeting)s in the mediation service") % {"meeting": meeting.get_meeting_type_display()})
    if meeting.location:
        event.add("location", meeting.location)
    description = [_("Case %(reference)s.") % {"reference": meeting.case.reference}]
    if meeting.video_link:
        description.append(_("Video: %(link)s") % {"link": meeting.video_link})
        event.add("url", meeting.video_link)
    event.add("description", " ".join(description))
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
