"""Connection transitions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from canopy_shared.errors import Conflicting, Invalid
from canopy_tenancy.domain.connections import Connection, ConnectionStatus, check_can_invite
from canopy_tenancy.domain.orgs import District

NOW = datetime(2026, 8, 3, 14, 0, tzinfo=UTC)


def invited() -> Connection:
    return Connection("c", "r1", "d", ConnectionStatus.INVITED, "text", "v1", "ra", NOW)


def test_accepting_records_who_and_when_for_the_invited_version_only() -> None:
    with pytest.raises(Invalid) as refused:
        invited().accept(by="da", at=NOW, agreement_version="v0")
    assert refused.value.field == "agreement_version"
    active = invited().accept(by="da", at=NOW, agreement_version="v1")
    assert (active.status, active.responded_by, active.responded_at) == ("active", "da", NOW)


def test_only_an_active_connection_disconnects_and_only_an_invitation_is_answered() -> None:
    with pytest.raises(Conflicting):
        invited().disconnect(by="da", at=NOW)
    ended = invited().accept(by="da", at=NOW, agreement_version="v1").disconnect(by="ra", at=NOW)
    assert ended.status == ConnectionStatus.ENDED and ended.ended_by == "ra"
    for answer in (ended.decline, ended.withdraw):
        with pytest.raises(Conflicting):
            answer(by="x", at=NOW)


def test_a_district_in_another_region_cannot_be_invited() -> None:
    district = District("d", "D", "r2", NOW, NOW)
    with pytest.raises(Conflicting, match="another region"):
        check_can_invite(district, [], "r1")
    standalone = District("d", "D", None, NOW, NOW)
    with pytest.raises(Conflicting, match="open invitation"):
        check_can_invite(standalone, [invited()], "r1")
    check_can_invite(standalone, [invited()], "r2")
