"""What follows in template distribution when the organisation read model (kept by
`canopy_shared.org_read_model` from `tenancy.events.v1`) changes: the pushes the change touches
are re-run in the same transaction. A district connecting receives the region's current pushes,
one leaving loses them (its own templates and forks stay its own), a new (or moved) school
receives what all its district's schools receive.
"""

from __future__ import annotations

from canopy_shared.contracts.vocabulary import Tier
from canopy_templates.adapters.unit_of_work import UnitOfWork
from canopy_templates.services import receivers


class PushesFollowOrgs:
    # A school heard before its district is served at once, with the school's region.
    district_region_from_school = True

    def regions_changed(self, uow: UnitOfWork, region_ids: list[str]) -> None:
        receivers.reconcile_assigners(
            uow, Tier.REGION, region_ids, reason=receivers.DISTRICT_DISCONNECTED
        )

    def school_changed(
        self, uow: UnitOfWork, district_ids: list[str], region_id: str | None
    ) -> None:
        receivers.reconcile_assigners(
            uow, Tier.DISTRICT, district_ids, reason=receivers.SCHOOL_MOVED
        )
        regions = {region_id} | {d.region_id for i in district_ids if (d := uow.orgs.district(i))}
        receivers.reconcile_assigners(
            uow, Tier.REGION, [r for r in regions if r], reason=receivers.SCHOOL_MOVED
        )
