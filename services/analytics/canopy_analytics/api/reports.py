"""The analytics HTTP API: region roles see their region's connected districts (small-cell
suppressed), district roles their own district. Load -> answer -> dump; no SQL here."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE

from canopy_analytics.bootstrap import Dependencies
from canopy_analytics.domain.privacy.description import rule_description
from canopy_analytics.schemas.coverage import (
    CoverageQuery,
    CoverageSchema,
    SummaryQuery,
    SummarySchema,
)
from canopy_analytics.schemas.privacy import PrivacyRuleSchema
from canopy_analytics.schemas.reports import (
    DistributionSchema,
    HeatmapQuery,
    HeatmapSchema,
    PeriodQuery,
    TrendsQuery,
    TrendsSchema,
)
from canopy_analytics.services import coverage, reports
from canopy_analytics.services.reading import ScopedReader, read_as
from canopy_analytics.services.reports import Slice
from canopy_shared.contracts.vocabulary import DISTRICT_ROLES, REGION_ROLES
from canopy_shared.web.auth import current_principal, require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_shared.web.dependencies import current_dependencies

READERS = sorted(REGION_ROLES | DISTRICT_ROLES)
blp = Blueprint(
    "analytics",
    __name__,
    url_prefix="/v1",
    description="Rolled-up walkthrough trends. Region roles: their region's connected districts, "
    "small-cell suppressed (see GET /v1/privacy-rule). District roles: their own district.",
)


def _reader() -> ScopedReader:
    """Steps 1-3 of the read path for the caller (see `services.reading`)."""
    deps = current_dependencies(Dependencies)
    return read_as(current_principal(), deps.store, deps.rule, deps.memo, deps.releases.current())


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
    """The small-cell rule applied to every region-tier figure: k, coding, the release model,
    sources."""
    deps = current_dependencies(Dependencies)
    return rule_description(deps.rule, deps.releases.current())


@blp.route("/trends")
@require_roles(*READERS)
@blp.arguments(TrendsQuery, location="query", unknown=RAISE)
@blp.response(200, TrendsSchema)
def trends(args: dict[str, Any]) -> dict[str, Any]:
    """Per indicator over time: mean rating, share at or above a level, n walkthroughs."""
    return reports.trends(
        _reader(), _slice(args), args["granularity"], args.get("start"), args.get("end")
    )


@blp.route("/heatmap")
@require_roles(*READERS)
@blp.arguments(HeatmapQuery, location="query", unknown=RAISE)
@blp.response(200, HeatmapSchema)
def heatmap(args: dict[str, Any]) -> dict[str, Any]:
    """Indicator x district (or x school) for one template and period."""
    return reports.heatmap(_reader(), _slice(args), args.get("period"), args["by"])


@blp.route("/distribution")
@require_roles(*READERS)
@blp.arguments(PeriodQuery, location="query", unknown=RAISE)
@blp.response(200, DistributionSchema)
def distribution(args: dict[str, Any]) -> dict[str, Any]:
    """Share of ratings at each level, per indicator, for one period."""
    return reports.distribution(_reader(), _slice(args), args.get("period"))


@blp.route("/coverage")
@require_roles(*READERS)
@blp.arguments(CoverageQuery, location="query", unknown=RAISE)
@blp.response(200, CoverageSchema)
def coverage_view(args: dict[str, Any]) -> dict[str, Any]:
    """Walkthroughs over time, share of schools visited, share of rostered teachers observed."""
    return coverage.coverage(
        _reader(),
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
    return coverage.summary(_reader(), args.get("school_year"))
