"""Reading a OneRoster 1.1 CSV pair (`orgs.csv`, `users.csv`) into schools and teachers.

Only what tenancy keeps is read: `school` orgs and `teacher` users. Students, guardians and other
roles are skipped without being stored: they never enter Canopy. Every bad row is reported with
its file, line and reason; good rows are returned for the roster plan to apply.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final, Literal

from canopy_shared.errors import Invalid

RosterFile = Literal["orgs.csv", "users.csv"]
ORGS: Final[RosterFile] = "orgs.csv"
USERS: Final[RosterFile] = "users.csv"
SourcedId = str  # OneRoster's id of a row, stable across exports
LineNumber = int  # 1-based, the header is line 1
ORG_COLUMNS = ("sourcedId", "name", "type")
USER_COLUMNS = ("sourcedId", "role", "givenName", "familyName", "orgSourcedIds")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_TO_BE_DELETED = "tobedeleted"


@dataclass(frozen=True)
class RowError:
    file: RosterFile
    line: LineNumber
    source_id: SourcedId | None
    field: str | None
    message: str


@dataclass(frozen=True)
class SchoolRow:
    line: LineNumber
    source_id: SourcedId
    name: str


@dataclass(frozen=True)
class TeacherRow:
    line: LineNumber
    source_id: SourcedId
    given_name: str
    family_name: str
    email: str | None
    org_source_ids: tuple[SourcedId, ...]
    to_be_deleted: bool


@dataclass
class ParsedRoster:
    schools: list[SchoolRow] = field(default_factory=list)
    teachers: list[TeacherRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped_rows: int = 0  # rows of kinds tenancy does not keep (students, departments...)
    rejected_schools: dict[SourcedId, LineNumber] = field(default_factory=dict)
    school_lines: dict[SourcedId, LineNumber] = field(default_factory=dict)  # first seen
    teacher_lines: dict[SourcedId, LineNumber] = field(default_factory=dict)  # first seen


def parse(orgs_csv: str, users_csv: str) -> ParsedRoster:
    """Raise Invalid when a file cannot be read at all (missing columns)."""
    parsed = ParsedRoster()
    for line, row in _rows(orgs_csv, ORGS, ORG_COLUMNS):
        _read_org(parsed, line, row)
    for line, row in _rows(users_csv, USERS, USER_COLUMNS):
        _read_user(parsed, line, row)
    return parsed


def _rows(
    text: str, file: RosterFile, required: tuple[str, ...]
) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in required if name not in header]
    if missing:
        raise Invalid(
            f"{file} lacks the column(s) {', '.join(missing)} (header line 1)",
            field=file,
            rule=f"OneRoster 1.1 {file} needs {', '.join(required)}",
        )
    reader.fieldnames = header
    line = 2
    for row in reader:
        yield line, {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
        line = reader.line_num + 1  # quoted fields may span lines


def _read_org(parsed: ParsedRoster, line: int, row: dict[str, str]) -> None:
    source_id, kind = row["sourcedId"], row["type"].lower()
    if kind != "school":
        parsed.skipped_rows += 1
        return
    error = _org_error(parsed, row)
    if source_id:
        parsed.school_lines.setdefault(source_id, line)
    if error:
        parsed.errors.append(RowError(ORGS, line, source_id or None, *error))
        if source_id and parsed.school_lines[source_id] == line:  # a duplicate poisons nothing
            parsed.rejected_schools[source_id] = line
        return
    parsed.schools.append(SchoolRow(line, source_id, row["name"]))


def _org_error(parsed: ParsedRoster, row: dict[str, str]) -> tuple[str, str] | None:
    if not row["sourcedId"]:
        return "sourcedId", "sourcedId is empty"
    if row["sourcedId"] in parsed.school_lines:
        line = parsed.school_lines[row["sourcedId"]]
        return "sourcedId", f"duplicate sourcedId {row['sourcedId']} (first at line {line})"
    if row.get("status", "").lower() == _TO_BE_DELETED:
        return "status", "schools are not deleted by an import; ask support to close a school"
    if not row["name"]:
        return "name", "name is empty"
    if len(row["name"]) > 200:
        return "name", "name is longer than 200 characters"
    return None


def _read_user(parsed: ParsedRoster, line: int, row: dict[str, str]) -> None:
    if row["role"].lower() != "teacher":
        parsed.skipped_rows += 1  # never stored: students and other people stay out
        return
    error = _user_error(parsed, row)
    if row["sourcedId"]:
        parsed.teacher_lines.setdefault(row["sourcedId"], line)
    if error:
        parsed.errors.append(RowError(USERS, line, row["sourcedId"] or None, *error))
        return
    parsed.teachers.append(
        TeacherRow(
            line=line,
            source_id=row["sourcedId"],
            given_name=row["givenName"],
            family_name=row["familyName"],
            email=row.get("email") or None,
            org_source_ids=_org_ids(row["orgSourcedIds"]),
            to_be_deleted=row.get("status", "").lower() == _TO_BE_DELETED,
        )
    )


def _user_error(parsed: ParsedRoster, row: dict[str, str]) -> tuple[str, str] | None:
    if not row["sourcedId"]:
        return "sourcedId", "sourcedId is empty"
    if row["sourcedId"] in parsed.teacher_lines:
        line = parsed.teacher_lines[row["sourcedId"]]
        return "sourcedId", f"duplicate sourcedId {row['sourcedId']} (first at line {line})"
    for name in ("givenName", "familyName"):
        if not row[name]:
            return name, f"{name} is empty"
        if len(row[name]) > 100:
            return name, f"{name} is longer than 100 characters"
    email = row.get("email", "")
    if email and (not _EMAIL.fullmatch(email) or len(email) > 254):
        return "email", "email is not an email address"
    if not _org_ids(row["orgSourcedIds"]):
        return "orgSourcedIds", "a teacher must belong to at least one school"
    for org in _org_ids(row["orgSourcedIds"]):
        if org in parsed.rejected_schools:
            line = parsed.rejected_schools[org]
            return "orgSourcedIds", f"school {org} was rejected ({ORGS} line {line})"
    return None


def _org_ids(raw: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
