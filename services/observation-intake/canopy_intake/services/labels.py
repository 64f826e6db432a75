"""Walkthroughs as their readers see them: ids with the names this service knows — school,
district, template, indicator texts and level labels. People's names live only in tenancy;
clients show them from its roster by teacher and observer id."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from canopy_intake.adapters.db import Acknowledgement, TemplateVersion, Walkthrough
from canopy_intake.adapters.unit_of_work import UnitOfWork


class Labels:
    """Looks names up once per request (a page of walkthroughs shares schools and versions)."""

    def __init__(
        self,
        uow: UnitOfWork,
        *,
        names: dict[str, str | None] | None = None,
        versions: dict[str, TemplateVersion | None] | None = None,
    ) -> None:
        """`names` (school and district ids) and `versions` already known, when a caller
        has loaded them."""
        self._uow = uow
        self._names: dict[str, str | None] = names or {}
        self._versions: dict[str, TemplateVersion | None] = versions or {}
        self._indicators: dict[str, dict[str, dict[str, Any]]] = {}
        self._acknowledgements: dict[str, Acknowledgement | None] = {}

    def preload_acknowledgements(self, observation_ids: Collection[str]) -> None:
        """One query for a page of walkthroughs instead of one each."""
        found = self._uow.acknowledgements.of(observation_ids)
        self._acknowledgements |= {i: found.get(i) for i in observation_ids}

    def walkthrough(self, row: Walkthrough, *, new: bool = False) -> dict[str, Any]:
        """`new`: stored by this request, so nobody has acknowledged it yet (no lookup)."""
        if new:
            self._acknowledgements[row.observation_id] = None
        version = self._version(row.template_version_id)
        indicators = self._indicators_of(row.template_version_id, version)
        return {
            "observation_id": row.observation_id,
            "region_id": row.region_id,
            "district_id": row.district_id,
            "district_name": self._district_name(row.district_id),
            "school_id": row.school_id,
            "school_name": self._school_name(row.school_id),
            "teacher_id": row.teacher_id,
            "observer_id": row.observer_id,
            "template_id": row.template_id,
            "template_title": version.title if version else None,
            "template_version_id": row.template_version_id,
            "version_number": version.version_number if version else None,
            "observed_at": row.observed_at,
            "observed_on": row.observed_on,
            "duration_minutes": row.duration_minutes,
            "subject": row.subject,
            "grade_level": row.grade_level,
            "ratings": [_rating(r, indicators) for r in row.ratings],
            "notes": row.notes,
            "shared_with_teacher": row.shared_with_teacher,
            "submitted_at": row.submitted_at,
            "acknowledgement": self._acknowledgement(row.observation_id),
        }

    def _acknowledgement(self, observation_id: str) -> dict[str, Any] | None:
        if observation_id not in self._acknowledgements:
            self._acknowledgements[observation_id] = self._uow.acknowledgements.get(observation_id)
        found = self._acknowledgements[observation_id]
        return None if found is None else acknowledgement_view(found)

    def _school_name(self, school_id: str) -> str | None:
        if school_id not in self._names:
            school = self._uow.orgs.school(school_id)
            self._names[school_id] = school.name if school else None
        return self._names[school_id]

    def _district_name(self, district_id: str) -> str | None:
        if district_id not in self._names:
            district = self._uow.orgs.district(district_id)
            self._names[district_id] = district.name if district else None
        return self._names[district_id]

    def _indicators_of(
        self, version_id: str, version: TemplateVersion | None
    ) -> dict[str, dict[str, Any]]:
        if version_id not in self._indicators:
            self._indicators[version_id] = _indicators(version)
        return self._indicators[version_id]

    def _version(self, version_id: str) -> TemplateVersion | None:
        if version_id not in self._versions:
            self._versions[version_id] = self._uow.templates.version(version_id)
        return self._versions[version_id]


def acknowledgement_view(acknowledgement: Acknowledgement) -> dict[str, Any]:
    return {
        "observation_id": acknowledgement.observation_id,
        "reply": acknowledgement.reply,
        "acknowledged_at": acknowledgement.acknowledged_at,
    }


def _indicators(version: TemplateVersion | None) -> dict[str, dict[str, Any]]:
    if version is None:
        return {}
    return {i["key"]: i for s in version.sections for i in s["indicators"]}


def _rating(rating: dict[str, Any], indicators: dict[str, dict[str, Any]]) -> dict[str, Any]:
    indicator = indicators.get(rating["indicator_key"], {})
    levels = (indicator.get("scale") or {}).get("levels") or []
    label = next((lv["label"] for lv in levels if lv["value"] == rating["value"]), None)
    return {
        "indicator_key": rating["indicator_key"],
        "value": rating["value"],
        "indicator_text": indicator.get("text"),
        "label": label,
    }
