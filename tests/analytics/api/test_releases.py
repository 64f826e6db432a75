"""The release model on the real engine (issue #19): region answers come from releases cut by
the operator's command, so one walkthrough submitted between two cuts reveals nothing — no
region answer changes when it arrives, nor at the next cut (its month was released already, or
is still open) — while district figures stay exact and live."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from tests.analytics.conftest import month_closes

pytestmark = pytest.mark.integration

INDICATORS = {"engagement": [1, 2, 3, 4], "questioning": [1, 2, 3, 4]}
SEPTEMBER = date(2026, 9, 8)


def _answers(client: Any, headers: dict[str, str], template: str, district: str) -> list[Any]:
    """Every region answer an attacker might record, at every granularity and breakdown."""
    t = template
    urls = [
        f"/v1/trends?template_id={t}&granularity={g}{extra}"
        for g in ("week", "month", "school_year")
        for extra in ("", f"&district_id={district}", "&subject=math", "&grade_band=3-5")
    ]
    urls += [
        f"/v1/heatmap?template_id={t}&by=school&district_id={district}&period=month:2026-09",
        f"/v1/heatmap?template_id={t}&by=district",
        f"/v1/distribution?template_id={t}",
        f"/v1/distribution?template_id={t}&period=week:2026-09-07",
        "/v1/coverage?granularity=week",
        "/v1/coverage?granularity=school_year",
        "/v1/summary",
    ]
    answers = []
    for url in urls:
        answer = client.get(url, headers=headers)
        assert answer.status_code == 200, (url, answer.json)
        body = dict(answer.json)
        body.get("suppression", {}).get("release", {}).pop("latest_cut", None)  # the cut moves
        answers.append((url, body))
    return answers


def test_one_walkthrough_between_two_cuts_reveals_nothing(
    client, as_region, as_district, network, ingest, release
):
    region = network.region()
    district = network.district(region, "D")
    schools = [network.school(district, n) for n in (12, 12, 4)]
    template = network.template(INDICATORS)
    walkthroughs = [
        network.walkthrough(
            school,
            t,
            SEPTEMBER + timedelta(days=t % 3),
            {"engagement": 1 + t % 4, "questioning": 1 + (t + 1) % 4},
            template_id=template,
        )
        for school in schools
        for t in range(network.schools[school].rostered)
    ]
    ingest(network.events)
    ingest(walkthroughs)
    first_cut = release()
    region_headers = as_region(region)
    before = _answers(client, region_headers, template, district)
    trend = next(
        body for url, body in before if "granularity=month&" not in url and "trends" in url
    )
    assert trend["suppression"]["release"]["model"] == "closed periods, published once"
    district_headers = as_district(district)
    live = client.get("/v1/summary", headers=district_headers).json["totals"]

    # One more walkthrough in September (released already) and one today (an open month).
    today = datetime.now(UTC).date()
    late = [
        network.walkthrough(
            schools[2], 0, day, {"engagement": 1, "questioning": 1}, template_id=template
        )
        for day in (SEPTEMBER, today)
    ]
    ingest(late)
    assert _answers(client, region_headers, template, district) == before  # no cut: unchanged
    second_cut = release()
    assert second_cut > first_cut
    after = _answers(client, region_headers, template, district)
    if month_closes(today) > second_cut:  # today's month is still open: nothing may change
        assert after == before
    # District figures are exact and live: both walkthroughs count at once.
    now = client.get("/v1/summary", headers=district_headers).json["totals"]
    assert now["teachers_observed"]["walkthroughs"] == live["teachers_observed"]["walkthroughs"] + 2


def test_the_open_month_is_announced_not_shown(client, as_region, network, ingest, release):
    region = network.region()
    district = network.district(region, "D")
    schools = [network.school(district, 12) for _ in range(3)]
    template = network.template(INDICATORS)
    today = datetime.now(UTC).date()
    ingest(network.events)
    ingest(
        [
            network.walkthrough(
                s, t, today, {"engagement": 1 + t % 4, "questioning": 2}, template_id=template
            )
            for s in schools
            for t in range(12)
        ]
    )
    release()
    answer = client.get(
        f"/v1/trends?template_id={template}&granularity=month&start={today.isoformat()}"
        f"&end={today.isoformat()}",
        headers=as_region(region),
    ).json
    (point,) = answer["series"][0]["points"]
    assert point["unpublished"] is True and point["suppressed"] is True
    assert "n" not in point and "mean_rating" not in point
    assert point["published_after"] == month_closes(today).date().isoformat()
    assert "published once" in answer["suppression"]["release"]["statement"]


def test_the_privacy_rule_states_the_release_model(client):
    rule = client.get("/v1/privacy-rule").json
    assert rule["release"]["model"] == "closed periods, published once"
    assert rule["release"]["interval_s"] == 3600 and rule["release"]["settling_s"] == 0
    assert any(line.startswith("Release model") for line in rule["rules"])
