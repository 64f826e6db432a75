"""The unit of work: one transaction per use case, with the repositories and the outbox.

Events are written to the outbox in the same transaction as the change they announce, and a
consumed event's id is recorded in it too, so a change, its events and "this message is done"
commit together or not at all.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from canopy_shared.contracts import TEMPLATES_EVENTS, Envelope
from canopy_shared.errors import Conflicting
from canopy_shared.messaging.idempotency import first_delivery
from canopy_shared.messaging.outbox import add_to_outbox
from canopy_templates import SERVICE_NAME
from canopy_templates.db import outbox, processed_events
from canopy_templates.repositories import (
    AssignmentRepository,
    OrgRepository,
    TemplateRepository,
)


class UnitOfWork:
    session: Session
    templates: TemplateRepository
    assignments: AssignmentRepository
    orgs: OrgRepository

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def __enter__(self) -> Self:
        self.session = self._sessions()
        self.templates = TemplateRepository(self.session)
        self.assignments = AssignmentRepository(self.session)
        self.orgs = OrgRepository(self.session)
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
            self.session.rollback()
            raise Conflicting(
                "another change to the same template or push was saved at the same moment; "
                "reload and try again",
                rule="concurrent_change",
            ) from err

    def emit(self, envelope: Envelope) -> None:
        add_to_outbox(self.session, outbox, TEMPLATES_EVENTS.name, envelope)

    def first_delivery(self, event_id: str) -> bool:
        """True (and recorded in this transaction) if this event was not applied before."""
        return first_delivery(
            self.session, processed_events, consumer=SERVICE_NAME, event_id=event_id
        )
