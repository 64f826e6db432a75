"""The bench network, built through the public APIs with the demo's own code, and an endless
supply of valid walkthrough bodies for it (picklable, so load-generator processes can use it)."""

from __future__ import annotations

import functools
import random
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from canopy_shared.demo.__main__ import cli_bootstrapper, services_of
from canopy_shared.demo.activity import push_region_rubric
from canopy_shared.demo.network import Network, NetworkBuilder, eventually
from canopy_shared.demo.plan import NetworkPlan, walkthrough_period
from canopy_shared.demo.rubric import indicator_values
from canopy_shared.demo.walkthroughs import FormVersion, SchoolStaff, school_days, walkthroughs
from canopy_shared.runtime.processes import RuntimeConfig


@dataclass(frozen=True)
class BenchNetwork:
    """What the load phases need: ids and tokens only, no clients."""

    region_id: str
    template_id: str
    form: FormVersion
    days: tuple[date, ...]
    staff: tuple[SchoolStaff, ...]
    district_of_school: dict[str, str]
    region_leader_token: str
    region_leader_email: str
    password: str  # every bench account's, to sign in through the web app
    observer_email: str  # an observer of the first school, for the offline capture phase
    district_leader_tokens: dict[str, str]  # district id -> its leader's token


def build(config: RuntimeConfig, plan: NetworkPlan) -> tuple[BenchNetwork, Network]:
    password = "bench-" + secrets.token_urlsafe(12)
    services = services_of(config)
    network = NetworkBuilder(services, cli_bootstrapper(config, password), password=password).build(
        plan
    )
    version = push_region_rubric(services, network)
    form = FormVersion(version["version_id"], indicator_values(version))
    days = tuple(school_days(*walkthrough_period(date.today(), plan.weeks)))
    schools = [s for d in network.districts for s in d.schools if s.observer and s.teacher_ids]
    staff = tuple(
        SchoolStaff(s.id, s.teacher_ids, [s.observer.token], 0.0)  # type: ignore[union-attr]
        for s in schools
    )
    bench = BenchNetwork(
        region_id=network.region_id,
        template_id=version["template_id"],
        form=form,
        days=days,
        staff=staff,
        district_of_school={s.id: s.district_id for s in schools},
        region_leader_token=network.region_leader.token,
        region_leader_email=network.region_leader.email,
        password=password,
        observer_email=schools[0].observer.email,  # type: ignore[union-attr]
        district_leader_tokens={d.id: d.leader.token for d in network.districts if d.leader},
    )
    _wait_until_intake_accepts(config, bench)
    return bench, network


def _wait_until_intake_accepts(config: RuntimeConfig, bench: BenchNetwork) -> None:
    """Intake learns schools, rosters and the pushed version through the bus: wait for it."""
    intake = services_of(config).intake
    bodies = walkthrough_bodies(bench, seed=-1)
    for staff in bench.staff:
        token, body = next(b for b in bodies if b[1]["school_id"] == staff.school_id)
        submit = functools.partial(intake.as_user(token).post, "/v1/walkthroughs", body)
        eventually(submit, what=staff.school_id)


def walkthrough_bodies(bench: BenchNetwork, *, seed: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(observer token, body) pairs forever, cycling over the schools; ids never repeat."""
    rng = random.Random(f"bench-{seed}-{secrets.token_hex(8)}")
    while True:
        for staff in bench.staff:
            yield from walkthroughs(staff, bench.form, bench.days, 1, rng)
