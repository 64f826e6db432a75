"""Numbered ClickHouse migrations on the real (embedded) engine: applied once, in order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from canopy_analytics.adapters.clickhouse.store import (
    ClickHouseStore,
    connect,
    load_migrations,
    migrate,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ClickHouseStore]:
    store = connect(f"chdb:///{tmp_path}/analytics.chdb")
    yield store
    store.close()


def write(directory: Path, name: str, sql: str) -> None:
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(sql)


def test_pending_migrations_apply_in_order_and_only_once(
    store: ClickHouseStore, tmp_path: Path
) -> None:
    migrations = tmp_path / "migrations"
    write(
        migrations,
        "0001_facts.sql",
        "CREATE TABLE facts (d Date, n UInt32) ENGINE = MergeTree ORDER BY d;\n",
    )
    write(
        migrations,
        "0002_more.sql",
        "ALTER TABLE facts ADD COLUMN school String;\n"
        "INSERT INTO facts VALUES ('2026-09-01', 1, 's1');\n",
    )
    assert migrate(store, migrations) == ["0001_facts", "0002_more"]
    assert migrate(store, migrations) == []
    assert store.query_rows("SELECT n, school FROM facts") == [(1, "s1")]

    write(migrations, "0003_later.sql", "ALTER TABLE facts ADD COLUMN grade String")
    assert migrate(store, migrations) == ["0003_later"]


def test_migration_files_must_be_numbered_and_unique(tmp_path: Path) -> None:
    write(tmp_path / "bad", "facts.sql", "SELECT 1")
    with pytest.raises(ValueError, match="NNNN_snake_case"):
        load_migrations(tmp_path / "bad")
    write(tmp_path / "dup", "0001_a.sql", "SELECT 1")
    write(tmp_path / "dup", "0001_b.sql", "SELECT 1")
    with pytest.raises(ValueError, match="share a number"):
        load_migrations(tmp_path / "dup")
