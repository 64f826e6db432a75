"""Accounts and observer assignments: /v1/users, /v1/schools/{id}/observers."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from canopy_shared.contracts.vocabulary import ALL_ROLES, DISTRICT_ROLES, Role
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
from canopy_tenancy.schemas.users import (
    CreatedUserOut,
    ObserverOut,
    ObserverPageOut,
    UserIn,
    UserListArgs,
    UserOut,
    UserPageOut,
    UserPatchIn,
)
from canopy_tenancy.services import users

blp = Blueprint(
    "users",
    __name__,
    url_prefix="/v1",
    description="Accounts, each with one role bound to one organisation. Admins manage "
    "accounts of their own organisation only (a district admin also its schools'; a "
    "principal the school's observers).",
)
ADMINS = (Role.REGION_ADMIN, Role.DISTRICT_ADMIN, Role.SCHOOL_ADMIN)


@blp.route("/users")
class Users(MethodView):
    @require_roles(*ADMINS, Role.DISTRICT_LEADER)
    @blp.arguments(UserListArgs, location="query")
    @blp.response(200, UserPageOut)
    def get(self, args: dict[str, Any]) -> Any:
        page = page_request(args)
        org_id = str(args["org_id"]) if "org_id" in args else None
        found = users.list_users(
            uow=uow(),
            principal=principal(),
            page=page,
            org_id=org_id,
            filters=users.UserFilters(
                role=args.get("role"), search=args.get("search"), active=args.get("active")
            ),
        )
        return page_body(found)

    @require_roles(*ADMINS)
    @blp.arguments(UserIn)
    @blp.response(201, CreatedUserOut)
    def post(self, body: dict[str, Any]) -> Any:
        """Create an account. Without `password`, one is generated and returned once."""
        teacher_id = body.get("teacher_id")
        account = users.NewAccount(
            email=body["email"],
            display_name=body["display_name"],
            role=body["role"],
            org_id=str(body["org_id"]),
            password=body.get("password"),
            teacher_id=str(teacher_id) if teacher_id else None,
        )
        return users.create_user(
            uow=uow(),
            principal=principal(),
            passwords=dependencies().passwords,
            clock=dependencies().clock,
            account=account,
        )


@blp.route("/users/<uuid:user_id>")
class UserItem(MethodView):
    @require_roles(*ALL_ROLES)
    @blp.response(200, UserOut)
    def get(self, user_id: Any) -> Any:
        """An account you manage, or your own."""
        return users.get_user(uow=uow(), principal=principal(), user_id=str(user_id))

    @require_roles(*ADMINS)
    @blp.arguments(UserPatchIn)
    @blp.response(200, UserOut)
    def patch(self, body: dict[str, Any], user_id: Any) -> Any:
        """Rename, (de)activate, change the role of or set a new password for an account.

        A role stays within the organisation's tier (a district admin gives district roles at
        the district and school roles at its schools; a region admin region roles); no account
        becomes or stops being a teacher this way. Deactivating or changing the role ends every
        token issued before, in every service (401 `token_revoked`): the account signs in again.
        """
        return users.update_user(
            uow=uow(),
            principal=principal(),
            passwords=dependencies().passwords,
            clock=dependencies().clock,
            user_id=str(user_id),
            **body,
        )


@blp.route("/users/<uuid:user_id>/schools")
class ObserverSchools(MethodView):
    @require_roles(*ALL_ROLES)
    @blp.response(200, ObserverPageOut)
    def get(self, user_id: Any) -> Any:
        """The schools an observer may run walkthroughs at (their own and those assigned),
        for the admins who manage the account and the observer themself."""
        found = users.observer_schools(uow=uow(), principal=principal(), user_id=str(user_id))
        return page_body(found)


@blp.route("/schools/<uuid:school_id>/observers")
class Observers(MethodView):
    @require_roles(*DISTRICT_ROLES, Role.SCHOOL_ADMIN)
    @blp.arguments(PageArgs, location="query")
    @blp.response(200, ObserverPageOut)
    def get(self, args: dict[str, Any], school_id: Any) -> Any:
        """Observers who may run walkthroughs at this school."""
        found = users.list_observers(
            uow=uow(), principal=principal(), school_id=str(school_id), page=page_request(args)
        )
        return page_body(found)


@blp.route("/schools/<uuid:school_id>/observers/<uuid:user_id>")
class ObserverItem(MethodView):
    @require_roles(Role.DISTRICT_ADMIN, Role.SCHOOL_ADMIN)
    @blp.response(200, ObserverOut)
    def put(self, school_id: Any, user_id: Any) -> Any:
        """Let an observer of the district, or a region coach of the region the district is
        connected to (district admin only), observe at this school (idempotent)."""
        return users.assign_observer(
            uow=uow(),
            principal=principal(),
            clock=dependencies().clock,
            school_id=str(school_id),
            user_id=str(user_id),
        )

    @require_roles(Role.DISTRICT_ADMIN, Role.SCHOOL_ADMIN)
    @blp.response(204)
    def delete(self, school_id: Any, user_id: Any) -> None:
        """Take the school from the observer or region coach (a coach: district admin only);
        their earlier tokens end (they sign in again) and intake refuses their walkthroughs
        there as soon as it reads the change."""
        users.unassign_observer(
            uow=uow(),
            principal=principal(),
            clock=dependencies().clock,
            school_id=str(school_id),
            user_id=str(user_id),
        )
