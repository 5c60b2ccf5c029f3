"""The contact rule through the services and the database: what is refused, what is recorded,
who is told, and who may open the door."""

import pytest
from django.utils import timezone, translation

from mekle.cases import services as case_services
from mekle.cases.lifecycle import GuardError
from mekle.cases.models import CaseEvent, SafetyRisk, Status
from mekle.dialogue import contact, services
from mekle.dialogue.models import Message, Proposal
from mekle.dialogue.tasks import notify_new_message
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.testing.cast import open_direct_contact, portal_user_of
from mekle.testing.contact import (
    criminal_case,
    minor_victim_case,
    offender_of,
    opened_criminal_case,
    victim_of,
)
from mekle.testing.tone import CALM, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone")

WAIT_CONSENT = "Direct messages open when everyone has agreed to take part."
WAIT_ASSESSED = "Direct messages open when the office has assessed the case and talked with each of you."
WAIT_HARMED = "Direct messages open only if the person harmed chooses them."
NOT_OPEN = "Direct messages are not open in this case."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def send(party, to, text=CALM):
    return services.send_message(actor=None, participant=Participant(party), recipient=to, text=text, language="nb")


def propose(party, to, text="Jeg klipper hekken i mai."):
    return services.make_proposal(
        actor=None, participant=Participant(party), recipient=to, kind="arrangement", text=text
    )


def kinds(case):
    return list(CaseEvent.objects.filter(case=case).order_by("sequence").values_list("kind", flat=True))


def with_email(party, address, language="nb"):
    party.email, party.preferred_language = address, language
    party.save()
    return party


def assessed_with_risk(case, actor, risk=SafetyRisk.SOME):
    """Every party consented; the case is assessed as suitable, with a safety risk."""
    for party in case.parties.all():
        party_services.record_consent(
            actor=actor,
            participant=Participant(party),
            given_on=timezone.localdate(),
            method="phone",
            information_given="Brosjyre.",
        )
    case_services.assess_suitability(
        actor=actor,
        case=case,
        facts_broadly_agreed=True,
        safety_risk=risk,
        power_imbalance=False,
        court_case_ongoing=False,
        capacity_to_take_part=True,
        suitable=True,
        reason="Egnet med tiltak.",
    )
    case.refresh_from_db()
    return case


def prepare(case, actor, *parties):
    for party in parties or case.parties.all():
        party_services.record_preparation(actor=actor, party=party, held_on=timezone.localdate(), form="phone")


# --- nobody consented -------------------------------------------------------------------------


def test_without_consent_a_message_is_refused_with_the_neutral_reason_and_nothing_is_recorded_or_sent(
    case, ola, kari, mailoutbox, django_capture_on_commit_callbacks
):
    with_email(kari, "kari@example.no")
    before = kinds(case)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(GuardError) as refused:
        send(ola, kari)
    assert refused.value.reasons == [WAIT_CONSENT, WAIT_ASSESSED]
    for name in ("Ola", "Kari"):
        assert name not in str(refused.value)
    assert kinds(case) == before
    assert not Message.objects.exists()
    assert mailoutbox == []


def test_without_consent_a_proposal_is_refused_with_the_same_reason_and_nothing_is_recorded(case, ola, kari):
    before = kinds(case)
    with pytest.raises(GuardError) as refused:
        propose(ola, kari)
    assert refused.value.reasons == [WAIT_CONSENT, WAIT_ASSESSED]
    assert kinds(case) == before
    assert not Proposal.objects.exists()


def test_after_every_consent_and_a_clean_assessment_messages_and_proposals_go_through(
    case, alice, ola, kari, mailoutbox, django_capture_on_commit_callbacks
):
    with_email(kari, "kari@example.no")
    open_direct_contact(case, alice)
    with django_capture_on_commit_callbacks(execute=True):
        message = send(ola, kari)
    assert message.recipient == kari
    assert propose(kari, ola).recipient == ola
    assert [m.to for m in mailoutbox] == [["kari@example.no"]]
    assert kinds(case)[-2:] == ["message_sent", "proposal_made"]


