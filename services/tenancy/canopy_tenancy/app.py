"""Tenancy's HTTP app factory (`gunicorn 'canopy_tenancy.app:create_app()'`)."""

from __future__ import annotations

from flask import Flask

from canopy_shared.runtime.infrastructure import Infrastructure
from canopy_shared.telemetry import configure_tracing
from canopy_shared.web.app import create_service_app
from canopy_shared.web.dependencies import install_dependencies
from canopy_tenancy import SERVICE_NAME
from canopy_tenancy.api import auth, connections, orgs, region_coaches, roster, setup, users
from canopy_tenancy.bootstrap import Dependencies, bootstrap, tenancy_infrastructure
from canopy_tenancy.schemas.roster import MAX_BODY_BYTES
from canopy_tenancy.settings import Settings


def create_app(
    settings: Settings | None = None,
    infra: Infrastructure | None = None,
    dependencies: Dependencies | None = None,
) -> Flask:
    settings = settings or Settings.from_env()
    infra = infra or tenancy_infrastructure(settings)
    configure_tracing(SERVICE_NAME)
    app = create_service_app(
        import_name=__name__,
        title="Canopy tenancy",
        description="Regions, districts, schools, users, roles, sign-in and the teacher "
        "roster. Teacher names live here only and no region role can read them. Errors name "
        "the field and the rule broken.",
        blueprints=[
            auth.blp,
            orgs.blp,
            connections.blp,
            users.blp,
            region_coaches.blp,
            roster.blp,
            setup.blp,
        ],
        readiness=infra.readiness(),
        verifier=infra.verifier,
        max_body_bytes=MAX_BODY_BYTES,
    )
    install_dependencies(app, dependencies or bootstrap(settings, infra.sessions))
    return app
