"""The six tamperings of issue 13, each done as someone with database access would, each found and named.

Every test writes a signed checkpoint of the untouched data first (the daily run), tampers behind
the services' back, then runs ``verify_timeline --checkpoint`` and expects the tampering by name.
"""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command

from mekle.cases.chain import digest_of, event_hash
from mekle.cases.checkpoints import write_checkpoint
from mekle.cases.models import Case, CaseEvent
from mekle.mediators.models import Assignment
from mekle.parties.models import Consent
from mekle.testing.cast import consent


@pytest.fixture
def checkpoint_key(settings, tmp_path):
    key = Ed25519PrivateKey.generate()
    settings.MEKLE_CHECKPOINT_SIGNING_KEY = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    settings.MEKLE_CHECKPOINT_DIR = tmp_path / "checkpoints"
    return key


@pytest.fixture
def checkpoint(checkpoint_key, case, minor_case, alice, ola):
    consent(alice, ola)
    return write_checkpoint()


def findings_of(capsys, *args):
    with pytest.raises(CommandError, match=r"finding\(s\)") as raised:
        call_command("verify_timeline", *args)
    return capsys.readouterr().err, str(raised.value)


def recompute_chain(case, *, from_sequence):
    """Re-derive digests and hashes from `from_sequence` on, so the chain in the database is intact again."""
    events = list(CaseEvent.objects.filter(case=case).order_by("sequence"))
    prev_hash = ""
    for event in events:
        if event.sequence >= from_sequence:
            digest = digest_of(event.payload)
            event.hash = event_hash(
                case_reference=case.reference,
                sequence=event.sequence,
                kind=event.kind,
                actor_id=event.actor_id,
                occurred_at=event.occurred_at,
                payload_digest=digest,
                visibility=event.visibility,
                prev_hash=prev_hash,
            )
            CaseEvent.objects.filter(pk=event.pk).update(payload_digest=digest, prev_hash=prev_hash, hash=event.hash)
        prev_hash = event.hash


def test_untouched_data_verifies_against_its_checkpoint(checkpoint, case, alice, mia, capsys):
    from mekle.mediators import services as mediator_services

    mediator_services.unassign_mediator(actor=alice, case=case, mediator=mia)  # the timeline grows after it
    call_command("verify_timeline", "--checkpoint", str(checkpoint))
    out = capsys.readouterr().out
    assert "2 case timeline(s) verified" in out
    assert "agrees with 1 checkpoint(s)" in out


def test_untouched_data_verifies_without_any_checkpoint(case, minor_case, capsys):
    call_command("verify_timeline")
    assert "2 case timeline(s) verified; every chain is intact, every state table agrees." in capsys.readouterr().out


def test_a_payload_edit_is_named(checkpoint, case, capsys):
    event = CaseEvent.objects.get(case=case, kind="consent_given")
    CaseEvent.objects.filter(pk=event.pk).update(payload={**event.payload, "method": "in_person"})
    err, _summary = findings_of(capsys, "--checkpoint", str(checkpoint))
    assert f"{case.reference}: event #{event.sequence} (consent_given) payload edited" in err


def test_a_middle_deletion_is_named(checkpoint, case, capsys):
    middle = CaseEvent.objects.filter(case=case).order_by("sequence")[1]
    CaseEvent.objects.filter(pk=middle.pk).delete()
    err, _summary = findings_of(capsys, "--checkpoint", str(checkpoint))
    assert f"{case.reference}: event #{middle.sequence + 1}" in err
    assert f"event deleted: expected #{middle.sequence} before it" in err


def test_deleting_the_newest_events_is_named_with_the_checkpoint_it_contradicts(checkpoint, case, capsys):
    newest = CaseEvent.objects.filter(case=case).order_by("-sequence")
    last, before_last = newest[0], newest[1]
    CaseEvent.objects.filter(pk__in=[last.pk, before_last.pk]).delete()
    err, _summary = findings_of(capsys, "--checkpoint", str(checkpoint))
    assert f"{case.reference}: newest events deleted: checkpoint {checkpoint.name}" in err
    assert f"has event #{last.sequence}; the timeline now ends at #{last.sequence - 2}" in err