def test_a_party_cannot_write_to_themselves_even_when_the_door_is_open(contact_open, ola):
    with pytest.raises(GuardError, match="another party"):
        send(ola, ola)


# --- criminal cases: the person harmed chooses ------------------------------------------------


@pytest.fixture
def crime(alice, mia, office_a):
    """A criminal case with two adults, consented and assessed with no known risk."""
    return open_direct_contact(criminal_case(alice, office_a, mediator=mia), alice)


def test_a_criminal_case_stays_closed_until_the_victim_chooses_direct_contact(crime):
    tor, geir = victim_of(crime), offender_of(crime)
    with pytest.raises(GuardError) as refused:
        send(geir, tor)
    assert refused.value.reasons == [WAIT_HARMED]
    with pytest.raises(GuardError):
        send(tor, geir)
    services.choose_direct_contact(actor=portal_user_of(tor), participant=Participant(tor), on=True)
    assert send(geir, tor).recipient == tor
    assert send(tor, geir).recipient == geir
    chosen = CaseEvent.objects.get(case=crime, kind="direct_contact_chosen")
    assert chosen.payload["party_id"] == tor.pk


def test_staff_cannot_choose_direct_contact_for_the_victim(crime, alice, mia):
    tor = victim_of(crime)
    for staff in (alice, mia):
        with pytest.raises(GuardError, match="Only the person themselves"):
            services.choose_direct_contact(actor=staff, participant=Participant(tor), on=True)
    with pytest.raises(GuardError, match="Only the person themselves"):
        services.choose_direct_contact(actor=None, participant=Participant(tor), on=True)
    assert not contact.direct_contact_for(crime).is_open
    assert "direct_contact_chosen" not in kinds(crime)


def test_the_offender_cannot_choose_direct_contact(crime):
    geir = offender_of(crime)
    with pytest.raises(GuardError, match="not yours to make"):
        services.choose_direct_contact(actor=portal_user_of(geir), participant=Participant(geir), on=True)
    assert not contact.direct_contact_for(crime).is_open


def test_one_party_cannot_choose_with_another_partys_account(crime):
    tor, geir = victim_of(crime), offender_of(crime)
    with pytest.raises(GuardError, match="Only the person themselves"):
        services.choose_direct_contact(actor=portal_user_of(geir), participant=Participant(tor), on=True)
    assert not contact.direct_contact_for(crime).is_open


def test_the_victim_can_choose_and_set_how_flagged_messages_reach_them_at_once(crime):
    tor = victim_of(crime)
    services.choose_direct_contact(actor=portal_user_of(tor), participant=Participant(tor), on=True, hold_flagged=False)
    assert contact.direct_contact_for(crime).is_open
    assert tor.message_setting.hold_flagged is False
    assert kinds(crime)[-2:] == ["direct_contact_chosen", "flagged_hold_chosen"]


def test_the_victim_changing_their_mind_closes_the_door_and_the_others_hear_only_that_it_is_not_open(crime):
    tor, geir = victim_of(crime), offender_of(crime)
    services.choose_direct_contact(actor=portal_user_of(tor), participant=Participant(tor), on=True)
    services.choose_direct_contact(actor=portal_user_of(tor), participant=Participant(tor), on=False)
    with pytest.raises(GuardError) as refused:
        send(geir, tor)
    assert refused.value.reasons == [NOT_OPEN]
    assert "Tor Vik has not chosen direct contact." in contact.direct_contact_for(crime).staff_reasons


def test_a_minor_victim_chooses_through_their_guardian(alice, office_a):
    case = open_direct_contact(minor_victim_case(alice, office_a), alice)
    lise, geir = victim_of(case), offender_of(case)
    randi = lise.guardians.get()
    assert not contact.direct_contact_for(case).is_open
    services.choose_direct_contact(actor=portal_user_of(lise, randi), participant=Participant(lise, randi), on=True)
    assert contact.direct_contact_for(case).is_open
    event = CaseEvent.objects.get(case=case, kind="direct_contact_chosen")
    assert event.payload == {"party_id": lise.pk, "guardian_id": randi.pk, "name": "Randi Lie"}
    assert send(geir, lise).recipient == lise


