"""A cheaper check of a bus message, derived from its marshmallow contract (issue #17).

marshmallow stays the contract (documentation, JSON Schema, error messages); most of a load's
cost is its per-field machinery, not the checks. `message_check` walks a schema's fields once
and builds plain functions calling the same validator objects and `@validates_schema` hooks.
It only ever *vouches*: any value of an unusual type, a failing check or an unknown key in a
strict check raises `Unsure`, and the caller lets marshmallow decide, so every rejection and
its messages are marshmallow's own. A schema using what this module does not model (another
field type, data_key, load hooks, overridden load methods) gets no fast check at all.
tests/contracts/test_fast_check.py proves both agree on generated and mutated messages.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from marshmallow import EXCLUDE, RAISE, Schema, fields, missing, validate
from marshmallow.decorators import POST_LOAD, PRE_LOAD, VALIDATES, VALIDATES_SCHEMA

from canopy_shared.contracts.envelope import EnvelopeSchema, schema_instance
from canopy_shared.contracts.fields import STRICT_NESTED_HOOK, StrictNestedMixin, WholeMatch

Loader = Callable[[Any], Any]
MessageCheck = Callable[[Any], dict[str, Any] | None]
_Hook = tuple[Callable[..., Any], bool]  # a bound @validates_schema, and pass_original
Matcher = Callable[[Any], Any]  # a compiled pattern's `match`
Validator = Callable[[Any], Any]


class Unsure(Exception):
    """The fast check cannot vouch for a value: marshmallow decides."""


class NotCompilable(Exception):
    """The schema uses something the fast check does not model."""


@functools.cache
def message_check(envelope_class: type[EnvelopeSchema], *, strict: bool) -> MessageCheck | None:
    """`validate_message(message, strict=strict)`'s result when the fast check vouches for the
    message, else None; None instead of a function when the schema cannot be compiled."""
    try:
        check = _compile_message(schema_instance(envelope_class), strict=strict)
    except NotCompilable:
        return None

    def vouch(message: Any) -> dict[str, Any] | None:
        try:
            return check(message)
        except Exception:  # noqa: BLE001 - any surprise: marshmallow decides, and raises its own
            return None

    return vouch


def _compile_message(envelope: EnvelopeSchema, *, strict: bool) -> Callable[[Any], dict[str, Any]]:
    _require_same(type(envelope), EnvelopeSchema, "validate_message", "load_payload")
    # The envelope is always loaded with its own Meta (unknown fields dropped); `strict` is
    # about the payload, loaded with RAISE or EXCLUDE as `load_payload` does.
    load_envelope = _schema_loader(envelope, unknown=envelope.unknown, strict=False)
    payload_unknown = RAISE if strict else EXCLUDE
    payloads = {
        event_type: _schema_loader(schema_instance(cls), unknown=payload_unknown, strict=strict)
        for event_type, cls in envelope.PAYLOADS.items()
    }

    def check(message: Any) -> dict[str, Any]:
        loaded: dict[str, Any] = load_envelope(message)
        loaded["payload"] = payloads[loaded["type"]](message["payload"])
        return loaded

    return check


# --- schemas ------------------------------------------------------------------------------------


def _schema_loader(schema: Schema, *, unknown: str, strict: bool) -> Loader:
    """`schema.load(data, unknown=unknown)`. Under `strict` an undeclared key at any depth makes
    the check unsure (marshmallow drops nested ones, then `StrictNestedMixin` reports them)."""
    _require_plain_schema(schema)
    plan = tuple(
        (name, _field_loader(field, strict=strict), field.required)
        for name, field in schema.load_fields.items()
    )
    drop_unknown = unknown == EXCLUDE and not strict
    hooks = _schema_hooks(schema, unknown=unknown, strict=strict)

    def load(data: Any) -> dict[str, Any]:
        if type(data) is not dict:
            raise Unsure
        loaded: dict[str, Any] = {}
        for name, load_field, required in plan:
            value = data.get(name, missing)
            if value is missing:
                if required:
                    raise Unsure
                continue
            loaded[name] = load_field(value)
        if not drop_unknown and len(loaded) != len(data):
            raise Unsure  # a key the schema does not declare
        for call, pass_original in hooks:
            if pass_original:
                call(loaded, data)
            else:
                call(loaded)
        return loaded

    return load


def _require_plain_schema(schema: Schema) -> None:
    _require_same(type(schema), Schema, "load", "_do_load", "_deserialize", "dict_class")
    hooks = schema._hooks
    if schema.many or hooks[PRE_LOAD] or hooks[POST_LOAD] or hooks[VALIDATES]:
        raise NotCompilable(f"{type(schema).__name__}: many or load/field hooks")
    for name, field in schema.load_fields.items():
        if field.data_key is not None or field.attribute is not None or "." in name:
            raise NotCompilable(f"{type(schema).__name__}.{name}: renamed field")


def _schema_hooks(schema: Schema, *, unknown: str, strict: bool) -> tuple[_Hook, ...]:
    hooks: list[_Hook] = []
    for attr_name, pass_collection, options in schema._hooks[VALIDATES_SCHEMA]:
        if pass_collection:
            raise NotCompilable(f"{type(schema).__name__}.{attr_name}: collection hook")
        if attr_name == STRICT_NESTED_HOOK and isinstance(schema, StrictNestedMixin) and strict:
            # It reports undeclared nested keys; a strict fast check never gets past one.
            continue
        # Called as marshmallow's Schema._run_validator calls it (many=False, no field errors).
        call = functools.partial(
            getattr(schema, attr_name), partial=schema.partial, many=False, unknown=unknown
        )
        hooks.append((call, bool(options.get("pass_original", False))))
    return tuple(hooks)


# --- fields -------------------------------------------------------------------------------------

_COMMON = ("deserialize", "_validate", "_validate_missing")


def _field_loader(field: fields.Field[Any], *, strict: bool) -> Loader:
    """`field.deserialize(value)` for a present value."""
    if field.pre_load or field.post_load or field.load_default is not missing:
        raise NotCompilable(f"{type(field).__name__}: load processors or a load default")
    if isinstance(field, fields.Nested):
        _require_same(type(field), fields.Nested, *_COMMON, "_deserialize", "_load", "schema")
        value_loader = _nested_loader(field, strict=strict)
    elif isinstance(field, fields.List):
        _require_same(type(field), fields.List, *_COMMON, "_deserialize")
        value_loader = _list_loader(field, strict=strict)
    elif isinstance(field, fields.Dict):
        _require_same(type(field), fields.Dict, *_COMMON, "_deserialize", "mapping_type")
        value_loader = _dict_loader(field, strict=strict)
    elif isinstance(field, fields.Integer):
        _require_same(type(field), fields.Integer, *_COMMON, "_deserialize", "_validated")
        _require_same(type(field), fields.Integer, "_format_num", "num_type")
        return _scalar_loader(int, field)
    elif isinstance(field, fields.String):
        _require_same(type(field), fields.String, *_COMMON, "_deserialize")
        return _scalar_loader(str, field)
    else:
        raise NotCompilable(f"{type(field).__name__}: a field type the fast check does not model")
    return _validated(value_loader, field)


def _checks(field: fields.Field[Any]) -> tuple[tuple[Matcher, ...], tuple[Validator, ...]]:
    """The field's validators: each `Regexp` as its own `regex.match` and each `WholeMatch`
    as its `regex.fullmatch` (what their `__call__` does, minus a call per value; None means
    invalid), the others as they are (False or an exception means invalid, as marshmallow's
    `And` has it)."""
    regexps = [
        v for v in field.validators if isinstance(v, validate.Regexp) and type(v) in _REGEXPS
    ]
    matchers = tuple(v.regex.fullmatch if type(v) is WholeMatch else v.regex.match for v in regexps)
    others = tuple(v for v in field.validators if type(v) not in _REGEXPS)
    return matchers, others


_REGEXPS = (validate.Regexp, WholeMatch)


def _scalar_loader(kind: type, field: fields.Field[Any]) -> Loader:
    # Exactly str / int: a bool, a float, bytes or a subclass is left to marshmallow (which
    # loads each of them in its own way). One closure per field: this runs for every value.
    (matchers, validators), allow_none = _checks(field), field.allow_none
    if len(matchers) == 1 and not validators:  # ids, digests, keys: the usual field
        return _matching_loader(kind, matchers[0], allow_none=allow_none)

    def load(value: Any) -> Any:
        if type(value) is not kind:
            if value is None and allow_none:
                return None
            raise Unsure
        for match in matchers:
            if match(value) is None:
                raise Unsure
        for validator in validators:
            if validator(value) is False:
                raise Unsure
        return value

    return load


def _matching_loader(kind: type, match: Matcher, *, allow_none: bool) -> Loader:
    def load(value: Any) -> Any:
        if type(value) is kind and match(value) is not None:
            return value
        if value is None and allow_none:
            return None
        raise Unsure

    return load


def _validated(load: Loader, field: fields.Field[Any]) -> Loader:
    (matchers, validators), allow_none = _checks(field), field.allow_none
    if matchers:
        raise NotCompilable(f"{type(field).__name__}: a Regexp on a structured value")

    def load_and_validate(value: Any) -> Any:
        if value is None:
            if allow_none:
                return None
            raise Unsure
        loaded = load(value)
        for validator in validators:
            if validator(loaded) is False:
                raise Unsure
        return loaded

    return load_and_validate


def _nested_loader(field: fields.Nested, *, strict: bool) -> Loader:
    schema = field.schema
    if field.many or schema.many:
        raise NotCompilable("Nested(many=True)")
    unknown = field.unknown if field.unknown is not None else schema.unknown
    return _schema_loader(schema, unknown=unknown, strict=strict)


def _list_loader(field: fields.List[Any], *, strict: bool) -> Loader:
    load_item = _field_loader(field.inner, strict=strict)

    def load(value: Any) -> list[Any]:
        if type(value) is not list:
            raise Unsure
        return [load_item(item) for item in value]

    return load


def _dict_loader(field: fields.Dict, *, strict: bool) -> Loader:
    if field.mapping_type is not dict:
        raise NotCompilable("Dict with another mapping type")
    load_key = _field_loader(field.key_field, strict=strict) if field.key_field else None
    load_value = _field_loader(field.value_field, strict=strict) if field.value_field else None

    def load(value: Any) -> dict[Any, Any]:
        if type(value) is not dict:
            raise Unsure
        if load_key is None and load_value is None:
            return dict(value)
        return {
            (load_key(k) if load_key else k): (load_value(v) if load_value else v)
            for k, v in value.items()
        }

    return load


def _require_same(cls: type, base: type, *names: str) -> None:
    for name in names:
        if getattr(cls, name) is not getattr(base, name):
            raise NotCompilable(f"{cls.__name__}.{name} differs from {base.__name__}'s")
