"""Fixtures for template distribution's tests.

- `app`/`client`: the real app factory on a temporary SQLite database migrated by Alembic
  (migrated once per session, copied per test), tokens verified with a `TestSigner`'s keys.
- `tenancy`: feeds `tenancy.events.v1` messages (validated by the contract) through the real
  handlers, as the consumer would, to build regions, districts and schools.
- `tokens`: bearer headers for every role, shaped like tenancy's tokens.
- `outbox`: the `templates.events.v1` messages written so far (validated strictly).
- `rubric`: template content builders.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from canopy_shared.contracts import TEMPLATES_EVENTS, TENANCY_EVENTS, Envelope
from canopy_shared.messaging.consumer import ConsumedMessage
from canopy_shared.runtime.infrastructure import build_infrastructure
from canopy_shared.testing.databases import copy_database, migrated_database, offline_environment
from canopy_shared.testing.tokens import TestSigner
from canopy_shared.web.dependencies import current_dependencies
from canopy_templates.__main__ import MIGRATIONS
from canopy_templates.adapters.db import outbox as outbox_table
from canopy_templates.adapters.unit_of_work import UnitOfWork
from canopy_templates.app import create_app
from canopy_templates.bootstrap import Dependencies
from canopy_templates.handlers import build_handlers
from canopy_templates.settings import Settings


def new_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture(scope="session")
def _migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return migrated_database(tmp_path_factory.mktemp("templates-db") / "template.db", MIGRATIONS)


@pytest.fixture
def database_url(_migrated_db: Path, tmp_path: Path) -> str:
    return copy_database(_migrated_db, tmp_path / "template-distribution.db")


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings.from_env(offline_environment(database_url))


@pytest.fixture
def app(settings: Settings, signer: TestSigner) -> Flask:
    infra = build_infrastructure(settings.common, verifier=signer.verifier())
    return create_app(settings, infra)


@pytest.fixture
def uow_factory(app: Flask) -> Callable[[], UnitOfWork]:
    with app.app_context():
        return current_dependencies(Dependencies).unit_of_work


class Tenancy:
    """Tenancy's side of the world, as events through the real handlers."""

    def __init__(self, unit_of_work: Callable[[], UnitOfWork]) -> None:
        self.handlers = build_handlers(unit_of_work)
        self.delivered: list[Envelope] = []

    def send(self, event_type: str, **payload: Any) -> Envelope:
        envelope = Envelope(type=event_type, producer="tenancy", payload=payload)
        self.deliver(envelope)
        return envelope

    def deliver(self, envelope: Envelope) -> None:
        loaded = TENANCY_EVENTS.validate(envelope.to_dict(), strict=True)
        message = ConsumedMessage(TENANCY_EVENTS.name, 0, len(self.delivered), None, loaded)
        handler = self.handlers.get(envelope.type)
        if handler is not None:
            handler(message)
        self.delivered.append(envelope)

    def region(self, name: str = "Gulf Coast ESC") -> str:
        region_id = new_id()
        self.send("region.created", region_id=region_id, name=name)
        return region_id

    def district(self, region_id: str | None = None, name: str = "Brazos ISD") -> str:
        district_id = new_id()
        self.send("district.created", district_id=district_id, name=name, region_id=None)
        if region_id:
            self.connect(district_id, region_id)
        return district_id

    def connect(self, district_id: str, region_id: str) -> Envelope:
        return self.send(
            "district.connected",
            district_id=district_id,
            region_id=region_id,
            agreement_version="dsa-2026.1",
            connected_at="2026-08-03T14:05:11+00:00",
        )

    def disconnect(self, district_id: str, region_id: str) -> Envelope:
        return self.send(
            "district.disconnected",
            district_id=district_id,
            region_id=region_id,
            disconnected_at="2026-08-04T09:12:40+00:00",
        )

    def school(self, district_id: str, region_id: str | None = None, name: str = "Cedar") -> str:
        school_id = new_id()
        self.send(
            "school.created",
            school_id=school_id,
            district_id=district_id,
            region_id=region_id,
            name=name,
        )
        return school_id

    def assign_observer(self, user_id: str, district_id: str, school_id: str) -> None:
        self.send(
            "observer.assigned", user_id=user_id, district_id=district_id, school_id=school_id
        )


@pytest.fixture
def tenancy(uow_factory: Callable[[], UnitOfWork]) -> Tenancy:
    return Tenancy(uow_factory)


class Tokens:
    """`Authorization` headers shaped like tenancy's tokens, for each tier."""

    def __init__(self, signer: TestSigner) -> None:
        self._signer = signer

    def region(self, role: str, region_id: str, **claims: Any) -> dict[str, str]:
        return self._headers(
            role=role, org_id=region_id, org_tier="region", region_id=region_id, **claims
        )

    def district(
        self, role: str, district_id: str, region_id: str | None = None, **claims: Any
    ) -> dict[str, str]:
        return self._headers(
            role=role,
            org_id=district_id,
            org_tier="district",
            district_id=district_id,
            region_id=region_id,
            **claims,
        )

    def school(
        self,
        role: str,
        school_id: str,
        district_id: str,
        region_id: str | None = None,
        **claims: Any,
    ) -> dict[str, str]:
        return self._headers(
            role=role,
            org_id=school_id,
            org_tier="school",
            district_id=district_id,
            region_id=region_id,
            **claims,
        )

    def _headers(self, **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._signer.mint(**claims)}"}


