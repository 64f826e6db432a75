"""A goal's progress for one organisation, read through the SAME read path as every trend
(`services.reading` -> `services.decisions` -> `domain.privacy`, step 4 by `reports.trends`):
region callers get the suppressed, coded figures the trends endpoint would show them, district
and school callers their exact ones. Nothing here queries ClickHouse."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from canopy_analytics.domain.goals.model import Goal
from canopy_analytics.domain.goals.progress import (
    Checked,
    GoalPoint,
    SharePoint,
    baseline_of,
    check_benchmarks,
    check_point,
    combine,
    current_of,
)
from canopy_analytics.services import reports
from canopy_analytics.services.reading import ScopedReader
from canopy_analytics.services.reports import Slice
from canopy_shared.errors import Invalid, Missing

BASELINE_LOOKBACK = timedelta(days=183)  # the baseline is read from the half-year before start


def goal_points(reader: ScopedReader, goal: Goal, org: str) -> list[GoalPoint]:
    """Monthly figures of `goal` in `org` from half a year before its start to its deadline."""
    tier, _, org_id = org.partition(":")
    district = org_id if tier == "district" else None
    school = org_id if tier == "school" else None
    by_look_for = {}
    for key in goal.look_fors:
        where = Slice(goal.template_id, key, district, school, level=goal.target.level)
        try:
            answer = reports.trends(
                reader, where, "month", goal.start - BASELINE_LOOKBACK, goal.deadline
            )
        except (Missing, Invalid):  # no walkthroughs yet, or a look-for the template dropped
            continue
        top = reader.disclosure.rule.top_code
        by_look_for[key] = [_share_point(p, top) for s in answer["series"] for p in s["points"]]
    return combine(by_look_for)


def org_progress(
    reader: ScopedReader, goal: Goal, org: str, today: date, *, series: bool
) -> dict[str, Any]:
    points = goal_points(reader, goal, org)
    baseline = baseline_of(goal, points)
    current = current_of(goal, points, today)
    now = check_point(goal, baseline, current, min(current.end, today) if current else today)
    out: dict[str, Any] = {
        "org": org,
        "name": reader.dimensions.names([org.partition(":")[2]]).get(org.partition(":")[2], ""),
        "baseline": _point(baseline),
        "current": _point(current),
        "expected": now.expected,
        "status": now.status,
        "benchmarks": [_benchmark(c) for c in check_benchmarks(goal, baseline, points, today)],
    }
    if series:
        out["series"] = [_point(p) for p in points]
    return out


def _share_point(point: dict[str, Any], top: float) -> SharePoint:
    share = point.get("share")
    start, end = date.fromisoformat(point["start"]), date.fromisoformat(point["end"])
    if point.get("unpublished"):
        # A region period not released yet (issue 19) has no figure yet, hidden or shown: it
        # is not the goal's current month, and no benchmark is judged on it.
        return SharePoint(point["period"], start, end, 0, False, None, None)
    return SharePoint(
        period=point["period"],
        start=start,
        end=end,
        n=point.get("n") or 0,
        suppressed=bool(point["suppressed"]),
        value=_comparable(share, top),
        display=share["display"] if share else None,
    )


def _comparable(share: dict[str, Any] | None, top: float) -> float | None:
    """A shown share as a number the status rule compares: a coded band counts as its bound
    (≥95% as 0.95, <5% as 0); a withheld share (too few ratings) has none."""
    if share is None:
        return None
    if share["value"] is not None:
        return float(share["value"])
    return {"top": top, "bottom": 0.0}.get(share["coded"])


def _point(point: GoalPoint | None) -> dict[str, Any] | None:
    if point is None:
        return None
    return {
        "period": point.period,
        "start": point.start.isoformat(),
        "end": point.end.isoformat(),
        "suppressed": point.suppressed,
        "n": None if point.suppressed else point.n,
        "value": point.value,
        "display": point.display,
    }


def _benchmark(checked: Checked) -> dict[str, Any]:
    return {
        "date": checked.on.isoformat(),
        "expected": checked.expected,
        "status": checked.status,
        "point": _point(checked.point),
    }
