"""Reads and writes of the cutoffs. No commits here: the caller owns the transaction (tenancy
writes a cutoff in the transaction of the change itself; other services in their handler's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from canopy_shared.revocation.tables import RevocationTables

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
# The reason recorded for a district's cutoff (a user's comes with its `user.access_revoked`).
DISTRICT_DISCONNECTED = "district_disconnected"


@dataclass(frozen=True)
class Cutoff:
    valid_after_us: int  # tokens issued strictly before this instant are refused
    reason: str


def microseconds(instant: datetime) -> int:
    """An aware instant as whole microseconds since the epoch (exact, no float)."""
    if instant.tzinfo is None:
        raise ValueError("naive datetime: cutoffs are UTC instants")
    return (instant - EPOCH) // MICROSECOND


class RevocationRepository:
    def __init__(self, session: Session, tables: RevocationTables) -> None:
        self._session = session
        self._tables = tables

    def revoke_subject(self, subject_id: str, *, valid_after: datetime, reason: str) -> None:
        self._raise(self._tables.subjects, "subject_id", subject_id, valid_after, reason)

    def revoke_district(self, district_id: str, *, valid_after: datetime, reason: str) -> None:
        self._raise(self._tables.districts, "district_id", district_id, valid_after, reason)

    def subject_cutoff(self, subject_id: str) -> Cutoff | None:
        return self._cutoff(self._tables.subjects, "subject_id", subject_id)

    def district_cutoff(self, district_id: str) -> Cutoff | None:
        return self._cutoff(self._tables.districts, "district_id", district_id)

    def _cutoff(self, table: Table, key: str, value: str) -> Cutoff | None:
        query = select(table.c.valid_after_us, table.c.reason).where(table.c[key] == value)
        row = self._session.execute(query).first()
        return None if row is None else Cutoff(int(row.valid_after_us), str(row.reason))

    def _raise(self, table: Table, key: str, value: str, after: datetime, reason: str) -> None:
        """Move the cutoff forward, never back: an older or repeated event changes nothing,
        so handlers need no event-id bookkeeping."""
        cutoff = microseconds(after)
        known = self._cutoff(table, key, value)
        if known is None:
            values = {key: value, "valid_after_us": cutoff, "reason": reason}
            self._session.execute(insert(table).values(**values))
        elif cutoff > known.valid_after_us:
            self._session.execute(
                update(table)
                .where(table.c[key] == value)
                .values(valid_after_us=cutoff, reason=reason)
            )