def test_a_minor_victim_with_a_guardian_cannot_choose_alone(alice, office_a):
    case = open_direct_contact(minor_victim_case(alice, office_a), alice)
    lise = victim_of(case)
    before = kinds(case)
    with pytest.raises(GuardError, match="For a minor, a guardian makes this choice."):
        services.choose_direct_contact(actor=portal_user_of(lise), participant=Participant(lise), on=True)
    assert kinds(case) == before
    assert not contact.direct_contact_for(case).is_open


def test_a_guardian_cannot_choose_for_a_party_who_is_not_theirs(alice, office_a, minor_case):
    case = open_direct_contact(minor_victim_case(alice, office_a), alice)
    lise = victim_of(case)
    hanne = minor_case.parties.get(full_name="Emil Olsen").guardians.get()
    with pytest.raises(GuardError, match="does not belong"):
        services.choose_direct_contact(
            actor=portal_user_of(hanne.party, hanne), participant=Participant(lise, hanne), on=True
        )
    assert not contact.direct_contact_for(case).is_open


def test_in_minor_case_the_adult_victim_chooses_and_the_guardian_of_the_offender_cannot(minor_case, alice):
    case = open_direct_contact(minor_case, alice)
    per, emil = victim_of(case), offender_of(case)
    hanne = emil.guardians.get()
    with pytest.raises(GuardError, match="not yours"):
        services.choose_direct_contact(actor=portal_user_of(emil, hanne), participant=Participant(emil, hanne), on=True)
    services.choose_direct_contact(actor=portal_user_of(per), participant=Participant(per), on=True)
    assert contact.direct_contact_for(case).is_open


# --- a withdrawal closes the door -------------------------------------------------------------


def test_a_withdrawal_closes_the_thread_for_both_and_a_queued_notice_is_not_sent(
    contact_open, alice, mia, ola, kari, mailoutbox, django_capture_on_commit_callbacks
):
    case = contact_open
    with_email(kari, "kari@example.no")
    with_email(ola, "ola@example.no")
    alice.email, mia.email = "alice@konfliktraadet.no", "mia@konfliktraadet.no"
    alice.save()
    mia.save()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        message = send(ola, kari)  # its e-mail is queued, not sent yet
    assert queued
    with django_capture_on_commit_callbacks(execute=True):
        party_services.withdraw_consent(actor=portal_user_of(kari), participant=Participant(kari))
    case.refresh_from_db()
    assert case.status == Status.WITHDRAWN
    for sender, recipient in ((ola, kari), (kari, ola)):
        with pytest.raises(GuardError) as refused:
            send(sender, recipient)
        assert refused.value.reasons == [NOT_OPEN]
    rule = contact.direct_contact_for(case)
    assert not rule.is_open
    assert rule.refusal().reasons == [NOT_OPEN]
    to_parties = [m for m in mailoutbox if set(m.to) & {"kari@example.no", "ola@example.no"}]
    assert to_parties == []
    for callback in queued:  # the worker picks the queued notice up only now
        callback()
    assert notify_new_message.call(message_id=message.pk) == 0
    assert [m for m in mailoutbox if "kari@example.no" in m.to] == []
    assert mailoutbox, "staff are told of the withdrawal"
    for mail in mailoutbox:
        for name in ("Ola", "Kari", "Nordmann"):
            assert name not in mail.subject + mail.body, mail.subject


def test_a_notice_queued_before_the_door_closed_for_another_reason_is_not_sent(
    contact_open, alice, ola, kari, mailoutbox
):
    with_email(kari, "kari@example.no")
    message = send(ola, kari)
    services.pause_thread(actor=alice, case=contact_open, paused=True)
    assert notify_new_message.call(message_id=message.pk) == 0
    services.pause_thread(actor=alice, case=contact_open, paused=False)
    assert notify_new_message.call(message_id=message.pk) == 1
    assert mailoutbox[0].to == ["kari@example.no"]


def test_after_a_withdrawal_proposals_are_refused_and_nothing_is_recorded(contact_open, ola, kari):
    made = propose(ola, kari)
    party_services.withdraw_consent(actor=None, participant=Participant(ola))
    before = kinds(contact_open)
    with pytest.raises(GuardError):
        propose(kari, ola)
    with pytest.raises(GuardError):
        services.accept_proposal(actor=None, participant=Participant(kari), proposal=made)
    assert kinds(contact_open) == before


