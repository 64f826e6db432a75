"""Bus handlers: each event type this service reacts to, mapped to the use case it runs.

Event types not listed are ignored (and committed): consumers only read what they need.
"""

from __future__ import annotations

from canopy_shared.contracts import OBSERVATIONS_RAW
from canopy_shared.messaging.consumer import Handler

CONSUMER_GROUP = "anonymizer"
TOPICS = [OBSERVATIONS_RAW.name]


def build_handlers() -> dict[str, Handler]:
    return {}
