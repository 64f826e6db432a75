"""A semester of believable walkthroughs for a network: observers visit their schools' teachers
on school days; what the ratings say over the term is the network's story (demo/story.py)."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from canopy_shared.contracts.vocabulary import GRADE_LEVELS
from canopy_shared.demo.story import NEUTRAL, Coverage, Story

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
    district: str = ""  # the district's code, for the story's district-specific parts


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
    *,
    story: Story = NEUTRAL,
    coverage: Coverage | None = None,
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(observer token, walkthrough body) pairs: `per_teacher` visits of every observed teacher
    (unless `coverage` says otherwise), rated as the story says."""
    coverage = coverage or Coverage(per_teacher, UNOBSERVED_SHARE)
    for teacher_id in staff.teacher_ids:
        if rng.random() < coverage.unobserved_share:
            continue  # coverage is never complete: some teachers wait for their first visit
        visits = min(coverage.visits_per_teacher, len(days))
        for visit_day in sorted(rng.sample(list(days), visits)):
            progress = (visit_day - days[0]).days / max(1, (days[-1] - days[0]).days)
            yield (
                rng.choice(staff.observer_tokens),
                _body(staff, form, teacher_id, visit_day, story, progress, rng),
            )


def _body(
    staff: SchoolStaff,
    form: FormVersion,
    teacher_id: str,
    day: date,
    story: Story,
    progress: float,
    rng: random.Random,
) -> dict[str, Any]:
    def position(indicator: str) -> float:
        return story.position(
            indicator=indicator, district=staff.district, strength=staff.strength, progress=progress
        )

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
            {"indicator_key": key, "value": _rating(values, position(key), story.noise, rng)}
            for key, values in form.indicators.items()
        ],
        "notes": {"overall": rng.choice(NOTES)},
    }


def _rating(values: Sequence[int], position: float, noise: float, rng: random.Random) -> int:
    noisy = position + rng.gauss(0, noise)
    index = min(len(values) - 1, max(0, round(noisy * (len(values) - 1))))
    return values[index]
