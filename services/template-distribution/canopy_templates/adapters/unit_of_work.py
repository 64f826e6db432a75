"""Template distribution's unit of work: its repositories, outbox and processed events in one
transaction (the shared `OutboxUnitOfWork` explains why)."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from canopy_shared.contracts import TEMPLATES_EVENTS
from canopy_shared.errors import Conflicting
from canopy_shared.messaging.unit_of_work import OutboxUnitOfWork
from canopy_shared.org_read_model.repository import OrgRepository
from canopy_templates import SERVICE_NAME
from canopy_templates.adapters.db import org_tables, outbox, processed_events
from canopy_templates.adapters.repositories import AssignmentRepository, TemplateRepository


class UnitOfWork(OutboxUnitOfWork):
    consumer = SERVICE_NAME
    topic = TEMPLATES_EVENTS.name
    outbox_table = outbox
    processed_events_table = processed_events

    templates: TemplateRepository
    assignments: AssignmentRepository
    orgs: OrgRepository

    def open_repositories(self, session: Session) -> None:
        self.templates = TemplateRepository(session)
        self.assignments = AssignmentRepository(session)
        self.orgs = OrgRepository(session, org_tables)

    def concurrent_change(self, err: IntegrityError) -> Exception:
        return Conflicting(
            "another change to the same template or push was saved at the same moment; "
            "reload and try again",
            rule="concurrent_change",
        )
