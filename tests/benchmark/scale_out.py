"""Phase 3s, scale-out: the raw backlog drained by 1, 2 and 3 anonymizer consumers in one group,
then intake's batch sync through two relays instead of one.

The system starts with `REPLICAS` (three anonymizer consumers, two intake relays) and the bench
stops the extra ones with supervisorctl at once, so phases 1-4 measure the default runtime. Here
they are started one by one. The backlog is spread over `DISTRICT_KEYS` district ids: a topic's
messages are keyed by district (one district's walkthroughs stay in order), so one district can
never be drained by more than one consumer, and the bench network's few districts would decide
the figure by how their keys happen to hash. A state-wide network has hundreds.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import bus

from canopy_shared.runtime.supervisor_process import config_path
from canopy_shared.testing.system import RunningSystem

CONSUMERS = ("anonymizer-consume", "anonymizer-consume-2", "anonymizer-consume-3")
RELAYS = ("observation-intake-relay", "observation-intake-relay-2")
# The processes that carry a walkthrough on after intake's 201, on an intake node of their own in
# production; the analytics sink runs inside analytics' web process and idles without them.
PIPELINE = (RELAYS[0], CONSUMERS[0])
REPLICAS = {"CANOPY_ANONYMIZER_CONSUME_REPLICAS": "3", "CANOPY_INTAKE_RELAY_REPLICAS": "2"}
DISTRICT_KEYS = 24
# A consumer joining or leaving makes the group rebalance; on Tansu a join waits up to the
# rebalance timeout (KAFKA_MAX_POLL_INTERVAL_MS, 10 s in the embedded runtime).
SETTLE_S = 12.0


def supervise(system: RunningSystem, action: str, names: tuple[str, ...]) -> None:
    """`supervisorctl start|stop` of programs by name (supervisord lists them as group:name)."""
    config = str(config_path(system.config))
    command = [sys.executable, "-m", "supervisor.supervisorctl", "-c", config]
    status = subprocess.run([*command, "status"], capture_output=True, text=True, check=False)
    full = [line.split()[0] for line in status.stdout.splitlines() if line.strip()]
    chosen = [name for name in full if name.rpartition(":")[2] in names]
    subprocess.run([*command, action, *chosen], capture_output=True, check=False)


def to_default_runtime(system: RunningSystem) -> None:
    """One anonymizer consumer and one relay, as `make run` starts them. The extra consumers
    leave one at a time, each once the group has settled: on Tansu a member that leaves while
    the group is still forming its generation (all three join at start) left the remaining
    consumer re-joining in a loop for minutes (a bench run, Dec 2026)."""
    supervise(system, "stop", RELAYS[1:])
    for consumer in CONSUMERS[:0:-1]:
        time.sleep(SETTLE_S)
        supervise(system, "stop", (consumer,))


def intake_alone(
    system: RunningSystem, log: Callable[[str], None], load: Callable[[bool], dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Phases 1a and 2a: intake's single POSTs and batch sync while the relay and the anonymizer
    are stopped, so intake has the machine's cores to itself as on an instance of its own (the
    production shape, sized per instance). What it accepts waits in its outbox, and reaches the
    bus once the relay is back (the outbox keeps it until published)."""
    supervise(system, "stop", PIPELINE)
    try:
        log("1a. intake single POST, alone (relay and anonymizer stopped)")
        single = load(False)
        log("2a. intake batch sync, alone")
        batch = load(True)
    finally:
        supervise(system, "start", PIPELINE)
    return {"single": single, "batch": batch}


def measure(
    system: RunningSystem,
    templates: list[bytes],
    messages: int,
    log: Callable[[str], None],
    feed_intake: Callable[[], dict[str, Any]],
) -> dict[str, Any]:
    bootstrap = system.config.bootstrap_servers
    sampler = bus.StageSampler(bootstrap).start()
    runs = []
    try:
        for n in range(1, len(CONSUMERS) + 1):
            supervise(system, "start", CONSUMERS[:n])
            time.sleep(SETTLE_S)
            log(f"3s. scale-out: {messages:,} raw walkthroughs, {n} anonymizer consumer(s)")
            started, before = time.monotonic(), sampler.latest()[2]
            bus.inject_raw(bootstrap, templates, messages, districts=DISTRICT_KEYS)
            drained = sampler.wait_for(2, before + messages, 900)
            stages = bus.stage_rates(sampler.samples, since=started)
            runs.append({"consumers": n, "drained": drained, "stages": stages})
        relays = _relays(system, sampler, log, feed_intake)
    finally:
        sampler.stop()
    return {"district_keys": DISTRICT_KEYS, "runs": runs, "relays": relays}


def _relays(
    system: RunningSystem,
    sampler: bus.StageSampler,
    log: Callable[[str], None],
    feed_intake: Callable[[], dict[str, Any]],
) -> list[dict[str, Any]]:
    """Intake's batch sync through one relay, then two: the raw topic's growth is the relays'."""
    runs = []
    for n in range(1, len(RELAYS) + 1):
        supervise(system, "start", RELAYS[:n])
        time.sleep(2)
        log(f"3s. scale-out: intake batch sync through {n} relay(s)")
        started = time.monotonic()
        load = feed_intake()
        while len(sampler.samples) > 4 and sampler.samples[-4][1][0] < sampler.latest()[0]:
            time.sleep(1)  # until the relays' tail is out (the raw topic stopped growing)
        stages = bus.stage_rates(sampler.samples, since=started)
        runs.append({"relays": n, "batch_per_s": load.get("items_per_s"), "stages": stages})
    return runs


def scaling(results: dict[str, Any]) -> list[tuple[int, float, float]]:
    """(consumers, anonymizer /s, sink /s) per run."""
    out = []
    for run in (results.get("scale_out") or {}).get("runs", []):
        stages = {s["stage"].split(":")[0]: s["per_s"] for s in run["stages"]}
        out.append((run["consumers"], stages.get("anonymizer", 0.0), stages.get("sink", 0.0)))
    return out
