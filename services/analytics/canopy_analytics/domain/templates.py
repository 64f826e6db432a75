"""Walkthrough templates as analytics reads them (the newest version's labels), and the choices
an answer makes about an indicator: which indicators, and the level its share counts from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from canopy_shared.errors import Invalid

ScaleKind = Literal["levels", "yes_no", "count"]


@dataclass(frozen=True)
class Indicator:
    key: str
    text: str
    section: str
    position: int
    scale_kind: str  # a ScaleKind: levels | yes_no | count
    levels: tuple[tuple[int, str], ...]  # (value, label), ascending
    scale_min: int | None
    scale_max: int | None


@dataclass(frozen=True)
class Template:
    template_id: str
    title: str
    indicators: tuple[Indicator, ...]

    def indicator(self, key: str) -> Indicator | None:
        return next((i for i in self.indicators if i.key == key), None)


def indicators_of(template: Template, key: str | None) -> list[Indicator]:
    """Every indicator of the template, or the one `key` names."""
    if key is None:
        return list(template.indicators)
    indicator = template.indicator(key)
    if indicator is None:
        raise Invalid(f"template has no indicator {key!r}", field="indicator")
    return [indicator]


def chosen_level(indicator: Indicator, level: int | None) -> int:
    """The chosen level, else the upper half of the indicator's scale."""
    if level is not None:
        return level
    values = [v for v, _ in indicator.levels]
    if values:
        return values[len(values) // 2]
    low, high = indicator.scale_min or 0, indicator.scale_max or 1
    return (low + high + 1) // 2
