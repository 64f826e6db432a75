"""The bench's parts ceiling does the parts' real work on every rung it claims: the top rung
refuses what intake's schema refuses, checks the token, and commits both rows a walkthrough
makes (a ceiling that skipped any of it would flatter Canopy's ratio to it)."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmark"))
import parts_app

from canopy_shared.db import make_engine
from canopy_shared.testing.tokens import TestSigner


def walkthrough(**overrides: Any) -> dict[str, Any]:
    body = {
        "observation_id": str(uuid.uuid4()),
        "school_id": str(uuid.uuid4()),
        "teacher_id": str(uuid.uuid4()),
        "template_version_id": str(uuid.uuid4()),
        "observed_at": "2026-09-14T09:30:00-05:00",
        "duration_minutes": 12,
        "subject": "math",
        "grade_level": "4",
        "ratings": [{"indicator_key": "engagement.on_task", "value": 3}],
        "notes": {"overall": "Strong number talk to open."},
    }
    return {**body, **overrides}


@pytest.fixture
def signer() -> TestSigner:
    return TestSigner()


@pytest.fixture
def database(tmp_path: Path) -> str:
    return parts_app.prepare_database(str(tmp_path / "parts.db"))


def client(parts: int, signer: TestSigner, database: str) -> FlaskClient:
    app = parts_app.create_app(parts, verifier=signer.verifier(), database_url=database)
    return app.test_client()


def stored(database: str) -> tuple[int, int]:
    engine = make_engine(database)
    with engine.connect() as connection:
        rows = connection.scalar(select(func.count()).select_from(parts_app.walkthroughs))
        messages = connection.scalar(
            select(func.count()).where(parts_app.outbox.c.topic == parts_app.RAW_TOPIC)
        )
    engine.dispose()
    return rows or 0, messages or 0


def test_the_top_rung_checks_the_token_loads_the_body_and_commits_both_rows(
    signer: TestSigner, database: str
) -> None:
    web = client(parts_app.DATABASE, signer, database)
    district = str(uuid.uuid4())
    token = signer.mint(role="observer", district_id=district)
    headers = {"Authorization": f"Bearer {token}"}

    accepted = web.post("/v1/walkthroughs", json=walkthrough(), headers=headers)
    unsigned = web.post("/v1/walkthroughs", json=walkthrough())
    unknown = web.post("/v1/walkthroughs", json=walkthrough(colour="red"), headers=headers)
    batch = web.post(
        "/v1/walkthroughs/batch",
        json={"walkthroughs": [walkthrough(), walkthrough()]},
        headers=headers,
    )

    assert accepted.status_code == 201
    assert accepted.json["district_id"] == district
    assert accepted.json["ratings"] == [{"indicator_key": "engagement.on_task", "value": 3}]
    assert unsigned.status_code == 401
    assert unknown.status_code == 422
    assert "colour" in unknown.json["errors"]["json"]
    assert batch.status_code == 200 and batch.json["created"] == 2
    assert stored(database) == (3, 3)


@pytest.mark.parametrize("parts", [parts_app.FRAMEWORK, parts_app.TRACING])
def test_the_rungs_below_the_token_answer_any_json(
    parts: int, signer: TestSigner, database: str
) -> None:
    web = client(parts, signer, database)

    answer = web.post("/v1/walkthroughs", json={"observation_id": "x"})

    assert answer.status_code == 201 and answer.json == {"observation_id": "x"}
    assert stored(database) == (0, 0)


def test_the_schema_rung_refuses_without_storing(signer: TestSigner, database: str) -> None:
    web = client(parts_app.SCHEMAS, signer, database)
    headers = {"Authorization": f"Bearer {signer.mint(role='observer')}"}

    ok = web.post("/v1/walkthroughs", json=walkthrough(), headers=headers)
    bad = web.post("/v1/walkthroughs", json=walkthrough(subject="alchemy"), headers=headers)

    assert ok.status_code == 201 and bad.status_code == 422
    assert stored(database) == (0, 0)
