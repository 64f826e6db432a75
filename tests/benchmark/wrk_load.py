"""Drive an HTTP endpoint with wrk (a C load generator, Debian's `wrk`) so the figures measure the
server, not a Python client sharing its two cores. Each request is a fresh, valid walkthrough
with its own id and a real observer token (wrk/walkthroughs.lua); the same bodies drive the
framework ceiling app, so the ratio compares like with like."""

from __future__ import annotations

import itertools
import json
import os
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).parent / "wrk" / "walkthroughs.lua"
ID_MARK = "00000000-0000-4000-8000-000000000000"
RESULT_MARK = "WRK_RESULT "


def available() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(
    base_url: str,
    bodies: Iterable[tuple[str, dict[str, Any]]],
    *,
    seconds: float,
    path: str = "/v1/walkthroughs",
    connections: int = 16,
    threads: int = 2,
    distinct: int = 2000,
) -> dict[str, Any]:
    """Load `base_url + path` for `seconds` with (token, body) pairs, single walkthroughs or
    `{"walkthroughs": [...]}` batches; the same summary keys as loadgen.LoadResult (for a batch,
    `items` counts walkthroughs in 2xx answers)."""
    pairs = list(itertools.islice(bodies, distinct))
    per_request = len(pairs[0][1].get("walkthroughs", [None]))
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "walkthroughs_data.lua"
        data.write_text(_lua_data(path, pairs))
        command = [
            "wrk",
            f"--threads={threads}",
            f"--connections={connections}",
            f"--duration={max(1, round(seconds))}s",
            "--timeout=10s",
            f"--script={SCRIPT}",
            base_url,
        ]
        done = subprocess.run(
            command,
            env={**os.environ, "CANOPY_WRK_DATA": str(data)},
            capture_output=True,
            text=True,
        )
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    return summary(_result_line(done.stdout), per_request=per_request)


def summary(raw: dict[str, Any], *, per_request: int = 1) -> dict[str, Any]:
    seconds = raw["duration_us"] / 1e6
    statuses = {str(k): v for k, v in sorted(raw["statuses"].items())}
    answered = sum(n for status, n in statuses.items() if status.startswith("2"))
    # A walkthrough intake already had answers 200 (a batch item: "unchanged"), not 201: it
    # stores and sends nothing new, so it is counted apart from the created ones. A batch's
    # answer counts its created items itself (batches need not all be the same size).
    if per_request > 1:
        unchanged, created = raw.get("unchanged_items", 0), raw["created_items"]
    else:
        unchanged = statuses.get("200", 0)
        created = answered - raw["rejected_items"] - unchanged
    return {
        "generator": "wrk",
        "seconds": round(seconds, 2),
        "requests": raw["requests"],
        "items": created,
        "errors": raw["socket_errors"] + raw["requests"] - answered,
        "rejected_items": raw["rejected_items"],
        "unchanged_items": unchanged,
        "statuses": statuses,
        "requests_per_s": round(raw["requests"] / seconds, 1),
        "items_per_s": round(created / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
    }


def _lua_data(path: str, bodies: Iterable[tuple[str, dict[str, Any]]]) -> str:
    items = []
    for token, body in bodies:
        parts = json.dumps(_marked(body), separators=(",", ":")).split(ID_MARK)
        items.append(f"{{token={_lua(token)},parts={{{','.join(map(_lua, parts))}}}}}")
    seed, batch = secrets.randbits(31), "true" if path.endswith("/batch") else "false"
    return f"return {{path={_lua(path)},seed={seed},batch={batch},items={{{','.join(items)}}}}}\n"


def _marked(body: dict[str, Any]) -> dict[str, Any]:
    """The body with every walkthrough id replaced by the mark wrk fills with a fresh id."""
    if "walkthroughs" in body:
        return {**body, "walkthroughs": [_marked(w) for w in body["walkthroughs"]]}
    return {**body, "observation_id": ID_MARK}


def _lua(text: str) -> str:
    """A Lua long-bracket string literal that cannot be closed by the text itself."""
    level = "=" * next(n for n in itertools.count() if f"]{'=' * n}]" not in text)
    return f"[{level}[{text}]{level}]"


def _result_line(stdout: str) -> dict[str, Any]:
    for line in stdout.splitlines():
        if line.startswith(RESULT_MARK):
            parsed: dict[str, Any] = json.loads(line[len(RESULT_MARK) :])
            return parsed
    raise RuntimeError(f"wrk printed no result line:\n{stdout}")
