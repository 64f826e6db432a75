"""Re-publishing a period's walkthroughs, e.g. to rebuild everything downstream after the
broker lost its log or a rule changed.

Each walkthrough goes out again as the very message first published — same event id, same
observation id, same content — so the anonymizer yields the same pseudonymous ids and every
idempotent consumer downstream counts it once. Outbox rows still held are put back in line
unchanged; rows no longer held are rebuilt from the stored walkthrough.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from canopy_intake.adapters.unit_of_work import UnitOfWork
from canopy_intake.domain.actors import Actor
from canopy_intake.services.submission import observation_submitted
from canopy_shared.contracts.vocabulary import Role
from canopy_shared.errors import Invalid, NotAllowed


def replay(
    *, uow: UnitOfWork, first: date, last: date, district_id: str | None = None
) -> dict[str, Any]:
    """Queue every walkthrough observed on `first`..`last` (inclusive, school-local days)."""
    if last < first:
        raise Invalid("'to' is before 'from'", field="to", rule="to_not_before_from")
    requeued = rebuilt = 0
    with uow:
        for walkthrough in uow.walkthroughs.observed_between(first, last, district_id):
            if uow.requeue(walkthrough.event_id):
                requeued += 1
            else:
                uow.emit(observation_submitted(walkthrough))
                rebuilt += 1
        uow.commit()
    return {
        "first": first,
        "last": last,
        "district_id": district_id,
        "walkthroughs": requeued + rebuilt,
        "requeued": requeued,
        "rebuilt": rebuilt,
    }


def replay_for(
    *, uow: UnitOfWork, actor: Actor, first: date, last: date, district_id: str | None = None
) -> dict[str, Any]:
    """A district admin replays their own district only."""
    wanted = district_id or actor.org_id
    if actor.role != Role.DISTRICT_ADMIN or wanted != actor.org_id:
        raise NotAllowed(
            "a district admin may replay only their own district's walkthroughs",
            field="district_id",
            rule="own_district",
        )
    return replay(uow=uow, first=first, last=last, district_id=wanted)
