"""Minting tokens shaped like tenancy's, for tests of services that verify them."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from canopy_shared.web.auth import AUDIENCE, ISSUER, StaticKeySource, TokenVerifier


class TestSigner:
    """An RSA key pair with its JWKS, minting RS256 tokens with tenancy's claims."""

    __test__ = False  # not a pytest test class

    def __init__(self, kid: str = "test-key") -> None:
        self.kid = kid
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    @property
    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private_key.public_key()))
        jwk.update(kid=self.kid, use="sig", alg="RS256")
        return {"keys": [jwk]}

    def verifier(self) -> TokenVerifier:
        return TokenVerifier(StaticKeySource(self.jwks))

    def mint(
        self,
        *,
        role: str,
        org_id: str | None = None,
        org_tier: str = "district",
        district_id: str | None = None,
        region_id: str | None = None,
        expires_in: timedelta = timedelta(hours=1),
        **overrides: Any,
    ) -> str:
        now = datetime.now(UTC)
        claims = {
            "sub": str(uuid.uuid4()),
            "role": role,
            "org_id": org_id or str(uuid.uuid4()),
            "org_tier": org_tier,
            "district_id": district_id,
            "region_id": region_id,
            "aud": AUDIENCE,
            "iss": ISSUER,
            "iat": now,
            "exp": now + expires_in,
        }
        claims.update(overrides)
        return jwt.encode(claims, self.private_key, algorithm="RS256", headers={"kid": self.kid})
