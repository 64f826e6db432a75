"""A district's set-up checklist: what a new district admin does first, in order, each step done
or not from the district's real state (never a flag someone ticks), and which step is next."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SetupStep(StrEnum):
    SCHOOLS = "schools"
    ROSTER = "roster"
    USERS = "users"
    OBSERVERS = "observers"
    CONNECTION = "connection"


@dataclass(frozen=True)
class DistrictState:
    """Counts read from tenancy's tables for one district."""

    schools: int
    teachers: int  # on a school's roster now
    applied_imports: int
    staff: int  # accounts other than district admins (leaders, principals, observers)
    schools_with_observer: int
    connection: str  # "active", "invited" (an invitation waits) or "none"


@dataclass(frozen=True)
class ChecklistItem:
    key: SetupStep
    done: bool
    detail: str
    optional: bool = False


def checklist(state: DistrictState) -> list[ChecklistItem]:
    return [
        ChecklistItem(SetupStep.SCHOOLS, state.schools > 0, _count(state.schools, "school")),
        ChecklistItem(
            SetupStep.ROSTER,
            state.teachers > 0,
            f"{_count(state.teachers, 'teacher')} on the roster, "
            f"{_count(state.applied_imports, 'import')} applied",
        ),
        ChecklistItem(SetupStep.USERS, state.staff > 0, f"{_count(state.staff, 'staff account')}"),
        ChecklistItem(
            SetupStep.OBSERVERS,
            state.schools > 0 and state.schools_with_observer >= state.schools,
            f"{state.schools_with_observer} of {_count(state.schools, 'school')} with an observer",
        ),
        # A standalone district ("District Plan") needs no region: the step never blocks.
        ChecklistItem(
            SetupStep.CONNECTION, state.connection == "active", _connection(state), optional=True
        ),
    ]


def next_step(items: list[ChecklistItem]) -> SetupStep | None:
    """The first required step not done, else an optional one; None when all are done."""
    waiting = sorted((i for i in items if not i.done), key=lambda i: i.optional)
    return waiting[0].key if waiting else None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _connection(state: DistrictState) -> str:
    if state.connection == "active":
        return "connected to a region"
    if state.connection == "invited":
        return "a region's invitation waits for your answer"
    return "standalone: no region invitation"
