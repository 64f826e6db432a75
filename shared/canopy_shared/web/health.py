"""`/healthz` (the process is up) and `/readyz` (its dependencies answer)."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Mapping

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

ReadinessCheck = Callable[[], None]  # raises when not ready


def health_blueprint(checks: Mapping[str, ReadinessCheck]) -> Blueprint:
    bp = Blueprint("health", __name__)

    @bp.get("/healthz")
    def healthz() -> ResponseReturnValue:
        return jsonify(status="ok")

    @bp.get("/readyz")
    def readyz() -> ResponseReturnValue:
        results: dict[str, str] = {}
        for name, check in checks.items():
            try:
                check()
                results[name] = "ok"
            except Exception as err:  # noqa: BLE001 - any failure means not ready, with why
                results[name] = f"failed: {err}"
        ready = all(v == "ok" for v in results.values())
        return jsonify(status="ready" if ready else "not_ready", checks=results), (
            200 if ready else 503
        )

    return bp


def broker_check(bootstrap_servers: str, *, cache_s: float = 2.0) -> ReadinessCheck:
    """A check that a broker accepts TCP connections (cached briefly: probes are frequent)."""
    last_ok = [0.0]

    def check() -> None:
        if time.monotonic() - last_ok[0] < cache_s:
            return
        errors = []
        for address in bootstrap_servers.split(","):
            host, _, port = address.strip().rpartition(":")
            try:
                socket.create_connection((host, int(port)), timeout=1.0).close()
                last_ok[0] = time.monotonic()
                return
            except OSError as err:
                errors.append(f"{address}: {err}")
        raise ConnectionError("; ".join(errors))

    return check
