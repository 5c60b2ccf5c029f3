"""The canonical content of an agreement version, and the SHA-256 that freezes it."""

from collections.abc import Iterable
from typing import Any

from mekle.lib.hashing import canonical_json, sha256_hex

from .models import AgreementVersion, Commitment


def canonical_content(version: AgreementVersion, commitments: Iterable[Commitment]) -> dict[str, Any]:
    """What the parties sign: the text, the dates and every commitment, in order, as plain JSON values."""
    return {
        "introduction": version.introduction,
        "fulfilment_date": version.fulfilment_date.isoformat(),
        "cooling_off_days": version.cooling_off_days,
        "commitments": [
            {
                "kind": c.kind,
                "party": c.party_id,
                "beneficiary": c.beneficiary_id,
                "description": c.description,
                "due_on": c.due_on.isoformat(),
                "amount": None if c.amount is None else f"{c.amount:.2f}",
                "instalments": c.instalments,
            }
            for c in commitments
        ],
    }


def content_hash(version: AgreementVersion, commitments: Iterable[Commitment]) -> str:
    return sha256_hex(canonical_json(canonical_content(version, commitments)))
