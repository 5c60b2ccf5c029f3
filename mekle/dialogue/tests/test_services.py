"""Dialogue services: messages, the thread's safety settings, proposals and carrying them into an agreement."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from mekle.agreements.models import Commitment
from mekle.cases.lifecycle import GuardError
from mekle.cases.models import CaseEvent
from mekle.dialogue import selectors, services
from mekle.dialogue.models import Channel, Message, MessageRead, Proposal, ProposalStatus, SentIsFinal
from mekle.lib.hashing import sha256_hex
from mekle.parties.participants import Participant
from mekle.testing.agreements import hold_meeting_with_agreement
from mekle.testing.cast import open_direct_contact
from mekle.testing.contact import proposal
from mekle.testing.tone import CALM, HOSTILE, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def send(party, to, text=CALM, **kwargs):
    return services.send_message(
        actor=None, participant=Participant(party), recipient=to, text=text, language="nb", **kwargs
    )


def last_event(case):
    return CaseEvent.objects.filter(case=case).order_by("-sequence").first()


def test_a_message_is_a_case_event_whose_payload_hashes_the_text(contact_open, case, ola, kari):
    message = send(ola, kari)
    event = last_event(case)
    assert event.kind == "message_sent"
    assert event.visibility == "parties"
    assert event.payload["sha256"] == sha256_hex(CALM) == message.sha256
    assert message.event_id == event.pk
    assert message.channel == Channel.DIRECT
    assert CALM not in str(event.payload)


def test_the_tone_result_is_kept_as_score_and_categories_never_the_words(contact_open, case, ola, kari):
    message = send(ola, kari, HOSTILE, after_warning=True)
    assert message.tone_hostile
    assert message.sent_after_warning
    assert "insult" in message.tone_categories
    payload = last_event(case).payload
    assert payload["tone"]["hostile"] is True
    assert "idiot" not in str(payload).lower()


def test_a_sent_message_can_never_be_changed_or_deleted(contact_open, ola, kari):
    message = send(ola, kari)
    message.text = "Noe annet"
    with pytest.raises(SentIsFinal):
        message.save()
    with pytest.raises(SentIsFinal):
        message.delete()
    assert Message.objects.get(pk=message.pk).text == CALM
    assert not any(name.startswith(("edit", "delete", "change")) for name in dir(services))


def test_the_chain_detects_a_changed_message_text(contact_open, case, ola, kari):
    message = send(ola, kari)
    call_command("verify_timeline", case.reference)
    assert selectors.messages_off_the_chain(case) == []
    Message.objects.filter(pk=message.pk).update(text="Forfalsket")
    assert selectors.messages_off_the_chain(case) == [message.pk]
    # Changing the hash in the event to fit the forged text breaks the chain instead.
    forged = {**message.event.payload, "sha256": sha256_hex("Forfalsket")}
    CaseEvent.objects.filter(pk=message.event_id).update(payload=forged)
    assert selectors.messages_off_the_chain(case) == []
    with pytest.raises(CommandError, match="1 finding"):
        call_command("verify_timeline", case.reference)


def test_a_party_sees_only_their_own_messages_and_never_the_mediator_channel_of_another(
    contact_open, case, ola, kari, other_case, alice
):
    open_direct_contact(other_case, alice)
    send(ola, kari, "Til Kari")
    send(kari, None, "Bare til mekleren")
    siri = other_case.parties.get(full_name="Siri Strand")
    jon = other_case.parties.get(full_name="Jon Strand")
    send(siri, jon, "En annen sak")
    assert [m.text for m in selectors.thread_for_party(ola)] == ["Til Kari"]
    assert [m.text for m in selectors.thread_for_party(kari)] == ["Til Kari", "Bare til mekleren"]
    assert [m.text for m in selectors.thread_for_staff(case)] == ["Til Kari", "Bare til mekleren"]
    assert last_event(case).visibility == "staff"


def test_a_message_cannot_go_to_a_party_of_another_case(ola, other_case):
    with pytest.raises(GuardError):
        send(ola, other_case.parties.first())


def test_nobody_can_write_to_a_party_who_turned_messages_off_until_they_turn_them_on(contact_open, ola, kari):
    services.set_receives_messages(actor=None, participant=Participant(kari), on=False)
    with pytest.raises(GuardError, match="not open"):
        send(ola, kari)
    with pytest.raises(GuardError, match="not open"):
        send(kari, ola)  # the door closes for both sides
    services.set_receives_messages(actor=None, participant=Participant(kari), on=True)
    assert send(ola, kari).recipient == kari


def test_a_paused_thread_refuses_messages_and_proposals_until_resumed(contact_open, case, alice, ola, kari):
    services.pause_thread(actor=alice, case=case, paused=True)
    with pytest.raises(GuardError, match="not open"):
        send(ola, kari)
    with pytest.raises(GuardError, match="not open"):
        services.make_proposal(
            actor=None, participant=Participant(ola), recipient=kari, kind="arrangement", text="Henting"
        )
    services.pause_thread(actor=alice, case=case, paused=False)
    assert send(ola, kari)


def test_the_mediator_only_channel_closes_direct_contact_at_once_and_leaves_the_staff_open(
    contact_open, case, alice, ola, kari
):
    services.choose_mediator_channel(actor=None, participant=Participant(kari))
    with pytest.raises(GuardError, match="not open"):
        send(ola, kari, "Hei Kari")
    message = send(ola, None, "Hei, til dere i konfliktrådet")
    assert message.channel == Channel.MEDIATOR
    assert message.recipient is None
    assert selectors.thread_for_party(kari) == []
    with pytest.raises(GuardError, match="not open"):
        services.make_proposal(
            actor=None, participant=Participant(ola), recipient=kari, kind="arrangement", text="Henting"
        )
    with pytest.raises(GuardError):
        services.restore_direct_channel(actor=None, case=case, party=ola)
    services.restore_direct_channel(actor=alice, case=case)
    assert send(ola, kari).channel == Channel.DIRECT


def test_a_party_can_always_write_to_the_staff_unless_staff_closed_the_threads(case, alice, ola):
    assert send(ola, None).channel == Channel.MEDIATOR  # nobody has consented yet: the staff answer
    services.set_staff_threads_closed(actor=alice, case=case, closed=True)
    with pytest.raises(GuardError, match="closed messages to the staff"):
        send(ola, None)
    services.set_staff_threads_closed(actor=alice, case=case, closed=False)
    assert send(ola, None).channel == Channel.MEDIATOR


def test_opening_the_thread_leaves_a_read_receipt_and_one_event(contact_open, case, ola, kari):
    first, second = send(ola, kari), send(ola, kari, "Og en til")
    assert services.mark_thread_read(actor=None, participant=Participant(kari)) == 2
    assert set(MessageRead.objects.values_list("message_id", flat=True)) == {first.pk, second.pk}
    assert last_event(case).kind == "messages_read"
    assert services.mark_thread_read(actor=None, participant=Participant(kari)) == 0
    assert [m.read for m in selectors.thread_for_party(ola)] == [True, True]  # type: ignore[attr-defined]  # annotated


def test_the_recipient_gets_a_neutral_email_in_their_language(
    contact_open, ola, kari, mailoutbox, django_capture_on_commit_callbacks
):
    kari.email, kari.preferred_language = "kari@example.no", "en"
    kari.save()
    with django_capture_on_commit_callbacks(execute=True):
        send(ola, kari, HOSTILE)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["kari@example.no"]
    assert mail.subject == "You have a new message"
    assert "/portal/sign-in/new-link/" in mail.body  # the way back in when the session has ended
    for secret in ("idiot", "Ola", "Nordmann"):
        assert secret not in mail.body


def test_a_proposal_can_be_accepted_declined_or_countered_and_each_step_is_an_event(contact_open, case, ola, kari):
    first = proposal(ola, kari)
    counter = services.counter_proposal(
        actor=None, participant=Participant(kari), proposal=first, kind="arrangement", text="Lørdager passer bedre."
    )
    first.refresh_from_db()
    assert first.status == ProposalStatus.COUNTERED
    assert counter.answers == first
    assert counter.recipient == ola
    services.decline_proposal(actor=None, participant=Participant(ola), proposal=counter, reason="Jobber lørdager.")
    third = proposal(ola, kari, "Søndager da?")
    services.accept_proposal(actor=None, participant=Participant(kari), proposal=third)
    kinds = list(case.events.filter(kind__startswith="proposal").values_list("kind", flat=True))
    assert kinds == [
        "proposal_made",
        "proposal_made",
        "proposal_countered",
        "proposal_declined",
        "proposal_made",
        "proposal_accepted",
    ]


def test_only_the_recipient_answers_and_only_once(contact_open, ola, kari):
    made = proposal(ola, kari)
    with pytest.raises(GuardError, match="Only the person"):
        services.accept_proposal(actor=None, participant=Participant(ola), proposal=made)
    services.accept_proposal(actor=None, participant=Participant(kari), proposal=made)
    with pytest.raises(GuardError, match="already been answered"):
        services.decline_proposal(actor=None, participant=Participant(kari), proposal=made)


def test_the_words_of_a_proposal_are_final(contact_open, ola, kari):
    made = proposal(ola, kari)
    made.text = "Noe annet"
    with pytest.raises(SentIsFinal):
        made.save()
    with pytest.raises(SentIsFinal):
        made.save(update_fields=["text"])
    assert Proposal.objects.get(pk=made.pk).text.startswith("Jeg henter")


def test_an_accepted_proposal_is_carried_into_the_draft_agreement(alice, mia, case, ola, kari):
    hold_meeting_with_agreement(alice, mia, case)
    pay = proposal(ola, kari, "Jeg betaler for hekken i tre avdrag.", amount=Decimal("3000"), instalments=3)
    talk = services.make_proposal(
        actor=None,
        participant=Participant(kari),
        recipient=ola,
        kind="communication",
        text="Vi snakker bare på e-post på søndager.",
    )
    services.accept_proposal(actor=None, participant=Participant(kari), proposal=pay)
    with pytest.raises(GuardError, match="Only an accepted"):
        services.carry_into_agreement(actor=mia, proposal=talk)
    services.accept_proposal(actor=None, participant=Participant(ola), proposal=talk)
    services.carry_into_agreement(actor=mia, proposal=pay)
    version = services.carry_into_agreement(actor=mia, proposal=talk)
    commitments = list(Commitment.objects.filter(version=version).order_by("position"))
    assert [(c.kind, c.party, c.beneficiary, c.amount, c.instalments) for c in commitments] == [
        ("payment", ola, kari, Decimal("3000.00"), 3),
        ("conduct", kari, ola, None, None),
    ]
    assert case.events.filter(kind="proposal_carried_into_agreement").count() == 2
    with pytest.raises(GuardError, match="already been added"):
        services.carry_into_agreement(actor=mia, proposal=pay)
