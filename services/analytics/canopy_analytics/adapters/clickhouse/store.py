"""The ClickHouse store: one client per process, and numbered SQL migrations.

The same DDL runs on the embedded engine (chdb, `chdb:///path`) and on a ClickHouse server.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import clickhouse_connect
from clickhouse_connect.driver.client import Client

Rows = list[tuple[Any, ...]]
# The numbered SQL files live beside the Alembic migrations, at the package root.
MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "clickhouse_migrations"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class ClickHouseStore:
    """A client shared by the threads of one process. Calls are serialised: the embedded
    engine's client is a single session, and a server client is cheap to serialise at our
    request rates (run more replicas to scale).

    `sole_writer`: every write to the store goes through this object (the embedded engine: one
    process opens its path, and that process builds one store). Then `writes_to` counts them,
    so a reader can tell that nothing it reads changed without asking the engine
    (`data_version.py`)."""

    def __init__(self, client: Client, *, sole_writer: bool = False) -> None:
        self._client = client
        self._lock = threading.Lock()
        self._sole_writer = sole_writer
        self._commands = 0
        self._inserts: Counter[str] = Counter()

    @property
    def counts_writes(self) -> bool:
        """Whether `writes_to` sees every write (false on a server other processes write to)."""
        return self._sole_writer

    def writes_to(self, tables: Iterable[str]) -> int:
        """Writes through this store so far that may have changed `tables`, each counted once
        it returned: inserts into them, and every command (a command may write any table)."""
        return self._commands + sum(self._inserts[table] for table in tables)

    def command(self, sql: str, parameters: dict[str, Any] | None = None) -> Any:
        with self._lock:
            try:
                return self._client.command(sql, parameters=parameters)
            finally:
                self._commands += 1  # a failed write may still have written part of itself

    def query_rows(self, sql: str, parameters: dict[str, Any] | None = None) -> Rows:
        with self._lock:
            return [
                tuple(row) for row in self._client.query(sql, parameters=parameters).result_rows
            ]

    def insert(self, table: str, rows: list[list[Any]], column_names: list[str]) -> None:
        with self._lock:
            try:
                self._client.insert(table, rows, column_names=column_names)
            finally:
                self._inserts[table] += 1

    def ping(self) -> None:
        self.query_rows("SELECT 1")

    def close(self) -> None:
        # The embedded engine holds one store path per process until closed.
        with self._lock:
            self._client.close()


# An aggregation whose state outgrows this spills to disk rather than growing the process:
# a release's top-contribution query keeps a group per teacher and cell in every grouping set,
# which took the embedded engine (inside the analytics web process) from 0.9 to 2.2 GB at 1M
# walkthroughs; with the limit its peak was 1.3 GB (#17). A server applies it per query.
ENGINE_SETTINGS = {"max_bytes_before_external_group_by": 200_000_000}


def connect(dsn: str) -> ClickHouseStore:
    """Settings in the DSN (`?ch_<name>=` on the embedded engine) take precedence."""
    return ClickHouseStore(
        clickhouse_connect.get_client(dsn=dsn, settings=dict(ENGINE_SETTINGS)),
        sole_writer=dsn.startswith("chdb:"),
    )


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


def load_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    migrations = []
    for path in sorted(directory.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if not match:
            raise ValueError(f"{path.name}: migration files are named NNNN_snake_case.sql")
        statements = tuple(s.strip() for s in path.read_text().split(";\n") if s.strip())
        migrations.append(Migration(int(match.group(1)), path.stem, statements))
    versions = [m.version for m in migrations]
    if len(set(versions)) != len(versions):
        raise ValueError(f"two ClickHouse migrations share a number in {directory}")
    return migrations


def migrate(store: ClickHouseStore, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply migrations not yet recorded in `schema_migrations`; return the names applied."""
    store.command(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version UInt32, name String, applied_at DateTime DEFAULT now()) "
        "ENGINE = ReplacingMergeTree ORDER BY version"
    )
    done = {row[0] for row in store.query_rows("SELECT version FROM schema_migrations FINAL")}
    applied = []
    for migration in load_migrations(directory):
        if migration.version in done:
            continue
        for statement in migration.statements:
            store.command(statement)
        store.insert(
            "schema_migrations", [[migration.version, migration.name]], ["version", "name"]
        )
        applied.append(migration.name)
    return applied
