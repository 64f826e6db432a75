"""`python -m canopy_anonymizer migrate|consume`."""

from pathlib import Path

from canopy_anonymizer.handlers import CONSUMER_GROUP, TOPICS, build_handlers
from canopy_anonymizer.settings import Settings
from canopy_shared.db import migrate
from canopy_shared.runtime.entrypoints import dispatch, run_consumer

MIGRATIONS = Path(__file__).parent / "migrations"


def main() -> None:
    settings = Settings.from_env()
    common = settings.common
    dispatch(
        {
            "migrate": lambda: migrate(common.database_url, MIGRATIONS),
            "consume": lambda: run_consumer(
                common, group_id=CONSUMER_GROUP, topics=TOPICS, handlers=build_handlers()
            ),
        }
    )


if __name__ == "__main__":
    main()
