"""The anonymization rule: a raw walkthrough payload plus its district's key for the school year
in, the anonymized payload out.

Pure (no I/O, clock or randomness), so a re-delivered or replayed raw message yields a
byte-identical anonymized message with the same event id, and downstream dedup holds.

The output is built only from `ALLOW_LIST`: each output field names how it is made from the raw
payload. A raw field not used there (observer id, notes, any field added to the raw contract
tomorrow) can never reach the anonymized topic.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from canopy_anonymizer import SERVICE_NAME
from canopy_anonymizer.domain.keys import DistrictYearKey
from canopy_anonymizer.domain.pseudonyms import event_id_for, observation_key, teacher_pseudonym
from canopy_shared.contracts import Envelope
from canopy_shared.contracts.observations_anonymized_v1 import OBSERVATION_ANONYMIZED
from canopy_shared.contracts.vocabulary import grade_band, school_year_on

RawPayload = Mapping[str, Any]


class AnonymizationError(ValueError):
    """This raw message can never be anonymized; the reason goes to the dead-letter topic."""


# --- days and school years ----------------------------------------------------------------


def observed_on(observed_at: str) -> date:
    """The walkthrough's calendar day in the school's own UTC offset (the raw timestamp carries
    it): 21:30 on Monday in Chicago is Monday, although it is already Tuesday in UTC."""
    try:
        moment = datetime.fromisoformat(observed_at)
    except ValueError:
        raise AnonymizationError(f"observed_at {observed_at!r} is not a date-time") from None
    if moment.utcoffset() is None:
        raise AnonymizationError("observed_at has no UTC offset, so its local day is unknown")
    return moment.date()


def school_year_of(raw: RawPayload) -> str:
    """The school year whose key pseudonymizes this walkthrough: keys rotate on the shared
    school-year boundary (`vocabulary.SCHOOL_YEAR_START_MONTH`), the one analytics groups by."""
    return school_year_on(observed_on(raw["observed_at"]))


# --- the allow-list ------------------------------------------------------------------------

Build = Callable[[RawPayload, DistrictYearKey], Any]


def _copy(name: str) -> Build:
    return lambda raw, _key: raw[name]


def _ratings(raw: RawPayload, _key: DistrictYearKey) -> list[dict[str, Any]]:
    # Field by field here too: a note attached to a rating must not ride along.
    return [{"indicator_key": r["indicator_key"], "value": r["value"]} for r in raw["ratings"]]


def _grade_band(raw: RawPayload, _key: DistrictYearKey) -> str:
    try:
        return grade_band(raw["grade_level"])
    except ValueError as err:
        raise AnonymizationError(str(err)) from None


ALLOW_LIST: Mapping[str, Build] = MappingProxyType(
    {
        "observation_key": lambda raw, key: observation_key(key.secret, raw["observation_id"]),
        "region_id": _copy("region_id"),
        "district_id": _copy("district_id"),
        "school_id": _copy("school_id"),
        "teacher_pseudonym": lambda raw, key: teacher_pseudonym(key.secret, raw["teacher_id"]),
        "school_year": lambda raw, key: key.school_year,
        "template_id": _copy("template_id"),
        "template_version_id": _copy("template_version_id"),
        "indicator_keys": lambda raw, _key: [r["indicator_key"] for r in raw["ratings"]],
        "ratings": _ratings,
        "subject": _copy("subject"),
        "grade_band": _grade_band,
        "observed_on": lambda raw, _key: observed_on(raw["observed_at"]).isoformat(),
        "duration_minutes": _copy("duration_minutes"),
    }
)


def anonymize(raw: RawPayload, key: DistrictYearKey) -> dict[str, Any]:
    """The anonymized payload of `raw`, built field by field from `ALLOW_LIST`."""
    _check_key_fits(raw, key)
    try:
        return {name: build(raw, key) for name, build in ALLOW_LIST.items()}
    except (KeyError, TypeError) as err:
        raise AnonymizationError(f"raw payload lacks what the anonymizer needs: {err}") from None


def _check_key_fits(raw: RawPayload, key: DistrictYearKey) -> None:
    # A key of another district or year would silently link what must stay unlinkable.
    if raw.get("district_id") != key.district_id:
        raise ValueError("the key belongs to another district")
    if school_year_of(raw) != key.school_year:
        raise ValueError("the key belongs to another school year")


def anonymized_envelope(raw: RawPayload, key: DistrictYearKey) -> Envelope:
    """The whole anonymized message: payload, and an envelope fixed by it alone.

    event_id derives from the observation key; occurred_at is the observed day at midnight UTC,
    so the envelope reveals no time finer than the payload does (the submission time would).
    """
    payload = anonymize(raw, key)
    return Envelope(
        type=OBSERVATION_ANONYMIZED,
        producer=SERVICE_NAME,
        payload=payload,
        event_id=event_id_for(payload["observation_key"]),
        occurred_at=f"{payload['observed_on']}T00:00:00+00:00",
    )
