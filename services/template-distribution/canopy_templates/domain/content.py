"""Template content rules: sections of indicators ("look-fors"), each rated on a scale.

Content is plain data shaped like the `templates.events.v1` version payload:
`{title, description, sections: [{key, title, position, indicators: [{key, text, required, tags,
scale: {kind, levels: [{value, label, descriptor}], min, max}}]}]}`.

Indicator keys are how ratings, trends and analytics refer to an indicator, so they stay stable
across versions: an indicator sent without a key keeps the key it had in the version the draft
started from when its text and scale are unchanged, and a key carried over must keep its meaning
(the same scale kind and values).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Any

from canopy_shared.contracts.vocabulary import SCALE_KINDS
from canopy_shared.errors import Invalid

Content = dict[str, Any]
Section = dict[str, Any]
Indicator = dict[str, Any]
_WORD = re.compile(r"[a-z0-9]+")
_KEY_LENGTH = 48  # leaves room for a "_NN" suffix within the contract's 64 characters


def prepare(content: Content, *, base_sections: Sequence[Section] | None = None) -> Content:
    """A normalised copy of `content` with every key and position set; raises `Invalid` naming
    the field and rule of the first problem found."""
    prepared = copy.deepcopy(content)
    prepared.setdefault("description", "")
    sections: list[Section] = prepared.setdefault("sections", [])
    base = list(base_sections or [])
    for position, section in enumerate(sections):
        section["position"] = position
        for indicator in section.setdefault("indicators", []):
            _normalise_scale(indicator["scale"])
    _assign_section_keys(sections, base)
    _assign_indicator_keys(sections, base)
    for path, indicator in _indicators_with_paths(sections):
        check_scale(indicator["scale"], field=f"{path}.scale")
    _check_stable_meaning(sections, base)
    return prepared


def check_publishable(content: Content) -> None:
    """A version needs at least one section, and every section at least one indicator."""
    sections = content.get("sections") or []
    if not sections:
        raise Invalid(
            "a template needs at least one section to publish", field="sections", rule="non_empty"
        )
    for i, section in enumerate(sections):
        if not section.get("indicators"):
            raise Invalid(
                f"section {section['title']!r} has no indicators; add one or remove the section",
                field=f"sections[{i}].indicators",
                rule="non_empty",
            )


def check_scale(scale: dict[str, Any], *, field: str) -> None:
    kind, levels = scale["kind"], scale["levels"]
    values = [level["value"] for level in levels]
    if kind not in SCALE_KINDS:
        raise Invalid(
            f"scale kind must be one of {list(SCALE_KINDS)}", field=f"{field}.kind", rule="one_of"
        )
    if kind == "levels" and not levels:
        raise Invalid(
            "a 'levels' scale needs at least one level, e.g. 1-4",
            field=f"{field}.levels",
            rule="non_empty",
        )
    if kind == "levels" and any(a >= b for a, b in pairwise(values)):
        raise Invalid(
            f"level values must strictly increase in the order listed, got {values}",
            field=f"{field}.levels",
            rule="ascending",
        )
    labels = [level["label"].casefold() for level in levels]
    if len(set(labels)) != len(labels):
        raise Invalid("level labels must differ", field=f"{field}.levels", rule="unique")
    if kind == "yes_no" and levels and values != [0, 1]:
        raise Invalid(
            "yes/no levels, if given, label the values [0, 1]",
            field=f"{field}.levels",
            rule="yes_no_values",
        )
    _check_bounds(scale, field=field)


def _check_bounds(scale: dict[str, Any], *, field: str) -> None:
    low, high = scale.get("min"), scale.get("max")
    if scale["kind"] != "count":
        if low is not None or high is not None:
            raise Invalid(
                "min and max apply only to 'count' scales", field=f"{field}.min", rule="count_only"
            )
        return
    if scale["levels"]:
        raise Invalid("a 'count' scale has no levels", field=f"{field}.levels", rule="no_levels")
    if low is None or low < 0:
        raise Invalid("a 'count' scale needs min >= 0", field=f"{field}.min", rule="min_required")
    if high is not None and high < low:
        raise Invalid(
            f"max ({high}) must be >= min ({low})", field=f"{field}.max", rule="max_at_least_min"
        )


def scale_signature(scale: dict[str, Any]) -> tuple[Any, ...]:
    """What a rating on this scale means: the kind and its values (labels may be reworded)."""
    return (
        scale["kind"],
        tuple(level["value"] for level in scale["levels"]),
        scale.get("min"),
        scale.get("max"),
    )


def _normalise_scale(scale: dict[str, Any]) -> None:
    scale.setdefault("levels", [])
    scale.setdefault("min", None)
    scale.setdefault("max", None)
    for level in scale["levels"]:
        level.setdefault("descriptor", "")


def _indicators_with_paths(sections: Sequence[Section]) -> Iterator[tuple[str, Indicator]]:
    for i, section in enumerate(sections):
        for j, indicator in enumerate(section["indicators"]):
            yield f"sections[{i}].indicators[{j}]", indicator


def _assign_section_keys(sections: list[Section], base: Sequence[Section]) -> None:
    taken = _explicit_keys(
        [(f"sections[{i}].key", s) for i, s in enumerate(sections)], what="section"
    )
    by_title = {s["title"].strip().casefold(): s["key"] for s in base}
    reserved = {s["key"] for s in base}
    for section in sections:
        if not section.get("key"):
            reused = by_title.get(section["title"].strip().casefold())
            section["key"] = _claim(reused, section["title"], taken, reserved, fallback="section")


def _assign_indicator_keys(sections: list[Section], base: Sequence[Section]) -> None:
    taken = _explicit_keys(list(_keyed_paths(sections)), what="indicator")
    previous = {
        (i["text"].strip().casefold(), scale_signature(i["scale"])): i["key"]
        for s in base
        for i in s["indicators"]
    }
    reserved = set(previous.values())  # a new indicator never takes an old one's key
    for _, indicator in _indicators_with_paths(sections):
        if not indicator.get("key"):
            match = (indicator["text"].strip().casefold(), scale_signature(indicator["scale"]))
            reused = previous.get(match)
            indicator["key"] = _claim(
                reused, indicator["text"], taken, reserved, fallback="indicator"
            )


def _keyed_paths(sections: Sequence[Section]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, indicator in _indicators_with_paths(sections):
        yield f"{path}.key", indicator


def _explicit_keys(items: list[tuple[str, dict[str, Any]]], *, what: str) -> set[str]:
    taken: set[str] = set()
    for path, item in items:
        key = item.get("key")
        if not key:
            continue
        if key in taken:
            raise Invalid(
                f"duplicate {what} key {key!r}: each {what} needs its own key",
                field=path,
                rule="unique",
            )
        taken.add(key)
    return taken


def _claim(
    preferred: str | None, text: str, taken: set[str], reserved: set[str], *, fallback: str
) -> str:
    if preferred and preferred not in taken:
        taken.add(preferred)
        return preferred
    stem = "_".join(_WORD.findall(text.casefold())[:6])[:_KEY_LENGTH].strip("_") or fallback
    key, n = stem, 1
    while key in taken or key in reserved:
        n += 1
        key = f"{stem}_{n}"
    taken.add(key)
    return key


def _check_stable_meaning(sections: Sequence[Section], base: Sequence[Section]) -> None:
    meaning = {i["key"]: scale_signature(i["scale"]) for s in base for i in s["indicators"]}
    for path, indicator in _indicators_with_paths(sections):
        before = meaning.get(indicator["key"])
        if before is not None and before != scale_signature(indicator["scale"]):
            raise Invalid(
                f"indicator key {indicator['key']!r} was rated on a different scale in the "
                "version this draft started from; ratings under one key must stay comparable, "
                "so give the changed indicator a new key (or omit the key to get one)",
                field=f"{path}.key",
                rule="stable_key",
            )
