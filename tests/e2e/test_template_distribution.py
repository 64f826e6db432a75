"""Issue 4's acceptance, on the running system through its public APIs: a region's locked
template reaches every school of its connected districts, a district that connects later gets
it with no further action, a new version replaces it everywhere, receivers cannot edit or fork
it; an open template is forked by a district and the fork records where it came from."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from canopy_shared.demo.activity import push_region_rubric
from canopy_shared.demo.client import Api
from canopy_shared.demo.network import Network, School
from canopy_shared.demo.plan import DistrictPlan, NetworkPlan, SchoolPlan
from canopy_shared.demo.rubric import REGION_RUBRIC
from tests.e2e.live import Live, live_system, until

pytestmark = pytest.mark.e2e

PLAN = NetworkPlan(
    region_name="Riverbend Education Cooperative",
    districts=(
        DistrictPlan(
            "Alder ISD",
            "alder",
            (SchoolPlan("Alder Elementary", 1), SchoolPlan("Alder Middle", 1)),
        ),
        DistrictPlan("Birch ISD", "birch", (SchoolPlan("Birch High", 1),)),
    ),
    standalone=(DistrictPlan("Cypress ISD", "cypress", (SchoolPlan("Cypress Elementary", 1),)),),
    email_domain="templates.e2e.canopy.test",
)
NEW_LOOK_FOR = {
    "key": "environment.routines",
    "text": "Routines let students start work without prompting",
    "required": True,
    "tags": ["environment"],
    "scale": {"kind": "yes_no"},
}


@dataclass
class World:
    live: Live
    network: Network

    def templates(self, token: str) -> Api:
        return self.live.services.templates.as_user(token)

    def schools(self) -> list[School]:
        return [school for district in self.network.districts for school in district.schools]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    with live_system(tmp_path_factory.mktemp("templates-e2e") / "var") as live:
        yield World(live, live.builder.build(PLAN))


def test_locked_region_template_reaches_every_school_late_districts_and_new_versions(
    world: World,
) -> None:
    region = world.templates(world.network.region_admin.token)
    first = push_region_rubric(world.live.services, world.network, locked=True)
    template_id = first["template_id"]
    _every_school_offers(world, template_id, version_number=1)

    late = world.live.builder.district(PLAN, PLAN.standalone[0])
    world.live.builder.connect(world.network, late)  # and nothing else: no new push
    world.network.districts.append(late)
    _every_school_offers(world, template_id, version_number=1)

    region.post(f"/v1/templates/{template_id}/draft", {})
    region.put(f"/v1/templates/{template_id}/draft", _revised_rubric())
    second = region.post(f"/v1/templates/{template_id}/publish", {})
    assert second["version_number"] == 2
    offered = _every_school_offers(world, template_id, version_number=2)
    assert all(entry["version_id"] == second["version_id"] for entry in offered)
    assert all(NEW_LOOK_FOR["key"] in _indicator_keys(entry) for entry in offered)

    for district in world.network.districts:
        _receivers_may_not_change(world.templates(district.admin.token), template_id)
    versions = region.get(f"/v1/templates/{template_id}")["versions"]
    assert [v["version_number"] for v in versions] == [1, 2]


def test_open_template_is_forked_by_a_district_and_the_fork_records_its_origin(
    world: World,
) -> None:
    region = world.templates(world.network.region_admin.token)
    open_rubric = {**REGION_RUBRIC, "title": "Regional Coaching Cycle Look-fors"}
    template = region.post("/v1/templates", open_rubric)
    version = region.post(f"/v1/templates/{template['template_id']}/publish", {})
    region.post(f"/v1/templates/{template['template_id']}/push", {"locked": False})

    district = world.network.districts[0]
    own = world.templates(district.admin.token)
    received = until(
        lambda: _received(own, district.id, template["template_id"]),
        what=f"{district.name} receives the open template",
    )
    assert received["locked"] is False

    fork = own.post(f"/v1/templates/{template['template_id']}/fork", {"title": "Alder look-fors"})
    assert fork["template_id"] != template["template_id"]
    assert (fork["owner_type"], fork["owner_id"], fork["status"]) == (
        "district",
        district.id,
        "draft",
    )
    origin = {"template_id": template["template_id"], "version_id": version["version_id"]}
    assert fork["derived_from"] == origin
    assert fork["draft"]["sections"] == version["sections"]

    own.put(f"/v1/templates/{fork['template_id']}/draft", _revised_rubric("Alder look-fors"))
    published = own.post(f"/v1/templates/{fork['template_id']}/publish", {})
    assert published["derived_from"] == origin
    assert published["owner_id"] == district.id
    listed = own.get("/v1/templates")["templates"]
    assert [t["derived_from"] for t in listed if t["template_id"] == fork["template_id"]] == [
        origin
    ]


def _every_school_offers(
    world: World, template_id: str, *, version_number: int
) -> list[dict[str, Any]]:
    """Each school's list (as its observer sees it) offers the template at exactly this
    version, locked; the entries, one per school."""
    entries = []
    for school in world.schools():
        assert school.observer is not None
        observer = world.templates(school.observer.token)

        def offered(school: School = school, observer: Api = observer) -> list[dict[str, Any]]:
            answer = observer.get(f"/v1/schools/{school.id}/templates")
            assert answer["org_id"] == school.id
            found = [t for t in answer["templates"] if t["template_id"] == template_id]
            return found if [t["version_number"] for t in found] == [version_number] else []

        (entry,) = until(offered, what=f"{school.name} offers version {version_number}")
        assert entry["locked"] is True
        assert (entry["owner_type"], entry["owner_id"]) == ("region", world.network.region_id)
        entries.append(entry)
    return entries


def _receivers_may_not_change(own: Api, template_id: str) -> None:
    attempts = [
        ("PUT", f"/v1/templates/{template_id}/draft", _revised_rubric("Our own rubric")),
        ("POST", f"/v1/templates/{template_id}/draft", {}),
        ("POST", f"/v1/templates/{template_id}/publish", {}),
        ("POST", f"/v1/templates/{template_id}/fork", {"title": "Our copy"}),
    ]
    for method, path, body in attempts:
        response = own.raw(method, path, json=body)
        assert response.status_code == 403, (method, path, response.text)
        error = response.json()["error"]
        assert (error["field"], error["rule"]) == ("template_id", "locked"), error
        assert "pushed locked" in error["message"]
        assert "required standard" in error["message"]


def _received(own: Api, district_id: str, template_id: str) -> dict[str, Any] | None:
    answer = own.get(f"/v1/districts/{district_id}/received-templates")
    return next((t for t in answer["templates"] if t["template_id"] == template_id), None)


def _revised_rubric(title: str | None = None) -> dict[str, Any]:
    rubric = copy.deepcopy(REGION_RUBRIC)
    rubric["title"] = title or rubric["title"]
    rubric["sections"][-1]["indicators"].append(NEW_LOOK_FOR)
    return rubric


def _indicator_keys(version: dict[str, Any]) -> set[str]:
    return {i["key"] for section in version["sections"] for i in section["indicators"]}
