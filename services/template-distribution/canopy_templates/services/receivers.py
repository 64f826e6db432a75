"""Bringing a push's receivers in line with its scope, its version and the organisations, and
announcing who gained and who lost it (`template.assigned`, `template.assignment_revoked`).

Every change that can alter who holds what — a push, a new version, a retirement, a district
connecting or leaving, a new school — ends here, so the rule lives in one place and re-running
it changes nothing (handlers stay idempotent even past their event-id check).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Final, Literal

from canopy_shared.contracts import Envelope
from canopy_shared.contracts.vocabulary import Tier
from canopy_templates.adapters.db import Assignment, Template
from canopy_templates.adapters.unit_of_work import UnitOfWork
from canopy_templates.domain.receivers import (
    Holding,
    OrgSlice,
    Plan,
    Receiver,
    Scope,
    plan,
    receivers_for,
)
from canopy_templates.services.common import event, now, owner_of

# Why receivers lose an assignment (the `reason` of template.assignment_revoked).
Reason = Literal[
    "district_disconnected", "school_moved", "push_retargeted", "push_withdrawn", "version_retired"
]
DISTRICT_DISCONNECTED: Final = "district_disconnected"
SCHOOL_MOVED: Final = "school_moved"
RETARGETED: Final = "push_retargeted"
WITHDRAWN: Final = "push_withdrawn"
VERSION_RETIRED: Final = "version_retired"


def take_turn(uow: UnitOfWork, template: Template) -> None:
    """Before changing who holds `template`'s push: wait for, and hold until commit, its
    owner's turn (the owner is the assigner), so an organisation change applied meanwhile is
    seen here or sees this push (`AssignerTurn`)."""
    uow.assignments.take_turns([template.owner_id])


def reconcile(
    uow: UnitOfWork, template: Template, assignment: Assignment, *, reason: Reason
) -> Plan:
    """Record and announce the grants and revocations that make the receivers right. The
    caller holds the assigner's turn (`take_turn`), taken before it locked the assignment."""
    desired = desired_receivers(uow, template, assignment) if assignment.active else set()
    current = uow.assignments.holdings(assignment.assignment_id)
    changes = plan(current, desired, Holding(assignment.version_id, assignment.locked))
    at = now()
    for grant in changes.grants:
        for receiver in grant.receivers:
            holding = Holding(assignment.version_id, assignment.locked)
            uow.assignments.hold(assignment.assignment_id, receiver, holding, at)
        uow.emit(
            assigned(
                template,
                assignment,
                grant.receivers,
                supersedes_version_id=grant.supersedes_version_id,
                at=at,
            )
        )
    for _, receivers in changes.revocations:
        uow.assignments.release(assignment.assignment_id, receivers)
        uow.emit(assignment_revoked(template, assignment, receivers, reason=reason, at=at))
    return changes


def desired_receivers(uow: UnitOfWork, template: Template, assignment: Assignment) -> set[Receiver]:
    scope = Scope(
        assigner_type=Tier(assignment.assigned_by_type),
        assigner_id=assignment.assigned_by_id,
        target_ids=None if assignment.target_ids is None else frozenset(assignment.target_ids),
        school_district_id=template.owner_district_id,
    )
    return receivers_for(scope, _org_slice(uow, scope))


def _org_slice(uow: UnitOfWork, scope: Scope) -> OrgSlice:
    if scope.assigner_type == Tier.REGION:
        district_ids = uow.orgs.connected_district_ids(scope.assigner_id)
        return OrgSlice(district_ids, uow.orgs.school_ids_by_district(district_ids))
    if scope.assigner_type == Tier.DISTRICT:
        return OrgSlice((), uow.orgs.school_ids_by_district([scope.assigner_id]))
    return OrgSlice()


def reconcile_assigners(
    uow: UnitOfWork, assigner_type: Tier, assigner_ids: list[str], *, reason: Reason
) -> None:
    """Re-run every active push made by these organisations (after an organisation change)."""
    ids = [i for i in assigner_ids if i]
    if not ids:
        return
    uow.assignments.take_turns(ids)
    for assignment in uow.assignments.active_by(assigner_type, ids):
        template = uow.templates.get(assignment.template_id)
        if template is not None:
            reconcile(uow, template, assignment, reason=reason)


def assigned(
    template: Template,
    assignment: Assignment,
    receivers: Iterable[Receiver],
    *,
    supersedes_version_id: str | None,
    at: datetime,
) -> Envelope:
    return event(
        "template.assigned",
        at,
        {
            "assignment_id": assignment.assignment_id,
            "template_id": template.template_id,
            "version_id": assignment.version_id,
            **owner_of(template),
            "assigned_by_type": assignment.assigned_by_type,
            "assigned_by_id": assignment.assigned_by_id,
            "receivers": [_receiver(r) for r in receivers],
            "locked": assignment.locked,
            "assigned_at": at.isoformat(),
            "supersedes_version_id": supersedes_version_id,
        },
    )


def assignment_revoked(
    template: Template,
    assignment: Assignment,
    receivers: Iterable[Receiver],
    *,
    reason: Reason,
    at: datetime,
) -> Envelope:
    return event(
        "template.assignment_revoked",
        at,
        {
            "assignment_id": assignment.assignment_id,
            "template_id": template.template_id,
            **owner_of(template),
            "receivers": [_receiver(r) for r in receivers],
            "reason": reason,
            "revoked_at": at.isoformat(),
        },
    )


def _receiver(receiver: Receiver) -> dict[str, str]:
    return {
        "org_type": receiver.org_type.value,
        "org_id": receiver.org_id,
        "district_id": receiver.district_id,
    }
