"""A teacher acknowledges a walkthrough shared with them, once, with an optional reply; the
observer, the school and the district then see it on the walkthrough (`labels`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from canopy_intake.adapters.db import Acknowledgement
from canopy_intake.adapters.unit_of_work import UnitOfWork
from canopy_intake.domain.acknowledgements import (
    already_acknowledged,
    check_may_acknowledge,
    reply_text,
)
from canopy_intake.domain.actors import Actor
from canopy_intake.services.common import now
from canopy_intake.services.labels import acknowledgement_view
from canopy_intake.services.walkthroughs import readable


def acknowledge(
    *,
    uow: UnitOfWork,
    actor: Actor,
    observation_id: str,
    reply: str | None,
    clock: Callable[[], datetime] = now,
) -> dict[str, Any]:
    """A walkthrough not shared with the caller is Missing (404); a second answer, even one
    racing the first, is Conflicting (409) and names the day of the first."""
    with uow:
        walkthrough = readable(uow, actor, observation_id)
        check_may_acknowledge(actor, teacher_id=walkthrough.teacher_id)
        if (earlier := uow.acknowledgements.get(observation_id)) is not None:
            raise already_acknowledged(observation_id, earlier.acknowledged_at)
        acknowledgement = Acknowledgement(
            observation_id=observation_id,
            teacher_id=walkthrough.teacher_id,
            acknowledged_by=actor.subject,
            reply=reply_text(reply),
            acknowledged_at=clock(),
        )
        try:
            uow.acknowledgements.add(acknowledgement)
        except IntegrityError:
            raise already_acknowledged(observation_id, clock()) from None
        view = acknowledgement_view(acknowledgement)
        uow.commit()
    return view
