"""Every service's Alembic migrations on PostgreSQL, production's database: they create exactly
the tables and columns its models declare, and run back down to an empty database."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterator

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData, inspect

from canopy_shared.db import make_engine, migrate
from canopy_shared.runtime.processes import SERVICES, ServiceSpec
from canopy_shared.testing.postgres import fresh_database

pytestmark = pytest.mark.integration


def _models(spec: ServiceSpec) -> MetaData:
    if spec.package == "canopy_analytics":
        importlib.import_module("canopy_analytics.exports.db")  # registers the export tables
    # The one service layout keeps a service's tables in adapters/db.py.
    metadata: MetaData = importlib.import_module(f"{spec.package}.adapters.db").metadata
    return metadata


@pytest.fixture
def database(postgres_server: str) -> Iterator[str]:
    with fresh_database(postgres_server, "migrations") as url:
        yield url


@pytest.mark.parametrize("spec", SERVICES, ids=[s.name for s in SERVICES])
def test_migrations_match_the_models_and_run_back_down(spec: ServiceSpec, database: str) -> None:
    migrations = importlib.import_module(f"{spec.package}.__main__").MIGRATIONS
    migrate(database, migrations)
    engine = make_engine(database)
    inspector = inspect(engine)
    for table in _models(spec).sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == set(table.columns.keys()), table.name
    engine.dispose()

    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.set_main_option("sqlalchemy.url", database)
    command.downgrade(config, "base")
    engine = make_engine(database)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
