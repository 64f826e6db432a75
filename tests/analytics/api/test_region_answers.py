"""The region API over real ClickHouse: figures checked against figures computed here from the
walkthroughs written, small schools hidden and not recoverable, scope enforced. Region figures
come from a release (cut through the operator's command after the walkthroughs are in): they
are checked against the walkthroughs of the months that release published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

import pytest

from canopy_analytics.domain.privacy.model import PrivacyRule
from canopy_analytics.domain.privacy.publication import code_share
from tests.analytics.conftest import dependencies_of, month_closes, released_walkthroughs

pytestmark = pytest.mark.integration

INDICATORS = {"engagement": [1, 2, 3, 4], "questioning": [1, 2, 3, 4]}
YEAR = "school_year:2026-2027"


@dataclass
class Seeded:
    region: str
    districts: list[str]
    small_school: str
    small_district: str
    outside: str  # a district of the same region that is not connected
    other_region: str
    other_district: str
    template: str
    released: list[dict[str, Any]]  # the walkthroughs the region's release holds


@pytest.fixture
def seeded(network, ingest, release) -> Seeded:
    region = network.region()
    teachers = [[4, 12, 15, 20], [11, 14, 13], [16, 9, 18]]
    districts = [network.district(region, f"D{i}") for i in range(3)]
    schools = [
        [network.school(d, n) for n in sizes] for d, sizes in zip(districts, teachers, strict=True)
    ]
    outside = network.district(region, "Left", connect=False)
    network.school(outside, 12)
    other_region = network.region("Elsewhere")
    other_district = network.district(other_region, "Far")
    network.school(other_district, 12)
    template = network.template(INDICATORS)
    walkthroughs = network.random_walkthroughs(
        template, INDICATORS, per_teacher=4, start=date(2026, 9, 7), weeks=16
    )
    ingest(network.events)
    ingest(walkthroughs)
    cut = release()
    return Seeded(
        region,
        districts,
        schools[0][0],
        districts[0],
        outside,
        other_region,
        other_district,
        template,
        released_walkthroughs(network.walkthroughs, cut),
    )


def test_region_trends_match_independent_figures(client, as_region, seeded, network, expected):
    answer = client.get(
        f"/v1/trends?template_id={seeded.template}&granularity=month",
        headers=as_region(seeded.region),
    )
    assert answer.status_code == 200, answer.json
    published = 0
    for series in answer.json["series"]:
        for point in series["points"]:
            truth = expected(
                seeded.released,
                period=point["period"],
                indicator=series["indicator"],
                level=series["level"],
                districts=set(seeded.districts),
                region_id=seeded.region,
            )
            if point.get("unpublished"):  # the open month: no figure, when it will come
                figures = set(point) - {"period", "start", "end"}
                assert figures == {"suppressed", "reasons", "unpublished", "published_after"}
                closes = month_closes(date.fromisoformat(point["start"]))
                assert point["published_after"] == closes.date().isoformat()
                assert truth["n"] == 0  # the release holds none of its walkthroughs
                continue
            if point["suppressed"]:
                assert set(point) == {"suppressed", "reasons"}  # no number at all
                continue
            published += bool(point["n"])
            assert point["n"] == truth["n"]
            assert point["teachers"] == truth["teachers"]
            if truth["n"]:
                assert point["mean_rating"] == pytest.approx(truth["sum"] / truth["n"], abs=0.005)
                share = code_share(Fraction(truth["at_or_above"], truth["n"]), PrivacyRule())
                assert point["share"] == share
    assert published >= 4
    assert answer.json["suppression"]["k"] == 10


def test_school_year_figures_per_district_filter(client, as_region, seeded, network, expected):
    for district in seeded.districts:
        answer = client.get(
            f"/v1/trends?template_id={seeded.template}&granularity=school_year"
            f"&district_id={district}&indicator=engagement&level=3",
            headers=as_region(seeded.region),
        )
        (point,) = answer.json["series"][0]["points"]
        truth = expected(
            seeded.released, period=YEAR, indicator="engagement", level=3, districts={district}
        )
        assert point["suppressed"] is False
        assert (point["n"], point["teachers"]) == (truth["n"], truth["teachers"])


def test_small_school_is_hidden_and_not_recoverable_by_subtraction(client, as_region, seeded):
    heat = client.get(
        f"/v1/heatmap?template_id={seeded.template}&by=school&district_id={seeded.small_district}",
        headers=as_region(seeded.region),
    ).json
    district = client.get(
        f"/v1/heatmap?template_id={seeded.template}&by=district", headers=as_region(seeded.region)
    ).json
    total = next(r for r in district["rows"] if r["org"] == f"district:{seeded.small_district}")
    for column, indicator in enumerate(INDICATORS):
        cells = {row["org"]: row["cells"][column] for row in heat["rows"]}
        small = cells[f"school:{seeded.small_school}"]
        assert small == {"indicator": indicator, "suppressed": True, "reasons": ["primary"]}
        hidden = [org for org, cell in cells.items() if cell["suppressed"]]
        if not total["cells"][column]["suppressed"]:
            assert len(hidden) >= 2, (
                f"{indicator}: district minus published schools = the small one"
            )
    trend = client.get(
        f"/v1/trends?template_id={seeded.template}&school_id={seeded.small_school}"
        "&granularity=week",
        headers=as_region(seeded.region),
    ).json
    points = [p for s in trend["series"] for p in s["points"]]
    assert all(p["suppressed"] or p["n"] == 0 for p in points)


def test_teacher_level_requests_are_refused(client, as_region, seeded, network):
    pseudonym = network.walkthroughs[0]["teacher_pseudonym"]
    for param in (f"teacher_pseudonym={pseudonym}", "teacher_id=1", "observation_key=ab"):
        answer = client.get(
            f"/v1/trends?template_id={seeded.template}&{param}", headers=as_region(seeded.region)
        )
        assert answer.status_code == 422, param


def test_distribution_and_coverage_match(client, as_region, seeded, network, expected):
    headers = as_region(seeded.region)
    dist = client.get(f"/v1/distribution?template_id={seeded.template}", headers=headers).json
    for indicator in dist["indicators"]:
        truth = expected(
            seeded.released,
            period=YEAR,
            indicator=indicator["indicator"],
            level=0,
            districts=set(seeded.districts),
            region_id=seeded.region,
        )
        assert indicator["n"] == truth["n"]
        for level in indicator["levels"]:
            count = truth["values"].count(level["value"])
            assert level["share"] == code_share(Fraction(count, truth["n"]), PrivacyRule())
    cover = client.get("/v1/coverage?granularity=school_year", headers=headers).json
    (year,) = cover["school_years"]
    visited = {w["school_id"] for w in seeded.released if w["region_id"] == seeded.region}
    assert (year["schools"], year["schools_visited"]) == (10, len(visited))
    observed = {
        w["teacher_pseudonym"] for w in seeded.released if w["district_id"] in seeded.districts
    }
    assert year["teachers_observed"]["teachers_observed"] == len(observed)
    assert year["teachers_rostered"] == 4 + 12 + 15 + 20 + 11 + 14 + 13 + 16 + 9 + 18
    summary = client.get("/v1/summary", headers=headers).json
    assert [d["district_id"] for d in summary["districts"]] == sorted(seeded.districts)
    assert summary["templates"][0]["template_id"] == seeded.template


def test_scope_is_enforced(client, as_region, as_district, seeded, signer):
    url = f"/v1/trends?template_id={seeded.template}"
    assert client.get(url).status_code == 401
    for district in (seeded.outside, seeded.other_district):
        assert (
            client.get(
                f"{url}&district_id={district}", headers=as_region(seeded.region)
            ).status_code
            == 403
        )
        heatmap = f"/v1/heatmap?template_id={seeded.template}&by=school&district_id={district}"
        assert client.get(heatmap, headers=as_region(seeded.region)).status_code == 403
    other = as_region(seeded.other_region)
    assert client.get(f"{url}&district_id={seeded.districts[0]}", headers=other).status_code == 403
    own = as_district(seeded.districts[1])
    assert client.get(f"{url}&district_id={seeded.districts[0]}", headers=own).status_code == 403
    observer = signer.mint(role="observer", org_tier="school")
    answer = client.get(url, headers={"Authorization": f"Bearer {observer}"})
    assert answer.status_code == 403


def test_district_roles_get_their_own_district_unsuppressed(
    client, as_district, seeded, network, expected
):
    answer = client.get(
        f"/v1/trends?template_id={seeded.template}&granularity=school_year"
        f"&school_id={seeded.small_school}&indicator=engagement&level=3",
        headers=as_district(seeded.small_district, role="district_admin"),
    ).json
    (point,) = answer["series"][0]["points"]
    truth = expected(
        network.walkthroughs,
        period=YEAR,
        indicator="engagement",
        level=3,
        districts={seeded.small_district},
        school_id=seeded.small_school,
    )
    assert point["suppressed"] is False and point["teachers"] == 4 == truth["teachers"]
    assert point["share"]["value"] == round(truth["at_or_above"] / truth["n"], 4)
    assert answer["suppression"]["applied"] is False


def test_privacy_rule_is_published(client):
    rule = client.get("/v1/privacy-rule").json
    assert rule["k"] == 10 and rule["minimum_k"] == 5
    assert rule["coded_displays"] == {"bottom": "<5%", "top": "≥95%"}


def test_bi_cells_carry_figures_only_where_the_api_publishes_them(client, as_region, seeded, store):
    from canopy_analytics.services.bi import publish_region

    releases = dependencies_of(client.application).releases.current()
    assert publish_region(store, PrivacyRule(), seeded.region, releases) > 0
    rows = store.query_rows(
        "SELECT org_id, period, indicator_key, suppressed, reason, teachers, mean_rating"
        " FROM bi_published_cells FINAL WHERE region_id = {r:String}",
        {"r": seeded.region},
    )
    assert {r[0] for r in rows} >= {seeded.small_school, seeded.region}
    for org, _, _, suppressed, reason, teachers, mean in rows:
        if suppressed:
            assert (teachers, mean) == (None, None) and reason in ("primary", "secondary")
        else:
            assert teachers >= 10
        assert org not in (seeded.outside, seeded.other_district)
    assert all(r[3] for r in rows if r[0] == seeded.small_school)
    summary = client.get("/v1/summary", headers=as_region(seeded.region)).json
    for indicator in summary["templates"][0]["indicators"]:
        (row,) = [
            r
            for r in rows
            if r[0] == seeded.region and r[1] == YEAR and r[2] == indicator["indicator"]
        ]
        assert row[6] == indicator["mean_rating"]


@pytest.mark.parametrize("endpoint", ["trends", "heatmap", "distribution"])
@pytest.mark.parametrize("level", [0, 1, 5, -3])
def test_a_level_outside_the_rating_scale_is_refused(client, as_region, seeded, endpoint, level):
    """Level 1 is the lowest of 1..4: its share is always 100 %, so it is refused too."""
    answer = client.get(
        f"/v1/{endpoint}?template_id={seeded.template}&level={level}",
        headers=as_region(seeded.region),
    )
    assert answer.status_code == 422, answer.json
    assert "level" in str(answer.json) and "between 2 and 4" in str(answer.json)


def test_the_rule_publishes_dominance_and_the_smallest_n_for_a_share(client):
    rule = client.get("/v1/privacy-rule").json
    assert rule["dominance"] == 0.5 and rule["share_min_n"] == 21
    assert set(rule["reasons"]) == {"primary", "dominance", "secondary"}


def test_a_region_coach_sees_only_what_a_region_leader_sees(client, as_region, seeded):
    """A coach's walkthroughs are the districts' data: the region tier, coach included, reads
    the same suppressed figures, never a small school's."""
    heatmap = (
        f"/v1/heatmap?template_id={seeded.template}&by=school&district_id={seeded.small_district}"
    )
    leader = client.get(heatmap, headers=as_region(seeded.region)).json
    coach = client.get(heatmap, headers=as_region(seeded.region, "region_coach"))
    assert coach.status_code == 200, coach.json
    assert coach.json["rows"] == leader["rows"]
    small = next(r for r in coach.json["rows"] if r["org"] == f"school:{seeded.small_school}")
    assert all(cell["suppressed"] for cell in small["cells"])
