"""The analytics app with the export feature over a real (embedded) ClickHouse database and a
migrated SQL database; a seeded network whose messages carry canary names, emails, ids and
notes that the sink drops (as a lenient consumer drops fields its contract does not name)."""

from __future__ import annotations

import io
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from canopy_analytics.__main__ import MIGRATIONS
from canopy_analytics.adapters.clickhouse.event_rows import ROW_BUILDERS
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.adapters.clickhouse.writer import BatchWriter
from canopy_analytics.app import create_app
from canopy_analytics.exports.settings import ExportSettings
from canopy_analytics.settings import Settings
from canopy_shared.contracts import Envelope
from canopy_shared.db import migrate
from canopy_shared.runtime.infrastructure import build_infrastructure
from canopy_shared.testing.tokens import TestSigner
from tests.analytics.conftest import cut_release, dependencies_of

Headers = dict[str, str]
INDICATORS = {"engagement": [1, 2, 3, 4], "questioning": [1, 2, 3, 4]}
CANARY_NAMES = ("Zebulon Quillfeather", "Marisol Okonkwo-Vance")
CANARY_EMAILS = ("zq.canary@example.org", "m.okonkwo.canary@example.org")
CANARY_NOTE = "CANARY-NOTE-7731 struggled with the fractions lesson"


def canaries_for(walkthrough: dict[str, Any]) -> dict[str, Any]:
    """Fields a careless producer might add; the anonymized contract does not name them."""
    return {
        "teacher_name": CANARY_NAMES[0],
        "teacher_email": CANARY_EMAILS[0],
        "observer_name": CANARY_NAMES[1],
        "observer_email": CANARY_EMAILS[1],
        "teacher_id": CANARY_TEACHER_ID,
        "notes": {"overall": CANARY_NOTE},
    }


CANARY_TEACHER_ID = "c0ffee00-1234-4abc-8def-00000000beef"


def with_canaries(envelope: Envelope) -> Envelope:
    if envelope.type != "observation.anonymized":
        return envelope
    payload = {**envelope.payload, **canaries_for(envelope.payload)}
    return Envelope(type=envelope.type, payload=payload, producer=envelope.producer)


@pytest.fixture
def lenient_ingest(store: ClickHouseStore, topic_of) -> Callable[[list[Envelope]], int]:
    """Write messages as the sink's consumer does: validated leniently (unknown fields
    dropped), staged, one flush."""

    def write(envelopes: list[Envelope]) -> int:
        writer = BatchWriter(store)
        for envelope in envelopes:
            validated = topic_of(envelope).validate(envelope.to_dict())
            builder = ROW_BUILDERS.get(envelope.type)
            if builder is not None:
                writer.stage(builder(validated))
        return writer.flush()

    return write


@pytest.fixture(scope="session")
def signer() -> TestSigner:
    return TestSigner()


def environment(tmp_path: Path, clickhouse_dsn: str, bootstrap: str) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite:///{tmp_path}/analytics.db",
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "KAFKA_MAX_POLL_INTERVAL_MS": "3000",
        "KAFKA_SESSION_TIMEOUT_MS": "3000",
        "KAFKA_HEARTBEAT_INTERVAL_MS": "500",
        "TENANCY_JWKS_URL": "http://127.0.0.1:9/.well-known/jwks.json",
        "CLICKHOUSE_DSN": clickhouse_dsn,
        "ANALYTICS_REGION_RELEASE_SETTLING_S": "0",  # a month is released once it has ended
    }


def build_app(
    environ: dict[str, str],
    tmp_path: Path,
    signer: TestSigner,
    store: ClickHouseStore,
    exports: ExportSettings | None = None,
) -> Flask:
    settings = Settings.from_env(environ)
    migrate(settings.common.database_url, MIGRATIONS)
    infra = build_infrastructure(settings.common, verifier=signer.verifier())
    # A long scheduler interval: tests call `tick()` themselves.
    exports = exports or ExportSettings(directory=tmp_path / "exports", scheduler_interval_s=3600)
    return create_app(settings, infra, store, exports)


@pytest.fixture
def app(
    tmp_path: Path, clickhouse_dsn: str, signer: TestSigner, store: ClickHouseStore
) -> Iterator[Flask]:
    app = build_app(environment(tmp_path, clickhouse_dsn, "127.0.0.1:9"), tmp_path, signer, store)
    yield app
    stop(app)


def stop(app: Flask) -> None:
    dependencies_of(app).stop()


@dataclass
class Seeded:
    region: str
    districts: list[str]
    small_district: str
    other_region: str
    other_district: str
    template: str
    pseudonyms: list[str]


def seed(network) -> tuple[Seeded, list[Envelope]]:
    region = network.region("Gulf Coast ESC")
    sizes = [[4, 12, 15, 20], [11, 14, 13], [16, 9, 18]]
    districts = [network.district(region, f"District {i}") for i in range(3)]
    for district, schools in zip(districts, sizes, strict=True):
        for i, n in enumerate(schools):
            network.school(district, n, name=f"School {i}")
    other_region = network.region("Elsewhere ESC")
    other_district = network.district(other_region, "Faraway ISD")
    network.school(other_district, 12, name="Faraway Elementary")
    network.school(other_district, 14, name="Faraway Middle")
    template = network.template(INDICATORS, title="Core Walkthrough")
    walkthroughs = network.random_walkthroughs(
        template, INDICATORS, per_teacher=3, start=date(2026, 9, 7), weeks=16
    )
    pseudonyms = sorted({w["teacher_pseudonym"] for w in network.walkthroughs})
    seeded = Seeded(
        region, districts, districts[0], other_region, other_district, template, pseudonyms
    )
    return seeded, [*network.events, *(with_canaries(w) for w in walkthroughs)]


@pytest.fixture
def seeded(network, lenient_ingest, tmp_path: Path, clickhouse_dsn: str) -> Seeded:
    seeded, messages = seed(network)
    lenient_ingest(messages)
    # Region figures come from a release: cut one, as an operator does (issue #19).
    env = environment(tmp_path, clickhouse_dsn, "127.0.0.1:9")
    migrate(env["DATABASE_URL"], MIGRATIONS)  # whichever of app and seeded comes first
    cut_release(env)
    return seeded


def run_export(app: Flask, headers: Headers, body: dict[str, Any]) -> dict[str, Any]:
    """Request an export, wait for the worker, return the finished job."""
    client = app.test_client()
    accepted = client.post("/v1/exports", json=body, headers=headers)
    assert accepted.status_code == 202, accepted.json
    assert accepted.json["status"] == "queued"
    assert dependencies_of(app).exports.service.worker.wait_idle(240)
    job = client.get(f"/v1/exports/{accepted.json['export_id']}", headers=headers)
    assert job.status_code == 200, job.json
    return dict(job.json)


def download(app: Flask, headers: Headers, job: dict[str, Any], fmt: str) -> bytes:
    response = app.test_client().get(
        f"/v1/exports/{job['export_id']}/download?format={fmt}", headers=headers
    )
    assert response.status_code == 200, response.data[:300]
    return response.data


def texts_of(content: bytes) -> list[str]:
    """Every text a file holds: a zip's members, or the file itself."""
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    return [content.decode("utf-8", "replace")]


def wait_for(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.2)


def new_id() -> str:
    return str(uuid.uuid4())
