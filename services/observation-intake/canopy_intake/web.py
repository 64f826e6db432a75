"""What every blueprint needs: the caller as a domain `Actor`, a unit of work, and domain
refusals turned into the platform's JSON errors (field and rule named)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, jsonify
from flask.typing import ResponseReturnValue

from canopy_intake.domain.actors import Actor
from canopy_intake.domain.errors import Conflicting, DomainError, Invalid, Missing, NotAllowed
from canopy_intake.uow import UnitOfWork
from canopy_shared.web.auth import current_principal
from canopy_shared.web.errors import error_body

EXTENSION = "canopy_intake"
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
        org_tier=principal.org_tier,
        org_id=principal.org_id,
        district_id=principal.district_id,
        teacher_id=principal.teacher_id,
    )


def unit_of_work_factory() -> Callable[[], UnitOfWork]:
    factory: Callable[[], UnitOfWork] = current_app.extensions[EXTENSION]
    return factory


def uow() -> UnitOfWork:
    return unit_of_work_factory()()


def install(app: Flask, unit_of_work: Callable[[], UnitOfWork]) -> None:
    app.extensions[EXTENSION] = unit_of_work
    app.register_error_handler(DomainError, _domain_error)


def error_response(err: DomainError) -> tuple[int, dict[str, Any]]:
    """The status and JSON body a refusal gets (also used per item of a batch)."""
    status, code = _STATUS.get(type(err), (400, "bad_request"))
    body = error_body(
        status, code, err.message, field=err.field, rule=err.rule, problems=err.problems
    )
    return status, body


def _domain_error(err: DomainError) -> ResponseReturnValue:
    status, body = error_response(err)
    return jsonify(body), status
