"""What every service refuses before a view runs: bodies too large, JSON too deep, numbers no
store can hold, and text no store should keep.

Each refusal is a 4xx JSON error naming the field (a dotted path into the body, a query
parameter or a path variable) and the rule, so one shared check answers for all five services
instead of a RecursionError, OverflowError or a database encoding error becoming a 500.
PostgreSQL (production's database) rejects NUL in text, and UTF-8 cannot encode a lone
surrogate, so such text is refused at the edge rather than failing at commit or downstream.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from typing import Any

from flask import Flask, request

from canopy_shared.errors import Invalid

# The largest body a service accepts unless its factory says otherwise (413 beyond it).
DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024
# No Canopy request body is nested more than a handful of levels.
MAX_JSON_DEPTH = 32
# JSON numbers every client (JavaScript included) reads exactly.
MAX_JSON_INTEGER = 2**53 - 1
# Integer path variables (a template's version_number) and paging offsets fit a PostgreSQL
# INTEGER column: beyond it SQLite raises OverflowError and PostgreSQL an out-of-range error.
MAX_PATH_INTEGER = MAX_OFFSET = 2**31 - 1


class BodyTooDeep(Invalid):
    status, code = 400, "json_too_deep"


def install_request_limits(app: Flask, *, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
    """`MAX_CONTENT_LENGTH` (a config value the factory was given wins) and the checks above."""
    if app.config.get("MAX_CONTENT_LENGTH") is None:  # Flask's default: no limit at all
        app.config["MAX_CONTENT_LENGTH"] = max_body_bytes
    app.before_request(_check_path_values)
    app.before_request(_check_query)
    app.before_request(_check_json_body)


def _check_path_values() -> None:
    for name, value in (request.view_args or {}).items():
        if isinstance(value, int) and not 0 <= value <= MAX_PATH_INTEGER:
            raise Invalid(
                f"{name} must be between 0 and {MAX_PATH_INTEGER}",
                field=name,
                rule="range",
            )
        if isinstance(value, str):
            check_text(name, value)


def _check_query() -> None:
    for name, value in request.args.items(multi=True):
        check_text(name, name)
        check_text(name, value)


def _check_json_body() -> None:
    if not request.is_json:
        return
    raw = request.get_data(cache=True)  # a 413 when over MAX_CONTENT_LENGTH
    if not raw:
        return
    try:
        body = json.loads(raw)
    except RecursionError:
        raise _too_deep() from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        return  # malformed JSON: the request parser answers it with its usual 400
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise Invalid(
            f"the JSON body holds a number outside -{MAX_JSON_INTEGER}..{MAX_JSON_INTEGER}",
            field="body",
            rule="range",
        ) from None
    check_json_value(body)


def check_json_value(body: Any) -> None:
    """Raise `Invalid` for the first value (or key) that breaks a rule, naming its path."""
    if _plainly_fine(body):
        return
    for path, depth, value in _walk(body):
        if depth > MAX_JSON_DEPTH:
            raise _too_deep()
        if isinstance(value, str):
            check_text(path or "body", value)
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int) and abs(value) > MAX_JSON_INTEGER:
            raise Invalid(
                f"{path or 'body'} must be between -{MAX_JSON_INTEGER} and {MAX_JSON_INTEGER}",
                field=path or "body",
                rule="range",
            )
        elif isinstance(value, float) and not math.isfinite(value):
            raise Invalid(
                f"{path or 'body'} must be a finite number",
                field=path or "body",
                rule="finite_number",
            )


def _plainly_fine(body: Any) -> bool:
    """True when a parsed body clearly breaks no rule: one pass without the dotted paths the
    errors name (building a path per value cost intake ~10 % of a POST, issue #17). Anything
    unusual answers False and `_walk` decides, so this only ever vouches, never refuses."""
    stack: list[tuple[int, Any]] = [(0, body)]
    while stack:
        depth, value = stack.pop()
        kind = type(value)
        if kind is str:
            if not _plain_text(value):
                return False
        elif kind is dict:
            if depth >= MAX_JSON_DEPTH:
                return False
            for key, item in value.items():
                if type(key) is not str or not _plain_text(key):
                    return False
                stack.append((depth + 1, item))
        elif kind is list:
            if depth >= MAX_JSON_DEPTH:
                return False
            stack.extend((depth + 1, item) for item in value)
        elif kind is int:
            if not -MAX_JSON_INTEGER <= value <= MAX_JSON_INTEGER:
                return False
        elif kind is float:
            if not math.isfinite(value):
                return False
        elif value is not None and kind is not bool:
            return False
    return True


def _plain_text(value: str) -> bool:
    if "\x00" in value:
        return False
    if value.isascii():  # valid UTF-8 without encoding it to prove it
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_text(field: str, value: str) -> None:
    if "\x00" in value:
        raise Invalid(
            f"{field} contains a NUL character (\\u0000), which text may not hold",
            field=field,
            rule="no_nul_character",
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise Invalid(
            f"{field} contains a lone UTF-16 surrogate, which is not a character; "
            "send valid Unicode text",
            field=field,
            rule="valid_unicode",
        ) from None


def _walk(body: Any) -> Iterator[tuple[str, int, Any]]:
    """Every value of a parsed JSON document, with its dotted path and depth (keys included,
    so a hostile key is named too). Iterative: depth never costs Python stack."""
    stack: list[tuple[str, int, Any]] = [("", 0, body)]
    while stack:
        path, depth, value = stack.pop()
        yield path, depth, value
        if isinstance(value, Mapping):
            for key, item in value.items():
                child = f"{path}.{_printable(key)}" if path else _printable(key)
                yield child, depth + 1, key
                stack.append((child, depth + 1, item))
        elif isinstance(value, list):
            stack.extend(
                (f"{path}.{i}" if path else str(i), depth + 1, item) for i, item in enumerate(value)
            )


def _printable(key: str) -> str:
    """A key as it can appear in an error's field path (a lone surrogate escaped)."""
    return key.encode("utf-8", "backslashreplace").decode("utf-8")


def _too_deep() -> BodyTooDeep:
    return BodyTooDeep(
        f"the JSON body is nested more than {MAX_JSON_DEPTH} levels deep",
        field="body",
        rule="max_depth",
    )
