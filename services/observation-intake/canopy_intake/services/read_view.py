"""What validating and labelling some walkthroughs needs from the read models, loaded with one
query per kind of lookup (schools with their districts, observer assignments, roster, template
versions, holdings) whether one walkthrough is submitted or a device's whole batch, and only
for what the process has not looked up since the read models last changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from canopy_intake.adapters.db import TemplateVersion
from canopy_intake.adapters.unit_of_work import UnitOfWork
from canopy_intake.domain.actors import Actor
from canopy_intake.domain.rubric import Indicator, indicators_of
from canopy_intake.services.labels import Labels
from canopy_shared.org_read_model.records import District, School


@dataclass
class ReadView:
    schools: dict[str, tuple[School, District | None]]
    observed: set[str]  # the schools the actor is assigned to observe at
    rostered: set[tuple[str, str]]  # (teacher id, school id)
    versions: dict[str, TemplateVersion]
    held: set[tuple[str, str]]  # (school id, version id)
    _indicators: dict[str, dict[str, Indicator]] = field(default_factory=dict)

    @classmethod
    def load(cls, uow: UnitOfWork, actor: Actor, contents: Sequence[dict[str, Any]]) -> ReadView:
        school_ids = {c["school_id"] for c in contents}
        version_ids = {c["template_version_id"] for c in contents}
        looked = uow.read_models()
        return cls(
            schools=looked.schools_with_districts(school_ids),
            observed=looked.observed_by(actor.subject, school_ids),
            rostered=looked.rostered({(c["teacher_id"], c["school_id"]) for c in contents}),
            versions=looked.versions(version_ids),
            held=looked.held({(c["school_id"], c["template_version_id"]) for c in contents}),
        )

    def indicators(self, version: TemplateVersion) -> dict[str, Indicator]:
        """A version's rubric, flattened once per request."""
        if version.version_id not in self._indicators:
            self._indicators[version.version_id] = indicators_of(version.sections)
        return self._indicators[version.version_id]

    def labels(self, uow: UnitOfWork) -> Labels:
        """Labels that already know these schools, districts and versions."""
        names: dict[str, str | None] = {}
        for school, district in self.schools.values():
            names[school.school_id] = school.name
            names[school.district_id] = district.name if district else None
        return Labels(uow, names=names, versions=dict(self.versions))
