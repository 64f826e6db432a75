"""Region <-> district connections: the region admin invites with a data-sharing agreement,
the district admin accepts that exact text and version (who and when recorded), either side
disconnects. Every row is kept: the list is the connection history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace
from typing import Any

from canopy_shared.contracts.vocabulary import Role, Tier
from canopy_shared.errors import Missing
from canopy_shared.revocation.repository import DISTRICT_DISCONNECTED
from canopy_tenancy.adapters.unit_of_work import UnitOfWork
from canopy_tenancy.domain.access import Actor, can_view_connections, require
from canopy_tenancy.domain.connections import (
    Connection,
    ConnectionStatus,
    check_can_connect,
    check_can_invite,
    connected,
    disconnected,
)
from canopy_tenancy.domain.orgs import Region
from canopy_tenancy.domain.pages import Page, PageRequest
from canopy_tenancy.domain.sharing import REGION_WILL_NOT_SEE, REGION_WILL_SEE
from canopy_tenancy.services.region_coaches import end_coach_assignments
from canopy_tenancy.services.scope import Clock, PrincipalLike, load_actor, new_id


def invite(
    *,
    uow: UnitOfWork,
    principal: PrincipalLike,
    clock: Clock,
    district_id: str,
    agreement_text: str,
    agreement_version: str,
) -> Connection:
    with uow:
        actor = load_actor(uow, principal)
        require(actor.is_(Role.REGION_ADMIN), "only a region admin invites districts")
        # The district is not the region's yet, so it is looked up by the id its admin shared.
        district = uow.orgs.district(district_id)
        if district is None:
            raise Missing("no district with this id", field="district_id")
        check_can_invite(district, uow.connections.open_invitations(district.id), actor.org_id)
        connection = Connection(
            id=new_id(),
            region_id=actor.org_id,
            district_id=district.id,
            status=ConnectionStatus.INVITED,
            agreement_text=agreement_text,
            agreement_version=agreement_version,
            invited_by=actor.user_id,
            invited_at=clock(),
        )
        uow.connections.save(connection)
        uow.commit()
    return connection


def accept(
    *,
    uow: UnitOfWork,
    principal: PrincipalLike,
    clock: Clock,
    connection_id: str,
    agreement_version: str,
) -> Connection:
    """The district joins the region: from now on the region sees its organisations and
    (anonymized, suppressed) trends."""
    with uow:
        actor = load_actor(uow, principal)
        connection = _visible(uow, actor, connection_id)
        require(_is_district_admin_of(actor, connection), "only the district admin accepts")
        district = uow.orgs.district(connection.district_id)
        assert district is not None
        check_can_connect(district)
        now = clock()
        connection = connection.accept(
            by=actor.user_id, at=now, agreement_version=agreement_version
        )
        uow.connections.save(connection)
        uow.orgs.save(replace(district, region_id=connection.region_id, updated_at=now))
        uow.announce(*connected(connection))
        uow.commit()
    return connection


def decline(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, connection_id: str
) -> Connection:
    return _respond(
        uow,
        principal,
        connection_id,
        _is_district_admin_of,
        lambda c, a: c.decline(by=a, at=clock()),
    )


def withdraw(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, connection_id: str
) -> Connection:
    return _respond(
        uow,
        principal,
        connection_id,
        _is_region_admin_of,
        lambda c, a: c.withdraw(by=a, at=clock()),
    )


def _respond(
    uow: UnitOfWork,
    principal: PrincipalLike,
    connection_id: str,
    allowed: Callable[[Actor, Connection], bool],
    change: Callable[[Connection, str], Connection],
) -> Connection:
    with uow:
        actor = load_actor(uow, principal)
        connection = _visible(uow, actor, connection_id)
        require(allowed(actor, connection), "your role may not answer this invitation")
        connection = change(connection, actor.user_id)
        uow.connections.save(connection)
        uow.commit()
    return connection


def disconnect(
    *, uow: UnitOfWork, principal: PrincipalLike, clock: Clock, connection_id: str
) -> Connection:
    """Either side ends the link; the region loses sight of the district at once."""
    with uow:
        actor = load_actor(uow, principal)
        connection = _visible(uow, actor, connection_id)
        require(
            _is_region_admin_of(actor, connection) or _is_district_admin_of(actor, connection),
            "only the region admin or the district admin disconnects",
        )
        now = clock()
        connection = connection.disconnect(by=actor.user_id, at=now)
        district = uow.orgs.district(connection.district_id)
        assert district is not None
        uow.connections.save(connection)
        uow.orgs.save(replace(district, region_id=None, updated_at=now))
        uow.announce(*disconnected(connection))
        # The district's staff hold tokens naming the region: tenancy refuses them from now on
        # (the other services when they read `district.disconnected`).
        uow.revocations.revoke_district(
            connection.district_id, valid_after=now, reason=DISTRICT_DISCONNECTED
        )
        end_coach_assignments(uow, connection.district_id, now)
        uow.commit()
    return connection


def get_connection(*, uow: UnitOfWork, principal: PrincipalLike, connection_id: str) -> Connection:
    with uow:
        return _visible(uow, load_actor(uow, principal), connection_id)


def list_connections(
    *,
    uow: UnitOfWork,
    principal: PrincipalLike,
    page: PageRequest,
    status: ConnectionStatus | None = None,
    district_id: str | None = None,
    region_id: str | None = None,
) -> Page[Connection]:
    """The caller's side of the history: a region's invitations and links, or a district's."""
    with uow:
        actor = load_actor(uow, principal)
        require(not actor.is_(Role.REGION_COACH), "connections are for region and district staff")
        if actor.tier == Tier.REGION and region_id in (None, actor.org_id):
            return uow.connections.history(
                page, region_id=actor.org_id, district_id=district_id, status=status
            )
        if actor.tier == Tier.DISTRICT and district_id in (None, actor.org_id):
            return uow.connections.history(
                page, region_id=region_id, district_id=actor.org_id, status=status
            )
        require(actor.tier != Tier.SCHOOL, "connections are for region and district staff")
        return Page([], 0, page.limit, page.offset)


def _visible(uow: UnitOfWork, actor: Actor, connection_id: str) -> Connection:
    connection = uow.connections.get(connection_id)
    if connection is None or not can_view_connections(
        actor, region_id=connection.region_id, district_id=connection.district_id
    ):
        raise Missing("no connection with this id is visible to you")
    return connection


def _is_district_admin_of(actor: Actor, connection: Connection) -> bool:
    return actor.is_(Role.DISTRICT_ADMIN) and actor.org_id == connection.district_id


def _is_region_admin_of(actor: Actor, connection: Connection) -> bool:
    return actor.is_(Role.REGION_ADMIN) and actor.org_id == connection.region_id


def described(*, uow: UnitOfWork, connections: list[Connection]) -> list[dict[str, Any]]:
    """Connections as shown to people: the region by name (a district admin reads it on an
    invitation, before the link lets them see the region) and what the region will and will
    not see. No district name: a region never learns more of a district than its link shows."""
    with uow:
        return [
            {
                **asdict(c),
                "region_name": _name(uow.orgs.region(c.region_id)),
                "region_will_see": list(REGION_WILL_SEE),
                "region_will_not_see": list(REGION_WILL_NOT_SEE),
            }
            for c in connections
        ]


def _name(org: Region | None) -> str | None:
    return org.name if org else None
