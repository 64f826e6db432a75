"""Rollups a torn insert left short, put right (the sink's writer runs this before its first
write and after a failed one).

The weekly rollups are filled by materialized views as each fact insert runs, but ClickHouse
commits the fact table's part before the parts its views write, not atomically: a process
killed in between (SIGKILL, the OOM killer, a power cut) leaves facts stored that no rollup
counted, and the writer's retry then skips those facts as stored. Measured on the embedded
engine: the sink's writer SIGKILLed while inserting left a view behind its facts in 1 to 5 kills
of 10 with batches of five walkthroughs over two months, and 6 to 9 of 10 with batches of fifty
over two years (a part per month touched, so a longer window). It is why the fault round on
PostgreSQL once ended five walkthroughs (one sink batch) short; with this repair the same round
has since logged a rebuilt month after its whole-system SIGKILL and counted every walkthrough.

Finding it is cheap: a view counts every fact row inserted, so per month a rollup's sum equals
its fact table's row count. A month where they differ is rebuilt from its facts (deduplicated:
FINAL) with the view's own query, read from the engine so the query has one definition. Then
the facts version every answer's cache key reads (`facts_versions`, filled by a view too) moves
on, so no answer computed from the short rollup is served again.

A difference must stand still for `SETTLE_S` before a month is rebuilt, so another sink's insert
caught between its facts and its views (production runs several against one server) is not
taken for a tear. An insert in flight through the rebuild itself would still be counted twice
in that month; the next check (a sink's start, a failed write) finds and rebuilds it again.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass

from canopy_analytics.adapters.clickhouse.store import ClickHouseStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rollup:
    view: str  # the materialized view that fills `target` from `source`
    target: str
    source: str
    measure: str  # the target's column that counts source rows


ROLLUPS = (
    Rollup("observation_weekly_mv", "observation_weekly", "observation_facts", "walkthroughs"),
    Rollup("rating_weekly_mv", "rating_weekly", "rating_facts", "ratings"),
)
# How long a difference must stand before it is taken for a tear: with several sinks on one
# server (production replicas) another's insert may be between its facts and its views.
SETTLE_S = 1.0
# The rollups' partition: the month of the observed day's week.
_MONTH = "toYYYYMM(toMonday(observed_on))"


def repair_rollups(store: ClickHouseStore, *, settle_s: float = SETTLE_S) -> list[str]:
    """Rebuild every rollup month whose count differs from its facts, and still differs as much
    `settle_s` later; returns those rebuilt ("observation_weekly 202611")."""
    rebuilt: list[str] = []
    months: set[int] = set()
    for rollup in ROLLUPS:
        first = _counts(store, rollup)
        if not _short(first):
            continue
        time.sleep(settle_s)
        again = _counts(store, rollup)
        for month in _short(again):
            if again[month] != first.get(month):
                continue  # still moving: an insert of another writer in flight, not a tear
            _rebuild(store, rollup, month)
            rebuilt.append(f"{rollup.target} {month}")
            months.add(month)
    if months:
        _move_facts_versions(store, sorted(months))
        log.warning("rollups rebuilt from their facts after a torn insert: %s", ", ".join(rebuilt))
    _catch_up_facts_versions(store)
    return rebuilt


def short_months(store: ClickHouseStore, rollup: Rollup) -> list[int]:
    """Months whose rollup sum is not the fact table's row count."""
    return _short(_counts(store, rollup))


Counts = dict[int, tuple[int, int]]  # month -> (fact rows, rollup sum)


def _counts(store: ClickHouseStore, rollup: Rollup) -> Counts:
    facts: dict[int, int] = dict(
        store.query_rows(f"SELECT {_MONTH} AS month, count() FROM {rollup.source} GROUP BY month")
    )
    counted: dict[int, int] = dict(
        store.query_rows(
            f"SELECT toYYYYMM(week) AS month, sum({rollup.measure}) FROM {rollup.target}"
            " GROUP BY month"
        )
    )
    return {m: (facts.get(m, 0), counted.get(m, 0)) for m in facts.keys() | counted.keys()}


def _short(counts: Counts) -> list[int]:
    return sorted(month for month, (facts, counted) in counts.items() if facts != counted)


def _rebuild(store: ClickHouseStore, rollup: Rollup, month: int) -> None:
    (select,) = store.query_rows(
        "SELECT as_select FROM system.tables WHERE database = currentDatabase()"
        " AND name = {view:String}",
        {"view": rollup.view},
    )[0]
    source = re.compile(rf"\bFROM\s+(?:\w+\.)?`?{rollup.source}`?(?=\s|$)")
    if len(source.findall(select)) != 1:
        raise RuntimeError(f"{rollup.view} does not read {rollup.source} once: {select}")
    month_facts = f"FROM (SELECT * FROM {rollup.source} FINAL WHERE {_MONTH} = {int(month)})"
    store.command(f"ALTER TABLE {rollup.target} DROP PARTITION {int(month)}")
    store.command(f"INSERT INTO {rollup.target} {source.sub(month_facts, select)}")


def _move_facts_versions(store: ClickHouseStore, months: list[int]) -> None:
    """A new last-write moment for every district with facts in `months` (their cached answers
    were computed from the short rollups)."""
    store.command(
        "INSERT INTO facts_versions SELECT district_id, toUInt64(0), now64(3)"
        f" FROM observation_facts WHERE {_MONTH} IN ({', '.join(str(int(m)) for m in months)})"
        " GROUP BY district_id"
    )


def _catch_up_facts_versions(store: ClickHouseStore) -> None:
    """`facts_versions` counts every fact row inserted, so it is never below the rows stored
    (merges only remove duplicates); where a torn insert left it below, count what it missed."""
    store.command(
        "INSERT INTO facts_versions SELECT district_id, toUInt64(stored - inserted), now64(3)"
        " FROM (SELECT district_id, count() AS stored FROM observation_facts GROUP BY district_id)"
        " AS facts LEFT JOIN (SELECT district_id, sum(inserted) AS inserted FROM facts_versions"
        " GROUP BY district_id) AS versions USING district_id WHERE stored > inserted"
    )
