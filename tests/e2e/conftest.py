"""The end-to-end suites on production's database: with CANOPY_TEST_DATABASE=postgresql
(`make test-postgres`, and the bounded PostgreSQL round of `make test`) every system these tests
start runs each service on a database of its own on one PostgreSQL server for the session
(canopy_shared.testing.system), instead of SQLite files under var/."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from canopy_shared.db import make_engine
from canopy_shared.testing.postgres import server_binaries
from canopy_shared.testing.system import TEST_POSTGRES_URL, on_postgres


@pytest.fixture(scope="session", autouse=True)
def _postgres_for_systems(request: pytest.FixtureRequest) -> Iterator[None]:
    if not on_postgres():
        yield
        return
    if server_binaries() is None and not os.environ.get(TEST_POSTGRES_URL):
        pytest.fail("CANOPY_TEST_DATABASE=postgresql needs PostgreSQL (`make system-packages`)")
    server: str = request.getfixturevalue("postgres_server")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(TEST_POSTGRES_URL, server)
        yield
    # The systems really ran there: their migrated databases are on the server.
    engine = make_engine(server)
    with engine.connect() as connection:
        names = connection.execute(text("SELECT datname FROM pg_database")).scalars().all()
    engine.dispose()
    used = sorted({n.rsplit("_", 1)[0] for n in names if n.startswith("canopy_")})
    print(f"\nservice databases on PostgreSQL: {', '.join(used) or 'none'}")
