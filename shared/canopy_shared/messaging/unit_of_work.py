"""The unit of work every service uses: one session per use case, the service's repositories,
its transactional outbox and its record of processed events, committed together or not at all.

A change, the events announcing it and "this consumed message is done" share one transaction, so
a crash can lose none of them alone. Services subclass it, naming their tables and topic and
opening their repositories in `open_repositories`.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import ClassVar, Self

from sqlalchemy import Table, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from canopy_shared.contracts import Envelope
from canopy_shared.messaging.idempotency import first_delivery
from canopy_shared.messaging.outbox import OutboxMessage, add_serialized_to_outbox, add_to_outbox


class OutboxUnitOfWork:
    consumer: ClassVar[str]  # the service name, recorded with every processed event
    topic: ClassVar[str]  # where this service's outbox publishes
    outbox_table: ClassVar[Table]
    processed_events_table: ClassVar[Table | None] = None  # None: the service consumes nothing

    session: Session

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def open_repositories(self, session: Session) -> None:
        """Attach the service's repositories to this transaction's session."""

    def __enter__(self) -> Self:
        self.session = self._sessions()
        self.open_repositories(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.session.rollback()  # a no-op after commit; undoes anything left uncommitted
        self.session.close()

    def commit(self) -> None:
        try:
            self.session.commit()
        except IntegrityError as err:
            self.session.rollback()  # usable again, e.g. to read what a concurrent writer stored
            raise self.concurrent_change(err) from err

    def concurrent_change(self, err: IntegrityError) -> Exception:
        """What a unique-constraint race means to this service's callers."""
        return err

    def rollback(self) -> None:
        self.session.rollback()

    def emit(self, envelope: Envelope) -> None:
        """Queue a message in this transaction (validated strictly against the topic now)."""
        add_to_outbox(self.session, self.outbox_table, self.topic, envelope)

    def emit_serialized(self, messages: Sequence[OutboxMessage]) -> None:
        """Queue many messages made by `outbox.serialized` (validated then) in one insert."""
        add_serialized_to_outbox(self.session, self.outbox_table, self.topic, messages)

    def requeue(self, event_id: str) -> bool:
        """Put an already published outbox message back in line for the relay, unchanged
        (same event id, same bytes). False when the outbox no longer holds it."""
        table = self.outbox_table
        result = self.session.execute(
            update(table)
            .where(table.c.event_id == event_id)
            .values(published_at=None, claimed_by=None, claimed_until=None)
        )
        return bool(getattr(result, "rowcount", 0))

    def first_delivery(self, event_id: str) -> bool:
        """True (and recorded in this transaction) if this event was not applied before."""
        assert self.processed_events_table is not None, f"{self.consumer} consumes no events"
        return first_delivery(
            self.session, self.processed_events_table, consumer=self.consumer, event_id=event_id
        )
