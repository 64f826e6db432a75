"""The set-up checklist reads the district's state: each step done or not, the next one first
among the required steps, the region connection never blocking a standalone district."""

from __future__ import annotations

from canopy_tenancy.domain.setup import DistrictState, SetupStep, checklist, next_step

NEW = DistrictState(
    schools=0, teachers=0, applied_imports=0, staff=0, schools_with_observer=0, connection="none"
)


def _done(state: DistrictState) -> dict[str, bool]:
    return {item.key.value: item.done for item in checklist(state)}


def test_a_new_district_starts_with_its_schools() -> None:
    assert not any(_done(NEW).values())
    assert next_step(checklist(NEW)) == SetupStep.SCHOOLS


def test_every_school_needs_an_observer_before_that_step_is_done() -> None:
    state = DistrictState(
        schools=3, teachers=40, applied_imports=1, staff=2, schools_with_observer=2,
        connection="none",
    )  # fmt: skip
    assert _done(state)["observers"] is False
    assert next_step(checklist(state)) == SetupStep.OBSERVERS


def test_the_connection_is_optional_and_comes_last() -> None:
    state = DistrictState(
        schools=3, teachers=40, applied_imports=1, staff=4, schools_with_observer=3,
        connection="invited",
    )  # fmt: skip
    items = checklist(state)
    assert next_step(items) == SetupStep.CONNECTION
    assert [i.optional for i in items] == [False, False, False, False, True]
    assert "invitation waits" in items[-1].detail
    connected = DistrictState(**{**state.__dict__, "connection": "active"})
    assert next_step(checklist(connected)) is None
