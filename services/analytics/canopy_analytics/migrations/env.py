import canopy_analytics.adapters.goals  # registers the goals table on `metadata`
import canopy_analytics.adapters.releases  # registers the release cuts table on `metadata`
import canopy_analytics.exports.db  # noqa: F401  (registers the export tables on `metadata`)
from canopy_analytics.adapters.db import metadata
from canopy_shared.db import run_alembic_env

run_alembic_env(metadata)
