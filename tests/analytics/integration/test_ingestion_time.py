"""Every fact keeps the time it was first ingested: a replayed or redelivered walkthrough is not
written again, so its ingestion time (what a release cut of region figures is taken on) and every
figure stay as they were."""

from __future__ import annotations

import time
from datetime import date

import pytest

pytestmark = pytest.mark.integration


def _ingestion_times(store) -> dict[str, tuple]:
    rows = store.query_rows(
        "SELECT observation_key, count(), min(ingested_at), max(ingested_at)"
        " FROM rating_facts GROUP BY observation_key"
    )
    return {key: (n, first, last) for key, n, first, last in rows}


def test_a_replayed_walkthrough_keeps_its_first_ingestion_time(store, network, ingest):
    district = network.district(network.region(), "D")
    school = network.school(district, 3)
    template = network.template({"engagement": [1, 2, 3, 4]})
    walkthroughs = [
        network.walkthrough(school, t, date(2026, 9, 8), {"engagement": 2}, template_id=template)
        for t in range(3)
    ]
    ingest(network.events)
    assert ingest(walkthroughs) == 3
    first = _ingestion_times(store)
    time.sleep(0.05)  # a replay later in time would stamp a later ingestion time
    assert ingest(walkthroughs) == 0
    assert ingest(walkthroughs[:1] + walkthroughs[:1]) == 0
    assert _ingestion_times(store) == first
    assert all(n == 1 for n, _, _ in first.values())
