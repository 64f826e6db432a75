"""Pushing down: region -> connected districts and their schools, district -> its schools;
locked vs open; superseding versions; forks; and the errors for each misuse."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from uuid import uuid4

import pytest


def error(response: Any) -> dict[str, Any]:
    body: dict[str, Any] = response.json["error"]
    return body


@pytest.fixture
def network(tenancy, tokens):
    """A region with two connected districts (two schools and one school), and a standalone
    district with a school."""
    region = tenancy.region()
    d1, d2, lone = tenancy.district(region), tenancy.district(region), tenancy.district()
    schools = {
        d1: [tenancy.school(d1, region), tenancy.school(d1, region)],
        d2: [tenancy.school(d2, region)],
        lone: [tenancy.school(lone)],
    }

    return SimpleNamespace(
        region=region,
        d1=d1,
        d2=d2,
        lone=lone,
        schools=schools,
        region_admin=tokens.region("region_admin", region),
        d1_admin=tokens.district("district_admin", d1, region),
        observer=lambda school, district: tokens.school("observer", school, district),
    )


def test_a_region_push_reaches_every_connected_district_and_school(
    api, network, rubric, outbox
) -> None:
    template_id = api.create_published(network.region_admin, rubric.content())
    pushed = api.push(network.region_admin, template_id, locked=True)
    held = {(r["org_type"], r["org_id"]) for r in pushed["receivers"]}
    expected = {("district", network.d1), ("district", network.d2)} | {
        ("school", s) for d in (network.d1, network.d2) for s in network.schools[d]
    }
    assert held == expected
    for district in (network.d1, network.d2):
        for school in network.schools[district]:
            [usable] = api.usable(network.observer(school, district), school)
            assert (usable["template_id"], usable["locked"]) == (template_id, True)
    lone_school = network.schools[network.lone][0]
    assert api.usable(network.observer(lone_school, network.lone), lone_school) == []
    events = outbox.payloads("template.assigned")
    assert sorted(e["receivers"][0]["district_id"] for e in events) == sorted(
        [network.d1, network.d2]
    )  # one event per district
    assert all(e["locked"] and e["supersedes_version_id"] is None for e in events)


def test_pushing_a_draft_is_refused(api, client, network, rubric) -> None:
    template_id = api.create(network.region_admin, rubric.content())["template_id"]
    never = client.post(
        f"/v1/templates/{template_id}/push", json={"locked": True}, headers=network.region_admin
    )
    assert never.status_code == 409
    assert (error(never)["field"], error(never)["rule"]) == ("version_number", "published_only")
    api.publish(network.region_admin, template_id)
    api.new_draft(network.region_admin, template_id)
    draft_number = client.post(
        f"/v1/templates/{template_id}/push",
        json={"locked": True, "version_number": 2},
        headers=network.region_admin,
    )
    assert (draft_number.status_code, error(draft_number)["rule"]) == (409, "published_only")


def test_pushing_to_a_district_not_connected_is_refused(api, client, network, rubric) -> None:
    template_id = api.create_published(network.region_admin, rubric.content())
    response = client.post(
        f"/v1/templates/{template_id}/push",
        json={"locked": False, "district_ids": [network.d1, network.lone]},
        headers=network.region_admin,
    )
    assert response.status_code == 422
    assert (error(response)["field"], error(response)["rule"]) == ("district_ids", "connected")
    assert network.lone in error(response)["message"]


def test_a_region_may_push_to_listed_districts_only(api, network, rubric) -> None:
    template_id = api.create_published(network.region_admin, rubric.content())
    pushed = api.push(network.region_admin, template_id, district_ids=[network.d2])
    assert {r["district_id"] for r in pushed["receivers"]} == {network.d2}
    school = network.schools[network.d1][0]
    assert api.usable(network.observer(school, network.d1), school) == []


def test_a_district_pushes_to_its_own_schools_never_another_districts(
    api, client, network, rubric, tokens
) -> None:
    template_id = api.create_published(network.d1_admin, rubric.content("D1 look-fors"))
    other_school = network.schools[network.d2][0]
    refused = client.post(
        f"/v1/templates/{template_id}/push",
        json={"locked": False, "school_ids": [other_school]},
        headers=network.d1_admin,
    )
    assert refused.status_code == 422
    assert (error(refused)["field"], error(refused)["rule"]) == ("school_ids", "in_district")
    wrong_field = client.post(
        f"/v1/templates/{template_id}/push",
        json={"locked": False, "district_ids": [network.d1]},
        headers=network.d1_admin,
    )
    assert (wrong_field.status_code, error(wrong_field)["field"]) == (422, "district_ids")
    first = network.schools[network.d1][0]
    pushed = api.push(network.d1_admin, template_id, school_ids=[first])
    assert [r["org_id"] for r in pushed["receivers"]] == [first]
    assert api.usable(network.observer(other_school, network.d2), other_school) == []


def test_publishing_version_2_supersedes_version_1_at_every_receiver(
    api, client, network, rubric, outbox
) -> None:
    template_id = api.create_published(network.region_admin, rubric.content())
    v1 = api.push(network.region_admin, template_id, locked=True)["version_id"]
    api.new_draft(network.region_admin, template_id)
    v2 = api.publish(network.region_admin, template_id)["version_id"]
    for district in (network.d1, network.d2):
        for school in network.schools[district]:
            [usable] = api.usable(network.observer(school, district), school)
            assert (usable["version_id"], usable["version_number"]) == (v2, 2)
    moves = [e for e in outbox.payloads("template.assigned") if e["version_id"] == v2]
    assert moves and all(e["supersedes_version_id"] == v1 for e in moves)
    old = client.get(f"/v1/templates/{template_id}/versions/1", headers=network.region_admin)
    assert old.status_code == 200  # walkthroughs done on v1 can still render it


def test_a_new_version_can_be_published_without_moving_the_push_then_pushed(
    api, network, rubric, outbox
) -> None:
    template_id = api.create_published(network.region_admin, rubric.content())
    v1 = api.push(network.region_admin, template_id, locked=True)["version_id"]
    api.new_draft(network.region_admin, template_id)
    api.publish(network.region_admin, template_id, advance_assignments=False)
    school = network.schools[network.d2][0]
    assert api.usable(network.observer(school, network.d2), school)[0]["version_id"] == v1
    pushed = api.push(network.region_admin, template_id, locked=True, version_number=2)
    assert {r["version_id"] for r in pushed["receivers"]} == {pushed["version_id"]}
    assert api.usable(network.observer(school, network.d2), school)[0]["version_number"] == 2


def test_narrowing_or_withdrawing_a_push_revokes_it_from_those_left_out(
    api, client, network, rubric, outbox
) -> None:
    template_id = api.create_published(network.region_admin, rubric.content())
    api.push(network.region_admin, template_id)
    api.push(network.region_admin, template_id, district_ids=[network.d1])
    [narrowed] = outbox.payloads("template.assignment_revoked")
    assert narrowed["reason"] == "push_retargeted"
    assert {r["district_id"] for r in narrowed["receivers"]} == {network.d2}
    withdrawn = client.delete(
        f"/v1/templates/{template_id}/assignment", headers=network.region_admin
    )
    assert withdrawn.status_code == 200 and withdrawn.json["receivers"] == []
    assert outbox.payloads("template.assignment_revoked")[-1]["reason"] == "push_withdrawn"
    school = network.schools[network.d1][0]
    assert api.usable(network.observer(school, network.d1), school) == []


def test_retiring_the_pushed_version_ends_the_push(api, client, network, rubric, outbox) -> None:
    template_id = api.create_published(network.region_admin, rubric.content())
    api.push(network.region_admin, template_id, locked=True)
    client.post(f"/v1/templates/{template_id}/versions/1/retire", headers=network.region_admin)
    reasons = {e["reason"] for e in outbox.payloads("template.assignment_revoked")}
    assert reasons == {"version_retired"}
    school = network.schools[network.d1][0]
    assert api.usable(network.observer(school, network.d1), school) == []


def test_a_locked_region_template_cannot_be_edited_or_forked_by_a_district(
    api, client, network, rubric
) -> None:
    template_id = api.create_published(network.region_admin, rubric.content())
    api.push(network.region_admin, template_id, locked=True)
    attempts = [
        client.put(
            f"/v1/templates/{template_id}/draft",
            json=rubric.content("Ours"),
            headers=network.d1_admin,
        ),
        client.post(f"/v1/templates/{template_id}/draft", json={}, headers=network.d1_admin),
        client.put(f"/v1/templates/{template_id}/versions/1", headers=network.d1_admin),
        client.post(f"/v1/templates/{template_id}/fork", json={}, headers=network.d1_admin),
    ]
    for response in attempts:
        assert response.status_code == 403, response.json
        assert (error(response)["field"], error(response)["rule"]) == ("template_id", "locked")
        assert "required standard" in error(response)["message"]


def test_an_open_template_is_forked_with_its_origin_recorded(
    api, client, network, rubric, outbox
) -> None:
    template_id = api.create_published(network.region_admin, rubric.content("Region rubric"))
    pushed = api.push(network.region_admin, template_id, locked=False)
    edit = client.put(
        f"/v1/templates/{template_id}/draft", json=rubric.content("x"), headers=network.d1_admin
    )
    assert (edit.status_code, error(edit)["rule"]) == (403, "owner_only")
    fork = client.post(
        f"/v1/templates/{template_id}/fork", json={"title": "D1 version"}, headers=network.d1_admin
    )
    assert fork.status_code == 201, fork.json
    origin = {"template_id": template_id, "version_id": pushed["version_id"]}
    assert fork.json["derived_from"] == origin
    assert (fork.json["owner_type"], fork.json["owner_id"]) == ("district", network.d1)
    assert fork.json["draft"]["title"] == "D1 version"
    fork_id = fork.json["template_id"]
    api.publish(network.d1_admin, fork_id)
    assert outbox.payloads("template.version_published")[-1]["derived_from"] == origin
    api.push(network.d1_admin, fork_id)
    school = network.schools[network.d1][0]
    owners = [t["owner_type"] for t in api.usable(network.observer(school, network.d1), school)]
    assert owners == ["region", "district"]  # both usable, region's first


def test_a_school_admin_may_fork_an_open_push_to_its_school(
    api, client, network, rubric, tokens
) -> None:
    template_id = api.create_published(network.region_admin, rubric.content())
    api.push(network.region_admin, template_id, locked=False)
    school = network.schools[network.d2][0]
    admin = tokens.school("school_admin", school, network.d2, network.region)
    fork = client.post(f"/v1/templates/{template_id}/fork", json={}, headers=admin)
    assert fork.status_code == 201
    assert (fork.json["owner_type"], fork.json["owner_id"]) == ("school", school)


def test_locking_an_open_push_later_stops_further_forks(api, client, network, rubric) -> None:
    template_id = api.create_published(network.region_admin, rubric.content())
    api.push(network.region_admin, template_id, locked=False)
    api.push(network.region_admin, template_id, locked=True)
    fork = client.post(f"/v1/templates/{template_id}/fork", json={}, headers=network.d1_admin)
    assert (fork.status_code, error(fork)["rule"]) == (403, "locked")
    received = client.get(
        f"/v1/districts/{network.d1}/received-templates", headers=network.d1_admin
    ).json["templates"]
    assert [(t["template_id"], t["locked"]) for t in received] == [(template_id, True)]


def test_the_owner_sees_the_push_and_who_holds_it(api, client, network, rubric) -> None:
    template_id = api.create_published(network.region_admin, rubric.content())
    never = client.get(f"/v1/templates/{template_id}/assignment", headers=network.region_admin)
    assert never.status_code == 404
    api.push(network.region_admin, template_id, locked=True)
    held = client.get(f"/v1/templates/{template_id}/assignment", headers=network.region_admin)
    assert held.json["locked"] is True and len(held.json["receivers"]) == 5
    template = client.get(f"/v1/templates/{template_id}", headers=network.region_admin).json
    assert template["assignment"]["version_number"] == 1


def test_the_region_sees_who_forked_its_template_and_from_which_version(
    api, client, network, rubric, tokens, tenancy
) -> None:
    template_id = api.create_published(network.region_admin, rubric.content("Region rubric"))
    api.push(network.region_admin, template_id, locked=False)
    d1_fork = client.post(
        f"/v1/templates/{template_id}/fork", json={"title": "D1 version"}, headers=network.d1_admin
    ).json
    api.publish(network.d1_admin, d1_fork["template_id"])
    school = network.schools[network.d2][0]
    school_admin = tokens.school("school_admin", school, network.d2, network.region)
    client.post(f"/v1/templates/{template_id}/fork", json={}, headers=school_admin)
    leader = tokens.region("region_leader", network.region)

    listed = client.get(f"/v1/templates/{template_id}/forks", headers=leader)

    assert listed.status_code == 200, listed.json
    forks = {(f["owner_type"], f["owner_id"]): f for f in listed.json["forks"]}
    assert set(forks) == {("district", network.d1), ("school", school)}
    d1 = forks[("district", network.d1)]
    assert (d1["title"], d1["forked_from_version_number"]) == ("D1 version", 1)
    assert (d1["status"], d1["latest_version_number"]) == ("published", 1)
    assert forks[("school", school)]["status"] == "draft"
    assert forks[("school", school)]["district_id"] == network.d2

    tenancy.disconnect(network.d2, network.region)
    after = client.get(f"/v1/templates/{template_id}/forks", headers=leader).json["forks"]
    assert [f["owner_id"] for f in after] == [network.d1]  # a departed district's copy is its own


def test_only_the_owners_people_list_a_templates_forks(api, client, network, rubric) -> None:
    template_id = api.create_published(network.region_admin, rubric.content())
    api.push(network.region_admin, template_id, locked=False)
    receiver = client.get(f"/v1/templates/{template_id}/forks", headers=network.d1_admin)
    assert (receiver.status_code, error(receiver)["rule"]) == (403, "owner_only")
    stranger = client.get(f"/v1/templates/{uuid4()}/forks", headers=network.d1_admin)
    assert stranger.status_code == 404
