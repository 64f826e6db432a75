"""Intake's unit of work: a walkthrough and its observations.raw.v1 message are written in one
transaction, and a consumed event's id with the read-model change it causes (the shared
`OutboxUnitOfWork` explains why)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from canopy_intake import SERVICE_NAME
from canopy_intake.adapters.coverage import CoverageRepository
from canopy_intake.adapters.db import org_tables, outbox, processed_events
from canopy_intake.adapters.repositories import (
    AcknowledgementRepository,
    RosterRepository,
    TemplateRepository,
    WalkthroughRepository,
)
from canopy_shared.contracts import OBSERVATIONS_RAW
from canopy_shared.messaging.unit_of_work import OutboxUnitOfWork


class UnitOfWork(OutboxUnitOfWork):
    # A concurrent duplicate's IntegrityError reaches the submission use case unchanged: it
    # answers from the row the other transaction stored.
    consumer = SERVICE_NAME
    topic = OBSERVATIONS_RAW.name
    outbox_table = outbox
    processed_events_table = processed_events

    walkthroughs: WalkthroughRepository
    acknowledgements: AcknowledgementRepository
    orgs: RosterRepository
    templates: TemplateRepository
    coverage: CoverageRepository

    def open_repositories(self, session: Session) -> None:
        self.walkthroughs = WalkthroughRepository(session)
        self.acknowledgements = AcknowledgementRepository(session)
        self.orgs = RosterRepository(session, org_tables)
        self.templates = TemplateRepository(session)
        self.coverage = CoverageRepository(session)
