"""Goals in analytics' SQL database, and their events leaving through the service's outbox
(the one partner snapshots use) in the same transaction as the change they announce."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Column, Date, DateTime, Float, Integer, String, Table, Text, or_, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.expression import ColumnElement

from canopy_analytics.adapters.db import metadata
from canopy_analytics.domain.goals.model import Goal, Target
from canopy_analytics.exports.db import outbox
from canopy_shared.contracts import Envelope
from canopy_shared.messaging.outbox import add_to_outbox

goals = Table(
    "goals",
    metadata,
    Column("goal_id", String(36), primary_key=True),
    Column("tier", String(16), nullable=False),  # region | district | school
    Column("org_id", String(36), nullable=False, index=True),
    Column("region_id", String(36), nullable=True, index=True),
    Column("district_id", String(36), nullable=True, index=True),
    Column("title", String(200), nullable=False),
    Column("template_id", String(36), nullable=False),
    Column("look_fors", Text, nullable=False),  # JSON list of indicator keys
    Column("target_level", Integer, nullable=False),
    Column("target_share", Float, nullable=False),
    Column("start_date", Date, nullable=False),
    Column("deadline", Date, nullable=False),
    Column("benchmarks", Text, nullable=False),  # JSON list of ISO dates
    Column("owner", String(200), nullable=False),
    Column("rationale", Text, nullable=False),
    Column("parent_goal_id", String(36), nullable=True, index=True),
    Column("alignment", String(16), nullable=False),  # own | adopted | adapted
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


class GoalRepository:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add(self, goal: Goal, event: tuple[str, Envelope]) -> None:
        """Store the goal and its event (topic, envelope) in one transaction."""
        with self._sessions.begin() as session:
            session.execute(goals.insert().values(**_row(goal), created_at=datetime.now(UTC)))
            add_to_outbox(session, outbox, *event)

    def get(self, goal_id: str) -> Goal | None:
        with self._sessions() as session:
            row = session.execute(select(goals).where(goals.c.goal_id == goal_id)).first()
        return _goal(row._mapping) if row else None

    def of_orgs(self, region_id: str | None, district_ids: Iterable[str]) -> list[Goal]:
        """The region's own goals and every goal of the districts (and their schools)."""
        clauses: list[ColumnElement[bool]] = [goals.c.district_id.in_(list(district_ids))]
        if region_id:
            clauses.append((goals.c.tier == "region") & (goals.c.org_id == region_id))
        query = select(goals).where(or_(*clauses)).order_by(goals.c.created_at, goals.c.goal_id)
        with self._sessions() as session:
            return [_goal(row._mapping) for row in session.execute(query)]

    def children_of(self, goal_id: str) -> list[Goal]:
        query = select(goals).where(goals.c.parent_goal_id == goal_id).order_by(goals.c.created_at)
        with self._sessions() as session:
            return [_goal(row._mapping) for row in session.execute(query)]


def _row(goal: Goal) -> dict[str, Any]:
    return {
        "goal_id": goal.goal_id,
        "tier": goal.tier,
        "org_id": goal.org_id,
        "region_id": goal.region_id,
        "district_id": goal.district_id,
        "title": goal.title,
        "template_id": goal.template_id,
        "look_fors": json.dumps(list(goal.look_fors)),
        "target_level": goal.target.level,
        "target_share": goal.target.share,
        "start_date": goal.start,
        "deadline": goal.deadline,
        "benchmarks": json.dumps([b.isoformat() for b in goal.benchmarks]),
        "owner": goal.owner,
        "rationale": goal.rationale,
        "parent_goal_id": goal.parent_goal_id,
        "alignment": goal.alignment,
        "created_by": goal.created_by,
    }


def _goal(row: Any) -> Goal:
    return Goal(
        goal_id=row["goal_id"],
        tier=row["tier"],
        org_id=row["org_id"],
        region_id=row["region_id"],
        district_id=row["district_id"],
        title=row["title"],
        template_id=row["template_id"],
        look_fors=tuple(json.loads(row["look_fors"])),
        target=Target(row["target_level"], row["target_share"]),
        start=row["start_date"],
        deadline=row["deadline"],
        benchmarks=tuple(date.fromisoformat(b) for b in json.loads(row["benchmarks"])),
        owner=row["owner"],
        rationale=row["rationale"],
        parent_goal_id=row["parent_goal_id"],
        alignment=row["alignment"],
        created_by=row["created_by"],
    )
