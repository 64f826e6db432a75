"""Fixtures of the analytics tests: a real (embedded) ClickHouse database per test, a builder
of synthetic networks (region, districts, schools, teachers, a template, walkthroughs) whose
messages pass the real contracts, and `ingest` to write messages through the sink's own rows.

One chdb store path per test module (the engine holds one path per process), a fresh DATABASE
per test inside it, every client closed in teardown.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from canopy_analytics.__main__ import main as analytics_command
from canopy_analytics.adapters.clickhouse.event_rows import ROW_BUILDERS
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore, connect, migrate
from canopy_analytics.adapters.clickhouse.writer import BatchWriter
from canopy_analytics.bootstrap import Dependencies
from canopy_shared.contracts import (
    OBSERVATIONS_ANONYMIZED,
    TEMPLATES_EVENTS,
    TENANCY_EVENTS,
    Envelope,
    Topic,
)
from canopy_shared.contracts.vocabulary import school_year_on
from canopy_shared.testing.tokens import TestSigner
from canopy_shared.web.dependencies import current_dependencies

SUBJECTS = ("math", "ela", "science")
BANDS = ("3-5", "6-8")


@pytest.fixture(scope="module")
def chdb_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ClickHouseStore]]:
    path = tmp_path_factory.mktemp("chdb") / "analytics.chdb"
    admin = connect(f"chdb:///{path}")
    yield path, admin
    admin.close()


@pytest.fixture
def clickhouse_dsn(chdb_root: tuple[Path, ClickHouseStore]) -> Iterator[str]:
    """A migrated, empty database of its own for this test."""
    path, admin = chdb_root
    database = f"test_{uuid.uuid4().hex[:12]}"
    admin.command(f"CREATE DATABASE {database}")
    dsn = f"chdb:///{path}?database={database}"
    store = connect(dsn)
    try:
        migrate(store)
    finally:
        store.close()
    yield dsn
    admin.command(f"DROP DATABASE IF EXISTS {database} SYNC")


@pytest.fixture
def store(clickhouse_dsn: str) -> Iterator[ClickHouseStore]:
    store = connect(clickhouse_dsn)
    yield store
    store.close()


def topic_of(envelope: Envelope) -> Topic:
    for candidate in (OBSERVATIONS_ANONYMIZED, TENANCY_EVENTS, TEMPLATES_EVENTS):
        if envelope.type in candidate.schema.PAYLOADS:
            return candidate
    raise KeyError(envelope.type)


@pytest.fixture(name="topic_of")
def topic_of_fixture() -> Callable[[Envelope], Topic]:
    return topic_of


@pytest.fixture
def ingest(store: ClickHouseStore) -> Callable[[list[Envelope]], int]:
    """`write_as_sink` into the test's store, a new writer each time."""
    return lambda envelopes: write_as_sink(BatchWriter(store), envelopes)


def write_as_sink(writer: BatchWriter, envelopes: list[Envelope]) -> int:
    """Write messages as the sink does (contract-validated, staged, one flush); returns the
    walkthroughs newly inserted."""
    for envelope in envelopes:
        validated = topic_of(envelope).validate(envelope.to_dict(), strict=True)
        builder = ROW_BUILDERS.get(envelope.type)
        if builder is not None:
            writer.stage(builder(validated))
    return writer.flush()


def dependencies_of(app: Flask) -> Dependencies:
    """The dependencies an analytics app was built with (its export threads, its sink)."""
    with app.app_context():
        return current_dependencies(Dependencies)


# --- synthetic networks ---------------------------------------------------------------------


def _pseudonym(*parts: str) -> str:
    return hashlib.sha256("/".join(parts).encode()).hexdigest()


@dataclass
class SchoolInfo:
    school_id: str
    district_id: str
    teachers: list[str]  # pseudonyms
    rostered: int


