"""Staff pages around the contact rule: why direct contact is closed, writing to one party,
held messages (deliver, return), opening contact despite a concern, and the needs-attention page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from mekle.cases.models import CaseEvent, SafetyRisk
from mekle.dialogue import contact, services
from mekle.dialogue.models import HoldDecision, Message, MessageHold
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.testing.cast import assess_suitable, portal_user_of
from mekle.testing.tone import CALM, HOSTILE, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone")


def url(name, case, *args):
    return reverse(f"workspace:{name}", args=[case.reference, *args])


def signed_in(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def contact_section(body):
    return body.split('id="contact-heading"')[1].split("</section>")[0]


def snapshot(case):
    return case.events.count(), Message.objects.count(), list(MessageHold.objects.values_list("decision", "reason"))


# --- why it is closed -------------------------------------------------------------------------


def test_the_messages_page_gives_staff_every_reason_with_names(client, case, alice):
    section = contact_section(signed_in(client, alice).get(url("messages", case)).content.decode())
    assert "Closed. The parties see only a neutral sentence, never who or why." in section
    for reason in (
        "Ola Nordmann has not consented yet.",
        "Kari Nordmann has not consented yet.",
        "The case has not been assessed yet.",
    ):
        assert reason in section


def test_when_it_is_open_the_page_says_so(client, contact_open, mia):
    section = contact_section(signed_in(client, mia).get(url("messages", contact_open)).content.decode())
    assert "Open: the parties can write to each other and make proposals." in section
    assert "has not consented" not in section


def test_a_switch_that_closed_it_is_named_to_staff(client, contact_open, alice, kari):
    services.set_receives_messages(actor=None, participant=Participant(kari), on=False)
    section = contact_section(signed_in(client, alice).get(url("messages", contact_open)).content.decode())
    assert "Kari Nordmann has turned messages off." in section


# --- writing to one party ---------------------------------------------------------------------


def test_staff_write_to_one_party(client, case, mia, ola):
    response = signed_in(client, mia).post(url("messages_write", case), {"to": ola.pk, "text": "Hei Ola."})
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.staff_author, message.recipient, message.text) == (mia, ola, "Hei Ola.")
    body = client.get(response["Location"]).content.decode()
    assert "Your message has been sent. Only this party can read it." in body


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ({"to": "OLA", "text": ""}, "Write a message."),
        ({"to": "999999", "text": "Hei."}, "Select a valid choice."),
        ({"to": "abc", "text": "Hei."}, "Select a valid choice."),
        ({"text": "Hei."}, "Choose a party."),
        ({"to": "OLA", "text": "x" * 5001}, "at most 5000 characters"),
    ],
    ids=["empty-text", "unknown-party", "not-a-number", "no-party", "too-long"],
)
def test_invalid_input_to_write_is_a_400_with_a_message_and_changes_nothing(client, case, alice, ola, data, said):
    data = {k: (str(ola.pk) if v == "OLA" else v) for k, v in data.items()}
    before = snapshot(case)
    response = signed_in(client, alice).post(url("messages_write", case), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "ds-error-summary" in body
    assert said in body
    assert snapshot(case) == before


def test_a_party_of_another_case_is_not_a_choice(client, case, alice, other_case):
    siri = other_case.parties.get(full_name="Siri Strand")
    before, other_before = snapshot(case), snapshot(other_case)
    response = signed_in(client, alice).post(url("messages_write", case), {"to": siri.pk, "text": "Hei."})
    assert response.status_code == 400
    assert snapshot(case) == before
    assert snapshot(other_case) == other_before


def test_writing_after_the_staff_thread_ran_out_is_refused_on_the_page(client, case, alice, ola, kari):
    party_services.withdraw_consent(actor=None, participant=Participant(kari))
    case.refresh_from_db()
    with time_machine.travel(case.closed_at + dt.timedelta(days=31), tick=False):
        before = snapshot(case)
        response = signed_in(client, alice).post(url("messages_write", case), {"to": ola.pk, "text": "Hei."})
        assert response.status_code == 400
        assert "The case is closed; nothing more can happen in it." in response.content.decode()
        assert snapshot(case) == before


# --- held messages ----------------------------------------------------------------------------


@pytest.fixture
def hold(contact_open, ola, kari, kari_user):
    services.set_hold_flagged(actor=kari_user, participant=Participant(kari), hold=True)
    return services.send_message(
        actor=None, participant=Participant(ola), recipient=kari, text=HOSTILE, language="nb", after_warning=True
    ).hold


def test_the_messages_page_shows_a_held_message_with_both_buttons(client, hold, contact_open, mia):
    body = signed_in(client, mia).get(url("messages", contact_open)).content.decode()
    assert f'id="hold-{hold.pk}"' in body
    assert url("held_deliver", contact_open, hold.pk) in body
    assert url("held_return", contact_open, hold.pk) in body


def test_staff_deliver_a_held_message(client, hold, contact_open, mia, kari):
    response = signed_in(client, mia).post(url("held_deliver", contact_open, hold.pk))
    assert response.status_code == 302
    hold.refresh_from_db()
    assert (hold.decision, hold.decided_by) == (HoldDecision.DELIVERED, mia)
    assert "The message has been delivered." in client.get(response["Location"]).content.decode()
    assert CaseEvent.objects.filter(case=contact_open, kind="message_delivered").count() == 1


def test_delivering_twice_is_refused_with_a_message(client, hold, contact_open, mia):
    signed_in(client, mia).post(url("held_deliver", contact_open, hold.pk))
    before = snapshot(contact_open)
    response = client.post(url("held_deliver", contact_open, hold.pk), follow=True)
    assert "This message has already been delivered or returned." in response.content.decode()
    assert snapshot(contact_open) == before


def test_delivering_after_the_recipient_turned_messages_off_is_refused_with_the_reason(
    client, hold, contact_open, mia, kari
):
    services.set_receives_messages(actor=None, participant=Participant(kari), on=False)
    before = snapshot(contact_open)
    response = signed_in(client, mia).post(url("held_deliver", contact_open, hold.pk), follow=True)
    assert "Kari Nordmann has turned messages off." in response.content.decode()
    assert snapshot(contact_open) == before


def test_staff_return_a_held_message_with_a_reason(client, hold, contact_open, alice):
    response = signed_in(client, alice).post(url("held_return", contact_open, hold.pk), {"reason": "Skriv pent."})
    assert response.status_code == 302
    hold.refresh_from_db()
    assert (hold.decision, hold.reason, hold.decided_by) == (HoldDecision.RETURNED, "Skriv pent.", alice)


@pytest.mark.parametrize("reason", ["", "   "])
def test_returning_without_a_reason_shows_an_error_and_changes_nothing(client, hold, contact_open, alice, reason):
    before = snapshot(contact_open)
    response = signed_in(client, alice).post(url("held_return", contact_open, hold.pk), {"reason": reason})
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "Say why the message is returned; the writer will read it." in body
    assert snapshot(contact_open) == before
    hold.refresh_from_db()
    assert hold.decision == ""


def test_a_hold_of_another_case_is_not_found(client, hold, alice, other_case):
    before = snapshot(other_case)
    response = signed_in(client, alice).post(url("held_deliver", other_case, hold.pk))
    assert response.status_code == 404
    hold.refresh_from_db()
    assert hold.decision == ""
    assert snapshot(other_case) == before


# --- opening direct contact despite a concern ------------------------------------------------


@pytest.fixture
def risky(case, alice):
    for party in case.parties.all():
        party_services.record_consent(
            actor=alice,
            participant=Participant(party),
            given_on=timezone.localdate(),
            method="phone",
            information_given="Brosjyre.",
        )
        party_services.record_preparation(actor=alice, party=party, held_on=timezone.localdate(), form="phone")
    assess_suitable(alice, case, reason="Egnet med tiltak.", safety_risk=SafetyRisk.SOME)
    return case


def test_only_the_assigned_mediator_sees_the_open_contact_form(client, risky, alice, mia):
    form_url = url("messages_open_contact", risky)
    assert form_url in signed_in(client, mia).get(url("messages", risky)).content.decode()
    assert form_url not in signed_in(client, alice).get(url("messages", risky)).content.decode()


def test_the_mediator_opens_direct_contact_with_a_reason(client, risky, mia):
    response = signed_in(client, mia).post(url("messages_open_contact", risky), {"reason": "Begge er trygge nå."})
    assert response.status_code == 302
    assert contact.direct_contact_for(risky).is_open
    event = CaseEvent.objects.get(case=risky, kind="direct_contact_opened")
    assert event.payload["reason"] == "Begge er trygge nå."
    body = client.get(response["Location"]).content.decode()
    assert "A mediator opened it despite a safety concern." in body
    assert url("messages_open_contact", risky) not in body  # nothing more to open


def test_a_caseworker_cannot_open_direct_contact(client, risky, alice):
    before = snapshot(risky)
    response = signed_in(client, alice).post(url("messages_open_contact", risky), {"reason": "Trygt."})
    assert response.status_code == 403
    assert snapshot(risky) == before


def test_opening_without_a_reason_is_a_400_with_the_error(client, risky, mia):
    before = snapshot(risky)
    response = signed_in(client, mia).post(url("messages_open_contact", risky), {"reason": ""})
    assert response.status_code == 400
    assert "Write why direct contact is safe now." in response.content.decode()
    assert snapshot(risky) == before


def test_opening_with_no_concern_is_a_400_with_the_reason(client, contact_open, mia):
    before = snapshot(contact_open)
    response = signed_in(client, mia).post(url("messages_open_contact", contact_open), {"reason": "Trygt."})
    assert response.status_code == 400
    assert "There is no safety concern to answer; the usual rule decides." in response.content.decode()
    assert snapshot(contact_open) == before


# --- needs attention --------------------------------------------------------------------------


def test_the_needs_attention_page_lists_the_hold_for_the_mediator(client, hold, contact_open, mia, alice):
    body = signed_in(client, mia).get(reverse("workspace:needs_attention")).content.decode()
    assert url("messages", contact_open) + f"#hold-{hold.pk}" in body
    assert "Kari Nordmann" in body
    assert HOSTILE not in body  # the words are read on the case's page
    body = signed_in(client, alice).get(reverse("workspace:needs_attention")).content.decode()
    assert "Nothing waits for you." in body


def test_an_overdue_hold_is_marked_and_shown_to_caseworkers(client, hold, alice):
    with time_machine.travel(hold.due_at + dt.timedelta(hours=1), tick=False):
        body = signed_in(client, alice).get(reverse("workspace:needs_attention")).content.decode()
    assert f"#hold-{hold.pk}" in body
    assert "overdue" in body


@pytest.mark.parametrize("count", [3, 30])
def test_the_needs_attention_page_needs_the_same_queries_for_3_or_30_holds(
    client, contact_open, ola, kari, kari_user, mia, count, django_assert_max_num_queries
):
    services.set_hold_flagged(actor=kari_user, participant=Participant(kari), hold=True)
    services.set_hold_flagged(actor=portal_user_of(ola), participant=Participant(ola), hold=True)
    for n in range(count):
        sender, recipient = (ola, kari) if n % 2 else (kari, ola)
        services.send_message(
            actor=None, participant=Participant(sender), recipient=recipient, text=f"{HOSTILE} {n}", language="nb"
        )
    signed_in(client, mia)
    with django_assert_max_num_queries(4):  # one is the second factor of the session (mekle.signin)
        response = client.get(reverse("workspace:needs_attention"))
    assert response.status_code == 200
    assert len(response.context["holds"]) == count


@pytest.mark.parametrize("count", [3, 30])
def test_the_staff_messages_page_with_holds_needs_the_same_queries(
    client, contact_open, ola, kari, kari_user, mia, count, django_assert_max_num_queries
):
    services.set_hold_flagged(actor=kari_user, participant=Participant(kari), hold=True)
    for n in range(count):
        services.send_message(
            actor=None, participant=Participant(ola), recipient=kari, text=f"{HOSTILE} {n}", language="nb"
        )
        services.send_message(
            actor=None, participant=Participant(ola), recipient=None, text=f"{CALM} {n}", language="nb"
        )
        services.send_staff_message(actor=mia, party=ola, text=f"Svar {n}")
    signed_in(client, mia)
    client.get(url("messages", contact_open))  # the first visit writes the read receipts
    with django_assert_max_num_queries(20):  # one is the second factor of the session (mekle.signin)
        response = client.get(url("messages", contact_open))
    assert response.status_code == 200
    assert len(response.context["held"]) == count
