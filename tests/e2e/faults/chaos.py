"""What the fault-injection tests share: SIGKILLing a supervised program (or its child) on the
running system, changes made through tenancy's and templates' APIs between kills, and the
checks that nothing acknowledged was lost."""

from __future__ import annotations

import os
import random
import secrets
import signal
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

from canopy_shared.demo.__main__ import cli_bootstrapper, services_of
from canopy_shared.demo.activity import push_region_rubric
from canopy_shared.demo.network import Network, NetworkBuilder, eventually
from canopy_shared.demo.plan import DistrictPlan, NetworkPlan, SchoolPlan
from canopy_shared.runtime.supervisor_process import process_ids
from canopy_shared.testing.system import RunningSystem
from tests.e2e.faults.load import Load, walkthrough
from tests.e2e.live import until

# Two districts of six teachers: the region's figures are not withheld as too few.
PLAN = NetworkPlan(
    region_name="Fault Region",
    districts=(
        DistrictPlan("Alder USD", "alder", (SchoolPlan("Alder Elementary", 6),)),
        DistrictPlan("Birch USD", "birch", (SchoolPlan("Birch Middle", 6),)),
    ),
    email_domain="faults.canopy.test",
)


def network_under_load(system: RunningSystem, seed: int) -> tuple[Any, Network, str, Load]:
    """The fault network built through the public APIs, the region's rubric pushed locked, and
    coaches submitting walkthroughs to it (started): (services, network, version, load)."""
    password = "faults-" + secrets.token_urlsafe(12)
    services = services_of(system.config)
    builder = NetworkBuilder(services, cli_bootstrapper(system.config, password), password=password)
    network = builder.build(PLAN)
    version = push_region_rubric(services, network, locked=True)
    load = Load(system.url("observation-intake"), network, version, seed=seed)
    load.start()
    return services, network, version, load


def kill(system: RunningSystem, program: str, which: str) -> int:
    """SIGKILL the supervised `program` itself (`which="self"`) or its first child."""
    pid = until(lambda: process_ids(system.config).get(program), what=f"{program} running")
    if which == "child":
        pid = until(lambda: children(pid)[:1], what=f"a child of {program}")[0]
    os.kill(pid, signal.SIGKILL)
    return pid


def crash(system: RunningSystem) -> int:
    """SIGKILL the launcher and every process under it at once (a power cut, an OOM storm)."""
    pids = descendants(system.process.pid)
    for pid in pids:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    system.process.wait(timeout=30)
    return len(pids)


def descendants(root: int) -> list[int]:
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children(pid)
    return found


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def wait_until_running(system: RunningSystem, program: str) -> None:
    until(lambda: process_ids(system.config).get(program), what=f"{program} restarted")


def new_teacher(services: Any, network: Network, rng: random.Random) -> tuple[str, str]:
    """A teacher added to a school through tenancy's API: (school id, teacher id)."""
    district = rng.choice(network.districts)
    school = district.schools[0]
    tenancy = services.tenancy.as_user(district.admin.token)
    suffix = secrets.token_hex(4)
    teacher = eventually(
        lambda: tenancy.post(
            f"/v1/districts/{district.id}/teachers",
            {
                "given_name": "Fault",
                "family_name": f"Teacher {suffix}",
                "email": f"fault.{suffix}@{district.id[:8]}.faults.canopy.test",
                "school_ids": [school.id],
            },
        ),
        what="a teacher created",
    )
    return school.id, str(teacher["id"])


def changes_reached_intake(
    system: RunningSystem, network: Network, changes: dict[str, Any], rng: random.Random
) -> set[str]:
    """A walkthrough for every new teacher, on the newest template version pushed, is accepted
    (intake's read models have both); returns their observation ids."""
    schools = {s.id: s for d in network.districts for s in d.schools}
    version = changes["version"]
    load = Load(system.url("observation-intake"), network, version, seed=0)
    deadline = time.monotonic() + 120
    for school_id, teacher_id in changes["teachers"]:
        observer = schools[school_id].observer
        assert observer is not None
        body = walkthrough(school_id, teacher_id, version, rng)
        load.submit_until_acknowledged(body, observer.token, refusals_until=deadline)
    return load.acknowledged


def counted_exactly(system: RunningSystem, network: Network, expected: int) -> int:
    """Analytics' count once it reaches `expected` (or stops moving), held for a while so a late
    duplicate would show. Counted as the districts see it (exact and live): region figures are
    published by release and never show the open month (issue #19)."""
    analytics = services_of(system.config).analytics
    districts = [analytics.as_user(d.admin.token) for d in network.districts]

    def total() -> int:
        return sum(
            int(d.get("/v1/summary")["totals"]["teachers_observed"].get("walkthroughs") or 0)
            for d in districts
        )

    deadline = time.monotonic() + 300
    while total() < expected and time.monotonic() < deadline:
        time.sleep(1)
    time.sleep(10)
    return total()
