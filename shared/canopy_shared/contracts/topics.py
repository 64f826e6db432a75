"""The topic registry. Partition counts bound how many consumers of one group can work in
parallel: keep them >= the intake/anonymizer replicas planned (README, "Scaling out")."""

from __future__ import annotations

from canopy_shared.contracts.dead_letter_v1 import DeadLetterV1
from canopy_shared.contracts.exports_region_v1 import ExportsRegionV1
from canopy_shared.contracts.goals_events_v1 import GoalsEventsV1
from canopy_shared.contracts.observations_anonymized_v1 import ObservationsAnonymizedV1
from canopy_shared.contracts.observations_raw_v1 import ObservationsRawV1
from canopy_shared.contracts.registry import Topic, TopicFamily
from canopy_shared.contracts.templates_events_v1 import TemplatesEventsV1
from canopy_shared.contracts.tenancy_events_v1 import TenancyEventsV1

TENANCY_EVENTS = Topic(
    name="tenancy.events.v1",
    schema=TenancyEventsV1,
    key_fields=("district_id", "region_id"),
    partitions=3,
    producers=("tenancy",),
    # The anonymizer reads only the revocations (its key-admin API refuses revoked tokens).
    consumers=("template-distribution", "observation-intake", "analytics", "anonymizer"),
    description="Organisations, region connections, roster changes (ids only), teacher counts, "
    "revoked access.",
)
TEMPLATES_EVENTS = Topic(
    name="templates.events.v1",
    schema=TemplatesEventsV1,
    key_fields=("owner_id",),
    partitions=3,
    producers=("template-distribution",),
    consumers=("observation-intake", "analytics"),
    description="Template versions published (full content), assigned, retired.",
)
OBSERVATIONS_RAW = Topic(
    name="observations.raw.v1",
    schema=ObservationsRawV1,
    key_fields=("district_id",),
    partitions=6,
    producers=("observation-intake",),
    consumers=("anonymizer",),
    description="Walkthroughs as submitted, with teacher and observer ids and notes. Never read "
    "by anything that writes to ClickHouse.",
    fast_check=True,
)
OBSERVATIONS_ANONYMIZED = Topic(
    name="observations.anonymized.v1",
    schema=ObservationsAnonymizedV1,
    key_fields=("district_id",),
    partitions=6,
    producers=("anonymizer",),  # the only producer: guarded by tests/architecture
    consumers=("analytics",),
    description="Walkthroughs with pseudonyms, day-granular dates and grade bands; no names, "
    "ids of people or free text.",
    fast_check=True,
)
GOALS_EVENTS = Topic(
    name="goals.events.v1",
    schema=GoalsEventsV1,
    key_fields=("region_id", "district_id"),  # a region's goals and their adoptions in order
    partitions=3,
    producers=("analytics",),
    # No Canopy service consumes it (analytics owns goals); partners and BI integrations may.
    consumers=(),
    description="Improvement goals set by regions, districts and schools, with the goal each "
    "adopts or adapts. Definitions only: progress reaches partners in export snapshots.",
)


def _dead_letter(source: Topic) -> Topic:
    return Topic(
        name=source.name.removesuffix(".v1") + ".dlq.v1",
        schema=DeadLetterV1,
        key_fields=("source_topic",),
        partitions=1,
        producers=source.consumers,
        consumers=(),
        description=f"Messages from {source.name} that a consumer could not decode or validate.",
    )


OBSERVATIONS_RAW_DLQ = _dead_letter(OBSERVATIONS_RAW)
_SOURCES = (TENANCY_EVENTS, TEMPLATES_EVENTS, OBSERVATIONS_RAW, OBSERVATIONS_ANONYMIZED)
_DEAD_LETTERS = {t.name: _dead_letter(t) for t in _SOURCES}
_DEAD_LETTERS[OBSERVATIONS_RAW.name] = OBSERVATIONS_RAW_DLQ

ALL_TOPICS: tuple[Topic, ...] = (*_SOURCES, GOALS_EVENTS, *_DEAD_LETTERS.values())
_BY_NAME = {t.name: t for t in ALL_TOPICS}

# Topics named per region: not in ALL_TOPICS (no fixed name to create at start-up); the
# producer creates a region's topic when it first publishes to it.
EXPORTS_REGION = TopicFamily(
    prefix="exports.region.",
    version="v1",
    schema=ExportsRegionV1,
    key_fields=("region_id",),
    partitions=1,  # one region's snapshots stay in order
    producers=("analytics",),
    consumers=("partners",),  # outside Canopy: state agencies, researchers, funders
    description="A region's suppressed aggregate snapshot for partners, when an export is "
    "published to partners or on the region admin's schedule. No per-person records.",
)
TOPIC_FAMILIES: tuple[TopicFamily, ...] = (EXPORTS_REGION,)


def topic(name: str) -> Topic:
    """The registered topic of that name (a fixed topic or one of a family's per-region
    topics); KeyError names unknown topics."""
    if name in _BY_NAME:
        return _BY_NAME[name]
    for family in TOPIC_FAMILIES:
        region_id = family.region_of(name)
        if region_id is not None:
            return family.for_region(region_id)
    raise KeyError(f"topic {name!r} is not in the registry")


def dead_letter_topic_for(source_name: str) -> Topic:
    return _DEAD_LETTERS[source_name]
