"""A fact insert torn from its rollups (the process killed after ClickHouse committed the facts'
part and before the views' parts) is put right by the sink's next write: a district leader's
summary counts every stored walkthrough, once, and no answer cached before stays served.

The tear is made here as a kill makes it, without the timing: the rollups' views are detached
while a batch of facts is written, then attached again (the engine's state after the kill). The
kill itself was measured: rollup_repair.py's docstring."""

from __future__ import annotations

from datetime import date

import pytest

from canopy_analytics.adapters.clickhouse.rollup_repair import ROLLUPS, short_months

pytestmark = pytest.mark.integration
VIEWS = [r.view for r in ROLLUPS] + ["facts_versions_mv"]


def _walkthroughs_seen(client, headers) -> int:
    summary = client.get("/v1/summary", headers=headers).json
    return int(summary["totals"]["teachers_observed"]["walkthroughs"])


def test_a_torn_insert_is_counted_after_the_next_write(app, store, network, ingest, as_district):
    district = network.district(network.region(), "Alder USD")
    school = network.school(district, 6)
    template = network.template({"engagement": [1, 2, 3, 4]})
    days = [date(2026, 9, 8), date(2026, 9, 29), date(2026, 10, 6)]  # two rollup months
    walkthroughs = [
        network.walkthrough(school, t % 6, days[t % 3], {"engagement": 1 + t % 4},
                            template_id=template)
        for t in range(12)
    ]  # fmt: skip
    ingest(network.events)
    assert ingest(walkthroughs[:6]) == 6
    client, headers = app.test_client(), as_district(district)
    assert _walkthroughs_seen(client, headers) == 6

    for view in VIEWS:
        store.command(f"DETACH TABLE {view}")
    try:
        assert ingest(walkthroughs[6:10]) == 4  # facts stored, no rollup counted them
    finally:
        for view in VIEWS:
            store.command(f"ATTACH TABLE {view}")
    assert [short_months(store, rollup) for rollup in ROLLUPS] == [[202609, 202610]] * 2
    assert _walkthroughs_seen(client, headers) == 6  # what the torn state answers

    # The sink's next batch: a redelivery of the torn walkthroughs (skipped as stored) and two new.
    assert ingest(walkthroughs[6:]) == 2
    assert [short_months(store, rollup) for rollup in ROLLUPS] == [[], []]
    assert _walkthroughs_seen(client, headers) == 12
