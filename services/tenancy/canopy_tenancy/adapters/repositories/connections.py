"""Region <-> district connections: every row kept, so the table is the history."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from canopy_tenancy.adapters.db import ConnectionModel
from canopy_tenancy.adapters.repositories.rows import paginate, to_entity, write
from canopy_tenancy.domain.connections import Connection, ConnectionStatus
from canopy_tenancy.domain.pages import Page, PageRequest


class ConnectionRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, connection_id: str) -> Connection | None:
        row = self._s.get(ConnectionModel, connection_id)
        return _connection(row) if row else None

    def save(self, connection: Connection) -> None:
        write(self._s, ConnectionModel, connection, status=str(connection.status))
        self._s.flush()

    def open_invitations(self, district_id: str) -> list[Connection]:
        rows = self._s.scalars(
            select(ConnectionModel).where(
                ConnectionModel.district_id == district_id,
                ConnectionModel.status == ConnectionStatus.INVITED.value,
            )
        )
        return [_connection(row) for row in rows]

    def active_for(self, district_id: str) -> Connection | None:
        row = self._s.scalars(
            select(ConnectionModel).where(
                ConnectionModel.district_id == district_id,
                ConnectionModel.status == ConnectionStatus.ACTIVE.value,
            )
        ).first()
        return _connection(row) if row else None

    def history(
        self,
        page: PageRequest,
        *,
        region_id: str | None = None,
        district_id: str | None = None,
        status: ConnectionStatus | None = None,
    ) -> Page[Connection]:
        stmt = select(ConnectionModel).order_by(
            ConnectionModel.invited_at.desc(), ConnectionModel.id
        )
        if region_id is not None:
            stmt = stmt.where(ConnectionModel.region_id == region_id)
        if district_id is not None:
            stmt = stmt.where(ConnectionModel.district_id == district_id)
        if status is not None:
            stmt = stmt.where(ConnectionModel.status == status.value)
        return paginate(self._s, stmt, page, _connection)


def _connection(row: ConnectionModel) -> Connection:
    return to_entity(Connection, row, status=ConnectionStatus(row.status))
