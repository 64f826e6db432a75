"""Walkthroughs no store downstream could hold are refused at intake's edge with a 422 naming
the field: observed before 2000 (ClickHouse's Date starts in 1970), UTC offsets that do not
exist, NUL (PostgreSQL refuses it) and lone surrogates in notes. Nothing is stored or sent."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.intake.conftest import Stored, Tokens, World, walkthrough_body


def _refused(response: Any) -> tuple[str, str | None]:
    error = response.json["error"]
    if "fields" in error:
        (field,) = error["fields"]["json"]
        return field, None
    return error["field"], error["rule"]


@pytest.mark.parametrize(
    "observed_at",
    [
        "1900-09-14T09:30:00-05:00",
        "1969-12-31T09:30:00-05:00",
        "0001-01-01T09:30:00+00:00",
        "1999-12-31T23:59:59+00:00",
    ],
)
def test_a_walkthrough_observed_before_2000_is_a_422_naming_observed_at(
    observed_at: str, client: FlaskClient, tokens: Tokens, world: World, stored: Stored
) -> None:
    body = walkthrough_body(world, observed_at=observed_at)
    response = client.post("/v1/walkthroughs", json=body, headers=tokens.observer(world))
    assert response.status_code == 422, response.json
    assert _refused(response) == ("observed_at", None)
    assert stored.walkthroughs() == 0


@pytest.mark.parametrize("offset", ["-14:30", "+14:15", "+05:10", "+23:59"])
def test_a_utc_offset_that_does_not_exist_is_a_422_naming_observed_at(
    offset: str, client: FlaskClient, tokens: Tokens, world: World, stored: Stored
) -> None:
    body = walkthrough_body(world, observed_at=f"2026-09-14T09:30:00{offset}")
    response = client.post("/v1/walkthroughs", json=body, headers=tokens.observer(world))
    assert response.status_code == 422, response.json
    assert _refused(response) == ("observed_at", None)
    assert stored.walkthroughs() == 0


@pytest.mark.parametrize(
    ("notes", "field", "rule"),
    [
        ({"overall": "good\x00pacing"}, "notes.overall", "no_nul_character"),
        ({"overall": "good \ud83d pacing"}, "notes.overall", "valid_unicode"),
    ],
)
def test_text_no_database_can_store_is_a_422_naming_the_note(
    notes: dict[str, str],
    field: str,
    rule: str,
    client: FlaskClient,
    tokens: Tokens,
    world: World,
    stored: Stored,
) -> None:
    body = walkthrough_body(world, notes=notes)
    response = client.post("/v1/walkthroughs", json=body, headers=tokens.observer(world))
    assert response.status_code == 422, response.json
    assert _refused(response) == (field, rule)
    assert stored.walkthroughs() == 0
    assert stored.raw_messages() == []


def test_real_offsets_on_quarter_hours_are_accepted(
    client: FlaskClient, tokens: Tokens, world: World, stored: Stored
) -> None:
    body = walkthrough_body(world, observed_at="2026-01-05T09:30:00+05:45")
    response = client.post("/v1/walkthroughs", json=body, headers=tokens.observer(world))
    assert response.status_code == 201, response.json


@pytest.mark.parametrize("offset", ["18446744073709551616", "99999999999999999999999"])
def test_a_huge_offset_is_a_422_with_its_bounds(
    offset: str, client: FlaskClient, tokens: Tokens, world: World
) -> None:
    response = client.get(
        f"/v1/walkthroughs?offset={offset}",
        headers=tokens.district("district_admin", world.district_id),
    )
    assert response.status_code == 422, response.json
    assert "offset" in response.json["error"]["fields"]["query"]
