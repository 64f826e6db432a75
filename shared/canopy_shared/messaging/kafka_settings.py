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
    # The embedded broker keeps its log in memory: relays watch its epoch and re-drive what a
    # restart lost (broker_epoch.py). Production Kafka keeps its log: off, at no cost.
    broker_epochs: bool = False
    # How long published outbox rows are kept (re-driven after a broker loss, then pruned).
    outbox_window_s: int = 900

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> KafkaSettings:
        return cls(
            bootstrap_servers=env_str("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092", environ=environ),
            max_poll_interval_ms=env_int("KAFKA_MAX_POLL_INTERVAL_MS", 10_000, environ=environ),
            session_timeout_ms=env_int("KAFKA_SESSION_TIMEOUT_MS", 6_000, environ=environ),
            heartbeat_interval_ms=env_int("KAFKA_HEARTBEAT_INTERVAL_MS", 1_000, environ=environ),
            broker_epochs=env_str("KAFKA_BROKER_EPOCHS", "0", environ=environ) == "1",
            outbox_window_s=env_int("OUTBOX_WINDOW_S", 900, environ=environ),
        )
