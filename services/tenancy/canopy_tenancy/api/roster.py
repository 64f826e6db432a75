"""The teacher roster: /v1/districts/{id}/teachers, /v1/teachers/{id},
/v1/districts/{id}/roster-imports. District and school staff only: no region role reaches it."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from canopy_shared.contracts.vocabulary import DISTRICT_ROLES, Role
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_tenancy.api.http import (
    dependencies,
    page_body,
    page_request,
    principal,
    uow,
)
from canopy_tenancy.schemas.pages import PageArgs
from canopy_tenancy.schemas.roster import (
    RosterImportDetailOut,
    RosterImportIn,
    RosterImportPageOut,
    TeacherIn,
    TeacherListArgs,
    TeacherOut,
    TeacherPageOut,
    TeacherPatchIn,
)
from canopy_tenancy.services import roster

blp = Blueprint(
    "roster",
    __name__,
    url_prefix="/v1",
    description="Teachers with names and emails, for district staff and (their schools only) "
    "principals and observers. OneRoster 1.1 CSV import, idempotent by sourcedId.",
)
# A region coach reads the rosters of the schools a district assigned them to, nothing else.
READERS = (*sorted(DISTRICT_ROLES), Role.SCHOOL_ADMIN, Role.OBSERVER, Role.REGION_COACH)


def _edit(body: dict[str, Any]) -> roster.TeacherEdit:
    school_ids = body.pop("school_ids", None)
    ids = frozenset(str(s) for s in school_ids) if school_ids is not None else None
    return roster.TeacherEdit(school_ids=ids, **body)


@blp.route("/districts/<uuid:district_id>/teachers")
class Teachers(MethodView):
    @require_roles(*READERS)
    @blp.arguments(TeacherListArgs, location="query")
    @blp.response(200, TeacherPageOut)
    def get(self, args: dict[str, Any], district_id: Any) -> Any:
        """Filter by `school_id`, `search` (name or email), `include_removed`."""
        page = page_request(args)
        school_id = args.pop("school_id", None)
        found = roster.list_teachers(
            uow=uow(),
            principal=principal(),
            district_id=str(district_id),
            page=page,
            school_id=str(school_id) if school_id else None,
            **args,
        )
        return page_body(found)

    @require_roles(Role.DISTRICT_ADMIN)
    @blp.arguments(TeacherIn)
    @blp.response(201, TeacherOut)
    def post(self, body: dict[str, Any], district_id: Any) -> Any:
        return roster.add_teacher(
            uow=uow(),
            principal=principal(),
            clock=dependencies().clock,
            district_id=str(district_id),
            edit=_edit(body),
        )


@blp.route("/teachers/<uuid:teacher_id>")
class TeacherItem(MethodView):
    @require_roles(*READERS)
    @blp.response(200, TeacherOut)
    def get(self, teacher_id: Any) -> Any:
        return roster.get_teacher(uow=uow(), principal=principal(), teacher_id=str(teacher_id))

    @require_roles(Role.DISTRICT_ADMIN)
    @blp.arguments(TeacherPatchIn)
    @blp.response(200, TeacherOut)
    def patch(self, body: dict[str, Any], teacher_id: Any) -> Any:
        """Fix names or email, or move the teacher (`school_ids`)."""
        return roster.update_teacher(
            uow=uow(),
            principal=principal(),
            clock=dependencies().clock,
            teacher_id=str(teacher_id),
            edit=_edit(body),
        )

    @require_roles(Role.DISTRICT_ADMIN)
    @blp.response(200, TeacherOut)
    def delete(self, teacher_id: Any) -> Any:
        """Take the teacher off every school's roster (the record is kept)."""
        return roster.remove_teacher(
            uow=uow(), principal=principal(), clock=dependencies().clock, teacher_id=str(teacher_id)
        )


@blp.route("/districts/<uuid:district_id>/roster-imports")
class RosterImports(MethodView):
    @require_roles(Role.DISTRICT_ADMIN)
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, RosterImportPageOut)
    def get(self, args: dict[str, Any], district_id: Any) -> Any:
        found = roster.list_imports(
            uow=uow(), principal=principal(), district_id=str(district_id), page=page_request(args)
        )
        return page_body(found)

    @require_roles(Role.DISTRICT_ADMIN)
    @blp.arguments(RosterImportIn)
    @blp.response(201, RosterImportDetailOut)
    def post(self, body: dict[str, Any], district_id: Any) -> Any:
        """Import OneRoster 1.1 `orgs.csv` (schools) and `users.csv` (teachers) given as text.
        Good rows are applied together; each bad row is reported with file, line and reason;
        `dry_run` reports without applying. Other roles (students...) are skipped, unstored.
        The report lists each added, changed, removed or rejected row with what or why."""
        return roster.import_roster(
            uow=uow(),
            principal=principal(),
            clock=dependencies().clock,
            district_id=str(district_id),
            **body,
        )


@blp.route("/districts/<uuid:district_id>/roster-imports/<uuid:import_id>")
class RosterImportItem(MethodView):
    @require_roles(Role.DISTRICT_ADMIN)
    @blp.response(200, RosterImportDetailOut)
    def get(self, district_id: Any, import_id: Any) -> Any:
        """One import (a dry run or applied) with its per-row report."""
        return roster.get_import(
            uow=uow(), principal=principal(), district_id=str(district_id), import_id=str(import_id)
        )
