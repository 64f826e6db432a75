"""The one place observation intake's dependencies are built, for the web app, the consumer
and the replay command alike (after any fork: nothing here runs at import time)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from canopy_intake.adapters.db import revocation_tables
from canopy_intake.adapters.read_model_cache import ReadModelCache
from canopy_intake.adapters.unit_of_work import UnitOfWork
from canopy_intake.handlers import build_handlers
from canopy_intake.settings import Settings
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.consumer import Handler
from canopy_shared.revocation.check import FRESH_S, RevocationList
from canopy_shared.revocation.handlers import build_revocation_handlers, merge_handlers


@dataclass(frozen=True)
class Dependencies:
    unit_of_work: Callable[[], UnitOfWork]  # a new unit of work per use case
    sessions: sessionmaker[Session]

    @property
    def revocations(self) -> RevocationList:
        """The token verifier's hook: cutoffs tenancy announced, in this service's database,
        each remembered for a moment (the POST path's lookups, #17)."""
        return RevocationList(self.sessions, revocation_tables, fresh_s=FRESH_S)

    def consumer_handlers(self) -> dict[str, Handler]:
        """The tenancy.events.v1 and templates.events.v1 handlers, on these dependencies."""
        return merge_handlers(
            build_handlers(self.unit_of_work),
            build_revocation_handlers(self.sessions, revocation_tables),
        )


def bootstrap(settings: Settings, *, sessions: sessionmaker[Session] | None = None) -> Dependencies:
    """`sessions`: the web app's pool (from its infrastructure); a consumer or command-line
    process gets a pool of its own."""
    sessions = sessions or make_session_factory(make_engine(settings.common.database_url))
    read_cache = ReadModelCache()  # this process's: the lookups of every request it serves
    return Dependencies(unit_of_work=lambda: UnitOfWork(sessions, read_cache), sessions=sessions)
