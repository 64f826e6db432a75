"""Connection transitions and the sign-in throttle."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from canopy_shared.errors import Conflicting, Invalid
from canopy_tenancy.domain.auth import ThrottlePolicy, first_failure
from canopy_tenancy.domain.connections import Connection, ConnectionStatus, check_can_invite
from canopy_tenancy.domain.orgs import District

NOW = datetime(2026, 8, 3, 14, 0, tzinfo=UTC)


def invited() -> Connection:
    return Connection("c", "r1", "d", ConnectionStatus.INVITED, "text", "v1", "ra", NOW)


def test_accepting_records_who_and_when_for_the_invited_version_only() -> None:
    with pytest.raises(Invalid) as refused:
        invited().accept(by="da", at=NOW, agreement_version="v0")
    assert refused.value.field == "agreement_version"
    active = invited().accept(by="da", at=NOW, agreement_version="v1")
    assert (active.status, active.responded_by, active.responded_at) == ("active", "da", NOW)


def test_only_an_active_connection_disconnects_and_only_an_invitation_is_answered() -> None:
    with pytest.raises(Conflicting):
        invited().disconnect(by="da", at=NOW)
    ended = invited().accept(by="da", at=NOW, agreement_version="v1").disconnect(by="ra", at=NOW)
    assert ended.status == ConnectionStatus.ENDED and ended.ended_by == "ra"
    for answer in (ended.decline, ended.withdraw):
        with pytest.raises(Conflicting):
            answer(by="x", at=NOW)


def test_a_district_in_another_region_cannot_be_invited() -> None:
    district = District("d", "D", "r2", NOW, NOW)
    with pytest.raises(Conflicting, match="another region"):
        check_can_invite(district, [], "r1")
    standalone = District("d", "D", None, NOW, NOW)
    with pytest.raises(Conflicting, match="open invitation"):
        check_can_invite(standalone, [invited()], "r1")
    check_can_invite(standalone, [invited()], "r2")


def test_lockouts_start_after_the_free_failures_double_and_are_capped() -> None:
    policy = ThrottlePolicy(free_failures=3, base_lock_s=2, max_lock_s=60)
    assert [policy.lockout(n).total_seconds() for n in range(1, 9)] == [0, 0, 2, 4, 8, 16, 32, 60]


def test_a_quiet_key_starts_over() -> None:
    policy = ThrottlePolicy(free_failures=2)
    record = first_failure("k", NOW, policy).after_failure(NOW, policy)
    assert record.failures == 2 and record.retry_after_s(NOW) == 2
    later = record.after_failure(NOW + timedelta(days=2), policy)
    assert later.failures == 1 and later.locked_until is None
