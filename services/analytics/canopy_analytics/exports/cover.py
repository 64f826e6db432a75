"""What every export states before its figures: who asked, when, with which parameters, for
which scope, and the privacy rule its figures were published under."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from canopy_analytics.exports.datasets import Report


@dataclass(frozen=True)
class Provenance:
    export_id: str
    requested_by: str  # the requesting user's id
    requested_role: str
    requested_at: str  # RFC 3339
    generated_at: str
    trigger: str  # request | schedule
    parameters: dict[str, Any]


def cover_fields(report: Report, who: Provenance) -> list[tuple[str, str]]:
    plan = report.plan
    return [
        ("Export", who.export_id),
        ("Organisation", f"{report.name_of(plan.org)} ({plan.org})"),
        ("Requested by (user id)", who.requested_by),
        ("Requested as role", who.requested_role),
        ("Requested at", who.requested_at),
        ("Generated at", who.generated_at),
        ("Trigger", who.trigger),
        ("Parameters", _parameters(who.parameters)),
        ("Period", f"{plan.period} ({plan.start.isoformat()} to {plan.end.isoformat()})"),
        ("Templates", "; ".join(f"{t.title} ({t.template_id})" for t in plan.templates)),
        ("Districts broken out", "; ".join(plan.districts) or "none (district export)"),
        ("Suppressed cells", str(report.suppressed_cells)),
        ("Content", content_note(report)),
    ]


NO_WALKTHROUGHS = "No walkthroughs in this period"


def content_note(report: Report) -> str:
    """Whether the export holds figures, so an empty period reads as empty, not as broken.
    Judged from the published walkthrough counts only: a suppressed count says nothing."""
    plan = report.plan
    totals = [r for r in report.dataset("coverage_over_time").rows if r["org"] == plan.org]
    published = [r["walkthroughs"] or 0 for r in totals if not r["suppressed"]]
    if any(published):
        return "Walkthrough figures for the period, under the privacy rule stated here."
    if len(published) == len(totals):
        return (
            f"{NO_WALKTHROUGHS} ({plan.period}): every dataset below is empty of figures; "
            "its rows name what was asked."
        )
    return (
        f"No figure is published for {plan.period}: the walkthroughs there are too few for the "
        "privacy rule, so every count is suppressed."
    )


def rule_lines(report: Report) -> list[str]:
    """The privacy rule in words, with whether it applied to this export."""
    rule = report.rule
    if rule["applied"]:
        head = (
            f"Privacy rule applied (k = {rule['k']}): region-tier figures are small-cell "
            "suppressed exactly as in the analytics API (GET /v1/privacy-rule)."
        )
    else:
        head = (
            "Privacy rule: this is a district's export of its own data, which district users "
            "already see with names; the region tier's small-cell rule below does not apply to "
            "it, and it still holds aggregates only, never a row about one teacher."
        )
    reasons = [f"Reason '{code}': {text}" for code, text in rule["reasons"].items()]
    sources = [f"Source: {s['name']}: {s['finding']}" for s in rule["sources"]]
    return [head, *rule["rules"], *reasons, *sources]


def manifest(report: Report, who: Provenance) -> dict[str, Any]:
    plan = report.plan
    return {
        "export_id": who.export_id,
        "org": plan.org,
        "org_name": report.name_of(plan.org),
        "requested_by": who.requested_by,
        "requested_role": who.requested_role,
        "requested_at": who.requested_at,
        "generated_at": who.generated_at,
        "trigger": who.trigger,
        "parameters": who.parameters,
        "period": plan.period,
        "period_start": plan.start.isoformat(),
        "period_end": plan.end.isoformat(),
        "suppressed_cells": report.suppressed_cells,
        "privacy_rule": report.rule,
        "privacy_rule_statement": rule_lines(report),
        "datasets": [
            {"name": d.name, "title": d.title, "description": d.description, "rows": len(d.rows)}
            for d in report.datasets
        ],
    }


def _parameters(parameters: dict[str, Any]) -> str:
    shown = {k: v for k, v in parameters.items() if v not in (None, [], ())}
    return ", ".join(f"{k}={v}" for k, v in sorted(shown.items())) or "defaults"
