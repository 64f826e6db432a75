"""Reacting to tenancy.events.v1: late-joining districts receive the region's current pushes,
leaving districts lose them, new schools receive their scope's pushes; every handler is
idempotent (a redelivery changes nothing and announces nothing)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.fixture
def region(api, tenancy, tokens, rubric) -> SimpleNamespace:
    """A region with one connected district and school, pushing one template locked."""
    region_id = tenancy.region()
    district = tenancy.district(region_id)
    school = tenancy.school(district, region_id)
    admin = tokens.region("region_admin", region_id)
    template_id = api.create_published(admin, rubric.content("Region standard"))
    api.push(admin, template_id, locked=True)
    return SimpleNamespace(
        id=region_id, district=district, school=school, admin=admin, template=template_id
    )


def usable_ids(api, tokens, school: str, district: str) -> list[str]:
    return [
        t["template_id"] for t in api.usable(tokens.school("observer", school, district), school)
    ]


def test_a_district_connecting_later_receives_the_regions_pushes_with_no_further_action(
    api, tenancy, tokens, outbox, region
) -> None:
    late = tenancy.district(None, name="Late ISD")
    schools = [tenancy.school(late), tenancy.school(late)]
    assert usable_ids(api, tokens, schools[0], late) == []
    before = len(outbox.all())
    tenancy.connect(late, region.id)
    for school in schools:
        assert usable_ids(api, tokens, school, late) == [region.template]
    [grant] = outbox.payloads("template.assigned")[-1:]
    assert len(outbox.all()) == before + 1
    assert grant["locked"] is True and grant["supersedes_version_id"] is None
    assert {(r["org_type"], r["org_id"]) for r in grant["receivers"]} == {
        ("district", late),
        ("school", schools[0]),
        ("school", schools[1]),
    }


def test_a_new_school_in_a_receiving_district_gets_the_pushes(
    api, tenancy, tokens, outbox, region
) -> None:
    school = tenancy.school(region.district, region.id)
    assert usable_ids(api, tokens, school, region.district) == [region.template]
    grant = outbox.payloads("template.assigned")[-1]
    assert grant["receivers"] == [
        {"org_type": "school", "org_id": school, "district_id": region.district}
    ]


def test_a_district_disconnecting_loses_the_regions_pushes_but_keeps_its_own(
    api, client, tenancy, tokens, rubric, outbox, region
) -> None:
    district_admin = tokens.district("district_admin", region.district, region.id)
    own = api.create_published(district_admin, rubric.content("Ours"))
    api.push(district_admin, own)
    tenancy.disconnect(region.district, region.id)
    assert usable_ids(api, tokens, region.school, region.district) == [own]
    [revoked] = outbox.payloads("template.assignment_revoked")
    assert revoked["reason"] == "district_disconnected"
    assert revoked["template_id"] == region.template
    assert {r["org_id"] for r in revoked["receivers"]} == {region.district, region.school}
    listed = client.get("/v1/templates", headers=district_admin).json["templates"]
    assert [t["template_id"] for t in listed] == [own]
    gone = client.get(f"/v1/templates/{region.template}", headers=district_admin)
    assert gone.status_code == 404


def test_reconnecting_restores_the_current_version(api, tenancy, tokens, region) -> None:
    tenancy.disconnect(region.district, region.id)
    api.new_draft(region.admin, region.template)
    api.publish(region.admin, region.template)
    tenancy.connect(region.district, region.id)
    [entry] = api.usable(tokens.school("observer", region.school, region.district), region.school)
    assert entry["version_number"] == 2


def test_redelivered_events_change_nothing_and_announce_nothing(tenancy, outbox, region) -> None:
    late = tenancy.district(None)
    connected = tenancy.connect(late, region.id)
    count = len(outbox.all())
    tenancy.deliver(connected)  # the same event id again (Tansu may redeliver)
    tenancy.connect(late, region.id)  # a new event restating the same fact
    assert len(outbox.all()) == count
    disconnected = tenancy.disconnect(late, region.id)
    count = len(outbox.all())
    tenancy.deliver(disconnected)
    assert len(outbox.all()) == count


def test_a_stale_disconnect_from_another_region_changes_nothing(
    api, tenancy, tokens, outbox, region
) -> None:
    other_region = tenancy.region("Other")
    tenancy.disconnect(region.district, other_region)
    assert usable_ids(api, tokens, region.school, region.district) == [region.template]
    assert outbox.payloads("template.assignment_revoked") == []


def test_a_push_to_listed_districts_does_not_extend_to_late_joiners(
    api, tenancy, tokens, rubric, region
) -> None:
    listed = api.create_published(region.admin, rubric.content("Pilot"))
    api.push(region.admin, listed, district_ids=[region.district])
    late = tenancy.district(region.id)
    school = tenancy.school(late, region.id)
    assert usable_ids(api, tokens, school, late) == [region.template]


def test_a_district_push_to_all_schools_reaches_new_schools_but_a_listed_one_does_not(
    api, tenancy, tokens, rubric, region
) -> None:
    admin = tokens.district("district_admin", region.district, region.id)
    everyone = api.create_published(admin, rubric.content("Everyone"))
    api.push(admin, everyone)
    pilot = api.create_published(admin, rubric.content("Pilot"))
    api.push(admin, pilot, school_ids=[region.school])
    new_school = tenancy.school(region.district, region.id)
    assert sorted(usable_ids(api, tokens, new_school, region.district)) == sorted(
        [region.template, everyone]
    )


def test_a_school_moving_district_follows_its_new_districts_pushes(
    api, tenancy, tokens, rubric, outbox, region
) -> None:
    admin = tokens.district("district_admin", region.district, region.id)
    district_template = api.create_published(admin, rubric.content("D1 only"))
    api.push(admin, district_template)
    standalone = tenancy.district(None)
    tenancy.send(
        "school.updated",
        school_id=region.school,
        district_id=standalone,
        region_id=None,
        name="Cedar",
    )
    assert usable_ids(api, tokens, region.school, standalone) == []
    reasons = {e["reason"] for e in outbox.payloads("template.assignment_revoked")}
    assert reasons == {"school_moved"}


def test_a_district_update_that_changes_its_region_moves_its_pushes(
    api, tenancy, tokens, outbox, region
) -> None:
    other = tenancy.region("Other")
    tenancy.send("district.updated", district_id=region.district, name="Renamed", region_id=other)
    assert usable_ids(api, tokens, region.school, region.district) == []
    assert outbox.payloads("template.assignment_revoked")[0]["reason"] == "district_disconnected"


def test_a_school_seen_before_its_district_is_still_served(api, tenancy, tokens, region) -> None:
    district = "0b7e2d4c-6a1f-4e3b-9c8d-7f5a2e1b3c90"
    school = tenancy.school(district, region.id)  # school.created before district.created
    assert usable_ids(api, tokens, school, district) == [region.template]
    tenancy.send("district.created", district_id=district, name="Known now", region_id=region.id)
    assert usable_ids(api, tokens, school, district) == [region.template]


def test_roster_events_are_ignored(tenancy, outbox, region) -> None:
    count = len(outbox.all())
    tenancy.send(
        "teacher.removed",
        teacher_id="4f8e1b7a-3d6c-4a2e-b9f0-5c1d8e7a3b62",
        district_id=region.district,
    )
    assert len(outbox.all()) == count
