"""The Alembic migrations build exactly the tables the code's models describe (the template
tables and the shared organisation read model)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from canopy_shared.db import make_engine
from canopy_templates.adapters.db import metadata


def test_migrated_schema_matches_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []
