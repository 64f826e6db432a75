"""Reading the dimension tables (and which orgs and templates the rollups hold): who is
connected to which region, which schools a district has, names, roster sizes, template labels.
The latest row of each entity wins (its event time)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from canopy_analytics.adapters.clickhouse.data_version import DataVersion
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore, Rows
from canopy_analytics.adapters.memo import LruMemo
from canopy_analytics.domain.scope import School
from canopy_analytics.domain.templates import Indicator, Template


class DimensionReader:
    """The lookups of one answer. With a `memo` and the store's data `version` (see
    `data_version.py`), each lookup is read once per version of what it reads: a dashboard's
    calls then cost one version query each instead of a dozen small ones, and any write that
    could change a lookup changes its key, so nothing stale is returned. A lookup of the
    dimension tables alone is keyed by their hash, and one that also reads the rollups by the
    facts of its districts: the sink's writes for one district then leave every other
    district's lookups, and every name, roster count and template, cached (issue #17)."""

    def __init__(
        self,
        store: ClickHouseStore,
        memo: LruMemo | None = None,
        version: DataVersion | None = None,
    ) -> None:
        self._store = store
        self._memo = memo
        self._version = version

    def query_rows(
        self, sql: str, parameters: dict[str, Any], *, facts_of: Iterable[str] | None = None
    ) -> Rows:
        """`facts_of`: the districts whose walkthroughs the query reads (None: it reads the
        dimension tables only)."""
        if self._memo is None or self._version is None:
            return self._store.query_rows(sql, parameters)
        facts = None if facts_of is None else self._version.of_districts(tuple(facts_of))
        key = (
            self._version.dimensions,
            facts,
            sql,
            tuple(sorted((k, _frozen(v)) for k, v in parameters.items())),
        )
        return self._memo.remember(key, lambda: self._store.query_rows(sql, parameters))

    def connected_districts(self, region_id: str) -> list[str]:
        """Districts connected to the region now (their latest connection change says so)."""
        rows = self.query_rows(
            "SELECT district_id FROM ("
            " SELECT district_id,"
            "  argMax(region_id, (changed_at, connected)) AS region,"
            "  argMax(connected, (changed_at, connected)) AS now_connected"
            " FROM district_connections GROUP BY district_id)"
            " WHERE region = {region:String} AND now_connected = 1 ORDER BY district_id",
            {"region": region_id},
        )
        return [district for (district,) in rows]

    def names(self, org_ids: Iterable[str]) -> dict[str, str]:
        ids = sorted(set(org_ids))
        if not ids:
            return {}
        rows = self.query_rows(
            "SELECT org_id, argMax(name, version) FROM org_units"
            " WHERE org_id IN {ids:Array(String)} GROUP BY org_id",
            {"ids": ids},
        )
        return dict(rows)

    def schools(self, district_ids: Iterable[str]) -> list[School]:
        """Schools the districts have, by tenancy's events, plus any seen only in walkthroughs."""
        districts = sorted(set(district_ids))
        if not districts:
            return []
        rows = self.query_rows(
            "SELECT school_id, any(district_id), any(name) FROM ("
            " SELECT org_id AS school_id, argMax(district_id, version) AS district_id,"
            "  argMax(name, version) AS name"
            " FROM org_units WHERE org_type = 'school' GROUP BY org_id"
            " UNION ALL"
            " SELECT DISTINCT school_id, district_id, '' FROM observation_weekly"
            " WHERE district_id IN {districts:Array(String)})"
            " WHERE district_id IN {districts:Array(String)}"
            " GROUP BY school_id ORDER BY school_id",
            {"districts": districts},
            facts_of=districts,
        )
        return [School(school, district, name) for school, district, name in rows]

    def teacher_counts(self, school_ids: Iterable[str]) -> dict[str, int]:
        """Teachers on each school's roster by the latest count tenancy published."""
        ids = sorted(set(school_ids))
        if not ids:
            return {}
        rows = self.query_rows(
            "SELECT school_id, argMax(teacher_count, as_of) FROM school_teacher_counts"
            " WHERE school_id IN {ids:Array(String)} GROUP BY school_id",
            {"ids": ids},
        )
        return {school: int(count) for school, count in rows}

    def template(self, template_id: str) -> Template | None:
        """The template's newest title, and each indicator as its newest version defines it."""
        titles = self.query_rows(
            "SELECT argMax(title, version_number) FROM template_versions"
            " WHERE template_id = {t:String} GROUP BY template_id",
            {"t": template_id},
        )
        if not titles:
            return None
        rows = self.query_rows(
            "SELECT indicator_key, argMax(tuple(indicator_text, section_title, position,"
            " scale_kind, level_values, level_labels, scale_min, scale_max), version_number)"
            " FROM template_indicators WHERE template_id = {t:String} GROUP BY indicator_key",
            {"t": template_id},
        )
        indicators = [_indicator(key, values) for key, values in rows]
        indicators.sort(key=lambda i: (i.position, i.key))
        return Template(template_id, titles[0][0], tuple(indicators))

    def templates_with_data(self, district_ids: Iterable[str]) -> list[str]:
        districts = list(district_ids)
        rows = self.query_rows(
            "SELECT DISTINCT template_id FROM observation_weekly"
            " WHERE district_id IN {districts:Array(String)} ORDER BY template_id",
            {"districts": districts},
            facts_of=districts,
        )
        return [template for (template,) in rows]

    def latest_week(self, district_ids: Iterable[str]) -> date | None:
        """The week of the newest walkthrough of the districts (None when they have none)."""
        districts = list(district_ids)
        rows = self.query_rows(
            "SELECT max(week), count() FROM observation_weekly"
            " WHERE district_id IN {districts:Array(String)}",
            {"districts": districts},
            facts_of=districts,
        )
        week, count = rows[0]
        return week if count else None

    def districts_of_region(self, region_id: str) -> tuple[str, ...]:
        """Every district that sent the region walkthroughs (while connected)."""
        rows = self._store.query_rows(
            "SELECT DISTINCT district_id FROM observation_weekly WHERE region_id = {r:String}"
            " ORDER BY district_id",
            {"r": region_id},
        )
        return tuple(str(district) for (district,) in rows)

    def school_districts(self, district_ids: Iterable[str]) -> dict[str, str]:
        """Each school with walkthroughs -> the district they were filed under."""
        rows = self._store.query_rows(
            "SELECT DISTINCT school_id, district_id FROM observation_weekly"
            " WHERE district_id IN {districts:Array(String)}",
            {"districts": list(district_ids)},
        )
        return {str(school): str(district) for school, district in rows}


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _indicator(key: str, values: tuple[Any, ...]) -> Indicator:
    text, section, position, kind, level_values, level_labels, low, high = values
    return Indicator(
        key=key,
        text=text,
        section=section,
        position=int(position),
        scale_kind=kind,
        levels=tuple(zip(level_values, level_labels, strict=True)),
        scale_min=low,
        scale_max=high,
    )
