"""Use cases: anonymizing one raw walkthrough, listing key metadata."""

from __future__ import annotations

from marshmallow import ValidationError

from canopy_anonymizer.domain import (
    AnonymizationError,
    RawPayload,
    anonymized_envelope,
    school_year_of,
)
from canopy_anonymizer.keyring import KeyMetadata, Keyring, KeyStore
from canopy_anonymizer.metrics import ANONYMIZED, Tally
from canopy_anonymizer.publishing import AnonymizedObservations
from canopy_shared.contracts import Envelope


def anonymize_observation(
    raw: RawPayload, *, keyring: Keyring, output: AnonymizedObservations, tally: Tally
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


def list_district_keys(*, district_id: str, store: KeyStore) -> list[KeyMetadata]:
    """Metadata of a district's keys, one per school year: never the keys themselves."""
    return store.metadata(district_id)
