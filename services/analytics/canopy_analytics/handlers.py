"""Bus handlers of the analytics sink: each event type it reacts to, mapped to its use case.

The sink reads the anonymized stream (never observations.raw.v1) plus tenancy and template
events for organisation and template names. Event types not listed are ignored (and committed).
"""

from __future__ import annotations

from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED, TEMPLATES_EVENTS, TENANCY_EVENTS
from canopy_shared.messaging.consumer import Handler

CONSUMER_GROUP = "analytics"
TOPICS = [OBSERVATIONS_ANONYMIZED.name, TENANCY_EVENTS.name, TEMPLATES_EVENTS.name]


def build_handlers() -> dict[str, Handler]:
    return {}
