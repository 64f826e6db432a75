"""Fixtures for tenancy's tests.

- `app`/`client`: the real app factory on a temporary SQLite database migrated by Alembic
  (migrated once per session, signing key included, copied per test); tokens are tenancy's
  own, issued by `POST /v1/auth/token`. argon2 is made cheap through settings.
- `clock`: a settable clock the app's use cases read.
- `net`: an HTTP driver that bootstraps organisations and admins and signs users in.
- `outbox`: the tenancy.events.v1 messages committed so far (validated strictly).
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.testing.databases import (
    copy_database,
    migrated_database,
    offline_environment,
    sqlite_url,
)
from canopy_shared.web.dependencies import current_dependencies
from canopy_tenancy.__main__ import MIGRATIONS, bootstrap_organisation
from canopy_tenancy.adapters.db import outbox as outbox_table
from canopy_tenancy.app import create_app
from canopy_tenancy.bootstrap import Dependencies, bootstrap, tenancy_infrastructure
from canopy_tenancy.services.auth import public_keys
from canopy_tenancy.settings import Settings

PASSWORD = "correct horse battery staple"
CHEAP_ARGON2 = {
    "TENANCY_ARGON2_TIME_COST": "1",
    "TENANCY_ARGON2_MEMORY_KIB": "8",
    "TENANCY_ARGON2_PARALLELISM": "1",
}


def new_id() -> str:
    return str(uuid.uuid4())


def settings_for(database_url: str, **extra: str) -> Settings:
    return Settings.from_env(offline_environment(database_url, **{**CHEAP_ARGON2, **extra}))


class Clock:
    """The app's clock: real time unless a test moves it."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


@pytest.fixture(scope="session")
def _migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = migrated_database(tmp_path_factory.mktemp("tenancy-db") / "tenancy.db", MIGRATIONS)
    url = sqlite_url(path)
    deps = bootstrap(settings_for(url))
    public_keys(uow=deps.unit_of_work(), auth=deps.auth)  # RSA key generation, once
    return path


@pytest.fixture
def database_url(_migrated_db: Path, tmp_path: Path) -> str:
    return copy_database(_migrated_db, tmp_path / "tenancy.db")


@pytest.fixture
def settings(database_url: str) -> Settings:
    return settings_for(database_url, TENANCY_SIGNIN_FREE_FAILURES="3")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def deps(app: Flask) -> Dependencies:
    with app.app_context():
        return current_dependencies(Dependencies)


@pytest.fixture
def app(settings: Settings, clock: Clock) -> Flask:
    infra = tenancy_infrastructure(settings)
    return create_app(settings, infra, bootstrap(settings, infra.sessions, clock=clock))


class Net:
    """Drives tenancy over HTTP as its users would; organisations come from the operator's
    bootstrap command, as in production."""

    def __init__(self, client: FlaskClient, deps: Dependencies) -> None:
        self.client = client
        self.deps = deps
        self.headers: dict[str, dict[str, str]] = {}  # email -> Authorization header
        self.ids: dict[str, str] = {}  # email -> user id

    def bootstrap(self, tier: str, name: str, email: str) -> str:
        result = bootstrap_organisation(
            self.deps,
            tier=tier,
            name=name,
            admin_email=email,
            admin_name=email,
            environ={"TENANCY_BOOTSTRAP_PASSWORD": PASSWORD},
        )
        self.ids[email] = result["user_id"]
        return str(result["org_id"])

    def sign_in(self, email: str, password: str = PASSWORD) -> dict[str, str]:
        response = self.client.post("/v1/auth/token", json={"email": email, "password": password})
        assert response.status_code == 200, response.json
        self.headers[email] = {"Authorization": f"Bearer {response.json['access_token']}"}
        return self.headers[email]

    def as_(self, email: str) -> dict[str, str]:
        return self.headers.get(email) or self.sign_in(email)

    def call(self, email: str, method: str, path: str, **kwargs: Any) -> Any:
        return self.client.open(path, method=method, headers=self.as_(email), **kwargs)

    def ok(self, email: str, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        response = self.call(email, method, path, **kwargs)
        assert response.status_code == status, (method, path, response.status_code, response.json)
        return response.json

    def user(self, admin: str, email: str, role: str, org_id: str, **extra: Any) -> str:
        body = {"email": email, "display_name": email, "role": role, "org_id": org_id}
        created = self.ok(
            admin, "POST", "/v1/users", 201, json={**body, "password": PASSWORD, **extra}
        )
        self.ids[email] = created["user"]["id"]
        return str(created["user"]["id"])

    def school(self, admin: str, district_id: str, name: str) -> str:
        body = {"district_id": district_id, "name": name}
        return str(self.ok(admin, "POST", "/v1/schools", 201, json=body)["id"])

    def connect(self, region_admin: str, district_admin: str, district_id: str) -> str:
        invite = {
            "district_id": district_id,
            "agreement_text": "We share trends.",
            "agreement_version": "dsa-1",
        }
        connection = self.ok(region_admin, "POST", "/v1/connections", 201, json=invite)
        path = f"/v1/connections/{connection['id']}/accept"
        self.ok(district_admin, "POST", path, json={"agreement_version": "dsa-1"})
        return str(connection["id"])

    def teacher(self, admin: str, district_id: str, school_id: str, given: str, family: str) -> str:
        body = {
            "given_name": given,
            "family_name": family,
            "email": f"{given.lower()}@{family.lower()}.example.org",
            "school_ids": [school_id],
        }
        path = f"/v1/districts/{district_id}/teachers"
        return str(self.ok(admin, "POST", path, 201, json=body)["id"])


@pytest.fixture
def net(client: FlaskClient, deps: Dependencies) -> Net:
    return Net(client, deps)


class Outbox:
    """The tenancy.events.v1 messages committed so far, validated strictly by the contract."""

    def __init__(self, deps: Dependencies) -> None:
        self._deps = deps

    def all(self, event_type: str | None = None) -> list[dict[str, Any]]:
        with self._deps.unit_of_work() as uow:
            rows = uow.session.execute(select(outbox_table).order_by(outbox_table.c.id)).all()
        messages = []
        for row in rows:
            assert row.topic == TENANCY_EVENTS.name
            message = json.loads(row.message_value)
            TENANCY_EVENTS.validate(message, strict=True)
            assert row.message_key.decode() == TENANCY_EVENTS.key_for(message["payload"])
            if event_type is None or message["type"] == event_type:
                messages.append(message)
        return messages

    def payloads(self, event_type: str) -> list[dict[str, Any]]:
        return [m["payload"] for m in self.all(event_type)]

    def raw(self) -> str:
        with self._deps.unit_of_work() as uow:
            values = uow.session.scalars(select(outbox_table.c.message_value)).all()
        return "\n".join(v.decode() for v in values)


@pytest.fixture
def outbox(deps: Dependencies) -> Outbox:
    return Outbox(deps)
