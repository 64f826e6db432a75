"""Passwords: argon2id (memory-hard) hashes, never stored or logged in clear; generated
passwords come from the OS's CSPRNG. There is no default password anywhere."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from canopy_tenancy.domain.auth import check_password_policy


@dataclass(frozen=True)
class Argon2Params:
    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4


class Passwords:
    def __init__(self, params: Argon2Params) -> None:
        self._hasher = PasswordHasher(
            time_cost=params.time_cost,
            memory_cost=params.memory_kib,
            parallelism=params.parallelism,
        )
        self._dummy: str | None = None

    def hash(self, password: str) -> str:
        check_password_policy(password)
        return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        """Constant work whether or not the account exists: an unknown email is checked
        against a dummy hash, so timing does not reveal which emails have accounts."""
        if stored_hash is None:
            self._dummy = self._dummy or self._hasher.hash(secrets.token_urlsafe(16))
            stored_hash, password = self._dummy, password + "\x00never"
        try:
            return self._hasher.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        return self._hasher.check_needs_rehash(stored_hash)

    def rehash(self, password: str) -> str:
        """A verified password under the current cost parameters (no policy check: the
        account already has it)."""
        return self._hasher.hash(password)


def generate_password() -> str:
    """~128 bits from the CSPRNG, URL-safe: shown once to whoever asked for it."""
    return secrets.token_urlsafe(16)
