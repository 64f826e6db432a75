"""`make bench [SCALE=default|large|smoke]`: how fast Canopy ingests and answers, each figure
beside a ceiling measured in the same run. Writes bench-results/bench-<scale>-<time>.json and
prints a table. Run as a script (`python tests/benchmark/run.py --scale smoke`): the repo's
tests/ is not a package under pytest's importlib mode, and no file here is named test_*.py,
so pytest never collects the bench.

Phases: start the system (embedded runtime, free ports, a throwaway var dir) -> build the
network through the public APIs -> 1 intake single POST vs a bare Flask+gunicorn endpoint ->
2 batch sync vs the same -> 3 pipeline drain per stage vs raw kafka-python on the same broker
-> 4 freshness -> stop, bulk-load facts, time the aggregates on the engine -> restart ->
5 dashboard calls through the API -> 7 the web app in headless Chromium. 6 peak RSS is sampled
throughout."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bus  # noqa: E402
import dashboard  # noqa: E402
import freshness  # noqa: E402
import offline_capture  # noqa: E402
import parts_ladder  # noqa: E402
import scale_out  # noqa: E402
import web  # noqa: E402
import wrk_load  # noqa: E402
from cpu import cpu_seconds  # noqa: E402
from loadgen import run_load  # noqa: E402
from network import BenchNetwork, build, walkthrough_bodies  # noqa: E402
from report import table  # noqa: E402
from rss import RssSampler  # noqa: E402
from scales import SCALES, Scale  # noqa: E402
from workloads import accepted_in_batch, batch_workload, single_workload  # noqa: E402

from canopy_shared.contracts.topics import OBSERVATIONS_RAW  # noqa: E402
from canopy_shared.runtime.broker import free_port  # noqa: E402
from canopy_shared.testing.system import RunningSystem, running_system, system_environment  # noqa: E402

BATCH_SIZE = 200


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


@contextmanager
def ceiling_server(  # type: ignore[no-untyped-def]
    workers: str,
    threads: str,
    app: str = "ceiling_app:app",
    extra_env: dict[str, str] | None = None,
):
    """A ceiling app (`ceiling_app`, `parts_app`) under the services' gunicorn settings."""
    port = free_port()
    env = {
        **os.environ,
        **(extra_env or {}),
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": workers,
        "GUNICORN_THREADS": threads,
        "LOG_LEVEL": "warning",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "python:canopy_shared.runtime.gunicorn_conf",
        "--chdir",
        str(HERE),
        app,
    ]
    process = subprocess.Popen(command, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(url, timeout=1)
                break
            except requests.RequestException:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(15)


def ingest_phases(
    system: RunningSystem,
    bench: BenchNetwork,
    scale: Scale,
    results: dict[str, Any],
    *,
    pipeline: bool = True,
) -> None:
    """Phases 1-4 (without `pipeline`: 1, 2, 1a and 2a), filling `results` as they go (a failed
    phase keeps the earlier figures)."""
    intake_url = system.url("observation-intake")
    sampler = bus.StageSampler(system.config.bootstrap_servers).start()
    threads = os.environ.get("GUNICORN_THREADS", "4")
    with ceiling_server("2", threads) as ceiling:
        log("1. framework ceiling: bare Flask+gunicorn JSON POST")
        results["intake_ceiling"] = http_load(ceiling, bench, scale, batch=False)
        log("2. batch ceiling: the same server parsing 200-walkthrough batches")
        results["batch_ceiling"] = http_load(ceiling, bench, scale, batch=True)
    results["parts"] = parts_ladder.measure(
        system.url("tenancy") + "/.well-known/jwks.json",
        lambda env: ceiling_server("2", threads, "parts_app:app", env),
        lambda url, batch: http_load(url, bench, scale, batch=batch),
        log,
    )
    base = sampler.latest()[2]  # the network's warm-up walkthroughs are through by now
    log("1. intake single-walkthrough POST")
    results["intake"] = http_load(intake_url, bench, scale, batch=False)
    log("2. intake batch sync")
    started = time.monotonic()
    results["batch"] = http_load(intake_url, bench, scale, batch=True)
    accepted = results["intake"]["items"] + results["batch"]["items"]
    if pipeline:
        log(f"3. pipeline: waiting until the sink has all {accepted:,} accepted walkthroughs")
        drained = sampler.wait_for(2, base + accepted, 900)
        results["pipeline_from_intake"] = {
            "drained": drained,
            "max_backlog": max(
                (v[0] - v[2] for t, v in sampler.samples if t >= started), default=0
            ),
            "stages": bus.stage_rates(sampler.samples, since=started),
        }
    alone = scale_out.intake_alone(
        system, log, lambda batch: http_load(intake_url, bench, scale, batch=batch)
    )
    results["intake_alone"] = alone
    if pipeline:
        accepted += alone["single"]["items"] + alone["batch"]["items"]
        log("1a-2a. waiting until the sink has what intake accepted alone")
        alone["drained"] = sampler.wait_for(2, base + accepted, 900)
    sampler.stop()
    if pipeline:
        pipeline_phases(system, bench, scale, results)


def pipeline_phases(
    system: RunningSystem, bench: BenchNetwork, scale: Scale, results: dict[str, Any]
) -> None:
    """Phases 3 (raw backlog, bus ceiling), 4 (freshness) and 3s (scale-out)."""
    intake_url = system.url("observation-intake")
    bootstrap = system.config.bootstrap_servers
    sampler = bus.StageSampler(bootstrap).start()
    templates = bus.sample_messages(bootstrap, OBSERVATIONS_RAW.name, 50)
    # A backlog waits before the pipeline drains it (a replayed term, a network's offline
    # week): injected while the anonymizer is stopped, so the injecting producer does not
    # share the two cores with the drain it measures.
    log(f"3. pipeline: {scale.pipeline_messages:,} raw walkthroughs injected, anonymizer stopped")
    scale_out.supervise(system, "stop", scale_out.CONSUMERS[:1])
    time.sleep(1)  # a first sample of every stage before the backlog arrives
    before = sampler.latest()[2]
    injected_s = bus.inject_raw(bootstrap, templates, scale.pipeline_messages)
    log("3. pipeline: the anonymizer started on the backlog")
    started = time.monotonic()
    scale_out.supervise(system, "start", scale_out.CONSUMERS[:1])
    # CPU from the anonymizer's first commit (past its start-up and joining the group) to the
    # sink's last, per walkthrough the anonymizer committed meanwhile.
    sampler.wait_for(1, sampler.latest()[1] + 1, 120)
    cpu_before, counted_from = cpu_seconds(system.process.pid), sampler.latest()[1]
    drained = sampler.wait_for(2, before + scale.pipeline_messages, 1800)
    sampler.stop()
    counted = max(1, sampler.latest()[1] - counted_from)
    cpu_spent = {k: s - cpu_before.get(k, 0.0) for k, s in cpu_seconds(system.process.pid).items()}
    results["pipeline"] = {
        "drained": drained,
        "inject_per_s": round(scale.pipeline_messages / injected_s, 1),
        "stages": bus.stage_rates(sampler.samples, since=started),
        "cpu_ms_per_walkthrough": {
            label: round(1000 * seconds / counted, 3)
            for label, seconds in cpu_spent.items()
            if seconds >= 0.1
        },
    }
    log("3. bus ceiling: raw kafka-python produce -> consume, same broker, same-sized messages")
    results["bus_ceiling"] = bus.bus_ceiling(
        bootstrap, templates[0], scale.bus_messages, OBSERVATIONS_RAW.partitions
    )
    log("3h. hop ceiling: consume -> JSON -> produce -> flush -> commit, one process")
    results["hop_ceiling"] = bus.hop_ceiling(
        bootstrap, templates[0], scale.pipeline_messages, OBSERVATIONS_RAW.partitions
    )
    log("4. freshness")
    results["freshness"] = freshness.measure(
        intake_url,
        system.url("analytics"),
        bench,
        bootstrap=bootstrap,
        rate=scale.freshness_rate,
        seconds=scale.freshness_seconds,
    )
    try:
        results["scale_out"] = scale_out.measure(
            system,
            templates,
            scale.pipeline_messages,
            log,
            feed_intake=lambda: http_load(intake_url, bench, scale, batch=True),
        )
    except Exception as err:  # noqa: BLE001 - a failed phase is reported, the bench goes on
        results["scale_out"] = {"error": f"{type(err).__name__}: {err}"[:500]}
    scale_out.to_default_runtime(system)  # phase 5 measures the default runtime again


def http_load(url: str, bench: BenchNetwork, scale: Scale, *, batch: bool) -> dict[str, Any]:
    """Single walkthroughs or 200-walkthrough batches for the scale's load time: driven by wrk
    (a C client, so the client does not share the server's cores with a Python interpreter);
    without wrk installed, by the Python load generator, and the result says which."""
    if not wrk_load.available():
        log("   wrk is not installed (deploy/dev/install-system-packages.sh wrk): Python client")
        workload = batch_workload(bench, BATCH_SIZE) if batch else single_workload(bench)
        counts = accepted_in_batch if batch else None
        threads = 2 if batch else 4
        result = run_load(
            url, workload, seconds=scale.load_seconds, threads=threads, counts_items=counts
        )
        return {"generator": "python", **result.summary()}
    if batch:
        pairs = ((token, body) for _, token, body, _ in batch_workload(bench, BATCH_SIZE)(0))
        return wrk_load.run_wrk(
            url,
            pairs,
            seconds=scale.load_seconds,
            path="/v1/walkthroughs/batch",
            connections=4,
            distinct=50,
        )
    return wrk_load.run_wrk(url, walkthrough_bodies(bench, seed=0), seconds=scale.load_seconds)


def facts_spec(system: RunningSystem, bench: BenchNetwork, scale: Scale, out: Path) -> Path:
    teachers = {s.school_id: len(s.teacher_ids) for s in bench.staff}
    spec = {
        "dsn": f"chdb:///{system.config.var_dir / 'analytics.chdb'}",
        "walkthroughs": scale.dashboard_walkthroughs,
        "repeats": scale.dashboard_repeats,
        "region_id": bench.region_id,
        "template_id": bench.template_id,
        "version_id": bench.form.version_id,
        "indicator_keys": sorted(bench.form.indicators),
        "first_day": bench.days[0].isoformat(),
        "last_day": bench.days[-1].isoformat(),
        "schools": [
            {"school_id": s, "district_id": bench.district_of_school[s], "teachers": n}
            for s, n in teachers.items()
        ],
    }
    path = out / "facts-spec.json"
    path.write_text(json.dumps(spec))
    return path


def load_facts(spec: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE / "load_facts.py"), str(spec)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {"error": done.stderr[-2000:]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "loadavg_start": os.getloadavg(),
    }


def web_phase(system: RunningSystem, bench: BenchNetwork, scale: Scale) -> dict[str, Any]:
    try:
        return web.measure(
            system.web_url, bench.region_leader_email, bench.password, scale.dashboard_repeats
        )
    except Exception as err:  # noqa: BLE001 - a failed phase is reported, the bench goes on
        return {"error": f"{type(err).__name__}: {err}"[:500]}


def capture_phase(system: RunningSystem, bench: BenchNetwork, scale: Scale) -> dict[str, Any]:
    try:
        return offline_capture.measure(
            system.web_url, bench.observer_email, bench.password, scale.dashboard_repeats
        )
    except Exception as err:  # noqa: BLE001 - a failed phase is reported, the bench goes on
        return {"error": f"{type(err).__name__}: {err}"[:500]}


# The pipeline is through once nothing moved for this long (relays look every 50 ms, the sink
# flushes within a second); a replay of a large bench's outboxes takes minutes.
REPLAY_QUIET_S = 15
REPLAY_WAIT_S = 1800


def dashboard_phase(
    system: RunningSystem, bench: BenchNetwork, scale: Scale, results: dict[str, Any]
) -> None:
    """Phase 5 on the restarted system: cut a region release as the operator does (region
    figures come only from releases, issue #19), then time the calls of a region leader (the
    first of each is the first answer after the cut) and of a district leader (live, exact).
    First the pipeline's replay after the restart runs through: timed beside it, every answer
    queued behind the sink's inserts for the one engine (a 10M run: warm p95 ~1-2 s). Region
    calls are timed once the release warmer has decided the whole cut (reported: "release
    warmed"), so the first shape timed does not carry the warmer's tail."""
    log("5. waiting until the pipeline has replayed what the relays re-published")
    results["replay"] = bus.wait_until_caught_up(
        system.config.bootstrap_servers, REPLAY_QUIET_S, REPLAY_WAIT_S
    )
    log(f"5. replay after the restart: {results['replay']}")
    log("5. cutting a region release (python -m canopy_analytics release)")
    offset, cut_at = dashboard.log_size(system.config), time.perf_counter()
    results["release"] = dashboard.cut_release(system.config)
    district_id, token = sorted(bench.district_leader_tokens.items())[0]
    school_id = next(s for s, d in sorted(bench.district_of_school.items()) if d == district_id)
    url = system.url("analytics")
    decided = dashboard.wait_until_decided(url, bench.region_leader_token, bench.template_id)
    results["release"] |= decided
    if not decided.get("error"):
        log("5. waiting until the release warmer has decided every cube of the cut")
        results["release"] |= dashboard.wait_until_warmed(system.config, offset, cut_at)
    repeats = scale.dashboard_repeats
    if decided.get("error"):
        # Every region call would wait on the same decision: none is timed.
        log(f"5. the release was not decided: {decided['error']}")
    else:
        log("5. dashboard calls through the analytics API: region leader")
        results["api"] = dashboard.time_calls(
            url, bench.region_leader_token, bench.template_id, school_id, repeats
        )
    log("5. dashboard calls through the analytics API: district leader (live, exact)")
    results["district"] = dashboard.time_calls(url, token, bench.template_id, school_id, repeats)


def merge_peaks(*runs: dict[str, float]) -> dict[str, float]:
    merged: dict[str, float] = {}
    for run in runs:
        for name, peak in run.items():
            label = name.split(" (x")[0]
            merged[label] = max(peak, merged.get(label, 0.0))
    return merged


def answer_phases(
    var_dir: Path,
    env: dict[str, str],
    bench: BenchNetwork,
    scale: Scale,
    spec: Path,
    first_peaks: dict[str, float],
    results: dict[str, Any],
    *,
    browser: bool,
) -> None:
    """Phases 5-8 on a restarted system, after the direct load of the dashboards' facts."""
    log(f"5. system stopped; bulk-loading {scale.dashboard_walkthroughs:,} walkthroughs")
    results["dashboard"] = {"load": load_facts(spec)}
    results["dashboard"]["engine"] = results["dashboard"]["load"].pop("engine", {})
    if "error" in results["dashboard"]["load"]:
        log(f"5. direct load failed:\n{results['dashboard']['load']['error']}")
    with running_system(var_dir, env=env) as system:
        scale_out.to_default_runtime(system)
        rss = RssSampler(system.process.pid).start()
        dashboard_phase(system, bench, scale, results["dashboard"])
        if browser:
            log("7. the web app in headless Chromium: sign-in to overview, filter changes")
            results["web"] = web_phase(system, bench, scale)
            log("8. offline capture in headless Chromium: capture screens, syncing 200")
            results["capture"] = capture_phase(system, bench, scale)
        results["rss_mb"] = merge_peaks(first_peaks, rss.stop())
        dash = results["dashboard"]
        calls = [*dash["api"].values(), *dash["district"].values()]
        if any(call.get("error") for call in calls):
            log("5. some dashboard calls failed; the system's last log lines are in the JSON")
            results["dashboard"]["system_log_tail"] = system.log(60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="default", choices=sorted(SCALES))
    parser.add_argument("--out", default="bench-results")
    parser.add_argument("--keep-var", action="store_true", help="keep the bench's var dir")
    parser.add_argument(
        "--only-pipeline", action="store_true", help="phases 3, 4 and 3s only (issue #17)"
    )
    parser.add_argument(
        "--only-intake", action="store_true", help="phases 1, 2, 1a and 2a only (issue #17)"
    )
    parser.add_argument(
        "--dashboard-only", action="store_true", help="phases 5 and 6 only (skip 1-4, 7, 8)"
    )
    args = parser.parse_args()
    scale = SCALES[args.scale]
    partial = args.only_pipeline or args.only_intake  # no restart, no answer phases
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = Path(args.out).resolve()
    var_dir = out / f"var-{stamp}"
    var_dir.mkdir(parents=True)
    results: dict[str, Any] = {"scale": scale.name, "started_at": stamp, "machine": machine()}
    # Started with the scale-out phase's extra processes (stopped until it runs).
    env = system_environment(var_dir, demo=False) | scale_out.REPLICAS
    try:
        with running_system(var_dir, env=env) as system:
            scale_out.to_default_runtime(system)
            rss = RssSampler(system.process.pid).start()
            log(f"system up; building the network ({scale.name})")
            bench, _ = build(system.config, scale.plan)
            results["network"] = {
                "schools": len(bench.staff),
                "teachers": sum(len(s.teacher_ids) for s in bench.staff),
            }
            if args.only_pipeline:
                pipeline_phases(system, bench, scale, results)
            elif args.only_intake:
                ingest_phases(system, bench, scale, results, pipeline=False)
            if partial:
                results["rss_mb"] = rss.stop()
            else:
                if not args.dashboard_only:
                    ingest_phases(system, bench, scale, results)
                spec = facts_spec(system, bench, scale, var_dir)
                first_peaks = rss.stop()
        if not partial:
            answer_phases(
                var_dir,
                env,
                bench,
                scale,
                spec,
                first_peaks,
                results,
                browser=not args.dashboard_only,
            )
    finally:
        results["machine"]["loadavg_end"] = os.getloadavg()
        path = out / f"bench-{scale.name}-{stamp}.json"
        path.write_text(json.dumps(results, indent=2, default=str))
        if not args.keep_var:
            shutil.rmtree(var_dir, ignore_errors=True)
    load = results["machine"]
    print(
        f"\nCanopy bench, scale {scale.name}, {load['cpus']} CPUs, load average "
        f"{load['loadavg_start'][0]:.1f} -> {load['loadavg_end'][0]:.1f}"
    )
    print(table(results))
    print(f"\nresults: {path}")


if __name__ == "__main__":
    main()
