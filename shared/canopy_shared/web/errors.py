"""JSON error responses.

4xx bodies name the field and the rule broken so a client can act; 5xx bodies never carry a
stack trace, only a trace id an operator can look up.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, current_app, jsonify
from flask.typing import ResponseReturnValue
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

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


class ErrorDetail(Schema):
    status = fields.Integer(required=True, metadata={"description": "The HTTP status."})
    code = fields.String(required=True, metadata={"description": "A stable machine code."})
    message = fields.String(required=True, metadata={"description": "What to do about it."})
    field = fields.String(metadata={"description": "The field (dotted path) at fault."})
    rule = fields.String(metadata={"description": "The rule it broke."})
    problems = fields.List(
        fields.Dict(), metadata={"description": "Every broken rule, when more than one."}
    )
    fields_ = fields.Dict(
        data_key="fields",
        metadata={"description": "Request validation messages: {location: {field: [message]}}."},
    )
    trace_id = fields.String(metadata={"description": "For an operator, on a 5xx."})


class ErrorBody(Schema):
    """Every 4xx/5xx body, documented once as the APIs' error response."""

    error = fields.Nested(ErrorDetail, required=True)


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
    if isinstance(err, RequestEntityTooLarge):
        return jsonify(_too_large_body()), status
    # flask-smorest/webargs attach marshmallow messages: {location: {field: [messages]}}
    fields = (getattr(err, "data", None) or {}).get("messages")
    code = "validation_failed" if fields else (err.name or "error").lower().replace(" ", "_")
    message = "request validation failed; see fields" if fields else (err.description or err.name)
    return jsonify(error_body(status, code, message, fields=fields)), status


def _too_large_body() -> dict[str, Any]:
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    message = f"the request body is larger than this service accepts ({limit} bytes)"
    return error_body(413, "body_too_large", message, field="body", rule="max_body_bytes")


def _unexpected(err: Exception) -> ResponseReturnValue:
    log.exception("unhandled error")
    body = error_body(500, "internal_error", "internal error", trace_id=current_trace_id())
    return jsonify(body), 500


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
