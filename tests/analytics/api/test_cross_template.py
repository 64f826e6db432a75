"""A region reads each template's figures and the all-templates counts from one release. Every
walkthrough follows exactly one template, so the all-templates count of a cell is the sum of
the templates' counts there: a template's hidden count must not be recoverable as the published
total minus the other templates' published counts (the privacy rule's complementary
suppression runs across templates as it does across schools and months)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

pytestmark = pytest.mark.integration

INDICATORS = {"engagement": [1, 2, 3, 4], "questioning": [1, 2, 3, 4]}
SEPTEMBER = date(2026, 9, 8)
MONTH = "month:2026-09"


def test_a_templates_hidden_count_is_not_the_total_minus_the_other_templates(
    client, as_region, network, ingest, release
):
    region = network.region()
    district = network.district(region, "D")
    # Every teacher of three schools is observed with the region's rubric A; rubric B is used
    # at every school too, but at the first school by only two teachers: a cell of its own
    # the rule hides.
    schools = [network.school(district, 14), network.school(district, 12)]
    schools.append(network.school(district, 12))
    rubric_a = network.template(INDICATORS, "Rubric A")
    rubric_b = network.template(INDICATORS, "Rubric B")
    users_of_b = {schools[0]: range(12, 14), schools[1]: range(12), schools[2]: range(12)}
    walkthroughs = [
        network.walkthrough(
            school, t, SEPTEMBER + timedelta(days=t % 3), _ratings(t), template_id=rubric_a
        )
        for school in schools
        for t in range(12)
    ]
    walkthroughs += [
        network.walkthrough(
            school, t, SEPTEMBER + timedelta(days=1), _ratings(t + 1), template_id=rubric_b
        )
        for school, teachers in users_of_b.items()
        for t in teachers
    ]
    ingest(network.events)
    ingest(walkthroughs)
    release()
    headers = as_region(region)

    totals = _coverage_by_school(client, headers, district)
    by_template = {
        t: _walkthroughs_by_school(client, headers, t, district) for t in (rubric_a, rubric_b)
    }
    assert by_template[rubric_b][f"school:{schools[0]}"] is None, "two teachers' cell is hidden"
    for school, total in totals.items():
        counts = [by_template[t].get(school) for t in (rubric_a, rubric_b)]
        hidden = [c for c in counts if c is None]
        if total is not None:
            assert len(hidden) != 1, (
                f"{school}: all-templates {total} minus the published template = the hidden one"
            )
    # Not everything is hidden, and published cells add up where all are published.
    shown = [
        school
        for school in totals
        if all(by_template[t].get(school) is not None for t in (rubric_a, rubric_b))
    ]
    assert shown, "every school is hidden for some template"
    for school in shown:
        assert totals[school] == sum(by_template[t][school] for t in (rubric_a, rubric_b))


def _ratings(t: int) -> dict[str, int]:
    return {"engagement": 1 + t % 4, "questioning": 1 + (t + 2) % 4}


def _coverage_by_school(client, headers, district: str) -> dict[str, int | None]:
    answer = client.get(
        f"/v1/coverage?granularity=month&district_id={district}&start=2026-09-01&end=2026-09-30",
        headers=headers,
    )
    assert answer.status_code == 200, answer.json
    (month,) = [p for p in answer.json["over_time"] if p["period"] == MONTH]
    return {part["org"]: _count(part) for part in month["parts"]}


def _walkthroughs_by_school(client, headers, template: str, district: str) -> dict[str, int | None]:
    """A template's walkthroughs per school: every walkthrough rates every (required) look-for,
    so a published heat-map cell's n is the template's walkthrough count there."""
    answer = client.get(
        f"/v1/heatmap?template_id={template}&by=school&district_id={district}&period={MONTH}",
        headers=headers,
    )
    assert answer.status_code == 200, answer.json
    return {
        row["org"]: None if row["cells"][0]["suppressed"] else row["cells"][0].get("n", 0)
        for row in answer.json["rows"]
    }


def _count(part: dict) -> int | None:
    return None if part.get("suppressed") else part.get("walkthroughs", 0)
