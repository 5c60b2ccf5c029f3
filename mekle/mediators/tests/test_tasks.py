"""The cancellation e-mail: who gets it, in which language, and only for a cancelled meeting."""

import datetime as dt

import pytest
from django.utils import timezone

from mekle.mediators import services, tasks
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


def test_parties_guardians_and_mediators_with_an_address_are_told_once_each(meeting, minor_case, mia, mailoutbox):
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
    services.cancel_meeting(actor=None, meeting=meeting)
    assert tasks.send_meeting_cancellation.call(meeting_id=meeting.pk) == 3
    english = next(m for m in mailoutbox if m.to == ["hanne@example.no"])
    assert english.subject == "A meeting is cancelled"
    assert "Storgata" not in english.body
    assert tasks.send_meeting_cancellation.call(meeting_id=0) == 0
    assert tasks.send_meeting_cancellation.call(meeting_id=meeting.pk) == 0  # run again: nobody told twice
    assert len(mailoutbox) == 3
    (calendar,) = english.attachments
    assert calendar[0] == "cancelled.ics"
    assert "METHOD:CANCEL" in calendar[1]
    assert english.extra_headers["Message-ID"].startswith("<")
