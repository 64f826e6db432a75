"""Accounts and observer assignments. Admins create and change accounts inside their own
organisation only; a password is either chosen by the admin or generated and shown once. An
observer runs walkthroughs at their own school always, at other schools of their district as the
district admin or the school's principal decides.

Deactivating an account, changing its role or taking a school from an observer ends every token
issued before the change, in every service: the cutoff is written here in the change's own
transaction and announced as `user.access_revoked` (canopy_shared.revocation)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from canopy_shared.contracts.vocabulary import ASSIGNABLE_OBSERVERS, Role
from canopy_shared.errors import Conflicting, Invalid, Missing
from canopy_tenancy.adapters.passwords import Passwords, generate_password
from canopy_tenancy.adapters.unit_of_work import UnitOfWork
from canopy_tenancy.domain.access import (
    Actor,
    can_assign_observers,
    can_manage_user,
    can_view_observers,
    require,
    require_visible,
)
from canopy_tenancy.domain.orgs import Place
from canopy_tenancy.domain.pages import Page, PageRequest
from canopy_tenancy.domain.region_coaches import check_coach_assignment, check_may_change_coach
from canopy_tenancy.domain.users import (
    ObserverAssignment,
    RevocationReason,
    User,
    access_revoked_event,
    check_role_change,
    check_tier,
    observer_event,
    revocation_reasons,
)
from canopy_tenancy.services.scope import (
    Clock,
    PrincipalLike,
    load_actor,
    new_id,
    place_of_org,
    visible_school,
)

ADMINS = (Role.REGION_ADMIN, Role.DISTRICT_ADMIN, Role.SCHOOL_ADMIN)


@dataclass(frozen=True)
class NewAccount:
    email: str
    display_name: str
    role: Role
    org_id: str
    password: str | None = None  # None: generate one and return it once
    teacher_id: str | None = None


@dataclass(frozen=True)
class CreatedUser:
    user: User
    generated_password: str | None


def create_user(
    *,
    uow: UnitOfWork,
    principal: PrincipalLike | None,
    passwords: Passwords,
    clock: Clock,
    account: NewAccount,
) -> CreatedUser:
    """`principal` None is the operator's bootstrap command, which may create any admin."""
    password = account.password or generate_password()
    password_hash = passwords.hash(password)  # policy checked before any database work
    with uow:
        place = place_of_org(uow, account.org_id)
        if place is None:
            raise Missing("no organisation with this id is visible to you", field="org_id")
        if principal is not None:
            actor = load_actor(uow, principal)
            _require_manager(actor, place, account.role)
        user = _new_user(uow, account, place, clock)
        uow.users.add(user, password_hash)
        if user.role == Role.OBSERVER:
            _assign_home_school(uow, user, clock)
        uow.commit()
    return CreatedUser(user, None if account.password else password)


def _require_manager(actor: Actor, place: Place, role: Role) -> None:
    require_visible(actor, place, "organisation")
    check_tier(role, place)
    require(
        can_manage_user(actor, place, role),
        f"your role may not manage {role} accounts in this organisation",
        rule="admins manage accounts of their own organisation only",
    )


def _new_user(uow: UnitOfWork, account: NewAccount, place: Place, clock: Clock) -> User:
    check_tier(account.role, place)
    email = account.email.strip().lower()
    if uow.users.by_email(email) is not None:
        raise Conflicting("an account with this email exists", field="email", rule="unique")
    _check_teacher_link(uow, account, place)
    now = clock()
    return User(
        id=new_id(),
        email=email,
        display_name=account.display_name,
        role=account.role,
        org_id=account.org_id,
        org_tier=place.tier,
        district_id=place.district_id,
        teacher_id=account.teacher_id if account.role == Role.TEACHER else None,
        active=True,
        created_at=now,
        updated_at=now,
    )


def _check_teacher_link(uow: UnitOfWork, account: NewAccount, place: Place) -> None:
    """A teacher account is the roster teacher it sees walkthroughs of, at that school."""
    if account.role != Role.TEACHER:
        return
    teacher = uow.roster.get(account.teacher_id or "")
    if teacher is None or teacher.removed_at or place.school_id not in teacher.school_ids:
        raise Invalid(
            "a teacher account needs the roster id of a teacher at this school",
            field="teacher_id",
            rule="a rostered teacher of org_id",
        )


