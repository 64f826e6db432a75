"""Hypothesis strategies for the fast-check equivalence tests: valid messages of the hot topics
built from their contracts, junk values, and mutations of a valid message."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from canopy_shared.contracts.observations_anonymized_v1 import OBSERVATION_ANONYMIZED
from canopy_shared.contracts.observations_raw_v1 import OBSERVATION_SUBMITTED
from canopy_shared.contracts.vocabulary import GRADE_BANDS, GRADE_LEVELS, SUBJECTS

UUID = "d2f7b4a9-6e3c-4b1a-8d50-9a7e2c5f1b36"
uuids = st.uuids().map(str)
hex64 = st.binary(min_size=32, max_size=32).map(bytes.hex)
keys = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", fullmatch=True)
# Whole quarter hours within ±14:00: every offset the contract accepts.
offsets = st.integers(-56, 56).map(lambda quarters: timezone(timedelta(minutes=15 * quarters)))
moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31))
timespecs = st.sampled_from(["seconds", "milliseconds", "microseconds", "auto"])


@st.composite
def timestamps(draw: st.DrawFn) -> str:
    text = draw(moments).replace(tzinfo=draw(offsets)).isoformat(timespec=draw(timespecs))
    return text.replace("+00:00", "Z") if draw(st.booleans()) else text


dates = st.dates(min_value=datetime(1990, 1, 1).date()).map(lambda d: d.isoformat())
school_years = st.integers(1990, 2098).map(lambda y: f"{y}-{y + 1}")
# Any int, huge ones included: a rating's value has no range in the contract.
any_ints = st.integers() | st.integers(min_value=2**63 - 2, max_value=2**70)
notes = st.fixed_dictionaries(
    {},
    optional={
        "overall": st.none() | st.text(max_size=40),
        "by_indicator": st.dictionaries(keys, st.text(max_size=30), max_size=3),
    },
)


def envelope(event_type: str, payload: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "event_id": uuids,
            "type": st.just(event_type),
            "schema_version": st.just(1),
            "occurred_at": timestamps(),
            "producer": st.text(max_size=20),
            "payload": st.just(payload),
        }
    )


def ratings(rated: list[str]) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.tuples(*(any_ints for _ in rated)).map(
        lambda values: [
            {"indicator_key": k, "value": v} for k, v in zip(rated, values, strict=True)
        ]
    )


@st.composite
def raw_messages(draw: st.DrawFn) -> dict[str, Any]:
    rated = draw(st.lists(keys, min_size=1, max_size=5, unique=True))
    payload = draw(
        st.fixed_dictionaries(
            {
                "observation_id": uuids,
                "region_id": st.none() | uuids,
                "district_id": uuids,
                "school_id": uuids,
                "teacher_id": uuids,
                "observer_id": uuids,
                "template_id": uuids,
                "template_version_id": uuids,
                "observed_at": timestamps(),
                "duration_minutes": st.integers(1, 600),
                "subject": st.sampled_from(SUBJECTS),
                "grade_level": st.sampled_from(GRADE_LEVELS),
                "ratings": ratings(rated),
                "submitted_at": timestamps(),
            },
            optional={"notes": st.none() | notes},
        )
    )
    return draw(envelope(OBSERVATION_SUBMITTED, shuffled(draw, payload)))


@st.composite
def anonymized_messages(draw: st.DrawFn) -> dict[str, Any]:
    listed = draw(st.lists(keys, min_size=1, max_size=6, unique=True))
    rated = draw(st.lists(st.sampled_from(listed), min_size=1, unique=True))
    payload = draw(
        st.fixed_dictionaries(
            {
                "observation_key": hex64,
                "region_id": st.none() | uuids,
                "district_id": uuids,
                "school_id": uuids,
                "teacher_pseudonym": hex64,
                "school_year": school_years,
                "template_id": uuids,
                "template_version_id": uuids,
                "indicator_keys": st.permutations(listed),
                "ratings": ratings(rated),
                "subject": st.sampled_from(SUBJECTS),
                "grade_band": st.sampled_from(GRADE_BANDS),
                "observed_on": dates,
                "duration_minutes": st.integers(1, 600),
            }
        )
    )
    return draw(envelope(OBSERVATION_ANONYMIZED, shuffled(draw, payload)))


def shuffled(draw: st.DrawFn, mapping: dict[str, Any]) -> dict[str, Any]:
    # Input key order must not matter: the loaded dict follows the schema's field order.
    order = draw(st.permutations(list(mapping)))
    return {k: mapping[k] for k in order}


# --- junk and mutations ---------------------------------------------------------------------------

near_misses = st.sampled_from(
    [
        UUID,
        UUID.upper(),
        UUID + "x",  # the contract's Regexp matches a prefix: marshmallow accepts this
        " " + UUID,
        UUID[:-1],
        "0" * 64,
        "0" * 63 + "G",
        "2026-09-14T09:30:00-05:00",
        "2026-09-14T09:30:00-05:07",
        "2026-13-14T09:30:00Z",
        "2026-09-14T09:30:00+15:00",
        "2026-09-14T09:30",
        "2026-09-14",
        "2026-02-30",
        "2026-2027",
        "2026-2028",
        "math",
        "MATH",
        "K",
        "3-5",
        "1",
        "",
        "a" * 65,
        "ключ",
        "\u0000",
        "😀" * 3,
        "x" * 4001,
    ]
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=2**64, max_value=2**200)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([0, 1, 600, 601, -1, 1.0, 12.5, float("nan"), float("inf")])
    | st.text(max_size=12)
    | near_misses
    | st.binary(max_size=4)
)
junk = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner)
        | st.dictionaries(st.text(max_size=8) | keys, inner, max_size=3)
    ),
    max_leaves=6,
)
extra_keys = st.text(max_size=10) | st.sampled_from(["note", "teacher_id", "payload", "Value"])


def nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into the message (dict keys and list indexes), the root included."""
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += nodes(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += nodes(inner, (*path, index))
    return found


def at(message: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        message = message[part]
    return message


@st.composite
def mutated(draw: st.DrawFn, messages: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    """A valid message with one to three changes: a value replaced (by junk, a near miss, a
    neighbour's value or a tweak of itself), a key dropped, or a key added at any depth."""
    message = copy.deepcopy(draw(messages))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(nodes(message)))
        target = at(message, path)
        action = draw(st.sampled_from(["replace", "tweak", "drop", "add"]))
        if action == "add" and isinstance(target, dict):
            target[draw(extra_keys)] = draw(junk)
        elif path and action == "drop" and isinstance(at(message, path[:-1]), dict):
            del at(message, path[:-1])[path[-1]]
        elif path and action == "tweak":
            at(message, path[:-1])[path[-1]] = draw(tweaks(target))
        elif path:
            at(message, path[:-1])[path[-1]] = draw(junk)
    return message


def tweaks(value: Any) -> st.SearchStrategy[Any]:
    if isinstance(value, bool):
        return st.sampled_from([int(value), not value, str(value).lower()])
    if isinstance(value, int):
        return st.sampled_from([value + 1, value - 1, -value, float(value), str(value), True])
    if isinstance(value, str):
        return st.sampled_from(
            [value.upper(), value + " ", value[:-1], value + "é", value * 2, value.encode()]
        )
    if isinstance(value, list):
        return st.sampled_from([[], value + value, value[:1], tuple(value), [value]])
    if isinstance(value, dict):
        return st.sampled_from([{}, [value], {**value, **value}, dict(reversed(value.items()))])
    return junk
