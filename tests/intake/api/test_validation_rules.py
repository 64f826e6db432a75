"""Every validation rule, one walkthrough breaking it at a time: each is a 4xx whose body names
the field (and, for rules about the template, roster and time, the rule), and nothing is
stored or announced."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.intake.conftest import Feed, Stored, Tokens, World, new_id, walkthrough_body

Request = tuple[dict[str, Any], dict[str, str]]


@dataclass(frozen=True)
class Case:
    name: str
    status: int
    field: str
    rule: str | None  # None: a request-shape rule, reported in `fields`
    build: Callable[[Feed, World, Tokens], Request]


def body(**overrides: Any) -> Callable[[Feed, World, Tokens], Request]:
    return lambda feed, world, tokens: (
        walkthrough_body(world, **overrides),
        tokens.observer(world),
    )


def rated(*ratings: tuple[str, int]) -> list[dict[str, Any]]:
    return [{"indicator_key": key, "value": value} for key, value in ratings]


def _unknown_school(feed: Feed, world: World, tokens: Tokens) -> Request:
    return walkthrough_body(world, school_id=new_id()), tokens.observer(world)


def _unassigned_observer(feed: Feed, world: World, tokens: Tokens) -> Request:
    return walkthrough_body(world), tokens.observer(world, new_id())


def _observer_unassigned_later(feed: Feed, world: World, tokens: Tokens) -> Request:
    feed.tenancy(
        "observer.unassigned",
        user_id=world.observer_id,
        district_id=world.district_id,
        school_id=world.school_id,
    )
    return walkthrough_body(world), tokens.observer(world)


def _teacher_of_another_school(feed: Feed, world: World, tokens: Tokens) -> Request:
    other = feed.teacher(world.district_id, feed.school(world.district_id, "Oak"))
    return walkthrough_body(world, teacher_id=other), tokens.observer(world)


def _teacher_moved_away(feed: Feed, world: World, tokens: Tokens) -> Request:
    feed.tenancy(
        "teacher.moved",
        teacher_id=world.teacher_id,
        district_id=world.district_id,
        from_school_ids=[world.school_id],
        to_school_ids=[feed.school(world.district_id, "Oak")],
    )
    return walkthrough_body(world), tokens.observer(world)


def _teacher_removed(feed: Feed, world: World, tokens: Tokens) -> Request:
    feed.tenancy("teacher.removed", teacher_id=world.teacher_id, district_id=world.district_id)
    return walkthrough_body(world), tokens.observer(world)


def _version_not_pushed_here(feed: Feed, world: World, tokens: Tokens) -> Request:
    version_id = feed.publish(world.district_id)
    return walkthrough_body(world, template_version_id=version_id), tokens.observer(world)


def _version_retired(feed: Feed, world: World, tokens: Tokens) -> Request:
    feed.templates(
        "template.retired",
        template_id=world.template_id,
        version_id=world.version_id,
        owner_type="district",
        owner_id=world.district_id,
        retired_at="2026-09-01T00:00:00+00:00",
    )
    return walkthrough_body(world), tokens.observer(world)


def _push_revoked(feed: Feed, world: World, tokens: Tokens) -> Request:
    feed.templates(
        "template.assignment_revoked",
        assignment_id=world.assignment_id,
        template_id=world.template_id,
        owner_type="district",
        owner_id=world.district_id,
        receivers=[
            {"org_type": "school", "org_id": world.school_id, "district_id": world.district_id}
        ],
        reason="push_withdrawn",
        revoked_at="2026-09-01T00:00:00+00:00",
    )
    return walkthrough_body(world), tokens.observer(world)


def _unknown_version(feed: Feed, world: World, tokens: Tokens) -> Request:
    return walkthrough_body(world, template_version_id=new_id()), tokens.observer(world)


def _other_template(feed: Feed, world: World, tokens: Tokens) -> Request:
    return walkthrough_body(world, template_id=new_id()), tokens.observer(world)


CASES = [
    Case("unknown school", 422, "school_id", "known_school", _unknown_school),
    Case("observer not assigned", 403, "school_id", "may_observe_at_school", _unassigned_observer),
    Case(
        "observer unassigned",
        403,
        "school_id",
        "may_observe_at_school",
        _observer_unassigned_later,
    ),
    Case("teacher elsewhere", 422, "teacher_id", "teacher_at_school", _teacher_of_another_school),
    Case("teacher moved away", 422, "teacher_id", "teacher_at_school", _teacher_moved_away),
    Case("teacher removed", 422, "teacher_id", "teacher_at_school", _teacher_removed),
    Case(
        "version not pushed here",
        422,
        "template_version_id",
        "usable_at_school",
        _version_not_pushed_here,
    ),
    Case("version retired", 422, "template_version_id", "usable_at_school", _version_retired),
    Case("push revoked", 422, "template_version_id", "usable_at_school", _push_revoked),
    Case("unknown version", 422, "template_version_id", "usable_at_school", _unknown_version),
    Case("template mismatch", 422, "template_id", "matches_template_version", _other_template),
    Case(
        "required indicator unrated",
        422,
        "ratings",
        "required_indicators_rated",
        body(ratings=rated(("engagement.discourse", 1))),
    ),
    Case(
        "level off scale",
        422,
        "ratings[0].value",
        "on_scale",
        body(ratings=rated(("engagement.on_task", 5))),
    ),
    Case(
        "yes/no off scale",
        422,
        "ratings[1].value",
        "on_scale",
        body(ratings=rated(("engagement.on_task", 2), ("engagement.discourse", 2))),
    ),
    Case(
        "count above max",
        422,
        "ratings[1].value",
        "on_scale",
        body(ratings=rated(("engagement.on_task", 2), ("cfu.questions", 51))),
    ),
    Case(
        "count below min",
        422,
        "ratings[1].value",
        "on_scale",
        body(ratings=rated(("engagement.on_task", 2), ("cfu.questions", -1))),
    ),
    Case(
        "unknown indicator",
        422,
        "ratings[1].indicator_key",
        "known_indicator",
        body(ratings=rated(("engagement.on_task", 2), ("made.up", 1))),
    ),
    Case(
        "note on unknown indicator",
        422,
        "notes.by_indicator.made.up",
        "known_indicator",
        body(notes={"by_indicator": {"made.up": "hello"}}),
    ),
    Case(
        "observed in the future",
        422,
        "observed_at",
        "not_in_future",
        body(observed_at="2999-01-01T09:00:00-05:00"),
    ),
    Case("duration zero", 422, "duration_minutes", None, body(duration_minutes=0)),
    Case("duration too long", 422, "duration_minutes", None, body(duration_minutes=601)),
    Case("unknown subject", 422, "subject", None, body(subject="astrology")),
    Case("unknown grade", 422, "grade_level", None, body(grade_level="13")),
    Case(
        "observed_at without offset",
        422,
        "observed_at",
        None,
        body(observed_at="2026-09-14T09:30:00"),
    ),
    Case("id not a uuid", 422, "observation_id", None, body(observation_id="walk-1")),
    Case("teacher id uppercase", 422, "teacher_id", None, body(teacher_id=new_id().upper())),
    Case("no ratings", 422, "ratings", None, body(ratings=[])),
    Case(
        "duplicate ratings",
        422,
        "ratings",
        None,
        body(ratings=rated(("engagement.on_task", 2), ("engagement.on_task", 3))),
    ),
    Case(
        "value not an integer",
        422,
        "ratings",
        None,
        body(ratings=rated(("engagement.on_task", "3"))),
    ),
    Case("unknown field", 422, "teacher_name", None, body(teacher_name="Ms. Frizzle")),
    Case("missing teacher", 422, "teacher_id", None, body(teacher_id=None)),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_rule_is_a_4xx_naming_the_field_with_nothing_stored_or_sent(
    case: Case,
    client: FlaskClient,
    tokens: Tokens,
    feed: Feed,
    world: World,
    stored: Stored,
) -> None:
    request_body, headers = case.build(feed, world, tokens)
    response = client.post("/v1/walkthroughs", json=request_body, headers=headers)

    assert response.status_code == case.status, response.json
    error = response.json["error"]
    if case.rule is None:
        assert case.field in error["fields"]["json"], error
    else:
        assert (error["field"], error["rule"]) == (case.field, case.rule)
    assert stored.walkthroughs() == 0
    assert stored.raw_messages() == []


def test_every_broken_rubric_rule_is_listed_at_once(
    client: FlaskClient, tokens: Tokens, world: World, stored: Stored
) -> None:
    request_body = walkthrough_body(
        world,
        observed_at="2999-01-01T09:00:00-05:00",
        ratings=rated(("engagement.discourse", 7), ("made.up", 1)),
    )
    response = client.post("/v1/walkthroughs", json=request_body, headers=tokens.observer(world))

    assert response.status_code == 422
    rules = [(p["field"], p["rule"]) for p in response.json["error"]["problems"]]
    assert rules == [
        ("observed_at", "not_in_future"),
        ("ratings[0].value", "on_scale"),
        ("ratings[1].indicator_key", "known_indicator"),
        ("ratings", "required_indicators_rated"),
    ]