@pytest.fixture
def tokens(signer: TestSigner) -> Tokens:
    return Tokens(signer)


class Outbox:
    """The templates.events.v1 messages committed so far, validated strictly by the contract."""

    def __init__(self, unit_of_work: Callable[[], UnitOfWork]) -> None:
        self._unit_of_work = unit_of_work

    def all(self, event_type: str | None = None) -> list[dict[str, Any]]:
        with self._unit_of_work() as uow:
            rows = uow.session.execute(select(outbox_table).order_by(outbox_table.c.id)).all()
        messages = []
        for row in rows:
            assert row.topic == TEMPLATES_EVENTS.name
            message = json.loads(row.message_value)
            TEMPLATES_EVENTS.validate(message, strict=True)
            assert row.message_key.decode() == message["payload"]["owner_id"]
            if event_type is None or message["type"] == event_type:
                messages.append(message)
        return messages

    def payloads(self, event_type: str) -> list[dict[str, Any]]:
        return [m["payload"] for m in self.all(event_type)]


@pytest.fixture
def outbox(uow_factory: Callable[[], UnitOfWork]) -> Outbox:
    return Outbox(uow_factory)


def levels_scale(*values: int) -> dict[str, Any]:
    labels = ["Not yet", "Emerging", "Proficient", "Exemplary", "Beyond", "Far beyond"]
    return {
        "kind": "levels",
        "levels": [
            {
                "value": v,
                "label": labels[i % len(labels)] + ("" if i < 6 else str(i)),
                "descriptor": f"Level {v}.",
            }
            for i, v in enumerate(values)
        ],
    }


class Rubric:
    """Template content as clients send it."""

    scale = staticmethod(levels_scale)

    @staticmethod
    def indicator(text: str, key: str | None = None, **extra: Any) -> dict[str, Any]:
        indicator: dict[str, Any] = {"text": text, "scale": levels_scale(1, 2, 3, 4), **extra}
        if key is not None:
            indicator["key"] = key
        return indicator

    def content(self, title: str = "Instructional Walkthrough", **extra: Any) -> dict[str, Any]:
        content = {
            "title": title,
            "description": "Ten-minute walkthrough.",
            "sections": [
                {
                    "key": "engagement",
                    "title": "Student engagement",
                    "indicators": [
                        self.indicator(
                            "Students are engaged in grade-level work.",
                            "engagement.on_task",
                            required=True,
                            tags=["engagement"],
                        ),
                        {
                            "key": "engagement.discourse",
                            "text": "Students talk about content.",
                            "scale": {"kind": "yes_no"},
                        },
                    ],
                },
                {
                    "key": "cfu",
                    "title": "Checks for understanding",
                    "indicators": [
                        {
                            "key": "cfu.questions",
                            "text": "Higher-order questions asked.",
                            "scale": {"kind": "count", "min": 0, "max": 50},
                        },
                    ],
                },
            ],
        }
        content.update(extra)
        return content


@pytest.fixture
def rubric() -> Rubric:
    return Rubric()


class Api:
    """The template endpoints as a region, district or school admin calls them."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def create(self, headers: dict[str, str], content: dict[str, Any]) -> dict[str, Any]:
        return self._ok(self.client.post("/v1/templates", json=content, headers=headers), 201)

    def publish(self, headers: dict[str, str], template_id: str, **body: Any) -> dict[str, Any]:
        response = self.client.post(
            f"/v1/templates/{template_id}/publish", json=body, headers=headers
        )
        return self._ok(response, 201)

    def create_published(self, headers: dict[str, str], content: dict[str, Any]) -> str:
        template_id: str = self.create(headers, content)["template_id"]
        self.publish(headers, template_id)
        return template_id

    def push(self, headers: dict[str, str], template_id: str, **body: Any) -> dict[str, Any]:
        body.setdefault("locked", False)
        response = self.client.post(f"/v1/templates/{template_id}/push", json=body, headers=headers)
        return self._ok(response, 200)

    def new_draft(self, headers: dict[str, str], template_id: str) -> dict[str, Any]:
        response = self.client.post(f"/v1/templates/{template_id}/draft", json={}, headers=headers)
        return self._ok(response, 201)

    def edit(self, headers: dict[str, str], template_id: str, content: dict[str, Any]) -> Any:
        response = self.client.put(
            f"/v1/templates/{template_id}/draft", json=content, headers=headers
        )
        return self._ok(response, 200)

    def usable(self, headers: dict[str, str], school_id: str) -> list[dict[str, Any]]:
        response = self.client.get(f"/v1/schools/{school_id}/templates", headers=headers)
        templates: list[dict[str, Any]] = self._ok(response, 200)["templates"]
        return templates

    @staticmethod
    def _ok(response: Any, status: int) -> Any:
        assert response.status_code == status, (response.status_code, response.json)
        return response.json


@pytest.fixture
def api(client: FlaskClient) -> Api:
    return Api(client)
