"""The goal caller of one request: the viewer (tier, org, districts in view) and a reader of the
read path for them. Region and district roles read exactly as every analytics answer does
(`read_as`); a school's principal reads its own district's exact figures, and the goal use
cases only ever ask for the principal's own school."""

from __future__ import annotations

from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.adapters.memo import LruMemo
from canopy_analytics.domain.goals.visibility import SCHOOL, Viewer
from canopy_analytics.domain.privacy.model import PrivacyRule
from canopy_analytics.domain.releases import RegionReleases
from canopy_analytics.domain.scope import DISTRICT, Scope
from canopy_analytics.services.goals import GoalCaller
from canopy_analytics.services.reading import read_as, reader_for
from canopy_shared.errors import NotAllowed
from canopy_shared.web.auth import Principal


def goal_caller(
    principal: Principal,
    store: ClickHouseStore,
    rule: PrivacyRule,
    memo: LruMemo,
    releases: RegionReleases,
) -> GoalCaller:
    """`releases`: the region releases cut so far, which a region caller's progress reads
    (issue 19), exactly as its trends do."""
    if principal.org_tier == SCHOOL:
        return _school_caller(principal, store, rule, memo)
    reader = read_as(principal, store, rule, memo, releases)
    scope = reader.scope
    viewer = Viewer(
        tier=scope.tier,
        org_id=scope.org_id,
        region_id=scope.org_id if scope.suppressed else principal.region_id,
        district_id=None if scope.suppressed else scope.org_id,
        districts=scope.district_ids,
    )
    return GoalCaller(viewer, principal.subject, reader)


def _school_caller(
    principal: Principal, store: ClickHouseStore, rule: PrivacyRule, memo: LruMemo
) -> GoalCaller:
    district_id = principal.district_id
    if district_id is None:
        raise NotAllowed("a school sign-in without its district", rule="school roles")
    reader = reader_for(Scope(DISTRICT, district_id, None, (district_id,)), store, rule, memo)
    viewer = Viewer(SCHOOL, principal.org_id, principal.region_id, district_id, (district_id,))
    return GoalCaller(viewer, principal.subject, reader)
