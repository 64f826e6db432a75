"""The one place template distribution's dependencies are built, for the web app and the
consumer alike (after any fork: nothing here runs at import time)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.consumer import Handler
from canopy_templates.handlers import build_handlers
from canopy_templates.settings import Settings
from canopy_templates.uow import UnitOfWork

UnitOfWorkFactory = Callable[[], UnitOfWork]


def unit_of_work_factory(sessions: sessionmaker[Session]) -> UnitOfWorkFactory:
    return lambda: UnitOfWork(sessions)


def consumer_handlers(settings: Settings) -> dict[str, Handler]:
    """The tenancy.events.v1 handlers, on their own database connection pool."""
    sessions = make_session_factory(make_engine(settings.common.database_url))
    return build_handlers(unit_of_work_factory(sessions))
