"""Goals: set, adopt or adapt, list with progress, one goal's page, and the status rule.
Load -> use case -> dump; progress comes through the read path (`services.goal_progress`)."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from marshmallow import RAISE

from canopy_analytics.adapters.goals import GoalRepository
from canopy_analytics.bootstrap import Dependencies
from canopy_analytics.domain.goals.benchmarks import DEFAULT_EVERY_MONTHS
from canopy_analytics.domain.goals.status import AT_RISK_MARGIN, STATUS_RULE
from canopy_analytics.domain.goals.visibility import SETTERS
from canopy_analytics.schemas.goals import (
    AdoptionRequest,
    GoalListSchema,
    GoalPageSchema,
    GoalRequest,
    GoalTemplatesSchema,
    StatusRuleSchema,
)
from canopy_analytics.services import goals
from canopy_analytics.services.goal_callers import goal_caller
from canopy_analytics.services.goal_templates import goal_templates
from canopy_analytics.services.goals import GoalCaller
from canopy_shared.web.auth import current_principal, require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_shared.web.dependencies import current_dependencies

blp = Blueprint(
    "goals",
    __name__,
    url_prefix="/v1/goals",
    description="Improvement goals measured by walkthroughs: region goals that districts adopt "
    "or adapt, district goals that schools align to, school goals. Progress is read like every "
    "trend: region users see it per district, small-cell suppressed; districts and schools see "
    "their own exactly. Status rule: GET /v1/goals/status-rule.",
)


def _caller() -> GoalCaller:
    deps = current_dependencies(Dependencies)
    return goal_caller(
        current_principal(), deps.store, deps.rule, deps.memo, deps.releases.current()
    )


def _repo() -> GoalRepository:
    return current_dependencies(Dependencies).goals


@blp.route("/status-rule")
@blp.doc(security=[])
@blp.response(200, StatusRuleSchema)
def status_rule() -> dict[str, Any]:
    """The published rule that says on track / at risk / off track."""
    return {
        "rule": STATUS_RULE,
        "at_risk_margin": AT_RISK_MARGIN,
        "default_benchmark_months": DEFAULT_EVERY_MONTHS,
    }


@blp.route("")
@require_roles(*SETTERS)
@blp.response(200, GoalListSchema)
def list_goals() -> dict[str, Any]:
    """The goals you see, each with its progress and status (region: per district)."""
    return {
        "goals": goals.list_goals(_repo(), _caller(), date.today()),
        "status_rule": STATUS_RULE,
    }


@blp.route("/templates")
@require_roles(*SETTERS)
@blp.response(200, GoalTemplatesSchema)
def templates() -> dict[str, Any]:
    """The templates with walkthroughs in your scope, and the look-fors and levels a goal may
    name."""
    return {"templates": goal_templates(_caller().reader)}


@blp.route("", methods=["POST"])
@require_roles(*SETTERS)
@blp.arguments(GoalRequest, unknown=RAISE)
@blp.response(201, GoalPageSchema)
def set_goal(body: dict[str, Any]) -> dict[str, Any]:
    """Set a goal of your own organisation (region, district or school)."""
    caller = _caller()
    goal = goals.set_goal(_repo(), caller, body)
    _send_events()
    return goals.goal_page(_repo(), caller, goal.goal_id, date.today())


@blp.route("/<uuid:goal_id>")
@require_roles(*SETTERS)
@blp.response(200, GoalPageSchema)
def goal_page(goal_id: Any) -> dict[str, Any]:
    """One goal: definition, alignment both ways, progress series, benchmarks, schools."""
    return goals.goal_page(_repo(), _caller(), str(goal_id), date.today())


@blp.route("/<uuid:goal_id>/adoptions", methods=["POST"])
@require_roles(*SETTERS)
@blp.arguments(AdoptionRequest, unknown=RAISE)
@blp.response(201, GoalPageSchema)
def adopt_goal(body: dict[str, Any], goal_id: Any) -> dict[str, Any]:
    """Adopt (same target) or adapt (own target) the goal of the tier above; the link is kept."""
    caller = _caller()
    goal = goals.adopt_goal(_repo(), caller, str(goal_id), body)
    _send_events()
    return goals.goal_page(_repo(), caller, goal.goal_id, date.today())


def _send_events() -> None:
    """Relay the outbox soon, off the request (a broker outage must not hold the answer); the
    export scheduler's next tick retries whatever this could not send."""
    partners = current_dependencies(Dependencies).exports.partners
    threading.Thread(target=partners.send_pending, name="goals-relay", daemon=True).start()
