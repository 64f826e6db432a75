"""What the district admin console reads that tenancy added for it: the set-up checklist from
real state, a roster import's per-row report (added, changed, removed, rejected and why), the
users list searched and filtered, an observer's schools, and a connection that names the region
and says what it will and will not see."""

from __future__ import annotations

import pytest

from canopy_tenancy.domain.sharing import REGION_WILL_NOT_SEE, REGION_WILL_SEE

from .conftest import email
from .test_roster_import_api import ORGS, USERS

ADMIN = email("d.admin")


@pytest.fixture
def district(net) -> str:
    return net.bootstrap("district", "Brazos ISD", ADMIN)


def _setup(net, district: str) -> dict:
    return net.ok(ADMIN, "GET", f"/v1/districts/{district}/setup")


def _steps(net, district: str) -> dict[str, bool]:
    return {step["key"]: step["done"] for step in _setup(net, district)["steps"]}


def _import(net, district: str, users: str = USERS, **extra) -> dict:
    body = {"orgs_csv": ORGS, "users_csv": users, **extra}
    return net.ok(ADMIN, "POST", f"/v1/districts/{district}/roster-imports", 201, json=body)


def test_the_checklist_follows_what_the_district_has_set_up(net, district) -> None:
    fresh = _setup(net, district)
    assert [s["key"] for s in fresh["steps"]] == [
        "schools",
        "roster",
        "users",
        "observers",
        "connection",
    ]
    assert not any(s["done"] for s in fresh["steps"]) and fresh["next"] == "schools"

    _import(net, district)
    assert _steps(net, district) == {
        "schools": True,
        "roster": True,
        "users": False,
        "observers": False,
        "connection": False,
    }
    assert _setup(net, district)["next"] == "users"

    schools = net.ok(ADMIN, "GET", f"/v1/schools?district_id={district}")["items"]
    for n, school in enumerate(schools):
        net.user(ADMIN, email(f"coach{n}"), "observer", school["id"])
    done = _setup(net, district)
    assert all(s["done"] for s in done["steps"] if not s["optional"])
    assert done["next"] == "connection"  # optional: a standalone district is set up

    region = net.bootstrap("region", "Gulf ESC", email("r.admin"))
    assert region
    net.connect(email("r.admin"), ADMIN, district)
    final = _setup(net, district)
    assert all(s["done"] for s in final["steps"]) and final["next"] is None


def test_an_import_reports_each_row_with_what_it_does_or_why_not(net, district) -> None:
    dry = _import(net, district, dry_run=True)["report"]
    rows = {(r["file"], r["line"]): r for r in dry["rows"]}

    assert rows[("orgs.csv", 3)]["outcome"] == "added"
    assert rows[("orgs.csv", 3)]["name"] == "Cedar Elementary"
    assert (rows[("users.csv", 2)]["outcome"], rows[("users.csv", 2)]["name"]) == (
        "added",
        "Ada Abbott",
    )
    assert rows[("users.csv", 5)]["outcome"] == "rejected"
    assert "unknown school sch-9" in rows[("users.csv", 5)]["detail"]
    assert rows[("users.csv", 5)]["field"] == "orgSourcedIds"
    rejected = [r for r in dry["rows"] if r["outcome"] == "rejected"]
    assert len(rejected) == len(dry["errors"])
    assert dry["rows_omitted"] == 0

    _import(net, district)
    header = USERS.splitlines()[0]
    later = "\n".join([
        header,
        "t-1,active,2026-09-01,true,sch-2,teacher,t1,Ada,Abbott,ada.abbott@brazos.example.org",
        "t-2,tobedeleted,2026-09-01,true,sch-1,teacher,t2,Ben,Baptiste,",
        "t-8,active,2026-09-01,true,sch-2,teacher,t8,Hiro,Hart,hiro.haddad@brazos.example.org",
    ])  # fmt: skip
    again = _import(net, district, users=later)
    outcomes = {r["source_id"]: (r["outcome"], r["detail"]) for r in again["report"]["rows"]}
    assert outcomes["t-1"] == ("changed", "moves to other schools")
    assert outcomes["t-2"][0] == "removed"
    assert outcomes["t-8"] == ("changed", "new family name")
    assert "sch-2" not in outcomes  # unchanged rows are only counted

    path = f"/v1/districts/{district}/roster-imports"
    history = net.ok(ADMIN, "GET", path)
    assert [i["dry_run"] for i in history["items"]] == [False, False, True]
    one = net.ok(ADMIN, "GET", f"{path}/{again['id']}")
    assert one["report"]["rows"] == again["report"]["rows"]


