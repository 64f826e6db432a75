"""Template distribution settings, read once from the environment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from canopy_shared.runtime.service_settings import CommonSettings
from canopy_templates import SERVICE_NAME


@dataclass(frozen=True)
class Settings:
    common: CommonSettings

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        return cls(common=CommonSettings.from_env(SERVICE_NAME, environ))
