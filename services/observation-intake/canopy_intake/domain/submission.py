"""Walkthrough rules that need no database: when it happened, and what "the same walkthrough"
means for a retried upload."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from canopy_intake.domain.rubric import Problem

# Device clocks drift; a walkthrough a few minutes "ahead" of the server is still today's.
CLOCK_SKEW = timedelta(minutes=5)

# The client's part of a walkthrough: what an idempotent retry must repeat exactly. Sharing
# with the teacher is left out: it is a setting that may change later, not what was seen.
CONTENT_FIELDS = (
    "observation_id",
    "school_id",
    "teacher_id",
    "template_version_id",
    "observed_at",
    "duration_minutes",
    "subject",
    "grade_level",
    "ratings",
    "notes",
)


def observed_moment(observed_at: str) -> datetime:
    return datetime.fromisoformat(observed_at)


def observed_day(observed_at: str) -> date:
    """The school's local day: the timestamp carries the school's own offset."""
    return observed_moment(observed_at).date()


def future_problem(observed_at: str, now: datetime) -> Problem | None:
    if observed_moment(observed_at) <= now + CLOCK_SKEW:
        return None
    return Problem(
        "observed_at",
        "not_in_future",
        f"observed_at {observed_at} is in the future; send the time the visit happened",
    )


def fingerprint(content: Mapping[str, Any], observer_id: str) -> str:
    """A digest of the walkthrough as submitted by this observer. Rating order and an absent
    versus empty notes field do not matter; every value does, and so does who sent it."""
    canonical = {name: content.get(name) for name in CONTENT_FIELDS}
    canonical["ratings"] = sorted(
        ({"indicator_key": r["indicator_key"], "value": r["value"]} for r in content["ratings"]),
        key=lambda r: r["indicator_key"],
    )
    canonical["notes"] = normalized_notes(content.get("notes"))
    canonical["observer_id"] = observer_id
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def normalized_notes(notes: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Notes with empty parts dropped; None when nothing is left (so none travel)."""
    if not notes:
        return None
    kept: dict[str, Any] = {}
    if notes.get("overall"):
        kept["overall"] = notes["overall"]
    by_indicator = {k: v for k, v in (notes.get("by_indicator") or {}).items() if v}
    if by_indicator:
        kept["by_indicator"] = by_indicator
    return kept or None
