"""Bus handlers: the tenancy events this service follows — the shared organisation read model
(`canopy_shared.org_read_model`), with the pushes each change touches re-run
(`services.orgs`).

Event types not listed (roster changes, teacher counts) are ignored and committed: consumers
only read what they need. Every use case records the event id in the same transaction as its
effect and commits before returning, so redeliveries change nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.messaging.consumer import Handler
from canopy_shared.org_read_model.handlers import build_org_handlers
from canopy_templates import SERVICE_NAME
from canopy_templates.adapters.unit_of_work import UnitOfWork
from canopy_templates.services.orgs import PushesFollowOrgs

CONSUMER_GROUP = SERVICE_NAME
TOPICS = [TENANCY_EVENTS.name]


def build_handlers(unit_of_work: Callable[[], UnitOfWork]) -> dict[str, Handler]:
    return build_org_handlers(unit_of_work, PushesFollowOrgs(), with_regions=True)
