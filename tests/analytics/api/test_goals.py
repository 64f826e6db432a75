"""Goals over the real analytics app and ClickHouse: a goal is refused without what makes it
measurable (422 naming the field); districts adopt and adapt a region goal; progress matches
figures computed here from the walkthroughs written, exact for a district, suppressed for the
region; look-fors keep counting when their template gets a new version."""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

import pytest

from canopy_shared.contracts import Envelope

pytestmark = pytest.mark.integration

INDICATORS = {"explain": [1, 2, 3, 4], "questions": [1, 2, 3, 4]}


@dataclass
class Seeded:
    region: str
    big: list[str]  # districts whose region figures are shown
    small: str  # a district too small for the region to see its figures
    template: str
    schools: dict[str, list[str]]


def _walkthroughs(network, school, teachers, day, rng_values):
    out = []
    for teacher in range(teachers):
        for offset, value in enumerate(rng_values(teacher)):
            ratings = {"explain": value, "questions": (value % 4) + 1}
            out.append(
                network.walkthrough(
                    school,
                    teacher,
                    day + timedelta(days=offset),
                    ratings,
                    template_id=network.goal_template,
                )
            )
    return out


@pytest.fixture
def seeded(network, ingest, release) -> Seeded:
    region = network.region()
    big = [network.district(region, f"Big {i}") for i in range(3)]
    small = network.district(region, "Small")
    schools = {d: [network.school(d, 12, f"School {d[:4]}")] for d in big}
    schools[small] = [network.school(small, 3, "Tiny")]
    template = network.template(INDICATORS, title="Discourse walkthrough")
    network.goal_template = template
    ingest(network.events)
    walkthroughs = []
    for d, (school,) in schools.items():
        size = len(network.schools[school].teachers)
        shift = 0 if d == big[0] else big.index(d) if d in big else 1
        # September (baseline): mostly 1-2; November: more 3-4 (different per district).
        walkthroughs += _walkthroughs(
            network, school, size, date(2026, 9, 14), lambda t: [1 + (t % 2), 2]
        )
        walkthroughs += _walkthroughs(
            network,
            school,
            size,
            date(2026, 11, 9),
            lambda t, s=shift: [3 + ((t + s) % 2), 1 + (t % 3 == 0) * 2],
        )
    ingest(walkthroughs)
    release()  # region figures are those of the latest release (issue 19): November has closed
    return Seeded(region, big, small, template, schools)


def goal_body(template: str, **overrides: Any) -> dict[str, Any]:
    body = {
        "title": "Students explain their thinking to peers",
        "template_id": template,
        "look_fors": ["explain"],
        "target_level": 3,
        "target_share": 0.7,
        "start_date": "2026-10-01",
        "deadline": "2027-05-31",
        "owner": "Director of Teaching and Learning",
        "rationale": "Peer discourse is our focus.",
    }
    body.update(overrides)
    return body


def expected_share(walkthroughs, districts, month: str, keys=("explain",), level=3) -> Fraction:
    values = [
        r["value"]
        for w in walkthroughs
        if w["district_id"] in districts and _month(w["observed_on"]) == month
        for r in w["ratings"]
        if r["indicator_key"] in keys
    ]
    return Fraction(sum(v >= level for v in values), len(values))


def _month(day_text: str) -> str:
    day = date.fromisoformat(day_text)
    thursday = day - timedelta(days=day.weekday()) + timedelta(days=3)
    return f"month:{thursday.strftime('%Y-%m')}"


def progress_of(goal: dict[str, Any], org: str) -> dict[str, Any]:
    return next(p for p in goal["progress"] if p["org"] == org)


