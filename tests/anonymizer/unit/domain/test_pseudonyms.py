"""Pseudonyms: stable within a district and school year, different elsewhere, and impossible to
recompute without the district's key for that year."""

from __future__ import annotations

import hashlib
import hmac
import os
import uuid
from typing import Any

from canopy_anonymizer.domain.anonymization import anonymize, school_year_of
from canopy_anonymizer.domain.keys import DistrictYearKey
from canopy_anonymizer.domain.pseudonyms import (
    key_fingerprint,
    observation_key,
    teacher_pseudonym,
)

TEACHER = "9d3a6f1e-2c8b-4a7d-95e0-7b1c4f8e2a60"
DISTRICT = "a6c1d0f2-3b9e-4f7a-8d21-5e4c7b9a0f13"


def test_teacher_pseudonym_is_hmac_sha256_of_the_teacher_id_under_the_key() -> None:
    secret = os.urandom(32)
    expected = hmac.new(secret, TEACHER.encode(), hashlib.sha256).hexdigest()
    assert teacher_pseudonym(secret, TEACHER) == expected


def test_same_teacher_same_key_same_pseudonym_across_walkthroughs(
    make_raw: Any,
) -> None:
    secret = os.urandom(32)
    walkthroughs = [
        make_raw(teacher_id=TEACHER, observed_at="2026-09-14T09:30:00-05:00"),
        make_raw(teacher_id=TEACHER, observed_at="2027-03-02T13:05:00-06:00"),
    ]
    pseudonyms = {
        anonymize(raw, DistrictYearKey(raw["district_id"], school_year_of(raw), secret))[
            "teacher_pseudonym"
        ]
        for raw in walkthroughs
    }
    assert len(pseudonyms) == 1


def test_without_the_key_the_pseudonym_cannot_be_recomputed() -> None:
    secret = os.urandom(32)
    pseudonym = teacher_pseudonym(secret, TEACHER)
    guesses = {
        hashlib.sha256(TEACHER.encode()).hexdigest(),
        hashlib.sha256(f"{DISTRICT}{TEACHER}".encode()).hexdigest(),
        hashlib.sha256(f"{DISTRICT}:2026-2027:{TEACHER}".encode()).hexdigest(),
        hmac.new(b"", TEACHER.encode(), hashlib.sha256).hexdigest(),
        hmac.new(bytes(32), TEACHER.encode(), hashlib.sha256).hexdigest(),
        hmac.new(DISTRICT.encode(), TEACHER.encode(), hashlib.sha256).hexdigest(),
        hmac.new(b"2026-2027", TEACHER.encode(), hashlib.sha256).hexdigest(),
        teacher_pseudonym(os.urandom(32), TEACHER),  # another district's or year's key
    }
    assert pseudonym not in guesses


def test_a_different_key_gives_a_different_pseudonym() -> None:
    pseudonyms = {teacher_pseudonym(os.urandom(32), TEACHER) for _ in range(20)}
    assert len(pseudonyms) == 20


def test_observation_keys_are_domain_separated_from_teacher_pseudonyms() -> None:
    secret = os.urandom(32)
    some_id = str(uuid.uuid4())
    assert observation_key(secret, some_id) != teacher_pseudonym(secret, some_id)
    assert observation_key(secret, some_id) == observation_key(secret, some_id)


def test_fingerprint_names_a_key_without_revealing_it() -> None:
    secret = os.urandom(32)
    fingerprint = key_fingerprint(secret)
    assert len(fingerprint) == 16 and fingerprint == key_fingerprint(secret)
    assert fingerprint not in secret.hex()
    assert fingerprint != key_fingerprint(os.urandom(32))
