"""issue #15: bad input to tenancy is a 4xx naming field and rule, never a 500 — an offset past
any page on every list endpoint, a lone surrogate or NUL in a name, JSON nested 10,000 deep,
and an edit of a removed teacher (whose event would fail its own contract)."""

from __future__ import annotations

import pytest

from tests.tenancy.api.conftest import World, email

HUGE = "18446744073709551616"  # 2**64


def _list_paths(world: World) -> list[str]:
    return [
        "/v1/users",
        f"/v1/districts/{world.org['A']}/teachers",
        f"/v1/districts/{world.org['A']}/roster-imports",
    ]


def test_an_offset_of_2_to_the_64_is_a_422_with_its_bounds(net, world: World) -> None:
    for path in _list_paths(world):
        response = net.call(email("a.admin"), "GET", f"{path}?offset={HUGE}")
        assert response.status_code == 422, (path, response.json)
        assert "offset" in response.json["error"]["fields"]["query"], path


@pytest.mark.parametrize(
    ("name", "rule"), [("Ali\ud800ce", "valid_unicode"), ("Ali\x00ce", "no_nul_character")]
)
def test_text_no_database_keeps_is_refused_in_a_teacher_name(
    net, world: World, name: str, rule: str
) -> None:
    body = {"given_name": name, "family_name": "Anders", "school_ids": [world.org["A1"]]}
    path = f"/v1/districts/{world.org['A']}/teachers"
    response = net.call(email("a.admin"), "POST", path, json=body)
    assert response.status_code == 422, response.json
    assert (response.json["error"]["field"], response.json["error"]["rule"]) == (
        "given_name",
        rule,
    )


def test_json_nested_ten_thousand_deep_is_a_400(net, world: World) -> None:
    response = net.call(
        email("a.admin"),
        "POST",
        f"/v1/districts/{world.org['A']}/teachers",
        data="[" * 10_000 + "]" * 10_000,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json["error"]["rule"] == "max_depth"


def test_editing_a_removed_teacher_without_schools_is_a_409_and_changes_nothing(
    net, world: World
) -> None:
    teacher = world.teacher["A"]
    net.ok(email("a.admin"), "DELETE", f"/v1/teachers/{teacher}")
    response = net.call(
        email("a.admin"), "PATCH", f"/v1/teachers/{teacher}", json={"given_name": "Alicia"}
    )
    assert response.status_code == 409, response.json
    assert (response.json["error"]["field"], response.json["error"]["rule"]) == (
        "school_ids",
        "required_for_removed_teacher",
    )
    after = net.ok(email("a.admin"), "GET", f"/v1/teachers/{teacher}")
    assert after["given_name"] == "Alice" and after["removed_at"] is not None


def test_a_removed_teacher_comes_back_with_schools(net, world: World) -> None:
    teacher = world.teacher["A"]
    net.ok(email("a.admin"), "DELETE", f"/v1/teachers/{teacher}")
    body = {"given_name": "Alicia", "school_ids": [world.org["A2"]]}
    back = net.ok(email("a.admin"), "PATCH", f"/v1/teachers/{teacher}", json=body)
    assert back["removed_at"] is None and back["school_ids"] == [world.org["A2"]]
