"""Sending a version for signing tells its signers by e-mail, in the sending transaction."""

import pytest
from django.utils import translation

from mekle.agreements import services, tasks
from mekle.cases.lifecycle import GuardError
from mekle.mediators import services as mediator_services
from mekle.outbox.models import OutboxEmail
from mekle.testing.agreements import draft, hold_meeting_with_agreement


@pytest.fixture
def held(alice, mia, minor_case):
    mediator_services.assign_mediator(actor=alice, case=minor_case, mediator=mia)
    hold_meeting_with_agreement(alice, mia, minor_case)
    return minor_case


def test_every_signer_with_an_address_is_told_once_in_their_language(held, mia):
    per = held.parties.get(full_name="Per Hansen")
    per.email, per.preferred_language = "per@example.no", "en"
    per.save()
    emil = held.parties.get(full_name="Emil Olsen")
    emil.guardians.update(email="hanne@example.no")  # a minor's guardian signs too
    version = draft(mia, held)
    assert not OutboxEmail.objects.filter(source=tasks.SIGNING).exists()  # a draft tells nobody
    services.send_for_signing(actor=mia, version=version)
    emails = {email.to[0]: email for email in OutboxEmail.objects.filter(source=tasks.SIGNING)}
    assert set(emails) == {"per@example.no", "hanne@example.no"}  # Emil has no address: told by phone or letter
    assert emails["per@example.no"].subject == "Something is ready for you to sign"
    assert emails["hanne@example.no"].subject == "Noe er klart til at du kan signere"
    assert f"/portal/cases/{held.reference}/agreement/" in emails["per@example.no"].body
    assert "Per Hansen" not in emails["per@example.no"].body  # neutral: names nobody
    assert tasks.queue_signing_emails(version) == []  # run again: nobody told twice


def test_a_refused_sending_tells_nobody(held, mia):
    per = held.parties.get(full_name="Per Hansen")
    per.email = "per@example.no"
    per.save()
    version = draft(mia, held, commitments=[])
    with translation.override("en"), pytest.raises(GuardError, match="at least one commitment"):
        services.send_for_signing(actor=mia, version=version)
    assert not OutboxEmail.objects.exists()
