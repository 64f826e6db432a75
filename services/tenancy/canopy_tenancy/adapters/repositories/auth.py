"""Token signing keys and the sign-in failure counters (shared by every gunicorn worker)."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from canopy_tenancy.adapters.db import SignInFailureModel, SigningKeyModel
from canopy_tenancy.adapters.repositories.rows import to_entity, write
from canopy_tenancy.adapters.signing_keys import SigningKey
from canopy_tenancy.domain.auth import FailureRecord


class KeyRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def published(self, now: datetime) -> list[SigningKey]:
        """Keys whose tokens may still be in use, newest (the one that signs) first."""
        rows = self._s.scalars(
            select(SigningKeyModel)
            .where(or_(SigningKeyModel.retire_after.is_(None), SigningKeyModel.retire_after > now))
            .order_by(SigningKeyModel.created_at.desc(), SigningKeyModel.kid.desc())
        )
        return [to_entity(SigningKey, row, public_jwk=json.loads(row.public_jwk)) for row in rows]

    def add(self, key: SigningKey) -> None:
        write(self._s, SigningKeyModel, key, public_jwk=json.dumps(key.public_jwk))
        self._s.flush()

    def retire_others(self, kid: str, *, retire_after: datetime) -> None:
        """Stop publishing every other key once tokens they signed have expired."""
        self._s.execute(
            update(SigningKeyModel)
            .where(SigningKeyModel.kid != kid, SigningKeyModel.retire_after.is_(None))
            .values(retire_after=retire_after)
        )

    def delete_retired(self, now: datetime) -> None:
        self._s.execute(delete(SigningKeyModel).where(SigningKeyModel.retire_after <= now))


class FailureRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, key: str) -> FailureRecord | None:
        """Row-locked on PostgreSQL so concurrent failures from several workers all count."""
        row = self._s.get(SignInFailureModel, key, with_for_update=True)
        return to_entity(FailureRecord, row) if row else None

    def save(self, record: FailureRecord) -> None:
        write(self._s, SignInFailureModel, record)
        self._s.flush()

    def clear(self, key: str) -> None:
        self._s.execute(delete(SignInFailureModel).where(SignInFailureModel.key == key))
