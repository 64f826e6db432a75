"""Coverage (walkthroughs over time, schools visited, rostered teachers observed) and the
network summary a dashboard's first screen needs, from the decided walkthrough cube.

Shares of teachers observed come from counts only: distinct pseudonyms observed in a published
cell over the roster size tenancy published for its schools. No list of people exists here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from canopy_analytics.context import Context, school_year_of
from canopy_analytics.cube import WALKTHROUGHS
from canopy_analytics.decisions import CubeKey, DecidedCube
from canopy_analytics.figures import count_cell, rating_cell, share
from canopy_analytics.periods import Bucket, buckets_between
from canopy_analytics.privacy.relations import cell_id
from canopy_analytics.reports import Slice, buckets_for, chosen_level, indicators_of, rating_cube


def coverage(
    ctx: Context, granularity: str, start: date | None, end: date | None, district_id: str | None
) -> dict[str, Any]:
    top = ctx.org(district_id, None)
    buckets = buckets_for(ctx, granularity, start, end)
    schools = ctx.schools(district_id)
    parts = (
        [f"school:{s.school_id}" for s in schools]
        if district_id or (not ctx.scope.suppressed and len(ctx.scope.district_ids) == 1)
        else [f"district:{d}" for d in ctx.scope.district_ids]
    )
    names = ctx.directory.names(p.partition(":")[2] for p in parts)
    over_time = []
    for bucket in buckets:
        decided = _walkthroughs(ctx, bucket.granularity == "week", school_year_of(bucket))
        over_time.append(
            {
                "period": bucket.label,
                "start": bucket.start.isoformat(),
                "end": bucket.end.isoformat(),
                "total": count_cell(decided, cell_id(org=top, period=bucket.label), ctx.tally),
                "parts": [
                    {
                        "org": p,
                        "name": names.get(p.partition(":")[2], ""),
                        **count_cell(decided, cell_id(org=p, period=bucket.label), ctx.tally),
                    }
                    for p in parts
                ],
            }
        )
    years = sorted({school_year_of(b) for b in buckets})
    return {
        "org": top,
        "granularity": granularity,
        "over_time": over_time,
        "school_years": [reach(ctx, year, top, schools) for year in years],
        "suppression": ctx.tally.block(),
    }


def reach(ctx: Context, school_year: str, org: str, schools: list) -> dict[str, Any]:
    """Schools visited and rostered teachers observed in one org over one school year."""
    decided = _walkthroughs(ctx, False, school_year)
    period = f"school_year:{school_year}"
    visited = [
        s
        for s in schools
        if cell_id(org=f"school:{s.school_id}", period=period) in decided.data.cells
    ]
    rostered = sum(ctx.directory.teacher_counts(s.school_id for s in schools).values())
    observed = count_cell(decided, cell_id(org=org, period=period), ctx.tally)
    teachers = observed.get("teachers_observed")
    return {
        "school_year": school_year,
        "org": org,
        "schools": len(schools),
        "schools_visited": len(visited),
        "share_schools_visited": share(len(visited), len(schools), ctx.tally),
        "teachers_rostered": rostered,
        "teachers_observed": observed,
        "share_teachers_observed": None
        if teachers is None
        else share(teachers, rostered, ctx.tally),
    }


def summary(ctx: Context, school_year: str | None) -> dict[str, Any]:
    year = school_year or ctx.latest_school_year()
    names = ctx.directory.names([ctx.scope.org_id, *ctx.scope.district_ids])
    districts = [
        {
            "district_id": d,
            "name": names.get(d, ""),
            **reach(ctx, year, f"district:{d}", ctx.schools(d)),
        }
        for d in ctx.scope.district_ids
    ]
    months = Bucket("school_year", year)
    decided = _walkthroughs(ctx, False, year)
    monthly = [
        {
            "period": b.label,
            **count_cell(decided, cell_id(org=ctx.scope.org_label, period=b.label), ctx.tally),
        }
        for b in buckets_between(months.start, months.end, "month")
    ]
    return {
        "org": ctx.scope.org_label,
        "name": names.get(ctx.scope.org_id, ""),
        "school_year": year,
        "totals": reach(ctx, year, ctx.scope.org_label, ctx.schools()),
        "districts": districts,
        "walkthroughs_by_month": monthly,
        "templates": [_template_summary(ctx, t, year) for t in ctx.templates_with_data()],
        "suppression": ctx.tally.block(),
    }


def _template_summary(ctx: Context, template_id: str, year: str) -> dict[str, Any]:
    template = ctx.directory.template(template_id)
    if template is None:
        return {"template_id": template_id, "title": "", "indicators": []}
    where = Slice(template_id)
    bucket = Bucket("school_year", year)
    decided = rating_cube(ctx, where, bucket)
    indicators = []
    for indicator in indicators_of(template, None):
        cell = cell_id(
            org=ctx.scope.org_label,
            period=bucket.label,
            indicator=indicator.key,
            template=template_id,
        )
        level = chosen_level(indicator, None)
        indicators.append(
            {
                "indicator": indicator.key,
                "text": indicator.text,
                "level": level,
                **rating_cell(decided, cell, level, ctx.tally),
            }
        )
    return {"template_id": template_id, "title": template.title, "indicators": indicators}


def _walkthroughs(ctx: Context, weeks: bool, school_year: str) -> DecidedCube:
    return ctx.decider.cube(CubeKey(WALKTHROUGHS, school_year, weeks))
