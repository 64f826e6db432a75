"""When the outbox relay goes round again at once and when it waits (issue #17): a backlog is
published in full batches back to back; a caught-up relay waits as an idle one does, instead
of spending a cycle (two write transactions, a broker round trip) on every few new rows."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import MetaData

from canopy_shared.messaging.outbox import define_outbox_table
from canopy_shared.messaging.relay import IDLE_WAIT_S, OutboxRelay

BATCH = 500


class ScriptedStop:
    """A stop event that ends the loop once the scripted cycles are used, recording waits."""

    def __init__(self, cycles: int) -> None:
        self.cycles = cycles
        self.cycle = -1  # the index of the cycle last run
        self.waits: dict[int, float] = {}  # cycle index -> seconds waited after it

    def is_set(self) -> bool:
        return self.cycle + 1 >= self.cycles

    def wait(self, seconds: float) -> bool:
        self.waits[self.cycle] = seconds
        return False


def _relay_publishing(counts: list[int], stop: ScriptedStop) -> OutboxRelay:
    relay = OutboxRelay(
        sessions=None,  # type: ignore[arg-type]  # run_once and maintain are scripted
        table=define_outbox_table(MetaData()),
        publisher=None,  # type: ignore[arg-type]
        batch_size=BATCH,
    )
    published: Iterator[int] = iter(counts)

    def run_once() -> int:
        stop.cycle += 1
        return next(published)

    relay.run_once = run_once  # type: ignore[method-assign]
    relay.maintain = lambda: 0  # type: ignore[method-assign]
    return relay


def test_full_batches_go_back_to_back_and_a_part_batch_waits_like_idle() -> None:
    counts = [BATCH, BATCH, 37, 0, 1]
    stop = ScriptedStop(len(counts))
    _relay_publishing(counts, stop).run(stop)  # type: ignore[arg-type]
    # After the part batch, the empty look and the single row; not after the full batches.
    assert stop.waits == {2: IDLE_WAIT_S, 3: IDLE_WAIT_S, 4: IDLE_WAIT_S}
