"""What the load generator sends: single walkthroughs, or batches of them, for the bench
network. Module-level functions so spawned generator processes can unpickle them."""

from __future__ import annotations

import itertools
import random
import secrets
from collections.abc import Iterator
from functools import partial
from typing import Any

from network import BenchNetwork, walkthrough_bodies

from canopy_shared.demo.walkthroughs import walkthroughs

Request = tuple[str, str | None, Any, int]


def single(bench: BenchNetwork, seed: int) -> Iterator[Request]:
    for token, body in walkthrough_bodies(bench, seed=seed):
        yield "/v1/walkthroughs", token, body, 1


def batches(bench: BenchNetwork, size: int, seed: int) -> Iterator[Request]:
    """One school's walkthroughs per batch: an observer's offline device syncing."""
    rng = random.Random(f"batch-{seed}-{secrets.token_hex(8)}")
    while True:
        for staff in bench.staff:
            visits = -(-size // len(staff.teacher_ids))  # enough visits to fill one batch
            pairs = walkthroughs(staff, bench.form, bench.days, visits, rng)
            batch = [body for _, body in itertools.islice(pairs, size)]
            yield (
                "/v1/walkthroughs/batch",
                staff.observer_tokens[0],
                {"walkthroughs": batch},
                len(batch),
            )


def accepted_in_batch(answer: dict[str, Any]) -> int:
    return sum(r["status"] != "rejected" for r in answer["results"])


def single_workload(bench: BenchNetwork) -> partial[Iterator[Request]]:
    return partial(single, bench)


def batch_workload(bench: BenchNetwork, size: int) -> partial[Iterator[Request]]:
    return partial(batches, bench, size)
