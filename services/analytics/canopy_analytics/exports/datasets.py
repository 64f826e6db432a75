"""An export's content: the API's own answers for the requested scope, period, templates and
districts, flattened into tidy datasets.

Each dataset is a call to the function behind an API endpoint (`reports.trends`,
`reports.heatmap`, `reports.distribution`, `coverage.coverage`, `coverage.summary`) with a
fresh `ScopedReader` for the requester, so every figure, suppressed cell and coded share is the
one that endpoint returns for the same parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from canopy_analytics.domain.periods import Granularity, requested_period
from canopy_analytics.domain.privacy.description import rule_description
from canopy_analytics.domain.templates import Template, chosen_level
from canopy_analytics.exports import tidy
from canopy_analytics.exports.parameters import ExportParameters
from canopy_analytics.services import coverage, reports
from canopy_analytics.services.reading import ScopedReader
from canopy_analytics.services.reports import Slice

Progress = Callable[[str], None]
Dataset = tidy.Dataset


@dataclass(frozen=True)
class Plan:
    """The parameters resolved and checked against the requester's scope."""

    tier: str  # region | district
    org: str  # region:<id> | district:<id>
    period: str
    school_year: str
    granularity: Granularity  # of the time series: month for a school year, else week
    start: date
    end: date
    templates: tuple[Template, ...]
    districts: tuple[str, ...]  # broken out one by one (region exports)
    suppressed: bool


def plan(reader: ScopedReader, params: ExportParameters) -> Plan:
    """Raises the API's own 4xx errors for a period, template or district out of scope."""
    bucket = requested_period(params.period, reader.latest_school_year())
    template_ids = params.templates or tuple(reader.templates_with_data())
    templates = tuple(reader.template(t) for t in template_ids)
    for district in params.districts:
        reader.scope.require_district(district)
    region = reader.scope.suppressed
    districts = (params.districts or reader.scope.district_ids) if region else ()
    return Plan(
        tier=reader.scope.tier,
        org=reader.scope.org_label,
        period=bucket.label,
        school_year=bucket.school_year,
        granularity="month" if bucket.granularity == "school_year" else "week",
        start=bucket.start,
        end=bucket.end,
        templates=templates,
        districts=tuple(districts),
        suppressed=region,
    )


@dataclass
class Report:
    plan: Plan
    names: dict[str, str]  # org id -> name
    schools: list[dict[str, str]]  # school_id, district_id, name
    rule: dict[str, Any]
    datasets: list[Dataset] = field(default_factory=list)
    suppressed_cells: int = 0
    goals: list[dict[str, Any]] = field(default_factory=list)  # as GET /v1/goals answers

    def dataset(self, name: str) -> Dataset:
        return next(d for d in self.datasets if d.name == name)

    def name_of(self, org: str) -> str:
        return self.names.get(org.partition(":")[2], "")


def build_report(
    readers: Callable[[], ScopedReader], params: ExportParameters, progress: Progress
) -> Report:
    reader = readers()
    the_plan = plan(reader, params)
    schools = reader.schools()
    ids = [reader.scope.org_id, *reader.scope.district_ids, *(s.school_id for s in schools)]
    rule = {
        **rule_description(reader.disclosure.rule, reader.disclosure.releases),
        "applied": the_plan.suppressed,
    }
    report = Report(
        plan=the_plan,
        names=reader.dimensions.names(ids),
        schools=[vars(s) for s in schools],
        rule=rule,
    )
    _Builder(readers, report, progress).run()
    return report


