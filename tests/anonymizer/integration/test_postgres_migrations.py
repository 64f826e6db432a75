"""The same migrations and key store on PostgreSQL (production's database).

Runs on the session's PostgreSQL server (tests/conftest.py `postgres_server`).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from canopy_anonymizer.__main__ import MIGRATIONS
from canopy_anonymizer.adapters.db import metadata
from canopy_anonymizer.adapters.key_wrapping import KeyWrapping
from canopy_anonymizer.adapters.repositories import SqlCounters, SqlKeyStore
from canopy_anonymizer.services.keys import Keyring
from canopy_shared.db import make_engine, make_session_factory, migrate
from canopy_shared.testing.postgres import fresh_database

pytestmark = pytest.mark.integration


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    with fresh_database(postgres_server, "anonymizer_test") as url:
        yield url


def test_migrations_run_forward_and_back_on_postgresql(postgres_url: str) -> None:
    migrate(postgres_url, MIGRATIONS)
    engine = make_engine(postgres_url)
    inspector = inspect(engine)
    for table in metadata.sorted_tables:
        assert {c["name"] for c in inspector.get_columns(table.name)} == set(table.columns.keys())
    assert SqlCounters(make_session_factory(engine)).read() == {"anonymized": 0, "dead_lettered": 0}
    engine.dispose()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", postgres_url)
    command.downgrade(config, "base")


def test_replicas_racing_for_a_new_key_all_use_the_one_stored(postgres_url: str) -> None:
    migrate(postgres_url, MIGRATIONS)
    district, replicas = str(uuid.uuid4()), 6
    barrier = threading.Barrier(replicas)
    secrets: list[bytes] = []
    engines = [make_engine(postgres_url) for _ in range(replicas)]

    def replica(index: int) -> None:
        store = SqlKeyStore(make_session_factory(engines[index]))
        ring = Keyring(store=store, wrapping=KeyWrapping(None))
        barrier.wait()
        secrets.append(ring.key_for(district, "2026-2027").secret)

    threads = [threading.Thread(target=replica, args=(i,)) for i in range(replicas)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(secrets) == replicas and len(set(secrets)) == 1
    assert len(SqlKeyStore(make_session_factory(engines[0])).metadata()) == 1
    for engine in engines:
        engine.dispose()
