"""Signed checkpoints of the timeline: every case's chain head, anchored outside the database.

A checkpoint is a JSON file: the newest sequence number and hash of every case's chain, a Merkle
tree root over them, and an Ed25519 signature by a key the database does not hold. Written at
least daily (`write_checkpoint`, scheduled by the worker) and on demand (`manage.py
write_checkpoint`) to ``MEKLE_CHECKPOINT_DIR`` (and to ``MEKLE_CHECKPOINT_EMAIL``, if set), a place
the database administrator cannot change. `verify_timeline --checkpoint FILE` then finds deleted
newest events, a truncated case and a recomputed chain (docs/timeline.md has the threat model).
"""

import base64
import contextlib
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.db.models import OuterRef, Subquery

from mekle.lib import clock
from mekle.lib.hashing import canonical_json

from .models import Case, CaseEvent

FORMAT = "mekle-timeline-checkpoint/1"

MISSING_KEY = (
    "CHECKPOINT_SIGNING_KEY is not set. With DEBUG off and DATABASE_URL set this is a production set-up, whose "
    "timeline checkpoints must be signed with a key kept away from the database and its administrator, not the "
    "development key generated in var/: set CHECKPOINT_SIGNING_KEY_FILE to an Ed25519 private key in PEM "
    "(`openssl genpkey -algorithm ed25519 -out checkpoint_signing_key.pem`)."
)


class CheckpointError(Exception):
    """A checkpoint file that cannot be trusted: unreadable, of another format, or badly signed."""


@dataclass(frozen=True)
class Head:
    """The newest event of one case's chain."""

    reference: str
    sequence: int
    hash: str


@dataclass(frozen=True)
class Checkpoint:
    """A checkpoint read back and verified: where it came from, when it was written, and its heads."""

    name: str
    written_at: str
    heads: dict[str, Head]
    merkle_root: str

    def __str__(self) -> str:
        return f"{self.name} (written {self.written_at})"


# --- The heads and their Merkle root -----------------------------------------------------------


def chain_heads() -> list[Head]:
    """Every case's newest event, by reference: one query, each head read along the (case, sequence) index."""
    newest = CaseEvent.objects.filter(case=OuterRef("pk")).order_by("-sequence")
    rows = (
        Case.objects.annotate(
            head_sequence=Subquery(newest.values("sequence")[:1]), head_hash=Subquery(newest.values("hash")[:1])
        )
        .filter(head_sequence__isnull=False)
        .order_by("reference")
        .values_list("reference", "head_sequence", "head_hash")
    )
    return [Head(reference, sequence, hash_) for reference, sequence, hash_ in rows]


def merkle_root(heads: Iterable[Head]) -> str:
    """The root of a binary Merkle tree over the heads in reference order (RFC 6962's leaf and node prefixes).

    One hash names every chain at once: it can be printed, read over the phone or published, and a
    single case's head can later be proven part of it without showing the others.
    """
    level = [
        hashlib.sha256(b"\x00" + canonical_json([h.reference, h.sequence, h.hash]).encode()).digest()
        for h in sorted(heads, key=lambda h: h.reference)
    ]
    if not level:
        return hashlib.sha256(b"").hexdigest()
    while len(level) > 1:
        paired = [hashlib.sha256(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)]
        level = paired + level[len(paired) * 2 :]
    return level[0].hex()


# --- Keys --------------------------------------------------------------------------------------


def production_key_missing() -> bool:
    """Whether a production-shaped set-up (DEBUG off, DATABASE_URL set) has no signing key of its own."""
    return not settings.DEBUG and bool(settings.DATABASE_URL) and not settings.MEKLE_CHECKPOINT_SIGNING_KEY


def signing_key() -> Ed25519PrivateKey:
    """The configured Ed25519 key; on a development set-up without one, a key generated once into var/."""
    if production_key_missing():
        raise ImproperlyConfigured(MISSING_KEY)
    pem = settings.MEKLE_CHECKPOINT_SIGNING_KEY or _local_key(Path(settings.MEKLE_CHECKPOINT_SIGNING_KEY_PATH))
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except ValueError as error:
        raise ImproperlyConfigured(f"The checkpoint signing key is not a PEM private key: {error}") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured("The checkpoint signing key must be an Ed25519 key.")
    return key


