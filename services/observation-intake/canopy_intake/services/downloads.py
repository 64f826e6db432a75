"""The district's own walkthroughs in full, as rows a spreadsheet opens: one row per rating,
with the walkthrough's place, people, template and notes repeated on each, oldest visit first.

People's names live in tenancy: the caller sends the names they may read there (`names`, by
id) and they are written beside the ids, never stored here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from canopy_intake.adapters.repositories import Filters
from canopy_intake.adapters.unit_of_work import UnitOfWork
from canopy_intake.domain.actors import Actor
from canopy_intake.domain.scope import check_school_in_scope, read_scope
from canopy_intake.services.labels import Labels

COLUMNS = (
    "observation_id",
    "observed_on",
    "observed_at",
    "district",
    "school_id",
    "school",
    "teacher_id",
    "teacher",
    "observer_id",
    "observer",
    "template_id",
    "template",
    "template_version",
    "subject",
    "grade_level",
    "duration_minutes",
    "shared_with_teacher",
    "submitted_at",
    "overall_note",
    "indicator_key",
    "indicator",
    "rating",
    "rating_label",
    "indicator_note",
)


def check_may_download(*, actor: Actor, filters: Filters) -> None:
    """Refusals before the first byte: a streamed answer cannot turn into an error later."""
    read_scope(actor)
    check_school_in_scope(actor, filters.school_id)


def download_rows(
    *, uow: UnitOfWork, actor: Actor, filters: Filters, names: dict[str, str]
) -> Iterator[dict[str, Any]]:
    scope = read_scope(actor)
    with uow:
        labels = Labels(uow)
        for row in uow.walkthroughs.each(scope, filters):
            yield from _rows(labels.walkthrough(row), names)


def _rows(view: dict[str, Any], names: dict[str, str]) -> Iterator[dict[str, Any]]:
    notes = view["notes"] or {}
    by_indicator = notes.get("by_indicator") or {}
    common = {
        "observation_id": view["observation_id"],
        "observed_on": view["observed_on"].isoformat(),
        "observed_at": view["observed_at"],
        "district": view["district_name"],
        "school_id": view["school_id"],
        "school": view["school_name"],
        "teacher_id": view["teacher_id"],
        "teacher": names.get(view["teacher_id"]),
        "observer_id": view["observer_id"],
        "observer": names.get(view["observer_id"]),
        "template_id": view["template_id"],
        "template": view["template_title"],
        "template_version": view["version_number"],
        "subject": view["subject"],
        "grade_level": view["grade_level"],
        "duration_minutes": view["duration_minutes"],
        "shared_with_teacher": view["shared_with_teacher"],
        "submitted_at": view["submitted_at"].isoformat(),
        "overall_note": notes.get("overall"),
    }
    for rating in view["ratings"]:
        yield {
            **common,
            "indicator_key": rating["indicator_key"],
            "indicator": rating["indicator_text"],
            "rating": rating["value"],
            "rating_label": rating["label"],
            "indicator_note": by_indicator.get(rating["indicator_key"]),
        }
