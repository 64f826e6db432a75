"""A broker that goes away: a consumer's poll waits for it instead of raising. (A relay re-driving
a lost log through a broker restart is proven end to end in tests/e2e/faults/.)"""

from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import MetaData

from canopy_shared.contracts import TENANCY_EVENTS
from canopy_shared.messaging.broker_epoch import announce_epoch, new_epoch
from canopy_shared.messaging.outbox import define_outbox_table
from canopy_shared.messaging.topics_admin import ensure_topics
from canopy_shared.runtime.broker import free_port, start_broker, stop_process
from canopy_shared.testing.broker import HOST, RunningBroker
from canopy_shared.testing.messaging import consumer_loop

pytestmark = [pytest.mark.integration, pytest.mark.timeout(360)]
TOPIC = TENANCY_EVENTS.name
metadata = MetaData()
outbox = define_outbox_table(metadata)


def _broker(port: int) -> subprocess.Popen[bytes]:
    epoch = new_epoch()
    process = start_broker(HOST, port)
    ensure_topics(f"{HOST}:{port}")
    announce_epoch(f"{HOST}:{port}", epoch)
    return process


def test_a_consumer_poll_without_a_broker_waits_instead_of_raising() -> None:
    port = free_port(HOST)
    process = _broker(port)
    settings = RunningBroker(port).kafka_settings()
    loop = consumer_loop(settings, group_id="g-away", topics=[TOPIC], handlers={})
    loop.run_once(poll_timeout_ms=200)
    stop_process(process)
    for _ in range(5):
        assert loop.run_once(poll_timeout_ms=200) == 0
    loop.close()
