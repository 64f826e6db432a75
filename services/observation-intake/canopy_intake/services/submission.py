"""Submitting a walkthrough: validate it against the read models, store it with its
observations.raw.v1 message in one transaction, and answer retries idempotently.

The client's observation id is the primary key, so a retry, or one of two concurrent uploads of
one walkthrough, cannot be stored twice: its insert fails, and it then answers from what was
stored — the same result when the content fingerprint matches, a 409 when it does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from marshmallow import ValidationError
from sqlalchemy.exc import IntegrityError

from canopy_intake import SERVICE_NAME
from canopy_intake.adapters.db import TemplateVersion, Walkthrough
from canopy_intake.adapters.unit_of_work import UnitOfWork
from canopy_intake.domain.actors import Actor
from canopy_intake.domain.rubric import Indicator, Problem, rating_problems
from canopy_intake.domain.scope import check_may_observe
from canopy_intake.domain.submission import (
    fingerprint,
    future_problem,
    normalized_notes,
    observed_day,
)
from canopy_intake.services.common import new_id, now
from canopy_intake.services.labels import Labels
from canopy_intake.services.read_view import ReadView
from canopy_shared.contracts import Envelope
from canopy_shared.contracts.observations_raw_v1 import OBSERVATION_SUBMITTED
from canopy_shared.errors import Conflicting, DomainError, Invalid
from canopy_shared.messaging.outbox import serialized
from canopy_shared.org_read_model.records import District, School


@dataclass(frozen=True)
class Outcome:
    created: bool  # False: an identical earlier upload answered (nothing new stored or sent)
    walkthrough: dict[str, Any]


def submit(
    *,
    uow: UnitOfWork,
    actor: Actor,
    walkthrough: dict[str, Any],
    clock: Callable[[], datetime] = now,
) -> Outcome:
    digest = fingerprint(walkthrough, actor.subject)
    with uow:
        view = ReadView.load(uow, actor, [walkthrough])
        try:
            row = validated(view, actor, walkthrough, clock(), digest)
            message = serialized(uow.topic, observation_submitted(row))
        except (DomainError, ValidationError):
            # A retry answers from what was stored, even if the rules changed since.
            if (stored := uow.walkthroughs.get(walkthrough["observation_id"])) is not None:
                return earlier(uow, stored, digest)
            raise
        try:
            # A retry (or a concurrent upload) of a stored id collides on the primary key
            # here: checking first would cost every new walkthrough a query.
            uow.walkthroughs.add_all([row])
            uow.emit_serialized([message])
            uow.commit()
        except IntegrityError:
            uow.rollback()
            found = uow.walkthroughs.get(row.observation_id)
            if found is None:
                raise
            return earlier(uow, found, digest)
        return Outcome(True, view.labels(uow).walkthrough(row, new=True))


def earlier(
    uow: UnitOfWork, stored: Walkthrough, digest: str, labels: Labels | None = None
) -> Outcome:
    """The answer to a retry of `stored`: the same walkthrough again, or a 409."""
    if stored.content_hash != digest:
        raise Conflicting(
            f"observation {stored.observation_id} was already submitted with different "
            "content; send a new observation_id for a different walkthrough",
            field="observation_id",
            rule="same_content_for_same_id",
        )
    return Outcome(False, (labels or Labels(uow)).walkthrough(stored))


def validated(
    view: ReadView, actor: Actor, content: dict[str, Any], at: datetime, digest: str
) -> Walkthrough:
    """The walkthrough to store, or the first rule it breaks (a DomainError)."""
    school, district = _known_school(view, content["school_id"])
    check_may_observe(
        actor,
        school.school_id,
        assigned=school.school_id in view.observed,
        region_id=district.region_id if district else None,
    )
    _check_teacher(view, content["teacher_id"], school)
    version = _usable_version(view, content, school)
    _check_content(view.indicators(version), content, at)
    return Walkthrough(
        observation_id=content["observation_id"],
        event_id=new_id(),
        content_hash=digest,
        region_id=district.region_id if district else None,
        district_id=school.district_id,
        school_id=school.school_id,
        teacher_id=content["teacher_id"],
        observer_id=actor.subject,
        template_id=version.template_id,
        template_version_id=version.version_id,
        observed_at=content["observed_at"],
        observed_on=observed_day(content["observed_at"]),
        duration_minutes=content["duration_minutes"],
        subject=content["subject"],
        grade_level=content["grade_level"],
        ratings=[dict(r) for r in content["ratings"]],
        notes=normalized_notes(content.get("notes")),
        shared_with_teacher=bool(content.get("shared_with_teacher")),
        submitted_at=at,
    )


def _known_school(view: ReadView, school_id: str) -> tuple[School, District | None]:
    if school_id not in view.schools:
        raise Invalid(
            f"no school {school_id} is known here", field="school_id", rule="known_school"
        )
    return view.schools[school_id]


def _check_teacher(view: ReadView, teacher_id: str, school: School) -> None:
    if (teacher_id, school.school_id) not in view.rostered:
        raise Invalid(
            f"teacher {teacher_id} is not on the roster of school {school.school_id}",
            field="teacher_id",
            rule="teacher_at_school",
        )


def _usable_version(view: ReadView, content: dict[str, Any], school: School) -> TemplateVersion:
    version_id = content["template_version_id"]
    version = view.versions.get(version_id)
    usable = (
        version is not None
        and version.retired_at is None
        and (school.school_id, version_id) in view.held
    )
    if version is None or not usable:
        raise Invalid(
            f"template version {version_id} is not one school {school.school_id} may use now; "
            "use a version from the school's current templates",
            field="template_version_id",
            rule="usable_at_school",
        )
    template_id = content.get("template_id")
    if template_id is not None and template_id != version.template_id:
        raise Invalid(
            f"template version {version_id} belongs to template {version.template_id}",
            field="template_id",
            rule="matches_template_version",
        )
    return version


def _check_content(indicators: dict[str, Indicator], content: dict[str, Any], at: datetime) -> None:
    problems: list[Problem] = []
    if (late := future_problem(content["observed_at"], at)) is not None:
        problems.append(late)
    noted = (content.get("notes") or {}).get("by_indicator") or {}
    problems += rating_problems(indicators, content["ratings"], noted)
    if problems:
        first = problems[0]
        raise Invalid(
            first.message,
            field=first.field,
            rule=first.rule,
            problems=[p.as_dict() for p in problems] if len(problems) > 1 else None,
        )


# --- the observations.raw.v1 message (via the outbox) ---------------------------------------------
# Built from the stored walkthrough alone, with the walkthrough's own event id, so a replay
# re-creates exactly the message first published and downstream counts it once.


def observation_submitted(walkthrough: Walkthrough) -> Envelope:
    return Envelope(
        type=OBSERVATION_SUBMITTED,
        producer=SERVICE_NAME,
        event_id=walkthrough.event_id,
        occurred_at=walkthrough.submitted_at.isoformat(),
        payload=raw_payload(walkthrough),
    )


def raw_payload(walkthrough: Walkthrough) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "observation_id": walkthrough.observation_id,
        "region_id": walkthrough.region_id,
        "district_id": walkthrough.district_id,
        "school_id": walkthrough.school_id,
        "teacher_id": walkthrough.teacher_id,
        "observer_id": walkthrough.observer_id,
        "template_id": walkthrough.template_id,
        "template_version_id": walkthrough.template_version_id,
        "observed_at": walkthrough.observed_at,
        "duration_minutes": walkthrough.duration_minutes,
        "subject": walkthrough.subject,
        "grade_level": walkthrough.grade_level,
        "ratings": [
            {"indicator_key": r["indicator_key"], "value": r["value"]} for r in walkthrough.ratings
        ],
        "submitted_at": walkthrough.submitted_at.isoformat(),
    }
    if walkthrough.notes is not None:  # optional in the contract: absent stays absent
        payload["notes"] = walkthrough.notes
    return payload
