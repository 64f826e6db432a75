"""Goal use cases: set a goal, adopt or adapt one from the tier above, list the goals a caller
sees with their progress, and one goal's page. Each stores through `GoalRepository` (one
transaction with its `goals.events.v1` event) and reads progress through the read path."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from canopy_analytics import SERVICE_NAME
from canopy_analytics.adapters.goals import GoalRepository
from canopy_analytics.domain.goals.benchmarks import default_benchmarks
from canopy_analytics.domain.goals.model import Goal, Target, check_goal
from canopy_analytics.domain.goals.visibility import (
    Viewer,
    may_see,
    progress_orgs,
    require_adopter,
)
from canopy_analytics.domain.templates import Template, checked_level
from canopy_analytics.services.goal_progress import org_progress
from canopy_analytics.services.reading import ScopedReader
from canopy_shared.contracts import GOALS_EVENTS, Envelope
from canopy_shared.contracts.goals_events_v1 import GOAL_SET
from canopy_shared.errors import Conflicting, Invalid, Missing


@dataclass(frozen=True)
class GoalCaller:
    """Who asks, and the reader of their answers (their scope, through the read path)."""

    viewer: Viewer
    subject: str
    reader: ScopedReader


def set_goal(repo: GoalRepository, caller: GoalCaller, fields: dict[str, Any]) -> Goal:
    viewer = caller.viewer
    goal = _goal(caller, fields, tier=viewer.tier, org_id=viewer.org_id, parent=None)
    return _store(repo, caller, goal)


def adopt_goal(
    repo: GoalRepository, caller: GoalCaller, parent_id: str, fields: dict[str, Any]
) -> Goal:
    """A district adopting (`mode=adopt`: the same target) or adapting (`mode=adapt`: its own
    target level, share or deadline) a region goal, or a school aligning to a district goal."""
    parent = visible(repo, caller.viewer, parent_id)
    tier = require_adopter(parent, caller.viewer)
    if any(g.org_id == caller.viewer.org_id for g in repo.children_of(parent.goal_id)):
        raise Conflicting(f"{tier} already adopted this goal", field="goal_id")
    inherited = {
        "title": parent.title,
        "template_id": parent.template_id,
        "look_fors": list(parent.look_fors),
        "target_level": parent.target.level,
        "target_share": parent.target.share,
        "start_date": parent.start,
        "deadline": parent.deadline,
        "benchmarks": list(parent.benchmarks),
        "rationale": parent.rationale,
    }
    own = {k: v for k, v in fields.items() if v is not None and k != "mode"}
    if fields["mode"] == "adopt":
        own = {k: v for k, v in own.items() if k in ("owner", "rationale")}
    elif not own.keys() & {"target_level", "target_share", "deadline"}:
        raise Invalid(
            "adapting sets its own target_share, target_level or deadline", field="target_share"
        )
    if "deadline" in own and "benchmarks" not in own:
        inherited.pop("benchmarks")
    chosen = {**inherited, **own, "mode": fields["mode"]}
    goal = _goal(caller, chosen, tier=tier, org_id=caller.viewer.org_id, parent=parent)
    return _store(repo, caller, goal)


def visible(repo: GoalRepository, viewer: Viewer, goal_id: str) -> Goal:
    goal = repo.get(goal_id)
    if goal is None or not may_see(goal, viewer):
        raise Missing(f"no goal {goal_id} visible to you", field="goal_id")
    return goal


def list_goals(repo: GoalRepository, caller: GoalCaller, today: date) -> list[dict[str, Any]]:
    viewer = caller.viewer
    candidates = repo.of_orgs(viewer.region_id, viewer.districts)
    goals = [g for g in candidates if may_see(g, viewer)]
    return [_summary(repo, caller, g, today, series=False) for g in goals]


def goal_page(
    repo: GoalRepository, caller: GoalCaller, goal_id: str, today: date
) -> dict[str, Any]:
    goal = visible(repo, caller.viewer, goal_id)
    page = _summary(repo, caller, goal, today, series=True)
    headline = page["progress"][0]["org"]
    if headline.startswith("district:"):
        schools = caller.reader.schools(headline.partition(":")[2])
        page["schools"] = [
            org_progress(caller.reader, goal, f"school:{s.school_id}", today, series=False)
            for s in schools
        ]
    else:
        page["schools"] = []
    page["suppression"] = caller.reader.disclosure.block()
    return page


def _summary(
    repo: GoalRepository, caller: GoalCaller, goal: Goal, today: date, *, series: bool
) -> dict[str, Any]:
    reader = caller.reader
    orgs = progress_orgs(goal, caller.viewer)
    progress = [org_progress(reader, goal, org, today, series=series) for org in orgs]
    return {**describe(goal, reader, repo, caller.viewer), "progress": progress}


def describe(
    goal: Goal, reader: ScopedReader, repo: GoalRepository, viewer: Viewer
) -> dict[str, Any]:
    template = reader.dimensions.template(goal.template_id)
    parent = repo.get(goal.parent_goal_id) if goal.parent_goal_id else None
    children = [c for c in repo.children_of(goal.goal_id) if may_see(c, viewer)]
    names = reader.dimensions.names([goal.org_id, *(c.org_id for c in children)])
    if parent:
        names.update(reader.dimensions.names([parent.org_id]))
    return {
        **definition(goal, template),
        "org_name": names.get(goal.org_id, ""),
        "parent": _link(parent, names) if parent else None,
        "children": [_link(c, names) for c in children],
    }


def definition(goal: Goal, template: Template | None) -> dict[str, Any]:
    """The goal as it is set (no figures): what the API, exports and events all carry."""
    texts = {i.key: i.text for i in template.indicators} if template else {}
    return {
        "goal_id": goal.goal_id,
        "tier": goal.tier,
        "org": goal.org,
        "title": goal.title,
        "template_id": goal.template_id,
        "template_title": template.title if template else "",
        "look_fors": [{"indicator": k, "text": texts.get(k, k)} for k in goal.look_fors],
        "target_level": goal.target.level,
        "target_share": goal.target.share,
        "start_date": goal.start.isoformat(),
        "deadline": goal.deadline.isoformat(),
        "benchmarks": [b.isoformat() for b in goal.benchmarks],
        "owner": goal.owner,
        "rationale": goal.rationale,
        "alignment": goal.alignment,
    }


def _link(goal: Goal, names: dict[str, str]) -> dict[str, Any]:
    return {
        "goal_id": goal.goal_id,
        "org": goal.org,
        "org_name": names.get(goal.org_id, ""),
        "title": goal.title,
        "alignment": goal.alignment,
        "target_level": goal.target.level,
        "target_share": goal.target.share,
        "deadline": goal.deadline.isoformat(),
    }


def _goal(
    caller: GoalCaller, fields: dict[str, Any], *, tier: str, org_id: str, parent: Goal | None
) -> Goal:
    start, deadline = fields["start_date"], fields["deadline"]
    benchmarks = fields.get("benchmarks") or default_benchmarks(start, deadline)
    viewer = caller.viewer
    goal = Goal(
        goal_id=str(uuid.uuid4()),
        tier=tier,
        org_id=org_id,
        region_id=org_id if tier == "region" else viewer.region_id,
        district_id=viewer.district_id if tier != "region" else None,
        title=fields["title"],
        template_id=str(fields["template_id"]),
        look_fors=tuple(fields["look_fors"]),
        target=Target(fields["target_level"], fields["target_share"]),
        start=start,
        deadline=deadline,
        benchmarks=tuple(sorted(benchmarks)),
        owner=fields["owner"],
        rationale=fields.get("rationale") or "",
        parent_goal_id=parent.goal_id if parent else None,
        alignment=_alignment(parent, fields),
        created_by=caller.subject,
    )
    check_goal(goal)
    _check_against_template(goal, caller.reader)
    return goal


def _alignment(parent: Goal | None, fields: dict[str, Any]) -> Any:
    if parent is None:
        return "own"
    return "adopted" if fields.get("mode", "adopt") == "adopt" else "adapted"


def _check_against_template(goal: Goal, reader: ScopedReader) -> None:
    """Every look-for is an indicator of the template; the level fits each one's scale."""
    template = reader.dimensions.template(goal.template_id)
    if template is None:
        raise Invalid(f"no template {goal.template_id} known to analytics", field="template_id")
    for key in goal.look_fors:
        indicator = template.indicator(key)
        if indicator is None:
            raise Invalid(f"template has no look-for {key!r}", field="look_fors")
        try:
            checked_level(indicator, goal.target.level)
        except Invalid as err:
            raise Invalid(err.message, field="target_level") from None


def _store(repo: GoalRepository, caller: GoalCaller, goal: Goal) -> Goal:
    payload = {
        **{k: v for k, v in definition(goal, None).items() if k in _EVENT_FIELDS},
        "look_fors": list(goal.look_fors),
        "org_id": goal.org_id,
        "region_id": goal.region_id,
        "district_id": goal.district_id,
        "parent_goal_id": goal.parent_goal_id,
        "set_at": datetime.now(UTC).isoformat(),
    }
    envelope = Envelope(type=GOAL_SET, payload=payload, producer=SERVICE_NAME)
    repo.add(goal, (GOALS_EVENTS.name, envelope))
    return goal


_EVENT_FIELDS = {
    "goal_id", "tier", "title", "template_id", "target_level", "target_share",
    "start_date", "deadline", "benchmarks", "owner", "rationale", "alignment",
}  # fmt: skip
