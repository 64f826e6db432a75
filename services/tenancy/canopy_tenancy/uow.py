"""The unit of work: one session, its repositories, and the outbox, committed together. An event
is written in the transaction of the change it announces (published by the relay)."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from canopy_shared.contracts import TENANCY_EVENTS, Envelope
from canopy_shared.messaging.outbox import add_to_outbox
from canopy_tenancy import SERVICE_NAME
from canopy_tenancy.db import outbox
from canopy_tenancy.repositories import (
    ObserverRepository,
    OrgRepository,
    UserRepository,
)
from canopy_tenancy.repositories_auth import FailureRepository, KeyRepository
from canopy_tenancy.repositories_connections import ConnectionRepository
from canopy_tenancy.repositories_roster import RosterRepository


class UnitOfWork:
    orgs: OrgRepository
    connections: ConnectionRepository
    users: UserRepository
    observers: ObserverRepository
    roster: RosterRepository
    keys: KeyRepository
    failures: FailureRepository

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def __enter__(self) -> UnitOfWork:
        self.session = self._sessions()
        self.orgs = OrgRepository(self.session)
        self.connections = ConnectionRepository(self.session)
        self.users = UserRepository(self.session)
        self.observers = ObserverRepository(self.session)
        self.roster = RosterRepository(self.session)
        self.keys = KeyRepository(self.session)
        self.failures = FailureRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()  # anything not committed is undone
        self.session.close()

    def emit(self, event_type: str, payload: dict[str, Any]) -> None:
        """Queue a tenancy.events.v1 event in this transaction (validated strictly now)."""
        envelope = Envelope(type=event_type, payload=payload, producer=SERVICE_NAME)
        add_to_outbox(self.session, outbox, TENANCY_EVENTS.name, envelope)

    def commit(self) -> None:
        self.session.commit()
