"""Many walkthroughs at once, as an offline device syncs them. Each is judged on its own, as
POST /v1/walkthroughs would judge it, and the answer says item by item what happened and what
to fix; but the read models are loaded once for the whole batch and the good walkthroughs are
stored, with their raw messages, in one transaction.

Good items are stored whatever happens to the others: a refused item is simply left out. If a
concurrent upload stores one of the batch's ids between our lookup and our insert, the insert
fails as a whole; the batch is then handled item by item, each in its own transaction, and
each item answers from what the other upload stored, as the single endpoint does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any, Final, Literal

from marshmallow import Schema, ValidationError
from sqlalchemy.exc import IntegrityError

from canopy_intake.adapters.db import Walkthrough
from canopy_intake.adapters.unit_of_work import UnitOfWork
from canopy_intake.domain.actors import Actor
from canopy_intake.domain.submission import fingerprint
from canopy_intake.services.common import now
from canopy_intake.services.labels import Labels
from canopy_intake.services.read_view import ReadView
from canopy_intake.services.submission import (
    Outcome,
    earlier,
    observation_submitted,
    submit,
    validated,
)
from canopy_shared.errors import DomainError
from canopy_shared.messaging.outbox import OutboxMessage, serialized

ItemStatus = Literal["created", "unchanged", "rejected"]  # what happened to one item
CREATED: Final = "created"
UNCHANGED: Final = "unchanged"
REJECTED: Final = "rejected"
STATUSES: tuple[ItemStatus, ...] = (CREATED, UNCHANGED, REJECTED)
ErrorBody = Callable[[DomainError], tuple[int, dict[str, Any]]]
# (the result's head: index and observation id as sent, content as the schema loaded it)
Loaded = list[tuple[dict[str, Any], dict[str, Any]]]


def submit_many(
    *,
    unit_of_work: Callable[[], UnitOfWork],
    actor: Actor,
    items: list[Any],
    schema: Schema,
    error_body: ErrorBody,
    clock: Callable[[], datetime] = now,
) -> dict[str, Any]:
    """`schema` loads one item as the single-walkthrough endpoint does; `error_body` turns a
    refusal into the same status and body that endpoint would answer."""
    results, loaded = _loaded(items, schema)
    if loaded:
        try:
            results |= _together(unit_of_work(), actor, loaded, error_body, clock)
        except IntegrityError:
            results |= {
                h["index"]: _alone(unit_of_work, actor, h, c, error_body) for h, c in loaded
            }
    ordered = [results[i] for i in range(len(items))]
    counts: dict[str, int] = {
        status: sum(r["status"] == status for r in ordered) for status in STATUSES
    }
    return {"results": ordered, **counts}


def _loaded(items: list[Any], schema: Schema) -> tuple[dict[int, dict[str, Any]], Loaded]:
    """Each item through the input schema: the refusals' results, and the loaded contents."""
    refused: dict[int, dict[str, Any]] = {}
    loaded: Loaded = []
    for index, item in enumerate(items):
        head = _head(index, item)
        try:
            loaded.append((head, schema.load(item)))
        except ValidationError as err:
            refused[index] = _invalid(head, err)
    return refused, loaded


@dataclass
class _Batch:
    """One transaction's worth of decisions: what is stored already, what this batch adds."""

    uow: UnitOfWork
    actor: Actor
    view: ReadView
    labels: Labels
    known: dict[str, Walkthrough]  # stored before, or added by an earlier item of this batch
    clock: Callable[[], datetime]
    rows: list[Walkthrough] = field(default_factory=list)
    messages: list[OutboxMessage] = field(default_factory=list)

    def decide(self, content: dict[str, Any]) -> Outcome:
        digest = fingerprint(content, self.actor.subject)
        if (stored := self.known.get(content["observation_id"])) is not None:
            return earlier(self.uow, stored, digest, self.labels)
        row = validated(self.view, self.actor, content, self.clock(), digest)
        message = serialized(self.uow.topic, observation_submitted(row))
        self.known[row.observation_id] = row
        self.rows.append(row)
        self.messages.append(message)
        return Outcome(True, self.labels.walkthrough(row, new=True))


def _together(
    uow: UnitOfWork,
    actor: Actor,
    loaded: Loaded,
    error_body: ErrorBody,
    clock: Callable[[], datetime],
) -> dict[int, dict[str, Any]]:
    contents = [content for _, content in loaded]
    with uow:
        view = ReadView.load(uow, actor, contents)
        known = uow.walkthroughs.stored({c["observation_id"] for c in contents})
        labels = view.labels(uow)
        if known:
            labels.preload_acknowledgements(list(known))
        batch = _Batch(uow, actor, view, labels, known, clock)
        results = {
            head["index"]: _answer(head, partial(batch.decide, content), error_body)
            for head, content in loaded
        }
        uow.walkthroughs.add_all(batch.rows)
        uow.emit_serialized(batch.messages)
        uow.commit()
    return results


def _alone(
    unit_of_work: Callable[[], UnitOfWork],
    actor: Actor,
    head: dict[str, Any],
    content: dict[str, Any],
    error_body: ErrorBody,
) -> dict[str, Any]:
    def one() -> Outcome:
        return submit(uow=unit_of_work(), actor=actor, walkthrough=content)

    return _answer(head, one, error_body)


def _answer(
    head: dict[str, Any], decide: Callable[[], Outcome], error_body: ErrorBody
) -> dict[str, Any]:
    try:
        outcome = decide()
    except ValidationError as err:  # the raw message's contract refused it (as single would)
        return _invalid(head, err)
    except DomainError as err:
        http_status, body = error_body(err)
        return {**head, "status": REJECTED, "http_status": http_status, **body}
    return {
        **head,
        "status": CREATED if outcome.created else UNCHANGED,
        "http_status": 201 if outcome.created else 200,
        "walkthrough": outcome.walkthrough,
    }


def _invalid(head: dict[str, Any], err: ValidationError) -> dict[str, Any]:
    messages = err.messages if isinstance(err.messages, dict) else {"_schema": err.messages}
    body = {
        "error": {
            "status": 422,
            "code": "validation_failed",
            "message": "walkthrough validation failed; see fields",
            "fields": messages,
        }
    }
    return {**head, "status": REJECTED, "http_status": 422, **body}


def _head(index: int, item: Any) -> dict[str, Any]:
    value = item.get("observation_id") if isinstance(item, dict) else None
    return {"index": index, "observation_id": value if isinstance(value, str) else None}