def test_without_a_checkpoint_a_deletion_of_the_newest_events_goes_unseen_by_the_chain(checkpoint, case, capsys):
    """Why checkpoints exist: the chain alone cannot see a shortened end (here it did not close a case)."""
    last = CaseEvent.objects.filter(case=case).order_by("-sequence").first()
    assert last is not None
    assert last.kind == "consent_given"
    CaseEvent.objects.filter(pk=last.pk).delete()
    Consent.objects.filter(party__case=case).delete()  # the DBA tidies the state table too
    call_command("verify_timeline", case.reference)
    err, _summary = findings_of(capsys, case.reference, "--checkpoint", str(checkpoint))
    assert f"{case.reference}: newest events deleted" in err


def test_a_state_table_edit_names_every_difference(checkpoint, case, ola, mia, capsys):
    Case.objects.filter(pk=case.pk).update(status="fulfilled")
    Consent.objects.filter(party=ola).update(withdrawn_at="2026-01-01T00:00:00Z")
    Assignment.objects.filter(case=case, mediator=mia).update(ended_at="2026-01-01T00:00:00Z")
    err, summary = findings_of(capsys, "--checkpoint", str(checkpoint))
    assert f"{case.reference}: state table edited: the case's status is “fulfilled”; its events say “received”" in err
    assert f"party #{ola.pk}'s consent is absent in the table; the events say given" in err
    assert f"mediator #{mia.pk} is assigned on the timeline, but not in the table" in err
    assert summary.startswith("3 finding(s)")


def test_a_fully_recomputed_chain_is_named_with_the_checkpoint_it_contradicts(checkpoint, case, capsys):
    event = CaseEvent.objects.filter(case=case, kind="party_added").earliest("sequence")
    CaseEvent.objects.filter(pk=event.pk).update(payload={**event.payload, "name": "Someone Else"})
    recompute_chain(case, from_sequence=1)
    call_command("verify_timeline", case.reference)  # the chain alone is intact again …
    err, _summary = findings_of(capsys, "--checkpoint", str(checkpoint))  # … but not against the checkpoint
    newest = CaseEvent.objects.filter(case=case).order_by("-sequence").first()
    assert newest is not None
    assert (
        f"{case.reference}: event #{newest.sequence} ({newest.kind}) chain recomputed: "
        f"its hash differs from checkpoint {checkpoint.name}"
    ) in err


def test_a_truncated_case_is_named(checkpoint, case, minor_case, capsys):
    CaseEvent.objects.filter(case=case).delete()
    err, _summary = findings_of(capsys, "--checkpoint", str(checkpoint))
    assert f"{case.reference}: case truncated: checkpoint {checkpoint.name}" in err
    assert "none are left" in err
    assert f"{minor_case.reference}: case" not in err


def test_a_truncated_events_table_names_every_case(checkpoint, case, minor_case, capsys):
    CaseEvent.objects.all().delete()
    err, summary = findings_of(capsys, "--checkpoint", str(checkpoint))
    assert f"{case.reference}: case truncated" in err
    assert f"{minor_case.reference}: case truncated" in err


def test_a_case_gone_from_the_database_is_named(checkpoint, case, capsys):
    old = case.reference
    Case.objects.filter(pk=case.pk).update(reference="OSL-2026-09999")
    err, _summary = findings_of(capsys, "--checkpoint", str(checkpoint))
    assert f"{old}: case deleted: checkpoint {checkpoint.name} (written " in err
    assert ") has it with 5 event(s)" in err
    assert "OSL-2026-09999: event #1 (case_opened) event edited" in err


def test_a_case_named_but_gone_is_found_through_the_checkpoint(checkpoint, case, capsys):
    old = case.reference
    Case.objects.filter(pk=case.pk).update(reference="OSL-2026-09999")
    err, summary = findings_of(capsys, old, "--checkpoint", str(checkpoint))
    assert f"{old}: case deleted" in err
    assert summary == "1 finding(s) in 0 case timeline(s)"


def test_every_checkpoint_in_a_directory_is_checked(checkpoint, case, capsys):
    second = write_checkpoint()
    CaseEvent.objects.filter(case=case).order_by("-sequence").first().delete()  # type: ignore[union-attr]
    err, _summary = findings_of(capsys, "--checkpoint", str(checkpoint.parent))
    assert f"newest events deleted: checkpoint {checkpoint.name}" in err
    assert f"newest events deleted: checkpoint {second.name}" in err
