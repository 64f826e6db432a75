"""The outbox relay: publish pending outbox rows in batches, then mark them sent.

Several relays may run against one database: each claims a batch with a lease (an UPDATE that
only takes unclaimed or expired rows), publishes, waits for the broker's acks and marks the
rows sent. A relay that dies between publishing and marking leaves the lease to expire; another
relay then publishes the rows again, with the same event ids, which idempotent consumers absorb.

A broker that is away (a restart, a rolling restart, a network blip) never stops the relay: the
batch in hand goes back in line and the relay retries with a growing pause, saying so once.
Published rows are kept for a safety window, re-driven when the broker lost its log and pruned
after it (outbox_recovery.py).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from kafka.errors import KafkaError
from sqlalchemy import Row, Table, and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from canopy_shared.messaging.broker_epoch import Epoch, EpochSource
from canopy_shared.messaging.outbox import decode_headers
from canopy_shared.messaging.outbox_recovery import prune_published, requeue_lost
from canopy_shared.messaging.publisher import Publisher

log = logging.getLogger(__name__)

# How long an idle relay waits before looking again: part of every walkthrough's way to the
# dashboards (issue #17, freshness). Looking is a read; only a relay that finds work writes.
IDLE_WAIT_S = 0.05


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
        window: timedelta = timedelta(minutes=15),
        epochs: EpochSource | None = None,
        max_backoff_s: float = 5.0,
        prune_every_s: float = 60.0,
    ) -> None:
        self._sessions = sessions
        self._table = table
        self._publisher = publisher
        self._batch_size = batch_size
        self._lease = lease
        self.relay_id = relay_id or f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self._window = window
        self._epochs = epochs
        self._epoch: Epoch | None = None  # the epoch whose losses were re-driven
        self._max_backoff_s = max_backoff_s
        self._prune_every_s = prune_every_s
        self._pruned_at: float | None = None
        self._failures = 0

    def run(self, stop: threading.Event, *, idle_wait_s: float = IDLE_WAIT_S) -> None:
        while not stop.is_set():
            try:
                published = self.run_once()
            except (KafkaError, OSError) as err:
                stop.wait(self._failed(err))
                continue
            if self._failures:
                log.warning("outbox relay %s: broker reachable again", self.relay_id)
                self._failures = 0
            if published == 0:
                self.maintain()
            if published < self._batch_size:
                # Caught up: wait as an idle relay does. Going round again at once after a
                # part batch meant, under a steady stream of single POSTs, a cycle (two write
                # transactions and a broker round trip) for every few rows: ~0.5 ms of CPU
                # per walkthrough, and the database's one write lock taken from the
                # requests (issue #17). A backlog still goes in full batches back to back.
                stop.wait(idle_wait_s)

    def _failed(self, err: Exception) -> float:
        """Log the first failure of an outage; return how long to wait before retrying."""
        self._failures += 1
        if self._failures == 1:
            log.warning("outbox relay %s: broker unavailable (%r); retrying", self.relay_id, err)
        return min(self._max_backoff_s, 0.2 * 2.0**self._failures)

    def run_once(self) -> int:
        """Publish one claimed batch; returns how many rows were published. A failed send or
        flush raises (KafkaError) after putting the batch back in line."""
        if not self._broker_log_known():
            return 0
        rows = self._claim()
        if not rows:
            return 0
        # Stamped before sending: a row acknowledged by a broker that then died is older than
        # the next broker's epoch, so recovery finds it even if this relay marks it late.
        sent_at = datetime.now(UTC)
        try:
            for row in rows:
                self._publisher.publish_raw(
                    row.topic,
                    key=row.message_key,
                    value=row.message_value,
                    headers=decode_headers(row.headers),
                )
            self._publisher.flush()  # every row acknowledged by the broker before it is marked
        except Exception:
            self._release([row.id for row in rows])
            raise
        self._mark_sent([row.id for row in rows], sent_at)
        return len(rows)

    def _broker_log_known(self) -> bool:
        """Without epochs (production Kafka) always; with them, once the current epoch is
        known and what an earlier broker lost is back in line."""
        if self._epochs is None:
            return True
        epoch = self._epochs.current()
        if epoch is None:
            return False
        if epoch != self._epoch:
            requeued = requeue_lost(
                self._sessions, self._table, lost_before=epoch.started_at, window=self._window
            )
            if requeued:
                log.warning(
                    "outbox relay %s: broker epoch %s began %s; re-publishing %d message(s) "
                    "published before it (within %s)",
                    self.relay_id, epoch.id, epoch.started_at.isoformat(), requeued, self._window,
                )  # fmt: skip
            self._epoch = epoch
        return True

    def maintain(self) -> int:
        """When idle: prune published rows past the window (at most every `prune_every_s`, and
        only once the broker's epoch was checked). Returns rows deleted."""
        now = time.monotonic()
        if self._pruned_at is not None and now - self._pruned_at < self._prune_every_s:
            return 0
        if self._epochs is not None and self._epoch is None:
            return 0
        self._pruned_at = now
        return prune_published(self._sessions, self._table, window=self._window)

    def _claim(self) -> list[Row[Any]]:
        now = datetime.now(UTC)
        if not self._anything_to_claim(now):
            return []
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
                # PostgreSQL: rows another relay's claim is locking are skipped, not waited for
                # (and then found claimed); SQLite locks the whole file and ignores this.
                .with_for_update(skip_locked=True)
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

    def _anything_to_claim(self, now: datetime) -> bool:
        """A read first, so an idle relay never takes the database's write lock (SQLite has
        one writer for the whole file, shared with the service's requests)."""
        t = self._table
        with self._sessions() as session:
            return (
                session.execute(
                    select(t.c.id)
                    .where(
                        t.c.published_at.is_(None),
                        or_(t.c.claimed_until.is_(None), t.c.claimed_until < now),
                    )
                    .limit(1)
                ).first()
                is not None
            )

    def _mark_sent(self, ids: list[int], sent_at: datetime | None = None) -> None:
        with self._sessions.begin() as session:
            session.execute(
                update(self._table)
                .where(self._table.c.id.in_(ids))
                .values(published_at=sent_at or datetime.now(UTC), claimed_until=None)
            )

    def _release(self, ids: list[int]) -> None:
        """Give a batch that could not be published back to any relay, at once."""
        with self._sessions.begin() as session:
            session.execute(
                update(self._table)
                .where(self._table.c.id.in_(ids), self._table.c.published_at.is_(None))
                .values(claimed_by=None, claimed_until=None)
            )
