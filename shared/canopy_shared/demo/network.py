"""Building a network through the services' public APIs, as its people would: the operator
bootstraps the region and districts, the region invites, districts accept and import their
OneRoster files, staff accounts are made, the region pushes its rubric, observers walk through."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from canopy_shared.demo.client import Api, ApiError
from canopy_shared.demo.plan import DistrictPlan, NetworkPlan
from canopy_shared.demo.roster import RosterSchool, roster_csv

# (tier, organisation name, admin email) -> the bootstrap command's JSON answer
Bootstrapper = Callable[[str, str, str], dict[str, Any]]
AGREEMENT = "Canopy regional data-sharing agreement: aggregate, small-cell-suppressed trends only."
AGREEMENT_VERSION = "2026-1"


@dataclass(frozen=True)
class Account:
    email: str
    role: str
    org_id: str
    token: str = field(repr=False)


@dataclass
class School:
    id: str
    name: str
    district_id: str
    teacher_ids: list[str]
    observer: Account | None = None


@dataclass
class District:
    id: str
    name: str
    admin: Account
    schools: list[School] = field(default_factory=list)
    leader: Account | None = None
    principal: Account | None = None  # of the first school (by name)
    connection_id: str | None = None


@dataclass
class Network:
    region_id: str
    region_admin: Account
    region_leader: Account
    districts: list[District]


@dataclass
class Services:
    tenancy: Api
    templates: Api
    intake: Api
    analytics: Api


def all_items(api: Api, path: str, **params: Any) -> Iterator[dict[str, Any]]:
    offset = 0
    while True:
        page = api.get(path, limit=200, offset=offset, **params)
        yield from page["items"]
        offset += len(page["items"])
        if not page["items"] or offset >= page["total"]:
            return


class NetworkBuilder:
    def __init__(self, services: Services, bootstrap: Bootstrapper, *, password: str) -> None:
        self.services = services
        self.bootstrap = bootstrap
        self.password = password

    def sign_in(self, email: str, role: str, org_id: str) -> Account:
        body = {"email": email, "password": self.password}
        token = self.services.tenancy.post("/v1/auth/token", body)["access_token"]
        return Account(email, role, org_id, token)

    def build(self, plan: NetworkPlan) -> Network:
        region_id = self.bootstrap("region", plan.region_name, f"region.admin@{plan.email_domain}")[
            "org_id"
        ]
        admin = self.sign_in(f"region.admin@{plan.email_domain}", "region_admin", region_id)
        leader = self.create_user(
            admin, "region_leader", region_id, f"region.leader@{plan.email_domain}"
        )
        network = Network(region_id, admin, leader, [])
        for district_plan in plan.districts:
            district = self.district(plan, district_plan)
            self.connect(network, district)
            network.districts.append(district)
        return network

    def district(self, plan: NetworkPlan, district_plan: DistrictPlan) -> District:
        email = f"admin@{district_plan.code}.{plan.email_domain}"
        district_id = self.bootstrap("district", district_plan.name, email)["org_id"]
        district = District(
            district_id, district_plan.name, self.sign_in(email, "district_admin", district_id)
        )
        self.import_roster(
            district, district_plan, random.Random(f"{plan.seed}-{district_plan.code}")
        )
        leader_email = f"leader@{district_plan.code}.{plan.email_domain}"
        district.leader = self.create_user(
            district.admin, "district_leader", district_id, leader_email
        )
        for n, school in enumerate(district.schools):
            coach = f"coach{n + 1:02d}@{district_plan.code}.{plan.email_domain}"
            school.observer = self.create_user(district.admin, "observer", school.id, coach)
        district.principal = self.principal(district, f"{district_plan.code}.{plan.email_domain}")
        return district

    def principal(self, district: District, domain: str) -> Account:
        """A principal (school admin) for the district's first school: they see that school."""
        school = district.schools[0]
        return self.create_user(district.admin, "school_admin", school.id, f"principal@{domain}")

    def connect(self, network: Network, district: District) -> None:
        region = self.services.tenancy.as_user(network.region_admin.token)
        invitation = region.post(
            "/v1/connections",
            {
                "district_id": district.id,
                "agreement_text": AGREEMENT,
                "agreement_version": AGREEMENT_VERSION,
            },
        )
        own = self.services.tenancy.as_user(district.admin.token)
        own.post(
            f"/v1/connections/{invitation['id']}/accept", {"agreement_version": AGREEMENT_VERSION}
        )
        district.connection_id = invitation["id"]

    def import_roster(self, district: District, plan: DistrictPlan, rng: random.Random) -> None:
        schools = [
            RosterSchool(f"{plan.code}-s{n + 1:02d}", s.name, s.teachers)
            for n, s in enumerate(plan.schools)
        ]
        orgs, users = roster_csv(plan.code, schools, rng)
        tenancy = self.services.tenancy.as_user(district.admin.token)
        tenancy.post(
            f"/v1/districts/{district.id}/roster-imports", {"orgs_csv": orgs, "users_csv": users}
        )
        teachers: dict[str, list[str]] = {}
        for teacher in all_items(tenancy, f"/v1/districts/{district.id}/teachers"):
            for school_id in teacher["school_ids"]:
                teachers.setdefault(school_id, []).append(teacher["id"])
        for school in all_items(tenancy, "/v1/schools", district_id=district.id):
            district.schools.append(
                School(
                    school["id"],
                    school["name"],
                    district.id,
                    sorted(teachers.get(school["id"], [])),
                )
            )
        district.schools.sort(key=lambda s: s.name)

    def create_user(
        self, admin: Account, role: str, org_id: str, email: str, **extra: str
    ) -> Account:
        tenancy = self.services.tenancy.as_user(admin.token)
        display = email.split("@")[0].replace(".", " ").title()
        body = {
            "email": email,
            "display_name": display,
            "role": role,
            "org_id": org_id,
            "password": self.password,
            **extra,
        }
        tenancy.post("/v1/users", body)
        return self.sign_in(email, role, org_id)


def eventually(call: Callable[[], Any], *, timeout_s: float = 60.0, what: str) -> Any:
    """Retry a call refused while another service's read model catches up through the bus."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return call()
        except ApiError as err:
            if err.status >= 500 or time.monotonic() > deadline:
                raise TimeoutError(f"{what}: still refused after {timeout_s}s: {err}") from err
            time.sleep(0.25)
