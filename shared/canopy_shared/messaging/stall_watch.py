"""Stall watch: notices a consumer that stopped reading while its group's messages wait.

kafka-python's group membership can wedge. Seen in CI against the embedded broker (Tansu): after
a broker restart, intake's consumer joined its group, its next commit was refused for a
rebalance, and it then neither rejoined nor fetched for minutes while a new teacher's event
waited. Nothing failed, so nothing retried: intake kept refusing that teacher's walkthroughs.
The cause is inside the client and the broker; the symptom is visible from outside, and that is
what this watches, so any wedge of the kind is caught, whatever its cause:

- the loop has polled no message and committed nothing for `stall_s`, and
- at two looks `stall_s / 2` apart, a message waits at the group's committed offset of some
  partition and that offset has not moved (so no member of the group is working through it).

A loop that sees this replaces its Kafka consumer (consumer.py): a new member, a fresh join.
The looks use clients of their own, so they answer while the group's consumer is wedged.

`stall_s` is three rebalance timeouts (`max_poll_interval_ms`): a healthy member polls at least
once per timeout and a healthy join ends within one, so a quiet that long while work waits is
not a slow moment. Cost of a false alarm: one rebalance. One can happen when a group has more
members than partitions and a partition's owner keeps failing on the same message (e.g. its
database is down): an idle member then rejoins once per `stall_s` until the owner gets through.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Protocol

from kafka import KafkaAdminClient, KafkaConsumer
from kafka.errors import KafkaError
from kafka.structs import TopicPartition

from canopy_shared.messaging.kafka_settings import KafkaSettings

log = logging.getLogger(__name__)

Offsets = dict[TopicPartition, int]
# Waiting committed offsets per partition; None when the broker could not say.
Backlog = Offsets | None

# How long one look may read before it concludes nothing waits.
LOOK_S = 1.5


class BacklogSource(Protocol):
    def waiting(self, topics: Iterable[str]) -> Backlog:
        """The group's committed offset of each partition of `topics` where a message waits."""

    def close(self) -> None: ...


class StallWatch:
    def __init__(
        self,
        backlog: BacklogSource,
        *,
        stall_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._backlog = backlog
        self._stall_s = stall_s
        self._clock = clock
        self._quiet_since = clock()
        self._looked_at: float | None = None
        self._seen: Backlog = None

    @property
    def stall_s(self) -> float:
        return self._stall_s

    def progressed(self) -> None:
        """The loop polled a message or committed: it is not stalled."""
        self._quiet_since = self._clock()
        self._looked_at, self._seen = None, None

    def stalled(self, topics: Iterable[str]) -> bool:
        """Whether the loop has stalled with work waiting (looks at most every `stall_s / 2`)."""
        now, every = self._clock(), self._stall_s / 2
        if now - self._quiet_since < every:
            return False
        if self._looked_at is not None and now - self._looked_at < every:
            return False
        seen, self._seen = self._seen, self._backlog.waiting(topics)
        self._looked_at = now
        if now - self._quiet_since < self._stall_s or not seen or not self._seen:
            return False
        return any(seen.get(tp) == offset for tp, offset in self._seen.items())

    def close(self) -> None:
        self._backlog.close()


class GroupBacklog:
    """Reads where a group's work waits: its committed offsets (an admin client), and whether a
    message exists at each (a fetch by a consumer outside the group). Tansu's ListOffsets trails
    the newest batch, so the end offsets it reports cannot say whether one message waits."""

    def __init__(self, bootstrap_servers: str, group_id: str) -> None:
        self._bootstrap_servers = bootstrap_servers
        self._group_id = group_id
        self._admin: KafkaAdminClient | None = None
        self._reader: KafkaConsumer | None = None

    def waiting(self, topics: Iterable[str]) -> Backlog:
        try:
            return self._waiting(sorted(topics))
        except KafkaError as err:  # the broker is away: no verdict (the loop says so itself)
            log.debug("backlog of %s unknown: %r", self._group_id, err)
            return None

    def _waiting(self, topics: list[str]) -> Offsets:
        admin, reader = self._clients()
        committed = {
            tp: meta.offset
            for tp, meta in admin.list_group_offsets({self._group_id: None})[self._group_id].items()
        }
        partitions = [
            TopicPartition(name, index)
            for name in topics
            for index in sorted(reader.partitions_for_topic(name) or ())
        ]
        if not partitions:
            return {}
        reader.assign(partitions)
        try:
            for tp in partitions:
                reader.seek(tp, committed.get(tp, 0))
            return self._read_at(reader, partitions, committed)
        finally:
            reader.unsubscribe()  # forget positions and high watermarks until the next look

    @staticmethod
    def _read_at(
        reader: KafkaConsumer, partitions: list[TopicPartition], committed: Offsets
    ) -> Offsets:
        """Fetch once at the committed offsets: a partition waits when a message came back or
        the fetch's high watermark is past its offset."""
        deadline = time.monotonic() + LOOK_S
        while time.monotonic() < deadline:
            fetched = reader.poll(timeout_ms=100)
            if fetched:  # one fetch answers for every partition that has a message
                return {tp: committed.get(tp, 0) for tp in fetched}
            ends = {tp: reader.highwater(tp) for tp in partitions}
            if all(end is not None for end in ends.values()):
                return {
                    tp: committed.get(tp, 0)
                    for tp, end in ends.items()
                    if end is not None and end > committed.get(tp, 0)
                }
        return {}

    def _clients(self) -> tuple[KafkaAdminClient, KafkaConsumer]:
        if self._admin is None:
            self._admin = KafkaAdminClient(
                bootstrap_servers=self._bootstrap_servers,
                client_id=f"{self._group_id}-stall-watch",
                request_timeout_ms=5000,
            )
        if self._reader is None:
            self._reader = KafkaConsumer(
                bootstrap_servers=self._bootstrap_servers,
                client_id=f"{self._group_id}-stall-watch",
                group_id=None,
                enable_auto_commit=False,
                auto_offset_reset="earliest",
                request_timeout_ms=5000,
                # A look needs one message per partition, not a backlog's worth, and should not
                # hold up the loop's own polls when nothing waits.
                fetch_max_wait_ms=50,
                fetch_max_bytes=1 << 20,
                max_partition_fetch_bytes=64 << 10,
                # Asking about a topic must not create it (see broker_epoch.py).
                allow_auto_create_topics=False,
            )
        return self._admin, self._reader

    def close(self) -> None:
        for client in (self._reader, self._admin):
            if client is not None:
                client.close()
        self._admin, self._reader = None, None


def stall_watch(kafka: KafkaSettings, group_id: str) -> StallWatch:
    """The watch for a consumer loop of `group_id`, with `stall_s` from the rebalance timeout."""
    return StallWatch(
        GroupBacklog(kafka.bootstrap_servers, group_id),
        stall_s=3 * kafka.max_poll_interval_ms / 1000,
    )
