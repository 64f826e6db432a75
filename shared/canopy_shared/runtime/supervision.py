"""supervisord for the embedded runtime: its config, written from the process table.

Each process is a supervisord program: a process that dies is restarted alone (the others keep
running), immediately if it had been up for a while, with a growing pause (1 s, 2 s, 3 s, ...) if
it keeps dying at start. supervisord's own log (var/logs/supervisord.log) says what died and why
("exited: anonymizer-consume (terminated by SIGKILL; not expected)"). The broker starts first
and stops last; stopping sends SIGTERM to each program's whole process group (gunicorn and its
workers) and SIGKILL after a grace period. Logs rotate at a fixed size, so they stay bounded.
"""

from __future__ import annotations

import shlex
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from canopy_shared.runtime.processes import RuntimeConfig

BROKER_PROCESS = "broker"
BROKER_PRIORITY = 10  # started first, stopped last
SERVICE_PRIORITY = 100
# Restarts of a process that dies before running this long count as failed starts (backoff).
START_SECONDS = 3
START_RETRIES = 1000  # keep trying: a system left alone must come back by itself
STOP_WAIT_SECONDS = 20
LOG_MAX_BYTES = "20MB"
LOG_BACKUPS = 3


@dataclass(frozen=True)
class Program:
    name: str
    argv: Sequence[str]
    env: Mapping[str, str] = field(default_factory=dict)  # on top of the launcher's environment
    priority: int = SERVICE_PRIORITY


def broker_program(config: RuntimeConfig) -> Program:
    return Program(
        BROKER_PROCESS,
        [sys.executable, "-m", "canopy_shared.runtime.broker_process"],
        {
            "CANOPY_HOST": config.host,
            "CANOPY_BROKER_PORT": str(config.broker_port),
            "PYTHONUNBUFFERED": "1",
        },
        BROKER_PRIORITY,
    )


def socket_path(config: RuntimeConfig) -> Path:
    """supervisorctl's socket; in the temp folder when var/ is too deep for a Unix socket."""
    path = config.var_dir / "supervisor.sock"
    if len(str(path)) < 100:
        return path
    return Path(tempfile.gettempdir()) / f"canopy-{abs(hash(str(config.var_dir))):x}.sock"


def supervisord_config(config: RuntimeConfig, programs: Sequence[Program]) -> str:
    logs = config.log_dir
    sections = [
        _section(
            "supervisord",
            nodaemon="true",
            logfile=logs / "supervisord.log",
            logfile_maxbytes=LOG_MAX_BYTES,
            logfile_backups=LOG_BACKUPS,
            loglevel="info",
            pidfile=config.var_dir / "supervisord.pid",
            childlogdir=logs,
            silent="true",  # the launcher shows what matters from the log files
        ),
        _section("unix_http_server", file=socket_path(config), chmod="0700"),
        _section(
            "rpcinterface:supervisor",
            **{"supervisor.rpcinterface_factory": "supervisor.rpcinterface:make_main_rpcinterface"},
        ),
        _section("supervisorctl", serverurl=f"unix://{socket_path(config)}"),
    ]
    sections += [_program(p, logs) for p in programs]
    # One group per priority: supervisord stops group after group, each group's programs at
    # once (the services together, then the broker), rather than one program at a time.
    for priority in sorted({p.priority for p in programs}):
        names = [p.name for p in programs if p.priority == priority]
        sections.append(_section(group_name(priority), programs=",".join(names), priority=priority))
    return "\n".join(sections)


def group_name(priority: int) -> str:
    return "group:broker" if priority == BROKER_PRIORITY else "group:canopy"


def _program(program: Program, logs: Path) -> str:
    return _section(
        f"program:{program.name}",
        command=" ".join(shlex.quote(arg) for arg in program.argv),
        environment=",".join(f'{k}="{_escape(v)}"' for k, v in sorted(program.env.items())),
        priority=program.priority,
        autostart="true",
        autorestart="true",
        startsecs=START_SECONDS,
        startretries=START_RETRIES,
        stopsignal="TERM",
        stopwaitsecs=STOP_WAIT_SECONDS,
        stopasgroup="true",
        killasgroup="true",
        redirect_stderr="true",
        stdout_logfile=logs / f"{program.name}.log",
        stdout_logfile_maxbytes=LOG_MAX_BYTES,
        stdout_logfile_backups=LOG_BACKUPS,
    )


def _escape(value: str) -> str:
    # supervisord expands %(name)s in its values and reads the quoted value shell-style.
    return value.replace("%", "%%").replace("\\", "\\\\").replace('"', '\\"')


def _section(name: str, **options: object) -> str:
    lines = [f"[{name}]"]
    for key, value in options.items():
        if value == "":
            continue
        text = str(value).replace("%", "%%") if key not in ("environment",) else str(value)
        lines.append(f"{key}={text}")
    return "\n".join(lines) + "\n"
