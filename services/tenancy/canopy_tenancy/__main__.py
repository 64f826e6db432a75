"""`python -m canopy_tenancy migrate|relay|rotate-key` and
`python -m canopy_tenancy bootstrap {region|district} --name N --admin-email E`."""

import sys
from pathlib import Path

from canopy_shared.db import make_engine, make_session_factory, migrate
from canopy_shared.runtime.entrypoints import dispatch, run_relay
from canopy_tenancy.adapters.db import outbox
from canopy_tenancy.bootstrap import build_deps
from canopy_tenancy.operator import bootstrap_command
from canopy_tenancy.services.auth import rotate_signing_key
from canopy_tenancy.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"


def rotate_key(settings: Settings) -> None:
    """A new key signs from now on; the old one verifies until its tokens expired."""
    deps = build_deps(settings, make_session_factory(make_engine(settings.common.database_url)))
    print(rotate_signing_key(uow=deps.unit_of_work(), auth=deps.auth))


def main() -> None:
    settings = Settings.from_env()
    if sys.argv[1:2] == ["bootstrap"]:
        bootstrap_command(sys.argv[2:], settings)
        return
    dispatch(
        {
            "migrate": lambda: migrate(settings.common.database_url, MIGRATIONS),
            "relay": lambda: run_relay(settings.common, outbox=outbox),
            "rotate-key": lambda: rotate_key(settings),
        }
    )


if __name__ == "__main__":
    main()