@dataclass
class Network:
    """Messages a test publishes, and the walkthrough payloads it can compute figures from."""

    seed: int = 7
    events: list[Envelope] = field(default_factory=list)
    walkthroughs: list[dict[str, Any]] = field(default_factory=list)
    schools: dict[str, SchoolInfo] = field(default_factory=dict)
    region_of: dict[str, str | None] = field(default_factory=dict)  # district -> region

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def _event(self, type_: str, payload: dict[str, Any], at: str = "2026-08-01T12:00:00+00:00"):
        envelope = Envelope(type=type_, payload=payload, producer="test", occurred_at=at)
        self.events.append(envelope)
        return envelope

    def region(self, name: str = "Gulf Coast ESC") -> str:
        region_id = str(uuid.uuid4())
        self._event("region.created", {"region_id": region_id, "name": name})
        return region_id

    def district(self, region_id: str | None, name: str = "District", connect: bool = True) -> str:
        district_id = str(uuid.uuid4())
        self._event(
            "district.created", {"district_id": district_id, "name": name, "region_id": region_id}
        )
        self.region_of[district_id] = region_id if connect else None
        if region_id and connect:
            self.connect(district_id, region_id)
        return district_id

    def connect(
        self, district_id: str, region_id: str, at: str = "2026-08-01T12:00:00+00:00"
    ) -> None:
        self._event(
            "district.connected",
            {
                "district_id": district_id,
                "region_id": region_id,
                "agreement_version": "dsa-1",
                "connected_at": at,
            },
            at,
        )
        self.region_of[district_id] = region_id

    def disconnect(
        self, district_id: str, region_id: str, at: str = "2026-10-01T12:00:00+00:00"
    ) -> None:
        self._event(
            "district.disconnected",
            {"district_id": district_id, "region_id": region_id, "disconnected_at": at},
            at,
        )

    def school(
        self, district_id: str, teachers: int, name: str = "School", rostered: int | None = None
    ) -> str:
        school_id = str(uuid.uuid4())
        region_id = self.region_of.get(district_id)
        self._event(
            "school.created",
            {
                "school_id": school_id,
                "district_id": district_id,
                "region_id": region_id,
                "name": name,
            },
        )
        rostered = teachers if rostered is None else rostered
        self._event(
            "school.teacher_count",
            {
                "school_id": school_id,
                "district_id": district_id,
                "region_id": region_id,
                "teacher_count": rostered,
                "as_of": "2026-08-01T12:00:00Z",
            },
        )
        pseudonyms = [_pseudonym(school_id, str(i)) for i in range(teachers)]
        self.schools[school_id] = SchoolInfo(school_id, district_id, pseudonyms, rostered)
        return school_id

    def template(self, indicators: dict[str, list[int]], title: str = "Walkthrough") -> str:
        template_id = str(uuid.uuid4())
        self._event(
            "template.version_published",
            {
                "template_id": template_id,
                "version_id": str(uuid.uuid4()),
                "version_number": 1,
                "owner_type": "region",
                "owner_id": str(uuid.uuid4()),
                "region_id": None,
                "title": title,
                "description": "",
                "derived_from": None,
                "sections": [
                    {
                        "key": "main",
                        "title": "Main",
                        "position": 0,
                        "indicators": [
                            {
                                "key": key,
                                "text": f"Indicator {key}",
                                "required": True,
                                "tags": [],
                                "scale": {
                                    "kind": "levels",
                                    "levels": [
                                        {"value": v, "label": f"L{v}", "descriptor": ""}
                                        for v in values
                                    ],
                                    "min": None,
                                    "max": None,
                                },
                            }
                            for key, values in indicators.items()
                        ],
                    }
                ],
                "published_at": "2026-08-01T12:00:00+00:00",
            },
        )
        return template_id

    def walkthrough(
        self,
        school_id: str,
        teacher: int,
        day: date,
        ratings: dict[str, int],
        *,
        template_id: str,
        subject: str = "math",
        grade_band: str = "3-5",
        region_id: str | None = ...,  # type: ignore[assignment]
    ) -> Envelope:
        info = self.schools[school_id]
        payload = {
            "observation_key": _pseudonym(
                "obs", str(len(self.walkthroughs)), str(self.seed), school_id
            ),
            "region_id": self.region_of.get(info.district_id) if region_id is ... else region_id,
            "district_id": info.district_id,
            "school_id": school_id,
            "teacher_pseudonym": info.teachers[teacher],
            "school_year": _school_year(day),
            "template_id": template_id,
            "template_version_id": str(uuid.UUID(int=0)),
            "indicator_keys": sorted(ratings),
            "ratings": [{"indicator_key": k, "value": v} for k, v in sorted(ratings.items())],
            "subject": subject,
            "grade_band": grade_band,
            "observed_on": day.isoformat(),
            "duration_minutes": 10,
        }
        self.walkthroughs.append(payload)
        return Envelope(type="observation.anonymized", payload=payload, producer="anonymizer")

    def random_walkthroughs(
        self,
        template_id: str,
        indicators: dict[str, list[int]],
        *,
        per_teacher: int,
        start: date,
        weeks: int,
    ) -> list[Envelope]:
        out = []
        for info in self.schools.values():
            for teacher in range(len(info.teachers)):
                subject = self.rng.choice(SUBJECTS)
                band = self.rng.choice(BANDS)
                for _ in range(per_teacher):
                    day = start + timedelta(days=self.rng.randrange(weeks * 7))
                    ratings = {k: self.rng.choice(v) for k, v in indicators.items()}
                    out.append(
                        self.walkthrough(
                            info.school_id,
                            teacher,
                            day,
                            ratings,
                            template_id=template_id,
                            subject=subject,
                            grade_band=band,
                        )
                    )
        return out


