"""Checkpoints: the heads and their Merkle root, the signing key, writing, and refusing a bad signature."""

import base64
import datetime as dt
import json
import stat

import pytest
import time_machine
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from mekle.cases import checkpoints
from mekle.cases.checkpoints import CheckpointError, Head, merkle_root, read_checkpoint, write_checkpoint
from mekle.cases.checks import check_checkpoint_signing_key
from mekle.cases.models import CaseEvent
from mekle.lib.hashing import canonical_json


def pem_of(key):
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def public_pem_file(key, path):
    path.write_bytes(
        key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    return path


@pytest.fixture
def key(settings, tmp_path):
    key = Ed25519PrivateKey.generate()
    settings.MEKLE_CHECKPOINT_SIGNING_KEY = pem_of(key)
    settings.MEKLE_CHECKPOINT_DIR = tmp_path / "checkpoints"
    return key


HEADS = [Head(f"OSL-2026-{n:05d}", n, f"{n:064x}") for n in range(1, 6)]


def test_the_merkle_root_names_every_head_in_any_order():
    root = merkle_root(HEADS)
    assert merkle_root(reversed(HEADS)) == root
    assert merkle_root(HEADS[:4]) != root
    changed = [*HEADS[:2], Head(HEADS[2].reference, 3, "f" * 64), *HEADS[3:]]
    assert merkle_root(changed) != root
    assert merkle_root([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert len({merkle_root(HEADS[:n]) for n in range(1, 6)}) == 5


def test_a_checkpoint_holds_every_case_head_signed(key, case, minor_case):
    path = write_checkpoint()
    document = json.loads(path.read_text())
    newest = CaseEvent.objects.filter(case=case).order_by("-sequence").first()
    assert newest is not None
    assert {"case": case.reference, "sequence": newest.sequence, "hash": newest.hash} in document["cases"]
    assert document["case_count"] == 2
    assert document["key_id"] == checkpoints.key_id(key.public_key())
    assert stat.S_IMODE(path.stat().st_mode) == 0o444  # never rewritten in place
    read = read_checkpoint(path, key.public_key())
    assert read.heads[case.reference].hash == newest.hash
    assert read.merkle_root == document["merkle_root"]


def test_the_command_writes_one(key, settings, case, capsys):
    call_command("write_checkpoint")
    assert "Checkpoint written:" in capsys.readouterr().out
    assert len(list(settings.MEKLE_CHECKPOINT_DIR.glob("checkpoint-*.json"))) == 1


def test_a_checkpoint_is_mailed_to_the_archive_address_when_one_is_set(key, settings, case, mailoutbox):
    settings.MEKLE_CHECKPOINT_EMAIL = "arkiv@example.no"
    path = write_checkpoint()
    (mail,) = mailoutbox
    assert mail.to == ["arkiv@example.no"]
    assert mail.attachments[0][0] == path.name
    assert json.loads(mail.attachments[0][1]) == json.loads(path.read_text())


def test_a_checkpoint_edited_after_signing_is_refused(key, case, tmp_path, capsys):
    path = write_checkpoint()
    document = json.loads(path.read_text())
    document["cases"][0]["sequence"] = 1  # as if the case had had one event
    forged = tmp_path / "checkpoint-forged.json"
    forged.write_text(json.dumps(document))
    with pytest.raises(CommandError, match="Checkpoint refused: checkpoint-forged.json: the signature does not verify"):
        call_command("verify_timeline", "--checkpoint", str(forged))


def test_a_checkpoint_signed_by_another_key_is_refused(key, settings, case, tmp_path):
    path = write_checkpoint()
    other = Ed25519PrivateKey.generate()
    with pytest.raises(CommandError, match="the signature does not verify with the public key"):
        call_command(
            "verify_timeline",
            "--checkpoint",
            str(path),
            "--public-key",
            str(public_pem_file(other, tmp_path / "o.pem")),
        )
    settings.MEKLE_CHECKPOINT_PUBLIC_KEY_FILE = str(public_pem_file(other, tmp_path / "other.pem"))
    with pytest.raises(CommandError, match="the signature does not verify"):
        call_command("verify_timeline", "--checkpoint", str(path))


def test_the_right_public_key_from_a_file_verifies(key, case, tmp_path, capsys):
    path = write_checkpoint()
    call_command(
        "verify_timeline", "--checkpoint", str(path), "--public-key", str(public_pem_file(key, tmp_path / "k.pem"))
    )
    assert "agrees with 1 checkpoint(s)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("not json", "cannot be read as JSON"),
        ('{"format": "other"}', "not a Mekle timeline checkpoint"),
        ('{"format": "mekle-timeline-checkpoint/1", "signature": "%%%"}', "the signature does not verify"),
    ],
)
def test_a_file_that_is_no_checkpoint_is_refused(key, tmp_path, content, problem):
    path = tmp_path / "checkpoint-x.json"
    path.write_text(content)
    with pytest.raises(CheckpointError, match=problem):
        read_checkpoint(path, key.public_key())


def test_a_signed_checkpoint_with_a_wrong_root_or_malformed_cases_is_refused(key, tmp_path):
    body = {"format": checkpoints.FORMAT, "written_at": "x", "merkle_root": "0" * 64, "cases": []}
    for cases, problem in (([], "the Merkle root does not match"), ([{"case": "A"}], "the list of cases is malformed")):
        signed = {**body, "cases": cases}
        signature = key.sign(canonical_json(signed).encode())
        path = tmp_path / "checkpoint-y.json"
        path.write_text(json.dumps({**signed, "signature": base64.b64encode(signature).decode()}))
        with pytest.raises(CheckpointError, match=problem):
            read_checkpoint(path, key.public_key())


def test_no_checkpoint_files_is_an_error(key, tmp_path):
    with pytest.raises(CommandError, match="No checkpoint files in"):
        call_command("verify_timeline", "--checkpoint", str(tmp_path))


def test_an_unreadable_public_key_is_refused(key, tmp_path):
    with pytest.raises(CheckpointError, match="cannot be read"):
        checkpoints.public_key(tmp_path / "missing.pem")
    x25519 = X25519PrivateKey.generate().public_key()
    path = tmp_path / "x.pem"
    path.write_bytes(x25519.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    with pytest.raises(CheckpointError, match="not an Ed25519 key"):
        checkpoints.public_key(path)


def test_a_development_key_is_generated_once_into_var(settings, tmp_path):
    settings.DATABASE_URL = ""  # a laptop's set-up, also when these tests run on PostgreSQL
    settings.MEKLE_CHECKPOINT_SIGNING_KEY = ""
    settings.MEKLE_CHECKPOINT_SIGNING_KEY_PATH = tmp_path / "var" / "checkpoint_signing_key"
    first = checkpoints.signing_key()
    assert stat.S_IMODE(settings.MEKLE_CHECKPOINT_SIGNING_KEY_PATH.stat().st_mode) == 0o600
    assert checkpoints.key_id(checkpoints.signing_key().public_key()) == checkpoints.key_id(first.public_key())


def test_production_refuses_the_development_key(settings):
    settings.DEBUG = False
    settings.DATABASE_URL = "postgres://mekle@db/mekle"
    settings.MEKLE_CHECKPOINT_SIGNING_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="CHECKPOINT_SIGNING_KEY is not set"):
        checkpoints.signing_key()
    assert [e.id for e in check_checkpoint_signing_key()] == ["cases.E001"]
    settings.MEKLE_CHECKPOINT_SIGNING_KEY = pem_of(Ed25519PrivateKey.generate())
    assert check_checkpoint_signing_key() == []


def test_a_signing_key_of_another_kind_is_refused(settings):
    settings.MEKLE_CHECKPOINT_SIGNING_KEY = "not a key"
    with pytest.raises(ImproperlyConfigured, match="not a PEM private key"):
        checkpoints.signing_key()
    settings.MEKLE_CHECKPOINT_SIGNING_KEY = pem_of(X25519PrivateKey.generate())
    with pytest.raises(ImproperlyConfigured, match="must be an Ed25519 key"):
        checkpoints.signing_key()


def test_the_worker_writes_a_checkpoint_when_none_is_younger_than_a_day(key, settings, case):
    settings.MEKLE_CHECKPOINT_EVERY_HOURS = 24
    assert checkpoints.newest_checkpoint_at() is None
    with time_machine.travel("2026-12-01 08:00Z", tick=False):
        assert checkpoints.write_checkpoint_if_due() == 1
        assert checkpoints.newest_checkpoint_at() == dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC)
    with time_machine.travel("2026-12-02 07:59Z", tick=False):
        assert checkpoints.write_checkpoint_if_due() == 0  # the newest is not yet a day old
    with time_machine.travel("2026-12-02 08:00Z", tick=False):
        assert checkpoints.write_checkpoint_if_due() == 1
    assert len(list(settings.MEKLE_CHECKPOINT_DIR.glob("checkpoint-*.json"))) == 2


def test_the_worker_sweep_includes_the_checkpoint():
    from mekle.outbox import sweeps

    assert sweeps._catch_ups["cases.checkpoint"] is checkpoints.write_checkpoint_if_due
