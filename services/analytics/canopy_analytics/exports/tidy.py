"""Tidy tables from API answers: one row per (organisation, period, indicator[, level]).

Rows are flattened from the answers `reports` and `coverage` return, so a suppressed cell is
exported exactly as the API shows it: no figure, only its public reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RATING_COLUMNS = (
    "template_id",
    "template_title",
    "indicator",
    "indicator_text",
    "section",
    "org",
    "org_name",
    "period",
    "period_start",
    "period_end",
    "level",
    "suppressed",
    "suppression_reasons",
    "n_ratings",
    "teachers_observed",
    "mean_rating",
    "share_at_or_above",
    "share_value",
    "share_coded",
)
LEVEL_COLUMNS = (
    "template_id",
    "template_title",
    "indicator",
    "indicator_text",
    "org",
    "org_name",
    "period",
    "suppressed",
    "suppression_reasons",
    "n_ratings",
    "teachers_observed",
    "level_value",
    "level_label",
    "share",
    "share_value",
    "share_coded",
    "count",
)
COUNT_COLUMNS = (
    "org",
    "org_name",
    "period",
    "period_start",
    "period_end",
    "suppressed",
    "suppression_reasons",
    "walkthroughs",
    "teachers_observed",
)
REACH_COLUMNS = (
    "school_year",
    "org",
    "org_name",
    "schools",
    "schools_visited",
    "share_schools_visited",
    "teachers_rostered",
    "suppressed",
    "suppression_reasons",
    "walkthroughs",
    "teachers_observed",
    "share_teachers_observed",
)


@dataclass
class Dataset:
    name: str  # file and sheet name
    title: str
    description: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]] = field(default_factory=list)


def _reasons(cell: dict[str, Any]) -> str:
    return ";".join(cell.get("reasons", []))


def _share(share: dict[str, Any] | None) -> dict[str, Any]:
    if share is None:
        return {"display": None, "value": None, "coded": None}
    return share


def rating_row(
    template: dict[str, Any], indicator: dict[str, Any], where: dict[str, Any], cell: dict[str, Any]
) -> dict[str, Any]:
    """`where`: org, org_name, period, period_start, period_end, level."""
    share = _share(cell.get("share"))
    return {
        "template_id": template["template_id"],
        "template_title": template["title"],
        "indicator": indicator["indicator"],
        "indicator_text": indicator["text"],
        "section": indicator["section"],
        **where,
        "suppressed": cell["suppressed"],
        "suppression_reasons": _reasons(cell),
        "n_ratings": cell.get("n"),
        "teachers_observed": cell.get("teachers"),
        "mean_rating": cell.get("mean_rating"),
        "share_at_or_above": share["display"],
        "share_value": share["value"],
        "share_coded": share["coded"],
    }


def level_rows(
    template: dict[str, Any], answer: dict[str, Any], org: str, org_name: str
) -> list[dict[str, Any]]:
    """A distribution answer: one row per level, or one level-less row for a hidden cell."""
    rows = []
    for indicator in answer["indicators"]:
        base = {
            "template_id": template["template_id"],
            "template_title": template["title"],
            "indicator": indicator["indicator"],
            "indicator_text": indicator["text"],
            "org": org,
            "org_name": org_name,
            "period": answer["period"],
            "suppressed": indicator["suppressed"],
            "suppression_reasons": _reasons(indicator),
            "n_ratings": indicator.get("n"),
            "teachers_observed": indicator.get("teachers"),
        }
        levels = indicator.get("levels") or [None]
        for level in levels:
            rows.append({**base, **_level(level)})
    return rows


def _level(level: dict[str, Any] | None) -> dict[str, Any]:
    if level is None:
        return dict.fromkeys(("level_value", "level_label", "share", "share_value", "share_coded"))
    share = _share(level["share"])
    return {
        "level_value": level["value"],
        "level_label": level["label"],
        "share": share["display"],
        "share_value": share["value"],
        "share_coded": share["coded"],
        "count": level.get("count"),
    }


def count_row(where: dict[str, Any], cell: dict[str, Any]) -> dict[str, Any]:
    """`where`: org, org_name, period, period_start, period_end."""
    return {
        **where,
        "suppressed": cell["suppressed"],
        "suppression_reasons": _reasons(cell),
        "walkthroughs": cell.get("walkthroughs"),
        "teachers_observed": cell.get("teachers_observed"),
    }


def reach_row(reach: dict[str, Any], org_name: str) -> dict[str, Any]:
    observed = reach["teachers_observed"]
    return {
        "school_year": reach["school_year"],
        "org": reach["org"],
        "org_name": org_name,
        "schools": reach["schools"],
        "schools_visited": reach["schools_visited"],
        "share_schools_visited": _share(reach["share_schools_visited"])["display"],
        "teachers_rostered": reach["teachers_rostered"],
        "suppressed": observed["suppressed"],
        "suppression_reasons": _reasons(observed),
        "walkthroughs": observed.get("walkthroughs"),
        "teachers_observed": observed.get("teachers_observed"),
        "share_teachers_observed": _share(reach["share_teachers_observed"])["display"],
    }
