"""A service's database for its tests: a SQLite file migrated once per session and copied for
each test (a file copy is far cheaper than running every Alembic migration again), and the
environment of a service process that reaches no broker and no tenancy."""

from __future__ import annotations

import shutil
from pathlib import Path

from canopy_shared.db import migrate

# Port 9 (discard): nothing listens there, so tests never reach a real broker or tenancy.
UNREACHABLE = "127.0.0.1:9"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def migrated_database(path: Path, migrations: Path) -> Path:
    """A new SQLite file at `path`, brought to the newest revision in `migrations`: the
    template each test copies."""
    migrate(sqlite_url(path), migrations)
    return path


def copy_database(template: Path, path: Path) -> str:
    """A private copy of the migrated `template` at `path`, as a database URL."""
    shutil.copy(template, path)
    return sqlite_url(path)


def offline_environment(database_url: str, **extra: str) -> dict[str, str]:
    """The variables a service's `Settings.from_env` needs, on `database_url`, with the broker
    and tenancy's JWKS where nothing answers; `extra` adds or overrides service variables."""
    return {
        "DATABASE_URL": database_url,
        "KAFKA_BOOTSTRAP_SERVERS": UNREACHABLE,
        "TENANCY_JWKS_URL": f"http://{UNREACHABLE}/.well-known/jwks.json",
        **extra,
    }
