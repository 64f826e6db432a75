"""Reading the dimension tables: who is connected to which region, which schools a district has,
names, roster sizes, template labels. The latest row of each entity wins (its event time)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from canopy_analytics.clickhouse import ClickHouseStore

if TYPE_CHECKING:  # decisions imports this module's users; the memo is only a type here
    from canopy_analytics.decisions import CubeCache


@dataclass(frozen=True)
class School:
    school_id: str
    district_id: str
    name: str


@dataclass(frozen=True)
class Indicator:
    key: str
    text: str
    section: str
    position: int
    scale_kind: str  # levels | yes_no | count
    levels: tuple[tuple[int, str], ...]  # (value, label), ascending
    scale_min: int | None
    scale_max: int | None


@dataclass(frozen=True)
class Template:
    template_id: str
    title: str
    indicators: tuple[Indicator, ...]

    def indicator(self, key: str) -> Indicator | None:
        return next((i for i in self.indicators if i.key == key), None)


class Directory:
    """Lookups of one answer. With a `memo` and the store's data `version` (see
    `decisions.data_version`), each lookup is read once per version: a dashboard's calls then
    cost one version query each instead of a dozen small ones, and any write that could change
    a lookup changes the version, so nothing stale is returned."""

    def __init__(
        self, store: ClickHouseStore, memo: CubeCache | None = None, version: object = None
    ) -> None:
        self._store = store
        self._memo = memo
        self._version = version

    def query_rows(self, sql: str, parameters: dict[str, Any]) -> list[tuple]:
        if self._memo is None:
            return self._store.query_rows(sql, parameters)
        key = (self._version, sql, tuple(sorted((k, _frozen(v)) for k, v in parameters.items())))
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


def _frozen(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _indicator(key: str, values: tuple) -> Indicator:
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
