"""The outbox relay: publish pending outbox rows in batches, then mark them sent.

Several relays may run against one database: each claims a batch with a lease (an UPDATE that
only takes unclaimed or expired rows), publishes, waits for the broker's acks and marks the
rows sent. A relay that dies between publishing and marking leaves the lease to expire; another
relay then publishes the rows again, with the same event ids, which idempotent consumers absorb.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Row, Table, and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from canopy_shared.messaging.outbox import decode_headers
from canopy_shared.messaging.publisher import Publisher

log = logging.getLogger(__name__)


class OutboxRelay:
    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        table: Table,
        publisher: Publisher,
        batch_size: int = 500,
        lease: timedelta = timedelta(seconds=30),
        relay_id: str | None = None,
    ) -> None:
        self._sessions = sessions
        self._table = table
        self._publisher = publisher
        self._batch_size = batch_size
        self._lease = lease
        self.relay_id = relay_id or f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"

    def run(self, stop: threading.Event, *, idle_wait_s: float = 0.2) -> None:
        while not stop.is_set():
            if self.run_once() == 0:
                stop.wait(idle_wait_s)

    def run_once(self) -> int:
        """Publish one claimed batch; returns how many rows were published."""
        rows = self._claim()
        if not rows:
            return 0
        for row in rows:
            self._publisher.publish_raw(
                row.topic,
                key=row.message_key,
                value=row.message_value,
                headers=decode_headers(row.headers),
            )
        self._publisher.flush()  # every row acknowledged by the broker before it is marked
        self._mark_sent([row.id for row in rows])
        return len(rows)

    def _claim(self) -> list[Row[Any]]:
        now = datetime.now(UTC)
        t = self._table
        with self._sessions.begin() as session:
            ids = (
                select(t.c.id)
                .where(
                    t.c.published_at.is_(None),
                    or_(t.c.claimed_until.is_(None), t.c.claimed_until < now),
                )
                .order_by(t.c.id)
                .limit(self._batch_size)
            )
            session.execute(
                update(t)
                .where(
                    t.c.id.in_(ids.scalar_subquery()),
                    t.c.published_at.is_(None),
                    or_(t.c.claimed_until.is_(None), t.c.claimed_until < now),
                )
                .values(claimed_by=self.relay_id, claimed_until=now + self._lease)
            )
        with self._sessions() as session:
            return list(
                session.execute(
                    select(t)
                    .where(and_(t.c.claimed_by == self.relay_id, t.c.published_at.is_(None)))
                    .order_by(t.c.id)
                )
            )

    def _mark_sent(self, ids: list[int]) -> None:
        with self._sessions.begin() as session:
            session.execute(
                update(self._table)
                .where(self._table.c.id.in_(ids))
                .values(published_at=datetime.now(UTC), claimed_until=None)
            )
