"""Sign-in, the published keys, key rotation.

A failed sign-in says the same thing and costs the same work whether or not the email has an
account; failures are counted per (email, client address) in the database, so every gunicorn
worker sees them, and lock the pair out for exponentially longer periods.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from canopy_shared.contracts.vocabulary import Role
from canopy_shared.revocation.repository import microseconds
from canopy_shared.web.auth import AUDIENCE, ISSUER
from canopy_tenancy.adapters.passwords import Passwords
from canopy_tenancy.adapters.signing_keys import SigningKey, TokenSigner, jwks, new_signing_key
from canopy_tenancy.adapters.unit_of_work import UnitOfWork
from canopy_tenancy.domain.auth import SignInFailed, SignInThrottled, ThrottlePolicy, first_failure
from canopy_tenancy.domain.users import User
from canopy_tenancy.services.scope import Clock, new_id, region_of

WRONG_CREDENTIALS = "email or password is incorrect"


@dataclass(frozen=True)
class AuthDeps:
    passwords: Passwords
    signer: TokenSigner
    throttle: ThrottlePolicy
    token_ttl: timedelta
    passphrase: bytes | None
    clock: Clock


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int
    token_type: Literal["Bearer"] = "Bearer"


def sign_in(
    *, uow: UnitOfWork, auth: AuthDeps, email: str, password: str, client_address: str
) -> IssuedToken:
    now = auth.clock()
    key = throttle_key(email, client_address)
    with uow:
        record = uow.failures.get(key)
        if record and (wait := record.retry_after_s(now)):
            raise SignInThrottled(wait)
        found = uow.users.by_email(email, for_token=True)
        verified = auth.passwords.verify(found[1] if found else None, password)
        if not (found and verified and found[0].active):
            failed = record.after_failure(now, auth.throttle) if record else None
            uow.failures.save(failed or first_failure(key, now, auth.throttle))
            uow.commit()
            raise SignInFailed(WRONG_CREDENTIALS, field="password")
        user, stored_hash = found
        uow.failures.clear(key)
        if auth.passwords.needs_rehash(stored_hash):
            uow.users.set_password_hash(user.id, auth.passwords.rehash(password))
        claims = token_claims(user, region_of(uow, user), now, auth.token_ttl)
        token = auth.signer.sign(claims, signing_key(uow, now, auth.passphrase))
        uow.commit()
    return IssuedToken(token, int(auth.token_ttl.total_seconds()))


def throttle_key(email: str, client_address: str) -> str:
    return hashlib.sha256(f"{email.strip().lower()}|{client_address}".encode()).hexdigest()


def token_claims(
    user: User, region_id: str | None, now: datetime, ttl: timedelta
) -> dict[str, Any]:
    """The claims every service reads (canopy_shared.web.auth.Principal)."""
    # `iat` to the microsecond (a NumericDate may have a fraction): a token issued after a
    # revocation, even within the same second, is told apart from one issued before it.
    issued_at = microseconds(now) / 1_000_000
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": user.id,
        "iat": issued_at,
        "nbf": int(now.timestamp()),
        "exp": issued_at + ttl.total_seconds(),
        "jti": new_id(),
        "role": user.role.value,
        "org_id": user.org_id,
        "org_tier": user.org_tier.value,
        "district_id": user.district_id,
        "region_id": region_id,
    }
    if user.role == Role.TEACHER and user.teacher_id:
        claims["teacher_id"] = user.teacher_id
    return claims


def signing_key(uow: UnitOfWork, now: datetime, passphrase: bytes | None) -> SigningKey:
    """The newest published key; the first one is made on first use."""
    published = uow.keys.published(now)
    if published:
        return published[0]
    key = new_signing_key(now, passphrase=passphrase)
    uow.keys.add(key)
    return key


def public_keys(*, uow: UnitOfWork, auth: AuthDeps) -> dict[str, Any]:
    now = auth.clock()
    with uow:
        if not uow.keys.published(now):
            signing_key(uow, now, auth.passphrase)
            uow.commit()
        return jwks(uow.keys.published(now))


def published_jwks(*, uow: UnitOfWork, clock: Clock) -> dict[str, Any]:
    """Read-only, for tenancy's own verifier."""
    with uow:
        return jwks(uow.keys.published(clock()))


def rotate_signing_key(*, uow: UnitOfWork, auth: AuthDeps) -> str:
    """A new key signs from now on; older ones stay published until their tokens expired."""
    now = auth.clock()
    key = new_signing_key(now, passphrase=auth.passphrase)
    with uow:
        uow.keys.delete_retired(now)
        uow.keys.add(key)
        uow.keys.retire_others(key.kid, retire_after=now + auth.token_ttl + timedelta(minutes=5))
        uow.commit()
    return key.kid
