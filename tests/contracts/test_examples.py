"""The committed examples are the contract's spec: every one validates, every event type has one,
and bad messages are rejected with the failing field named."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from marshmallow import Schema, ValidationError, fields

from canopy_shared.contracts import ALL_TOPICS, OBSERVATIONS_RAW_DLQ, topic
from canopy_shared.contracts.fields import Timestamp
from canopy_shared.contracts.observations_anonymized_v1 import ObservationAnonymizedPayload
from canopy_shared.contracts.tenancy_events_v1 import TenancyEventsV1
from canopy_shared.contracts.vocabulary import GRADE_BANDS, GRADE_LEVELS, grade_band

EXAMPLES = files("canopy_shared.contracts") / "examples"
DLQ_NAMES = {t.name for t in ALL_TOPICS if ".dlq." in t.name}
REQUIRED = sorted({t.name for t in ALL_TOPICS} - DLQ_NAMES | {OBSERVATIONS_RAW_DLQ.name})


def examples(name: str) -> list[dict[str, Any]]:
    return json.loads((EXAMPLES / f"{name}.json").read_text())


def example(name: str, event_type: str) -> dict[str, Any]:
    return copy.deepcopy(next(m for m in examples(name) if m["type"] == event_type))


def committed() -> list[str]:
    return sorted(
        p.name.removesuffix(".json") for p in EXAMPLES.iterdir() if p.name.endswith(".json")
    )


ALL_EXAMPLES = [
    pytest.param(name, message, id=f"{name}:{i}:{message['type']}")
    for name in committed()
    for i, message in enumerate(examples(name))
]


@pytest.mark.parametrize(("name", "message"), ALL_EXAMPLES)
def test_example_validates_strictly(name: str, message: dict[str, Any]) -> None:
    topic(name).validate(message, strict=True)


@pytest.mark.parametrize("name", committed())
def test_examples_file_names_a_registered_topic(name: str) -> None:
    topic(name)


@pytest.mark.parametrize("name", REQUIRED)
def test_every_event_type_has_an_example(name: str) -> None:
    covered = {m["type"] for m in examples(name)}
    assert set(topic(name).schema.PAYLOADS) - covered == set()


@pytest.mark.parametrize(("name", "message"), ALL_EXAMPLES)
def test_loaded_payload_is_json_and_unchanged(name: str, message: dict[str, Any]) -> None:
    # Consumers re-publish what they load, so loading may drop unknown fields but change nothing.
    loaded = topic(name).validate(message)["payload"]
    assert json.loads(json.dumps(loaded)) == loaded == message["payload"]


def error_paths(messages: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(messages, dict):
        for key, value in messages.items():
            yield from error_paths(value, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield from ((prefix, str(m)) for m in messages)


def rejection(name: str, message: dict[str, Any], *, strict: bool = True) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        topic(name).validate(message, strict=strict)
    return dict(error_paths(raised.value.messages))


RAW = "observations.raw.v1"
SUBMITTED = "observation.submitted"
PUBLISHED = "template.version_published"
ASSIGNED = "template.assigned"
ANONYMIZED = "observation.anonymized"
TOPIC_OF_TYPE = {t: name for name in REQUIRED for t in topic(name).schema.PAYLOADS}
LEVELS = "sections.0.indicators.0.scale.levels"
Mutation = Callable[[dict[str, Any]], None]


def put(path: str, value: Any, *, root: str = "payload") -> Mutation:
    """Set a dotted path (list indexes as numbers) under `root` of the message."""

    def mutate(message: dict[str, Any]) -> None:
        *parents, last = [root, *path.split(".")] if root else path.split(".")
        target: Any = message
        for part in parents:
            target = target[int(part) if isinstance(target, list) else part]
        target[int(last) if isinstance(target, list) else last] = value

    return mutate


def drop(field: str) -> Mutation:
    return lambda message: message["payload"].pop(field)


# (case, event type, mutation, "error path: words the error message contains")
BAD = [
    ("missing field", SUBMITTED, drop("district_id"), "payload.district_id: Missing data"),
    ("unknown subject", SUBMITTED, put("subject", "gym"), "payload.subject: one of"),
    ("unknown grade", SUBMITTED, put("grade_level", "13"), "payload.grade_level: one of"),
    ("no ratings", SUBMITTED, put("ratings", []), "payload.ratings: minimum length"),
    (
        "duplicate rating",
        SUBMITTED,
        put("ratings.1.indicator_key", "cfu.questions"),
        "payload.ratings: 'cfu.questions'",
    ),
    ("bool as int", SUBMITTED, put("duration_minutes", True), "payload.duration_minutes: integer"),
    ("too long", SUBMITTED, put("duration_minutes", 601), "payload.duration_minutes: 600"),
    (
        "upper-case id",
        SUBMITTED,
        put("school_id", "5B7E9A2C-1F3D-4C8E-A0B6-9D2F4E1C7A58"),
        "payload.school_id: lowercase",
    ),
    (
        "naive time",
        SUBMITTED,
        put("observed_at", "2026-09-14T09:30"),
        "payload.observed_at: offset",
    ),
    (
        "duplicate indicator key",
        PUBLISHED,
        put("sections.1.indicators.0.key", "engagement.on_task"),
        "payload.sections: 'engagement.on_task'",
    ),
    ("levels out of order", PUBLISHED, put(f"{LEVELS}.0.value", 9), f"payload.{LEVELS}: increase"),
    ("no levels", PUBLISHED, put(LEVELS, []), f"payload.{LEVELS}: at least one level"),
    (
        "count without min",
        PUBLISHED,
        put("sections.1.indicators.0.scale.min", None),
        "payload.sections.1.indicators.0.scale.min: min >= 0",
    ),
    ("string as bool", ASSIGNED, put("locked", "yes"), "payload.locked: boolean"),
    (
        "district receiver is another org",
        ASSIGNED,
        put("receivers.0.org_id", "3f2b8c1e-7a4d-4e6b-9c2a-1d5e8f0a7b34"),
        "payload.receivers.0.org_id: district_id",
    ),
    (
        "negative count",
        "school.teacher_count",
        put("teacher_count", -1),
        "payload.teacher_count: 0",
    ),
    (
        "bad school year",
        ANONYMIZED,
        put("school_year", "2026-2028"),
        "payload.school_year: 2026-2027",
    ),
    ("grade, not band", ANONYMIZED, put("grade_band", "4"), "payload.grade_band: one of"),
    (
        "rated key not listed",
        ANONYMIZED,
        put("indicator_keys", ["cfu.questions"]),
        "payload.ratings: engagement.on_task",
    ),
    ("unknown event type", SUBMITTED, put("type", "x", root=""), "type: observation.submitted"),
    ("next schema version", SUBMITTED, put("schema_version", 2, root=""), "schema_version: 1"),
]


@pytest.mark.parametrize(
    ("event_type", "mutate", "expected"), [pytest.param(*c[1:], id=c[0]) for c in BAD]
)
def test_bad_message_is_rejected_naming_the_field(
    event_type: str, mutate: Mutation, expected: str
) -> None:
    name = TOPIC_OF_TYPE[event_type]
    message = example(name, event_type)
    mutate(message)
    errors = rejection(name, message)
    path, says = expected.split(": ", 1)
    assert path in errors, errors
    assert says in errors[path]


UNKNOWN = [
    pytest.param(lambda p: p, "teacher_name", "payload.teacher_name", id="top level"),
    pytest.param(lambda p: p["ratings"][1], "note", "payload.ratings.1.note", id="nested list"),
    pytest.param(
        lambda p: p["notes"], "observer_email", "payload.notes.observer_email", id="nested"
    ),
]


@pytest.mark.parametrize(("where", "field", "path"), UNKNOWN)
def test_unknown_field_is_rejected_strictly_and_dropped_leniently(
    where: Callable[[dict[str, Any]], dict[str, Any]], field: str, path: str
) -> None:
    message = example(RAW, SUBMITTED)
    where(message["payload"])[field] = "Ms. Rivera"
    assert rejection(RAW, message, strict=True)[path] == "Unknown field."
    assert "Ms. Rivera" not in json.dumps(topic(RAW).validate(message, strict=False)["payload"])


def declared_names(schema: Schema, prefix: str = "") -> Iterator[str]:
    for name, field in schema.fields.items():
        yield prefix + name
        inner = field.inner if isinstance(field, fields.List) else field
        if isinstance(inner, fields.Nested):
            yield from declared_names(inner.schema, f"{prefix}{name}.")


FORBIDDEN = ("teacher_id", "observer_id", "name", "email", "note", "comment", "text")


def test_anonymized_payload_declares_nothing_identifying() -> None:
    names = list(declared_names(ObservationAnonymizedPayload()))
    assert "teacher_pseudonym" in names
    assert [n for n in names if any(word in n for word in FORBIDDEN)] == []


@pytest.mark.parametrize("event_type", sorted(TenancyEventsV1.PAYLOADS))
def test_tenancy_never_carries_a_persons_name_or_email(event_type: str) -> None:
    names = list(declared_names(TenancyEventsV1.PAYLOADS[event_type]()))
    assert "email" not in " ".join(names)
    if event_type.startswith(("teacher.", "observer.")):
        assert [n for n in names if "name" in n] == []


GRADES_IN_BAND = {
    "PK-2": ("PK", "K", "1", "2"),
    "3-5": ("3", "4", "5"),
    "6-8": ("6", "7", "8"),
    "9-12": ("9", "10", "11", "12"),
}


@pytest.mark.parametrize(("band", "grades"), GRADES_IN_BAND.items())
def test_grade_band(band: str, grades: tuple[str, ...]) -> None:
    assert {grade_band(grade) for grade in grades} == {band}


def test_bands_cover_every_grade_level_in_order() -> None:
    assert tuple(GRADES_IN_BAND) == GRADE_BANDS
    assert tuple(g for grades in GRADES_IN_BAND.values() for g in grades) == GRADE_LEVELS


@pytest.mark.parametrize("grade", ["13", "k", "", "Grade 4"])
def test_unknown_grade_level_is_named(grade: str) -> None:
    with pytest.raises(ValueError, match=repr(grade)):
        grade_band(grade)


# Real UTC offsets (issue #15): within ±14:00, in quarter hours.
_OFFSETS = st.integers(-14 * 4, 14 * 4).map(lambda q: timezone(timedelta(minutes=15 * q)))


@given(st.datetimes(timezones=_OFFSETS))
def test_any_aware_isoformat_is_a_timestamp(moment: datetime) -> None:
    # Producers write `datetime.now(UTC).isoformat()`; every such string must pass unchanged.
    assert Timestamp().deserialize(moment.isoformat()) == moment.isoformat()


@given(
    st.datetimes(),
    st.integers(-23 * 60 - 59, 23 * 60 + 59).filter(lambda m: abs(m) > 14 * 60 or m % 15),
)
def test_an_offset_no_clock_uses_is_not_a_timestamp(moment: datetime, minutes: int) -> None:
    aware = moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    with pytest.raises(ValidationError, match="UTC offset"):
        Timestamp().deserialize(aware.isoformat())


@given(st.datetimes())
def test_naive_datetime_is_not_a_timestamp(moment: datetime) -> None:
    with pytest.raises(ValidationError):
        Timestamp().deserialize(moment.isoformat())
