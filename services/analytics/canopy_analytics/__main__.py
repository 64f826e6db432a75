"""`python -m canopy_analytics migrate|consume|publish-bi`."""

from pathlib import Path

from canopy_analytics.adapters.clickhouse import store as clickhouse
from canopy_analytics.bootstrap import run_sink
from canopy_analytics.services.bi import publish_all
from canopy_analytics.settings import Settings
from canopy_shared.db import migrate
from canopy_shared.runtime.entrypoints import dispatch, stop_on_signals
from canopy_shared.telemetry import configure_tracing

MIGRATIONS = Path(__file__).parent / "migrations"


def _migrate(settings: Settings) -> None:
    migrate(settings.common.database_url, MIGRATIONS)
    store = clickhouse.connect(settings.clickhouse_dsn)
    try:
        applied = clickhouse.migrate(store)
    finally:
        store.close()
    print(f"ClickHouse migrations applied: {applied or 'none pending'}")


def _consume(settings: Settings) -> None:
    configure_tracing(f"{settings.common.service_name}-consumer")
    store = clickhouse.connect(settings.clickhouse_dsn)
    try:
        run_sink(settings, store, stop_on_signals())
    finally:
        store.close()


def _publish_bi(settings: Settings) -> None:
    store = clickhouse.connect(settings.clickhouse_dsn)
    try:
        written = publish_all(store, settings.privacy_rule)
    finally:
        store.close()
    print(f"BI cells published: {written}")


def main() -> None:
    settings = Settings.from_env()
    dispatch(
        {
            "migrate": lambda: _migrate(settings),
            "consume": lambda: _consume(settings),
            "publish-bi": lambda: _publish_bi(settings),
        }
    )


if __name__ == "__main__":
    main()
