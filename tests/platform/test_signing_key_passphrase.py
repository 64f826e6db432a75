"""issue #15: under `make run` tenancy's signing keys are stored encrypted. The launcher makes a
passphrase once into var/ (owner-only) and gives it to every tenancy process; a newcomer never
sees it. A var/ from before passphrases keeps working with its unencrypted keys."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

from canopy_shared.runtime.local_secrets import SIGNING_KEY_PASSPHRASE_FILE
from canopy_shared.runtime.processes import SERVICES, RuntimeConfig
from canopy_tenancy.adapters.signing_keys import new_signing_key
from canopy_tenancy.settings import Settings

TENANCY = next(spec for spec in SERVICES if spec.name == "tenancy")


def _config(var_dir: Path) -> RuntimeConfig:
    return RuntimeConfig.from_env({"CANOPY_VAR_DIR": str(var_dir)})


def test_a_fresh_var_gets_a_passphrase_once_and_tenancy_encrypts_its_keys(tmp_path: Path) -> None:
    config = _config(tmp_path / "var")
    first = config.service_env(TENANCY)["TENANCY_SIGNING_KEY_PASSPHRASE"]
    again = _config(tmp_path / "var").service_env(TENANCY)["TENANCY_SIGNING_KEY_PASSPHRASE"]
    assert first == again and len(first) >= 32

    stored = tmp_path / "var" / SIGNING_KEY_PASSPHRASE_FILE
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600

    settings = Settings.from_env(config.service_env(TENANCY))
    assert settings.signing_key_passphrase == first.encode()
    key = new_signing_key(datetime.now(UTC), passphrase=settings.signing_key_passphrase)
    assert key.private_key_pem.startswith("-----BEGIN ENCRYPTED PRIVATE KEY-----")


def test_only_tenancy_gets_the_passphrase(tmp_path: Path) -> None:
    config = _config(tmp_path / "var")
    for spec in SERVICES:
        if spec.name != "tenancy":
            assert "TENANCY_SIGNING_KEY_PASSPHRASE" not in config.service_env(spec)


def test_a_var_from_before_passphrases_keeps_reading_its_unencrypted_keys(tmp_path: Path) -> None:
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    (var_dir / "tenancy.db").touch()  # keys stored unencrypted by an earlier `make run`
    assert "TENANCY_SIGNING_KEY_PASSPHRASE" not in _config(var_dir).service_env(TENANCY)
    assert not (var_dir / SIGNING_KEY_PASSPHRASE_FILE).exists()
