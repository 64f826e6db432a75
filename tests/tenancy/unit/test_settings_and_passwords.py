"""Settings are validated at start-up; passwords have a policy and no default exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import canopy_tenancy
from canopy_shared.errors import Invalid
from canopy_shared.settings import SettingsError
from canopy_tenancy.adapters.passwords import Argon2Params, Passwords, generate_password
from canopy_tenancy.settings import Settings

BASE = {"DATABASE_URL": "sqlite://", "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9"}


def test_argon2_cost_and_token_lifetime_come_from_the_environment() -> None:
    settings = Settings.from_env(
        {**BASE, "TENANCY_ARGON2_MEMORY_KIB": "1024", "TENANCY_TOKEN_TTL_S": "600"}
    )
    assert settings.argon2.memory_kib == 1024 and settings.token_ttl_s == 600
    assert Settings.from_env(BASE).argon2 == Argon2Params()  # RFC 9106 defaults in production


@pytest.mark.parametrize(
    "variable, value",
    [
        ("TENANCY_TOKEN_TTL_S", "5"),
        ("TENANCY_ARGON2_MEMORY_KIB", "4"),
        ("TENANCY_ARGON2_TIME_COST", "0"),
    ],
)
def test_unsafe_settings_are_refused_at_start_up(variable: str, value: str) -> None:
    with pytest.raises(SettingsError, match=variable.rsplit("_", 2)[0]):
        Settings.from_env({**BASE, variable: value})


def test_passwords_are_hashed_verified_and_policed() -> None:
    passwords = Passwords(Argon2Params(time_cost=1, memory_kib=8, parallelism=1))
    stored = passwords.hash("a long enough passphrase")
    assert stored.startswith("$argon2id$")
    assert passwords.verify(stored, "a long enough passphrase")
    assert not passwords.verify(stored, "a long enough passphrasE")
    assert not passwords.verify(None, "a long enough passphrase")  # unknown account
    with pytest.raises(Invalid) as refused:
        passwords.hash("short")
    assert refused.value.field == "password"
    assert len({generate_password() for _ in range(5)}) == 5


def test_no_password_literal_is_assigned_in_the_service_code() -> None:
    source = Path(canopy_tenancy.__file__).parent
    pattern = re.compile(r"password\w*\s*=\s*['\"][^'\"]+['\"]", re.IGNORECASE)
    hits = [
        f"{p.name}: {m.group(0)}"
        for p in source.rglob("*.py")
        for m in pattern.finditer(p.read_text())
        if "_VARIABLE" not in m.group(0)  # names of environment variables, not values
    ]
    assert hits == []
