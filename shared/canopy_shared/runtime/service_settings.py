"""Settings every service reads, with the same environment names in dev and production."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from canopy_shared.messaging.kafka_settings import KafkaSettings
from canopy_shared.settings import default_database_url, env_str


@dataclass(frozen=True)
class CommonSettings:
    service_name: str
    database_url: str
    jwks_url: str
    kafka: KafkaSettings

    @classmethod
    def from_env(
        cls, service_name: str, environ: Mapping[str, str] | None = None
    ) -> CommonSettings:
        return cls(
            service_name=service_name,
            database_url=env_str(
                "DATABASE_URL", default_database_url(service_name, environ), environ=environ
            ),
            jwks_url=env_str(
                "TENANCY_JWKS_URL", "http://127.0.0.1:8001/.well-known/jwks.json", environ=environ
            ),
            kafka=KafkaSettings.from_env(environ),
        )
