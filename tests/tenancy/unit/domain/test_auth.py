"""The sign-in throttle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from canopy_tenancy.domain.auth import ThrottlePolicy, first_failure

NOW = datetime(2026, 8, 3, 14, 0, tzinfo=UTC)


def test_lockouts_start_after_the_free_failures_double_and_are_capped() -> None:
    policy = ThrottlePolicy(free_failures=3, base_lock_s=2, max_lock_s=60)
    assert [policy.lockout(n).total_seconds() for n in range(1, 9)] == [0, 0, 2, 4, 8, 16, 32, 60]


def test_a_quiet_key_starts_over() -> None:
    policy = ThrottlePolicy(free_failures=2)
    record = first_failure("k", NOW, policy).after_failure(NOW, policy)
    assert record.failures == 2 and record.retry_after_s(NOW) == 2
    later = record.after_failure(NOW + timedelta(days=2), policy)
    assert later.failures == 1 and later.locked_until is None
