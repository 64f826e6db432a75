"""Revocation on the running system (issue #19): deactivating an account, changing its role,
taking a school from an observer and disconnecting a district reach every service over the bus,
and every service refuses the old token from then on — a 401 whose JSON names why.

For each change and each service, the test measures the time from the change (tenancy's 2xx) to
the first refusal of the old token, polling every 50 ms, and prints the figures. There is no
wall-clock assertion beyond a generous timeout: the figures are for reading, not for passing.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from canopy_shared.demo.client import Api
from canopy_shared.demo.network import Account, Network
from canopy_shared.demo.plan import DistrictPlan, NetworkPlan, SchoolPlan
from canopy_shared.revocation.check import FRESH_S
from tests.e2e.live import Live, live_system, until

pytestmark = pytest.mark.e2e

POLL_S = 0.05
TIMEOUT_S = 60.0
ASKS_PER_SERVICE = 6  # each on a new connection, so more than one gunicorn worker answers
PLAN = NetworkPlan(
    region_name="Revocation Test Network",
    districts=(
        DistrictPlan(
            "Alder USD", "alder", (SchoolPlan("Alder Elementary", 2), SchoolPlan("Alder Middle", 2))
        ),
        DistrictPlan("Birch ISD", "birch", (SchoolPlan("Birch Elementary", 2),)),
    ),
    email_domain="revocation.e2e.canopy.test",
)
SERVICES = ("tenancy", "template-distribution", "observation-intake", "analytics", "anonymizer")


@dataclass(frozen=True)
class Probe:
    """One request per service that the old token is honoured for (or refused by role) before
    the change, so its first 401 is the revocation arriving."""

    service: str
    path: str


@dataclass(frozen=True)
class Refusal:
    service: str
    seconds: float
    error: dict[str, Any]


@dataclass
class Scene:
    live: Live
    network: Network
    report: list[str]

    def api(self, service: str, account: Account | str) -> Api:
        token = account if isinstance(account, str) else account.token
        return Api(self.live.system.url(service), token)

    def tenancy(self, account: Account) -> Api:
        return self.api("tenancy", account)

    def new_account(self, admin: Account, role: str, org_id: str) -> Account:
        email = f"{role}-{uuid.uuid4().hex[:8]}@{PLAN.email_domain}"
        return self.live.builder.create_user(admin, role, org_id, email)

    def sign_in_again(self, account: Account) -> Account:
        return self.live.builder.sign_in(account.email, account.role, account.org_id)


def district_probes(district_id: str) -> list[Probe]:
    return [
        Probe("tenancy", "/v1/me"),
        Probe("template-distribution", f"/v1/districts/{district_id}/received-templates"),
        Probe("observation-intake", "/v1/walkthroughs"),
        Probe("analytics", "/v1/summary"),
        Probe("anonymizer", f"/v1/districts/{district_id}/keys"),
    ]


def school_probes(district_id: str, school_id: str) -> list[Probe]:
    return [
        Probe("tenancy", "/v1/me"),
        Probe("template-distribution", f"/v1/schools/{school_id}/templates"),
        Probe("observation-intake", "/v1/walkthroughs"),
        Probe("analytics", "/v1/summary"),  # not an analytics role: 403, then 401
        Probe("anonymizer", f"/v1/districts/{district_id}/keys"),  # likewise
    ]


def assert_honoured(scene: Scene, token: Account, probes: list[Probe]) -> None:
    for probe in probes:
        status = scene.api(probe.service, token).raw("GET", probe.path).status_code
        assert status != 401 and status < 500, (probe, status)


def first_refusal(scene: Scene, token: Account, probe: Probe, changed_at: float) -> Refusal:
    api = scene.api(probe.service, token)
    while True:
        response = api.raw("GET", probe.path)
        if response.status_code == 401:
            return Refusal(probe.service, time.monotonic() - changed_at, response.json()["error"])
        assert response.status_code < 500, (probe, response.status_code, response.text)
        if time.monotonic() - changed_at > TIMEOUT_S:
            raise AssertionError(f"{probe.service} still honours the old token after {TIMEOUT_S}s")
        time.sleep(POLL_S)


def measure(scene: Scene, change: str, token: Account, probes: list[Probe], act: Any) -> None:
    """Run `act` (the change at tenancy, which must answer 2xx) and wait, per service at once,
    for the first 401 of `token`; record and check each refusal."""
    assert_honoured(scene, token, probes)
    act()
    changed_at = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(probes)) as pool:
        refusals = list(pool.map(lambda p: first_refusal(scene, token, p, changed_at), probes))
    figures = "  ".join(f"{r.service} {r.seconds * 1000:.0f} ms" for r in refusals)
    scene.report.append(f"  {change:<24} {figures}")
    print(scene.report[-1])
    for refusal in refusals:
        error = refusal.error
        assert (error["code"], error["field"]) == ("token_revoked", "Authorization"), refusal
        assert "sign in again" in error["message"], refusal
    assert {r.service for r in refusals} == set(SERVICES)
    assert_refused_from_now_on(scene, token, probes)


def assert_refused_from_now_on(scene: Scene, token: Account, probes: list[Probe]) -> None:
    """Once refused, refused by every worker of every service. A first 401 comes from one
    worker; intake's other worker may still hold a cutoff it read up to `FRESH_S` before the
    revocation arrived (the bounded staleness `canopy_shared.revocation.check` trades for
    speed), so the check starts after that window and asks each service several times."""
    time.sleep(FRESH_S)
    for probe in probes:
        for _ in range(ASKS_PER_SERVICE):
            response = scene.api(probe.service, token).raw("GET", probe.path)
            assert response.status_code == 401, (probe, response.status_code, response.text)


@pytest.fixture(scope="module")
def scene(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Scene]:
    with live_system(tmp_path_factory.mktemp("revocation-e2e") / "var") as live:
        report: list[str] = []
        yield Scene(live, live.builder.build(PLAN), report)
    # The figures go to the terminal whatever pytest captures (as `capsys.disabled()` does).
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print("\n\nTime from the change (tenancy 2xx) to the old token's first 401, per service:")
        print("\n".join(report))


def test_a_deactivated_account_is_refused_everywhere(scene: Scene) -> None:
    district = scene.network.districts[0]
    colleague = scene.new_account(district.admin, "district_admin", district.id)
    path = f"/v1/users/{_user_id(scene, colleague)}"
    deactivate = lambda: scene.tenancy(district.admin).call("PATCH", path, json={"active": False})  # noqa: E731
    measure(scene, "deactivation", colleague, district_probes(district.id), deactivate)
    assert all(
        "deactivated"
        in scene.api(p.service, colleague).raw("GET", p.path).json()["error"]["message"]
        for p in district_probes(district.id)
    )


def test_a_role_change_refuses_the_old_token_and_the_new_token_has_the_new_role(
    scene: Scene,
) -> None:
    district = scene.network.districts[0]
    leader = scene.new_account(district.admin, "district_leader", district.id)
    path = f"/v1/users/{_user_id(scene, leader)}"
    promote = lambda: scene.tenancy(district.admin).call(  # noqa: E731
        "PATCH", path, json={"role": "district_admin"}
    )
    measure(scene, "role change", leader, district_probes(district.id), promote)
    admin = scene.sign_in_again(leader)
    assert scene.tenancy(admin).get("/v1/me")["role"] == "district_admin"
    assert scene.tenancy(admin).get("/v1/users")["total"] >= 1  # an admin's list
    keys = scene.api("anonymizer", admin).raw("GET", f"/v1/districts/{district.id}/keys")
    assert keys.status_code == 200, keys.text  # only a district admin reads key metadata
    for probe in district_probes(district.id):
        status = scene.api(probe.service, admin).raw("GET", probe.path).status_code
        assert status == 200, (probe, status)


def test_taking_a_school_from_an_observer_stops_their_submissions_there(scene: Scene) -> None:
    district = scene.network.districts[0]
    home, other = district.schools
    observer = scene.new_account(district.admin, "observer", home.id)
    observer_id = _user_id(scene, observer)
    assignment = f"/v1/schools/{other.id}/observers/{observer_id}"
    scene.tenancy(district.admin).put(assignment)
    body = _walkthrough(other.id, other.teacher_ids[0])
    intake = scene.api("observation-intake", observer)
    # Intake learns of the assignment: the submission gets past "may observe here".
    until(
        lambda: _refused_for_assignment(intake.raw("POST", "/v1/walkthroughs", json=body)) is False,
        what="intake knows the observer's assignment",
    )
    remove = lambda: scene.tenancy(district.admin).call("DELETE", assignment)  # noqa: E731
    measure(scene, "observer school removed", observer, school_probes(district.id, home.id), remove)
    refused = intake.raw("POST", "/v1/walkthroughs", json=body)
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "token_revoked"
    again = scene.api("observation-intake", scene.sign_in_again(observer))
    answer = again.raw("POST", "/v1/walkthroughs", json=_walkthrough(other.id, body["teacher_id"]))
    assert _refused_for_assignment(answer), answer.text


def test_a_disconnected_districts_old_tokens_are_refused_everywhere(scene: Scene) -> None:
    district = scene.network.districts[1]
    admin = district.admin
    path = f"/v1/connections/{district.connection_id}/disconnect"
    disconnect = lambda: scene.tenancy(scene.network.region_admin).post(path, {})  # noqa: E731
    measure(scene, "district disconnected", admin, district_probes(district.id), disconnect)
    fresh = scene.sign_in_again(admin)
    assert scene.tenancy(fresh).get("/v1/me")["role"] == "district_admin"
    # The region admin's own token was never the district's: it still works.
    assert scene.tenancy(scene.network.region_admin).get("/v1/me")["role"] == "region_admin"
    until(
        lambda: (
            scene.api("anonymizer", fresh)
            .raw("GET", f"/v1/districts/{district.id}/keys")
            .status_code
            == 200
        ),
        what="a token issued after the disconnection works",
        timeout_s=10,
    )


def _user_id(scene: Scene, account: Account) -> str:
    return str(scene.tenancy(account).get("/v1/me")["id"])


def _walkthrough(school_id: str, teacher_id: str) -> dict[str, Any]:
    """A walkthrough that reaches intake's "may this observer observe here" check (its template
    is none the school may use: past that check it is refused for that, with a 4xx)."""
    return {
        "observation_id": str(uuid.uuid4()),
        "school_id": school_id,
        "teacher_id": teacher_id,
        "template_version_id": str(uuid.uuid4()),
        "observed_at": (datetime.now(UTC) - timedelta(days=2)).isoformat(timespec="seconds"),
        "duration_minutes": 15,
        "subject": "math",
        "grade_level": "5",
        "ratings": [{"indicator_key": "engagement", "value": 3}],
    }


def _refused_for_assignment(response: Any) -> bool | None:
    """True: refused because the observer may not observe at this school; False: refused or
    accepted for another reason; None: intake does not know the school or teacher yet."""
    if response.status_code == 401:
        raise AssertionError(response.text)
    error = response.json().get("error", {}) if response.status_code >= 400 else {}
    if error.get("rule") == "may_observe_at_school":
        return True
    if response.status_code == 404 or error.get("field") in ("school_id", "teacher_id"):
        return None
    return False
