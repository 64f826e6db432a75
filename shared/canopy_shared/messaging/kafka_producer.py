"""The kafka-python producer every service uses, and its partitioner.

Keyed partitioning must stay kafka's murmur2 (the Java client's, so any producer of a topic puts
one key on the same partition), but kafka-python computes it in pure Python for every record.
Our keys are few and repeat (a district id per walkthrough), so the hash is remembered per key.
"""

from __future__ import annotations

import functools
import random
from typing import Any

from kafka import KafkaProducer
from kafka.partitioner.default import DefaultPartitioner, murmur2

from canopy_shared.messaging.kafka_settings import KafkaSettings

# One batch per partition carries a whole polled batch of ~1 KB messages (500 by default) in one
# produce request; kafka-python's default (16 KB) cut it into ~30, each waking the sender.
BATCH_BYTES = 1_048_576


# Not longer: records sent while a consumer still works on its batch overlap the broker's work
# with ours. Lingering until the batch's flush instead (1 s) spared the sender thread's wake-ups
# but halved the anonymizer's rate: the flush then waited for all of it (issue #17, A/B).
LINGER_MS = 5


@functools.lru_cache(maxsize=65_536)
def _key_hash(key: bytes) -> int:
    return int(murmur2(key)) & 0x7FFFFFFF


# kafka-python is untyped: its partitioner base is Any (an error under --strict only).
class CachedKeyPartitioner(DefaultPartitioner):  # type: ignore[misc, unused-ignore]
    """kafka's default partitioning (murmur2 of the key; random without one), hash cached."""

    def partition(
        self,
        topic: str,
        key: Any,
        serialized_key: bytes | None,
        value: Any,
        serialized_value: Any,
        cluster: Any,
    ) -> int:
        partitions = sorted(cluster.partitions_for_topic(topic) or ())
        if not partitions:
            raise ValueError(f"Topic {topic} not found in ClusterMetadata")
        if serialized_key is not None:
            return int(partitions[_key_hash(bytes(serialized_key)) % len(partitions)])
        available = list(cluster.available_partitions_for_topic(topic))
        return int(random.choice(available or partitions))


def build_producer(
    settings: KafkaSettings, *, client_id: str, linger_ms: int = LINGER_MS
) -> KafkaProducer:
    """A producer acknowledged by every in-sync replica, that never creates topics (they come
    from the registry, topics_admin)."""
    return KafkaProducer(
        bootstrap_servers=settings.bootstrap_servers,
        client_id=client_id,
        acks="all",
        linger_ms=linger_ms,
        batch_size=BATCH_BYTES,
        retries=5,
        partitioner=CachedKeyPartitioner(),
        allow_auto_create_topics=False,
    )
