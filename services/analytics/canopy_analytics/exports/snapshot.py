"""The partner snapshot (`exports.region.<region_id>.v1`) from a region export's datasets:
the same published cells, nothing else (see the contract in canopy_shared.contracts)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from canopy_analytics.exports.datasets import Report
from canopy_analytics.exports.goals import snapshot_goals


def snapshot_payload(
    report: Report, *, snapshot_id: str, export_id: str | None, trigger: str
) -> dict[str, Any]:
    plan = report.plan
    region_id = plan.org.partition(":")[2]
    orgs = [plan.org, *(f"district:{d}" for d in plan.districts)]
    ratings = [*report.dataset("indicator_trends").rows]
    ratings = [r for r in ratings if r["org"] == plan.org]
    ratings += report.dataset("indicator_by_district").rows
    return {
        "snapshot_id": snapshot_id,
        "region_id": region_id,
        "export_id": export_id,
        "trigger": trigger,
        "generated_at": datetime.now(UTC).isoformat(),
        "period": plan.period,
        "school_year": plan.school_year,
        "privacy_rule": {
            "k": report.rule["k"],
            "bottom_code": report.rule["bottom_code"],
            "top_code": report.rule["top_code"],
            "rules": list(report.rule["rules"]),
        },
        "organisations": [{"org": org, "name": report.name_of(org)} for org in orgs],
        "templates": [
            {
                "template_id": t.template_id,
                "title": t.title,
                "indicators": [{"indicator": i.key, "text": i.text} for i in t.indicators],
            }
            for t in plan.templates
        ],
        "indicator_cells": [_indicator_cell(r) for r in ratings],
        "coverage_cells": [_coverage_cell(r) for r in report.dataset("coverage_over_time").rows],
        "goals": snapshot_goals(report.goals),
    }


def _reasons(row: dict[str, Any]) -> list[str]:
    return [r for r in (row["suppression_reasons"] or "").split(";") if r]


def _indicator_cell(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "template_id": row["template_id"],
        "indicator": row["indicator"],
        "org": row["org"],
        "period": row["period"],
        "level": row["level"],
        "suppressed": row["suppressed"],
        "reasons": _reasons(row),
        "n_ratings": row["n_ratings"],
        "teachers_observed": row["teachers_observed"],
        "mean_rating": row["mean_rating"],
        "share_display": row["share_at_or_above"],
    }


def _coverage_cell(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "org": row["org"],
        "period": row["period"],
        "suppressed": row["suppressed"],
        "reasons": _reasons(row),
        "walkthroughs": row["walkthroughs"],
        "teachers_observed": row["teachers_observed"],
    }
