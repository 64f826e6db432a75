"""The template read model, kept from `templates.events.v1`: published versions with their
content (to validate ratings), who holds which version now, and retirements.

Events are applied once each (their id is recorded in the same transaction): a redelivered old
assignment must not bring back a holding that a later revocation removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from canopy_intake.adapters.db import Holding, TemplateVersion
from canopy_intake.adapters.unit_of_work import UnitOfWork


def version_published(
    *,
    uow: UnitOfWork,
    event_id: str,
    template_id: str,
    version_id: str,
    version_number: int,
    owner_type: str,
    owner_id: str,
    title: str,
    sections: list[dict[str, Any]],
) -> None:
    with uow:
        # Published versions are immutable: the first copy heard is the copy.
        if uow.first_delivery(event_id) and uow.templates.version(version_id) is None:
            uow.templates.add(
                TemplateVersion(
                    version_id=version_id,
                    template_id=template_id,
                    version_number=version_number,
                    owner_type=owner_type,
                    owner_id=owner_id,
                    title=title,
                    sections=sections,
                    retired_at=None,
                )
            )
        uow.commit()


def assigned(
    *,
    uow: UnitOfWork,
    event_id: str,
    assignment_id: str,
    template_id: str,
    version_id: str,
    receivers: Sequence[dict[str, str]],
) -> None:
    """Receivers now hold `version_id` of the push (replacing any older version of it)."""
    with uow:
        if uow.first_delivery(event_id):
            for receiver in receivers:
                _hold(uow, assignment_id, template_id, version_id, receiver)
        uow.commit()


def assignment_revoked(
    *, uow: UnitOfWork, event_id: str, assignment_id: str, receivers: Sequence[dict[str, str]]
) -> None:
    with uow:
        if uow.first_delivery(event_id):
            uow.templates.release(assignment_id, [r["org_id"] for r in receivers])
        uow.commit()


def retired(*, uow: UnitOfWork, event_id: str, version_id: str, retired_at: str) -> None:
    with uow:
        version = uow.templates.version(version_id)
        if uow.first_delivery(event_id) and version is not None:
            version.retired_at = datetime.fromisoformat(retired_at)
        uow.commit()


def _hold(
    uow: UnitOfWork, assignment_id: str, template_id: str, version_id: str, receiver: dict[str, str]
) -> None:
    holding = uow.templates.holding(assignment_id, receiver["org_id"])
    if holding is None:
        holding = Holding(assignment_id=assignment_id, org_id=receiver["org_id"])
        uow.templates.add(holding)
    holding.org_type, holding.district_id = receiver["org_type"], receiver["district_id"]
    holding.template_id, holding.version_id = template_id, version_id
