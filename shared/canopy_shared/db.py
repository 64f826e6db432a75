"""SQL database plumbing shared by services: engines, sessions, migrations.

SQLite files under var/ in the embedded runtime, PostgreSQL in production; the same code and the
same Alembic migrations serve both.
"""

from __future__ import annotations

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
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # WAL lets readers proceed while a writer commits; several gunicorn workers and a relay
        # share one file. busy_timeout turns lock contention into waiting, not errors.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


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
