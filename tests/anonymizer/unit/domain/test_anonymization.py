"""The anonymization rule as a pure function of (raw payload, key)."""

from __future__ import annotations

import copy
import json
import os
import uuid
from datetime import date
from typing import Any

import pytest

from canopy_anonymizer.domain.anonymization import (
    ALLOW_LIST,
    AnonymizationError,
    anonymize,
    anonymized_envelope,
    observed_on,
    school_year_of,
)
from canopy_anonymizer.domain.keys import DistrictYearKey
from canopy_anonymizer.domain.pseudonyms import EVENT_ID_NAMESPACE
from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED
from canopy_shared.contracts.observations_anonymized_v1 import ANONYMIZED_FIELDS
from canopy_shared.contracts.vocabulary import school_year_on

SECRET = bytes(range(32))


def key_for(raw: dict[str, Any], secret: bytes = SECRET) -> DistrictYearKey:
    return DistrictYearKey(raw["district_id"], school_year_of(raw), secret)


def test_allow_list_is_exactly_the_anonymized_contract() -> None:
    assert set(ALLOW_LIST) == ANONYMIZED_FIELDS


def test_output_has_exactly_the_allowed_fields_and_passes_the_strict_contract(
    canary_raw: dict[str, Any],
) -> None:
    envelope = anonymized_envelope(canary_raw, key_for(canary_raw))
    assert set(envelope.payload) == ANONYMIZED_FIELDS
    OBSERVATIONS_ANONYMIZED.validate(envelope.to_dict(), strict=True)


def test_no_canary_reaches_the_serialized_message(
    canary_raw: dict[str, Any], canaries: tuple[str, ...]
) -> None:
    raw = copy.deepcopy(canary_raw)
    raw["teacher_name"] = "CANARY-EXTRA-FIELD-5e2d"  # a field a future raw contract might add
    raw["ratings"][0]["comment"] = "CANARY-NOTE-indicator-77c1"
    serialized = anonymized_envelope(raw, key_for(raw)).to_bytes().decode()
    for canary in canaries:
        assert canary not in serialized
        assert canary.replace("-", "") not in serialized


def test_observer_notes_and_exact_time_are_dropped(canary_raw: dict[str, Any]) -> None:
    payload = anonymize(canary_raw, key_for(canary_raw))
    dropped = {"observer_id", "teacher_id", "observation_id", "notes", "observed_at"}
    assert not dropped & set(payload)
    assert not {"submitted_at", "grade_level"} & set(payload)
    assert payload["observed_on"] == "2026-09-14"
    assert payload["grade_band"] == "3-5"


def test_ratings_keep_their_order_and_only_key_and_value(canary_raw: dict[str, Any]) -> None:
    payload = anonymize(canary_raw, key_for(canary_raw))
    assert payload["ratings"] == [
        {"indicator_key": r["indicator_key"], "value": r["value"]} for r in canary_raw["ratings"]
    ]
    assert payload["indicator_keys"] == [r["indicator_key"] for r in canary_raw["ratings"]]


@pytest.mark.parametrize(
    ("observed_at", "day"),
    [
        ("2026-09-14T09:30:00-05:00", "2026-09-14"),
        ("2026-09-14T23:30:00-05:00", "2026-09-14"),  # already the 15th in UTC
        ("2026-09-15T00:30:00+09:00", "2026-09-15"),  # still the 14th in UTC
        ("2026-09-14T12:00:00Z", "2026-09-14"),
    ],
)
def test_observed_on_is_the_local_day_in_the_walkthroughs_own_offset(
    observed_at: str, day: str
) -> None:
    assert observed_on(observed_at).isoformat() == day


def test_a_timestamp_without_offset_cannot_be_anonymized() -> None:
    with pytest.raises(AnonymizationError, match="offset"):
        observed_on("2026-09-14T09:30:00")