# --- the mediator opens the door despite a concern --------------------------------------------


@pytest.fixture
def risky(case, alice):
    """`case` consented and assessed with some safety risk."""
    return assessed_with_risk(case, alice)


def test_a_safety_risk_keeps_the_door_closed_with_no_word_of_why(risky, ola, kari):
    with pytest.raises(GuardError) as refused:
        send(ola, kari)
    assert refused.value.reasons == [NOT_OPEN]
    assert "The assessment recorded a safety risk (Some risk: needs measures)." in (
        contact.direct_contact_for(risky).staff_reasons
    )


@pytest.mark.parametrize("who", ["alice", "mats", "bob", "ola_user"])
def test_only_the_assigned_mediator_opens_direct_contact(risky, request, who):
    prepare(risky, request.getfixturevalue("alice"))
    before = kinds(risky)
    with pytest.raises(GuardError, match="Only a mediator assigned"):
        services.open_direct_contact(actor=request.getfixturevalue(who), case=risky, reason="Trygt nå.")
    assert kinds(risky) == before


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_the_mediator_must_say_why(risky, alice, mia, reason):
    prepare(risky, alice)
    with pytest.raises(GuardError, match="Write why direct contact is safe now."):
        services.open_direct_contact(actor=mia, case=risky, reason=reason)
    assert "direct_contact_opened" not in kinds(risky)


def test_with_no_concern_there_is_nothing_to_open(contact_open, alice, mia):
    prepare(contact_open, alice)
    with pytest.raises(GuardError, match="no safety concern"):
        services.open_direct_contact(actor=mia, case=contact_open, reason="Trygt.")
    assert "direct_contact_opened" not in kinds(contact_open)


def test_the_mediator_talks_with_each_party_first(risky, alice, mia, ola):
    prepare(risky, alice, ola)
    with pytest.raises(GuardError) as refused:
        services.open_direct_contact(actor=mia, case=risky, reason="Trygt nå.")
    assert refused.value.reasons == ["Talk with each party first.", "Kari Nordmann has not had a preparatory talk yet."]
    assert "direct_contact_opened" not in kinds(risky)


def test_the_mediator_opens_direct_contact_with_a_reason_and_a_later_concern_closes_it(risky, alice, mia, ola, kari):
    prepare(risky, alice)
    event = services.open_direct_contact(actor=mia, case=risky, reason="  Begge er trygge etter samtalene. ")
    assert event.kind == "direct_contact_opened"
    assert event.payload == {"reason": "Begge er trygge etter samtalene.", "author": "Mia Lund"}
    assert event.visibility == "staff"
    rule = contact.direct_contact_for(risky)
    assert rule.is_open
    assert rule.opened_by_staff
    assert send(ola, kari).recipient == kari
    party_services.save_preparation_answers(actor=None, participant=Participant(kari), answers={"feels_safe": "unsure"})
    with pytest.raises(GuardError) as refused:
        send(ola, kari)
    assert refused.value.reasons == [NOT_OPEN]
    assert "Kari Nordmann does not feel safe meeting the other party, or is not sure." in (
        contact.direct_contact_for(risky).staff_reasons
    )
    services.open_direct_contact(actor=mia, case=risky, reason="Snakket med Kari igjen.")
    assert send(ola, kari).recipient == kari


def test_a_closed_case_cannot_be_opened(risky, alice, mia, ola):
    prepare(risky, alice)
    party_services.withdraw_consent(actor=None, participant=Participant(ola))
    with pytest.raises(GuardError, match="closed"):
        services.open_direct_contact(actor=mia, case=risky, reason="Trygt.")


def test_the_rule_for_a_case_takes_one_query(contact_open, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert contact.direct_contact_for(contact_open).is_open


def test_a_criminal_case_with_everything_in_place_is_open(alice, office_a, mia):
    case = opened_criminal_case(alice, office_a, mediator=mia)
    assert contact.direct_contact_for(case).is_open
