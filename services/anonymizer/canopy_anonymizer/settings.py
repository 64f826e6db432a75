"""Anonymizer settings, read once from the environment."""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from canopy_anonymizer import SERVICE_NAME
from canopy_anonymizer.adapters.key_wrapping import KEK_BYTES
from canopy_shared.runtime.service_settings import CommonSettings
from canopy_shared.settings import SettingsError

KEK_VARIABLE = "ANONYMIZER_KEY_ENCRYPTION_KEY"


@dataclass(frozen=True)
class Settings:
    common: CommonSettings
    # Encrypts pseudonym keys at rest (base64 of 32 random bytes, e.g. from a secret manager).
    # Optional: unset in the embedded runtime. Only the consumer needs it.
    key_encryption_key: bytes | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = environ if environ is not None else os.environ
        return cls(
            common=CommonSettings.from_env(SERVICE_NAME, environ),
            key_encryption_key=_kek(env.get(KEK_VARIABLE, "")),
        )


def _kek(raw: str) -> bytes | None:
    """The KEK from standard or URL-safe base64; the error never echoes the value."""
    if not raw.strip():
        return None
    try:
        kek = base64.b64decode(raw.strip().replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        kek = b""
    if len(kek) != KEK_BYTES:
        raise SettingsError(
            f"environment variable {KEK_VARIABLE} must be base64 of {KEK_BYTES} random bytes "
            "(e.g. `python -c 'import os,base64;print(base64.b64encode(os.urandom(32)).decode())'`)"
        )
    return kek