@pytest.mark.parametrize(
    ("missing", "field"),
    [
        ("look_fors", "look_fors"),
        ("target_level", "target_level"),
        ("target_share", "target_share"),
        ("start_date", "start_date"),
        ("deadline", "deadline"),
    ],
)
def test_a_goal_without_what_makes_it_measurable_is_refused(
    client, as_region, seeded, missing, field
):
    body = goal_body(seeded.template)
    del body[missing]
    answer = client.post("/v1/goals", json=body, headers=as_region(seeded.region, "region_admin"))
    assert answer.status_code == 422, answer.json
    assert field in str(answer.json)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"look_fors": []}, "look_fors"),
        ({"look_fors": ["nope"]}, "look_fors"),
        ({"target_level": 5}, "target_level"),
        ({"target_level": 1}, "target_level"),  # every rating is at or above the lowest level
        ({"target_share": 1.5}, "target_share"),
        ({"deadline": "2026-09-01"}, "deadline"),
        ({"benchmarks": ["2028-01-01"]}, "benchmarks"),
    ],
)
def test_a_goal_that_is_not_measurable_names_the_field(client, as_region, seeded, overrides, field):
    body = goal_body(seeded.template, **overrides)
    answer = client.post("/v1/goals", json=body, headers=as_region(seeded.region, "region_admin"))
    assert answer.status_code == 422, answer.json
    assert field in str(answer.json)


def test_region_goal_adopted_and_adapted_with_progress_for_each_tier(
    client, as_region, signer, seeded, network
):
    region = as_region(seeded.region, "region_admin")
    goal = client.post("/v1/goals", json=goal_body(seeded.template), headers=region)
    assert goal.status_code == 201, goal.json
    goal_id = goal.json["goal_id"]
    assert goal.json["benchmarks"] == ["2027-01-01", "2027-04-01", "2027-05-31"]

    adopted = client.post(
        f"/v1/goals/{goal_id}/adoptions",
        json={"mode": "adopt", "owner": "Curriculum director"},
        headers=_connected(signer, seeded, seeded.big[0], "district_admin"),
    )
    assert adopted.status_code == 201, adopted.json
    assert adopted.json["alignment"] == "adopted" and adopted.json["target_share"] == 0.7
    assert adopted.json["parent"]["goal_id"] == goal_id
    d0 = adopted.json["progress"][0]
    walkthroughs = network.walkthroughs
    exact = expected_share(walkthroughs, {seeded.big[0]}, "month:2026-11")
    assert d0["org"] == f"district:{seeded.big[0]}"
    assert d0["current"]["period"] == "month:2026-11"
    assert d0["current"]["value"] == round(float(exact), 4)
    baseline = expected_share(walkthroughs, {seeded.big[0]}, "month:2026-09")
    assert d0["baseline"]["value"] == round(float(baseline), 4)
    assert d0["status"] in ("on_track", "at_risk", "off_track")
    assert {s["org"] for s in adopted.json["schools"]} == {
        f"school:{s}" for s in seeded.schools[seeded.big[0]]
    }

    adapted = client.post(
        f"/v1/goals/{goal_id}/adoptions",
        json={"mode": "adapt", "target_share": 0.55, "owner": "Principal lead"},
        headers=_connected(signer, seeded, seeded.big[1], "district_leader"),
    )
    assert adapted.status_code == 201, adapted.json
    assert adapted.json["alignment"] == "adapted" and adapted.json["target_share"] == 0.55

    again = client.post(
        f"/v1/goals/{goal_id}/adoptions",
        json={"mode": "adopt", "owner": "x"},
        headers=_connected(signer, seeded, seeded.big[1], "district_leader"),
    )
    assert again.status_code == 409

    page = client.get(f"/v1/goals/{goal_id}", headers=region).json
    assert {c["alignment"] for c in page["children"]} == {"adopted", "adapted"}
    by_org = {p["org"]: p for p in page["progress"]}
    assert set(by_org) == {f"region:{seeded.region}"} | {
        f"district:{d}" for d in [*seeded.big, seeded.small]
    }
    # The small district is hidden, and (complementary suppression) so may be one sibling;
    # every district shown shows the share computed here, coded to a whole percent.
    shown = [d for d in seeded.big if not by_org[f"district:{d}"]["current"]["suppressed"]]
    assert len(shown) >= 2
    for district in shown:
        current = by_org[f"district:{district}"]["current"]
        share = expected_share(walkthroughs, {district}, "month:2026-11")
        assert abs(current["value"] - float(share)) <= 0.005 + 1e-9
    small = by_org[f"district:{seeded.small}"]
    assert small["current"]["suppressed"] and small["current"]["value"] is None
    assert small["current"]["display"] is None and small["current"]["n"] is None
    assert all(p["value"] is None for p in small["series"])
    assert page["suppression"]["applied"] is True

    listed = client.get("/v1/goals", headers=region).json["goals"]
    assert {g["goal_id"] for g in listed} == {
        goal_id,
        adopted.json["goal_id"],
        adapted.json["goal_id"],
    }


