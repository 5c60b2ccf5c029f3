"""A retention rule's erasure of personal fields: the chain and every checkpoint still verify; an edit does not."""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.utils import translation

from mekle.cases import events as cases_events
from mekle.cases import services
from mekle.cases.checkpoints import write_checkpoint
from mekle.cases.models import CaseEvent
from mekle.lib.errors import Refusal
from mekle.parties import services as party_services
from mekle.parties.participants import Participant


@pytest.fixture
def checkpoint_key(settings, tmp_path):
    key = Ed25519PrivateKey.generate()
    settings.MEKLE_CHECKPOINT_SIGNING_KEY = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    settings.MEKLE_CHECKPOINT_DIR = tmp_path / "checkpoints"
    return key


@pytest.fixture
def closed_case(case, alice, ola):
    party_services.withdraw_consent(actor=alice, participant=Participant(ola))
    case.refresh_from_db()
    return case


def names_in(case):
    return [e.payload.get("name") for e in CaseEvent.objects.filter(case=case, kind="party_added")]


def test_erasing_a_closed_case_keeps_its_chain_and_checkpoints_verifiable(checkpoint_key, closed_case, capsys):
    checkpoint = write_checkpoint()
    call_command("erase_personal_data", closed_case.reference)
    assert "personal data erased from 5 event(s)" in capsys.readouterr().out
    assert names_in(closed_case) == ["", ""]
    withdrawal = CaseEvent.objects.get(case=closed_case, kind="status_changed", payload__to_status="withdrawn")
    assert withdrawal.payload["withdrawn_by"] == ""
    call_command("verify_timeline", "--checkpoint", str(checkpoint))
    assert "agrees with 1 checkpoint(s)" in capsys.readouterr().out
    assert services.erase_personal_data(case=closed_case) is None  # nothing left to erase


def test_an_open_case_is_not_erased(checkpoint_key, case, capsys):
    with pytest.raises(Refusal, match="Personopplysninger kan bare slettes fra en avsluttet sak."):
        services.erase_personal_data(case=case)
    with translation.override("en"), pytest.raises(CommandError, match=f"{case.reference}: Only a closed case's"):
        call_command("erase_personal_data", case.reference)
    with pytest.raises(CommandError, match="No such case: XXX-2026-00001"):
        call_command("erase_personal_data", "XXX-2026-00001")
    assert "Ola Nordmann" in names_in(case)


def test_an_edit_dressed_up_as_an_erasure_is_named(checkpoint_key, closed_case, capsys):
    event = CaseEvent.objects.filter(case=closed_case, kind="party_added").earliest("sequence")
    edited = {**event.payload, "name": "", "role": "offender"}
    CaseEvent.objects.filter(pk=event.pk).update(payload=edited)
    from mekle.cases.chain import digest_of

    forged = services.record_event(  # appended as someone who can compute hashes, but has not the key
        case=closed_case,
        kind=cases_events.PERSONAL_DATA_ERASED,
        payload={"erased": {str(event.sequence): digest_of(edited)}, "signature": "AAAA"},
    )
    with pytest.raises(CommandError, match="2 finding"):
        call_command("verify_timeline", closed_case.reference)
    err = capsys.readouterr().err
    assert f"event #{forged.sequence} (personal_data_erased) erasure forged" in err
    assert f"event #{event.sequence} (party_added) payload edited" in err


def test_a_payload_edited_after_its_erasure_is_named(checkpoint_key, closed_case, capsys):
    services.erase_personal_data(case=closed_case)
    event = CaseEvent.objects.filter(case=closed_case, kind="party_added").earliest("sequence")
    CaseEvent.objects.filter(pk=event.pk).update(payload={**event.payload, "minor": True})
    with pytest.raises(CommandError, match="1 finding"):
        call_command("verify_timeline", closed_case.reference)
    assert f"event #{event.sequence} (party_added) payload edited" in capsys.readouterr().err


def test_an_erasure_event_without_its_list_is_forged(checkpoint_key, closed_case, capsys):
    event = services.erase_personal_data(case=closed_case)
    assert event is not None
    CaseEvent.objects.filter(pk=event.pk).update(payload={"erased": [], "signature": event.payload["signature"]})
    with pytest.raises(CommandError):
        call_command("verify_timeline", closed_case.reference)
    assert "erasure forged" in capsys.readouterr().err
