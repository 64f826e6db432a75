from canopy_shared.db import run_alembic_env
from canopy_tenancy.adapters.db import metadata

run_alembic_env(metadata)