def test_another_districts_import_is_not_found(net, district) -> None:
    record = _import(net, district, dry_run=True)
    other = net.bootstrap("district", "Other ISD", email("o.admin"))
    own_path = f"/v1/districts/{other}/roster-imports/{record['id']}"
    assert net.call(email("o.admin"), "GET", own_path).status_code == 404
    theirs = f"/v1/districts/{district}/roster-imports/{record['id']}"
    response = net.call(email("o.admin"), "GET", theirs)
    assert response.status_code == 404 and "Ada" not in response.get_data(as_text=True)


def test_users_are_searched_and_filtered_by_role_and_state(net, district) -> None:
    school = net.school(ADMIN, district, "Cedar Elementary")
    net.user(ADMIN, email("maria.lopez"), "school_admin", school)
    coach = net.user(ADMIN, email("sam.coach"), "observer", school)
    net.user(ADMIN, email("lee.leader"), "district_leader", district)
    net.ok(ADMIN, "PATCH", f"/v1/users/{coach}", json={"active": False})

    def emails(query: str) -> list[str]:
        found = net.ok(ADMIN, "GET", f"/v1/users?{query}")["items"]
        return [u["email"] for u in found]

    assert emails("search=LOPEZ") == [email("maria.lopez")]
    assert emails("role=observer") == [email("sam.coach")]
    assert emails("active=false") == [email("sam.coach")]
    assert email("sam.coach") not in emails("active=true")


def test_an_observers_schools_are_listed_for_those_who_manage_them(net, district) -> None:
    home = net.school(ADMIN, district, "Cedar Elementary")
    other = net.school(ADMIN, district, "Oak Middle")
    coach = net.user(ADMIN, email("sam.coach"), "observer", home)
    net.ok(ADMIN, "PUT", f"/v1/schools/{other}/observers/{coach}")

    schools = net.ok(ADMIN, "GET", f"/v1/users/{coach}/schools")
    assert sorted(a["school_id"] for a in schools["items"]) == sorted([home, other])
    assert net.ok(email("sam.coach"), "GET", f"/v1/users/{coach}/schools")["total"] == 2
    stranger = net.bootstrap("district", "Other ISD", email("o.admin"))
    assert stranger
    assert net.call(email("o.admin"), "GET", f"/v1/users/{coach}/schools").status_code == 404


def test_an_invitation_names_the_region_and_what_it_will_and_will_not_see(net, district) -> None:
    net.bootstrap("region", "Gulf Coast ESC", email("r.admin"))
    body = {
        "district_id": district,
        "agreement_text": "Trends only.",
        "agreement_version": "v3",
    }
    invited = net.ok(email("r.admin"), "POST", "/v1/connections", 201, json=body)

    [seen] = net.ok(ADMIN, "GET", f"/v1/connections?district_id={district}")["items"]
    assert seen["status"] == "invited" and seen["region_name"] == "Gulf Coast ESC"
    assert (seen["agreement_text"], seen["agreement_version"]) == ("Trends only.", "v3")
    assert seen["region_will_see"] == list(REGION_WILL_SEE)
    assert seen["region_will_not_see"] == list(REGION_WILL_NOT_SEE)
    assert any("name" in line for line in seen["region_will_not_see"])

    accepted = net.ok(
        ADMIN,
        "POST",
        f"/v1/connections/{invited['id']}/accept",
        json={"agreement_version": "v3"},
    )
    assert accepted["status"] == "active" and accepted["region_name"] == "Gulf Coast ESC"
    assert "district_name" not in accepted
