"""`python -m canopy_templates migrate|consume|relay`."""

from pathlib import Path

from canopy_shared.db import migrate
from canopy_shared.runtime.entrypoints import dispatch, run_consumer, run_relay
from canopy_templates.adapters.db import outbox
from canopy_templates.bootstrap import bootstrap
from canopy_templates.handlers import CONSUMER_GROUP, TOPICS
from canopy_templates.settings import Settings

MIGRATIONS = Path(__file__).parent / "migrations"


def main() -> None:
    settings = Settings.from_env()
    common = settings.common
    dispatch(
        {
            "migrate": lambda: migrate(common.database_url, MIGRATIONS),
            "consume": lambda: run_consumer(
                common,
                group_id=CONSUMER_GROUP,
                topics=TOPICS,
                handlers=bootstrap(settings).consumer_handlers(),
            ),
            "relay": lambda: run_relay(common, outbox=outbox),
        }
    )


if __name__ == "__main__":
    main()
