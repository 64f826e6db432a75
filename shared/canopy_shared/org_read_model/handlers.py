"""The tenancy events the organisation read model follows, routed to its use cases.

Event types not routed here (roster changes, teacher counts) are the service's own business:
it adds its handlers beside these, and the consumer loop ignores and commits the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from canopy_shared.messaging.consumer import ConsumedMessage, Handler
from canopy_shared.org_read_model import sync
from canopy_shared.org_read_model.sync import OrgFollowUps, U

UseCase = Callable[..., None]

_DISTRICT = ("district_id", "name", "region_id")
_SCHOOL = ("school_id", "district_id", "region_id", "name")
_CONNECTION = ("district_id", "region_id")
_OBSERVER = ("user_id", "school_id")

# event type -> (use case, payload fields it takes)
_REGION_ROUTES: dict[str, tuple[UseCase, tuple[str, ...]]] = {
    "region.created": (sync.record_region, ("region_id", "name")),
    "region.updated": (sync.record_region, ("region_id", "name")),
}
_ROUTES: dict[str, tuple[UseCase, tuple[str, ...]]] = {
    "district.created": (sync.record_district, _DISTRICT),
    "district.updated": (sync.record_district, _DISTRICT),
    "district.connected": (sync.district_connected, _CONNECTION),
    "district.disconnected": (sync.district_disconnected, _CONNECTION),
    "school.created": (sync.record_school, _SCHOOL),
    "school.updated": (sync.record_school, _SCHOOL),
    "observer.assigned": (sync.observer_assigned, _OBSERVER),
    "observer.unassigned": (sync.observer_unassigned, _OBSERVER),
}


def build_org_handlers(
    unit_of_work: Callable[[], U], follow: OrgFollowUps[U], *, with_regions: bool
) -> dict[str, Handler]:
    """Handlers for `tenancy.events.v1`; `with_regions` as the service's `define_org_tables`."""
    routes = {**(_REGION_ROUTES if with_regions else {}), **_ROUTES}
    return {
        event_type: _handler(unit_of_work, follow, use_case, names)
        for event_type, (use_case, names) in routes.items()
    }


def _handler(
    unit_of_work: Callable[[], U],
    follow: OrgFollowUps[U],
    use_case: UseCase,
    names: tuple[str, ...],
) -> Handler:
    def handle(message: ConsumedMessage) -> None:
        arguments: dict[str, Any] = {name: message.payload[name] for name in names}
        use_case(uow=unit_of_work(), follow=follow, event_id=message.event_id, **arguments)

    return handle
