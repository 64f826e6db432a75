"""Reading OneRoster 1.1 CSV and planning the roster change: pure functions."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest

from canopy_shared.errors import Invalid
from canopy_tenancy.domain.oneroster import parse
from canopy_tenancy.domain.roster import ChangeKind, RosterState, plan_import

FIXTURES = Path(__file__).parents[2] / "fixtures" / "oneroster"
ORGS, USERS = (FIXTURES / "orgs.csv").read_text(), (FIXTURES / "users.csv").read_text()
NOW = datetime(2026, 8, 3, tzinfo=UTC)


def ids():
    counter = itertools.count()
    return lambda: f"id-{next(counter)}"


def test_students_and_other_roles_are_skipped_and_never_read() -> None:
    parsed = parse(ORGS, USERS)
    assert "s-1" not in {t.source_id for t in parsed.teachers}
    assert parsed.skipped_rows == 2


def test_line_numbers_count_quoted_fields_that_span_lines() -> None:
    orgs = 'sourcedId,name,type\nsch-1,"Cedar\nElementary",school\nsch-2,,school\n'
    parsed = parse(orgs, "sourcedId,role,givenName,familyName,orgSourcedIds\n")
    assert [(e.line, e.field) for e in parsed.errors] == [(4, "name")]


def test_a_byte_order_mark_and_padded_headers_are_accepted() -> None:
    parsed = parse(
        "\ufeffsourcedId, name ,type\ns,School,school\n",
        "sourcedId,role,givenName,familyName,orgSourcedIds\n",
    )
    assert [s.name for s in parsed.schools] == ["School"]


def test_a_missing_column_names_the_file_and_the_column() -> None:
    with pytest.raises(Invalid) as refused:
        parse(ORGS, "sourcedId,role,givenName\n")
    assert refused.value.field == "users.csv" and "familyName" in refused.value.message


def test_planning_the_same_files_against_their_own_result_changes_nothing() -> None:
    new_id = ids()
    first = plan_import(parse(ORGS, USERS), RosterState("d", {}, {}), now=NOW, new_id=new_id)
    schools = {s.source_id: s for s in first.new_schools if s.source_id}
    teachers = {c.after.source_id: c.after for c in first.teacher_changes if c.after.source_id}
    again = plan_import(
        parse(ORGS, USERS), RosterState("d", schools, teachers), now=NOW, new_id=new_id
    )
    assert again.new_schools == again.renamed_schools == again.teacher_changes == []
    assert (again.unchanged_schools, again.unchanged_teachers) == (2, 3)
    assert [c.kind for c in first.teacher_changes] == [ChangeKind.ROSTERED] * 3


def test_a_name_fix_is_a_detail_change_that_travels_nowhere() -> None:
    new_id = ids()
    first = plan_import(parse(ORGS, USERS), RosterState("d", {}, {}), now=NOW, new_id=new_id)
    schools = {s.source_id: s for s in first.new_schools if s.source_id}
    teachers = {c.after.source_id: c.after for c in first.teacher_changes if c.after.source_id}
    renamed = USERS.replace("t1,Ada,Abbott", "t1,Ada,Abbott-Lee")
    plan = plan_import(
        parse(ORGS, renamed), RosterState("d", schools, teachers), now=NOW, new_id=new_id
    )
    [change] = plan.teacher_changes
    assert change.kind == ChangeKind.DETAILS and change.touched_school_ids() == frozenset()
