"""`python -m canopy_analytics migrate|consume`."""

from pathlib import Path

from canopy_analytics import clickhouse
from canopy_analytics.handlers import CONSUMER_GROUP, TOPICS, build_handlers
from canopy_analytics.settings import Settings
from canopy_shared.db import migrate
from canopy_shared.runtime.entrypoints import dispatch, run_consumer

MIGRATIONS = Path(__file__).parent / "migrations"


def _migrate(settings: Settings) -> None:
    migrate(settings.common.database_url, MIGRATIONS)
    applied = clickhouse.migrate(clickhouse.connect(settings.clickhouse_dsn))
    print(f"ClickHouse migrations applied: {applied or 'none pending'}")


def main() -> None:
    settings = Settings.from_env()
    dispatch(
        {
            "migrate": lambda: _migrate(settings),
            "consume": lambda: run_consumer(
                settings.common, group_id=CONSUMER_GROUP, topics=TOPICS, handlers=build_handlers()
            ),
        }
    )


if __name__ == "__main__":
    main()
