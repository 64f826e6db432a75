"""Bus handlers: each event type this service reacts to, mapped to the use case it runs.

Event types not listed are ignored (and committed): consumers only read what they need. A raw
message that breaks its contract never reaches a handler: the consumer loop dead-letters it.
From tenancy.events.v1 the anonymizer reads only the revocations (`canopy_shared.revocation`),
so its key-admin API refuses a revoked token like every other service.
"""

from __future__ import annotations

from collections.abc import Callable

from canopy_anonymizer.domain.anonymization import AnonymizationError, RawPayload
from canopy_shared.contracts import OBSERVATIONS_RAW, TENANCY_EVENTS
from canopy_shared.contracts.observations_raw_v1 import OBSERVATION_SUBMITTED
from canopy_shared.messaging.consumer import ConsumedMessage, Handler, RejectMessage

CONSUMER_GROUP = "anonymizer"
TOPICS = [OBSERVATIONS_RAW.name, TENANCY_EVENTS.name]


def build_handlers(anonymize: Callable[[RawPayload], object]) -> dict[str, Handler]:
    """`anonymize` publishes; the loop flushes the batch's anonymized messages (before_commit)
    and commits the raw offsets only after the broker acknowledged them."""

    def on_observation_submitted(message: ConsumedMessage) -> None:
        try:
            anonymize(message.payload)
        except AnonymizationError as err:
            raise RejectMessage(str(err)) from err

    return {OBSERVATION_SUBMITTED: on_observation_submitted}
