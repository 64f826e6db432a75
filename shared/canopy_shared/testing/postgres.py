"""A throwaway PostgreSQL server on a free loopback port, for tests that prove the migrations
and races of production's database (the embedded runtime uses SQLite).

Uses the Debian `postgresql` package's server binaries (`.ci/run` installs them). PostgreSQL
refuses to run as root, so as root the server runs as the `postgres` system user.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from canopy_shared.db import make_engine
from canopy_shared.runtime.broker import free_port

HOST = "127.0.0.1"
USER = "canopy"


def server_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, newest version first; None when not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if found:
        return Path(found[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def running_postgres() -> Iterator[str]:
    """Yield a server URL (database `postgres`) a test may create databases on."""
    binaries = server_binaries()
    if binaries is None:
        raise RuntimeError("PostgreSQL server binaries are not installed (Debian: postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="canopy-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", free_port(HOST)
    run = [str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", USER]
    subprocess.run(_as_server_user(run), check=True, capture_output=True)
    options = f"-p {port} -k {folder} -c listen_addresses={HOST} -c fsync=off"
    pg_ctl = [str(binaries / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w"]
    subprocess.run(_as_server_user([*pg_ctl, "-o", options, "start"]), check=True)
    try:
        yield f"postgresql+psycopg://{USER}@{HOST}:{port}/postgres"
    finally:
        stop = [*pg_ctl, "stop", "-m", "immediate"]
        subprocess.run(_as_server_user(stop), check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def fresh_database(server_url: str, prefix: str) -> Iterator[str]:
    """A new, empty database on the server for one test; dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    server = make_engine(server_url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        server.dispose()


def create_database(server_url: str, prefix: str) -> str:
    """A new, empty database on the server, left in place (for a whole system started by a
    test: the throwaway server and everything on it goes at the end of the session)."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    server = make_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        server.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)
