"""Trends, heat map and distribution: selections of cells from decided rating cubes (step 4 of
the read path, `services.reading`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from canopy_analytics.domain.cubes import RATINGS, CubeKey, DecidedCube
from canopy_analytics.domain.disclosure import rating_cell
from canopy_analytics.domain.periods import Bucket, Granularity, buckets_between, requested_period
from canopy_analytics.domain.privacy.model import CellId
from canopy_analytics.domain.privacy.relations import cell_id
from canopy_analytics.domain.templates import Indicator, Template, chosen_level, indicators_of
from canopy_analytics.services.reading import ScopedReader
from canopy_shared.errors import Invalid

MAX_BUCKETS = 260  # five years of weeks


@dataclass(frozen=True)
class Slice:
    """The filters every rating answer shares."""

    template_id: str
    indicator: str | None = None
    district_id: str | None = None
    school_id: str | None = None
    subject: str | None = None
    grade_band: str | None = None
    level: int | None = None

    @property
    def breakdowns(self) -> frozenset[str]:
        return frozenset(b for b in ("subject", "grade_band") if getattr(self, b))


def trends(
    reader: ScopedReader,
    where: Slice,
    granularity: Granularity,
    start: date | None,
    end: date | None,
) -> dict[str, Any]:
    template = reader.template(where.template_id)
    org = reader.org(where.district_id, where.school_id)
    buckets = buckets_for(reader, granularity, start, end)
    series = []
    indicators = indicators_of(template, where.indicator)
    levels = chosen_levels(indicators, where.level)
    for indicator in indicators:
        level = levels[indicator.key]
        points = [
            {
                "period": bucket.label,
                "start": bucket.start.isoformat(),
                "end": bucket.end.isoformat(),
                **rating_cell(
                    rating_cube(reader, where, bucket),
                    _cell(where, org, bucket, indicator),
                    level,
                    reader.disclosure,
                ),
            }
            for bucket in buckets
        ]
        series.append({**_indicator_info(indicator), "level": level, "points": points})
    return {
        "template": _template_info(template),
        "org": org,
        "granularity": granularity,
        "filters": _filters(where),
        "series": series,
        "suppression": reader.disclosure.block(),
    }


def heatmap(reader: ScopedReader, where: Slice, period: str | None, by: str) -> dict[str, Any]:
    template = reader.template(where.template_id)
    bucket = requested_period(period, reader.latest_school_year())
    reader.org(where.district_id, None)  # refuses a district outside the caller's scope
    if by == "school":
        orgs = [f"school:{s.school_id}" for s in reader.schools(where.district_id)]
    else:
        orgs = [
            f"district:{d}"
            for d in reader.scope.district_ids
            if not where.district_id or d == where.district_id
        ]
    names = reader.dimensions.names(org.partition(":")[2] for org in orgs)
    decided = rating_cube(reader, where, bucket)
    indicators = indicators_of(template, where.indicator)
    levels = chosen_levels(indicators, where.level)
    rows = [
        {
            "org": org,
            "name": names.get(org.partition(":")[2], ""),
            "cells": [
                {
                    "indicator": i.key,
                    **rating_cell(
                        decided,
                        _cell(where, org, bucket, i),
                        levels[i.key],
                        reader.disclosure,
                    ),
                }
                for i in indicators
            ],
        }
        for org in orgs
    ]
    return {
        "template": _template_info(template),
        "period": bucket.label,
        "by": by,
        "filters": _filters(where),
        "indicators": [_indicator_info(i) for i in indicators],
        "rows": rows,
        "suppression": reader.disclosure.block(),
    }


def distribution(reader: ScopedReader, where: Slice, period: str | None) -> dict[str, Any]:
    template = reader.template(where.template_id)
    org = reader.org(where.district_id, where.school_id)
    bucket = requested_period(period, reader.latest_school_year())
    decided = rating_cube(reader, where, bucket)
    out = []
    indicators = indicators_of(template, where.indicator)
    chosen_levels(indicators, where.level)  # a level asked for must fit the scale
    for indicator in indicators:
        cell = _cell(where, org, bucket, indicator)
        out.append({**_indicator_info(indicator), **_levels(reader, decided, cell, indicator)})
    return {
        "template": _template_info(template),
        "org": org,
        "period": bucket.label,
        "filters": _filters(where),
        "indicators": out,
        "suppression": reader.disclosure.block(),
    }


def _levels(
    reader: ScopedReader, decided: DecidedCube, cell: CellId, indicator: Indicator
) -> dict[str, Any]:
    unpublished = reader.disclosure.unpublished(cell)
    if unpublished:
        return unpublished
    stats = decided.data.cells.get(cell)
    if stats is None or not stats.ratings:
        return {"suppressed": False, "n": 0, "levels": []}
    withheld = reader.disclosure.withhold(decided, cell)
    if withheld:
        return withheld
    counts = decided.data.levels[cell]
    labels = dict(indicator.levels)
    values = sorted(set(labels) | set(counts))
    levels = [
        {
            "value": v,
            "label": labels.get(v, str(v)),
            "share": reader.disclosure.share(counts.get(v, 0), stats.ratings),
            **({} if reader.disclosure.applies else {"count": counts.get(v, 0)}),
        }
        for v in values
    ]
    return {"suppressed": False, "n": stats.ratings, "teachers": stats.teachers, "levels": levels}


def chosen_levels(indicators: list[Indicator], level: int | None) -> dict[str, int]:
    """Each indicator's level, all checked before any figure is read (a 422 names `level`)."""
    return {indicator.key: chosen_level(indicator, level) for indicator in indicators}


def rating_cube(reader: ScopedReader, where: Slice, bucket: Bucket) -> DecidedCube:
    key = CubeKey(
        RATINGS,
        bucket.school_year,
        bucket.granularity == "week",
        where.template_id,
        where.breakdowns,
    )
    return reader.decided(key)


def _cell(where: Slice, org: str, bucket: Bucket, indicator: Indicator) -> CellId:
    return cell_id(
        org=org,
        period=bucket.label,
        indicator=indicator.key,
        template=where.template_id,
        subject=where.subject,
        grade_band=where.grade_band,
    )


def buckets_for(
    reader: ScopedReader, granularity: Granularity, start: date | None, end: date | None
) -> list[Bucket]:
    if start is None or end is None:
        year = Bucket("school_year", reader.latest_school_year())
        start, end = start or year.start, end or year.end
    if end < start:
        raise Invalid("end is before start", field="end")
    buckets = buckets_between(start, end, granularity)
    if len(buckets) > MAX_BUCKETS:
        raise Invalid(f"at most {MAX_BUCKETS} periods per answer", field="start")
    return buckets


def _indicator_info(indicator: Indicator) -> dict[str, Any]:
    return {"indicator": indicator.key, "text": indicator.text, "section": indicator.section}


def _template_info(template: Template) -> dict[str, Any]:
    return {"template_id": template.template_id, "title": template.title}


def _filters(where: Slice) -> dict[str, Any]:
    return {k: v for k, v in vars(where).items() if v is not None and k != "template_id"}
