"""Sign-in rules: one refusal for every wrong credential, the password policy, and the
throttle (failures allowed, then lockouts that double up to a cap)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from canopy_shared.errors import Invalid, Throttled, Unauthenticated

MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH = 12, 128


class SignInFailed(Unauthenticated):
    """Wrong email or password, or a stale token: one message for every cause."""


class SignInThrottled(Throttled):
    def __init__(self, retry_after_s: int) -> None:
        super().__init__(
            f"too many failed sign-ins; try again in {retry_after_s} s",
            retry_after_s=retry_after_s,
            rule="sign-in throttle",
        )


def check_password_policy(password: str, field: str = "password") -> None:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise Invalid(
            f"a password has {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters",
            field=field,
            rule=f"length {MIN_PASSWORD_LENGTH}-{MAX_PASSWORD_LENGTH}",
        )


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
