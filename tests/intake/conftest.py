"""Fixtures for observation intake's tests.

- `app`/`client`: the real app factory on a temporary SQLite database migrated by Alembic
  (migrated once per session, copied per test), tokens verified with a `TestSigner`'s keys.
- `feed`: delivers tenancy.events.v1 / templates.events.v1 messages (validated strictly by
  their contracts) through the real handlers, as the consumer would.
- `world`: one connected district with a school, a teacher, an observer and a template version
  pushed to the school — the setting most tests submit walkthroughs in.
- `tokens`: bearer headers for every role; `outbox`: the raw messages written so far.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from canopy_intake.__main__ import MIGRATIONS
from canopy_intake.adapters.db import Walkthrough
from canopy_intake.adapters.db import outbox as outbox_table
from canopy_intake.adapters.unit_of_work import UnitOfWork
from canopy_intake.app import create_app
from canopy_intake.bootstrap import Dependencies
from canopy_intake.handlers import build_handlers
from canopy_intake.settings import Settings
from canopy_shared.contracts import OBSERVATIONS_RAW, TEMPLATES_EVENTS, TENANCY_EVENTS, Envelope
from canopy_shared.messaging.consumer import ConsumedMessage
from canopy_shared.runtime.infrastructure import build_infrastructure
from canopy_shared.testing.databases import copy_database, migrated_database, offline_environment
from canopy_shared.testing.tokens import TestSigner
from canopy_shared.web.dependencies import current_dependencies

EXAMPLES = files("canopy_shared.contracts") / "examples"


def new_id() -> str:
    return str(uuid.uuid4())


def example_sections() -> list[dict[str, Any]]:
    """The example rubric: engagement.on_task (levels 1-4, required), engagement.discourse
    (yes/no), cfu.questions (count 0-50)."""
    messages = json.loads((EXAMPLES / "templates.events.v1.json").read_text())
    return copy.deepcopy(messages[0]["payload"]["sections"])


@pytest.fixture(scope="session")
def _migrated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return migrated_database(tmp_path_factory.mktemp("intake-db") / "intake.db", MIGRATIONS)


@pytest.fixture
def database_url(_migrated_db: Path, tmp_path: Path) -> str:
    return copy_database(_migrated_db, tmp_path / "observation-intake.db")


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


class Feed:
    """Tenancy's and template distribution's side of the world, as bus events through the
    real handlers."""

    def __init__(self, unit_of_work: Callable[[], UnitOfWork]) -> None:
        self.handlers = build_handlers(unit_of_work)
        self.delivered: list[Envelope] = []

    def tenancy(self, event_type: str, **payload: Any) -> Envelope:
        return self.deliver(TENANCY_EVENTS.name, Envelope(event_type, payload, "tenancy"))

    def templates(self, event_type: str, **payload: Any) -> Envelope:
        envelope = Envelope(event_type, payload, "template-distribution")
        return self.deliver(TEMPLATES_EVENTS.name, envelope)

    def deliver(self, topic_name: str, envelope: Envelope) -> Envelope:
        topic = TENANCY_EVENTS if topic_name == TENANCY_EVENTS.name else TEMPLATES_EVENTS
        loaded = topic.validate(envelope.to_dict(), strict=True)
        message = ConsumedMessage(topic_name, 0, len(self.delivered), None, loaded)
        handler = self.handlers.get(envelope.type)
        if handler is not None:
            handler(message)
        self.delivered.append(envelope)
        return envelope

    # --- tenancy ---------------------------------------------------------------------------

    def district(self, region_id: str | None = None, name: str = "Brazos ISD") -> str:
        district_id = new_id()
        self.tenancy("district.created", district_id=district_id, name=name, region_id=region_id)
        return district_id

    def school(self, district_id: str, name: str = "Cedar Elementary") -> str:
        school_id = new_id()
        self.tenancy(
            "school.created",
            school_id=school_id,
            district_id=district_id,
            region_id=None,
            name=name,
        )
        return school_id

    def teacher(self, district_id: str, *school_ids: str) -> str:
        teacher_id = new_id()
        self.tenancy(
            "teacher.rostered",
            teacher_id=teacher_id,
            district_id=district_id,
            school_ids=list(school_ids),
        )
        return teacher_id

    def observer(self, district_id: str, school_id: str, user_id: str | None = None) -> str:
        user_id = user_id or new_id()
        self.tenancy(
            "observer.assigned", user_id=user_id, district_id=district_id, school_id=school_id
        )
        return user_id

    # --- templates -------------------------------------------------------------------------

    def publish(self, owner_id: str, owner_type: str = "district", **content: Any) -> str:
        version_id = new_id()
        self.templates(
            "template.version_published",
            template_id=content.pop("template_id", new_id()),
            version_id=version_id,
            version_number=content.pop("version_number", 1),
            owner_type=owner_type,
            owner_id=owner_id,
            region_id=None,
            title=content.pop("title", "Brazos Walkthrough"),
            description="",
            derived_from=None,
            sections=content.pop("sections", example_sections()),
            published_at="2026-08-05T16:20:03+00:00",
        )
        return version_id

    def assign(
        self, version_id: str, template_id: str, owner_id: str, district_id: str, *schools: str
    ) -> str:
        assignment_id = new_id()
        self.templates(
            "template.assigned",
            assignment_id=assignment_id,
            template_id=template_id,
            version_id=version_id,
            owner_type="district",
            owner_id=owner_id,
            assigned_by_type="district",
            assigned_by_id=owner_id,
            receivers=[
                {"org_type": "school", "org_id": s, "district_id": district_id} for s in schools
            ],
            locked=True,
            assigned_at="2026-08-05T16:25:00+00:00",
            supersedes_version_id=None,
        )
        return assignment_id


@pytest.fixture
def feed(uow_factory: Callable[[], UnitOfWork]) -> Feed:
    return Feed(uow_factory)


@dataclass
class World:
    region_id: str
    district_id: str
    school_id: str
    teacher_id: str
    observer_id: str
    template_id: str
    version_id: str
    assignment_id: str


def build_world(feed: Feed, region_id: str | None = None) -> World:
    region_id = region_id or new_id()
    district_id = feed.district(region_id)
    school_id = feed.school(district_id)
    template_id = new_id()
    version_id = feed.publish(district_id, template_id=template_id)
    return World(
        region_id=region_id,
        district_id=district_id,
        school_id=school_id,
        teacher_id=feed.teacher(district_id, school_id),
        observer_id=feed.observer(district_id, school_id),
        template_id=template_id,
        version_id=version_id,
        assignment_id=feed.assign(version_id, template_id, district_id, district_id, school_id),
    )


@pytest.fixture
def world(feed: Feed) -> World:
    return build_world(feed)


def walkthrough_body(world: World, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "observation_id": new_id(),
        "school_id": world.school_id,
        "teacher_id": world.teacher_id,
        "template_version_id": world.version_id,
        "observed_at": "2026-09-14T09:30:00-05:00",
        "duration_minutes": 12,
        "subject": "math",
        "grade_level": "4",
        "ratings": [
            {"indicator_key": "engagement.on_task", "value": 3},
            {"indicator_key": "engagement.discourse", "value": 1},
            {"indicator_key": "cfu.questions", "value": 4},
        ],
        "notes": {
            "overall": "Strong number talk to open.",
            "by_indicator": {"engagement.discourse": "Pairs explained strategies."},
        },
    }
    body.update(overrides)
    return body


@pytest.fixture
def make_body(world: World) -> Callable[..., dict[str, Any]]:
    return lambda **overrides: walkthrough_body(world, **overrides)


class Tokens:
    """`Authorization` headers shaped like tenancy's tokens."""

    def __init__(self, signer: TestSigner) -> None:
        self._signer = signer

    def district(self, role: str, district_id: str, **claims: Any) -> dict[str, str]:
        return self._headers(
            role=role, org_id=district_id, org_tier="district", district_id=district_id, **claims
        )

    def school(self, role: str, school_id: str, district_id: str, **claims: Any) -> dict[str, str]:
        return self._headers(
            role=role, org_id=school_id, org_tier="school", district_id=district_id, **claims
        )

    def observer(self, world: World, user_id: str | None = None) -> dict[str, str]:
        """An observer whose home school is another one: they observe by assignment."""
        return self.school(
            "observer", new_id(), world.district_id, sub=user_id or world.observer_id
        )

    def region(self, role: str, region_id: str, **claims: Any) -> dict[str, str]:
        return self._headers(
            role=role, org_id=region_id, org_tier="region", region_id=region_id, **claims
        )

    def region_coach(self, region_id: str, user_id: str) -> dict[str, str]:
        """A region coach: observes where districts of the region assigned them."""
        return self.region("region_coach", region_id, sub=user_id)

    def _headers(self, **claims: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._signer.mint(**claims)}"}


@pytest.fixture
def tokens(signer: TestSigner) -> Tokens:
    return Tokens(signer)


class Stored:
    """What the database holds: walkthroughs and raw messages in the outbox."""

    def __init__(self, unit_of_work: Callable[[], UnitOfWork]) -> None:
        self._uow = unit_of_work

    def walkthroughs(self) -> int:
        with self._uow() as uow:
            return uow.session.scalar(select(func.count()).select_from(Walkthrough)) or 0

    def raw_messages(self) -> list[dict[str, Any]]:
        """Every outbox message, checked strictly against observations.raw.v1."""
        with self._uow() as uow:
            rows = uow.session.execute(select(outbox_table).order_by(outbox_table.c.id)).all()
        messages = []
        for row in rows:
            assert row.topic == OBSERVATIONS_RAW.name
            message = json.loads(row.message_value)
            OBSERVATIONS_RAW.validate(message, strict=True)
            assert row.message_key == message["payload"]["district_id"].encode()
            messages.append(message)
        return messages


@pytest.fixture
def stored(uow_factory: Callable[[], UnitOfWork]) -> Stored:
    return Stored(uow_factory)
