"""A teacher acknowledges a walkthrough shared with them, once, with a reply if they wish.

Once is the rule: the observer and the school read the answer as the teacher's word on that
visit, so it is never rewritten; a second answer is refused with what was given the first time.
"""

from __future__ import annotations

from datetime import datetime

from canopy_intake.domain.actors import Actor
from canopy_shared.contracts.vocabulary import Role
from canopy_shared.errors import Conflicting, NotAllowed

MAX_REPLY_CHARS = 2000


def check_may_acknowledge(actor: Actor, *, teacher_id: str) -> None:
    """Only the teacher the walkthrough is about (the caller already sees it: it was shared)."""
    if actor.role != Role.TEACHER or actor.teacher_id != teacher_id:
        raise NotAllowed(
            "only the teacher this walkthrough is about acknowledges it",
            field="observation_id",
            rule="the walkthrough's teacher acknowledges",
        )


def reply_text(reply: str | None) -> str | None:
    """The reply as stored: surrounding blanks dropped, nothing left meaning no reply."""
    text = (reply or "").strip()
    return text or None


def already_acknowledged(observation_id: str, at: datetime) -> Conflicting:
    return Conflicting(
        f"walkthrough {observation_id} was already acknowledged on {at.date().isoformat()}; "
        "a walkthrough is acknowledged (or replied to) once",
        field="observation_id",
        rule="acknowledged_once",
    )
