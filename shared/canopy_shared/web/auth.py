"""Bearer-token verification against tenancy's published public keys (JWKS).

Every service verifies tokens itself with tenancy's public keys (cached), so sign-in is the only
synchronous dependency between services. Only RS256 is accepted: `alg: none` and HMAC tokens
forged with the public key are rejected by construction.

A valid signature is not enough: a token issued before its account or district changed is
refused through the service's `RevocationCheck` (`canopy_shared.revocation`: cutoffs tenancy
announces on the bus, kept in the service's own database), with a 401 that says why.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar, cast

import jwt
from flask import current_app, g, request

from canopy_shared.contracts.vocabulary import Role, Tier
from canopy_shared.errors import NotAllowed, Unauthenticated

ALGORITHMS = ["RS256"]
AUDIENCE = "canopy"
ISSUER = "canopy-tenancy"


@dataclass(frozen=True)
class Principal:
    """Who is calling: the verified claims of their token."""

    subject: str
    role: Role
    org_id: str
    org_tier: Tier
    district_id: str | None  # for district and school tiers
    region_id: str | None  # the region the org is connected to, if any
    # For teacher-role users: the roster teacher id their account is linked to (the walkthroughs
    # "of themself" they may see). Absent for every other role.
    teacher_id: str | None = None

    def __post_init__(self) -> None:
        # Claims and stored copies arrive as strings; ValueError names one we do not know.
        object.__setattr__(self, "role", Role(self.role))
        object.__setattr__(self, "org_tier", Tier(self.org_tier))


class TokenRevoked(Unauthenticated):
    """A well-signed, unexpired token that an account or district change has ended."""

    code = "token_revoked"


class RevocationCheck(Protocol):
    """A service's answer to "is this token still honoured?", from its own read model."""

    def refusal(self, principal: Principal, issued_at_us: int) -> str | None:
        """Why a token of `principal` issued at `issued_at_us` (microseconds since the epoch)
        is refused, or None when it is honoured."""
        ...


class KeySource(Protocol):
    def signing_key(self, token: str) -> Any: ...


class JwksKeySource:
    """Public keys fetched from a JWKS URL and cached; unknown key ids trigger a refetch."""

    def __init__(self, jwks_url: str, *, lifespan_s: int = 300) -> None:
        self._client = jwt.PyJWKClient(jwks_url, cache_keys=True, lifespan=lifespan_s, timeout=5)

    def signing_key(self, token: str) -> Any:
        return self._client.get_signing_key_from_jwt(token).key


class StaticKeySource:
    """Keys given directly (a JWKS dict): for tenancy verifying its own tokens, and for tests."""

    def __init__(self, jwks: dict[str, Any]) -> None:
        self._keys = {k.key_id: k.key for k in jwt.PyJWKSet.from_dict(jwks).keys}

    def signing_key(self, token: str) -> Any:
        kid = jwt.get_unverified_header(token).get("kid")
        if kid not in self._keys:
            raise jwt.InvalidTokenError("unknown key id")
        return self._keys[kid]


class TokenVerifier:
    def __init__(
        self,
        keys: KeySource,
        *,
        audience: str = AUDIENCE,
        issuer: str = ISSUER,
        revocations: RevocationCheck | None = None,
        verified: VerifiedTokens | None = None,
    ) -> None:
        self._keys = keys
        self._audience = audience
        self._issuer = issuer
        self._revocations = revocations
        self._verified = verified or VerifiedTokens()

    def with_revocations(self, revocations: RevocationCheck) -> TokenVerifier:
        """The same verifier, also refusing tokens `revocations` says were revoked."""
        return TokenVerifier(
            self._keys,
            audience=self._audience,
            issuer=self._issuer,
            revocations=revocations,
            verified=self._verified,
        )

    def verify(self, token: str) -> Principal:
        principal, issued_at = self._verified.get(token) or self._decode(token)
        if self._revocations is not None:
            reason = self._revocations.refusal(principal, issued_at)
            if reason:
                raise TokenRevoked(reason, field="Authorization", rule=REVOCATION_RULE)
        return principal

    def _decode(self, token: str) -> tuple[Principal, int]:
        """Signature and claims checked; remembered until the token expires."""
        try:
            claims = jwt.decode(
                token,
                self._keys.signing_key(token),
                algorithms=ALGORITHMS,
                audience=self._audience,
                issuer=self._issuer,
                options={"require": ["exp", "iat", "sub", "aud", "iss"]},
            )
        except (jwt.PyJWTError, jwt.PyJWKClientError) as err:
            raise Unauthenticated(f"invalid token: {err}", field="Authorization") from None
        verified = _principal(claims), issued_at_us(claims["iat"])
        self._verified.put(token, verified, expires_at=float(claims["exp"]))
        return verified


