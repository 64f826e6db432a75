"""The parts ceiling (issue #17: "intake at the speed of its parts"): a walkthrough POST endpoint
built from the parts intake is made of and nothing of Canopy's own rules, one part added per
rung, each rung run under the services' gunicorn settings and the same wrk load as intake.

    1 framework  Flask under gunicorn: JSON in, JSON out (the bench's `ceiling_app`)
    2 tracing    + OpenTelemetry's Flask instrumentation, a tracer provider as the services set
                 it up (`configure_tracing`: a span per request, no exporter by default)
    3 token      + the bearer token checked by PyJWT (RS256 against tenancy's JWKS), once per
                 token and then remembered, as intake does (`TokenVerifier`, no revocation list)
    4 schemas    + flask-smorest loading the body with intake's own `WalkthroughIn` and
                 dumping the answer with `WalkthroughOut` (marshmallow)
    5 database   + SQLAlchemy Core inserting the walkthrough row and its outbox row into intake's
                 own tables and committing, on SQLite as the embedded runtime opens it (WAL,
                 synchronous=NORMAL, one writer per process: `canopy_shared.db.make_engine`)

What intake spends beyond rung 5 is Canopy's own work: the read models' version and rules, the
raw contract's strict check, idempotency answers, request limits. What rung 5 spends is the
parts', whatever Canopy does. gunicorn runs `parts_app:app` with CANOPY_PARTS (the rung),
CANOPY_PARTS_DATABASE (a file `prepare_database` made) and TENANCY_JWKS_URL.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from flask import Flask, jsonify, request
from flask.views import MethodView
from flask_smorest import Api, Blueprint
from opentelemetry.instrumentation.flask import FlaskInstrumentor
from sqlalchemy import Engine, insert

from canopy_intake.adapters.db import Walkthrough, metadata, outbox
from canopy_intake.schemas.walkthroughs import BatchIn, BatchOut, WalkthroughIn, WalkthroughOut
from canopy_shared.db import make_engine
from canopy_shared.errors import Unauthenticated
from canopy_shared.telemetry import configure_tracing
from canopy_shared.web.auth import JwksKeySource, Principal, TokenVerifier
from canopy_shared.web.errors import register_error_handlers

FRAMEWORK, TRACING, TOKEN, SCHEMAS, DATABASE = 1, 2, 3, 4, 5
RUNGS = {
    FRAMEWORK: "framework: Flask + gunicorn",
    TRACING: "+ tracing: OpenTelemetry span per request",
    TOKEN: "+ token: PyJWT RS256, remembered per token",
    SCHEMAS: "+ schemas: flask-smorest, WalkthroughIn / WalkthroughOut",
    DATABASE: "+ database: SQLAlchemy Core, 2 rows and a commit on SQLite",
}
RAW_TOPIC = "observations.raw.v1"
walkthroughs = Walkthrough.__table__


def prepare_database(path: str) -> str:
    """A fresh SQLite file with intake's tables; its URL, for CANOPY_PARTS_DATABASE."""
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    metadata.create_all(engine)
    engine.dispose()
    return url


def create_app(
    parts: int, *, verifier: TokenVerifier | None = None, database_url: str | None = None
) -> Flask:
    app = Flask(__name__)
    register_error_handlers(app)  # refusals as intake answers them (no cost on a success)
    if parts >= TRACING:
        configure_tracing("parts-ceiling")
        instrumentor: Any = FlaskInstrumentor()  # its methods are untyped
        instrumentor.instrument_app(app)
    caller = _caller(verifier) if parts >= TOKEN and verifier else _anyone
    store = _store(make_engine(database_url)) if parts >= DATABASE and database_url else None
    if parts >= SCHEMAS:
        _schema_routes(app, caller, store)
    else:
        _plain_routes(app, caller)
    return app


def _anyone() -> Principal | None:
    return None


def _caller(verifier: TokenVerifier) -> Callable[[], Principal | None]:
    def caller() -> Principal:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise Unauthenticated("a bearer token is required", field="Authorization")
        return verifier.verify(token)

    return caller


