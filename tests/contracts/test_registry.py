"""The topic registry: names, dead-letter topics, keys and the anonymizer's monopoly."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from typing import Any

import pytest

from canopy_shared.contracts import (
    ALL_TOPICS,
    OBSERVATIONS_ANONYMIZED,
    OBSERVATIONS_RAW,
    TEMPLATES_EVENTS,
    TENANCY_EVENTS,
    Topic,
    dead_letter_topic_for,
    topic,
)
from canopy_shared.contracts.dead_letter_v1 import DeadLetterV1

EXAMPLES = files("canopy_shared.contracts") / "examples"
SOURCES = [t for t in ALL_TOPICS if ".dlq." not in t.name]


def examples(source: Topic) -> list[dict[str, Any]]:
    return json.loads((EXAMPLES / f"{source.name}.json").read_text())


def by_name(topics: list[Topic]) -> list[Any]:
    return [pytest.param(t, id=t.name) for t in topics]


@pytest.mark.parametrize("registered", by_name(list(ALL_TOPICS)))
def test_topic_name_is_versioned_and_partitioned(registered: Topic) -> None:
    assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)*\.v[1-9][0-9]*", registered.name)
    assert registered.partitions >= 1
    assert topic(registered.name) is registered


def test_topic_names_are_unique() -> None:
    names = [t.name for t in ALL_TOPICS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("source", by_name([t for t in SOURCES if t.consumers]))
def test_every_consumed_topic_has_a_dead_letter_topic(source: Topic) -> None:
    dead = dead_letter_topic_for(source.name)
    assert dead in ALL_TOPICS
    assert dead.schema is DeadLetterV1
    assert dead.name.endswith(".dlq.v1")
    assert set(dead.producers) == set(source.consumers)  # every consumer may dead-letter


@pytest.mark.parametrize(
    ("source", "event_type", "key_field"),
    [
        (TENANCY_EVENTS, "region.created", "region_id"),
        (TENANCY_EVENTS, "district.connected", "district_id"),
        (TENANCY_EVENTS, "school.created", "district_id"),
        (TENANCY_EVENTS, "teacher.rostered", "district_id"),
        (OBSERVATIONS_RAW, "observation.submitted", "district_id"),
        (OBSERVATIONS_ANONYMIZED, "observation.anonymized", "district_id"),
    ],
)
def test_key_is_district_then_region(source: Topic, event_type: str, key_field: str) -> None:
    payload = next(m["payload"] for m in examples(source) if m["type"] == event_type)
    assert source.key_for(payload) == payload[key_field]


def test_standalone_district_is_keyed_by_itself() -> None:
    payload = {"district_id": "a6c1d0f2-3b9e-4f7a-8d21-5e4c7b9a0f13", "region_id": None}
    assert TENANCY_EVENTS.key_for(payload) == payload["district_id"]


@pytest.mark.parametrize("source", by_name(SOURCES))
def test_every_example_has_a_partition_key(source: Topic) -> None:
    # A keyless event lands on a random partition and can overtake the events it depends on.
    keyless = [m["type"] for m in examples(source) if source.key_for(m["payload"]) is None]
    assert keyless == []


def test_template_events_of_one_owner_share_a_key() -> None:
    keys = {TEMPLATES_EVENTS.key_for(m["payload"]) for m in examples(TEMPLATES_EVENTS)}
    assert len(keys) == 1


def test_only_the_anonymizer_produces_anonymized_observations() -> None:
    assert OBSERVATIONS_ANONYMIZED.producers == ("anonymizer",)
    assert OBSERVATIONS_RAW.consumers == ("anonymizer",)


def test_unknown_topic_is_named() -> None:
    with pytest.raises(KeyError, match=re.escape("observations.cooked.v1")):
        topic("observations.cooked.v1")
