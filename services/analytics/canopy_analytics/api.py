"""The analytics HTTP API: region roles see their region's connected districts (small-cell
suppressed), district roles their own district. Load -> answer -> dump; no SQL here."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import RAISE

from canopy_analytics import coverage, reports
from canopy_analytics.answer_schemas import (
    CoverageSchema,
    DistributionSchema,
    HeatmapSchema,
    PrivacyRuleSchema,
    SummarySchema,
    TrendsSchema,
)
from canopy_analytics.context import Context
from canopy_analytics.privacy import rule_description
from canopy_analytics.reports import Slice
from canopy_analytics.schemas import (
    CoverageQuery,
    HeatmapQuery,
    PeriodQuery,
    SummaryQuery,
    TrendsQuery,
)
from canopy_shared.web.auth import DISTRICT_ROLES, REGION_ROLES, current_principal, require_roles

READERS = sorted(REGION_ROLES | DISTRICT_ROLES)
blp = Blueprint(
    "analytics",
    __name__,
    url_prefix="/v1",
    description="Rolled-up walkthrough trends. Region roles: their region's connected districts, "
    "small-cell suppressed (see GET /v1/privacy-rule). District roles: their own district.",
)


def _context() -> Context:
    ext = current_app.extensions
    return Context.build(
        current_principal(),
        ext["canopy_clickhouse"],
        ext["canopy_privacy_rule"],
        ext["canopy_cube_cache"],
    )


def _slice(args: dict[str, Any]) -> Slice:
    return Slice(
        template_id=str(args["template_id"]),
        indicator=args.get("indicator"),
        district_id=_text(args.get("district_id")),
        school_id=_text(args.get("school_id")),
        subject=args.get("subject"),
        grade_band=args.get("grade_band"),
        level=args.get("level"),
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


@blp.route("/privacy-rule")
@blp.doc(security=[])
@blp.response(200, PrivacyRuleSchema)
def privacy_rule() -> dict[str, Any]:
    """The small-cell rule applied to every region-tier figure: k, coding, sources."""
    return rule_description(current_app.extensions["canopy_privacy_rule"])


@blp.route("/trends")
@require_roles(*READERS)
@blp.arguments(TrendsQuery, location="query", unknown=RAISE)
@blp.response(200, TrendsSchema)
def trends(args: dict[str, Any]) -> dict[str, Any]:
    """Per indicator over time: mean rating, share at or above a level, n walkthroughs."""
    return reports.trends(
        _context(), _slice(args), args["granularity"], args.get("start"), args.get("end")
    )


@blp.route("/heatmap")
@require_roles(*READERS)
@blp.arguments(HeatmapQuery, location="query", unknown=RAISE)
@blp.response(200, HeatmapSchema)
def heatmap(args: dict[str, Any]) -> dict[str, Any]:
    """Indicator x district (or x school) for one template and period."""
    return reports.heatmap(_context(), _slice(args), args.get("period"), args["by"])


@blp.route("/distribution")
@require_roles(*READERS)
@blp.arguments(PeriodQuery, location="query", unknown=RAISE)
@blp.response(200, DistributionSchema)
def distribution(args: dict[str, Any]) -> dict[str, Any]:
    """Share of ratings at each level, per indicator, for one period."""
    return reports.distribution(_context(), _slice(args), args.get("period"))


@blp.route("/coverage")
@require_roles(*READERS)
@blp.arguments(CoverageQuery, location="query", unknown=RAISE)
@blp.response(200, CoverageSchema)
def coverage_view(args: dict[str, Any]) -> dict[str, Any]:
    """Walkthroughs over time, share of schools visited, share of rostered teachers observed."""
    return coverage.coverage(
        _context(),
        args["granularity"],
        args.get("start"),
        args.get("end"),
        _text(args.get("district_id")),
    )


@blp.route("/summary")
@require_roles(*READERS)
@blp.arguments(SummaryQuery, location="query", unknown=RAISE)
@blp.response(200, SummarySchema)
def summary(args: dict[str, Any]) -> dict[str, Any]:
    """Everything a dashboard's first screen needs, in one call."""
    return coverage.summary(_context(), args.get("school_year"))
