"""Flagged messages: a threat (or any flagged message in a criminal case) alerts the case's staff,
the writer is never stopped, and a recipient who chose it has flagged messages read by the office
first, which delivers them or returns them to the writer."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from mekle.accounts.models import Role
from mekle.cases.lifecycle import GuardError
from mekle.cases.models import CaseEvent, CaseType
from mekle.dialogue import contact, rules, selectors, services
from mekle.dialogue.models import HoldDecision, Message, MessageHold
from mekle.notices.models import NoticeKind, StaffNotice
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.testing.cast import adult, make_user, open_direct_contact, portal_user_of
from mekle.testing.contact import (
    THREAT,
    a_friday_at,
    criminal_case,
    in_language,
    offender_of,
    opened_criminal_case,
    victim_of,
)
from mekle.testing.tone import CALM, HOSTILE, real_tone_available, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def threat():
    """A message the tone check reads as a threat (the real check, and the stand-in too)."""
    assert "threat" in services.check_tone(THREAT, "nb").categories
    return THREAT


def send(party, to, text, *, actor=None, after_warning=True):
    return services.send_message(
        actor=actor, participant=Participant(party), recipient=to, text=text, language="nb", after_warning=after_warning
    )


def notices(case, kind):
    return sorted(StaffNotice.objects.filter(case=case, kind=kind), key=lambda n: n.user.username)


def page(client, user, case):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client.get(reverse("portal:messages", args=[case.reference])).content.decode()


@pytest.fixture
def staff_with_email(alice, mia, mats, bob, office_a):
    anna = make_user("anna", office=office_a, role=Role.CASEWORKER, last_name="Aas")
    for user in (alice, mia, mats, bob, anna):
        user.email = f"{user.username}@konfliktraadet.no"
        user.save()
    return anna


# --- who is alerted ---------------------------------------------------------------------------


def test_a_threat_sent_anyway_in_a_civil_case_alerts_the_cases_staff_with_a_neutral_email(
    threat,
    contact_open,
    staff_with_email,
    alice,
    mia,
    ola,
    ola_user,
    kari,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    case, anna = contact_open, staff_with_email
    with django_capture_on_commit_callbacks(execute=True):
        message = send(ola, kari, threat, actor=ola_user)
    assert "threat" in message.tone_categories
    alerted = notices(case, NoticeKind.FLAGGED_MESSAGE)
    assert [n.user for n in alerted] == [alice, anna, mia]  # not mats (unassigned), not bob (other office)
    event = CaseEvent.objects.get(case=case, kind="flagged_message_sent")
    assert event.payload == {"message_id": message.pk, "categories": "threat, ultimatum", "channel": "direct"}
    assert event.actor == ola_user
    assert {n.event_id for n in alerted} == {event.pk}
    staff_mail = [m for m in mailoutbox if m.to[0].endswith("@konfliktraadet.no")]
    assert sorted(m.to[0] for m in staff_mail) == [
        "alice@konfliktraadet.no",
        "anna@konfliktraadet.no",
        "mia@konfliktraadet.no",
    ]
    for mail in staff_mail:
        assert case.reference not in mail.subject
        assert mail.subject == in_language("nb", "You have a new notice")
        assert in_language("nb", "threat") in mail.body
        for secret in ("svi", "hvor du bor", "Ola", "Kari", "Nordmann"):
            assert secret not in mail.subject + mail.body


def test_a_flagged_insult_in_a_civil_case_alerts_nobody(contact_open, ola, kari):
    message = send(ola, kari, HOSTILE)
    assert message.tone_hostile
    assert "threat" not in message.tone_categories
    assert not CaseEvent.objects.filter(case=contact_open, kind="flagged_message_sent").exists()
    assert not StaffNotice.objects.filter(case=contact_open, kind=NoticeKind.FLAGGED_MESSAGE).exists()


def test_a_calm_message_alerts_nobody(contact_open, ola, kari):
    send(ola, kari, CALM, after_warning=False)
    assert not StaffNotice.objects.filter(case=contact_open).exists()


def test_a_threat_to_the_staff_alerts_them_too(threat, case, alice, mia, ola):
    message = send(ola, None, threat)
    assert message.recipient is None
    assert {n.user for n in notices(case, NoticeKind.FLAGGED_MESSAGE)} == {alice, mia}
    assert [n.user for n in notices(case, NoticeKind.PARTY_MESSAGE)] == [mia]


@pytest.mark.parametrize("case_type", [CaseType.CRIMINAL_MEDIATION, CaseType.YOUTH_SENTENCE])
def test_any_flagged_message_in_a_criminal_case_alerts_the_staff(alice, mia, office_a, case_type):
    case = open_direct_contact(criminal_case(alice, office_a, mediator=mia, case_type=case_type), alice)
    tor, geir = victim_of(case), offender_of(case)
    services.choose_direct_contact(actor=portal_user_of(tor), participant=Participant(tor), on=True)
    send(tor, geir, HOSTILE)  # an insult, from the victim: still alerts in a criminal case
    assert {n.user for n in notices(case, NoticeKind.FLAGGED_MESSAGE)} == {alice, mia}
    send(geir, tor, CALM, after_warning=False)
    assert CaseEvent.objects.filter(case=case, kind="flagged_message_sent").count() == 1


def test_the_writer_is_never_stopped(threat, contact_open, ola, kari):
    services.set_hold_flagged(actor=portal_user_of(kari), participant=Participant(kari), hold=True)
    threatening = send(ola, kari, threat)
    insult = send(ola, kari, HOSTILE, after_warning=False)
    assert list(Message.objects.order_by("pk")) == [threatening, insult]
    assert threatening.sent_after_warning
    assert not insult.sent_after_warning
    assert threatening.tone_hostile
    assert insult.tone_hostile
    assert MessageHold.objects.filter(message__in=[threatening, insult]).count() == 2
    assert [m.text for m in selectors.thread_for_party(ola)] == [threat, HOSTILE]


# --- held messages ----------------------------------------------------------------------------


@pytest.fixture
def held(contact_open, ola, kari, kari_user):
    """Kari chose to have flagged messages read first; Ola then sent her an insult."""
    services.set_hold_flagged(actor=kari_user, participant=Participant(kari), hold=True)
    return send(ola, kari, HOSTILE).hold


def test_a_held_message_is_hidden_from_its_recipient_and_the_mediator_is_told(
    client, held, case, mia, ola, ola_user, kari, kari_user, mailoutbox
):
    message = held.message
    assert held.decision == ""
    event = CaseEvent.objects.get(case=case, kind="message_held")
    assert event.payload == {"message_id": message.pk, "to_party_id": kari.pk, "name": "Kari Nordmann"}
    assert [(n.user, n.event_id) for n in notices(case, NoticeKind.MESSAGE_HELD)] == [(mia, event.pk)]
    assert selectors.thread_for_party(kari) == []
    assert selectors.unread_for(kari) == []
    assert not rules.party_sees_message(kari, message)
    assert HOSTILE not in page(client, kari_user, case)
    body = page(client, ola_user, case)
    assert HOSTILE in body
    assert "The office reads this message before it is delivered, within one working day." in body
    assert mailoutbox == []


def test_a_held_message_sends_no_email_until_it_is_delivered(
    contact_open, ola, kari, kari_user, mia, mailoutbox, django_capture_on_commit_callbacks
):
    kari.email = "kari@example.no"
    kari.save()
    services.set_hold_flagged(actor=kari_user, participant=Participant(kari), hold=True)
    with django_capture_on_commit_callbacks(execute=True):
        hold = send(ola, kari, HOSTILE).hold
    assert [m for m in mailoutbox if "kari@example.no" in m.to] == []
    with django_capture_on_commit_callbacks(execute=True):
        services.deliver_held_message(actor=mia, hold=hold)
    to_kari = [m for m in mailoutbox if "kari@example.no" in m.to]
    assert len(to_kari) == 1
    assert HOSTILE not in to_kari[0].body
    assert "Ola" not in to_kari[0].body


def test_the_mediator_delivers_a_held_message_and_the_recipient_sees_it(client, held, case, mia, kari, kari_user):
    services.deliver_held_message(actor=mia, hold=held)
    held.refresh_from_db()
    assert (held.decision, held.decided_by, held.reason) == (HoldDecision.DELIVERED, mia, "")
    assert held.decided_at is not None
    assert selectors.thread_for_party(kari) == [held.message]
    assert selectors.unread_for(kari) == [held.message_id]
    assert rules.party_sees_message(kari, Message.objects.select_related("hold").get(pk=held.message_id))
    body = page(client, kari_user, case)
    assert HOSTILE in body
    assert "The tone check flagged this message" in body
    event = CaseEvent.objects.get(case=case, kind="message_delivered")
    assert event.payload == {"message_id": held.message_id, "name": "Kari Nordmann", "author": "Mia Lund"}
    assert selectors.held_messages_of(case) == []


def test_a_returned_message_shows_the_writer_the_reason_and_never_reaches_the_recipient(
    client, held, case, alice, ola_user, kari, kari_user, mailoutbox, django_capture_on_commit_callbacks
):
    kari.email = "kari@example.no"
    kari.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.return_held_message(actor=alice, hold=held, reason="  Skriv uten skjellsord, så sender vi den. ")
    held.refresh_from_db()
    assert (held.decision, held.reason, held.decided_by) == (
        HoldDecision.RETURNED,
        "Skriv uten skjellsord, så sender vi den.",
        alice,
    )
    event = CaseEvent.objects.get(case=case, kind="message_returned")
    assert event.payload["reason"] == "Skriv uten skjellsord, så sender vi den."
    assert event.payload["author"] == "Alice Berg"
    writer = page(client, ola_user, case)
    assert "Skriv uten skjellsord, så sender vi den." in writer
    assert "The office returned this message to you" in writer
    recipient = page(client, kari_user, case)
    assert HOSTILE not in recipient
    assert "Skriv uten skjellsord" not in recipient
    assert selectors.thread_for_party(kari) == []
    assert mailoutbox == []


@pytest.mark.parametrize("reason", ["", "  "])
def test_a_message_is_not_returned_without_a_reason(held, alice, reason):
    with pytest.raises(GuardError, match="Say why"):
        services.return_held_message(actor=alice, hold=held, reason=reason)
    held.refresh_from_db()
    assert held.decision == ""
    assert not CaseEvent.objects.filter(kind="message_returned").exists()


@pytest.mark.parametrize("who", ["bob", "mats", "ola_user", "kari_user", "outsider"])
def test_only_the_staff_of_the_case_deliver_or_return(request, held, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(GuardError, match="Only the staff of the case"):
        services.deliver_held_message(actor=actor, hold=held)
    with pytest.raises(GuardError, match="Only the staff of the case"):
        services.return_held_message(actor=actor, hold=held, reason="Nei.")
    held.refresh_from_db()
    assert held.decision == ""
    assert not CaseEvent.objects.filter(kind__in=["message_delivered", "message_returned"]).exists()


def test_a_caseworker_of_the_case_may_decide_too_and_only_once(held, alice, mia):
    services.deliver_held_message(actor=alice, hold=held)
    with pytest.raises(GuardError, match="already been delivered or returned"):
        services.return_held_message(actor=mia, hold=held, reason="For sent.")
    with pytest.raises(GuardError, match="already"):
        services.deliver_held_message(actor=mia, hold=held)
    assert CaseEvent.objects.filter(kind="message_delivered").count() == 1


def test_a_held_message_is_not_delivered_once_the_case_closed(held, alice, ola, kari):
    party_services.withdraw_consent(actor=None, participant=Participant(ola))
    with pytest.raises(GuardError, match="closed"):
        services.deliver_held_message(actor=alice, hold=held)
    assert selectors.thread_for_party(kari) == []
    services.return_held_message(actor=alice, hold=held, reason="Saken er avsluttet.")  # returning still works
    held.refresh_from_db()
    assert held.decision == HoldDecision.RETURNED


@pytest.mark.parametrize(
    ("close", "staff_reason"),
    [
        (
            lambda case, kari: services.set_receives_messages(actor=None, participant=Participant(kari), on=False),
            "turned messages off",
        ),
        (
            lambda case, kari: services.choose_mediator_channel(actor=None, participant=Participant(kari)),
            "only through the mediator",
        ),
        (lambda case, kari: services.pause_thread(actor=None, case=case, paused=True), "paused"),
    ],
    ids=["messages-off", "mediator-only", "paused"],
)
def test_a_held_message_is_not_delivered_after_the_door_closed(held, contact_open, mia, kari, close, staff_reason):
    """The recipient closed the door while the message waited: delivering it would go round their choice."""
    close(contact_open, kari)
    with pytest.raises(GuardError, match=staff_reason) as refused:
        services.deliver_held_message(actor=mia, hold=held)
    assert refused.value.reasons == contact.direct_contact_for(contact_open).staff_reasons  # staff read why
    held.refresh_from_db()
    assert held.decision == ""
    assert selectors.thread_for_party(kari) == []
    assert not CaseEvent.objects.filter(kind="message_delivered").exists()
    services.return_held_message(actor=mia, hold=held, reason="Kari har slått av meldinger.")
    held.refresh_from_db()
    assert held.decision == HoldDecision.RETURNED


# --- when the office must answer --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "due"),
    [
        (a_friday_at(10), a_friday_at(10) + dt.timedelta(days=3)),  # Friday → Monday
        (a_friday_at(10) - dt.timedelta(days=1), a_friday_at(10)),  # Thursday → Friday
        (a_friday_at(10) + dt.timedelta(days=1), a_friday_at(10) + dt.timedelta(days=3)),  # Saturday → Monday
        (a_friday_at(10) + dt.timedelta(days=2), a_friday_at(10) + dt.timedelta(days=3)),  # Sunday → Monday
        (a_friday_at(0, 30), a_friday_at(0, 30) + dt.timedelta(days=3)),  # just after midnight in Oslo
        (a_friday_at(23, 30), a_friday_at(23, 30) + dt.timedelta(days=3)),  # late on Friday in Oslo
    ],
    ids=["friday", "thursday", "saturday", "sunday", "friday-00:30-oslo", "friday-23:30-oslo"],
)
def test_a_held_message_is_due_the_next_weekday_in_oslo(contact_open, ola, kari, kari_user, sent, due):
    services.set_hold_flagged(actor=kari_user, participant=Participant(kari), hold=True)
    with time_machine.travel(sent, tick=False):
        hold = send(ola, kari, HOSTILE).hold
    hold = MessageHold.objects.get(pk=hold.pk)
    assert hold.held_at == sent
    assert hold.due_at == due
    assert timezone.localtime(hold.due_at).weekday() < 5
    assert services.next_working_day(sent) == due


def test_the_due_time_keeps_the_clock_time_across_a_change_to_summer_time():
    friday = dt.datetime(2027, 3, 26, 9, 0, tzinfo=timezone.get_default_timezone())  # summer time from Sunday
    monday = services.next_working_day(friday)
    assert timezone.localtime(monday).date() == dt.date(2027, 3, 29)
    assert timezone.localtime(monday).hour == 9


# --- who must answer --------------------------------------------------------------------------


def test_needs_attention_lists_a_hold_for_the_assigned_mediator_and_not_for_caseworkers(held, alice, mia, mats, bob):
    assert selectors.needs_attention_for(mia) == [held]
    assert selectors.needs_attention_for(alice) == []  # a mediator is assigned and it is not overdue
    assert selectors.needs_attention_for(mats) == []
    assert selectors.needs_attention_for(bob) == []


def test_an_overdue_hold_is_listed_for_the_offices_caseworkers(held, alice, bob, mia):
    with time_machine.travel(held.due_at + dt.timedelta(minutes=1), tick=False):
        (listed,) = selectors.needs_attention_for(alice)
        assert listed == held
        assert listed.overdue  # type: ignore[attr-defined]  # set for the page
        assert selectors.needs_attention_for(mia)[0].overdue  # type: ignore[attr-defined]
        assert selectors.needs_attention_for(bob) == []


def test_without_an_assigned_mediator_the_caseworkers_answer(other_case, alice, mia, office_a):
    open_direct_contact(other_case, alice)
    siri = other_case.parties.get(full_name="Siri Strand")
    jon = other_case.parties.get(full_name="Jon Strand")
    services.set_hold_flagged(actor=portal_user_of(jon), participant=Participant(jon), hold=True)
    hold = send(siri, jon, HOSTILE).hold
    assert selectors.needs_attention_for(alice) == [hold]
    assert selectors.needs_attention_for(mia) == []
    assert [n.user for n in notices(other_case, NoticeKind.MESSAGE_HELD)] == [alice]


def test_decided_holds_and_people_without_a_desk_need_no_attention(held, mia, ola_user, outsider):
    assert selectors.needs_attention_for(ola_user) == []
    assert selectors.needs_attention_for(outsider) == []
    services.deliver_held_message(actor=mia, hold=held)
    assert selectors.needs_attention_for(mia) == []


# --- whose messages are held ------------------------------------------------------------------


def test_the_person_harmed_in_a_criminal_case_has_flagged_messages_held_by_default(alice, mia, office_a):
    case = opened_criminal_case(alice, office_a, mediator=mia)
    tor, geir = victim_of(case), offender_of(case)
    assert selectors.holds_flagged(tor, case)
    assert not selectors.holds_flagged(geir, case)
    to_victim = send(geir, tor, HOSTILE)
    to_offender = send(tor, geir, HOSTILE)
    assert MessageHold.objects.filter(message=to_victim).exists()
    assert not MessageHold.objects.filter(message=to_offender).exists()


def test_in_a_civil_case_nobody_has_flagged_messages_held_by_default(contact_open, ola, kari):
    assert not selectors.holds_flagged(ola, contact_open)
    assert not selectors.holds_flagged(kari, contact_open)
    assert not MessageHold.objects.filter(message=send(ola, kari, HOSTILE)).exists()


def test_another_party_in_a_criminal_case_with_a_victim_is_not_held_for_by_default(alice, office_a):
    case = criminal_case(alice, office_a)
    witness = party_services.add_party(
        actor=alice, case=case, data=adult("Siv Strand", "other")
    )  # not the person harmed: the victim is registered
    assert selectors.holds_flagged(victim_of(case), case)
    assert not selectors.holds_flagged(witness, case)
    assert not contact.direct_contact_for(case).may_choose(witness.pk)


def test_in_a_criminal_case_without_a_victim_every_non_offender_is_held_for(alice, office_a):
    case = criminal_case(alice, office_a, tor_role="other")
    tor = case.parties.get(full_name="Tor Vik")
    assert selectors.holds_flagged(tor, case)
    assert not selectors.holds_flagged(offender_of(case), case)
    assert contact.direct_contact_for(case).harmed_party_ids == {tor.pk}  # the same person the rule asks


def test_a_party_changes_their_own_hold_setting_and_nobody_else_can(contact_open, alice, ola_user, kari, kari_user):
    with pytest.raises(GuardError, match="Only the person themselves"):
        services.set_hold_flagged(actor=alice, participant=Participant(kari), hold=True)
    with pytest.raises(GuardError, match="Only the person themselves"):
        services.set_hold_flagged(actor=ola_user, participant=Participant(kari), hold=True)
    assert not selectors.holds_flagged(kari, contact_open)
    services.set_hold_flagged(actor=kari_user, participant=Participant(kari), hold=True)
    assert selectors.holds_flagged(kari, contact_open)
    event = CaseEvent.objects.get(case=contact_open, kind="flagged_hold_chosen")
    assert event.payload == {"party_id": kari.pk, "name": "Kari Nordmann", "hold": True}


def test_the_victim_may_turn_the_default_hold_off(alice, mia, office_a):
    case = opened_criminal_case(alice, office_a, mediator=mia)
    tor, geir = victim_of(case), offender_of(case)
    services.set_hold_flagged(actor=portal_user_of(tor), participant=Participant(tor), hold=False)
    assert not selectors.holds_flagged(tor, case)
    message = send(geir, tor, HOSTILE)
    assert not MessageHold.objects.filter(message=message).exists()
    assert selectors.thread_for_party(tor)[-1] == message
    assert StaffNotice.objects.filter(case=case, kind=NoticeKind.FLAGGED_MESSAGE).exists()  # staff still told
