"""Anonymizer's HTTP app factory (`gunicorn 'canopy_anonymizer.app:create_app()'`)."""

from __future__ import annotations

from flask import Flask

from canopy_anonymizer import SERVICE_NAME
from canopy_anonymizer.api import key_admin_blueprint, metrics_blueprint
from canopy_anonymizer.db import SqlCounters, SqlKeyStore
from canopy_anonymizer.settings import Settings
from canopy_shared.runtime.infrastructure import Infrastructure, build_infrastructure
from canopy_shared.telemetry import configure_tracing
from canopy_shared.web.app import create_service_app


def create_app(settings: Settings | None = None, infra: Infrastructure | None = None) -> Flask:
    settings = settings or Settings.from_env()
    infra = infra or build_infrastructure(settings.common)
    configure_tracing(SERVICE_NAME)
    store = SqlKeyStore(infra.sessions)
    return create_service_app(
        import_name=__name__,
        title="Canopy anonymizer",
        description="The only path from raw to anonymized walkthroughs: health, metrics and "
        "key metadata. No endpoint ever returns a key.",
        blueprints=[
            key_admin_blueprint(store),
            metrics_blueprint(store, SqlCounters(infra.sessions)),
        ],
        readiness=infra.readiness(),
        verifier=infra.verifier,
    )
