"""Bus handlers: each event type this service reacts to, mapped to the use case it runs.

Organisations are the shared read model's handlers (`canopy_shared.org_read_model`); event
types not listed (regions, teacher counts) are ignored and committed: consumers only read
what they need. Every use case records the event id in the same transaction as its effect and
commits before returning, so redeliveries change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from canopy_intake import SERVICE_NAME
from canopy_intake.adapters.unit_of_work import UnitOfWork
from canopy_intake.services import roster, templates
from canopy_shared.contracts import TEMPLATES_EVENTS, TENANCY_EVENTS
from canopy_shared.messaging.consumer import ConsumedMessage, Handler
from canopy_shared.org_read_model.handlers import build_org_handlers
from canopy_shared.org_read_model.sync import NoFollowUps

CONSUMER_GROUP = SERVICE_NAME
TOPICS = [TEMPLATES_EVENTS.name, TENANCY_EVENTS.name]

_VERSION = (
    "template_id",
    "version_id",
    "version_number",
    "owner_type",
    "owner_id",
    "title",
    "sections",
)

# event type -> (use case, payload fields it takes, renamed {payload name: argument name})
_ROUTES: dict[str, tuple[Callable[..., None], tuple[str, ...], dict[str, str]]] = {
    "teacher.rostered": (
        roster.teacher_at_schools,
        ("teacher_id", "district_id", "school_ids"),
        {},
    ),
    "teacher.moved": (
        roster.teacher_at_schools,
        ("teacher_id", "district_id", "to_school_ids"),
        {"to_school_ids": "school_ids"},
    ),
    "teacher.removed": (roster.teacher_removed, ("teacher_id", "district_id"), {}),
    "template.version_published": (templates.version_published, _VERSION, {}),
    "template.assigned": (
        templates.assigned,
        ("assignment_id", "template_id", "version_id", "receivers"),
        {},
    ),
    "template.assignment_revoked": (
        templates.assignment_revoked,
        ("assignment_id", "receivers"),
        {},
    ),
    "template.retired": (templates.retired, ("version_id", "retired_at"), {}),
}


def build_handlers(unit_of_work: Callable[[], UnitOfWork]) -> dict[str, Handler]:
    own = {
        event_type: _handler(unit_of_work, use_case, names, renamed)
        for event_type, (use_case, names, renamed) in _ROUTES.items()
    }
    return {**build_org_handlers(unit_of_work, NoFollowUps(), with_regions=False), **own}


def _handler(
    unit_of_work: Callable[[], UnitOfWork],
    use_case: Callable[..., None],
    names: tuple[str, ...],
    renamed: dict[str, str],
) -> Handler:
    def handle(message: ConsumedMessage) -> None:
        arguments: dict[str, Any] = {
            renamed.get(name, name): message.payload[name] for name in names
        }
        use_case(uow=unit_of_work(), event_id=message.event_id, **arguments)

    return handle
