"""Rows to domain objects and back, and pages of rows: columns are named like the fields."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from canopy_tenancy.adapters.db import Base
from canopy_tenancy.domain.pages import Page, PageRequest

E = TypeVar("E")
M = TypeVar("M", bound=Base)


def to_entity(cls: type[E], model: Base, **overrides: Any) -> E:
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    return cls(**{name: overrides.get(name, getattr(model, name, None)) for name in names})


def write(session: Session, model_cls: type[M], entity: Any, **extra: Any) -> None:
    """Insert or update the row with the entity's primary key (columns named like fields)."""
    columns = model_cls.__table__.columns.keys()
    values = {f.name: getattr(entity, f.name) for f in dataclasses.fields(entity)}
    session.merge(model_cls(**{k: v for k, v in {**values, **extra}.items() if k in columns}))


def paginate(
    session: Session, stmt: Select[Any], page: PageRequest, convert: Callable[[Any], E]
) -> Page[E]:
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = session.scalars(stmt.limit(page.limit).offset(page.offset)).all()
    return Page([convert(row) for row in rows], total, page.limit, page.offset)
