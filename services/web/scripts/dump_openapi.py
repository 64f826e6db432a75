"""Write every browser-facing service's OpenAPI document to services/web/openapi/<name>.json,
without a running system: each service's Flask app is built in-process with offline settings
(a throwaway SQLite file and ClickHouse store, a broker and JWKS URL where nothing answers).

`make web-api` runs this, then `npm run gen:api` turns the documents into the typed clients
under services/web/src/api/generated/; CI regenerates both and fails on any difference, so an
API change that breaks the web app fails the build.

    .venv/bin/python services/web/scripts/dump_openapi.py [--out DIR]
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from canopy_shared.runtime.processes import SERVICES, WEB_CLIENT_NAMES
from canopy_shared.testing.databases import offline_environment, sqlite_url

WEB_DIR = Path(__file__).resolve().parents[1]


def openapi_document(service: str, workdir: Path) -> dict[str, Any]:
    spec = next(s for s in SERVICES if s.name == service)
    environ = offline_environment(
        sqlite_url(workdir / f"{service}.db"),
        CLICKHOUSE_DSN=f"chdb:///{workdir / 'analytics.chdb'}",
        ANALYTICS_SINK_IN_PROCESS="0",
        ANALYTICS_EXPORT_DIR=str(workdir / "exports"),
    )
    settings = importlib.import_module(f"{spec.package}.settings").Settings.from_env(environ)
    app = importlib.import_module(f"{spec.package}.app").create_app(settings)
    try:
        response = app.test_client().get("/openapi.json")
        assert response.status_code == 200, (service, response.status_code)
        return dict(response.get_json())
    finally:
        store = app.extensions.get("canopy_clickhouse")
        if store is not None:
            store.close()  # one embedded ClickHouse store per process at a time


def write_documents(out: Path) -> list[Path]:
    """One document per service the browser calls, named as the app's /config.json names it."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="canopy-openapi-") as tmp:
        for service, name in WEB_CLIENT_NAMES.items():
            document = openapi_document(service, Path(tmp))
            path = out / f"{name}.json"
            # Sorted keys and a final newline: the same API gives the same bytes (a clean diff).
            path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=WEB_DIR / "openapi")
    args = parser.parse_args(argv)
    # The apps run offline: their warnings about the missing broker or tables are expected.
    logging.basicConfig(level=logging.ERROR)
    for path in write_documents(args.out):
        print(f"wrote {path}")
    sys.stdout.flush()
    # Background threads some apps start (export runners) must not keep the script alive.
    os._exit(0)


if __name__ == "__main__":
    main()
