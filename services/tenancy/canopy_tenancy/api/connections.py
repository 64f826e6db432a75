"""Region <-> district connections and their history: /v1/connections."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from canopy_shared.contracts.vocabulary import DISTRICT_ROLES, REGION_ROLES, Role
from canopy_shared.web.auth import require_roles
from canopy_shared.web.blueprint import Blueprint
from canopy_tenancy.api.http import (
    dependencies,
    page_body,
    page_request,
    principal,
    uow,
)
from canopy_tenancy.domain.connections import Connection
from canopy_tenancy.schemas.connections import (
    AcceptIn,
    ConnectionListArgs,
    ConnectionOut,
    ConnectionPageOut,
    EmptyIn,
    InviteIn,
)
from canopy_tenancy.services import connections

blp = Blueprint(
    "connections",
    __name__,
    url_prefix="/v1/connections",
    description="A region admin invites a district with a data-sharing agreement; the "
    "district admin accepts that text and version (who and when recorded); either side "
    "disconnects. Every connection ever made stays in the history.",
)
# A region coach observes at schools; the region's links with districts are not theirs.
READERS = (*sorted(REGION_ROLES - {Role.REGION_COACH}), *sorted(DISTRICT_ROLES))


def _optional(args: dict[str, Any], name: str) -> str | None:
    return str(args[name]) if name in args else None


@blp.route("")
class Connections(MethodView):
    @require_roles(*READERS)
    @blp.arguments(ConnectionListArgs, location="query")
    @blp.response(200, ConnectionPageOut)
    def get(self, args: dict[str, Any]) -> Any:
        """The caller's connection history, newest first; filter by status or organisation."""
        found = connections.list_connections(
            uow=uow(),
            principal=principal(),
            page=page_request(args),
            status=args.get("status"),
            district_id=_optional(args, "district_id"),
            region_id=_optional(args, "region_id"),
        )
        items = connections.described(uow=uow(), connections=found.items)
        return {**page_body(found), "items": items}

    @require_roles(Role.REGION_ADMIN)
    @blp.arguments(InviteIn)
    @blp.response(201, ConnectionOut)
    def post(self, body: dict[str, Any]) -> Any:
        """Invite a district (by the id its admin shared) under an agreement."""
        return _one(
            connections.invite(
                uow=uow(),
                principal=principal(),
                clock=dependencies().clock,
                district_id=str(body["district_id"]),
                agreement_text=body["agreement_text"],
                agreement_version=body["agreement_version"],
            )
        )


def _one(connection: Connection) -> dict[str, Any]:
    return connections.described(uow=uow(), connections=[connection])[0]


@blp.route("/<uuid:connection_id>")
class ConnectionItem(MethodView):
    @require_roles(*READERS)
    @blp.response(200, ConnectionOut)
    def get(self, connection_id: Any) -> Any:
        return _one(
            connections.get_connection(
                uow=uow(), principal=principal(), connection_id=str(connection_id)
            )
        )


@blp.route("/<uuid:connection_id>/accept")
class Accept(MethodView):
    @require_roles(Role.DISTRICT_ADMIN)
    @blp.arguments(AcceptIn)
    @blp.response(200, ConnectionOut)
    def post(self, body: dict[str, Any], connection_id: Any) -> Any:
        """Accept the agreement: `agreement_version` must be the invited version."""
        return _one(
            connections.accept(
                uow=uow(),
                principal=principal(),
                clock=dependencies().clock,
                connection_id=str(connection_id),
                agreement_version=body["agreement_version"],
            )
        )


def _answer(action: Any, connection_id: Any) -> Any:
    return _one(
        action(
            uow=uow(),
            principal=principal(),
            clock=dependencies().clock,
            connection_id=str(connection_id),
        )
    )


@blp.route("/<uuid:connection_id>/decline")
class Decline(MethodView):
    @require_roles(Role.DISTRICT_ADMIN)
    @blp.arguments(EmptyIn)
    @blp.response(200, ConnectionOut)
    def post(self, _: dict[str, Any], connection_id: Any) -> Any:
        return _answer(connections.decline, connection_id)


@blp.route("/<uuid:connection_id>/withdraw")
class Withdraw(MethodView):
    @require_roles(Role.REGION_ADMIN)
    @blp.arguments(EmptyIn)
    @blp.response(200, ConnectionOut)
    def post(self, _: dict[str, Any], connection_id: Any) -> Any:
        return _answer(connections.withdraw, connection_id)


@blp.route("/<uuid:connection_id>/disconnect")
class Disconnect(MethodView):
    @require_roles(Role.REGION_ADMIN, Role.DISTRICT_ADMIN)
    @blp.arguments(EmptyIn)
    @blp.response(200, ConnectionOut)
    def post(self, _: dict[str, Any], connection_id: Any) -> Any:
        """End an active connection (either side): the region loses sight of the district."""
        return _answer(connections.disconnect, connection_id)