def _assign_home_school(uow: UnitOfWork, user: User, clock: Clock) -> None:
    """An observer may observe at their own school from the start; other services learn it
    the same way as any other assignment."""
    assert user.district_id is not None
    assignment = ObserverAssignment(user.id, user.org_id, user.district_id, user.id, clock())
    uow.observers.add(assignment)
    uow.announce(*observer_event("assigned", assignment))


@dataclass(frozen=True)
class UserFilters:
    role: Role | None = None
    search: str | None = None  # part of the display name or email
    active: bool | None = None


def list_users(
    *,
    uow: UnitOfWork,
    principal: PrincipalLike,
    page: PageRequest,
    org_id: str | None = None,
    filters: UserFilters = UserFilters(),
) -> Page[User]:
    """Admins list their own organisation's accounts (a district admin: the district's and
    its schools'). A district leader reads the same list as their district admin: the
    walkthroughs they read name observers and principals by account id."""
    with uow:
        actor = load_actor(uow, principal)
        require(actor.is_(*ADMINS, Role.DISTRICT_LEADER), "only admins list accounts")
        if actor.is_(Role.DISTRICT_ADMIN, Role.DISTRICT_LEADER):
            org_ids = [org_id] if org_id else None
            return _users_page(uow, page, filters, org_ids=org_ids, district_id=actor.org_id)
        if org_id not in (None, actor.org_id):
            return Page([], 0, page.limit, page.offset)
        return _users_page(uow, page, filters, org_ids=[actor.org_id])


def _users_page(
    uow: UnitOfWork,
    page: PageRequest,
    filters: UserFilters,
    *,
    org_ids: list[str] | None,
    district_id: str | None = None,
) -> Page[User]:
    return uow.users.page(
        page,
        org_ids=org_ids,
        district_id=district_id,
        roles=[filters.role] if filters.role else None,
        search=filters.search,
        active=filters.active,
    )


def get_user(*, uow: UnitOfWork, principal: PrincipalLike, user_id: str) -> User:
    with uow:
        actor = load_actor(uow, principal)
        return _managed(uow, actor, user_id, allow_self=True)


def update_user(
    *,
    uow: UnitOfWork,
    principal: PrincipalLike,
    passwords: Passwords,
    clock: Clock,
    user_id: str,
    display_name: str | None = None,
    active: bool | None = None,
    password: str | None = None,
    role: Role | None = None,
) -> User:
    """A role changes within the organisation's tier, to a role the admin manages there."""
    new_hash = passwords.hash(password) if password is not None else None
    with uow:
        actor = load_actor(uow, principal)
        before = _managed(uow, actor, user_id, allow_self=False)
        if active is False and before.id == actor.user_id:
            raise Invalid("you cannot deactivate yourself", field="active")
        if role is not None and role != before.role:
            _check_role_change(uow, actor, before, role)
        user = replace(
            before,
            display_name=display_name if display_name is not None else before.display_name,
            active=active if active is not None else before.active,
            role=role if role is not None else before.role,
            updated_at=clock(),
        )
        uow.users.save(user)
        if new_hash is not None:
            uow.users.set_password_hash(user.id, new_hash)
        _follow_role(uow, before, user, clock)
        # The cutoff is read once the row is written (and locked): a sign-in that read the old
        # row issued its token before this instant.
        revoked_at = clock()
        for reason in revocation_reasons(before, user):
            revoke_access(uow, user, reason, revoked_at)
        uow.commit()
    return user


def _check_role_change(uow: UnitOfWork, actor: Actor, user: User, role: Role) -> None:
    if user.id == actor.user_id:
        raise Invalid("you cannot change your own role", field="role")
    place = place_of_org(uow, user.org_id)
    assert place is not None, "an account's organisation exists"
    check_role_change(user, role, place)
    require(
        can_manage_user(actor, place, role),
        f"your role may not make an account a {role} in this organisation",
        rule="admins give the roles they manage in their own organisation only",
    )


def _follow_role(uow: UnitOfWork, before: User, after: User, clock: Clock) -> None:
    """An observer's (or region coach's) school assignments come and go with the role."""
    if before.role == after.role:
        return
    if before.role in ASSIGNABLE_OBSERVERS:
        for assignment in uow.observers.of_user(after.id):
            uow.observers.remove(after.id, assignment.school_id)
            uow.announce(*observer_event("unassigned", assignment))
    if after.role == Role.OBSERVER and uow.observers.get(after.id, after.org_id) is None:
        _assign_home_school(uow, after, clock)


