"""Bus contracts: the envelope, one schema class per topic version, and the topic registry."""

from canopy_shared.contracts.envelope import Envelope, EnvelopeSchema, PayloadSchema
from canopy_shared.contracts.registry import Topic
from canopy_shared.contracts.topics import (
    ALL_TOPICS,
    OBSERVATIONS_ANONYMIZED,
    OBSERVATIONS_RAW,
    OBSERVATIONS_RAW_DLQ,
    TEMPLATES_EVENTS,
    TENANCY_EVENTS,
    dead_letter_topic_for,
    topic,
)

__all__ = [
    "ALL_TOPICS",
    "OBSERVATIONS_ANONYMIZED",
    "OBSERVATIONS_RAW",
    "OBSERVATIONS_RAW_DLQ",
    "TEMPLATES_EVENTS",
    "TENANCY_EVENTS",
    "Envelope",
    "EnvelopeSchema",
    "PayloadSchema",
    "Topic",
    "dead_letter_topic_for",
    "topic",
]
