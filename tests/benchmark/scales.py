"""How big a bench run is. `default` finishes in a few minutes on a 2-core machine; `large`
loads 10M walkthroughs for the dashboard figures; `smoke` is for developing the bench itself."""

from __future__ import annotations

from dataclasses import dataclass

from canopy_shared.demo.plan import DEMO, DistrictPlan, NetworkPlan, SchoolPlan


@dataclass(frozen=True)
class Scale:
    name: str
    plan: NetworkPlan
    load_seconds: float  # each throughput phase runs this long
    freshness_seconds: float
    freshness_rate: float  # walkthroughs/s submitted during the freshness phase
    bus_messages: int  # messages in the bus ceiling
    pipeline_messages: int  # raw walkthroughs injected for the pipeline's backlog drain
    dashboard_walkthroughs: int  # facts bulk-loaded before the dashboard phase
    dashboard_repeats: int  # timed calls per dashboard query


def _network(districts: int, schools: int, teachers: int) -> NetworkPlan:
    return NetworkPlan(
        region_name="Canopy Bench ESC",
        email_domain="bench.canopy.test",
        districts=tuple(
            DistrictPlan(
                f"Bench District {d + 1} ISD",
                f"bench{d + 1}",
                tuple(
                    SchoolPlan(f"Bench {d + 1} School #{s + 1}", teachers) for s in range(schools)
                ),
            )
            for d in range(districts)
        ),
    )


SCALES = {
    "smoke": Scale("smoke", _network(2, 3, 12), 5, 6, 5, 5_000, 3_000, 50_000, 10),
    "default": Scale("default", DEMO, 20, 20, 10, 20_000, 30_000, 1_000_000, 40),
    "large": Scale("large", _network(8, 12, 14), 30, 30, 10, 50_000, 60_000, 10_000_000, 10),
}