class VerifiedTokens:
    """Tokens whose signature and claims were checked, with what they say, until they expire.

    An RS256 verification and the claims' checks were ~5 % of a walkthrough POST (issue #17),
    repeated for every request of a session. Only a token that passed is remembered, keyed by
    its whole text (a changed byte is another token); its expiry is checked on every use, and
    revocation is asked on every use too (in `verify`, after this). At most `max_age_s`, as
    long as the JWKS cache keeps a key tenancy has withdrawn."""

    def __init__(self, *, max_age_s: float = 300, limit: int = 20_000) -> None:
        self._max_age_s = max_age_s
        self._limit = limit
        self._entries: dict[str, tuple[float, tuple[Principal, int]]] = {}

    def get(self, token: str) -> tuple[Principal, int] | None:
        entry = self._entries.get(token)
        if entry is None:
            return None
        if time.time() >= entry[0]:  # PyJWT refuses a token from its `exp` on
            self._entries.pop(token, None)
            return None
        return entry[1]

    def put(self, token: str, verified: tuple[Principal, int], *, expires_at: float) -> None:
        if len(self._entries) >= self._limit:
            self._entries = {}  # many sessions at once: start afresh rather than grow
        self._entries[token] = (min(expires_at, time.time() + self._max_age_s), verified)


REVOCATION_RULE = "a token issued before its account or district changed is refused"


def issued_at_us(iat: Any) -> int:
    """A token's `iat` (a NumericDate: seconds, tenancy writes microseconds) in microseconds.
    PyJWT has checked that it is a number."""
    return round(float(iat) * 1_000_000)


def _principal(claims: dict[str, Any]) -> Principal:
    try:
        return Principal(
            subject=str(claims["sub"]),
            role=Role(str(claims["role"])),
            org_id=str(claims["org_id"]),
            org_tier=Tier(str(claims["org_tier"])),
            district_id=claims.get("district_id"),
            region_id=claims.get("region_id"),
            teacher_id=claims.get("teacher_id"),
        )
    except KeyError as missing:
        raise Unauthenticated(f"token lacks claim {missing}", field="Authorization") from None
    except ValueError as unknown:
        raise Unauthenticated(
            f"token has an unknown value: {unknown}", field="Authorization"
        ) from None


def bearer_token() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthenticated(
            "a bearer token is required", field="Authorization", rule="Bearer <jwt>"
        )
    return token


def current_principal() -> Principal:
    return cast(Principal, g.principal)


F = TypeVar("F", bound=Callable[..., Any])


def require_roles(*roles: str) -> Callable[[F], F]:
    """Verify the bearer token and require one of `roles`; the principal lands in `g`.

    Tenant scope (which organisation's data) is checked by the use case, which knows the data.
    """
    allowed = frozenset(str(role) for role in roles)  # Role members name their plain values

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            verifier: TokenVerifier = current_app.extensions["canopy_token_verifier"]
            principal = verifier.verify(bearer_token())
            if principal.role not in allowed:
                raise NotAllowed(
                    f"role {principal.role} may not do this",
                    rule=f"requires one of {sorted(allowed)}",
                )
            g.principal = principal
            return view(*args, **kwargs)

        return cast(F, wrapper)

    return decorate
