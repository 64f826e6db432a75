"""The teacher roster: OneRoster imports (planned whole, then applied in one transaction), manual
edits by the district admin (for districts without an export and fixes between imports; the same
change rules and events as an import) and reads for district and school staff. Names stay here;
events carry ids and counts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import datetime

from canopy_shared.errors import Conflicting, Invalid, Missing
from canopy_tenancy.adapters.unit_of_work import UnitOfWork
from canopy_tenancy.domain import oneroster
from canopy_tenancy.domain.access import (
    Actor,
    can_list_roster,
    can_manage_roster,
    can_read_teacher,
    require,
    require_visible,
    roster_schools,
)
from canopy_tenancy.domain.import_rows import import_rows, listed
from canopy_tenancy.domain.orgs import District, Place, district_place, school_event
from canopy_tenancy.domain.pages import Page, PageRequest
from canopy_tenancy.domain.roster import (
    ImportRecord,
    ImportReport,
    RosterPlan,
    RosterState,
    Teacher,
    TeacherChange,
    plan_import,
    removed,
    teacher_counts,
    teacher_event,
)
from canopy_tenancy.services.scope import (
    Clock,
    PrincipalLike,
    load_actor,
    new_id,
    visible_district,
)

ROSTER_IS_PRIVATE = "the teacher roster is for district and school staff only"
ADMIN_ONLY = "only the district admin edits the roster"


def import_roster(
    *,
    uow: UnitOfWork,
    principal: PrincipalLike,
    clock: Clock,
    district_id: str,
    orgs_csv: str,
    users_csv: str,
    dry_run: bool = False,
) -> ImportRecord:
    """Good rows are applied together, bad rows reported by file and line; importing the
    same files again changes nothing (rows are matched by sourcedId)."""
    now = clock()
    with uow:
        actor = load_actor(uow, principal)
        district = visible_district(uow, actor, district_id)
        require(
            can_manage_roster(actor, district_place(district)), "only the district admin imports"
        )
        parsed = oneroster.parse(orgs_csv, users_csv)
        state = RosterState(
            district.id, uow.orgs.schools_by_source(district.id), uow.roster.by_source(district.id)
        )
        plan = plan_import(parsed, state, now=now, new_id=new_id)
        report = _report(plan, parsed, state)
        if not dry_run:
            _apply(uow, plan, district, now)
        record = ImportRecord(
            new_id(), district.id, actor.user_id, now, dry_run, not dry_run, report
        )
        uow.roster.add_import(record)
        uow.commit()
    return record


def _apply(uow: UnitOfWork, plan: RosterPlan, district: District, now: datetime) -> None:
    for school in plan.new_schools:
        uow.orgs.save(school)
        uow.announce(*school_event("created", school, district.region_id))
    for school in plan.renamed_schools:
        uow.orgs.save(school)
        uow.announce(*school_event("updated", school, district.region_id))
    apply_teacher_changes(uow, plan.teacher_changes, district, now)


def apply_teacher_changes(
    uow: UnitOfWork, changes: list[TeacherChange], district: District, now: datetime
) -> None:
    """Store the changes, announce each (ids only) and the new counts of touched schools."""
    touched: set[str] = set()
    for change in changes:
        uow.roster.save(change.after)
        if event := teacher_event(change):
            uow.announce(*event)
        touched |= change.touched_school_ids()
    if touched:
        schools = {sid: s for sid in touched if (s := uow.orgs.school(sid))}
        counts = uow.roster.counts(sorted(touched))
        for event in teacher_counts(schools, counts, district.region_id, now):
            uow.announce(*event)


def _report(plan: RosterPlan, parsed: oneroster.ParsedRoster, state: RosterState) -> ImportReport:
    rows = listed(import_rows(parsed, plan, state.schools))
    return {
        "summary": {**plan.summary(), "rows_skipped": parsed.skipped_rows},
        "errors": [asdict(error) for error in plan.errors],
        "rows": rows["rows"],
        "rows_omitted": rows["rows_omitted"],
    }


def get_import(
    *, uow: UnitOfWork, principal: PrincipalLike, district_id: str, import_id: str
) -> ImportRecord:
    """One import with its per-row report."""
    with uow:
        actor = load_actor(uow, principal)
        district = visible_district(uow, actor, district_id)
        require(can_manage_roster(actor, district_place(district)), "only the district admin")
        record = uow.roster.import_(district.id, import_id)
        if record is None:
            raise Missing("no roster import with this id is visible to you")
        return record


def list_imports(
    *, uow: UnitOfWork, principal: PrincipalLike, district_id: str, page: PageRequest
) -> Page[ImportRecord]:
    with uow:
        actor = load_actor(uow, principal)
        district = visible_district(uow, actor, district_id)
        require(can_manage_roster(actor, district_place(district)), "only the district admin")
        return uow.roster.imports(district.id, page)


def list_teachers(
    *,
    uow: UnitOfWork,
    principal: PrincipalLike,
    district_id: str,
    page: PageRequest,
    school_id: str | None = None,
    search: str | None = None,
    include_removed: bool = False,
) -> Page[Teacher]:
    """District staff read the whole district; principals and observers their schools."""
    with uow:
        actor = load_actor(uow, principal)
        district = visible_district(uow, actor, district_id)
        place = Place(district.region_id, district.id, school_id)
        require(can_list_roster(actor, place), ROSTER_IS_PRIVATE, rule="roster readers")
        school_ids = [school_id] if school_id else roster_schools(actor)
        return uow.roster.page(
            page,
            district_id=district.id,
            school_ids=school_ids,
            include_removed=include_removed,
            search=search,
        )


def get_teacher(*, uow: UnitOfWork, principal: PrincipalLike, teacher_id: str) -> Teacher:
    with uow:
        actor = load_actor(uow, principal)
        teacher = uow.roster.get(teacher_id)
        if teacher is None or not _may_read_teacher(uow, actor, teacher):
            raise Missing("no teacher with this id is visible to you")
        return teacher


def _may_read_teacher(uow: UnitOfWork, actor: Actor, teacher: Teacher) -> bool:
    district = uow.orgs.district(teacher.district_id)
    if district is None:
        return False
    require_visible(actor, district_place(district), "teacher")
    return can_read_teacher(actor, district_place(district), teacher.school_ids)


@dataclass(frozen=True)
class TeacherEdit:
    given_name: str | None = None
    family_name: str | None = None
    email: str | None = None
    school_ids: frozenset[str] | None = None


def add_teacher(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, district_id: str, edit: TeacherEdit
) -> Teacher:
    now = clock()
    with uow:
        district = _managed_district(uow, principal, district_id)
        _check_schools(uow, district, edit.school_ids)
        teacher = Teacher(
            id=new_id(),
            district_id=district.id,
            source_id=None,
            given_name=edit.given_name or "",
            family_name=edit.family_name or "",
            email=edit.email,
            school_ids=edit.school_ids or frozenset(),
            removed_at=None,
            created_at=now,
            updated_at=now,
        )
        apply_teacher_changes(uow, [TeacherChange(None, teacher)], district, now)
        uow.commit()
    return teacher


def update_teacher(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, teacher_id: str, edit: TeacherEdit
) -> Teacher:
    now = clock()
    with uow:
        before, district = _managed_teacher(uow, principal, teacher_id)
        if before.removed_at is not None and edit.school_ids is None:
            # A removed teacher is on no school: an edit alone would announce a rostered
            # teacher with no school, which no consumer can place.
            raise Conflicting(
                f"teacher {teacher_id} was removed from the roster; send school_ids to put "
                "them back on a school's roster",
                field="school_ids",
                rule="required_for_removed_teacher",
            )
        if edit.school_ids is not None:
            _check_schools(uow, district, edit.school_ids)
        after = replace(
            before,
            given_name=edit.given_name or before.given_name,
            family_name=edit.family_name or before.family_name,
            email=edit.email if edit.email is not None else before.email,
            school_ids=edit.school_ids if edit.school_ids is not None else before.school_ids,
            removed_at=None,
            updated_at=now,
        )
        apply_teacher_changes(uow, [TeacherChange(before, after)], district, now)
        uow.commit()
    return after


def remove_teacher(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, teacher_id: str
) -> Teacher:
    """The teacher leaves every school; the record stays so past walkthroughs keep their name."""
    now = clock()
    with uow:
        before, district = _managed_teacher(uow, principal, teacher_id)
        after = removed(before, now) if before.removed_at is None else before
        if after is not before:
            apply_teacher_changes(uow, [TeacherChange(before, after)], district, now)
        uow.commit()
    return after


def _managed_district(uow: UnitOfWork, principal: PrincipalLike, district_id: str) -> District:
    actor = load_actor(uow, principal)
    district = visible_district(uow, actor, district_id)
    require(can_manage_roster(actor, district_place(district)), ADMIN_ONLY)
    return district


def _managed_teacher(
    uow: UnitOfWork, principal: PrincipalLike, teacher_id: str
) -> tuple[Teacher, District]:
    teacher = uow.roster.get(teacher_id)
    actor = load_actor(uow, principal)
    if teacher is None or teacher.district_id != actor.district_id:
        raise Missing("no teacher with this id is visible to you")
    return teacher, _managed_district(uow, principal, teacher.district_id)


def _check_schools(uow: UnitOfWork, district: District, school_ids: frozenset[str] | None) -> None:
    if not school_ids:
        raise Invalid("a teacher belongs to at least one school", field="school_ids")
    for school_id in sorted(school_ids):
        school = uow.orgs.school(school_id)
        if school is None or school.district_id != district.id:
            raise Invalid(
                f"school {school_id} is not a school of this district",
                field="school_ids",
                rule="schools of the teacher's district",
            )
