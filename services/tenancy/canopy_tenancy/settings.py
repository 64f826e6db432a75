"""Tenancy settings, read once from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from canopy_shared.runtime.service_settings import CommonSettings
from canopy_shared.settings import SettingsError, env_int
from canopy_tenancy import SERVICE_NAME
from canopy_tenancy.adapters.passwords import Argon2Params
from canopy_tenancy.domain.auth import ThrottlePolicy

PASSPHRASE_VARIABLE = "TENANCY_SIGNING_KEY_PASSPHRASE"


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    token_ttl_s: int = 3600
    argon2: Argon2Params = field(default_factory=Argon2Params)
    throttle: ThrottlePolicy = field(default_factory=ThrottlePolicy)
    # Encrypts the stored private signing keys (e.g. from a secret manager). Optional: unset in
    # the embedded runtime, where the database file is the secret.
    signing_key_passphrase: bytes | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = environ if environ is not None else os.environ
        ttl = env_int("TENANCY_TOKEN_TTL_S", 3600, environ=env)
        if not 60 <= ttl <= 86400:
            raise SettingsError("environment variable TENANCY_TOKEN_TTL_S must be 60..86400")
        return cls(
            common=CommonSettings.from_env(SERVICE_NAME, environ),
            token_ttl_s=ttl,
            argon2=_argon2(env),
            throttle=ThrottlePolicy(
                free_failures=env_int("TENANCY_SIGNIN_FREE_FAILURES", 5, environ=env),
                base_lock_s=env_int("TENANCY_SIGNIN_BASE_LOCK_S", 2, environ=env),
                max_lock_s=env_int("TENANCY_SIGNIN_MAX_LOCK_S", 900, environ=env),
            ),
            signing_key_passphrase=env.get(PASSPHRASE_VARIABLE, "").encode() or None,
        )


def _argon2(env: Mapping[str, str]) -> Argon2Params:
    """argon2id cost; the defaults are RFC 9106's second recommendation (64 MiB)."""
    params = Argon2Params(
        time_cost=env_int("TENANCY_ARGON2_TIME_COST", 3, environ=env),
        memory_kib=env_int("TENANCY_ARGON2_MEMORY_KIB", 65536, environ=env),
        parallelism=env_int("TENANCY_ARGON2_PARALLELISM", 4, environ=env),
    )
    if params.time_cost < 1 or params.parallelism < 1 or params.memory_kib < 8 * params.parallelism:
        raise SettingsError("TENANCY_ARGON2_* must be positive (memory >= 8 KiB per lane)")
    return params
