"""Intake's unit of work: a walkthrough and its observations.raw.v1 message are written in one
transaction, and a consumed event's id with the read-model change it causes (the shared
`OutboxUnitOfWork` explains why)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from canopy_intake import SERVICE_NAME
from canopy_intake.adapters.coverage import CoverageRepository
from canopy_intake.adapters.db import org_tables, outbox, processed_events, read_model_version
from canopy_intake.adapters.read_model_cache import CachedReadModels, ReadModelCache
from canopy_intake.adapters.repositories import (
    AcknowledgementRepository,
    RosterRepository,
    TemplateRepository,
    WalkthroughRepository,
)
from canopy_shared.contracts import OBSERVATIONS_RAW
from canopy_shared.messaging.unit_of_work import OutboxUnitOfWork

# Built once: every walkthrough POST asks for the version, and building the statement and its
# cache key per request was ~9 % of a POST's own time (py-spy, issue #17); a statement object
# memoizes its cache key, so SQLAlchemy finds its compiled form without recomputing it.
_READ_MODEL_VERSION = select(read_model_version.c.version).where(read_model_version.c.id == 1)


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

    def __init__(
        self, sessions: sessionmaker[Session], read_cache: ReadModelCache | None = None
    ) -> None:
        """`read_cache`: the process's (bootstrap's); without one nothing outlives the use case."""
        super().__init__(sessions)
        self._read_cache = read_cache or ReadModelCache()
        self._read_models_may_change = False

    def open_repositories(self, session: Session) -> None:
        self._read_models_may_change = False
        self.walkthroughs = WalkthroughRepository(session)
        self.acknowledgements = AcknowledgementRepository(session)
        self.orgs = RosterRepository(session, org_tables)
        self.templates = TemplateRepository(session)
        self.coverage = CoverageRepository(session)

    def read_models(self) -> CachedReadModels:
        """The read models' lookups for this use case, through the process's cache."""
        # None (no row: a database made without the migrations) bypasses the cache
        version = self.session.scalar(_READ_MODEL_VERSION)
        return CachedReadModels(self._read_cache, version, self.orgs, self.templates)

    def first_delivery(self, event_id: str) -> bool:
        """Every read-model change is a consumed event's: the version moves on with it."""
        first = super().first_delivery(event_id)
        self._read_models_may_change |= first
        return first

    def commit(self) -> None:
        if self._read_models_may_change:
            self.session.execute(
                update(read_model_version)
                .where(read_model_version.c.id == 1)
                .values(version=read_model_version.c.version + 1)
            )
        super().commit()
