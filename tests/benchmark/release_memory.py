"""Where a region release decision's memory goes (issue #17): on a store a bench run kept
(`run.py --dashboard-only --keep-var`), decide the current release as the warmer does, in a
fresh process, and print the peak RSS beside the peak of Python's own heap (tracemalloc). What
tracemalloc does not see is the embedded engine's C++ memory.

    .venv/bin/python tests/benchmark/release_memory.py bench-results/var-<time> [--trace]

The bench must be stopped: chdb allows one process per store.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

from canopy_analytics.adapters.clickhouse.store import connect
from canopy_analytics.adapters.memo import LruMemo
from canopy_analytics.bootstrap import region_releases
from canopy_analytics.services.release_warmer import warm_releases
from canopy_analytics.settings import Settings
from canopy_shared.runtime.infrastructure import build_infrastructure
from canopy_shared.runtime.processes import SERVICES, RuntimeConfig


def megabytes(field: str) -> float:
    """A size line of /proc/self/status (VmRSS, VmHWM) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("var_dir", type=Path)
    parser.add_argument("--trace", action="store_true", help="trace Python's heap (slower)")
    args = parser.parse_args()
    config = replace(RuntimeConfig.from_env({}), var_dir=args.var_dir.resolve())
    analytics = next(spec for spec in SERVICES if spec.name == "analytics")
    settings = Settings.from_env(config.service_env(analytics))  # as analytics' web process
    store = connect(settings.clickhouse_dsn)
    releases = region_releases(settings, build_infrastructure(settings.common).sessions)
    print(f"store open: RSS {megabytes('VmRSS'):,.0f} MB", flush=True)
    if args.trace:
        tracemalloc.start()
    Path("/proc/self/clear_refs").write_text("5")  # the high-water mark starts from here
    started = time.monotonic()
    cubes = warm_releases(store, settings.privacy_rule, LruMemo(), releases.current())
    print(
        f"decided {cubes} cubes in {time.monotonic() - started:.1f} s: peak RSS "
        f"{megabytes('VmHWM'):,.0f} MB, RSS after {megabytes('VmRSS'):,.0f} MB",
        flush=True,
    )
    if args.trace:
        current, peak = tracemalloc.get_traced_memory()
        print(f"Python heap: peak {peak / 2**20:,.0f} MB, after {current / 2**20:,.0f} MB")


if __name__ == "__main__":
    main()
