"""One wiring style for every service.

Each service's `bootstrap.py` is its composition root: it builds one frozen dataclass of
dependencies (unit-of-work factory, publisher, clock, stores…) per process, after any fork. The
app factory installs that object once; views read it back, typed, with `current_dependencies`.
Consumers and commands get the same object from the same bootstrap function, so HTTP and the bus
call the same use cases with the same adapters.
"""

from __future__ import annotations

from typing import TypeVar

from flask import Flask, current_app

_KEY = "canopy.dependencies"

T = TypeVar("T")


def install_dependencies(app: Flask, dependencies: object) -> None:
    app.extensions[_KEY] = dependencies


def current_dependencies(kind: type[T]) -> T:
    """The dependencies the running app was built with; `kind` is the service's own dataclass."""
    found = current_app.extensions.get(_KEY)
    if not isinstance(found, kind):
        raise RuntimeError(f"this app was built without {kind.__name__} (see its bootstrap.py)")
    return found
