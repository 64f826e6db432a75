"""Properties over generated walkthroughs: anonymizing is deterministic, emits exactly the
contract's fields, and nothing outside the allow-list leaks, whatever extra fields a raw payload
carries (at the top, inside ratings, inside notes)."""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from canopy_anonymizer.domain.anonymization import anonymized_envelope, school_year_of
from canopy_anonymizer.domain.keys import DistrictYearKey
from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED, OBSERVATIONS_RAW
from canopy_shared.contracts.observations_anonymized_v1 import ANONYMIZED_FIELDS
from canopy_shared.contracts.observations_raw_v1 import OBSERVATION_SUBMITTED
from canopy_shared.contracts.vocabulary import GRADE_LEVELS, SUBJECTS

LEAK = "LEAKMARK"  # never produced by the anonymizer: uppercase, not hex, not a vocabulary word

ids = st.uuids().map(str)
secrets = st.binary(min_size=32, max_size=32)
# Real UTC offsets only (issue #15: the contract refuses others): quarter hours, -12:00..+14:00.
offsets = st.integers(min_value=-12 * 4, max_value=14 * 4).map(
    lambda quarters: timezone(timedelta(minutes=15 * quarters))
)
moments = st.builds(
    lambda naive, tz: naive.replace(tzinfo=tz).isoformat(),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31)),
    offsets,
)
lower = "abcdefghijklmnopqrstuvwxyz_"
indicator_keys = st.text(lower, min_size=1, max_size=12).map(lambda k: f"k{k}")
leaky_text = st.text(max_size=20).map(lambda text: f"{LEAK}{text}")
leaky_values = st.recursive(
    st.one_of(leaky_text, st.integers(), st.none()),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(leaky_text, inner, max_size=2),
    max_leaves=4,
)
# Names the raw contract does not declare (today): what a future raw field would look like.
extra_fields = st.dictionaries(
    st.text(lower, min_size=1, max_size=12).map(lambda name: f"x_{name}"), leaky_values, max_size=3
)


@st.composite
def raw_payloads(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.lists(indicator_keys, min_size=1, max_size=6, unique=True))
    ratings = [
        {"indicator_key": k, "value": draw(st.integers(0, 10)), **draw(extra_fields)} for k in keys
    ]
    payload = {
        "observation_id": draw(ids),
        "region_id": draw(st.none() | ids),
        "district_id": draw(ids),
        "school_id": draw(ids),
        "teacher_id": draw(ids),
        "observer_id": draw(ids),
        "template_id": draw(ids),
        "template_version_id": draw(ids),
        "observed_at": draw(moments),
        "duration_minutes": draw(st.integers(1, 600)),
        "subject": draw(st.sampled_from(SUBJECTS)),
        "grade_level": draw(st.sampled_from(GRADE_LEVELS)),
        "ratings": ratings,
        "notes": {"overall": draw(leaky_text), "by_indicator": {keys[0]: draw(leaky_text)}},
        "submitted_at": datetime.now(UTC).isoformat(),
    }
    payload.update(draw(extra_fields))
    return payload


def key_for(raw: dict[str, Any], secret: bytes) -> DistrictYearKey:
    return DistrictYearKey(raw["district_id"], school_year_of(raw), secret)


def strings_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *strings_in(v)]]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return []


@settings(max_examples=100)
@given(raw=raw_payloads())
def test_the_generated_raw_payloads_are_valid_raw_messages(raw: dict[str, Any]) -> None:
    message = {
        "event_id": "00000000-0000-4000-8000-000000000000",
        "type": OBSERVATION_SUBMITTED,
        "schema_version": 1,
        "occurred_at": raw["submitted_at"],
        "producer": "observation-intake",
        "payload": raw,
    }
    OBSERVATIONS_RAW.validate(message)  # the generator explores real inputs, not garbage


@settings(max_examples=200)
@given(raw=raw_payloads(), secret=secrets)
def test_anonymizing_is_deterministic(raw: dict[str, Any], secret: bytes) -> None:
    first = anonymized_envelope(raw, key_for(raw, secret))
    replay = anonymized_envelope(copy.deepcopy(raw), key_for(raw, bytes(secret)))
    assert first.to_bytes() == replay.to_bytes()
    assert first.event_id == replay.event_id


@settings(max_examples=200)
@given(raw=raw_payloads(), secret=secrets)
def test_output_is_exactly_the_contract_and_valid(raw: dict[str, Any], secret: bytes) -> None:
    envelope = anonymized_envelope(raw, key_for(raw, secret))
    assert set(envelope.payload) == ANONYMIZED_FIELDS
    OBSERVATIONS_ANONYMIZED.validate(envelope.to_dict(), strict=True)


@settings(max_examples=200)
@given(raw=raw_payloads(), secret=secrets)
def test_nothing_outside_the_allow_list_leaks(raw: dict[str, Any], secret: bytes) -> None:
    envelope = anonymized_envelope(raw, key_for(raw, secret))
    serialized = envelope.to_bytes().decode()
    assert LEAK not in serialized
    assert not [s for s in strings_in(json.loads(serialized)) if LEAK in s]
    for person in (raw["teacher_id"], raw["observer_id"], raw["observation_id"]):
        assert person not in serialized
        assert person.replace("-", "") not in serialized
    # No time of day but the envelope's day-granular midnight.
    assert re.findall(r"T\d\d:\d\d[^\"]*", serialized) == ["T00:00:00+00:00"]
