"""Secrets the embedded runtime makes once and keeps under var/, so `make run` needs no setup
and stores nothing in the clear that production would encrypt (like the demo password, they are
generated on first use and never live in code)."""

from __future__ import annotations

import secrets
from pathlib import Path

SIGNING_KEY_PASSPHRASE_FILE = "tenancy-signing-key.passphrase"


def signing_key_passphrase(var_dir: Path) -> str | None:
    """Tenancy's TENANCY_SIGNING_KEY_PASSPHRASE for this var/: made on the first run (owner-only
    file). A var/ whose tenancy database predates passphrases keeps its unencrypted keys
    readable (None) rather than failing to start; `make clean` starts it over encrypted."""
    path = var_dir / SIGNING_KEY_PASSPHRASE_FILE
    if path.exists():
        return path.read_text().strip()
    if (var_dir / "tenancy.db").exists():
        return None
    var_dir.mkdir(parents=True, exist_ok=True)
    passphrase = secrets.token_urlsafe(32)
    path.touch(mode=0o600)
    path.write_text(passphrase + "\n")
    return passphrase
