"""The fast contract check (issue #17) is marshmallow's check, only cheaper.

For the hot topics, on generated valid messages and on mutations of them, strict and lenient:
`Topic.validate` accepts exactly what the marshmallow contract accepts, returns the same loaded
dict (same types, same key order) and rejects with the same error messages; the fast check
alone never vouches for a message marshmallow rejects, and vouches for every valid one.
"""

from __future__ import annotations

import copy
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import Schema, ValidationError, fields

from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED, OBSERVATIONS_RAW, Topic
from canopy_shared.contracts.envelope import EnvelopeSchema, PayloadSchema, schema_instance
from canopy_shared.contracts.fast_check import message_check
from canopy_shared.contracts.fields import StrictBoolean
from tests.contracts.fast_check_strategies import (
    UUID,
    anonymized_messages,
    mutated,
    raw_messages,
)

HOT = [
    pytest.param(OBSERVATIONS_RAW, raw_messages(), id="raw"),
    pytest.param(OBSERVATIONS_ANONYMIZED, anonymized_messages(), id="anonymized"),
]
STRICTNESS = [pytest.param(True, id="strict"), pytest.param(False, id="lenient")]
# Mutations are where the two could part: search them harder than the valid messages (400
# examples in `make test`; `make explore`'s 1,000 as they are).
deeper = settings(settings.default, max_examples=max(400, settings.default.max_examples))


