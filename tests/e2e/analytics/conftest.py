"""One running system and one seeded network for every analytics end-to-end test here: seeding
takes about a minute and a half, so `world` is built once for the package. The tests share it
and run in the order of `ORDER`: figures first, the test that disconnects a district last."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from canopy_shared.demo.__main__ import cli_bootstrapper, release_region_figures, services_of
from canopy_shared.demo.activity import push_region_rubric, submit_semester
from canopy_shared.demo.network import NetworkBuilder
from canopy_shared.demo.plan import DEMO
from canopy_shared.testing.system import running_system, system_environment
from tests.e2e.analytics.world import World, facts_of, wait_until

# The demo's 3 districts / 30 schools / 370 teachers (a few schools under k), six visits each.
PLAN = replace(DEMO, region_name="E2E Region", visits_per_teacher=6, email_domain="e2e.test")
HERE = Path(__file__).parent
ORDER = ("test_figures.py", "test_suppression.py", "test_replay.py", "test_authorization.py")


@pytest.fixture(scope="package")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    var = Path(tmp_path_factory.mktemp("region-e2e")) / "var"
    with running_system(var, env=system_environment(var, demo=False)) as system:
        password = "e2e-" + secrets.token_urlsafe(12)
        services = services_of(system.config)
        builder = NetworkBuilder(
            services, cli_bootstrapper(system.config, password), password=password
        )
        network = builder.build(PLAN)
        version = push_region_rubric(services, network)
        bodies = submit_semester(services, network, version, PLAN, last_closed_day(date.today()))
        indicators = [i["key"] for s in version["sections"] for i in s["indicators"]]
        facts = facts_of(network, bodies)
        world = World(
            system, services, network, builder, version["template_id"], indicators, facts, bodies
        )
        wait_until(lambda: _ingested(world) == len(bodies), what="analytics ingests everything")
        # Region figures come from releases (issue #19): every month of the semester has ended,
        # so the cut an operator makes now publishes all of it.
        release_region_figures(system.config)
        yield world


def last_closed_day(today: date) -> date:
    """The Sunday ending the last week of the month before today's (weeks belong to their
    Thursday's month): a semester ending then lies wholly in months that have ended."""
    monday = today - timedelta(days=today.weekday())
    month = (monday + timedelta(days=3)).replace(day=1)
    first_monday = month - timedelta(days=month.weekday())
    if (first_monday + timedelta(days=3)).month != month.month:
        first_monday += timedelta(days=7)
    return first_monday - timedelta(days=1)


def _ingested(world: World) -> int:
    """Walkthroughs analytics holds, as the districts see them (exact and live)."""
    total = 0
    for district in world.network.districts:
        own = world.services.analytics.as_user(district.admin.token)
        total += int(own.get("/v1/summary")["totals"]["teachers_observed"].get("walkthroughs", 0))
    return total


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests here change the shared network (a replay, a disconnection): run them in
    `ORDER`, each module's tests in the order they are written."""
    mine = [i for i, item in enumerate(items) if item.path.parent == HERE]
    ordered = sorted((items[i] for i in mine), key=_rank)
    for position, item in zip(mine, ordered, strict=True):
        items[position] = item


def _rank(item: pytest.Item) -> int:
    if item.path.name not in ORDER:
        raise pytest.UsageError(f"{item.path.name}: add it to ORDER in {__file__}")
    return ORDER.index(item.path.name)
