"""Observation intake settings, read once from the environment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from canopy_intake import SERVICE_NAME
from canopy_shared.runtime.service_settings import CommonSettings


@dataclass(frozen=True)
class Settings:
    common: CommonSettings

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        return cls(common=CommonSettings.from_env(SERVICE_NAME, environ))
