"""Who a push reaches, and what must change when a push or the organisations change.

A push (an *assignment*) is a standing decision: "this template, at this version, locked or
not, for everyone in this scope". Its receivers follow the organisations: a district that
connects to the region later gets the region's pushes, one that disconnects loses them, a new
school gets what its district's schools get. `plan` turns "who holds what now" and "who should
hold what" into the assignments and revocations to record and announce.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from canopy_shared.contracts.vocabulary import Tier


@dataclass(frozen=True, order=True)
class Receiver:
    district_id: str  # first: receivers sort (and are announced) district by district
    org_type: Tier  # a district or a school
    org_id: str


@dataclass(frozen=True)
class Holding:
    """What a receiver holds of one assignment."""

    version_id: str
    locked: bool


@dataclass(frozen=True)
class Scope:
    """Everyone a push is meant for: a region's connected districts and their schools, a
    district's schools, or a school itself; `target_ids` narrows it to listed districts (region)
    or schools (district); None means all, including those that join later."""

    assigner_type: Tier
    assigner_id: str
    target_ids: frozenset[str] | None = None
    school_district_id: str | None = None  # for a school's push to itself


@dataclass(frozen=True)
class OrgSlice:
    """The part of the organisation read model a scope needs."""

    connected_district_ids: Collection[str] = ()
    school_ids_by_district: Mapping[str, Sequence[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Grant:
    """Receivers to announce as now holding `holding`, replacing `supersedes_version_id`."""

    district_id: str
    supersedes_version_id: str | None
    receivers: tuple[Receiver, ...]


@dataclass(frozen=True)
class Plan:
    grants: tuple[Grant, ...]
    revocations: tuple[tuple[str, tuple[Receiver, ...]], ...]  # (district_id, receivers)

    @property
    def empty(self) -> bool:
        return not self.grants and not self.revocations


def receivers_for(scope: Scope, orgs: OrgSlice) -> set[Receiver]:
    if scope.assigner_type == Tier.REGION:
        return _region_receivers(scope, orgs)
    if scope.assigner_type == Tier.DISTRICT:
        schools = orgs.school_ids_by_district.get(scope.assigner_id, ())
        return {
            Receiver(scope.assigner_id, Tier.SCHOOL, school_id)
            for school_id in schools
            if scope.target_ids is None or school_id in scope.target_ids
        }
    if scope.school_district_id is None:
        return set()  # a school whose district is unknown cannot be announced as a receiver
    return {Receiver(scope.school_district_id, Tier.SCHOOL, scope.assigner_id)}


def _region_receivers(scope: Scope, orgs: OrgSlice) -> set[Receiver]:
    receivers: set[Receiver] = set()
    for district_id in orgs.connected_district_ids:
        if scope.target_ids is not None and district_id not in scope.target_ids:
            continue
        receivers.add(Receiver(district_id, Tier.DISTRICT, district_id))
        receivers.update(
            Receiver(district_id, Tier.SCHOOL, school_id)
            for school_id in orgs.school_ids_by_district.get(district_id, ())
        )
    return receivers


def plan(current: Mapping[Receiver, Holding], desired: Iterable[Receiver], target: Holding) -> Plan:
    """Grant `target` to desired receivers that do not hold it yet (new ones, and those on an
    older version or another lock setting); revoke from receivers no longer desired."""
    wanted = set(desired)
    changed: dict[tuple[str, str | None], list[Receiver]] = {}
    for receiver in sorted(wanted):
        held = current.get(receiver)
        if held == target:
            continue
        superseded = held.version_id if held and held.version_id != target.version_id else None
        changed.setdefault((receiver.district_id, superseded), []).append(receiver)
    gone: dict[str, list[Receiver]] = {}
    for receiver in sorted(set(current) - wanted):
        gone.setdefault(receiver.district_id, []).append(receiver)
    return Plan(
        grants=tuple(
            Grant(district_id, superseded, tuple(receivers))
            for (district_id, superseded), receivers in sorted(changed.items(), key=_group_order)
        ),
        revocations=tuple((d, tuple(receivers)) for d, receivers in sorted(gone.items())),
    )


def _group_order(item: tuple[tuple[str, str | None], list[Receiver]]) -> tuple[str, str]:
    (district_id, superseded), _ = item
    return district_id, superseded or ""
