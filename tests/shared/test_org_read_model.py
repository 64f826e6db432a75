"""The shared organisation read model (`canopy_shared.org_read_model`) through its handlers, on
a database of its own: what it records from each tenancy event, redeliveries changing nothing,
and when a service's follow-ups run."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData
from sqlalchemy.orm import Session

from canopy_shared.contracts import TENANCY_EVENTS, Envelope
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.consumer import ConsumedMessage, Handler
from canopy_shared.messaging.idempotency import define_processed_events_table
from canopy_shared.messaging.outbox import define_outbox_table
from canopy_shared.messaging.unit_of_work import OutboxUnitOfWork
from canopy_shared.org_read_model.handlers import build_org_handlers
from canopy_shared.org_read_model.records import District, School
from canopy_shared.org_read_model.repository import OrgRepository
from canopy_shared.org_read_model.sync import NoFollowUps
from canopy_shared.org_read_model.tables import define_org_tables

metadata = MetaData()
TABLES = define_org_tables(metadata, with_regions=True, index_district_region=True)


class UnitOfWork(OutboxUnitOfWork):
    consumer = "test"
    topic = TENANCY_EVENTS.name
    outbox_table = define_outbox_table(metadata)
    processed_events_table = define_processed_events_table(metadata)
    orgs: OrgRepository

    def open_repositories(self, session: Session) -> None:
        self.orgs = OrgRepository(session, TABLES)


class Recorder:
    """Follow-ups that only remember what they were told."""

    def __init__(self, district_region_from_school: bool) -> None:
        self.district_region_from_school = district_region_from_school
        self.calls: list[tuple[str, Any]] = []

    def regions_changed(self, uow: UnitOfWork, region_ids: list[str]) -> None:
        self.calls.append(("regions", region_ids))

    def school_changed(
        self, uow: UnitOfWork, district_ids: list[str], region_id: str | None
    ) -> None:
        self.calls.append(("school", (district_ids, region_id)))


def new_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def unit_of_work(tmp_path: Path) -> Callable[[], UnitOfWork]:
    engine = make_engine(f"sqlite:///{tmp_path / 'orgs.db'}")
    metadata.create_all(engine)
    sessions = make_session_factory(engine)
    return lambda: UnitOfWork(sessions)


def deliver(handlers: dict[str, Handler], event_type: str, **payload: Any) -> Envelope:
    envelope = Envelope(type=event_type, producer="tenancy", payload=payload)
    redeliver(handlers, envelope)
    return envelope


def redeliver(handlers: dict[str, Handler], envelope: Envelope) -> None:
    loaded = TENANCY_EVENTS.validate(envelope.to_dict(), strict=True)
    handlers[envelope.type](ConsumedMessage(TENANCY_EVENTS.name, 0, 0, None, loaded))


def test_districts_schools_and_connections_are_recorded_once(
    unit_of_work: Callable[[], UnitOfWork],
) -> None:
    follow = Recorder(district_region_from_school=False)
    handlers = build_org_handlers(unit_of_work, follow, with_regions=True)
    region, district, school = new_id(), new_id(), new_id()
    deliver(handlers, "district.created", district_id=district, name="Brazos", region_id=None)
    connected = deliver(
        handlers,
        "district.connected",
        district_id=district,
        region_id=region,
        agreement_version="dsa-2026.1",
        connected_at="2026-08-03T14:05:11+00:00",
    )
    redeliver(handlers, connected)
    deliver(
        handlers,
        "school.created",
        school_id=school,
        district_id=district,
        region_id=region,
        name="Cedar",
    )
    with unit_of_work() as uow:
        assert uow.orgs.district(district) == District(district, "Brazos", region)
        assert uow.orgs.school(school) == School(school, district, "Cedar")
        assert uow.orgs.connected_district_ids(region) == [district]
    assert follow.calls == [("regions", [region]), ("school", ([district], region))]


def test_a_stale_disconnect_changes_nothing(unit_of_work: Callable[[], UnitOfWork]) -> None:
    handlers = build_org_handlers(unit_of_work, NoFollowUps(), with_regions=False)
    district, region = new_id(), new_id()
    deliver(handlers, "district.created", district_id=district, name="Brazos", region_id=region)
    stale = {"district_id": district, "disconnected_at": "2026-09-01T00:00:00+00:00"}
    deliver(handlers, "district.disconnected", region_id=new_id(), **stale)
    with unit_of_work() as uow:
        assert uow.orgs.district(district) == District(district, "Brazos", region)
    deliver(handlers, "district.disconnected", region_id=region, **stale)
    with unit_of_work() as uow:
        assert uow.orgs.district(district) == District(district, "Brazos", None)
    assert "region.created" not in handlers


@pytest.mark.parametrize("from_school", [True, False])
def test_a_school_heard_before_its_district(
    unit_of_work: Callable[[], UnitOfWork], from_school: bool
) -> None:
    follow = Recorder(district_region_from_school=from_school)
    handlers = build_org_handlers(unit_of_work, follow, with_regions=True)
    district, region, school = new_id(), new_id(), new_id()
    deliver(
        handlers,
        "school.created",
        school_id=school,
        district_id=district,
        region_id=region,
        name="Oak",
    )
    with unit_of_work() as uow:
        expected = region if from_school else None
        assert uow.orgs.district(district) == District(district, None, expected)
    deliver(handlers, "district.created", district_id=district, name="Late", region_id=region)
    with unit_of_work() as uow:
        assert uow.orgs.district(district) == District(district, "Late", region)


def test_observers_are_assigned_and_unassigned(unit_of_work: Callable[[], UnitOfWork]) -> None:
    handlers = build_org_handlers(unit_of_work, NoFollowUps(), with_regions=False)
    user, district, school = new_id(), new_id(), new_id()
    assigned = deliver(
        handlers, "observer.assigned", user_id=user, district_id=district, school_id=school
    )
    redeliver(handlers, assigned)
    with unit_of_work() as uow:
        assert uow.orgs.observes(user, school)
    deliver(handlers, "observer.unassigned", user_id=user, district_id=district, school_id=school)
    with unit_of_work() as uow:
        assert not uow.orgs.observes(user, school)
