"""Keys in the anonymizer's own SQL database (SQLite files here; PostgreSQL in
test_postgres_migrations.py): migrations, race-safe creation, encryption at rest."""

from __future__ import annotations

import os
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect
from sqlalchemy.orm import Session, sessionmaker

from canopy_anonymizer.__main__ import MIGRATIONS
from canopy_anonymizer.adapters.db import metadata
from canopy_anonymizer.adapters.key_wrapping import KeyUnavailable, KeyWrapping
from canopy_anonymizer.adapters.repositories import SqlCounters, SqlKeyStore
from canopy_anonymizer.domain.keys import StoredKey
from canopy_anonymizer.services.keys import Keyring
from canopy_shared.db import make_engine, make_session_factory, migrate

DISTRICT = str(uuid.uuid4())
YEAR = "2026-2027"


def keyring(sessions: sessionmaker[Session], kek: bytes | None = None) -> Keyring:
    return Keyring(store=SqlKeyStore(sessions), wrapping=KeyWrapping(kek))


def test_migrated_database_has_the_tables_and_columns_the_code_expects(
    database_url: str,
) -> None:
    inspector = inspect(make_engine(database_url))
    for table in metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == set(table.columns.keys()), table.name
    assert inspector.get_pk_constraint("pseudonym_keys")["constrained_columns"] == [
        "district_id",
        "school_year",
    ]


def test_migrations_downgrade_and_upgrade_again(database_url: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url)
    command.downgrade(config, "base")
    assert "pseudonym_keys" not in inspect(make_engine(database_url)).get_table_names()
    migrate(database_url, MIGRATIONS)
    assert "pseudonym_keys" in inspect(make_engine(database_url)).get_table_names()


def test_a_stored_key_is_found_again_by_a_fresh_process(sessions: sessionmaker[Session]) -> None:
    created = keyring(sessions).key_for(DISTRICT, YEAR)
    assert keyring(sessions).key_for(DISTRICT, YEAR) == created
    assert created.secret == keyring(sessions).key_for(DISTRICT, YEAR).secret


def test_a_second_key_for_the_same_district_and_year_is_refused(
    sessions: sessionmaker[Session],
) -> None:
    store = SqlKeyStore(sessions)
    first = StoredKey(DISTRICT, YEAR, os.urandom(32), None, "f" * 16, datetime.now(UTC))
    second = StoredKey(DISTRICT, YEAR, os.urandom(32), None, "e" * 16, datetime.now(UTC))
    assert store.add(first) is True
    assert store.add(second) is False
    found = store.find(DISTRICT, YEAR)
    assert found is not None and found.material == first.material


def test_replicas_racing_for_a_new_key_all_use_the_one_stored(database_url: str) -> None:
    replicas = 6
    barrier = threading.Barrier(replicas)
    secrets: list[bytes] = []

    def replica() -> None:
        # Each replica: its own engine and connection pool, as separate processes would have.
        ring = keyring(make_session_factory(make_engine(database_url)))
        barrier.wait()
        secrets.append(ring.key_for(DISTRICT, YEAR).secret)

    threads = [threading.Thread(target=replica) for _ in range(replicas)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(secrets) == replicas
    assert len(set(secrets)) == 1
    assert len(SqlKeyStore(make_session_factory(make_engine(database_url))).metadata()) == 1


def test_with_a_kek_the_database_file_never_holds_the_key(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    kek = os.urandom(32)
    secret = keyring(sessions, kek).key_for(DISTRICT, YEAR).secret
    sessions.kw["bind"].dispose()
    database_bytes = b"".join(p.read_bytes() for p in tmp_path.glob("anonymizer.db*"))
    assert secret not in database_bytes
    assert keyring(sessions, kek).key_for(DISTRICT, YEAR).secret == secret
    [listed] = SqlKeyStore(sessions).metadata(DISTRICT)
    assert listed.encrypted_at_rest


def test_without_the_kek_an_encrypted_key_is_unavailable_not_replaced(
    sessions: sessionmaker[Session],
) -> None:
    keyring(sessions, os.urandom(32)).key_for(DISTRICT, YEAR)
    with pytest.raises(KeyUnavailable, match="ANONYMIZER_KEY_ENCRYPTION_KEY is not set"):
        keyring(sessions).key_for(DISTRICT, YEAR)
    assert len(SqlKeyStore(sessions).metadata()) == 1


def test_metadata_lists_one_district_per_school_year(sessions: sessionmaker[Session]) -> None:
    ring = keyring(sessions)
    for year in ("2027-2028", "2026-2027"):
        ring.key_for(DISTRICT, year)
    ring.key_for(str(uuid.uuid4()), YEAR)
    listed = SqlKeyStore(sessions).metadata(DISTRICT)
    assert [(k.district_id, k.school_year) for k in listed] == [
        (DISTRICT, "2026-2027"),
        (DISTRICT, "2027-2028"),
    ]
    assert not listed[0].encrypted_at_rest
    assert SqlKeyStore(sessions).count() == 3


def test_counters_add_up_across_replicas(sessions: sessionmaker[Session]) -> None:
    SqlCounters(sessions).add({"anonymized": 3, "dead_lettered": 1})
    SqlCounters(sessions).add({"anonymized": 2})
    assert SqlCounters(sessions).read() == {"anonymized": 5, "dead_lettered": 1}
