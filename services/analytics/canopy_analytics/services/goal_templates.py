"""The templates a caller may set a goal on: those with walkthroughs in their scope, each
look-for with the levels a target may name (`domain.templates.level_range`)."""

from __future__ import annotations

from typing import Any

from canopy_analytics.domain.templates import Indicator, level_range
from canopy_analytics.services.reading import ScopedReader


def goal_templates(reader: ScopedReader) -> list[dict[str, Any]]:
    out = []
    for template_id in reader.templates_with_data():
        template = reader.dimensions.template(template_id)
        if template is None:
            continue
        out.append(
            {
                "template_id": template.template_id,
                "title": template.title,
                "look_fors": [_look_for(i) for i in template.indicators],
            }
        )
    return out


def _look_for(indicator: Indicator) -> dict[str, Any]:
    low, high = level_range(indicator)
    labels = dict(indicator.levels)
    return {
        "indicator": indicator.key,
        "text": indicator.text,
        "section": indicator.section,
        "levels": [{"value": v, "label": labels.get(v, str(v))} for v in range(low, high + 1)],
    }