class _Builder:
    def __init__(self, readers: Callable[[], ScopedReader], report: Report, progress: Progress):
        self._readers = readers
        self._report = report
        self._progress = progress
        self._plan = report.plan
        by = "district" if self._plan.suppressed else "school"
        self.trends = _dataset("indicator_trends", "Indicator trends", tidy.RATING_COLUMNS)
        self.heatmap = _dataset(f"indicator_by_{by}", f"Indicators by {by}", tidy.RATING_COLUMNS)
        self.levels = _dataset("rating_distribution", "Rating distribution", tidy.LEVEL_COLUMNS)
        self.counts = _dataset("coverage_over_time", "Walkthroughs over time", tidy.COUNT_COLUMNS)
        self.reach = _dataset("coverage_reach", "Schools and teachers reached", tidy.REACH_COLUMNS)

    def _reader(self) -> ScopedReader:
        reader = self._readers()
        self._pending = reader
        return reader

    def _done(self, step: str) -> None:
        self._report.suppressed_cells += self._pending.disclosure.withheld
        self._progress(step)

    def run(self) -> None:
        for template in self._plan.templates:
            for district in (None, *self._plan.districts):
                self._trend(template, district)
                self._distribution(template, district)
            self._heatmap(template)
        self._coverage()
        self._reach()
        self._report.datasets = [self.trends, self.heatmap, self.levels, self.counts, self.reach]

    def _trend(self, template: Template, district: str | None) -> None:
        p = self._plan
        where = Slice(template.template_id, district_id=district)
        answer = reports.trends(self._reader(), where, p.granularity, p.start, p.end)
        org, name = answer["org"], self._report.name_of(answer["org"])
        for series in answer["series"]:
            for point in series["points"]:
                at = {"org": org, "org_name": name, "period": point["period"]}
                at.update(period_start=point["start"], period_end=point["end"])
                at["level"] = series["level"]
                self.trends.rows.append(tidy.rating_row(answer["template"], series, at, point))
        self._done(f"trends {template.title} {org}")

    def _distribution(self, template: Template, district: str | None) -> None:
        where = Slice(template.template_id, district_id=district)
        answer = reports.distribution(self._reader(), where, self._plan.period)
        org = answer["org"]
        rows = tidy.level_rows(answer["template"], answer, org, self._report.name_of(org))
        self.levels.rows.extend(rows)
        self._done(f"distribution {template.title} {org}")

    def _heatmap(self, template: Template) -> None:
        p = self._plan
        by = "district" if p.suppressed else "school"
        answer = reports.heatmap(self._reader(), Slice(template.template_id), p.period, by)
        wanted = {f"district:{d}" for d in p.districts}
        info = {i["indicator"]: i for i in answer["indicators"]}
        for row in answer["rows"]:
            if p.suppressed and row["org"] not in wanted:
                continue
            for cell in row["cells"]:
                level = chosen_level(template.indicator(cell["indicator"]), None)  # type: ignore[arg-type]
                at = {"org": row["org"], "org_name": row["name"], "period": answer["period"]}
                at.update(period_start=p.start.isoformat(), period_end=p.end.isoformat())
                at["level"] = level
                indicator = info[cell["indicator"]]
                self.heatmap.rows.append(tidy.rating_row(answer["template"], indicator, at, cell))
        self._done(f"heat map {template.title}")

    def _coverage(self) -> None:
        p = self._plan
        answer = coverage.coverage(self._reader(), p.granularity, p.start, p.end, None)
        wanted = {f"district:{d}" for d in p.districts}
        for point in answer["over_time"]:
            span = {"period": point["period"], "period_start": point["start"]}
            span["period_end"] = point["end"]
            org = answer["org"]
            total = {"org": org, "org_name": self._report.name_of(org), **span}
            self.counts.rows.append(tidy.count_row(total, point["total"]))
            for part in point["parts"]:
                if p.suppressed and part["org"] not in wanted:
                    continue
                where = {"org": part["org"], "org_name": part["name"], **span}
                self.counts.rows.append(tidy.count_row(where, part))
        self._done("coverage over time")

    def _reach(self) -> None:
        answer = coverage.summary(self._reader(), self._plan.school_year)
        self.reach.rows.append(tidy.reach_row(answer["totals"], answer["name"]))
        for district in answer["districts"]:
            if district["district_id"] in self._plan.districts:
                self.reach.rows.append(tidy.reach_row(district, district["name"]))
        self._done("coverage reach")


def steps(the_plan: Plan) -> int:
    """How many answers `build_report` reads (the job's progress denominator)."""
    return len(the_plan.templates) * (2 * (1 + len(the_plan.districts)) + 1) + 2


_DESCRIPTIONS = {
    "indicator_trends": "Per indicator and period: mean rating, share of ratings at or above "
    "the level, n ratings and distinct teachers observed; for the whole scope and each "
    "selected district (GET /v1/trends).",
    "indicator_by_district": "Each indicator in each selected district over the period "
    "(GET /v1/heatmap?by=district).",
    "indicator_by_school": "Each indicator in each school over the period "
    "(GET /v1/heatmap?by=school).",
    "rating_distribution": "Share of ratings at each level, per indicator, for the whole scope "
    "and each selected district (GET /v1/distribution).",
    "coverage_over_time": "Walkthroughs and distinct teachers observed per period, for the "
    "whole scope and its parts (GET /v1/coverage).",
    "coverage_reach": "Schools visited and rostered teachers observed over the school year "
    "(GET /v1/summary).",
}


def _dataset(name: str, title: str, columns: tuple[str, ...]) -> Dataset:
    return Dataset(name, title, _DESCRIPTIONS[name], columns)