def _connected(signer, seeded: Seeded, district: str, role: str) -> dict[str, str]:
    """A district user's headers with the region claim a connected district's tokens carry."""
    token = signer.mint(
        role=role,
        org_id=district,
        org_tier="district",
        district_id=district,
        region_id=seeded.region,
    )
    return {"Authorization": f"Bearer {token}"}


def test_district_goal_and_school_alignment(client, as_district, signer, seeded, network):
    district = seeded.big[0]
    headers = as_district(district, "district_admin")
    goal = client.post(
        "/v1/goals", json=goal_body(seeded.template, target_share=0.6), headers=headers
    )
    assert goal.status_code == 201, goal.json
    school = seeded.schools[district][0]
    token = signer.mint(role="school_admin", org_id=school, org_tier="school", district_id=district)
    school_headers = {"Authorization": f"Bearer {token}"}
    listed = client.get("/v1/goals", headers=school_headers).json["goals"]
    assert [g["goal_id"] for g in listed] == [goal.json["goal_id"]]
    aligned = client.post(
        f"/v1/goals/{goal.json['goal_id']}/adoptions",
        json={"mode": "adapt", "target_share": 0.8, "owner": "Principal"},
        headers=school_headers,
    )
    assert aligned.status_code == 201, aligned.json
    assert (
        aligned.json["tier"] == "school"
        and aligned.json["progress"][0]["org"] == f"school:{school}"
    )
    exact = expected_share(network.walkthroughs, {district}, "month:2026-11")
    assert aligned.json["progress"][0]["current"]["value"] == round(float(exact), 4)
    district_page = client.get(f"/v1/goals/{goal.json['goal_id']}", headers=headers).json
    assert [c["org"] for c in district_page["children"]] == [f"school:{school}"]


def test_other_tenants_see_nothing(client, as_region, as_district, network, seeded):
    goal = client.post(
        "/v1/goals",
        json=goal_body(seeded.template),
        headers=as_region(seeded.region, "region_admin"),
    ).json
    stranger = as_region(str(uuid.uuid4()))
    assert client.get(f"/v1/goals/{goal['goal_id']}", headers=stranger).status_code == 404
    assert client.get("/v1/goals", headers=stranger).json["goals"] == []
    teacher = as_district(seeded.big[0], "district_leader")
    # A district of the region sees the region's goal only with its region claim.
    assert client.get(f"/v1/goals/{goal['goal_id']}", headers=teacher).status_code == 404


