"""Anonymizer's HTTP app factory (`gunicorn 'canopy_anonymizer.app:create_app()'`)."""

from __future__ import annotations

from flask import Flask

from canopy_anonymizer import SERVICE_NAME
from canopy_anonymizer.api import keys_blueprint, metrics_blueprint
from canopy_anonymizer.bootstrap import bootstrap
from canopy_anonymizer.settings import Settings
from canopy_shared.runtime.infrastructure import Infrastructure, build_infrastructure
from canopy_shared.telemetry import configure_tracing
from canopy_shared.web.app import create_service_app
from canopy_shared.web.dependencies import install_dependencies


def create_app(settings: Settings | None = None, infra: Infrastructure | None = None) -> Flask:
    settings = settings or Settings.from_env()
    infra = infra or build_infrastructure(settings.common)
    configure_tracing(SERVICE_NAME)
    dependencies = bootstrap(settings, sessions=infra.sessions)
    app = create_service_app(
        import_name=__name__,
        title="Canopy anonymizer",
        description="The only path from raw to anonymized walkthroughs: health, metrics and "
        "key metadata. No endpoint ever returns a key.",
        blueprints=[keys_blueprint(), metrics_blueprint()],
        readiness=infra.readiness(),
        verifier=infra.verifier.with_revocations(dependencies.revocations),
    )
    install_dependencies(app, dependencies)
    return app
