"""Bus contracts: the envelope, one schema class per topic version, and the topic registry."""

from canopy_shared.contracts.envelope import Envelope, EnvelopeSchema, PayloadSchema
from canopy_shared.contracts.registry import RegionTopic, Topic, TopicFamily
from canopy_shared.contracts.topics import (
    ALL_TOPICS,
    EXPORTS_REGION,
    GOALS_EVENTS,
    OBSERVATIONS_ANONYMIZED,
    OBSERVATIONS_RAW,
    OBSERVATIONS_RAW_DLQ,
    TEMPLATES_EVENTS,
    TENANCY_EVENTS,
    TOPIC_FAMILIES,
    dead_letter_topic_for,
    topic,
)

__all__ = [
    "ALL_TOPICS",
    "EXPORTS_REGION",
    "GOALS_EVENTS",
    "OBSERVATIONS_ANONYMIZED",
    "OBSERVATIONS_RAW",
    "OBSERVATIONS_RAW_DLQ",
    "TEMPLATES_EVENTS",
    "TENANCY_EVENTS",
    "TOPIC_FAMILIES",
    "Envelope",
    "EnvelopeSchema",
    "PayloadSchema",
    "RegionTopic",
    "Topic",
    "TopicFamily",
    "dead_letter_topic_for",
    "topic",
]
