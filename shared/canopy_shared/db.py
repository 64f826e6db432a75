"""SQL database plumbing shared by services: engines, sessions, migrations.

SQLite files under var/ in the embedded runtime, PostgreSQL in production; the same code and the
same Alembic migrations serve both.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import DateTime, Dialect, Engine, String, TypeDecorator, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

ID = String(36)  # a UUID in its canonical text form


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in and out: SQLite stores no offset, PostgreSQL a timestamptz. A naive
    datetime is refused: its meaning would depend on the server's clock settings."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: only UTC instants are stored")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stored: datetime = value  # drivers give back what DateTime stores
        return stored.replace(tzinfo=UTC) if stored.tzinfo is None else stored.astimezone(UTC)


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url, **kwargs)
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_engine(url: str, **kwargs: Any) -> Engine:
    path = url.split("///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    connect_args = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_S, "factory": _Connection}
    engine = create_engine(url, connect_args=connect_args, **kwargs)
    writers = _writer_lock(path or ":memory:", engine)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # WAL lets readers proceed while a writer commits; several gunicorn workers and a relay
        # share one file. busy_timeout turns lock contention between processes into waiting,
        # not errors. synchronous=NORMAL: in WAL mode a commit is durable against a crash of
        # any process (it is in the WAL file when commit returns) and is fsynced at the next
        # checkpoint, not per commit; only an OS crash or power loss can lose the last
        # commits. FULL fsyncs the WAL on every commit (~6 ms here, with the write lock held),
        # which bounded every service's writes at ~150 transactions/s (issue #17). Production
        # runs PostgreSQL.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
        dbapi_connection.writers = writers

    @event.listens_for(engine, "before_cursor_execute")
    def _writer_first(_conn: Any, cursor: Any, statement: str, *_args: Any, **_kwargs: Any) -> None:
        if statement.lstrip()[:7].upper().startswith(_WRITES):
            cursor.connection.begin_write()

    return engine


BUSY_TIMEOUT_S = 30
# The statements before which the sqlite3 module opens a write transaction itself.
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
_writer_locks: dict[str, threading.Lock] = {}
_writer_locks_guard = threading.Lock()


def _writer_lock(path: str, engine: Engine) -> threading.Lock:
    """One lock per database file per process (an in-memory database: per engine)."""
    key = f"memory:{id(engine)}" if path == ":memory:" else str(Path(path).resolve())
    with _writer_locks_guard:
        return _writer_locks.setdefault(key, threading.Lock())


class _Connection(sqlite3.Connection):
    """A SQLite connection whose write transactions queue on a lock shared by the process's
    threads before they take SQLite's write lock.

    SQLite has one writer per file; a writer that finds it taken sleeps in SQLite's busy
    handler (1, 2, 5 ... 100 ms steps) and retries, so under load many threads sleep past
    the moment the lock is free, and the holder, waiting for the GIL between its statements,
    keeps it longer (issue #17: a p99 of seconds). A Python lock hands over at once, in
    order. Threads of other processes (the other gunicorn workers, a relay) still meet at
    SQLite's lock. Taken before the first INSERT/UPDATE/DELETE of a transaction, released
    when it commits or rolls back; reads never take it."""

    writers: threading.Lock
    _writing = False

    def begin_write(self) -> None:
        if not self._writing:
            # After the busy timeout, go on without it: SQLite's own timeout then decides,
            # as it did before this lock existed.
            self._writing = self.writers.acquire(timeout=BUSY_TIMEOUT_S)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._end_write()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._end_write()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._end_write()

    def _end_write(self) -> None:
        if self._writing:
            self._writing = False
            self.writers.release()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def ping(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def migrate(url: str, migrations_dir: Path) -> None:
    """Bring the database at `url` to the newest Alembic revision in `migrations_dir`."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, "head")


def run_alembic_env(target_metadata: Any) -> None:
    """The body of every service's migrations/env.py (online mode only: we always migrate a
    live database, at start-up or from `python -m <service> migrate`)."""
    from alembic import context

    url = context.config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url must be set by canopy_shared.db.migrate"
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=url.startswith("sqlite"),  # SQLite needs batch ALTERs
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
