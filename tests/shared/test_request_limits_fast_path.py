"""The request-limits check vouches for a plainly fine body in one pass without paths
(`_plainly_fine`, issue #17) and leaves everything else to the walk that names the field: the
pass must never vouch for a body the walk refuses, and must vouch for ordinary walkthroughs."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from canopy_shared.errors import Invalid
from canopy_shared.web.request_limits import (
    MAX_JSON_DEPTH,
    MAX_JSON_INTEGER,
    _plainly_fine,
    _walk,
    check_json_value,
)

TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=8) | st.sampled_from(
    ["", "a\x00b", "\ud800", "caf\u00e9", "x" * 40, "\U0001f600"]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**60), 2**60)
    | st.sampled_from([MAX_JSON_INTEGER, MAX_JSON_INTEGER + 1, -MAX_JSON_INTEGER - 1])
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXT
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=30,
)


def _refused_by_walk(body: Any) -> bool:
    try:
        for path, depth, value in _walk(body):
            _one(path, depth, value)
    except Invalid:
        return True
    return False


def _one(path: str, depth: int, value: Any) -> None:
    # The walk's own rules, as check_json_value applies them after the fast pass declines.
    if depth > MAX_JSON_DEPTH:
        raise Invalid("deep", field="body", rule="max_depth")
    if isinstance(value, str):
        if "\x00" in value:
            raise Invalid("nul", field=path, rule="no_nul_character")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Invalid("surrogate", field=path, rule="valid_unicode") from None
    elif isinstance(value, bool):
        return
    elif isinstance(value, int) and abs(value) > MAX_JSON_INTEGER:
        raise Invalid("range", field=path, rule="range")
    elif isinstance(value, float) and not math.isfinite(value):
        raise Invalid("finite", field=path, rule="finite_number")


@settings(max_examples=400, deadline=None)
@given(JSON)
def test_the_fast_pass_never_vouches_for_a_body_the_walk_refuses(body: Any) -> None:
    refused = _refused_by_walk(body)
    if _plainly_fine(body):
        assert not refused
    with pytest.raises(Invalid) if refused else _nothing():
        check_json_value(body)


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH, MAX_JSON_DEPTH + 1])
def test_depth_at_the_limit_is_decided_by_the_walk(depth: int) -> None:
    body: Any = 1
    for _ in range(depth):
        body = [body]
    refused = _refused_by_walk(body)
    with pytest.raises(Invalid) if refused else _nothing():
        check_json_value(body)


def test_an_ordinary_walkthrough_is_vouched_for_in_one_pass() -> None:
    walkthrough = {
        "observation_id": "0b6f9f7e-9d4c-4f0e-8f6a-1d2c3b4a5f60",
        "subject": "math",
        "duration_minutes": 12,
        "ratings": [{"indicator_key": "engagement", "value": 3}],
        "notes": {"overall": "Turn-and-talk, señora García's stems"},
    }
    assert _plainly_fine(walkthrough)


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
