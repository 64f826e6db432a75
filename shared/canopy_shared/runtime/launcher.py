"""`make run`: the whole system on one machine, on its embedded default.

Starts the broker, creates the topics, migrates every service database, starts every service
and consumer under honcho, waits until all are ready, prints where they are, seeds the demo
network. Ctrl-C (or `make stop`) stops everything. A second run reuses var/ (databases, the
ClickHouse store) and finds the demo already there.
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
from canopy_shared.runtime.broker import start_broker, stop_process
from canopy_shared.runtime.processes import SERVICES, RuntimeConfig, process_table
from canopy_shared.web.app import API_DOCS_PATH


def migrate_all(config: RuntimeConfig) -> None:
    for spec in SERVICES:
        env = {**os.environ, **config.service_env(spec)}
        subprocess.run([sys.executable, "-m", spec.package, "migrate"], env=env, check=True)


def wait_until_ready(config: RuntimeConfig, *, timeout_s: float = 120.0) -> None:
    pending = {spec.name for spec in SERVICES}
    deadline = time.monotonic() + timeout_s
    while pending:
        for name in sorted(pending):
            try:
                if requests.get(f"{config.url(name)}/readyz", timeout=2).status_code == 200:
                    pending.discard(name)
            except requests.RequestException:
                pass
        if pending and time.monotonic() > deadline:
            raise TimeoutError(f"not ready after {timeout_s}s: {', '.join(sorted(pending))}")
        time.sleep(0.3)


def banner(config: RuntimeConfig) -> str:
    lines = ["", "Canopy is running:"]
    for spec in SERVICES:
        url = config.url(spec.name)
        lines.append(f"  {spec.name:<22} {url}   API docs: {url}{API_DOCS_PATH}")
    lines.append(f"  {'broker (Kafka protocol)':<22} {config.bootstrap_servers}")
    lines.append(f"  data: {config.var_dir}    stop: Ctrl-C or `make stop`")
    return "\n".join(lines) + "\n"


def _announce_when_ready(config: RuntimeConfig, manager: Manager) -> None:
    try:
        wait_until_ready(config)
    except TimeoutError as err:
        print(f"\n!! {err}; stopping", flush=True)
        manager.terminate()
        return
    print(banner(config), flush=True)
    if os.environ.get("CANOPY_DEMO", "1") == "1":
        # A failed seed leaves the services running for a person to look at what went wrong.
        seeded = subprocess.run([sys.executable, "-m", "canopy_shared.demo"], check=False)
        if seeded.returncode != 0:
            print("!! demo seed failed (see above); the services keep running", flush=True)


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
    (config.var_dir / "log").mkdir(parents=True, exist_ok=True)
    pidfile = _write_pidfile(config)
    broker = start_broker(
        config.host, config.broker_port, log_path=config.var_dir / "log/broker.log"
    )
    try:
        ensure_topics(config.bootstrap_servers)
        migrate_all(config)
        manager = Manager()
        for name, command, env in process_table(config):
            manager.add_process(name, command, env=env)
        threading.Thread(target=_announce_when_ready, args=(config, manager), daemon=True).start()
        manager.loop()
    finally:
        stop_process(broker)
        pidfile.unlink(missing_ok=True)
    # honcho reports a Ctrl-C/`make stop` as 130/143: a requested stop is a clean exit.
    sys.exit(0 if manager.returncode in (None, 130, 143) else manager.returncode)


if __name__ == "__main__":
    main()
