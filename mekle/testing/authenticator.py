"""A software passkey (WebAuthn authenticator) for tests without a browser.

It answers `navigator.credentials.create` with attestation "none" and `navigator.credentials.get`
with an ES256 signature, built with the `cryptography` package exactly as a browser and a security
key would, so the pages' real py_webauthn verification checks them.
"""

import hashlib
import json
import struct
from base64 import urlsafe_b64decode, urlsafe_b64encode
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec


def b64(data: bytes) -> str:
    return urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class SoftwareAuthenticator:
    origin: str = "http://testserver"
    rp_id: str = "testserver"
    credential_id: bytes = field(default_factory=lambda: hashlib.sha256(b"mekle-test-passkey").digest())
    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    sign_count: int = 0

    def _client_data(self, kind: str, challenge: str) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False}).encode()

    def _auth_data(self, *, attested: bool) -> bytes:
        self.sign_count += 1
        flags = 0x01 | 0x04 | (0x40 if attested else 0)  # user present, user verified, attested credential
        data = hashlib.sha256(self.rp_id.encode()).digest() + bytes([flags]) + struct.pack(">I", self.sign_count)
        if attested:
            numbers = self.key.public_key().public_numbers()
            cose_key = {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")}
            data += bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id + cbor2.dumps(cose_key)
        return data

    def create(self, options: dict[str, Any]) -> str:
        """The browser's answer to registration options (as JSON, what passkeys.js posts)."""
        client_data = self._client_data("webauthn.create", options["challenge"])
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": self._auth_data(attested=True)})
        return json.dumps(
            {
                "id": b64(self.credential_id),
                "rawId": b64(self.credential_id),
                "type": "public-key",
                "response": {"clientDataJSON": b64(client_data), "attestationObject": b64(attestation)},
                "clientExtensionResults": {},
            }
        )

    def get(self, options: dict[str, Any]) -> str:
        """The browser's answer to sign-in options: the authenticator's signature over the challenge."""
        client_data = self._client_data("webauthn.get", options["challenge"])
        auth_data = self._auth_data(attested=False)
        signature = self.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return json.dumps(
            {
                "id": b64(self.credential_id),
                "rawId": b64(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": b64(client_data),
                    "authenticatorData": b64(auth_data),
                    "signature": b64(signature),
                },
                "clientExtensionResults": {},
            }
        )
