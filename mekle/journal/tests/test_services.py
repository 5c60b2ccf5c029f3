"""Journal writes: accounts and links, entries, proposals and answers, sharing with a case, deletion."""

import datetime as dt

import pytest
import time_machine

from mekle.accounts.models import OfficeArea, Role, User
from mekle.cases.lifecycle import GuardError
from mekle.cases.models import CaseEvent
from mekle.journal import services
from mekle.journal.chain import broken_entries
from mekle.journal.models import EntryKind, Journal, JournalEntry, JournalShare, Proposal, SignInLink
from mekle.parties.models import PartyRole
from mekle.parties.services import PartyInput
from mekle.referrals.models import SelfReferral
from mekle.testing.journal import keeper


def journal_of(user: User) -> Journal:
    return Journal.objects.get(owner=user)


@pytest.fixture
def nora(db):
    return keeper()


def test_signing_up_creates_a_journal_user_and_emails_one_link(db, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        link = services.create_journal_account(full_name="Nora Berg", email="nora@example.no")
    assert link is not None
    user = link.user
    assert user.role == Role.JOURNAL
    assert not user.has_usable_password()
    assert journal_of(user).code.startswith("J-")
    assert len(mailoutbox) == 1
    assert f"/journal/sign-in/{link.pk}/?token=" in mailoutbox[0].body


def test_signing_up_again_with_the_same_address_only_sends_a_new_link(nora, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.create_journal_account(full_name="Someone Else", email="NORA@example.no")
    assert User.objects.filter(role=Role.JOURNAL).count() == 1
    assert SignInLink.objects.filter(user=nora, revoked_at__isnull=True).count() == 1


def test_a_portal_party_with_the_same_address_is_not_a_journal_user(ola_user):
    ola_user.email = "ola@example.no"
    ola_user.save()
    assert services.request_sign_in_link(email="ola@example.no") is None
    link = services.create_journal_account(full_name="Ola Nordmann", email="ola@example.no")
    assert link is not None
    assert link.user.pk != ola_user.pk
    assert link.user.role == Role.JOURNAL


def test_a_sign_in_link_works_once(nora):
    link = services.request_sign_in_link(email="nora@example.no")
    assert link is not None
    services.use_sign_in_link(link=link)
    with pytest.raises(GuardError):
        services.use_sign_in_link(link=link)


def test_more_than_five_links_an_hour_are_not_sent(nora):
    links = [services.request_sign_in_link(email="nora@example.no") for _ in range(6)]
    assert links[-1] is None  # sign-up made one, so the fifth request is the limit


def test_entries_are_numbered_and_chained(nora):
    journal = journal_of(nora)
    first = services.add_entry(actor=nora, journal=journal, kind=EntryKind.MESSAGE, text="Hei. Kan vi snakke?")
    second = services.add_entry(
        actor=nora, journal=journal, kind=EntryKind.CALL, text="Ringte, ikke svar.", happened_on=dt.date(2026, 3, 1)
    )
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.prev_hash == ""
    assert second.prev_hash == first.hash
    assert second.content == {"text": "Ringte, ikke svar.", "happened_on": "2026-03-01"}
    assert broken_entries(JournalEntry.objects.filter(journal=journal).order_by("sequence"), journal.code) == []


def test_a_correction_is_a_new_entry_that_points_to_an_existing_one(nora):
    journal = journal_of(nora)
    services.add_entry(actor=nora, journal=journal, kind=EntryKind.MEETING, text="Møte på skolen.")
    correction = services.add_entry(
        actor=nora, journal=journal, kind=EntryKind.CORRECTION, text="Det var på helsestasjonen.", corrects=1
    )
    assert correction.content["corrects"] == 1
    with pytest.raises(GuardError):
        services.add_entry(actor=nora, journal=journal, kind=EntryKind.CORRECTION, text="x", corrects=9)


def test_nobody_else_writes_in_a_journal(nora):
    other = keeper("Per Berg", "per@example.no")
    with pytest.raises(GuardError):
        services.add_entry(actor=other, journal=journal_of(nora), kind=EntryKind.MESSAGE, text="Hei")


def test_answers_are_not_written_by_the_owner(nora):
    with pytest.raises(GuardError):
        services.add_entry(actor=nora, journal=journal_of(nora), kind=EntryKind.ANSWER, text="Ja")


def test_a_proposal_notifies_neutrally_and_forgets_the_address(nora, django_capture_on_commit_callbacks, mailoutbox):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.send_proposal(
            actor=nora,
            journal=journal_of(nora),
            text="Henting fredag kl. 16?",
            recipient_email="per@example.no",
            language="en",
        )
    message = mailoutbox[0]
    assert message.to == ["per@example.no"]
    assert message.subject == "You have received a proposal"
    assert "Henting" not in message.subject + message.body
    assert "nora@example.no" not in message.body
    proposal.refresh_from_db()
    assert proposal.sent_to == ""
    assert proposal.emailed_at is not None
    assert "per@example.no" not in str(proposal.entry.content)


def test_an_answer_is_stored_once_as_an_entry_of_the_proposers_journal(nora):
    proposal = services.send_proposal(
        actor=nora, journal=journal_of(nora), text="Henting fredag?", recipient_email="per@example.no"
    )
    entry = services.answer_proposal(proposal=proposal, choice="counter", text="Lørdag passer bedre.")
    assert entry.kind == EntryKind.ANSWER
    assert entry.content == {"answers": 1, "choice": "counter", "text": "Lørdag passer bedre."}
    assert entry.prev_hash == proposal.entry.hash
    with pytest.raises(GuardError):
        services.answer_proposal(proposal=proposal, choice="accept")


def test_a_counter_proposal_needs_text_and_an_expired_link_cannot_be_answered(nora):
    proposal = services.send_proposal(actor=nora, journal=journal_of(nora), text="Forslag", recipient_email="p@e.no")
    with pytest.raises(GuardError):
        services.answer_proposal(proposal=proposal, choice="counter", text=" ")
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=31)), pytest.raises(GuardError):
        services.answer_proposal(proposal=proposal, choice="accept")


