"""Staff on a case's messages and proposals: read, pause, reopen, carry into the agreement."""

import pytest
from django.urls import reverse

from mekle.agreements.models import Commitment
from mekle.dialogue import services
from mekle.parties.participants import Participant
from mekle.testing.agreements import hold_meeting_with_agreement
from mekle.testing.tone import CALM, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone")


def url(name, case, *args):
    return reverse(f"workspace:{name}", args=[case.reference, *args])


def test_staff_read_every_message_the_mediator_channel_too(client, alice, contact_open, ola, kari):
    case = contact_open
    services.send_message(actor=None, participant=Participant(ola), recipient=kari, text=CALM, language="nb")
    services.send_message(
        actor=None, participant=Participant(kari), recipient=None, text="Bare til mekler", language="nb"
    )
    client.force_login(alice)
    body = client.get(url("messages", case)).content.decode()
    assert CALM in body
    assert "Bare til mekler" in body
    assert body.count("<h1") == 1
    assert url("messages", case) in client.get(url("case_page", case)).content.decode()


def test_a_caseworker_pauses_and_resumes_the_thread(client, alice, case):
    client.force_login(alice)
    client.post(url("messages_pause", case), {"paused": "on"})
    case.refresh_from_db()
    assert case.thread.paused
    client.post(url("messages_pause", case), {"paused": "off"})
    case.thread.refresh_from_db()
    assert not case.thread.paused
    assert list(case.events.filter(kind__startswith="thread_").values_list("kind", flat=True)) == [
        "thread_paused",
        "thread_resumed",
    ]


def test_staff_open_the_direct_channel_again(client, alice, case, kari):
    services.choose_mediator_channel(actor=None, participant=Participant(kari))
    client.force_login(alice)
    assert "Kari Nordmann" in client.get(url("messages", case)).content.decode()
    client.post(url("messages_restore_direct", case))
    case.thread.refresh_from_db()
    assert not case.thread.mediator_only


def test_the_mediator_carries_an_accepted_proposal_into_the_draft(client, alice, mia, case, ola, kari):
    hold_meeting_with_agreement(alice, mia, case)
    made = services.make_proposal(
        actor=None, participant=Participant(ola), recipient=kari, kind="arrangement", text="Ny hekk i mai"
    )
    services.accept_proposal(actor=None, participant=Participant(kari), proposal=made)
    client.force_login(mia)
    assert url("proposal_carry", case, made.pk) in client.get(url("messages", case)).content.decode()
    assert client.post(url("proposal_carry", case, made.pk)).status_code == 302
    assert Commitment.objects.get().description == "Ny hekk i mai"


@pytest.mark.parametrize("count", [3, 30])
def test_the_staff_thread_needs_the_same_queries_for_3_or_30_messages(
    client, alice, contact_open, ola, kari, count, django_assert_max_num_queries
):
    case = contact_open
    for n in range(count):
        services.send_message(
            actor=None, participant=Participant(ola), recipient=kari, text=f"Melding {n}", language="nb"
        )
    client.force_login(alice)
    with django_assert_max_num_queries(14):
        assert client.get(url("messages", case)).status_code == 200
