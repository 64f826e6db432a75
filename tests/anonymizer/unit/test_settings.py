"""The key-encryption key setting: optional, validated at start-up, never echoed."""

from __future__ import annotations

import base64
import os

import pytest

from canopy_anonymizer.settings import KEK_VARIABLE, Settings
from canopy_shared.settings import SettingsError


def test_no_kek_by_default() -> None:
    assert Settings.from_env({}).key_encryption_key is None


@pytest.mark.parametrize("encode", [base64.b64encode, base64.urlsafe_b64encode])
def test_kek_is_read_from_standard_or_url_safe_base64(encode: object) -> None:
    kek = os.urandom(32)
    text = encode(kek).decode()  # type: ignore[operator]
    assert Settings.from_env({KEK_VARIABLE: text}).key_encryption_key == kek


@pytest.mark.parametrize("value", ["not base64!", base64.b64encode(b"sixteen bytes!!!").decode()])
def test_a_malformed_kek_stops_start_up_without_echoing_it(value: str) -> None:
    with pytest.raises(SettingsError, match=KEK_VARIABLE) as raised:
        Settings.from_env({KEK_VARIABLE: value})
    assert value not in str(raised.value)


def test_the_kek_never_appears_in_the_settings_repr() -> None:
    kek = os.urandom(32)
    settings = Settings.from_env({KEK_VARIABLE: base64.b64encode(kek).decode()})
    assert repr(kek) not in repr(settings) and kek.hex() not in repr(settings)
    assert "key_encryption_key" not in repr(settings)
