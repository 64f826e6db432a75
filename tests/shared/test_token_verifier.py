"""The shared verifier every service uses: only well-formed, RS256, unexpired tokens signed by
tenancy's published keys, for our audience, get through."""

from __future__ import annotations

import base64
import json
import time
from datetime import timedelta

import jwt
import pytest

from canopy_shared.contracts.vocabulary import Role, Tier
from canopy_shared.errors import Unauthenticated
from canopy_shared.testing.tokens import TestSigner
from canopy_shared.web.auth import TokenRevoked, issued_at_us

DISTRICT_ADMIN = Role.DISTRICT_ADMIN

signer = TestSigner()
verifier = signer.verifier()


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_valid_token_yields_the_principal() -> None:
    token = signer.mint(role=DISTRICT_ADMIN, org_id="d-1", district_id="d-1", region_id="r-1")
    principal = verifier.verify(token)
    assert (principal.role, principal.org_id, principal.region_id) == (DISTRICT_ADMIN, "d-1", "r-1")


def test_expired_token_is_rejected() -> None:
    token = signer.mint(role=DISTRICT_ADMIN, expires_in=timedelta(seconds=-1))
    with pytest.raises(Unauthenticated, match="expired"):
        verifier.verify(token)


def test_token_signed_by_another_key_is_rejected() -> None:
    forger = TestSigner(kid=signer.kid)  # same key id, different key
    with pytest.raises(Unauthenticated, match="Signature"):
        verifier.verify(forger.mint(role=DISTRICT_ADMIN))


def test_wrong_audience_is_rejected() -> None:
    with pytest.raises(Unauthenticated, match=r"(?i)audience"):
        verifier.verify(signer.mint(role=DISTRICT_ADMIN, aud="someone-else"))


def test_alg_none_is_rejected() -> None:
    valid = jwt.decode(signer.mint(role=DISTRICT_ADMIN), options={"verify_signature": False})
    unsigned = f"{_b64({'alg': 'none', 'typ': 'JWT', 'kid': signer.kid})}.{_b64(valid)}."
    with pytest.raises(Unauthenticated):
        verifier.verify(unsigned)


def test_hmac_token_keyed_with_the_public_key_is_rejected() -> None:
    public_pem = signer.jwks["keys"][0]["n"].encode()
    forged = jwt.encode({"sub": "x"}, public_pem, algorithm="HS256", headers={"kid": signer.kid})
    with pytest.raises(Unauthenticated):
        verifier.verify(forged)


def test_unknown_key_id_is_rejected() -> None:
    with pytest.raises(Unauthenticated, match="unknown key id"):
        verifier.verify(TestSigner(kid="other").mint(role=DISTRICT_ADMIN))


def test_token_without_role_claims_is_rejected() -> None:
    token = signer.mint(role=DISTRICT_ADMIN)
    claims = jwt.decode(token, options={"verify_signature": False})
    del claims["org_id"]
    stripped = jwt.encode(
        claims, signer.private_key, algorithm="RS256", headers={"kid": signer.kid}
    )
    with pytest.raises(Unauthenticated, match="org_id"):
        verifier.verify(stripped)


def test_the_principal_speaks_the_vocabulary() -> None:
    principal = verifier.verify(signer.mint(role=DISTRICT_ADMIN, org_tier="district"))
    assert principal.role is Role.DISTRICT_ADMIN and principal.org_tier is Tier.DISTRICT


@pytest.mark.parametrize("claim", [{"role": "superuser"}, {"org_tier": "state"}])
def test_a_role_or_tier_outside_the_vocabulary_is_rejected(claim: dict[str, str]) -> None:
    with pytest.raises(Unauthenticated, match="unknown value"):
        verifier.verify(signer.mint(**{"role": DISTRICT_ADMIN, **claim}))


# --- revoked tokens: a well-signed token refused through the service's revocation hook ---


class _Cutoffs:
    """A RevocationCheck refusing tokens issued before a cutoff per subject."""

    def __init__(self) -> None:
        self.after_us: dict[str, int] = {}

    def refusal(self, principal, issued_at_us: int) -> str | None:  # type: ignore[no-untyped-def]
        cutoff = self.after_us.get(principal.subject)
        return "token revoked: test" if cutoff is not None and issued_at_us < cutoff else None


def test_a_token_issued_before_its_subjects_cutoff_is_refused_with_its_reason() -> None:
    cutoffs = _Cutoffs()
    checked = verifier.with_revocations(cutoffs)
    token = signer.mint(role=DISTRICT_ADMIN, sub="u-1", iat=1_700_000_000.25)
    assert checked.verify(token).subject == "u-1"
    cutoffs.after_us["u-1"] = 1_700_000_000_250_001
    with pytest.raises(TokenRevoked, match="token revoked: test") as refused:
        checked.verify(token)
    assert (refused.value.status, refused.value.code) == (401, "token_revoked")
    assert refused.value.field == "Authorization"


def test_a_token_issued_at_or_after_the_cutoff_is_honoured_to_the_microsecond() -> None:
    cutoffs = _Cutoffs()
    cutoffs.after_us["u-1"] = 1_700_000_000_250_000
    checked = verifier.with_revocations(cutoffs)
    assert checked.verify(signer.mint(role=DISTRICT_ADMIN, sub="u-1", iat=1_700_000_000.25))
    assert checked.verify(signer.mint(role=DISTRICT_ADMIN, sub="u-2", iat=1_600_000_000))


def test_issued_at_reads_a_numeric_date_with_microseconds_exactly() -> None:
    assert issued_at_us(1_785_672_000.123456) == 1_785_672_000_123_456
    assert issued_at_us(1_785_672_000) == 1_785_672_000_000_000


def test_a_verified_token_is_remembered_and_still_refused_once_it_expires() -> None:
    """#17: a token's signature is checked once per process, its expiry on every use."""
    token = signer.mint(role=DISTRICT_ADMIN, expires_in=timedelta(seconds=2))
    remembering = signer.verifier()
    assert remembering.verify(token).role == DISTRICT_ADMIN
    keys = remembering._keys
    remembering._keys = None  # type: ignore[assignment]
    assert remembering.verify(token).role == DISTRICT_ADMIN
    remembering._keys = keys
    time.sleep(2.1)  # exp is whole seconds: past it whatever the fraction now
    with pytest.raises(Unauthenticated, match="expired"):
        remembering.verify(token)
