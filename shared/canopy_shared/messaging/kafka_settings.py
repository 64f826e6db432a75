"""Kafka client settings read from the environment (same names in dev and production)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from canopy_shared.settings import env_int, env_str


@dataclass(frozen=True)
class KafkaSettings:
    bootstrap_servers: str
    # A group join waits up to the rebalance timeout (max_poll_interval_ms) on Tansu: keep it
    # small in dev and tests or the first poll stalls (ARCHITECTURE.md section 5).
    max_poll_interval_ms: int = 10_000
    session_timeout_ms: int = 6_000
    heartbeat_interval_ms: int = 1_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> KafkaSettings:
        return cls(
            bootstrap_servers=env_str("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092", environ=environ),
            max_poll_interval_ms=env_int("KAFKA_MAX_POLL_INTERVAL_MS", 10_000, environ=environ),
            session_timeout_ms=env_int("KAFKA_SESSION_TIMEOUT_MS", 6_000, environ=environ),
            heartbeat_interval_ms=env_int("KAFKA_HEARTBEAT_INTERVAL_MS", 1_000, environ=environ),
        )
