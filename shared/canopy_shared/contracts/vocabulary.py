"""The words every contract speaks.

Vocabularies are tuples so services can reuse them for HTTP validation, database checks and
ClickHouse enums without importing a topic schema.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

SUBJECTS = (
    "ela",
    "math",
    "science",
    "social_studies",
    "arts",
    "physical_education",
    "world_languages",
    "cte",
    "special_education",
    "other",
)
GRADE_LEVELS = ("PK", "K", *(str(grade) for grade in range(1, 13)))
GRADE_BANDS = ("PK-2", "3-5", "6-8", "9-12")
ORG_TYPES = ("region", "district", "school")
SCALE_KINDS = ("levels", "yes_no", "count")

# Bands, not grades, leave the raw stream: a grade level plus a school can single out a teacher.
_BAND_OF_GRADE = {
    **dict.fromkeys(("PK", "K", "1", "2"), "PK-2"),
    **dict.fromkeys(("3", "4", "5"), "3-5"),
    **dict.fromkeys(("6", "7", "8"), "6-8"),
    **dict.fromkeys(("9", "10", "11", "12"), "9-12"),
}


def grade_band(grade_level: str) -> str:
    """The grade band ("PK-2", "3-5", "6-8", "9-12") a grade level belongs to."""
    try:
        return _BAND_OF_GRADE[grade_level]
    except KeyError:
        known = ", ".join(GRADE_LEVELS)
        raise ValueError(f"unknown grade level {grade_level!r}; expected one of: {known}") from None


class Tier(StrEnum):
    REGION = "region"
    DISTRICT = "district"
    SCHOOL = "school"


class Role(StrEnum):
    """ARCHITECTURE.md §1; the values are the `role` claim of every token, read by every service."""

    REGION_ADMIN = "region_admin"
    REGION_LEADER = "region_leader"
    # An instructional coach employed by the region: a connected district assigns them to
    # observe at chosen schools (and revokes it); what they capture is the district's data.
    REGION_COACH = "region_coach"
    DISTRICT_ADMIN = "district_admin"
    DISTRICT_LEADER = "district_leader"
    SCHOOL_ADMIN = "school_admin"
    OBSERVER = "observer"
    TEACHER = "teacher"

    @property
    def tier(self) -> Tier:
        return ROLE_TIERS[self]


ROLE_TIERS: dict[Role, Tier] = {
    Role.REGION_ADMIN: Tier.REGION,
    Role.REGION_LEADER: Tier.REGION,
    Role.REGION_COACH: Tier.REGION,
    Role.DISTRICT_ADMIN: Tier.DISTRICT,
    Role.DISTRICT_LEADER: Tier.DISTRICT,
    Role.SCHOOL_ADMIN: Tier.SCHOOL,
    Role.OBSERVER: Tier.SCHOOL,
    Role.TEACHER: Tier.SCHOOL,
}
REGION_ROLES = frozenset(role for role, tier in ROLE_TIERS.items() if tier is Tier.REGION)
DISTRICT_ROLES = frozenset(role for role, tier in ROLE_TIERS.items() if tier is Tier.DISTRICT)
SCHOOL_ROLES = frozenset(role for role, tier in ROLE_TIERS.items() if tier is Tier.SCHOOL)
ALL_ROLES = frozenset(Role)
# Who runs walkthroughs at schools they are assigned to (tenancy's observer assignments).
ASSIGNABLE_OBSERVERS = frozenset({Role.OBSERVER, Role.REGION_COACH})

# US school years run July 1 - June 30. The anonymizer rotates pseudonym keys on this date and
# analytics groups months into school years by it: both must read this one constant.
SCHOOL_YEAR_START_MONTH = 7


def school_year_start(day: date) -> int:
    """The calendar year in which the school year containing `day` began."""
    return day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1


def school_year_on(day: date) -> str:
    """ "2026-2027" for any day from 2026-07-01 to 2027-06-30."""
    start = school_year_start(day)
    return f"{start:04d}-{start + 1:04d}"
