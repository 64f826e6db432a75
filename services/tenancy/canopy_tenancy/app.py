"""Tenancy's HTTP app factory (`gunicorn 'canopy_tenancy.app:create_app()'`)."""

from __future__ import annotations

from flask import Flask

from canopy_shared.runtime.infrastructure import Infrastructure, build_infrastructure
from canopy_shared.telemetry import configure_tracing
from canopy_shared.web.app import create_service_app
from canopy_tenancy import SERVICE_NAME
from canopy_tenancy.settings import Settings


def create_app(settings: Settings | None = None, infra: Infrastructure | None = None) -> Flask:
    settings = settings or Settings.from_env()
    infra = infra or build_infrastructure(settings.common)
    configure_tracing(SERVICE_NAME)
    return create_service_app(
        import_name=__name__,
        title="Canopy tenancy",
        description="Regions, districts, schools, users, roles, sign-in and the teacher roster.",
        blueprints=[],
        readiness=infra.readiness(),
        verifier=infra.verifier,
    )
