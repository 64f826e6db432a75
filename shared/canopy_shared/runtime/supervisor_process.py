"""Running supervisord for the launcher: start it on a config written from the process table,
stop it (and with it every process, the broker last), ask it for process ids."""

from __future__ import annotations

import shlex
import signal
import subprocess
import sys
from pathlib import Path

from canopy_shared.runtime.broker import signal_when_parent_dies
from canopy_shared.runtime.processes import RuntimeConfig, process_table
from canopy_shared.runtime.supervision import (
    STOP_WAIT_SECONDS,
    Program,
    broker_program,
    supervisord_config,
)


def programs(config: RuntimeConfig, *, web_dist: Path | None) -> list[Program]:
    table = process_table(config, web_dist=web_dist)
    return [broker_program(config)] + [
        Program(name, shlex.split(command), env) for name, command, env in table
    ]


def config_path(config: RuntimeConfig) -> Path:
    return config.var_dir / "supervisord.conf"


def start_supervisord(config: RuntimeConfig, programs: list[Program]) -> subprocess.Popen[bytes]:
    path = config_path(config)
    path.write_text(supervisord_config(config, programs))
    with (config.log_dir / "supervisord.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "supervisor.supervisord", "-c", str(path)],
            stdout=log,
            stderr=subprocess.STDOUT,
            # Not in the terminal's process group: Ctrl-C reaches the launcher alone, which
            # then stops supervisord, so no process is restarted while the system stops.
            start_new_session=True,
            # If the launcher itself is killed, supervisord still stops everything.
            preexec_fn=signal_when_parent_dies(signal.SIGTERM),
        )


def stop_supervisord(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_WAIT_SECONDS * 2 + 10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def process_ids(config: RuntimeConfig) -> dict[str, int]:
    """Each running program's pid, from `supervisorctl status` (fault injection, operators)."""
    command = [sys.executable, "-m", "supervisor.supervisorctl", "-c", str(config_path(config))]
    out = subprocess.run([*command, "status"], capture_output=True, text=True, check=False).stdout
    pids = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[1] == "RUNNING" and parts[2] == "pid":
            pids[parts[0].rpartition(":")[2]] = int(parts[3].rstrip(","))  # group:program
    return pids
