"""Repositories over the anonymizer's tables: pseudonym keys and counters. Each call is its own
transaction (no use case here spans two writes)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from canopy_anonymizer.adapters.db import counters, pseudonym_keys
from canopy_anonymizer.domain.keys import KeyMetadata, StoredKey


class SqlKeyStore:
    """`KeyStore` on the service database; each call is its own transaction."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def find(self, district_id: str, school_year: str) -> StoredKey | None:
        t = pseudonym_keys
        query = select(t).where(t.c.district_id == district_id, t.c.school_year == school_year)
        with self._sessions() as session:
            row = session.execute(query).first()
        if row is None:
            return None
        return StoredKey(
            district_id=row.district_id,
            school_year=row.school_year,
            material=row.key_material,
            wrapped_by=row.wrapped_by,
            fingerprint=row.fingerprint,
            created_at=row.created_at,
        )

    def add(self, key: StoredKey) -> bool:
        # Insert-or-lose: the primary key lets exactly one concurrent replica win.
        try:
            with self._sessions.begin() as session:
                session.execute(
                    insert(pseudonym_keys).values(
                        district_id=key.district_id,
                        school_year=key.school_year,
                        key_material=key.material,
                        wrapped_by=key.wrapped_by,
                        fingerprint=key.fingerprint,
                        created_at=key.created_at,
                    )
                )
        except IntegrityError:
            return False
        return True

    def metadata(self, district_id: str | None = None) -> list[KeyMetadata]:
        t = pseudonym_keys
        # Named columns only: key material is never even read for a listing.
        query = select(
            t.c.district_id, t.c.school_year, t.c.fingerprint, t.c.wrapped_by, t.c.created_at
        ).order_by(t.c.district_id, t.c.school_year)
        if district_id is not None:
            query = query.where(t.c.district_id == district_id)
        with self._sessions() as session:
            rows = session.execute(query).all()
        return [
            KeyMetadata(
                district_id=r.district_id,
                school_year=r.school_year,
                fingerprint=r.fingerprint,
                encrypted_at_rest=r.wrapped_by is not None,
                created_at=r.created_at,
            )
            for r in rows
        ]

    def count(self) -> int:
        with self._sessions() as session:
            return session.execute(select(func.count()).select_from(pseudonym_keys)).scalar_one()


class SqlCounters:
    """Totals across every consumer replica (`UPDATE value = value + n` is atomic)."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add(self, deltas: Mapping[str, int]) -> None:
        with self._sessions.begin() as session:
            for name, delta in deltas.items():
                session.execute(
                    update(counters)
                    .where(counters.c.name == name)
                    .values(value=counters.c.value + delta)
                )

    def read(self) -> dict[str, int]:
        with self._sessions() as session:
            rows = session.execute(select(counters.c.name, counters.c.value)).all()
        return {name: int(value) for name, value in rows}
