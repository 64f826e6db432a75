from canopy_intake.adapters.db import metadata
from canopy_shared.db import run_alembic_env

run_alembic_env(metadata)
