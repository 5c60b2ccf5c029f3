"""Agreement services: drafting, freezing, new versions, signatures, approval and the lifecycle."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from mekle.agreements import services
from mekle.agreements.models import AgreementVersion, Commitment, Signature, VersionStatus
from mekle.agreements.services import CommitmentInput
from mekle.agreements.signals import version_approved
from mekle.cases.lifecycle import GuardError
from mekle.cases.models import CaseEvent, CaseType, Status
from mekle.parties import services as party_services
from mekle.parties.participants import Participant
from mekle.testing.agreements import apology, draft, hold_meeting_with_agreement, sign_everyone


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def held(case, alice, mia):
    return hold_meeting_with_agreement(alice, mia, case)


@pytest.fixture
def held_minor(minor_case, alice, mia):
    from mekle.mediators import services as mediator_services

    mediator_services.assign_mediator(actor=alice, case=minor_case, mediator=mia)
    return hold_meeting_with_agreement(alice, mia, minor_case)


def payment(party, beneficiary, amount="5000", instalments=2):
    return CommitmentInput(
        kind="payment",
        party=party,
        beneficiary=beneficiary,
        description="Dekker skaden på hekken.",
        due_on=timezone.localdate() + dt.timedelta(days=20),
        amount=Decimal(amount),
        instalments=instalments,
    )


def kinds(case):
    return list(CaseEvent.objects.filter(case=case).order_by("sequence").values_list("kind", flat=True))


def test_an_agreement_starts_from_the_meetings_words_after_a_meeting_in_agreement(held, mia):
    version = services.start_agreement(actor=mia, case=held)
    assert (version.number, version.status, version.introduction) == (1, "draft", "Unnskyldning og ny hekk.")
    assert version.cooling_off_days == 0  # a civil case
    assert kinds(held)[-1] == "agreement_drafted"
    with pytest.raises(GuardError, match="already been started"):
        services.start_agreement(actor=mia, case=held)


def test_no_agreement_before_the_meeting_is_held(case, alice):
    with pytest.raises(GuardError, match="after a meeting that ended in agreement"):
        services.start_agreement(actor=alice, case=case)


def test_a_draft_stores_its_commitments_in_order(held, mia, ola, kari):
    version = draft(mia, held, [apology(kari, beneficiary=ola), payment(kari, ola)])
    rows = list(version.commitments.all())
    assert [(c.position, c.kind, c.party, c.beneficiary) for c in rows] == [
        (1, "apology", kari, ola),
        (2, "payment", kari, ola),
    ]
    assert (rows[0].amount, rows[1].amount, rows[1].instalments) == (None, Decimal("5000.00"), 2)


def test_money_in_a_youth_case_is_refused_with_the_reason(alice, mia, office_a):
    from mekle.mediators import services as mediator_services
    from mekle.testing.cast import adult

    case = party_services.register_referral(
        actor=alice,
        office=office_a,
        case_type=CaseType.YOUTH_FOLLOW_UP,
        referrer_kind="police",
        referrer_reference="REF-1",
        referrer_decision_date=timezone.localdate(),
        parties=[adult("Per Hansen", "victim"), adult("Tor Olsen", "offender")],
    )
    mediator_services.assign_mediator(actor=alice, case=case, mediator=mia)
    hold_meeting_with_agreement(alice, mia, case)
    per, tor = case.parties.order_by("id")
    with pytest.raises(GuardError, match="cannot contain money compensation"):
        draft(mia, case, [payment(tor, per)], cooling_off_days=14)
    assert not Commitment.objects.exists()


def test_commitments_must_be_done_by_the_fulfilment_date_and_a_payment_needs_its_details(held, mia, ola, kari):
    late = apology(kari, due_on=timezone.localdate() + dt.timedelta(days=90))
    vague = CommitmentInput(kind="payment", party=kari, description=" ", due_on=timezone.localdate())
    with pytest.raises(GuardError) as refusal:
        draft(mia, held, [late, vague])
    assert refusal.value.reasons == [
        "Commitment 1: The date cannot be after the agreement's fulfilment date.",
        "Commitment 2: say what is to be done.",
        "Commitment 2: a payment needs an amount in NOK greater than zero.",
        "Commitment 2: say who is to be paid.",
    ]


def test_a_commitment_is_made_by_a_party_of_this_case(held, mia, other_case):
    stranger = other_case.parties.first()
    odd = CommitmentInput(
        kind="nonsense", party=stranger, beneficiary=stranger, description="x", due_on=timezone.localdate()
    )
    with pytest.raises(GuardError) as refusal:
        draft(mia, held, [odd, payment(held.parties.first(), None, amount="0", instalments=0)])
    assert refusal.value.reasons == [
        "Commitment 1: choose what kind of commitment it is.",
        "Commitment 1: the person who commits must be a party of this case.",
        "Commitment 1: the person it is for must be a party of this case.",
        "Commitment 2: a payment needs an amount in NOK greater than zero.",
        "Commitment 2: a payment has at least one instalment.",
        "Commitment 2: say who is to be paid.",
    ]


def test_the_fulfilment_date_cannot_be_in_the_past(held, mia):
    with pytest.raises(GuardError, match="in the past"):
        draft(mia, held, fulfilment_date=timezone.localdate() - dt.timedelta(days=1))


def test_a_criminal_case_always_has_fourteen_days_to_cool_off(held_minor, mia):
    version = services.start_agreement(actor=mia, case=held_minor)
    assert version.cooling_off_days == 14
    emil = held_minor.parties.get(full_name="Emil Olsen")
    with pytest.raises(GuardError, match="always 14 days"):
        services.update_draft(
            actor=mia,
            version=version,
            introduction="",
            fulfilment_date=timezone.localdate() + dt.timedelta(days=10),
            cooling_off_days=0,
            commitments=[apology(emil)],
        )


def test_sending_for_signing_freezes_the_content_with_its_hash(held, mia):
    version = services.send_for_signing(actor=mia, version=draft(mia, held))
    assert version.status == VersionStatus.SENT
    assert len(version.content_hash) == 64
    event = CaseEvent.objects.get(case=held, kind="agreement_sent_for_signing")
    assert event.payload["number"] == 1
    assert event.payload["content_hash"] == version.content_hash


def test_an_empty_draft_is_not_sent(held, mia):
    version = draft(mia, held, [])
    with pytest.raises(GuardError, match="at least one commitment"):
        services.send_for_signing(actor=mia, version=version)


def test_a_frozen_version_can_never_change(held, mia, kari):
    version = services.send_for_signing(actor=mia, version=draft(mia, held))
    frozen_hash = version.content_hash
    with pytest.raises(GuardError, match="can no longer change"):
        services.update_draft(
            actor=mia,
            version=version,
            introduction="Endret",
            fulfilment_date=version.fulfilment_date,
            cooling_off_days=0,
            commitments=[apology(kari)],
        )
    with pytest.raises(GuardError, match="can no longer change"):
        services.send_for_signing(actor=mia, version=version)
    version.refresh_from_db()
    assert (version.introduction, version.content_hash) == ("Vi har snakket sammen.", frozen_hash)


def test_a_change_makes_a_new_version_that_needs_new_signatures(held, mia, ola, kari):
    first = services.send_for_signing(actor=mia, version=draft(mia, held))
    services.sign(actor=mia, version=first, participant=Participant(ola), method="paper", statement="Signert.")
    second = services.revise(actor=mia, version=first)
    assert (second.number, second.status, second.commitments.count()) == (2, "draft", 1)
    with pytest.raises(GuardError, match="replaced by a newer version"):
        services.sign(actor=mia, version=first, participant=Participant(kari), method="paper", statement="Signert.")
    with pytest.raises(GuardError, match="still a draft"):
        services.revise(actor=mia, version=second)
    services.update_draft(
        actor=mia,
        version=second,
        introduction="Ny tekst.",
        fulfilment_date=second.fulfilment_date,
        cooling_off_days=7,
        commitments=[apology(kari, beneficiary=ola)],
    )
    second = services.send_for_signing(actor=mia, version=second)
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED
    assert first.content_hash != second.content_hash
    assert not Signature.objects.filter(version=second).exists()
    with pytest.raises(GuardError, match="Ola Nordmann has not signed version 2"):
        services.approve(actor=mia, version=second)
    assert "agreement_revised" in kinds(held)


def test_approval_comes_only_after_every_signature_and_moves_the_case_to_follow_up(
    held, mia, ola, kari, django_capture_on_commit_callbacks, monkeypatch
):
    version = services.send_for_signing(actor=mia, version=draft(mia, held, cooling_off_days=5))
    services.sign(actor=mia, version=version, participant=Participant(ola), method="paper", statement="Signert.")
    with pytest.raises(GuardError) as refusal:
        services.approve(actor=mia, version=version)
    assert refusal.value.reasons == ["Kari Nordmann has not signed version 1 yet."]
    services.sign(actor=mia, version=version, participant=Participant(kari), method="paper", statement="Signert.")
    received = []
    # Only that the signal is sent after commit: what its receivers do is tested with them.
    monkeypatch.setattr(version_approved, "send", lambda sender, version: received.append((sender, version.pk)))
    with django_capture_on_commit_callbacks(execute=True):
        services.approve(actor=mia, version=version)
    version.refresh_from_db()
    held.refresh_from_db()
    assert held.status == Status.IN_FOLLOW_UP
    assert version.status == VersionStatus.APPROVED
    assert version.takes_effect_on == timezone.localdate() + dt.timedelta(days=5)
    assert received == [(AgreementVersion, version.pk)]
    assert kinds(held)[-2:] == ["agreement_approved", "status_changed"]
    with pytest.raises(GuardError):
        services.revise(actor=mia, version=version)


def test_guardians_of_a_minor_must_sign_before_approval(held_minor, mia):
    version = services.send_for_signing(actor=mia, version=draft(mia, held_minor))
    emil = held_minor.parties.get(full_name="Emil Olsen")
    per = held_minor.parties.get(full_name="Per Hansen")
    for party in (emil, per):
        services.sign(actor=mia, version=version, participant=Participant(party), method="paper", statement="Signert.")
    with pytest.raises(GuardError) as refusal:
        services.approve(actor=mia, version=version)
    assert refusal.value.reasons == ["Hanne Olsen, guardian of Emil Olsen, has not signed version 1 yet."]
    services.sign(
        actor=mia,
        version=version,
        participant=Participant(emil, emil.guardians.get()),
        method="paper",
        statement="Signert.",
    )
    services.approve(actor=mia, version=version)
    version.refresh_from_db()
    assert version.takes_effect_on == timezone.localdate() + dt.timedelta(days=14)


def test_a_guardian_signs_only_for_a_minor_of_their_own(held_minor, mia, held):
    version = services.send_for_signing(actor=mia, version=draft(mia, held_minor))
    per = held_minor.parties.get(full_name="Per Hansen")
    hanne = held_minor.parties.get(full_name="Emil Olsen").guardians.get()
    with pytest.raises(GuardError, match="signs only as guardian of a minor party"):
        services.sign(actor=mia, version=version, participant=Participant(per, hanne), method="paper", statement="x")
    with pytest.raises(GuardError, match="Only the parties of this case"):
        services.sign(
            actor=mia, version=version, participant=Participant(held.parties.first()), method="paper", statement="x"
        )


def test_a_party_signs_in_the_portal_only_for_themselves(held, mia, ola, kari, ola_user):
    version = services.send_for_signing(actor=mia, version=draft(mia, held))
    with pytest.raises(GuardError, match="only for themselves"):
        services.sign(
            actor=ola_user, version=version, participant=Participant(kari), method="portal", statement="Jeg er enig."
        )
    signature = services.sign(
        actor=ola_user, version=version, participant=Participant(ola), method="portal", statement="Jeg er enig."
    )
    assert (signature.content_hash, signature.method) == (version.content_hash, "portal")
    event = CaseEvent.objects.get(case=held, kind="agreement_signed")
    assert (event.visibility, event.payload["name"]) == ("parties", "Ola Nordmann")
    with pytest.raises(GuardError, match="already signed"):
        services.sign(
            actor=ola_user, version=version, participant=Participant(ola), method="portal", statement="Igjen."
        )


def test_a_signature_needs_a_method_a_statement_and_a_sensible_date(held, mia, ola):
    version = services.send_for_signing(actor=mia, version=draft(mia, held))
    with pytest.raises(GuardError, match="how the agreement was signed"):
        services.sign(actor=mia, version=version, participant=Participant(ola), method="fax", statement="x")
    with pytest.raises(GuardError, match="statement"):
        services.sign(actor=mia, version=version, participant=Participant(ola), method="paper", statement=" ")
    with pytest.raises(GuardError, match="not in the future"):
        services.sign(
            actor=mia,
            version=version,
            participant=Participant(ola),
            method="paper",
            statement="x",
            signed_at=timezone.now() + dt.timedelta(days=1),
        )


def test_a_draft_cannot_be_signed_or_approved(held, mia, ola):
    version = draft(mia, held)
    with pytest.raises(GuardError, match="not waiting for signatures"):
        services.sign(actor=mia, version=version, participant=Participant(ola), method="paper", statement="x")
    with pytest.raises(GuardError, match="not waiting for signatures"):
        services.approve(actor=mia, version=version)


def test_approval_refuses_a_version_whose_rows_changed_after_sending(held, mia):
    version = services.send_for_signing(actor=mia, version=draft(mia, held))
    sign_everyone(mia, version)
    Commitment.objects.filter(version=version).update(description="Noe annet")  # behind the services' back
    with pytest.raises(GuardError, match="changed since it was sent"):
        services.approve(actor=mia, version=version)


def test_approval_refuses_a_signature_given_on_other_wording(held, mia):
    version = services.send_for_signing(actor=mia, version=draft(mia, held))
    sign_everyone(mia, version)
    Signature.objects.filter(version=version).update(content_hash="0" * 64)
    with pytest.raises(GuardError, match="signed other wording"):
        services.approve(actor=mia, version=version)


def test_the_mediator_may_refuse_approval_with_a_reason_and_a_new_version_follows(held, mia):
    version = services.send_for_signing(actor=mia, version=draft(mia, held))
    with pytest.raises(GuardError, match="Give a reason"):
        services.refuse_approval(actor=mia, version=version, reason=" ")
    services.refuse_approval(actor=mia, version=version, reason="Urimelig ensidig.")
    version.refresh_from_db()
    assert (version.status, version.refusal_reason) == (VersionStatus.REFUSED, "Urimelig ensidig.")
    assert services.revise(actor=mia, version=version).number == 2
    held.refresh_from_db()
    assert held.status == Status.MEETING_HELD


def test_nothing_changes_on_a_closed_case(held, mia, alice, kari):
    version = draft(mia, held)
    party_services.withdraw_consent(actor=alice, participant=Participant(kari), reason="")
    with pytest.raises(GuardError, match="closed"):
        services.send_for_signing(actor=mia, version=AgreementVersion.objects.get(pk=version.pk))
