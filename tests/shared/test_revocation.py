"""The shared revocation read model (`canopy_shared.revocation`) through its handlers and the
verifier hook, on a database of its own: what each tenancy event records, cutoffs that only move
forward, and which tokens the hook then refuses (and why)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import MetaData
from sqlalchemy.orm import Session, sessionmaker

from canopy_shared.contracts import TENANCY_EVENTS, Envelope
from canopy_shared.contracts.vocabulary import Role, Tier
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.messaging.consumer import ConsumedMessage, Handler
from canopy_shared.revocation.check import RevocationList
from canopy_shared.revocation.handlers import build_revocation_handlers, merge_handlers
from canopy_shared.revocation.repository import microseconds
from canopy_shared.revocation.tables import define_revocation_tables
from canopy_shared.web.auth import Principal

metadata = MetaData()
TABLES = define_revocation_tables(metadata)
CHANGE = datetime(2026, 9, 14, 9, 30, 0, 123456, tzinfo=UTC)
DISTRICT = str(uuid.uuid4())


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'revocation.db'}")
    metadata.create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


def deliver(handlers: dict[str, Handler], event_type: str, payload: dict[str, object]) -> None:
    envelope = Envelope(type=event_type, payload=payload, producer="tenancy").to_dict()
    loaded = TENANCY_EVENTS.validate(envelope, strict=True)
    handlers[event_type](ConsumedMessage(TENANCY_EVENTS.name, 0, 0, None, loaded))


def revoked(user_id: str, reason: str, at: datetime, district_id: str | None = DISTRICT) -> dict:
    return {
        "user_id": user_id,
        "district_id": district_id,
        "region_id": None if district_id else str(uuid.uuid4()),
        "reason": reason,
        "tokens_valid_after": at.isoformat(),
    }


def principal(subject: str, *, district_id: str | None = DISTRICT) -> Principal:
    tier = Tier.DISTRICT if district_id else Tier.REGION
    role = Role.DISTRICT_LEADER if district_id else Role.REGION_LEADER
    return Principal(subject, role, district_id or str(uuid.uuid4()), tier, district_id, None)


def us(instant: datetime) -> int:
    return microseconds(instant)


def test_a_users_tokens_issued_before_the_revocation_are_refused_with_the_reason(
    sessions: sessionmaker[Session],
) -> None:
    handlers, check = build_revocation_handlers(sessions, TABLES), RevocationList(sessions, TABLES)
    user = str(uuid.uuid4())
    deliver(handlers, "user.access_revoked", revoked(user, "deactivated", CHANGE))
    before = check.refusal(principal(user), us(CHANGE - timedelta(microseconds=1)))
    assert before == "token revoked: the account was deactivated after it was issued; sign in again"
    assert check.refusal(principal(user), us(CHANGE)) is None  # issued after the change
    assert check.refusal(principal(str(uuid.uuid4())), us(CHANGE) - 10**6) is None  # someone else


def test_cutoffs_only_move_forward_so_redelivered_and_older_events_change_nothing(
    sessions: sessionmaker[Session],
) -> None:
    handlers, check = build_revocation_handlers(sessions, TABLES), RevocationList(sessions, TABLES)
    user, later = str(uuid.uuid4()), CHANGE + timedelta(minutes=5)
    deliver(handlers, "user.access_revoked", revoked(user, "role_changed", later))
    deliver(handlers, "user.access_revoked", revoked(user, "deactivated", CHANGE))
    deliver(handlers, "user.access_revoked", revoked(user, "role_changed", later))
    reason = check.refusal(principal(user), us(later) - 1)
    assert reason is not None and "role changed" in reason
    assert check.refusal(principal(user), us(later)) is None


def test_a_disconnection_refuses_earlier_tokens_of_the_districts_users_only(
    sessions: sessionmaker[Session],
) -> None:
    handlers, check = build_revocation_handlers(sessions, TABLES), RevocationList(sessions, TABLES)
    payload = {
        "district_id": DISTRICT,
        "region_id": str(uuid.uuid4()),
        "disconnected_at": CHANGE.isoformat(),
    }
    deliver(handlers, "district.disconnected", payload)
    staff = principal(str(uuid.uuid4()))
    reason = check.refusal(staff, us(CHANGE) - 1)
    assert reason is not None and "region connection changed" in reason
    assert check.refusal(staff, us(CHANGE)) is None
    assert check.refusal(principal(str(uuid.uuid4()), district_id=None), us(CHANGE) - 1) is None


def test_merged_handlers_run_every_route_for_a_shared_event_type() -> None:
    calls: list[str] = []
    first: dict[str, Handler] = {"district.disconnected": lambda m: calls.append("org")}
    second: dict[str, Handler] = {
        "district.disconnected": lambda m: calls.append("revocation"),
        "user.access_revoked": lambda m: calls.append("user"),
    }
    merged = merge_handlers(first, second)
    message = ConsumedMessage("t", 0, 0, None, {"event_id": "e", "payload": {}})
    merged["district.disconnected"](message)
    merged["user.access_revoked"](message)
    assert calls == ["org", "revocation", "user"]
