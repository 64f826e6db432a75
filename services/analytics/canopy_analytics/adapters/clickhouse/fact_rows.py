"""An anonymized walkthrough as fact rows: one observation row and one row per rating.

A pure function of the message, so replaying a message always yields the same rows; the sink's
de-duplication by `observation_key` then makes a replay change nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from canopy_analytics.adapters.clickhouse.rows import OBSERVATION_FACTS, RATING_FACTS, Row


def fact_rows(envelope: dict[str, Any]) -> list[Row]:
    payload = envelope["payload"]
    common = {
        "observation_key": payload["observation_key"],
        "region_id": payload["region_id"] or "",  # '' = a standalone district
        "district_id": payload["district_id"],
        "school_id": payload["school_id"],
        "teacher_pseudonym": payload["teacher_pseudonym"],
        "school_year": payload["school_year"],
        "template_id": payload["template_id"],
        "template_version_id": payload["template_version_id"],
        "subject": payload["subject"],
        "grade_band": payload["grade_band"],
        "observed_on": date.fromisoformat(payload["observed_on"]),
    }
    ratings = payload["ratings"]
    observation = Row(
        OBSERVATION_FACTS,
        {
            **common,
            "duration_minutes": payload["duration_minutes"],
            "rating_count": len(ratings),
        },
    )
    return [
        observation,
        *(
            Row(RATING_FACTS, {**common, "indicator_key": r["indicator_key"], "value": r["value"]})
            for r in ratings
        ),
    ]
