"""Reading settings from the environment once, with clear errors at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def env_str(
    name: str, default: str | None = None, *, environ: Mapping[str, str] | None = None
) -> str:
    value = (environ if environ is not None else os.environ).get(name, default)
    if value is None or value == "":
        raise SettingsError(f"environment variable {name} is required")
    return value


def env_int(name: str, default: int, *, environ: Mapping[str, str] | None = None) -> int:
    raw = env_str(name, str(default), environ=environ)
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(
            f"environment variable {name} must be an integer, got {raw!r}"
        ) from None


def env_float(name: str, default: float, *, environ: Mapping[str, str] | None = None) -> float:
    raw = env_str(name, str(default), environ=environ)
    try:
        return float(raw)
    except ValueError:
        raise SettingsError(f"environment variable {name} must be a number, got {raw!r}") from None


def default_database_url(service_name: str, environ: Mapping[str, str] | None = None) -> str:
    """SQLite file under the embedded runtime's var/ directory."""
    var_dir = env_str("CANOPY_VAR_DIR", "var", environ=environ)
    return f"sqlite:///{var_dir}/{service_name}.db"
