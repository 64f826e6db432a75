"""Fixtures of the anonymizer's tests: raw walkthroughs full of canaries, a migrated database."""

from __future__ import annotations

import copy
import json
import time
import uuid
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from kafka import KafkaConsumer
from kafka.consumer.fetcher import ConsumerRecord
from sqlalchemy.orm import Session, sessionmaker

from canopy_anonymizer.__main__ import MIGRATIONS
from canopy_shared.contracts import Envelope
from canopy_shared.contracts.observations_raw_v1 import OBSERVATION_SUBMITTED
from canopy_shared.db import make_engine, make_session_factory, migrate

EXAMPLES = files("canopy_shared.contracts") / "examples"

# Unmistakable values that must never leave the raw side.
CANARY_TEACHER_ID = "c4a1a7e5-0000-4000-8000-00000000dead"
CANARY_OBSERVER_ID = "c4a1a7e5-0000-4000-8000-00000000beef"
CANARY_OBSERVATION_ID = "c4a1a7e5-0000-4000-8000-00000000cafe"
CANARY_TEXTS = (
    "CANARY-NAME-Zebulon-Quixotic",
    "canary.teacher.zq@example.invalid",
    "CANARY-NOTE-overall-9f3b",
    "CANARY-NOTE-indicator-77c1",
    "CANARY-EXTRA-FIELD-5e2d",
)
CANARIES = (CANARY_TEACHER_ID, CANARY_OBSERVER_ID, CANARY_OBSERVATION_ID, *CANARY_TEXTS)


def example_raw_payload() -> dict[str, Any]:
    messages = json.loads((EXAMPLES / "observations.raw.v1.json").read_text())
    return copy.deepcopy(messages[0]["payload"])


def canary_payload(**overrides: Any) -> dict[str, Any]:
    """A valid raw payload whose people, notes and free text are all canaries."""
    payload = example_raw_payload()
    payload.update(
        observation_id=CANARY_OBSERVATION_ID,
        teacher_id=CANARY_TEACHER_ID,
        observer_id=CANARY_OBSERVER_ID,
        notes={
            "overall": f"{CANARY_TEXTS[0]} ({CANARY_TEXTS[1]}): {CANARY_TEXTS[2]}",
            "by_indicator": {"engagement.discourse": CANARY_TEXTS[3]},
        },
    )
    payload.update(overrides)
    return payload


def raw_envelope(payload: dict[str, Any]) -> Envelope:
    return Envelope(type=OBSERVATION_SUBMITTED, producer="observation-intake", payload=payload)


@pytest.fixture
def make_raw() -> Callable[..., dict[str, Any]]:
    """`make_raw(**overrides)`: a fresh canary raw payload with a unique observation id."""

    def make(**overrides: Any) -> dict[str, Any]:
        return canary_payload(**{"observation_id": str(uuid.uuid4()), **overrides})

    return make


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path}/anonymizer.db"
    migrate(url, MIGRATIONS)
    return url


@pytest.fixture
def sessions(database_url: str) -> sessionmaker[Session]:
    return make_session_factory(make_engine(database_url))


@pytest.fixture
def canaries() -> tuple[str, ...]:
    """Every canary value, ids first: none may appear in anything anonymized."""
    return CANARIES


@pytest.fixture
def canary_raw() -> dict[str, Any]:
    return canary_payload()


@pytest.fixture
def envelope_of() -> Callable[[dict[str, Any]], Envelope]:
    return raw_envelope


class TopicReader:
    """Every record of a topic from the beginning, read until a condition holds (or fail)."""

    def __init__(self, bootstrap_servers: str, topic_name: str) -> None:
        self.topic_name = topic_name
        self.records: list[ConsumerRecord] = []
        self._consumer = KafkaConsumer(
            topic_name,
            bootstrap_servers=bootstrap_servers,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            group_id=None,
        )

    def until(
        self, done: Callable[[list[ConsumerRecord]], bool], *, timeout_s: float = 60.0
    ) -> list[ConsumerRecord]:
        deadline = time.monotonic() + timeout_s
        while not done(self.records):
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{self.topic_name}: condition not met with {len(self.records)} records "
                    f"after {timeout_s}s"
                )
            for batch in self._consumer.poll(timeout_ms=300).values():
                self.records.extend(batch)
        return self.records

    def close(self) -> None:
        self._consumer.close()


@pytest.fixture
def topic_reader() -> Iterator[Callable[[str, str], TopicReader]]:
    readers: list[TopicReader] = []

    def open_reader(bootstrap_servers: str, topic_name: str) -> TopicReader:
        readers.append(TopicReader(bootstrap_servers, topic_name))
        return readers[-1]

    yield open_reader
    for reader in readers:
        reader.close()
