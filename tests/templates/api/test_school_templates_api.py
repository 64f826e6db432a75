"""GET /v1/schools/{id}/templates: what a school's observers may use now, with full content,
readable by the school's people, observers assigned to it and its district's people."""

from __future__ import annotations

import uuid

import pytest


@pytest.fixture
def pushed(api, tenancy, tokens, rubric):
    region = tenancy.region()
    district = tenancy.district(region)
    school, sibling = tenancy.school(district, region), tenancy.school(district, region)
    region_admin = tokens.region("region_admin", region)
    template_id = api.create_published(region_admin, rubric.content("Region standard"))
    api.push(region_admin, template_id, locked=True)
    return region, district, school, sibling, template_id


def test_the_list_carries_everything_needed_to_render_offline(api, tokens, pushed) -> None:
    region, district, school, _, template_id = pushed
    [entry] = api.usable(tokens.school("teacher", school, district, region), school)
    assert entry["template_id"] == template_id and entry["version_number"] == 1
    indicator = entry["sections"][0]["indicators"][0]
    assert indicator["scale"]["levels"][0] == {
        "value": 1,
        "label": "Not yet",
        "descriptor": "Level 1.",
    }
    assert {"assignment_id", "locked", "assigned_at", "title", "description"} <= set(entry)


def test_usable_templates_come_region_then_district_then_school(
    api, tokens, rubric, pushed
) -> None:
    region, district, school, _, _ = pushed
    district_admin = tokens.district("district_admin", district, region)
    district_template = api.create_published(district_admin, rubric.content("A district one"))
    api.push(district_admin, district_template)
    school_admin = tokens.school("school_admin", school, district, region)
    api.create_published(school_admin, rubric.content("A school one"))
    listed = api.usable(school_admin, school)
    assert [t["owner_type"] for t in listed] == ["region", "district", "school"]


def test_an_observer_assigned_to_another_school_may_read_its_list(
    api, client, tenancy, tokens, pushed
) -> None:
    region, district, school, sibling, template_id = pushed
    coach = str(uuid.uuid4())
    headers = tokens.school("observer", school, district, region, sub=coach)
    assert client.get(f"/v1/schools/{sibling}/templates", headers=headers).status_code == 403
    tenancy.assign_observer(coach, district, sibling)
    assert [t["template_id"] for t in api.usable(headers, sibling)] == [template_id]
    tenancy.send("observer.unassigned", user_id=coach, district_id=district, school_id=sibling)
    assert client.get(f"/v1/schools/{sibling}/templates", headers=headers).status_code == 403


def test_district_people_read_their_schools_lists_only(
    api, client, tenancy, tokens, pushed
) -> None:
    region, district, school, _, _ = pushed
    assert len(api.usable(tokens.district("district_leader", district, region), school)) == 1
    other = tenancy.district(region)
    response = client.get(
        f"/v1/schools/{school}/templates", headers=tokens.district("district_admin", other, region)
    )
    assert response.status_code == 403
    assert response.json["error"]["rule"] == "own_school"


def test_region_roles_do_not_read_school_lists(client, tokens, pushed) -> None:
    region, _, school, _, _ = pushed
    for role in ("region_admin", "region_leader"):
        response = client.get(
            f"/v1/schools/{school}/templates", headers=tokens.region(role, region)
        )
        assert response.status_code == 403


def test_a_region_coach_reads_the_lists_of_the_schools_a_district_assigned(
    api, client, tenancy, tokens, pushed
) -> None:
    region, district, school, sibling, template_id = pushed
    coach = str(uuid.uuid4())
    headers = tokens.region("region_coach", region, sub=coach)
    assert client.get(f"/v1/schools/{school}/templates", headers=headers).status_code == 403
    tenancy.assign_observer(coach, district, school)
    assert [t["template_id"] for t in api.usable(headers, school)] == [template_id]
    assert client.get(f"/v1/schools/{sibling}/templates", headers=headers).status_code == 403
    tenancy.send("observer.unassigned", user_id=coach, district_id=district, school_id=school)
    assert client.get(f"/v1/schools/{school}/templates", headers=headers).status_code == 403