@pytest.mark.parametrize(
    ("day", "school_year"),
    [
        (date(2026, 6, 30), "2025-2026"),
        (date(2026, 7, 1), "2026-2027"),
        (date(2026, 12, 31), "2026-2027"),
        (date(2027, 1, 1), "2026-2027"),
        (date(2027, 6, 30), "2026-2027"),
        (date(2027, 7, 1), "2027-2028"),
    ],
)
def test_school_years_turn_over_on_july_first(day: date, school_year: str) -> None:
    assert school_year_on(day) == school_year


def test_school_year_follows_the_local_day(canary_raw: dict[str, Any]) -> None:
    # 22:00 on June 30 in Chicago is July 1 in UTC: still last school year locally.
    raw = {**canary_raw, "observed_at": "2026-06-30T22:00:00-05:00"}
    assert school_year_of(raw) == "2025-2026"
    assert anonymize(raw, key_for(raw))["school_year"] == "2025-2026"


BANDS = [("PK", "PK-2"), ("K", "PK-2"), ("2", "PK-2"), ("5", "3-5"), ("8", "6-8"), ("12", "9-12")]


@pytest.mark.parametrize(("grade", "band"), BANDS)
def test_grade_level_becomes_its_band(canary_raw: dict[str, Any], grade: str, band: str) -> None:
    raw = {**canary_raw, "grade_level": grade}
    assert anonymize(raw, key_for(raw))["grade_band"] == band


def test_unknown_grade_level_cannot_be_anonymized(canary_raw: dict[str, Any]) -> None:
    raw = {**canary_raw, "grade_level": "13"}
    with pytest.raises(AnonymizationError, match="grade level"):
        anonymize(raw, key_for(raw))


def test_a_key_of_another_district_or_school_year_is_refused(canary_raw: dict[str, Any]) -> None:
    other_district = DistrictYearKey(str(uuid.uuid4()), "2026-2027", SECRET)
    other_year = DistrictYearKey(canary_raw["district_id"], "2027-2028", SECRET)
    for wrong in (other_district, other_year):
        with pytest.raises(ValueError, match="belongs to another"):
            anonymize(canary_raw, wrong)


def test_same_input_gives_byte_identical_message_and_event_id(
    canary_raw: dict[str, Any],
) -> None:
    first = anonymized_envelope(canary_raw, key_for(canary_raw))
    again = anonymized_envelope(copy.deepcopy(canary_raw), key_for(canary_raw))
    assert first.to_bytes() == again.to_bytes()
    assert first.event_id == str(uuid.uuid5(EVENT_ID_NAMESPACE, first.payload["observation_key"]))


def test_envelope_reveals_no_time_finer_than_the_day(canary_raw: dict[str, Any]) -> None:
    envelope = anonymized_envelope(canary_raw, key_for(canary_raw))
    assert envelope.occurred_at == "2026-09-14T00:00:00+00:00"
    serialized = envelope.to_bytes().decode()
    assert "09:30" not in serialized and "09:44" not in serialized


def test_each_observation_gets_its_own_event_id_and_key(canary_raw: dict[str, Any]) -> None:
    other = {**canary_raw, "observation_id": str(uuid.uuid4())}
    a = anonymized_envelope(canary_raw, key_for(canary_raw))
    b = anonymized_envelope(other, key_for(other))
    assert a.event_id != b.event_id
    assert a.payload["observation_key"] != b.payload["observation_key"]
    assert a.payload["teacher_pseudonym"] == b.payload["teacher_pseudonym"]


def test_the_key_is_never_in_its_repr() -> None:
    secret = os.urandom(32)
    key = DistrictYearKey(str(uuid.uuid4()), "2026-2027", secret)
    assert secret.hex() not in repr(key) and repr(secret) not in repr(key)
    assert "secret" not in json.dumps(repr(key))


def test_a_key_must_have_32_bytes() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        DistrictYearKey(str(uuid.uuid4()), "2026-2027", b"short")
