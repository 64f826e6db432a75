"""Export settings, read once from the environment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from canopy_shared.settings import SettingsError, env_float, env_str


@dataclass(frozen=True)
class ExportSettings:
    # Export files live under <directory>/<export id>/. Always absolute: a relative directory
    # would be written against the working directory but served (`send_file`) against the app
    # package, so every download of a plain `make run` answered 500.
    directory: Path
    # How often the scheduler looks for due partner snapshots and unsent outbox rows.
    scheduler_interval_s: float = 60.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ExportSettings:
        var_dir = env_str("CANOPY_VAR_DIR", "var", environ=environ)
        directory = env_str("ANALYTICS_EXPORT_DIR", f"{var_dir}/exports", environ=environ)
        interval = env_float("ANALYTICS_EXPORT_SCHEDULER_SECONDS", 60.0, environ=environ)
        if interval <= 0:
            raise SettingsError(
                f"environment variable ANALYTICS_EXPORT_SCHEDULER_SECONDS must be positive, "
                f"got {interval}"
            )
        return cls(directory=Path(directory), scheduler_interval_s=interval)

    def __post_init__(self) -> None:
        # Resolved once, here: against the working directory the process started in.
        object.__setattr__(self, "directory", self.directory.resolve())
