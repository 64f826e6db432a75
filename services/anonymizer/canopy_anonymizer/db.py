"""Anonymizer's tables and the repositories over them.

The migrations under `migrations/versions/` create these tables by hand; this module states the
shape the code expects (a test checks a migrated database against it).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    LargeBinary,
    MetaData,
    String,
    Table,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from canopy_anonymizer.keyring import KeyMetadata, StoredKey
from canopy_shared.messaging.idempotency import define_processed_events_table

metadata = MetaData()
processed_events = define_processed_events_table(metadata)  # from 0001; unused: output is
# deterministic, so a redelivery simply publishes the identical message again.

pseudonym_keys = Table(
    "pseudonym_keys",
    metadata,
    Column("district_id", String(36), primary_key=True),
    Column("school_year", String(9), primary_key=True),
    Column("key_material", LargeBinary, nullable=False),  # the key, AES-GCM wrapped if a KEK
    Column("wrapped_by", String(16), nullable=True),  # id of that KEK; NULL: stored plain
    Column("fingerprint", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

counters = Table(
    "counters",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("value", BigInteger, nullable=False),
)


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
