"""Analytics' HTTP app factory (`gunicorn 'canopy_analytics.app:create_app()'`)."""

from __future__ import annotations

from flask import Flask

from canopy_analytics import SERVICE_NAME
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore, connect
from canopy_analytics.api.goals import blp as goals_blp
from canopy_analytics.api.reports import blp
from canopy_analytics.bootstrap import bootstrap
from canopy_analytics.exports.api import blp as exports_blp
from canopy_analytics.exports.settings import ExportSettings
from canopy_analytics.settings import Settings
from canopy_shared.runtime.infrastructure import Infrastructure, build_infrastructure
from canopy_shared.telemetry import configure_tracing
from canopy_shared.web.app import create_service_app
from canopy_shared.web.dependencies import install_dependencies


def create_app(
    settings: Settings | None = None,
    infra: Infrastructure | None = None,
    store: ClickHouseStore | None = None,
    exports: ExportSettings | None = None,
) -> Flask:
    settings = settings or Settings.from_env()
    infra = infra or build_infrastructure(settings.common)
    store = store or connect(settings.clickhouse_dsn)
    configure_tracing(SERVICE_NAME)
    dependencies = bootstrap(settings, infra, store, exports)
    app = create_service_app(
        import_name=__name__,
        title="Canopy analytics",
        description="Rolled-up walkthrough trends for regions and districts. Region-tier "
        "figures are small-cell suppressed: see GET /v1/privacy-rule.",
        blueprints=[blp, goals_blp, exports_blp],
        readiness={**infra.readiness(), "clickhouse": store.ping},
        verifier=infra.verifier.with_revocations(dependencies.revocations),
    )
    install_dependencies(app, dependencies)
    return app