def test_sharing_copies_the_chosen_entries_to_the_case_with_their_hashes(nora, case):
    journal = journal_of(nora)
    entries = [
        services.add_entry(actor=nora, journal=journal, kind=EntryKind.MESSAGE, text=f"Melding {n}") for n in (1, 2, 3)
    ]
    share = services.share_with_case(journal=journal, case=case, sequences=[1, 3])
    assert [e["hash"] for e in share.entries] == [entries[0].hash, entries[2].hash]
    event = CaseEvent.objects.get(case=case, kind="journal_shared")
    assert event.payload == {"journal": journal.code, "count": 2, "entries": [entries[0].hash, entries[2].hash]}
    assert event.actor_id is None


def test_deleting_removes_the_account_and_everything_not_shared(nora, case):
    journal = journal_of(nora)
    services.add_entry(actor=nora, journal=journal, kind=EntryKind.MESSAGE, text="Delt")
    services.send_proposal(actor=nora, journal=journal, text="Ikke delt", recipient_email="per@example.no")
    services.share_with_case(journal=journal, case=case, sequences=[1])
    services.delete_journal(actor=nora)
    assert not User.objects.filter(pk=nora.pk).exists()
    assert not Journal.objects.exists()
    assert not JournalEntry.objects.exists()
    assert not Proposal.objects.exists()
    assert not SignInLink.objects.exists()
    share = JournalShare.objects.get()
    assert share.journal is None
    assert share.entries[0]["content"] == {"text": "Delt"}
    assert CaseEvent.objects.filter(case=case, kind="journal_shared").exists()


def test_only_a_journal_account_can_be_deleted_this_way(ola_user):
    with pytest.raises(GuardError):
        services.delete_journal(actor=ola_user)
    assert User.objects.filter(pk=ola_user.pk).exists()


def _ask(nora, journal, sequences, **changes):
    return services.ask_for_mediation(
        actor=nora,
        journal=journal,
        ip_address="10.0.0.1",
        postcode="0150",
        requester=PartyInput(full_name="Nora Berg", role=PartyRole.OTHER, email="nora@example.no"),
        other_party=PartyInput(full_name="Per Berg", role=PartyRole.OTHER),
        description="Vi klarer ikke å bli enige om henting og levering.",
        sequences=sequences,
        **changes,
    )


@pytest.fixture
def oslo_area(office_a):
    OfficeArea.objects.create(office=office_a, postcode_from="0001", postcode_to="1499")


def test_asking_for_mediation_opens_a_case_and_shares_the_chosen_entries_with_it(nora, oslo_area):
    journal = journal_of(nora)
    for text in ("En", "To"):
        services.add_entry(actor=nora, journal=journal, kind=EntryKind.MESSAGE, text=text)
    submitted = _ask(nora, journal, [2])
    assert submitted.created
    assert [e["sequence"] for e in JournalShare.objects.get(case=submitted.case).entries] == [2]
    again = _ask(nora, journal, [1, 2])
    assert (again.created, again.case) == (False, submitted.case)
    assert JournalShare.objects.filter(case=submitted.case).count() == 1


def test_a_refused_share_opens_no_case_and_only_the_owner_may_ask(nora, oslo_area, ola_user):
    journal = journal_of(nora)
    with pytest.raises(GuardError, match="Velg minst ett notat"):
        _ask(nora, journal, [7])
    assert not SelfReferral.objects.exists()
    with pytest.raises(GuardError, match="Bare eieren"):
        _ask(ola_user, journal, [])
