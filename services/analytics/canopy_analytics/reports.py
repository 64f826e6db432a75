"""Trends, heat map and distribution: selections of cells from decided rating cubes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from canopy_analytics.context import Context, parse_period, school_year_of
from canopy_analytics.cube import RATINGS
from canopy_analytics.decisions import CubeKey, DecidedCube
from canopy_analytics.directory import Indicator, Template
from canopy_analytics.figures import hidden, rating_cell, share
from canopy_analytics.periods import Bucket, buckets_between
from canopy_analytics.privacy.relations import cell_id
from canopy_shared.web.errors import Unprocessable

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


def trends(ctx: Context, where: Slice, granularity: str, start: date | None, end: date | None):
    template = ctx.template(where.template_id)
    org = ctx.org(where.district_id, where.school_id)
    buckets = buckets_for(ctx, granularity, start, end)
    series = []
    for indicator in indicators_of(template, where.indicator):
        level = chosen_level(indicator, where.level)
        points = [
            {
                "period": bucket.label,
                "start": bucket.start.isoformat(),
                "end": bucket.end.isoformat(),
                **rating_cell(
                    rating_cube(ctx, where, bucket),
                    _cell(where, org, bucket, indicator),
                    level,
                    ctx.tally,
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
        "suppression": ctx.tally.block(),
    }


def heatmap(ctx: Context, where: Slice, period: str | None, by: str) -> dict[str, Any]:
    template = ctx.template(where.template_id)
    bucket = parse_period(period, ctx.latest_school_year())
    ctx.org(where.district_id, None)  # refuses a district outside the caller's scope
    if by == "school":
        orgs = [f"school:{s.school_id}" for s in ctx.schools(where.district_id)]
    else:
        orgs = [
            f"district:{d}"
            for d in ctx.scope.district_ids
            if not where.district_id or d == where.district_id
        ]
    names = ctx.directory.names(org.partition(":")[2] for org in orgs)
    decided = rating_cube(ctx, where, bucket)
    indicators = indicators_of(template, where.indicator)
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
                        chosen_level(i, where.level),
                        ctx.tally,
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
        "suppression": ctx.tally.block(),
    }


def distribution(ctx: Context, where: Slice, period: str | None) -> dict[str, Any]:
    template = ctx.template(where.template_id)
    org = ctx.org(where.district_id, where.school_id)
    bucket = parse_period(period, ctx.latest_school_year())
    decided = rating_cube(ctx, where, bucket)
    out = []
    for indicator in indicators_of(template, where.indicator):
        cell = _cell(where, org, bucket, indicator)
        out.append({**_indicator_info(indicator), **_levels(ctx, decided, cell, indicator)})
    return {
        "template": _template_info(template),
        "org": org,
        "period": bucket.label,
        "filters": _filters(where),
        "indicators": out,
        "suppression": ctx.tally.block(),
    }


def _levels(ctx: Context, decided: DecidedCube, cell, indicator: Indicator) -> dict[str, Any]:
    stats = decided.data.cells.get(cell)
    if stats is None or not stats.ratings:
        return {"suppressed": False, "n": 0, "levels": []}
    suppressed = hidden(decided, cell, ctx.tally)
    if suppressed:
        return suppressed
    counts = decided.data.levels[cell]
    labels = dict(indicator.levels)
    values = sorted(set(labels) | set(counts))
    levels = [
        {
            "value": v,
            "label": labels.get(v, str(v)),
            "share": share(counts.get(v, 0), stats.ratings, ctx.tally),
            **({} if ctx.tally.applied else {"count": counts.get(v, 0)}),
        }
        for v in values
    ]
    return {"suppressed": False, "n": stats.ratings, "teachers": stats.teachers, "levels": levels}


def rating_cube(ctx: Context, where: Slice, bucket: Bucket) -> DecidedCube:
    key = CubeKey(
        RATINGS,
        school_year_of(bucket),
        bucket.granularity == "week",
        where.template_id,
        where.breakdowns,
    )
    return ctx.decider.cube(key)


def _cell(where: Slice, org: str, bucket: Bucket, indicator: Indicator):
    return cell_id(
        org=org,
        period=bucket.label,
        indicator=indicator.key,
        template=where.template_id,
        subject=where.subject,
        grade_band=where.grade_band,
    )


def buckets_for(
    ctx: Context, granularity: str, start: date | None, end: date | None
) -> list[Bucket]:
    if start is None or end is None:
        year = Bucket("school_year", ctx.latest_school_year())
        start, end = start or year.start, end or year.end
    if end < start:
        raise Unprocessable("end is before start", field="end")
    buckets = buckets_between(start, end, granularity)
    if len(buckets) > MAX_BUCKETS:
        raise Unprocessable(f"at most {MAX_BUCKETS} periods per answer", field="start")
    return buckets


def indicators_of(template: Template, key: str | None) -> list[Indicator]:
    if key is None:
        return list(template.indicators)
    indicator = template.indicator(key)
    if indicator is None:
        raise Unprocessable(f"template has no indicator {key!r}", field="indicator")
    return [indicator]


def chosen_level(indicator: Indicator, level: int | None) -> int:
    """The chosen level, else the upper half of the indicator's scale."""
    if level is not None:
        return level
    values = [v for v, _ in indicator.levels]
    if values:
        return values[len(values) // 2]
    low, high = indicator.scale_min or 0, indicator.scale_max or 1
    return (low + high + 1) // 2


def _indicator_info(indicator: Indicator) -> dict[str, Any]:
    return {"indicator": indicator.key, "text": indicator.text, "section": indicator.section}


def _template_info(template: Template) -> dict[str, Any]:
    return {"template_id": template.template_id, "title": template.title}


def _filters(where: Slice) -> dict[str, Any]:
    return {k: v for k, v in vars(where).items() if v is not None and k != "template_id"}
