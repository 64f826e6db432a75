"""Tenancy's unit of work: one session, its repositories and the outbox, committed together. An
event is written in the transaction of the change it announces (the shared `OutboxUnitOfWork`
explains why); tenancy consumes no topic."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from canopy_shared.contracts import TENANCY_EVENTS, Envelope
from canopy_shared.messaging.unit_of_work import OutboxUnitOfWork
from canopy_shared.revocation.repository import RevocationRepository
from canopy_tenancy import SERVICE_NAME
from canopy_tenancy.adapters.db import outbox, revocation_tables
from canopy_tenancy.adapters.repositories.auth import FailureRepository, KeyRepository
from canopy_tenancy.adapters.repositories.connections import ConnectionRepository
from canopy_tenancy.adapters.repositories.orgs import OrgRepository
from canopy_tenancy.adapters.repositories.roster import RosterRepository
from canopy_tenancy.adapters.repositories.users import ObserverRepository, UserRepository


class UnitOfWork(OutboxUnitOfWork):
    consumer = SERVICE_NAME
    topic = TENANCY_EVENTS.name
    outbox_table = outbox

    orgs: OrgRepository
    connections: ConnectionRepository
    users: UserRepository
    observers: ObserverRepository
    roster: RosterRepository
    keys: KeyRepository
    failures: FailureRepository
    revocations: RevocationRepository

    def open_repositories(self, session: Session) -> None:
        self.orgs = OrgRepository(session)
        self.connections = ConnectionRepository(session)
        self.users = UserRepository(session)
        self.observers = ObserverRepository(session)
        self.roster = RosterRepository(session)
        self.keys = KeyRepository(session)
        self.failures = FailureRepository(session)
        self.revocations = RevocationRepository(session, revocation_tables)

    def announce(self, event_type: str, payload: dict[str, Any]) -> None:
        """Queue a tenancy.events.v1 event in this transaction."""
        self.emit(Envelope(type=event_type, payload=payload, producer=SERVICE_NAME))
