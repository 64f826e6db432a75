"""What every blueprint needs: the dependencies, the caller, a page request, and domain
refusals turned into the platform's JSON errors (field and rule named)."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, jsonify
from flask.typing import ResponseReturnValue

from canopy_shared.web.auth import Principal, current_principal
from canopy_shared.web.errors import error_body
from canopy_tenancy.bootstrap import Deps
from canopy_tenancy.domain import (
    ConflictError,
    DomainError,
    NotFoundError,
    Page,
    PageRequest,
    PermissionDenied,
    RuleViolation,
    SignInFailed,
    SignInThrottled,
)
from canopy_tenancy.uow import UnitOfWork

EXTENSION = "canopy_tenancy"
_STATUS = {
    RuleViolation: (422, "validation_failed"),
    PermissionDenied: (403, "forbidden"),
    NotFoundError: (404, "not_found"),
    ConflictError: (409, "conflict"),
    SignInFailed: (401, "unauthorized"),
    SignInThrottled: (429, "too_many_requests"),
}


def deps() -> Deps:
    found: Deps = current_app.extensions[EXTENSION]
    return found


def uow() -> UnitOfWork:
    return deps().unit_of_work()


def principal() -> Principal:
    return current_principal()


def page_request(args: dict[str, Any]) -> PageRequest:
    return PageRequest(limit=args.pop("limit", 50), offset=args.pop("offset", 0))


def page_body(page: Page[Any]) -> dict[str, Any]:
    return {"items": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}


def install(app: Flask, dependencies: Deps) -> None:
    app.extensions[EXTENSION] = dependencies
    app.register_error_handler(DomainError, _domain_error)


def _domain_error(err: DomainError) -> ResponseReturnValue:
    status, code = _STATUS.get(type(err), (400, "bad_request"))
    body = jsonify(error_body(status, code, err.message, field=err.field, rule=err.rule))
    if isinstance(err, SignInThrottled):
        return body, status, {"Retry-After": str(err.retry_after_s)}
    return body, status
