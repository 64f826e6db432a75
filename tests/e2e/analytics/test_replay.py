"""A replay of every raw walkthrough from intake goes through the anonymizer into analytics
again, and changes no figure."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from kafka import KafkaAdminClient, TopicPartition

from canopy_shared.contracts.topics import ALL_TOPICS
from tests.e2e.analytics.answers import questions
from tests.e2e.analytics.world import World, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]


def _figures(world: World) -> list[Any]:
    return [world.leader.get(path, **params) for path, params in questions(world)]


def _consumed(world: World, topic: str, group: str) -> int:
    """Records of `topic` a consumer group has committed, over all partitions. (Committed
    offsets, not end offsets: the embedded broker's end offsets count batches, not records.)"""
    servers = world.system.config.bootstrap_servers
    admin = KafkaAdminClient(bootstrap_servers=servers)
    try:
        partitions = [TopicPartition(topic, p) for p in range(_partitions(topic))]
        committed = admin.list_group_offsets({group: partitions})[group]
        return sum(max(0, meta.offset) for meta in committed.values())
    finally:
        admin.close()


def _reaches(world: World, topic: str, group: str, target: int) -> Callable[[], bool]:
    return lambda: _consumed(world, topic, group) >= target


def _partitions(topic: str) -> int:
    return next(t.partitions for t in ALL_TOPICS if t.name == topic)


def test_replaying_every_raw_walkthrough_changes_no_figure(world: World) -> None:
    before = _figures(world)
    pipeline = (
        ("observations.raw.v1", "anonymizer"),
        ("observations.anonymized.v1", "analytics"),
    )
    consumed = {step: _consumed(world, *step) for step in pipeline}
    assert all(n >= len(world.facts) for n in consumed.values())
    first, last = min(f.day for f in world.facts), max(f.day for f in world.facts)
    replayed = 0
    for district in world.network.districts:
        intake = world.services.intake.as_user(district.admin.token)
        answer = intake.post("/v1/replays", {"from": first.isoformat(), "to": last.isoformat()})
        mine = [f for f in world.facts if f.district_id == district.id]
        assert answer["walkthroughs"] == len(mine)
        replayed += answer["walkthroughs"]
    assert replayed == len(world.facts)
    # Every replayed message went through the anonymizer and into the analytics sink ...
    for step in pipeline:
        target = consumed[step] + replayed
        wait_until(_reaches(world, *step, target), what=f"{step[1]} consumes the replay")
    # ... and no figure moved, then or a little later.
    assert _figures(world) == before
    time.sleep(3)
    assert _figures(world) == before
