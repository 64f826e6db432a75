"""Tenancy's composition root: the one place its dependencies are built, for the web app and the
operator commands alike (after any fork: nothing here runs at import time)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.revocation.check import RevocationList
from canopy_shared.runtime.infrastructure import Infrastructure, build_infrastructure
from canopy_shared.web.auth import TokenVerifier
from canopy_tenancy.adapters.db import revocation_tables
from canopy_tenancy.adapters.passwords import Passwords
from canopy_tenancy.adapters.signing_keys import OwnPublicKeys, TokenSigner
from canopy_tenancy.adapters.unit_of_work import UnitOfWork
from canopy_tenancy.services.auth import AuthDeps, published_jwks
from canopy_tenancy.services.scope import Clock, utc_now
from canopy_tenancy.settings import Settings

UnitOfWorkFactory = Callable[[], UnitOfWork]


@dataclass(frozen=True)
class Dependencies:
    """What tenancy's use cases are called with: a fresh unit of work per use case, what sign-in
    needs, and the clock (tests move it)."""

    unit_of_work: UnitOfWorkFactory
    auth: AuthDeps
    clock: Clock

    @property
    def passwords(self) -> Passwords:
        return self.auth.passwords


def bootstrap(
    settings: Settings,
    sessions: sessionmaker[Session] | None = None,
    *,
    clock: Clock = utc_now,
) -> Dependencies:
    """The web app passes its infrastructure's sessions; commands let this open the database."""
    database = (
        sessions
        if sessions is not None
        else make_session_factory(make_engine(settings.common.database_url))
    )
    auth = AuthDeps(
        passwords=Passwords(settings.argon2),
        signer=TokenSigner(passphrase=settings.signing_key_passphrase),
        throttle=settings.throttle,
        token_ttl=timedelta(seconds=settings.token_ttl_s),
        passphrase=settings.signing_key_passphrase,
        clock=clock,
    )
    return Dependencies(unit_of_work=lambda: UnitOfWork(database), auth=auth, clock=clock)


def tenancy_infrastructure(settings: Settings) -> Infrastructure:
    """Tenancy verifies its own tokens with the keys in its own database (no HTTP call to
    itself); every other service fetches the same keys from `/.well-known/jwks.json`. Revoked
    tokens: the cutoffs tenancy writes in the transaction of each change."""
    keys = OwnPublicKeys()
    infra = build_infrastructure(settings.common, verifier=TokenVerifier(keys))
    keys.bind(lambda: published_jwks(uow=UnitOfWork(infra.sessions), clock=utc_now))
    revocations = RevocationList(infra.sessions, revocation_tables)
    return replace(infra, verifier=infra.verifier.with_revocations(revocations))
