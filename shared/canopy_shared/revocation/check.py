"""The token verifier's revocation hook, reading the cutoffs from the service's own database:
two primary-key lookups per request, no call to tenancy."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from canopy_shared.revocation.repository import Cutoff, RevocationRepository
from canopy_shared.revocation.tables import RevocationTables
from canopy_shared.web.auth import Principal

# What a refused caller reads (the 401's message), by the reason tenancy gave.
_WHY = {
    "deactivated": "the account was deactivated",
    "role_changed": "the account's role changed",
    "schools_changed": "the account's schools changed",
    "district_disconnected": "the district's region connection changed",
}


class RevocationList:
    """`canopy_shared.web.auth.RevocationCheck` over a service's revocation tables."""

    def __init__(self, sessions: sessionmaker[Session], tables: RevocationTables) -> None:
        self._sessions = sessions
        self._tables = tables

    def refusal(self, principal: Principal, issued_at_us: int) -> str | None:
        with self._sessions() as session:
            cutoffs = RevocationRepository(session, self._tables)
            found = [cutoffs.subject_cutoff(principal.subject)]
            if principal.district_id:
                found.append(cutoffs.district_cutoff(principal.district_id))
        return refusal_reason(found, issued_at_us)


def refusal_reason(cutoffs: list[Cutoff | None], issued_at_us: int) -> str | None:
    """Why a token issued at `issued_at_us` is no longer honoured, or None when it is."""
    for cutoff in cutoffs:
        if cutoff is not None and issued_at_us < cutoff.valid_after_us:
            why = _WHY.get(cutoff.reason, f"access was revoked ({cutoff.reason})")
            return f"token revoked: {why} after it was issued; sign in again"
    return None
