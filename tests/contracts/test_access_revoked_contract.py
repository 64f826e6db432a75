"""`user.access_revoked` (tenancy.events.v1): added within v1 as an optional event type. Its
payload names exactly one organisation (the partition key), a known reason and an instant."""

from __future__ import annotations

import copy
import json
from importlib.resources import files
from typing import Any

import pytest
from marshmallow import ValidationError

from canopy_shared.contracts import TENANCY_EVENTS

EXAMPLES = files("canopy_shared.contracts") / "examples"


def revoked_examples() -> list[dict[str, Any]]:
    messages = json.loads((EXAMPLES / "tenancy.events.v1.json").read_text())
    return [m for m in messages if m["type"] == "user.access_revoked"]


def test_examples_cover_every_reason_and_both_tiers() -> None:
    examples = revoked_examples()
    assert {m["payload"]["reason"] for m in examples} == {
        "deactivated",
        "role_changed",
        "schools_changed",
    }
    assert {m["payload"]["district_id"] is None for m in examples} == {True, False}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"region_id": "3f2b8c1e-7a4d-4e6b-9c2a-1d5e8f0a7b34"}, "region_id"),  # both set
        ({"district_id": None}, "region_id"),  # neither set
        ({"reason": "password_changed"}, "reason"),
        ({"tokens_valid_after": "2026-08-05 10:15"}, "tokens_valid_after"),
        ({"user_id": "not-a-uuid"}, "user_id"),
    ],
)
def test_a_bad_payload_is_refused_naming_the_field(change: dict[str, Any], field: str) -> None:
    message = copy.deepcopy(next(m for m in revoked_examples() if m["payload"]["district_id"]))
    message["payload"].update(change)
    with pytest.raises(ValidationError) as refused:
        TENANCY_EVENTS.validate(message, strict=True)
    assert field in refused.value.messages["payload"]


def test_a_consumer_reads_the_event_leniently_and_keys_it_by_its_organisation() -> None:
    for message in revoked_examples():
        loaded = TENANCY_EVENTS.validate({**message, "payload": {**message["payload"], "x": 1}})
        assert "x" not in loaded["payload"]
        payload = message["payload"]
        assert TENANCY_EVENTS.key_for(payload) == (payload["district_id"] or payload["region_id"])
