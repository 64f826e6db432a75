"""`python -m canopy_analytics migrate|consume|publish-bi|release`."""

from collections.abc import Mapping
from pathlib import Path

from canopy_analytics.adapters.clickhouse import store as clickhouse
from canopy_analytics.bootstrap import region_releases, run_sink
from canopy_analytics.services.bi import publish_all
from canopy_analytics.services.releases import Releases
from canopy_analytics.settings import Settings
from canopy_shared.db import make_engine, make_session_factory, migrate
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
    releases = _releases(settings).current()
    store = clickhouse.connect(settings.clickhouse_dsn)
    try:
        written = publish_all(store, settings.privacy_rule, releases)
    finally:
        store.close()
    print(f"BI cells published: {written}")


def _release(settings: Settings) -> None:
    """Cut a region release now: every month closed (plus the settling delay) and not yet
    released is published from the walkthroughs received by now (issue #19)."""
    cut = _releases(settings).cut("operator")
    print(f"Region release cut at {cut.isoformat()}")


def _releases(settings: Settings) -> Releases:
    return region_releases(
        settings, make_session_factory(make_engine(settings.common.database_url))
    )


def main(argv: list[str] | None = None, environ: Mapping[str, str] | None = None) -> None:
    """Run one command (`argv`, default the process's arguments) in `environ` (default the
    process's environment)."""
    settings = Settings.from_env(environ)
    dispatch(
        {
            "migrate": lambda: _migrate(settings),
            "consume": lambda: _consume(settings),
            "publish-bi": lambda: _publish_bi(settings),
            "release": lambda: _release(settings),
        },
        argv,
    )


if __name__ == "__main__":
    main()
