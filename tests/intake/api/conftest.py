"""The network most read tests share: two schools of district A with their observers and
teachers, and district B, with four walkthroughs (`ids`), and a bearer header per caller."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient

from tests.intake.conftest import Feed, Tokens, World, build_world, new_id, walkthrough_body


@dataclass
class Network:
    a: World  # district A, school 1 (observer O1, teacher T1)
    school2: str
    observer2: str
    teacher2: str
    b: World  # another district
    ids: dict[str, str]  # w1 (shared), w2, w3 (school 2), w4 (district B)


def submit(client: FlaskClient, headers: dict[str, str], world: World, **overrides: object) -> str:
    body = walkthrough_body(world, **overrides)
    response = client.post("/v1/walkthroughs", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return str(body["observation_id"])


@pytest.fixture
def network(client: FlaskClient, feed: Feed, tokens: Tokens) -> Network:
    a, b = build_world(feed), build_world(feed)
    school2 = feed.school(a.district_id, "Oak Middle")
    teacher2 = feed.teacher(a.district_id, school2)
    observer2 = feed.observer(a.district_id, school2)
    feed.assign(a.version_id, a.template_id, a.district_id, a.district_id, school2)
    o1, o2 = tokens.observer(a), tokens.observer(a, observer2)
    ids = {
        "w1": submit(client, o1, a, shared_with_teacher=True),
        "w2": submit(client, o1, a, observed_at="2026-09-20T10:00:00-05:00"),
        "w3": submit(client, o2, a, school_id=school2, teacher_id=teacher2),
        "w4": submit(client, tokens.observer(b), b),
    }
    return Network(a, school2, observer2, teacher2, b, ids)


def headers_for(caller: str, net: Network, tokens: Tokens) -> dict[str, str]:
    a, b = net.a, net.b
    return {
        "district_admin A": tokens.district("district_admin", a.district_id),
        "district_leader A": tokens.district("district_leader", a.district_id),
        "district_admin B": tokens.district("district_admin", b.district_id),
        "school_admin 1": tokens.school("school_admin", a.school_id, a.district_id),
        "school_admin 2": tokens.school("school_admin", net.school2, a.district_id),
        "observer 1": tokens.observer(a),
        "observer 2": tokens.observer(a, net.observer2),
        "teacher 1": tokens.school("teacher", a.school_id, a.district_id, teacher_id=a.teacher_id),
        "teacher 2": tokens.school("teacher", net.school2, a.district_id, teacher_id=net.teacher2),
        "region_admin": tokens.region("region_admin", a.region_id),
        "region_leader": tokens.region("region_leader", a.region_id),
        "region_coach": tokens.region_coach(a.region_id, new_id()),
        "teacher without roster link": tokens.school("teacher", a.school_id, a.district_id),
    }[caller]
