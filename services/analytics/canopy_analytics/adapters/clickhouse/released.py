"""What a region cube reads (issues #19, #17): for a release, the rollups and per-teacher counts
of its released months, each written once from the facts ingested by the month's cut (ClickHouse
migration 0006); for a district, the live weekly rollups and facts.

A released month is written the first time a release holding it is read (`write_released`):
the facts of its weeks ingested by its cut, grouped into the rollups' shape. A month never
changes once released, so every later read of it, by any release, any process, reads these
small tables instead of scanning the facts again (at 10M walkthroughs the scan took minutes).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import UTC, date, datetime

from canopy_analytics.adapters.clickhouse.store import ClickHouseStore
from canopy_analytics.domain.cubes import RATINGS, Cube

ReleasedMonth = tuple[date, date, datetime]  # first Monday, last Monday, the cut

_KEYS = "region_id, district_id, school_id, template_id, week, subject, grade_band, school_year"
_RATING_KEYS = (
    "region_id, district_id, school_id, template_id, indicator_key, week, subject, grade_band,"
    " school_year"
)
# (table, grouping keys, what it counts) per measure and kind
_ROLLUPS = {
    "released_observation_weekly": ("observation_facts", _KEYS, "walkthroughs"),
    "released_rating_weekly": ("rating_facts", f"{_RATING_KEYS}, value", "ratings"),
}
_TEACHERS = {
    "released_observation_teachers": ("observation_facts", _KEYS),
    "released_rating_teachers": ("rating_facts", _RATING_KEYS),
}
_MONTH_FACTS = (
    "(SELECT *, toMonday(observed_on) AS week FROM {facts})"
    " WHERE week BETWEEN {{first:Date}} AND {{last:Date}}"
    " AND ingested_at <= {{cut:DateTime64(3, 'UTC')}}"
)
# One writer per process: the release warmer and a first answer must not write a month side
# by side (a second process writing it at once writes identical rows, which FINAL collapses).
_writing = threading.Lock()


def write_released(store: ClickHouseStore, months: Iterable[ReleasedMonth]) -> int:
    """Write every month of `months` not written yet; returns how many were written."""
    wanted = {(first, last, _to_ms(cut)) for first, last, cut in months}
    if not wanted or wanted <= _written(store):
        return 0
    with _writing:
        missing = sorted(wanted - _written(store))
        for first, last, cut in missing:
            parameters = {"first": first, "last": last, "cut": cut}
            for table, (facts, keys, count) in _ROLLUPS.items():
                store.command(
                    f"INSERT INTO {table} SELECT {{cut:DateTime64(3, 'UTC')}}, {keys},"
                    f" toUInt64(count()) AS {count}, uniqExactState(teacher_pseudonym)"
                    f" FROM {_MONTH_FACTS.format(facts=facts)} GROUP BY {keys}",
                    parameters,
                )
            for table, (facts, keys) in _TEACHERS.items():
                # Teachers grouped by a 64-bit hash of the pseudonym (see cubes.py).
                store.command(
                    f"INSERT INTO {table} SELECT {{cut:DateTime64(3, 'UTC')}}, {keys},"
                    " cityHash64(teacher_pseudonym) AS teacher, toUInt64(count())"
                    f" FROM {_MONTH_FACTS.format(facts=facts)} GROUP BY {keys}, teacher",
                    parameters,
                )
            written = [[first, last, cut]]
            store.insert("released_months", written, ["first_week", "last_week", "cut"])
        return len(missing)


def _written(store: ClickHouseStore) -> set[ReleasedMonth]:
    rows = store.query_rows("SELECT first_week, last_week, cut FROM released_months FINAL")
    return {(first, last, _to_ms(cut)) for first, last, cut in rows}


def _to_ms(moment: datetime) -> datetime:
    """A cut as the tables keep it (DateTime64(3, 'UTC')): milliseconds, aware."""
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=moment.microsecond // 1000 * 1000)


def released_source(cube: Cube) -> str:
    """The rows a cube groups into cells: the live weekly rollup, or a release's written
    months (`write_released` first)."""
    if cube.release is None:
        return "rating_weekly" if cube.measure == RATINGS else "observation_weekly"
    table = "released_rating_weekly" if cube.measure == RATINGS else "released_observation_weekly"
    return f"(SELECT * FROM {table} FINAL WHERE {_release_filter(cube)})"


def teacher_counts_source(cube: Cube) -> str:
    """Rows of (cell keys, teacher, n): how much each teacher contributes, per week. Live: from
    the facts, one row per fact; a release: its written months."""
    if cube.release is None:
        facts = "rating_facts" if cube.measure == RATINGS else "observation_facts"
        return (
            "(SELECT *, toMonday(observed_on) AS week,"
            f" cityHash64(teacher_pseudonym) AS teacher, toUInt64(1) AS n FROM {facts})"
        )
    table = (
        "released_rating_teachers" if cube.measure == RATINGS else "released_observation_teachers"
    )
    return f"(SELECT * FROM {table} FINAL WHERE {_release_filter(cube)})"


def _release_filter(cube: Cube) -> str:
    """A release's months: each one's weeks as written at its cut."""
    if not cube.release:
        return "0"
    return (
        "("
        + " OR ".join(
            f"(week BETWEEN {{release_first_{i}:Date}} AND {{release_last_{i}:Date}}"
            f" AND cut = {{release_cut_{i}:DateTime64(3, 'UTC')}})"
            for i in range(len(cube.release))
        )
        + ")"
    )
