"""The contact rule through the party's own pages: what they are told while direct messages are
closed, that a direct message is refused, the victim's own choice in a criminal case, and the page's
query count."""

import pytest
from django.urls import reverse

from mekle.cases.models import CaseEvent
from mekle.dialogue import contact, services
from mekle.dialogue.models import Message, MessageSetting, Proposal
from mekle.parties.participants import Participant
from mekle.testing.cast import open_direct_contact, portal_user_of
from mekle.testing.contact import criminal_case, offender_of, victim_of
from mekle.testing.tone import CALM, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone")

WAIT_CONSENT = "Direct messages open when everyone has agreed to take part."
WAIT_ASSESSED = "Direct messages open when the office has assessed the case and talked with each of you."
WAIT_HARMED = "Direct messages open only if the person harmed chooses them."
NOT_OPEN = "Direct messages are not open in this case."


def url(name, case, *args):
    return reverse(f"portal:{name}", args=[case.reference, *args])


def signed_in(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def to_choices(response):
    return [value for value, _label in response.context["form"].fields["to"].choices]


def channels(body):
    """The card that says whom the party can write to now."""
    return body.split('class="ds-card mekle-channels"')[1].split("</div>")[0]


def error_summary(body):
    return body.split('class="ds-error-summary')[1].split("</div>")[0]


def test_an_unknown_recipient_while_the_door_is_open_is_still_an_invalid_choice(client, contact_open, ola_user):
    response = signed_in(client, ola_user).post(url("write_message", contact_open), {"to": "999999", "text": CALM})
    assert response.status_code == 400
    assert "valid choice" in error_summary(response.content.decode())
    assert not Message.objects.exists()


# --- nobody has consented yet -----------------------------------------------------------------


def test_before_anyone_consented_the_page_says_what_it_waits_for_and_offers_only_the_staff(client, case, ola_user):
    response = signed_in(client, ola_user).get(url("messages", case))
    assert response.status_code == 200
    card = channels(response.content.decode())
    assert WAIT_CONSENT in card
    assert WAIT_ASSESSED in card
    assert "Kari" not in card
    assert to_choices(response) == ["mediator"]
    assert response.context["state"].can_write
    assert not response.context["state"].can_propose


def test_a_direct_message_while_closed_is_refused_with_the_sentence_and_nothing_happens(
    client, case, ola_user, kari, kari_user, mailoutbox, django_capture_on_commit_callbacks
):
    kari.email = "kari@example.no"
    kari.save()
    before = case.events.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(client, ola_user).post(
            url("write_message", case), {"to": kari.pk, "text": CALM, "action": "send_anyway"}
        )
    assert response.status_code == 400
    body = response.content.decode()
    summary = error_summary(body)
    assert WAIT_CONSENT in summary
    assert WAIT_ASSESSED in summary
    assert "valid choice" not in summary
    assert case.events.count() == before
    assert not Message.objects.exists()
    assert mailoutbox == []
    kari_page = signed_in(client, kari_user).get(url("messages", case)).content.decode()
    assert CALM not in kari_page


def test_a_proposal_while_closed_is_refused_and_nothing_happens(client, case, ola_user, kari):
    before = case.events.count()
    response = signed_in(client, ola_user).post(
        url("proposals", case), {"to": kari.pk, "kind": "arrangement", "text": "Jeg klipper hekken."}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "You cannot make a proposal in this case now." in body
    assert WAIT_CONSENT in body
    assert case.events.count() == before
    assert not Proposal.objects.exists()


def test_the_staff_can_be_written_to_while_direct_contact_is_closed(client, case, ola_user):
    response = signed_in(client, ola_user).post(url("write_message", case), {"to": "mediator", "text": CALM})
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.recipient is None
    assert message.channel == "mediator"


def test_after_consents_and_a_clean_assessment_the_party_writes_to_the_other(
    client, case, alice, ola_user, kari, kari_user
):
    open_direct_contact(case, alice)
    response = signed_in(client, ola_user).get(url("messages", case))
    assert to_choices(response) == [str(kari.pk), "mediator"]
    assert "The other party: direct messages and proposals are open." in channels(response.content.decode())
    response = client.post(url("write_message", case), {"to": kari.pk, "text": CALM})
    assert response.status_code == 302
    assert Message.objects.get().recipient == kari
    assert CALM in signed_in(client, kari_user).get(url("messages", case)).content.decode()


def test_once_the_door_closes_the_page_says_only_that_it_is_not_open(client, contact_open, alice, ola_user, kari):
    services.pause_thread(actor=alice, case=contact_open, paused=True)
    response = signed_in(client, ola_user).get(url("messages", contact_open))
    card = channels(response.content.decode())
    assert NOT_OPEN in card
    for hint in ("paused", "Paused", WAIT_CONSENT, "Kari"):
        assert hint not in card
    assert to_choices(response) == ["mediator"]
    response = client.post(url("write_message", contact_open), {"to": kari.pk, "text": CALM})
    assert response.status_code == 400
    summary = error_summary(response.content.decode())
    assert NOT_OPEN in summary
    assert "paused" not in summary
    assert not Message.objects.exists()


# --- a criminal case: the victim chooses on their own page -----------------------------------


@pytest.fixture
def crime(alice, mia, office_a):
    return open_direct_contact(criminal_case(alice, office_a, mediator=mia), alice)


def test_a_criminal_case_stays_closed_until_the_victim_opts_in_on_their_own_page(client, crime):
    tor, geir = victim_of(crime), offender_of(crime)
    tor_user, geir_user = portal_user_of(tor), portal_user_of(geir)
    body = signed_in(client, geir_user).get(url("messages", crime)).content.decode()
    assert WAIT_HARMED in channels(body)
    assert url("direct_contact", crime) not in body  # the offender's page never offers the choice
    assert "Tor" not in channels(body)
    body = signed_in(client, tor_user).get(url("messages", crime)).content.decode()
    assert url("direct_contact", crime) in body
    assert 'id="choice-heading"' in body
    response = client.post(url("direct_contact", crime), {"choice": "yes", "hold_flagged": "on"})
    assert response.status_code == 302
    assert contact.direct_contact_for(crime).is_open
    assert MessageSetting.objects.get(party=tor).hold_flagged is True
    response = signed_in(client, geir_user).post(url("write_message", crime), {"to": tor.pk, "text": CALM})
    assert response.status_code == 302
    assert Message.objects.get().recipient == tor


def test_the_victim_says_no_and_the_door_stays_closed(client, crime):
    tor, geir = victim_of(crime), offender_of(crime)
    signed_in(client, portal_user_of(tor)).post(url("direct_contact", crime), {"choice": "no"})
    assert CaseEvent.objects.filter(case=crime, kind="direct_contact_declined").count() == 1
    body = signed_in(client, portal_user_of(geir)).get(url("messages", crime)).content.decode()
    assert NOT_OPEN in channels(body)
    assert WAIT_HARMED not in body


def test_the_offender_posting_the_choice_is_refused_and_nothing_changes(client, crime):
    geir = offender_of(crime)
    before = crime.events.count()
    response = signed_in(client, portal_user_of(geir)).post(url("direct_contact", crime), {"choice": "yes"})
    assert response.status_code == 302
    assert crime.events.count() == before
    assert not contact.direct_contact_for(crime).is_open
    body = client.get(response["Location"]).content.decode()
    assert "In this case, this choice is not yours to make." in body


def test_the_choice_needs_a_yes_or_a_no(client, crime):
    tor = victim_of(crime)
    before = crime.events.count()
    response = signed_in(client, portal_user_of(tor)).post(url("direct_contact", crime), {"choice": "maybe"})
    assert response.status_code == 302
    assert crime.events.count() == before
    assert not contact.direct_contact_for(crime).is_open


def test_a_civil_party_never_sees_the_choice_and_sets_the_flagged_hold_instead(client, contact_open, kari, kari_user):
    body = signed_in(client, kari_user).get(url("messages", contact_open)).content.decode()
    assert url("direct_contact", contact_open) not in body
    assert url("flagged_setting", contact_open) in body
    client.post(url("flagged_setting", contact_open), {"hold": "on"})
    assert MessageSetting.objects.get(party=kari).hold_flagged is True
    client.post(url("flagged_setting", contact_open), {"hold": "off"})
    assert MessageSetting.objects.get(party=kari).hold_flagged is False


# --- queries ----------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_the_messages_page_needs_the_same_queries_for_3_or_30_messages_in_a_criminal_case(
    client, alice, mia, office_a, count, django_assert_max_num_queries
):
    case = open_direct_contact(criminal_case(alice, office_a, mediator=mia), alice)
    tor, geir = victim_of(case), offender_of(case)
    services.choose_direct_contact(actor=portal_user_of(tor), participant=Participant(tor), on=True)
    for n in range(count):
        services.send_message(
            actor=None, participant=Participant(geir), recipient=tor, text=f"Melding {n}", language="nb"
        )
        services.send_staff_message(actor=alice, party=tor, text=f"Fra kontoret {n}")
    signed_in(client, portal_user_of(tor))
    client.get(url("messages", case))  # the first visit writes the read receipts
    with django_assert_max_num_queries(13):
        response = client.get(url("messages", case))
    assert response.status_code == 200
    assert len(response.context["thread_messages"]) == 2 * count


@pytest.mark.parametrize("count", [3, 30])
def test_the_closed_messages_page_needs_the_same_queries_for_3_or_30_staff_messages(
    client, case, alice, ola, ola_user, count, django_assert_max_num_queries
):
    for n in range(count):
        services.send_staff_message(actor=alice, party=ola, text=f"Fra kontoret {n}")
        services.send_message(
            actor=None, participant=Participant(ola), recipient=None, text=f"Til kontoret {n}", language="nb"
        )
    signed_in(client, ola_user)
    client.get(url("messages", case))
    with django_assert_max_num_queries(13):
        response = client.get(url("messages", case))
    assert response.status_code == 200
    assert len(response.context["thread_messages"]) == 2 * count


def test_a_post_to_the_staff_after_they_closed_the_threads_says_so_and_sends_nothing(
    client, case, alice, ola, ola_user
):
    services.set_staff_threads_closed(actor=alice, case=case, closed=True)
    client.force_login(ola_user)
    before = case.events.count()
    response = client.post(
        reverse("portal:write_message", args=[case.reference]), {"to": "mediator", "text": "Hei", "action": "check"}
    )
    assert response.status_code == 400
    assert "Ring kontoret" in response.content.decode()
    assert case.events.count() == before