def test_look_fors_keep_counting_across_template_versions(
    client, as_district, seeded, network, ingest
):
    """A new version of the template (same indicator key, new wording): walkthroughs of both
    versions count towards the goal."""
    district = seeded.big[0]
    v1 = next(e for e in network.events if e.type == "template.version_published")
    payload = copy.deepcopy(v1.payload)
    payload["version_id"] = str(uuid.uuid4())
    payload["version_number"] = 2
    payload["sections"][0]["indicators"][0]["text"] = "Students explain their reasoning"
    ingest([Envelope(type="template.version_published", payload=payload, producer="test")])
    school = seeded.schools[district][0]
    more = [
        network.walkthrough(
            school,
            t,
            date(2026, 11, 23),
            {"explain": 4, "questions": 2},
            template_id=seeded.template,
        )
        for t in range(12)
    ]
    for w in more:
        w.payload["template_version_id"] = payload["version_id"]
    ingest(more)
    headers = as_district(district, "district_admin")
    goal = client.post("/v1/goals", json=goal_body(seeded.template), headers=headers).json
    current = goal["progress"][0]["current"]
    exact = expected_share(network.walkthroughs, {district}, "month:2026-11")
    assert current["value"] == round(float(exact), 4)
    assert goal["look_fors"] == [
        {"indicator": "explain", "text": "Students explain their reasoning"}
    ]


def test_the_status_rule_is_published(client):
    rule = client.get("/v1/goals/status-rule").json
    assert rule["at_risk_margin"] == 0.05 and "straight line" in rule["rule"]


def test_templates_offer_their_look_fors_and_target_levels(client, as_region, signer, seeded):
    for headers in (
        as_region(seeded.region),
        _connected(signer, seeded, seeded.big[0], "district_leader"),
    ):
        answer = client.get("/v1/goals/templates", headers=headers)
        assert answer.status_code == 200, answer.json
        (template,) = answer.json["templates"]
        assert template["template_id"] == seeded.template
        explain = next(lf for lf in template["look_fors"] if lf["indicator"] == "explain")
        assert [level["value"] for level in explain["levels"]] == [2, 3, 4]


def test_goal_answers_validate_against_the_openapi_document(client, as_region, signer, seeded):
    from tests.analytics.openapi_answers import AnswerChecker

    checker = AnswerChecker(client)
    region = as_region(seeded.region, "region_admin")
    made = client.post("/v1/goals", json=goal_body(seeded.template), headers=region)
    assert made.status_code == 201, made.json
    checker.check("post", "/v1/goals", made.json)
    goal_id = made.json["goal_id"]
    district = _connected(signer, seeded, seeded.big[0], "district_admin")
    adopted = client.post(
        f"/v1/goals/{goal_id}/adoptions", json={"mode": "adopt", "owner": "x"}, headers=district
    )
    checker.check("post", "/v1/goals/{goal_id}/adoptions", adopted.json)
    for headers in (region, district):
        checker.check("get", "/v1/goals", client.get("/v1/goals", headers=headers).json)
        page = client.get(f"/v1/goals/{goal_id}", headers=headers).json
        checker.check("get", "/v1/goals/{goal_id}", page)
        templates = client.get("/v1/goals/templates", headers=headers).json
        checker.check("get", "/v1/goals/templates", templates)
    checker.check("get", "/v1/goals/status-rule", client.get("/v1/goals/status-rule").json)


def test_a_goal_and_its_event_are_stored_together(client, app, as_region, seeded):
    """The goal's `goal.set` event waits in the outbox (the relay sends it; here the broker is
    unreachable), valid against goals.events.v1."""
    import json

    from sqlalchemy import select

    from canopy_analytics.exports.db import outbox
    from canopy_shared.contracts import GOALS_EVENTS
    from tests.analytics.conftest import dependencies_of

    region = as_region(seeded.region, "region_admin")
    made = client.post("/v1/goals", json=goal_body(seeded.template), headers=region).json
    sessions = dependencies_of(app).goals._sessions
    with sessions() as session:
        rows = session.execute(select(outbox).where(outbox.c.topic == GOALS_EVENTS.name)).all()
    (row,) = rows
    message = json.loads(row._mapping["message_value"])
    loaded = GOALS_EVENTS.validate(message, strict=True)
    assert loaded["payload"]["goal_id"] == made["goal_id"]
    assert loaded["payload"]["look_fors"] == ["explain"] and loaded["payload"]["alignment"] == "own"
    assert row._mapping["message_key"] == seeded.region.encode()
