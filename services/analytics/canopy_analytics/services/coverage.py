"""Coverage (walkthroughs over time, schools visited, rostered teachers observed) and the
network summary a dashboard's first screen needs, from the decided walkthrough cube.

Shares of teachers observed come from counts only: distinct pseudonyms observed in a published
cell over the roster size tenancy published for its schools. No list of people exists here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from canopy_analytics.domain.cubes import WALKTHROUGHS, CubeKey, DecidedCube
from canopy_analytics.domain.disclosure import count_cell, rating_cell
from canopy_analytics.domain.periods import Bucket, Granularity, buckets_between
from canopy_analytics.domain.privacy.relations import cell_id
from canopy_analytics.domain.scope import School
from canopy_analytics.domain.templates import chosen_level, indicators_of
from canopy_analytics.services.reading import ScopedReader
from canopy_analytics.services.reports import Slice, buckets_for, rating_cube


def coverage(
    reader: ScopedReader,
    granularity: Granularity,
    start: date | None,
    end: date | None,
    district_id: str | None,
) -> dict[str, Any]:
    top = reader.org(district_id, None)
    buckets = buckets_for(reader, granularity, start, end)
    schools = reader.schools(district_id)
    parts = (
        [f"school:{s.school_id}" for s in schools]
        if district_id or (not reader.scope.suppressed and len(reader.scope.district_ids) == 1)
        else [f"district:{d}" for d in reader.scope.district_ids]
    )
    names = reader.dimensions.names(p.partition(":")[2] for p in parts)
    over_time = []
    for bucket in buckets:
        decided = _walkthroughs(reader, bucket.granularity == "week", bucket.school_year)
        over_time.append(
            {
                "period": bucket.label,
                "start": bucket.start.isoformat(),
                "end": bucket.end.isoformat(),
                "total": count_cell(
                    decided, cell_id(org=top, period=bucket.label), reader.disclosure
                ),
                "parts": [
                    {
                        "org": p,
                        "name": names.get(p.partition(":")[2], ""),
                        **count_cell(
                            decided, cell_id(org=p, period=bucket.label), reader.disclosure
                        ),
                    }
                    for p in parts
                ],
            }
        )
    years = sorted({b.school_year for b in buckets})
    return {
        "org": top,
        "granularity": granularity,
        "over_time": over_time,
        "school_years": [reach(reader, year, top, schools) for year in years],
        "suppression": reader.disclosure.block(),
    }


def reach(
    reader: ScopedReader, school_year: str, org: str, schools: list[School]
) -> dict[str, Any]:
    """Schools visited and rostered teachers observed in one org over one school year."""
    decided = _walkthroughs(reader, False, school_year)
    period = f"school_year:{school_year}"
    visited = [
        s
        for s in schools
        if cell_id(org=f"school:{s.school_id}", period=period) in decided.data.cells
    ]
    rostered = sum(reader.dimensions.teacher_counts(s.school_id for s in schools).values())
    observed = count_cell(decided, cell_id(org=org, period=period), reader.disclosure)
    teachers = observed.get("teachers_observed")
    return {
        "school_year": school_year,
        "org": org,
        "schools": len(schools),
        "schools_visited": len(visited),
        "share_schools_visited": reader.disclosure.count_share(len(visited), len(schools)),
        "teachers_rostered": rostered,
        "teachers_observed": observed,
        "share_teachers_observed": None
        if teachers is None
        else reader.disclosure.count_share(teachers, rostered),
    }


def summary(reader: ScopedReader, school_year: str | None) -> dict[str, Any]:
    year = school_year or reader.latest_school_year()
    names = reader.dimensions.names([reader.scope.org_id, *reader.scope.district_ids])
    districts = [
        {
            "district_id": d,
            "name": names.get(d, ""),
            **reach(reader, year, f"district:{d}", reader.schools(d)),
        }
        for d in reader.scope.district_ids
    ]
    months = Bucket("school_year", year)
    decided = _walkthroughs(reader, False, year)
    monthly = [
        {
            "period": b.label,
            **count_cell(
                decided, cell_id(org=reader.scope.org_label, period=b.label), reader.disclosure
            ),
        }
        for b in buckets_between(months.start, months.end, "month")
    ]
    return {
        "org": reader.scope.org_label,
        "name": names.get(reader.scope.org_id, ""),
        "school_year": year,
        "totals": reach(reader, year, reader.scope.org_label, reader.schools()),
        "districts": districts,
        "walkthroughs_by_month": monthly,
        "templates": [_template_summary(reader, t, year) for t in reader.templates_with_data()],
        "suppression": reader.disclosure.block(),
    }


def _template_summary(reader: ScopedReader, template_id: str, year: str) -> dict[str, Any]:
    template = reader.dimensions.template(template_id)
    if template is None:
        return {"template_id": template_id, "title": "", "indicators": []}
    where = Slice(template_id)
    bucket = Bucket("school_year", year)
    decided = rating_cube(reader, where, bucket)
    indicators = []
    for indicator in indicators_of(template, None):
        cell = cell_id(
            org=reader.scope.org_label,
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
                **rating_cell(decided, cell, level, reader.disclosure),
            }
        )
    return {"template_id": template_id, "title": template.title, "indicators": indicators}


def _count(reader: ScopedReader, decided: DecidedCube, org: str, period: str) -> dict[str, Any]:
    return count_cell(decided, cell_id(org=org, period=period), reader.disclosure)


def _walkthroughs(reader: ScopedReader, weeks: bool, school_year: str) -> DecidedCube:
    return reader.decided(CubeKey(WALKTHROUGHS, school_year, weeks))
