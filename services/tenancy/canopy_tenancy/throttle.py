"""The sign-in throttle: failures allowed, then lockouts that double up to a cap. No I/O."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ThrottlePolicy:
    free_failures: int = 5  # failures allowed before the first lockout
    base_lock_s: int = 2  # the first lockout; each further failure doubles it
    max_lock_s: int = 900
    forget_after: timedelta = timedelta(hours=24)  # a quiet key starts over

    def lockout(self, failures: int) -> timedelta:
        if failures < self.free_failures:
            return timedelta(0)
        exponent = min(failures - self.free_failures, 30)
        return timedelta(seconds=min(self.base_lock_s * 2**exponent, self.max_lock_s))


@dataclass(frozen=True)
class FailureRecord:
    key: str  # a digest of email + client address: the table never holds an email
    failures: int
    locked_until: datetime | None
    last_failure_at: datetime

    def retry_after_s(self, now: datetime) -> int:
        if self.locked_until is None or self.locked_until <= now:
            return 0
        return max(1, math.ceil((self.locked_until - now).total_seconds()))

    def after_failure(self, now: datetime, policy: ThrottlePolicy) -> FailureRecord:
        failures = 1 if now - self.last_failure_at > policy.forget_after else self.failures + 1
        lock = policy.lockout(failures)
        return FailureRecord(self.key, failures, now + lock if lock else None, now)


def first_failure(key: str, now: datetime, policy: ThrottlePolicy) -> FailureRecord:
    lock = policy.lockout(1)
    return FailureRecord(key, 1, now + lock if lock else None, now)
