"""The embedded runtime end to end: messages produced onto a real Tansu broker, the sink running
in a thread of the analytics app over real chdb, figures read through the HTTP API.

Replaying every message changes no figure; a malformed message goes to the dead-letter topic;
teacher events never reach ClickHouse; a failed insert commits nothing and is retried.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from canopy_analytics.__main__ import MIGRATIONS
from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.app import create_app
from canopy_analytics.bootstrap import build_sink_loop
from canopy_analytics.handlers import TOPICS
from canopy_analytics.settings import Settings
from canopy_shared.contracts import OBSERVATIONS_ANONYMIZED, OBSERVATIONS_RAW, Envelope
from canopy_shared.db import migrate as migrate_sql
from canopy_shared.messaging.publisher import KafkaSink
from canopy_shared.runtime.infrastructure import build_infrastructure
from canopy_shared.testing.broker import RunningBroker, read_topic
from canopy_shared.testing.messaging import kafka_publisher
from canopy_shared.testing.tokens import TestSigner
from tests.analytics.conftest import dependencies_of

pytestmark = pytest.mark.integration

INDICATORS = {"engagement": [1, 2, 3, 4], "rigor": [0, 1]}


def wait_for(condition: Callable[[], bool], timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.2)


def publish(broker: RunningBroker, envelopes: list[Envelope], topic_of) -> None:
    publisher = kafka_publisher(broker.kafka_settings())
    for envelope in envelopes:
        publisher.publish(topic_of(envelope).name, envelope)
    publisher.flush()


def walkthroughs(store: ClickHouseStore) -> int:
    return store.query_rows("SELECT count() FROM observation_facts FINAL")[0][0]


def rostered(store: ClickHouseStore) -> int:
    return store.query_rows(
        "SELECT count() FROM school_teacher_counts FINAL"
        " WHERE district_id IN (SELECT district_id FROM district_connections)"
    )[0][0]


@pytest.fixture
def app(
    tmp_path: Path, broker: RunningBroker, clickhouse_dsn: str, store: ClickHouseStore
) -> Iterator[Flask]:
    settings = Settings.from_env(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path}/analytics.db",
            "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap_servers,
            "KAFKA_MAX_POLL_INTERVAL_MS": "3000",
            "KAFKA_SESSION_TIMEOUT_MS": "3000",
            "KAFKA_HEARTBEAT_INTERVAL_MS": "500",
            "TENANCY_JWKS_URL": "http://127.0.0.1:9/.well-known/jwks.json",
            "CLICKHOUSE_DSN": clickhouse_dsn,
            "ANALYTICS_SINK_IN_PROCESS": "1",
            "ANALYTICS_SINK_BATCH_MESSAGES": "300",
            "ANALYTICS_SINK_BATCH_SECONDS": "0.3",
        }
    )
    migrate_sql(settings.common.database_url, MIGRATIONS)  # the sink records revocations there
    signer = TestSigner()
    app = create_app(
        settings, build_infrastructure(settings.common, verifier=signer.verifier()), store
    )
    app.config["signer"] = signer
    yield app
    dependencies_of(app).stop()


def answers(app: Flask, region: str, district: str) -> dict[str, Any]:
    signer: TestSigner = app.config["signer"]
    region_token = signer.mint(role="region_admin", org_id=region, org_tier="region")
    district_token = signer.mint(role="district_leader", org_id=district, district_id=district)
    client = app.test_client()
    out = {}
    for name, token in (("region", region_token), ("district", district_token)):
        headers = {"Authorization": f"Bearer {token}"}
        for path in (
            "/v1/summary?school_year=2026-2027",
            "/v1/coverage?granularity=month&start=2026-09-01&end=2027-01-31",
        ):
            response = client.get(path, headers=headers)
            assert response.status_code == 200, response.json
            out[f"{name} {path}"] = response.json
    return out


def test_sink_figures_survive_replay_and_bad_messages(
    app: Flask, broker: RunningBroker, store: ClickHouseStore, network, topic_of
) -> None:
    region = network.region()
    districts = [network.district(region, f"D{i}") for i in range(3)]
    for district in districts:
        for size in (12, 14, 6):
            network.school(district, size)
    template = network.template(INDICATORS)
    observed = network.random_walkthroughs(
        template, INDICATORS, per_teacher=3, start=date(2026, 9, 7), weeks=12
    )
    publish(broker, [*network.events, *observed], topic_of)
    # Tenancy and template events travel on their own topics: wait for them too.
    wait_for(lambda: walkthroughs(store) == len(observed) and rostered(store) == 9)
    before = answers(app, region, districts[0])
    assert before["district /v1/summary?school_year=2026-2027"]["totals"]["teachers_observed"][
        "walkthroughs"
    ] == sum(w["district_id"] == districts[0] for w in network.walkthroughs)

    # Replay everything (a rebalance duplicate, a replay from intake), a malformed message, and
    # a teacher event; then one walkthrough per district in an earlier school year, which lands
    # behind the replay in each district's partition.
    KafkaSink(broker.kafka_settings(), client_id="garbage").send(
        OBSERVATIONS_ANONYMIZED.name, key=None, value=b"{not json", headers=[]
    )
    teacher_id = str(uuid.uuid4())
    network._event(
        "teacher.rostered",
        {
            "teacher_id": teacher_id,
            "district_id": districts[0],
            "school_ids": [next(iter(network.schools))],
        },
    )
    late = [
        network.walkthrough(school, 0, date(2025, 10, 6), {"engagement": 2}, template_id=template)
        for school in list(network.schools)[::3]
    ]
    publish(broker, [*network.events, *observed, *observed[:50], *late], topic_of)
    wait_for(lambda: walkthroughs(store) == len(observed) + len(late))

    after = answers(app, region, districts[0])
    for key in before:
        assert after[key] == before[key], key
    dead = read_topic(broker.bootstrap_servers, "observations.anonymized.dlq.v1", expect=1)
    assert len(dead) == 1 and b"not json" in dead[0].value
    tables = [t for (t,) in store.query_rows("SHOW TABLES") if not t.endswith("_mv")]
    for table in tables:
        text = store.query_rows(
            f"SELECT count() FROM {table} WHERE position(toString(tuple(*)), {{t:String}}) > 0",
            {"t": teacher_id},
        )
        assert text == [(0,)], f"teacher id found in {table}"


def test_sink_reads_only_the_anonymized_stream_of_observations() -> None:
    assert OBSERVATIONS_RAW.name not in TOPICS
    assert OBSERVATIONS_ANONYMIZED.name in TOPICS


class FlakyStore:
    """A store whose first fact insert fails, as a ClickHouse outage would."""

    def __init__(self, store: ClickHouseStore) -> None:
        self._store = store
        self.failures = 0

    def insert(self, table: str, rows: list, column_names: list[str]) -> None:
        if table == "observation_facts" and not self.failures:
            self.failures += 1
            raise ConnectionError("ClickHouse went away")
        self._store.insert(table, rows, column_names)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def test_a_failed_insert_commits_nothing_and_is_retried(
    broker: RunningBroker, store: ClickHouseStore, network, topic_of
) -> None:
    region = network.region()
    school = network.school(network.district(region), 10)
    template = network.template(INDICATORS)
    observed = [
        network.walkthrough(school, t, date(2026, 9, 8), {"engagement": 3}, template_id=template)
        for t in range(10)
    ]
    publish(broker, [*network.events, *observed], topic_of)
    flaky = FlakyStore(store)
    loop, dead_letters = build_sink_loop(
        broker.kafka_settings(),
        flaky,
        max_messages=1000,
        max_wait_s=0.2,
        group_id=f"g-{uuid.uuid4().hex[:6]}",
    )
    try:
        for _ in range(200):
            loop.run_once(poll_timeout_ms=100)
            if walkthroughs(store) == len(observed):
                break
    finally:
        loop.close()
        dead_letters.close()
    assert flaky.failures == 1
    assert walkthroughs(store) == len(observed)
    counts = store.query_rows("SELECT sum(walkthroughs) FROM observation_weekly")
    assert counts == [(len(observed),)]  # the rollup counted each walkthrough once
