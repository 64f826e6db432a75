"""Keeping published outbox rows for a safety window: re-driving what a broker lost, and pruning.

A published row stays in the outbox for `window` after it was published. When the broker lost
its log (a new broker epoch, broker_epoch.py), the rows published before the new broker began,
in the last `window` of publishing before it, go back in line: oldest first, same event ids and
bytes, which idempotent consumers absorb. The window is measured back from the newest row
published before the loss, not from now, so a system that stayed down overnight still re-drives
what was in flight when it died. Recovery therefore costs what was published in one window,
never the history.

Rows published and older than the window are deleted, but only once the relay knows the broker
has not lost them (the epoch was checked first), so pruning can never race recovery.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker


def requeue_lost(
    sessions: sessionmaker[Session], table: Table, *, lost_before: datetime, window: timedelta
) -> int:
    """Put back in line the rows published before `lost_before` within `window` of the newest
    of them; returns how many."""
    t = table
    with sessions.begin() as session:
        newest = session.execute(
            select(func.max(t.c.published_at)).where(t.c.published_at < lost_before)
        ).scalar()
        if newest is None:
            return 0
        newest = _aware(newest)
        result = session.execute(
            update(t)
            .where(t.c.published_at < lost_before, t.c.published_at >= newest - window)
            .values(published_at=None, claimed_by=None, claimed_until=None)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def prune_published(
    sessions: sessionmaker[Session], table: Table, *, window: timedelta, limit: int = 5000
) -> int:
    """Delete up to `limit` rows published more than `window` ago; returns how many."""
    t = table
    cutoff = datetime.now(UTC) - window
    with sessions.begin() as session:
        ids = (
            select(t.c.id)
            .where(t.c.published_at.is_not(None), t.c.published_at < cutoff)
            .order_by(t.c.id)
            .limit(limit)
        )
        result = session.execute(delete(t).where(t.c.id.in_(ids.scalar_subquery())))
        return int(getattr(result, "rowcount", 0) or 0)


def _aware(moment: datetime) -> datetime:
    # SQLite hands timezone-aware columns back naive (in UTC, as they were stored).
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
