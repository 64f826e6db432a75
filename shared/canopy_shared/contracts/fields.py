"""The value formats every contract speaks, as marshmallow field types.

They keep loaded payloads JSON-serialisable (ids, timestamps and dates stay `str`): consumers
re-publish what they load. `StrictNestedMixin` makes strict (producer-side) validation reach
nested objects too.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

# --- value formats -------------------------------------------------------------------------------

# Lowercase canonical only: ids are partition keys and join keys, so one spelling per id.
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
# RFC 3339: readable by every consumer (Python, ClickHouse, JS), unlike all ISO-8601 spellings.
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SCHOOL_YEAR = re.compile(r"(\d{4})-(\d{4})")


# Every UTC offset in use lies within -12:00..+14:00 and is whole quarter hours (+05:45 Nepal);
# ±14:00 is accepted both ways so a clock is never refused for the sign it writes.
_MAX_UTC_OFFSET = timedelta(hours=14)
_OFFSET_STEP = timedelta(minutes=15)


def _check_timestamp(value: str) -> None:
    try:
        if _TIMESTAMP.fullmatch(value):
            moment = datetime.fromisoformat(value)  # rejects impossible dates such as month 13
            _check_utc_offset(moment.utcoffset() or timedelta(0))
            return
    except ValueError:
        pass
    raise ValidationError("Not a date-time with a UTC offset, e.g. 2026-09-14T09:30:00-05:00.")


def _check_utc_offset(offset: timedelta) -> None:
    if abs(offset) > _MAX_UTC_OFFSET or offset % _OFFSET_STEP:
        raise ValidationError(
            "Not a real UTC offset: offsets lie within -14:00..+14:00 in quarter hours."
        )


def _check_date(value: str) -> None:
    try:
        if _DATE.fullmatch(value):
            date.fromisoformat(value)
            return
    except ValueError:
        pass
    raise ValidationError("Not a date in YYYY-MM-DD form.")


def _check_school_year(value: str) -> None:
    match = _SCHOOL_YEAR.fullmatch(value)
    if not match or int(match[2]) != int(match[1]) + 1:
        raise ValidationError("Not a school year such as 2026-2027.")


class WholeMatch(validate.Regexp):
    """A `Regexp` the whole value must match. marshmallow's matches a prefix (`re.match`), so
    an id followed by any text (a name, a note) passed as an id. The pattern is kept as
    written: it is what the OpenAPI documents show."""

    def __call__(self, value: Any) -> Any:
        if self.regex.fullmatch(value) is None:
            raise ValidationError(self._format_error(value))
        return value


def _pattern(regex: re.Pattern[str], error: str) -> validate.Validator:
    return WholeMatch(regex, error=error)


class UuidString(fields.String):
    """A lowercase canonical UUID, loaded as `str`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=_pattern(_UUID, "Not a lowercase canonical UUID."), **kwargs)


class Timestamp(fields.String):
    """An offset-aware RFC 3339 date-time, loaded unchanged as `str`. Parse it with
    `datetime.fromisoformat` (Python >= 3.11 accepts the `Z` suffix)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=_check_timestamp, **kwargs)


class IsoDate(fields.String):
    """A calendar day, YYYY-MM-DD, loaded as `str`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=_check_date, **kwargs)


class SchoolYear(fields.String):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=_check_school_year, **kwargs)


class Hex64(fields.String):
    """A lowercase hex SHA-256 digest (keyed pseudonyms)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=_pattern(_HEX64, "Not 64 lowercase hex digits."), **kwargs)


class Key(fields.String):
    """A machine key for sections and indicators: letters, digits, `_ . -`, 1-64 chars."""

    def __init__(self, **kwargs: Any) -> None:
        error = "Not a key: 1-64 of letters, digits, '_', '.', '-', starting alphanumeric."
        super().__init__(validate=_pattern(_KEY, error), **kwargs)


class UtcDateTime(fields.DateTime):
    """An answer's moment, always written with its offset (RFC 3339 `date-time`). Services
    store UTC; SQLite hands `DateTime(timezone=True)` columns back naive, so a naive value
    is UTC."""

    def _serialize(self, value: datetime | None, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


class StrictBoolean(fields.Boolean):
    """JSON `true`/`false` only: a coerced "yes" or 1 would load differently from its bytes."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


# --- strictness all the way down -----------------------------------------------------------------


def unknown_nested_fields(schema: Schema, data: Any) -> dict[Any, Any]:
    """Errors for keys that nested schemas do not declare, keyed by path like a load error.

    marshmallow applies `load(unknown=RAISE)` to the top level only, and publishers send the
    original payload bytes: without this, a stray nested field (a note inside a rating) would
    pass strict validation and reach the bus.
    """
    errors: dict[Any, Any] = {}
    if not isinstance(data, dict):
        return errors
    for name, field in schema.load_fields.items():
        key = field.data_key or name
        value = data.get(key)
        inner = field.inner if isinstance(field, fields.List) else None
        if isinstance(field, fields.Nested) and isinstance(value, dict):
            found = _unknown_in(field.schema, value)
        elif isinstance(inner, fields.Nested) and isinstance(value, list):
            found = {i: e for i, item in enumerate(value) if (e := _unknown_in(inner.schema, item))}
        else:
            continue
        if found:
            errors[key] = found
    return errors


def _unknown_in(schema: Schema, data: Any) -> dict[Any, Any]:
    if not isinstance(data, dict):
        return {}
    declared = {field.data_key or name for name, field in schema.load_fields.items()}
    errors: dict[Any, Any] = {key: ["Unknown field."] for key in data if key not in declared}
    errors.update(unknown_nested_fields(schema, data))
    return errors


class StrictNestedMixin:
    """Mixed into payload schemas that contain nested schemas: `unknown=RAISE` reaches them."""

    @validates_schema(pass_original=True, skip_on_field_errors=False)
    def _no_unknown_nested_fields(self, _: Any, original: Any, **kwargs: Any) -> None:
        if kwargs.get("unknown") == RAISE:
            errors = unknown_nested_fields(self, original)  # type: ignore[arg-type]
            if errors:
                raise ValidationError(errors)


# The fast check (`fast_check.py`) steps aside on any undeclared key in a strict check, so it
# skips this hook by name rather than walking the message a second time.
STRICT_NESTED_HOOK = StrictNestedMixin._no_unknown_nested_fields.__name__
