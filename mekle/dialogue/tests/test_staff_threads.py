"""A party and the staff of their case write to each other in a thread nobody else reads: the
event keeps the hash, read receipts go both ways, e-mails are neutral, and the thread stays open
while direct contact is closed and for 30 days after the case closed."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from mekle.cases.lifecycle import GuardError
from mekle.cases.models import CaseEvent
from mekle.dialogue import rules, selectors, services
from mekle.dialogue.models import Channel, MessageRead
from mekle.lib.hashing import sha256_hex
from mekle.notices.models import NoticeKind, StaffNotice
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.testing.cast import portal_user_of
from mekle.testing.contact import in_language
from mekle.testing.tone import CALM, tone  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("tone")

QUESTION = "Når er det neste møtet? Jeg lurer på om jeg kan ta med en venn."
ANSWER = "Møtet er tirsdag klokken ti, og du kan gjerne ta med en støtteperson."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def english(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def to_party(actor, party, text=ANSWER, **kwargs):
    return services.send_staff_message(actor=actor, party=party, text=text, **kwargs)


def to_staff(party, text=QUESTION):
    return services.send_message(actor=None, participant=Participant(party), recipient=None, text=text, language="nb")


def portal_page(client, user, case):
    return english(client, user).get(reverse("portal:messages", args=[case.reference]))


# --- staff to one party -----------------------------------------------------------------------


def test_a_staff_message_is_an_event_with_the_hash_and_never_the_words(case, mia, ola):
    message = to_party(mia, ola)
    event = CaseEvent.objects.get(case=case, kind="staff_message_sent")
    assert message.event == event
    assert event.actor == mia
    assert event.visibility == "staff"
    assert event.payload == {
        "to_party_id": ola.pk,
        "name": "Ola Nordmann",
        "author": "Mia Lund",
        "sha256": sha256_hex(ANSWER),
        "include_guardians": False,
    }
    assert ANSWER not in str(event.payload)
    assert message.channel == Channel.MEDIATOR
    assert (message.staff_author, message.recipient, message.sender) == (mia, ola, None)


def test_only_the_party_written_to_sees_a_staff_message(client, case, mia, ola, kari, ola_user, kari_user):
    message = to_party(mia, ola)
    assert selectors.thread_for_party(ola) == [message]
    assert selectors.thread_for_party(kari) == []
    assert rules.party_sees_message(ola, message)
    assert not rules.party_sees_message(kari, message)
    assert ANSWER in portal_page(client, ola_user, case).content.decode()
    assert ANSWER not in portal_page(client, kari_user, case).content.decode()


def test_a_party_of_another_case_never_reaches_the_thread(client, case, mia, ola, other_case):
    to_party(mia, ola)
    siri = other_case.parties.get(full_name="Siri Strand")
    response = english(client, portal_user_of(siri)).get(reverse("portal:messages", args=[case.reference]))
    assert response.status_code == 404
    assert ANSWER not in response.content.decode()
    assert not rules.party_sees_message(siri, selectors.thread_for_staff(case)[0])


def test_a_partys_message_to_the_staff_is_never_shown_to_the_other_party(client, case, ola, kari, kari_user):
    message = to_staff(ola)
    assert message.channel == Channel.MEDIATOR
    assert message.recipient is None
    assert not rules.party_sees_message(kari, message)
    assert rules.party_sees_message(ola, message)
    assert QUESTION not in portal_page(client, kari_user, case).content.decode()


@pytest.mark.parametrize("who", ["bob", "mats", "ola_user", "outsider"])
def test_only_the_staff_of_the_case_write_to_its_parties(request, case, ola, who):
    with pytest.raises(GuardError, match="Only the staff of the case"):
        to_party(request.getfixturevalue(who), ola)
    assert not CaseEvent.objects.filter(case=case, kind="staff_message_sent").exists()


def test_staff_cannot_write_to_a_party_of_another_case_through_this_one(case, alice, other_case):
    siri = other_case.parties.get(full_name="Siri Strand")
    message = to_party(alice, siri)  # the case is the party's own: Siri's case, not `case`
    assert message.case == other_case
    assert not CaseEvent.objects.filter(case=case, kind="staff_message_sent").exists()


def test_an_empty_or_too_long_staff_message_is_refused(case, alice, ola):
    with pytest.raises(GuardError, match="Write a message."):
        to_party(alice, ola, "   ")
    with pytest.raises(GuardError, match="at most 5000"):
        to_party(alice, ola, "x" * 5001)
    assert not CaseEvent.objects.filter(case=case, kind="staff_message_sent").exists()


# --- read receipts both ways ------------------------------------------------------------------


def test_the_party_opening_the_page_leaves_a_read_receipt_the_staff_see(client, case, mia, ola, ola_user):
    message = to_party(mia, ola)
    assert selectors.unread_for(ola) == [message.pk]
    portal_page(client, ola_user, case)
    receipt = MessageRead.objects.get(message=message)
    assert (receipt.party, receipt.user) == (ola, None)
    assert selectors.unread_for(ola) == []
    (shown,) = selectors.thread_for_staff(case)
    assert shown.read  # type: ignore[attr-defined]  # annotated
    event = CaseEvent.objects.filter(case=case, kind="messages_read").get()
    assert event.payload["message_ids"] == [message.pk]


def test_staff_opening_the_workspace_page_leave_a_read_receipt_the_party_sees(client, case, alice, ola, ola_user):
    message = to_staff(ola)
    assert "Not read yet" in portal_page(client, ola_user, case).content.decode()
    assert selectors.unread_by_staff(case, alice) == [message.pk]
    english(client, alice).get(reverse("workspace:messages", args=[case.reference]))
    receipt = MessageRead.objects.get(message=message)
    assert (receipt.user, receipt.party) == (alice, None)
    assert selectors.unread_by_staff(case, alice) == []
    body = portal_page(client, ola_user, case).content.decode()
    assert "Read by the staff" in body
    assert "Not read yet" not in body


def test_each_member_of_staff_reads_for_themselves(client, case, alice, mia, ola):
    message = to_staff(ola)
    assert services.mark_read_by_staff(actor=alice, case=case) == 1
    assert services.mark_read_by_staff(actor=alice, case=case) == 0
    assert selectors.unread_by_staff(case, mia) == [message.pk]
    assert services.mark_read_by_staff(actor=mia, case=case) == 1
    assert set(MessageRead.objects.values_list("user__username", flat=True)) == {"alice", "mia"}


# --- neutral e-mail ---------------------------------------------------------------------------


def test_the_party_is_told_by_a_neutral_email_in_their_own_language(
    case, mia, ola, kari, mailoutbox, django_capture_on_commit_callbacks
):
    ola.email, ola.preferred_language = "ola@example.no", "nb"
    ola.save()
    kari.email, kari.preferred_language = "kari@example.no", "en"
    kari.save()
    with django_capture_on_commit_callbacks(execute=True):
        to_party(mia, ola)
        to_party(mia, kari)
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert set(by_address) == {"ola@example.no", "kari@example.no"}
    assert by_address["kari@example.no"].subject == "You have a new message"
    assert by_address["ola@example.no"].subject == in_language("nb", "You have a new message")
    for mail in mailoutbox:
        assert len(mail.to) == 1
        for secret in (ANSWER, "Mia", "Lund", "Ola", "Kari", case.reference):
            assert secret not in mail.subject + mail.body


def test_with_include_guardians_the_guardians_are_told_too(
    minor_case, alice, mailoutbox, django_capture_on_commit_callbacks
):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    emil.email = "emil@example.no"
    emil.save()
    hanne = emil.guardians.get()
    hanne.email = "hanne@example.no"
    hanne.save()
    with django_capture_on_commit_callbacks(execute=True):
        to_party(alice, emil, include_guardians=True)
    assert [sorted(m.to) for m in mailoutbox] == [["emil@example.no", "hanne@example.no"]]
    assert CaseEvent.objects.get(case=minor_case, kind="staff_message_sent").payload["include_guardians"] is True
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        to_party(alice, emil)
    assert [m.to for m in mailoutbox] == [["emil@example.no"]]


def test_a_minor_without_an_address_is_reached_through_the_guardian(
    minor_case, alice, mailoutbox, django_capture_on_commit_callbacks
):
    emil = minor_case.parties.get(full_name="Emil Olsen")
    hanne = emil.guardians.get()
    hanne.email = "hanne@example.no"
    hanne.save()
    with django_capture_on_commit_callbacks(execute=True):
        to_party(alice, emil)
    assert [m.to for m in mailoutbox] == [["hanne@example.no"]]


def test_a_party_writing_to_the_staff_gets_no_email_and_the_mediator_gets_a_notice(
    case, mia, alice, ola, mailoutbox, django_capture_on_commit_callbacks
):
    ola.email = "ola@example.no"
    ola.save()
    mia.email = "mia@konfliktraadet.no"
    mia.save()
    with django_capture_on_commit_callbacks(execute=True):
        message = to_staff(ola)
    notices = list(StaffNotice.objects.filter(case=case))
    assert [(n.user, n.kind, n.event_id) for n in notices] == [(mia, NoticeKind.PARTY_MESSAGE, message.event_id)]
    assert [m.to for m in mailoutbox] == [["mia@konfliktraadet.no"]]
    assert QUESTION not in mailoutbox[0].body
    assert "Ola" not in mailoutbox[0].subject + mailoutbox[0].body


def test_without_an_assigned_mediator_the_offices_caseworkers_get_the_notice(other_case, alice, mia):
    siri = other_case.parties.get(full_name="Siri Strand")
    to_staff(siri)
    assert [(n.user, n.kind) for n in StaffNotice.objects.filter(case=other_case)] == [
        (alice, NoticeKind.PARTY_MESSAGE)
    ]


# --- when the thread is open ------------------------------------------------------------------


def test_a_party_writes_to_the_staff_while_direct_contact_is_closed(case, ola, kari):
    with pytest.raises(GuardError):
        services.send_message(actor=None, participant=Participant(ola), recipient=kari, text=CALM, language="nb")
    message = to_staff(ola)
    assert message.channel == Channel.MEDIATOR
    assert selectors.thread_for_party(ola) == [message]


def test_staff_closing_the_threads_refuses_a_partys_message_until_they_open_them_again(case, alice, ola):
    services.set_staff_threads_closed(actor=alice, case=case, closed=True)
    with pytest.raises(GuardError, match="closed messages to the staff"):
        to_staff(ola)
    assert not selectors.thread_for_staff(case)
    assert list(case.events.filter(kind="staff_threads_closed").values_list("visibility", flat=True)) == ["parties"]
    services.set_staff_threads_closed(actor=alice, case=case, closed=False)
    assert to_staff(ola).channel == Channel.MEDIATOR


def test_a_party_cannot_close_the_staff_threads_from_the_portal(client, case, ola_user):
    response = english(client, ola_user).post(
        reverse("workspace:messages_staff_threads", args=[case.reference]), {"closed": "on"}
    )
    assert response.status_code == 403
    assert not selectors.thread_of(case).staff_threads_closed


@pytest.fixture
def withdrawn(case, alice, ola, kari):
    party_services.withdraw_consent(actor=alice, participant=Participant(kari))
    case.refresh_from_db()
    assert case.closed_at is not None
    return case


def test_after_a_withdrawal_the_party_and_the_staff_still_write_for_30_days(withdrawn, mia, ola, kari):
    with time_machine.travel(withdrawn.closed_at + dt.timedelta(days=29, hours=23), tick=False):
        assert to_staff(ola).channel == Channel.MEDIATOR
        assert to_staff(kari).sender == kari  # the one who withdrew may ask too
        assert to_party(mia, ola).recipient == ola
        with pytest.raises(GuardError):
            services.send_message(actor=None, participant=Participant(ola), recipient=kari, text=CALM, language="nb")


def test_31_days_after_the_case_closed_the_staff_thread_is_closed_both_ways(withdrawn, mia, ola):
    before = withdrawn.events.count()
    with time_machine.travel(withdrawn.closed_at + dt.timedelta(days=31), tick=False):
        with pytest.raises(GuardError, match="The case is closed"):
            to_staff(ola)
        with pytest.raises(GuardError, match="The case is closed"):
            to_party(mia, ola)
        assert not selectors.staff_thread_open(withdrawn, selectors.thread_of(withdrawn))
    assert withdrawn.events.count() == before


def test_after_the_case_closed_the_portal_offers_the_staff_for_30_days_only(client, withdrawn, ola_user):
    with time_machine.travel(withdrawn.closed_at + dt.timedelta(days=10), tick=False):
        response = portal_page(client, ola_user, withdrawn)
        assert [value for value, _label in response.context["form"].fields["to"].choices] == ["mediator"]
    with time_machine.travel(withdrawn.closed_at + dt.timedelta(days=31), tick=False):
        response = portal_page(client, ola_user, withdrawn)
        assert response.context["form"].fields["to"].choices == []
        assert "The staff of your case cannot receive messages here now." in response.content.decode()
