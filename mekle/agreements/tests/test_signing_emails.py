"""The neutral e-mail that tells each signer an agreement waits for them: once, in the sending
transaction, and never to someone who cannot or need not sign in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mekle.agreements import services
from mekle.agreements.signing_emails import SIGNATURE_DUE, queue_signature_requests
from mekle.cases.lifecycle import GuardError
from mekle.mediators import services as mediator_services
from mekle.outbox.models import OutboxEmail
from mekle.parties import services as party_services
from mekle.parties.models import Party
from mekle.parties.participants import Participant
from mekle.testing.agreements import draft, hold_meeting_with_agreement, sign_everyone


@pytest.fixture
def held(case, alice, mia, ola, kari):
    ola.email, ola.preferred_language = "ola@example.no", "nn"
    ola.save()
    kari.email = "kari@example.no"
    kari.save()
    return hold_meeting_with_agreement(alice, mia, case)


def sent_emails():
    return list(OutboxEmail.objects.filter(source=SIGNATURE_DUE).order_by("key"))


def test_sending_for_signing_queues_one_neutral_email_per_signer(held, mia):
    version = services.send_for_signing(actor=mia, version=draft(mia, held))
    emails = sent_emails()
    assert sorted(address for email in emails for address in email.to) == ["kari@example.no", "ola@example.no"]
    for email in emails:
        text = email.subject + email.body
        assert held.reference not in text
        assert "Ola" not in text
        assert "Kari" not in text
        assert "hekk" not in text
        assert "http://127.0.0.1:8000/portal/" in email.body
    nynorsk = next(email for email in emails if email.to == ["ola@example.no"])
    assert nynorsk.subject == "Noko ventar på underskrifta di"
    assert {email.key for email in emails} == {f"{version.pk}:{p.pk}:-" for p in held.parties.all()}


def test_the_email_is_queued_once_however_often_it_is_asked_for(held, mia):
    version = services.send_for_signing(actor=mia, version=draft(mia, held))
    assert queue_signature_requests(version) == []
    assert len(sent_emails()) == 2


def test_no_email_to_a_party_without_an_address_or_whose_portal_access_ended(held, mia, alice, ola, kari):
    ola.email = ""
    ola.save()
    party_services.invite_to_portal(actor=alice, participant=Participant(kari), send_email=False)
    party_services.end_portal_access(actor=alice, participant=Participant(kari))
    services.send_for_signing(actor=mia, version=draft(mia, held))
    assert sent_emails() == []


def test_no_email_to_a_signer_who_has_already_signed(held, mia, ola):
    version = services.send_for_signing(actor=mia, version=draft(mia, held))
    OutboxEmail.objects.all().delete()
    sign_everyone(mia, version)
    assert queue_signature_requests(version) == []


def test_a_refused_sending_queues_nothing(held, mia):
    version = draft(mia, held, commitments=[])
    with pytest.raises(GuardError):
        services.send_for_signing(actor=mia, version=version)
    assert sent_emails() == []


def test_a_minors_guardian_is_told_too(minor_case, alice, mia):
    mediator_services.assign_mediator(actor=alice, case=minor_case, mediator=mia)
    minor = minor_case.parties.get(full_name="Emil Olsen")
    guardian = minor.guardians.get()
    guardian.email = "hanne@example.no"
    guardian.save()
    held = hold_meeting_with_agreement(alice, mia, minor_case)
    version = services.send_for_signing(actor=mia, version=draft(mia, held))
    assert [email.to for email in sent_emails()] == [["hanne@example.no"]]
    assert sent_emails()[0].key == f"{version.pk}:{minor.pk}:{guardian.pk}"


def test_the_queries_do_not_grow_with_the_signers(held, mia, alice):
    version = services.send_for_signing(actor=mia, version=draft(mia, held))
    OutboxEmail.objects.all().delete()
    with CaptureQueriesContext(connection) as two:
        queue_signature_requests(version)
    OutboxEmail.objects.all().delete()
    for n in range(3):
        Party.objects.create(case=held, full_name=f"Vitne {n}", role="other", email=f"v{n}@example.no")
    with CaptureQueriesContext(connection) as five:
        queue_signature_requests(version)
    assert len(sent_emails()) == 5
    inserts = 3  # one row each for the three added signers
    assert len(five.captured_queries) == len(two.captured_queries) + inserts
