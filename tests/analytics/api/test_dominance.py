"""Dominance on the real engine: after one teacher's burst of walkthroughs, no region cell in
which that teacher makes up more than the published share is shown (issue 19: a cell was shown
in which one teacher made up 54 % of the ratings)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

pytestmark = pytest.mark.integration

INDICATORS = {"engagement": [1, 2, 3, 4]}


def test_a_teacher_who_dominates_a_cell_hides_it(client, as_region, network, ingest, release):
    region = network.region()
    district = network.district(region, "D")
    schools = [network.school(district, 12) for _ in range(3)]
    template = network.template(INDICATORS)
    day = date(2026, 9, 8)
    walkthroughs = [
        network.walkthrough(s, t, day, {"engagement": 1 + t % 4}, template_id=template)
        for s in schools
        for t in range(12)
    ]
    burst = [  # 13 more by teacher 0 of the first school: 14 of its 25 ratings (56 %)
        network.walkthrough(
            schools[0], 0, day + timedelta(days=i % 3), {"engagement": 3}, template_id=template
        )
        for i in range(13)
    ]
    ingest(network.events)
    ingest(walkthroughs + burst)
    release()  # region figures come from a release
    heat = client.get(
        f"/v1/heatmap?template_id={template}&by=school&district_id={district}&period=month:2026-09",
        headers=as_region(region),
    )
    assert heat.status_code == 200, heat.json
    cells = {row["org"]: row["cells"][0] for row in heat.json["rows"]}
    assert cells[f"school:{schools[0]}"] == {
        "indicator": "engagement",
        "suppressed": True,
        "reasons": ["dominance"],
    }
    assert sum(cell["suppressed"] for cell in cells.values()) >= 2  # complementary follows
    for cell in cells.values():
        if not cell["suppressed"]:
            assert cell["n"] == 12  # the other schools: one walkthrough per teacher
