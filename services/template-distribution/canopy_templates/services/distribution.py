"""Bringing a push's receivers in line with its scope, its version and the organisations.

Every change that can alter who holds what — a push, a new version, a retirement, a district
connecting or leaving, a new school — ends here, so the rule lives in one place and re-running
it changes nothing (handlers stay idempotent even past their event-id check).
"""

from __future__ import annotations

from canopy_templates import events
from canopy_templates.db import Assignment, Template
from canopy_templates.domain.actors import DISTRICT, REGION
from canopy_templates.domain.receivers import (
    Holding,
    OrgSlice,
    Plan,
    Receiver,
    Scope,
    plan,
    receivers_for,
)
from canopy_templates.services.common import now
from canopy_templates.uow import UnitOfWork

# Why receivers lose an assignment (the `reason` of template.assignment_revoked).
DISTRICT_DISCONNECTED = "district_disconnected"
SCHOOL_MOVED = "school_moved"
RETARGETED = "push_retargeted"
WITHDRAWN = "push_withdrawn"
VERSION_RETIRED = "version_retired"


def reconcile(uow: UnitOfWork, template: Template, assignment: Assignment, *, reason: str) -> Plan:
    """Record and announce the grants and revocations that make the receivers right."""
    desired = desired_receivers(uow, template, assignment) if assignment.active else set()
    current = uow.assignments.holdings(assignment.assignment_id)
    changes = plan(current, desired, Holding(assignment.version_id, assignment.locked))
    at = now()
    for grant in changes.grants:
        for receiver in grant.receivers:
            holding = Holding(assignment.version_id, assignment.locked)
            uow.assignments.hold(assignment.assignment_id, receiver, holding, at)
        uow.emit(
            events.assigned(
                template,
                assignment,
                grant.receivers,
                supersedes_version_id=grant.supersedes_version_id,
                at=at,
            )
        )
    for _, receivers in changes.revocations:
        uow.assignments.release(assignment.assignment_id, receivers)
        uow.emit(events.assignment_revoked(template, assignment, receivers, reason=reason, at=at))
    return changes


def desired_receivers(uow: UnitOfWork, template: Template, assignment: Assignment) -> set[Receiver]:
    scope = Scope(
        assigner_type=assignment.assigned_by_type,
        assigner_id=assignment.assigned_by_id,
        target_ids=None if assignment.target_ids is None else frozenset(assignment.target_ids),
        school_district_id=template.owner_district_id,
    )
    return receivers_for(scope, _org_slice(uow, scope))


def _org_slice(uow: UnitOfWork, scope: Scope) -> OrgSlice:
    if scope.assigner_type == REGION:
        district_ids = uow.orgs.connected_district_ids(scope.assigner_id)
        return OrgSlice(district_ids, uow.orgs.school_ids_by_district(district_ids))
    if scope.assigner_type == DISTRICT:
        return OrgSlice((), uow.orgs.school_ids_by_district([scope.assigner_id]))
    return OrgSlice()


def reconcile_assigners(
    uow: UnitOfWork, assigner_type: str, assigner_ids: list[str], *, reason: str
) -> None:
    """Re-run every active push made by these organisations (after an organisation change)."""
    ids = [i for i in assigner_ids if i]
    if not ids:
        return
    for assignment in uow.assignments.active_by(assigner_type, ids):
        template = uow.templates.get(assignment.template_id)
        if template is not None:
            reconcile(uow, template, assignment, reason=reason)
