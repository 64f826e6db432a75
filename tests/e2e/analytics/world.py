"""The world the analytics end-to-end tests share: one running system, one seeded network,
and the walkthroughs submitted to it as the region may know them."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from canopy_shared.contracts.vocabulary import grade_band
from canopy_shared.demo.client import Api
from canopy_shared.demo.network import Network, NetworkBuilder, Services
from canopy_shared.testing.system import RunningSystem


@dataclass(frozen=True)
class Fact:
    """A submitted walkthrough as the region may know it: local day, grade band, no notes."""

    district_id: str
    school_id: str
    teacher_id: str
    day: date
    subject: str
    grade_band: str
    ratings: dict[str, int]

    def period(self, granularity: str) -> str:
        week = self.day - timedelta(days=self.day.weekday())
        thursday = week + timedelta(days=3)  # a week belongs to its Thursday's month
        if granularity == "week":
            return f"week:{week.isoformat()}"
        if granularity == "month":
            return f"month:{thursday:%Y-%m}"
        start = thursday.year if thursday.month >= 7 else thursday.year - 1
        return f"school_year:{start}-{start + 1}"


@dataclass
class World:
    system: RunningSystem
    services: Services
    network: Network
    builder: NetworkBuilder
    template_id: str
    indicators: list[str]
    facts: list[Fact]
    bodies: list[dict[str, Any]]

    @property
    def leader(self) -> Api:
        # Deciding a fine cube (weeks x subject x grade band) for the first time takes tens of
        # seconds on a shared machine; later answers come from the decided-cube cache.
        api = self.services.analytics.as_user(self.network.region_leader.token)
        return replace(api, timeout_s=300)

    def teachers(self, school_id: str) -> int:
        return len({f.teacher_id for f in self.facts if f.school_id == school_id})

    @property
    def schools(self) -> list[Any]:
        return [s for d in self.network.districts for s in d.schools]


def facts_of(network: Network, bodies: list[dict[str, Any]]) -> list[Fact]:
    district_of = {s.id: d.id for d in network.districts for s in d.schools}
    return [
        Fact(
            district_of[b["school_id"]],
            b["school_id"],
            b["teacher_id"],
            datetime.fromisoformat(b["observed_at"]).date(),  # the school's local day
            b["subject"],
            grade_band(b["grade_level"]),
            {r["indicator_key"]: r["value"] for r in b["ratings"]},
        )
        for b in bodies
    ]


def wait_until(check: Callable[[], bool], *, what: str, timeout_s: float = 180.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not after {timeout_s}s")
        time.sleep(1.0)
