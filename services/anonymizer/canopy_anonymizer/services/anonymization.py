"""The use case of the consumer: anonymize one raw walkthrough and publish the result."""

from __future__ import annotations

from typing import Protocol

from marshmallow import ValidationError

from canopy_anonymizer.domain.anonymization import (
    AnonymizationError,
    RawPayload,
    anonymized_envelope,
    school_year_of,
)
from canopy_anonymizer.services.keys import Keyring
from canopy_anonymizer.services.metrics import ANONYMIZED, Tally
from canopy_shared.contracts import Envelope


class AnonymizedOutput(Protocol):
    """Where anonymized messages go (`adapters.publishing.AnonymizedObservations`)."""

    def publish(self, envelope: Envelope) -> None:
        """Raises marshmallow's ValidationError (nothing sent) if `envelope` breaks the
        topic's contract."""
        ...


def anonymize_observation(
    raw: RawPayload, *, keyring: Keyring, output: AnonymizedOutput, tally: Tally
) -> Envelope:
    """Anonymize `raw` and publish the result (made durable by the consumer loop before it
    commits the raw offset); return what was published.

    Idempotent: the same raw payload always publishes the same message (same event id, same
    bytes), so a redelivery after a crash only repeats what downstream dedups anyway.
    Raises AnonymizationError for a message that can never be anonymized.
    """
    key = keyring.key_for(raw["district_id"], school_year_of(raw))
    envelope = anonymized_envelope(raw, key)
    try:
        output.publish(envelope)
    except ValidationError as err:
        raise AnonymizationError(
            f"anonymized message would break its contract: {err.messages}"
        ) from err
    tally.count(ANONYMIZED)
    return envelope
