"""The common part of every service's `create_app`: OpenAPI docs, JSON errors, health, auth,
tracing. A service's own factory adds its blueprints and readiness checks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import swagger_ui_bundle
from flask import Blueprint as FlaskBlueprint
from flask import Flask
from flask_smorest import Api, Blueprint
from opentelemetry.instrumentation.flask import FlaskInstrumentor

from canopy_shared.web.auth import TokenVerifier
from canopy_shared.web.errors import register_error_handlers
from canopy_shared.web.health import ReadinessCheck, health_blueprint

API_DOCS_PATH = "/docs"
OPENAPI_JSON_PATH = "/openapi.json"
SWAGGER_ASSETS_PATH = "/docs-assets"


def create_service_app(
    *,
    import_name: str,
    title: str,
    description: str,
    blueprints: Iterable[Blueprint],
    readiness: Mapping[str, ReadinessCheck],
    verifier: TokenVerifier,
    config: Mapping[str, Any] | None = None,
) -> Flask:
    app = Flask(import_name)
    app.config.update(
        API_TITLE=title,
        API_VERSION="v1",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH=OPENAPI_JSON_PATH.lstrip("/"),
        OPENAPI_SWAGGER_UI_PATH=API_DOCS_PATH.lstrip("/"),
        OPENAPI_SWAGGER_UI_URL=SWAGGER_ASSETS_PATH + "/",
        API_SPEC_OPTIONS={
            "info": {"description": description},
            "components": {
                "securitySchemes": {
                    "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
                }
            },
            "security": [{"bearerAuth": []}],
        },
    )
    app.config.update(config or {})
    app.extensions["canopy_token_verifier"] = verifier
    api = Api(app)
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    app.register_blueprint(health_blueprint(readiness))
    app.register_blueprint(_swagger_assets())
    register_error_handlers(app)
    FlaskInstrumentor().instrument_app(app, excluded_urls="healthz,readyz")
    return app


def _swagger_assets() -> FlaskBlueprint:
    """Swagger UI's files served by the service itself: the docs work with no CDN reachable."""
    return FlaskBlueprint(
        "swagger_assets",
        __name__,
        static_folder=swagger_ui_bundle.swagger_ui_path,
        static_url_path=SWAGGER_ASSETS_PATH,
    )
