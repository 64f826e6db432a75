"""The `observations.raw.v1` message this service announces (via the outbox).

It is built from the stored walkthrough alone, with the walkthrough's own event id, so a replay
re-creates exactly the message first published and downstream counts it once.
"""

from __future__ import annotations

from typing import Any

from canopy_intake import SERVICE_NAME
from canopy_intake.db import Walkthrough
from canopy_shared.contracts import Envelope
from canopy_shared.contracts.observations_raw_v1 import OBSERVATION_SUBMITTED


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
