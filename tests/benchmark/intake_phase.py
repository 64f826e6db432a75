"""`make bench` phases 1-2 alone (issue #17): intake's single POST and batch sync under the same
wrk load as the bench, each beside the same-run ceiling, plus what every process of the system
spent in CPU per accepted walkthrough (from /proc, so a loaded machine changes the rates but
hardly the CPU cost), and optionally py-spy's profile of the intake workers.

    .venv/bin/python tests/benchmark/intake_phase.py [--seconds 12] [--profile]

Run it against another checkout's code (the commit before a change) with
`PYTHONPATH=<checkout>/services/<each>:<checkout>/shared` to compare on the same machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import wrk_load  # noqa: E402
from cpu import cpu_seconds  # noqa: E402
from network import BenchNetwork, build, walkthrough_bodies  # noqa: E402
from profile_run import _is_worker, pids_labelled, record  # noqa: E402
from profile_stacks import top_table  # noqa: E402
from run import BATCH_SIZE, ceiling_server  # noqa: E402
from scales import SCALES  # noqa: E402
from workloads import batch_workload  # noqa: E402

from canopy_shared.testing.system import running_system, system_environment  # noqa: E402


def single(url: str, bench: BenchNetwork, seconds: float) -> dict[str, Any]:
    return wrk_load.run_wrk(url, walkthrough_bodies(bench, seed=0), seconds=seconds)


def batch(url: str, bench: BenchNetwork, seconds: float) -> dict[str, Any]:
    pairs = ((t, b) for _, t, b, _ in batch_workload(bench, BATCH_SIZE)(0))
    path = "/v1/walkthroughs/batch"
    return wrk_load.run_wrk(url, pairs, seconds=seconds, path=path, connections=4, distinct=50)


def line(name: str, result: dict[str, Any]) -> str:
    return (
        f"{name:14s} {result['requests_per_s']:8.1f} req/s {result['items_per_s']:9.1f} "
        f"walkthroughs/s  p50 {result['p50_ms']:7.2f}  p95 {result['p95_ms']:7.2f}  "
        f"p99 {result['p99_ms']:7.2f} ms  {result['statuses']}  load {os.getloadavg()[0]:.1f}"
    )


def measured(
    name: str, root: int, load: Callable[[], dict[str, Any]], profile: list[int] | None, out: Path
) -> None:
    """Run `load`, print its figures and the CPU each process spent per accepted walkthrough
    (after 3 s more, so the pipeline has caught up with what was accepted)."""
    before, files = cpu_seconds(root), []
    found: dict[str, dict[str, Any]] = {}
    runner = threading.Thread(target=lambda: found.setdefault("result", load()))
    runner.start()
    if profile:
        time.sleep(2)  # past connection set-up
        files = record(profile, 10, out)
    runner.join()
    time.sleep(3)
    after, result = cpu_seconds(root), found["result"]
    print(line(name, result), flush=True)
    accepted = max(result["items"], 1)
    spent = sorted(((after[k] - before.get(k, 0.0), k) for k in after), reverse=True)
    print(f"  CPU ms per accepted walkthrough ({result['items']} accepted):")
    for seconds, label in spent:
        if seconds > 0.05:
            print(f"    {label:32s} {1000 * seconds / accepted:7.2f}")
    print(f"    {'all processes':32s} {1000 * sum(s for s, _ in spent) / accepted:7.2f}")
    if files:
        print(top_table(f"intake workers during {name}", files))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12)
    parser.add_argument("--profile", action="store_true", help="py-spy the intake workers")
    parser.add_argument("--out", default="bench-results")
    args = parser.parse_args()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = Path(args.out).resolve()
    var_dir = out / f"var-intake-{stamp}"
    var_dir.mkdir(parents=True)
    with running_system(var_dir, env=system_environment(var_dir, demo=False)) as system:
        root = system.process.pid
        bench, _ = build(system.config, SCALES["default"].plan)
        url, seconds = system.url("observation-intake"), args.seconds
        with ceiling_server("2", os.environ.get("GUNICORN_THREADS", "4")) as ceiling:
            print(line("ceiling", single(ceiling, bench, seconds)), flush=True)
            print(line("batch ceiling", batch(ceiling, bench, seconds)), flush=True)
        workers = [p for p in pids_labelled(root, "canopy_intake web") if _is_worker(p)]
        profiled = workers if args.profile else None
        measured("intake", root, lambda: single(url, bench, seconds), profiled, out / "p-single")
        measured("batch", root, lambda: batch(url, bench, seconds), profiled, out / "p-batch")


if __name__ == "__main__":
    main()
