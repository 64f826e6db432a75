"""Observation intake's HTTP app factory (`gunicorn 'canopy_intake.app:create_app()'`)."""

from __future__ import annotations

from flask import Flask

from canopy_intake import SERVICE_NAME
from canopy_intake.settings import Settings
from canopy_shared.runtime.infrastructure import Infrastructure, build_infrastructure
from canopy_shared.telemetry import configure_tracing
from canopy_shared.web.app import create_service_app


def create_app(settings: Settings | None = None, infra: Infrastructure | None = None) -> Flask:
    settings = settings or Settings.from_env()
    infra = infra or build_infrastructure(settings.common)
    configure_tracing(SERVICE_NAME)
    return create_service_app(
        import_name=__name__,
        title="Canopy observation intake",
        description="Walkthroughs in from schools; district and school views with names.",
        blueprints=[],
        readiness=infra.readiness(),
        verifier=infra.verifier,
    )
