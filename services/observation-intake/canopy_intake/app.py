"""Observation intake's HTTP app factory (`gunicorn 'canopy_intake.app:create_app()'`)."""

from __future__ import annotations

from flask import Flask

from canopy_intake import SERVICE_NAME
from canopy_intake.api import acknowledgements, coverage, downloads, replays, walkthroughs
from canopy_intake.bootstrap import bootstrap
from canopy_intake.schemas.walkthroughs import MAX_BODY_BYTES
from canopy_intake.settings import Settings
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
        title="Canopy observation intake",
        description="Walkthroughs in from schools, validated against the template version the "
        "school may use, its roster and observer assignments; the district's and school's own "
        "views with names; replays downstream. Errors name the field and the rule broken. "
        "Walkthroughs leave this service only as observations.raw.v1, read by the anonymizer.",
        blueprints=[
            walkthroughs.blp,
            acknowledgements.blp,
            downloads.blp,
            coverage.blp,
            replays.blp,
        ],
        readiness=infra.readiness(),
        verifier=infra.verifier.with_revocations(dependencies.revocations),
        max_body_bytes=MAX_BODY_BYTES,
    )
    install_dependencies(app, dependencies)
    return app
