"""A template version's indicators, and whether a walkthrough's ratings and notes fit them.

Ratings name indicators by key alone (keys are unique within a version), so the version's
content is flattened to `{key: Indicator}` and every rule is checked against that.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

ScaleKind = Literal["levels", "yes_no", "count"]  # as SCALE_KINDS in the contracts' vocabulary


@dataclass(frozen=True)
class Problem:
    field: str
    rule: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "rule": self.rule, "message": self.message}


@dataclass(frozen=True)
class Indicator:
    key: str
    required: bool
    kind: ScaleKind
    values: tuple[int, ...]  # the allowed values of a `levels` scale
    minimum: int | None = None
    maximum: int | None = None

    def accepts(self, value: int) -> bool:
        if self.kind == "levels":
            return value in self.values
        if self.kind == "yes_no":
            return value in (0, 1)
        low = self.minimum or 0
        return value >= low and (self.maximum is None or value <= self.maximum)

    def describe_scale(self) -> str:
        if self.kind == "levels":
            return f"one of {list(self.values)}"
        if self.kind == "yes_no":
            return "0 (no) or 1 (yes)"
        top = "" if self.maximum is None else f" to {self.maximum}"
        return f"a count from {self.minimum or 0}{top}"


def indicators_of(sections: Iterable[Mapping[str, Any]]) -> dict[str, Indicator]:
    """The indicators of a published version's `sections` (as on templates.events.v1)."""
    found = {}
    for section in sections:
        for item in section["indicators"]:
            scale = item["scale"]
            found[item["key"]] = Indicator(
                key=item["key"],
                required=bool(item["required"]),
                kind=scale["kind"],
                values=tuple(level["value"] for level in scale.get("levels") or ()),
                minimum=scale.get("min"),
                maximum=scale.get("max"),
            )
    return found


def rating_problems(
    indicators: Mapping[str, Indicator],
    ratings: list[Mapping[str, Any]],
    noted_keys: Iterable[str] = (),
) -> list[Problem]:
    """Every way the ratings (and per-indicator notes) break the version's rubric."""
    problems = []
    for i, rating in enumerate(ratings):
        key, value = rating["indicator_key"], rating["value"]
        indicator = indicators.get(key)
        if indicator is None:
            problems.append(_unknown(f"ratings[{i}].indicator_key", key))
        elif not indicator.accepts(value):
            message = f"{value} is not on {key}'s scale: use {indicator.describe_scale()}"
            problems.append(Problem(f"ratings[{i}].value", "on_scale", message))
    for key in sorted(set(noted_keys) - set(indicators)):
        problems.append(_unknown(f"notes.by_indicator.{key}", key))
    rated = {r["indicator_key"] for r in ratings}
    unrated = [k for k, ind in indicators.items() if ind.required and k not in rated]
    if unrated:
        message = f"required indicators not rated: {', '.join(sorted(unrated))}"
        problems.append(Problem("ratings", "required_indicators_rated", message))
    return problems


def _unknown(field: str, key: str) -> Problem:
    message = f"{key!r} is not an indicator of this template version"
    return Problem(field, "known_indicator", message)
