"""Template distribution on the real broker: tenancy events through the topic reach the
consumer loop; the relay publishes valid `templates.events.v1` messages, keyed by owner,
carrying the trace of the request that caused them."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.integration


def new_id() -> str:
    return str(uuid.uuid4())


def test_tenancy_events_from_the_topic_drive_pushes_and_the_relay_publishes_them(
    bus, api, tokens, rubric, by_type
) -> None:
    region, early, late = new_id(), new_id(), new_id()
    early_school, late_school = new_id(), new_id()
    bus.tenancy("region.created", region_id=region, name="Region 4")
    for district, school in ((early, early_school), (late, late_school)):
        bus.tenancy("district.created", district_id=district, name="ISD", region_id=None)
        bus.tenancy(
            "school.created",
            school_id=school,
            district_id=district,
            region_id=None,
            name="Elementary",
        )
    bus.tenancy(
        "district.connected",
        district_id=early,
        region_id=region,
        agreement_version="dsa-2026.1",
        connected_at="2026-08-03T14:05:11+00:00",
    )
    admin = tokens.region("region_admin", region)
    template_id = api.create_published(admin, rubric.content())
    api.push(admin, template_id, locked=True)

    bus.tenancy(
        "district.connected",
        district_id=late,
        region_id=region,
        agreement_version="dsa-2026.1",
        connected_at="2026-09-01T08:00:00+00:00",
    )
    observer = tokens.school("observer", late_school, late, region)
    assert [t["template_id"] for t in api.usable(observer, late_school)] == [template_id]

    assert bus.relay() == 3
    records = bus.template_events()
    [published] = by_type(records, "template.version_published")
    assert published["template_id"] == template_id and published["sections"]
    grants = by_type(records, "template.assigned")
    assert [{r["org_id"] for r in g["receivers"]} for g in grants] == [
        {early, early_school},
        {late, late_school},
    ]


def test_relayed_messages_carry_the_trace_of_the_request(bus, api, tokens, rubric) -> None:
    admin = tokens.region("region_admin", new_id())
    api.create_published(admin, rubric.content())
    bus.relay()
    [record] = bus.template_events()
    assert "traceparent" in {name for name, _ in record.headers}


def test_a_redelivered_tenancy_event_is_applied_once(bus, api, tokens, rubric) -> None:
    region, district, school = new_id(), new_id(), new_id()
    bus.tenancy("district.created", district_id=district, name="ISD", region_id=region)
    admin = tokens.region("region_admin", region)
    template_id = api.create_published(admin, rubric.content())
    api.push(admin, template_id, locked=False)
    created = bus.tenancy(
        "school.created",
        school_id=school,
        district_id=district,
        region_id=region,
        name="Elementary",
    )
    sent = bus.relay()
    bus.tenancy(
        "school.created",
        school_id=school,
        district_id=district,
        region_id=region,
        name="Elementary",
    )  # the same fact, a new event: nothing new to announce
    bus._tenancy.publish("tenancy.events.v1", created)  # the same event again
    bus._tenancy.flush()
    bus.consumed.remove(created.event_id)
    from canopy_shared.testing.messaging import run_until

    run_until(bus._loop, lambda: created.event_id in bus.consumed)
    assert bus.relay() == 0
    assert len(bus.template_events()) == sent
