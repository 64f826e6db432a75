"""Draft -> publish (immutable version N) -> new draft (N+1) -> retire, over HTTP, with the
events each step announces and the errors each misuse gets."""

from __future__ import annotations

from typing import Any


def error(response: Any) -> dict[str, Any]:
    body: dict[str, Any] = response.json["error"]
    return body


def test_a_new_template_is_a_draft_owned_by_the_callers_organisation(
    api, client, tokens, rubric
) -> None:
    district_id = "a6c1d0f2-3b9e-4f7a-8d21-5e4c7b9a0f13"
    created = api.create(tokens.district("district_admin", district_id), rubric.content())
    assert (created["owner_type"], created["owner_id"]) == ("district", district_id)
    assert created["status"] == "draft" and created["versions"] == []
    sections = created["draft"]["sections"]
    assert [s["key"] for s in sections] == ["engagement", "cfu"]
    assert sections[1]["position"] == 1


def test_publish_creates_version_1_and_announces_its_full_content(
    api, client, tokens, tenancy, rubric, outbox
) -> None:
    region = tenancy.region()
    district = tenancy.district(region)
    headers = tokens.district("district_admin", district, region)
    template_id = api.create(headers, rubric.content())["template_id"]
    version = api.publish(headers, template_id)
    assert version["version_number"] == 1
    template = client.get(f"/v1/templates/{template_id}", headers=headers).json
    assert template["status"] == "published" and template["draft"] is None
    [published] = outbox.payloads("template.version_published")
    assert published["version_id"] == version["version_id"]
    assert published["region_id"] == region  # the owning district's region
    assert published["sections"] == version["sections"]
    assert published["sections"][0]["indicators"][0]["key"] == "engagement.on_task"


def test_a_published_version_can_never_be_edited_or_deleted(api, client, tokens, rubric) -> None:
    headers = tokens.region("region_admin", "3f2b8c1e-7a4d-4e6b-9c2a-1d5e8f0a7b34")
    template_id = api.create_published(headers, rubric.content())
    edit = client.put(
        f"/v1/templates/{template_id}/draft", json=rubric.content("New"), headers=headers
    )
    assert edit.status_code == 409
    assert error(edit)["rule"] == "published_is_immutable"
    assert f"POST /v1/templates/{template_id}/draft" in error(edit)["message"]
    for method in (client.put, client.delete):
        response = method(f"/v1/templates/{template_id}/versions/1", headers=headers)
        assert response.status_code == 409
        assert error(response)["rule"] == "published_is_immutable"
    again = client.post(f"/v1/templates/{template_id}/publish", json={}, headers=headers)
    assert (again.status_code, error(again)["rule"]) == (409, "draft_required")


def test_a_new_draft_publishes_as_version_2_keeping_unchanged_indicator_keys(
    api, client, tokens, rubric
) -> None:
    headers = tokens.region("region_admin", "3f2b8c1e-7a4d-4e6b-9c2a-1d5e8f0a7b34")
    template_id = api.create_published(headers, rubric.content())
    draft = api.new_draft(headers, template_id)["draft"]
    # A client that drops every key and adds an indicator: unchanged ones keep theirs.
    for section in draft["sections"]:
        for indicator in section["indicators"]:
            indicator.pop("key")
        section.pop("key"), section.pop("position")
    draft["sections"][0]["indicators"].append(rubric.indicator("Students explain thinking."))
    draft.pop("base_version_id")
    api.edit(headers, template_id, draft)
    v2 = api.publish(headers, template_id)
    keys = [i["key"] for s in v2["sections"] for i in s["indicators"]]
    assert v2["version_number"] == 2
    assert keys == [
        "engagement.on_task",
        "engagement.discourse",
        "students_explain_thinking",
        "cfu.questions",
    ]
    v1 = client.get(f"/v1/templates/{template_id}/versions/1", headers=headers).json
    assert len(v1["sections"][0]["indicators"]) == 2  # version 1 is untouched


def test_only_one_draft_is_open_at_a_time(api, client, tokens, rubric) -> None:
    headers = tokens.region("region_admin", "3f2b8c1e-7a4d-4e6b-9c2a-1d5e8f0a7b34")
    template_id = api.create_published(headers, rubric.content())
    api.new_draft(headers, template_id)
    again = client.post(f"/v1/templates/{template_id}/draft", json={}, headers=headers)
    assert (again.status_code, error(again)["rule"]) == (409, "one_open_draft")
    missing = client.post(
        f"/v1/templates/{template_id}/draft", json={"from_version": 7}, headers=headers
    )
    assert missing.status_code == 409  # the open draft is checked first


