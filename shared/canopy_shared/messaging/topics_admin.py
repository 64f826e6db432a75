"""Creating the registry's topics on a broker (idempotent), used by the launcher and tests."""

from __future__ import annotations

from contextlib import suppress

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from canopy_shared.contracts import ALL_TOPICS, Topic
from canopy_shared.runtime.broker import wait_for_port


def connect_admin(bootstrap_servers: str, *, wait_s: float = 30.0) -> KafkaAdminClient:
    host, _, port = bootstrap_servers.split(",")[0].rpartition(":")
    wait_for_port(host, int(port), timeout_s=wait_s)
    return KafkaAdminClient(bootstrap_servers=bootstrap_servers, client_id="canopy-admin")


def ensure_topics(bootstrap_servers: str, topics: tuple[Topic, ...] = ALL_TOPICS) -> list[str]:
    """Create every missing topic with its registered partition count; return those created."""
    admin = connect_admin(bootstrap_servers)
    try:
        existing = set(admin.list_topics())
        missing = [t for t in topics if t.name not in existing]
        for t in missing:
            with suppress(TopicAlreadyExistsError):  # another launcher won the race
                admin.create_topics([NewTopic(t.name, t.partitions, 1)])
        return [t.name for t in missing]
    finally:
        admin.close()
