"""Tenancy's real tokens against the shared verifier every service uses (canopy_shared's
TokenVerifier fed by the published JWKS): expired, wrong-signature, tampered, wrong-audience and
`alg: none` tokens are rejected; key rotation keeps issued tokens valid until they expire."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import jwt
import pytest

from canopy_shared.errors import Unauthenticated
from canopy_shared.testing.tokens import TestSigner
from canopy_shared.web.auth import StaticKeySource, TokenVerifier
from canopy_tenancy.adapters.signing_keys import TokenSigner
from canopy_tenancy.services.auth import rotate_signing_key

from .conftest import email


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


@pytest.fixture
def issued(net) -> str:
    net.bootstrap("district", "Brazos ISD", email("d.admin"))
    return net.sign_in(email("d.admin"))["Authorization"].split(" ", 1)[1]


def _verifier(client) -> TokenVerifier:
    return TokenVerifier(StaticKeySource(client.get("/.well-known/jwks.json").json))


def _claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def _sign_with_tenancys_key(deps, claims: dict) -> str:
    with deps.unit_of_work() as uow:
        key = uow.keys.published(deps.clock())[0]
    return TokenSigner(passphrase=None).sign(claims, key)


def test_a_fresh_token_is_accepted(client, issued) -> None:
    assert _verifier(client).verify(issued).role == "district_admin"


def test_an_expired_token_is_rejected(net, client, clock) -> None:
    net.bootstrap("district", "Brazos ISD", email("d.admin"))
    clock.offset = -timedelta(hours=2)  # issued two hours ago with a one-hour lifetime
    old = net.sign_in(email("d.admin"))["Authorization"].split(" ", 1)[1]
    with pytest.raises(Unauthenticated, match="expired"):
        _verifier(client).verify(old)


def test_a_token_signed_by_another_key_with_the_same_key_id_is_rejected(client, issued) -> None:
    forger = TestSigner(kid=jwt.get_unverified_header(issued)["kid"])
    forged = jwt.encode(
        _claims(issued), forger.private_key, algorithm="RS256", headers={"kid": forger.kid}
    )
    with pytest.raises(Unauthenticated, match="Signature"):
        _verifier(client).verify(forged)


def test_a_tampered_token_is_rejected(client, issued) -> None:
    header, _, signature = issued.split(".")
    promoted = {**_claims(issued), "role": "region_admin"}
    with pytest.raises(Unauthenticated, match="Signature"):
        _verifier(client).verify(f"{header}.{_b64(promoted)}.{signature}")


def test_a_token_for_another_audience_is_rejected_even_with_tenancys_key(
    client, deps, issued
) -> None:
    other = _sign_with_tenancys_key(deps, {**_claims(issued), "aud": "another-product"})
    with pytest.raises(Unauthenticated, match=r"(?i)audience"):
        _verifier(client).verify(other)
    assert _verifier(client).verify(_sign_with_tenancys_key(deps, _claims(issued)))


def test_an_unsigned_alg_none_token_is_rejected(client, issued) -> None:
    kid = jwt.get_unverified_header(issued)["kid"]
    unsigned = f"{_b64({'alg': 'none', 'typ': 'JWT', 'kid': kid})}.{_b64(_claims(issued))}."
    with pytest.raises(Unauthenticated):
        _verifier(client).verify(unsigned)
    assert client.get("/v1/me", headers={"Authorization": f"Bearer {unsigned}"}).status_code == 401


def test_rotation_keeps_old_tokens_valid_until_they_expire_then_unpublishes_the_key(
    net, client, deps, clock, issued
) -> None:
    new_kid = rotate_signing_key(uow=deps.unit_of_work(), auth=deps.auth)
    fresh = net.sign_in(email("d.admin"))["Authorization"].split(" ", 1)[1]

    assert jwt.get_unverified_header(fresh)["kid"] == new_kid
    assert _verifier(client).verify(issued) and _verifier(client).verify(fresh)
    assert client.get("/v1/me", headers={"Authorization": f"Bearer {fresh}"}).status_code == 200

    clock.offset = timedelta(hours=2)  # past the old tokens' lifetime and the grace period
    kids = [k["kid"] for k in client.get("/.well-known/jwks.json").json["keys"]]
    assert kids == [new_kid]
