"""Phase 1p (issue #17): the parts ceiling, one rung at a time (`parts_app`), under the same wrk
loads as intake: how fast a walkthrough POST built from intake's parts alone can be on this
machine, and which part costs what. Rung 1 is phase 1's framework ceiling; the rungs run while
the system is idle, as the ceilings do."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import parts_app

Serve = Callable[[dict[str, str]], AbstractContextManager[str]]
Load = Callable[[str, bool], dict[str, Any]]


def measure(jwks_url: str, serve: Serve, load: Load, log: Callable[[str], None]) -> dict[str, Any]:
    """{rung: single-POST result} for rungs 2-5, and "batch": rung 5's batch sync.

    `serve(env)` runs `parts_app:app` under gunicorn with `env` and yields its URL; `load(url,
    batch)` is the bench's HTTP load."""
    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="canopy-parts-") as folder:
        for rung in range(parts_app.TRACING, parts_app.DATABASE + 1):
            env = {
                "CANOPY_PARTS": str(rung),
                "TENANCY_JWKS_URL": jwks_url,
                "CANOPY_PARTS_DATABASE": parts_app.prepare_database(
                    str(Path(folder) / f"{rung}.db")
                ),
            }
            with serve(env) as url:
                log(f"1p. parts ceiling, rung {rung}: {parts_app.RUNGS[rung]}")
                # the rung's part, short, for the printed table ("+ tracing")
                found[str(rung)] = {
                    "label": parts_app.RUNGS[rung].split(":")[0],
                    **load(url, False),
                }
                if rung == parts_app.DATABASE:
                    log("2p. parts ceiling, every part: 200-walkthrough batches")
                    found["batch"] = load(url, True)
    return found
