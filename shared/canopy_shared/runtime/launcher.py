"""`make run`: the whole system on one machine, on its embedded default.

Builds the web app (when it changed), migrates every service database, starts the broker (which
creates the topics), every service, consumer and relay and the web app's server under
supervisord, waits until all are ready, seeds the demo network, then prints where to open the
web app and who to sign in as. The terminal shows only that, warnings and errors, and any
process that died (supervisord restarts it alone); every process's output is in
var/logs/<process>.log. Ctrl-C (or `make stop`) stops everything, the broker last. A second run
reuses var/ (databases, the ClickHouse store) and finds the demo already there.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

from canopy_shared.runtime.banner import banner, demo_record
from canopy_shared.runtime.processes import SERVICES, RuntimeConfig
from canopy_shared.runtime.supervisor_process import (
    programs,
    start_supervisord,
    stop_supervisord,
)
from canopy_shared.runtime.terminal import LogFollower, TerminalPrinter
from canopy_shared.runtime.webapp import WEB_DIR, WebBuild, WebBuildError


def build_web_app(config: RuntimeConfig) -> tuple[Path | None, str | None]:
    """(the built app's folder, None) or (None, why it is not available)."""
    build = WebBuild(WEB_DIR, config.log_dir / "web-build.log")
    print("Building the web app if it changed ...", flush=True)
    try:
        return build.ensure_built(), None
    except WebBuildError as err:
        print(f"!! {err}; starting the APIs without it", flush=True)
        return None, str(err)


def migrate_all(config: RuntimeConfig) -> None:
    with (config.log_dir / "migrate.log").open("ab") as log:
        for spec in SERVICES:
            env = {**os.environ, **config.service_env(spec)}
            command = [sys.executable, "-m", spec.package, "migrate"]
            if subprocess.run(command, env=env, stdout=log, stderr=log, check=False).returncode:
                sys.exit(f"!! migrating {spec.name} failed; see {config.log_dir / 'migrate.log'}")


def readiness_urls(config: RuntimeConfig, *, web: bool) -> dict[str, str]:
    urls = {spec.name: f"{config.url(spec.name)}/readyz" for spec in SERVICES}
    return {**urls, "web": f"{config.web_url}/healthz"} if web else urls


def wait_until_ready(urls: dict[str, str], *, timeout_s: float = 120.0) -> None:
    pending = dict(urls)
    deadline = time.monotonic() + timeout_s
    while pending:
        for name, url in sorted(pending.items()):
            try:
                if requests.get(url, timeout=2).status_code == 200:
                    del pending[name]
            except requests.RequestException:
                pass
        if pending and time.monotonic() > deadline:
            raise TimeoutError(f"not ready after {timeout_s}s: {', '.join(sorted(pending))}")
        time.sleep(0.3)


def _announce_when_ready(
    config: RuntimeConfig, stop: threading.Event, web_problem: str | None
) -> None:
    try:
        wait_until_ready(readiness_urls(config, web=web_problem is None))
    except TimeoutError as err:
        print(f"\n!! {err} (see {config.log_dir}); stopping", flush=True)
        stop.set()
        return
    if os.environ.get("CANOPY_DEMO", "1") == "1":
        # A failed seed leaves the services running for a person to look at what went wrong.
        command = [sys.executable, "-m", "canopy_shared.demo", "--no-announce"]
        if subprocess.run(command, check=False).returncode != 0:
            print("!! demo seed failed (see above); the services keep running", flush=True)
    print(banner(config, web_problem=web_problem, demo=demo_record(config)), flush=True)


def _write_pidfile(config: RuntimeConfig) -> Path:
    pidfile = config.var_dir / "run.pid"
    if pidfile.exists():
        other = int(pidfile.read_text() or 0)
        try:
            os.kill(other, 0)
            sys.exit(f"Canopy already runs (pid {other}); `make stop` first")
        except (ProcessLookupError, ValueError):
            pass  # stale: a previous run was killed
    pidfile.write_text(str(os.getpid()))
    return pidfile


def _stop_on_signals() -> threading.Event:
    """Ctrl-C and `make stop` (SIGTERM) ask for a stop; the main thread carries it out."""
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    return stop


def main() -> None:
    config = RuntimeConfig.from_env()
    config.log_dir.mkdir(parents=True, exist_ok=True)
    pidfile = _write_pidfile(config)
    stop = _stop_on_signals()
    print(f"Starting Canopy (each process logs to {config.log_dir}/) ...", flush=True)
    web_dist, web_problem = build_web_app(config)
    migrate_all(config)
    table = programs(config, web_dist=web_dist)
    printer = TerminalPrinter(config.log_dir)
    follower = LogFollower(config.log_dir, [p.name for p in table], printer)
    following = threading.Event()
    threading.Thread(target=follower.follow, args=(following,), daemon=True).start()
    supervisor = start_supervisord(config, table)
    try:
        threading.Thread(
            target=_announce_when_ready, args=(config, stop, web_problem), daemon=True
        ).start()
        while not stop.wait(0.5) and supervisor.poll() is None:
            pass
        requested = stop.is_set()
        if requested:
            printer.show("Stopping Canopy ...")
        printer.stopping = True  # peers and the broker going away make every client complain
        stop_supervisord(supervisor)
    finally:
        following.set()
        pidfile.unlink(missing_ok=True)
    if not requested:
        sys.exit(f"!! supervisord exited ({supervisor.returncode}); see {config.log_dir}")
    sys.exit(0)


if __name__ == "__main__":
    main()
