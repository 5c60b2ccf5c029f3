"""The meeting e-mails: who gets them, in which language, what they say, and the calendar file they carry."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from mekle.lib import clock
from mekle.mediators import services, tasks
from mekle.mediators.calendar import meeting_uid
from mekle.mediators.models import Meeting
from mekle.outbox.models import EmailStatus, OutboxEmail
from mekle.outbox.services import due_emails
from mekle.testing.cast import make_ready


@pytest.fixture
def meeting(minor_case, alice, mia):
    services.assign_mediator(actor=alice, case=minor_case, mediator=mia)
    make_ready(alice, minor_case)
    return services.schedule_meeting(
        actor=alice,
        case=minor_case,
        meeting_type="mediation",
        starts_at=timezone.now() + dt.timedelta(days=3),
        location="Storgata 1",
    )


def test_parties_guardians_and_mediators_with_an_address_are_told_once_each(
    meeting, minor_case, mia, mailoutbox, django_capture_on_commit_callbacks
):
    per = minor_case.parties.get(full_name="Per Hansen")
    per.email, per.preferred_language = "felles@example.no", "other"
    per.save()
    emil = minor_case.parties.get(full_name="Emil Olsen")
    emil.preferred_language = "en"
    emil.save()
    emil.guardians.update(email="hanne@example.no")
    emil.guardians.create(full_name="Far Olsen", email="felles@example.no")  # the same address: one e-mail
    mia.email = "mia@konfliktraadet.example"
    mia.save()
    found = {(p.email, p.language) for p in tasks.participants(meeting)}
    assert found == {("felles@example.no", "nb"), ("hanne@example.no", "en"), ("mia@konfliktraadet.example", "nb")}
    assert tasks.send_meeting_cancellation.call(meeting_id=meeting.pk) == 0  # not cancelled: nothing sent
    with django_capture_on_commit_callbacks(execute=True):  # the worker takes the outbox's e-mails
        services.cancel_meeting(actor=None, meeting=meeting)
    assert len(mailoutbox) == 3
    english = next(m for m in mailoutbox if m.to == ["hanne@example.no"])
    assert english.subject == "A meeting is cancelled"
    assert "Storgata 1" in english.body  # which meeting: its time and place, never the case or a party
    assert minor_case.reference not in english.body
    assert tasks.send_meeting_cancellation.call(meeting_id=0) == 0
    assert tasks.send_meeting_cancellation.call(meeting_id=meeting.pk) == 0  # run again: nobody told twice
    assert len(mailoutbox) == 3
    (calendar,) = english.attachments
    assert calendar[0] == "cancelled.ics"
    assert "METHOD:CANCEL" in calendar[1]
    assert english.extra_headers["Message-ID"].startswith("<")


def test_the_cancellation_e_mails_are_in_the_outbox_when_the_cancellation_commits(meeting, minor_case, mia, mailoutbox):
    """Written in the cancelling transaction: a process that dies right after the commit, before any
    task is queued, loses nothing (the sweep hands pending outbox e-mails to a worker)."""
    mia.email = "mia@konfliktraadet.example"
    mia.save()
    services.cancel_meeting(actor=None, meeting=meeting)  # no on-commit callback runs: no task was queued
    (email,) = OutboxEmail.objects.filter(source=tasks.CANCELLATION)
    assert email.to == ["mia@konfliktraadet.example"]
    assert email.status == EmailStatus.PENDING
    assert mailoutbox == []
    assert due_emails(clock.now()) == [email.pk]  # what the worker's sweep hands on


@pytest.fixture
def in_person(case, alice, ola, kari):
    ola.email, ola.preferred_language = "ola@example.no", "nn"
    ola.save()
    kari.email = "kari@example.no"
    kari.save()
    make_ready(alice, case)
    starts = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=3), dt.time(10)))
    return services.schedule_meeting(
        actor=alice,
        case=case,
        meeting_type="mediation",
        starts_at=starts,
        duration_minutes=120,
        location="Konfliktrådet, møterom 2",
        street_address="Storgata 1",
        postcode="0155",
        post_town="Oslo",
        directions="Tredje etasje, heis fra bakgården.",
    )


def test_the_cancellation_says_when_from_and_to_and_where(in_person, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_meeting(actor=None, meeting=in_person)
    bokmal = next(m for m in mailoutbox if m.to == ["kari@example.no"])
    assert "kl. 10.00–12.00" in bokmal.body
    assert "Konfliktrådet, møterom 2, Storgata 1, 0155 Oslo" in bokmal.body
    assert "&#x27;" not in bokmal.body
    assert "&amp;" not in bokmal.body


def test_a_moved_meeting_is_e_mailed_with_the_new_time_place_directions_map_and_calendar_file(
    in_person, alice, case, mailoutbox, django_capture_on_commit_callbacks
):
    later = in_person.starts_at + dt.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        services.move_meeting(
            actor=alice,
            meeting=in_person,
            starts_at=later,
            duration_minutes=90,
            street_address="Torggata 5",
            postcode="0181",
            post_town="Oslo",
            directions="Gateplan, ring på «Konfliktrådet».",
        )
    moved = {m.to[0]: m for m in mailoutbox}
    assert sorted(moved) == ["kari@example.no", "ola@example.no"]
    nynorsk, bokmal = moved["ola@example.no"], moved["kari@example.no"]
    assert nynorsk.subject == "Eit møte er flytta"
    assert bokmal.subject == "Et møte er flyttet"
    assert "kl. 10.00–11.30" in bokmal.body
    assert "Torggata 5, 0181 Oslo" in bokmal.body
    assert "Gateplan, ring på «Konfliktrådet»." in bokmal.body
    assert "https://www.openstreetmap.org/search?query=Torggata+5%2C+0181+Oslo" in bokmal.body
    assert case.reference not in bokmal.subject + bokmal.body
    ((name, content, mimetype),) = bokmal.attachments
    assert (name, mimetype) == ("meeting.ics", "text/calendar; method=PUBLISH; charset=utf-8")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["uid"]) == meeting_uid(in_person)
    assert event.decoded("sequence") == 1
    assert event.decoded("dtstart") == later


def test_each_move_is_e_mailed_once_and_a_second_move_again(in_person, alice, mailoutbox):
    for days in (7, 8):
        services.move_meeting(
            actor=alice,
            meeting=in_person,
            starts_at=in_person.starts_at + dt.timedelta(days=1),
            duration_minutes=120 + days,
            video_link="https://video.example/rom",
        )
    assert OutboxEmail.objects.filter(source=tasks.MOVED).count() == 4  # two participants, two moves
    assert tasks.queue_moved_emails(in_person) == []  # run again: nobody told twice


def test_a_guardian_is_written_to_in_their_own_language_else_the_partys(minor_case):
    from mekle.mediators.tasks import participants

    emil = minor_case.parties.get(full_name="Emil Olsen")
    hanne = emil.guardians.get()
    hanne.email = "hanne@example.no"
    hanne.save()
    meeting = Meeting(case=minor_case)
    languages = {person.email: person.language for person in participants(meeting)}
    assert languages["hanne@example.no"] == emil.preferred_language
    hanne.preferred_language = "en"
    hanne.save()
    languages = {person.email: person.language for person in participants(meeting)}
    assert languages["hanne@example.no"] == "en"
