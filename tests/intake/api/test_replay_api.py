"""Replays: a district admin re-queues their district's walkthroughs of a period, with the
very messages first published (same event and observation ids)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import delete, update

from canopy_intake.__main__ import main
from canopy_intake.adapters.db import outbox
from canopy_intake.adapters.unit_of_work import UnitOfWork
from tests.intake.conftest import Feed, Stored, Tokens, World, build_world, walkthrough_body


def mark_all_published(unit_of_work: Callable[[], UnitOfWork]) -> None:
    with unit_of_work() as uow:
        uow.session.execute(update(outbox).values(published_at=datetime.now(UTC)))
        uow.commit()


def pending_event_ids(unit_of_work: Callable[[], UnitOfWork]) -> list[str]:
    with unit_of_work() as uow:
        query = outbox.select().where(outbox.c.published_at.is_(None)).order_by(outbox.c.id)
        return [row.event_id for row in uow.session.execute(query)]


def submit_days(client: FlaskClient, tokens: Tokens, world: World, *days: str) -> None:
    for day in days:
        body = walkthrough_body(world, observed_at=f"{day}T09:30:00-05:00")
        response = client.post("/v1/walkthroughs", json=body, headers=tokens.observer(world))
        assert response.status_code == 201


def test_a_district_admin_replays_a_period_with_the_original_ids(
    client: FlaskClient,
    tokens: Tokens,
    feed: Feed,
    world: World,
    stored: Stored,
    uow_factory: Callable[[], UnitOfWork],
) -> None:
    other = build_world(feed)
    submit_days(client, tokens, world, "2026-09-01", "2026-09-10", "2026-10-01")
    submit_days(client, tokens, other, "2026-09-10")
    originals = {m["payload"]["observation_id"]: m for m in stored.raw_messages()}
    mark_all_published(uow_factory)

    response = client.post(
        "/v1/replays",
        json={"from": "2026-09-01", "to": "2026-09-30"},
        headers=tokens.district("district_admin", world.district_id),
    )

    assert response.status_code == 202, response.json
    assert response.json["walkthroughs"] == 2
    assert response.json["district_id"] == world.district_id
    queued = pending_event_ids(uow_factory)
    assert len(queued) == 2
    replayed = [m for m in stored.raw_messages() if m["event_id"] in queued]
    for message in replayed:
        assert message == originals[message["payload"]["observation_id"]]  # byte for byte


def test_rows_no_longer_in_the_outbox_are_rebuilt_identically(
    client: FlaskClient,
    tokens: Tokens,
    world: World,
    stored: Stored,
    uow_factory: Callable[[], UnitOfWork],
) -> None:
    submit_days(client, tokens, world, "2026-09-02")
    [original] = stored.raw_messages()
    with uow_factory() as uow:
        uow.session.execute(delete(outbox))
        uow.commit()

    response = client.post(
        "/v1/replays",
        json={"from": "2026-09-01", "to": "2026-09-30"},
        headers=tokens.district("district_admin", world.district_id),
    )

    assert response.json["rebuilt"] == 1
    [rebuilt] = stored.raw_messages()
    assert rebuilt["event_id"] == original["event_id"]
    assert rebuilt["payload"] == original["payload"]


def test_only_a_district_admin_replays_and_only_their_own_district(
    client: FlaskClient, tokens: Tokens, feed: Feed, world: World
) -> None:
    period = {"from": "2026-09-01", "to": "2026-09-30"}
    other = build_world(feed)
    cases: list[tuple[dict[str, str], dict[str, Any], int]] = [
        (tokens.district("district_leader", world.district_id), period, 403),
        (tokens.school("school_admin", world.school_id, world.district_id), period, 403),
        (tokens.region("region_admin", world.region_id), period, 403),
        (
            tokens.district("district_admin", world.district_id),
            {**period, "district_id": other.district_id},
            403,
        ),
        (
            tokens.district("district_admin", world.district_id),
            {"from": "2026-09-30", "to": "2026-09-01"},
            422,
        ),
    ]
    for headers, body, status in cases:
        response = client.post("/v1/replays", json=body, headers=headers)
        assert response.status_code == status, (body, response.json)
        assert "rule" in response.json["error"] or "fields" in response.json["error"]


def test_the_replay_command_queues_a_period_for_every_district(
    client: FlaskClient,
    tokens: Tokens,
    feed: Feed,
    world: World,
    database_url: str,
    uow_factory: Callable[[], UnitOfWork],
    monkeypatch: Any,
    capsys: Any,
) -> None:
    submit_days(client, tokens, world, "2026-09-03")
    submit_days(client, tokens, build_world(feed), "2026-09-04", "2026-11-01")
    mark_all_published(uow_factory)
    monkeypatch.setenv("DATABASE_URL", database_url)

    main(["replay", "--from", "2026-09-01", "--to", "2026-09-30"])

    assert '"walkthroughs": 2' in capsys.readouterr().out
    assert len(pending_event_ids(uow_factory)) == 2
    main(["replay", "--from", "2026-09-01", "--to", "2026-09-30", "--district", world.district_id])
    assert '"walkthroughs": 1' in capsys.readouterr().out
