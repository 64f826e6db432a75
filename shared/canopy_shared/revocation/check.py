"""The token verifier's revocation hook, reading the cutoffs from the service's own database
(two primary-key lookups, no call to tenancy), each remembered for `fresh_s` if a service
asks for it.

Why remember them: the lookups were 7-13 % of a walkthrough POST (issue #17), for answers that
change only when tenancy revokes something. The bus delivers a revocation in 0.15-0.55 s
(#14); remembering a cutoff `FRESH_S` (0.4 s) more keeps the refusal of an old token within
~1 s. Tenancy, which writes the cutoffs itself, must not remember them (the default, 0).
"""

from __future__ import annotations

import time
from collections.abc import Callable

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


FRESH_S = 0.4
_CACHE_LIMIT = 50_000  # entries (subjects and districts) before the memory starts afresh


class RevocationList:
    """`canopy_shared.web.auth.RevocationCheck` over a service's revocation tables."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        tables: RevocationTables,
        *,
        fresh_s: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._sessions = sessions
        self._tables = tables
        self._fresh_s = fresh_s
        self._clock = clock
        self._known: dict[tuple[str, str], tuple[float, Cutoff | None]] = {}

    def refusal(self, principal: Principal, issued_at_us: int) -> str | None:
        keys = [("subject", principal.subject)]
        if principal.district_id:
            keys.append(("district", principal.district_id))
        return refusal_reason([self._cutoff(key) for key in keys], issued_at_us)

    def _cutoff(self, key: tuple[str, str]) -> Cutoff | None:
        now = self._clock()
        known = self._known.get(key)
        if known is not None and now - known[0] < self._fresh_s:  # never when fresh_s is 0
            return known[1]
        with self._sessions() as session:
            cutoffs = RevocationRepository(session, self._tables)
            kind, value = key
            lookup = cutoffs.subject_cutoff if kind == "subject" else cutoffs.district_cutoff
            found = lookup(value)
        if len(self._known) >= _CACHE_LIMIT:
            self._known = {}
        self._known[key] = (now, found)
        return found


def refusal_reason(cutoffs: list[Cutoff | None], issued_at_us: int) -> str | None:
    """Why a token issued at `issued_at_us` is no longer honoured, or None when it is."""
    for cutoff in cutoffs:
        if cutoff is not None and issued_at_us < cutoff.valid_after_us:
            why = _WHY.get(cutoff.reason, f"access was revoked ({cutoff.reason})")
            return f"token revoked: {why} after it was issued; sign in again"
    return None
