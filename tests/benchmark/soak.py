"""`make bench`'s soak (not a test): the system under a steady load of coaches submitting
walkthroughs for a fixed time (SOAK_S, 30 minutes), the resident memory of every process sampled
every 10 s (first, last and highest reported, so growth shows), and the lag from intake's
acknowledgement to the walkthrough being counted by analytics' district API (p50/p95/p99).

`python tests/benchmark/soak.py --seconds 1800`; the loopback system is started here.
"""

from __future__ import annotations

import argparse
import bisect
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # the repository, for tests.e2e.faults.load
sys.path.insert(0, str(HERE))

from rss import _label, descendants  # noqa: E402

from canopy_shared.demo.__main__ import cli_bootstrapper, services_of  # noqa: E402
from canopy_shared.demo.activity import push_region_rubric  # noqa: E402
from canopy_shared.demo.client import Api  # noqa: E402
from canopy_shared.demo.network import NetworkBuilder  # noqa: E402
from canopy_shared.demo.plan import DistrictPlan, NetworkPlan, SchoolPlan  # noqa: E402
from canopy_shared.testing.system import running_system, system_environment  # noqa: E402
from tests.e2e.faults.load import Load  # noqa: E402

PLAN = NetworkPlan(
    region_name="Soak Region",
    # Two districts of six teachers: the region's figures are not withheld as too few.
    districts=(
        DistrictPlan("Cedar USD", "cedar", (SchoolPlan("Cedar Elementary", 6),)),
        DistrictPlan("Dogwood USD", "dogwood", (SchoolPlan("Dogwood Middle", 6),)),
    ),
    email_domain="soak.canopy.test",
)


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class Memory:
    """Per process label, every sample (MB) of the largest process of that label."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.seen: dict[str, list[float]] = {}

    def sample(self) -> None:
        now: dict[str, float] = {}
        for pid in descendants(self.root):
            mb = rss_mb(pid)
            if mb is not None:
                label = _label(pid)
                now[label] = max(now.get(label, 0.0), mb)
        for label, mb in now.items():
            self.seen.setdefault(label, []).append(mb)


def over_time(samples: list[float]) -> list[float]:
    """The samples at 0, 25, 50, 75 and 100 % of the run, then the highest: flat or growing."""
    quarters = [samples[min(len(samples) - 1, len(samples) * q // 4)] for q in range(4)]
    return [*quarters, samples[-1], max(samples)]


class Lag:
    """Acknowledgement times, and when analytics' count first reached each position."""

    def __init__(self) -> None:
        self.acked: list[float] = []
        self.counted: list[tuple[int, float]] = []

    def percentiles(self) -> dict[str, float]:
        lags = []
        counts = [c for c, _ in self.counted]
        for n, acked_at in enumerate(self.acked, start=1):
            i = bisect.bisect_left(counts, n)
            if i < len(self.counted):
                lags.append(self.counted[i][1] - acked_at)
        lags.sort()
        if not lags:
            return {}
        return {f"p{q}": lags[min(len(lags) - 1, len(lags) * q // 100)] for q in (50, 95, 99)}


def counted(district_views: list[Api]) -> int:
    """Walkthroughs analytics counts across the soak's districts (their leaders' summaries)."""
    totals = (view.get("/v1/summary")["totals"]["teachers_observed"] for view in district_views)
    return sum(int(total.get("walkthroughs") or 0) for total in totals)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=1800)
    seconds = parser.parse_args().seconds
    var = Path(tempfile.mkdtemp(prefix="canopy-soak-")) / "var"
    with running_system(var, env=system_environment(var, demo=False)) as system:
        services = services_of(system.config)
        password = "soak-" + secrets.token_urlsafe(12)
        network = NetworkBuilder(
            services, cli_bootstrapper(system.config, password), password=password
        ).build(PLAN)
        version = push_region_rubric(services, network, locked=True)
        # District figures are live; a region's move only when a release is cut (issue #19),
        # so the count that shows a walkthrough arriving is the sum of the districts'.
        district_views = []
        for district in network.districts:
            assert district.leader is not None  # the builder gives every district a leader
            district_views.append(services.analytics.as_user(district.leader.token))
        load = Load(system.url("observation-intake"), network, version, seed=7, interval_s=0.1)
        memory, lag = Memory(system.process.pid), Lag()
        acked_before = 0
        load.start()
        end = time.monotonic() + seconds
        next_memory = 0.0
        while time.monotonic() < end:
            now = time.monotonic()
            lag.acked += [now] * (len(load.acknowledged) - acked_before)
            acked_before = len(load.acknowledged)
            lag.counted.append((counted(district_views), time.monotonic()))
            if now >= next_memory:
                memory.sample()
                next_memory = now + 10
            time.sleep(0.5)
        load.stop()
        report(seconds, len(load.acknowledged), memory, lag)


def report(seconds: float, acknowledged: int, memory: Memory, lag: Lag) -> None:
    print(f"\nsoak: {seconds:.0f} s, {acknowledged} walkthroughs acknowledged")
    columns = ("0 %", "25 %", "50 %", "75 %", "100 %", "peak")
    print(f"{'process (RSS MB over the run)':44} " + " ".join(f"{c:>7}" for c in columns))
    for label, samples in sorted(memory.seen.items()):
        print(f"{label[:44]:44} " + " ".join(f"{mb:7.1f}" for mb in over_time(samples)))
    figures = lag.percentiles()
    print("lag acknowledged -> counted by analytics: " + ", ".join(
        f"{k} {v:.2f} s" for k, v in figures.items()
    ) if figures else "lag: nothing counted")  # fmt: skip


if __name__ == "__main__":
    threading.excepthook = lambda args: print(f"!! {args.exc_value!r}", file=sys.stderr)
    main()
