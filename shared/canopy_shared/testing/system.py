"""The whole system started as `make run` starts it, on free ports and a temporary var/ dir,
for end-to-end tests that drive it through its public APIs.

As a newcomer's `make run` does, the launcher runs in the folder that holds `var/` and reads the
default, relative `CANOPY_VAR_DIR`: every path a service derives from it (the export directory)
is then relative, as it is on a newcomer's machine."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from canopy_shared.runtime.banner import READY_LINE
from canopy_shared.runtime.broker import free_port
from canopy_shared.runtime.processes import SERVICES, RuntimeConfig
from canopy_shared.testing.postgres import create_database

# `CANOPY_TEST_DATABASE=postgresql` (`make test-postgres`): every service of a system the tests
# start gets a database of its own on the PostgreSQL server at CANOPY_TEST_POSTGRES_URL
# (tests/e2e/conftest.py starts a throwaway one), production's database instead of SQLite.
TEST_DATABASE = "CANOPY_TEST_DATABASE"
TEST_POSTGRES_URL = "CANOPY_TEST_POSTGRES_URL"

# With the demo, the banner comes once the demo network is seeded (a few minutes the first time).
DEMO_SEED_TIMEOUT_S = 900


@dataclass
class RunningSystem:
    config: RuntimeConfig
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)

    def url(self, service: str) -> str:
        return self.config.url(service)

    @property
    def web_url(self) -> str:
        return self.config.web_url

    def wait_for_output(self, text: str, *, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while not any(text in line for line in self.output):
            if self.process.poll() is not None:
                raise RuntimeError(f"launcher exited ({self.process.returncode}):\n{self.log()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {text!r} after {timeout_s}s:\n{self.log()}")
            time.sleep(0.2)

    def log(self, last: int = 80) -> str:
        return "".join(self.output[-last:])

    def interrupt(self, *, timeout_s: float = 60.0) -> int:
        """Ctrl-C, as a terminal sends it: SIGINT to the launcher's process group."""
        os.killpg(self.process.pid, signal.SIGINT)
        return self.process.wait(timeout=timeout_s)


def system_environment(
    var_dir: Path, *, demo: bool, postgres: bool | None = None
) -> dict[str, str]:
    """The environment `make run` sees, on free ports; `var_dir` is named relative to its
    parent, the launcher's working directory (not at all when it is the default `var`).
    `postgres`: the services on PostgreSQL databases (default: as CANOPY_TEST_DATABASE says)."""
    env = {k: v for k, v in os.environ.items() if k != "CANOPY_VAR_DIR"}
    if var_dir.name != "var":
        env["CANOPY_VAR_DIR"] = var_dir.name
    env |= {
        "CANOPY_BROKER_PORT": str(free_port()),
        "CANOPY_DEMO": "1" if demo else "0",
        "CANOPY_WEB_PORT": str(free_port()),
    }
    for spec in SERVICES:
        env[spec.port_variable] = str(free_port())
    if on_postgres() if postgres is None else postgres:
        server = os.environ[TEST_POSTGRES_URL]
        for spec in SERVICES:
            env[spec.database_variable] = create_database(server, spec.package)
    return env


def on_postgres() -> bool:
    """Whether the systems tests start run their services on PostgreSQL."""
    return os.environ.get(TEST_DATABASE, "sqlite") == "postgresql"


@contextmanager
def running_system(
    var_dir: Path,
    *,
    demo: bool = False,
    env: dict[str, str] | None = None,
    ready_timeout_s: float | None = None,
) -> Iterator[RunningSystem]:
    environment = env or system_environment(var_dir, demo=demo)
    var_dir = var_dir.resolve()
    var_dir.parent.mkdir(parents=True, exist_ok=True)
    seeds = environment.get("CANOPY_DEMO", "1") == "1"
    timeout_s = ready_timeout_s or (DEMO_SEED_TIMEOUT_S if seeds else 180)
    process = subprocess.Popen(
        [sys.executable, "-m", "canopy_shared.runtime.launcher"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=var_dir.parent,  # where `make run` runs: var/ is relative to it
        start_new_session=True,  # its own process group, like a terminal's foreground job
    )
    config = replace(RuntimeConfig.from_env(environment), var_dir=var_dir)
    system = RunningSystem(config, process)
    threading.Thread(target=_collect, args=(process, system.output), daemon=True).start()
    try:
        system.wait_for_output(READY_LINE, timeout_s=timeout_s)
        yield system
    finally:
        if process.poll() is None:
            try:
                system.interrupt()
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _collect(process: subprocess.Popen[str], sink: list[str]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        sink.append(line)
