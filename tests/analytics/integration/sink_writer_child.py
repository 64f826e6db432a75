"""A process that writes walkthroughs to an embedded store as the sink does, for the kill test
(test_killed_sink_insert.py): `write` flushes batches of fifty until it is killed; `check` makes
one flush of one new walkthrough (a restarted sink's first write) and prints, as JSON, the
months the kill left torn and what the store then holds."""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta

from canopy_analytics.adapters.clickhouse.event_rows import ROW_BUILDERS
from canopy_analytics.adapters.clickhouse.rollup_repair import ROLLUPS, short_months
from canopy_analytics.adapters.clickhouse.store import connect, migrate
from canopy_analytics.adapters.clickhouse.writer import BatchWriter
from tests.analytics.conftest import Network, topic_of

# A replay's batch: fifty walkthroughs over two school years. ClickHouse writes one part per
# month a batch touches, facts first and views after, so most of such a flush is spent inside
# the window a kill tears (measured: 9 kills of 10 tore one; batches of five over two months
# tore 1 of 10, too few for the test to see a tear every run).
BATCH, SPAN_DAYS = 50, 730


def _stage(writer: BatchWriter, network: Network, school: str, template: str, n: int) -> None:
    for i in range(n):
        day = date(2026, 9, 1) + timedelta(days=network.rng.randrange(SPAN_DAYS))
        envelope = network.walkthrough(school, i % 4, day, {"engagement": 2}, template_id=template)
        validated = topic_of(envelope).validate(envelope.to_dict(), strict=True)
        writer.stage(ROW_BUILDERS[envelope.type](validated))


def main(path: str, mode: str, seed: int) -> None:
    store = connect(f"chdb:///{path}")
    migrate(store)
    network = Network(seed=seed)
    school = network.school(network.district(network.region()), 4)
    template = network.template({"engagement": [1, 2, 3, 4]})
    writer = BatchWriter(store)
    if mode == "write":
        print("writing", flush=True)
        while True:
            _stage(writer, network, school, template, BATCH)
            writer.flush()
    torn = {rollup.target: short_months(store, rollup) for rollup in ROLLUPS}
    _stage(writer, network, school, template, 1)
    writer.flush()
    (facts,) = store.query_rows("SELECT count() FROM observation_facts")[0]
    (counted,) = store.query_rows("SELECT sum(walkthroughs) FROM observation_weekly")[0]
    short = {rollup.target: short_months(store, rollup) for rollup in ROLLUPS}
    print(json.dumps({"torn": torn, "facts": facts, "counted": counted, "short": short}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
