"""Acceptance: the real consumer process, SIGKILLed mid-stream and restarted, still turns every
raw walkthrough into its anonymized message, and every duplicate is byte-identical (same event
id, same payload) to the message the replayed raw one produced before."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from canopy_anonymizer.adapters.key_wrapping import KeyWrapping
from canopy_anonymizer.adapters.repositories import SqlKeyStore
from canopy_anonymizer.domain.anonymization import anonymized_envelope, school_year_of
from canopy_anonymizer.domain.keys import DistrictYearKey
from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED, OBSERVATIONS_RAW, Envelope
from canopy_shared.db import make_engine, make_session_factory
from canopy_shared.testing.broker import RunningBroker
from canopy_shared.testing.messaging import kafka_publisher

pytestmark = pytest.mark.integration
DISTRICTS = [str(uuid.uuid4()) for _ in range(5)]
TEACHERS = [str(uuid.uuid4()) for _ in range(12)]
DAYS = ["2027-05-03T09:15:00-05:00", "2027-09-08T10:40:00-05:00"]  # two school years
PER_PHASE = 150


@pytest.fixture
def environment(broker: RunningBroker, tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/anonymizer.db",
        "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap_servers,
        "KAFKA_MAX_POLL_INTERVAL_MS": "3000",
        "KAFKA_SESSION_TIMEOUT_MS": "3000",
        "KAFKA_HEARTBEAT_INTERVAL_MS": "500",
        "ANONYMIZER_KEY_ENCRYPTION_KEY": base64.b64encode(os.urandom(32)).decode(),
        "OTEL_TRACES_EXPORTER": "none",
    }


@pytest.fixture
def start_consumer(
    environment: dict[str, str], tmp_path: Path
) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    command = [sys.executable, "-m", "canopy_anonymizer"]
    subprocess.run([*command, "migrate"], env=environment, check=True, timeout=120)
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        log = open(tmp_path / f"consumer-{len(started)}.log", "wb")  # noqa: SIM115
        started.append(
            subprocess.Popen([*command, "consume"], env=environment, stdout=log, stderr=log)
        )
        return started[-1]

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def raw_walkthroughs(make_raw: Callable[..., dict[str, Any]], n: int) -> list[dict[str, Any]]:
    return [
        make_raw(
            district_id=DISTRICTS[i % len(DISTRICTS)],
            teacher_id=TEACHERS[i % len(TEACHERS)],
            observed_at=DAYS[i % len(DAYS)],
        )
        for i in range(n)
    ]


def publish(broker: RunningBroker, raws: list[dict[str, Any]], envelope_of: Any) -> None:
    publisher = kafka_publisher(broker.kafka_settings())
    for raw in raws:
        publisher.publish(OBSERVATIONS_RAW.name, envelope_of(raw))
    publisher.flush()


def stored_keys(raws: list[dict[str, Any]], environment: dict[str, str]) -> list[DistrictYearKey]:
    """The keys the consumer stored, decrypted with its KEK."""
    store = SqlKeyStore(make_session_factory(make_engine(environment["DATABASE_URL"])))
    kek = base64.b64decode(environment["ANONYMIZER_KEY_ENCRYPTION_KEY"])
    keys = []
    for district, year in sorted({(r["district_id"], school_year_of(r)) for r in raws}):
        stored = store.find(district, year)
        assert stored is not None, f"no key for {district} {year}"
        secret = KeyWrapping(kek).unwrap(
            stored.material, wrapped_by=stored.wrapped_by, district_id=district, school_year=year
        )
        keys.append(DistrictYearKey(district, year, secret))
    return keys


def expected_messages(raws: list[dict[str, Any]], keys: list[DistrictYearKey]) -> dict[str, bytes]:
    """event id -> the exact bytes each raw walkthrough must produce."""
    by_district_year = {(k.district_id, k.school_year): k for k in keys}
    envelopes = [
        anonymized_envelope(raw, by_district_year[raw["district_id"], school_year_of(raw)])
        for raw in raws
    ]
    return {e.event_id: e.to_bytes() for e in envelopes}


def distinct_event_ids(records: list[Any]) -> set[str]:
    return {json.loads(r.value)["event_id"] for r in records}


def test_sigkill_mid_stream_loses_nothing_and_duplicates_are_identical(
    broker: RunningBroker,
    environment: dict[str, str],
    start_consumer: Callable[[], subprocess.Popen[bytes]],
    topic_reader: Any,
    make_raw: Callable[..., dict[str, Any]],
    envelope_of: Callable[[dict[str, Any]], Envelope],
    tmp_path: Path,
) -> None:
    raws = raw_walkthroughs(make_raw, 2 * PER_PHASE)
    output = topic_reader(broker.bootstrap_servers, OBSERVATIONS_ANONYMIZED.name)

    first = start_consumer()
    publish(broker, raws[:PER_PHASE], envelope_of)
    output.until(lambda records: len(records) >= 20, timeout_s=120)
    first.send_signal(signal.SIGKILL)  # no shutdown, no commit: mid-stream
    assert first.wait(timeout=30) == -signal.SIGKILL

    publish(broker, raws[PER_PHASE:], envelope_of)  # arrives while no anonymizer runs
    second = start_consumer()
    records = output.until(
        lambda records: len(distinct_event_ids(records)) >= len(raws), timeout_s=180
    )
    second.send_signal(signal.SIGTERM)
    assert second.wait(timeout=60) == 0  # graceful stop on SIGTERM

    keys = stored_keys(raws, environment)
    expected = expected_messages(raws, keys)
    assert len(expected) == len(raws)  # one distinct anonymized message per walkthrough
    assert distinct_event_ids(records) == set(expected)
    for record in records:
        event_id = json.loads(record.value)["event_id"]
        assert record.value == expected[event_id]  # duplicates included: identical bytes
        assert record.key == json.loads(record.value)["payload"]["district_id"].encode()
    # Keys survived the crash: one per district and school year, none regenerated.
    store = SqlKeyStore(make_session_factory(make_engine(environment["DATABASE_URL"])))
    assert len(store.metadata()) == len(keys) == len(DISTRICTS) * len(DAYS)
    logs = b"".join(p.read_bytes() for p in tmp_path.glob("consumer-*.log")).decode("latin-1")
    listing = subprocess.run(
        [sys.executable, "-m", "canopy_anonymizer", "keys"],
        env=environment,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()
    assert len(listing.splitlines()) == len(keys)  # the operator's view: metadata lines
    for key in keys:
        assert key.secret.hex() not in logs  # keys are never logged...
        assert key.secret.hex() not in listing  # ...nor printed
        assert base64.b64encode(key.secret).decode() not in listing
