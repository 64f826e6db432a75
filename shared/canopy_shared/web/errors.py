"""JSON error responses.

4xx bodies name the field and the rule broken so a client can act; 5xx bodies never carry a
stack trace, only a trace id an operator can look up.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from canopy_shared.errors import (
    Conflicting,
    DomainError,
    Invalid,
    Missing,
    NotAllowed,
    Unauthenticated,
)
from canopy_shared.telemetry import current_trace_id

log = logging.getLogger(__name__)


# The web layer's names for the shared refusal kinds (one hierarchy for domain and HTTP).
ApiError = DomainError
Unauthorized = Unauthenticated
Forbidden = NotAllowed
NotFound = Missing
Conflict = Conflicting
Unprocessable = Invalid


def error_body(status: int, code: str, message: str, **extra: Any) -> dict[str, Any]:
    error = {"status": status, "code": code, "message": message}
    error.update({k: v for k, v in extra.items() if v is not None})
    return {"error": error}


def error_response(err: DomainError) -> tuple[int, dict[str, Any]]:
    """The status and JSON body a refusal gets (also per item of a batch answer)."""
    body = error_body(
        err.status, err.code, err.message, field=err.field, rule=err.rule, problems=err.problems
    )
    return err.status, body


def _domain_error(err: DomainError) -> ResponseReturnValue:
    status, body = error_response(err)
    return jsonify(body), status, err.headers()


def _http_error(err: HTTPException) -> ResponseReturnValue:
    status = err.code or 500
    # flask-smorest/webargs attach marshmallow messages: {location: {field: [messages]}}
    fields = (getattr(err, "data", None) or {}).get("messages")
    code = "validation_failed" if fields else (err.name or "error").lower().replace(" ", "_")
    message = "request validation failed; see fields" if fields else (err.description or err.name)
    return jsonify(error_body(status, code, message, fields=fields)), status


def _unexpected(err: Exception) -> ResponseReturnValue:
    log.exception("unhandled error")
    body = error_body(500, "internal_error", "internal error", trace_id=current_trace_id())
    return jsonify(body), 500


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