def revoke_access(uow: UnitOfWork, user: User, reason: RevocationReason, at: datetime) -> None:
    """End the user's tokens issued before `at`: here at once, elsewhere when they read it."""
    uow.revocations.revoke_subject(user.id, valid_after=at, reason=reason)
    uow.announce(*access_revoked_event(user, reason, at))


def _managed(uow: UnitOfWork, actor: Actor, user_id: str, *, allow_self: bool) -> User:
    user = uow.users.get(user_id)
    if user is not None and allow_self and user.id == actor.user_id:
        return user
    place = place_of_org(uow, user.org_id) if user else None
    if user is None or place is None or not can_manage_user(actor, place, user.role):
        raise Missing("no user with this id is visible to you")
    return user


def me(*, uow: UnitOfWork, principal: PrincipalLike) -> User:
    with uow:
        actor = load_actor(uow, principal)
        user = uow.users.get(actor.user_id)
        assert user is not None
        return user


def observer_schools(
    *, uow: UnitOfWork, principal: PrincipalLike, user_id: str
) -> Page[ObserverAssignment]:
    """Every school of an observer (few: no paging). Other roles have none."""
    with uow:
        actor = load_actor(uow, principal)
        user = _managed(uow, actor, user_id, allow_self=True)
        found = uow.observers.of_user(user.id) if user.role == Role.OBSERVER else []
        return Page(found, len(found), max(len(found), 1), 0)


def list_observers(
    *, uow: UnitOfWork, principal: PrincipalLike, school_id: str, page: PageRequest
) -> Page[ObserverAssignment]:
    with uow:
        actor = load_actor(uow, principal)
        _, place = visible_school(uow, actor, school_id)
        require(can_view_observers(actor, place), "district staff and the principal see observers")
        return uow.observers.at_school(school_id, page)


def assign_observer(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, school_id: str, user_id: str
) -> ObserverAssignment:
    """Idempotent: assigning twice changes nothing and announces nothing twice. A region
    coach is assigned by the district admin, to schools of a district of the coach's region."""
    with uow:
        actor = load_actor(uow, principal)
        school, place = visible_school(uow, actor, school_id)
        require(can_assign_observers(actor, place), "the district admin or principal assigns")
        observer = uow.users.get(user_id)
        if observer is None or observer.role not in ASSIGNABLE_OBSERVERS:
            raise Invalid(
                "no observer or region coach with this id",
                field="user_id",
                rule="an observer or a region coach",
            )
        if observer.role == Role.REGION_COACH:
            district = uow.orgs.district(school.district_id)
            assert district is not None, "a school always has its district"
            check_coach_assignment(actor, observer, district)
        elif observer.district_id != school.district_id:
            raise Invalid(
                "observers work within their own district",
                field="user_id",
                rule="an observer of this school's district",
            )
        existing = uow.observers.get(user_id, school_id)
        if existing is not None:
            return existing
        assignment = ObserverAssignment(
            user_id, school_id, school.district_id, actor.user_id, clock()
        )
        uow.observers.add(assignment)
        uow.announce(*observer_event("assigned", assignment))
        uow.commit()
    return assignment


def unassign_observer(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, school_id: str, user_id: str
) -> None:
    """The observer's earlier tokens end with the school (intake stops their submissions there
    as soon as it reads the change; their next sign-in carries on elsewhere)."""
    with uow:
        actor = load_actor(uow, principal)
        _, place = visible_school(uow, actor, school_id)
        require(can_assign_observers(actor, place), "the district admin or principal unassigns")
        existing = uow.observers.get(user_id, school_id)
        if existing is None:
            return
        observer = uow.users.get(user_id)
        if observer is not None and observer.role == Role.REGION_COACH:
            check_may_change_coach(actor)
        if observer is not None and observer.org_id == school_id:
            raise Invalid(
                "an observer always works at their own school; move or deactivate the account",
                field="user_id",
                rule="not the observer's own school",
            )
        uow.observers.remove(user_id, school_id)
        uow.announce(*observer_event("unassigned", existing))
        if observer is not None:
            revoke_access(uow, observer, "schools_changed", clock())
        uow.commit()
