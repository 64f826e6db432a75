"""`goals.events.v1`: the committed examples also satisfy the contract's JSON Schema, and the
topic is analytics' alone, keyed so a region's goals and their adoptions stay in order."""

from __future__ import annotations

import json
from importlib.resources import files

import jsonschema
import pytest
from marshmallow import ValidationError

from canopy_shared.contracts import GOALS_EVENTS, topic

CONTRACTS = files("canopy_shared.contracts")


def test_examples_satisfy_the_json_schema() -> None:
    schema = json.loads((CONTRACTS / "goals_events_v1.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
    examples = json.loads((CONTRACTS / "examples" / "goals.events.v1.json").read_text())
    assert {e["type"] for e in examples} == set(GOALS_EVENTS.schema.PAYLOADS)
    for example in examples:
        assert [e.message for e in validator.iter_errors(example["payload"])] == []


def test_the_json_schema_refuses_what_the_contract_refuses() -> None:
    schema = json.loads((CONTRACTS / "goals_events_v1.schema.json").read_text())
    example = json.loads((CONTRACTS / "examples" / "goals.events.v1.json").read_text())[0]
    for field, bad in (("look_fors", []), ("target_share", 0), ("alignment", "copied")):
        payload = {**example["payload"], field: bad}
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(payload)), field
        message = {**example, "payload": payload}
        with pytest.raises(ValidationError) as refused:
            topic("goals.events.v1").validate(message, strict=True)
        assert field in str(refused.value.messages)


def test_only_analytics_produces_goals() -> None:
    assert GOALS_EVENTS.producers == ("analytics",)
    assert GOALS_EVENTS.key_for({"region_id": None, "district_id": "d"}) == "d"
    assert GOALS_EVENTS.key_for({"region_id": "r", "district_id": "d"}) == "r"
