"""A network for API tests, built over HTTP:

- region R1 with district A connected (schools A1, A2) and district C that connected and then
  left; region R2 with district B connected (school B1);
- every role: r1/r2 admin and leader, a/b admin and leader, c admin, and at A1 and B1 a
  principal, an observer (a1's is also assigned to A2) and a teacher account; r1's region
  coach, whom district A assigned to A1;
- one rostered teacher per district: Alice Anders (A1), Bruno Berg (B1), Cora Cole (C1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

DOMAIN = "canopy.test"


def email(name: str) -> str:
    return f"{name}@{DOMAIN}"


@dataclass
class World:
    org: dict[str, str] = field(default_factory=dict)  # R1, A, A1 ... -> id
    teacher: dict[str, str] = field(default_factory=dict)  # A, B, C -> teacher id
    connection: dict[str, str] = field(default_factory=dict)  # A, B, C -> connection id
    user: dict[str, str] = field(default_factory=dict)  # short name -> user id
    roster_import: dict[str, str] = field(default_factory=dict)  # A -> a dry run's id
    names: tuple[str, ...] = ("Alice", "Anders", "Bruno", "Berg", "Cora", "Cole")


def _regions_and_districts(net, world: World) -> None:
    for region in ("r1", "r2"):
        world.org[region.upper()] = net.bootstrap(
            "region", f"Region {region}", email(f"{region}.admin")
        )
        net.user(
            email(f"{region}.admin"),
            email(f"{region}.leader"),
            "region_leader",
            world.org[region.upper()],
        )
    for district in ("a", "b", "c"):
        world.org[district.upper()] = net.bootstrap(
            "district", f"District {district.upper()}", email(f"{district}.admin")
        )
    for district in ("a", "b"):
        net.user(
            email(f"{district}.admin"),
            email(f"{district}.leader"),
            "district_leader",
            world.org[district.upper()],
        )


def _schools_and_staff(net, world: World) -> None:
    for school in ("A1", "A2", "B1", "C1"):
        admin = email(f"{school[0].lower()}.admin")
        world.org[school] = net.school(admin, world.org[school[0]], f"School {school}")
    for school, (given, family) in (
        ("A1", ("Alice", "Anders")),
        ("B1", ("Bruno", "Berg")),
        ("C1", ("Cora", "Cole")),
    ):
        admin = email(f"{school[0].lower()}.admin")
        world.teacher[school[0]] = net.teacher(
            admin, world.org[school[0]], world.org[school], given, family
        )
    for school in ("A1", "B1"):
        admin, short = email(f"{school[0].lower()}.admin"), school.lower()
        net.user(admin, email(f"{short}.principal"), "school_admin", world.org[school])
        net.user(admin, email(f"{short}.observer"), "observer", world.org[school])
        net.user(
            admin,
            email(f"{short}.teacher"),
            "teacher",
            world.org[school],
            teacher_id=world.teacher[school[0]],
        )
    # Not actors of the authorization matrix: accounts whose role its cases may change.
    net.user(email("a.admin"), email("a.spare"), "district_leader", world.org["A"])
    net.user(email("a.admin"), email("a1.spare"), "observer", world.org["A1"])
    observer = net.ids[email("a1.observer")]
    net.ok(email("a.admin"), "PUT", f"/v1/schools/{world.org['A2']}/observers/{observer}")
    users_csv = "sourcedId,role,givenName,familyName,orgSourcedIds\n"
    dry_run = {"orgs_csv": "sourcedId,name,type\n", "users_csv": users_csv, "dry_run": True}
    path = f"/v1/districts/{world.org['A']}/roster-imports"
    world.roster_import["A"] = net.ok(email("a.admin"), "POST", path, 201, json=dry_run)["id"]


def _connections(net, world: World) -> None:
    world.connection["A"] = net.connect(email("r1.admin"), email("a.admin"), world.org["A"])
    world.connection["B"] = net.connect(email("r2.admin"), email("b.admin"), world.org["B"])
    world.connection["C"] = net.connect(email("r1.admin"), email("c.admin"), world.org["C"])
    net.ok(email("c.admin"), "POST", f"/v1/connections/{world.connection['C']}/disconnect")
    net.user(email("r1.admin"), email("r1.coach"), "region_coach", world.org["R1"])
    coach = net.ids[email("r1.coach")]
    net.ok(email("a.admin"), "PUT", f"/v1/schools/{world.org['A1']}/observers/{coach}")
    # The disconnection ended C's staff's earlier tokens: c.admin signs in again when next used.
    net.headers.pop(email("c.admin"))


@pytest.fixture
def world(net) -> World:
    built = World()
    _regions_and_districts(net, built)
    _schools_and_staff(net, built)
    _connections(net, built)
    built.user = {e.split("@")[0]: i for e, i in net.ids.items()}
    return built
