"""The read path every analytics answer takes, from the endpoint down and back:

1. scope: whose walkthroughs the caller may see (`domain.scope.scope_of`; a region's districts
   connected now come from `adapters.clickhouse.dimensions`);
2. cube query: the rollups read as a cube of cells (`adapters.clickhouse.cubes.read_cube`);
3. privacy decision: which cells a region caller may see, decided per cube
   (`services.decisions.CubeDecider` with `domain.privacy`);
4. answer: the cells an endpoint selects (`services.reports`, `services.coverage`), each shown
   or withheld by the answer's `domain.disclosure.Disclosure`.

`read_as` builds the `ScopedReader` of steps 1-3 for one caller; the use cases do step 4.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from canopy_analytics.adapters.clickhouse.data_version import data_version
from canopy_analytics.adapters.clickhouse.dimensions import DimensionReader
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.adapters.memo import LruMemo
from canopy_analytics.domain.cubes import CubeKey, DecidedCube
from canopy_analytics.domain.disclosure import Disclosure
from canopy_analytics.domain.periods import school_year_of_week
from canopy_analytics.domain.privacy.model import PrivacyRule
from canopy_analytics.domain.releases import NOTHING_CUT, RegionReleases
from canopy_analytics.domain.scope import Caller, School, Scope, scope_of
from canopy_analytics.domain.templates import Template
from canopy_analytics.services.decisions import CubeDecider
from canopy_shared.errors import Missing, NotAllowed


@dataclass
class ScopedReader:
    """What one answer reads, all within the caller's scope: dimension lookups, decided cubes,
    and the disclosure that shows or withholds each cell (and counts what it withheld)."""

    scope: Scope
    dimensions: DimensionReader
    cubes: CubeDecider
    disclosure: Disclosure

    def decided(self, key: CubeKey) -> DecidedCube:
        return self.cubes.decided(key)

    def org(self, district_id: str | None, school_id: str | None) -> str:
        """The org value a filter selects: a school, a district, or the whole scope."""
        if district_id:
            self.scope.require_district(district_id)
        if school_id:
            school = next((s for s in self.schools() if s.school_id == school_id), None)
            if school is None or (district_id and school.district_id != district_id):
                raise NotAllowed(
                    f"school {school_id} is not visible to you",
                    field="school_id",
                    rule="only schools of the districts in your scope",
                )
            return f"school:{school_id}"
        return f"district:{district_id}" if district_id else self.scope.org_label

    def schools(self, district_id: str | None = None) -> list[School]:
        districts = [district_id] if district_id else list(self.scope.district_ids)
        return self.dimensions.schools(districts)

    def template(self, template_id: str) -> Template:
        template = self.dimensions.template(template_id)
        if template is None or template_id not in self.templates_with_data():
            raise Missing(
                f"no walkthroughs with template {template_id} in your scope", field="template_id"
            )
        return template

    def templates_with_data(self) -> list[str]:
        return self.dimensions.templates_with_data(self.scope.district_ids)

    def latest_school_year(self) -> str:
        """The school year of the newest walkthrough in scope (this year's when none)."""
        week = self.dimensions.latest_week(self.scope.district_ids)
        return school_year_of_week(week or date.today())


def read_as(
    caller: Caller,
    store: ClickHouseStore,
    rule: PrivacyRule,
    memo: LruMemo,
    releases: RegionReleases | None = None,
) -> ScopedReader:
    """The reader of one answer for `caller` (steps 1-3 of the read path). A region caller
    reads the `releases` cut so far (nothing when None)."""
    version = data_version(store)
    dimensions = DimensionReader(store, memo, version)
    scope = scope_of(caller, dimensions.connected_districts)
    return _reader(scope, dimensions, CubeDecider(store, rule, scope, memo, version, releases))


def reader_for(
    scope: Scope,
    store: ClickHouseStore,
    rule: PrivacyRule,
    memo: LruMemo,
    releases: RegionReleases | None = None,
) -> ScopedReader:
    """The reader of a scope already known (a region's, when publishing to BI)."""
    version = data_version(store)
    dimensions = DimensionReader(store, memo, version)
    return _reader(scope, dimensions, CubeDecider(store, rule, scope, memo, version, releases))


def _reader(scope: Scope, dimensions: DimensionReader, cubes: CubeDecider) -> ScopedReader:
    disclosure = Disclosure(cubes.rule, scope.suppressed, cubes.releases or NOTHING_CUT)
    return ScopedReader(scope, dimensions, cubes, disclosure)
