"""`make run`: the whole system on one machine, on its embedded default.

Builds the web app (when it changed), starts the broker, creates the topics, migrates every
service database, starts every service, consumer and the web app's server under honcho, waits
until all are ready, seeds the demo network, then prints where to open the web app and who to
sign in as. The terminal shows only that, warnings and errors; every process's output is in
var/logs/<process>.log. Ctrl-C (or `make stop`) stops everything. A second run reuses var/
(databases, the ClickHouse store) and finds the demo already there.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
from honcho.manager import Manager

from canopy_shared.messaging.topics_admin import ensure_topics
from canopy_shared.runtime.banner import banner, demo_record
from canopy_shared.runtime.broker import start_broker, stop_process
from canopy_shared.runtime.processes import SERVICES, RuntimeConfig, process_table
from canopy_shared.runtime.terminal import TerminalPrinter
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


def _announce_when_ready(config: RuntimeConfig, manager: Manager, web_problem: str | None) -> None:
    try:
        wait_until_ready(readiness_urls(config, web=web_problem is None))
    except TimeoutError as err:
        print(f"\n!! {err} (see {config.log_dir}); stopping", flush=True)
        manager.terminate()
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


def main() -> None:
    config = RuntimeConfig.from_env()
    config.log_dir.mkdir(parents=True, exist_ok=True)
    pidfile = _write_pidfile(config)
    print(f"Starting Canopy (each process logs to {config.log_dir}/) ...", flush=True)
    web_dist, web_problem = build_web_app(config)
    broker = start_broker(config.host, config.broker_port, log_path=config.log_dir / "broker.log")
    printer = TerminalPrinter(config.log_dir)
    try:
        ensure_topics(config.bootstrap_servers)
        migrate_all(config)
        manager = Manager(printer=printer)
        for name, command, env in process_table(config, web_dist=web_dist):
            manager.add_process(name, command, env=env)
        threading.Thread(
            target=_announce_when_ready, args=(config, manager, web_problem), daemon=True
        ).start()
        manager.loop()
    finally:
        stop_process(broker)
        printer.close()
        pidfile.unlink(missing_ok=True)
    # honcho reports a Ctrl-C/`make stop` as 130/143: a requested stop is a clean exit.
    sys.exit(0 if manager.returncode in (None, 130, 143) else manager.returncode)


if __name__ == "__main__":
    main()
