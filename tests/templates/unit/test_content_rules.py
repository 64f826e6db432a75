"""Template content rules: scales, keys unique and stable across versions, publishability."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from canopy_shared.errors import Invalid
from canopy_templates.domain.content import check_publishable, prepare


def levels(*values: int) -> dict[str, Any]:
    return {"kind": "levels", "levels": [{"value": v, "label": f"L{v}"} for v in values]}


def indicator(text: str, key: str | None = None, scale: dict[str, Any] | None = None) -> dict:
    return {
        "key": key,
        "text": text,
        "required": False,
        "tags": [],
        "scale": scale or levels(1, 2, 3, 4),
    }


def content(*sections: dict[str, Any]) -> dict[str, Any]:
    return {"title": "Walkthrough", "description": "", "sections": list(sections)}


def section(title: str, *indicators: dict[str, Any], key: str | None = None) -> dict:
    return {"key": key, "title": title, "indicators": list(indicators)}


def refusal(data: dict[str, Any], **kwargs: Any) -> Invalid:
    with pytest.raises(Invalid) as caught:
        prepare(data, **kwargs)
    return caught.value


def test_prepared_content_has_keys_positions_and_scale_defaults() -> None:
    prepared = prepare(content(section("Engagement", indicator("Students are on task now"))))
    first = prepared["sections"][0]
    assert first["key"] == "engagement" and first["position"] == 0
    assert first["indicators"][0]["key"] == "students_are_on_task_now"
    assert first["indicators"][0]["scale"]["min"] is None
    assert first["indicators"][0]["scale"]["levels"][0]["descriptor"] == ""


def test_the_input_is_not_modified() -> None:
    original = content(section("Engagement", indicator("On task")))
    kept = copy.deepcopy(original)
    prepare(original)
    assert original == kept


def test_duplicate_indicator_keys_are_refused_naming_the_second_one() -> None:
    err = refusal(content(section("A", indicator("One", "k")), section("B", indicator("Two", "k"))))
    assert (err.field, err.rule) == ("sections[1].indicators[0].key", "unique")
    assert "'k'" in err.message


def test_duplicate_section_keys_are_refused() -> None:
    err = refusal(content(section("A", key="s"), section("B", key="s")))
    assert (err.field, err.rule) == ("sections[1].key", "unique")


def test_generated_keys_never_collide_with_given_or_each_other() -> None:
    prepared = prepare(
        content(
            section(
                "A",
                indicator("Same words", "same_words"),
                indicator("Same words"),
                indicator("Same words"),
            )
        )
    )
    keys = [i["key"] for i in prepared["sections"][0]["indicators"]]
    assert keys == ["same_words", "same_words_2", "same_words_3"]


@pytest.mark.parametrize(
    ("scale", "field", "rule"),
    [
        ({"kind": "levels", "levels": []}, "levels", "non_empty"),
        (levels(1, 3, 2), "levels", "ascending"),
        (levels(1, 1, 2), "levels", "ascending"),
        (
            {"kind": "levels", "levels": [{"value": 1, "label": "A"}, {"value": 2, "label": "a"}]},
            "levels",
            "unique",
        ),
        (
            {"kind": "yes_no", "levels": [{"value": 1, "label": "Y"}, {"value": 2, "label": "N"}]},
            "levels",
            "yes_no_values",
        ),
        ({"kind": "count", "levels": []}, "min", "min_required"),
        ({"kind": "count", "levels": [], "min": 5, "max": 2}, "max", "max_at_least_min"),
        (
            {"kind": "count", "levels": [{"value": 1, "label": "x"}], "min": 0},
            "levels",
            "no_levels",
        ),
        ({"kind": "yes_no", "levels": [], "min": 0}, "min", "count_only"),
    ],
)
def test_scale_rules_name_the_field_and_rule(scale: dict, field: str, rule: str) -> None:
    err = refusal(content(section("A", indicator("Rated", scale=scale))))
    assert err.field == f"sections[0].indicators[0].scale.{field}"
    assert err.rule == rule


@pytest.mark.parametrize(
    "scale",
    [
        levels(1, 2, 3, 4),
        levels(0, 5, 10),
        {"kind": "yes_no"},
        {"kind": "yes_no", "levels": [{"value": 0, "label": "No"}, {"value": 1, "label": "Yes"}]},
        {"kind": "count", "min": 0},
        {"kind": "count", "min": 0, "max": 0},
    ],
)
def test_valid_scales_pass(scale: dict) -> None:
    prepare(content(section("A", indicator("Rated", scale=scale))))


def test_unchanged_indicators_keep_their_keys_in_the_next_version_when_sent_without_keys() -> None:
    v1 = prepare(
        content(
            section("Engagement", indicator("On task", "ENG-1"), indicator("Discourse", "ENG-2"))
        )
    )
    edited = content(
        section(
            "Engagement",
            indicator("Discourse"),
            indicator("On task"),
            indicator("Brand new look-for"),
        )
    )
    v2 = prepare(edited, base_sections=v1["sections"])
    keys = [i["key"] for i in v2["sections"][0]["indicators"]]
    assert keys == ["ENG-2", "ENG-1", "brand_new_look_for"]
    assert v2["sections"][0]["key"] == v1["sections"][0]["key"]


def test_a_changed_scale_gets_a_new_key_rather_than_reusing_the_old_one() -> None:
    v1 = prepare(content(section("A", indicator("On task", "on_task"))))
    v2 = prepare(
        content(section("A", indicator("On task", scale=levels(1, 2, 3)))),
        base_sections=v1["sections"],
    )
    assert v2["sections"][0]["indicators"][0]["key"] != "on_task"


def test_a_kept_key_must_keep_its_meaning() -> None:
    v1 = prepare(content(section("A", indicator("On task", "on_task"))))
    err = refusal(
        content(section("A", indicator("On task", "on_task", {"kind": "yes_no"}))),
        base_sections=v1["sections"],
    )
    assert (err.field, err.rule) == ("sections[0].indicators[0].key", "stable_key")


def test_rewording_text_or_labels_under_a_kept_key_is_fine() -> None:
    v1 = prepare(content(section("A", indicator("On task", "on_task"))))
    reworded = indicator("Students are on task", "on_task")
    reworded["scale"]["levels"][0]["label"] = "Beginning"
    prepare(content(section("A", reworded)), base_sections=v1["sections"])


def test_publishing_needs_a_section_and_indicators_in_every_section() -> None:
    with pytest.raises(Invalid) as no_sections:
        check_publishable(prepare(content()))
    assert (no_sections.value.field, no_sections.value.rule) == ("sections", "non_empty")
    with pytest.raises(Invalid) as empty_section:
        check_publishable(prepare(content(section("A", indicator("x")), section("Empty"))))
    assert empty_section.value.field == "sections[1].indicators"
    check_publishable(prepare(content(section("A", indicator("x")))))
