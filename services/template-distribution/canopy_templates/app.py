"""Template distribution's HTTP app factory (`gunicorn 'canopy_templates.app:create_app()'`)."""

from __future__ import annotations

from flask import Flask

from canopy_shared.runtime.infrastructure import Infrastructure, build_infrastructure
from canopy_shared.telemetry import configure_tracing
from canopy_shared.web.app import create_service_app
from canopy_shared.web.dependencies import install_dependencies
from canopy_templates import SERVICE_NAME
from canopy_templates.api import pushes, received, templates, versions
from canopy_templates.bootstrap import bootstrap
from canopy_templates.settings import Settings


def create_app(settings: Settings | None = None, infra: Infrastructure | None = None) -> Flask:
    settings = settings or Settings.from_env()
    infra = infra or build_infrastructure(settings.common)
    configure_tracing(SERVICE_NAME)
    dependencies = bootstrap(settings, sessions=infra.sessions)
    app = create_service_app(
        import_name=__name__,
        title="Canopy template distribution",
        description="Templates (rubrics) owned by a region, district or school; immutable "
        "published versions; pushes to connected districts and schools, locked or open to "
        "fork; and the versions each school's observers may use now. Errors name the field "
        "and the rule broken.",
        blueprints=[templates.blp, versions.blp, pushes.blp, received.blp],
        readiness=infra.readiness(),
        verifier=infra.verifier.with_revocations(dependencies.revocations),
    )
    install_dependencies(app, dependencies)
    return app
