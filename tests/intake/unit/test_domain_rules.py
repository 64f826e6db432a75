"""The rules that need no database: scales, the content fingerprint, time, read scopes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from canopy_intake.domain.actors import Actor
from canopy_intake.domain.rubric import indicators_of, rating_problems
from canopy_intake.domain.scope import ReadScope, read_scope
from canopy_intake.domain.submission import fingerprint, future_problem
from canopy_shared.errors import NotAllowed
from tests.intake.conftest import example_sections

INDICATORS = indicators_of(example_sections())


@pytest.mark.parametrize(
    ("key", "value", "ok"),
    [
        ("engagement.on_task", 1, True),
        ("engagement.on_task", 4, True),
        ("engagement.on_task", 0, False),
        ("engagement.discourse", 0, True),
        ("engagement.discourse", 2, False),
        ("cfu.questions", 0, True),
        ("cfu.questions", 50, True),
        ("cfu.questions", 51, False),
    ],
)
def test_values_must_be_on_the_indicator_scale(key: str, value: int, ok: bool) -> None:
    assert INDICATORS[key].accepts(value) is ok


def test_rating_only_the_required_indicator_is_enough() -> None:
    assert rating_problems(INDICATORS, [{"indicator_key": "engagement.on_task", "value": 2}]) == []


def test_the_fingerprint_ignores_rating_order_and_empty_notes_but_not_values_or_sender() -> None:
    ratings = [
        {"indicator_key": "a", "value": 1},
        {"indicator_key": "b", "value": 2},
    ]
    base = {"observation_id": "x", "ratings": ratings, "notes": None}
    same = {**base, "ratings": ratings[::-1], "notes": {"overall": "", "by_indicator": {}}}
    assert fingerprint(base, "o1") == fingerprint(same, "o1")
    assert fingerprint(base, "o1") != fingerprint(base, "o2")
    changed = {**base, "ratings": [{"indicator_key": "a", "value": 2}, ratings[1]]}
    assert fingerprint(base, "o1") != fingerprint(changed, "o1")


def test_observed_at_allows_small_clock_drift_but_not_the_future() -> None:
    now = datetime(2026, 9, 14, 14, 30, tzinfo=UTC)
    assert future_problem("2026-09-14T09:33:00-05:00", now) is None  # 3 minutes "ahead"
    assert future_problem("2026-09-14T09:40:00-05:00", now) is not None


def test_read_scopes_by_role() -> None:
    def actor(role: str, **kw: str) -> Actor:
        return Actor(subject="u", role=role, org_tier="school", org_id="s", district_id="d", **kw)

    assert read_scope(actor("school_admin")) == ReadScope(district_id="d", school_id="s")
    assert read_scope(actor("observer")) == ReadScope(observer_id="u")
    teacher = read_scope(actor("teacher", teacher_id="t"))
    assert teacher == ReadScope(district_id="d", teacher_id="t", shared_only=True)
    with pytest.raises(NotAllowed):
        read_scope(actor("region_admin"))
