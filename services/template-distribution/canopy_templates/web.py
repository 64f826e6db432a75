"""What every blueprint needs: the caller as a domain `Actor`, a unit of work, and domain
refusals turned into the platform's JSON errors (field and rule named)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, jsonify
from flask.typing import ResponseReturnValue

from canopy_shared.web.auth import current_principal
from canopy_shared.web.errors import error_body
from canopy_templates.domain.actors import Actor, OrgRef
from canopy_templates.domain.errors import (
    Conflicting,
    DomainError,
    Invalid,
    Missing,
    NotAllowed,
)
from canopy_templates.uow import UnitOfWork

EXTENSION = "canopy_templates"
_STATUS = {
    Invalid: (422, "validation_failed"),
    NotAllowed: (403, "forbidden"),
    Missing: (404, "not_found"),
    Conflicting: (409, "conflict"),
}


def actor() -> Actor:
    principal = current_principal()
    return Actor(
        subject=principal.subject,
        role=principal.role,
        org=OrgRef(principal.org_tier, principal.org_id),
        district_id=principal.district_id,
    )


def uow() -> UnitOfWork:
    factory: Callable[[], UnitOfWork] = current_app.extensions[EXTENSION]
    return factory()


def install(app: Flask, unit_of_work: Callable[[], UnitOfWork]) -> None:
    app.extensions[EXTENSION] = unit_of_work
    app.register_error_handler(DomainError, _domain_error)


def _domain_error(err: DomainError) -> ResponseReturnValue:
    status, code = _STATUS.get(type(err), (400, "bad_request"))
    return jsonify(error_body(status, code, err.message, field=err.field, rule=err.rule)), status
