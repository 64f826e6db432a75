"""Encryption of pseudonym keys at rest, with an optional key-encryption key (KEK).

With `ANONYMIZER_KEY_ENCRYPTION_KEY` set, each key is stored AES-256-GCM-encrypted under the
KEK, bound to its (district, school year) row, so a database dump or backup alone cannot
recompute a pseudonym. Without it (the embedded `make run` default) keys are stored as they are.
Rows remember which KEK wrapped them (its id, never the KEK), so a missing or wrong KEK stops the
consumer with a clear error instead of producing different pseudonyms.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEK_BYTES = 32
_NONCE_BYTES = 12


class KeyUnavailable(RuntimeError):
    """A stored key cannot be decrypted with the configured KEK (an operator must fix the
    configuration; the message is retried, never dead-lettered)."""


def kek_id(kek: bytes) -> str:
    return hmac.new(kek, b"canopy-anonymizer-kek-id", hashlib.sha256).hexdigest()[:16]


def _associated_data(district_id: str, school_year: str) -> bytes:
    return f"{district_id}/{school_year}".encode()


class KeyWrapping:
    def __init__(self, kek: bytes | None) -> None:
        if kek is not None and len(kek) != KEK_BYTES:
            raise ValueError(f"the key-encryption key must have {KEK_BYTES} bytes")
        self._aead = AESGCM(kek) if kek is not None else None
        self.kek_id = kek_id(kek) if kek is not None else None

    def wrap(self, secret: bytes, *, district_id: str, school_year: str) -> bytes:
        """What to store for `secret` (encrypted when a KEK is configured)."""
        if self._aead is None:
            return secret
        nonce = os.urandom(_NONCE_BYTES)
        aad = _associated_data(district_id, school_year)
        return nonce + self._aead.encrypt(nonce, secret, aad)

    def unwrap(
        self, stored: bytes, *, wrapped_by: str | None, district_id: str, school_year: str
    ) -> bytes:
        if wrapped_by is None:
            return stored  # stored before encryption at rest was turned on
        if self._aead is None or wrapped_by != self.kek_id:
            raise KeyUnavailable(
                f"the key of district {district_id} for {school_year} is encrypted with KEK "
                f"{wrapped_by}; ANONYMIZER_KEY_ENCRYPTION_KEY is "
                f"{'KEK ' + self.kek_id if self.kek_id else 'not set'}"
            )
        nonce, ciphertext = stored[:_NONCE_BYTES], stored[_NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, ciphertext, _associated_data(district_id, school_year))
        except InvalidTag:
            raise KeyUnavailable(
                f"the stored key of district {district_id} for {school_year} fails its "
                "integrity check (tampered, or moved from another row)"
            ) from None
