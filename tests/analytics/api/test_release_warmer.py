"""A region release is decided once, when it is cut, not by its first answer (issue #17): the
warmer decides every region's finest cubes into the process's memo, and the answers read from
them are exactly those an answer deciding the release itself gives."""

from __future__ import annotations

import gc
from datetime import date, timedelta
from typing import Any

import pytest

from tests.analytics.api.test_releases import INDICATORS, SEPTEMBER, _answers
from tests.analytics.conftest import dependencies_of

pytestmark = pytest.mark.integration


def test_answers_from_a_warmed_release_are_the_answers_decided_on_demand(
    app, client, as_region, network, ingest, release
):
    region = network.region()
    district = network.district(region, "D")
    schools = [network.school(district, n) for n in (12, 9, 5)]
    template = network.template(INDICATORS)
    ingest(network.events)
    ingest(
        [
            network.walkthrough(
                school,
                t,
                SEPTEMBER + timedelta(days=t % 4),
                {"engagement": 1 + t % 4, "questioning": 1 + (t + 1) % 4},
                template_id=template,
            )
            for school in schools
            for t in range(network.schools[school].rostered)
        ]
    )
    release()
    deps = dependencies_of(app)
    frozen = gc.get_freeze_count()
    try:
        deps.warmer.warm_new_cut()
        # the decided release is left out of the cyclic collector's full collections
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()  # this test process's objects go back to the collector
    headers = as_region(region)
    warmed = _answers(client, headers, template, district)
    deps.memo.clear()
    on_demand = _answers(client, headers, template, district)
    assert warmed == on_demand
    assert any(_shown(body) for _, body in warmed)  # the release published something


def test_nothing_is_decided_before_any_cut(app, network, ingest):
    region = network.region()
    district = network.district(region, "D")
    school = network.school(district, 8)
    template = network.template(INDICATORS)
    ingest(network.events)
    ingest(
        [
            network.walkthrough(
                school, t, date(2026, 9, 9), {"engagement": 2}, template_id=template
            )
            for t in range(8)
        ]
    )
    deps = dependencies_of(app)
    deps.memo.clear()
    deps.warmer.warm_new_cut()
    decided = [k for k in deps.memo._items if isinstance(k, tuple) and k[0] == "decided release"]
    assert not decided


def _shown(body: Any) -> bool:
    totals = body.get("totals") or {}
    return isinstance(totals, dict) and bool(totals) and "walkthroughs" in str(totals)
