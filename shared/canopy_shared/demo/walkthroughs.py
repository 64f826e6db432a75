"""A semester of believable walkthroughs for a network: observers visit their schools' teachers
on school days, ratings drift upward over the term (so trends have a shape) and vary by school."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from canopy_shared.contracts.vocabulary import GRADE_LEVELS

CORE_SUBJECTS = ("ela", "math", "science", "social_studies", "arts")
UNOBSERVED_SHARE = 0.12
CENTRAL = timezone(timedelta(hours=-6))  # the demo network's local time
NOTES = (
    "Clear learning target posted and referenced.",
    "Most students on task; transitions were quick.",
    "Good wait time after questions.",
    "Exit ticket planned for the last five minutes.",
)


@dataclass(frozen=True)
class SchoolStaff:
    school_id: str
    teacher_ids: Sequence[str]
    observer_tokens: Sequence[str]  # observers who may observe at this school
    strength: float  # a school's typical level offset, -1..1


@dataclass(frozen=True)
class FormVersion:
    """What a walkthrough form needs of a template version."""

    version_id: str
    indicators: Mapping[str, Sequence[int]]  # indicator key -> allowed values, ascending


def school_days(first: date, last: date) -> list[date]:
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [d for d in days if d.weekday() < 5]


def walkthroughs(
    staff: SchoolStaff,
    form: FormVersion,
    days: Sequence[date],
    per_teacher: int,
    rng: random.Random,
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(observer token, walkthrough body) pairs: `per_teacher` visits of every teacher."""
    for teacher_id in staff.teacher_ids:
        if rng.random() < UNOBSERVED_SHARE:
            continue  # coverage is never complete: some teachers wait for their first visit
        for visit_day in sorted(rng.sample(list(days), min(per_teacher, len(days)))):
            progress = (visit_day - days[0]).days / max(1, (days[-1] - days[0]).days)
            yield (
                rng.choice(staff.observer_tokens),
                _body(staff, form, teacher_id, visit_day, progress, rng),
            )


def _body(
    staff: SchoolStaff,
    form: FormVersion,
    teacher_id: str,
    day: date,
    progress: float,
    rng: random.Random,
) -> dict[str, Any]:
    observed_at = datetime.combine(
        day, time(8 + rng.randrange(7), rng.choice((0, 15, 30, 45))), CENTRAL
    )
    return {
        "observation_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "school_id": staff.school_id,
        "teacher_id": teacher_id,
        "template_version_id": form.version_id,
        "observed_at": observed_at.isoformat(),
        "duration_minutes": rng.choice((10, 12, 15, 20)),
        "subject": rng.choice(CORE_SUBJECTS),
        "grade_level": rng.choice(GRADE_LEVELS[1:]),
        "ratings": [
            {"indicator_key": key, "value": _rating(values, staff.strength, progress, rng)}
            for key, values in form.indicators.items()
        ],
        "notes": {"overall": rng.choice(NOTES)},
    }


def _rating(values: Sequence[int], strength: float, progress: float, rng: random.Random) -> int:
    # A position on the scale: the school's strength plus growth over the term plus noise.
    position = 0.45 + 0.2 * strength + 0.25 * progress + rng.gauss(0, 0.22)
    index = min(len(values) - 1, max(0, round(position * (len(values) - 1))))
    return values[index]
