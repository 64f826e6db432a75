"""What every service builds the same way from its settings: database engine and sessions,
token verifier, readiness checks. A service's bootstrap adds its own adapters on top."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from canopy_shared.db import make_engine, make_session_factory, ping
from canopy_shared.runtime.service_settings import CommonSettings
from canopy_shared.web.auth import JwksKeySource, TokenVerifier
from canopy_shared.web.health import ReadinessCheck, broker_check


@dataclass(frozen=True)
class Infrastructure:
    settings: CommonSettings
    engine: Engine
    sessions: sessionmaker[Session]
    verifier: TokenVerifier

    def readiness(self) -> dict[str, ReadinessCheck]:
        return {
            "database": lambda: ping(self.engine),
            "broker": broker_check(self.settings.kafka.bootstrap_servers),
        }


def build_infrastructure(
    settings: CommonSettings, *, verifier: TokenVerifier | None = None
) -> Infrastructure:
    engine = make_engine(settings.database_url)
    return Infrastructure(
        settings=settings,
        engine=engine,
        sessions=make_session_factory(engine),
        verifier=verifier or TokenVerifier(JwksKeySource(settings.jwks_url)),
    )
