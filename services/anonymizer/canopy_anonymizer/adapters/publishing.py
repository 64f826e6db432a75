"""The anonymizer's way out to the bus: the one place anything is published to
`observations.anonymized.v1`, and dead letters (counted) to `observations.raw.dlq.v1`.

The anonymizer is the topic's only producer (the registry says so and tests/architecture fails
if another service names the topic), and within the anonymizer this module is the only one that
does: what crosses from the raw side to the region side crosses here.
"""

from __future__ import annotations

from kafka.consumer.fetcher import ConsumerRecord
from opentelemetry import context, trace

from canopy_anonymizer.services.metrics import DEAD_LETTERED, Tally
from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED, Envelope
from canopy_shared.messaging.dead_letter import DeadLetterer
from canopy_shared.messaging.publisher import Publisher, TraceAs


class AnonymizedObservations:
    def __init__(self, publisher: Publisher) -> None:
        self._publisher = publisher

    def publish(self, envelope: Envelope) -> None:
        """Send without waiting: the consumer loop flushes once per polled batch (`flush`) and
        commits the raw offsets only after every anonymized message of it is acknowledged.

        Raises marshmallow's ValidationError (nothing sent) if the envelope breaks the topic's
        contract.
        """
        # Headers get the fresh trace's context (no baggage, no raw-side trace id).
        self._publisher.publish(OBSERVATIONS_ANONYMIZED.name, envelope, trace_as=_fresh_trace())

    def flush(self) -> None:
        """Wait for the broker's acks on everything sent; raise if one is missing."""
        self._publisher.flush()


def _fresh_trace() -> TraceAs:
    """A new trace for the anonymized side, *linked* to the raw message's trace: one span per
    message, the send itself.

    The raw trace id also sits on the raw record, in intake's logs and spans: carrying it onto
    the anonymized record would be a join key from a pseudonymous message back to a named
    walkthrough. The link lives only in the tracing backend, which operators already reach.
    """
    raw_side = trace.get_current_span().get_span_context()
    return TraceAs(
        f"{OBSERVATIONS_ANONYMIZED.name} publish anonymized",
        parent=context.Context(),
        links=[trace.Link(raw_side)] if raw_side.is_valid else [],
    )


class CountingDeadLetterer(DeadLetterer):
    """Dead-letters as usual (contract violations and rejections alike) and counts them."""

    def __init__(self, publisher: Publisher, *, consumer_group: str, tally: Tally) -> None:
        super().__init__(publisher, consumer_group=consumer_group)
        self._tally = tally

    def send(self, record: ConsumerRecord, *, reason: str) -> None:
        super().send(record, reason=reason)
        self._tally.count(DEAD_LETTERED)
