"""Partner topics on a real broker: messages (carrying canaries) produced onto the broker, the
sink running inside the app, snapshots published through the outbox to per-region topics
created on demand. Region A's partner never receives region B's data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import Flask

from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_shared.contracts import EXPORTS_REGION, topic
from canopy_shared.testing.broker import RunningBroker, read_topic
from canopy_shared.testing.messaging import kafka_publisher
from canopy_shared.testing.tokens import TestSigner
from tests.analytics.conftest import dependencies_of
from tests.analytics.exports.conftest import (
    CANARY_EMAILS,
    CANARY_NAMES,
    CANARY_NOTE,
    CANARY_TEACHER_ID,
    build_app,
    environment,
    run_export,
    seed,
    stop,
    wait_for,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def live_app(
    tmp_path: Path,
    broker: RunningBroker,
    clickhouse_dsn: str,
    signer: TestSigner,
    store: ClickHouseStore,
) -> Iterator[Flask]:
    environ = environment(tmp_path, clickhouse_dsn, broker.bootstrap_servers)
    environ.update(ANALYTICS_SINK_IN_PROCESS="1", ANALYTICS_SINK_BATCH_SECONDS="0.3")
    app = build_app(environ, tmp_path, signer, store)
    yield app
    stop(app)  # the sink too


def test_region_a_partner_never_receives_region_b_data(
    live_app: Flask, broker: RunningBroker, store: ClickHouseStore, network, topic_of, as_region
) -> None:
    seeded, messages = seed(network)
    publisher = kafka_publisher(broker.kafka_settings())
    for message in messages:
        # Lenient producers are not the point here: send the canary-laden bytes as they are.
        publisher.publish_raw(
            topic_of(message).name,
            key=message.payload.get("district_id", "").encode() or None,
            value=json.dumps(message.to_dict()).encode(),
            headers=[],
        )
    publisher.flush()
    expected = len(network.walkthroughs)
    # Tenancy and template events travel on their own topics: wait for them too.
    wait_for(
        lambda: (
            store.query_rows(
                "SELECT (SELECT count() FROM observation_facts FINAL),"
                " (SELECT count() FROM template_versions),"
                " (SELECT count() FROM district_connections),"
                " (SELECT count() FROM school_teacher_counts)"
            )[0]
            == (expected, 1, 4, 12)
        )
    )

    topic_a = EXPORTS_REGION.for_region(seeded.region).name
    topic_b = EXPORTS_REGION.for_region(seeded.other_region).name
    job_a = run_export(
        live_app,
        as_region(seeded.region, "region_admin"),
        {"formats": ["csv"], "publish_to_partners": True},
    )
    assert job_a["status"] == "succeeded" and job_a["published_at"], job_a
    # Region B's admin publishes on a schedule: set it, make it due, tick.
    headers_b = as_region(seeded.other_region, "region_admin")
    client = live_app.test_client()
    schedule = client.put("/v1/export-schedules", json={"cadence": "weekly"}, headers=headers_b)
    assert schedule.status_code == 200, schedule.json
    assert schedule.json["topic"] == topic_b
    scheduler = dependencies_of(live_app).exports.scheduler
    (scheduled,) = scheduler.tick(datetime.now(UTC) + timedelta(days=8))
    assert dependencies_of(live_app).exports.service.worker.wait_idle(120)
    job_b = client.get(f"/v1/exports/{scheduled}", headers=headers_b).json
    assert job_b["status"] == "succeeded" and job_b["trigger"] == "schedule", job_b

    records_a = read_topic(broker.bootstrap_servers, topic_a, expect=1)
    records_b = read_topic(broker.bootstrap_servers, topic_b, expect=1)
    assert len(records_a) == 1 and len(records_b) == 1
    message_a = json.loads(records_a[0].value)
    topic(topic_a).validate(message_a, strict=True)  # the contract, and region A only
    payload = message_a["payload"]
    assert payload["region_id"] == seeded.region and payload["export_id"] == job_a["export_id"]
    assert {o["org"] for o in payload["organisations"]} == {
        f"region:{seeded.region}",
        *(f"district:{d}" for d in seeded.districts),
    }
    text_a = records_a[0].value.decode()
    for foreign in (seeded.other_region, seeded.other_district, "Faraway", "Elsewhere"):
        assert foreign not in text_a
    assert json.loads(records_b[0].value)["payload"]["region_id"] == seeded.other_region
    for record in (*records_a, *records_b):
        text = record.value.decode()
        forbidden = [*CANARY_NAMES, *CANARY_EMAILS, CANARY_NOTE, CANARY_TEACHER_ID]
        assert [c for c in [*forbidden, *seeded.pseudonyms] if c in text] == []


def test_a_snapshot_for_one_region_is_refused_on_another_regions_topic(seeded_payload) -> None:
    other = EXPORTS_REGION.for_region("e1f4b7a2-5c8d-4e3b-a9f6-0d2c7b5e8a13")
    with pytest.raises(Exception, match="region_id"):
        other.validate(seeded_payload, strict=True)


@pytest.fixture
def seeded_payload() -> dict:
    from importlib.resources import files

    examples = files("canopy_shared.contracts") / "examples"
    name = next(p.name for p in examples.iterdir() if p.name.startswith("exports.region."))
    return json.loads((examples / name).read_text())[0]
