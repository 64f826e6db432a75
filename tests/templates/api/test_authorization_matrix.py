"""Every endpoint x every role, in its own organisation and in another: role AND tenant.

The world: regions R1 and R2; districts D1 and D2 connected to R1; schools S1 (in D1) and S2
(in D2). R1 pushed a region template open to all; D1 pushed a district template to S1; S1 has
its own template. Region and district templates have an open draft. Each row lists the status
every caller gets: 403 is "your role or organisation may not do this", 404 is "nothing you may
see" (other organisations' template ids reveal nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest

CALLERS = ("RA", "RA2", "RL", "DA", "DA2", "DL", "SA", "SA2", "OB", "TE")
# RA/RL: region admin/leader of R1; RA2: admin of R2; DA/DL: admin/leader of D1; DA2: admin of
# D2; SA: school admin of S1; SA2: of S2; OB/TE: observer/teacher of S1.


@pytest.fixture
def world(api, tenancy, tokens, rubric) -> SimpleNamespace:
    r1, r2 = tenancy.region(), tenancy.region()
    d1, d2 = tenancy.district(r1), tenancy.district(r1)
    s1, s2 = tenancy.school(d1, r1), tenancy.school(d2, r1)
    callers = {
        "RA": tokens.region("region_admin", r1),
        "RA2": tokens.region("region_admin", r2),
        "RL": tokens.region("region_leader", r1),
        "DA": tokens.district("district_admin", d1, r1),
        "DA2": tokens.district("district_admin", d2, r1),
        "DL": tokens.district("district_leader", d1, r1),
        "SA": tokens.school("school_admin", s1, d1, r1),
        "SA2": tokens.school("school_admin", s2, d2, r1),
        "OB": tokens.school("observer", s1, d1, r1),
        "TE": tokens.school("teacher", s1, d1, r1),
    }
    region_template = api.create_published(callers["RA"], rubric.content("Region"))
    api.push(callers["RA"], region_template, locked=False)
    api.new_draft(callers["RA"], region_template)
    district_template = api.create_published(callers["DA"], rubric.content("District"))
    api.push(callers["DA"], district_template, school_ids=[s1])
    api.new_draft(callers["DA"], district_template)
    school_template = api.create_published(callers["SA"], rubric.content("School"))
    return SimpleNamespace(
        r1=r1,
        d1=d1,
        s1=s1,
        s2=s2,
        callers=callers,
        rubric=rubric,
        region=region_template,
        district=district_template,
        school=school_template,
    )


Request = Callable[[Any, SimpleNamespace, dict[str, str]], Any]


def _content(w: SimpleNamespace) -> dict[str, Any]:
    content: dict[str, Any] = w.rubric.content("Edited")
    return content


ENDPOINTS: dict[str, tuple[Request, dict[str, int]]] = {
    "create template": (
        lambda c, w, h: c.post("/v1/templates", json=_content(w), headers=h),
        dict(RA=201, RA2=201, RL=403, DA=201, DA2=201, DL=403, SA=201, SA2=201, OB=403, TE=403),
    ),
    "list own templates": (
        lambda c, w, h: c.get("/v1/templates", headers=h),
        dict(RA=200, RA2=200, RL=200, DA=200, DA2=200, DL=200, SA=200, SA2=200, OB=403, TE=403),
    ),
    "list R1's templates": (
        lambda c, w, h: c.get(f"/v1/templates?owner_type=region&owner_id={w.r1}", headers=h),
        dict(RA=200, RA2=403, RL=200, DA=403, DA2=403, DL=403, SA=403, SA2=403, OB=403, TE=403),
    ),
    "read region template": (
        lambda c, w, h: c.get(f"/v1/templates/{w.region}", headers=h),
        dict(RA=200, RA2=404, RL=200, DA=200, DA2=200, DL=200, SA=200, SA2=200, OB=200, TE=200),
    ),
    "read region version": (
        lambda c, w, h: c.get(f"/v1/templates/{w.region}/versions/1", headers=h),
        dict(RA=200, RA2=404, RL=200, DA=200, DA2=200, DL=200, SA=200, SA2=200, OB=200, TE=200),
    ),
    "edit region draft": (
        lambda c, w, h: c.put(f"/v1/templates/{w.region}/draft", json=_content(w), headers=h),
        dict(RA=200, RA2=404, RL=403, DA=403, DA2=403, DL=403, SA=403, SA2=403, OB=403, TE=403),
    ),
    "publish region template": (
        lambda c, w, h: c.post(f"/v1/templates/{w.region}/publish", json={}, headers=h),
        dict(RA=201, RA2=404, RL=403, DA=403, DA2=403, DL=403, SA=403, SA2=403, OB=403, TE=403),
    ),
    "push region template": (
        lambda c, w, h: c.post(f"/v1/templates/{w.region}/push", json={"locked": True}, headers=h),
        dict(RA=200, RA2=404, RL=403, DA=403, DA2=403, DL=403, SA=403, SA2=403, OB=403, TE=403),
    ),
    "withdraw region push": (
        lambda c, w, h: c.delete(f"/v1/templates/{w.region}/assignment", headers=h),
        dict(RA=200, RA2=404, RL=403, DA=403, DA2=403, DL=403, SA=403, SA2=403, OB=403, TE=403),
    ),
    "read region push": (
        lambda c, w, h: c.get(f"/v1/templates/{w.region}/assignment", headers=h),
        dict(RA=200, RA2=404, RL=200, DA=404, DA2=404, DL=404, SA=404, SA2=404, OB=403, TE=403),
    ),
    "fork region template": (
        lambda c, w, h: c.post(f"/v1/templates/{w.region}/fork", json={}, headers=h),
        dict(RA=403, RA2=403, RL=403, DA=201, DA2=201, DL=403, SA=201, SA2=201, OB=403, TE=403),
    ),
    "list region template's forks": (
        lambda c, w, h: c.get(f"/v1/templates/{w.region}/forks", headers=h),
        dict(RA=200, RA2=404, RL=200, DA=403, DA2=403, DL=403, SA=403, SA2=403, OB=403, TE=403),
    ),
    "edit district draft": (
        lambda c, w, h: c.put(f"/v1/templates/{w.district}/draft", json=_content(w), headers=h),
        dict(RA=404, RA2=404, RL=403, DA=200, DA2=404, DL=403, SA=403, SA2=404, OB=403, TE=403),
    ),
    "push district template": (
        lambda c, w, h: c.post(
            f"/v1/templates/{w.district}/push", json={"locked": True}, headers=h
        ),
        dict(RA=404, RA2=404, RL=403, DA=200, DA2=404, DL=403, SA=403, SA2=403, OB=403, TE=403),
    ),
    "retire school version": (
        lambda c, w, h: c.post(f"/v1/templates/{w.school}/versions/1/retire", headers=h),
        dict(RA=404, RA2=404, RL=403, DA=403, DA2=404, DL=403, SA=200, SA2=404, OB=403, TE=403),
    ),
    "S1's usable templates": (
        lambda c, w, h: c.get(f"/v1/schools/{w.s1}/templates", headers=h),
        dict(RA=403, RA2=403, RL=403, DA=200, DA2=403, DL=200, SA=200, SA2=403, OB=200, TE=200),
    ),
    "D1's received templates": (
        lambda c, w, h: c.get(f"/v1/districts/{w.d1}/received-templates", headers=h),
        dict(RA=403, RA2=403, RL=403, DA=200, DA2=403, DL=200, SA=403, SA2=403, OB=403, TE=403),
    ),
}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_authorization_matrix(client, world: SimpleNamespace, endpoint: str) -> None:
    request, expected = ENDPOINTS[endpoint]
    assert set(expected) == set(CALLERS)
    # Refusals first: they must change nothing the allowed calls then rely on.
    order = sorted(CALLERS, key=lambda caller: expected[caller] < 400)
    actual = {caller: request(client, world, world.callers[caller]).status_code for caller in order}
    assert actual == expected


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_needs_a_valid_token(
    client, world: SimpleNamespace, endpoint: str, signer
) -> None:
    from canopy_shared.testing.tokens import TestSigner

    request, _ = ENDPOINTS[endpoint]
    assert request(client, world, {}).status_code == 401
    forged = TestSigner(kid=signer.kid).mint(
        role="region_admin", org_id=world.r1, org_tier="region"
    )
    assert request(client, world, {"Authorization": f"Bearer {forged}"}).status_code == 401


def test_a_district_cannot_push_to_a_school_of_another_district(
    client, world: SimpleNamespace
) -> None:
    response = client.post(
        f"/v1/templates/{world.district}/push",
        json={"locked": False, "school_ids": [world.s2]},
        headers=world.callers["DA"],
    )
    assert response.status_code == 422
    assert response.json["error"]["rule"] == "in_district"
