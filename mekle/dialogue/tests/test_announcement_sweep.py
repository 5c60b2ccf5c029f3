"""The worker's sweep finds a delivered message whose announcement task was lost, and only such."""

import datetime as dt

import pytest
import time_machine

from mekle.dialogue import services
from mekle.dialogue.tasks import ANNOUNCEMENT, catch_up_announcements
from mekle.outbox import sweeps
from mekle.outbox.models import OutboxEmail
from mekle.parties.participants import Participant
from mekle.testing.tone import CALM, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone")


def send(party, to):
    return services.send_message(actor=None, participant=Participant(party), recipient=to, text=CALM, language="nb")


@pytest.fixture
def kari_has_an_address(kari):
    kari.email = "kari@example.no"
    kari.save()
    return kari


def test_the_sweep_includes_the_announcements():
    assert sweeps._catch_ups["dialogue.announcements"] is catch_up_announcements


def test_a_message_whose_task_was_lost_is_announced_once(
    contact_open, ola, kari_has_an_address, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # the process died before the task was queued
        message = send(ola, kari_has_an_address)
    assert not OutboxEmail.objects.filter(source=ANNOUNCEMENT).exists()

    assert catch_up_announcements() == 1  # the tests' backend runs the task at once
    assert [m.to for m in mailoutbox] == [["kari@example.no"]]
    assert OutboxEmail.objects.get(source=ANNOUNCEMENT).key == str(message.pk)
    assert catch_up_announcements() == 0  # announced: never again


def test_nothing_is_swept_after_the_door_closed(contact_open, alice, ola, kari_has_an_address, mailoutbox):
    send(ola, kari_has_an_address)
    services.pause_thread(actor=alice, case=contact_open, paused=True)
    assert catch_up_announcements() == 0
    assert mailoutbox == []


def test_a_recipient_without_an_address_or_an_old_message_is_left_alone(contact_open, ola, kari):
    send(ola, kari)  # Kari has no address
    assert catch_up_announcements() == 0
    kari.email = "kari@example.no"
    kari.save()
    with time_machine.travel(dt.timedelta(days=3)):
        assert catch_up_announcements() == 0  # delivered three days ago: not this sweep's to catch up


def test_announced_messages_cost_the_sweep_no_query_each(
    contact_open, ola, kari_has_an_address, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            send(ola, kari_has_an_address)
    assert OutboxEmail.objects.filter(source=ANNOUNCEMENT).count() == 5
    with django_assert_max_num_queries(2):  # the announced keys, then the messages nobody announced
        assert catch_up_announcements() == 0