def typed(value: Any) -> Any:
    """A comparable picture of a value that also tells 1 from 1.0 and True, and key order."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def outcome(check: Any, message: dict[str, Any], strict: bool) -> tuple[str, Any]:
    try:
        return ("accepted", typed(check(message, strict=strict)))
    except ValidationError as err:
        return ("rejected", err.messages)


def assert_same_as_marshmallow(topic: Topic, message: dict[str, Any], strict: bool) -> None:
    before = typed(message)
    by_marshmallow = outcome(schema_instance(topic.schema).validate_message, message, strict)
    assert outcome(topic.validate, message, strict) == by_marshmallow
    vouched = message_check(topic.schema, strict=strict)
    assert vouched is not None
    fast = vouched(copy.deepcopy(message))
    if fast is not None:
        assert ("accepted", typed(fast)) == by_marshmallow
    assert typed(message) == before  # neither check changes its input


@pytest.mark.parametrize("strict", STRICTNESS)
@pytest.mark.parametrize(("topic", "messages"), HOT)
@given(data=st.data())
def test_valid_messages_are_vouched_for_and_loaded_alike(
    topic: Topic, messages: Any, strict: bool, data: st.DataObject
) -> None:
    message = data.draw(messages)
    assert_same_as_marshmallow(topic, message, strict)
    check = message_check(topic.schema, strict=strict)
    assert check is not None
    assert check(message) is not None  # the fast path is taken, not just correct


@pytest.mark.timeout(900)  # `make explore` on a loaded two-core machine
@pytest.mark.parametrize("strict", STRICTNESS)
@pytest.mark.parametrize(("topic", "messages"), HOT)
@deeper
@given(data=st.data())
def test_mutated_messages_get_the_same_verdict(
    topic: Topic, messages: Any, strict: bool, data: st.DataObject
) -> None:
    assert_same_as_marshmallow(topic, data.draw(mutated(messages)), strict)


# --- named cases: what each mutation family means, checked one by one ---------------------------


def raw_example() -> dict[str, Any]:
    notes = {"overall": "Good.", "by_indicator": {"cfu.questions": "Asked."}}
    payload = {
        **{name: UUID for name in ("observation_id", "region_id", "district_id", "school_id")},
        **{name: UUID for name in ("teacher_id", "observer_id", "template_id")},
        "template_version_id": UUID,
        "observed_at": "2026-09-14T09:30:00-05:00",
        "duration_minutes": 12,
        "subject": "math",
        "grade_level": "4",
        "ratings": [{"indicator_key": "cfu.questions", "value": 3}],
        "notes": notes,
        "submitted_at": "2026-09-14T09:44:52.301772-05:00",
    }
    return {
        "event_id": UUID,
        "type": "observation.submitted",
        "schema_version": 1,
        "occurred_at": "2026-09-14T14:44:52Z",
        "producer": "observation-intake",
        "payload": payload,
    }


def edit(path: str, value: Any) -> dict[str, Any]:
    message = raw_example()
    *parents, last = path.split(".")
    target: Any = message
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if value is DROP:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return message


DROP = object()
CASES = {
    "valid": raw_example(),
    "bool as int": edit("payload.duration_minutes", True),
    "float as int": edit("payload.duration_minutes", 12.0),
    "NaN as int": edit("payload.ratings.0.value", float("nan")),
    "huge rating value": edit("payload.ratings.0.value", 2**200),
    "huge duration": edit("payload.duration_minutes", 2**200),
    "out of range": edit("payload.duration_minutes", 601),
    "string version": edit("schema_version", "1"),
    "float version": edit("schema_version", 1.0),
    "bool version": edit("schema_version", True),
    "next version": edit("schema_version", 2),
    "upper-case uuid": edit("payload.school_id", UUID.upper()),
    "uuid with a tail": edit("payload.school_id", UUID + "-and-more"),
    "bytes uuid": edit("payload.school_id", UUID.encode()),
    "missing field": edit("payload.teacher_id", DROP),
    "null field": edit("payload.teacher_id", None),
    "null region": edit("payload.region_id", None),
    "no notes": edit("payload.notes", DROP),
    "null notes": edit("payload.notes", None),
    "null overall note": edit("payload.notes.overall", None),
    "null by-indicator": edit("payload.notes.by_indicator", None),
    "bad note key": edit("payload.notes.by_indicator", {"-x": "?"}),
    "long note": edit("payload.notes.overall", "é" * 10001),
    "unicode note": edit("payload.notes.overall", "✓ Zoë 😀 \u0000"),
    "extra envelope field": edit("trace", {"x": 1}),
    "extra payload field": edit("payload.teacher_name", "Ms. Smith"),
    "extra rating field": edit("payload.ratings.0.note", "hi"),
    "extra notes field": edit("payload.notes.secret", "hi"),
    "tuple of ratings": edit("payload.ratings", ({"indicator_key": "a", "value": 1},)),
    "no ratings": edit("payload.ratings", []),
    "duplicate ratings": edit("payload.ratings", [{"indicator_key": "a", "value": 1}] * 2),
    "rating is a list": edit("payload.ratings.0", [["indicator_key", "a"]]),
    "nested junk": edit("payload.notes", {"by_indicator": {"k": {"deep": [1, {}]}}}),
    "impossible date": edit("payload.observed_at", "2026-02-30T09:30:00Z"),
    "odd offset": edit("payload.observed_at", "2026-09-14T09:30:00+05:07"),
    "unknown subject": edit("payload.subject", "gym"),
    "unknown type": edit("type", "observation.deleted"),
    "payload not a dict": edit("payload", [1]),
    "not a dict": [raw_example()],
}


@pytest.mark.parametrize("strict", STRICTNESS)
@pytest.mark.parametrize("message", list(CASES.values()), ids=list(CASES))
def test_named_case_gets_the_same_verdict(message: Any, strict: bool) -> None:
    assert_same_as_marshmallow(OBSERVATIONS_RAW, message, strict)


def test_every_hot_topic_has_a_fast_check() -> None:
    for hot in (OBSERVATIONS_RAW, OBSERVATIONS_ANONYMIZED):
        assert hot.fast_check
        assert message_check(hot.schema, strict=True) is not None
        assert message_check(hot.schema, strict=False) is not None


class _FlagPayload(PayloadSchema):
    flag = StrictBoolean(required=True)


class _WithFlag(EnvelopeSchema):
    PAYLOADS = {"flagged": _FlagPayload}


class _Renamed(PayloadSchema):
    name = fields.String(data_key="Name")


class _WithRename(EnvelopeSchema):
    PAYLOADS: dict[str, type[Schema]] = {"renamed": _Renamed}


@pytest.mark.parametrize("envelope", [_WithFlag, _WithRename])
def test_a_contract_it_does_not_model_gets_no_fast_check(envelope: type[EnvelopeSchema]) -> None:
    # Then marshmallow checks every message of that topic, as before.
    assert message_check(envelope, strict=True) is None


@pytest.mark.parametrize(
    "path, value",
    [
        ("payload.school_id", UUID + "-and-more"),
        ("payload.teacher_id", UUID + " Ms. Smith"),
        ("payload.observation_id", UUID + "\n"),
        ("event_id", UUID + "0"),
        ("payload.ratings.0.indicator_key", "cfu.questions and a note"),
    ],
)
def test_an_id_or_key_followed_by_anything_is_refused(path: str, value: str) -> None:
    """A field is an id only if all of it is: a name or a note after one is no id."""
    message = edit(path, value)
    with pytest.raises(ValidationError):
        OBSERVATIONS_RAW.validate(message, strict=True)
    assert_same_as_marshmallow(OBSERVATIONS_RAW, message, True)
