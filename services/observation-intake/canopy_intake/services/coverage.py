"""Coverage a principal can act on, by ids (people's names live in tenancy; the web app shows
them from its roster): which rostered teachers were observed in a window and when last, visits
per observer against the district's weekly target, per school. And setting that target."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from canopy_intake.adapters.coverage import ObserverVisits, TeacherVisits
from canopy_intake.adapters.db import CoverageTarget
from canopy_intake.adapters.unit_of_work import UnitOfWork
from canopy_intake.domain.actors import Actor
from canopy_intake.domain.coverage import expected_visits, window_of
from canopy_intake.domain.scope import check_school_in_scope, coverage_scope
from canopy_intake.services.common import now


def coverage(
    *,
    uow: UnitOfWork,
    actor: Actor,
    first: date | None = None,
    last: date | None = None,
    school_id: str | None = None,
    clock: Callable[[], datetime] = now,
) -> dict[str, Any]:
    check_school_in_scope(actor, school_id)
    scope = coverage_scope(actor)
    window = window_of(first, last, clock().date())
    with uow:
        schools = [s for s in uow.coverage.schools(scope) if school_id is None or s[0] == school_id]
        school_ids = [s for s, _ in schools]
        teachers = uow.coverage.teachers(school_ids, window)
        observers = uow.coverage.observers(school_ids, window)
        target = uow.coverage.target(str(scope.district_id))
        weekly = target.weekly_visits_per_observer if target else None
    return {
        "first": window.first,
        "last": window.last,
        "district_id": scope.district_id,
        "school_id": school_id or scope.school_id,
        "weekly_target": weekly,
        "expected_per_observer": expected_visits(weekly, window),
        "schools": [_school(s, name, teachers, observers) for s, name in schools],
        "teachers": [vars(t) for t in teachers],
        "observers": [vars(o) for o in observers],
    }


def _school(
    school_id: str,
    name: str,
    teachers: list[TeacherVisits],
    observers: list[ObserverVisits],
) -> dict[str, Any]:
    here = [t for t in teachers if t.school_id == school_id]
    return {
        "school_id": school_id,
        "school_name": name,
        "teachers": len(here),
        "teachers_observed": sum(1 for t in here if t.walkthroughs > 0),
        "walkthroughs": sum(o.walkthroughs for o in observers if o.school_id == school_id),
    }


def get_target(*, uow: UnitOfWork, actor: Actor) -> dict[str, Any]:
    district_id = str(coverage_scope(actor).district_id)
    with uow:
        return _target_view(district_id, uow.coverage.target(district_id))


def set_target(
    *,
    uow: UnitOfWork,
    actor: Actor,
    weekly_visits_per_observer: int,
    clock: Callable[[], datetime] = now,
) -> dict[str, Any]:
    """District roles only (the endpoint's door): the target is the district's."""
    district_id = str(coverage_scope(actor).district_id)
    target = CoverageTarget(
        district_id=district_id,
        weekly_visits_per_observer=weekly_visits_per_observer,
        updated_by=actor.subject,
        updated_at=clock(),
    )
    with uow:
        uow.coverage.save_target(target)
        uow.commit()
    return _target_view(district_id, target)


def _target_view(district_id: str, target: CoverageTarget | None) -> dict[str, Any]:
    return {
        "district_id": district_id,
        "weekly_visits_per_observer": target.weekly_visits_per_observer if target else None,
        "updated_by": target.updated_by if target else None,
        "updated_at": target.updated_at if target else None,
    }
