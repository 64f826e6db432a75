"""Outbox rows are kept for a window: a broker that lost its log gets the last window's rows
again (measured back from the newest row it lost, not from now), pruning deletes only what is
published and older than the window, and a relay whose broker is away keeps its rows in line."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kafka.errors import KafkaTimeoutError
from sqlalchemy import MetaData, select, update
from sqlalchemy.orm import Session, sessionmaker

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.broker_epoch import Epoch
from canopy_shared.messaging.outbox import add_to_outbox, define_outbox_table
from canopy_shared.messaging.outbox_recovery import prune_published, requeue_lost
from canopy_shared.messaging.publisher import Headers, Publisher
from canopy_shared.messaging.relay import OutboxRelay
from canopy_shared.testing.messaging import region_created

metadata = MetaData()
outbox = define_outbox_table(metadata)
TOPIC = TENANCY_EVENTS.name


def now() -> datetime:
    # Read per use, never once at import: the full suite imports this module half an hour
    # before it runs, and "published 60 s ago" must mean 60 s before the test, not the import.
    return datetime.now(UTC)


def _sessions(tmp_path: Path, published_ago_s: list[float | None]) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{tmp_path}/service.db")
    metadata.create_all(engine)
    sessions = make_session_factory(engine)
    with sessions.begin() as session:
        for ago in published_ago_s:
            add_to_outbox(session, outbox, TOPIC, region_created())
            if ago is not None:
                last = session.execute(select(outbox.c.id).order_by(outbox.c.id.desc())).scalar()
                session.execute(
                    update(outbox)
                    .where(outbox.c.id == last)
                    .values(published_at=now() - timedelta(seconds=ago))
                )
    return sessions


def _pending(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return len(
            session.execute(select(outbox.c.id).where(outbox.c.published_at.is_(None))).all()
        )


def test_a_lost_log_requeues_one_window_before_the_newest_lost_row(tmp_path: Path) -> None:
    # Published 10 h, 9 h 55 min, 9 h 50 min and 2 h ago; the broker restarted 1 h ago: the
    # system was down in between. A 15-minute window reaches back from the row 2 h old only.
    sessions = _sessions(tmp_path, [36_000, 35_700, 35_400, 7_200, None])
    lost = now() - timedelta(hours=1)
    assert requeue_lost(sessions, outbox, lost_before=lost, window=timedelta(minutes=15)) == 1
    assert _pending(sessions) == 2
    # And had it been down only briefly after the first three, all three come back.
    sessions = _sessions(tmp_path / "b", [36_000, 35_700, 35_400])
    lost = now() - timedelta(hours=9)
    assert requeue_lost(sessions, outbox, lost_before=lost, window=timedelta(minutes=15)) == 3


def test_pruning_deletes_only_published_rows_older_than_the_window(tmp_path: Path) -> None:
    sessions = _sessions(tmp_path, [3_600, 1_000, 60, None])
    assert prune_published(sessions, outbox, window=timedelta(minutes=15)) == 2
    with sessions() as session:
        assert len(session.execute(select(outbox.c.id)).all()) == 2
    assert _pending(sessions) == 1


class AwayBroker:
    def __init__(self) -> None:
        self.sent = 0

    def send(self, topic_name: str, *, key: bytes | None, value: bytes, headers: Headers) -> None:
        self.sent += 1

    def flush(self) -> None:
        raise KafkaTimeoutError("Failed to flush buffered records within 30 secs")


class FixedEpoch:
    def __init__(self, epoch: Epoch | None) -> None:
        self.epoch = epoch

    def current(self) -> Epoch | None:
        return self.epoch


def test_a_relay_whose_broker_is_away_keeps_its_rows_and_its_process(tmp_path: Path) -> None:
    sessions = _sessions(tmp_path, [None, None])
    broker = AwayBroker()
    relay = OutboxRelay(
        sessions=sessions, table=outbox, publisher=Publisher(broker), max_backoff_s=0.01
    )
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    relay.run(stop, idle_wait_s=0.01)  # returns when stopped: no exception escaped
    assert broker.sent >= 4  # retried
    assert _pending(sessions) == 2
    with sessions() as session:  # released at once for the next attempt, not leased
        assert session.execute(select(outbox.c.claimed_by)).scalars().all() == [None, None]


def test_with_epochs_a_relay_publishes_only_under_a_known_epoch_and_redrives_a_new_one(
    tmp_path: Path,
) -> None:
    sessions = _sessions(tmp_path, [30, 20, None])
    sent: list[bytes] = []

    class Sink:
        def send(
            self, topic_name: str, *, key: bytes | None, value: bytes, headers: Headers
        ) -> None:
            sent.append(value)

        def flush(self) -> None:
            pass

    epochs = FixedEpoch(None)
    relay = OutboxRelay(sessions=sessions, table=outbox, publisher=Publisher(Sink()), epochs=epochs)
    assert relay.run_once() == 0  # epoch unknown: the broker may have just lost its log
    assert relay.maintain() == 0  # nor pruning
    epochs.epoch = Epoch("first", now() - timedelta(hours=1))
    assert relay.run_once() == 1  # only the unpublished row
    epochs.epoch = Epoch("second", datetime.now(UTC) + timedelta(seconds=1))
    assert relay.run_once() == 3  # everything published before it, in the window, again
    assert relay.run_once() == 0
    assert len(sent) == 4
