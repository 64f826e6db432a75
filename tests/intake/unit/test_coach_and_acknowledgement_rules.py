"""The rules a region coach observes by and a teacher acknowledges by (no database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from canopy_intake.domain.acknowledgements import (
    already_acknowledged,
    check_may_acknowledge,
    reply_text,
)
from canopy_intake.domain.actors import Actor
from canopy_intake.domain.scope import check_may_observe, read_scope
from canopy_shared.contracts.vocabulary import Role, Tier
from canopy_shared.errors import NotAllowed

COACH = Actor("coach", Role.REGION_COACH, Tier.REGION, "r1")
TEACHER = Actor("t-user", Role.TEACHER, Tier.SCHOOL, "s1", "d1", teacher_id="t1")


def test_a_coach_observes_where_assigned_in_a_district_of_their_region() -> None:
    check_may_observe(COACH, "s1", assigned=True, region_id="r1")
    for assigned, region in ((False, "r1"), (True, "r2"), (True, None)):
        with pytest.raises(NotAllowed):
            check_may_observe(COACH, "s1", assigned=assigned, region_id=region)


def test_a_coach_reads_what_they_ran() -> None:
    assert read_scope(COACH).observer_id == "coach"
    assert read_scope(COACH).district_id is None


def test_only_the_walkthroughs_teacher_acknowledges() -> None:
    check_may_acknowledge(TEACHER, teacher_id="t1")
    with pytest.raises(NotAllowed):
        check_may_acknowledge(TEACHER, teacher_id="t2")
    with pytest.raises(NotAllowed):
        check_may_acknowledge(COACH, teacher_id="t1")


def test_a_reply_is_trimmed_and_blank_means_none() -> None:
    assert reply_text("  Thanks!\n") == "Thanks!"
    assert reply_text("   ") is None
    assert reply_text(None) is None
    conflict = already_acknowledged("w1", datetime(2026, 9, 14, tzinfo=UTC))
    assert conflict.rule == "acknowledged_once" and "2026-09-14" in str(conflict)
