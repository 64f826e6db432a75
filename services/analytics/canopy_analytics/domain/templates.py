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
    """The chosen level (checked against the indicator's scale), else the upper half of it."""
    if level is not None:
        return checked_level(indicator, level)
    values = [v for v, _ in indicator.levels]
    if values:
        return values[len(values) // 2]
    low, high = _scale(indicator)
    return (low + high + 1) // 2


def level_range(indicator: Indicator) -> tuple[int, int]:
    """The levels a share may count from: above the scale's lowest value (every rating is at or
    above it, so its share is an exact 100 %) up to its highest."""
    low, high = _scale(indicator)
    return low + 1, high


def checked_level(indicator: Indicator, level: int) -> int:
    low, high = level_range(indicator)
    if not low <= level <= high:
        raise Invalid(
            f"level must be between {low} and {high} for indicator {indicator.key!r} "
            f"(its scale runs {low - 1}..{high}; a share from the lowest value is always 100%)",
            field="level",
        )
    return level


def _scale(indicator: Indicator) -> tuple[int, int]:
    values = [v for v, _ in indicator.levels]
    if values:
        return min(values), max(values)
    return indicator.scale_min or 0, indicator.scale_max or 1
