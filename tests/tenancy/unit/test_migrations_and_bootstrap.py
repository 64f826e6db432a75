"""The Alembic migrations build exactly the tables the models describe, and the operator's
bootstrap command creates the first admins without any default password."""

from __future__ import annotations

import json
import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from canopy_shared.db import make_engine
from canopy_tenancy.__main__ import bootstrap_organisation as bootstrap
from canopy_tenancy.adapters.db import metadata

from ..conftest import CHEAP_ARGON2


def test_migrations_match_the_models(database_url: str) -> None:
    with make_engine(database_url).connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []


def test_bootstrap_generates_a_password_once_and_is_safe_to_run_again(deps, net, outbox) -> None:
    first = bootstrap(
        deps,
        tier="region",
        name="Gulf ESC",
        admin_email="Boss@canopy.test",
        admin_name="Boss",
        environ={},
    )
    assert first["created"] and len(first["password"]) >= 16
    net.sign_in("boss@canopy.test", first["password"])
    again = bootstrap(
        deps,
        tier="region",
        name="Gulf ESC",
        admin_email="boss@canopy.test",
        admin_name="Boss",
        environ={},
    )
    assert again == {
        "tier": "region",
        "org_id": first["org_id"],
        "user_id": first["user_id"],
        "created": False,
    }
    assert [p["region_id"] for p in outbox.payloads("region.created")] == [first["org_id"]]


def test_the_command_line_takes_the_password_from_the_environment(database_url: str) -> None:
    env = {"DATABASE_URL": database_url, "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9", **CHEAP_ARGON2}
    env["TENANCY_BOOTSTRAP_PASSWORD"] = "a password from the vault"
    command = [sys.executable, "-m", "canopy_tenancy", "bootstrap", "district"]
    command += ["--name", "Brazos ISD", "--admin-email", "d@canopy.test"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True, timeout=120)
    result = json.loads(done.stdout)
    assert result["created"] and "password" not in result
    assert "vault" not in done.stdout + done.stderr
