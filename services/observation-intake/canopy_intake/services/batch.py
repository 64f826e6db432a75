"""Many walkthroughs at once, as an offline device syncs them: each is validated and stored on
its own (its own transaction), so good ones are kept whatever happens to the others, and the
answer says, item by item, what happened and what to fix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import Schema, ValidationError

from canopy_intake.domain.actors import Actor
from canopy_intake.services.submission import submit
from canopy_intake.uow import UnitOfWork
from canopy_shared.errors import DomainError

CREATED, UNCHANGED, REJECTED = "created", "unchanged", "rejected"
ErrorBody = Callable[[DomainError], tuple[int, dict[str, Any]]]


def submit_many(
    *,
    unit_of_work: Callable[[], UnitOfWork],
    actor: Actor,
    items: list[Any],
    schema: Schema,
    error_body: ErrorBody,
) -> dict[str, Any]:
    """`schema` loads one item as the single-walkthrough endpoint does; `error_body` turns a
    refusal into the same status and body that endpoint would answer."""
    results = [
        _one(unit_of_work, actor, i, item, schema, error_body) for i, item in enumerate(items)
    ]
    counts = {
        status: sum(r["status"] == status for r in results)
        for status in (CREATED, UNCHANGED, REJECTED)
    }
    return {"results": results, **counts}


def _one(
    unit_of_work: Callable[[], UnitOfWork],
    actor: Actor,
    index: int,
    item: Any,
    schema: Schema,
    error_body: ErrorBody,
) -> dict[str, Any]:
    result: dict[str, Any] = {"index": index, "observation_id": _id_of(item)}
    try:
        content = schema.load(item)
        outcome = submit(uow=unit_of_work(), actor=actor, walkthrough=content)
    except ValidationError as err:
        messages = err.messages if isinstance(err.messages, dict) else {"_schema": err.messages}
        body = {
            "error": {
                "status": 422,
                "code": "validation_failed",
                "message": "walkthrough validation failed; see fields",
                "fields": messages,
            }
        }
        return {**result, "status": REJECTED, "http_status": 422, **body}
    except DomainError as err:
        http_status, body = error_body(err)
        return {**result, "status": REJECTED, "http_status": http_status, **body}
    return {
        **result,
        "status": CREATED if outcome.created else UNCHANGED,
        "http_status": 201 if outcome.created else 200,
        "walkthrough": outcome.walkthrough,
    }


def _id_of(item: Any) -> str | None:
    value = item.get("observation_id") if isinstance(item, dict) else None
    return value if isinstance(value, str) else None
