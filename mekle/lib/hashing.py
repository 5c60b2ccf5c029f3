"""Canonical JSON and SHA-256: the ground the hash-chained timeline stands on."""

import hashlib
import json
from typing import Any


def canonical_json(value: Any) -> str:
    """Serialise *value* the same way every time: sorted keys, no spaces, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
