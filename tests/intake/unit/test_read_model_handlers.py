"""The read models kept from tenancy.events.v1 and templates.events.v1, through the real
handlers: what validation sees after each event, and redeliveries changing nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from canopy_intake.adapters.unit_of_work import UnitOfWork
from tests.intake.conftest import Feed, Stored, Tokens, World, new_id, walkthrough_body

UowFactory = Callable[[], UnitOfWork]


def holds(unit_of_work: UowFactory, org_id: str, version_id: str) -> bool:
    with unit_of_work() as uow:
        return uow.templates.held_by(org_id, version_id)


def test_a_redelivered_assignment_does_not_undo_a_later_revocation(
    feed: Feed, world: World, uow_factory: UowFactory
) -> None:
    assigned = next(e for e in feed.delivered if e.type == "template.assigned")
    feed.templates(
        "template.assignment_revoked",
        assignment_id=world.assignment_id,
        template_id=world.template_id,
        owner_type="district",
        owner_id=world.district_id,
        receivers=[
            {"org_type": "school", "org_id": world.school_id, "district_id": world.district_id}
        ],
        reason="push_withdrawn",
        revoked_at="2026-09-01T00:00:00+00:00",
    )
    feed.deliver("templates.events.v1", assigned)  # Tansu may redeliver after a rebalance

    assert not holds(uow_factory, world.school_id, world.version_id)


def test_a_new_version_pushed_supersedes_the_old_one_at_the_school(
    feed: Feed, world: World, uow_factory: UowFactory
) -> None:
    v2 = feed.publish(world.district_id, template_id=world.template_id, version_number=2)
    feed.templates(
        "template.assigned",
        assignment_id=world.assignment_id,
        template_id=world.template_id,
        version_id=v2,
        owner_type="district",
        owner_id=world.district_id,
        assigned_by_type="district",
        assigned_by_id=world.district_id,
        receivers=[
            {"org_type": "school", "org_id": world.school_id, "district_id": world.district_id}
        ],
        locked=False,
        assigned_at="2026-09-02T00:00:00+00:00",
        supersedes_version_id=world.version_id,
    )

    assert holds(uow_factory, world.school_id, v2)
    assert not holds(uow_factory, world.school_id, world.version_id)


def test_a_published_version_is_immutable_in_the_read_model(
    feed: Feed, world: World, uow_factory: UowFactory
) -> None:
    original = next(e for e in feed.delivered if e.type == "template.version_published")
    altered = original.to_dict()
    altered["event_id"] = new_id()
    altered["payload"]["title"] = "Tampered"
    feed.templates("template.version_published", **altered["payload"])
    with uow_factory() as uow:
        version = uow.templates.version(world.version_id)
        assert version is not None and version.title == "Brazos Walkthrough"


def test_region_connection_follows_the_district_into_raw_messages(
    client: FlaskClient, tokens: Tokens, feed: Feed, world: World, stored: Stored
) -> None:
    def submitted_region() -> Any:
        body = walkthrough_body(world)
        client.post("/v1/walkthroughs", json=body, headers=tokens.observer(world))
        return stored.raw_messages()[-1]["payload"]["region_id"]

    assert submitted_region() == world.region_id
    stale = {"district_id": world.district_id, "disconnected_at": "2026-09-01T00:00:00+00:00"}
    feed.tenancy("district.disconnected", region_id=new_id(), **stale)  # not its region
    assert submitted_region() == world.region_id
    feed.tenancy("district.disconnected", region_id=world.region_id, **stale)
    assert submitted_region() is None
    other_region = new_id()
    feed.tenancy(
        "district.connected",
        district_id=world.district_id,
        region_id=other_region,
        agreement_version="dsa-2026.1",
        connected_at="2026-09-02T00:00:00+00:00",
    )
    assert submitted_region() == other_region


def test_roster_and_observer_changes(feed: Feed, world: World, uow_factory: UowFactory) -> None:
    oak = feed.school(world.district_id, "Oak")
    feed.tenancy(
        "teacher.moved",
        teacher_id=world.teacher_id,
        district_id=world.district_id,
        from_school_ids=[world.school_id],
        to_school_ids=[world.school_id, oak],
    )
    observer = feed.observer(world.district_id, oak)
    unassigned = feed.tenancy(
        "observer.unassigned", user_id=observer, district_id=world.district_id, school_id=oak
    )
    feed.deliver("tenancy.events.v1", unassigned)
    with uow_factory() as uow:
        assert uow.orgs.teaches_at(world.teacher_id, oak)
        assert uow.orgs.teaches_at(world.teacher_id, world.school_id)
        assert not uow.orgs.observes(observer, oak)
        assert uow.orgs.observes(world.observer_id, world.school_id)


def test_a_school_heard_before_its_district_is_kept_and_named_later(
    feed: Feed, uow_factory: UowFactory
) -> None:
    district_id = new_id()
    school_id = feed.school(district_id, "Early Bird")
    feed.tenancy("district.created", district_id=district_id, name="Late ISD", region_id=None)
    feed.tenancy("region.created", region_id=new_id(), name="Ignored")  # not needed here
    with uow_factory() as uow:
        school, district = uow.orgs.school(school_id), uow.orgs.district(district_id)
        assert school is not None and school.district_id == district_id
        assert district is not None and district.name == "Late ISD"