def _local_key(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        with contextlib.suppress(FileExistsError):  # another process was first: its key is the one
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as file:
                file.write(pem)
    return path.read_text()


def public_key(path: str | Path | None = None) -> Ed25519PublicKey:
    """The key signatures are checked with: from `path`, else CHECKPOINT_PUBLIC_KEY_FILE, else the signing key's."""
    path = path or settings.MEKLE_CHECKPOINT_PUBLIC_KEY_FILE
    if not path:
        return signing_key().public_key()
    try:
        key = serialization.load_pem_public_key(Path(path).read_bytes())
    except (OSError, ValueError) as error:
        raise CheckpointError(f"The public key {path} cannot be read: {error}") from error
    if not isinstance(key, Ed25519PublicKey):
        raise CheckpointError(f"The public key {path} is not an Ed25519 key.")
    return key


def key_id(key: Ed25519PublicKey) -> str:
    """A short name for a public key: the start of the SHA-256 of its raw bytes."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def erasure_message(reference: str, erased: dict[str, str]) -> bytes:
    """What an erasure's signature covers (``services.erase_personal_data``): the case, and each erased
    event's payload digest after erasure. Signed with the checkpoint key, so the database cannot forge one."""
    return canonical_json({"case": reference, "erased": erased}).encode()


# --- Writing -----------------------------------------------------------------------------------


def checkpoint_document(heads: list[Head], key: Ed25519PrivateKey, written_at: dt.datetime) -> dict[str, Any]:
    """The signed checkpoint: the signature covers the canonical JSON of every other field."""
    body = {
        "format": FORMAT,
        "written_at": written_at.astimezone(dt.UTC).isoformat(),
        "key_id": key_id(key.public_key()),
        "case_count": len(heads),
        "merkle_root": merkle_root(heads),
        "cases": [{"case": h.reference, "sequence": h.sequence, "hash": h.hash} for h in heads],
    }
    signature = key.sign(canonical_json(body).encode())
    return {**body, "signature": base64.b64encode(signature).decode()}


def newest_checkpoint_at() -> dt.datetime | None:
    """When the newest checkpoint in the directory was written (by its name), or None if there is none."""
    directory = Path(settings.MEKLE_CHECKPOINT_DIR)
    names = sorted(path.name for path in directory.glob("checkpoint-*.json")) if directory.is_dir() else []
    if not names:
        return None
    stamp = names[-1].removeprefix("checkpoint-").removesuffix(".json")
    return dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)


def write_checkpoint_if_due() -> int:
    """The worker's sweep: a checkpoint when the newest is ``MEKLE_CHECKPOINT_EVERY_HOURS`` old (or
    none exists); 1 when one was written. Two workers at the same moment may both write one: harmless."""
    newest = newest_checkpoint_at()
    if newest is not None and clock.now() - newest < dt.timedelta(hours=settings.MEKLE_CHECKPOINT_EVERY_HOURS):
        return 0
    write_checkpoint()
    return 1


def write_checkpoint() -> Path:
    """Write a signed checkpoint of every chain head to the checkpoint directory (and e-mail it, if set).

    The plain function the worker schedules daily; ``manage.py write_checkpoint`` runs it on demand.
    Files are never overwritten: each is created once, named by its time, and left read-only.
    """
    key = signing_key()
    written_at = clock.now()
    document = checkpoint_document(chain_heads(), key, written_at)
    text = json.dumps(document, indent=1, sort_keys=True) + "\n"
    directory = Path(settings.MEKLE_CHECKPOINT_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"checkpoint-{written_at.astimezone(dt.UTC):%Y%m%dT%H%M%S%fZ}.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
    with os.fdopen(fd, "w") as file:
        file.write(text)
    if settings.MEKLE_CHECKPOINT_EMAIL:
        message = EmailMessage(
            subject=f"Mekle timeline checkpoint {document['written_at']}",
            body=f"Merkle root: {document['merkle_root']}\nCases: {document['case_count']}\n",
            to=[settings.MEKLE_CHECKPOINT_EMAIL],
        )
        message.attach(path.name, text, "application/json")
        message.send()
    return path


# --- Reading -----------------------------------------------------------------------------------


def read_checkpoint(path: str | Path, key: Ed25519PublicKey) -> Checkpoint:
    """The checkpoint in `path`, once its format, signature and Merkle root check out; else `CheckpointError`."""
    name = Path(path).name
    try:
        document = json.loads(Path(path).read_text())
    except (OSError, ValueError) as error:
        raise CheckpointError(f"{name}: cannot be read as JSON ({error})") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CheckpointError(f"{name}: not a Mekle timeline checkpoint ({FORMAT})")
    body = {k: v for k, v in document.items() if k != "signature"}
    try:
        key.verify(base64.b64decode(str(document.get("signature", "")), validate=True), canonical_json(body).encode())
    except (InvalidSignature, ValueError) as error:
        raise CheckpointError(f"{name}: the signature does not verify with the public key {key_id(key)}") from error
    try:
        heads = {c["case"]: Head(str(c["case"]), int(c["sequence"]), str(c["hash"])) for c in document["cases"]}
    except (KeyError, TypeError, ValueError) as error:  # signed, yet malformed: written by another program
        raise CheckpointError(f"{name}: the list of cases is malformed") from error
    if merkle_root(heads.values()) != document.get("merkle_root"):
        raise CheckpointError(f"{name}: the Merkle root does not match its cases")
    return Checkpoint(name=name, written_at=str(document["written_at"]), heads=heads, merkle_root=body["merkle_root"])


def checkpoint_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files named, a directory standing for every checkpoint in it, oldest first."""
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(sorted(path.glob("checkpoint-*.json")) if path.is_dir() else [path])
    return files
