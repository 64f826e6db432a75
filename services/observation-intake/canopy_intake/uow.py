"""The unit of work: one transaction per use case, with the repositories and the outbox.

A walkthrough and its observations.raw.v1 message are written in the same transaction, and a
consumed event's id is recorded with the read-model change it causes, so a change, its message
and "this event is done" commit together or not at all.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from canopy_intake import SERVICE_NAME
from canopy_intake.db import outbox, processed_events
from canopy_intake.read_models import OrgRepository, TemplateRepository
from canopy_intake.repositories import WalkthroughRepository
from canopy_shared.contracts import OBSERVATIONS_RAW, Envelope
from canopy_shared.messaging.idempotency import first_delivery
from canopy_shared.messaging.outbox import add_to_outbox


class UnitOfWork:
    session: Session
    walkthroughs: WalkthroughRepository
    orgs: OrgRepository
    templates: TemplateRepository

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def __enter__(self) -> Self:
        self.session = self._sessions()
        self.walkthroughs = WalkthroughRepository(self.session)
        self.orgs = OrgRepository(self.session)
        self.templates = TemplateRepository(self.session)
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
        """Commit; an IntegrityError (a concurrent duplicate) leaves the session usable for a
        fresh read of what the other transaction stored."""
        try:
            self.session.commit()
        except Exception:
            self.session.rollback()
            raise

    def rollback(self) -> None:
        self.session.rollback()

    def emit(self, envelope: Envelope) -> None:
        add_to_outbox(self.session, outbox, OBSERVATIONS_RAW.name, envelope)

    def requeue(self, event_id: str) -> bool:
        """Put an already published outbox message back in line for the relay, unchanged
        (same event id, same bytes). False when the outbox no longer holds it."""
        result = self.session.execute(
            update(outbox)
            .where(outbox.c.event_id == event_id)
            .values(published_at=None, claimed_by=None, claimed_until=None)
        )
        return bool(getattr(result, "rowcount", 0))

    def first_delivery(self, event_id: str) -> bool:
        """True (and recorded in this transaction) if this event was not applied before."""
        return first_delivery(
            self.session, processed_events, consumer=SERVICE_NAME, event_id=event_id
        )
