"""What every blueprint needs: the caller as a domain `Actor` and a unit of work. Domain
refusals (`canopy_shared.errors`) become JSON errors in the shared error handler."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app

from canopy_shared.web.auth import current_principal
from canopy_templates.domain.actors import Actor, OrgRef
from canopy_templates.uow import UnitOfWork

EXTENSION = "canopy_templates"


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
