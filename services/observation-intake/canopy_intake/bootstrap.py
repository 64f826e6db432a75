"""The one place observation intake's dependencies are built, for the web app, the consumer
and the replay command alike (after any fork: nothing here runs at import time)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from canopy_intake.handlers import build_handlers
from canopy_intake.settings import Settings
from canopy_intake.uow import UnitOfWork
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.consumer import Handler

UnitOfWorkFactory = Callable[[], UnitOfWork]


def unit_of_work_factory(sessions: sessionmaker[Session]) -> UnitOfWorkFactory:
    return lambda: UnitOfWork(sessions)


def own_unit_of_work_factory(settings: Settings) -> UnitOfWorkFactory:
    """On a connection pool of its own (a consumer or a command-line process)."""
    return unit_of_work_factory(make_session_factory(make_engine(settings.common.database_url)))


def consumer_handlers(settings: Settings) -> dict[str, Handler]:
    """The tenancy.events.v1 and templates.events.v1 handlers."""
    return build_handlers(own_unit_of_work_factory(settings))
