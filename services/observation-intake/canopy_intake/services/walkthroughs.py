"""What each reader may see of the walkthroughs, with names, and sharing one with its teacher.

A walkthrough outside the caller's scope is `Missing` (404), never `NotAllowed`: ids of other
people's walkthroughs reveal nothing.
"""

from __future__ import annotations

from typing import Any

from canopy_intake.adapters.db import Walkthrough
from canopy_intake.adapters.repositories import Filters, visible
from canopy_intake.adapters.unit_of_work import UnitOfWork
from canopy_intake.domain.actors import Actor
from canopy_intake.domain.scope import check_may_share, check_school_in_scope, read_scope
from canopy_intake.services.labels import Labels
from canopy_shared.errors import Missing


def list_walkthroughs(
    *, uow: UnitOfWork, actor: Actor, filters: Filters, limit: int, offset: int
) -> dict[str, Any]:
    scope = read_scope(actor)
    check_school_in_scope(actor, filters.school_id)
    with uow:
        rows, total = uow.walkthroughs.page(scope, filters, limit=limit, offset=offset)
        labels = Labels(uow)
        labels.preload_acknowledgements([row.observation_id for row in rows])
        items = [labels.walkthrough(row) for row in rows]
    following = offset + len(items)
    return {
        "items": items,
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": following if following < total else None,
    }


def get_walkthrough(*, uow: UnitOfWork, actor: Actor, observation_id: str) -> dict[str, Any]:
    with uow:
        return Labels(uow).walkthrough(readable(uow, actor, observation_id))


def set_shared(
    *, uow: UnitOfWork, actor: Actor, observation_id: str, shared: bool
) -> dict[str, Any]:
    """Show the walkthrough to the teacher it is about (or stop showing it). Nothing is
    re-published: sharing is a district matter and never leaves this service."""
    with uow:
        row = readable(uow, actor, observation_id)
        check_may_share(
            actor, district_id=row.district_id, school_id=row.school_id, observer_id=row.observer_id
        )
        row.shared_with_teacher = shared
        view = Labels(uow).walkthrough(row)
        uow.commit()
    return view


def readable(uow: UnitOfWork, actor: Actor, observation_id: str) -> Walkthrough:
    row = uow.walkthroughs.get(observation_id)
    if row is None or not visible(row, read_scope(actor)):
        raise Missing(
            f"no walkthrough {observation_id} visible to you",
            field="observation_id",
            rule="exists",
        )
    return row
