"""Outbox claims on PostgreSQL, production's database: relays of one service claim disjoint
batches, and a relay never waits for rows another relay's transaction holds (it skips them)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import MetaData, select

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.outbox import add_to_outbox, define_outbox_table
from canopy_shared.messaging.publisher import Publisher
from canopy_shared.messaging.relay import OutboxRelay
from canopy_shared.testing.messaging import region_created
from canopy_shared.testing.postgres import fresh_database

pytestmark = [pytest.mark.integration, pytest.mark.timeout(120)]
metadata = MetaData()
outbox = define_outbox_table(metadata)


class _Nowhere:
    def send(self, *_args: object, **_kwargs: object) -> None: ...

    def flush(self) -> None: ...


@pytest.fixture
def database(postgres_server: str) -> Iterator[str]:
    with fresh_database(postgres_server, "claims") as url:
        yield url


def _relay(url: str, batch_size: int) -> OutboxRelay:
    sessions = make_session_factory(make_engine(url))
    return OutboxRelay(
        sessions=sessions, table=outbox, publisher=Publisher(_Nowhere()), batch_size=batch_size
    )


def test_a_relay_skips_rows_another_transaction_holds_and_claims_the_rest(database: str) -> None:
    engine = make_engine(database)
    metadata.create_all(engine)
    sessions = make_session_factory(engine)
    with sessions.begin() as session:
        for i in range(6):
            add_to_outbox(session, outbox, TENANCY_EVENTS.name, region_created(f"Region {i}"))
    holder = sessions()
    held = holder.execute(select(outbox.c.id).order_by(outbox.c.id).limit(3).with_for_update())
    held_ids = set(held.scalars())
    claimed: list[int] = []
    relay = _relay(database, batch_size=3)
    worker = threading.Thread(target=lambda: claimed.extend(r.id for r in relay._claim()))
    worker.start()
    worker.join(timeout=30)
    alive = worker.is_alive()
    holder.rollback()
    worker.join()
    assert not alive, "the relay waited for rows another transaction holds"
    assert len(claimed) == 3 and not held_ids & set(claimed)
    holder.close()
    engine.dispose()


def test_relays_claiming_at_once_take_every_row_exactly_once(database: str) -> None:
    engine = make_engine(database)
    metadata.create_all(engine)
    sessions = make_session_factory(engine)
    with sessions.begin() as session:
        for i in range(200):
            add_to_outbox(session, outbox, TENANCY_EVENTS.name, region_created(f"Region {i}"))
    relays = [_relay(database, batch_size=20) for _ in range(4)]
    claims: list[list[int]] = [[] for _ in relays]

    def claim_all(relay: OutboxRelay, into: list[int]) -> None:
        while batch := relay._claim():
            into.extend(r.id for r in batch)
            relay._mark_sent([r.id for r in batch])

    threads = [
        threading.Thread(target=claim_all, args=(r, c)) for r, c in zip(relays, claims, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    every = [i for c in claims for i in c]
    assert len(every) == 200 and len(set(every)) == 200
    engine.dispose()
