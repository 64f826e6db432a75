"""Who may read what: other regions, other districts' users, coaches and anonymous callers are
refused; a district that disconnects is no longer readable by the region, but still by itself.

The disconnection changes the shared network for good: it is the last test of the package."""

from __future__ import annotations

from typing import Any

import pytest

from canopy_shared.demo.client import Api
from tests.e2e.analytics.answers import questions
from tests.e2e.analytics.world import World, wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]


def _status(api: Api, path: str, **params: Any) -> int:
    return api.raw("GET", path, params=params).status_code


def test_other_regions_and_other_districts_are_refused(world: World) -> None:
    builder, network = world.builder, world.network
    other_id = builder.bootstrap("region", "Another ESC", "admin@another.e2e.test")["org_id"]
    other = world.services.analytics.as_user(
        builder.sign_in("admin@another.e2e.test", "region_admin", other_id).token
    )
    template = {"template_id": world.template_id}
    ours, theirs = network.districts[0], network.districts[1]
    assert _status(other, "/v1/trends", **template) == 404  # nothing of ours in its scope
    for path, params in questions(world):
        if "district_id" in params:  # 404: the template has no walkthroughs in its scope
            assert _status(other, path, **params) in (403, 404), (path, params)
    assert _status(other, "/v1/coverage", district_id=ours.id) == 403
    summary = other.get("/v1/summary")
    assert summary["districts"] == [] and summary["totals"]["schools"] == 0
    assert summary["totals"]["teachers_observed"]["walkthroughs"] == 0

    for account in (ours.admin, ours.leader):
        assert account is not None
        own = world.services.analytics.as_user(account.token)
        for params in ({"district_id": theirs.id}, {"school_id": theirs.schools[0].id}):
            assert _status(own, "/v1/trends", **template, **params) == 403, params
            assert _status(own, "/v1/distribution", **template, **params) == 403, params
        assert _status(own, "/v1/coverage", district_id=theirs.id) == 403
        assert _status(own, "/v1/heatmap", **template, by="school", district_id=theirs.id) == 403
        # Their own district, unsuppressed: the small school's exact figures.
        answer = own.get("/v1/summary")
        assert [d["district_id"] for d in answer["districts"]] == [ours.id]
    observer = ours.schools[0].observer
    assert observer is not None
    coach = world.services.analytics.as_user(observer.token)
    assert _status(coach, "/v1/summary") == 403
    assert _status(world.services.analytics, "/v1/summary") == 401


def test_a_disconnected_district_is_no_longer_readable_by_the_region(world: World) -> None:
    gone = world.network.districts[-1]
    admin = world.services.tenancy.as_user(world.network.region_admin.token)
    admin.post(f"/v1/connections/{gone.connection_id}/disconnect", {})
    template = {"template_id": world.template_id}
    wait_until(
        lambda: _status(world.leader, "/v1/trends", **template, district_id=gone.id) == 403,
        what="analytics learns of the disconnection",
        timeout_s=60,
    )
    for path, params in (
        ("/v1/coverage", {"district_id": gone.id}),
        ("/v1/heatmap", {**template, "by": "school", "district_id": gone.id}),
        ("/v1/distribution", {**template, "school_id": gone.schools[0].id}),
    ):
        assert _status(world.leader, path, **params) == 403, path
    summary = world.leader.get("/v1/summary")
    assert gone.id not in [d["district_id"] for d in summary["districts"]]
    # A released figure never changes (issue #19): the totals released while the district was
    # connected keep its walkthroughs; taking them out would publish its share by subtraction.
    assert summary["totals"]["teachers_observed"]["walkthroughs"] == len(world.facts)
    heat = world.leader.get("/v1/heatmap", **template, by="school")
    assert not {r["org"] for r in heat["rows"]} & {f"school:{s.id}" for s in gone.schools}
    # The district itself still reads its own figures (signed in again: the disconnection
    # ended the district staff's earlier tokens, issue #19).
    admin = world.builder.sign_in(gone.admin.email, gone.admin.role, gone.admin.org_id)
    own = world.services.analytics.as_user(admin.token)
    assert own.get("/v1/summary")["totals"]["teachers_observed"]["walkthroughs"] == len(
        [f for f in world.facts if f.district_id == gone.id]
    )
