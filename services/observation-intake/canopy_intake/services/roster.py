"""The roster read model, kept from `tenancy.events.v1` (organisations are the shared
`canopy_shared.org_read_model`): which schools each teacher teaches at.

Each use case applies one event once: its event id is recorded in the same transaction, so a
redelivered old event can never undo a newer one.
"""

from __future__ import annotations

from collections.abc import Sequence

from canopy_intake.adapters.unit_of_work import UnitOfWork


def teacher_at_schools(
    *, uow: UnitOfWork, event_id: str, teacher_id: str, district_id: str, school_ids: Sequence[str]
) -> None:
    """teacher.rostered (`school_ids`) and teacher.moved (`to_school_ids`, the full new set)."""
    with uow:
        if uow.first_delivery(event_id):
            uow.orgs.set_teacher_schools(teacher_id, district_id, school_ids)
        uow.commit()


def teacher_removed(*, uow: UnitOfWork, event_id: str, teacher_id: str, district_id: str) -> None:
    with uow:
        if uow.first_delivery(event_id):
            uow.orgs.set_teacher_schools(teacher_id, district_id, ())
        uow.commit()
