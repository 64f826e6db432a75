"""What `make run` prints once everything is ready: first where to open the web app and who to
sign in as, then the APIs for programmers, then where the logs are."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from canopy_shared.runtime.processes import SERVICES, RuntimeConfig
from canopy_shared.web.app import API_DOCS_PATH

READY_LINE = "Canopy is running"
DEMO_RECORD = "demo.json"  # written by `python -m canopy_shared.demo`


def demo_record(config: RuntimeConfig) -> dict[str, Any] | None:
    path = config.var_dir / DEMO_RECORD
    return dict(json.loads(path.read_text())) if path.is_file() else None


def banner(config: RuntimeConfig, *, web_problem: str | None, demo: dict[str, Any] | None) -> str:
    lines = ["", f"{READY_LINE}.", ""]
    if web_problem is None:
        lines.append(f"  Open {config.web_url} in your browser" + (" and sign in:" if demo else ""))
    else:
        lines.append(f"  !! The web app is not available: {web_problem}")
    if demo:
        lines += _sign_ins(demo)
    lines += ["", "  APIs (each with its API docs):"]
    for spec in SERVICES:
        url = config.url(spec.name)
        lines.append(f"    {spec.name:<22} {url}   API docs: {url}{API_DOCS_PATH}")
    lines.append(f"    {'broker (Kafka protocol)':<22} {config.bootstrap_servers}")
    lines += [
        "",
        f"  logs: {_shown(config.log_dir)}/<process>.log    data: {_shown(config.var_dir)}",
        "  stop: Ctrl-C, or `make stop` from another terminal",
    ]
    return "\n".join(lines) + "\n"


def _sign_ins(demo: dict[str, Any]) -> list[str]:
    lines = [f"    {a['role']:<16} {a['email']}" for a in _leaders_first(demo["sign_ins"])]
    lines.append(f"    password for every demo account: {demo['password']}")
    if summary := demo.get("summary"):
        lines.append(f"    demo network: {summary}")
    return lines


def _leaders_first(accounts: list[dict[str, str]]) -> list[dict[str, str]]:
    # The region leader is who the web app is built for first: put that account on top.
    order = {"region_leader": 0, "region_admin": 1}
    return sorted(accounts, key=lambda a: order.get(a["role"], 2))


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
