"""Every endpoint x every role x own / other organisation (same tier and across tiers).

`item` cases: allowed callers get 2xx, everyone else 403 or 404. `list` cases: allowed callers
get a non-empty page, everyone else 403/404 or an empty page (lists are scoped, not refused).
The network is built in `conftest.py`: R1 <- A (A1, A2), R1 -x- C (left), R2 <- B (B1).
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .conftest import World, email

ACTORS = (
    "r1.admin", "r1.leader", "r2.admin", "r2.leader",
    "a.admin", "a.leader", "b.admin", "b.leader", "c.admin",
    "a1.principal", "a1.observer", "a1.teacher", "b1.principal", "b1.observer", "b1.teacher",
    "r1.coach",
)  # fmt: skip
R1 = {"r1.admin", "r1.leader"}
COACH = {"r1.coach"}  # a region coach district A assigned to school A1
A_DISTRICT = {"a.admin", "a.leader"}
A1_STAFF = {"a1.principal", "a1.observer", "a1.teacher"}
NOBODY: set[str] = set()


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: Callable[[World], str]
    allowed: set[str]
    body: Callable[[World], Any] | None = None
    kind: str = "item"


def _unique(prefix: str) -> str:
    return email(f"{prefix}-{uuid.uuid4().hex[:8]}")


def _new_user(role: str, org: str) -> Callable[[World], Any]:
    return lambda w: {
        "email": _unique(role),
        "display_name": "N",
        "role": role,
        "org_id": w.org[org],
    }


CSV = (
    "sourcedId,name,type\ns-x,New School,school\n",
    "sourcedId,role,givenName,familyName,orgSourcedIds\n",
)

CASES = [
    Case(
        "read region",
        "GET",
        lambda w: f"/v1/regions/{w.org['R1']}",
        R1 | COACH | A_DISTRICT | A1_STAFF,
    ),
    Case(
        "rename region",
        "PATCH",
        lambda w: f"/v1/regions/{w.org['R1']}",
        {"r1.admin"},
        lambda w: {"name": "Region r1"},
    ),
    Case(
        "read district",
        "GET",
        lambda w: f"/v1/districts/{w.org['A']}",
        R1 | COACH | A_DISTRICT | A1_STAFF,
    ),
    Case(
        "read a district that left the region",
        "GET",
        lambda w: f"/v1/districts/{w.org['C']}",
        {"c.admin"},
    ),
    Case(
        "rename district",
        "PATCH",
        lambda w: f"/v1/districts/{w.org['A']}",
        {"a.admin"},
        lambda w: {"name": "District A"},
    ),
    Case(
        "list districts of R1",
        "GET",
        lambda w: f"/v1/districts?region_id={w.org['R1']}",
        R1 | COACH | A_DISTRICT | A1_STAFF,
        kind="list",
    ),
    Case(
        "read school",
        "GET",
        lambda w: f"/v1/schools/{w.org['A1']}",
        R1 | COACH | A_DISTRICT | A1_STAFF,
    ),
    Case(
        "read school of an assigned observer",
        "GET",
        lambda w: f"/v1/schools/{w.org['A2']}",
        R1 | COACH | A_DISTRICT | {"a1.observer"},
    ),
    Case(
        "read school of the district that left",
        "GET",
        lambda w: f"/v1/schools/{w.org['C1']}",
        {"c.admin"},
    ),
    Case(
        "list schools of A",
        "GET",
        lambda w: f"/v1/schools?district_id={w.org['A']}",
        R1 | COACH | A_DISTRICT | A1_STAFF,
        kind="list",
    ),
    Case(
        "list schools of C",
        "GET",
        lambda w: f"/v1/schools?district_id={w.org['C']}",
        {"c.admin"},
        kind="list",
    ),
    Case(
        "create school",
        "POST",
        lambda w: "/v1/schools",
        {"a.admin"},
        lambda w: {"district_id": w.org["A"], "name": "New"},
    ),
    Case(
        "rename school",
        "PATCH",
        lambda w: f"/v1/schools/{w.org['A1']}",
        {"a.admin"},
        lambda w: {"name": "School A1"},
    ),
    Case(
        "list roster",
        "GET",
        lambda w: f"/v1/districts/{w.org['A']}/teachers",
        A_DISTRICT | COACH | {"a1.principal", "a1.observer"},
        kind="list",
    ),
    Case(
        "list roster of a school",
        "GET",
        lambda w: f"/v1/districts/{w.org['A']}/teachers?school_id={w.org['A1']}",
        A_DISTRICT | COACH | {"a1.principal", "a1.observer"},
        kind="list",
    ),
    Case(
        "list roster of the district that left",
        "GET",
        lambda w: f"/v1/districts/{w.org['C']}/teachers",
        {"c.admin"},
        kind="list",
    ),
    Case(
        "read teacher",
        "GET",
        lambda w: f"/v1/teachers/{w.teacher['A']}",
        A_DISTRICT | COACH | {"a1.principal", "a1.observer"},
    ),
    Case(
        "add teacher",
        "POST",
        lambda w: f"/v1/districts/{w.org['A']}/teachers",
        {"a.admin"},
        lambda w: {"given_name": "N", "family_name": "M", "school_ids": [w.org["A1"]]},
    ),
    Case(
        "fix teacher",
        "PATCH",
        lambda w: f"/v1/teachers/{w.teacher['A']}",
        {"a.admin"},
        lambda w: {"given_name": "Alice"},
    ),
    Case(
        "import roster",
        "POST",
        lambda w: f"/v1/districts/{w.org['A']}/roster-imports",
        {"a.admin"},
        lambda w: {"orgs_csv": CSV[0], "users_csv": CSV[1], "dry_run": True},
    ),
    Case(
        "list roster imports",
        "GET",
        lambda w: f"/v1/districts/{w.org['A']}/roster-imports",
        {"a.admin"},
        kind="item",
    ),
    Case(
        "read a roster import with its rows",
        "GET",
        lambda w: f"/v1/districts/{w.org['A']}/roster-imports/{w.roster_import['A']}",
        {"a.admin"},
    ),
    Case(
        "district set-up checklist",
        "GET",
        lambda w: f"/v1/districts/{w.org['A']}/setup",
        A_DISTRICT,
    ),
    Case(
        "search users of A",
        "GET",
        lambda w: f"/v1/users?org_id={w.org['A']}&search=leader&active=true",
        {"a.admin", "a.leader"},  # a leader reads the district's accounts too (#13 part B)
        kind="list",
    ),
    Case(
        "an observer's schools",
        "GET",
        lambda w: f"/v1/users/{w.user['a1.observer']}/schools",
        {"a.admin", "a1.principal", "a1.observer"},
        kind="list",
    ),
    Case(
        "list users of A",
        "GET",
        lambda w: f"/v1/users?org_id={w.org['A']}",
        {"a.admin", "a.leader"},
        kind="list",
    ),
    Case(
        "list users of R1",
        "GET",
        lambda w: f"/v1/users?org_id={w.org['R1']}",
        {"r1.admin"},
        kind="list",
    ),
    Case(
        "list users of A1",
        "GET",
        lambda w: f"/v1/users?org_id={w.org['A1']}",
        {"a.admin", "a.leader", "a1.principal"},
        kind="list",
    ),
    Case(
        "read a district user",
        "GET",
        lambda w: f"/v1/users/{w.user['a.leader']}",
        {"a.admin", "a.leader"},
    ),
    Case(
        "read a teacher's account",
        "GET",
        lambda w: f"/v1/users/{w.user['a1.teacher']}",
        {"a.admin", "a1.teacher"},
    ),
    Case(
        "deactivate-free edit of a district user",
        "PATCH",
        lambda w: f"/v1/users/{w.user['a.leader']}",
        {"a.admin"},
        lambda w: {"display_name": "A leader"},
    ),
    Case(
        "change a district user's role",
        "PATCH",
        lambda w: f"/v1/users/{w.user['a.spare']}",
        {"a.admin"},
        lambda w: {"role": "district_admin"},
    ),
    Case(
        "change an observer's role to principal",
        "PATCH",
        lambda w: f"/v1/users/{w.user['a1.spare']}",
        {"a.admin"},
        lambda w: {"role": "school_admin"},
    ),
    Case(
        "create region user",
        "POST",
        lambda w: "/v1/users",
        {"r1.admin"},
        _new_user("region_leader", "R1"),
    ),
    Case(
        "create district user",
        "POST",
        lambda w: "/v1/users",
        {"a.admin"},
        _new_user("district_leader", "A"),
    ),
    Case(
        "create observer",
        "POST",
        lambda w: "/v1/users",
        {"a.admin", "a1.principal"},
        _new_user("observer", "A1"),
    ),
    Case(
        "create school admin",
        "POST",
        lambda w: "/v1/users",
        {"a.admin"},
        _new_user("school_admin", "A1"),
    ),
    Case(
        "list observers",
        "GET",
        lambda w: f"/v1/schools/{w.org['A1']}/observers",
        A_DISTRICT | {"a1.principal"},
        kind="list",
    ),
    Case(
        "assign observer elsewhere",
        "PUT",
        lambda w: f"/v1/schools/{w.org['A2']}/observers/{w.user['a1.observer']}",
        {"a.admin"},
    ),
    Case(
        "read connection", "GET", lambda w: f"/v1/connections/{w.connection['A']}", R1 | A_DISTRICT
    ),
    Case(
        "list connections of A",
        "GET",
        lambda w: f"/v1/connections?district_id={w.org['A']}",
        R1 | A_DISTRICT,
        kind="list",
    ),
    Case(
        "list region coaches of A",
        "GET",
        lambda w: f"/v1/districts/{w.org['A']}/region-coaches",
        A_DISTRICT,
        kind="list",
    ),
    Case(
        "assign a region coach",
        "PUT",
        lambda w: f"/v1/schools/{w.org['A2']}/observers/{w.user['r1.coach']}",
        {"a.admin"},
    ),
    Case(
        "create region coach",
        "POST",
        lambda w: "/v1/users",
        {"r1.admin"},
        _new_user("region_coach", "R1"),
    ),
    Case("me", "GET", lambda w: "/v1/me", set(ACTORS)),
]


def _allowed(net, world: World, case: Case, actor: str) -> bool:
    body = case.body(world) if case.body else None
    response = net.call(email(actor), case.method, case.path(world), json=body)
    status = response.status_code
    if case.kind == "list" and status == 200:
        return bool(response.json["total"])
    assert status < 300 or status in (403, 404), (case.name, actor, status, response.json)
    return status < 300


def test_every_endpoint_for_every_role_and_organisation(net, world: World) -> None:
    wrong = [
        f"{case.name}: {actor} {'was allowed' if got else 'was refused'}"
        for case, actor in itertools.product(CASES, ACTORS)
        if (got := _allowed(net, world, case, actor)) != (actor in case.allowed)
    ]
    assert wrong == []