def test_content_errors_name_the_field_and_rule(api, client, tokens, rubric) -> None:
    headers = tokens.region("region_admin", "3f2b8c1e-7a4d-4e6b-9c2a-1d5e8f0a7b34")
    duplicate = rubric.content()
    duplicate["sections"][1]["indicators"][0]["key"] = "engagement.on_task"
    empty_scale = rubric.content()
    empty_scale["sections"][0]["indicators"][0]["scale"] = {"kind": "levels", "levels": []}
    disorder = rubric.content()
    disorder["sections"][0]["indicators"][0]["scale"] = rubric.scale(1, 3, 2)
    cases = [
        (duplicate, "sections[1].indicators[0].key", "unique"),
        (empty_scale, "sections[0].indicators[0].scale.levels", "non_empty"),
        (disorder, "sections[0].indicators[0].scale.levels", "ascending"),
    ]
    for content, field, rule in cases:
        response = client.post("/v1/templates", json=content, headers=headers)
        assert response.status_code == 422, response.json
        assert (error(response)["field"], error(response)["rule"]) == (field, rule)


def test_malformed_bodies_get_422_naming_each_field(client, tokens, rubric) -> None:
    headers = tokens.region("region_admin", "3f2b8c1e-7a4d-4e6b-9c2a-1d5e8f0a7b34")
    content = rubric.content()
    content["surprise"] = True
    content["sections"][0]["indicators"][0]["required"] = "yes"
    del content["title"]
    response = client.post("/v1/templates", json=content, headers=headers)
    assert response.status_code == 422
    fields = error(response)["fields"]["json"]
    assert set(fields) == {"surprise", "title", "sections"}
    assert "required" in fields["sections"]["0"]["indicators"]["0"]


def test_publishing_an_empty_draft_is_refused(api, client, tokens) -> None:
    headers = tokens.region("region_admin", "3f2b8c1e-7a4d-4e6b-9c2a-1d5e8f0a7b34")
    template_id = api.create(headers, {"title": "Blank"})["template_id"]
    response = client.post(f"/v1/templates/{template_id}/publish", json={}, headers=headers)
    assert response.status_code == 422
    assert (error(response)["field"], error(response)["rule"]) == ("sections", "non_empty")


def test_retiring_a_version_is_announced_once_and_it_can_no_longer_be_pushed(
    api, client, tokens, rubric, outbox
) -> None:
    headers = tokens.region("region_admin", "3f2b8c1e-7a4d-4e6b-9c2a-1d5e8f0a7b34")
    template_id = api.create_published(headers, rubric.content())
    for _ in range(2):
        retired = client.post(f"/v1/templates/{template_id}/versions/1/retire", headers=headers)
        assert retired.status_code == 200 and retired.json["retired_at"]
    [event] = outbox.payloads("template.retired")
    assert event["version_id"] == retired.json["version_id"]
    template = client.get(f"/v1/templates/{template_id}", headers=headers).json
    assert template["status"] == "retired"
    push = client.post(f"/v1/templates/{template_id}/push", json={"locked": True}, headers=headers)
    assert (push.status_code, error(push)["rule"]) == (409, "not_retired")


def test_list_templates_by_owner(api, client, tokens, tenancy, rubric) -> None:
    region = tenancy.region()
    district = tenancy.district(region)
    school = tenancy.school(district, region)
    school_admin = tokens.school("school_admin", school, district, region)
    api.create(school_admin, rubric.content("Our school's look-fors"))
    api.create(tokens.district("district_admin", district, region), rubric.content("District"))
    own = client.get("/v1/templates", headers=school_admin).json["templates"]
    assert [t["title"] for t in own] == ["Our school's look-fors"]
    leader = tokens.district("district_leader", district, region)
    of_school = client.get(f"/v1/templates?owner_type=school&owner_id={school}", headers=leader)
    assert [t["title"] for t in of_school.json["templates"]] == ["Our school's look-fors"]
    half = client.get("/v1/templates?owner_type=school", headers=leader)
    assert (half.status_code, error(half)["field"]) == (422, "owner_id")


def test_a_schools_own_template_is_usable_by_its_observers_once_published(
    api, tokens, tenancy, rubric, outbox
) -> None:
    district = tenancy.district()
    school = tenancy.school(district)
    admin = tokens.school("school_admin", school, district)
    template_id = api.create(admin, rubric.content("Our look-fors"))["template_id"]
    observer = tokens.school("observer", school, district)
    assert api.usable(observer, school) == []
    api.publish(admin, template_id)
    [usable] = api.usable(observer, school)
    assert (usable["template_id"], usable["owner_type"], usable["locked"]) == (
        template_id,
        "school",
        False,
    )
    [assigned] = outbox.payloads("template.assigned")
    assert assigned["receivers"] == [
        {"org_type": "school", "org_id": school, "district_id": district}
    ]
