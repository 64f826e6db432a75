"""The tenancy events that move cutoffs, as bus handlers a service adds to its consumer.

`user.access_revoked` ends a user's earlier tokens; `district.disconnected` ends the earlier
tokens of every user of the district and its schools (their `region_id` claim is stale). Each
handler commits its own short transaction; cutoffs only move forward, so a redelivery is
harmless and no event id needs recording.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from canopy_shared.messaging.consumer import ConsumedMessage, Handler
from canopy_shared.revocation.repository import DISTRICT_DISCONNECTED, RevocationRepository
from canopy_shared.revocation.tables import RevocationTables


def build_revocation_handlers(
    sessions: sessionmaker[Session], tables: RevocationTables
) -> dict[str, Handler]:
    def record(change: Callable[[RevocationRepository, ConsumedMessage], None]) -> Handler:
        def handle(message: ConsumedMessage) -> None:
            with sessions() as session:
                change(RevocationRepository(session, tables), message)
                session.commit()

        return handle

    return {
        "user.access_revoked": record(_user_access_revoked),
        "district.disconnected": record(_district_disconnected),
    }


def _user_access_revoked(cutoffs: RevocationRepository, message: ConsumedMessage) -> None:
    payload = message.payload
    cutoffs.revoke_subject(
        payload["user_id"],
        valid_after=datetime.fromisoformat(payload["tokens_valid_after"]),
        reason=payload["reason"],
    )


def _district_disconnected(cutoffs: RevocationRepository, message: ConsumedMessage) -> None:
    payload = message.payload
    cutoffs.revoke_district(
        payload["district_id"],
        valid_after=datetime.fromisoformat(payload["disconnected_at"]),
        reason=DISTRICT_DISCONNECTED,
    )


def merge_handlers(*routes: Mapping[str, Handler]) -> dict[str, Handler]:
    """One handler per event type from several route tables: where two handle the same type
    (the organisation read model and revocation both follow `district.disconnected`), both run,
    in order. Each is idempotent, so a retry after the second failed is harmless."""
    merged: dict[str, list[Handler]] = {}
    for table in routes:
        for event_type, handler in table.items():
            merged.setdefault(event_type, []).append(handler)
    return {event_type: _chain(handlers) for event_type, handlers in merged.items()}


def _chain(handlers: list[Handler]) -> Handler:
    if len(handlers) == 1:
        return handlers[0]

    def handle(message: ConsumedMessage) -> None:
        for handler in handlers:
            handler(message)

    return handle
