"""What every answer needs: the caller's scope, the decided cubes, names, and the filters a
caller may use, each checked against the scope."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from canopy_analytics.clickhouse import ClickHouseStore
from canopy_analytics.decisions import CubeCache, Decider, data_version
from canopy_analytics.directory import Directory, Template
from canopy_analytics.figures import Tally
from canopy_analytics.periods import Bucket, school_year_of_week
from canopy_analytics.privacy import PrivacyRule
from canopy_analytics.scope import Scope, scope_of
from canopy_shared.web.auth import Principal
from canopy_shared.web.errors import Forbidden, NotFound, Unprocessable

_PERIOD = re.compile(r"^(week:\d{4}-\d{2}-\d{2}|month:\d{4}-\d{2}|school_year:\d{4}-\d{4})$")


@dataclass
class Context:
    store: ClickHouseStore
    scope: Scope
    directory: Directory
    decider: Decider
    tally: Tally

    @classmethod
    def build(
        cls, principal: Principal, store: ClickHouseStore, rule: PrivacyRule, cache: CubeCache
    ) -> Context:
        version = data_version(store)
        directory = Directory(store, cache, version)
        scope = scope_of(principal, directory)
        return cls(
            store,
            scope,
            directory,
            Decider(store, rule, scope, cache, version),
            Tally(rule, scope.suppressed),
        )

    def org(self, district_id: str | None, school_id: str | None) -> str:
        """The org value a filter selects: a school, a district, or the whole scope."""
        if district_id:
            self.scope.require_district(district_id)
        if school_id:
            school = next((s for s in self.schools() if s.school_id == school_id), None)
            if school is None or (district_id and school.district_id != district_id):
                raise Forbidden(
                    f"school {school_id} is not visible to you",
                    field="school_id",
                    rule="only schools of the districts in your scope",
                )
            return f"school:{school_id}"
        return f"district:{district_id}" if district_id else self.scope.org_label

    def schools(self, district_id: str | None = None) -> list:
        districts = [district_id] if district_id else list(self.scope.district_ids)
        return self.directory.schools(districts)

    def template(self, template_id: str) -> Template:
        template = self.directory.template(template_id)
        if template is None or template_id not in self.templates_with_data():
            raise NotFound(
                f"no walkthroughs with template {template_id} in your scope", field="template_id"
            )
        return template

    def templates_with_data(self) -> list[str]:
        rows = self.directory.query_rows(
            "SELECT DISTINCT template_id FROM observation_weekly"
            " WHERE district_id IN {districts:Array(String)} ORDER BY template_id",
            {"districts": list(self.scope.district_ids)},
        )
        return [template for (template,) in rows]

    def latest_school_year(self) -> str:
        """The school year of the newest walkthrough in scope (this year's when none)."""
        rows = self.directory.query_rows(
            "SELECT max(week), count() FROM observation_weekly"
            " WHERE district_id IN {districts:Array(String)}",
            {"districts": list(self.scope.district_ids)},
        )
        week, count = rows[0]
        return school_year_of_week(week if count else date.today())


def parse_period(value: str | None, default_school_year: str) -> Bucket:
    if value is None:
        return Bucket("school_year", default_school_year)
    if not _PERIOD.match(value):
        raise Unprocessable(
            f"unknown period {value!r}",
            field="period",
            rule="week:<Monday YYYY-MM-DD> | month:<YYYY-MM> | school_year:<YYYY-YYYY>",
        )
    granularity, _, key = value.partition(":")
    bucket = Bucket(granularity, key)
    if granularity == "week" and date.fromisoformat(key).weekday() != 0:
        raise Unprocessable("a week is named by its Monday", field="period")
    return bucket


def school_year_of(bucket: Bucket) -> str:
    if bucket.granularity == "school_year":
        return bucket.key
    return school_year_of_week(bucket.weeks[0])
