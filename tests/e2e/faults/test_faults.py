"""Issue 15's proof: nothing acknowledged is lost, whatever dies.

On the running system (as `make run` starts it) under a steady load of coaches submitting
walkthroughs, each process kind is SIGKILLed at random moments (seeded), several rounds each:
every consumer and relay, an intake web worker, analytics' worker (which runs the sink), the
broker (Tansu itself, and the process that supervises it); tenancy and template changes are made
between kills. Then the whole system is stopped and started again under load, then SIGKILLed at
once (every process, the launcher too) and started again. Afterwards every acknowledged
walkthrough is counted in ClickHouse (analytics' region summary) exactly once, and every new
teacher and template version reached intake's read models (a walkthrough naming them is
accepted). Nobody runs a replay.

`make test` runs FAULT_ROUNDS=1 round of every kind; `make faults` runs more (FAULT_ROUNDS=3,
FAULT_SEED to vary the moments).
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path
from typing import Any

import pytest

from canopy_shared.demo.activity import push_region_rubric
from canopy_shared.demo.network import Network, eventually
from canopy_shared.testing.system import RunningSystem, running_system, system_environment
from tests.e2e.faults.chaos import (
    changes_reached_intake,
    counted_exactly,
    crash,
    kill,
    network_under_load,
    new_teacher,
    wait_until_running,
)
from tests.e2e.faults.load import Load

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(1500)]

ROUNDS = int(os.environ.get("FAULT_ROUNDS", "1"))
SEED = int(os.environ.get("FAULT_SEED", "15"))
# (what is killed, the supervised program, which of its processes)
TARGETS = (
    ("anonymizer consumer", "anonymizer-consume", "self"),
    ("intake consumer", "observation-intake-consume", "self"),
    ("templates consumer", "template-distribution-consume", "self"),
    ("intake relay", "observation-intake-relay", "self"),
    ("templates relay", "template-distribution-relay", "self"),
    ("tenancy relay", "tenancy-relay", "self"),
    ("intake web worker", "observation-intake-web", "child"),
    ("analytics worker (sink)", "analytics-web", "child"),
    ("broker (Tansu)", "broker", "child"),
    ("broker process", "broker", "self"),
)


def test_no_acknowledged_walkthrough_is_lost_whatever_dies(tmp_path: Path) -> None:
    var = tmp_path / "var"
    env = system_environment(var, demo=False)
    rng = random.Random(SEED)
    log: list[str] = []
    acknowledged: set[str] = set()
    with running_system(var, env=env) as system:
        services, network, version, load = network_under_load(system, SEED)
        changes = _kill_rounds(system, network, services, version, rng, log)
        load.stop()
        acknowledged |= load.acknowledged
        log.append(f"before the restart: {len(load.acknowledged)} acknowledged")
    log.append("graceful restart of the whole system under load")
    with running_system(var, env=env) as system:
        load = Load(system.url("observation-intake"), network, version, seed=SEED + 1)
        load.start()
        time.sleep(rng.uniform(3, 8))
        load.stop()
        acknowledged |= load.acknowledged
        killed = crash(system)
        log.append(f"whole system SIGKILLed at once ({killed} processes), {len(acknowledged)} ack")
    with running_system(var, env=env) as system:
        acknowledged |= changes_reached_intake(system, network, changes, rng)
        counted = counted_exactly(system, network, len(acknowledged))
        log.append(f"acknowledged {len(acknowledged)}, counted in ClickHouse {counted}")
        print("\n".join(["", "fault injection:", *log]))
        assert counted == len(acknowledged)


def _kill_rounds(
    system: RunningSystem,
    network: Network,
    services: Any,
    version: dict[str, Any],
    rng: random.Random,
    log: list[str],
) -> dict[str, Any]:
    """Every target killed ROUNDS times in a seeded order at seeded moments, a new teacher after
    each kill and now and then a new template version; returns the teachers and the newest
    version."""
    teachers: list[tuple[str, str]] = []  # (school id, teacher id)
    for round_number in range(1, ROUNDS + 1):
        order = list(TARGETS)
        rng.shuffle(order)
        for what, program, which in order:
            time.sleep(rng.uniform(0.5, 4.0))
            pid = kill(system, program, which)
            log.append(f"round {round_number}: SIGKILL {what} (pid {pid})")
            teachers.append(new_teacher(services, network, rng))
            if rng.random() < 0.3:
                version = eventually(
                    lambda: push_region_rubric(services, network, locked=True),
                    what="a new template version pushed",
                )
                log.append(f"round {round_number}: template version {version['version_id']}")
            wait_until_running(system, program)
    return {"teachers": teachers, "version": version}
