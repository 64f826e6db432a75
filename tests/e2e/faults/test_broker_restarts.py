"""The broker loses its log mid-load, again and again: no consumer group skips or stalls.

The embedded broker keeps its log in memory, so each restart also forgets every consumer
group's committed offsets. Each consumer loop watches the broker's epoch and, on a new one,
reads the partitions it holds from the start of the new log; kafka-python (3, on Tansu) also
forgets a consumer's positions when the new broker refuses its membership, and it then starts
at the earliest offset (`auto_offset_reset="earliest"`, every group). What a consumer handled
from its old positions in between is handled again, idempotently. The relays put what the lost
log held back in line once the new epoch is announced. So: killed right after a tenancy and a
template change (their events published, maybe not yet consumed), and again while a change
waits in an outbox, every acknowledged walkthrough still reaches ClickHouse exactly once and
every change reaches intake's read models."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from canopy_shared.demo.activity import push_region_rubric
from canopy_shared.demo.network import eventually
from canopy_shared.testing.system import running_system, system_environment
from tests.e2e.faults.chaos import (
    changes_reached_intake,
    counted_exactly,
    kill,
    network_under_load,
    new_teacher,
    wait_until_running,
)

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(1200)]

SEED = 5
# Tansu itself (the broker process notices and starts it again) or the broker process.
KILLS = (("broker (Tansu)", "child"), ("broker process", "self"), ("broker (Tansu)", "child"))


def test_every_change_and_walkthrough_survives_broker_restarts_exactly_once(
    tmp_path: Path,
) -> None:
    var = tmp_path / "var"
    rng = random.Random(SEED)
    log: list[str] = []
    with running_system(var, env=system_environment(var, demo=False)) as system:
        services, network, version, load = network_under_load(system, SEED)
        teachers = []
        for what, which in KILLS:
            time.sleep(rng.uniform(2.0, 5.0))
            teachers.append(new_teacher(services, network, rng))
            version = eventually(
                lambda: push_region_rubric(services, network, locked=True),
                what="a new template version pushed",
            )
            time.sleep(rng.uniform(0.0, 1.0))  # published, perhaps not yet consumed
            pid = kill(system, "broker", which)
            teachers.append(new_teacher(services, network, rng))  # waits in tenancy's outbox
            log.append(f"SIGKILL {what} (pid {pid}) after version {version['version_id']}")
            wait_until_running(system, "broker")
        load.stop()
        changes = {"teachers": teachers, "version": version}
        acknowledged = load.acknowledged | changes_reached_intake(system, network, changes, rng)
        counted = counted_exactly(system, network, len(acknowledged))
        log.append(f"{len(teachers)} new teachers and the newest version reached intake")
        log.append(f"acknowledged {len(acknowledged)}, counted in ClickHouse {counted}")
        print("\n".join(["", "broker restarts:", *log]))
        assert counted == len(acknowledged)
