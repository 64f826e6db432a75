"""Token signing keys: RSA key pairs kept in tenancy's database (the private half never leaves
it), published as a JWKS, rotated by adding a newer key.

The newest published key signs; every published key verifies, so tokens signed just before a
rotation stay valid until they expire, after which the superseded key is unpublished.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from canopy_shared.web.auth import StaticKeySource

ALGORITHM = "RS256"
KEY_BITS = 2048


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key_pem: str
    public_jwk: dict[str, Any]
    created_at: datetime
    retire_after: datetime | None = None


def new_signing_key(now: datetime, *, passphrase: bytes | None) -> SigningKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(private.public_key()))
    kid = _thumbprint(jwk)
    jwk.update(kid=kid, use="sig", alg=ALGORITHM)
    encryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    return SigningKey(kid, pem.decode(), jwk, now)


def _thumbprint(jwk: dict[str, Any]) -> str:
    """RFC 7638 key id: the same key always gets the same id."""
    canonical = json.dumps({k: jwk[k] for k in ("e", "kty", "n")}, separators=(",", ":"))
    return base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).decode()[:43]


def jwks(keys: list[SigningKey]) -> dict[str, Any]:
    return {"keys": [key.public_jwk for key in keys]}


class TokenSigner:
    """Signs claims with a stored key; decrypted private keys are cached per process."""

    def __init__(self, *, passphrase: bytes | None) -> None:
        self._passphrase = passphrase
        self._loaded: dict[str, Any] = {}

    def sign(self, claims: dict[str, Any], key: SigningKey) -> str:
        return jwt.encode(claims, self._private(key), algorithm=ALGORITHM, headers={"kid": key.kid})

    def _private(self, key: SigningKey) -> Any:
        if key.kid not in self._loaded:
            try:
                self._loaded[key.kid] = serialization.load_pem_private_key(
                    key.private_key_pem.encode(), password=self._passphrase
                )
            except (TypeError, ValueError) as err:
                raise RuntimeError(
                    f"signing key {key.kid} cannot be read: is TENANCY_SIGNING_KEY_PASSPHRASE "
                    f"the one it was stored with? ({err})"
                ) from None
        return self._loaded[key.kid]


class OwnPublicKeys:
    """Tenancy's verifier key source: its own JWKS read from its database (no HTTP call to
    itself), as a StaticKeySource rebuilt when a token names a key id it does not know (another
    worker created or rotated a key) and at least every `max_age_s` (retired keys drop out)."""

    def __init__(
        self,
        load_jwks: Callable[[], dict[str, Any]] | None = None,
        *,
        max_age_s: float = 60.0,
        min_reload_interval_s: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._load = load_jwks
        self._max_age_s = max_age_s
        self._min_interval_s = min_reload_interval_s
        self._monotonic = monotonic
        self._source: StaticKeySource | None = None
        self._loaded_at = float("-inf")
        self._lock = threading.Lock()
        self._misses: dict[str, float] = {}

    def bind(self, load_jwks: Callable[[], dict[str, Any]]) -> None:
        """Set the loader once the database sessions exist (built after the verifier)."""
        self._load = load_jwks

    def signing_key(self, token: str) -> Any:
        if self._monotonic() - self._loaded_at > self._max_age_s:
            self._reload()
        try:
            return self._current().signing_key(token)
        except jwt.InvalidTokenError:
            if not self._may_reload_for(str(jwt.get_unverified_header(token).get("kid"))):
                raise
            self._reload()
            return self._current().signing_key(token)

    def _may_reload_for(self, kid: str) -> bool:
        """A key id never seen is looked up at once (a key just made by another process);
        the same unknown id again only after the interval, so replayed garbage costs nothing."""
        now = self._monotonic()
        last = self._misses.get(kid)
        if last is not None and now - last < self._min_interval_s:
            return False
        if len(self._misses) > 1024:
            self._misses.clear()
        self._misses[kid] = now
        return True

    def _current(self) -> StaticKeySource:
        if self._source is None:
            raise jwt.InvalidTokenError("unknown key id")
        return self._source

    def _reload(self) -> None:
        assert self._load is not None, "OwnPublicKeys.bind() was never called"
        with self._lock:
            keys = self._load()
            self._source = StaticKeySource(keys) if keys["keys"] else None
            self._loaded_at = self._monotonic()
