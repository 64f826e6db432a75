"""Bus handlers: each tenancy event type this service reacts to, mapped to its use case.

Event types not listed (roster changes, teacher counts) are ignored and committed: consumers
only read what they need. Every use case records the event id in the same transaction as its
effect and commits before returning, so redeliveries change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.messaging.consumer import ConsumedMessage, Handler
from canopy_templates import SERVICE_NAME
from canopy_templates.services import tenancy_sync
from canopy_templates.uow import UnitOfWork

CONSUMER_GROUP = SERVICE_NAME
TOPICS = [TENANCY_EVENTS.name]

# event type -> (use case, payload fields it takes)
_ROUTES: dict[str, tuple[Callable[..., None], tuple[str, ...]]] = {
    "region.created": (tenancy_sync.record_region, ("region_id", "name")),
    "region.updated": (tenancy_sync.record_region, ("region_id", "name")),
    "district.created": (tenancy_sync.record_district, ("district_id", "name", "region_id")),
    "district.updated": (tenancy_sync.record_district, ("district_id", "name", "region_id")),
    "district.connected": (tenancy_sync.district_connected, ("district_id", "region_id")),
    "district.disconnected": (tenancy_sync.district_disconnected, ("district_id", "region_id")),
    "school.created": (
        tenancy_sync.record_school,
        ("school_id", "district_id", "region_id", "name"),
    ),
    "school.updated": (
        tenancy_sync.record_school,
        ("school_id", "district_id", "region_id", "name"),
    ),
    "observer.assigned": (tenancy_sync.observer_assigned, ("user_id", "school_id")),
    "observer.unassigned": (tenancy_sync.observer_unassigned, ("user_id", "school_id")),
}


def build_handlers(unit_of_work: Callable[[], UnitOfWork]) -> dict[str, Handler]:
    return {
        event_type: _handler(unit_of_work, use_case, names)
        for event_type, (use_case, names) in _ROUTES.items()
    }


def _handler(
    unit_of_work: Callable[[], UnitOfWork], use_case: Callable[..., None], names: tuple[str, ...]
) -> Handler:
    def handle(message: ConsumedMessage) -> None:
        arguments: dict[str, Any] = {name: message.payload[name] for name in names}
        use_case(uow=unit_of_work(), event_id=message.event_id, **arguments)

    return handle
