"""Region <-> district connections: the states a link goes through, the rules between them and
the events that announce a link made or ended."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from canopy_shared.errors import Conflicting, Invalid
from canopy_tenancy.domain.events import Event
from canopy_tenancy.domain.orgs import District


class ConnectionStatus(StrEnum):
    INVITED = "invited"  # the region proposed an agreement; the district has not answered
    ACTIVE = "active"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"  # the region took its invitation back
    ENDED = "ended"  # disconnected by either side


@dataclass(frozen=True)
class Connection:
    """One region <-> district link, from invitation to its end: the history is every row."""

    id: str
    region_id: str
    district_id: str
    status: ConnectionStatus
    agreement_text: str
    agreement_version: str
    invited_by: str
    invited_at: datetime
    responded_by: str | None = None
    responded_at: datetime | None = None
    ended_by: str | None = None
    ended_at: datetime | None = None

    def accept(self, *, by: str, at: datetime, agreement_version: str) -> Connection:
        self._require(ConnectionStatus.INVITED, "accept")
        if agreement_version != self.agreement_version:
            raise Invalid(
                f"the invitation carries agreement version {self.agreement_version}; "
                "read that text and accept that version",
                field="agreement_version",
                rule="must equal the invited version",
            )
        return replace(self, status=ConnectionStatus.ACTIVE, responded_by=by, responded_at=at)

    def decline(self, *, by: str, at: datetime) -> Connection:
        self._require(ConnectionStatus.INVITED, "decline")
        return replace(self, status=ConnectionStatus.DECLINED, responded_by=by, responded_at=at)

    def withdraw(self, *, by: str, at: datetime) -> Connection:
        self._require(ConnectionStatus.INVITED, "withdraw")
        return replace(self, status=ConnectionStatus.WITHDRAWN, ended_by=by, ended_at=at)

    def disconnect(self, *, by: str, at: datetime) -> Connection:
        self._require(ConnectionStatus.ACTIVE, "disconnect")
        return replace(self, status=ConnectionStatus.ENDED, ended_by=by, ended_at=at)

    def _require(self, status: ConnectionStatus, action: str) -> None:
        if self.status != status:
            raise Conflicting(
                f"cannot {action} a connection that is {self.status}",
                field="status",
                rule=f"{action} needs status {status}",
            )


def check_can_invite(district: District, pending: list[Connection], region_id: str) -> None:
    """A district is connected to at most one region; one open invitation per region."""
    if district.region_id == region_id:
        raise Conflicting("this district is already connected to your region", field="district_id")
    if district.region_id is not None:
        raise Conflicting(
            "this district is connected to another region; it must disconnect first",
            field="district_id",
            rule="a district joins at most one region",
        )
    if any(c.region_id == region_id for c in pending):
        raise Conflicting(
            "your region already has an open invitation to this district", field="district_id"
        )


def check_can_connect(district: District) -> None:
    if district.region_id is not None:
        raise Conflicting(
            "this district is already connected to a region; disconnect first",
            rule="a district joins at most one region",
        )


def connected(connection: Connection) -> Event:
    assert connection.responded_at is not None
    return "district.connected", {
        "district_id": connection.district_id,
        "region_id": connection.region_id,
        "agreement_version": connection.agreement_version,
        "connected_at": connection.responded_at.isoformat(),
    }


def disconnected(connection: Connection) -> Event:
    assert connection.ended_at is not None
    return "district.disconnected", {
        "district_id": connection.district_id,
        "region_id": connection.region_id,
        "disconnected_at": connection.ended_at.isoformat(),
    }
