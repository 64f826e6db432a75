"""What the end-to-end tests share: one running system (started as `make run` starts it, without
the demo seed), a NetworkBuilder that drives its public APIs as the demo seed does, and a
bounded wait for what the bus propagates between services."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from canopy_shared.demo.__main__ import cli_bootstrapper, services_of
from canopy_shared.demo.network import NetworkBuilder, Services
from canopy_shared.testing.system import RunningSystem, running_system

T = TypeVar("T")


@dataclass
class Live:
    system: RunningSystem
    services: Services
    builder: NetworkBuilder


@contextmanager
def live_system(var_dir: Path) -> Iterator[Live]:
    password = "e2e-" + secrets.token_urlsafe(12)
    with running_system(var_dir, demo=False) as system:
        services = services_of(system.config)
        bootstrap = cli_bootstrapper(system.config, password)
        yield Live(system, services, NetworkBuilder(services, bootstrap, password=password))


def until(probe: Callable[[], T | None], *, what: str, timeout_s: float = 90.0) -> T:
    """The first truthy answer of `probe`, polled until a deadline: for effects that reach
    another service through the bus. Fails naming what never happened and the last answer."""
    deadline = time.monotonic() + timeout_s
    while True:
        answer = probe()
        if answer:
            return answer
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout_s}s (last answer: {answer!r})")
        time.sleep(0.25)
