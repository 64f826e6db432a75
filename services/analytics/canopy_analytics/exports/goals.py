"""Goals in an export: the requester's goals with their progress, exactly as GET /v1/goals
answers them (region: per district, small-cell suppressed; district: exact), carried in the
partner snapshot, the Ed-Fi-shaped document and the PDF.

Ed-Fi's `Goal` (performance evaluation domain) is a goal set for a person; Canopy's goals
belong to organisations. The Ed-Fi document keeps Goal's field names (goalTitle,
goalTypeDescriptor, goalDescription, assignmentDate, dueDate, evaluationElementReference) with
an `educationOrganizationReference` in place of the person, and carries the target and progress
in `_ext.canopy`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

GOAL_TYPE = "uri://canopy/GoalTypeDescriptor#Walkthrough look-for"
STATUS_TEXT = {
    "on_track": "on track",
    "at_risk": "at risk",
    "off_track": "off track",
    "no_data": "no walkthroughs yet",
    "suppressed": "suppressed",
    "upcoming": "upcoming",
}


def snapshot_goals(goals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The partner snapshot's `goals` (exports.region.<id>.v1)."""
    return [
        {
            "goal_id": g["goal_id"],
            "org": g["org"],
            "title": g["title"],
            "template_id": g["template_id"],
            "look_fors": [lf["indicator"] for lf in g["look_fors"]],
            "target_level": g["target_level"],
            "target_share": g["target_share"],
            "start_date": g["start_date"],
            "deadline": g["deadline"],
            "alignment": g["alignment"],
            "parent_goal_id": g["parent"]["goal_id"] if g["parent"] else None,
            "progress": [_snapshot_progress(p) for p in g["progress"]],
        }
        for g in goals
    ]


def _snapshot_progress(progress: dict[str, Any]) -> dict[str, Any]:
    current = progress["current"] or {}
    baseline = progress["baseline"] or {}
    return {
        "org": progress["org"],
        "period": current.get("period"),
        "suppressed": bool(current.get("suppressed")),
        "share_display": current.get("display"),
        "baseline_display": baseline.get("display"),
        "expected": progress["expected"],
        "status": progress["status"],
    }


def edfi_goals(
    goals: list[dict[str, Any]],
    elements: dict[tuple[str, str], dict[str, Any]],
    org_reference: Callable[[str], dict[str, int]],
) -> list[dict[str, Any]]:
    out = []
    for goal in goals:
        element = elements.get((goal["template_id"], goal["look_fors"][0]["indicator"]))
        record: dict[str, Any] = {
            "educationOrganizationReference": org_reference(goal["org"]),
            "goalTitle": goal["title"][:255],
            "goalTypeDescriptor": GOAL_TYPE,
            "goalDescription": _target_text(goal),
            "assignmentDate": goal["start_date"],
            "dueDate": goal["deadline"],
            "_ext": {"canopy": _edfi_extension(goal, org_reference)},
        }
        if element is not None:
            record["evaluationElementReference"] = element
        out.append(record)
    return out


def _edfi_extension(goal: dict[str, Any], org_reference: Callable[[str], Any]) -> dict[str, Any]:
    return {
        "goalId": goal["goal_id"],
        "lookFors": [lf["indicator"] for lf in goal["look_fors"]],
        "targetLevel": goal["target_level"],
        "targetShare": goal["target_share"],
        "benchmarks": goal["benchmarks"],
        "alignment": goal["alignment"],
        "alignedToGoalId": goal["parent"]["goal_id"] if goal["parent"] else None,
        "progress": [
            {"educationOrganizationReference": org_reference(p["org"]), **_snapshot_progress(p)}
            for p in goal["progress"]
        ],
    }


def _target_text(goal: dict[str, Any]) -> str:
    looks = "; ".join(lf["text"] for lf in goal["look_fors"])
    share = round(goal["target_share"] * 100)
    return (
        f"By {goal['deadline']}, at least {share}% of walkthrough ratings at level "
        f"{goal['target_level']} or above for: {looks}"
    )[:1024]


def goal_rows(goal: dict[str, Any]) -> list[list[Any]]:
    """The PDF's table of one goal: each organisation's baseline, latest figure and status."""
    rows: list[list[Any]] = [["Organisation", "Baseline", "Latest", "Path there", "Status"]]
    for p in goal["progress"]:
        current, baseline = p["current"], p["baseline"]
        latest = "—" if current is None else f"{current['display'] or 'suppressed'}"
        if current is not None:
            latest += f" ({current['period'].partition(':')[2]})"
        path = "" if p["expected"] is None else f"{round(p['expected'] * 100)}%"
        base = "—" if baseline is None else baseline["display"] or ""
        rows.append([p["name"] or p["org"], base, latest, path, STATUS_TEXT[p["status"]]])
    return rows


def goal_heading(goal: dict[str, Any]) -> str:
    heading = f"{goal['title']} ({goal['org_name'] or goal['org']}): {_target_text(goal)}. "
    heading += f"Owner: {goal['owner']}"
    if goal["parent"]:
        heading += f"; {goal['alignment']} from {goal['parent']['org_name'] or 'the tier above'}"
    return heading
