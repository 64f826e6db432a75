"""What a OneRoster import does to each row, for the person reading its report: added, changed
(and what), removed or rejected (and why), by file and line. Unchanged rows are only counted;
the list is capped so a report of a large district stays readable and small."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from canopy_tenancy.domain.oneroster import ORGS, USERS, ParsedRoster, RosterFile
from canopy_tenancy.domain.orgs import School
from canopy_tenancy.domain.roster import ChangeKind, RosterPlan, TeacherChange

Outcome = Literal["added", "changed", "removed", "rejected"]
MAX_LISTED_ROWS = 2000


@dataclass(frozen=True)
class ImportRow:
    file: RosterFile
    line: int
    source_id: str | None
    outcome: Outcome
    name: str | None  # the school's or teacher's name as the row gives it
    detail: str  # what changes, or why the row is rejected
    field: str | None = None  # for a rejected row: the column at fault


def import_rows(
    parsed: ParsedRoster, plan: RosterPlan, before: Mapping[str, School]
) -> list[ImportRow]:
    rows = [*_school_rows(parsed, plan, before), *_teacher_rows(parsed, plan)]
    rows += [
        ImportRow(e.file, e.line, e.source_id, "rejected", None, e.message, e.field)
        for e in plan.errors
    ]
    return sorted(rows, key=lambda r: (r.file != ORGS, r.line))


def listed(rows: list[ImportRow]) -> dict[str, Any]:
    """The report's part for rows: the first MAX_LISTED_ROWS and how many more there were."""
    return {
        "rows": [asdict(row) for row in rows[:MAX_LISTED_ROWS]],
        "rows_omitted": max(0, len(rows) - MAX_LISTED_ROWS),
    }


def _school_rows(
    parsed: ParsedRoster, plan: RosterPlan, before: Mapping[str, School]
) -> list[ImportRow]:
    new = {s.source_id for s in plan.new_schools}
    renamed = {s.source_id for s in plan.renamed_schools}
    rows = []
    for row in parsed.schools:
        if row.source_id in new:
            rows.append(ImportRow(ORGS, row.line, row.source_id, "added", row.name, "new school"))
        elif row.source_id in renamed:
            old = before[row.source_id].name
            detail = f"renamed from {old}"
            rows.append(ImportRow(ORGS, row.line, row.source_id, "changed", row.name, detail))
    return rows


def _teacher_rows(parsed: ParsedRoster, plan: RosterPlan) -> list[ImportRow]:
    changes = {c.after.source_id: c for c in plan.teacher_changes}
    rows = []
    for row in parsed.teachers:
        change = changes.get(row.source_id)
        if change is None:
            continue
        name = f"{change.after.given_name} {change.after.family_name}".strip()
        outcome, detail = _teacher_outcome(change)
        rows.append(ImportRow(USERS, row.line, row.source_id, outcome, name, detail))
    return rows


def _teacher_outcome(change: TeacherChange) -> tuple[Outcome, str]:
    kind = change.kind
    if kind == ChangeKind.ROSTERED:
        back = change.before is not None
        return "added", "back on the roster" if back else "new teacher"
    if kind == ChangeKind.REMOVED:
        return "removed", "marked tobedeleted: leaves every school (the record is kept)"
    if kind == ChangeKind.MOVED:
        return "changed", "moves to other schools"
    assert change.before is not None
    fields = [
        label
        for label, old, new in (
            ("given name", change.before.given_name, change.after.given_name),
            ("family name", change.before.family_name, change.after.family_name),
            ("email", change.before.email, change.after.email),
        )
        if old != new
    ]
    return "changed", "new " + " and ".join(fields)
