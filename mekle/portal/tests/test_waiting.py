"""The portal's case page says what waits for the party (open proposals, unread messages), with links,
in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mekle.dialogue import selectors, services
from mekle.parties.participants import Participant
from mekle.testing.tone import CALM, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone", "contact_open")


def url(name, case):
    return reverse(f"portal:{name}", args=[case.reference])


def propose(ola, kari, text="Forslag"):
    return services.make_proposal(
        actor=None, participant=Participant(ola), recipient=kari, kind="arrangement", text=text
    )


def write(ola, kari, text=CALM):
    return services.send_message(actor=None, participant=Participant(ola), recipient=kari, text=text, language="nb")


def waiting_section(html):
    start = html.find('aria-labelledby="waiting-heading"')
    return html[start : html.find("</section>", start)] if start >= 0 else ""


def test_nothing_waiting_shows_no_notice(client, case, kari_user):
    client.force_login(kari_user)
    assert waiting_section(client.get(url("case", case)).content.decode()) == ""


def test_the_case_page_says_one_proposal_and_two_messages_wait_with_links(client, case, ola, kari, kari_user):
    propose(ola, kari)
    write(ola, kari)
    write(ola, kari, "Hei igjen, Kari.")
    client.force_login(kari_user)
    html = client.get(url("case", case)).content.decode()
    section = waiting_section(html)
    assert "Du har 1 forslag som venter på svar" in section
    assert "2 nye meldinger" in section
    assert f'href="{url("proposals", case)}"' in section
    assert f'href="{url("messages", case)}"' in section
    assert (
        html.index("status-heading") < html.index("waiting-heading") < html.index('id="todo-heading"')
    )  # near the top, after the next step


def test_plurals_and_nynorsk(client, case, ola, kari, kari_user):
    propose(ola, kari)
    propose(ola, kari, "Eit anna forslag")
    write(ola, kari)
    client.force_login(kari_user)
    client.cookies["django_language"] = "nn"
    section = waiting_section(client.get(url("case", case)).content.decode())
    assert "Du har 2 forslag som ventar på svar" in section
    assert "1 ny melding" in section


def test_what_the_party_sent_or_has_read_or_answered_does_not_wait(client, case, ola, kari, ola_user, kari_user):
    proposal = propose(ola, kari)
    write(ola, kari)
    client.force_login(ola_user)  # the sender: nothing waits for Ola
    assert waiting_section(client.get(url("case", case)).content.decode()) == ""
    client.force_login(kari_user)
    client.get(url("messages", case))  # Kari opens the thread: the message is read
    services.accept_proposal(actor=None, participant=Participant(kari), proposal=proposal)
    assert selectors.waiting_for(kari) == selectors.Waiting(proposals=0, messages=0)
    assert waiting_section(client.get(url("case", case)).content.decode()) == ""


def test_counting_takes_one_query_however_much_waits(case, ola, kari):
    propose(ola, kari)
    with CaptureQueriesContext(connection) as few:
        assert selectors.waiting_for(kari) == selectors.Waiting(proposals=1, messages=0)
    for n in range(4):
        propose(ola, kari, f"Forslag {n}")
        write(ola, kari, f"Hei {n}, Kari.")
    with CaptureQueriesContext(connection) as many:
        assert selectors.waiting_for(kari) == selectors.Waiting(proposals=5, messages=4)
    assert len(few.captured_queries) == len(many.captured_queries) == 1
