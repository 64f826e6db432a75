"""Bus handlers: each event type this service reacts to, mapped to the use case it runs.

Event types not listed are ignored (and committed): consumers only read what they need.
"""

from __future__ import annotations

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.messaging.consumer import Handler

CONSUMER_GROUP = "template-distribution"
TOPICS = [TENANCY_EVENTS.name]


def build_handlers() -> dict[str, Handler]:
    return {}
