"""Micro-benchmark (not a test): messages/s of the bus contract check, marshmallow vs the fast
check, for the hot topics' committed examples (issue #17).

    .venv/bin/python tests/contracts/bench_contract_check.py [rounds]
    py-spy record -f raw -o before.txt -- .venv/bin/python \
        tests/contracts/bench_contract_check.py --only marshmallow  # or --only fast: a profile

Both run interleaved, round after round, on the same message; the best round of each counts (on
a shared machine the best round is the one least disturbed by other work), in CPU time of this
process. The load average is printed with the figures: read the ratio, not the absolute rates.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from importlib.resources import files
from typing import Any

from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED, OBSERVATIONS_RAW, Topic
from canopy_shared.contracts.envelope import schema_instance

EXAMPLES = files("canopy_shared.contracts") / "examples"
PER_ROUND = 500


def rate(check: Callable[[], Any]) -> float:
    started = time.process_time()
    for _ in range(PER_ROUND):
        check()
    return PER_ROUND / (time.process_time() - started)


def measure(topic: Topic, message: dict[str, Any], strict: bool, rounds: int) -> tuple[float, ...]:
    marshmallow = schema_instance(topic.schema)
    before = after = 0.0
    for _ in range(rounds):  # interleaved: both see the same moments of load
        before = max(before, rate(lambda: marshmallow.validate_message(message, strict=strict)))
        after = max(after, rate(lambda: topic.validate(message, strict=strict)))
    return before, after, after / before


def profile_driver(only: str, seconds: float = 15.0) -> None:
    """The anonymizer's two checks per message (raw in lenient, anonymized out strict), by one
    path only, for py-spy to sample."""
    raw, anonymized = (example(t) for t in (OBSERVATIONS_RAW, OBSERVATIONS_ANONYMIZED))
    raw_in, anonymized_out = OBSERVATIONS_RAW.validate, OBSERVATIONS_ANONYMIZED.validate
    if only == "marshmallow":
        raw_in = schema_instance(OBSERVATIONS_RAW.schema).validate_message
        anonymized_out = schema_instance(OBSERVATIONS_ANONYMIZED.schema).validate_message
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for _ in range(PER_ROUND):
            raw_in(raw, strict=False)
            anonymized_out(anonymized, strict=True)


def example(topic: Topic) -> dict[str, Any]:
    message: dict[str, Any] = json.loads((EXAMPLES / f"{topic.name}.json").read_text())[0]
    return message


def main() -> None:
    if sys.argv[1:2] == ["--only"]:
        profile_driver(sys.argv[2])
        return
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    load = os.getloadavg()[0]
    print(f"contract check, messages/s (best of {rounds} x {PER_ROUND}), load average {load:.1f}")
    print(f"{'topic':28} {'mode':8} {'marshmallow':>12} {'fast':>10} {'ratio':>7}")
    for topic in (OBSERVATIONS_RAW, OBSERVATIONS_ANONYMIZED):
        message = example(topic)
        for strict in (True, False):
            before, after, ratio = measure(topic, message, strict, rounds)
            mode = "strict" if strict else "lenient"
            print(f"{topic.name:28} {mode:8} {before:12,.0f} {after:10,.0f} {ratio:6.1f}x")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