def _plain_routes(app: Flask, caller: Callable[[], Principal | None]) -> None:
    @app.post("/v1/walkthroughs")
    def accept() -> tuple[object, int]:
        caller()
        body = request.get_json()
        return jsonify({"observation_id": body.get("observation_id")}), 201


def _schema_routes(
    app: Flask,
    caller: Callable[[], Principal | None],
    store: Callable[[list[dict[str, Any]], list[dict[str, Any]]], None] | None,
) -> None:
    app.config.update(API_TITLE="parts", API_VERSION="v1", OPENAPI_VERSION="3.1.0")
    api = Api(app)
    blp = Blueprint("parts", __name__, url_prefix="/v1/walkthroughs")
    many = WalkthroughIn(many=True)

    def kept(bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
        principal, now = caller(), datetime.now(UTC)
        rows = [_walkthrough_row(body, principal, now) for body in bodies]
        if store is not None:
            store(
                rows, [_outbox_row(row, body, now) for row, body in zip(rows, bodies, strict=True)]
            )
        return rows

    @blp.route("")
    class Single(MethodView):
        @blp.arguments(WalkthroughIn)
        @blp.response(201, WalkthroughOut)
        def post(self, body: dict[str, Any]) -> dict[str, Any]:
            return kept([body])[0]

    @blp.route("/batch")
    class Batch(MethodView):
        # The items are loaded as a list, all or nothing: intake refuses them one by one (its
        # rules), which is Canopy's work; the parts' work per item is the same schema load.
        @blp.arguments(BatchIn)
        @blp.response(200, BatchOut)
        def post(self, body: dict[str, Any]) -> dict[str, Any]:
            rows = kept(many.load(body["walkthroughs"]))
            results = [
                {"index": n, "observation_id": r["observation_id"], "status": "created"}
                for n, r in enumerate(rows)
            ]
            return {"results": results, "created": len(rows), "unchanged": 0, "rejected": 0}

    api.register_blueprint(blp)


def _store(engine: Engine) -> Callable[[list[dict[str, Any]], list[dict[str, Any]]], None]:
    def store(walkthrough_rows: list[dict[str, Any]], outbox_rows: list[dict[str, Any]]) -> None:
        with engine.begin() as connection:
            connection.execute(insert(walkthroughs), walkthrough_rows)
            connection.execute(insert(outbox), outbox_rows)

    return store


def _walkthrough_row(
    body: dict[str, Any], caller: Principal | None, now: datetime
) -> dict[str, Any]:
    """The row intake keeps, from the body and the token alone (no read model: the school's
    district is the caller's)."""
    district = (caller and caller.district_id) or body["school_id"]
    return {
        **body,
        "event_id": str(uuid.uuid4()),
        "content_hash": hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest(),
        "region_id": caller and caller.region_id,
        "district_id": district,
        "observer_id": caller.subject if caller else body["teacher_id"],
        "template_id": body.get("template_id") or body["template_version_id"],
        "observed_on": date.fromisoformat(body["observed_at"][:10]),
        "notes": body.get("notes"),
        "submitted_at": now,
    }


def _outbox_row(row: dict[str, Any], body: dict[str, Any], now: datetime) -> dict[str, Any]:
    return {
        "event_id": row["event_id"],
        "topic": RAW_TOPIC,
        "message_key": row["district_id"].encode(),
        "message_value": json.dumps(body).encode(),
        "headers": "[]",
        "created_at": now,
    }


def _from_environment() -> Flask:
    jwks_url = os.environ.get("TENANCY_JWKS_URL")
    return create_app(
        int(os.environ.get("CANOPY_PARTS", str(DATABASE))),
        verifier=TokenVerifier(JwksKeySource(jwks_url)) if jwks_url else None,
        database_url=os.environ.get("CANOPY_PARTS_DATABASE"),
    )


if __name__ != "__main__" and os.environ.get("CANOPY_PARTS"):
    app = _from_environment()  # gunicorn's `parts_app:app`
