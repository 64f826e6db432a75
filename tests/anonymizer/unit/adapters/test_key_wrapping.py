"""Keys at rest: AES-GCM under the KEK when one is configured, bound to their row."""

from __future__ import annotations

import os

import pytest

from canopy_anonymizer.adapters.key_wrapping import KeyUnavailable, KeyWrapping

SECRET = os.urandom(32)
ROW = {"district_id": "a6c1d0f2-3b9e-4f7a-8d21-5e4c7b9a0f13", "school_year": "2026-2027"}


def test_wrapped_key_round_trips_and_does_not_contain_the_key() -> None:
    wrapping = KeyWrapping(os.urandom(32))
    stored = wrapping.wrap(SECRET, **ROW)
    assert SECRET not in stored
    assert wrapping.unwrap(stored, wrapped_by=wrapping.kek_id, **ROW) == SECRET


def test_without_a_kek_keys_are_stored_as_they_are() -> None:
    wrapping = KeyWrapping(None)
    assert wrapping.kek_id is None
    assert wrapping.unwrap(wrapping.wrap(SECRET, **ROW), wrapped_by=None, **ROW) == SECRET


def test_a_wrapped_key_needs_its_own_kek() -> None:
    original = KeyWrapping(os.urandom(32))
    stored = original.wrap(SECRET, **ROW)
    for other in (KeyWrapping(os.urandom(32)), KeyWrapping(None)):
        with pytest.raises(KeyUnavailable, match=f"encrypted with KEK {original.kek_id}"):
            other.unwrap(stored, wrapped_by=original.kek_id, **ROW)


def test_a_wrapped_key_moved_to_another_row_fails_its_integrity_check() -> None:
    wrapping = KeyWrapping(os.urandom(32))
    stored = wrapping.wrap(SECRET, **ROW)
    with pytest.raises(KeyUnavailable, match="integrity"):
        wrapping.unwrap(stored, wrapped_by=wrapping.kek_id, **{**ROW, "school_year": "2027-2028"})


def test_the_kek_must_have_32_bytes() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        KeyWrapping(b"too short")
