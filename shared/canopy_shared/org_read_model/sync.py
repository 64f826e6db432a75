"""One use case per tenancy event: apply it to the read model once, then let the service react.

Each records its event id in the same transaction as its change (a redelivered old event can
never undo a newer one) and commits before returning. What follows from a change — template
distribution re-running the pushes a connection or a school change touches — is the service's
`OrgFollowUps`, run in that same transaction.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self, TypeVar

from canopy_shared.org_read_model.records import District, Region, School
from canopy_shared.org_read_model.repository import OrgRepository


class OrgUnitOfWork(Protocol):
    """What these use cases need of a service's unit of work."""

    @property
    def orgs(self) -> OrgRepository: ...

    def first_delivery(self, event_id: str) -> bool: ...

    def commit(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...


U = TypeVar("U", bound=OrgUnitOfWork)
U_contra = TypeVar("U_contra", bound=OrgUnitOfWork, contravariant=True)


class OrgFollowUps(Protocol[U_contra]):
    """A service's reaction to read-model changes, in the change's own transaction."""

    @property
    def district_region_from_school(self) -> bool:
        """A school heard before its district: take the district's region from the school's
        event (True), or leave it unconnected until the district's own event (False)."""
        ...

    def regions_changed(self, uow: U_contra, region_ids: list[str]) -> None:
        """A district left and/or joined these regions."""

    def school_changed(self, uow: U_contra, district_ids: list[str], region_id: str | None) -> None:
        """A school was recorded in (or moved between) these districts, of this region now."""


class NoFollowUps:
    """The read model alone: nothing else changes with it."""

    district_region_from_school = False

    def regions_changed(self, uow: OrgUnitOfWork, region_ids: list[str]) -> None:
        pass

    def school_changed(
        self, uow: OrgUnitOfWork, district_ids: list[str], region_id: str | None
    ) -> None:
        pass


def record_region(
    *, uow: U, follow: OrgFollowUps[U], event_id: str, region_id: str, name: str
) -> None:
    """region.created / region.updated."""
    with uow:
        if uow.first_delivery(event_id):
            uow.orgs.save_region(Region(region_id, name))
        uow.commit()


def record_district(
    *,
    uow: U,
    follow: OrgFollowUps[U],
    event_id: str,
    district_id: str,
    name: str,
    region_id: str | None,
) -> None:
    """district.created / district.updated: its name, and the region it is connected to now."""
    with uow:
        if uow.first_delivery(event_id):
            district = _district(uow, district_id)
            uow.orgs.save_district(District(district_id, name, district.region_id))
            _connect(uow, follow, district_id, region_id)
        uow.commit()


def district_connected(
    *, uow: U, follow: OrgFollowUps[U], event_id: str, district_id: str, region_id: str
) -> None:
    with uow:
        if uow.first_delivery(event_id):
            _district(uow, district_id)
            _connect(uow, follow, district_id, region_id)
        uow.commit()


def district_disconnected(
    *, uow: U, follow: OrgFollowUps[U], event_id: str, district_id: str, region_id: str
) -> None:
    with uow:
        district = uow.orgs.district(district_id)
        # A stale disconnect (the district already moved to another region) changes nothing.
        if uow.first_delivery(event_id) and district and district.region_id == region_id:
            _connect(uow, follow, district_id, None)
        uow.commit()


def record_school(
    *,
    uow: U,
    follow: OrgFollowUps[U],
    event_id: str,
    school_id: str,
    district_id: str,
    region_id: str | None,
    name: str,
) -> None:
    """school.created / school.updated (a school may move to another district)."""
    with uow:
        if uow.first_delivery(event_id):
            if uow.orgs.district(district_id) is None:  # its district's event is still to come
                _district(uow, district_id)
                if follow.district_region_from_school:
                    _connect(uow, follow, district_id, region_id)
            before = uow.orgs.school(school_id)
            moved_from = (
                before.district_id if before and before.district_id != district_id else None
            )
            uow.orgs.save_school(School(school_id, district_id, name))
            district = uow.orgs.district(district_id)
            now_in = district.region_id if district else None
            follow.school_changed(uow, [d for d in (district_id, moved_from) if d], now_in)
        uow.commit()


def observer_assigned(
    *, uow: U, follow: OrgFollowUps[U], event_id: str, user_id: str, school_id: str
) -> None:
    with uow:
        if uow.first_delivery(event_id) and not uow.orgs.observes(user_id, school_id):
            uow.orgs.start_observing(user_id, school_id)
        uow.commit()


def observer_unassigned(
    *, uow: U, follow: OrgFollowUps[U], event_id: str, user_id: str, school_id: str
) -> None:
    with uow:
        if uow.first_delivery(event_id):
            uow.orgs.stop_observing(user_id, school_id)
        uow.commit()


def _district(uow: OrgUnitOfWork, district_id: str) -> District:
    """The district, recorded unnamed and unconnected when a school's event arrives first."""
    district = uow.orgs.district(district_id)
    if district is None:
        district = District(district_id, name=None, region_id=None)
        uow.orgs.save_district(district)
    return district


def _connect(uow: U, follow: OrgFollowUps[U], district_id: str, region_id: str | None) -> None:
    """Connect the district to `region_id` (None: to none); the service follows only a real
    change, so restating the same fact does nothing."""
    district = _district(uow, district_id)
    if district.region_id == region_id:
        return
    uow.orgs.save_district(District(district_id, district.name, region_id))
    follow.regions_changed(uow, [r for r in (district.region_id, region_id) if r])
