"""`python -m canopy_shared.runtime.create_topics`: create every registered topic (idempotent).

The one-shot `topics` container of docker-compose.yml runs this before any service starts; the
embedded launcher calls `ensure_topics` itself. Reads KAFKA_BOOTSTRAP_SERVERS.
"""

from __future__ import annotations

from canopy_shared.contracts import ALL_TOPICS
from canopy_shared.messaging.kafka_settings import KafkaSettings
from canopy_shared.messaging.topics_admin import ensure_topics


def main() -> None:
    settings = KafkaSettings.from_env()
    created = ensure_topics(settings.bootstrap_servers)
    partitions = {t.name: t.partitions for t in ALL_TOPICS}
    for name in created:
        print(f"created topic {name} ({partitions[name]} partitions)")
    print(
        f"{len(created)} topic(s) created, {len(ALL_TOPICS) - len(created)} already present "
        f"on {settings.bootstrap_servers}"
    )


if __name__ == "__main__":
    main()
