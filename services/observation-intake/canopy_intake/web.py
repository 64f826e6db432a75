"""What every blueprint needs: the caller as a domain `Actor` and a unit of work. Domain
refusals (`canopy_shared.errors`) become JSON errors in the shared error handler."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app

from canopy_intake.domain.actors import Actor
from canopy_intake.uow import UnitOfWork
from canopy_shared.web.auth import current_principal

EXTENSION = "canopy_intake"


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
