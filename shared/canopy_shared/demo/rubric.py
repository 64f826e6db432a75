"""The region's standard walkthrough rubric in the demo: the body of `POST /v1/templates`."""

from __future__ import annotations

from typing import Any

_FOUR_LEVELS = [
    {"value": 1, "label": "Beginning", "descriptor": "Rarely observed"},
    {
        "value": 2,
        "label": "Developing",
        "descriptor": "Observed for some students or some of the time",
    },
    {
        "value": 3,
        "label": "Proficient",
        "descriptor": "Observed for most students most of the time",
    },
    {"value": 4, "label": "Exemplary", "descriptor": "Observed for all students, student-led"},
]


def _levels(key: str, text: str, *tags: str, required: bool = True) -> dict[str, Any]:
    return {
        "key": key,
        "text": text,
        "required": required,
        "tags": list(tags),
        "scale": {"kind": "levels", "levels": _FOUR_LEVELS},
    }


REGION_RUBRIC: dict[str, Any] = {
    "title": "Regional Instructional Walkthrough",
    "description": "The network's shared look-fors for a 10-20 minute classroom visit.",
    "sections": [
        {
            "key": "engagement",
            "title": "Student engagement",
            "indicators": [
                _levels("engagement.on_task", "Students are on task", "engagement"),
                _levels(
                    "engagement.discourse", "Students explain their thinking to peers", "discourse"
                ),
            ],
        },
        {
            "key": "cfu",
            "title": "Checks for understanding",
            "indicators": [
                _levels("cfu.questions", "Teacher asks higher-order questions", "questioning"),
                _levels("cfu.feedback", "Students get timely, specific feedback", "feedback"),
            ],
        },
        {
            "key": "environment",
            "title": "Learning environment",
            "indicators": [
                _levels(
                    "environment.target", "Learning target is posted and referenced", "clarity"
                ),
            ],
        },
    ],
}


def indicator_values(content: dict[str, Any]) -> dict[str, list[int]]:
    """indicator key -> allowed values, from a published version's content."""
    values: dict[str, list[int]] = {}
    for section in content["sections"]:
        for indicator in section["indicators"]:
            scale = indicator["scale"]
            if scale["kind"] == "levels":
                values[indicator["key"]] = sorted(level["value"] for level in scale["levels"])
            elif scale["kind"] == "yes_no":
                values[indicator["key"]] = [0, 1]
            else:
                values[indicator["key"]] = list(
                    range(scale.get("min") or 0, (scale.get("max") or 10) + 1)
                )
    return values
