"""The release cuts, in analytics' SQL database: every process (the web app, the cadence, the
operator's `release` command) reads and records them there, including while the embedded
ClickHouse store is held by the web worker."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, String, Table, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from canopy_analytics.adapters.db import metadata

region_release_cuts = Table(
    "region_release_cuts",
    metadata,
    Column("cut_at", DateTime(timezone=True), primary_key=True),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", String(32), nullable=False),  # cadence | operator
)


class ReleaseLog:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def cuts(self) -> tuple[datetime, ...]:
        with self._sessions() as session:
            rows = session.execute(select(region_release_cuts.c.cut_at)).scalars().all()
        return tuple(sorted(_utc(cut) for cut in rows))

    def record(self, cut_at: datetime, by: str) -> bool:
        """Record a cut (False when that exact moment is already recorded)."""
        try:
            with self._sessions.begin() as session:
                session.execute(
                    region_release_cuts.insert().values(
                        cut_at=cut_at, recorded_at=datetime.now(UTC), recorded_by=by
                    )
                )
        except IntegrityError:
            return False
        return True


def _utc(moment: datetime) -> datetime:
    # SQLite returns naive datetimes; every cut was recorded in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
