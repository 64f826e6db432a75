"""The words every contract speaks.

Vocabularies are tuples so services can reuse them for HTTP validation, database checks and
ClickHouse enums without importing a topic schema.
"""

from __future__ import annotations

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