def _school_year(day: date) -> str:
    return school_year_on(day)  # the anonymizer stamps the observation day's school year


@pytest.fixture
def network() -> Network:
    return Network()


Headers = dict[str, str]


@pytest.fixture
def as_region(signer: TestSigner) -> Callable[..., Headers]:
    def headers(region_id: str, role: str = "region_leader") -> Headers:
        token = signer.mint(role=role, org_id=region_id, org_tier="region", region_id=region_id)
        return {"Authorization": f"Bearer {token}"}

    return headers


@pytest.fixture
def as_district(signer: TestSigner) -> Callable[..., Headers]:
    def headers(district_id: str, role: str = "district_leader") -> Headers:
        token = signer.mint(
            role=role, org_id=district_id, org_tier="district", district_id=district_id
        )
        return {"Authorization": f"Bearer {token}"}

    return headers


# --- region releases (issue #19) --------------------------------------------------------------


def month_closes(day: date, settling: timedelta = timedelta(0)) -> datetime:
    """When the month a day's week belongs to (its Thursday's) has closed: the end of the last
    week whose Thursday falls in it, plus the settling delay. Computed here by walking days,
    independently of `domain.releases`."""
    thursday = day - timedelta(days=day.weekday()) + timedelta(days=3)
    while (thursday + timedelta(days=7)).month == thursday.month:
        thursday += timedelta(days=7)
    end = thursday + timedelta(days=4)  # the Monday after the month's last week
    return datetime(end.year, end.month, end.day, tzinfo=UTC) + settling


def released_walkthroughs(
    walkthroughs: list[dict[str, Any]], cut: datetime, settling: timedelta = timedelta(0)
) -> list[dict[str, Any]]:
    """The walkthroughs a region sees after one release cut at `cut` (all of them ingested
    before it): those of months that had closed by then."""
    return [
        w
        for w in walkthroughs
        if month_closes(date.fromisoformat(w["observed_on"][:10]), settling) <= cut
    ]


def cut_release(environment: dict[str, str]) -> datetime:
    """Cut a region release as an operator does: the `python -m canopy_analytics release`
    command, run in this process (a new interpreter costs seconds) in the service's
    environment. Returns the cut's moment, as the command prints it."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        analytics_command(["release"], environment)
    return datetime.fromisoformat(printed.getvalue().strip().rpartition(" ")[2])
