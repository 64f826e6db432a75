"""The common part of every service's `create_app`: OpenAPI docs, JSON errors, health, auth,
tracing. A service's own factory adds its blueprints and readiness checks."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import swagger_ui_bundle
from flask import Blueprint as FlaskBlueprint
from flask import Flask, redirect
from flask_cors import CORS
from flask_smorest import Api, Blueprint
from opentelemetry.instrumentation.flask import FlaskInstrumentor

from canopy_shared.web.auth import TokenVerifier
from canopy_shared.web.errors import ErrorBody, register_error_handlers
from canopy_shared.web.health import ReadinessCheck, health_blueprint
from canopy_shared.web.request_limits import DEFAULT_MAX_BODY_BYTES, install_request_limits

API_DOCS_PATH = "/docs"
OPENAPI_JSON_PATH = "/openapi.json"
SWAGGER_ASSETS_PATH = "/docs-assets"
ALLOWED_ORIGINS_VARIABLE = "CANOPY_ALLOWED_ORIGINS"
# What the web app sends: a bearer token and JSON bodies, with the methods the APIs use.
CORS_HEADERS = ("Authorization", "Content-Type")
CORS_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


class CanopyApi(Api):
    """flask-smorest's Api documenting the error body the services really send."""

    ERROR_SCHEMA = ErrorBody


def create_service_app(
    *,
    import_name: str,
    title: str,
    description: str,
    blueprints: Iterable[Blueprint],
    readiness: Mapping[str, ReadinessCheck],
    verifier: TokenVerifier,
    config: Mapping[str, Any] | None = None,
    allowed_origins: Sequence[str] | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> Flask:
    """`allowed_origins`: the web origins whose pages may call this API from a browser (default:
    CANOPY_ALLOWED_ORIGINS, comma-separated; none when unset). `max_body_bytes`: larger request
    bodies get a 413 (a service with big uploads raises it)."""
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
    api = CanopyApi(app)
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    app.register_blueprint(health_blueprint(readiness))
    app.register_blueprint(_swagger_assets())
    register_error_handlers(app)
    allow_cross_origin(
        app, allowed_origins_from_env() if allowed_origins is None else allowed_origins
    )
    instrumentor: Any = FlaskInstrumentor()  # its methods are untyped
    instrumentor.instrument_app(app, excluded_urls="healthz,readyz")
    # After tracing's own hook, so a refused request still has its span.
    install_request_limits(app, max_body_bytes=max_body_bytes)
    return app


def allowed_origins_from_env(environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    raw = (os.environ if environ is None else environ).get(ALLOWED_ORIGINS_VARIABLE, "")
    return tuple(origin.strip().rstrip("/") for origin in raw.split(",") if origin.strip())


def allow_cross_origin(app: Flask, origins: Sequence[str]) -> None:
    """The web app is served from its own origin and calls each service directly ("each tier's
    web client hits its own service"): its origins may call /v1/* with a bearer token. No
    cookies are involved, so credentials stay off; every other origin gets no CORS headers and
    its browser refuses the answer."""
    if not origins:
        return
    CORS(
        app,
        resources={r"/v1/*": {"origins": list(origins)}},
        allow_headers=list(CORS_HEADERS),
        methods=list(CORS_METHODS),
        # The export download's file name; a 401's challenge for the sign-in redirect.
        expose_headers=["Content-Disposition", "WWW-Authenticate"],
        supports_credentials=False,
        max_age=600,
    )


def _swagger_assets() -> FlaskBlueprint:
    """Swagger UI's files served by the service itself: the docs work with no CDN reachable.
    The API's base URL (what `make run` prints) leads to its docs, not to a 404."""
    assets = FlaskBlueprint(
        "swagger_assets",
        __name__,
        static_folder=swagger_ui_bundle.swagger_ui_path,
        static_url_path=SWAGGER_ASSETS_PATH,
    )
    assets.add_url_rule("/", "api_root", lambda: redirect(API_DOCS_PATH))
    return assets
