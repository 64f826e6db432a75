"""The web app's own small server in the embedded runtime: the built app (services/web/dist),
`/config.json` telling the browser where each service is, and every other path answered with
index.html so the app's own router handles deep links (/region/heatmap?...).

    gunicorn -c python:canopy_shared.runtime.gunicorn_conf \
        'canopy_shared.runtime.webserver:create_app()'

Production serves the same files from nginx (deploy/web/), with the same /config.json.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from flask import Flask, Response, jsonify, send_from_directory
from werkzeug.exceptions import NotFound

from canopy_shared.runtime.processes import WEB_CLIENT_URL_VARIABLES
from canopy_shared.settings import env_str

DIST_VARIABLE = "CANOPY_WEB_DIST"
# Vite names every file under assets/ by its content hash: a changed file is a new URL.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def services_config(environ: Mapping[str, str] | None = None) -> dict[str, dict[str, str]]:
    return {
        "services": {
            name: env_str(variable, environ=environ).rstrip("/")
            for name, variable in WEB_CLIENT_URL_VARIABLES.items()
        }
    }


def create_app(dist: Path | None = None, config: dict[str, dict[str, str]] | None = None) -> Flask:
    dist = (dist or Path(env_str(DIST_VARIABLE))).resolve()
    if not (dist / "index.html").is_file():
        raise FileNotFoundError(f"{dist}/index.html is missing: build the web app first")
    app = Flask(__name__, static_folder=None)
    runtime_config = config or services_config()

    @app.get("/config.json")
    def config_json() -> Response:
        response = jsonify(runtime_config)
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/healthz")
    def healthz() -> Response:
        return jsonify({"status": "ok"})

    @app.get("/", defaults={"path": ""})
    @app.get("/<path:path>")
    def files(path: str) -> Response:
        return _file_or_app(dist, path)

    @app.after_request
    def secure(response: Response) -> Response:
        response.headers.update(SECURITY_HEADERS)
        return response

    return app


def _file_or_app(dist: Path, path: str) -> Response:
    hidden = any(part.startswith(".") for part in Path(path).parts)
    if path and not hidden and (dist / path).is_file():
        response = send_from_directory(dist, path)
        response.headers["Cache-Control"] = IMMUTABLE if path.startswith("assets/") else REVALIDATE
        return response
    if path.startswith("assets/"):
        raise NotFound()  # a missing bundle file is an error, not a page of the app
    response = send_from_directory(dist, "index.html")
    response.headers["Cache-Control"] = REVALIDATE
    return response
