"""`python -m canopy_tenancy migrate|relay`."""

from pathlib import Path

from canopy_shared.db import migrate
from canopy_shared.runtime.entrypoints import dispatch, run_relay
from canopy_tenancy.db import outbox
from canopy_tenancy.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"


def main() -> None:
    settings = Settings.from_env()
    dispatch(
        {
            "migrate": lambda: migrate(settings.common.database_url, MIGRATIONS),
            "relay": lambda: run_relay(settings.common, outbox=outbox),
        }
    )


if __name__ == "__main__":
    main()
