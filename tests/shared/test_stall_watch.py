"""The stall watch's rule: a loop is stalled only when it has been quiet for `stall_s` and, at
two looks half that apart, a message waited at an unmoved committed offset. (A wedged consumer
on the real broker: test_consumer_loop_stall.py.)"""

from __future__ import annotations

from collections.abc import Iterable

from kafka.structs import TopicPartition

from canopy_shared.messaging.stall_watch import Backlog, StallWatch

P0 = TopicPartition("tenancy.events.v1", 0)
P1 = TopicPartition("tenancy.events.v1", 1)
TOPICS = ["tenancy.events.v1"]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class ScriptedBacklog:
    """What GroupBacklog.waiting would read at each look: committed offsets where a message
    waits ({} when none does, None when the broker could not say)."""

    def __init__(self, *looks: Backlog) -> None:
        self.looks = list(looks)
        self.asked = 0

    def waiting(self, topics: Iterable[str]) -> Backlog:
        assert list(topics) == TOPICS
        self.asked += 1
        return self.looks.pop(0) if len(self.looks) > 1 else self.looks[0]

    def close(self) -> None:
        pass


def _watch(backlog: ScriptedBacklog, clock: Clock) -> StallWatch:
    return StallWatch(backlog, stall_s=30, clock=clock)


def _stalled_after(watch: StallWatch, clock: Clock, seconds: float, *, step: float = 1) -> bool:
    """Advance the clock `step` at a time, as a loop's polls would, until stalled or `seconds`."""
    for _ in range(int(seconds / step)):
        clock.now += step
        if watch.stalled(TOPICS):
            return True
    return False


def test_a_message_waiting_at_an_unmoved_offset_for_the_whole_stall_is_a_stall() -> None:
    clock = Clock()
    watch = _watch(ScriptedBacklog({P0: 7}), clock)
    assert not _stalled_after(watch, clock, 29)
    assert _stalled_after(watch, clock, 2)


def test_a_quiet_loop_with_nothing_waiting_is_never_stalled() -> None:
    clock = Clock()
    backlog = ScriptedBacklog({})
    watch = _watch(backlog, clock)
    assert not _stalled_after(watch, clock, 600)
    assert backlog.asked == 600 // 15  # one look every stall_s / 2, not one per poll


def test_a_group_working_through_its_backlog_is_not_stalled() -> None:
    """Another member owns the partitions and commits: offsets move between looks."""
    clock = Clock()
    watch = _watch(ScriptedBacklog(*({P0: offset} for offset in range(0, 4000, 100))), clock)
    assert not _stalled_after(watch, clock, 600)


def test_one_partition_stuck_while_another_moves_is_a_stall() -> None:
    clock = Clock()
    watch = _watch(ScriptedBacklog({P0: 5, P1: 10}, {P0: 5, P1: 90}), clock)
    assert _stalled_after(watch, clock, 31)


def test_reading_or_committing_restarts_the_count() -> None:
    clock = Clock()
    watch = _watch(ScriptedBacklog({P0: 7}), clock)
    assert not _stalled_after(watch, clock, 25)
    watch.progressed()
    assert not _stalled_after(watch, clock, 29)
    assert _stalled_after(watch, clock, 2)


def test_a_broker_that_cannot_say_gives_no_verdict() -> None:
    clock = Clock()
    watch = _watch(ScriptedBacklog(None), clock)
    assert not _stalled_after(watch, clock, 600)
