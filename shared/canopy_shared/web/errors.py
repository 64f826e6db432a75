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

from canopy_shared.telemetry import current_trace_id

log = logging.getLogger(__name__)


class ApiError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, field: str | None = None, rule: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule


class Unauthorized(ApiError):
    status, code = 401, "unauthorized"


class Forbidden(ApiError):
    status, code = 403, "forbidden"


class NotFound(ApiError):
    status, code = 404, "not_found"


class Conflict(ApiError):
    status, code = 409, "conflict"


class Unprocessable(ApiError):
    status, code = 422, "validation_failed"


def error_body(status: int, code: str, message: str, **extra: Any) -> dict[str, Any]:
    error = {"status": status, "code": code, "message": message}
    error.update({k: v for k, v in extra.items() if v is not None})
    return {"error": error}


def _api_error(err: ApiError) -> ResponseReturnValue:
    return jsonify(
        error_body(err.status, err.code, err.message, field=err.field, rule=err.rule)
    ), err.status


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
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
